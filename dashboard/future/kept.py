"""The forecast a first view asks for, made once per data version when the data are prepared and
kept in the file.

At ten million customers the model's forecast takes most of a minute (the purchase summary, the
fits, every customer's predictions with intervals). The ``prepare`` step after an import or a
demo load (:mod:`dashboard.commands.prepare`) makes the one the pages ask for first: as of the
end of the default period, with the default settings and the saved cost model. It is kept in
schema :data:`SCHEMA`: the customer rows as a table, the rest (check, fits, holdout, totals) as
JSON. :func:`read` gives it back while the file's rows are those it was made on (the content
version); a new cost model or other settings ask for another key, which is computed as before.

A kept forecast leaves its customer rows in their table: SQL joins them there
(:func:`dashboard.future.cache.relation`), the at-risk list is chosen there
(:func:`at_risk`), and ``fc.customers`` reads them into pandas only when something asks for all
of them.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, fields
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from dashboard.future import model as future_model
from dashboard.future.check import Check, Failure
from dashboard.future.model import Forecast, Holdout, Settings
from dashboard.store import database, tables
from dashboard.store.filters import Filters
from dashboard.value.cost_model import CostModel

SCHEMA = "kept_forecasts"

CATALOG_SQL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.catalog (
    key VARCHAR PRIMARY KEY,         -- sha1 of the view, the settings and the cost model
    table_name VARCHAR NOT NULL,     -- the table in this schema with the customer rows
    content_version BIGINT NOT NULL, -- the file's rows it was made on
    meta JSON NOT NULL,              -- the forecast without its customer rows
    made_at TIMESTAMP NOT NULL,
    seconds DOUBLE,                  -- how long the forecast took to make
    customers BIGINT NOT NULL
);
"""


def forecast_key(filters: Filters, settings: Settings, cost_model: CostModel) -> str:
    """The key of a forecast: what it is as of (the view's end and segments; the model reads
    the whole history), its settings and the cost model."""
    scope = Filters(None, filters.end, filters.countries, filters.channels, filters.categories)
    return hashlib.sha1(repr((scope, settings, repr(cost_model))).encode()).hexdigest()


class KeptForecast(Forecast):
    """A forecast read back from the file: its customer rows stay in :attr:`table` until
    ``customers`` is asked for (then they are read once, with the connection it was read on)."""

    @property
    def customers(self) -> pd.DataFrame:
        rows = self.__dict__.get("_rows")
        if rows is None:
            cursor = self.__dict__["_conn"].cursor()
            try:
                rows = cursor.execute(f"SELECT * FROM {self.table} ORDER BY row").df()
            finally:
                cursor.close()
            rows = rows.drop(columns="row")
            self.__dict__["_rows"] = rows
        return rows

    @customers.setter
    def customers(self, value) -> None:  # the dataclass's __init__ sets it
        self.__dict__["_rows"] = value

    def __repr__(self) -> str:  # without reading the rows
        return (
            f"KeptForecast(table={self.table}, settings={self.settings!r}, as_of={self.as_of!r}, "
            f"check={self.check!r}, totals={self.totals!r})"
        )

    @property
    def table(self) -> str:
        """The table in the file that holds the customer rows (one per customer)."""
        return self.__dict__["_table"]

    @property
    def made_at(self):
        """When the forecast was made (the prepare step)."""
        return self.__dict__["_made_at"]


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy numbers and arrays
        return value.tolist()
    return str(value)


