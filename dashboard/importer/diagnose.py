"""Turn what went wrong while reading a file into a message naming the row, column and value."""

from __future__ import annotations

import csv

import duckdb

from dashboard.errors import ImportFailed, Label
from dashboard.importer import feedback_rules
from dashboard.importer.formats import REJECTS_SCAN, REJECTS_TABLE, Source, long_row_error
from dashboard.importer.plan import MAX_AMOUNT, field_label, parse_bad_value, reason_text
from dashboard.importer.values import quote
from dashboard.store import tables

_FIXES = {
    "number": "correct the value (digits with a point or comma for decimals) or map another column.",
    "timestamp": "correct the date, or choose the date format that the file uses.",
    "empty": "fill in the value, or remove the row.",
    "kind": f"use one of: {feedback_rules.accepted_kind_words()}.",
    "no_kind": "fill in the kind or the score, or remove the row.",
    "no_kind_column": "map a column to the field kind, or fill in the score.",
    "not_finite": "correct the value to a real number, or leave the cell empty.",
    "too_large": f"correct the value (at most ±{MAX_AMOUNT:,.0f} per line), or remove the row.",
}
#: Translation keys of each bad-value reason: (message, fix).
_KEYS = {
    "number": ("import_errors.not_a_number", "import_errors.fix.number"),
    "timestamp": ("import_errors.not_a_date", "import_errors.fix.date"),
    "empty": ("import_errors.required_empty", "import_errors.fix.fill_in"),
    "kind": ("import_errors.unknown_kind", "import_errors.fix.kind"),
    "no_kind": ("import_errors.no_kind", "import_errors.fix.kind_or_score"),
    "no_kind_column": ("import_errors.no_kind_column", "import_errors.fix.map_kind"),
    "not_finite": ("import_errors.not_finite", "import_errors.fix.finite"),
    "too_large": ("import_errors.too_large", "import_errors.fix.too_large"),
}
#: Reasons of a row that lacks a value (its columns are empty, no value to show).
_EMPTY_REASONS = ("empty", "no_kind", "no_kind_column")
_OTHER_KEYS = ("import_errors.bad_value", "import_errors.fix.value")


def _delimiter(mark: str) -> Label:
    """A delimiter as a message names it: ';' in English, «;» or «табуляция» in Russian."""
    if mark == "\t":
        return Label(repr(mark), "import_errors.value.tab")
    return Label(repr(mark), "import_errors.value.delimiter", mark=mark)


def clear_rejects(cur) -> None:
    """Forget rows that earlier reads of CSV files rejected on this cursor."""
    cur.execute(f"DROP TABLE IF EXISTS {REJECTS_TABLE}; DROP TABLE IF EXISTS {REJECTS_SCAN}")


def raise_rejects(cur, source: Source) -> None:
    """Raise ImportFailed for the first malformed row DuckDB's CSV reader set aside, if any."""
    if source.format != "csv":
        return
    if not tables.has_table(cur, REJECTS_TABLE, database="*"):
        return
    rows = cur.execute(
        f"SELECT r.line, r.column_name, r.error_type, r.csv_line, r.error_message, s.file_path "
        f"FROM {REJECTS_TABLE} r JOIN {REJECTS_SCAN} s USING (scan_id, file_id) "
        "QUALIFY row_number() OVER (PARTITION BY s.file_path ORDER BY r.line) = 1"
    ).fetchall()
    if not rows:
        return
    # the first bad row of the first part that has one (of parts of one table)
    order = {str(p.read_path or p.path): n for n, p in enumerate(source.parts)}
    *row, path = min(rows, key=lambda r: (order.get(r[5], 0), r[0]))
    line, column, error_type, csv_line, message = row
    source = source.part_named(path)
    line = int(line) - source.row_offset  # a file without a header row: the copy has one
    if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
        found = _field_count(csv_line, source.delimiter, message)
        raise ImportFailed(
            file=source.file_name,
            row=int(line),
            value=csv_line,
            fix="put fields that contain the delimiter or a line break in double quotes, "
            "or remove the stray delimiter.",
            key="import_errors.wrong_field_count",
            fix_key="import_errors.fix.quote_fields",
            found=found,
            expected=len(source.columns),
            delimiter=_delimiter(source.delimiter),
        )
    if error_type == "INVALID ENCODING":
        raise ImportFailed(
            f"The text is not valid {source.encoding}.",
            file=source.file_name,
            row=int(line),
            column=column,
            fix="save the file as UTF-8 (CSV UTF-8 in Excel) and import it again.",
            key="import_errors.bad_encoding",
            fix_key="import_errors.fix.save_utf8",
            encoding=source.encoding,
        )
    raise ImportFailed(
        f"The row cannot be read: {message}",
        file=source.file_name,
        row=int(line),
        column=column,
        value=csv_line,
        fix="correct that row of the file.",
        key="import_errors.row_unreadable",
        fix_key="import_errors.fix.correct_row",
        error=message,
    )


