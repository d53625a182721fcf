"""DuckDB storage: the schema, the connection, the data version and small query helpers."""

from __future__ import annotations

import contextlib
import functools
import os
import time
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.errors import Label, StorageError
from dashboard.store import file_lock

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "dashboard.duckdb"
DB_ENV_VAR = "DASHBOARD_DB"

#: The four data tables that imports fill, in the order a user thinks of them.
DATA_TABLES = ("transactions", "customers", "feedback", "interactions")
#: The import log's mode for a table cleared by hand.
CLEAR_MODE = "clear"

#: The contract that the importer, the command line and every later capability rely on.
SCHEMA_SQL = """
CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1;

CREATE TABLE IF NOT EXISTS customers (
    customer_id VARCHAR NOT NULL,
    name VARCHAR,
    email VARCHAR,
    phone VARCHAR,
    country VARCHAR,
    channel VARCHAR,
    signup_at TIMESTAMP,
    attributes JSON,            -- other columns of the imported file, kept as they came
    import_id INTEGER
);

CREATE TABLE IF NOT EXISTS transactions (
    customer_id VARCHAR NOT NULL,
    order_id VARCHAR,
    ordered_at TIMESTAMP NOT NULL,
    revenue DOUBLE NOT NULL,    -- negative for returns and cancellations
    cost DOUBLE,                -- product cost; NULL when the file has none
    quantity DOUBLE,
    product VARCHAR,
    category VARCHAR,
    channel VARCHAR,
    import_id INTEGER
);

CREATE TABLE IF NOT EXISTS feedback (
    feedback_id VARCHAR,
    customer_id VARCHAR,        -- NULL: anonymous feedback is kept
    order_id VARCHAR,
    created_at TIMESTAMP NOT NULL,
    kind VARCHAR NOT NULL,      -- complaint, suggestion, wish, praise, question
    score DOUBLE,
    scale VARCHAR,              -- nps_0_10 or rating_1_5 (NULL when there is no score)
    channel VARCHAR,
    text VARCHAR,
    resolved_at TIMESTAMP,
    import_id INTEGER
);

CREATE TABLE IF NOT EXISTS interactions (
    customer_id VARCHAR NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    channel VARCHAR,
    kind VARCHAR,               -- e.g. support_call, email, chat, visit, referral, review
    cost DOUBLE,
    import_id INTEGER
);

CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER PRIMARY KEY,
    imported_at TIMESTAMP NOT NULL,
    file_name VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    mode VARCHAR NOT NULL,              -- append, replace or demo
    rows_imported BIGINT NOT NULL,
    rows_set_aside BIGINT NOT NULL,
    set_aside_reasons JSON,             -- {"reason": count}
    duplicate_rows BIGINT NOT NULL DEFAULT 0,
    content_hash VARCHAR,
    mapping JSON,
    rows_removed BIGINT NOT NULL DEFAULT 0  -- rows a replace or a clear deleted
);
-- databases made before the column existed
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS rows_removed BIGINT DEFAULT 0;

CREATE TABLE IF NOT EXISTS column_mappings (
    headers_key VARCHAR NOT NULL,       -- the file's headers, normalised and joined
    table_name VARCHAR NOT NULL,
    mapping JSON NOT NULL,              -- {"source column": "field"}
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (headers_key, table_name)
);

CREATE TABLE IF NOT EXISTS settings (
    key VARCHAR PRIMARY KEY,
    value JSON NOT NULL,
    saved_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO meta VALUES ('data_version', 0) ON CONFLICT DO NOTHING;
-- the rows' own version: bumped by imports and deletions, not by settings (a database from before
-- it starts from the data version)
INSERT INTO meta SELECT 'content_version', value FROM meta WHERE key = 'data_version'
    ON CONFLICT DO NOTHING;

-- Clusters (dashboard/clustering/runs.py): saved runs, their customers, names and picks.
CREATE SEQUENCE IF NOT EXISTS segment_run_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS segment_pick_id_seq START 1;

CREATE TABLE IF NOT EXISTS segment_runs (
    run_id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    algorithm VARCHAR NOT NULL,         -- kmeans or gmm (as asked; see summary for the estimator)
    k INTEGER NOT NULL,
    k_auto BOOLEAN NOT NULL,            -- k chosen by the scores rather than by the user
    features JSON NOT NULL,             -- the feature columns, in order
    settings JSON NOT NULL,             -- filters, features, fill_missing, random_state
    scores JSON,                        -- per k: inertia, silhouette, davies_bouldin, stability
    summary JSON,                       -- profiles, differences, name keys, rules, recommendation
    customers BIGINT NOT NULL,
    model_path VARCHAR,                 -- the fitted pipeline (joblib) under models/
    data_version BIGINT
);

CREATE TABLE IF NOT EXISTS segment_assignments (
    run_id INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    cluster INTEGER NOT NULL,           -- 0 is the largest cluster
    map_x DOUBLE,                       -- the customer map (two principal components)
    map_y DOUBLE
);

CREATE TABLE IF NOT EXISTS segment_cluster_names (
    run_id INTEGER NOT NULL,
    cluster INTEGER NOT NULL,
    name VARCHAR NOT NULL,              -- a name the user gave (rule names are in the summary)
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, cluster)
);

CREATE TABLE IF NOT EXISTS segment_picks (
    pick_id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    clusters INTEGER[] NOT NULL,        -- the picked clusters of that run: the audience
    name VARCHAR,
    customers BIGINT NOT NULL,
    picked_at TIMESTAMP NOT NULL
);

-- Campaigns (dashboard/campaigns/design.py): an audience with a held-out control group, measured later.
CREATE SEQUENCE IF NOT EXISTS campaign_id_seq START 1;

CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    source VARCHAR NOT NULL,            -- 'pick', 'tier' or 'at_risk': where the audience came from
    pick_id INTEGER,                    -- the kept pick (segment_picks), when source = 'pick'
    tier VARCHAR,                       -- the value tier ('1'-'4', 'inactive'), when source = 'tier'
    tier_from DATE,                     -- the period the tier was ranked on (before the start)
    tier_to DATE,
    tier_by VARCHAR,                    -- revenue or profit
    channel VARCHAR,                    -- how the offer goes out (e-mail, SMS, call...)
    offer VARCHAR,                      -- what is offered
    created_at TIMESTAMP NOT NULL,
    start_date DATE NOT NULL,           -- the first day of the campaign
    window_days INTEGER NOT NULL,       -- responses count over [start_date, start_date + window_days)
    control_share DOUBLE NOT NULL,      -- the share of the audience held out (not contacted)
    seed BIGINT NOT NULL,               -- draws the control group: the same seed, the same group
    cost_per_contact DOUBLE,            -- NULL when unknown (then no ROI)
    target_customers BIGINT NOT NULL,
    control_customers BIGINT NOT NULL,
    data_version BIGINT                 -- the data the audience was drawn from
);

CREATE TABLE IF NOT EXISTS campaign_members (
    campaign_id INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    grp VARCHAR NOT NULL,               -- 'target' (contacted) or 'control' (held out)
    PRIMARY KEY (campaign_id, customer_id)
);

-- Merges of duplicate customers (dashboard/identify/merge.py), in the import log's style (who,
-- when, what), with what an undo needs to put every row back.
CREATE SEQUENCE IF NOT EXISTS merge_id_seq START 1;

CREATE TABLE IF NOT EXISTS merges (
    merge_id INTEGER PRIMARY KEY,
    merged_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,             -- who merged: a user name, cli:<os user>
    into_id VARCHAR NOT NULL,           -- the surviving customer id
    merged_ids JSON NOT NULL,           -- ["id", ...]: the ids merged into it
    moved JSON NOT NULL,                -- {"transactions": n, "feedback": n, "interactions": n,
                                        --  "campaign_members": n, "customers": n}
    undone_at TIMESTAMP,                -- NULL while the merge stands
    undone_by VARCHAR
);

CREATE TABLE IF NOT EXISTS merge_rows (  -- each moved row of transactions, feedback, interactions
    merge_id INTEGER NOT NULL,
    table_name VARCHAR NOT NULL,
    previous_id VARCHAR NOT NULL,       -- its customer id before the merge
    row_hash UBIGINT NOT NULL           -- hash of its other columns: finds it again on undo
);

CREATE TABLE IF NOT EXISTS merge_customers (  -- the customers rows a merge removed, as they were
    merge_id INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    name VARCHAR,
    email VARCHAR,
    phone VARCHAR,
    country VARCHAR,
    channel VARCHAR,
    signup_at TIMESTAMP,
    attributes JSON,
    import_id INTEGER
);

CREATE TABLE IF NOT EXISTS merge_members (  -- campaign membership rows of the merged ids
    merge_id INTEGER NOT NULL,
    campaign_id INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,       -- the merged id
    grp VARCHAR NOT NULL,
    moved BOOLEAN NOT NULL              -- true: now the survivor's row; false: removed (the
                                        -- survivor was in that campaign already)
);

-- Who may sign in (dashboard.access): local accounts (an Argon2id hash, never the password)
-- and single sign-on users (no password; their e-mail is the user name).
CREATE TABLE IF NOT EXISTS accounts (
    username VARCHAR PRIMARY KEY,
    password_hash VARCHAR,              -- NULL for a single sign-on account
    role VARCHAR NOT NULL,              -- 'viewer', 'analyst' or 'admin'
    created_at TIMESTAMP NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,   -- in a row, since the last success
    locked_until TIMESTAMP,             -- failed sign-ins slow the next try down
    last_sign_in TIMESTAMP
);

-- What was done, by whom (dashboard.access.audit): sign-ins, imports, clears, downloads...
CREATE TABLE IF NOT EXISTS audit_log (
    event_id BIGINT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR NOT NULL DEFAULT '',
    rows BIGINT
);
"""


