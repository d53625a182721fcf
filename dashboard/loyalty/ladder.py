"""The loyalty ladder: prospects, one-time buyers, satisfied, devoted, partners, and moves on it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, Label
from dashboard.store import computed, database
from dashboard.store.filters import Filters

#: The rungs, lowest first.
LEVELS = ("prospect", "one_time", "satisfied", "devoted", "partner")
SETTING_KEY = "loyalty.ladder_rules"
#: The texts' three levels of loyalty (seeds/002) as rules a user can edit; saved in settings.
DEFAULT_RULES = {
    "satisfied_min_orders": 2,  # a repeat purchase ...
    "satisfied_no_open_complaint": True,  # ... and no complaint left unresolved
    "devoted_min_active_months": 3,  # bought in at least 3 ...
    "devoted_window_months": 6,  # ... of the last 6 months
    "devoted_min_nps": 7,  # and their latest NPS answer is at least 7
    "partner_min_nps": 9,  # a promoter ...
    "partner_needs_contribution": True,  # ... who referred someone or made a suggestion
}
_INTEGER_RULES = {
    "satisfied_min_orders": (1, 1000),
    "devoted_min_active_months": (1, 120),
    "devoted_window_months": (1, 120),
    "devoted_min_nps": (0, 10),
    "partner_min_nps": (0, 10),
}
#: Each rule's label on the Loyalty page: messages on the page name a rule by it.
RULE_LABELS = {
    "satisfied_min_orders": "loyalty.rule.min_orders",
    "satisfied_no_open_complaint": "loyalty.rule.no_open",
    "devoted_min_active_months": "loyalty.rule.active_months",
    "devoted_window_months": "loyalty.rule.window",
    "devoted_min_nps": "loyalty.rule.devoted_nps",
    "partner_min_nps": "loyalty.rule.partner_nps",
    "partner_needs_contribution": "loyalty.rule.contribution",
}


def check_rules(rules: dict | None) -> dict:
    """The rules completed with defaults and checked; AnalysisError names a bad one and the fix."""
    merged = {**DEFAULT_RULES, **(rules or {})}
    unknown = set(merged) - set(DEFAULT_RULES)
    if unknown:
        raise AnalysisError(
            f"Unknown ladder rules {sorted(unknown)}: use {sorted(DEFAULT_RULES)}.",
            key="errors.unknown_ladder_rules",
            unknown=str(sorted(unknown)),
            known=str(sorted(DEFAULT_RULES)),
        )
    for key, (low, high) in _INTEGER_RULES.items():
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise AnalysisError(
                f"The ladder rule {key} must be a whole number, not {value!r}.",
                key="errors.rule_not_whole",
                rule=Label(key, RULE_LABELS[key]),
                value=value if isinstance(value, float) else repr(value),
            )
        if not low <= value <= high:
            raise AnalysisError(
                f"The ladder rule {key} must be between {low} and {high}.",
                key="errors.rule_out_of_range",
                rule=Label(key, RULE_LABELS[key]),
                low=low,
                high=high,
            )
        merged[key] = int(value)
    if merged["devoted_min_active_months"] > merged["devoted_window_months"]:
        raise AnalysisError(
            "Devoted customers cannot buy in more months than the window has: make the window "
            "at least as long as the number of months with a purchase.",
            key="errors.devoted_window",
        )
    for key in ("satisfied_no_open_complaint", "partner_needs_contribution"):
        merged[key] = bool(merged[key])
    return merged


def load_rules(conn: duckdb.DuckDBPyConnection) -> dict:
    """The saved ladder rules (the defaults when none were saved)."""
    return check_rules(database.get_setting(conn, SETTING_KEY, {}))


def save_rules(conn: duckdb.DuckDBPyConnection, rules: dict) -> dict:
    """Check and save the ladder rules in settings; return what was saved."""
    checked = check_rules(rules)
    database.put_setting(conn, SETTING_KEY, checked)
    return checked


#: The latest purchase or feedback moment (answered by Spark too when the lines live there).
LATEST_SQL = (
    "SELECT greatest(max(ordered_at), (SELECT max(created_at) FROM feedback)) AS latest "
    "FROM transactions"
)


def latest_date(conn: duckdb.DuckDBPyConnection) -> date | None:
    """The day of the latest purchase or feedback in the database (the default "as of" day)."""
    row = conn.execute(*computed.serve(conn, LATEST_SQL, [])).fetchone()
    return row[0].date() if row and row[0] else None


def _as_of(conn, filters: Filters, as_of: date | None) -> date:
    chosen = as_of or filters.end or latest_date(conn)
    if chosen is None:
        raise AnalysisError(
            "There are no purchases yet: import transactions or load the demo.",
            key="errors.no_purchases",
        )
    return chosen.date() if isinstance(chosen, datetime) else chosen


def _country_sql(filters: Filters, column: str) -> tuple[str, list]:
    """The condition that ``column`` is a customer of the filter's countries (TRUE without)."""
    if not filters.countries:
        return "TRUE", []
    marks = ", ".join("?" * len(filters.countries))
    condition = f"{column} IN (SELECT customer_id FROM customers WHERE country IN ({marks}))"
    return condition, list(filters.countries)


