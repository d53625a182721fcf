"""Identify: find a customer by id, name, e-mail or phone; their profile, channels and history."""

from __future__ import annotations

import re
from datetime import datetime

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, StorageError
from dashboard.identify import identities
from dashboard.identify.identities import (  # noqa: F401 (the names this module always had)
    KNOWN_CUSTOMERS_CTE,
    MIN_PHONE_DIGITS,
    PHONE_DIGITS_COMPARED,
)
from dashboard.store.filters import Filters
from dashboard.value import cache, pyramid, value_table
from dashboard.value.cost_model import load_cost_model

#: Fewest digits a search must contain to be matched against phone numbers.
MIN_PHONE_SEARCH_DIGITS = 3
#: The figures of a profile, in the order a manager reads them.
PROFILE_FIGURES = (
    "revenue",
    "cost",
    "profit",
    "orders",
    "avg_order_value",
    "first_purchase_at",
    "last_purchase_at",
    "returns",
    "service_contacts",
    "complaints",
)

_PHONE_CHARACTERS = re.compile(r"[\d\s()+\-./]+")


def normalise_phone(phone: str | None) -> str:
    """The comparable form of a phone number: digits only, the last 10 of them.

    Parameters
    ----------
    phone : str or None
        A phone number as typed, e.g. ``"+44 (20) 7946-0000"``.

    Returns
    -------
    str
        ``"2079460000"`` for the example; ``""`` when there are no digits.
    """
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_DIGITS_COMPARED:]


def normalise_email(email: str | None) -> str:
    """The comparable form of an e-mail address: trimmed and lower-case."""
    return (email or "").strip().lower()


def _value_sql(filters: Filters, cost_model=None) -> tuple[str, list]:
    return value_table.customer_value_sql(filters, cost_model=cost_model)


def _search_terms(query: str) -> list:
    """The parameters of a search: the text, its words and, for a phone-like text, its digits
    (to find inside numbers) and its international prefix ("+44": numbers starting 44)."""
    text = " ".join(query.split()).lower()
    digits = re.sub(r"\D", "", text)
    looks_like_phone = bool(_PHONE_CHARACTERS.fullmatch(text or "x"))
    prefix = digits if looks_like_phone and text.startswith("+") else ""
    if not looks_like_phone or len(digits) < MIN_PHONE_SEARCH_DIGITS:
        digits = ""
    return [text, text.split(), digits, prefix]


def search_customers_sql(
    query: str,
    filters: Filters,
    limit: int = 50,
    cost_model=None,
    source=None,
    known=None,
) -> tuple[str, list]:
    """SQL for the customers matching ``query``, best match first (see :func:`search_customers`).

    ``source`` is the value table's (sql, params), e.g. from :func:`dashboard.value.cache.source`;
    the plain value query when omitted. ``known`` is the identities table's, e.g. from
    :func:`dashboard.identify.identities.source`; the plain query when omitted.
    """
    value_sql, value_params = source or _value_sql(filters, cost_model)
    known_sql, known_params = known or (identities.IDENTITIES_SQL, [])
    digits = "k.phone_digits"
    sql = f"""
WITH known_customers AS NOT MATERIALIZED ({known_sql}),
search_terms AS (
    SELECT ?::VARCHAR AS text, ?::VARCHAR[] AS words, ?::VARCHAR AS digits, ?::VARCHAR AS prefix
),
matched AS MATERIALIZED (  -- once: the list and its count both read it (3.4 s to 1.9 s at 10M)
    SELECT k.customer_id, k.name, k.email, k.phone, k.country, k.channel,
           CASE WHEN s.text = '' THEN 3
                WHEN lower(k.customer_id) = s.text OR lower(coalesce(k.email, '')) = s.text THEN 0
                WHEN s.digits <> '' AND {digits} <> ''
                     AND right({digits}, {PHONE_DIGITS_COMPARED})
                         = right(s.digits, {PHONE_DIGITS_COMPARED}) THEN 0
                WHEN starts_with(lower(k.customer_id), s.text) THEN 1
                ELSE 2 END AS match_rank
    FROM known_customers AS k, search_terms AS s
    WHERE s.text = ''
       OR contains(lower(k.customer_id), s.text)
       OR contains(lower(coalesce(k.email, '')), s.text)
       OR list_bool_and(list_transform(s.words, lambda w: contains(lower(coalesce(k.name, '')), w)))
       OR (s.digits <> '' AND contains({digits}, s.digits))
       OR (s.prefix <> '' AND starts_with({digits}, s.prefix))
       OR (length(s.digits) >= {PHONE_DIGITS_COMPARED} AND length({digits}) >= {PHONE_DIGITS_COMPARED}
           AND right({digits}, {PHONE_DIGITS_COMPARED}) = right(s.digits, {PHONE_DIGITS_COMPARED}))
),
customer_value AS ({value_sql}),
best AS (
    SELECT m.customer_id, m.name, m.email, m.phone, m.country, m.channel,
           coalesce(v.orders, 0) AS orders, coalesce(v.revenue, 0) AS revenue,
           v.last_purchase_at, m.match_rank
    FROM matched AS m
    LEFT JOIN customer_value AS v USING (customer_id)
    ORDER BY m.match_rank, coalesce(v.revenue, 0) DESC, m.customer_id
    LIMIT ?
)
SELECT b.* EXCLUDE (match_rank), (SELECT count(*) FROM matched) AS total_matches
FROM best AS b
ORDER BY b.match_rank, b.revenue DESC, b.customer_id
"""
    terms = _search_terms(query)
    return sql, [*known_params, *terms, *value_params, int(limit)]


