"""Customers ranked by a measure: the one ranking that tiers, migration and the whale curve share.

Only customers who bought in the period (``is_active`` in the value table) are ranked; ties are
broken by customer id, so the same data always give the same order.
"""

from __future__ import annotations

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
    """The value table's query: ``source`` when given (a cached table), else computed afresh."""
    return source or value_table.customer_value_sql(filters, cost_model)


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