def ladder_sql(filters: Filters, as_of: date, rules: dict | None = None) -> tuple[str, list]:
    """SQL and params giving one row per customer known on ``as_of`` with the facts and level."""
    r = check_rules(rules)
    cutoff = as_of + timedelta(days=1)  # everything before the end of the as-of day
    country_sql, country_params = _country_sql(filters, "customer_id")
    satisfied = "coalesce(p.orders, 0) >= ?"
    if r["satisfied_no_open_complaint"]:
        satisfied += " AND coalesce(o.open_complaints, 0) = 0"
    devoted = f"{satisfied} AND coalesce(p.active_months, 0) >= ? AND n.latest_nps >= ?"
    partner = f"{satisfied} AND n.latest_nps >= ?"
    if r["partner_needs_contribution"]:
        partner += " AND (coalesce(c.referrals, 0) > 0 OR coalesce(s.suggestions, 0) > 0)"
    # Known on the as-of day: signed up or had a transaction by then. A customer row without a
    # sign-up date (the importer writes one for every buyer of a transactions file) is known from
    # the customer's first transaction; one with neither is always known (as in metrics.py).
    sql = f"""
    WITH base AS (
        SELECT customer_id FROM customers c WHERE {country_sql}
        GROUP BY customer_id
        HAVING coalesce(
            min(signup_at) < ?,
            NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.customer_id)
        )
        UNION
        SELECT customer_id FROM transactions WHERE ordered_at < ? AND {country_sql}
    ),
    purchases AS (
        SELECT customer_id,
               count(DISTINCT {database.order_key()}) AS orders,
               count(DISTINCT date_trunc('month', ordered_at))
                   FILTER (WHERE ordered_at >= CAST(? AS TIMESTAMP) - to_months(?)) AS active_months
        FROM transactions WHERE ordered_at < ? AND revenue > 0 GROUP BY customer_id
    ),
    open_complaints AS (
        SELECT customer_id, count(*) AS open_complaints FROM feedback
        WHERE kind = 'complaint' AND created_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)
        GROUP BY customer_id
    ),
    nps AS (
        SELECT customer_id, arg_max(score, created_at) AS latest_nps FROM feedback
        WHERE scale = 'nps_0_10' AND score IS NOT NULL AND created_at < ? GROUP BY customer_id
    ),
    referrals AS (
        SELECT customer_id, count(*) AS referrals FROM interactions
        WHERE kind = 'referral' AND occurred_at < ? GROUP BY customer_id
    ),
    suggestions AS (
        SELECT customer_id, count(*) AS suggestions FROM feedback
        WHERE kind = 'suggestion' AND created_at < ? GROUP BY customer_id
    )
    SELECT b.customer_id, coalesce(p.orders, 0) AS orders,
           coalesce(p.active_months, 0) AS active_months,
           coalesce(o.open_complaints, 0) AS open_complaints, n.latest_nps,
           coalesce(c.referrals, 0) AS referrals, coalesce(s.suggestions, 0) AS suggestions,
           CASE WHEN coalesce(p.orders, 0) = 0 THEN 'prospect'
                WHEN {partner} THEN 'partner'
                WHEN {devoted} THEN 'devoted'
                WHEN {satisfied} THEN 'satisfied'
                ELSE 'one_time' END AS level
    FROM base b
    LEFT JOIN purchases p USING (customer_id)
    LEFT JOIN open_complaints o USING (customer_id)
    LEFT JOIN nps n USING (customer_id)
    LEFT JOIN referrals c USING (customer_id)
    LEFT JOIN suggestions s USING (customer_id)
    """
    params = [
        *country_params,
        cutoff,
        cutoff,
        *country_params,
        cutoff,
        r["devoted_window_months"],
        cutoff,
        cutoff,
        cutoff,
        cutoff,
        cutoff,
        cutoff,
        r["satisfied_min_orders"],
        r["partner_min_nps"],
        r["satisfied_min_orders"],
        r["devoted_min_active_months"],
        r["devoted_min_nps"],
        r["satisfied_min_orders"],
    ]
    return sql, params


