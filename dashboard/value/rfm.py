"""RFM: recency, frequency and monetary scores 1-5 by quintile, and named segments by editable rules.

Parameters shared by every function here, and not repeated in their docstrings: ``conn`` is the
dashboard database (a cursor of its own in the app), ``filters`` the period and segments,
``cost_model`` the margins and cost rates (the saved defaults when omitted), ``rule`` where tiers
are cut (the texts' 1/10/24/65% by default) and ``source`` a query for the value table to use
instead of computing it (see :func:`dashboard.value.cache.source`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import cache, ranking, value_table
from dashboard.value.cost_model import CostModel

SETTING_KEY = "rfm_segments"
OTHER = "other"


@dataclass(frozen=True)
class Segment:
    """A named RFM segment: customers whose R and F scores fall in both ranges (inclusive)."""

    name: str
    r_min: int
    r_max: int
    f_min: int
    f_max: int

    def __post_init__(self):
        scores = (self.r_min, self.r_max, self.f_min, self.f_max)
        if not self.name or any(not 1 <= int(s) <= 5 for s in scores):
            raise AnalysisError(
                f"Segment {self.name!r}: give a name and scores from 1 to 5.",
                key="errors.segment_scores",
                name=repr(self.name),
            )
        if self.r_min > self.r_max or self.f_min > self.f_max:
            raise AnalysisError(
                f"Segment {self.name!r}: a 'from' score is above its 'to' score.",
                key="errors.segment_order",
                name=repr(self.name),
            )


#: The usual grid (no standard exists; the first matching rule wins, shown and editable).
DEFAULT_SEGMENTS = (
    Segment("champions", 5, 5, 4, 5),
    Segment("loyal", 3, 4, 4, 5),
    Segment("potential_loyalists", 4, 5, 2, 3),
    Segment("new", 5, 5, 1, 1),
    Segment("promising", 4, 4, 1, 1),
    Segment("need_attention", 3, 3, 3, 3),
    Segment("about_to_sleep", 3, 3, 1, 2),
    Segment("cant_lose", 1, 2, 5, 5),
    Segment("at_risk", 1, 2, 3, 4),
    Segment("hibernating", 1, 2, 1, 2),
)


def _score(order: str) -> str:
    # rank() gives ties the same score: 60% one-order customers all get F1, not F1-F3.
    return f"least(5, 1 + floor(5 * (rank() OVER (ORDER BY {order}) - 1) / count(*) OVER ()))"


def rfm_sql(
    filters: Filters,
    segments=DEFAULT_SEGMENTS,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL for the RFM scores and segment of every customer who bought in the period.

    Parameters
    ----------
    segments : sequence of Segment
        Rules in priority order; a customer matching none is ``'other'``.
    """
    value_sql, params = ranking.value_source(filters, cost_model, source)
    whens = " ".join("WHEN r BETWEEN ? AND ? AND f BETWEEN ? AND ? THEN ?" for _ in segments)
    rule_params = [x for s in segments for x in (s.r_min, s.r_max, s.f_min, s.f_max, s.name)]
    sql = f"""
    WITH customer_value AS ({value_sql}),
    scored AS (
        SELECT customer_id, recency_days, orders AS frequency, revenue AS monetary,
               CAST({_score("recency_days DESC")} AS INTEGER) AS r,
               CAST({_score("orders")} AS INTEGER) AS f,
               CAST({_score("revenue")} AS INTEGER) AS m
        FROM customer_value
        WHERE is_active
    )
    SELECT *, CASE {whens} ELSE '{OTHER}' END AS segment
    FROM scored"""
    return sql, [*params, *rule_params]


def rfm_scores(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    segments=None,
    cost_model: CostModel | None = None,
) -> pd.DataFrame:
    """Per buying customer: recency_days, frequency, monetary, r, f, m (1-5) and segment.

    Parameters
    ----------
    segments : sequence of Segment, optional
        The rules; the saved ones (or the defaults) when omitted.
    """
    rules = segments if segments is not None else load_segments(conn)
    cached = cache.source(conn, filters, cost_model)
    sql, params = rfm_sql(filters, rules, cost_model, cached)
    return value_table.run_query(conn, sql, params)  # unsorted: sorting a million rows is costly


def segment_summary(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    segments=None,
    cost_model: CostModel | None = None,
) -> pd.DataFrame:
    """Customers, revenue, mean recency and orders per segment, largest first (in DuckDB).

    Parameters
    ----------
    segments : sequence of Segment, optional
        The rules; the saved ones (or the defaults) when omitted.

    Returns
    -------
    pandas.DataFrame
        segment, customers, share_customers, revenue, recency_days, frequency.
    """
    rules = segments if segments is not None else load_segments(conn)
    cached = cache.source(conn, filters, cost_model)
    sql, params = rfm_sql(filters, rules, cost_model, cached)
    query = f"""
    WITH scores AS ({sql})
    SELECT segment, count(*) AS customers, count(*) / sum(count(*)) OVER () AS share_customers,
           sum(monetary) AS revenue, avg(recency_days) AS recency_days,
           avg(frequency) AS frequency
    FROM scores GROUP BY segment
    ORDER BY customers DESC, segment"""
    return value_table.run_query(conn, query, params)


def load_segments(conn: duckdb.DuckDBPyConnection) -> tuple[Segment, ...]:
    """The saved segment rules, or :data:`DEFAULT_SEGMENTS`."""
    saved = database.get_setting(conn, SETTING_KEY)
    return tuple(Segment(**s) for s in saved) if saved else DEFAULT_SEGMENTS


def save_segments(conn: duckdb.DuckDBPyConnection, segments) -> None:
    """Save edited segment rules (validated first).

    Parameters
    ----------
    segments : sequence of Segment or dict
        The rules in priority order.
    """
    rules = [s if isinstance(s, Segment) else Segment(**s) for s in segments]
    database.put_setting(conn, SETTING_KEY, [vars(s) for s in rules])
