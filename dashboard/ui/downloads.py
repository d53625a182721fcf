"""The pair of download buttons every audience has: CSV and Excel, each built only when clicked."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard.reporting import export
from dashboard.ui import state

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_and_excel(
    rows: pd.DataFrame | Callable[[duckdb.DuckDBPyConnection], pd.DataFrame],
    stem: str,
    key: str,
    *,
    sheet: str = "customers",
    places: tuple | None = None,
) -> None:
    """ "Download CSV" and "Download Excel" for ``rows``, named ``stem``.csv and ``stem``.xlsx.

    Parameters
    ----------
    rows : DataFrame or callable
        The table, or ``rows(cursor)`` that reads it when a button is clicked (a large audience
        is then never built on a page run that does not need it).
    stem : str
        The file name without its extension.
    key : str
        The buttons' keys are ``{key}_csv`` and ``{key}_xlsx``.
    sheet : str
        The Excel sheet's name.
    places : tuple, optional
        Two containers (e.g. columns) for the buttons; by default two narrow columns.
    """
    if callable(rows):
        read = rows

        def build(write: Callable[[pd.DataFrame], bytes]) -> Callable[[], bytes]:
            return state.deferred(lambda cursor: write(read(cursor)))
    else:

        def build(write: Callable[[pd.DataFrame], bytes]) -> Callable[[], bytes]:
            return lambda: write(rows)

    left, right = places or st.columns([1, 1, 3])[:2]
    common = {"on_click": "ignore", "icon": ":material/download:"}  # a download needs no rerun
    left.download_button(
        state.tr("common.download_csv"),
        build(export.to_csv_bytes),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        **common,
    )
    right.download_button(
        state.tr("common.download_xlsx"),
        build(lambda frame: export.to_excel_bytes(frame, sheet)),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        key=f"{key}_xlsx",
        **common,
    )
