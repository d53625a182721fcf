"""Merge duplicate customers into one surviving id, and undo a merge exactly.

A merge moves every transaction, feedback answer and service contact of the merged ids to the
survivor, moves their campaign membership (where the survivor was in a campaign already, its own
row stays and the merged id's row is removed), and removes their rows of the customers table (the
survivor keeps its own name, e-mail and phone). All of it happens in one transaction with the
``merges`` log row (who, when, what) and a data version bump, so every page shows the merged
customer at once.

What an undo needs is kept beside the log row: each moved row's previous id and the hash of its
other columns (``merge_rows``: the row is found again by its content, which no later import or
merge changes), the removed customers rows as they were (``merge_customers``) and the campaign
membership rows (``merge_members``). Undo puts every row back under its old id in one transaction.
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, StorageError
from dashboard.store import database

#: The tables whose rows move to the survivor, as the preview and the log count them.
MOVED_TABLES = ("transactions", "feedback", "interactions")
#: Every count a merge records, in the order the page lists them.
COUNTS = (*MOVED_TABLES, "campaign_members", "customers")
#: Import modes after which an undo would bring back rows that are gone (the table was replaced).
REPLACING_MODES = ("replace", "demo", database.CLEAR_MODE)


def _ids(ids) -> list[str]:
    seen: list[str] = []
    for value in ids:
        text = str(value).strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def _among(ids: list[str]) -> str:
    """``customer_id IN (?, ?, ...)``, one parameter per id: a filter the table scan applies
    itself (a function of every row, like ``list_contains``, reads all 94M lines one by one)."""
    return f"customer_id IN ({', '.join('?' * len(ids))})"


def _known(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    parts = " UNION ".join(
        f"SELECT customer_id FROM {t} WHERE {_among(ids)}" for t in database.DATA_TABLES
    )
    params = [i for _ in database.DATA_TABLES for i in ids]
    return {row[0] for row in conn.execute(parts, params).fetchall()}


def _check(conn: duckdb.DuckDBPyConnection, into_id, ids) -> tuple[str, list[str]]:
    """The survivor and the ids to merge into it, refusing an unknown id or nothing to merge."""
    survivor = str(into_id).strip()
    merged = [i for i in _ids(ids) if i != survivor]
    if not survivor or not merged:
        raise AnalysisError(
            "Give the surviving id and at least one other id to merge into it.",
            key="errors.merge_needs_two",
        )
    unknown = [i for i in [survivor, *merged] if i not in _known(conn, [survivor, *merged])]
    if unknown:
        raise AnalysisError(
            f"No customer has the id {', '.join(map(repr, unknown))}: nothing was merged. "
            "Fix: copy the ids from the duplicates list or a search.",
            key="errors.merge_unknown_id",
            ids=", ".join(map(repr, unknown)),
        )
    return survivor, merged


def _count_sql(ids: list[str]) -> str:
    counted = "\n    UNION ALL\n    ".join(
        f"SELECT customer_id, '{t}' AS part FROM {t} WHERE {_among(ids)}"
        for t in (*MOVED_TABLES, "campaign_members", "customers")
    )
    return f"""
WITH asked AS (SELECT unnest(?::VARCHAR[]) AS customer_id),
found AS (
    {counted}
),
spent AS (
    SELECT customer_id, sum(revenue) AS revenue FROM transactions
    WHERE {_among(ids)} GROUP BY customer_id
)
SELECT a.customer_id,
       {", ".join(f"count(f.part) FILTER (WHERE f.part = '{t}') AS {t}" for t in COUNTS)},
       coalesce(any_value(s.revenue), 0) AS revenue
