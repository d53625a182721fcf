"""Import a file into one table: all or nothing, in one transaction, with an import_log row."""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from dashboard import i18n
from dashboard.errors import ImportFailed, Label, StorageError
from dashboard.importer import diagnose, feedback_rules, values, write
from dashboard.importer.fields import FIELDS, headers_key
from dashboard.importer.formats import Source, open_parts, open_source
from dashboard.importer.plan import (
    MAX_AMOUNT,
    Plan,
    build_sql,
    check_mapping,
    decide_formats,
    propose,
    reader_types,
)
from dashboard.importer.progress import Watched
from dashboard.store import database
from dashboard.store.filters import EARLIEST_DATE, latest_plausible

MODES = ("append", "replace")
#: The share of the progress bar of each step of an import (from, to), as their times compare
#: at 100 million lines (bench/bench_import.py: of a CSV file, the customers pass 22% of the
#: time, the insert 60%, the search for repeats 13%; of Parquet files 12%, 66% and 21%); the
#: reading steps advance within theirs as DuckDB reads the file.
STEPS = {"reading": 0.05, "counting": (0.05, 0.25), "lines": (0.25, 0.8), "dates": (0.8, 0.82),
         "repeats": (0.82, 0.97), "customers": (0.97, 0.98), "recording": 0.98,
         "saving": 0.99}  # fmt: skip
#: The setting that changes the plausible dates of every import: ``{"from": "1990-01-01",
#: "to": "2031-12-31"}`` (ISO dates; either may be left out). An import's ``dates`` wins.
DATES_SETTING = "import_dates"
_DEFAULT_DATES = (lambda: EARLIEST_DATE, latest_plausible)


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
    rows_removed: int = 0  # the table's rows a replace deleted first
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


def source_hash(source: Source) -> str:
    """The content hash of a file, or of parts of one table: SHA-256 of the parts' hashes in
    their order (the same parts again are the same content)."""
    if not source.parts:
        return file_hash(source.path)
    joined = "\n".join(file_hash(part.path) for part in source.parts)
    return hashlib.sha256(f"parts:{joined}".encode()).hexdigest()


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
    # NaN, infinity and absurd scores are left to the checked SELECT, which names their row
    low, high = cur.execute(
        f"SELECT min(v), max(v) FROM (SELECT {number} AS v FROM (SELECT "
        f"{values.raw_sql(column, duck_type)} AS r FROM {source.relation})) "
        f"WHERE isfinite(v) AND abs(v) <= {MAX_AMOUNT:.0f}"
    ).fetchone()
    plan.scale = feedback_rules.detect_scale(column, low, high)
    if plan.scale is None and low is not None:
        raise ImportFailed(
            f"Scores run from {low:g} to {high:g}: neither 1-5 ratings nor 0-10 NPS scores.",
            file=source.file_name,
            column=column,
            fix="import ratings on a 1-5 scale or NPS answers on 0-10.",
            key="import_errors.unknown_scale",
            fix_key="import_errors.fix.score_scale",
            low=low,
            high=high,
        )


def plausible_dates(cur, dates: tuple | None = None) -> tuple[date, date]:
    """The first and last day an import's rows may be dated: ``dates`` (first, last; either may
    be None), else the :data:`DATES_SETTING` setting, else 1990-01-01 to a year after today.

    Raises
    ------
    ImportFailed
        When the setting is not a date or the range runs backwards.
    """
    saved = database.get_setting(cur, DATES_SETTING, None) or {}
    bounds = []
    pairs = zip(dates or (None, None), ("from", "to"), _DEFAULT_DATES, strict=True)
    for given, name, default in pairs:
        value = given or saved.get(name) or default()
        try:
            bounds.append(value if isinstance(value, date) else date.fromisoformat(value))
        except (TypeError, ValueError):
            bounds.append(value)
    first, last = bounds
    if not all(isinstance(b, date) for b in bounds) or first > last:
        raise ImportFailed(
            f"The plausible dates of rows, {first} to {last}, are no range of days.",
            fix="give the first and last plausible day as YYYY-MM-DD, the first before the last.",
            key="import_errors.bad_date_range",
            fix_key="import_errors.fix.date_range",
            first=str(first),
            last=str(last),
        )
    return first, last


