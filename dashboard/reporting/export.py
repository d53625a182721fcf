"""Tables as files people open: CSV that Excel reads in any language, and .xlsx workbooks.

Every file stays data: a text cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``,
``@SUM(…)``, a DDE call ``+cmd|' /C calc'!A0``) is written with a leading single quote
(:func:`neutralise`, OWASP's CSV injection guidance), and xlsxwriter never turns a string into a
formula or a link. Numbers stay numbers: a negative amount is a number, not text, and a
float is written as people read it (:func:`rounded`): money to the cent (``839.4``, never
``839.4000000000001``), shares and other fractions to :data:`SHARE_DECIMALS` places; in Excel money
cells carry a money number format (:data:`MONEY_FORMAT`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from dashboard.errors import DashboardError

FORMATS = (".csv", ".xlsx")
#: The first characters that make a spreadsheet read a cell as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: xlsxwriter's options: strings stay strings (by default "=..." becomes a formula and
#: "http://..." a link).
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}
#: Money columns by name (revenue, cost, profit, avg_order_value, lifetime_value, ...): to the cent.
MONEY_NAME = re.compile(r"revenue|cost|profit|amount|price|spend|order_value|lifetime_value")
#: Names of a share of something, even of money (share_revenue, return_rate, margin, roi).
SHARE_NAME = re.compile(r"share|rate|ratio|margin|percent|pct|probability|uplift|roi")
MONEY_DECIMALS = 2
#: Shares, rates and other non-money floats: four places (a share to 0.01 percentage point).
SHARE_DECIMALS = 4
#: Excel's number format of a money cell: thousands grouped, always two decimals.
MONEY_FORMAT = "#,##0.00"


def is_money(column: object) -> bool:
    """Whether a column holds money, by its name (a share of revenue is a share, not money)."""
    name = str(column).lower()
    return MONEY_NAME.search(name) is not None and SHARE_NAME.search(name) is None


def rounded(df: pd.DataFrame) -> pd.DataFrame:
    """The table with float columns rounded as they are read: money (:func:`is_money`) to
    :data:`MONEY_DECIMALS` places, every other float (shares, rates, scores) to
    :data:`SHARE_DECIMALS`. Numbers stay numbers; whole-number and text columns are left alone."""
    frame = df.copy(deep=False)
    for index, column in enumerate(frame.columns):
        values = frame.iloc[:, index]
        if pd.api.types.is_float_dtype(values.dtype):
            places = MONEY_DECIMALS if is_money(column) else SHARE_DECIMALS
            frame.isetitem(index, values.round(places))
    return frame


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
    frame = rounded(neutralise(df))
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_excel_bytes(df: pd.DataFrame, sheet: str = "customers") -> bytes:
    """A table as an .xlsx workbook (one sheet, header frozen), written with xlsxwriter; no
    cell is a formula or a link (formula-like text made inert: :func:`neutralise`); floats
    rounded (:func:`rounded`), money columns in :data:`MONEY_FORMAT`."""
    buffer = io.BytesIO()
    options = {"options": XLSX_OPTIONS}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=options) as writer:
        frame = rounded(neutralise(df))
        for column in frame.select_dtypes(include=["datetimetz"]).columns:
            frame[column] = frame[column].dt.tz_localize(None)
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
        worksheet = writer.sheets[sheet[:31]]
        worksheet.freeze_panes(1, 0)
        money = writer.book.add_format({"num_format": MONEY_FORMAT})
        for index, column in enumerate(frame.columns):
            values = frame.iloc[:, index]
            width = column_width(values, str(column))
            is_number = pd.api.types.is_numeric_dtype(values.dtype)
            is_number = is_number and not pd.api.types.is_bool_dtype(values.dtype)
            cell = money if is_number and is_money(column) else None
            worksheet.set_column(index, index, width, cell)
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
