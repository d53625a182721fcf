"""Headline figures of the Overview: KPIs of a period and their change against the previous one."""

from __future__ import annotations

from datetime import datetime, time

import duckdb

from dashboard.feedback import trends
from dashboard.store import computed, database
from dashboard.store.filters import Filters
from dashboard.value import cache
from dashboard.value.cost_model import load_cost_model

#: KPI names in display order, with whether a rise is good news (None: neutral).
KPIS = (
    ("customers", True),
    ("active_customers", True),
    ("revenue", True),
    ("cost", False),
    ("profit", True),
    ("orders", True),
    ("repeat_purchase_rate", True),
    ("complaints", False),
    ("nps", True),
)


def period_kpis(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, float | None]:
    """KPIs of one period, from the shared customer value table and the feedback.

    Parameters
    ----------
    conn : duckdb connection
    filters : Filters
        The period and filters; ``customers`` counts everyone known by the period's end.

    Returns
    -------
    dict
        customers, active_customers, revenue, cost, profit, orders, repeat_purchase_rate
        (share of active customers with two or more orders), complaints (None when the period
        has no feedback at all), nps (None when no NPS answers).
    """
    value_sql, params = cache.source(conn, filters, load_cost_model(conn))
    row = conn.execute(
        f"""
        WITH customer_value AS ({value_sql})
        SELECT count(*) FILTER (WHERE orders > 0),
               coalesce(sum(revenue), 0), coalesce(sum(cost), 0), coalesce(sum(profit), 0),
               coalesce(sum(orders), 0), count(*) FILTER (WHERE orders >= 2)
        FROM customer_value
        """,
        params,
    ).fetchone()
    active, revenue, cost, profit, orders, repeaters = row
    complaints, feedback_rows = conn.execute(
        *computed.serve(conn, *feedback_counts_sql(filters))
    ).fetchone()
    nps = trends.nps_summary(conn, filters)
    return {
        "customers": known_customers(conn, filters),
        "active_customers": int(active),
        "revenue": float(revenue),
        "cost": float(cost),
        "profit": float(profit),
        "orders": int(orders),
        "repeat_purchase_rate": (repeaters / active) if active else None,
        # no feedback at all in the period says nothing about complaints: "—", not 0
        "complaints": int(complaints) if feedback_rows else None,
        "nps": nps.get("nps") if nps.get("responses") else None,
    }


def known_cost_share(conn: duckdb.DuckDBPyConnection, filters: Filters) -> float | None:
    """How much of the period's revenue comes from lines with a known cost (0-1).

    Where a line's cost is NULL, cost and profit are estimated from the cost model's margin; a
    share of 0 means every cost and profit figure of the period is such an estimate. Returns and
    purchases both count, by their size (absolute revenue).

    Returns
    -------
    float or None
        None when the period has no revenue at all.
    """
    known, total = conn.execute(*computed.serve(conn, *known_cost_sql(filters))).fetchone()
    return float(known) / float(total) if total else None


def known_cost_sql(filters: Filters) -> tuple[str, list]:
    """SQL and params of the revenue with a known cost and all revenue, by size (one row; kept
    per period by ``compute``)."""
    period, params = filters.transaction_sql("t")
    sql = f"""
        SELECT coalesce(sum(abs(t.revenue)) FILTER (WHERE t.cost IS NOT NULL), 0) AS known,
               coalesce(sum(abs(t.revenue)), 0) AS total
        FROM transactions AS t WHERE {period}
        """
    return sql, params


def feedback_counts_sql(filters: Filters) -> tuple[str, list]:
    """SQL and params of the period's complaints and all its feedback rows (one row; kept per
    period by ``compute``)."""
    where, params = filters.date_sql("created_at")
    sql = (
        "SELECT count(*) FILTER (WHERE kind = 'complaint') AS complaints, count(*) AS feedback "
        f"FROM feedback WHERE {where}"
    )
    return sql, params


#: How many customers became known on each day: the earlier of sign-up and first purchase (a
#: customer with neither is always known: 1900-01-01). A small table (a row a day) kept by
#: ``compute`` (:mod:`dashboard.spark.compute`), so that the count known by any day is a sum
#: rather than a scan of every customer and transaction line.
KNOWN_BY_DAY_SQL = """
    SELECT CAST(first_seen_at AS DATE) AS day, count(*) AS customers
    FROM (
        SELECT customer_id, coalesce(min(seen_at), TIMESTAMP '1900-01-01') AS first_seen_at
        FROM (
            SELECT customer_id, signup_at AS seen_at FROM customers
            UNION ALL
            SELECT customer_id, ordered_at FROM transactions
        ) AS seen
        GROUP BY customer_id
    ) AS first_seen
    GROUP BY CAST(first_seen_at AS DATE)
"""


def known_customers(conn: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """Customers known by the end of the period (everyone without an end): signed up or
    bought by then. Read from the kept count per day (computed once per data version)."""
    by_day, params = cache.kept(conn, "known_by_day", KNOWN_BY_DAY_SQL, [])
    end_clause = "TRUE" if filters.end is None else "day <= ?"
    row = conn.execute(
        f"SELECT coalesce(sum(customers), 0) FROM ({by_day}) WHERE {end_clause}",
        [*params, *([] if filters.end is None else [filters.end])],
    ).fetchone()
    return int(row[0])


def has_earlier_data(conn: duckdb.DuckDBPyConnection, filters: Filters) -> bool:
    """Whether any purchase precedes the period: without one ("all time") there is nothing to
    compare the period with."""
    if filters.start is None:
        return False
    kept = computed.served(conn, database.SUMMARY_SQL, [])  # its first purchase: no scan
    if kept is not None:
        first = conn.execute(f"SELECT date_from FROM ({kept[0]}) AS summary", kept[1]).fetchone()
        return (
            first is not None
            and first[0] is not None
            and first[0] < datetime.combine(filters.start, time.min)
        )
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM transactions WHERE ordered_at < ?)", [filters.start]
    ).fetchone()
    return bool(row[0])


def kpis_with_change(conn: duckdb.DuckDBPyConnection, filters: Filters) -> list[dict]:
    """Each KPI with its value, the previous period's value and the change.

    Returns
    -------
    list of dict
        ``{"kpi", "value", "previous", "change", "higher_is_better"}``; ``change`` is relative
        for amounts and counts and absolute (points) for rates and NPS; None without a previous
        period (``previous`` None too: no purchase precedes the period) or a base to compare with.
    """
    now = period_kpis(conn, filters)
    previous_filters = filters.previous() if has_earlier_data(conn, filters) else None
    before = period_kpis(conn, previous_filters) if previous_filters else {}
    rows = []
    for name, higher_is_better in KPIS:
        current, earlier = now[name], before.get(name)
        rows.append(
            {
                "kpi": name,
                "value": current,
                "previous": earlier,
                "change": _change(name, current, earlier),
                "higher_is_better": higher_is_better,
            }
        )
    return rows


def _change(name: str, current, earlier) -> float | None:
    if current is None or earlier is None:
        return None
    if name in ("repeat_purchase_rate", "nps"):
        return current - earlier
    return (current - earlier) / abs(earlier) if earlier else None
