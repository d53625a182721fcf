"""Results computed elsewhere (on a Spark cluster) and kept in the DuckDB file the pages read.

Each result is the answer to one of our queries, exactly as the core builds it: its key is the
query text and its parameters, so the core asks :func:`served` "is the answer to *this* query
kept?" where it would otherwise compute it from ``transactions``. A kept answer holds while the
file's rows stay as they were (the content version it was written at): an import, a deletion or
a demo load makes every kept answer stale and the core computes from its own tables again.
Settings (a cost model, tier rules) change the query's parameters, hence its key.

The tables live in a schema of their own, :data:`SCHEMA`; ``results`` lists them with what
they answer (the filters), when, by which engine and where it ran.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex

import duckdb

from dashboard.errors import Label, NotComputed
from dashboard.store import tables

SCHEMA = "computed"

CATALOG_SQL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.results (
    key VARCHAR PRIMARY KEY,        -- sha1 of the query and its parameters
    table_name VARCHAR NOT NULL,    -- the table in this schema that holds the answer
    what VARCHAR NOT NULL,          -- value_table, summary, coverage...
    filters JSON,                   -- the period and segments, for a reader
    query VARCHAR NOT NULL,         -- the DuckDB query it answers
    params JSON NOT NULL,
    engine VARCHAR NOT NULL,        -- spark or duckdb
    master VARCHAR,                 -- where it ran: local[2], spark://..., yarn, sc://...
    computed_at TIMESTAMP NOT NULL,
    seconds DOUBLE,
    row_count BIGINT NOT NULL,
    content_version BIGINT NOT NULL -- the file's rows it goes with
);
"""


def query_key(sql: str, params: list | dict) -> str:
    """The key of one query with its parameters (dates and numbers by their repr)."""
    return hashlib.sha1(repr((sql, params)).encode()).hexdigest()


def _has_catalog(conn: duckdb.DuckDBPyConnection) -> bool:
    return tables.has_table(conn, "results", SCHEMA)


def served(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list | dict, filters=None
) -> tuple[str, list] | None:
    """``SELECT * FROM`` the kept answer to ``sql`` with ``params``, or None when none is kept
    (or it is older than the file's rows).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (read-only is fine).
    sql, params
        The query exactly as the core builds it.
    filters : Filters, optional
        The period and segments it answers, for the message below.

    Raises
    ------
    NotComputed
        When none is kept, the query reads lines this file does not hold and the lines live
        elsewhere (:func:`lines_elsewhere`): computing it here would give zeros. The message
        names the period and segments and the ``compute`` command that computes them.
    """
    if not _has_catalog(conn):
        return None
    rows = conn.execute(  # fetched to the end: DuckDB holds an unfinished result otherwise
        f"SELECT r.table_name FROM {SCHEMA}.results r, main.meta m "
        "WHERE r.key = ? AND m.key = 'content_version' AND r.content_version = m.value",
        [query_key(sql, params)],
    ).fetchall()
    if rows:
        return (f'SELECT * FROM {SCHEMA}."{rows[0][0]}"', [])
    _refuse_without_lines(conn, sql, filters)
    return None


def serve(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list, filters=None
) -> tuple[str, list]:
    """The kept answer's query when there is one, else ``sql`` and ``params`` themselves
    (raising :class:`~dashboard.errors.NotComputed` as :func:`served` does)."""
    return served(conn, sql, params, filters) or (sql, params)


#: The data tables that stay where the lines live (the customers come back whole), as a query
#: reads them.
_READS_LAKE = re.compile(
    r'(?i)\b(?:FROM|JOIN)\s+(?:main\.)?"?(transactions|feedback|interactions)\b'
)
_SEGMENTS = (("countries", "country"), ("channels", "channel"), ("categories", "category"))


def _refuse_without_lines(conn: duckdb.DuckDBPyConnection, sql: str, filters) -> None:
    """Raise :class:`NotComputed` when ``sql`` reads a table this file holds no rows of and
    the lines live elsewhere; return otherwise."""
    read = {name.lower() for name in _READS_LAKE.findall(sql)}
    if not read or not lines_elsewhere(conn):
        return
    empty = [
        t
        for t in sorted(read)
        if not conn.execute(f"SELECT EXISTS (SELECT 1 FROM main.{t})").fetchone()[0]
    ]
    if not empty:  # e.g. feedback imported here beside lines that live in the lake
        return
    raise not_computed(conn, sql, filters)


def compute_command(filters) -> str:
    """The command line that computes the answers for ``filters`` on Spark."""
    words = ["python", "-m", "dashboard", "compute", "--engine", "spark"]
    if filters is not None:
        if filters.start is not None:
            words += ["--from", filters.start.isoformat()]
        if filters.end is not None:
            words += ["--to", filters.end.isoformat()]
        for field, option in _SEGMENTS:
            for value in getattr(filters, field):
                words += [f"--{option}", value]
    return shlex.join(words)


