"""How a campaign did: the target group's purchases in the response window against the control group.

A responder made at least one purchase in the window; the uplift is the difference of the two
response rates, with a 95% confidence interval and a p-value from the same (unpooled) standard
error, so that "significant" and "the interval leaves out zero" always agree.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import duckdb
import pandas as pd

from dashboard.campaigns.design import GROUPS, read_campaign
from dashboard.store import database

#: The normal quantile of a two-sided 95% interval.
Z_95 = 1.959963984540054
#: An uplift whose p-value is below this is "significant" (its 95% interval leaves out zero).
SIGNIFICANCE = 0.05


def data_end(conn: duckdb.DuckDBPyConnection) -> date | None:
    """The day of the last transaction (None without transactions)."""
    last = conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    return last


def coverage(campaign: dict, last_day: date | None, today: date) -> dict:
    """How much of the window the data covers, and why not all of it.

    Returns
    -------
    dict
        ``days_covered`` (0 to window_days), ``is_complete``, and ``status``: 'complete',
        'not_started' (the data ends before the start), 'not_over' (the window ends after
        today) or 'data_end' (the window is over but the data ends inside it).
    """
    start, window = campaign["start_date"], campaign["window_days"]
    covered = 0 if last_day is None else (last_day - start).days + 1
    covered = max(0, min(window, covered))
    if covered == window:
        status = "complete"
    elif covered == 0:
        status = "not_started"
    elif today <= campaign["end_date"]:
        status = "not_over"
    else:
        status = "data_end"
    return {"days_covered": covered, "is_complete": covered == window, "status": status}


def _group_sql() -> str:
    """Per member: revenue, purchase orders and the day of the first purchase in the window."""
    return f"""
    WITH members AS (
        SELECT customer_id, grp FROM campaign_members WHERE campaign_id = ?
    ),
    purchases AS (
        SELECT t.customer_id, t.ordered_at, t.revenue,
               {database.order_key("t")} AS order_key
        FROM transactions t
        WHERE t.ordered_at >= ? AND t.ordered_at < ?
          AND t.customer_id IN (SELECT customer_id FROM members)
    ),
    per_member AS (
        SELECT m.grp, m.customer_id, coalesce(sum(p.revenue), 0) AS revenue,
               count(DISTINCT p.order_key) FILTER (WHERE p.revenue > 0) AS orders,
               min(p.ordered_at) FILTER (WHERE p.revenue > 0) AS first_purchase_at
        FROM members m LEFT JOIN purchases p USING (customer_id)
        GROUP BY ALL
    )"""


def _groups(conn, campaign_id: int, start: date, stop: date) -> dict:
    rows = conn.execute(
        _group_sql()
        + """
        SELECT grp, count(*) AS customers, count(first_purchase_at) AS responders,
               sum(revenue) AS revenue, sum(orders) AS orders,
               coalesce(var_samp(revenue), 0) AS revenue_variance
        FROM per_member GROUP BY grp
        """,
        [int(campaign_id), start, stop],
    ).fetchall()
    found = {
        grp: (int(n), int(r), float(rev), int(o), float(var)) for grp, n, r, rev, o, var in rows
    }
    groups = {}
    for grp in GROUPS:
        n, responders, revenue, orders, variance = found.get(grp, (0, 0, 0.0, 0, 0.0))
        low, high = rate_interval(responders, n)
        groups[grp] = {
            "customers": n,
            "responders": responders,
            "response_rate": responders / n if n else float("nan"),
            "rate_low": low,
            "rate_high": high,
            "revenue": revenue,
            "revenue_per_customer": revenue / n if n else float("nan"),
            "orders": orders,
            "revenue_variance": variance,
        }
    return groups


def response_curve(
    conn: duckdb.DuckDBPyConnection, campaign_id: int, start: date, days: int
) -> pd.DataFrame:
    """The cumulative share of each group that has bought, day by day over the covered window.

    Returns
    -------
    pandas.DataFrame
        grp, day (1 = the start date), date, responders (cumulative), customers, response_rate.
    """
    stop = start + timedelta(days=days)
    return conn.execute(
        _group_sql()
        + """,
        days AS (SELECT unnest(range(1, ? + 1)) AS day),
        groups AS (SELECT grp, count(*) AS customers FROM per_member GROUP BY grp),
        firsts AS (
            SELECT grp, date_diff('day', ?::DATE, first_purchase_at::DATE) + 1 AS day,
                   count(*) AS new_responders
            FROM per_member WHERE first_purchase_at IS NOT NULL GROUP BY ALL
        ),
        daily AS (
            SELECT g.grp, d.day, g.customers, coalesce(f.new_responders, 0) AS new_responders
            FROM groups g CROSS JOIN days d
            LEFT JOIN firsts f ON f.grp = g.grp AND f.day = d.day
        )
        SELECT grp, day, (?::DATE + to_days(day::INTEGER - 1))::DATE AS date,
               sum(new_responders) OVER (PARTITION BY grp ORDER BY day) AS responders,
               customers,
               sum(new_responders) OVER (PARTITION BY grp ORDER BY day) / customers
                   AS response_rate
        FROM daily ORDER BY grp DESC, day
        """,
        [int(campaign_id), start, stop, int(days), start, start],
    ).df()


def rate_interval(responders: int, customers: int) -> tuple[float, float]:
    """A 95% interval of one group's response rate (normal approximation, kept in [0, 1])."""
    if not customers:
        return float("nan"), float("nan")
    rate = responders / customers
    half = Z_95 * math.sqrt(rate * (1 - rate) / customers)
    return max(0.0, rate - half), min(1.0, rate + half)


