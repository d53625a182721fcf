"""Identification quality (which attributes recognise a customer) and likely duplicate customers."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import DashboardError
from dashboard.identify import identities
from dashboard.identify.customers import _one_row, _run, _value_sql
from dashboard.store import computed
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


def _known(conn: duckdb.DuckDBPyConnection, known=None) -> tuple[str, list]:
    """The identities table's query (:mod:`dashboard.identify.identities`): ``known`` when given."""
    return known or identities.source(conn)


def identification_quality(
    conn: duckdb.DuckDBPyConnection, filters: Filters | None = None, known=None
) -> dict:
    """How well the data identifies customers.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters, optional
        The period of the transactions checked against the customers table; all time by default.
    known : tuple of (str, list), optional
        The identities table's query; :func:`dashboard.identify.identities.source` by default.

    Returns
    -------
    dict
        customers (rows of the customers table, one per id), duplicate_id_rows (extra rows that
        repeat an id), with_email, with_phone, with_both, with_name (shares 0-1 of customers),
        transactions, orphan_transactions (their customer id is not in the customers table),
        orphan_transaction_share, orphan_revenue, orphan_customers (such ids).
    """
    known_sql, known_params = _known(conn, known)
    sql = f"""
WITH known AS ({known_sql})
SELECT count(*) AS customers,
       count(email_key) AS with_email, count(phone_key) AS with_phone,
       count(*) FILTER (WHERE email_key IS NOT NULL AND phone_key IS NOT NULL) AS with_both,
       count(name_country_key) AS with_name,
       coalesce(sum(id_rows), 0) - count(*) AS duplicate_id_rows
FROM known WHERE id_rows > 0
"""
    counts = _one_row(conn, sql, known_params)
    total = counts["customers"]
    for key in ("with_email", "with_phone", "with_both", "with_name"):
        counts[key] = counts[key] / total if total else None
    counts.update(_orphans(conn, filters or Filters(), (known_sql, known_params)))
    return counts


def orphans_sql(filters: Filters, known: tuple[str, list]) -> tuple[str, list]:
    """SQL for the period's transaction lines whose customer id the customers table lacks: one
    row of transactions, orphan_transactions, orphan_revenue, orphan_customers. Such ids are
    the identities without a row in the customers table (``known``: its query), so the lines
    are matched against those few ids, not against every customer."""
    known_sql, known_params = known
    period, params = filters.transaction_sql("t")
    sql = f"""
WITH known AS ({known_sql}),
orphan_ids AS (SELECT customer_id FROM known WHERE id_rows = 0),
lines AS (
    SELECT t.customer_id, t.revenue,
           t.customer_id IN (SELECT customer_id FROM orphan_ids) AS is_orphan
    FROM transactions AS t WHERE {period}
)
SELECT count(*) AS transactions,
       count(*) FILTER (WHERE is_orphan) AS orphan_transactions,
       coalesce(sum(revenue) FILTER (WHERE is_orphan), 0) AS orphan_revenue,
       count(DISTINCT customer_id) FILTER (WHERE is_orphan) AS orphan_customers
FROM lines
"""
    return sql, [*known_params, *params]


def _orphans(conn: duckdb.DuckDBPyConnection, filters: Filters, known) -> dict:
    known_sql, known_params = known
    orphan_ids = f"WITH known AS ({known_sql}) SELECT count(*) FROM known WHERE id_rows = 0"
    if not conn.execute(orphan_ids, known_params).fetchone()[0]:  # every id is on file
        period, params = filters.transaction_sql("t")
        lines = f"SELECT count(*) FROM transactions AS t WHERE {period}"
        found = {
            "transactions": conn.execute(lines, params).fetchone()[0],
            "orphan_transactions": 0,
            "orphan_revenue": 0.0,
            "orphan_customers": 0,
        }
    else:
        found = _one_row(conn, *orphans_sql(filters, known))
    lines = found["transactions"]
    found["orphan_transaction_share"] = found["orphan_transactions"] / lines if lines else None
    return found


