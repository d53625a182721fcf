"""Tables as files people open: CSV that Excel reads in any language, and .xlsx workbooks.

Every file stays data: a text cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``,
``@SUM(…)``, a DDE call ``+cmd|' /C calc'!A0``) is written with a leading single quote
(:func:`neutralise`, OWASP's CSV injection guidance), and xlsxwriter never turns a string into a
formula or a link. Numbers stay numbers: a negative amount is a number, not text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard.errors import DashboardError

FORMATS = (".csv", ".xlsx")
#: The first characters that make a spreadsheet read a cell as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: xlsxwriter's options: strings stay strings (by default "=..." becomes a formula and
#: "http://..." a link).
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


def inert(value: object) -> object:
    """A text that a spreadsheet would run as a formula, with a single quote before it
    (``=1+1`` → ``'=1+1``); anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and header that starts like a formula made inert
    (:func:`inert`). Only text columns change: numbers, dates and booleans stay what they are,
    so a negative amount stays a number, while a text id like ``-123`` or a phone like
    ``+7 999 …`` gets the quote (a spreadsheet would compute them)."""
    frame = df.rename(columns=inert)
    for index in range(frame.shape[1]):
        values = frame.iloc[:, index]
        dtype = values.dtype
        if not (
            pd.api.types.is_object_dtype(dtype)
            or pd.api.types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype)
        ):
            continue
        texts = values.astype(object)
        if any(inert(v) is not v for v in texts):
            frame.isetitem(index, texts.map(inert))
    return frame


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with a byte-order mark, so that Excel shows Cyrillic correctly
    (formula-like text made inert: :func:`neutralise`). Lines end in CRLF (RFC 4180), so that
    a text holding a carriage return is quoted and stays one field."""
    return neutralise(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_excel_bytes(df: pd.DataFrame, sheet: str = "customers") -> bytes:
    """A table as an .xlsx workbook (one sheet, header frozen), written with xlsxwriter; no
    cell is a formula or a link (formula-like text made inert: :func:`neutralise`)."""
    buffer = io.BytesIO()
    options = {"options": XLSX_OPTIONS}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=options) as writer:
        frame = neutralise(df)
        for column in frame.select_dtypes(include=["datetimetz"]).columns:
            frame[column] = frame[column].dt.tz_localize(None)
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        worksheet = writer.sheets[sheet[:31]]
        worksheet.freeze_panes(1, 0)
        for index, column in enumerate(frame.columns):
            worksheet.set_column(index, index, column_width(frame[column], str(column)))
    return buffer.getvalue()


#: The narrowest and widest a column opens at, in characters.
COLUMN_WIDTH = (10, 60)


def column_width(values: pd.Series, header: str) -> int:
    """How wide (in characters) a sheet's column opens: its longest value or header, plus a
    margin, kept within :data:`COLUMN_WIDTH`."""
    texts = values.dropna().astype(str)
    longest = max([len(header), *([int(texts.str.len().max())] if len(texts) else [])])
    low, high = COLUMN_WIDTH
    return min(max(longest + 2, low), high)


def write_table(df: pd.DataFrame, path: str | Path, sheet: str = "customers") -> Path:
    """Write ``df`` to ``path`` as CSV or Excel, chosen by the file's ending.

    Raises
    ------
    DashboardError
        When the ending is neither .csv nor .xlsx.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DashboardError(
            f"{path.name}: cannot write {suffix or 'a file without an ending'}. "
            "Fix: name the output file .csv or .xlsx."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_csv_bytes(df) if suffix == ".csv" else to_excel_bytes(df, sheet))
    return path
