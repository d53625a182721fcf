"""A first look at a file before importing it: format, columns, sample rows, proposed mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.errors import ImportFailed
from dashboard.importer import values
from dashboard.importer.fields import FIELD_TYPES, guess_table
from dashboard.importer.formats import Source, open_source, renamed_columns
from dashboard.importer.load import remembered_mapping
from dashboard.importer.plan import date_format_of, propose, sample_values

SAMPLE_SIZE = 20
COUNT_ROWS_UP_TO_BYTES = 50 << 20


@dataclass
class FilePreview:
    """What the importer sees in a file, and the mapping it proposes (or remembers)."""

    file_name: str
    format: str
    encoding: str | None
    delimiter: str | None
    decimal_comma: bool
    columns: list[str]
    sample: pd.DataFrame
    rows: int | None
    suggested_table: str
    mapping: dict[str, str]
    date_format: str | None = None
    date_format_choices: list[str] = field(default_factory=list)
    remembered: bool = False
    #: Of a workbook: its sheets, and the one read (the first with any cells unless chosen).
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    #: ``{column: header as written}`` for header names the reader changed: a name repeated in
    #: another case ("Date" and "date") reads as "date_1", which the page says.
    renamed: dict[str, str] = field(default_factory=dict)
    #: Text in whitespace-aligned columns (read by position or by runs of spaces), and whether
    #: it has no header row (its columns are then named "column 1", "column 2"...).
    aligned: bool = False
    generated_header: bool = False

    def example(self, column: str, count: int = 3) -> str:
        """The column's first ``count`` filled values in the sample, joined with commas, as the
        mapping editor shows them (an empty cell is left out, never shown as "nan")."""
        if column not in self.sample:
            return ""
        shown = []
        for value in self.sample[column].tolist():
            empty = value is None or (pd.api.types.is_scalar(value) and pd.isna(value))
            if empty or not str(value).strip():
                continue
            shown.append(str(value).strip())
            if len(shown) == count:
                break
        return ", ".join(shown)


def _count_rows(cur, source: Source) -> int | None:
    if source.format == "csv" and source.path.stat().st_size > COUNT_ROWS_UP_TO_BYTES:
        return None
    return int(cur.execute(f"SELECT count(*) FROM {source.relation}").fetchone()[0])


def _formats(cur, source: Source, mapping: dict[str, str]) -> tuple[bool, str | None, list[str]]:
    numbers, date_format, choices = [], None, []
    for column, target in mapping.items():
        kind, duck_type = FIELD_TYPES.get(target), source.types[column]
        if kind == "number" and duck_type == "VARCHAR":
            numbers += sample_values(cur, source, column)
        elif kind == "timestamp" and date_format is None and not choices:
            date_format, choices = date_format_of(cur, source, column)
    return values.detect_decimal_comma(numbers), date_format, choices


def preview_file(
    path,
    table: str | None = None,
    conn: duckdb.DuckDBPyConnection | None = None,
    file_name: str | None = None,
    sheet: str | None = None,
) -> FilePreview:
    """Read the start of a file and propose how to import it.

    Parameters
    ----------
    path : str or Path
        The file (CSV/TSV in any common delimiter and encoding, Parquet or Excel).
    table : str, optional
        The target table; by default the one the headers look like (or were last imported as).
    conn : duckdb.DuckDBPyConnection, optional
        The dashboard database, to find a mapping remembered for these headers.
    file_name : str, optional
        The name to show (an upload's original name).
    sheet : str, optional
        Of a workbook, the sheet to read; by default the first that has any cells.

    Returns
    -------
    FilePreview
        ``date_format_choices`` is non-empty when the user must pick between day/month and
        month/day.

    Raises
    ------
    ImportFailed
        When the file is empty, binary or cannot be read.
    """
    path = Path(path)
    file_name = file_name or path.name
    cur = (conn or duckdb.connect()).cursor()
    source = open_source(cur, path, file_name, sheet)
    try:
        remembers = conn is not None and not source.generated_header  # see load._resolve_mapping
        remembered = remembered_mapping(cur, source.columns, table) if remembers else None
        suggested = table or (remembered[0] if remembered else guess_table(source.columns))
        mapping = remembered[1] if remembered else propose(cur, source, suggested)
        mapping = {c: f for c, f in mapping.items() if c in source.columns}
        sample = cur.execute(f"SELECT * FROM {source.relation} LIMIT {SAMPLE_SIZE}").df()
        decimal_comma, date_format, choices = _formats(cur, source, mapping)
        return FilePreview(
            file_name=file_name,
            format=source.format,
            encoding=source.encoding,
            delimiter=source.delimiter,
            decimal_comma=decimal_comma,
            columns=source.columns,
            sample=sample,
            rows=_count_rows(cur, source),
            suggested_table=suggested,
            mapping=mapping,
            date_format=date_format,
            date_format_choices=choices,
            remembered=remembered is not None,
            sheets=source.sheets,
            sheet=source.sheet,
            renamed=renamed_columns(source),
            aligned=source.aligned,
            generated_header=source.generated_header,
        )
    except duckdb.Error as e:
        raise ImportFailed(
            f"The file cannot be read ({str(e).splitlines()[0]}).",
            file=file_name,
            fix="check that it is a table with one header row.",
            key="import_errors.unreadable",
            fix_key="import_errors.fix.one_header_row",
            error=str(e).splitlines()[0],
        ) from e
    finally:
        source.close(cur)
        cur.close()
