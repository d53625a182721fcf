"""Recognise a file (CSV/TSV, Parquet, Excel), its encoding and delimiter, and open it in DuckDB."""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.errors import ImportFailed
from dashboard.importer import aligned

SNIFF_BYTES = 1 << 20
TRANSCODE_CHUNK = 8 << 20
DELIMITERS = [",", ";", "\t", "|"]
REJECTS_TABLE, REJECTS_SCAN = "_import_rejects", "_import_reject_scans"

_SPREADSHEET_MAGIC = {b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls"}
_COMPRESSED_MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz",
                     b"7z\xbc\xaf\x27\x1c": "7-Zip", b"Rar!": "RAR"}  # fmt: skip
#: DuckDB's CSV reader refuses a longer line (its ``max_line_size``).
MAX_LINE_BYTES = 2_097_152
#: Lines looked at for a header below a title block.
TITLE_LINES = 30
_CYRILLIC_BYTES = set(range(0xC0, 0x100)) | {0xA8, 0xB8}
#: Bytes above 0x7F that are letters in Windows-1251 (or its neighbours); the others (no-break
#: space in "5 175,87", «», №, dashes) appear as often in Russian as in Western files and say
#: nothing about the encoding.
_LETTER_BYTES = {b for b in range(0x80, 0x100) if bytes([b]).decode("cp1251", "ignore").isalpha()}


@dataclass
class Source:
    """An opened file: where it came from, how it is read, and the SQL that reads it."""

    path: Path
    file_name: str
    format: str
    relation: str = ""
    encoding: str | None = None
    delimiter: str | None = None
    columns: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    frame_name: str | None = None
    temp_files: list[Path] = field(default_factory=list)
    read_path: Path | None = None
    duck_encoding: str = "utf-8"
    sample_table: str | None = None
    sheets: list[str] = field(default_factory=list)
    #: The sheet read, of a workbook (the one asked for, else the first with any cells).
    sheet: str | None = None
    #: The header as the file writes it: DuckDB renames a name repeated in another case
    #: ("date" beside "Date" becomes "date_1"), :func:`renamed_columns` says which.
    header: list[str] = field(default_factory=list)
    #: Text in whitespace-aligned columns (:mod:`dashboard.importer.aligned`), read from a
    #: tab-separated copy; ``generated_header`` when the file has no header row (columns
    #: "column 1", "column 2"...), and then ``row_offset`` is 1: the copy's row 2 is the file's 1.
    aligned: bool = False
    generated_header: bool = False
    row_offset: int = 0
    #: The files read as this one table (parts of one export, :func:`open_parts`), each opened
    #: on its own; empty for a single file.
    parts: list[Source] = field(default_factory=list)

    def read_typed(self, typed: dict[str, str]) -> None:
        """Let DuckDB's CSV reader parse these columns itself (``{column: type}``).

        Parsing in the reader is the fastest way through a large file; a value that does not
        parse lands in the rejects table (see :mod:`dashboard.importer.diagnose`).
        """
        if self.format != "csv":
            return
        self.types = {c: typed.get(c, "VARCHAR") for c in self.columns}
        if self.parts:
            for part in self.parts:
                part.read_typed(typed)
            self.relation = _union(self.parts)
            return
        self.relation = csv_relation(self.read_path, self.delimiter, self.duck_encoding, self.types)

    def part_named(self, read_path: str) -> Source:
        """The part read from ``read_path`` (a rejected row's file), else this source."""
        return next((p for p in self.parts if str(p.read_path or p.path) == read_path), self)

    @property
    def typed(self) -> bool:
        """True when the reader parses some columns itself (see :meth:`read_typed`)."""
        return self.format == "csv" and any(t != "VARCHAR" for t in self.types.values())

    def close(self, conn: duckdb.DuckDBPyConnection | None = None) -> None:
        """Remove temporary files, the sample table and the registered frame."""
        for part in self.parts:
            part.close(conn)
        for temp in self.temp_files:
            temp.unlink(missing_ok=True)
        if conn is None:
            return
        with contextlib.suppress(duckdb.Error):
            if self.sample_table:
                conn.execute(f"DROP TABLE IF EXISTS {self.sample_table}")
            if self.frame_name:
                conn.unregister(self.frame_name)


def _fail(source_name: str, message: str, fix: str, *, key: str, fix_key: str, **values):
    return ImportFailed(message, file=source_name, fix=fix, key=key, fix_key=fix_key, **values)


