"""Feedback over time: counts per kind and per 1,000 active customers, NPS and rating spreads."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError
from dashboard.store import computed
from dashboard.store.filters import Filters

FREQUENCIES = ("month", "week")
KINDS = ("complaint", "suggestion", "wish", "praise", "question")
#: How feedback can be split; None is no split.
SPLITS = ("tier", "cluster", "channel")
NPS_SCALE, RATING_SCALE = "nps_0_10", "rating_1_5"
#: Rows of anonymous feedback, or of customers outside every tier or cluster, are labelled so.
UNKNOWN_GROUP = "unknown"
#: Where the clusters developer saves each run's customers (run_id, customer_id, cluster).
CLUSTER_TABLE = "segment_assignments"


def run_query(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    """Run a query; errors raised on purpose in SQL (e.g. by a tier rule) become AnalysisError."""
    from dashboard.value import value_table

    return value_table.run_query(conn, sql, params)


def check_frequency(freq: str) -> str:
    """Return ``freq`` when it is 'month' or 'week', else raise AnalysisError."""
    if freq not in FREQUENCIES:
        raise AnalysisError(
            f"Unknown period {freq!r}: choose 'month' or 'week'.",
            key="errors.unknown_frequency",
            freq=repr(freq),
        )
    return freq


def feedback_where(filters: Filters, alias: str = "f") -> tuple[str, list]:
    """The shared filters as a condition on the feedback table: its date and the customer's country.

    Channel and category filters describe purchases, so they do not narrow feedback.
    """
    sql, params = filters.date_sql(f"{alias}.created_at")
    if filters.countries:
        marks = ", ".join("?" * len(filters.countries))
        sql += (
            f" AND {alias}.customer_id IN (SELECT customer_id FROM customers "
            f"WHERE country IN ({marks}))"
        )
        params = [*params, *filters.countries]
    return sql, params


def tiers_sql(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    plain: bool = False,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL (customer_id, tier) with the pyramid's saved tier rule, ranked by revenue in the range.

    The customers' value comes from the value cache (or ``source``, a kept value table), so the
    Feedback page's five tier views (and the Pyramid) rank the period once, not once each (0.3 s
    each with 200,000 customers). ``plain``: the query that ranks the period itself, as
    ``compute`` keeps its answers under (:func:`dashboard.store.computed.served`).
    """
    from dashboard.value import cache, pyramid
    from dashboard.value.cost_model import load_cost_model

    model = load_cost_model(conn)
    if source is None and not plain:
        source = cache.source(conn, filters, model)
    sql, params = pyramid.customer_tiers_sql(
        filters,
        by="revenue",
        rule=pyramid.load_tier_rule(conn),
        cost_model=model,
        source=source,
    )
    return f"SELECT customer_id, tier FROM ({sql})", list(params)


def cluster_assignments_sql(conn: duckdb.DuckDBPyConnection) -> str | None:
    """SQL giving (customer_id, grp) for the latest saved clustering run, or None without one.

    The runs are the clusters developer's ``segment_assignments`` (see store.database.SCHEMA_SQL).
    """
    latest = conn.execute(f"SELECT max(run_id) FROM {CLUSTER_TABLE}").fetchone()[0]
    if latest is None:
        return None
    return (
        f"SELECT customer_id, CAST(cluster AS VARCHAR) AS grp FROM {CLUSTER_TABLE} "
        f"WHERE run_id = {int(latest)}"
    )


def _group_parts(conn, split: str | None, filters: Filters) -> tuple[str, list, str]:
    """SQL for a ``groups`` CTE (customer_id, grp) and its params, and the expression of grp."""
    if split is None:
        return "SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS grp WHERE FALSE", [], "'all'"
    if split == "tier":
        sql, params = tiers_sql(conn, filters)
        return f"SELECT customer_id, tier AS grp FROM ({sql})", params, "g.grp"
    if split == "cluster":
        sql = cluster_assignments_sql(conn)
        if sql is None:
            raise AnalysisError(
                "No clustering run is saved yet: run one on the Clusters page.",
                key="errors.no_cluster_run",
            )
        return sql, [], "g.grp"
    if split == "channel":
        return "SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS grp WHERE FALSE", [], "'all'"
    raise AnalysisError(
        f"Unknown split {split!r}: choose tier, cluster or channel.",
        key="errors.unknown_split",
        split=repr(split),
    )


