"""Widgets of the Data page: upload, preview, mapping editor, import with progress, maintenance."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import i18n, importer, storage
from dashboard.errors import DashboardError
from dashboard.ui import state, tables

UPLOAD_DIR = Path(tempfile.gettempdir()) / "dashboard-uploads"
UPLOAD_TYPES = ["csv", "tsv", "txt", "parquet", "xlsx"]
#: The importer's reasons for setting rows aside, explained in the interface language.
REASON_LABELS = {
    "no customer id": "data.reason.guest",
    "duplicate row": "data.reason.duplicate",
    "repeated customer id": "data.reason.repeated",
}


def reason_label(reason: str) -> str:
    """A set-aside reason as a user reads it (unknown reasons as they are)."""
    return state.tr(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def save_upload(upload) -> Path:
    """Write an uploaded file to disk once (keyed by its id), keeping its name for messages."""
    folder = UPLOAD_DIR / upload.file_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / upload.name
    if not path.exists():
        path.write_bytes(upload.getbuffer())
    return path


def preview(path: Path, table: str | None):
    """The importer's preview of a file, kept in the session so reruns do not re-read it.

    A file that cannot be read at all (empty, binary...) shows the reason in the reader's
    language and gives None.
    """
    cache = st.session_state.setdefault("_previews", {})
    key = (str(path), table)
    if key not in cache:
        try:
            cache[key] = importer.preview_file(
                path, table=table, conn=state.cursor(), file_name=path.name
            )
        except DashboardError as e:
            st.error(state.tr("data.import_failed", message=e.localized(state.lang())))
            return None
    return cache[key]


def mapping_editor(file_preview, table: str, key: str) -> dict[str, str]:
    """An editable table of file column -> field; returns the mapping the user settled on."""
    options = [""] + list(importer.FIELDS[table])
    examples = file_preview.sample.head(3)
    rows = [
        {
            "source": column,
            "example": ", ".join(str(v) for v in examples[column].tolist())
            if column in examples
            else "",
            "field": file_preview.mapping.get(column, "")
            if file_preview.mapping.get(column) in options
            else "",
        }
        for column in file_preview.columns
    ]
    edited = st.data_editor(
        pd.DataFrame(rows),
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["source", "example"],
        column_config={
            "source": st.column_config.TextColumn(state.tr("data.col.source")),
            "example": st.column_config.TextColumn(state.tr("data.col.example")),
            "field": st.column_config.SelectboxColumn(state.tr("data.col.field"), options=options),
        },
    )
    return {row.source: row.field for row in edited.itertuples() if row.field}


def missing_required(mapping: dict[str, str], table: str) -> list[str]:
    """Required fields the mapping does not provide (revenue may come from quantity x unit price)."""
    return importer.missing_fields(set(mapping.values()), table)


def run_import(
    path: Path, table: str, mapping: dict, mode: str, date_format, keep_duplicates: bool
):
    """Import with a progress bar; show what was imported and set aside, or why nothing was."""
    bar = st.progress(0.0, text=state.tr("data.importing", file=path.name))
    try:
        result = importer.import_file(
            state.connection(),
            path,
            table,
            mapping=mapping,
            mode=mode,
            date_format=date_format,
            file_name=path.name,
            keep_duplicates=keep_duplicates,
            lang=state.lang(),
            progress=lambda fraction, message: bar.progress(
                min(max(fraction, 0.0), 1.0), text=message
            ),
        )
    except DashboardError as e:
        bar.empty()
        st.error(state.tr("data.import_failed", message=e.localized(state.lang())))
        return None
    bar.empty()
    st.session_state["last_import_result"] = result.as_dict()
    return result


def show_result(result: dict) -> None:
    """The summary of the last import: rows imported, and rows set aside with the reasons."""
    lang = state.lang()
    if result.get("already_imported"):
        st.info(state.tr("data.already_imported", file=result["file_name"]))
        return
    st.success(
        state.tr(
            "data.imported",
            rows=i18n.format_number(result["rows_imported"], lang),
            table=state.tr("common.table." + result["table"]),
            file=result["file_name"],
        )
    )
    if result.get("customers_added"):
        st.info(
            state.tr(
                "data.customers_added",
                customers=i18n.format_number(result["customers_added"], lang),
            )
        )
    reasons = result.get("set_aside_reasons") or {}
    if result.get("rows_set_aside"):
        st.warning(
            state.tr("data.set_aside", rows=i18n.format_number(result["rows_set_aside"], lang))
        )
        tables.show(
            pd.DataFrame(
                {
                    state.tr("data.reason"): [reason_label(r) for r in reasons],
                    state.tr("data.count"): list(reasons.values()),
                }
            ),
            hide_index=True,
        )


@st.cache_data(show_spinner=False, max_entries=16)
def import_log(db: str, data_version: int) -> pd.DataFrame:
    """The import log, newest first (cached per data version)."""
    log = storage.read_import_log(state.cursor())
    log["set_aside_reasons"] = log["set_aside_reasons"].map(
        lambda text: (
            ", ".join(f"{reason_label(k)}: {v}" for k, v in json.loads(text).items())
            if text
            else ""
        )
    )
    return log.drop(columns=["content_hash", "import_id"])


def show_import_log() -> None:
    """The log as a table with translated headers."""
    log = import_log(state.db_path(), state.version())
    if log.empty:
        st.info(state.tr("data.log_empty"))
        return
    log["table_name"] = log["table_name"].map(lambda t: state.tr(f"common.table.{t}"))
    tables.show(
        log,
        labels={c: state.tr(f"data.log.{c}") for c in log.columns},
        hide_index=True,
        width="stretch",
    )


def flash(message: str) -> None:
    """Remember a success message and rerun, so the sidebar and the page show the new data."""
    st.session_state["flash"] = message
    st.rerun()


def show_flash() -> None:
    """Show (once) the message left by :func:`flash`."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)