def detect_format(path: Path, file_name: str) -> str:
    """'csv', 'parquet', 'xlsx' or 'xls' from the file's first bytes (not its name)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError as e:
        raise _fail(
            file_name,
            f"The file cannot be opened ({e.strerror}).",
            "check the path.",
            key="import_errors.cannot_open",
            fix_key="import_errors.fix.check_path",
            error=e.strerror,
        ) from e
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _fail(
            file_name,
            "The file is empty.",
            "choose a file with a header row and data rows.",
            key="import_errors.empty_file",
            fix_key="import_errors.fix.choose_file_with_rows",
        )
    if head.startswith(b"PAR1"):
        return "parquet"
    for magic, kind in _SPREADSHEET_MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"
    _refuse_text_lookalikes(head, file_name)
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2:
        raise _fail(
            file_name,
            "This is a binary file, not a table.",
            "export the data as CSV, Excel (.xlsx) or Parquet and import that file.",
            key="import_errors.binary_file",
            fix_key="import_errors.fix.export_table",
        )
    return "csv"


def _refuse_text_lookalikes(head: bytes, file_name: str) -> None:
    """A clear message for a compressed file, UTF-16 text without a byte-order mark, and text
    with a stray NUL character (each would otherwise be "a binary file")."""
    for magic, kind in _COMPRESSED_MAGIC.items():
        if head.startswith(magic):
            raise ImportFailed(
                f"The file is a {kind} archive, not a table.",
                file=file_name,
                fix="unpack it and import the file inside.",
                key="import_errors.compressed",
                fix_key="import_errors.fix.unpack",
                kind=kind,
            )
    pairs = head[: len(head) // 2 * 2]
    for zeros, text in ((pairs[1::2], pairs[0::2]), (pairs[0::2], pairs[1::2])):
        if (
            len(text) >= 4
            and not zeros.strip(b"\x00")
            and all(32 <= b < 127 or b in b"\t\r\n" for b in text)
        ):
            raise ImportFailed(
                "The text is UTF-16 without a byte-order mark.",
                file=file_name,
                fix="save the file as UTF-8 (CSV UTF-8 in Excel) and import it again.",
                key="import_errors.utf16_without_bom",
                fix_key="import_errors.fix.save_utf8",
            )
    nul = head.find(b"\x00")
    others = sum(b < 9 or 13 < b < 32 for b in head) - head.count(b"\x00")
    if nul >= 0 and others == 0 and head.count(b"\x00") <= 8 and b"\n" in head:
        raise ImportFailed(
            "The text holds a NUL character (byte 0), which no table has.",
            file=file_name,
            row=head.count(b"\n", 0, nul) + 1,
            fix="remove it (often the trace of an export that broke off), or export the file "
            "again as CSV UTF-8.",
            key="import_errors.nul_character",
            fix_key="import_errors.fix.remove_nul",
        )


def detect_encoding(head: bytes) -> str:
    """'utf-8', 'utf-16', 'windows-1251' or 'latin-1', decided from the first bytes of a file."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    head = head[:65536]  # enough text to tell Cyrillic from Western letters
    high = [b for b in head if b in _LETTER_BYTES]
    cyrillic = sum(b in _CYRILLIC_BYTES for b in high)
    # Russian words are runs of bytes 0xC0-0xFF; Western text has a lone accented letter here
    # and there among ASCII letters.
    runs = sum(
        1
        for i in range(len(head) - 2)
        if head[i] in _CYRILLIC_BYTES
        and head[i + 1] in _CYRILLIC_BYTES
        and head[i + 2] in _CYRILLIC_BYTES
    )
    return "windows-1251" if high and cyrillic / len(high) > 0.8 and runs >= 2 else "latin-1"


def transcode_to_utf8(path: Path, encoding: str) -> Path:
    """A UTF-8 copy of a text file in another encoding, converted in large chunks."""
    decoder = codecs.getincrementaldecoder(encoding)()
    handle, name = tempfile.mkstemp(suffix=".csv", prefix="import-utf8-")
    with os.fdopen(handle, "wb") as out, open(path, "rb") as f:
        while chunk := f.read(TRANSCODE_CHUNK):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
    return Path(name)


