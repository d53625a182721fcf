"""The customer value table: revenue, product cost, cost to serve and profit per customer, in SQL.

Definitions (the tests compare them with a plain pandas computation):

- Known customers: the customers table UNION every customer with a transaction up to the end of
  the period (narrowed by the country filter). Each gets exactly one row, zeros where nothing
  happened.
- Revenue is signed: returns (negative lines) in the period reduce it, whenever the goods were
  bought.
- An order is the lines of one ``order_id`` (or, without one, of one timestamp) of one customer;
  its positive lines are a purchase, its negative lines a return, so one order_id can be both.
- Product cost of a line: its ``cost`` (signed like its revenue: returned goods come back) or, when
  empty, ``revenue * (1 - margin)`` with the category's margin from the cost model.
- Cost to serve = orders, returns, service contacts and complaints in the period, each at the
  model's rate (a contact's own ``interactions.cost`` when known), plus the marketing cost of
  each customer who bought in the period. ``cost`` = product cost + cost to serve.
- ``is_active``: at least one purchase (a positive line) in the period. Inactive customers keep
  their row (returns, contacts and complaints still cost money) but are tiered apart.
- Dates: recency and tenure are counted in days up to the end of the period (or the last
  transaction when the period is open); first and last purchase and the lifetime figures look at
  the whole history up to the end of the period.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, StorageError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value.cost_model import CostModel

#: The cost-to-serve components, in the order the pyramid page stacks them.
COST_COMPONENTS = ("order_cost", "return_cost", "service_cost", "complaint_cost", "marketing_cost")


def _country_sql(filters: Filters, column: str = "customer_id") -> tuple[str, list]:
    if not filters.countries:
        return "TRUE", []
    marks = ", ".join("?" * len(filters.countries))
    return (
        f"{column} IN (SELECT customer_id FROM customers WHERE country IN ({marks}))",
        list(filters.countries),
    )


def _lines_sql(filters: Filters, model: CostModel) -> tuple[str, list]:
    """Transaction lines up to the end of the period, each with its product cost and period flag."""
    history = Filters(None, filters.end, filters.countries, filters.channels, filters.categories)
    where, where_params = history.transaction_sql("t")
    in_period, period_params = Filters(filters.start).date_sql("t.ordered_at")
    margin, margin_params = model.margin_sql("t.category")
    sql = f"""
    lines AS (
        SELECT t.customer_id, t.ordered_at, t.revenue,
               {database.order_key("t")} AS order_key,
               CASE WHEN t.cost IS NOT NULL THEN sign(t.revenue) * abs(t.cost)
                    ELSE t.revenue * (1 - {margin}) END AS product_cost,
               ({in_period}) AS is_in_period
        FROM transactions t
        WHERE {where}
    )"""
    return sql, [*margin_params, *period_params, *where_params]


_ORDERS_SQL = """
    orders AS (
        SELECT customer_id, order_key, revenue < 0 AS is_return,
               bool_or(revenue > 0) AS is_purchase, min(ordered_at) AS ordered_at,
               bool_or(is_in_period) AS is_in_period,
               sum(revenue) AS revenue, sum(product_cost) AS product_cost,
               sum(revenue) FILTER (WHERE is_in_period) AS period_revenue,
               sum(product_cost) FILTER (WHERE is_in_period) AS period_product_cost
        FROM lines
        GROUP BY customer_id, order_key, revenue < 0
    ),
    sales AS (
        SELECT customer_id,
               coalesce(sum(period_revenue), 0) AS revenue,
               coalesce(sum(period_product_cost), 0) AS product_cost,
               count(*) FILTER (WHERE is_in_period AND is_purchase) AS orders,
               count(*) FILTER (WHERE is_in_period AND is_return) AS returns,
               coalesce(-sum(period_revenue) FILTER (WHERE is_return), 0) AS returned_revenue,
               min(ordered_at) FILTER (WHERE is_purchase) AS first_purchase_at,
               max(ordered_at) FILTER (WHERE is_purchase) AS last_purchase_at,
               sum(revenue) AS lifetime_revenue,
               sum(product_cost) AS lifetime_product_cost,
               count(*) FILTER (WHERE is_purchase) AS lifetime_orders,
               count(*) FILTER (WHERE is_return) AS lifetime_returns
        FROM orders
        GROUP BY customer_id
    )"""


def _contacts_sql(filters: Filters, model: CostModel) -> tuple[str, list]:
    when, when_params = filters.date_sql("i.occurred_at")
    country, country_params = _country_sql(filters, "i.customer_id")
    kinds = model.free_contact_kinds
    free = f"coalesce(i.kind, '') NOT IN ({', '.join('?' * len(kinds))})" if kinds else "TRUE"
    each = "coalesce(i.cost, ?)" if model.use_contact_cost else "?"
    sql = f"""
    contacts AS (
        SELECT i.customer_id, count(*) AS service_contacts, sum({each}) AS service_cost
        FROM interactions i
        WHERE {when} AND {country} AND {free}
        GROUP BY i.customer_id
    )"""
    return sql, [model.cost_per_contact, *when_params, *country_params, *kinds]


def _complaints_sql(filters: Filters) -> tuple[str, list]:
    when, when_params = filters.date_sql("f.created_at")
    country, country_params = _country_sql(filters, "f.customer_id")
    sql = f"""
    complaints AS (
        SELECT f.customer_id, count(*) AS complaints
        FROM feedback f
        WHERE f.kind = 'complaint' AND f.customer_id IS NOT NULL AND {when} AND {country}
        GROUP BY f.customer_id
    )"""
    return sql, [*when_params, *country_params]


def _known_sql(filters: Filters) -> tuple[str, list]:
    """Known customers: the customers table and everyone who bought or returned by the end."""
    country, params = _country_sql(filters)
    if filters.channels or filters.categories:  # sales are narrowed: look at every line
        until, until_params = Filters(None, filters.end).date_sql("ordered_at")
        buyers = f"SELECT customer_id FROM transactions WHERE {until} AND {country}"
        buyer_params = [*until_params, *params]
    else:
        buyers, buyer_params = "SELECT customer_id FROM sales", []
    sql = f"""
    known AS (
        SELECT customer_id FROM customers WHERE {country}
        UNION
        {buyers}
    ),
    as_of AS (
        SELECT coalesce(CAST(? AS DATE),
                        (SELECT CAST(max(ordered_at) AS DATE) FROM transactions)) AS as_of_date
    )"""
    return sql, [*params, *buyer_params, filters.end]


_FINAL_SQL = """
    costed AS (
        SELECT k.customer_id,
               coalesce(s.revenue, 0) AS revenue,
               coalesce(s.product_cost, 0) AS product_cost,
               coalesce(s.orders, 0) AS orders,
               coalesce(s.returns, 0) AS returns,
               coalesce(s.returned_revenue, 0) AS returned_revenue,
               coalesce(c.service_contacts, 0) AS service_contacts,
               coalesce(p.complaints, 0) AS complaints,
               coalesce(s.orders, 0) * ? AS order_cost,
               coalesce(s.returns, 0) * ? AS return_cost,
               coalesce(c.service_cost, 0) AS service_cost,
               coalesce(p.complaints, 0) * ? AS complaint_cost,
               CASE WHEN coalesce(s.orders, 0) > 0 THEN ? ELSE 0 END AS marketing_cost,
               s.first_purchase_at, s.last_purchase_at,
               date_diff('day', CAST(s.last_purchase_at AS DATE), a.as_of_date) AS recency_days,
               date_diff('day', CAST(s.first_purchase_at AS DATE), a.as_of_date) AS tenure_days,
               coalesce(s.lifetime_revenue, 0) AS lifetime_revenue,
               coalesce(s.lifetime_revenue, 0) - coalesce(s.lifetime_product_cost, 0)
                   - coalesce(s.lifetime_orders, 0) * ?
                   - coalesce(s.lifetime_returns, 0) * ? AS lifetime_value,
               coalesce(s.orders, 0) > 0 AS is_active
        FROM known k
        CROSS JOIN as_of a
        LEFT JOIN sales s USING (customer_id)
        LEFT JOIN contacts c USING (customer_id)
        LEFT JOIN complaints p USING (customer_id)
    ),
    served AS (
        SELECT *,
               order_cost + return_cost + service_cost + complaint_cost + marketing_cost
                   AS cost_to_serve
        FROM costed
    )