def resolve_db_path(path: str | os.PathLike | None = None) -> Path:
    """Return the database file to use: the argument, then $DASHBOARD_DB, then data/dashboard.duckdb."""
    chosen = path or os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH
    return Path(chosen).expanduser().absolute()


def connect(
    path: str | os.PathLike | None = None,
    *,
    wait: float = 0,
    ask_release: bool = True,
    read_only: bool = False,
) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the dashboard database and make sure its schema exists.

    A damaged file (truncated, overwritten with other bytes) is refused before anything is
    written into it (:func:`check_intact`), and left as it was.

    Parameters
    ----------
    path : str or Path, optional
        The DuckDB file; see :func:`resolve_db_path` for the default.
    wait : float
        Seconds to wait while another program holds the file. A running dashboard lets go of it
        when asked (see :mod:`dashboard.store.file_lock`); 0 fails at once.
    ask_release : bool
        Ask the holder to let go (a command does; the dashboard itself only waits its turn). The
        request stays until this process calls :func:`dashboard.store.file_lock.withdraw`, so that the
        dashboard does not take the file back while this program works.
    read_only : bool
        Open an existing file for reading only (the commands that only read): nothing can be
        written, and other readers may open it at the same time. A file made by an older version
        gets its missing tables first, when it may be written.
    """
    db_path = resolve_db_path(path)
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            conn = duckdb.connect(str(db_path), read_only=read_only)
            break
        except duckdb.Error as e:
            if not file_lock.is_lock_conflict(e):
                raise _open_error(db_path, e) from e
            if time.monotonic() >= deadline:
                raise StorageError(_in_use_message(db_path, e, wait)) from e
            if ask_release and not file_lock.release_requested(db_path):
                file_lock.request_release(db_path)
            time.sleep(0.2)
    try:
        check_intact(conn, db_path)
        if not read_only:
            ensure_schema(conn)
        elif not schema_is_current(conn):
            conn.close()
            _upgrade(db_path, max(deadline - time.monotonic(), 0), ask_release)
            conn = duckdb.connect(str(db_path), read_only=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _upgrade(db_path: Path, wait: float, ask_release: bool) -> None:
    """Give a file made by an older version its missing tables (skipped where the file or its
    folder may not be written: the reader then reads what there is)."""
    with contextlib.suppress(StorageError, duckdb.Error):
        connect(db_path, wait=wait, ask_release=ask_release).close()


#: Where a DuckDB file's first block starts: after its main header and two database headers.
FILE_HEADER_BYTES = 3 * 4096
#: DuckDB errors that say a file is damaged rather than in use or out of reach.
_DAMAGE_SIGNS = ("Could not read enough bytes", "Corrupt database file", "not a valid DuckDB",
                 "checksum", "Serialization Error", "INTERNAL Error")  # fmt: skip


def _open_error(db_path: Path, error: duckdb.Error) -> StorageError:
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if any(sign in first for sign in _DAMAGE_SIGNS):
        return damaged(db_path, first)
    return StorageError(
        f"Cannot open the database {db_path}: {first}. Fix: check that this program may read "
        "the file and write in its folder, or give another file with --db (or $DASHBOARD_DB).",
        key="errors.cannot_open_database",
        path=str(db_path),
        error=first,
    )


def damaged(db_path: Path, reason: str | Label) -> StorageError:
    """The error for a damaged database file: nothing read from it or written into it."""
    return StorageError(
        f"The database {db_path} is damaged ({reason}). Nothing was written into it and the "
        "file is left as it was. Fix: restore the file from a copy (a backup), or give another "
        "database with --db (or $DASHBOARD_DB); a new file gets the demo data or your imports.",
        key="errors.damaged_database",
        path=str(db_path),
        reason=reason,
    )


def not_written(db_path: Path, error: str) -> StorageError:
    """The error for a write into the database that failed (a full disk, a read-only folder);
    the transaction rolled back, so the database holds what it held."""
    return StorageError(
        f"Nothing was imported: the database {db_path} could not be written ({error}). It holds "
        "what it held before. Fix: free disk space, or let this program write the file and its "
        "folder (or give another database with --db), then import again.",
        key="errors.database_not_written",
        path=str(db_path),
        error=error,
    )


def database_file(conn: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of the connection's database (None in memory)."""
    row = conn.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]) if row and row[0] else None