def search_customers(
    conn: duckdb.DuckDBPyConnection,
    query: str,
    filters: Filters | None = None,
    limit: int = 50,
    cost_model=None,
) -> pd.DataFrame:
    """Customers whose id, name, e-mail or phone matches ``query``.

    Matching is case-insensitive and partial; every word of the query must appear in the name;
    a query made of digits and phone punctuation is matched on the digits of phone numbers, a
    full number on the last 10 digits (so the country prefix does not matter), and a query
    starting with "+" also finds the numbers that start with its digits ("+44": UK numbers). An empty query
    lists the customers with the most revenue.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    query : str
        What the user typed.
    filters : Filters, optional
        The period (and other filters) of the orders and revenue shown; all time by default.
    limit : int
        At most this many rows.
    cost_model : CostModel, optional
        Passed on to the customer value SQL; the saved cost model by default.

    Returns
    -------
    pandas.DataFrame
        customer_id, name, email, phone, country, channel, orders, revenue, last_purchase_at,
        total_matches (all matches, before the limit). Exact id, e-mail or phone matches first,
        then by revenue.
    """
    if limit < 1:
        raise AnalysisError(
            "The number of search results must be at least 1.", key="errors.search_limit"
        )
    model = cost_model or load_cost_model(conn)
    filters = filters or Filters()
    source = cache.source(conn, filters, model)  # shared with every other page
    known = identities.source(conn)  # computed once per data version
    if not (query or "").strip():
        top = _top_customers(conn, limit, source, known)
        if top is not None:
            return top
    sql, params = search_customers_sql(query or "", filters, limit, model, source, known)
    return _run(conn, sql, params)


def _top_customers(conn, limit: int, source, known) -> pd.DataFrame | None:
    """The answer to an empty search when at least ``limit`` customers bought in the period:
    the value table's best by revenue, then their identities (every id of the value table is
    known, and one with revenue comes before every id without); None otherwise."""
    value_sql, value_params = source
    known_sql, known_params = known
    sql = f"""
WITH customer_value AS ({value_sql}),
best AS (
    SELECT customer_id, orders, revenue, last_purchase_at FROM customer_value
    WHERE revenue > 0 ORDER BY revenue DESC, customer_id LIMIT ?
),
known AS ({known_sql})
SELECT b.customer_id, k.name, k.email, k.phone, k.country, k.channel,
       coalesce(b.orders, 0) AS orders, b.revenue, b.last_purchase_at,
       (SELECT count(*) FROM known) AS total_matches
FROM best AS b JOIN known AS k USING (customer_id)
ORDER BY b.revenue DESC, b.customer_id
"""
    top = _run(conn, sql, [*value_params, int(limit), *known_params])
    return top if len(top) == limit else None