def customer_levels(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    as_of: date | None = None,
    rules: dict | None = None,
) -> pd.DataFrame:
    """Every customer's rung on ``as_of`` (default: the end of the range, else the latest data).

    Returns
    -------
    pandas.DataFrame
        customer_id, orders, active_months (in the devoted window), open_complaints, latest_nps,
        referrals, suggestions, level.
    """
    sql, params = computed.serve(
        conn, *ladder_sql(filters, _as_of(conn, filters, as_of), rules), filters
    )
    return conn.execute(sql, params).df()


def ladder_counts(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    as_of: date | None = None,
    rules: dict | None = None,
) -> dict[str, int]:
    """Customers on each rung on ``as_of``, every rung present (lowest first)."""
    sql, params = computed.serve(
        conn, *ladder_sql(filters, _as_of(conn, filters, as_of), rules), filters
    )
    rows = conn.execute(f"SELECT level, count(*) FROM ({sql}) GROUP BY level", params).fetchall()
    found = dict(rows)
    return {level: int(found.get(level, 0)) for level in LEVELS}


def buyers_with_nps(
    conn: duckdb.DuckDBPyConnection, filters: Filters, as_of: date | None = None
) -> int:
    """Buying customers on the ladder on ``as_of`` who have an NPS answer (0-10) by then.

    Devoted and partner both need the latest NPS answer to reach a score, so when this is 0 the
    two top rungs are empty whatever customers do: the ladder cannot judge devotion at all.
    """
    sql, params = computed.serve(
        conn, *buyers_with_nps_sql(filters, _as_of(conn, filters, as_of)), filters
    )
    return int(conn.execute(sql, params).fetchone()[0])


def buyers_with_nps_sql(filters: Filters, as_of: date) -> tuple[str, list]:
    """The query of :func:`buyers_with_nps` on ``as_of`` and its parameters."""
    cutoff = as_of + timedelta(days=1)
    country_sql, country_params = _country_sql(filters, "f.customer_id")
    sql = f"""
    SELECT count(DISTINCT f.customer_id) AS buyers FROM feedback f
    WHERE f.scale = 'nps_0_10' AND f.score IS NOT NULL AND f.created_at < ? AND {country_sql}
      AND EXISTS (
        SELECT 1 FROM transactions t
        WHERE t.customer_id = f.customer_id AND t.revenue > 0 AND t.ordered_at < ?
      )"""
    return sql, [cutoff, *country_params, cutoff]


def can_judge_unhappy(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the feedback can tell who is unhappy: some customer has an NPS answer or a complaint.

    Without either (transactions alone) "no valuable unhappy customer" would be a guess, not a
    finding: :func:`dashboard.loyalty.retention.valuable_unhappy` is then empty whatever customers
    think.
    """
    sql = """
    SELECT EXISTS (
        SELECT 1 FROM feedback
        WHERE customer_id IS NOT NULL
          AND (kind = 'complaint' OR (scale = 'nps_0_10' AND score IS NOT NULL))
    )"""
    return bool(conn.execute(sql).fetchone()[0])


def ladder_movement(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    before: date,
    after: date,
    rules: dict | None = None,
) -> pd.DataFrame:
    """How customers moved between the rungs from ``before`` to ``after``.

    Returns
    -------
    pandas.DataFrame
        from_level ('new' for customers not known yet on ``before``), to_level, customers and
        direction ('up', 'down', 'same' or 'new').
    """
    if before >= after:
        raise AnalysisError(
            "Pick a first date before the second one to compare the ladder.",
            key="errors.ladder_dates",
        )
    sql_before, params_before = computed.serve(conn, *ladder_sql(filters, before, rules), filters)
    sql_after, params_after = computed.serve(conn, *ladder_sql(filters, after, rules), filters)
    sql = f"""
    WITH a AS ({sql_before}), b AS ({sql_after})
    SELECT coalesce(a.level, 'new') AS from_level, b.level AS to_level, count(*) AS customers
    FROM b LEFT JOIN a USING (customer_id)
    GROUP BY ALL
    """
    df = conn.execute(sql, [*params_before, *params_after]).df()
    rank = {level: i for i, level in enumerate(LEVELS)}
    df["direction"] = [
        "new"
        if f == "new"
        else "up"
        if rank[t] > rank[f]
        else "down"
        if rank[t] < rank[f]
        else "same"
        for f, t in zip(df["from_level"], df["to_level"], strict=True)
    ]
    order = {level: i for i, level in enumerate(("new", *LEVELS))}
    df = df.sort_values(["from_level", "to_level"], key=lambda s: s.map(order))
    return df.reset_index(drop=True)


def movement_summary(movement: pd.DataFrame) -> dict[str, int]:
    """Customers who moved up, down, stayed, or are new, from :func:`ladder_movement`."""
    totals = movement.groupby("direction")["customers"].sum()
    return {key: int(totals.get(key, 0)) for key in ("up", "down", "same", "new")}
