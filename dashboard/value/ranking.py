"""Customers ranked by a measure: the one ranking that tiers, migration and the whale curve share.

Only customers who bought in the period (``is_active`` in the value table) are ranked; ties are
broken by customer id, so the same data always give the same order.
"""

from __future__ import annotations

import re

from dashboard.store.filters import Filters
from dashboard.value import value_table
from dashboard.value.cost_model import CostModel

#: What customers can be ranked by (columns of the value table; ``predicted_value`` only of a
#: value table a forecast was joined to, which the caller passes as ``source``).
MEASURES = ("revenue", "profit", "predicted_value")
#: The measures every value table has.
PAST_MEASURES = ("revenue", "profit")


def value_source(
    filters: Filters,
    cost_model: CostModel | None = None,
    source: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """The value table's query: ``source`` when given (a cached table), else computed afresh
    (with the places of :func:`ranked_value_sql`)."""
    return source or ranked_value_sql(filters, cost_model)


_TABLE = re.compile(r"SELECT \* FROM ([A-Za-z_][\w.\"]*)")


def kept_table(sql: str, params: list) -> str | None:
    """The table a source reads when it is a kept one (``SELECT * FROM <table>``, no
    parameters: :func:`dashboard.value.cache.kept_query`, :mod:`dashboard.store.computed`),
    else None."""
    found = None if params else _TABLE.fullmatch(sql.strip())
    return found.group(1) if found else None


#: What a kept table needs of each customer of a period to give their tier under either past
#: ranking and any rule (migration's pairs, the wallets of a period): whether they bought, the
#: two measures and their place and the sum above them in each ranking.
PLACE_COLUMNS = (
    "is_active",
    "revenue",
    "profit",
    *(f"{p}_{by}" for by in PAST_MEASURES for p in ("position", "before")),
)


def cte_keyword(sql: str, params: list) -> str:
    """What goes before a CTE of ``sql`` that a query reads more than once: ``NOT MATERIALIZED``
    for a kept table (:func:`kept_table`), read twice in place rather than copied (DuckDB
    copies a CTE read twice: 0.5-1 s for 10M customers), else nothing (a query computing the
    value table is then computed once)."""
    return "NOT MATERIALIZED " if kept_table(sql, params) else ""


def ranked_value_sql(filters: Filters, cost_model: CostModel | None = None) -> tuple[str, list]:
    """The value table with each buying customer's place in both past rankings, computed once.

    Besides the value table's columns: ``position_revenue`` and ``position_profit`` (1 = best,
    the same money to a millionth broken by customer id; NULL for a customer who did not buy) and ``before_revenue`` and
    ``before_profit`` (the measure's sum over the customers ranked above). Ranking 10M customers
    takes two sorts; with the places kept in the table, a tier rule is a single scan (0.1 s
    against 2.3 s at 10M customers), so a change of rule or ranking does not sort again.
    This is the value table the cache keeps and the one Spark computes
    (:mod:`dashboard.value.cache`, :mod:`dashboard.spark.compute`).
    """
    sql, params = value_table.customer_value_sql(filters, cost_model)
    # To a millionth: two engines' sums of the same lines may differ in the last bits, and the
    # same money must not rank differently on Spark and DuckDB. Spark has no named windows.
    order = "PARTITION BY is_active ORDER BY round({by}, 6) DESC, customer_id"
    places = ",\n".join(
        f"""CASE WHEN is_active THEN row_number() OVER ({order.format(by=by)}) END
            AS position_{by},
        CASE WHEN is_active THEN coalesce(sum({by}) OVER ({order.format(by=by)}
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) END AS before_{by}"""
        for by in PAST_MEASURES
    )
    return f"SELECT *, {places} FROM ({sql}) customer_value", params


def ranked_sql(relation: str, by: str) -> str:
    """A query ranking the buying customers of ``relation`` (a value table) by ``by``, best first.

    Parameters
    ----------
    relation : str
        The name of a CTE or table holding the value table (ours, never a user's text).
    by : str
        One of :data:`MEASURES`.

    Returns
    -------
    str
        A select of customer_id, ``measure`` (the value of ``by``), ``position`` (1 = best),
        ``active_customers`` (how many are ranked), ``total`` (the measure's sum over them),
        ``before`` (the sum over those ranked above) and ``cumulative`` (``before`` plus this one).
    """
    if by not in MEASURES:
        raise ValueError(f"cannot rank by {by!r}")
    if by in PAST_MEASURES:  # the places the value table keeps (:func:`ranked_value_sql`)
        return f"""
        SELECT customer_id, {by} AS measure, position_{by} AS position,
               count(*) OVER () AS active_customers, sum({by}) OVER () AS total,
               before_{by} AS before, before_{by} + {by} AS cumulative
        FROM {relation}
        WHERE is_active"""
    return f"""
        SELECT customer_id, {by} AS measure,
               row_number() OVER ranking AS position,
               count(*) OVER () AS active_customers,
               sum({by}) OVER () AS total,
               coalesce(sum({by}) OVER (ranking ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                        0) AS before,
               sum({by}) OVER (ranking ROWS UNBOUNDED PRECEDING) AS cumulative
        FROM {relation}
        WHERE is_active
        WINDOW ranking AS (ORDER BY {by} DESC, customer_id)"""
