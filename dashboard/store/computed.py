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

import duckdb

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
    return bool(
        conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = ? AND table_name = 'results'",
            [SCHEMA],
        ).fetchone()[0]
    )


def served(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list | dict
) -> tuple[str, list] | None:
    """``SELECT * FROM`` the kept answer to ``sql`` with ``params``, or None when none is kept
    (or it is older than the file's rows).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (read-only is fine).
    sql, params
        The query exactly as the core builds it.
    """
    if not _has_catalog(conn):
        return None
    row = conn.execute(
        f"SELECT r.table_name FROM {SCHEMA}.results r, main.meta m "
        "WHERE r.key = ? AND m.key = 'content_version' AND r.content_version = m.value",
        [query_key(sql, params)],
    ).fetchone()
    return (f'SELECT * FROM {SCHEMA}."{row[0]}"', []) if row else None


def serve(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> tuple[str, list]:
    """The kept answer's query when there is one, else ``sql`` and ``params`` themselves."""
    return served(conn, sql, params) or (sql, params)


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
    table = f"{what}_{key[:16]}"
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


def drop_all(conn: duckdb.DuckDBPyConnection) -> None:
    """Remove every kept answer (inside the caller's transaction)."""
    if not _has_catalog(conn):
        return
    for (table,) in conn.execute(f"SELECT table_name FROM {SCHEMA}.results").fetchall():
        conn.execute(f'DROP TABLE IF EXISTS {SCHEMA}."{table}"')
    conn.execute(f"DELETE FROM {SCHEMA}.results")


def lines_elsewhere(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the file holds no transaction lines but answers computed where they live (a
    Spark cluster): a view that needs the lines themselves says so (``spark.no_lines``)."""
    empty = not conn.execute("SELECT EXISTS (SELECT 1 FROM transactions)").fetchone()[0]
    return empty and any_kept(conn)
