"""Share of wallet per customer and per tier, and the customers of high wallet and low share.

Definitions (the tests check them on a hand-built database):

- A customer's **wallet** is what they spend in the category in a year at every shop, ours
  included. It is known from (in this order) a column of the customers file whose header names
  it (:data:`COLUMN_NAMES`: "Annual category spend", «Годовые расходы в категории»..., kept by
  the importer in ``customers.attributes`` as the file had it; a monthly column such as
  "Monthly category spend" counts 12 times), else from an estimate the user entered for the
  customer's tier (the setting :data:`ESTIMATES_KEY`, an annual amount per customer). Feedback
  has no field for a survey answer of spend, so surveys are imported as such a column of the
  customers file. Nothing else is guessed: without either, a customer's wallet is unknown.
- The wallet **of the period** is the annual wallet × days of the period ÷ 365: a 182-day
  period compares our revenue with half a year's spend. An open period runs from the first to
  the last purchase of the data.
- **Share of wallet** = our revenue in the period (the value table's signed revenue; more
  returned than bought counts as nothing won) ÷ the wallet of the period; per tier, the revenue
  of the customers with a known wallet ÷ their wallets' sum.
- **Opportunities**: customers whose wallet of the period is among the top ``top_share`` of the
  known wallets (at or above that quantile) and whose share is below ``max_share`` (both saved
  as the setting :data:`OPPORTUNITY_KEY`), most untapped (wallet - revenue) first.

Parameters shared by the functions here: ``conn`` the dashboard database, ``filters`` the period
and segments, ``by``/``rule``/``cost_model``/``source`` the tiers as on the pyramid page (see
:mod:`dashboard.value.pyramid`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, Percent
from dashboard.importer.fields import normalise_header
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import cache, pyramid, ranking, value_table
from dashboard.value.cost_model import CostModel

ESTIMATES_KEY = "wallet_estimates"
OPPORTUNITY_KEY = "wallet_opportunity"
DAYS_PER_YEAR = 365
#: Header names (normalised as the importer compares them) of a customer's category spend, with
#: the months each value covers; best first.
# fmt: off
COLUMN_NAMES: dict[str, int] = {
    **dict.fromkeys([
        "annual category spend", "annual category spending", "yearly category spend",
        "category spend per year", "annual spend in category", "annual wallet", "category wallet",
        "wallet size", "wallet", "category spend", "annual spend", "yearly spend",
        "годовые расходы в категории", "расходы в категории за год", "годовые траты в категории",
        "траты в категории за год", "расходы на категорию в год", "годовой бюджет категории",
        "размер кошелька", "кошелек", "расходы в категории", "траты в категории",
        "годовые расходы", "годовые траты",
    ], 12),
    **dict.fromkeys([
        "monthly category spend", "monthly category spending", "category spend per month",
        "monthly spend", "ежемесячные расходы в категории", "расходы в категории в месяц",
        "траты в категории в месяц", "месячные расходы в категории", "месячные расходы",
        "ежемесячные расходы",
    ], 1),
}
# fmt: on
SOURCES = ("column", "estimate")


@dataclass(frozen=True)
class Opportunity:
    """Where the opportunity list is cut.

    Attributes
    ----------
    top_share : float
        The share of known wallets counted as high: 0.25 = the top quartile (a wallet at or above
        the 75th percentile of the known wallets of the period).
    max_share : float
        A share of wallet below this is low: 0.2 = we win less than a fifth of their spend.
    """

    top_share: float = 0.25
    max_share: float = 0.20

    def __post_init__(self):
        for name in ("top_share", "max_share"):
            value = float(getattr(self, name))
            if not 0 < value <= 1:
                raise AnalysisError(key="wallet.error.cut", share=Percent(value))
            object.__setattr__(self, name, value)


@dataclass(frozen=True)
class Column:
    """The customers' attribute that holds the category spend: its name as imported and the
    months one value covers (12 for an annual figure)."""

    name: str
    months: int


_KEYS_SQL = (
    "SELECT DISTINCT unnest(json_keys(attributes)) AS k FROM customers WHERE attributes IS NOT NULL"
)


def find_column(conn: duckdb.DuckDBPyConnection) -> Column | None:
    """The customers' attribute named like a category spend (:data:`COLUMN_NAMES`), or None."""
    # the customers' attribute names, read once per data version (10M customers: 1.6 s)
    keys = conn.execute(*cache.kept_query(conn, "attribute_keys", _KEYS_SQL, [])).fetchall()
    found = {}
    order = list(COLUMN_NAMES)
    for (key,) in keys:
        normal = normalise_header(key)
        if normal in COLUMN_NAMES:
            found.setdefault(normal, []).append(key)
    if not found:
        return None
    best = min(found, key=order.index)
    return Column(sorted(found[best])[0], COLUMN_NAMES[best])