def _run(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    try:
        return conn.execute(sql, params).df()
    except duckdb.Error as e:
        raise StorageError(
            f"The customer query failed: {e}. Re-import the data on the Data page if it persists.",
            key="errors.customer_query_failed",
            error=str(e),
        ) from e


def _one_row(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> dict | None:
    """The first row of a query as a dict of plain Python values, or None when there is none."""
    try:
        cursor = conn.execute(sql, params)
        row = cursor.fetchone()
    except duckdb.Error as e:
        raise StorageError(
            f"The customer query failed: {e}. Re-import the data on the Data page if it persists.",
            key="errors.customer_query_failed",
            error=str(e),
        ) from e
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _identity(conn: duckdb.DuckDBPyConnection, customer_id: str) -> dict:
    known_sql, known_params = identities.source(conn)
    columns = ", ".join(identities.IDENTITY_COLUMNS)
    sql = f"WITH known AS ({known_sql}) SELECT {columns} FROM known WHERE customer_id = ?"
    found = _one_row(conn, sql, [*known_params, customer_id])
    if found is None:
        raise AnalysisError(
            f"No customer has the id {customer_id!r}. Search by name, e-mail or phone to find the id.",
            key="errors.unknown_customer",
            customer_id=repr(customer_id),
        )
    return found


def _figures(conn, customer_id: str, filters: Filters, cost_model) -> dict:
    value_sql, params = cache.source(conn, filters, cost_model)
    sql = f"WITH customer_value AS ({value_sql}) SELECT * FROM customer_value WHERE customer_id = ?"
    found = _one_row(conn, sql, [*params, customer_id]) or {}
    figures = {key: found.get(key) for key in PROFILE_FIGURES}
    for key in ("revenue", "cost", "profit", "orders", "returns", "service_contacts", "complaints"):
        figures[key] = figures[key] or 0  # no purchase or contact in the period: zero, not unknown
    # but a database without any service contact or any feedback knows nothing of them: unknown
    contacts_known, feedback_known = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM interactions), EXISTS (SELECT 1 FROM feedback)"
    ).fetchone()
    if not contacts_known:
        figures["service_contacts"] = None
    if not feedback_known:
        figures["complaints"] = None
    return figures


def _tier(conn, customer_id: str, filters: Filters, cost_model) -> str | None:
    rule = pyramid.load_tier_rule(conn)  # the saved rule, so the tier matches the pyramid page
    kept = cache.source(conn, filters, cost_model)  # the pyramid's own value table: one scan
    tiers_sql, params = pyramid.customer_tiers_sql(
        filters, rule=rule, cost_model=cost_model, source=kept
    )
    sql = f"WITH tiers AS ({tiers_sql}) SELECT tier FROM tiers WHERE customer_id = ?"
    found = _one_row(conn, sql, [*params, customer_id])
    return str(found["tier"]) if found else None


def _last_nps(conn, customer_id: str, filters: Filters) -> tuple[float | None, datetime | None]:
    period, params = filters.date_sql("created_at")
    sql = f"""
WITH answers AS (
    SELECT score, created_at FROM feedback
    WHERE customer_id = ? AND scale = 'nps_0_10' AND score IS NOT NULL AND {period}
)
SELECT score, created_at FROM answers ORDER BY created_at DESC LIMIT 1
"""
    found = _one_row(conn, sql, [customer_id, *params])
    return (float(found["score"]), found["created_at"]) if found else (None, None)


def customer_profile(
    conn: duckdb.DuckDBPyConnection,
    customer_id: str,
    filters: Filters | None = None,
    cost_model=None,
) -> dict:
    """Who the customer is and their key figures in the period.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    customer_id : str
        The customer's id, exactly.
    filters : Filters, optional
        The period; all time by default.
    cost_model : CostModel, optional
        Passed on to the customer value and tier SQL; the saved cost model by default.

    Returns
    -------
    dict
        customer_id, name, email, phone, country, channel, signup_at; the figures of
        :data:`PROFILE_FIGURES` (from :func:`dashboard.value.value_table.customer_value_sql`; service_contacts
        is None when the database holds no service contacts at all, complaints None when it holds
        no feedback at all); tier ('1'-'4', 'inactive' or None), last_nps and last_nps_at.

    Raises
    ------
    AnalysisError
        When no customer has this id.
    """
    filters = filters or Filters()
    cost_model = cost_model or load_cost_model(conn)
    profile = _identity(conn, str(customer_id))
    profile.update(_figures(conn, profile["customer_id"], filters, cost_model))
    profile["tier"] = _tier(conn, profile["customer_id"], filters, cost_model)
    profile["last_nps"], profile["last_nps_at"] = _last_nps(conn, profile["customer_id"], filters)
    return profile