def detect_delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate found most often there (ties: ; tab | ,)."""
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts.values())
    if best == 0:
        return ","
    return next(d for d in (";", "\t", "|", ",") if counts[d] == best)


def csv_relation(
    path: Path, delimiter: str, encoding: str, columns: dict[str, str] | None = None
) -> str:
    """The ``read_csv`` call that reads every field as text, recording malformed rows.

    Once the columns are known they are given (``{name: type}``), so that later reads skip
    DuckDB's sniffing; a column given a type other than VARCHAR is parsed by the reader itself
    (see :meth:`Source.read_typed`).
    """
    options = [
        f"'{_sql_text(str(path))}'",
        f"delim='{_sql_text(delimiter)}'",
        "header=true",
        "all_varchar=true",
        "quote='\"'",
        "escape='\"'",
        "strict_mode=true",
        "null_padding=false",
        "comment=''",
        f"encoding='{encoding}'",
    ]
    options += [
        "store_rejects=true",
        f"rejects_table='{REJECTS_TABLE}'",
        f"rejects_scan='{REJECTS_SCAN}'",
    ]
    if columns:
        names = ", ".join(f"'{_sql_text(c)}': '{t}'" for c, t in columns.items())
        options += ["auto_detect=false", f"columns={{{names}}}"]
    return f"read_csv({', '.join(options)})"


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def open_source(conn, path: Path, file_name: str, sheet: str | None = None) -> Source:
    """Recognise ``path`` and return how to read it in DuckDB (columns and their types known).

    ``sheet``: of a workbook, the sheet to read (by default the first that has any cells).

    Raises
    ------
    ImportFailed
        When the file is empty, binary or cannot be read, or has no such sheet.
    """
    kind = detect_format(path, file_name)
    source = Source(path=path, file_name=file_name, format=kind)
    if kind == "parquet":
        source.relation = f"read_parquet('{_sql_text(str(path))}')"
    elif kind in ("xlsx", "xls"):
        _open_spreadsheet(conn, source, sheet)
    else:
        _open_csv(source)
    _describe(conn, source)
    return source


def open_parts(conn, files: list[tuple[Path, str]], file_name: str) -> Source:
    """Several files of one table (the parts of one export: the same columns, in any order) as
    one source, read by one query: Parquet files by one ``read_parquet`` (``union_by_name``),
    text files each by its own reader (its encoding and delimiter), joined by name.

    ``files``: (path, name shown) of each part; ``file_name``: the name of them all (a folder,
    a pattern) for messages and the import log.

    Raises
    ------
    ImportFailed
        When a part cannot be read, the parts are of different formats, or a part's columns are
        not the first part's.
    """
    parts: list[Source] = []
    try:
        for path, name in files:
            parts.append(open_source(conn, Path(path), name))
        first = parts[0]
        for part in parts[1:]:
            if part.format != first.format:
                raise _fail(
                    part.file_name,
                    f"The parts are not all of one format: {first.file_name} is {first.format}, "
                    f"this file {part.format}.",
                    "give the parts of one table in one format (all CSV or all Parquet).",
                    key="import_errors.parts_format",
                    fix_key="import_errors.fix.parts_format",
                    first=first.file_name,
                    first_format=first.format,
                    format=part.format,
                )
            if set(part.columns) != set(first.columns):
                missing = [c for c in first.columns if c not in part.columns]
                extra = [c for c in part.columns if c not in first.columns]
                raise _fail(
                    part.file_name,
                    f"The columns are not those of {first.file_name} (missing: "
                    f"{', '.join(missing) or '-'}; not in {first.file_name}: "
                    f"{', '.join(extra) or '-'}).",
                    "give the parts of one table with the same columns, or import the files "
                    "one by one.",
                    key="import_errors.parts_columns",
                    fix_key="import_errors.fix.parts_columns",
                    first=first.file_name,
                    missing=", ".join(missing) or "-",
                    extra=", ".join(extra) or "-",
                )
    except BaseException:
        for part in parts:
            part.close(conn)
        raise
    source = Source(path=first.path, file_name=file_name, format=first.format, parts=parts,
                    encoding=first.encoding, delimiter=first.delimiter, header=first.header,
                    read_path=first.read_path, duck_encoding=first.duck_encoding,
                    generated_header=first.generated_header, row_offset=first.row_offset,
                    columns=list(first.columns))  # fmt: skip
    if first.format == "parquet":
        names = ", ".join(f"'{_sql_text(str(p.path))}'" for p in parts)
        source.relation = f"read_parquet([{names}], union_by_name=true)"
    else:
        source.relation = _union(parts)
    try:
        described = conn.execute(f"DESCRIBE SELECT * FROM {source.relation}").fetchall()
    except duckdb.Error as e:
        source.close(conn)
        raise _fail(
            file_name,
            f"The parts cannot be read as one table ({_first_line(e)}).",
            "check that each part has the same columns with the same kinds of values.",
            key="import_errors.parts_unreadable",
            fix_key="import_errors.fix.parts_columns",
            error=_first_line(e),
        ) from e
    source.types = {row[0]: str(row[1]) for row in described}
    source.columns = [row[0] for row in described]
    return source


def _union(parts: list[Source]) -> str:
    """The parts' own readers, their rows one after another, columns matched by name."""
    if len(parts) == 1:
        return parts[0].relation
    return "(" + " UNION ALL BY NAME ".join(f"SELECT * FROM {p.relation}" for p in parts) + ")"


