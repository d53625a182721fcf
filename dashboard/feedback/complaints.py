"""Complaints: the iceberg of silent dissatisfied customers, resolution times, open complaints."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, Percent
from dashboard.feedback.trends import (
    UNKNOWN_GROUP,
    check_frequency,
    feedback_where,
    run_query,
    tiers_sql,
)
from dashboard.i18n import format_number, format_percent, t
from dashboard.store import computed
from dashboard.store.filters import Filters

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


#: The iceberg's views: the whole range, per period (of the page's frequency), per value tier.
ICEBERG_VIEWS = ("total", "period", "tier")


def _iceberg_group(view: str, freq: str) -> tuple[str, tuple, bool]:
    """What ``view`` groups the range's complaints by (an SQL expression over the feedback row
    ``f`` and the customer's tier ``g``), its parameters, and whether a group holds its tier's
    customers."""
    if view == "period":
        return "date_trunc(?, f.created_at)", (check_frequency(freq),), False
    if view == "tier":
        return "coalesce(g.tier, ?)", (UNKNOWN_GROUP,), True
    return "'all'", (), False


def _served_or_here(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    build,
    order: str,
    select: str = "*",
    select_params: tuple = (),
):
    """The answer ``compute`` kept for ``build(plain=True)`` (the query that ranks the period
    itself: on Spark where the lines live), else ``build()`` run here on the value cache; its
    ``select`` (with ``select_params``) ordered by ``order`` either way."""
    kept = computed.served(conn, *build(plain=True), filters)
    sql, params = kept if kept is not None else build()
    query = f"SELECT {select} FROM ({sql}) ORDER BY {order}"
    return run_query(conn, query, [*select_params, *params])


def iceberg_sql(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    view: str = "total",
    freq: str = "month",
    plain: bool = False,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL and parameters of the counts of one view of the iceberg (:data:`ICEBERG_VIEWS`; see
    :func:`_iceberg_query`, which estimates the silent from them at any share); ``plain`` and
    ``source`` as for :func:`trends.tiers_sql`."""
    group, group_params, per_tier = _iceberg_group(view, freq)
    tier_sql, tier_params = tiers_sql(conn, filters, plain, source)
    where, params = feedback_where(filters)
    ceiling = "coalesce(s.customers, r.customers)" if per_tier else "r.customers"
    sizes_join = "LEFT JOIN sizes s ON s.tier = c.grp" if per_tier else ""
    # per tier, anonymous complaints are a group of their own, never estimated (no tier size)
    left_out = "FALSE" if per_tier else "a.mostly"
    sql = f"""
    WITH tiers AS ({tier_sql}),
    sizes AS (SELECT tier, count(*) AS customers FROM tiers GROUP BY tier),
    complained AS (
        SELECT {group} AS grp, f.customer_id
        FROM feedback f LEFT JOIN tiers g ON g.customer_id = f.customer_id
        WHERE f.kind = 'complaint' AND {where}
    ),
    range_customers AS (SELECT count(*) AS customers FROM tiers WHERE tier <> 'inactive'),
    counted AS (
        SELECT grp, count(*) AS complaints, count(DISTINCT customer_id) AS identified,
               count(*) FILTER (WHERE customer_id IS NULL) AS anonymous
        FROM complained GROUP BY grp
    ),
    range_anonymous AS (  -- most of the range's complaints anonymous: known customers alone
        SELECT count(*) FILTER (WHERE customer_id IS NULL) * 2 > count(*) AS mostly
        FROM complained
    ),
    mostly AS (SELECT c.*, {left_out} AS anonymous_left_out FROM counted c, range_anonymous a),
    grouped AS (
        SELECT *, identified + CASE WHEN anonymous_left_out THEN 0 ELSE anonymous END
                      AS complaining_customers
        FROM mostly
    ),
    bounded AS (
        SELECT c.*, greatest({ceiling}, c.complaining_customers) AS customers
        FROM grouped c CROSS JOIN range_customers r {sizes_join}
    )
    SELECT grp, complaints, complaining_customers, anonymous, anonymous_left_out, customers
    FROM bounded
    """
    return sql, [*tier_params, *group_params, *params]