FROM asked AS a
LEFT JOIN found AS f USING (customer_id)
LEFT JOIN spent AS s USING (customer_id)
GROUP BY a.customer_id
"""


def merge_preview(conn: duckdb.DuckDBPyConnection, into_id: str, ids) -> dict:
    """What a merge of ``ids`` into ``into_id`` would move, before anything changes.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    into_id : str
        The surviving id.
    ids : iterable of str
        The ids to merge into it (the survivor among them is left out).

    Returns
    -------
    dict
        into (the survivor), merged (the other ids), per_id (a DataFrame: customer_id, survivor
        (bool), the rows of each of :data:`COUNTS` and all-time revenue; the survivor first) and
        moves (the totals of :data:`COUNTS` over the merged ids: what changes hands).

    Raises
    ------
    AnalysisError
        When fewer than two distinct ids are given or an id is unknown.
    """
    survivor, merged = _check(conn, into_id, ids)
    every = [survivor, *merged]
    tables = len((*MOVED_TABLES, "campaign_members", "customers"))
    params = [every, *(every * tables), *every]
    per_id = conn.execute(_count_sql(every), params).df()
    per_id["survivor"] = per_id["customer_id"] == survivor
    order = {customer: place for place, customer in enumerate(every)}
    per_id = per_id.sort_values("customer_id", key=lambda s: s.map(order)).reset_index(drop=True)
    per_id = per_id[["customer_id", "survivor", *COUNTS, "revenue"]]
    for column in COUNTS:
        per_id[column] = per_id[column].astype("int64")
    moving = per_id[~per_id["survivor"]]
    return {
        "into": survivor,
        "merged": merged,
        "per_id": per_id,
        "moves": {column: int(moving[column].sum()) for column in COUNTS},
    }


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    found = conn.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    return [name for (name,) in found]


def _row_hash(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    """SQL for the hash of a row's columns other than its customer id."""
    others = [c for c in _columns(conn, table) if c != "customer_id"]
    return "hash(row({}))".format(", ".join(f'"{c}"' for c in others))


def merge_customers(
    conn: duckdb.DuckDBPyConnection, into_id: str, ids, actor: str = "unknown"
) -> dict:
    """Merge ``ids`` into ``into_id`` in one transaction, logged in ``merges``; see the module.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    into_id : str
        The surviving id.
    ids : iterable of str
        The ids merged into it (gone afterwards).
    actor : str
        Who merges, as the audit log names them (a user name, ``cli:<os user>``).

    Returns
    -------
    dict
        merge_id, into, merged, moved (the rows of each of :data:`COUNTS` that moved or were
        removed), data_version (the new one).

    Raises
    ------
    AnalysisError
        When fewer than two distinct ids are given or an id is unknown (nothing changes).
    """
    preview = merge_preview(conn, into_id, ids)
    survivor, merged = preview["into"], preview["merged"]
    conn.execute("BEGIN TRANSACTION")
    try:
        merge_id = int(conn.execute("SELECT nextval('merge_id_seq')").fetchone()[0])
        moved = {}
        for table in MOVED_TABLES:
            conn.execute(
                f"INSERT INTO merge_rows SELECT ?, ?, customer_id, {_row_hash(conn, table)} "
                f"FROM {table} WHERE list_contains(?::VARCHAR[], customer_id)",
                [merge_id, table, merged],
            )
            moved[table] = int(
                conn.execute(
                    f"UPDATE {table} SET customer_id = ? "
                    "WHERE list_contains(?::VARCHAR[], customer_id)",
                    [survivor, merged],
                ).fetchone()[0]
            )
        moved["campaign_members"] = _move_members(conn, merge_id, survivor, merged)
        conn.execute(
            "INSERT INTO merge_customers BY NAME SELECT ? AS merge_id, * FROM customers "
            "WHERE list_contains(?::VARCHAR[], customer_id)",
            [merge_id, merged],
        )
        moved["customers"] = int(
            conn.execute(
                "DELETE FROM customers WHERE list_contains(?::VARCHAR[], customer_id)", [merged]
            ).fetchone()[0]
        )
        conn.execute(
            "INSERT INTO merges (merge_id, merged_at, actor, into_id, merged_ids, moved) "
            "VALUES (?, now(), ?, ?, ?, ?)",
            [merge_id, str(actor), survivor, json.dumps(merged), json.dumps(moved)],
        )
        version = database.bump_data_version(conn)
        conn.execute("COMMIT")
    except Exception as e:
        conn.execute("ROLLBACK")
        _not_written(e)
        raise
    return {
        "merge_id": merge_id,
        "into": survivor,
        "merged": merged,
        "moved": moved,
        "data_version": version,
    }


