"""Import a file into one table: all or nothing, in one transaction, with an import_log row."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from dashboard import storage
from dashboard.errors import ImportFailed
from dashboard.importer import diagnose, feedback_rules, values
from dashboard.importer.fields import FIELDS, headers_key, propose_mapping
from dashboard.importer.formats import Source, open_source
from dashboard.importer.plan import (
    CUSTOMER_ATTRIBUTES, NEEDS_CUSTOMER, TARGET_COLUMNS, Plan, build_sql, check_mapping,
    decide_formats,
)
from dashboard.importer.values import quote

MODES = ("append", "replace")
STAGE = "_import_stage"
GUEST, DUPLICATE, REPEATED = "no customer id", "duplicate row", "repeated customer id"


@dataclass
class ImportResult:
    """What an import did: rows imported, rows set aside and why, and how the file was read."""

    import_id: int | None
    table: str
    file_name: str
    mode: str
    rows_imported: int = 0
    rows_set_aside: int = 0
    set_aside_reasons: dict[str, int] = field(default_factory=dict)
    duplicate_rows: int = 0
    already_imported: bool = False
    mapping: dict[str, str] = field(default_factory=dict)
    customers_added: int = 0
    customers_updated: int = 0
    date_formats: dict[str, str | None] = field(default_factory=dict)
    decimal_comma: bool = False
    scale: str | None = None

    def as_dict(self) -> dict:
        """The result as plain JSON-serialisable values."""
        return asdict(self)


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes, read in large blocks."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def remembered_mapping(cur, columns: list[str], table: str | None) -> tuple[str, dict] | None:
    """The (table, mapping) last saved for a file with these headers, if any."""
    sql = "SELECT table_name, mapping FROM column_mappings WHERE headers_key = ?"
    params: list = [headers_key(columns)]
    if table:
        sql += " AND table_name = ?"
        params.append(table)
    row = cur.execute(sql + " ORDER BY saved_at DESC LIMIT 1", params).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def _save_mapping(cur, columns: list[str], table: str, mapping: dict) -> None:
    cur.execute(
        "INSERT OR REPLACE INTO column_mappings VALUES (?, ?, ?, now())",
        [headers_key(columns), table, json.dumps(mapping, ensure_ascii=False)],
    )


def _already_imported(cur, content_hash: str, table: str) -> int | None:
    row = cur.execute(
        "SELECT import_id FROM import_log WHERE content_hash = ? AND table_name = ? "
        "AND rows_imported > 0 ORDER BY import_id DESC LIMIT 1",
        [content_hash, table],
    ).fetchone()
    if row is None:
        return None
    still_there = cur.execute(f"SELECT 1 FROM {table} WHERE import_id = ? LIMIT 1", [row[0]])
    return int(row[0]) if still_there.fetchone() else None


def _detect_scale(cur, source: Source, plan: Plan) -> None:
    column = next((c for c, f in plan.mapping.items() if f == "score"), None)
    if plan.table != "feedback" or column is None:
        return
    duck_type = source.types[column]
    number = values.number_sql("r", duck_type, plan.decimal_comma)
    low, high = cur.execute(
        f"SELECT min({number}), max({number}) FROM (SELECT {values.raw_sql(column, duck_type)} "
        f"AS r FROM {source.relation})"
    ).fetchone()
    plan.scale = feedback_rules.detect_scale(column, low, high)
    if plan.scale is None and low is not None:
        raise ImportFailed(
            f"Scores run from {low:g} to {high:g}: neither 1-5 ratings nor 0-10 NPS scores.",
            file=source.file_name, column=column,
            fix="import ratings on a 1-5 scale or NPS answers on 0-10.",
        )


def _counts(cur, table: str) -> dict[str, int]:
    guest = "customer_id IS NULL" if table in NEEDS_CUSTOMER else "FALSE"
    total, guests, duplicates, kept_rows, customers = cur.execute(
        f"SELECT coalesce(sum(_n), 0), coalesce(sum(_n) FILTER ({guest}), 0), "
        f"coalesce(sum(_n - 1) FILTER (NOT {guest}), 0), count(*) FILTER (NOT {guest}), "
        f"count(DISTINCT customer_id) FROM {STAGE}"
    ).fetchone()
    return {"total": int(total), "guests": int(guests), "duplicates": int(duplicates),
            "kept_rows": int(kept_rows), "customers": int(customers)}


def _insert_rows(cur, plan: Plan, import_id: int, keep_duplicates: bool) -> int:
    columns = TARGET_COLUMNS[plan.table]
    names = ", ".join(quote(c) for c in columns)
    where = "WHERE customer_id IS NOT NULL" if plan.table in NEEDS_CUSTOMER else ""
    source = STAGE
    if keep_duplicates:
        source = f"(SELECT *, unnest(range(_n)) AS _copy FROM {STAGE})"
    row = cur.execute(
        f"INSERT INTO {plan.table} ({names}, import_id) SELECT {names}, ? FROM {source} {where}",
        [import_id],
    ).fetchone()
    return int(row[0])


def _merge_customers(cur, import_id: int, mode: str) -> tuple[int, int]:
    """Customers of a customers file: one row per id, filling in what a row already known lacks."""
    columns = TARGET_COLUMNS["customers"][1:]
    fresh = ", ".join(f"any_value({quote(c)}) AS {quote(c)}" for c in columns)
    merged = ", ".join(f"coalesce(n.{quote(c)}, o.{quote(c)}) AS {quote(c)}" for c in columns)
    old = ", ".join(f"any_value({quote(c)}) AS {quote(c)}" for c in columns)
    cur.execute(
        f"CREATE TEMP TABLE _import_customers AS WITH new AS (SELECT customer_id, {fresh} "
        f"FROM {STAGE} WHERE customer_id IS NOT NULL GROUP BY customer_id), "
        f"old AS (SELECT customer_id, {old} FROM customers GROUP BY customer_id) "
        f"SELECT n.customer_id, {merged}, o.customer_id IS NOT NULL AS is_known "
        f"FROM new n LEFT JOIN old o USING (customer_id)"
    )
    updated = cur.execute("SELECT count(*) FILTER (is_known) FROM _import_customers").fetchone()[0]
    if mode == "append":
        cur.execute("DELETE FROM customers WHERE customer_id IN "
                    "(SELECT customer_id FROM _import_customers)")
    names = ", ".join(quote(c) for c in TARGET_COLUMNS["customers"])
    inserted = cur.execute(f"INSERT INTO customers ({names}, import_id) SELECT {names}, ? "
                           "FROM _import_customers", [import_id]).fetchone()[0]
    cur.execute("DROP TABLE _import_customers")
    return int(inserted), int(updated if mode == "append" else 0)


def _add_customers(cur, plan: Plan, import_id: int) -> int:
    """New customers named by a transactions file that carries customer attributes."""
    present = [a for a in CUSTOMER_ATTRIBUTES if a in plan.mapping.values()]
    if not present:
        return 0
    targets = ", ".join(CUSTOMER_ATTRIBUTES[a] for a in present)
    picks = ", ".join(f"any_value({a})" for a in present)
    row = cur.execute(
        f"INSERT INTO customers (customer_id, {targets}, import_id) "
        f"SELECT customer_id, {picks}, ? FROM {STAGE} s WHERE customer_id IS NOT NULL AND NOT "
        f"EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = s.customer_id) "
        f"GROUP BY customer_id",
        [import_id],
    ).fetchone()
    return int(row[0])


def _log(cur, result: ImportResult, content_hash: str) -> None:
    cur.execute(
        "INSERT INTO import_log VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [result.import_id, result.file_name, result.table, result.mode, result.rows_imported,
         result.rows_set_aside, json.dumps(result.set_aside_reasons, ensure_ascii=False),
         result.duplicate_rows, content_hash, json.dumps(result.mapping, ensure_ascii=False)],
    )


def _fill(cur, plan: Plan, result: ImportResult, mode: str, keep_duplicates: bool) -> None:
    counts = _counts(cur, plan.table)
    if counts["total"] == 0:
        raise ImportFailed("The file has a header but no data rows.", file=result.file_name,
                           fix="export the data again with its rows, or choose another file.")
    if mode == "replace":
        cur.execute(f"DELETE FROM {plan.table}")
    result.import_id = storage.next_import_id(cur)
    if plan.table == "customers":
        result.rows_imported, result.customers_updated = _merge_customers(
            cur, result.import_id, mode)
    else:
        result.rows_imported = _insert_rows(cur, plan, result.import_id, keep_duplicates)
    if plan.table == "transactions":
        result.customers_added = _add_customers(cur, plan, result.import_id)
    reasons = {GUEST: counts["guests"], DUPLICATE: 0 if keep_duplicates else counts["duplicates"]}
    if plan.table == "customers":
        reasons[REPEATED] = counts["kept_rows"] - result.rows_imported
    result.set_aside_reasons = {k: v for k, v in reasons.items() if v}
    result.rows_set_aside = sum(result.set_aside_reasons.values())
    result.duplicate_rows = counts["duplicates"]


def _resolve_mapping(cur, source: Source, table: str, mapping: dict | None) -> dict:
    if mapping is not None:
        return dict(mapping)
    remembered = remembered_mapping(cur, source.columns, table)
    return remembered[1] if remembered else propose_mapping(source.columns, table)


def _prepare(cur, source: Source, table: str, mapping: dict | None, date_format) -> Plan:
    plan = Plan(table=table, mapping=check_mapping(source, table,
                                                   _resolve_mapping(cur, source, table, mapping)))
    decide_formats(cur, source, plan, date_format)
    _detect_scale(cur, source, plan)
    build_sql(source, plan)
    return plan


def _run(cur, source: Source, plan: Plan, result: ImportResult, *, content_hash: str,
         keep_duplicates: bool, save_mapping: bool, progress: Callable) -> None:
    cur.execute("BEGIN TRANSACTION")
    try:
        diagnose.clear_rejects(cur)
        progress(0.2, f"Reading {source.file_name}")
        cur.execute(f"CREATE TEMP TABLE {STAGE} AS SELECT *, count(*) AS _n "
                    f"FROM ({plan.sql}) GROUP BY ALL")
        diagnose.raise_rejects(cur, source)
        progress(0.7, f"Writing {plan.table}")
        _fill(cur, plan, result, result.mode, keep_duplicates)
        if save_mapping:
            _save_mapping(cur, source.columns, plan.table, plan.mapping)
        _log(cur, result, content_hash)
        storage.bump_data_version(cur)
        cur.execute(f"DROP TABLE {STAGE}")
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise


def import_file(
    conn: duckdb.DuckDBPyConnection, path, table: str, mapping: dict | None = None,
    mode: str = "append", date_format: str | None = None, file_name: str | None = None,
    keep_duplicates: bool = False, progress: Callable[[float, str], None] | None = None,
) -> ImportResult:
    """Import a CSV/TSV, Excel or Parquet file into ``table``, all or nothing.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (the import runs on a cursor of its own).
    path : str or Path
        The file.
    table : str
        'transactions', 'customers', 'feedback' or 'interactions'.
    mapping : dict, optional
        {file column: field}; None uses the remembered mapping for these headers, else the
        proposed one. A given mapping is remembered for the next file with the same headers.
    mode : str
        'append' (the same content twice adds nothing) or 'replace' (the table's rows go first).
    date_format : str, optional
        e.g. '%d/%m/%Y' or 'DD/MM/YYYY', needed only when day and month cannot be told apart.
    file_name : str, optional
        The name to show and log (an upload's original name); defaults to the path's name.
    keep_duplicates : bool
        Keep rows that repeat another row exactly (they are set aside by default).
    progress : callable, optional
        ``progress(fraction, message)`` called as the import advances.

    Returns
    -------
    ImportResult

    Raises
    ------
    ImportFailed
        With the file, row, column, value and what to do; the database is unchanged.
    """
    path = Path(path)
    file_name = file_name or path.name
    progress = progress or (lambda fraction, message: None)
    if mode not in MODES:
        raise ImportFailed(f"Unknown mode {mode!r}.", file=file_name, fix="use append or replace.")
    if table not in FIELDS:
        raise ImportFailed(f"Unknown table {table!r}.", file=file_name,
                           fix=f"choose one of {', '.join(FIELDS)}.")
    progress(0.0, f"Checking {file_name}")
    content_hash = file_hash(path)
    cur = conn.cursor()
    source = open_source(cur, path, file_name)
    try:
        plan = _prepare(cur, source, table, mapping, date_format)
        result = ImportResult(None, table, file_name, mode, mapping=plan.mapping,
                              date_formats=plan.date_formats, decimal_comma=plan.decimal_comma,
                              scale=plan.scale)
        earlier = _already_imported(cur, content_hash, table) if mode == "append" else None
        if earlier is not None:
            result.import_id, result.already_imported = earlier, True
            progress(1.0, f"{file_name} was imported before: nothing added")
            return result
        try:
            _run(cur, source, plan, result, content_hash=content_hash,
                 keep_duplicates=keep_duplicates, save_mapping=mapping is not None,
                 progress=progress)
        except duckdb.Error as e:
            raise diagnose.explain(cur, source, e) from e
        progress(1.0, f"Imported {result.rows_imported} rows into {table}")
        return result
    finally:
        source.close(cur)
        cur.close()
