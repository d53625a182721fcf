"""The writing steps of an import: count the file's rows, insert them, add customers, log."""

from __future__ import annotations

import json
from datetime import date, timedelta

from dashboard.importer.plan import (
    CUSTOMER_ATTRIBUTES,
    NEEDS_CUSTOMER,
    SOURCE_ROW,
    TARGET_COLUMNS,
    Plan,
)
from dashboard.importer.values import quote

PROFILE, STAGE, REPEATS = "_import_profile", "_import_stage", "_import_repeats"
#: Files with up to this many rows leave repeats out while inserting (DISTINCT); larger ones
#: insert every row and then find repeats by row hashes (:func:`repeated_rows`). Measured here:
#: on Online Retail II (0.8 million rows, 26,624 repeats) DISTINCT is faster (0.96-1.20 s against
#: 1.32-1.77 s); on 10 million rows without repeats the hashes are (9.7-11.1 s against 11.4-11.9 s,
#: and 1.0 GB of memory against 1.6 GB).
DISTINCT_ROWS = 2_000_000
GUEST, DUPLICATE, REPEATED = "no customer id", "duplicate row", "repeated customer id"
OUT_OF_RANGE = "date out of range"
#: The date that places a table's rows in time; a row dated outside the plausible range
#: (:func:`dashboard.importer.load.plausible_dates`) is set aside.
EVENT_DATE = {"transactions": "ordered_at", "feedback": "created_at", "interactions": "occurred_at"}


def _names(table: str) -> str:
    return ", ".join(quote(c) for c in TARGET_COLUMNS[table])


def _kept(table: str) -> str:
    return "customer_id IS NOT NULL" if table in NEEDS_CUSTOMER else "TRUE"


def profile(cur, plan: Plan) -> dict[str, int]:
    """Read the file's customer columns for its row count, guest rows and customer attributes.

    Only the customer columns are read, so this pass is cheap (DuckDB reads no other column of a
    Parquet file and parses no other field of a CSV); the values of every other column are checked
    while inserting.
    """
    attributes = [a for a in CUSTOMER_ATTRIBUTES if a in plan.columns]
    picks = "".join(f"any_value({quote(a)}) AS {quote(a)}, " for a in attributes)
    grouped = plan.customers_sql or (
        f"SELECT customer_id, {picks}count(*) AS n FROM ({plan.sql}) GROUP BY customer_id"
    )
    cur.execute(f"CREATE TEMP TABLE {PROFILE} AS {grouped}")
    total, guests = cur.execute(
        f"SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (customer_id IS NULL), 0) "
        f"FROM {PROFILE}"
    ).fetchone()
    guests = guests if plan.table in NEEDS_CUSTOMER else 0
    return {"total": int(total), "guests": int(guests), "kept": int(total - guests)}


def needs_profile(plan: Plan) -> bool:
    """True when rows may be set aside as guests or carry customer attributes."""
    return plan.table in NEEDS_CUSTOMER or any(a in plan.columns for a in CUSTOMER_ATTRIBUTES)


def insert_rows(cur, plan: Plan, import_id: int, distinct: bool = False) -> int:
    """Insert the file's rows that have what they need, exact repeats once when ``distinct``
    (else repeats too: see :func:`repeated_rows`). A repeat is a whole source row again: rows
    alike in the table's fields but not in an unmapped column (:data:`SOURCE_ROW`) all go in."""
    names = _names(plan.table)
    key = f", {SOURCE_ROW}" if distinct and plan.row_key else ""
    rows = f"SELECT {'DISTINCT ' if distinct else ''}{names}{key} FROM ({plan.sql}) "
    row = cur.execute(
        f"INSERT INTO {plan.table} ({names}, import_id) "
        f"SELECT {names}, ? FROM ({rows} WHERE {_kept(plan.table)})",
        [import_id],
    ).fetchone()
    return int(row[0])


def remove_out_of_range(cur, table: str, import_id: int, dates: tuple[date, date]) -> int:
    """Take an import's rows dated outside ``dates`` (first and last day, inclusive) out again;
    how many there were.

    The rows are inserted first and removed here, from the new rows only (the file is not read
    twice, and a file without such rows costs one scan of a date column).
    """
    if table not in EVENT_DATE:
        return 0
    column = quote(EVENT_DATE[table])
    first, last = dates
    row = cur.execute(
        f"DELETE FROM {table} WHERE import_id = ? AND ({column} < ? OR {column} >= ?)",
        [import_id, first, last + timedelta(days=1)],
    ).fetchone()
    return int(row[0])


