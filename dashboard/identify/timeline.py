"""One customer's history across every channel: purchases, returns, feedback, service contacts,
campaigns and the responses to them, each with its channel and date, newest first."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.identify.customers import _run
from dashboard.store import database
from dashboard.store.filters import Filters

#: The kinds of event, in the order a legend lists them.
EVENTS = ("purchase", "return", "feedback", "contact", "campaign", "response")
#: Most events a timeline holds (the newest).
DEFAULT_LIMIT = 500


def customer_timeline(
    conn: duckdb.DuckDBPyConnection,
    customer_id: str,
    filters: Filters | None = None,
    limit: int = DEFAULT_LIMIT,
) -> pd.DataFrame:
    """Every event of one customer in the period, newest first.

    An order is one event: its purchase lines (positive revenue) as a ``purchase``, its
    negative lines as a ``return`` (a return or a cancellation). Feedback and service contacts
    are one event each. A campaign the customer was in is a ``campaign`` on its first day (the
    group: target or control); a purchase in its response window makes a ``response`` on the day
    of the first such purchase, with the revenue of the window (as the campaign's measurement
    counts it).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    customer_id : str
        The customer's id, exactly.
    filters : Filters, optional
        The period (and segments for transactions); all time by default.
    limit : int
        At most this many events (the newest).

    Returns
    -------
    pandas.DataFrame
        occurred_at, event (one of :data:`EVENTS`), channel, kind (the feedback's or contact's
        kind, the campaign group), detail (products, the feedback's text, the campaign's name),
        amount (revenue of a purchase, return or response; a contact's cost), score (of
        feedback), campaign_id (for campaign events), order_id (of a purchase, return or
        feedback).
    """
    filters = filters or Filters()
    bought, bought_params = filters.transaction_sql("t")
    wrote, wrote_params = filters.date_sql("f.created_at")
    contacted, contacted_params = filters.date_sql("i.occurred_at")
    started, started_params = filters.date_sql("c.start_date")
    answered, answered_params = filters.date_sql("r.occurred_at")
    sql = f"""
WITH orders AS (
    SELECT min(t.ordered_at) AS occurred_at,
           CASE WHEN t.revenue > 0 THEN 'purchase' ELSE 'return' END AS event,
           string_agg(DISTINCT t.channel, ', ' ORDER BY t.channel) AS channel,
           CAST(NULL AS VARCHAR) AS kind,
           string_agg(DISTINCT coalesce(t.product, t.category), ', '
                      ORDER BY coalesce(t.product, t.category)) AS detail,
           sum(t.revenue) AS amount, CAST(NULL AS DOUBLE) AS score,
           CAST(NULL AS INTEGER) AS campaign_id, any_value(t.order_id) AS order_id
    FROM transactions AS t
    WHERE t.customer_id = ? AND {bought}
    GROUP BY {database.order_key("t")}, t.revenue > 0
),
opinions AS (
    SELECT f.created_at, 'feedback', f.channel, f.kind, f.text, CAST(NULL AS DOUBLE), f.score,
           CAST(NULL AS INTEGER), f.order_id
    FROM feedback AS f WHERE f.customer_id = ? AND {wrote}
),
contacts AS (
    SELECT i.occurred_at, 'contact', i.channel, i.kind, CAST(NULL AS VARCHAR), i.cost,
           CAST(NULL AS DOUBLE), CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR)
    FROM interactions AS i WHERE i.customer_id = ? AND {contacted}
),
memberships AS (
    SELECT c.campaign_id, c.name, c.channel, m.grp, c.start_date, c.window_days
    FROM campaign_members AS m JOIN campaigns AS c USING (campaign_id)
    WHERE m.customer_id = ?
),
campaign_events AS (
    SELECT CAST(c.start_date AS TIMESTAMP), 'campaign', c.channel, c.grp, c.name,
           CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), c.campaign_id, CAST(NULL AS VARCHAR)
    FROM memberships AS c WHERE {started}
),
responses AS (
    SELECT min(t.ordered_at) FILTER (WHERE t.revenue > 0) AS occurred_at,
           arg_min(t.channel, t.ordered_at) FILTER (WHERE t.revenue > 0) AS channel,
           c.grp, c.name, sum(t.revenue) AS amount, c.campaign_id
    FROM memberships AS c
    JOIN transactions AS t
      ON t.customer_id = ? AND t.ordered_at >= c.start_date
     AND t.ordered_at < c.start_date + to_days(c.window_days)
    GROUP BY c.campaign_id, c.name, c.grp
),
response_events AS (
    SELECT r.occurred_at, 'response', r.channel, r.grp, r.name, r.amount,
           CAST(NULL AS DOUBLE), r.campaign_id, CAST(NULL AS VARCHAR)
    FROM responses AS r WHERE r.occurred_at IS NOT NULL AND {answered}
),
events AS (
    SELECT * FROM orders
    UNION ALL SELECT * FROM opinions
    UNION ALL SELECT * FROM contacts
    UNION ALL SELECT * FROM campaign_events
    UNION ALL SELECT * FROM response_events
)
SELECT * FROM events
ORDER BY occurred_at DESC, array_position(?::VARCHAR[], event), detail
LIMIT ?
"""
    params = [
        customer_id,
        *bought_params,
        customer_id,
        *wrote_params,
        customer_id,
        *contacted_params,
        customer_id,
        *started_params,
        customer_id,
        *answered_params,
        list(EVENTS),
        int(limit),
    ]
    return _run(conn, sql, params)
