"""Tier migration: how customers moved between tiers from one period to the next.

Parameters shared by every function here, and not repeated in their docstrings: ``conn`` is the
dashboard database (a cursor of its own in the app), ``filters`` the period and segments,
``cost_model`` the margins and cost rates (the saved defaults when omitted), ``rule`` where tiers
are cut (the texts' 1/10/24/65% by default) and ``source`` a query for the value table to use
instead of computing it (see :func:`dashboard.value.cache.source`).
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError
from dashboard.store.filters import Filters
from dashboard.value import cache, pyramid, ranking, value_table
from dashboard.value.cost_model import CostModel

TOP_TIERS = ("1", "2")


def default_periods(conn: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[Filters, Filters]:
    """The two periods to compare: the filtered one and the one just before it.

    Without a date range, the last 12 months of data against the 12 months before them.

    Parameters
    ----------
    filters : Filters
        The shared filters (their segments are kept in both periods).
    """
    if filters.previous() is not None:
        return filters.previous(), filters
    last = conn.execute("SELECT CAST(max(ordered_at) AS DATE) FROM transactions").fetchone()[0]
    end = filters.end or last or date.today()
    start = filters.start or end - timedelta(days=364)
    after = Filters(start, end, filters.countries, filters.channels, filters.categories)
    return after.previous(), after


def _pairs_source(conn, before: Filters, after: Filters, cost_model) -> tuple[str, list]:
    """Every known customer of either period with their value and places in both, computed once
    per pair of periods: a change of ranking or tier rule then is one scan, not two rankings
    and a join of 10M customers each."""
    sql_a, params_a = cache.source(conn, before, cost_model)
    sql_b, params_b = cache.source(conn, after, cost_model)
    sides = ", ".join(
        f"{side}.{c} AS {c}_{name}"
        for side, name in (("a", "before"), ("b", "after"))
        for c in ranking.PLACE_COLUMNS
    )
    sql = f"""
    SELECT customer_id, {sides}, b.last_purchase_at
    FROM ({sql_a}) a FULL JOIN ({sql_b}) b USING (customer_id)"""
    return cache.kept_query(conn, "pairs", sql, [*params_a, *params_b])


def _pair_sql(conn, before: Filters, after: Filters, by: str, rule, cost_model) -> tuple[str, list]:
    pyramid._check_measure(by)  # a past measure: the column names below come from it
    pairs_sql, pairs_params = _pairs_source(conn, before, after, cost_model)
    rule = rule or pyramid.TierRule()
    cases, cuts, params = [], [], []
    for side in ("before", "after"):
        active = f"FILTER (WHERE is_active_{side})"
        side_cuts, side_params = pyramid.tier_cuts(
            rule, f"count(*) {active}", f"sum({by}_{side}) {active}", f"_{side}"
        )
        cuts.append(side_cuts)
        params += side_params
        case = pyramid.tier_case(
            rule,
            f"position_{by}_{side}",
            f"before_{by}_{side}",
            f"WHEN NOT coalesce(is_active_{side}, false) THEN 'inactive' ",
            f"_{side}",
        )
        cases.append(f"{case} AS tier_{side}")
    sql = f"""
    WITH kept AS {ranking.cte_keyword(pairs_sql, pairs_params)}({pairs_sql}),
    totals AS (SELECT {", ".join(cuts)} FROM kept),
    pairs AS (
        SELECT customer_id, {", ".join(cases)},
               coalesce(revenue_before, 0) AS revenue_before,
               coalesce(revenue_after, 0) AS revenue_after,
               coalesce(profit_before, 0) AS profit_before,
               coalesce(profit_after, 0) AS profit_after,
               last_purchase_at
        FROM kept CROSS JOIN totals
    )"""
    return sql, [*pairs_params, *params]


def _check(before: Filters, after: Filters) -> None:
    if before.start and after.start and before.start == after.start and before.end == after.end:
        raise AnalysisError(
            "The two periods are the same: pick an earlier 'before' period.",
            key="errors.same_periods",
        )


def tier_migration(
    conn: duckdb.DuckDBPyConnection,
    before: Filters,
    after: Filters,
    by: str = "revenue",
    rule: pyramid.TierRule | None = None,
    cost_model: CostModel | None = None,
) -> pd.DataFrame:
    """How many customers went from each tier to each tier (inactive included).

    Parameters
    ----------
    before, after : Filters
        The two periods (and segments).
    by, rule, cost_model
        As for :func:`dashboard.value.pyramid.tier_shares`.

    Returns
    -------
    pandas.DataFrame
        tier_before, tier_after, customers, revenue_before, revenue_after; one row per pair that
        holds customers, in tier order.
    """
    _check(before, after)
    sql, params = _pair_sql(conn, before, after, by, rule, cost_model)
    query = f"""{sql},
    {pyramid.TIER_LIST_SQL}
    SELECT tier_before, tier_after, count(*) AS customers,
           sum(revenue_before) AS revenue_before, sum(revenue_after) AS revenue_after
    FROM pairs
    JOIN tier_list a ON a.tier = tier_before
    JOIN tier_list b ON b.tier = tier_after
    GROUP BY tier_before, tier_after, a.tier_order, b.tier_order
    ORDER BY a.tier_order, b.tier_order"""
    frame = value_table.run_query(conn, query, params)
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def fallen_from_top(
    conn: duckdb.DuckDBPyConnection,
    before: Filters,
    after: Filters,
    by: str = "revenue",
    rule: pyramid.TierRule | None = None,
    cost_model: CostModel | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Customers who were in tier 1 or 2 before and are not in the after period: call them first.

    Parameters
    ----------
    before, after : Filters
        The two periods.
    by, rule, cost_model
        As for :func:`tier_migration`.
    limit : int, optional
        Only the first ``limit`` of them (a page shows a thousand of 150,000 at 10M customers;
        their count is the matrix's, :func:`fallen_count`).

    Returns
    -------
    pandas.DataFrame
        customer_id, tier_before, tier_after, revenue_before, revenue_after, profit_before,
        profit_after, last_purchase_at; the biggest revenue lost first.
    """
    _check(before, after)
    sql, params = _pair_sql(conn, before, after, by, rule, cost_model)
    query = f"""{sql}
    SELECT * FROM pairs
    WHERE tier_before IN ('1', '2') AND tier_after NOT IN ('1', '2')
    ORDER BY revenue_before - revenue_after DESC, customer_id"""
    if limit is not None:
        return value_table.run_query(conn, f"{query} LIMIT ?", [*params, int(limit)])
    return value_table.run_query(conn, query, params)


def fallen_count(matrix: pd.DataFrame) -> int:
    """How many customers :func:`fallen_from_top` lists, from :func:`tier_migration`'s matrix."""
    fell = matrix.tier_before.isin(TOP_TIERS) & ~matrix.tier_after.isin(TOP_TIERS)
    return int(matrix.customers[fell].sum())
