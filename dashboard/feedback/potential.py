"""Information and cooperation potential: how much a customer tells us and takes part in our work."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError
from dashboard.feedback.trends import feedback_where, run_query
from dashboard.store import computed
from dashboard.store.filters import Filters
from dashboard.value.cost_model import load_cost_model

#: Points per feedback item: ideas for the product weigh above plain ratings (seeds/000).
INFORMATION_WEIGHTS = {
    "suggestion": 3.0,
    "wish": 3.0,
    "complaint": 2.0,
    "question": 1.0,
    "praise": 1.0,
}
#: An item without a text of at least this many characters is a plain rating: half its points.
MIN_TEXT_CHARS = 15
#: Points per act of cooperation.
COOPERATION_WEIGHTS = {
    "referral": 5.0,
    "adopted_suggestion": 4.0,
    "review": 2.0,
    "survey_answer": 1.0,
}


def _weights_case(column: str) -> tuple[str, list]:
    whens = " ".join(f"WHEN {column} = ? THEN ?" for _ in INFORMATION_WEIGHTS)
    params = [v for pair in INFORMATION_WEIGHTS.items() for v in pair]
    return f"CASE {whens} ELSE 1.0 END", params


#: The scores a list of customers is ranked by.
SCORES = ("information_score", "cooperation_score")
#: The order of :func:`customer_potential`: the highest scores first.
ORDER_SQL = "information_score + cooperation_score DESC, revenue DESC, customer_id"


def potential_sql(
    conn: duckdb.DuckDBPyConnection, filters: Filters, source: tuple[str, list] | None = None
) -> tuple[str, list]:
    """SQL and params of the potential table (one row per customer who gave anything, in no
    particular order): :func:`customer_potential`'s rows.

    ``source`` is the value table's query (a kept table); without it the value table is
    computed afresh within the query, which is the query ``compute`` keeps
    (:mod:`dashboard.spark.compute`) and :func:`potential_source` asks for.
    """
    from dashboard.value import pyramid

    value_sql, value_params = pyramid.tiered_value_sql(
        filters,
        by="revenue",
        rule=pyramid.load_tier_rule(conn),
        cost_model=load_cost_model(conn),
        source=source,
    )
    where, where_params = feedback_where(filters)
    interactions_where, interactions_params = filters.date_sql("occurred_at")
    case, case_params = _weights_case("kind")
    w = COOPERATION_WEIGHTS
    sql = f"""
    WITH value AS (SELECT customer_id, revenue, profit, orders, tier FROM ({value_sql})),
    fb AS (
        SELECT f.customer_id, f.kind, f.score, f.resolved_at,
               coalesce(length(trim(f.text)), 0) >= ? AS has_text
        FROM feedback f WHERE f.customer_id IS NOT NULL AND {where}
    ),
    info AS (
        SELECT customer_id, count(*) AS feedback_items,
               count(*) FILTER (WHERE kind IN ('suggestion', 'wish')) AS ideas,
               sum({case} * CASE WHEN has_text THEN 1.0 ELSE 0.5 END) AS base_points,
               count(*) FILTER (WHERE kind = 'suggestion' AND resolved_at IS NOT NULL)
                   AS adopted_suggestions,
               count(*) FILTER (WHERE score IS NOT NULL) AS survey_answers
        FROM fb GROUP BY customer_id
    ),
    acts AS (
        SELECT customer_id, count(*) FILTER (WHERE kind = 'referral') AS referrals,
               count(*) FILTER (WHERE kind = 'review') AS reviews
        FROM interactions WHERE kind IN ('referral', 'review') AND {interactions_where}
        GROUP BY customer_id
    ),
    scored AS (
        SELECT v.customer_id, v.tier, v.revenue, v.profit, v.orders,
               coalesce(i.feedback_items, 0) AS feedback_items, coalesce(i.ideas, 0) AS ideas,
               least(1.0, coalesce(i.feedback_items, 0) / greatest(v.orders, 1)) AS responsiveness,
               coalesce(i.base_points, 0) * (0.5 + 0.5 * least(1.0,
                   coalesce(i.feedback_items, 0) / greatest(v.orders, 1))) AS information_points,
               coalesce(a.referrals, 0) AS referrals, coalesce(a.reviews, 0) AS reviews,
               coalesce(i.adopted_suggestions, 0) AS adopted_suggestions,
               coalesce(i.survey_answers, 0) AS survey_answers
        FROM value v
        LEFT JOIN info i USING (customer_id)
        LEFT JOIN acts a USING (customer_id)
    ),
    pointed AS (
        SELECT *, {w["referral"]} * referrals + {w["review"]} * reviews
                  + {w["adopted_suggestion"]} * adopted_suggestions
                  + {w["survey_answer"]} * survey_answers AS cooperation_points
        FROM scored WHERE feedback_items > 0 OR referrals > 0 OR reviews > 0
    )
    SELECT *,
           CASE WHEN information_points > 0 THEN 100 * cume_dist() OVER (
               PARTITION BY information_points > 0 ORDER BY information_points) ELSE 0 END
               AS information_score,
           CASE WHEN cooperation_points > 0 THEN 100 * cume_dist() OVER (
               PARTITION BY cooperation_points > 0 ORDER BY cooperation_points) ELSE 0 END
               AS cooperation_score
    FROM pointed
    """
    params = [*value_params, MIN_TEXT_CHARS, *where_params, *case_params, *interactions_params]
    return sql, params


def potential_source(conn: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, list]:
    """``SELECT * FROM`` the potential table of ``filters``, computed once: the one ``compute``
    kept in the file, else one kept per data version (:func:`dashboard.value.cache.kept_query`)
    from the period's kept value table."""
    from dashboard.value import cache

    sql, params = potential_sql(conn, filters)
    kept = computed.served(conn, sql, params)
    if kept is not None:
        return kept
    value = cache.source(conn, filters, load_cost_model(conn))
    return cache.kept_query(conn, "potential", *potential_sql(conn, filters, source=value))