def trend_sql(conn, filters: Filters, freq: str = "month", split: str | None = None):
    """SQL and params of :func:`trend`."""
    check_frequency(freq)
    groups_sql, groups_params, grp = _group_parts(conn, split, filters)
    fb_grp = "coalesce(f.channel, 'unknown')" if split == "channel" else f"coalesce({grp}, ?)"
    fb_params = [] if split == "channel" else [UNKNOWN_GROUP]
    fb_where, fb_where_params = feedback_where(filters)
    tx_grp = "'all'" if split in (None, "channel") else grp
    tx_where, tx_params = filters.transaction_sql("t")
    sql = f"""
    WITH groups AS ({groups_sql}),
    fb AS (
        SELECT date_trunc(?, f.created_at) AS period, f.kind, {fb_grp} AS grp
        FROM feedback f LEFT JOIN groups g ON g.customer_id = f.customer_id
        WHERE {fb_where}
    ),
    counts AS (SELECT period, kind, grp, count(*) AS count FROM fb GROUP BY ALL),
    grid AS (
        SELECT p.period, k.kind, gr.grp
        FROM (SELECT DISTINCT period FROM fb) p
        CROSS JOIN (SELECT DISTINCT kind FROM fb) k
        CROSS JOIN (SELECT DISTINCT grp FROM fb) gr
    ),
    active AS (
        SELECT date_trunc(?, t.ordered_at) AS period, {tx_grp} AS grp,
               count(DISTINCT t.customer_id) AS active_customers
        FROM transactions t LEFT JOIN groups g ON g.customer_id = t.customer_id
        WHERE {tx_where}
        GROUP BY ALL
    )
    SELECT grid.period, grid.kind, grid.grp AS "group", coalesce(c.count, 0) AS count,
           a.active_customers,
           1000.0 * coalesce(c.count, 0) / nullif(a.active_customers, 0) AS per_1000_active
    FROM grid
    LEFT JOIN counts c USING (period, kind, grp)
    LEFT JOIN active a ON a.period = grid.period AND a.grp = {"'all'" if tx_grp == "'all'" else "grid.grp"}
    ORDER BY grid.period, grid.kind, "group"
    """
    params = [*groups_params, freq, *fb_params, *fb_where_params, freq, *tx_params]
    return sql, params


def trend(
    conn: duckdb.DuckDBPyConnection, filters: Filters, freq: str = "month", split: str | None = None
) -> pd.DataFrame:
    """Feedback per period and kind, as counts and per 1,000 customers who bought in that period.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters
        The view's date range (on the feedback date) and countries.
    freq : {'month', 'week'}
        The length of a period.
    split : {None, 'tier', 'cluster', 'channel'}
        Add a ``group`` column with the customer's value tier, cluster of the latest clustering
        run, or the channel the feedback came through. Per 1,000 active customers is then
        relative to the active customers of that tier or cluster (of all of them for channels).

    Returns
    -------
    pandas.DataFrame
        period (timestamp of the period's start), kind, count, active_customers,
        per_1000_active (NaN when nobody bought in the period), and ``group`` when split.
        Every kind seen in the range appears in every period (0 when none).
    """
    sql, params = trend_sql(conn, filters, freq, split)
    df = _ordered(conn, computed.serve(conn, sql, params), 'period, kind, "group"')
    df["count"] = df["count"].astype("int64")
    if split is None:
        df = df.drop(columns="group")
    return df