def _field_count(csv_line: str | None, delimiter: str, message: str) -> int | str:
    """How many fields a malformed row has.

    Counted from the row's text when it is one whole record: DuckDB stops counting at the first
    field too many, so its own figure ("Found: 4") is kept only for a row it could not give whole
    (a quoted field with a line break).
    """
    records = list(csv.reader((csv_line or "").splitlines(), delimiter=delimiter, strict=False))
    if len(records) == 1:
        return len(records[0])
    return message.rsplit("Found:", 1)[-1].strip() if "Found:" in message else "?"


def _first_row(
    cur, source: Source, column: str, value: str | None, also_empty: str = ""
) -> tuple[Source, int] | None:
    """The row (as a spreadsheet counts it: the header is row 1) where ``value`` first occurs
    (``None``: where the column is empty, and the column ``also_empty`` too if given); of parts
    of one table, (part, row) of the first part that has it."""
    for part in source.parts:
        if (row := _first_row(cur, part, column, value, also_empty)) is not None:
            return part, row[1]
    if source.parts:
        return None
    if column not in source.columns:
        return None
    text = f"nullif(trim(CAST({quote(column)} AS VARCHAR)), '')"
    other = (
        f"nullif(trim(CAST({quote(also_empty)} AS VARCHAR)), '')"
        if also_empty in source.columns
        else "NULL"
    )
    # rowid is the row's place in the file only while the insertion order is kept (an import's
    # cursor drops it to save memory, and a file read by several threads then lands shuffled)
    kept = cur.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    try:
        cur.execute("SET SESSION preserve_insertion_order = true")
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE _import_diagnosis AS SELECT {text} AS v, {other} AS w "
            f"FROM {source.relation}"
        )
        condition = "v IS NULL AND w IS NULL" if value is None else "v = ?"
        params = [] if value is None else [value]
        row = cur.execute(
            f"SELECT min(rowid) FROM _import_diagnosis WHERE {condition}", params
        ).fetchone()
        cur.execute("DROP TABLE _import_diagnosis")
    except duckdb.Error:
        return None
    finally:
        cur.execute(f"SET SESSION preserve_insertion_order = {'true' if kept else 'false'}")
    if row is None or row[0] is None:
        return None
    return source, int(row[0]) + (1 if source.format == "parquet" else 2) - source.row_offset


def explain(cur, source: Source | None, error: duckdb.Error) -> ImportFailed:
    """The ImportFailed for a DuckDB error raised while importing ``source``."""
    bad = parse_bad_value(str(error))
    too_long = long_row_error(source) if source and "CSV Error" in str(error) else None
    if too_long is not None:
        return too_long
    if bad is None or source is None:
        first = str(error).strip().splitlines()[0]
        return ImportFailed(
            f"The file cannot be imported: {first}",
            file=source.file_name if source else None,
            fix="check that the file is a table with one header row and that the mapping is right.",
            key="import_errors.cannot_import",
            fix_key="import_errors.fix.check_table_and_mapping",
            error=first,
        )
    target, column, value, reason = bad
    shown = None if reason in _EMPTY_REASONS else value
    # a row without kind or score carries the score's column in the value's place
    found = _first_row(cur, source, column, shown, also_empty=value if reason == "no_kind" else "")
    source, row = found or (source, None)
    what = reason_text(reason)
    if reason == "timestamp":
        what = f"The value is not a date ({target})."
    key, fix_key = _KEYS.get(reason, _OTHER_KEYS)
    return ImportFailed(
        what,
        file=source.file_name,
        row=row,
        column=column,
        value=shown,
        fix=_FIXES.get(reason, "correct the value or map another column."),
        key=key,
        fix_key=fix_key,
        field=field_label(target),
        kinds=", ".join(feedback_rules.KINDS),
        limit=MAX_AMOUNT,
    )