def _write(cur: Watched, plan: Plan, result: ImportResult, keep_duplicates: bool) -> None:
    """Count, insert and account for every row of the file (inside the caller's transaction),
    each long step advancing the progress bar (:class:`~dashboard.importer.progress.Watched`)."""
    if result.mode == "replace":
        result.rows_removed = int(cur.execute(f"DELETE FROM {plan.table}").fetchone()[0])
        if plan.table == "transactions":
            # the customer records an earlier transactions file brought (its countries, names)
            # go with its rows; those of customers files and of the demo stay
            cur.execute(
                "DELETE FROM customers WHERE import_id IN "
                "(SELECT import_id FROM import_log WHERE table_name = 'transactions')"
            )
    result.import_id = database.next_import_id(cur)
    counts = None
    if write.needs_profile(plan):
        cur.step(*STEPS["counting"], "counting", file=result.file_name)
        counts = write.profile(cur, plan)
    out_of_range = 0
    if plan.table == "customers":
        _require_rows(counts["total"], result)
        merged = write.merge_customers(cur, plan, result.import_id, result.mode)
        result.rows_imported, result.customers_updated = merged["rows"], merged["updated"]
        result.duplicate_rows = counts["kept"] - merged["distinct"]
        repeated = merged["distinct"] - result.rows_imported
    else:
        small = counts is not None and counts["kept"] <= write.DISTINCT_ROWS
        distinct = small and not keep_duplicates
        if counts is None:
            cur.step(*STEPS["lines"], "lines")
        else:
            cur.step(*STEPS["lines"], "lines_of", total=counts["total"])
        inserted = write.insert_rows(cur, plan, result.import_id, distinct=distinct)
        counts = counts or {"total": inserted, "guests": 0}
        _require_rows(counts["total"], result)
        cur.step(*STEPS["dates"], "dates")
        out_of_range = write.remove_out_of_range(cur, plan.table, result.import_id, plan.dates)
        if distinct:  # the repeats were never inserted
            result.duplicate_rows, left_out = counts["kept"] - inserted, 0
        else:
            cur.step(*STEPS["repeats"], "repeats")
            result.duplicate_rows = write.repeated_rows(
                cur, plan, result.import_id, remove=not keep_duplicates
            )
            left_out = 0 if keep_duplicates else result.duplicate_rows
        result.rows_imported, repeated = inserted - left_out - out_of_range, 0
    removed = 0 if keep_duplicates else result.duplicate_rows
    if plan.table == "transactions":
        cur.step(*STEPS["customers"], "customers")
        result.customers_added = write.add_customers(
            cur, plan, result.import_id, some_set_aside=out_of_range > 0
        )
    reasons = {write.GUEST: counts["guests"], write.REPEATED: repeated, write.DUPLICATE: removed,
               write.OUT_OF_RANGE: out_of_range}  # fmt: skip
    result.set_aside_reasons = {k: v for k, v in reasons.items() if v}
    result.rows_set_aside = sum(result.set_aside_reasons.values())


def _require_rows(total: int, result: ImportResult) -> None:
    if total == 0:
        raise ImportFailed(
            "The file has a header but no data rows.",
            file=result.file_name,
            fix="export the data again with its rows, or choose another file.",
            key="import_errors.no_rows",
            fix_key="import_errors.fix.export_with_rows",
        )


def _resolve_mapping(cur, source: Source, table: str, mapping: dict | None) -> dict:
    if mapping is not None:
        return dict(mapping)
    # generated names ("column 1"...) say nothing of the file: its values decide, not a mapping
    # remembered for another file without a header row
    remembered = None if source.generated_header else remembered_mapping(cur, source.columns, table)
    return remembered[1] if remembered else propose(cur, source, table)


def _prepare(cur, source: Source, table: str, mapping: dict | None, date_format, dates) -> Plan:
    plan = Plan(
        table=table,
        mapping=check_mapping(source, table, _resolve_mapping(cur, source, table, mapping)),
        dates=dates,
    )
    decide_formats(cur, source, plan, date_format)
    _detect_scale(cur, source, plan)
    source.read_typed(reader_types(cur, source, plan))
    build_sql(source, plan)
    return plan