def nps_counts_sql(filters: Filters, by_period: bool) -> tuple[str, list]:
    """SQL and params of the NPS counts of the range (by period: a ``date_trunc`` unit goes
    first in the params)."""
    where, params = feedback_where(filters)
    period = "date_trunc(?, f.created_at)" if by_period else "NULL::TIMESTAMP"
    sql = f"""
    WITH answers AS (
        SELECT {period} AS period, f.score
        FROM feedback f
        WHERE f.scale = '{NPS_SCALE}' AND f.score IS NOT NULL AND {where}
    )
    SELECT period, count(*) AS responses,
           count(*) FILTER (WHERE score >= 9) AS promoters,
           count(*) FILTER (WHERE score >= 7 AND score < 9) AS passives,
           count(*) FILTER (WHERE score < 7) AS detractors
    FROM answers GROUP BY period ORDER BY period
    """
    return sql, params


def nps_value(promoters: int, detractors: int, responses: int) -> float | None:
    """Net Promoter Score: % promoters minus % detractors (-100 to 100); None without answers."""
    if not responses:
        return None
    return 100.0 * (promoters - detractors) / responses


def nps_summary(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """NPS of the whole range.

    Returns
    -------
    dict
        responses, promoters, passives, detractors (counts of 0-10 answers: 9-10, 7-8, 0-6)
        and nps (float, or None when nobody answered).
    """
    sql, params = nps_counts_sql(filters, by_period=False)
    row = conn.execute(*computed.serve(conn, sql, params)).fetchone()
    responses, promoters, passives, detractors = (int(v) for v in row[1:]) if row else (0,) * 4
    return {
        "responses": responses,
        "promoters": promoters,
        "passives": passives,
        "detractors": detractors,
        "nps": nps_value(promoters, detractors, responses),
    }


def nps_trend(
    conn: duckdb.DuckDBPyConnection, filters: Filters, freq: str = "month"
) -> pd.DataFrame:
    """NPS per period: period, responses, promoters, passives, detractors, nps."""
    sql, params = nps_counts_sql(filters, by_period=True)
    df = _ordered(conn, computed.serve(conn, sql, [check_frequency(freq), *params]), "period")
    df["nps"] = [
        nps_value(p, d, n)
        for p, d, n in zip(df["promoters"], df["detractors"], df["responses"], strict=True)
    ]
    return df


def rating_distribution(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """How many 1-5 ratings of each score were given, per kind: score, kind, count, share.

    Fractional ratings are rounded to the nearest star. Empty when no feedback uses the 1-5 scale.
    """
    return _ordered(conn, computed.serve(conn, *rating_distribution_sql(filters)), "score, kind")


def _ordered(conn, query: tuple[str, list], order: str) -> pd.DataFrame:
    """A query's rows in ``order``: a kept answer (:mod:`dashboard.store.computed`) is a table,
    whose rows come in no particular order."""
    sql, params = query
    return run_query(conn, f"SELECT * FROM ({sql}) AS answer ORDER BY {order}", params)


def rating_distribution_sql(filters: Filters) -> tuple[str, list]:
    """SQL and params of :func:`rating_distribution`."""
    where, params = feedback_where(filters)
    sql = f"""
    WITH ratings AS (
        SELECT CAST(round(f.score) AS INTEGER) AS score, f.kind
        FROM feedback f
        WHERE f.scale = '{RATING_SCALE}' AND f.score BETWEEN 1 AND 5 AND {where}
    )
    SELECT score, kind, count(*) AS count,
           count(*) / sum(count(*)) OVER () AS share
    FROM ratings GROUP BY ALL ORDER BY score, kind
    """
    return sql, params


def kinds_present(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The feedback kinds in the database, the known ones first in their usual order."""
    found = [r[0] for r in conn.execute("SELECT DISTINCT kind FROM feedback").fetchall()]
    return [k for k in KINDS if k in found] + sorted(k for k in found if k not in KINDS)


def channels_present(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The channels feedback came through, most used first."""
    rows = conn.execute(
        "SELECT channel FROM feedback WHERE channel IS NOT NULL GROUP BY channel "
        "ORDER BY count(*) DESC"
    ).fetchall()
    return [r[0] for r in rows]
