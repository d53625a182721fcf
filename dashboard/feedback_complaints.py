"""Complaints: the iceberg of silent dissatisfied customers, resolution times, open complaints."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, Percent
from dashboard.feedback import UNKNOWN_GROUP, check_frequency, feedback_where, run_query, tiers_sql
from dashboard.filters import Filters

#: "Only 4% of dissatisfied customers complain" (seeds/000): the default share who complain.
DEFAULT_COMPLAINT_SHARE = 0.04
TOP_TIERS = ("1", "2")


def check_share(complaint_share: float) -> float:
    """Return the share of dissatisfied customers who complain, or raise when it is not in (0, 1]."""
    try:
        share = float(complaint_share)
    except (TypeError, ValueError) as e:
        raise AnalysisError(
            "The share who complain must be a number such as 0.04 (4%).",
            key="errors.share_not_number",
        ) from e
    if not 0 < share <= 1:
        raise AnalysisError(
            f"The share who complain must be above 0% and at most 100%, not {share:.2%}: "
            "the texts give 4%.",
            key="errors.share_out_of_range",
            share=Percent(share, 2),
        )
    return share


def complaint_iceberg(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    freq: str = "month",
    complaint_share: float = DEFAULT_COMPLAINT_SHARE,
) -> pd.DataFrame:
    """Observed complaints per period and the dissatisfied customers they stand for.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters
        Date range (on the complaint date) and countries.
    freq : {'month', 'week'}
        The length of a period.
    complaint_share : float
        The share of dissatisfied customers who complain (0.04: one in 25).

    Returns
    -------
    pandas.DataFrame
        period, complaints, complaining_customers (distinct known customers),
        estimated_dissatisfied (complaints / share, rounded) and silent_dissatisfied
        (estimated minus complaints: those who never tell us).
    """
    share = check_share(complaint_share)
    where, params = feedback_where(filters)
    sql = f"""
    WITH complaints AS (
        SELECT date_trunc(?, f.created_at) AS period, f.customer_id
        FROM feedback f WHERE f.kind = 'complaint' AND {where}
    )
    SELECT period, count(*) AS complaints,
           count(DISTINCT customer_id) AS complaining_customers,
           CAST(round(count(*) / ?) AS BIGINT) AS estimated_dissatisfied
    FROM complaints GROUP BY period ORDER BY period
    """
    df = run_query(conn, sql, [check_frequency(freq), *params, share])
    df["silent_dissatisfied"] = df["estimated_dissatisfied"] - df["complaints"]
    return df


def iceberg_by_tier(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    complaint_share: float = DEFAULT_COMPLAINT_SHARE,
) -> pd.DataFrame:
    """The iceberg of the whole range per value tier.

    Returns
    -------
    pandas.DataFrame
        tier ('1'..'4', 'inactive', or 'unknown' for anonymous complaints), complaints,
        estimated_dissatisfied, silent_dissatisfied and customers (the tier's size, to read the
        estimate against; NULL for 'unknown').
    """
    share = check_share(complaint_share)
    tier_sql, tier_params = tiers_sql(conn, filters)
    where, params = feedback_where(filters)
    sql = f"""
    WITH tiers AS ({tier_sql}),
    sizes AS (SELECT tier, count(*) AS customers FROM tiers GROUP BY tier),
    complaints AS (
        SELECT coalesce(g.tier, ?) AS tier
        FROM feedback f LEFT JOIN tiers g ON g.customer_id = f.customer_id
        WHERE f.kind = 'complaint' AND {where}
    )
    SELECT c.tier, count(*) AS complaints,
           CAST(round(count(*) / ?) AS BIGINT) AS estimated_dissatisfied,
           any_value(s.customers) AS customers
    FROM complaints c LEFT JOIN sizes s USING (tier)
    GROUP BY c.tier ORDER BY c.tier
    """
    df = run_query(conn, sql, [*tier_params, UNKNOWN_GROUP, *params, share])
    df["silent_dissatisfied"] = df["estimated_dissatisfied"] - df["complaints"]
    return df


def _resolution_sql(filters: Filters, tier_sql: str) -> str:
    where, _ = feedback_where(filters)
    return f"""
    WITH tiers AS ({tier_sql}),
    complaints AS (
        SELECT coalesce(g.tier, ?) AS tier, f.resolved_at IS NOT NULL AS is_resolved,
               CASE WHEN f.resolved_at >= f.created_at
                    THEN epoch(f.resolved_at - f.created_at) / 86400.0 END AS days_to_resolve
        FROM feedback f LEFT JOIN tiers g ON g.customer_id = f.customer_id
        WHERE f.kind = 'complaint' AND {where}
    )
    SELECT {{group}} AS tier, count(*) AS complaints,
           count(*) FILTER (WHERE is_resolved) AS resolved,
           count(*) FILTER (WHERE NOT is_resolved) AS open,
           count(*) FILTER (WHERE is_resolved) / nullif(count(*), 0) AS share_resolved,
           median(days_to_resolve) AS median_days,
           quantile_cont(days_to_resolve, 0.9) AS p90_days
    FROM complaints {{group_by}}
    """


def resolution_summary(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """How complaints of the range were handled.

    Returns
    -------
    dict
        complaints, resolved, open, share_resolved (None without complaints), median_days and
        p90_days (days from complaint to resolution among resolved ones; None when none).
    """
    sql = _resolution_sql(filters, "SELECT NULL::VARCHAR AS customer_id, NULL AS tier WHERE FALSE")
    sql = sql.replace("{group}", "'all'").replace("{group_by}", "")
    _, params = feedback_where(filters)
    row = conn.execute(sql, [UNKNOWN_GROUP, *params]).fetchone()
    keys = ("complaints", "resolved", "open", "share_resolved", "median_days", "p90_days")
    result = dict(zip(keys, row[1:], strict=True))
    for key in ("complaints", "resolved", "open"):
        result[key] = int(result[key])
    return result


def resolution_by_tier(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """:func:`resolution_summary` per value tier (one row per tier that complained)."""
    tier_sql, tier_params = tiers_sql(conn, filters)
    sql = _resolution_sql(filters, tier_sql)
    sql = sql.replace("{group}", "tier").replace("{group_by}", "GROUP BY tier ORDER BY tier")
    _, params = feedback_where(filters)
    return run_query(conn, sql, [*tier_params, UNKNOWN_GROUP, *params])


def open_complaints(
    conn: duckdb.DuckDBPyConnection, filters: Filters, limit: int = 500
) -> pd.DataFrame:
    """Complaints not yet resolved: customers of tiers 1 and 2 first, then the oldest first.

    Returns
    -------
    pandas.DataFrame
        feedback_id, customer_id, name, tier, created_at, days_open (up to the latest feedback
        date in the database), channel, text.
    """
    tier_sql, tier_params = tiers_sql(conn, filters)
    where, params = feedback_where(filters)
    sql = f"""
    WITH tiers AS ({tier_sql}),
    names AS (SELECT customer_id, any_value(name) AS name FROM customers GROUP BY customer_id),
    latest AS (SELECT max(created_at) AS as_of FROM feedback)
    SELECT f.feedback_id, f.customer_id, n.name, coalesce(g.tier, ?) AS tier, f.created_at,
           CAST(floor(epoch(latest.as_of - f.created_at) / 86400) AS INTEGER) AS days_open,
           f.channel, f.text
    FROM feedback f
    CROSS JOIN latest
    LEFT JOIN tiers g ON g.customer_id = f.customer_id
    LEFT JOIN names n ON n.customer_id = f.customer_id
    WHERE f.kind = 'complaint' AND f.resolved_at IS NULL AND {where}
    ORDER BY coalesce(g.tier, ?) IN ('1', '2') DESC, g.tier NULLS LAST, f.created_at
    LIMIT ?
    """
    return run_query(conn, sql, [*tier_params, UNKNOWN_GROUP, *params, UNKNOWN_GROUP, limit])
