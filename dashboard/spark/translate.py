"""Our DuckDB SQL as Spark SQL, translated by SQLGlot: the query is written once, in DuckDB's
dialect, and this module is the only place that knows how Spark spells it.

Parameters stay parameters: ``?`` stays ``?`` (Spark's positional markers) and DuckDB's ``$name``
becomes ``:name`` (Spark's named markers); no value is ever put into the text.

Where the two engines differ in meaning, not only in spelling, the translation makes Spark give
DuckDB's answer (each case has a test in ``tests/spark/``):

- ``date_diff(unit, a, b)`` counts the unit's boundaries in DuckDB, whole units in Spark: days
  become ``DATEDIFF(CAST(b AS DATE), CAST(a AS DATE))``, months and years the difference of
  the calendar parts; other units are refused.
- ``date_trunc`` gives a TIMESTAMP_NTZ (Spark's own gives a zoned TIMESTAMP).
- ``to_months(n)`` becomes ``make_interval(0, n)``.
- ``epoch(ts)`` keeps the fraction of a second (Spark's ``unix_timestamp`` drops it):
  ``CAST(unix_micros(CAST(ts AS TIMESTAMP)) AS DOUBLE) / 1000000``, the session being in UTC.
- ``quantile_cont(x, q)`` becomes ``percentile(x, q)`` (exact and interpolated, as DuckDB's).
- ``arg_min``/``arg_max`` become ``min_by``/``max_by`` (SQLGlot).
- ``ORDER BY`` without ``NULLS FIRST/LAST``: DuckDB puts NULLs last in both directions, Spark
  first when ascending; SQLGlot reads DuckDB's order and writes it out for Spark (``NULLS
  LAST`` where Spark's default differs).
- ``/`` gives a DOUBLE in DuckDB whatever it divides (``1000.0 * n / m`` too); Spark keeps a
  DECIMAL's type: the dividend is cast to DOUBLE. Integer division ``//`` becomes ``DIV``
  (SQLGlot).
- ``hash()`` differs (DuckDB's 64-bit hash against Spark's Murmur3): a query using it is refused
  here, so it runs in DuckDB (the campaigns' control group is drawn there, on the customer
  table brought back).
"""

from __future__ import annotations

import functools

import sqlglot
from sqlglot import exp

from dashboard.errors import AnalysisError


class NotPortable(AnalysisError):
    """The query uses something whose meaning differs on Spark and has no faithful translation."""


#: Functions whose results differ between the engines and that the translation refuses.
DIFFERENT_FUNCTIONS = ("hash", "random", "md5_number", "uuid")


def _refuse_different(tree: exp.Expression, sql: str) -> None:
    for func in tree.find_all(exp.Func):
        name = (func.sql_name() or "").lower()
        if isinstance(func, exp.Anonymous):
            name = str(func.this).lower()
        if name in DIFFERENT_FUNCTIONS:
            raise NotPortable(key="spark.not_portable", function=f"{name}()")


def _boundaries(diff: exp.DateDiff) -> exp.Expression:
    """DuckDB's ``date_diff(unit, a, b)`` counts the unit's boundaries between a and b (a day
    from 23:59 to 00:01); Spark's counts whole units elapsed. Written out in calendar parts."""
    unit = (diff.text("unit") or "day").lower()
    later, earlier = diff.this, diff.expression
    if unit == "day":
        return exp.DateDiff(
            this=exp.cast(later.copy(), "date"), expression=exp.cast(earlier.copy(), "date")
        )

    def part(name: str, value: exp.Expression) -> exp.Expression:
        return exp.Anonymous(this=name, expressions=[value.copy()])

    years = exp.Sub(this=part("year", later), expression=part("year", earlier))
    if unit == "year":
        return exp.Paren(this=years)
    if unit == "month":
        months = exp.Sub(this=part("month", later), expression=part("month", earlier))
        return exp.Paren(
            this=exp.Add(
                this=exp.Mul(this=exp.Paren(this=years), expression=exp.Literal.number(12)),
                expression=months,
            )
        )
    raise NotPortable(key="spark.not_portable", function=f"date_diff('{unit}', ...)")


def _rewrite(node: exp.Expression) -> exp.Expression:
    """One node with DuckDB's meaning kept on Spark (see the module's list)."""
    if isinstance(node, exp.DateDiff) and node.args.get("date_part_boundary"):
        return _boundaries(node)
    if isinstance(node, exp.Div):
        # DuckDB divides DECIMALs (a literal such as 1000.0) into a DOUBLE; Spark keeps a DECIMAL
        return exp.Div(this=exp.cast(node.this.copy(), "double"), expression=node.expression.copy())
    if isinstance(node, exp.TimestampTrunc):
        # Spark's date_trunc gives a TIMESTAMP in the session's zone; ours are wall-clock times
        return exp.cast(node.copy(), "timestamp_ntz", dialect="spark")
    if isinstance(node, exp.TimeToUnix):
        # DuckDB's epoch(timestamp) keeps the fraction of a second; Spark's unix_timestamp drops
        # it. The wall-clock time read as UTC (the session's zone) to the microsecond instead.
        micros = exp.Anonymous(
            this="unix_micros", expressions=[exp.cast(node.this.copy(), "timestamp")]
        )
        seconds = exp.Div(this=exp.cast(micros, "double"), expression=exp.Literal.number(1000000))
        return exp.Paren(this=seconds)  # a DOUBLE, as DuckDB's (a DECIMAL in Spark otherwise)
    if isinstance(node, exp.PercentileCont) and not isinstance(node.parent, exp.WithinGroup):
        # quantile_cont(x, q): the exact, interpolated quantile, Spark's percentile(x, q)
        return exp.Anonymous(
            this="percentile", expressions=[node.this.copy(), node.expression.copy()]
        )
    if isinstance(node, exp.Anonymous) and str(node.this).lower() == "to_months":
        return exp.Anonymous(
            this="make_interval", expressions=[exp.Literal.number(0), *node.expressions]
        )
    return node


def _rewrite_tree(node: exp.Expression) -> exp.Expression:
    """:func:`_rewrite` on every node, children first (a rewritten node copies rewritten ones)."""
    for child in list(node.iter_expressions()):
        _rewrite_tree(child)
    new = _rewrite(node)
    if new is not node and node.parent is not None:
        node.replace(new)
    return new


@functools.lru_cache(maxsize=256)
def to_spark(sql: str) -> str:
    """The Spark SQL for one DuckDB query (a chain of CTEs ending in one select).

    Parameters
    ----------
    sql : str
        The query as our DuckDB code builds it, with ``?`` or ``$name`` parameters.

    Returns
    -------
    str
        The same query in Spark's dialect, the same parameters in the same order.

    Raises
    ------
    NotPortable
        The query uses a function whose values differ on Spark (:data:`DIFFERENT_FUNCTIONS`).
    """
    tree = sqlglot.parse_one(sql, read="duckdb")
    _refuse_different(tree, sql)
    tree = _rewrite_tree(tree)
    out = tree.sql(dialect="spark")
    if out.count("?") != sql.count("?"):  # a placeholder lost or doubled: never run it
        raise NotPortable(key="spark.not_portable", function="?")
    return out