def repeated_rows(cur, plan: Plan, import_id: int, remove: bool) -> int:
    """How many rows of an import repeat another of its source rows exactly; remove them when
    asked.

    Rows are compared by a hash of all their fields first (one pass over the new rows); only
    rows whose hash occurs twice are compared field by field, so the count is exact. When the
    file has unmapped columns, such a group of alike rows keeps one row per distinct source row
    (:data:`SOURCE_ROW`, read again from the file only when alike rows exist). Removing rows
    makes the commit slower (DuckDB rewrites the transaction's rows), so this is for large files
    (see :data:`DISTINCT_ROWS`).
    """
    table, names = plan.table, _names(plan.table)
    rows = f"SELECT rowid AS row_id, {names}, hash({names}) AS h FROM {table} WHERE import_id = ?"
    total, hashes = cur.execute(
        f"SELECT count(*), count(DISTINCT h) FROM ({rows})", [import_id]
    ).fetchone()
    if total == hashes:
        return 0
    keep, sources = "1", ""
    if plan.row_key:  # as many rows of a group as it has distinct source rows
        keep = "coalesce(k.keep, 1)"
        sources = (
            f", sources AS (SELECT hash({names}) AS h, count(DISTINCT {SOURCE_ROW}) AS keep "
            f"FROM ({plan.sql}) WHERE {_kept(table)} GROUP BY 1 HAVING count(*) > 1) "
        )
    cur.execute(
        f"CREATE TEMP TABLE {REPEATS} AS WITH imported AS ({rows}), "
        "shared AS (SELECT h FROM imported GROUP BY h HAVING count(*) > 1), "
        f"ranked AS (SELECT row_id, h, "
        f"row_number() OVER (PARTITION BY {names} ORDER BY row_id) AS n "
        f"FROM imported WHERE h IN (SELECT h FROM shared)){sources} "
        f"SELECT r.row_id FROM ranked r {'LEFT JOIN sources k USING (h) ' if sources else ''}"
        f"WHERE r.n > {keep}",
        [import_id],
    )
    repeats = int(cur.execute(f"SELECT count(*) FROM {REPEATS}").fetchone()[0])
    if remove:
        cur.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT row_id FROM {REPEATS})")
    cur.execute(f"DROP TABLE {REPEATS}")
    return repeats


def add_customers(cur, plan: Plan, import_id: int, some_set_aside: bool = False) -> int:
    """A customer record for each customer id of a transactions file not known yet, with the
    attributes the file carries (name, e-mail, phone, country), if any.

    Every buyer then has a record: the customer counts of the sidebar and of the pages agree,
    and a later customers file fills the record in. When ``some_set_aside`` (rows dated out of
    range were taken out), only customers with a row kept get one.
    """
    present = [a for a in CUSTOMER_ATTRIBUTES if a in plan.columns]
    targets = "".join(f", {CUSTOMER_ATTRIBUTES[a]}" for a in present)
    picks = "".join(f", {quote(a)}" for a in present)
    kept = (
        " AND EXISTS (SELECT 1 FROM transactions t WHERE t.import_id = ? "
        "AND t.customer_id = p.customer_id)"
        if some_set_aside
        else ""
    )
    row = cur.execute(
        f"INSERT INTO customers (customer_id{targets}, import_id) "
        f"SELECT customer_id{picks}, ? FROM {PROFILE} p WHERE customer_id IS NOT NULL AND NOT "
        f"EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = p.customer_id){kept}",
        [import_id, import_id] if some_set_aside else [import_id],
    ).fetchone()
    return int(row[0])


def merge_customers(cur, plan: Plan, import_id: int, mode: str) -> dict[str, int]:
    """Customers of a customers file: one row per id, filling in what a known row lacks.

    Returns
    -------
    dict
        rows (inserted), updated (ids already known), distinct (different rows in the file).
    """
    columns = TARGET_COLUMNS["customers"][1:]
    fresh = ", ".join(f"any_value({quote(c)}) AS {quote(c)}" for c in columns)
    merged = ", ".join(f"coalesce(n.{quote(c)}, o.{quote(c)}) AS {quote(c)}" for c in columns)
    cur.execute(
        f"CREATE TEMP TABLE {STAGE} AS SELECT DISTINCT * FROM ({plan.sql}) "
        "WHERE customer_id IS NOT NULL"
    )
    cur.execute(
        f"CREATE TEMP TABLE _import_customers AS WITH new AS (SELECT customer_id, {fresh} "
        f"FROM {STAGE} GROUP BY customer_id), "
        f"old AS (SELECT customer_id, {fresh} FROM customers GROUP BY customer_id) "
        f"SELECT n.customer_id, {merged}, o.customer_id IS NOT NULL AS is_known "
        f"FROM new n LEFT JOIN old o USING (customer_id)"
    )
    distinct, updated = cur.execute(
        f"SELECT (SELECT count(*) FROM {STAGE}), count(*) FILTER (is_known) FROM _import_customers"
    ).fetchone()
    if mode == "append":
        cur.execute(
            "DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM _import_customers)"
        )
    names = _names("customers")
    inserted = cur.execute(
        f"INSERT INTO customers ({names}, import_id) SELECT {names}, ? FROM _import_customers",
        [import_id],
    ).fetchone()[0]
    cur.execute(f"DROP TABLE _import_customers; DROP TABLE {STAGE}")
    return {
        "rows": int(inserted),
        "updated": int(updated if mode == "append" else 0),
        "distinct": int(distinct),
    }


def log(cur, result, content_hash: str) -> None:
    """The import's row in import_log."""
    cur.execute(
        "INSERT INTO import_log (import_id, imported_at, file_name, table_name, mode, "
        "rows_imported, rows_set_aside, set_aside_reasons, duplicate_rows, content_hash, mapping, "
        "rows_removed) VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.import_id, result.file_name, result.table, result.mode, result.rows_imported,
            result.rows_set_aside, json.dumps(result.set_aside_reasons, ensure_ascii=False),
            result.duplicate_rows, content_hash, json.dumps(result.mapping, ensure_ascii=False),
            result.rows_removed,
        ],
    )  # fmt: skip
