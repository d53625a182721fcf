"""The customer pyramid: customers ranked by revenue or profit and cut into tiers 1-4, in SQL.

Only customers who bought in the period (``is_active`` in the value table) are ranked; the rest
are the tier ``'inactive'``, shown apart. Ranking is by the measure, best first, ties broken by
customer_id, so every customer lands in exactly one tier and the same data always gives the same
tiers.

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

from dashboard.errors import AnalysisError, Percent
from dashboard.store import computed, database
from dashboard.store.filters import Filters
from dashboard.value import cache, ranking, value_table
from dashboard.value.cost_model import CostModel

TIERS = ("1", "2", "3", "4")
ALL_TIERS = (*TIERS, "inactive")
#: A CTE that lists every tier with its display order; the pyramid and the migration join it.
TIER_LIST_SQL = "tier_list (tier, tier_order) AS (VALUES {})".format(
    ", ".join(f"('{t}', {i})" for i, t in enumerate(ALL_TIERS))
)
MEASURES = ranking.MEASURES
RULE_MODES = ("customers", "cumulative")
#: The texts' pyramid: top 1%, next 10%, next 24%, the remaining 65% (cumulative upper bounds).
DEFAULT_CUSTOMER_CUTS = (0.01, 0.11, 0.35)
#: The same by cumulative share of the measure: tiers 1-2 bring 90%, tier 3 the next 7%, tier 4 3%.
DEFAULT_CUMULATIVE_CUTS = (0.50, 0.90, 0.97)
#: The texts' reference figures (seeds/004): shares of customers, revenue and cost to serve per tier.
REFERENCE = {
    "1-2": {"share_customers": 0.11, "share_revenue": 0.90},
    "3": {"share_customers": 0.24, "share_revenue": 0.07, "share_cost_to_serve": 0.45},
    "4": {"share_customers": 0.65, "share_revenue": 0.03},
}
SETTING_KEY = "tier_rule"
SUM_COLUMNS = (
    "revenue",
    "product_cost",
    "cost_to_serve",
    "cost",
    "profit",
    "orders",
    "returns",
    "service_contacts",
    "complaints",
    *value_table.COST_COMPONENTS,
)


@dataclass(frozen=True)
class TierRule:
    """Where the tiers are cut.

    Attributes
    ----------
    mode : str
        ``'customers'``: ``cuts`` are cumulative shares of the ranked customers (0.01 = the top 1%
        are tier 1). ``'cumulative'``: cuts are cumulative shares of the measure (0.5 = tier 1 are
        the best customers who together bring the first half of revenue or profit).
    cuts : tuple of 3 floats
        The upper bounds of tiers 1, 2 and 3; tier 4 is the rest.
    """

    mode: str = "customers"
    cuts: tuple[float, float, float] = DEFAULT_CUSTOMER_CUTS

    def __post_init__(self):
        if self.mode not in RULE_MODES:
            raise AnalysisError(
                f"Unknown tier rule {self.mode!r}: use 'customers' or 'cumulative'.",
                key="errors.unknown_tier_rule",
                mode=repr(self.mode),
            )
        cuts = tuple(float(c) for c in self.cuts)
        if len(cuts) != 3 or not 0 < cuts[0] < cuts[1] < cuts[2] <= 1:
            raise AnalysisError(
                "Tier boundaries must grow from tier 1 to tier 3 and stay between 0% and 100% "
                f"(got {', '.join(f'{c:.0%}' for c in cuts)}): make each tier's share positive.",
                key="errors.tier_cuts",
                cuts=[Percent(c) for c in cuts],
            )
        object.__setattr__(self, "cuts", cuts)

    @classmethod
    def from_shares(cls, shares: tuple[float, float, float], mode: str = "customers") -> TierRule:
        """A rule from the size of tiers 1, 2 and 3 (0.01, 0.10, 0.24) rather than cumulative bounds.

        Parameters
        ----------
        shares : tuple of 3 floats
            Share of customers (or of the measure) in tiers 1, 2 and 3; tier 4 gets the rest.
        mode : str
            ``'customers'`` or ``'cumulative'``.
        """
        a, b, c = (float(s) for s in shares)
        return cls(mode, (a, a + b, a + b + c))

    def shares(self) -> tuple[float, float, float, float]:
        """The size of each tier 1-4 (fractions that sum to 1)."""
        a, b, c = self.cuts
        return (a, b - a, c - b, 1 - c)

    @classmethod
    def default(cls, mode: str = "customers") -> TierRule:
        """The texts' pyramid for ``mode``."""
        return cls(mode, DEFAULT_CUMULATIVE_CUTS if mode == "cumulative" else DEFAULT_CUSTOMER_CUTS)


