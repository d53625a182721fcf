"""A forecast computed once per data version and view, and kept as a table SQL can join.

Fitting takes a second or two at a million customers; every page that shows future value (the
Future value page, the pyramid ranked by predicted value, a profile, the Overview, the report)
asks for the same one. Forecasts are kept in the process, keyed on the data version and their
arguments (a new import or a saved cost model bumps the version); :func:`relation` puts a
forecast's customer rows in the in-memory schema of the value cache, for SQL to join.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import duckdb

from dashboard.future import kept
from dashboard.future import model as future_model
from dashboard.future.model import Forecast, Settings, forecast
from dashboard.store import database, tables
from dashboard.store.filters import Filters
from dashboard.value import cache as value_cache
from dashboard.value.cost_model import CostModel, load_cost_model

#: Forecasts kept (each holds a frame of about 180 MB at a million customers).
MAX_FORECASTS = 3

_lock = threading.Lock()
_forecasts: OrderedDict[tuple, Forecast] = OrderedDict()
_computing: dict[tuple, threading.Lock] = {}
_tables: OrderedDict[str, None] = OrderedDict()


def _key(conn, filters: Filters, settings: Settings, cost_model: CostModel) -> tuple:
    # No period start: the model reads the whole history up to the end.
    scope = Filters(None, filters.end, filters.countries, filters.channels, filters.categories)
    # The file too: data versions of two databases in one process (tests, a replaced file) meet.
    return (_path(conn), database.data_version(conn), scope, settings, repr(cost_model))


def _path(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The database file (two files in one process may share a data version)."""
    found = conn.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return found[0] if found else None


def forecast_cached(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    settings: Settings | None = None,
    cost_model: CostModel | None = None,
) -> Forecast:
    """:func:`~dashboard.future.model.forecast`, computed once per data version and arguments
    (two sessions asking at once compute it once), or the one the prepare step kept in the file
    for these arguments and the file's rows (:mod:`dashboard.future.kept`)."""
    filters = filters or Filters()
    settings = settings or Settings()
    cost_model = cost_model or load_cost_model(conn)
    key = _key(conn, filters, settings, cost_model)
    with _lock:
        if key in _forecasts:
            _forecasts.move_to_end(key)
            return _forecasts[key]
    prepared = kept.read(conn, filters, settings, cost_model)  # made by the prepare step
    if prepared is not None:
        with _lock:  # held like a computed one: its customer rows are read once, when asked
            _forecasts[key] = prepared
            while len(_forecasts) > MAX_FORECASTS:
                _forecasts.popitem(last=False)
        return prepared
    with _lock:
        gate = _computing.setdefault(key, threading.Lock())
    with gate:
        with _lock:
            if key in _forecasts:
                return _forecasts[key]
        result = forecast(conn, filters, settings, cost_model)
        with _lock:
            _forecasts[key] = result
            _computing.pop(key, None)
            while len(_forecasts) > MAX_FORECASTS:
                _forecasts.popitem(last=False)
    return result


def forget() -> None:
    """Drop every kept forecast (tests, and after a database is replaced)."""
    with _lock:
        _forecasts.clear()
        _tables.clear()  # they lived in the closed connection's memory


def _held(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    return tables.has_table(conn, table, database=value_cache.SCHEMA)


def relation(conn: duckdb.DuckDBPyConnection, fc: Forecast) -> str:
    """The name of a table holding ``fc.customers`` (one row per customer), to JOIN in SQL."""
    if isinstance(fc, kept.KeptForecast):
        return fc.table  # in the file already
    digest = hashlib.sha1(
        repr(
            (
                _path(conn),
                fc.as_of,
                fc.settings,
                fc.bgnbd,
                fc.gamma_gamma,
                fc.totals,
                len(fc.customers),
            )
        ).encode()
    ).hexdigest()[:20]
    name = f"{value_cache.SCHEMA}.forecast_{digest}"
    with _lock:
        # kept, and in this connection's memory (another connection to the file has its own)
        if name in _tables and _held(conn, f"forecast_{digest}"):
            _tables.move_to_end(name)
            return name
        writer = conn.cursor()
        try:
            writer.execute(
                f"ATTACH IF NOT EXISTS ':memory:' AS {value_cache.SCHEMA} (READ_ONLY false)"
            )
            writer.register("forecast_rows", fc.customers)
            writer.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM forecast_rows")
            writer.unregister("forecast_rows")
            _tables[name] = None
            while len(_tables) > MAX_FORECASTS:
                old, _ = _tables.popitem(last=False)
                writer.execute(f"DROP TABLE IF EXISTS {old}")
        finally:
            writer.close()
    return name


def at_risk(conn: duckdb.DuckDBPyConnection, fc: Forecast, limit: int | None = None):
    """:func:`dashboard.future.model.at_risk` (the first ``limit``), in SQL on a kept
    forecast's table."""
    if isinstance(fc, kept.KeptForecast):
        return kept.at_risk(conn, fc, limit)
    return future_model.at_risk(fc, limit)


def at_risk_count(conn: duckdb.DuckDBPyConnection, fc: Forecast) -> int:
    """How many customers :func:`at_risk` gives in all."""
    if isinstance(fc, kept.KeptForecast):
        return kept.at_risk_count(conn, fc)
    return len(future_model.at_risk(fc))


def customer_row(conn: duckdb.DuckDBPyConnection, fc: Forecast, customer_id: str):
    """The forecast's row of one customer (an empty frame when the customer has none)."""
    if isinstance(fc, kept.KeptForecast):
        return kept.customer(conn, fc, customer_id)
    return fc.customers[fc.customers["customer_id"] == customer_id]