def _not_written(error: Exception) -> None:
    """A write the database refused (another program changed the same rows at the same time, a
    full disk): rolled back, said as a message instead of a traceback."""
    if isinstance(error, duckdb.Error):
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StorageError(
            f"The database did not take the change ({first}): it was rolled back, nothing "
            "changed. Fix: try again; if it persists, check that the database file may be written.",
            key="errors.merge_not_written",
            error=first,
        ) from error


def _move_members(conn, merge_id: int, survivor: str, merged: list[str]) -> int:
    """Campaign membership of the merged ids: kept aside, then the survivor's where it had none
    (the first merged id's group), removed where the survivor was in the campaign already."""
    conn.execute(
        """
        INSERT INTO merge_members
        SELECT ?, m.campaign_id, m.customer_id, m.grp,
               NOT EXISTS (SELECT 1 FROM campaign_members AS s
                           WHERE s.campaign_id = m.campaign_id AND s.customer_id = ?)
               AND row_number() OVER (PARTITION BY m.campaign_id ORDER BY m.customer_id) = 1
        FROM campaign_members AS m
        WHERE list_contains(?::VARCHAR[], m.customer_id)
        """,
        [merge_id, survivor, merged],
    )
    removed = conn.execute(
        "DELETE FROM campaign_members WHERE list_contains(?::VARCHAR[], customer_id)", [merged]
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO campaign_members SELECT campaign_id, ?, grp FROM merge_members "
        "WHERE merge_id = ? AND moved",
        [survivor, merge_id],
    )
    return int(removed)


def read_merge(conn: duckdb.DuckDBPyConnection, merge_id: int) -> dict:
    """One merge's log row: merge_id, merged_at, actor, into, merged, moved, undone_at, undone_by.

    Raises
    ------
    AnalysisError
        When no merge has this id.
    """
    row = conn.execute(
        "SELECT merge_id, merged_at, actor, into_id, merged_ids, moved, undone_at, undone_by "
        "FROM merges WHERE merge_id = ?",
        [int(merge_id)],
    ).fetchone()
    if row is None:
        raise AnalysisError(
            f"No merge has the number {merge_id}: see the list of merges "
            "(python -m dashboard customers merges).",
            key="errors.merge_unknown",
            merge_id=int(merge_id),
        )
    keys = ("merge_id", "merged_at", "actor", "into", "merged", "moved", "undone_at", "undone_by")
    found = dict(zip(keys, row, strict=True))
    found["merged"], found["moved"] = json.loads(found["merged"]), json.loads(found["moved"])
    return found


