"""Recognise a file (CSV/TSV, Parquet, Excel), its encoding and delimiter, and open it in DuckDB."""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.errors import ImportFailed

SNIFF_BYTES = 1 << 20
TRANSCODE_CHUNK = 8 << 20
DELIMITERS = [",", ";", "\t", "|"]
REJECTS_TABLE, REJECTS_SCAN = "_import_rejects", "_import_reject_scans"

_SPREADSHEET_MAGIC = {b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls"}
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

    def read_typed(self, typed: dict[str, str]) -> None:
        """Let DuckDB's CSV reader parse these columns itself (``{column: type}``).

        Parsing in the reader is the fastest way through a large file; a value that does not
        parse lands in the rejects table (see :mod:`dashboard.importer.diagnose`).
        """
        if self.format != "csv":
            return
        self.types = {c: typed.get(c, "VARCHAR") for c in self.columns}
        self.relation = csv_relation(self.read_path, self.delimiter, self.duck_encoding, self.types)

    @property
    def typed(self) -> bool:
        """True when the reader parses some columns itself (see :meth:`read_typed`)."""
        return self.format == "csv" and any(t != "VARCHAR" for t in self.types.values())

    def close(self, conn: duckdb.DuckDBPyConnection | None = None) -> None:
        """Remove temporary files, the sample table and the registered frame."""
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
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2:
        raise _fail(
            file_name,
            "This is a binary file, not a table.",
            "export the data as CSV, Excel (.xlsx) or Parquet and import that file.",
            key="import_errors.binary_file",
            fix_key="import_errors.fix.export_table",
        )
    return "csv"


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


def open_source(conn, path: Path, file_name: str) -> Source:
    """Recognise ``path`` and return how to read it in DuckDB (columns and their types known).

    Raises
    ------
    ImportFailed
        When the file is empty, binary or cannot be read.
    """
    kind = detect_format(path, file_name)
    source = Source(path=path, file_name=file_name, format=kind)
    if kind == "parquet":
        source.relation = f"read_parquet('{_sql_text(str(path))}')"
    elif kind in ("xlsx", "xls"):
        _open_spreadsheet(conn, source)
    else:
        _open_csv(source)
    _describe(conn, source)
    return source


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
    duck_encoding = {"utf-16": "utf-16", "latin-1": "latin-1"}.get(encoding, "utf-8")
    source.read_path, source.duck_encoding = read_path, duck_encoding
    source.relation = csv_relation(read_path, source.delimiter, duck_encoding)


def _open_spreadsheet(conn, source: Source) -> None:
    try:
        frame = pd.read_excel(source.path, engine="calamine", sheet_name=0)
    except Exception as e:  # calamine raises its own error types for broken workbooks
        raise _fail(
            source.file_name,
            f"The workbook cannot be read ({e}).",
            "open it in Excel, save it again as .xlsx (or export CSV) and import that file.",
            key="import_errors.workbook_unreadable",
            fix_key="import_errors.fix.resave_workbook",
            error=e,
        ) from e
    frame.columns = [str(c).strip() for c in frame.columns]
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


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
