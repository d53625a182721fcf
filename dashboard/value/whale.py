"""The whale curve: cumulative profit over customers ranked from most to least profitable.

Parameters shared by every function here, and not repeated in their docstrings: ``conn`` is the
dashboard database (a cursor of its own in the app), ``filters`` the period and segments,
``cost_model`` the margins and cost rates (the saved defaults when omitted), ``rule`` where tiers
are cut (the texts' 1/10/24/65% by default) and ``source`` a query for the value table to use
instead of computing it (see :func:`dashboard.value.cache.source`).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.store.filters import Filters
from dashboard.value import cache, ranking, value_table
from dashboard.value.cost_model import CostModel


def whale_curve_sql(
    filters: Filters,
    cost_model: CostModel | None = None,
    points: int = 400,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL for the curve's points (about ``points`` of them, the peak and both ends always kept).

    Parameters
    ----------
    filters : Filters
        The period and segments; only customers who bought in it are ranked.
    points : int
        How many points to keep of the curve (one per customer would be too many to draw).
    """
    value_sql, params = ranking.value_source(filters, cost_model, source)
    sql = f"""
    WITH customer_value AS ({value_sql}),
    ranked AS ({ranking.ranked_sql("customer_value", "profit")}),
    peak AS (
        SELECT position AS peak_position FROM ranked
        ORDER BY cumulative DESC, position LIMIT 1
    )
    SELECT position, active_customers AS customers,
           position / active_customers AS share_customers, measure AS profit,
           cumulative AS cumulative_profit, total AS total_profit,
           CASE WHEN total > 0 THEN cumulative / total END AS share_profit,
           position = peak_position AS is_peak
    FROM ranked CROSS JOIN peak
    WHERE position % greatest(1, active_customers // ?) = 0
       OR position IN (1, active_customers, peak_position)
    ORDER BY position"""
    return sql, [*params, max(1, int(points))]


def whale_curve(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    cost_model: CostModel | None = None,
    points: int = 400,
) -> pd.DataFrame:
    """The whale curve's points, best customer first.

    Parameters
    ----------
    points : int
        About how many points to return.

    Returns
    -------
    pandas.DataFrame
        position (1 = most profitable), customers, share_customers, profit, cumulative_profit,
        total_profit, share_profit (NaN when the total profit is not positive), is_peak.
    """
    cached = cache.source(conn, filters, cost_model)
    sql, params = whale_curve_sql(filters, cost_model, points, cached)
    return value_table.run_query(conn, sql, params)


def whale_summary(curve: pd.DataFrame) -> dict:
    """The curve's story: how many customers earn the peak and how much the rest lose.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`whale_curve`.

    Returns
    -------
    dict
        customers, total_profit, peak_customers, peak_share_customers, peak_profit,
        peak_share_profit, tail_customers, tail_share_customers, tail_loss (money the customers
        after the peak lose, positive) and tail_share_loss (as a share of total profit); shares
        are None when the total profit is not positive. Empty curve: customers 0 and the rest None.
    """
    if curve.empty:
        keys = (
            "total_profit",
            "peak_customers",
            "peak_share_customers",
            "peak_profit",
            "peak_share_profit",
            "tail_customers",
            "tail_share_customers",
            "tail_loss",
            "tail_share_loss",
        )
        return {"customers": 0, **dict.fromkeys(keys)}
    peak = curve[curve.is_peak].iloc[0]
    customers, total = int(peak.customers), float(peak.total_profit)
    positive = total > 0
    tail = customers - int(peak.position)
    loss = float(peak.cumulative_profit) - total
    return {
        "customers": customers,
        "total_profit": total,
        "peak_customers": int(peak.position),
        "peak_share_customers": float(peak.share_customers),
        "peak_profit": float(peak.cumulative_profit),
        "peak_share_profit": float(peak.cumulative_profit) / total if positive else None,
        "tail_customers": tail,
        "tail_share_customers": tail / customers,
        "tail_loss": loss,
        "tail_share_loss": loss / total if positive else None,
    }
