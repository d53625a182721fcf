"""The customer value table kept in memory inside DuckDB, so that tiers, the whale curve and RFM
on the same period reuse one computation instead of scanning every transaction again.

The tables live in an in-memory database attached to the connection's DuckDB instance (shared by
all its cursors, gone with the process), keyed on the data version, the filters and the cost
model: a new import or a saved cost model bumps the version, so stale tables are never read.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

import duckdb
import pandas as pd

from dashboard.store import computed, database
from dashboard.store.filters import Filters
from dashboard.value import ranking, value_table
from dashboard.value.cost_model import CostModel

SCHEMA = "value_cache"
#: How many value tables to keep (about 150 MB each at a million customers); 0 turns caching off.
MAX_TABLES = 4
#: How many tables of each other kind :func:`kept_query` keeps (a kind evicts only its own).
KEPT = {"pairs": 2, "wallets": 3, "opportunities": 3, "stated": 2, "attribute_keys": 2}

#: Seconds an evicted table is kept before it is dropped: another session may have been given
#: its name a moment ago and not yet run its query (twenty sessions over the pages while an
#: import bumps the data version evict tables that busy sessions are about to read).
GRACE_S = 300.0

_lock = threading.Lock()
_recent: dict[str, OrderedDict[str, None]] = {}  # kind -> its tables, least recent first
_retired: dict[str, float] = {}  # evicted table -> when


def _evict(conn: duckdb.DuckDBPyConnection, kind: str, keep: str) -> None:
    limit = KEPT.get(kind, MAX_TABLES)
    now = time.monotonic()
    with _lock:
        recent = _recent.setdefault(kind, OrderedDict())
        _retired.pop(keep, None)  # asked for again: in use, not retired
        recent[keep] = None
        recent.move_to_end(keep)
        stale = list(recent)[:-limit] if len(recent) > limit else []
        for name in stale:
            del recent[name]
            _retired[name] = now
        expired = [name for name, since in _retired.items() if now - since >= GRACE_S]
        for name in expired:
            del _retired[name]
    for name in expired:
        conn.execute(f"DROP TABLE IF EXISTS {name}")


def forget() -> None:
    """Forget the cached tables (their connection was closed, and they with it)."""
    with _lock:
        _recent.clear()
        _retired.clear()


def source(
    conn: duckdb.DuckDBPyConnection, filters: Filters, cost_model: CostModel | None = None
) -> tuple[str, list]:
    """A query for the value table of ``filters`` and ``cost_model``, computed at most once.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (read-only is fine).
    filters : Filters
        The period and segments.
    cost_model : CostModel, optional
        Margins and cost rates; the defaults when omitted.

    Returns
    -------
    tuple of (str, list)
        ``SELECT * FROM <cached table>`` and no parameters (the table a Spark cluster computed
        for this very query when the file keeps one, :mod:`dashboard.store.computed`), or the
        plain value query and its parameters when caching is off.
    """
    sql, params = ranking.ranked_value_sql(filters, cost_model)
    return kept(conn, "customer_value", sql, params, filters)


def kept(
    conn: duckdb.DuckDBPyConnection,
    kind: str,
    sql: str,
    params: list,
    filters: Filters | None = None,
) -> tuple[str, list]:
    """``SELECT * FROM`` the answer to ``sql`` that ``compute`` kept in the file (on Spark or
    DuckDB, :func:`dashboard.store.computed.served`; ``filters`` name the view when the lines
    live elsewhere and it was not computed), else one computed once per data version and kept
    in memory (:func:`kept_query`)."""
    return computed.served(conn, sql, params, filters) or kept_query(conn, kind, sql, params)


def kept_query(
    conn: duckdb.DuckDBPyConnection, kind: str, sql: str, params: list
) -> tuple[str, list]:
    """``SELECT * FROM`` a table of ``sql``'s result, computed at most once per data version and
    kept in memory; ``kind`` names it (``customer_value``, ``pairs``, ``wallets``...) and says
    how many of its kind are kept (:data:`KEPT`). The query itself when caching is off, when
    it never got its turn, or when it fails (the caller runs it and reports why)."""
    if MAX_TABLES <= 0:
        return sql, params
    key = repr((database.data_version(conn), sql, params)).encode()
    name = f"{SCHEMA}.{kind}_{hashlib.sha1(key).hexdigest()[:20]}"
    writer = conn.cursor()  # a session of its own: the setting below stays with it
    try:
        writer.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {SCHEMA} (READ_ONLY false)")
        # Rows are written in parallel (about 40% faster); nobody relies on their order.
        writer.execute("SET SESSION preserve_insertion_order = false")
        if not _create(writer, name, sql, params):
            return sql, params  # never got its turn: compute without the cache
    except duckdb.Error:
        return sql, params
    finally:
        writer.close()
    _evict(conn, kind, name)
    return f"SELECT * FROM {name}", []


#: How long a session waits for another one that is computing the same table (seconds).
WAIT_FOR_OTHER_S = 300.0


def _create(writer: duckdb.DuckDBPyConnection, name: str, sql: str, params: list) -> bool:
    """Create the table unless it exists; True once it exists.

    When another session is creating the same table at that moment, DuckDB refuses the second
    CREATE (a write-write conflict) while the first is still computing, uncommitted: reading
    the table then would fail ("does not exist"). So wait and try again: once the first one
    commits, ``IF NOT EXISTS`` finds its table; should it fail, this one creates it.
    """
    deadline = time.monotonic() + WAIT_FOR_OTHER_S
    pause = 0.02
    while True:
        try:
            writer.execute(f"CREATE TABLE IF NOT EXISTS {name} AS {sql}", params)
            return True
        except duckdb.TransactionException:
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def customer_value(
    conn: duckdb.DuckDBPyConnection, filters: Filters, cost_model: CostModel | None = None
) -> pd.DataFrame:
    """The customer value table of the period, computed once and kept (in no particular order).

    Sorting a million rows costs more than computing them: sort the result where needed.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters
        The period and the segments to look at.
    cost_model : CostModel, optional
        Margins and cost rates; the defaults when omitted.
    """
    sql, params = source(conn, filters, cost_model)
    return value_table.run_query(conn, sql, params)