def uplift_test(responders_t: int, n_t: int, responders_c: int, n_c: int) -> dict:
    """The difference of two response rates: a 95% interval and a two-sided p-value.

    Both use the unpooled standard error of the difference, sqrt(p_t(1-p_t)/n_t + p_c(1-p_c)/n_c),
    and the normal approximation, so the p-value is below 0.05 exactly when the interval leaves
    out zero (a page never says "significant" beside an interval that contains zero).

    Returns
    -------
    dict
        ``uplift`` (target rate − control rate, a fraction: 0.041 = 4.1 percentage points),
        ``ci_low``, ``ci_high``, ``p_value``, ``z``.
    """
    p_t, p_c = responders_t / n_t, responders_c / n_c
    uplift = p_t - p_c
    se = math.sqrt(p_t * (1 - p_t) / n_t + p_c * (1 - p_c) / n_c)
    # se is 0 only when every customer of both groups answered alike
    z = uplift / se if se else (0.0 if uplift == 0 else math.copysign(math.inf, uplift))
    return {
        "uplift": uplift,
        "ci_low": uplift - Z_95 * se,
        "ci_high": uplift + Z_95 * se,
        "p_value": math.erfc(abs(z) / math.sqrt(2)),
        "z": z,
    }


def revenue_interval(target: dict, control: dict) -> tuple[float, float]:
    """A 95% interval of the incremental revenue: the difference of the two groups' mean revenue
    per customer (unpooled standard error, normal approximation) scaled to the target group."""
    n_t, n_c = target["customers"], control["customers"]
    if not (n_t and n_c):
        return float("nan"), float("nan")
    gain = target["revenue_per_customer"] - control["revenue_per_customer"]
    half = Z_95 * math.sqrt(target["revenue_variance"] / n_t + control["revenue_variance"] / n_c)
    return (gain - half) * n_t, (gain + half) * n_t


def measure_campaign(
    conn: duckdb.DuckDBPyConnection, campaign_id: int, today: date | None = None
) -> dict:
    """The response of the target group against the control group over the response window.

    A responder made at least one purchase (a line with positive revenue) in the window; revenue
    is net of returns in the window. Incremental figures scale the per-customer difference to
    the target group; ROI = (incremental revenue − contact cost) / contact cost.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    campaign_id : int
        The campaign.
    today : date, optional
        Tells a window still running from one whose data ended (default: today).

    Returns
    -------
    dict
        ``campaign`` (its settings), ``groups`` ({'target'|'control': customers, responders,
        response_rate, rate_low, rate_high, revenue, revenue_per_customer, orders,
        revenue_variance}), ``uplift``, ``ci_low``, ``ci_high``, ``p_value``, ``is_significant``
        (p < :data:`SIGNIFICANCE`), ``incremental_responders``, ``incremental_revenue`` with its
        95% interval ``revenue_low``, ``revenue_high`` (see :func:`revenue_interval`),
        ``contact_cost``, ``roi`` with ``roi_low``, ``roi_high`` (all None without a cost per
        contact),
        ``days_covered``, ``is_complete``, ``status``, ``data_end`` and ``curve`` (see
        :func:`response_curve`).
    """
    campaign = read_campaign(conn, campaign_id)
    last_day = data_end(conn)
    covered = coverage(campaign, last_day, today or date.today())
    start = campaign["start_date"]
    stop = start + timedelta(days=campaign["window_days"])
    groups = _groups(conn, campaign_id, start, stop)
    target, control = groups["target"], groups["control"]
    test = uplift_test(
        target["responders"], target["customers"], control["responders"], control["customers"]
    )
    revenue_gain = target["revenue_per_customer"] - control["revenue_per_customer"]
    incremental_revenue = revenue_gain * target["customers"]
    cost = campaign["cost_per_contact"]
    contact_cost = None if cost is None else cost * target["customers"]
    revenue_low, revenue_high = revenue_interval(target, control)
    roi = roi_low = roi_high = None
    if contact_cost:
        roi, roi_low, roi_high = (
            (revenue - contact_cost) / contact_cost
            for revenue in (incremental_revenue, revenue_low, revenue_high)
        )
    return {
        "campaign": campaign,
        "groups": groups,
        **{k: test[k] for k in ("uplift", "ci_low", "ci_high", "p_value")},
        "is_significant": test["p_value"] < SIGNIFICANCE,
        "incremental_responders": test["uplift"] * target["customers"],
        "incremental_revenue": incremental_revenue,
        "revenue_low": revenue_low,
        "revenue_high": revenue_high,
        "contact_cost": contact_cost,
        "roi": roi,
        "roi_low": roi_low,
        "roi_high": roi_high,
        **covered,
        "data_end": last_day,
        "curve": response_curve(conn, campaign_id, start, covered["days_covered"]),
    }