def _open_csv(source: Source) -> None:
    with open(source.path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    encoding = detect_encoding(head)
    read_path = source.path
    if encoding == "windows-1251":  # DuckDB reads utf-8, utf-16 and latin-1 itself
        read_path = transcode_to_utf8(source.path, encoding)
        source.temp_files.append(read_path)
    text = head.decode("utf-16" if encoding == "utf-16" else encoding, errors="replace")
    source.encoding, source.delimiter = encoding, detect_delimiter(text)
    if _open_aligned(source, text, truncated=len(head) == SNIFF_BYTES):
        return
    _check_header(source, text)
    duck_encoding = {"utf-16": "utf-16", "latin-1": "latin-1"}.get(encoding, "utf-8")
    source.read_path, source.duck_encoding = read_path, duck_encoding
    source.relation = csv_relation(read_path, source.delimiter, duck_encoding)


def _open_aligned(source: Source, text: str, truncated: bool) -> bool:
    """Read text in whitespace-aligned columns from a tab-separated copy; False when the first
    line has a delimiter or the text is no such file (see :mod:`dashboard.importer.aligned`)."""
    first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    if any(d in first for d in DELIMITERS):
        return False
    layout = aligned.detect(text, truncated)
    if layout is None:
        return False
    for temp in source.temp_files:  # the copy is read from the file itself, in its encoding
        temp.unlink(missing_ok=True)
    source.temp_files = []
    _refuse_repeated_names(source, layout.columns)
    read_path = aligned.to_tab_separated(source.path, source.encoding, layout, source.file_name)
    source.temp_files.append(read_path)
    source.read_path, source.duck_encoding, source.delimiter = read_path, "utf-8", "\t"
    source.header, source.aligned = list(layout.columns), True
    source.generated_header, source.row_offset = not layout.has_header, int(not layout.has_header)
    source.relation = csv_relation(read_path, source.delimiter, source.duck_encoding)
    return True


def _check_header(source: Source, text: str) -> None:
    """Refuse a header below a title block (the first line has no delimiter, a later one has)
    and a header that names a column twice: either would import the wrong columns."""
    lines = text.lstrip("\ufeff").splitlines()[:TITLE_LINES]
    delimiter = source.delimiter
    if lines and delimiter not in lines[0]:
        below = next((n for n, line in enumerate(lines[1:-1], 2) if delimiter in line), None)
        if below is not None and any(delimiter in line for line in lines[below:]):
            fields = len(next(csv.reader([lines[below - 1]], delimiter=delimiter)))
            raise ImportFailed(
                f"The first row is not a header: it has no delimiter, while row {below} has "
                f"{fields} fields.",
                file=source.file_name,
                row=1,
                value=lines[0][:200],
                fix="delete the rows above the header (a title, notes, blank lines), so that "
                "the header is the first row.",
                key="import_errors.title_rows",
                fix_key="import_errors.fix.remove_title",
                header_row=below,
                fields=fields,
            )
    if lines:
        source.header = next(csv.reader([lines[0]], delimiter=delimiter))
        _refuse_repeated_names(source, source.header)


def _refuse_repeated_names(source: Source, names: list[str]) -> None:
    seen = set()
    for name in (n.strip() for n in names):
        if name and name in seen:
            raise ImportFailed(
                f"The header names the column {name!r} twice.",
                file=source.file_name,
                row=1,
                column=name,
                fix="give each column its own name in the header row.",
                key="import_errors.repeated_header",
                fix_key="import_errors.fix.rename_column",
                name=name,
            )
        seen.add(name)


def renamed_columns(source: Source) -> dict[str, str]:
    """``{column as read: header as written}`` for each header name the reader changed (a name
    repeated in another case or with other spaces: "date" beside "Date" reads as "date_1")."""
    if len(source.header) != len(source.columns):
        return {}
    return {
        column: written.strip()
        for column, written in zip(source.columns, source.header, strict=True)
        if written.strip() and column != written.strip()
    }


def _unreadable_workbook(source: Source, error: Exception):
    """The failure for a workbook calamine cannot open or read."""
    return _fail(
        source.file_name,
        f"The workbook cannot be read ({error}).",
        "open it in Excel, save it again as .xlsx (or export CSV) and import that file.",
        key="import_errors.workbook_unreadable",
        fix_key="import_errors.fix.resave_workbook",
        error=error,
    )


def _open_spreadsheet(conn, source: Source, sheet: str | None = None) -> None:
    try:
        book = pd.ExcelFile(source.path, engine="calamine")
        source.sheets = [str(s) for s in book.sheet_names]
    except Exception as e:  # calamine raises its own error types for broken workbooks
        raise _unreadable_workbook(source, e) from e
    if sheet is not None and sheet not in source.sheets:
        raise _fail(
            source.file_name,
            f"The workbook has no sheet '{sheet}' (its sheets: {', '.join(source.sheets)}).",
            "choose one of its sheets.",
            key="import_errors.no_such_sheet",
            fix_key="import_errors.fix.choose_sheet",
            sheet=sheet,
            sheets=", ".join(source.sheets),
        )
    try:
        frame = pd.DataFrame()
        for name in [sheet] if sheet is not None else source.sheets:
            frame, source.sheet = pd.read_excel(book, sheet_name=name, header=None), name
            if frame.notna().to_numpy().any():  # else a blank cover sheet or a chart: the next
                break
    except Exception as e:  # calamine raises its own error types for broken workbooks
        raise _unreadable_workbook(source, e) from e
    if not frame.notna().to_numpy().any():
        raise _fail(
            source.file_name,
            "The file is empty.",
            "choose a file with a header row and data rows.",
            key="import_errors.empty_file",
            fix_key="import_errors.fix.choose_file_with_rows",
        )
    names = [str(c).strip() if not pd.isna(c) else "" for c in frame.iloc[0]]
    source.header = names
    _refuse_repeated_names(source, names)
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = [n or f"Unnamed: {i}" for i, n in enumerate(names)]
    frame = frame.infer_objects()
    for column in frame.columns:
        if frame[column].dtype == object:
            values = frame[column]
            frame[column] = values.where(values.isna(), values.astype(str)).astype("string")
    source.frame_name = f"_import_sheet_{id(source)}"
    conn.register(source.frame_name, frame)
    source.relation = source.frame_name
    source.format = "xlsx"


def _describe(conn, source: Source) -> None:
    try:
        described = conn.execute(f"DESCRIBE SELECT * FROM {source.relation}").fetchall()
    except duckdb.Error as e:
        _explain_unreadable(source, e)
        raise _fail(
            source.file_name,
            f"The file cannot be read as a table ({_first_line(e)}).",
            "check that it is a CSV, Excel or Parquet file with one header row.",
            key="import_errors.not_a_table",
            fix_key="import_errors.fix.table_with_header",
            error=_first_line(e),
        ) from e
    source.columns = [row[0] for row in described]
    source.types = {row[0]: str(row[1]) for row in described}
    if source.format == "csv":
        source.relation = csv_relation(
            source.read_path, source.delimiter, source.duck_encoding, source.types
        )


def long_line(path: Path) -> tuple[int, int] | None:
    """(line number, bytes) of a file's first line longer than :data:`MAX_LINE_BYTES`, if any."""
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            if len(line) > MAX_LINE_BYTES:
                return number, len(line)
    return None


def _explain_unreadable(source: Source, error: duckdb.Error) -> None:
    """Raise the precise ImportFailed for a file DuckDB cannot read, where there is one: a line
    too long for the CSV reader, a damaged Parquet file."""
    if source.format == "parquet":
        reason = _first_line(error).replace(str(source.path), source.file_name)
        raise ImportFailed(
            f"The Parquet file is incomplete or damaged ({reason}).",
            file=source.file_name,
            fix="copy or export the file again (a download or copy may have broken off).",
            key="import_errors.parquet_damaged",
            fix_key="import_errors.fix.copy_again",
            error=reason,
        ) from error
    too_long = long_row_error(source)
    if too_long is not None:
        raise too_long from error


def long_row_error(source: Source) -> ImportFailed | None:
    """The ImportFailed for a CSV file with a line too long for DuckDB's reader, else None."""
    for part in source.parts:
        if (found := long_row_error(part)) is not None:
            return found
    if source.parts:
        return None
    found = long_line(source.read_path or source.path) if source.format == "csv" else None
    if found is None:
        return None
    return ImportFailed(
        f"The row is {found[1]:,} bytes long, more than the {MAX_LINE_BYTES:,} a row may have.",
        file=source.file_name,
        row=found[0] - source.row_offset,
        fix="check the quotes around that row's fields (a missing closing quote joins "
        "rows), or shorten its long field.",
        key="import_errors.long_row",
        fix_key="import_errors.fix.long_row",
        length=found[1],
        limit=MAX_LINE_BYTES,
    )


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