def customer_potential(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Information and cooperation potential of every customer who gave anything in the range.

    Information points: each feedback item weighs by kind (suggestions and wishes 3, complaints
    2, questions and praise 1), half when it has no real text (a plain rating), times
    0.5 + 0.5 x responsiveness (feedback items per order, at most 1). Cooperation points:
    referral 5, adopted suggestion (a suggestion marked resolved) 4, review 2, survey answer 1.
    Scores are percentile ranks (0-100) among customers with any points. Tier, revenue and
    profit are the pyramid's (the saved tier rule, ranked by revenue; the saved cost model).

    Returns
    -------
    pandas.DataFrame
        customer_id, tier, revenue, profit, orders, feedback_items, ideas, responsiveness,
        information_points, referrals, reviews, adopted_suggestions, survey_answers,
        cooperation_points, information_score, cooperation_score; the highest scores first.
    """
    return ranked_potential(conn, filters)


def _check_score(score: str | None) -> str | None:
    if score is not None and score not in SCORES:
        raise AnalysisError(
            f"Unknown score {score!r}: choose {' or '.join(SCORES)}.",
            key="errors.unknown_score",
            score=repr(score),
        )
    return score


def ranked_potential(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    score: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """:func:`customer_potential`'s rows, the highest ``score`` first (ties, and without a
    score: in :func:`customer_potential`'s order), at most ``limit`` of them (all: None)."""
    order = f"{_check_score(score)} DESC, {ORDER_SQL}" if score else ORDER_SQL
    sql, params = potential_source(conn, filters)
    tail = "" if limit is None else " LIMIT ?"
    return run_query(
        conn,
        f"SELECT * FROM ({sql}) AS potential ORDER BY {order}{tail}",
        [*params, *([] if limit is None else [int(limit)])],
    )


def potential_count(conn: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """How many customers gave anything in the range (the rows of :func:`customer_potential`)."""
    sql, params = potential_source(conn, filters)
    return int(conn.execute(f"SELECT count(*) FROM ({sql}) AS potential", params).fetchone()[0])


def potential_sample(conn: duckdb.DuckDBPyConnection, filters: Filters, rows: int) -> pd.DataFrame:
    """At most ``rows`` of :func:`customer_potential`'s customers (all when there are no more),
    the same ones on every run: those whose id hashes lowest."""
    sql, params = potential_source(conn, filters)
    return run_query(
        conn,
        f"SELECT * FROM ({sql}) AS potential ORDER BY hash(customer_id), customer_id LIMIT ?",
        [*params, int(rows)],
    )


def potential_by_tier(potential: pd.DataFrame) -> pd.DataFrame:
    """Mean scores and customers per tier, from :func:`customer_potential`."""
    return (
        potential.groupby("tier", as_index=False)
        .agg(
            customers=("customer_id", "size"),
            information_score=("information_score", "mean"),
            cooperation_score=("cooperation_score", "mean"),
        )
        .sort_values("tier")
        .reset_index(drop=True)
    )