def _check_measure(by: str, source: tuple[str, list] | None = None) -> None:
    if by not in MEASURES:
        raise AnalysisError(
            f"Cannot rank customers by {by!r}: choose revenue, profit or predicted value.",
            key="errors.unknown_measure",
            by=repr(by),
        )
    if by not in ranking.PAST_MEASURES and source is None:
        raise AnalysisError(
            "Ranking by predicted value needs the forecast: open the Future value page, or "
            "rank by revenue or profit.",
            key="errors.measure_needs_forecast",
        )


def tier_cuts(
    rule: TierRule, count: str = "count(*)", total: str = "sum(measure)", suffix: str = ""
) -> tuple[str, list]:
    """The items of a one-row SELECT giving where ``rule`` cuts the tiers: ``cut1{suffix}`` to
    ``cut3{suffix}`` (the last place of each tier 1-3; or, cut by the measure's cumulative share,
    the sum above a customer below which each tier ends) and ``total{suffix}`` (for the guard of
    :func:`tier_case`), from the expressions of the buyers' ``count`` and the measure's ``total``.

    They are computed once in the query's totals, not for each of 10M rows: a CASE that worked
    out ``ceil(round(? * count, 9))`` per row took 2-3 times as long as one scan."""
    cut = f"ceil(round(? * {count}, 9))" if rule.mode == "customers" else f"? * ({total})"
    items = [f"{cut} AS cut{i + 1}{suffix}" for i in range(3)]
    return ", ".join([*items, f"{total} AS total{suffix}"]), list(rule.cuts)


def tier_case(
    rule: TierRule,
    position: str = "position",
    before: str = "before",
    first: str = "",
    suffix: str = "",
) -> str:
    """The CASE giving a ranked customer's tier from the columns :func:`tier_cuts` made
    (``first``: a WHEN put before the cuts; ``position``/``before``: the columns of the
    customer's place and of the measure's sum over the customers ranked above). It takes no
    parameters."""
    place, sign = (position, "<=") if rule.mode == "customers" else (before, "<")
    whens = " ".join(
        f"WHEN {place} {sign} cut{i + 1}{suffix} THEN '{tier}'" for i, tier in enumerate(TIERS[:3])
    )
    guard = ""
    if rule.mode == "cumulative":
        error = value_table.SQL_ERRORS["errors.total_not_positive"]
        guard = f"WHEN total{suffix} <= 0 THEN error('{error}') "
    return f"CASE {first}{guard}{whens} ELSE '4' END"


def past_tiers(rule: TierRule, by: str, alias: str = "") -> tuple[str, list, str]:
    """What a query over a value table that keeps each buyer's place (:data:`ranking.PLACE_COLUMNS`)
    needs to give each row its tier under ``rule``, ranked by the past measure ``by``: the
    items of its one-row totals over the buyers (``SELECT {cuts} FROM ... WHERE is_active``),
    their parameters, and the CASE (inactive first) over the row ``alias`` (``"v."``, or ``""``)
    cross-joined with those totals."""
    cuts, params = tier_cuts(rule, total=f"sum({by})")
    case = tier_case(
        rule,
        f"{alias}position_{by}",
        f"{alias}before_{by}",
        f"WHEN NOT {alias}is_active THEN 'inactive' ",
    )
    return cuts, params, case