def _iceberg_query(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    share: float,
    view: str = "total",
    freq: str = "month",
) -> pd.DataFrame:
    """The iceberg grouped as ``view`` says (:data:`ICEBERG_VIEWS`): the one ``compute`` kept
    when the file holds it, else worked out here.

    Every row: grp, complaints, complaining_customers (distinct customers; an anonymous complaint
    counts as one customer of its own, unless most complaints of the range are anonymous: then
    they are left out in every group, ``anonymous_left_out``, and the estimate rests on the
    known customers alone, as the same few customers may have written them), customers (the most dissatisfied customers the group can
    hold), estimated_dissatisfied (complaining customers / share, never above customers), capped
    (the estimate reached that ceiling) and silent_dissatisfied (estimated minus complaining).

    The range's customers are those who bought in it (the pyramid's active customers); a ceiling
    is never below the customers seen complaining. In the tier view a tier holds its own
    customers (anonymous or unranked complaints, without a tier, are held by the range's
    customers).
    """

    def build(plain: bool = False) -> tuple[str, list]:
        return iceberg_sql(conn, filters, view, freq, plain)

    # the counts do not depend on the share, so one kept answer serves every share
    unbounded = "CAST(round(complaining_customers / ?) AS BIGINT)"
    estimate = (
        f"*, least({unbounded}, customers) AS estimated_dissatisfied, "
        f"{unbounded} > customers AS capped"
    )
    df = _served_or_here(conn, filters, build, "grp", estimate, (share, share))
    df["capped"] = df["capped"].astype(bool)
    df["anonymous_left_out"] = df["anonymous_left_out"].astype(bool)
    df["silent_dissatisfied"] = df["estimated_dissatisfied"] - df["complaining_customers"]
    return df


def complaint_iceberg(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    freq: str = "month",
    complaint_share: float = DEFAULT_COMPLAINT_SHARE,
) -> pd.DataFrame:
    """Observed complaints per period and the dissatisfied customers they stand for.

    Only a share of dissatisfied *customers* complain, so the estimate rests on the distinct
    customers who complained (three complaints of one customer are one dissatisfied customer; an
    anonymous complaint is one customer), divided by the share, and never exceeds the customers
    of the range. The range's total is :func:`iceberg_summary`, not the sum of the periods (a
    customer who complains in two periods is one customer).

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
        period, complaints, complaining_customers, customers (the range's customers: the ceiling
        of a period's estimate), estimated_dissatisfied (complaining customers / share, rounded,
        at most customers), capped (the estimate is that ceiling) and silent_dissatisfied
        (estimated minus complaining customers: those who never tell us).
    """
    share = check_share(complaint_share)
    df = _iceberg_query(conn, filters, share, "period", freq)
    return df.rename(columns={"grp": "period"})


def iceberg_summary(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    complaint_share: float = DEFAULT_COMPLAINT_SHARE,
) -> dict:
    """The iceberg of the whole range, counted over the range (distinct customers, not a sum).

    Returns
    -------
    dict
        complaints, complaining_customers, anonymous (complaints without a customer id, each
        counted as one customer), anonymous_left_out (most complaints are anonymous: they are
        not counted, and complaining_customers are the known customers), customers (who bought in the range), estimated_dissatisfied
        (at most customers), silent_dissatisfied, capped (bool) and complaint_share. Without
        complaints the counts are 0.
    """
    share = check_share(complaint_share)
    df = _iceberg_query(conn, filters, share)
    keys = (
        "complaints",
        "complaining_customers",
        "anonymous",
        "customers",
        "estimated_dissatisfied",
        "silent_dissatisfied",
    )
    if df.empty:
        result = dict.fromkeys(keys, 0)
        result["capped"] = result["anonymous_left_out"] = False
    else:
        row = df.iloc[0]
        result = {key: int(row[key]) for key in keys}
        result["capped"] = bool(row["capped"])
        result["anonymous_left_out"] = bool(row["anonymous_left_out"])
    result["complaint_share"] = share
    return result