def _run(
    cur,
    source: Source,
    plan: Plan,
    result: ImportResult,
    *,
    content_hash: str,
    keep_duplicates: bool,
    save_mapping: bool,
    progress: Callable,
) -> None:
    cur.execute("SET SESSION preserve_insertion_order = false")  # this cursor only: less memory
    # DuckDB's estimate of a running query (query_progress), never printed
    cur.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    cur.execute("BEGIN TRANSACTION")
    watched = Watched(cur, progress)
    try:
        diagnose.clear_rejects(cur)
        progress(STEPS["reading"], "reading", file=source.file_name)
        _write(watched, plan, result, keep_duplicates)
        diagnose.raise_rejects(cur, source)
        progress(STEPS["recording"], "recording", file=source.file_name)
        if save_mapping:
            _save_mapping(cur, source.columns, plan.table, plan.mapping)
        write.log(cur, result, content_hash)
        database.bump_data_version(cur)
        cur.execute(f"DROP TABLE IF EXISTS {write.PROFILE}")
        progress(STEPS["saving"], "saving", rows=result.rows_imported)
        cur.execute("COMMIT")
    except BaseException:
        # a COMMIT that failed (a full disk) has ended the transaction: the first error counts
        with contextlib.suppress(duckdb.Error):
            cur.execute("ROLLBACK")
        raise
    finally:
        watched.close()


