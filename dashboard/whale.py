"""The whale curve: cumulative profit over customers ranked from most to least profitable."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard import value, value_cache
from dashboard.cost_model import CostModel
from dashboard.filters import Filters


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
    cost_model : CostModel, optional
        Margins and cost rates; the defaults when omitted.
    points : int
        How many points to keep of the curve (one per customer would be too many to draw).
    source : tuple of (str, list), optional
        A query for the value table to use instead of computing it (see
        :func:`dashboard.value_cache.source`).
    """
    value_sql, params = source or value.customer_value_sql(filters, cost_model)
    sql = f"""
    WITH customer_value AS ({value_sql}),
    ranked AS (
        SELECT profit,
               row_number() OVER (ORDER BY profit DESC, customer_id) AS position,
               count(*) OVER () AS customers,
               sum(profit) OVER () AS total_profit,
               sum(profit) OVER (ORDER BY profit DESC, customer_id
                                 ROWS UNBOUNDED PRECEDING) AS cumulative_profit
        FROM customer_value
        WHERE is_active
    ),
    peak AS (
        SELECT position AS peak_position FROM ranked
        ORDER BY cumulative_profit DESC, position LIMIT 1
    )
    SELECT position, customers, position / customers AS share_customers, profit,
           cumulative_profit, total_profit,
           CASE WHEN total_profit > 0 THEN cumulative_profit / total_profit END AS share_profit,
           position = peak_position AS is_peak
    FROM ranked CROSS JOIN peak
    WHERE position % greatest(1, customers // ?) = 0
       OR position IN (1, customers, peak_position)
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
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters
        The period and segments.
    cost_model : CostModel, optional
        Margins and cost rates.
    points : int
        About how many points to return.

    Returns
    -------
    pandas.DataFrame
        position (1 = most profitable), customers, share_customers, profit, cumulative_profit,
        total_profit, share_profit (NaN when the total profit is not positive), is_peak.
    """
    cached = value_cache.source(conn, filters, cost_model)
    sql, params = whale_curve_sql(filters, cost_model, points, cached)
    return value.run_query(conn, sql, params)


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