def iceberg_sentence(total: dict, lang: str = "en") -> str:
    """The range's iceberg in one sentence (from :func:`iceberg_summary`): never more dissatisfied
    customers than the range has; when the estimate reaches them, it says so in words."""
    keys = {
        "complaints",
        "complaining_customers",
        "customers",
        "estimated_dissatisfied",
        "capped",
        "complaint_share",
    }
    missing = keys - set(total)
    if missing:
        raise ValueError(f"the iceberg total lacks {sorted(missing)}")
    if not total["complaints"]:
        return t("feedback.title.no_complaints", lang)
    if all_anonymous(total):  # no customer behind any: nothing to divide by the share
        return t(
            "feedback.title.iceberg_anonymous",
            lang,
            complaints=format_number(total["complaints"], lang),
        )
    key = "feedback.title.iceberg_capped" if total["capped"] else "feedback.title.iceberg"
    anonymous = total.get("anonymous", 0)  # anonymous complaints: each counted as one customer
    if total.get("anonymous_left_out"):  # or, most being anonymous, left out: see iceberg_basis
        return t(
            key,
            lang,
            complaints=format_number(total["complaints"] - anonymous, lang),
            complainers=format_number(total["complaining_customers"], lang),
            anonymous="",
            estimated=format_number(total["estimated_dissatisfied"], lang),
            customers=format_number(total["customers"], lang),
            share=format_percent(total["complaint_share"], lang, 0),
        )
    return t(
        key,
        lang,
        complaints=format_number(total["complaints"], lang),
        complainers=format_number(total["complaining_customers"], lang),
        anonymous=(
            t("feedback.title.anonymous_part", lang, n=format_number(anonymous, lang))
            if anonymous
            else ""
        ),
        estimated=format_number(total["estimated_dissatisfied"], lang),
        customers=format_number(total["customers"], lang),
        share=format_percent(total["complaint_share"], lang, 0),
    )


def iceberg_basis(total: dict, lang: str = "en") -> str | None:
    """What the range's estimate rests on when most complaints are anonymous (from
    :func:`iceberg_summary`): the known customers only, and how many anonymous complaints are
    left out; None when every complaint counts (or none is estimated at all)."""
    if not total.get("anonymous_left_out") or all_anonymous(total):
        return None
    anonymous = total["anonymous"]
    return t(
        "feedback.title.anonymous_left_out",
        lang,
        n=format_number(anonymous, lang),
        share=format_percent(anonymous / total["complaints"], lang, 0),
    )