def check_intact(conn: duckdb.DuckDBPyConnection, path: str | os.PathLike | None = None) -> None:
    """Refuse a damaged database file before anything is written into it.

    Cheap (no table's rows are read): every table's metadata must read (DuckDB checks each
    block's checksum as it reads it), and the file must reach the last block a table keeps its
    rows in (a truncated copy or a half-written file is shorter; blocks past the end that hold
    nothing are fine: a write that failed leaves such free blocks). A block damaged inside a
    table is found by the first query that reads it, which fails instead of answering.

    Raises
    ------
    StorageError
        Naming the file, what is wrong and the fix (restore a copy); the file is left as it was.
    """
    db_path = Path(path) if path is not None else database_file(conn)
    if db_path is None:
        return
    try:
        block_size = conn.execute(
            "SELECT block_size FROM pragma_database_size() WHERE database_name = current_database()"
        ).fetchone()[0]
        tables = conn.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND NOT temporary"
        ).fetchall()
        last = -1
        for schema, table in tables:
            name = f'"{schema}"."{table}"'.replace("'", "''")
            found = conn.execute(
                "SELECT max(greatest(block_id, coalesce(list_max(additional_block_ids), -1))) "
                f"FROM pragma_storage_info('{name}') WHERE persistent"
            ).fetchone()[0]
            last = max(last, -1 if found is None else int(found))
    except duckdb.Error as e:
        raise _open_error(db_path, e) from e
    needed, size = FILE_HEADER_BYTES + int(block_size) * (last + 1), _size(db_path)
    if size < needed:
        raise damaged(
            db_path,
            Label(
                f"the file holds {size:,} bytes, its tables need {needed:,}",
                "errors.damaged_short",
                size=size,
                needed=needed,
            ),
        )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@functools.cache