def load_estimates(conn: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """The saved annual category spend per customer of each tier ('1'-'4', 'inactive')."""
    saved = database.get_setting(conn, ESTIMATES_KEY) or {}
    return {t: float(v) for t, v in saved.items() if t in pyramid.ALL_TIERS and v and v > 0}


def save_estimates(conn: duckdb.DuckDBPyConnection, estimates: dict[str, float | None]) -> None:
    """Save the annual spend estimate per tier (an empty or zero value removes that tier's).

    Raises
    ------
    AnalysisError
        For a negative amount or an unknown tier.
    """
    kept = {}
    for tier, value in estimates.items():
        if tier not in pyramid.ALL_TIERS:
            raise AnalysisError(
                f"Unknown tier {tier!r}: choose 1, 2, 3, 4 or inactive.",
                key="errors.unknown_tier",
                tier=repr(tier),
            )
        if value is None or value == 0:
            continue
        if not value > 0:
            raise AnalysisError(key="wallet.error.negative", amount=value)
        kept[tier] = float(value)
    database.put_setting(conn, ESTIMATES_KEY, kept)


def load_opportunity(conn: duckdb.DuckDBPyConnection) -> Opportunity:
    """The saved opportunity cuts, or the defaults (top 25% of wallets, share below 20%)."""
    saved = database.get_setting(conn, OPPORTUNITY_KEY) or {}
    return Opportunity(**{k: saved[k] for k in ("top_share", "max_share") if k in saved})


def save_opportunity(conn: duckdb.DuckDBPyConnection, cuts: Opportunity) -> None:
    """Save the opportunity cuts for the page and the campaign audience."""
    database.put_setting(
        conn, OPPORTUNITY_KEY, {"top_share": cuts.top_share, "max_share": cuts.max_share}
    )


def period_days(conn: duckdb.DuckDBPyConnection, filters: Filters) -> int | None:
    """Days of the period (both ends counted); an open end is the data's first or last purchase.
    None when there is no purchase to bound it."""
    start, end = filters.start, filters.end
    if start is None or end is None:
        first, last = conn.execute(
            "SELECT CAST(min(ordered_at) AS DATE), CAST(max(ordered_at) AS DATE) "
            "FROM transactions WHERE revenue > 0"
        ).fetchone()
        start, end = start or first, end or last
    if start is None or end is None or end < start:
        return None
    return (end - start).days + 1


def year_fraction(days: int) -> float:
    """The part of a year's spend that falls in a period of ``days`` days."""
    return days / DAYS_PER_YEAR


# A text as a number: "1 200,50", "1,200.50", "1200", "€1.200,5"; NULL when it is none.
_DIGITS = "regexp_replace(CAST({v} AS VARCHAR), '[^0-9,.\\-]', '', 'g')"
_NUMBER_SQL = """TRY_CAST(CASE
    WHEN {d} LIKE '%,%' AND {d} LIKE '%.%' AND strpos({d}, ',') > strpos({d}, '.')
        THEN replace(replace({d}, '.', ''), ',', '.')
    WHEN {d} LIKE '%,%' AND {d} LIKE '%.%' THEN replace({d}, ',', '')
    WHEN regexp_full_match({d}, '-?\\d{{1,3}}(,\\d{{3}})+') THEN replace({d}, ',', '')
    ELSE replace({d}, ',', '.') END AS DOUBLE)"""


def number_sql(value_sql: str) -> str:
    """SQL reading the text ``value_sql`` as a number (decimal comma or point, spaces, currency
    signs and thousands separators dropped). A plain number ("1200", "-3.5") is cast as it is,
    which is what the general reading gives it, at half its cost."""
    text = f"CAST({value_sql} AS VARCHAR)"
    return (
        f"CASE WHEN regexp_full_match({text}, '-?[0-9]+(\\.[0-9]+)?') THEN CAST({text} AS DOUBLE) "
        f"ELSE {_NUMBER_SQL.format(d=_DIGITS.format(v=value_sql))} END"
    )


def _stated_sql(column: Column | None) -> tuple[str, list]:
    if column is None:
        return "SELECT NULL::VARCHAR AS customer_id, NULL::DOUBLE AS annual_spend WHERE false", []
    sql = f"""
        SELECT customer_id, arg_max(amount, coalesce(import_id, 0)) * ? AS annual_spend
        FROM (SELECT customer_id, import_id, {number_sql("raw")} AS amount
              FROM (SELECT customer_id, import_id, json_extract_string(attributes, ?) AS raw
                    FROM customers WHERE attributes IS NOT NULL))
        WHERE amount > 0
        GROUP BY customer_id"""
    return sql, [12 / column.months, f'$."{column.name}"']


# --- kept tables: the stated wallets per data version, the customers' wallets per view ---


@dataclass(frozen=True)
class Stated:
    """What the customers file states of wallets at one data version: the ``column`` found
    (or None) and ``sql``/``params``, a query of customer_id, annual_spend (one row per
    customer with a readable positive amount)."""

    column: Column | None
    sql: str
    params: list


def stated(conn: duckdb.DuckDBPyConnection) -> Stated:
    """The column found (:func:`find_column`) and the stated wallets, computed once per data
    version and kept in memory (:func:`dashboard.value.cache.kept_query`); the answer a Spark
    cluster kept in the file is used when there is one (:mod:`dashboard.store.computed`)."""
    column = find_column(conn)
    sql, params = _stated_sql(column)
    if column is None:
        return Stated(None, sql, params)
    return Stated(column, *cache.kept(conn, "stated", sql, params))


def customer_wallet_sql(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str = "revenue",
    rule: pyramid.TierRule | None = None,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
    estimates: dict[str, float] | None = None,
    column: Column | None = None,
) -> tuple[str, list, int | None]:
    """SQL of every known customer's tier, revenue and wallet; its parameters; the period's days.

    ``estimates`` default to the saved estimates; ``column`` to the one found, whose stated
    wallets are then read once per data version (:func:`stated`).
    Columns: customer_id, tier, revenue, annual_wallet, wallet (of the period), wallet_source
    ('column', 'estimate' or NULL), share (NULL where the wallet is unknown).
    """
    days = period_days(conn, filters)
    estimates = load_estimates(conn) if estimates is None else estimates
    if column is None:
        kept = stated(conn)
        stated_query, stated_params = kept.sql, kept.params
    else:
        stated_query, stated_params = _stated_sql(column)
    cached = source or cache.source(conn, filters, cost_model)
    tiered, params = pyramid.tiered_value_sql(filters, by, rule, cost_model, cached)
    fraction = year_fraction(days) if days else None
    sql = f"""
    WITH tiered AS ({tiered}),
    stated AS ({stated_query}),
    estimates AS (SELECT unnest(?::VARCHAR[]) AS tier, unnest(?::DOUBLE[]) AS annual_spend),
    joined AS (
        SELECT t.customer_id, t.tier, t.revenue,
               coalesce(s.annual_spend, e.annual_spend) AS annual_wallet,
               CASE WHEN s.annual_spend IS NOT NULL THEN 'column'
                    WHEN e.annual_spend IS NOT NULL THEN 'estimate' END AS wallet_source
        FROM tiered t
        LEFT JOIN stated s USING (customer_id)
        LEFT JOIN estimates e USING (tier)
    ),
    scaled AS (SELECT *, annual_wallet * CAST(? AS DOUBLE) AS wallet FROM joined)
    SELECT customer_id, tier, revenue, annual_wallet, wallet, wallet_source,
           greatest(revenue, 0) / nullif(wallet, 0) AS share
    FROM scaled"""
    params = [
        *params,
        *stated_params,
        list(estimates),
        list(estimates.values()),
        fraction,
    ]
    return sql, params, days


def customer_wallets(conn: duckdb.DuckDBPyConnection, filters: Filters, **tiers) -> pd.DataFrame:
    """Every known customer's tier, revenue, wallet and share (see :func:`customer_wallet_sql`)."""
    sql, params, _ = customer_wallet_sql(conn, filters, **tiers)
    return value_table.run_query(conn, f"{sql} ORDER BY customer_id", params)


def _wallet_base(
    conn: duckdb.DuckDBPyConnection, filters: Filters, tiers: dict
) -> tuple[str, list]:
    """The period's kept wallets (one row per known customer: :data:`ranking.PLACE_COLUMNS`, the
    stated spend and ``people_row``), made once per period and cost model: the join of 10M
    customers with their stated spend is not made again for a change of ranking or rule."""
    column = tiers.get("column")
    if column is None:
        kept = stated(conn)
        stated_query, stated_params = kept.sql, kept.params
    else:
        stated_query, stated_params = _stated_sql(column)
    value_sql, value_params = tiers.get("source") or cache.source(
        conn, filters, tiers.get("cost_model")
    )
    # people_row: the row of the customer's newest record in ``customers``, where the list's
    # contact details are read (found by row id, not by a scan of 10M customers' ids: 1.2 s)
    base_sql = f"""
        SELECT v.customer_id, {", ".join(f"v.{c}" for c in ranking.PLACE_COLUMNS)},
               s.annual_spend AS stated_spend, p.people_row
        FROM ({value_sql}) v LEFT JOIN ({stated_query}) s USING (customer_id)
        LEFT JOIN (
            SELECT customer_id, arg_max(rowid, coalesce(import_id, -1)) AS people_row
            FROM customers GROUP BY customer_id
        ) p USING (customer_id)"""
    return cache.kept_query(conn, "wallets", base_sql, [*value_params, *stated_params])


def _ranked_wallets(
    conn: duckdb.DuckDBPyConnection, filters: Filters, tiers: dict
) -> tuple[str, list]:
    """The wallets of a view ranked by a past measure, as :func:`customer_wallet_sql` gives
    them (one row per customer, ``customers`` = 1), read from the period's kept wallets
    (:func:`_wallet_base`), so that a change of ranking or rule is one scan."""
    by = tiers.get("by", "revenue")
    rule = tiers.get("rule") or pyramid.TierRule()
    days = period_days(conn, filters)
    estimates = tiers.get("estimates")
    estimates = load_estimates(conn) if estimates is None else estimates
    base, base_params = _wallet_base(conn, filters, tiers)
    cuts, cut_params, case = pyramid.past_tiers(rule, by)
    fraction = year_fraction(days) if days else None
    sql = f"""
        WITH base AS {ranking.cte_keyword(base, base_params)}({base}),
        totals AS (SELECT {cuts} FROM base WHERE is_active),
        estimates AS (SELECT unnest(?::VARCHAR[]) AS tier, unnest(?::DOUBLE[]) AS annual_spend),
        tiered AS (
            SELECT customer_id, {case} AS tier, revenue, stated_spend, people_row
            FROM base CROSS JOIN totals
        ),
        joined AS (
            SELECT t.customer_id, t.tier, t.revenue, t.people_row,
                   coalesce(t.stated_spend, e.annual_spend) * CAST(? AS DOUBLE) AS wallet,
                   CASE WHEN t.stated_spend IS NOT NULL THEN 'column'
                        WHEN e.annual_spend IS NOT NULL THEN 'estimate' END AS wallet_source
            FROM tiered t LEFT JOIN estimates e USING (tier)
        )
        SELECT customer_id, tier, revenue, wallet, wallet_source,
               greatest(revenue, 0) / nullif(wallet, 0) AS share, 1 AS customers, people_row
        FROM joined"""
    params = [
        *base_params,
        *cut_params,
        list(estimates),
        list(estimates.values()),
        fraction,
    ]
    return sql, params


def _kept_wallets(
    conn: duckdb.DuckDBPyConnection, filters: Filters, tiers: dict
) -> tuple[str, list]:
    """The customers' wallets of a view: one row per customer with a known wallet
    (customer_id, tier, revenue, wallet, wallet_source, share, customers = 1) and, ranked by
    predicted value, one per tier for those without (customer_id NULL, their count in
    ``customers``), computed once per view and kept; ranked by a past measure, one row per
    customer read from the period's kept wallets (:func:`_ranked_wallets`)."""
    if tiers.get("by", "revenue") in ranking.PAST_MEASURES:
        return _ranked_wallets(conn, filters, tiers)
    sql, params, _ = customer_wallet_sql(conn, filters, **tiers)
    query = f"""
        WITH w AS MATERIALIZED ({sql})
        SELECT customer_id, tier, revenue, wallet, wallet_source, share, 1 AS customers,
               NULL::BIGINT AS people_row
        FROM w WHERE wallet IS NOT NULL
        UNION ALL
        SELECT NULL, tier, NULL, NULL, NULL, NULL, count(*), NULL FROM w WHERE wallet IS NULL
        GROUP BY tier"""
    return cache.kept_query(conn, "wallets", query, params)


def customer_share(
    conn: duckdb.DuckDBPyConnection, filters: Filters, customer_id: str, **tiers
) -> dict | None:
    """One customer's row of :func:`customer_wallets` as a dict (with ``days``), or None when
    the customer is not known in the period."""
    sql, params, days = customer_wallet_sql(conn, filters, **tiers)
    found = value_table.run_query(
        conn, f"WITH w AS ({sql}) SELECT * FROM w WHERE customer_id = ?", [*params, customer_id]
    )
    if found.empty:
        return None
    row = found.iloc[0].to_dict()
    row = {k: (None if pd.isna(v) else v) for k, v in row.items()}
    return row | {"days": days}


def tier_summary(conn: duckdb.DuckDBPyConnection, filters: Filters, **tiers) -> pd.DataFrame:
    """Share of wallet per tier.

    Returns
    -------
    pandas.DataFrame
        One row per tier '1'-'4', 'inactive' (always all five): customers, known (customers
        with a known wallet), from_column, from_estimate, revenue (of the known ones), wallet
        (their wallets of the period, summed; NaN when none is known), share (revenue ÷ wallet;
        NaN when no wallet is known).
    """
    table, params = _kept_wallets(conn, filters, tiers)
    query = f"""
    WITH {pyramid.TIER_LIST_SQL},
    by_tier AS (
        SELECT tier, sum(customers) AS customers,
               count(*) FILTER (WHERE wallet IS NOT NULL) AS known,
               count(*) FILTER (WHERE wallet_source = 'column') AS from_column,
               count(*) FILTER (WHERE wallet_source = 'estimate') AS from_estimate,
               coalesce(sum(revenue) FILTER (WHERE wallet IS NOT NULL), 0) AS revenue,
               sum(wallet) AS wallet
        FROM ({table}) GROUP BY tier
    )
    SELECT l.tier, coalesce(b.customers, 0) AS customers, coalesce(b.known, 0) AS known,
           coalesce(b.from_column, 0) AS from_column,
           coalesce(b.from_estimate, 0) AS from_estimate,
           coalesce(b.revenue, 0) AS revenue, b.wallet,
           greatest(b.revenue, 0) / nullif(b.wallet, 0) AS share
    FROM tier_list l LEFT JOIN by_tier b USING (tier)
    ORDER BY l.tier_order"""
    frame = value_table.run_query(conn, query, params)
    for c in ("customers", "known", "from_column", "from_estimate"):
        frame[c] = frame[c].astype("int64")
    return frame


def _opportunity_sql(
    conn: duckdb.DuckDBPyConnection, filters: Filters, cuts: Opportunity | None, tiers: dict
) -> tuple[str, list, str]:
    """The CTEs ``cut`` (the threshold) and ``listed`` (every customer of high wallet and low
    share, with ``untapped`` and ``threshold``) and their parameters, to go on with ``, ...``;
    and the CTE ``people`` to read the contact details of a CTE ``rows`` of them with."""
    cuts = cuts or load_opportunity(conn)
    if tiers.get("by", "revenue") in ranking.PAST_MEASURES:
        estimates = tiers.get("estimates")
        estimates = load_estimates(conn) if estimates is None else estimates
        if not estimates:  # every wallet is a stated one: the list does not depend on tiers
            return (*_untiered_opportunities(conn, filters, cuts, tiers), _PEOPLE_BY_ROW_SQL)
    table, params = _kept_wallets(conn, filters, tiers)
    ranked = tiers.get("by", "revenue") in ranking.PAST_MEASURES  # people_row is known
    query = f"""
    WITH known AS (SELECT customer_id, tier, revenue, wallet, share, wallet_source, people_row
                   FROM ({table}) WHERE wallet IS NOT NULL),
    cut AS MATERIALIZED (
        SELECT quantile_cont(wallet, 1 - CAST(? AS DOUBLE)) AS threshold FROM known),
    listed AS MATERIALIZED (
        SELECT k.*, k.wallet - k.revenue AS untapped, c.threshold
        FROM known k CROSS JOIN cut c
        WHERE k.wallet >= c.threshold - 1e-9 AND k.share < ?)"""
    people = _PEOPLE_BY_ROW_SQL if ranked else _PEOPLE_SQL
    return query, [*params, cuts.top_share, cuts.max_share], people


def _untiered_opportunities(
    conn: duckdb.DuckDBPyConnection, filters: Filters, cuts: Opportunity, tiers: dict
) -> tuple[str, list]:
    """:func:`_opportunity_sql`'s ``cut`` and ``listed`` when no tier has an estimate: each
    wallet is then the customer's stated one, so the threshold and who is listed are the same
    under every ranking and rule. They are kept once per period and cuts (the threshold is a
    quantile over about 4M wallets at 10M customers), and a change of ranking or rule only
    gives the listed customers their tier."""
    by = tiers.get("by", "revenue")
    rule = tiers.get("rule") or pyramid.TierRule()
    days = period_days(conn, filters)
    base, base_params = _wallet_base(conn, filters, tiers)
    places = ", ".join(ranking.PLACE_COLUMNS)
    listed_sql = f"""
        WITH known AS (
            SELECT customer_id, {places}, people_row,
                   stated_spend * CAST(? AS DOUBLE) AS wallet
            FROM ({base}) WHERE stated_spend IS NOT NULL),
        shared AS (
            SELECT *, greatest(revenue, 0) / nullif(wallet, 0) AS share
            FROM known WHERE wallet IS NOT NULL),
        cut AS (SELECT quantile_cont(wallet, 1 - CAST(? AS DOUBLE)) AS threshold FROM shared)
        -- one row without a customer when nobody is listed: it still holds the threshold
        SELECT s.*, s.wallet - s.revenue AS untapped, c.threshold
        FROM cut c LEFT JOIN shared s ON s.wallet >= c.threshold - 1e-9 AND s.share < ?"""
    fraction = year_fraction(days) if days else None
    listed, listed_params = cache.kept_query(
        conn,
        "opportunities",
        listed_sql,
        [fraction, *base_params, cuts.top_share, cuts.max_share],
    )
    totals, cut_params, case = pyramid.past_tiers(rule, by, "l.")
    query = f"""
    WITH kept AS NOT MATERIALIZED ({listed}),
    tier_cuts AS (SELECT {totals} FROM ({base}) WHERE is_active),
    cut AS MATERIALIZED (SELECT any_value(threshold) AS threshold FROM kept),
    listed AS MATERIALIZED (
        SELECT l.customer_id, {case} AS tier, l.revenue, l.wallet, l.share,
               'column' AS wallet_source, l.people_row, l.untapped, l.threshold
        FROM kept l CROSS JOIN tier_cuts
        WHERE l.customer_id IS NOT NULL)"""
    return query, [*listed_params, *base_params, *cut_params]


#: The contact details (the newest import's) of the customers in a CTE ``rows`` defined
#: before it: only theirs are read, not every customer's.
_PEOPLE_SQL = """people AS (
        SELECT DISTINCT ON (customer_id) customer_id, name, email, phone, country
        FROM customers WHERE customer_id IN (SELECT customer_id FROM rows)
        ORDER BY customer_id, import_id DESC NULLS LAST)"""
#: The same read by the row of each one's newest record (``people_row``).
_PEOPLE_BY_ROW_SQL = """people AS (
        SELECT customer_id, name, email, phone, country
        FROM customers WHERE rowid IN (SELECT people_row FROM rows))"""
_LISTED_COLUMNS = """r.customer_id, p.name, p.email, p.phone, p.country, r.tier, r.revenue,
           r.wallet, r.share, r.untapped, r.wallet_source, r.threshold"""


def opportunities(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    cuts: Opportunity | None = None,
    **tiers,
) -> pd.DataFrame:
    """Customers of high wallet and low share, most untapped first: every one of them (the
    campaign audience and the downloads; a page shows :func:`top_opportunities`).

    Parameters
    ----------
    cuts : Opportunity, optional
        Where high and low begin; the saved cuts by default.

    Returns
    -------
    pandas.DataFrame
        customer_id, name, email, phone, country, tier, revenue, wallet, share, untapped
        (wallet - revenue), wallet_source, and ``threshold`` (the wallet at which high begins,
        the same on every row). Empty when no wallet is known.
    """
    query, params, people = _opportunity_sql(conn, filters, cuts, tiers)
    query += f""",
    rows AS (SELECT * FROM listed),
    {people}
    SELECT {_LISTED_COLUMNS}
    FROM rows r LEFT JOIN people p USING (customer_id)
    ORDER BY r.untapped DESC, r.customer_id"""
    return value_table.run_query(conn, query, params)


@dataclass(frozen=True)
class TopOpportunities:
    """The first rows of the opportunity list and what the whole list holds.

    Attributes
    ----------
    rows : pandas.DataFrame
        The most untapped customers, as :func:`opportunities` gives them (its first rows).
    customers : int
        How many customers the whole list holds.
    untapped : float
        Their wallets of the period minus our revenue, summed (0 for none).
    threshold : float or None
        The wallet at which high begins (None when no wallet is known).
    """

    rows: pd.DataFrame
    customers: int
    untapped: float
    threshold: float | None


def top_opportunities(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    cuts: Opportunity | None = None,
    limit: int = 100,
    **tiers,
) -> TopOpportunities:
    """The ``limit`` most untapped customers of high wallet and low share (the first rows of
    :func:`opportunities`, looked up by name alone) and the whole list's count, untapped sum
    and threshold, in one query: what a page shows, without fetching every qualifying
    customer."""
    query, params, people = _opportunity_sql(conn, filters, cuts, tiers)
    query += f""",
    rows AS (SELECT * FROM listed ORDER BY untapped DESC, customer_id LIMIT ?),
    {people},
    totals AS (SELECT count(*) AS listed_customers,
                      coalesce(sum(untapped), 0) AS listed_untapped,
                      (SELECT threshold FROM cut) AS listed_threshold FROM listed)
    SELECT {_LISTED_COLUMNS}, t.listed_customers, t.listed_untapped, t.listed_threshold
    FROM totals t
    LEFT JOIN (rows r LEFT JOIN people p USING (customer_id)) ON true
    ORDER BY r.untapped DESC NULLS LAST, r.customer_id"""
    frame = value_table.run_query(conn, query, [*params, int(limit)])
    totals = frame.iloc[0]
    threshold = totals.listed_threshold
    rows = frame[frame.customer_id.notna()].drop(
        columns=["listed_customers", "listed_untapped", "listed_threshold"]
    )
    return TopOpportunities(
        rows.reset_index(drop=True),
        int(totals.listed_customers),
        float(totals.listed_untapped),
        None if pd.isna(threshold) else float(threshold),
    )


def status(conn: duckdb.DuckDBPyConnection) -> dict:
    """What is known of wallets: ``column`` (the attribute found, or None), ``stated`` (customers
    with a readable value in it), ``estimates`` (the saved per-tier estimates); the column and
    the count are read once per data version (:func:`stated`)."""
    kept = stated(conn)
    count = 0
    if kept.column is not None:
        count = int(conn.execute(f"SELECT count(*) FROM ({kept.sql})", kept.params).fetchone()[0])
    return {"column": kept.column, "stated": count, "estimates": load_estimates(conn)}


def nothing_known(known: dict) -> bool:
    """True when no customer's wallet can be known (no readable column, no estimate)."""
    return not known["stated"] and not known["estimates"]