def all_anonymous(total: dict) -> bool:
    """True when every complaint of an :func:`iceberg_summary` is anonymous: the iceberg cannot
    say how many customers complained, so it estimates nobody."""
    return bool(total["complaints"]) and total.get("anonymous", 0) >= total["complaints"]


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
        complaining_customers, customers (the tier's size: the ceiling of its estimate; the
        range's customers for 'unknown'), estimated_dissatisfied, capped and
        silent_dissatisfied, as in :func:`complaint_iceberg`.
    """
    share = check_share(complaint_share)
    df = _iceberg_query(conn, filters, share, "tier")
    return df.rename(columns={"grp": "tier"})


def resolution_sql(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    by_tier: bool = False,
    plain: bool = False,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL and parameters of :func:`resolution_summary` (one row, tier 'all') or, ``by_tier``,
    :func:`resolution_by_tier`; ``plain`` and ``source`` as for :func:`trends.tiers_sql`."""
    where, params = feedback_where(filters)
    tiers, tier, tier_params = "", "?", []
    if by_tier:
        tier_sql, tier_params = tiers_sql(conn, filters, plain, source)
        tiers = f"tiers AS ({tier_sql}),"
        tier = "coalesce(g.tier, ?)"
    joined = "LEFT JOIN tiers g ON g.customer_id = f.customer_id" if by_tier else ""
    sql = f"""
    WITH {tiers}
    complained AS (
        SELECT {tier} AS tier, f.resolved_at IS NOT NULL AS is_resolved,
               CASE WHEN f.resolved_at >= f.created_at
                    THEN (epoch(f.resolved_at) - epoch(f.created_at)) / 86400.0 END
                   AS days_to_resolve
        FROM feedback f {joined}
        WHERE f.kind = 'complaint' AND {where}
    )
    SELECT tier, count(*) AS complaints,
           count(*) FILTER (WHERE is_resolved) AS resolved,
           count(*) FILTER (WHERE NOT is_resolved) AS open,
           count(*) FILTER (WHERE is_resolved) / nullif(count(*), 0) AS share_resolved,
           median(days_to_resolve) AS median_days,
           quantile_cont(days_to_resolve, 0.9) AS p90_days
    FROM complained GROUP BY tier
    """
    return sql, [*tier_params, UNKNOWN_GROUP if by_tier else "all", *params]


def resolution_summary(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """How complaints of the range were handled.

    Returns
    -------
    dict
        complaints, resolved, open, share_resolved (None without complaints), median_days and
        p90_days (days from complaint to resolution among resolved ones; None when none).
    """
    keys = ("complaints", "resolved", "open", "share_resolved", "median_days", "p90_days")
    frame = _served_or_here(
        conn, filters, lambda plain=False: resolution_sql(conn, filters, False, plain), "tier"
    )
    if frame.empty:  # no complaint in the range
        return dict.fromkeys(keys[:3], 0) | dict.fromkeys(keys[3:])
    row = frame.iloc[0]
    result = {key: (None if pd.isna(row[key]) else float(row[key])) for key in keys[3:]}
    return {key: int(row[key]) for key in keys[:3]} | result


def resolution_by_tier(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """:func:`resolution_summary` per value tier (one row per tier that complained)."""
    return _served_or_here(
        conn, filters, lambda plain=False: resolution_sql(conn, filters, True, plain), "tier"
    )


#: At most this many open complaints are listed (the count of all is ``resolution_summary``'s).
OPEN_LIMIT = 500


def open_complaints(
    conn: duckdb.DuckDBPyConnection, filters: Filters, limit: int = OPEN_LIMIT
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
    order = "tier IN ('1', '2') DESC, ranked_tier NULLS LAST, created_at, feedback_id"
    # the names of the listed customers only: grouping every customer by id costs seconds
    sql = f"""
    WITH tiers AS ({tier_sql}),
    listed AS (
        SELECT f.feedback_id, f.customer_id, coalesce(g.tier, ?) AS tier, g.tier AS ranked_tier,
               f.created_at, f.channel, f.text
        FROM feedback f
        LEFT JOIN tiers g ON g.customer_id = f.customer_id
        WHERE f.kind = 'complaint' AND f.resolved_at IS NULL AND {where}
        ORDER BY {order}
        LIMIT ?
    ),
    names AS (
        SELECT customer_id, any_value(name) AS name FROM customers
        WHERE customer_id IN (SELECT customer_id FROM listed) GROUP BY customer_id
    ),
    latest AS (SELECT max(created_at) AS as_of FROM feedback)
    SELECT l.feedback_id, l.customer_id, n.name, l.tier, l.created_at,
           CAST(floor(epoch(latest.as_of - l.created_at) / 86400) AS INTEGER) AS days_open,
           l.channel, l.text
    FROM listed l
    CROSS JOIN latest
    LEFT JOIN names n ON n.customer_id = l.customer_id
    ORDER BY {order}
    """
    return run_query(conn, sql, [*tier_params, UNKNOWN_GROUP, *params, limit])