def import_file(
    conn: duckdb.DuckDBPyConnection,
    path,
    table: str,
    mapping: dict | None = None,
    mode: str = "append",
    date_format: str | None = None,
    file_name: str | None = None,
    keep_duplicates: bool = False,
    progress: Callable[[float, str], None] | None = None,
    lang: str = "en",
    dates: tuple[date | None, date | None] | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Import a CSV/TSV, Excel or Parquet file into ``table``, all or nothing.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (the import runs on a cursor of its own).
    path : str or Path, or a list of them
        The file; or the parts of one table (files with the same columns, each a path or a
        (path, name shown) pair), read by one query and imported as one, all or nothing.
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
        The name to show and log (an upload's original name); defaults to the path's name (of
        parts, the first's and how many more: "part-1.csv (+2)").
    keep_duplicates : bool
        Keep rows that repeat another row exactly (they are set aside by default).
    progress : callable, optional
        ``progress(fraction, message)`` called as the import advances, on the calling thread:
        at each step, and while DuckDB reads a large file every half second (the fraction never
        goes back, and ends at 1.0).
    lang : str
        The language of the progress messages ('en' or 'ru'); an ImportFailed reads in English
        (``str(e)``) and in the page's language with ``e.localized(lang)``.
    dates : tuple, optional
        The first and last day a row may plausibly be dated (either None for the default):
        rows dated outside are set aside and counted ("date out of range"). By default the
        :data:`DATES_SETTING` setting, else 1990-01-01 to a year after today.
    sheet : str, optional
        Of a workbook, the sheet to import; by default the first that has any cells (the
        preview's ``sheet``).

    Returns
    -------
    ImportResult

    Raises
    ------
    ImportFailed
        With the file, row, column, value and what to do; the database is unchanged.
    """
    parts = _parts(path)
    path = parts[0][0] if parts else Path(path)
    file_name = file_name or (_parts_name(parts) if parts else path.name)
    say = _Progress(progress or (lambda fraction, message: None), lang)

    if mode not in MODES:
        raise ImportFailed(
            f"Unknown mode {mode!r}.",
            file=file_name,
            fix="use append or replace.",
            key="import_errors.unknown_mode",
            fix_key="import_errors.fix.mode",
            mode=mode,
        )
    if table not in FIELDS:
        raise ImportFailed(
            f"Unknown table {table!r}.",
            file=file_name,
            fix=f"choose one of {', '.join(FIELDS)}.",
            key="import_errors.unknown_table",
            fix_key="import_errors.fix.choose_table",
            table=table,
            tables=[Label(t, f"common.table.{t}") for t in FIELDS],
        )
    database.check_intact(conn)  # a damaged database is refused, never written into
    say(0.0, "checking", file=file_name)
    cur = conn.cursor()
    source = None
    try:
        plausible = plausible_dates(cur, dates)
        if parts:
            source = open_parts(cur, parts, file_name)
        else:
            source = open_source(cur, path, file_name, sheet)
        return _import(
            cur, source, table, mapping, mode, (date_format, plausible), keep_duplicates, say
        )
    except duckdb.Error as e:
        raise _not_written(conn, path, e) or diagnose.explain(cur, source, e) from e
    finally:
        if source is not None:
            source.close(cur)
        cur.close()


class _Progress:
    """The import's progress as its caller sees it: ``report(fraction, message)`` with the
    message in the caller's language, the fraction never going back; a second reading of the
    file (:meth:`read_again`) advances through what is left of the bar."""

    def __init__(self, report: Callable[[float, str], None], lang: str) -> None:
        self._report, self._lang = report, lang
        self._base = self._reached = 0.0

    def __call__(self, fraction: float, key: str, share: float | None = None, **values) -> None:
        fraction = max(self._base + (1 - self._base) * fraction, self._reached)
        self._reached = fraction
        if share is not None:
            values["percent"] = i18n.format_percent(share, self._lang, decimals=0)
            if "total" in values:
                values["done"] = round(share * values["total"])
        shown = {
            k: i18n.format_number(v, self._lang) if isinstance(v, int) else v
            for k, v in values.items()
        }
        self._report(fraction, i18n.t(f"importer.progress.{key}", self._lang, **shown))

    def read_again(self) -> None:
        """The file is read once more (as text): its steps fill the rest of the bar."""
        self._base = self._reached


def _parts(path) -> list[tuple[Path, str]]:
    """(path, name) of each part when ``path`` is a list of files of one table, else []."""
    if isinstance(path, (str, Path)):
        return []
    items = [(Path(p[0]), p[1]) if isinstance(p, tuple) else (Path(p), Path(p).name) for p in path]
    if not items:
        raise ImportFailed(
            fix="give files ending in .csv, .tsv, .txt, .parquet or .xlsx.",
            key="import_errors.no_files",
            fix_key="import_errors.fix.no_files",
            suffixes=".csv, .tsv, .txt, .parquet, .xlsx",
        )
    return items


def _parts_name(parts: list[tuple[Path, str]]) -> str:
    """The name of parts of one table: the file's, of one; else the first's and how many."""
    if len(parts) == 1:
        return parts[0][1]
    return f"{parts[0][1]} (+{len(parts) - 1})"


#: What DuckDB says when it cannot write the database (a full disk, a file or folder it may not
#: write), as the operating system words it.
_WRITE_FAILURES = ("No space left", "File too large", "Permission denied", "Read-only file system",
                   "Disk quota exceeded", "Could not write")  # fmt: skip


def _not_written(conn, path: Path, error: duckdb.Error) -> StorageError | None:
    """The StorageError for a write of the database that failed (None for other errors, such as
    a file that cannot be read); the import's transaction has rolled back."""
    text = str(error)
    database_path = database.database_file(conn)
    if database_path is None or not any(sign in text for sign in _WRITE_FAILURES):
        return None
    if str(path) in text and str(database_path) not in text:
        return None  # the imported file, not the database
    return database.not_written(database_path, text.strip().splitlines()[0])


def _import(cur, source, table, mapping, mode, dates_read, keep_duplicates, progress):
    # The file's hash (half a second for 600 MB) is taken while DuckDB samples the file.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        hashing = pool.submit(source_hash, source)
        plan = _prepare(cur, source, table, mapping, *dates_read)
        content_hash = hashing.result()

    def new_result() -> ImportResult:
        return ImportResult(None, table, source.file_name, mode, mapping=plan.mapping,
                            date_formats=plan.date_formats, decimal_comma=plan.decimal_comma,
                            scale=plan.scale)  # fmt: skip

    result = new_result()
    earlier = _already_imported(cur, content_hash, table) if mode == "append" else None
    if earlier is not None:
        result.import_id, result.already_imported = earlier, True
        progress(1.0, "already", file=source.file_name)
        return result
    run = functools.partial(_run, cur, source, plan, content_hash=content_hash,
                            keep_duplicates=keep_duplicates,
                            save_mapping=mapping is not None and not source.generated_header,
                            progress=progress)  # fmt: skip
    try:
        run(result)
    except (ImportFailed, duckdb.Error):
        if not source.typed:
            raise
        # A value the CSV reader could not parse (or another fault): read every field as text
        # again, which finds the row and says what is wrong with it.
        source.read_typed({})
        build_sql(source, plan)
        result = new_result()
        progress.read_again()
        run(result)
    progress(1.0, "done", rows=result.rows_imported, table=table)
    return result
