"""Identification quality (which attributes recognise a customer) and likely duplicate customers."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.identify.customers import (
    KNOWN_CUSTOMERS_CTE,
    MIN_PHONE_DIGITS,
    PHONE_DIGITS_COMPARED,
    _one_row,
    _run,
    _value_sql,
)
from dashboard.store.filters import Filters
from dashboard.value import cache
from dashboard.value.cost_model import load_cost_model

#: The attributes that can identify a customer, in the order the page lists them.
IDENTIFYING_ATTRIBUTES = ("customer_id", "email", "phone", "name_country")
#: What two ids may share to be flagged as one person, strongest evidence first.
DUPLICATE_REASONS = ("email", "phone", "name_country")

#: A name shared (in one country) by more ids than this is a common name, not one person: it
#: forms no group. On the 200,000-customer demo every common Russian name is shared by 15-120
#: ids, which made 5,616 "groups" of 201,558 customers.
MAX_SAME_NAME = 3

_DIGITS = "regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')"
# The comparable form of each attribute; NULL when the attribute is missing or unusable.
_KEYS_CTE = f"""
customer_keys AS (
    SELECT customer_id,
           nullif(lower(trim(email)), '') AS email_key,
           CASE WHEN length({_DIGITS}) >= {MIN_PHONE_DIGITS}
                THEN right({_DIGITS}, {PHONE_DIGITS_COMPARED}) END AS phone_key,
           CASE WHEN name IS NOT NULL
                THEN lower(regexp_replace(trim(name), '\\s+', ' ', 'g')) || ' | '
                     || coalesce(lower(trim(country)), '') END AS name_country_key
    FROM customer_rows
)"""


def identification_quality(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> dict:
    """How well the data identifies customers.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters, optional
        The period of the transactions checked against the customers table; all time by default.

    Returns
    -------
    dict
        customers (rows of the customers table, one per id), duplicate_id_rows (extra rows that
        repeat an id), with_email, with_phone, with_both, with_name (shares 0-1 of customers),
        transactions, orphan_transactions (their customer id is not in the customers table),
        orphan_transaction_share, orphan_revenue, orphan_customers (such ids).
    """
    sql = f"""
WITH {KNOWN_CUSTOMERS_CTE}, {_KEYS_CTE},
filled AS (
    SELECT count(*) AS customers,
           count(email_key) AS with_email, count(phone_key) AS with_phone,
           count(*) FILTER (WHERE email_key IS NOT NULL AND phone_key IS NOT NULL) AS with_both,
           count(name_country_key) AS with_name
    FROM customer_keys
)
SELECT f.*, (SELECT count(*) FROM customers) - f.customers AS duplicate_id_rows FROM filled AS f
"""
    counts = _one_row(conn, sql, [])
    total = counts["customers"]
    for key in ("with_email", "with_phone", "with_both", "with_name"):
        counts[key] = counts[key] / total if total else None
    counts.update(_orphans(conn, filters or Filters()))
    return counts


def _orphans(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    period, params = filters.transaction_sql("t")
    sql = f"""
WITH lines AS (
    SELECT t.customer_id, t.revenue,
           NOT EXISTS (SELECT 1 FROM customers AS c WHERE c.customer_id = t.customer_id)
               AS is_orphan
    FROM transactions AS t WHERE {period}
)
SELECT count(*) AS transactions,
       count(*) FILTER (WHERE is_orphan) AS orphan_transactions,
       coalesce(sum(revenue) FILTER (WHERE is_orphan), 0) AS orphan_revenue,
       count(DISTINCT customer_id) FILTER (WHERE is_orphan) AS orphan_customers
FROM lines
"""
    found = _one_row(conn, sql, params)
    lines = found["transactions"]
    found["orphan_transaction_share"] = found["orphan_transactions"] / lines if lines else None
    return found


def attribute_quality(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """For each identifying attribute: how many customers have it and how many have it alone.

    An attribute identifies a customer without error when the customer has it and no other
    customer shares its comparable form (e-mail lower-case, phone's last 10 digits, name with
    country). The customer id counts as shared when the customers table repeats it.

    Returns
    -------
    pandas.DataFrame
        attribute (one of :data:`IDENTIFYING_ATTRIBUTES`), customers, filled, unique, shared,
        missing, filled_share, unique_share (shares of all customers).
    """
    sql = f"""
WITH {KNOWN_CUSTOMERS_CTE}, {_KEYS_CTE},
id_rows AS (
    SELECT customer_id, count(*) AS id_rows FROM customers GROUP BY customer_id
),
long_keys AS (
    UNPIVOT (
        SELECT k.customer_id, k.customer_id AS customer_id_key, k.email_key, k.phone_key,
               k.name_country_key
        FROM customer_keys AS k
    ) ON customer_id_key, email_key, phone_key, name_country_key
    INTO NAME attribute VALUE match_key
),
counted AS (
    SELECT replace(l.attribute, '_key', '') AS attribute, l.customer_id,
           CASE WHEN l.attribute = 'customer_id_key' THEN i.id_rows
                ELSE count(*) OVER (PARTITION BY l.attribute, l.match_key) END AS holders
    FROM long_keys AS l LEFT JOIN id_rows AS i USING (customer_id)
),
total AS (SELECT count(*) AS customers FROM customer_rows)
SELECT a.attribute, t.customers,
       count(c.customer_id) AS filled,
       count(*) FILTER (WHERE c.holders = 1) AS "unique",
       count(*) FILTER (WHERE c.holders > 1) AS shared