def attribute_quality(conn: duckdb.DuckDBPyConnection, known=None) -> pd.DataFrame:
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
    known_sql, known_params = _known(conn, known)
    counts = ", ".join(
        f"count({key}) AS {name}_filled, "
        f"count(*) FILTER (WHERE {holders} = 1) AS {name}_unique, "
        f"count(*) FILTER (WHERE {holders} > 1) AS {name}_shared"
        for name, key, holders in (
            ("customer_id", "customer_id", "id_rows"),
            ("email", "email_key", "email_holders"),
            ("phone", "phone_key", "phone_holders"),
            ("name_country", "name_country_key", "name_country_holders"),
        )
    )
    sql = f"WITH known AS ({known_sql}) SELECT count(*) AS customers, {counts} FROM known "
    sql += "WHERE id_rows > 0"
    row = _one_row(conn, sql, known_params)
    table = pd.DataFrame(
        {
            "attribute": list(IDENTIFYING_ATTRIBUTES),
            "customers": [row["customers"]] * len(IDENTIFYING_ATTRIBUTES),
            **{
                part: [row[f"{name}_{part}"] for name in IDENTIFYING_ATTRIBUTES]
                for part in ("filled", "unique", "shared")
            },
        }
    ).astype({c: "int64" for c in ("customers", "filled", "unique", "shared")})
    table["missing"] = table["customers"] - table["filled"]
    denominator = table["customers"].where(table["customers"] > 0)
    table["filled_share"] = table["filled"] / denominator
    table["unique_share"] = table["unique"] / denominator
    order = {name: i for i, name in enumerate(IDENTIFYING_ATTRIBUTES)}
    return table.sort_values("attribute", key=lambda s: s.map(order)).reset_index(drop=True)


def duplicate_groups_sql(
    filters: Filters, cost_model=None, include_name_only: bool = True, source=None, known=None
) -> tuple[str, list]:
    """SQL for the likely duplicates (see :func:`duplicate_groups`); ``source`` and ``known``
    as for :func:`dashboard.identify.customers.search_customers_sql`."""
    value_sql, value_params = source or _value_sql(filters, cost_model)
    known_sql, known_params = known or (identities.IDENTITIES_SQL, [])
    sql = f"""
WITH known AS MATERIALIZED (
    SELECT customer_id, name, email, phone, country, email_key, phone_key, name_country_key,
           email_holders, phone_holders, name_country_holders
    FROM ({known_sql})
    WHERE email_holders > 1 OR phone_holders > 1
       OR (name_country_holders > 1 AND name_country_holders <= {MAX_SAME_NAME})
),
keyed AS (
    SELECT customer_id, 'email' AS reason, email_key AS match_key FROM known
    WHERE email_holders > 1
    UNION ALL
    SELECT customer_id, 'phone', phone_key FROM known WHERE phone_holders > 1
    UNION ALL
    SELECT customer_id, 'name_country', name_country_key FROM known
    WHERE name_country_holders > 1 AND name_country_holders <= {MAX_SAME_NAME}
),
key_groups AS (
    SELECT reason, match_key, list(customer_id ORDER BY customer_id) AS members
    FROM keyed GROUP BY reason, match_key
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
FROM valued AS x JOIN known AS k USING (customer_id)
ORDER BY group_id, x.revenue DESC, x.customer_id
"""
    return sql, [*known_params, bool(include_name_only), *value_params]


def _duplicates_query(conn, filters, cost_model, include_name_only) -> tuple[str, list]:
    """The list of likely duplicates: the one the prepare step kept for the period (the
    counts and the page's first groups both read it), else worked out on the value cache."""
    model = cost_model or load_cost_model(conn)
    filters = filters or Filters()
    try:
        kept = computed.served(conn, *duplicate_groups_sql(filters, model, include_name_only))
    except DashboardError:  # the lines live elsewhere: grouped here on what Spark brought back
        kept = None
    if kept is not None:
        return kept
    source = cache.source(conn, filters, model)
    known = identities.source(conn)
    return duplicate_groups_sql(filters, model, include_name_only, source, known)