def _schema_objects() -> frozenset:
    memory = duckdb.connect()
    try:
        ensure_schema(memory)
        return _objects(memory)
    finally:
        memory.close()


def _objects(conn: duckdb.DuckDBPyConnection) -> frozenset:
    columns = conn.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    sequences = conn.execute(
        "SELECT 'sequence', sequence_name FROM duckdb_sequences() "
        "WHERE database_name = current_database()"
    ).fetchall()
    return frozenset(columns + sequences)


def schema_is_current(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the database has every table, column and sequence of :data:`SCHEMA_SQL`."""
    return _schema_objects() <= _objects(conn)


def _in_use_message(db_path: Path, error: BaseException, wait: float) -> str:
    who = file_lock.holder(error)
    text = f"The database {db_path} is in use by another program ({who or 'unknown'}). "
    if wait:
        return text + (
            f"It did not let go of it within {wait:g} s: a dashboard lets go once its pages "
            "finish working, another command when it ends. Try again later, wait longer "
            "with --wait SECONDS, or use another file with --db."
        )
    return text + "Wait for it with --wait SECONDS, or use another file with --db."


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the contract that does not exist yet."""
    conn.execute(SCHEMA_SQL)


def data_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The number that every change of data bumps; cached results are keyed on it."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def content_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The number that only a change of the rows bumps (an import, a deletion, the demo), not a
    setting: what a saved clustering run is checked against."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(conn: duckdb.DuckDBPyConnection, rows: bool = True) -> int:
    """Increase the data version (inside the caller's transaction) and return the new one.

    ``rows``: the rows changed, so the content version goes up too; False for a setting.
    """
    keys = "('data_version', 'content_version')" if rows else "('data_version')"
    conn.execute(f"UPDATE meta SET value = value + 1 WHERE key IN {keys}")
    return data_version(conn)


def next_import_id(conn: duckdb.DuckDBPyConnection) -> int:
    """A fresh id for an import (or a demo load), recorded on every row it adds."""
    return int(conn.execute("SELECT nextval('import_id_seq')").fetchone()[0])


def rows_left_by_import(conn: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """How many rows each import (by import id) still has in its table (every table for the demo's
    load): fewer than it brought once rows were replaced, cleared or removed; 0 when none is left.

    Customer records a transactions file added are not counted as its rows.
    """
    parts = " UNION ALL ".join(
        f"SELECT import_id, '{t}' AS table_name FROM {t}" for t in DATA_TABLES
    )
    found = conn.execute(
        f"SELECT l.import_id, count(r.import_id) FROM import_log l "
        f"LEFT JOIN ({parts}) r ON r.import_id = l.import_id "
        f"AND (r.table_name = l.table_name OR l.table_name NOT IN {DATA_TABLES!r}) "
        f"GROUP BY l.import_id"
    ).fetchall()
    return {int(import_id): int(n) for import_id, n in found}


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in each data table."""
    parts = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in DATA_TABLES)
    return {name: int(n) for name, n in conn.execute(parts).fetchall()}


def is_empty(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when no data table holds a row and no results computed elsewhere are kept (a first
    run)."""
    from dashboard.store import computed

    return sum(table_counts(conn).values()) == 0 and not computed.any_kept(conn)


def clear_table(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    """Delete every row of one data table in one transaction, noted in the import log (mode
    ``'clear'``, with the rows deleted); return how many were deleted."""
    if table not in DATA_TABLES:
        raise StorageError(
            f"Unknown table {table!r}: choose one of {', '.join(DATA_TABLES)}.",
            key="errors.unknown_table",
            table=repr(table),
            tables=", ".join(DATA_TABLES),
        )
    conn.execute("BEGIN TRANSACTION")
    try:
        deleted = conn.execute(f"DELETE FROM {table}").fetchone()[0]
        conn.execute(
            "INSERT INTO import_log (import_id, imported_at, file_name, table_name, mode, "
            "rows_imported, rows_set_aside, set_aside_reasons, rows_removed) "
            "VALUES (?, now(), '', ?, ?, 0, 0, '{}', ?)",
            [next_import_id(conn), table, CLEAR_MODE, deleted],
        )
        bump_data_version(conn)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return int(deleted)


def read_import_log(conn: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """The latest imports first."""
    return conn.execute(
        "SELECT import_id, imported_at, file_name, table_name, mode, rows_imported, "
        "rows_set_aside, set_aside_reasons, duplicate_rows, rows_removed, content_hash "
        "FROM import_log ORDER BY import_id DESC LIMIT ?",
        [limit],
    ).df()


def order_key(alias: str = "") -> str:
    """SQL for one order: its order id, or the moment of purchase where a file has no order ids.

    Every count of orders (the Overview, a profile, the loyalty rates, a campaign's response, the
    summary) goes through this, so they agree.
    """
    prefix = f"{alias}." if alias else ""
    return f"coalesce({prefix}order_id, CAST({prefix}ordered_at AS VARCHAR))"


#: The transactions' part of :func:`summary` (buying customers, revenue, first and last day,
#: orders): one query, so that a Spark cluster can answer it when the lines live there.
SUMMARY_SQL = f"""
        SELECT count(DISTINCT customer_id) AS buying_customers,
               coalesce(sum(revenue), 0) AS revenue,
               min(ordered_at) AS date_from, max(ordered_at) AS date_to,
               count(DISTINCT (customer_id, {order_key()})) FILTER (WHERE revenue > 0) AS orders
        FROM transactions
        """
#: Every known customer: the customers table and everyone with a transaction.
KNOWN_SQL = (
    "SELECT count(*) AS customers FROM (SELECT customer_id FROM customers UNION "
    "SELECT customer_id FROM transactions)"
)


def summary(conn: duckdb.DuckDBPyConnection) -> dict:
    """Rows per table, customers, revenue, date range and the last import: what the sidebar shows."""
    from dashboard.store import computed  # the answers kept when the data live elsewhere

    counts = table_counts(conn)
    row = conn.execute(*computed.serve(conn, SUMMARY_SQL, [])).fetchone()
    last = conn.execute(
        "SELECT imported_at, file_name, table_name FROM import_log WHERE mode <> ? "
        "ORDER BY import_id DESC LIMIT 1",
        [CLEAR_MODE],
    ).fetchone()
    known = conn.execute(*computed.serve(conn, KNOWN_SQL, [])).fetchone()[0]
    return {
        "rows": counts,
        "customers": int(known),
        "buying_customers": int(row[0]),
        "orders": int(row[4]),
        "revenue": float(row[1]),
        "date_from": row[2].date().isoformat() if row[2] else None,
        "date_to": row[3].date().isoformat() if row[3] else None,
        "last_import": (
            {"at": last[0].isoformat(timespec="seconds"), "file": last[1], "table": last[2]}
            if last
            else None
        ),
        "data_version": data_version(conn),
    }


def get_setting(conn: duckdb.DuckDBPyConnection, key: str, default=None):
    """A saved setting (cost model, tier rules, names...) decoded from JSON, or the default."""
    import json

    row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def put_setting(conn: duckdb.DuckDBPyConnection, key: str, value) -> None:
    """Save a setting as JSON and bump the data version, so cached results that use it refresh."""
    import json

    conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?, now())", [key, json.dumps(value)])
    bump_data_version(conn, rows=False)