FROM (SELECT unnest(?::VARCHAR[]) AS attribute) AS a
CROSS JOIN total AS t
LEFT JOIN counted AS c USING (attribute)
GROUP BY a.attribute, t.customers
"""
    table = _run(conn, sql, [list(IDENTIFYING_ATTRIBUTES)])
    table["missing"] = table["customers"] - table["filled"]
    denominator = table["customers"].where(table["customers"] > 0)
    table["filled_share"] = table["filled"] / denominator
    table["unique_share"] = table["unique"] / denominator
    order = {name: i for i, name in enumerate(IDENTIFYING_ATTRIBUTES)}
    return table.sort_values("attribute", key=lambda s: s.map(order)).reset_index(drop=True)


def duplicate_groups_sql(
    filters: Filters, cost_model=None, include_name_only: bool = True, source=None
) -> tuple[str, list]:
    """SQL for the likely duplicates (see :func:`duplicate_groups`); ``source`` as for
    :func:`dashboard.identify.customers.search_customers_sql`."""
    value_sql, value_params = source or _value_sql(filters, cost_model)
    sql = f"""
WITH {KNOWN_CUSTOMERS_CTE}, {_KEYS_CTE},
keyed AS (
    SELECT customer_id, 'email' AS reason, email_key AS match_key FROM customer_keys
    WHERE email_key IS NOT NULL
    UNION ALL
    SELECT customer_id, 'phone', phone_key FROM customer_keys WHERE phone_key IS NOT NULL
    UNION ALL
    SELECT customer_id, 'name_country', name_country_key FROM customer_keys
    WHERE name_country_key IS NOT NULL
),
key_groups AS (
    SELECT reason, match_key, list(customer_id ORDER BY customer_id) AS members
    FROM keyed GROUP BY reason, match_key
    HAVING count(*) > 1 AND (reason <> 'name_country' OR count(*) <= {MAX_SAME_NAME})
),
merged_groups AS (
    SELECT members,
           list(reason ORDER BY array_position(['email', 'phone', 'name_country'], reason))
               AS reasons,
           list(match_key ORDER BY array_position(['email', 'phone', 'name_country'], reason))
               AS match_keys,
           list_has_any(list(reason), ['email', 'phone']) AS is_contact_match
    FROM key_groups GROUP BY members
    HAVING ? OR list_has_any(list(reason), ['email', 'phone'])
),
customer_value AS ({value_sql}),
group_members AS (
    SELECT g.members, g.reasons, g.match_keys, g.is_contact_match,
           unnest(g.members) AS customer_id
    FROM merged_groups AS g
),
valued AS (
    SELECT m.*, coalesce(v.revenue, 0) AS revenue, coalesce(v.orders, 0) AS orders,
           v.last_purchase_at,
           sum(coalesce(v.revenue, 0)) OVER (PARTITION BY m.members) AS group_revenue
    FROM group_members AS m LEFT JOIN customer_value AS v USING (customer_id)
)
SELECT dense_rank() OVER (ORDER BY len(x.reasons) DESC, x.is_contact_match DESC,
                         x.group_revenue DESC, x.members) AS group_id,
       array_to_string(x.reasons, ', ') AS matched_on,
       array_to_string(x.match_keys, '; ') AS match_key,
       len(x.members) AS group_size, x.is_contact_match,
       x.customer_id, k.name, k.email, k.phone, k.country,
       x.orders, x.revenue, x.last_purchase_at, x.group_revenue
FROM valued AS x JOIN customer_rows AS k USING (customer_id)
ORDER BY group_id, x.revenue DESC, x.customer_id
"""
    return sql, [bool(include_name_only), *value_params]


def duplicate_groups(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    cost_model=None,
    include_name_only: bool = True,
) -> pd.DataFrame:
    """Groups of customer ids that probably are one person, listed with their revenue.

    Two ids fall in one group when they share a normalised e-mail (trimmed, lower-case), a phone
    (digits only, the last 10; phones under 7 digits are ignored) or the same name (case and
    spacing ignored) in the same country, unless more than :data:`MAX_SAME_NAME` ids share that
    name there (a common name is no evidence). Groups with the same members are merged, so a pair
    sharing e-mail and phone appears once, matched on both. Groups matched on more attributes come
    first (stronger evidence), then groups sharing an e-mail or phone, then by revenue at stake.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters, optional
        The period of the revenue and orders shown; all time by default.
    cost_model : CostModel, optional
        Passed on to the customer value SQL; the saved cost model by default.
    include_name_only : bool
        Keep groups that share only a name and country (weak evidence where names are common).

    Returns
    -------
    pandas.DataFrame
        One row per customer in a group: group_id (1 = most likely), matched_on (e.g.
        "email, phone"), match_key, group_size, is_contact_match (e-mail or phone shared),
        customer_id, name, email, phone, country, orders,
        revenue, last_purchase_at, group_revenue.
    """
    model = cost_model or load_cost_model(conn)
    filters = filters or Filters()
    source = cache.source(conn, filters, model)
    sql, params = duplicate_groups_sql(filters, model, include_name_only, source)
    return _run(conn, sql, params)


def duplicate_summary(groups: pd.DataFrame) -> dict:
    """Counts of a duplicate table: groups, customers in them, and groups by attribute matched.

    Parameters
    ----------
    groups : pandas.DataFrame
        The result of :func:`duplicate_groups`.
    """
    per_group = groups.drop_duplicates("group_id")
    by_reason = {
        reason: int(per_group["matched_on"].str.contains(reason, regex=False).sum())
        for reason in DUPLICATE_REASONS
    }
    return {
        "groups": int(per_group.shape[0]),
        "customers": int(groups["customer_id"].nunique()),
        "revenue": float(groups.drop_duplicates("customer_id")["revenue"].sum()),
        "by_reason": by_reason,
    }