def duplicate_groups(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    cost_model=None,
    include_name_only: bool = True,
    limit: int | None = None,
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
    limit : int, optional
        The first groups only, whole, as long as each starts within the first ``limit`` rows
        (a page shows a thousand rows of a hundred thousand; :func:`duplicate_counts` counts
        them all).

    Returns
    -------
    pandas.DataFrame
        One row per customer in a group: group_id (1 = most likely), matched_on (e.g.
        "email, phone"), match_key, group_size, is_contact_match (e-mail or phone shared),
        customer_id, name, email, phone, country, orders,
        revenue, last_purchase_at, group_revenue.
    """
    sql, params = _duplicates_query(conn, filters, cost_model, include_name_only)
    if limit is not None:
        sql = f"""
WITH listed AS ({sql}),
numbered AS (
    SELECT *, row_number() OVER (ORDER BY group_id, revenue DESC, customer_id) AS row_no
    FROM listed
)
SELECT * EXCLUDE (row_no) FROM numbered
QUALIFY min(row_no) OVER (PARTITION BY group_id) <= ?
ORDER BY group_id, revenue DESC, customer_id
"""
        params = [*params, int(limit)]
    return _run(conn, sql, params)


def duplicate_counts(
    conn: duckdb.DuckDBPyConnection, filters: Filters | None = None, cost_model=None
) -> dict:
    """What :func:`duplicate_summary` says of the whole list, in SQL, with the name-only groups
    and without them.

    Returns
    -------
    dict
        ``with_names`` (every group) and ``contacts`` (the groups sharing an e-mail or a phone):
        each groups, customers, revenue, by_reason (as :func:`duplicate_summary`) and rows (of
        the list: a customer in two groups is two rows).
    """
    sql, params = _duplicates_query(conn, filters, cost_model, True)
    subsets = (("with_names", "true"), ("contacts", "is_contact_match"))
    counted = ",\n".join(
        f"count(DISTINCT group_id) FILTER (WHERE {where}) AS {name}_groups, "
        f"count(DISTINCT customer_id) FILTER (WHERE {where}) AS {name}_customers, "
        f"count(*) FILTER (WHERE {where}) AS {name}_rows, "
        + ", ".join(
            f"count(DISTINCT group_id) FILTER (WHERE {where} AND contains(matched_on, '{r}')) "
            f"AS {name}_{r}"
            for r in DUPLICATE_REASONS
        )
        for name, where in subsets
    )
    query = f"""
WITH listed AS ({sql}),
per_customer AS (
    SELECT customer_id, any_value(revenue) AS revenue, bool_or(is_contact_match) AS contact
    FROM listed GROUP BY customer_id
),
money AS (
    SELECT coalesce(sum(revenue), 0) AS with_names_revenue,
           coalesce(sum(revenue) FILTER (WHERE contact), 0) AS contacts_revenue
    FROM per_customer
)
SELECT {counted}, any_value(m.with_names_revenue) AS with_names_revenue,
       any_value(m.contacts_revenue) AS contacts_revenue
FROM listed CROSS JOIN money AS m
"""
    row = _one_row(conn, query, params) or {}
    out = {}
    for name, _ in subsets:
        out[name] = {
            "groups": int(row.get(f"{name}_groups") or 0),
            "customers": int(row.get(f"{name}_customers") or 0),
            "revenue": float(row.get(f"{name}_revenue") or 0.0),
            "by_reason": {r: int(row.get(f"{name}_{r}") or 0) for r in DUPLICATE_REASONS},
            "rows": int(row.get(f"{name}_rows") or 0),
        }
    return out


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