def tiered_value_sql(
    filters: Filters,
    by: str = "revenue",
    rule: TierRule | None = None,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """The value table with each customer's ``tier``, ``position`` (1 = best) and ``measure``.

    Parameters
    ----------
    by : str
        ``'revenue'``, ``'profit'`` or ``'predicted_value'`` (then ``source`` must hold that
        column, e.g. :func:`dashboard.future.tiers.value_source`): what customers are ranked by.
    """
    _check_measure(by, source)
    rule = rule or TierRule()
    value_sql, params = ranking.value_source(filters, cost_model, source)
    if by in ranking.PAST_MEASURES:  # the value table keeps each customer's place: one scan
        cuts, cut_params, case = past_tiers(rule, by, "v.")
        sql = f"""
    WITH customer_value AS {ranking.cte_keyword(value_sql, params)}({value_sql}),
    totals AS (SELECT {cuts} FROM customer_value WHERE is_active)
    SELECT v.*, {case} AS tier, v.position_{by} AS position,
           CASE WHEN v.is_active THEN v.{by} END AS measure
    FROM customer_value v CROSS JOIN totals"""
        return sql, [*params, *cut_params]
    cuts, cut_params = tier_cuts(rule, total=f"sum({by})")
    sql = f"""
    WITH customer_value AS ({value_sql}),
    ranked AS ({ranking.ranked_sql("customer_value", by)}),
    totals AS (SELECT {cuts} FROM customer_value WHERE is_active),
    cut AS (
        SELECT customer_id, position, measure, {tier_case(rule)} AS tier
        FROM ranked CROSS JOIN totals
    )
    SELECT v.*, coalesce(c.tier, 'inactive') AS tier, c.position, c.measure
    FROM customer_value v
    LEFT JOIN cut c USING (customer_id)"""
    return sql, [*params, *cut_params]


def customer_tiers_sql(
    filters: Filters,
    by: str = "revenue",
    rule: TierRule | None = None,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL giving (customer_id, tier) for every known customer; tier in '1'-'4' or 'inactive'.

    Parameters
    ----------
    by : str
        ``'revenue'`` or ``'profit'``.

    Returns
    -------
    tuple of (str, list)
        The query and its ``?`` parameters; join it as a subquery.
    """
    sql, params = tiered_value_sql(filters, by, rule, cost_model, source)
    return f"WITH tiered AS ({sql}) SELECT customer_id, tier FROM tiered", params


def _shares_sql(tiered_sql: str, extra: tuple[str, ...] = ()) -> str:
    summed = (*SUM_COLUMNS, *extra)
    sums = ", ".join(f"sum({c}) AS {c}" for c in summed)
    values = ", ".join(f"coalesce(b.{c}, 0) AS {c}" for c in summed)
    shares = ", ".join(
        f"CASE WHEN l.tier <> 'inactive' THEN coalesce(b.{c}, 0) / nullif(tot.{c}, 0) END "
        f"AS share_{c}"
        for c in ("customers", "revenue", "cost", "profit", "cost_to_serve", *extra)
    )
    extra_totals = "".join(f", sum({c}) AS {c}" for c in extra)
    return f"""
    WITH tiered AS ({tiered_sql}),
    {TIER_LIST_SQL},
    by_tier AS (SELECT tier, count(*) AS customers, {sums} FROM tiered GROUP BY tier),
    totals AS (
        SELECT sum(customers) AS customers, sum(revenue) AS revenue, sum(cost) AS cost,
               sum(profit) AS profit, sum(cost_to_serve) AS cost_to_serve{extra_totals}
        FROM by_tier WHERE tier <> 'inactive'
    )
    SELECT l.tier, coalesce(b.customers, 0) AS customers, {values}, {shares}
    FROM tier_list l
    CROSS JOIN totals tot
    LEFT JOIN by_tier b USING (tier)
    ORDER BY l.tier_order"""


def tier_shares(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str = "revenue",
    rule: TierRule | None = None,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
) -> pd.DataFrame:
    """Customers, money and shares per tier: the pyramid's headline numbers.

    Parameters
    ----------
    by : str
        ``'revenue'``, ``'profit'`` or ``'predicted_value'`` (with a ``source`` holding it:
        then the frame also has ``predicted_value`` and ``share_predicted_value``).

    Returns
    -------
    pandas.DataFrame
        One row per tier '1', '2', '3', '4' then 'inactive' (always all five, zeros when empty):
        tier, customers, revenue, product_cost, cost_to_serve, cost, profit, orders, returns,
        service_contacts, complaints, the cost components, and share_customers, share_revenue,
        share_cost, share_profit, share_cost_to_serve: fractions of the total of tiers 1-4 (they
        sum to 1 over those tiers; NaN for 'inactive' and when the total is 0).
    """
    _check_measure(by, source)
    cached = source or cache.source(conn, filters, cost_model)
    sql, params = tiered_value_sql(filters, by, rule, cost_model, cached)
    extra = () if by in ranking.PAST_MEASURES else (by,)
    frame = value_table.run_query(conn, _shares_sql(sql, extra), params)
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def tier_customers(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    tier: str,
    by: str = "revenue",
    rule: TierRule | None = None,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The customers of one tier with their value, best first (the drill-down table); the
    first ``limit`` of them when given (a page shows a few thousand of millions).

    Parameters
    ----------
    tier : str
        '1', '2', '3', '4' or 'inactive'.
    by, rule, cost_model, source
        As for :func:`tier_shares`.
    """
    if tier not in ALL_TIERS:
        raise AnalysisError(
            f"Unknown tier {tier!r}: choose 1, 2, 3, 4 or inactive.",
            key="errors.unknown_tier",
            tier=repr(tier),
        )
    _check_measure(by, source)
    cached = source or cache.source(conn, filters, cost_model)
    table = ranking.kept_table(*cached)
    if limit is not None and table is not None and by in ranking.PAST_MEASURES:
        return _first_of_tier(conn, table, tier, by, rule or TierRule(), int(limit))
    sql, params = tiered_value_sql(filters, by, rule, cost_model, cached)
    query = (
        f"WITH tiered AS ({sql}) SELECT * EXCLUDE (measure) FROM tiered WHERE tier = ? "
        "ORDER BY position NULLS LAST, customer_id"
    )
    if limit is not None:
        return value_table.run_query(conn, f"{query} LIMIT ?", [*params, tier, int(limit)])
    return value_table.run_query(conn, query, [*params, tier])


def _first_of_tier(
    conn: duckdb.DuckDBPyConnection, table: str, tier: str, by: str, rule: TierRule, limit: int
) -> pd.DataFrame:
    """:func:`tier_customers`'s first ``limit`` rows read from a kept value table: the tier's
    best are found on the few columns of their place, then only their rows are read whole (by
    row id). Reading every column of 10M customers to keep 1,000 took 0.8 s; this, 0.01-0.2 s."""
    cuts, cut_params, case = past_tiers(rule, by)
    query = f"""
    WITH totals AS (SELECT {cuts} FROM {table} WHERE is_active),
    picked AS (
        SELECT rowid AS picked_row FROM {table} CROSS JOIN totals
        WHERE {case} = ?
        ORDER BY position_{by} NULLS LAST, customer_id LIMIT ?
    )
    SELECT *, CAST(? AS VARCHAR) AS tier, position_{by} AS position FROM {table}
    WHERE rowid IN (SELECT picked_row FROM picked)
    ORDER BY position NULLS LAST, customer_id"""
    return value_table.run_query(conn, query, [*cut_params, tier, limit, tier])


def coverage_sql(period: Filters) -> tuple[str, list]:
    """The first and last day of purchase in the period's segments and its purchase lines."""
    segments = Filters(None, None, period.countries, period.channels, period.categories)
    everything, params = segments.transaction_sql("t")
    inside, inside_params = period.transaction_sql("t")
    sql = f"""
        SELECT CAST(min(t.ordered_at) AS DATE) AS first_day,
               CAST(max(t.ordered_at) AS DATE) AS last_day,
               count(*) FILTER (WHERE {inside}) AS purchases
        FROM transactions t
        WHERE t.revenue > 0 AND {everything}"""
    return sql, [*inside_params, *params]


def period_coverage(conn: duckdb.DuckDBPyConnection, period: Filters) -> dict:
    """How much of ``period`` the data cover, within its segments (countries, channels, categories).

    Tier migration compares a period with the one before it; when that one starts before the
    data do, its tiers rest on part of a period, or on nothing at all.

    Parameters
    ----------
    period : Filters
        A period with both dates set, and its segments.

    Returns
    -------
    dict
        ``first`` and ``last``: the days of the first and last purchase in the segments (None
        without any); ``days``: the period's length; ``covered_days``: its days from ``first`` to
        ``last``; ``share``: covered_days / days; ``purchases``: purchase lines in the period.
    """
    if period.start is None or period.end is None:
        raise ValueError("period_coverage needs a period with a start and an end date")
    sql, params = coverage_sql(period)
    first, last, purchases = conn.execute(*computed.serve(conn, sql, params, period)).fetchone()
    days = (period.end - period.start).days + 1
    covered = 0
    if first is not None:
        covered = max(0, (min(period.end, last) - max(period.start, first)).days + 1)
    return {
        "first": first,
        "last": last,
        "days": days,
        "covered_days": covered,
        "share": covered / days,
        "purchases": int(purchases or 0),
    }


def load_tier_rule(conn: duckdb.DuckDBPyConnection) -> TierRule:
    """The saved tier rule, or the texts' default."""
    saved = database.get_setting(conn, SETTING_KEY)
    if not saved:
        return TierRule()
    return TierRule(saved.get("mode", "customers"), tuple(saved.get("cuts", DEFAULT_CUSTOMER_CUTS)))


def save_tier_rule(conn: duckdb.DuckDBPyConnection, rule: TierRule) -> None:
    """Save the tier rule as the default of the page and the command line.

    Parameters
    ----------
    rule : TierRule
        The rule to keep.
    """
    database.put_setting(conn, SETTING_KEY, {"mode": rule.mode, "cuts": list(rule.cuts)})