def _meta(fc: Forecast) -> str:
    holdout = None
    if fc.holdout is not None:
        h = fc.holdout
        holdout = {
            "start": h.start,
            "end": h.end,
            "weeks": h.weeks,
            "actual": h.actual,
            "predicted": h.predicted,
            "bgnbd": h.bgnbd,
            "by_frequency": h.by_frequency.to_dict("list"),
            "dtypes": {c: str(t) for c, t in h.by_frequency.dtypes.items()},
        }
    return json.dumps(
        {
            "settings": asdict(fc.settings),
            "as_of": fc.as_of,
            "failures": [{"name": f.name, "values": f.values} for f in fc.check.failures],
            "bgnbd": fc.bgnbd,
            "gamma_gamma": fc.gamma_gamma,
            "holdout": holdout,
            "totals": fc.totals,
            "fit_sample": fc.fit_sample,
        },
        default=_plain,
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _forecast(meta: dict, conn, table: str, made_at) -> KeptForecast:
    settings = meta["settings"]
    for name in ("calibration_end", "holdout_end"):
        settings[name] = _day(settings[name])
    settings = Settings(**{f.name: settings[f.name] for f in fields(Settings)})
    holdout = meta["holdout"]
    if holdout is not None:
        frame = pd.DataFrame(holdout["by_frequency"]).astype(holdout["dtypes"])
        holdout = Holdout(
            start=_day(holdout["start"]),
            end=_day(holdout["end"]),
            weeks=holdout["weeks"],
            actual=holdout["actual"],
            predicted=holdout["predicted"],
            by_frequency=frame,
            bgnbd=holdout["bgnbd"],
        )
    fc = KeptForecast(
        settings,
        _day(meta["as_of"]),
        Check(tuple(Failure(f["name"], f["values"]) for f in meta["failures"])),
        bgnbd=meta["bgnbd"],
        gamma_gamma=meta["gamma_gamma"],
        holdout=holdout,
        customers=None,
        totals=meta["totals"],
        fit_sample=meta["fit_sample"],
    )
    fc.__dict__.update(_conn=conn, _table=f'{SCHEMA}."{table}"', _made_at=made_at)
    return fc


def _has_catalog(conn: duckdb.DuckDBPyConnection) -> bool:
    return tables.has_table(conn, "catalog", SCHEMA)


def read(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    settings: Settings,
    cost_model: CostModel,
) -> KeptForecast | None:
    """The kept forecast of these arguments, or None when none is kept for the file's rows as
    they are. Its customer rows are read with ``conn`` when asked for."""
    if not _has_catalog(conn):
        return None
    row = conn.execute(
        f"SELECT k.table_name, k.meta, k.made_at FROM {SCHEMA}.catalog k, main.meta m "
        "WHERE k.key = ? AND m.key = 'content_version' AND k.content_version = m.value",
        [forecast_key(filters, settings, cost_model)],
    ).fetchone()
    if row is None:
        return None
    table, meta, made_at = row
    return _forecast(json.loads(meta), conn, table, made_at)


def keep(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    settings: Settings | None = None,
    cost_model: CostModel | None = None,
) -> dict:
    """Make the forecast of these arguments and keep it in the file (replacing the kept ones of
    older rows); what was kept: key, customers, whether the check passed, seconds.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database, writable.
    filters : Filters
        The view the forecast is as of (its end; the model reads the whole history).
    settings : Settings, optional
        The default settings when omitted (those of a first view).
    cost_model : CostModel, optional
        The saved one when omitted.
    """
    from dashboard.value.cost_model import load_cost_model

    settings = settings or Settings()
    cost_model = cost_model or load_cost_model(conn)
    began = time.perf_counter()
    there = read(conn, filters, settings, cost_model)
    if there is not None:  # kept on these rows already
        key = forecast_key(filters, settings, cost_model)
        return {"key": key, "customers": None, "ok": there.check.ok, "made": False}
    fc = future_model.forecast(conn, filters, settings, cost_model)
    seconds = time.perf_counter() - began
    save(conn, fc, filters, cost_model, seconds)
    return {
        "key": forecast_key(filters, settings, cost_model),
        "customers": len(fc.customers),
        "ok": fc.check.ok,
        "made": True,
        "seconds": round(time.perf_counter() - began, 1),
        "forecast_seconds": round(seconds, 1),
    }


def save(
    conn: duckdb.DuckDBPyConnection,
    fc: Forecast,
    filters: Filters,
    cost_model: CostModel,
    seconds: float | None = None,
) -> None:
    """Keep ``fc`` (made with ``filters``, its settings and ``cost_model`` on the file's rows as
    they are) in the file, in place of the kept forecast of the same key and of older rows."""
    key = forecast_key(filters, fc.settings, cost_model)
    table = f"customers_{key[:16]}"
    rows = fc.customers.assign(row=np.arange(len(fc.customers)))
    conn.execute(CATALOG_SQL)
    conn.register("kept_forecast_rows", rows)
    conn.execute("BEGIN TRANSACTION")
    try:
        content = database.content_version(conn)
        old = conn.execute(
            f"SELECT table_name FROM {SCHEMA}.catalog WHERE key = ? OR content_version <> ?",
            [key, content],
        ).fetchall()
        for (name,) in old:
            conn.execute(f'DROP TABLE IF EXISTS {SCHEMA}."{name}"')
        conn.execute(
            f"DELETE FROM {SCHEMA}.catalog WHERE key = ? OR content_version <> ?", [key, content]
        )
        conn.execute(f'CREATE TABLE {SCHEMA}."{table}" AS SELECT * FROM kept_forecast_rows')
        conn.execute(
            f"INSERT INTO {SCHEMA}.catalog VALUES (?, ?, ?, ?, now(), ?, ?)",
            [key, table, content, _meta(fc), seconds, len(fc.customers)],
        )
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.unregister("kept_forecast_rows")


def _at_risk_sql(fc: KeptForecast) -> str:
    return f"""
        WITH cut AS (
            SELECT quantile_cont(past_value, 0.8) AS threshold
            FROM {fc.table} WHERE past_value > 0
        )
        SELECT f.* EXCLUDE (row) FROM {fc.table} f, cut
        WHERE f.past_value >= cut.threshold AND f.p_alive < 0.5"""


def at_risk(
    conn: duckdb.DuckDBPyConnection, fc: KeptForecast, limit: int | None = None
) -> pd.DataFrame:
    """:func:`dashboard.future.model.at_risk` of a kept forecast, chosen in SQL on its table:
    a past value in the top fifth of the positive past values (the same linear quantile) and a
    probability of being alive under one half, most valuable first (the first ``limit``)."""
    order = " ORDER BY past_value DESC, customer_id"
    if limit is None:
        return conn.execute(_at_risk_sql(fc) + order).df()
    return conn.execute(_at_risk_sql(fc) + order + " LIMIT ?", [int(limit)]).df()


def at_risk_count(conn: duckdb.DuckDBPyConnection, fc: KeptForecast) -> int:
    """How many customers :func:`at_risk` gives."""
    return int(conn.execute(f"SELECT count(*) FROM ({_at_risk_sql(fc)})").fetchone()[0])


def customer(conn: duckdb.DuckDBPyConnection, fc: KeptForecast, customer_id: str) -> pd.DataFrame:
    """The row of one customer of a kept forecast (none when the customer has none)."""
    return conn.execute(
        f"SELECT * EXCLUDE (row) FROM {fc.table} WHERE customer_id = ?", [customer_id]
    ).df()
