"""The pair of download buttons every audience has: CSV and Excel, each built only when clicked."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard.access import audit
from dashboard.reporting import export
from dashboard.ui import auth, state

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
    if not auth.may("download_customers"):
        auth.needs("download_customers")
        return
    left, right = places or st.columns([1, 1, 3])[:2]
    customer_list(
        left,
        state.tr("common.download_csv"),
        rows,
        export.to_csv_bytes,
        f"{stem}.csv",
        "text/csv",
        f"{key}_csv",
    )
    customer_list(
        right,
        state.tr("common.download_xlsx"),
        rows,
        lambda frame: export.to_excel_bytes(frame, sheet),
        f"{stem}.xlsx",
        XLSX,
        f"{key}_xlsx",
    )


def customer_list(
    where,
    label: str,
    rows: pd.DataFrame | Callable[[duckdb.DuckDBPyConnection], pd.DataFrame],
    write: Callable[[pd.DataFrame], bytes],
    file_name: str,
    mime: str,
    key: str,
    **kwargs,
) -> bool:
    """A download button of a list of customers: only for roles that may download one, built
    when clicked, and each download written to the audit log (who, which file, how many rows).
    Returns False (and draws nothing) when the role may not."""
    if not auth.may("download_customers"):
        return False
    actor = auth.user().actor  # bound now: the click is served outside a page run

    def make(cursor: duckdb.DuckDBPyConnection) -> bytes:
        frame = rows(cursor) if callable(rows) else rows
        data = write(frame)
        audit.record(cursor, actor, "download", file_name, rows=len(frame))
        return data

    where.download_button(
        label,
        state.deferred(make),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",  # a download needs no rerun
        icon=":material/download:",
        **kwargs,
    )
    return True
