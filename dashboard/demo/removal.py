"""Removing the demo once a user's own data sit beside it: what of it is left, and its removal.

A demo load is the import log row with mode :data:`dashboard.demo.generator.DEMO_MODE`; every demo row carries
its ``import_id``, and the log row records the campaign the demo made.
"""

from __future__ import annotations

import duckdb

from dashboard.demo.generator import DEMO_CAMPAIGN, DEMO_MODE, write_failed
from dashboard.store import database

#: What :func:`demo_rows` and :func:`remove_demo` count: the data tables, then the campaigns.
DEMO_PARTS = (*database.DATA_TABLES, "campaigns")

#: Rows of each data table that a demo load brought (``import_id`` of a 'demo' log row) and
#: rows that any other import brought (or no import at all): each table is grouped by its import
#: (a handful of groups, one pass over one column) before the imports are sorted into the two.
_ROWS_SQL = (
    "WITH demo AS (SELECT import_id FROM import_log WHERE mode = ?), by_import AS ("
    + " UNION ALL ".join(
        f"SELECT '{table}' AS part, import_id, count(*) AS n FROM {table} GROUP BY import_id"
        for table in database.DATA_TABLES
    )
    + ") SELECT part, "
    "coalesce(sum(n) FILTER (WHERE import_id IN (SELECT import_id FROM demo)), 0) AS demo_rows, "
    "coalesce(sum(n) FILTER (WHERE import_id IS NULL "
    "OR import_id NOT IN (SELECT import_id FROM demo)), 0) AS other_rows "
    "FROM by_import GROUP BY part"
)

#: The demo's campaigns that its log row records.
_RECORDED_SQL = """
SELECT DISTINCT unnest(CAST(json_extract(mapping, '$.campaigns') AS INTEGER[])) AS campaign_id
FROM import_log
WHERE mode = ? AND mapping IS NOT NULL
"""

#: Campaigns with exactly the demo campaign's settings (for databases loaded before the log
#: recorded the demo's campaigns), when a demo load is in the log.
_LOOKALIKE_SQL = """
SELECT c.campaign_id
FROM campaigns c
WHERE EXISTS (SELECT 1 FROM import_log WHERE mode = $mode)
  AND c.source = 'tier' AND c.name = $name AND c.tier = $tier
  AND c.channel IS NOT DISTINCT FROM $channel AND c.offer IS NOT DISTINCT FROM $offer
  AND c.window_days = $window_days AND c.control_share = $control_share
  AND c.cost_per_contact IS NOT DISTINCT FROM $cost_per_contact
"""

#: Of the lookalike campaigns ``$ids``, those with a member who is a customer of the user's own
#: data (rows that no demo load brought): those are the user's, not the demo's.
_OWN_MEMBERS_SQL = """
WITH demo AS (SELECT import_id FROM import_log WHERE mode = $mode),
members AS (
    SELECT DISTINCT campaign_id, customer_id FROM campaign_members
    WHERE list_contains($ids, campaign_id)
)
SELECT DISTINCT m.campaign_id
FROM members m
WHERE EXISTS (
    SELECT 1 FROM customers c
    WHERE c.customer_id = m.customer_id
      AND (c.import_id IS NULL OR c.import_id NOT IN (SELECT import_id FROM demo))
) OR EXISTS (
    SELECT 1 FROM transactions t
    WHERE t.customer_id = m.customer_id
      AND (t.import_id IS NULL OR t.import_id NOT IN (SELECT import_id FROM demo))
)
"""