def not_computed(conn: duckdb.DuckDBPyConnection, sql: str, filters) -> NotComputed:
    """The error saying that the answer to ``sql`` for ``filters`` was not computed: for that
    period and segments, or (the same query for them is kept with other parameters) with the
    current settings, and the command that computes it."""
    command = compute_command(filters)
    if filters is None:
        return NotComputed(key="spark.not_computed_view", command=command)
    if filters.start is None and filters.end is None:
        period = Label("the whole history", "spark.whole_history")
    else:
        period = f"{filters.start or '…'}..{filters.end or '…'}"
    same_query = conn.execute(
        f"SELECT count(*) FROM {SCHEMA}.results r, main.meta m WHERE m.key = 'content_version' "
        "AND r.content_version = m.value AND r.query = ? AND CAST(r.filters AS VARCHAR) = ?",
        [sql, json.dumps(filters.describe())],
    ).fetchone()[0]
    if same_query:  # other settings: a cost model, tier or loyalty rules changed since
        return NotComputed(key="spark.not_computed_settings", period=period, command=command)
    segments = [
        Label(f"{option} {', '.join(values)}", f"spark.segment.{option}", values=", ".join(values))
        for field, option in _SEGMENTS
        if (values := getattr(filters, field))
    ]
    if segments:
        return NotComputed(
            key="spark.not_computed_segments", period=period, segments=segments, command=command
        )
    return NotComputed(key="spark.not_computed", period=period, command=command)


def any_kept(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the file holds answers that go with its rows (the data live elsewhere)."""
    if not _has_catalog(conn):
        return False
    return bool(
        conn.execute(
            f"SELECT count(*) FROM {SCHEMA}.results r, main.meta m "
            "WHERE m.key = 'content_version' AND r.content_version = m.value"
        ).fetchone()[0]
    )


def catalog(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    """The kept answers, newest first: what, filters, engine, master, when, rows, fresh."""
    if not _has_catalog(conn):
        return []
    rows = conn.execute(
        f"SELECT r.what, r.filters, r.engine, r.master, r.computed_at, r.row_count, r.seconds, "
        f"r.content_version = m.value FROM {SCHEMA}.results r, main.meta m "
        "WHERE m.key = 'content_version' ORDER BY r.computed_at DESC, r.what"
    ).fetchall()
    return [
        {
            "what": what,
            "filters": json.loads(filters) if filters else None,
            "engine": engine,
            "master": master,
            "computed_at": at.isoformat(timespec="seconds"),
            "rows": int(n),
            "seconds": seconds,
            "fresh": bool(fresh),
        }
        for what, filters, engine, master, at, n, seconds, fresh in rows
    ]


def keep(
    conn: duckdb.DuckDBPyConnection,
    relation: str,
    *,
    sql: str,
    params: list | dict,
    what: str,
    filters: dict | None,
    engine: str,
    master: str | None,
    seconds: float | None,
    content_version: int,
    relation_params: list | dict | None = None,
) -> int:
    """Keep ``relation`` (a table or view the caller registered on ``conn``, or a subquery with
    ``relation_params``) as the answer to ``sql`` with ``params``, inside the caller's
    transaction; return its row count.

    Its columns take the types DuckDB's own query gives (``DESCRIBE`` of the query), so the
    pages read the same types whichever engine computed it.
    """
    conn.execute(CATALOG_SQL)
    key = query_key(sql, params)
    table = table_name(what, sql, params)
    types = conn.execute(f"DESCRIBE {sql}", params).fetchall()
    columns = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind, *_ in types)
    conn.execute(f'DROP TABLE IF EXISTS {SCHEMA}."{table}"')
    conn.execute(
        f'CREATE TABLE {SCHEMA}."{table}" AS SELECT {columns} FROM {relation}',
        relation_params or [],
    )
    rows = int(conn.execute(f'SELECT count(*) FROM {SCHEMA}."{table}"').fetchone()[0])
    conn.execute(f"DELETE FROM {SCHEMA}.results WHERE key = ?", [key])
    conn.execute(
        f"INSERT INTO {SCHEMA}.results VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?)",
        [
            key,
            table,
            what,
            json.dumps(filters) if filters is not None else None,
            sql,
            json.dumps(params, default=str),
            engine,
            master,
            seconds,
            rows,
            content_version,
        ],
    )
    return rows


def table_name(what: str, sql: str, params: list | dict) -> str:
    """The table in :data:`SCHEMA` that :func:`keep` writes the answer to ``sql`` into."""
    return f"{what}_{query_key(sql, params)[:16]}"


def drop_all(conn: duckdb.DuckDBPyConnection, keep=frozenset()) -> None:
    """Remove every kept answer but those whose query keys are in ``keep`` (inside the caller's
    transaction)."""
    if not _has_catalog(conn):
        return
    rows = conn.execute(f"SELECT key, table_name FROM {SCHEMA}.results").fetchall()
    gone = [(key, table) for key, table in rows if key not in keep]
    for _, table in gone:
        conn.execute(f'DROP TABLE IF EXISTS {SCHEMA}."{table}"')
    if gone:
        conn.executemany(f"DELETE FROM {SCHEMA}.results WHERE key = ?", [[k] for k, _ in gone])


def lines_elsewhere(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the file holds no transaction lines but answers computed where they live (a
    Spark cluster): a view that needs the lines themselves says so (``spark.no_lines``)."""
    empty = not conn.execute("SELECT EXISTS (SELECT 1 FROM transactions)").fetchone()[0]
    return empty and any_kept(conn)