SELECT customer_id, revenue, product_cost, cost_to_serve,
       product_cost + cost_to_serve AS cost,
       revenue - product_cost - cost_to_serve AS profit,
       orders, returns, returned_revenue,
       CASE WHEN orders > 0 THEN revenue / orders END AS avg_order_value,
       first_purchase_at, last_purchase_at, recency_days, tenure_days,
       service_contacts, complaints,
       order_cost, return_cost, service_cost, complaint_cost, marketing_cost,
       lifetime_revenue, lifetime_value, is_active
FROM served"""


def customer_value_sql(filters: Filters, cost_model: CostModel | None = None) -> tuple[str, list]:
    """SQL for one row per known customer with their value in the filtered period.

    Parameters
    ----------
    filters : Filters
        Date range (inclusive), countries, channels and categories.
    cost_model : CostModel, optional
        Margins and cost rates; the defaults when omitted.

    Returns
    -------
    tuple of (str, list)
        A query (a chain of CTEs ending in one select) and its ``?`` parameters. Columns:
        customer_id, revenue, product_cost, cost_to_serve, cost, profit, orders, returns,
        returned_revenue, avg_order_value, first_purchase_at, last_purchase_at, recency_days,
        tenure_days, service_contacts, complaints, the cost components
        (:data:`COST_COMPONENTS`), lifetime_revenue, lifetime_value, is_active.
    """
    model = cost_model or CostModel()
    parts = [
        _lines_sql(filters, model),
        (_ORDERS_SQL, []),
        _contacts_sql(filters, model),
        _complaints_sql(filters),
        _known_sql(filters),
    ]
    sql = "WITH " + ",".join(p[0] for p in parts) + "," + _FINAL_SQL
    params = [p for part in parts for p in part[1]]
    params += [
        model.cost_per_order,
        model.cost_per_return,
        model.cost_per_complaint,
        model.marketing_per_customer,
        model.cost_per_order,
        model.cost_per_return,
    ]
    return sql, params


#: The messages our SQL raises on purpose with error(), by translation key (no quotes inside).
SQL_ERRORS = {
    "errors.total_not_positive": "The total of the measure is not positive, so a cumulative "
    "share means nothing: cut the tiers by share of customers.",
}


def run_query(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    """Run an analysis query; DuckDB errors become messages a user can act on.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (a cursor of its own in the app).
    sql, params : str, list
        The query and its parameters.
    """
    try:
        return conn.execute(sql, params).df()
    except duckdb.InvalidInputException as e:
        # Raised on purpose by error() in our SQL: the text after the prefix is for the user.
        message = str(e).split("Error: ", 1)[-1]
        key = next((k for k, text in SQL_ERRORS.items() if text == message), None)
        raise AnalysisError(message, key=key) from e
    except duckdb.Error as e:
        raise StorageError(
            f"The value query failed: {e}. Check that the database was "
            "created by this dashboard (python -m dashboard summary shows what it holds).",
            key="errors.value_query_failed",
            error=str(e),
        ) from e
