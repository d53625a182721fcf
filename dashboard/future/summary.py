"""Each customer's purchase history as the customer-base models read it, computed in DuckDB.

Conventions (the README repeats them):

- Time is in weeks (days / 7).
- A transaction is a day on which the customer bought something (at least one line that is not
  a return or cancellation, i.e. not negative; free items count):
  several purchases on one day are one transaction; a day with only returns or cancellations is
  not one.
- ``frequency`` is the number of repeat transactions (transaction days after the first),
  ``recency_weeks`` the time from the first to the last, ``age_weeks`` from the first to the
  as-of date.
- ``monetary`` is the mean net revenue (the day's lines, returns on that day included) of the
  repeat transactions; NaN for a customer without one.
- ``holdout`` counts the transaction days after the as-of date up to the holdout's end.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from dashboard.errors import StorageError
from dashboard.store.filters import Filters


def summary_sql(
    filters: Filters,
    calibration_end: date,
    as_of: date,
    holdout_end: date | None = None,
    values: tuple[str, list] | None = None,
) -> tuple[str, dict]:
    """The per-customer summary query, as of two days at once, in one pass over the lines.

    Parameters
    ----------
    filters : Filters
        Countries, channels and categories narrow the lines; the dates are ignored.
    calibration_end : date
        The columns frequency, recency_days, age_days and monetary describe the history up to
        this day (NULL for a customer whose first purchase is later); ``holdout`` counts the
        transaction days after it up to ``holdout_end``.
    as_of : date
        The ``full_`` columns describe the history up to this day; only customers who bought by
        then are rows.
    holdout_end : date, optional
        The last day of the holdout (no holdout when omitted).
    values : tuple of (str, list), optional
        A customer value table ending on ``as_of`` (its query and parameters): adds each
        customer's past_revenue and past_value (lifetime revenue and profit) and profit_share
        (their ratio, between -1 and 1; 0 without revenue).
    """
    last = max(as_of, holdout_end or as_of)
    scope = Filters(None, last, filters.countries, filters.channels, filters.categories)
    where, params = scope.transaction_sql("t")
    holdout_end = holdout_end or calibration_end
    value_columns = value_join = ""
    if values is not None:
        value_columns = """,
           coalesce(v.lifetime_revenue, 0) AS past_revenue,
           coalesce(v.lifetime_value, 0) AS past_value,
           CASE WHEN round(v.lifetime_revenue, 2) > 0  -- to the cent: a sum of doubles
                THEN greatest(-1, least(1, v.lifetime_value / v.lifetime_revenue))
                ELSE 0 END AS profit_share"""
        value_join = f"\n    LEFT JOIN ({values[0]}) v USING (customer_id)"
        params = [*params, *values[1]]
    sql = f"""
    WITH days AS (
        SELECT t.customer_id, CAST(t.ordered_at AS DATE) AS day,
               round(sum(t.revenue), 2) AS revenue  -- to the cent: see below
        FROM transactions t
        WHERE {where}
        GROUP BY ALL
        HAVING bool_or(t.revenue >= 0)
    ),
    per AS (
        SELECT customer_id,
               min(day) AS first_day,
               arg_min(revenue, day) AS first_revenue,
               count(*) FILTER (WHERE day <= $calibration) AS calibration_days,
               max(day) FILTER (WHERE day <= $calibration) AS calibration_last,
               -- sums of doubles in parallel differ in their last bits from run to run, and
               -- the fit's optimiser can take another path on them: money to the cent is the
               -- same on every run and on both engines
               round(sum(revenue) FILTER (WHERE day <= $calibration), 2) AS calibration_revenue,
               count(*) FILTER (WHERE day > $calibration AND day <= $holdout) AS holdout,
               count(*) FILTER (WHERE day <= $as_of) AS full_days,
               max(day) FILTER (WHERE day <= $as_of) AS full_last,
               round(sum(revenue) FILTER (WHERE day <= $as_of), 2) AS full_revenue
        FROM days GROUP BY customer_id
    )
    SELECT customer_id,
           CASE WHEN calibration_days > 0 THEN calibration_days - 1 END AS frequency,
           date_diff('day', first_day, calibration_last) AS recency_days,
           CASE WHEN calibration_days > 0 THEN date_diff('day', first_day, $calibration) END
               AS age_days,
           CASE WHEN calibration_days > 1
                THEN (calibration_revenue - first_revenue) / (calibration_days - 1) END
               AS monetary,
           holdout,
           full_days - 1 AS full_frequency,
           date_diff('day', first_day, full_last) AS full_recency_days,
           date_diff('day', first_day, $as_of) AS full_age_days,
           CASE WHEN full_days > 1 THEN (full_revenue - first_revenue) / (full_days - 1) END
               AS full_monetary{value_columns}
    FROM per{value_join}
    WHERE first_day <= $as_of"""
    # the filter's own ? parameters come first: name them too
    named = {f"p{i}": value for i, value in enumerate(params)}
    for i in range(len(params)):
        sql = sql.replace("?", f"$p{i}", 1)
    named.update(calibration=calibration_end, holdout=holdout_end, as_of=as_of)
    return sql, named


def customer_summary(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    calibration_end: date,
    as_of: date | None = None,
    holdout_end: date | None = None,
    values: tuple[str, list] | None = None,
) -> pd.DataFrame:
    """One row per customer who bought up to ``as_of`` (default: ``calibration_end``).

    Columns: customer_id; frequency, recency_days, age_days, monetary (up to
    ``calibration_end``; frequency -1 for a customer who first bought after it); holdout; and
    full_frequency, full_recency_days, full_age_days, full_monetary (up to ``as_of``); with
    ``values``, past_revenue, past_value and profit_share. See the module's conventions.
    """
    sql, params = summary_sql(
        filters, calibration_end, as_of or calibration_end, holdout_end, values
    )
    try:
        frame = conn.execute(sql, params).df()
    except duckdb.Error as e:
        raise StorageError(
            f"The purchase history could not be read: {e}. Check that the database was made "
            "by this dashboard, or import the transactions again.",
            key="errors.future_summary_failed",
            error=str(e),
        ) from e
    for column in ("frequency", "recency_days", "age_days"):
        frame[column] = frame[column].fillna(-1).astype("int64")
    for column in ("holdout", "full_frequency", "full_recency_days", "full_age_days"):
        frame[column] = frame[column].astype("int64")
    for column in ("monetary", "full_monetary"):
        frame[column] = frame[column].astype("float64")
    return frame


def calibration_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The customers who bought by the calibration end, with their calibration columns."""
    return frame[frame["frequency"] >= 0]


def full_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Every customer with the columns as of the as-of day, under the plain names."""
    keep = ["customer_id", "full_frequency", "full_recency_days", "full_age_days"]
    keep += ["full_monetary"]
    keep += [c for c in ("past_revenue", "past_value", "profit_share") if c in frame.columns]
    return frame[keep].rename(columns=lambda c: c.removeprefix("full_"))


def data_range(
    conn: duckdb.DuckDBPyConnection, filters: Filters
) -> tuple[date | None, date | None]:
    """The first and last purchase days of the lines the filters keep (dates ignored)."""
    scope = Filters(None, None, filters.countries, filters.channels, filters.categories)
    where, params = scope.transaction_sql("t")
    first, last = conn.execute(
        f"SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions t "
        f"WHERE {where} AND t.revenue >= 0",
        params,
    ).fetchone()
    return first, last
