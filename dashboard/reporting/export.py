"""Tables as files people open: CSV that Excel reads in any language, and .xlsx workbooks."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard.errors import DashboardError

FORMATS = (".csv", ".xlsx")


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with a byte-order mark, so that Excel shows Cyrillic correctly."""
    return df.to_csv(index=False).encode("utf-8-sig")


def to_excel_bytes(df: pd.DataFrame, sheet: str = "customers") -> bytes:
    """A table as an .xlsx workbook (one sheet, header frozen), written with xlsxwriter."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        frame = df.copy()
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