def list_merges(conn: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """The latest merges first: merge_id, merged_at, actor, into_id, merged_ids (joined with
    ", "), the counts of :data:`COUNTS`, undone_at, undone_by."""
    counts = ", ".join(f"CAST(moved->>'{c}' AS BIGINT) AS {c}" for c in COUNTS)
    return conn.execute(
        f"""
        SELECT merge_id, merged_at, actor, into_id,
               array_to_string(CAST(merged_ids AS VARCHAR[]), ', ') AS merged_ids,
               {counts}, undone_at, undone_by
        FROM merges ORDER BY merge_id DESC LIMIT ?
        """,
        [int(limit)],
    ).df()


def _refuse_undo(conn: duckdb.DuckDBPyConnection, merge: dict) -> None:
    merge_id = merge["merge_id"]
    if merge["undone_at"] is not None:
        raise AnalysisError(
            f"Merge {merge_id} was undone already ({merge['undone_at']:%Y-%m-%d %H:%M}, by "
            f"{merge['undone_by']}): its customers are separate again, nothing changed.",
            key="errors.merge_undone_already",
            merge_id=merge_id,
            at=f"{merge['undone_at']:%Y-%m-%d %H:%M}",
            actor=merge["undone_by"],
        )
    later = conn.execute(
        "SELECT min(merge_id) FROM merges WHERE merge_id > ? AND undone_at IS NULL "
        "AND list_contains(CAST(merged_ids AS VARCHAR[]), ?)",
        [merge_id, merge["into"]],
    ).fetchone()[0]
    if later is not None:
        raise AnalysisError(
            f"Merge {later} merged {merge['into']!r} into another customer since: undo merge "
            f"{later} first, then merge {merge_id}.",
            key="errors.merge_undo_later_first",
            merge_id=merge_id,
            later=int(later),
            customer_id=repr(merge["into"]),
        )
    replaced = conn.execute(
        "SELECT table_name, mode FROM import_log WHERE imported_at > ? AND list_contains(?, mode) "
        "ORDER BY import_id LIMIT 1",
        [merge["merged_at"], list(REPLACING_MODES)],
    ).fetchone()
    if replaced is not None:
        raise AnalysisError(
            f"The data of merge {merge_id} were replaced since (table {replaced[0]}, "
            f"{replaced[1]}): an undo would bring back rows that are gone. Nothing changed.",
            key="errors.merge_data_replaced",
            merge_id=merge_id,
            table=replaced[0],
            mode=replaced[1],
        )


def undo_merge(conn: duckdb.DuckDBPyConnection, merge_id: int, actor: str = "unknown") -> dict:
    """Put every row of a merge back under its previous id, in one transaction.

    The moved rows are found again under the survivor by the hash of their other columns (two
    rows alike in every column are interchangeable), the removed customers rows come back as
    they were, and the campaign membership as it was (in campaigns that still exist).

    Returns
    -------
    dict
        merge_id, into, merged, restored (rows per each of :data:`COUNTS`), missing (moved rows
        no longer found under the survivor, per table: 0 unless they were deleted since),
        data_version.

    Raises
    ------
    AnalysisError
        When no merge has this id, it was undone already, a later merge took the survivor
        into another customer (undo that first), or a table was replaced since.
    """
    merge = read_merge(conn, merge_id)
    _refuse_undo(conn, merge)
    survivor, merge_id = merge["into"], merge["merge_id"]
    conn.execute("BEGIN TRANSACTION")
    try:
        restored, missing = {}, {}
        for table in MOVED_TABLES:
            row_hash = _row_hash(conn, table)
            restored[table] = int(
                conn.execute(
                    f"""
                    WITH here AS (
                        SELECT rowid AS place, {row_hash} AS row_hash,
                               row_number() OVER (PARTITION BY {row_hash} ORDER BY rowid) AS n
                        FROM {table} WHERE customer_id = ?
                    ),
                    saved AS (
                        SELECT previous_id, row_hash,
                               row_number() OVER (PARTITION BY row_hash ORDER BY previous_id) AS n
                        FROM merge_rows WHERE merge_id = ? AND table_name = ?
                    ),
                    matched AS (SELECT h.place, s.previous_id FROM here h JOIN saved s
                                USING (row_hash, n))
                    UPDATE {table} SET customer_id = matched.previous_id FROM matched
                    WHERE {table}.rowid = matched.place
                    """,
                    [survivor, merge_id, table],
                ).fetchone()[0]
            )
            missing[table] = int(merge["moved"].get(table, 0)) - restored[table]
        conn.execute(
            "DELETE FROM campaign_members WHERE customer_id = ? AND campaign_id IN "
            "(SELECT campaign_id FROM merge_members WHERE merge_id = ? AND moved)",
            [survivor, merge_id],
        )
        restored["campaign_members"] = int(
            conn.execute(
                "INSERT INTO campaign_members SELECT m.campaign_id, m.customer_id, m.grp "
                "FROM merge_members AS m WHERE m.merge_id = ? "
                "AND m.campaign_id IN (SELECT campaign_id FROM campaigns)",
                [merge_id],
            ).fetchone()[0]
        )
        restored["customers"] = int(
            conn.execute(
                "INSERT INTO customers BY NAME SELECT * EXCLUDE (merge_id) FROM merge_customers "
                "WHERE merge_id = ?",
                [merge_id],
            ).fetchone()[0]
        )
        conn.execute(
            "UPDATE merges SET undone_at = now(), undone_by = ? WHERE merge_id = ?",
            [str(actor), merge_id],
        )
        version = database.bump_data_version(conn)
        conn.execute("COMMIT")
    except Exception as e:
        conn.execute("ROLLBACK")
        _not_written(e)
        raise
    return {
        "merge_id": merge_id,
        "into": survivor,
        "merged": merge["merged"],
        "restored": restored,
        "missing": missing,
        "data_version": version,
    }