def _table_rows(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """(demo rows, other rows) per data table (an empty table has no group: 0 and 0)."""
    found = {
        part: (int(d), int(o)) for part, d, o in conn.execute(_ROWS_SQL, [DEMO_MODE]).fetchall()
    }
    return {table: found.get(table, (0, 0)) for table in database.DATA_TABLES}


def demo_campaigns(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """The ids of the campaigns the demo made (one per demo load at most), oldest first: those
    its log row records, and (for databases loaded before the log recorded them) any campaign
    with exactly the demo campaign's settings none of whose members is a customer of the user's
    own data (so it is found even after the user replaced the tables). The user's data is read
    only when such a lookalike is not already recorded.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    """
    recorded = {int(row[0]) for row in conn.execute(_RECORDED_SQL, [DEMO_MODE]).fetchall()}
    keys = ("name", "tier", "channel", "offer", "window_days", "control_share", "cost_per_contact")
    params = {key: DEMO_CAMPAIGN[key] for key in keys} | {"mode": DEMO_MODE}
    lookalikes = {int(row[0]) for row in conn.execute(_LOOKALIKE_SQL, params).fetchall()}
    unsure = sorted(lookalikes - recorded)
    if unsure:
        own = {
            int(row[0])
            for row in conn.execute(_OWN_MEMBERS_SQL, {"mode": DEMO_MODE, "ids": unsure}).fetchall()
        }
        lookalikes -= own
    found = conn.execute(  # a recorded campaign may since have been deleted
        "SELECT campaign_id FROM campaigns WHERE list_contains(?, campaign_id) ORDER BY 1",
        [sorted(recorded | lookalikes)],
    ).fetchall()
    return [int(row[0]) for row in found]


def demo_rows(conn: duckdb.DuckDBPyConnection, rows: dict | None = None) -> dict[str, int]:
    """What of the demo is still in the database: rows per data table that a demo load brought,
    and ``campaigns``, the campaigns it made.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    rows : dict, optional
        The tables' rows as :func:`_table_rows` counted them, when already read.

    Returns
    -------
    dict
        ``customers``, ``transactions``, ``feedback``, ``interactions`` and ``campaigns`` (all 0
        when no demo data is left).
    """
    counted = rows or _table_rows(conn)
    demo = {table: demo_n for table, (demo_n, _) in counted.items()}
    return demo | {"campaigns": len(demo_campaigns(conn))}


def other_rows(conn: duckdb.DuckDBPyConnection, rows: dict | None = None) -> dict[str, int]:
    """Rows per data table that did not come from a demo load: the user's own data.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    rows : dict, optional
        The tables' rows as :func:`_table_rows` counted them, when already read.
    """
    return {table: other_n for table, (_, other_n) in (rows or _table_rows(conn)).items()}


def demo_status(conn: duckdb.DuckDBPyConnection) -> dict:
    """Whether demo data sit beside the user's own data, and how much of each.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.

    Returns
    -------
    dict
        ``demo`` (as :func:`demo_rows`), ``other`` (as :func:`other_rows`) and ``mixed``: True
        when anything of the demo is left and at least one row came from another import.
    """
    rows = _table_rows(conn)  # one pass over the tables for both halves
    demo_part, other_part = demo_rows(conn, rows), other_rows(conn, rows)
    mixed = any(demo_part.values()) and any(other_part.values())
    return {"demo": demo_part, "other": other_part, "mixed": mixed}


def demo_rows_left(conn: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Each demo load in the import log (by import id) with how many of its rows are left: 0 once
    it was removed (or every table it filled was replaced or cleared).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    """
    left = database.rows_left_by_import(conn)
    loads = conn.execute(
        "SELECT import_id FROM import_log WHERE mode = ? ORDER BY import_id", [DEMO_MODE]
    ).fetchall()
    return {int(import_id): left.get(int(import_id), 0) for (import_id,) in loads}


def remove_demo(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Delete everything a demo load brought, keeping every other import's rows, in one transaction.

    The rows of every demo load (import log mode 'demo') go from the four data tables, and the
    demo's campaigns (:func:`demo_campaigns`) with their members. The import log keeps the demo's
    row as history. When anything was removed the data version is bumped, so every cached result
    refreshes; saved clustering runs stay (the Clusters page marks a run made on older data).

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.

    Returns
    -------
    dict
        What was removed, as :func:`demo_rows`: all 0 (and nothing changed) without demo data.

    Raises
    ------
    StorageError
        The database refused the change; nothing was removed.
    """
    try:
        return _remove(conn)
    except duckdb.Error as e:
        raise write_failed(e) from e


def _remove(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    conn.execute("BEGIN TRANSACTION")
    try:
        removed = {table: demo_n for table, (demo_n, _) in _table_rows(conn).items()}
        campaign_ids = demo_campaigns(conn)
        removed["campaigns"] = len(campaign_ids)
        if any(removed.values()):
            demo = "SELECT import_id FROM import_log WHERE mode = ?"
            for table in database.DATA_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE import_id IN ({demo})", [DEMO_MODE])
            for table in ("campaign_members", "campaigns") if campaign_ids else ():
                conn.execute(
                    f"DELETE FROM {table} WHERE list_contains(?::INTEGER[], campaign_id)",
                    [campaign_ids],
                )
            database.bump_data_version(conn)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return removed