def monthly_revenue(
    conn: duckdb.DuckDBPyConnection, customer_id: str, filters: Filters | None = None
) -> pd.DataFrame:
    """One customer's revenue and orders per calendar month of the period (months with purchases).

    An order is a purchase (returns and cancellations count apart), as in the profile's figures.

    Returns
    -------
    pandas.DataFrame
        month (first day, a timestamp), revenue (net of returns), orders.
    """
    condition, params = (filters or Filters()).transaction_sql("t")
    sql = f"""
WITH purchases AS (
    SELECT date_trunc('month', t.ordered_at) AS month, t.revenue, t.order_id
    FROM transactions AS t
    WHERE t.customer_id = ? AND {condition}
)
SELECT month, sum(revenue) AS revenue,
       count(DISTINCT order_id) FILTER (WHERE revenue > 0) AS orders
FROM purchases GROUP BY month ORDER BY month
"""
    return _run(conn, sql, [customer_id, *params])


def customer_channels(
    conn: duckdb.DuckDBPyConnection, customer_id: str, filters: Filters | None = None
) -> pd.DataFrame:
    """The channels one customer uses: orders and revenue, service contacts and feedback in each.

    Orders are purchases, as in the profile (a return or cancellation is not an order).

    Returns
    -------
    pandas.DataFrame
        channel, orders, revenue, contacts, feedback; most used first. A missing channel is
        reported as ``None``.
    """
    filters = filters or Filters()
    bought, bought_params = filters.transaction_sql("t")
    contacted, contacted_params = filters.date_sql("i.occurred_at")
    wrote, wrote_params = filters.date_sql("f.created_at")
    sql = f"""
WITH purchases AS (
    SELECT t.channel, count(DISTINCT t.order_id) FILTER (WHERE t.revenue > 0) AS orders,
           sum(t.revenue) AS revenue
    FROM transactions AS t WHERE t.customer_id = ? AND {bought} GROUP BY t.channel
),
contacts AS (
    SELECT i.channel, count(*) AS contacts
    FROM interactions AS i WHERE i.customer_id = ? AND {contacted} GROUP BY i.channel
),
opinions AS (
    SELECT f.channel, count(*) AS feedback
    FROM feedback AS f WHERE f.customer_id = ? AND {wrote} GROUP BY f.channel
)
SELECT channel, coalesce(orders, 0) AS orders, coalesce(revenue, 0) AS revenue,
       coalesce(contacts, 0) AS contacts, coalesce(feedback, 0) AS feedback
FROM purchases FULL JOIN contacts USING (channel) FULL JOIN opinions USING (channel)
ORDER BY orders + contacts + feedback DESC, revenue DESC, channel
"""
    params = [
        customer_id,
        *bought_params,
        customer_id,
        *contacted_params,
        customer_id,
        *wrote_params,
    ]
    return _run(conn, sql, params)


def customer_feedback(
    conn: duckdb.DuckDBPyConnection,
    customer_id: str,
    filters: Filters | None = None,
    limit: int = 200,
) -> pd.DataFrame:
    """One customer's feedback in the period, newest first, with its text.

    Returns
    -------
    pandas.DataFrame
        created_at, kind, score, scale, channel, text, resolved_at.
    """
    period, params = (filters or Filters()).date_sql("created_at")
    sql = f"""
WITH answers AS (
    SELECT created_at, kind, score, scale, channel, text, resolved_at
    FROM feedback WHERE customer_id = ? AND {period}
)
SELECT * FROM answers ORDER BY created_at DESC LIMIT ?
"""
    return _run(conn, sql, [customer_id, *params, int(limit)])


def customer_contacts(
    conn: duckdb.DuckDBPyConnection,
    customer_id: str,
    filters: Filters | None = None,
    limit: int = 200,
) -> pd.DataFrame:
    """One customer's service contacts in the period, newest first.

    Returns
    -------
    pandas.DataFrame
        occurred_at, channel, kind, cost.
    """
    period, params = (filters or Filters()).date_sql("occurred_at")
    sql = f"""
WITH contacts AS (
    SELECT occurred_at, channel, kind, cost
    FROM interactions WHERE customer_id = ? AND {period}
)
SELECT * FROM contacts ORDER BY occurred_at DESC LIMIT ?
"""
    return _run(conn, sql, [customer_id, *params, int(limit)])
