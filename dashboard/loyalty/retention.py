"""Loyalty over time: repeat, cross-purchase and referral rates, cohort retention, valuable unhappy."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError
from dashboard.feedback.trends import run_query, tiers_sql
from dashboard.store import computed, database
from dashboard.store.filters import Filters

#: The three intentions a seller aims at (seeds/003): repeat, cross purchase, recommendation.
RATES = ("repeat_rate", "cross_rate", "referral_rate")


def loyalty_rates(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Monthly rates among the customers who bought in the month.

    Returns
    -------
    pandas.DataFrame
        period, buyers, repeat_rate (share who bought before that month or more than once in
        it), cross_rate (share who bought from more than one category in it) and referral_rate
        (share who referred someone in it: interactions of kind 'referral').
    """
    return run_query(conn, *computed.serve(conn, *loyalty_rates_sql(filters), filters))


def loyalty_rates_sql(filters: Filters) -> tuple[str, list]:
    """The query of :func:`loyalty_rates` and its parameters."""
    where, params = filters.transaction_sql("t")
    sql = f"""
    WITH firsts AS (
        SELECT customer_id, min(ordered_at) AS first_at FROM transactions
        WHERE revenue > 0 GROUP BY customer_id
    ),
    buyers AS (
        SELECT date_trunc('month', t.ordered_at) AS period, t.customer_id,
               count(DISTINCT {database.order_key("t")}) AS orders,
               count(DISTINCT t.category) AS categories
        FROM transactions t WHERE t.revenue > 0 AND {where} GROUP BY ALL
    ),
    referrers AS (
        SELECT DISTINCT date_trunc('month', occurred_at) AS period, customer_id
        FROM interactions WHERE kind = 'referral'
    )
    SELECT b.period, count(*) AS buyers,
           count(*) FILTER (WHERE b.orders > 1 OR f.first_at < b.period) / count(*) AS repeat_rate,
           count(*) FILTER (WHERE b.categories > 1) / count(*) AS cross_rate,
           count(r.customer_id) / count(*) AS referral_rate
    FROM buyers b
    JOIN firsts f USING (customer_id)
    LEFT JOIN referrers r ON r.period = b.period AND r.customer_id = b.customer_id
    GROUP BY b.period ORDER BY b.period
    """
    return sql, params


def cohort_retention(
    conn: duckdb.DuckDBPyConnection, filters: Filters, max_cohorts: int = 24
) -> pd.DataFrame:
    """Monthly cohorts (month of the first purchase) and the share buying again k months later.

    Parameters
    ----------
    max_cohorts : int
        Keep the latest this many cohorts that start inside the range.

    Returns
    -------
    pandas.DataFrame
        cohort (month start), months_since (0, 1, ...), customers (who bought in that month),
        cohort_size, retention (customers / cohort_size; 1.0 at month 0).
    """
    sql, params = cohort_retention_sql(filters, max_cohorts)
    return run_query(conn, *computed.serve(conn, sql, params, filters))


def cohort_retention_sql(filters: Filters, max_cohorts: int = 24) -> tuple[str, list]:
    """The query of :func:`cohort_retention` and its parameters."""
    if max_cohorts < 1:
        raise AnalysisError("Show at least one cohort.", key="errors.no_cohorts")
    where, params = filters.transaction_sql("t")
    sql = f"""
    WITH activity AS (
        SELECT DISTINCT t.customer_id, date_trunc('month', t.ordered_at) AS month
        FROM transactions t WHERE t.revenue > 0
    ),
    cohorts AS (SELECT customer_id, min(month) AS cohort FROM activity GROUP BY customer_id),
    kept AS (
        SELECT DISTINCT c.cohort FROM cohorts c
        JOIN transactions t ON t.customer_id = c.customer_id
            AND date_trunc('month', t.ordered_at) = c.cohort
        WHERE {where}
        ORDER BY c.cohort DESC LIMIT ?
    ),
    sizes AS (SELECT cohort, count(*) AS cohort_size FROM cohorts JOIN kept USING (cohort) GROUP BY cohort)
    SELECT c.cohort, datediff('month', c.cohort, a.month) AS months_since,
           count(DISTINCT a.customer_id) AS customers, any_value(s.cohort_size) AS cohort_size,
           count(DISTINCT a.customer_id) / any_value(s.cohort_size) AS retention
    FROM cohorts c
    JOIN sizes s USING (cohort)
    JOIN activity a USING (customer_id)
    GROUP BY ALL ORDER BY c.cohort, months_since
    """
    return sql, [*params, max_cohorts]


def valuable_unhappy(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Customers of tiers 1 and 2 whose latest NPS is a detractor's (0-6) or who have open complaints.

    Returns
    -------
    pandas.DataFrame
        customer_id, name, email, phone, tier, revenue (in the range), latest_nps,
        open_complaints, last_feedback_at and said (their latest complaint or low-score text).
        The most valuable first.
    """
    tier_sql, tier_params = tiers_sql(conn, filters)
    where, params = filters.transaction_sql("t")
    sql = f"""
    WITH tiers AS (SELECT customer_id, tier FROM ({tier_sql}) WHERE tier IN ('1', '2')),
    revenue AS (
        SELECT t.customer_id, sum(t.revenue) AS revenue FROM transactions t
        WHERE {where} GROUP BY t.customer_id
    ),
    nps AS (
        SELECT customer_id, arg_max(score, created_at) AS latest_nps FROM feedback
        WHERE scale = 'nps_0_10' AND score IS NOT NULL GROUP BY customer_id
    ),
    unhappy_feedback AS (
        SELECT customer_id,
               count(*) FILTER (WHERE kind = 'complaint' AND resolved_at IS NULL) AS open_complaints,
               max(created_at) AS last_feedback_at,
               arg_max(text, created_at) FILTER (WHERE text IS NOT NULL AND (kind = 'complaint'
                   OR (scale = 'nps_0_10' AND score < 7) OR (scale = 'rating_1_5' AND score <= 2)))
                   AS said
        FROM feedback WHERE customer_id IS NOT NULL GROUP BY customer_id
    ),
    people AS (
        SELECT customer_id, any_value(name) AS name, any_value(email) AS email,
               any_value(phone) AS phone
        FROM customers GROUP BY customer_id
    )
    SELECT g.customer_id, p.name, p.email, p.phone, g.tier, r.revenue, n.latest_nps,
           coalesce(u.open_complaints, 0) AS open_complaints, u.last_feedback_at, u.said
    FROM tiers g
    LEFT JOIN revenue r USING (customer_id)
    LEFT JOIN nps n USING (customer_id)
    LEFT JOIN unhappy_feedback u USING (customer_id)
    LEFT JOIN people p USING (customer_id)
    WHERE n.latest_nps < 7 OR coalesce(u.open_complaints, 0) > 0
    ORDER BY g.tier, r.revenue DESC NULLS LAST
    """
    return run_query(conn, sql, [*tier_params, *params])
