"""Widgets of the Data page: upload, preview, mapping editor, import with progress, maintenance
(among it removing demo data that sits beside the user's own)."""

from __future__ import annotations

import json
import secrets

import pandas as pd
import streamlit as st

from dashboard import i18n, importer, text_safety
from dashboard.access import accounts, audit
from dashboard.commands import prepare
from dashboard.demo import generator, removal
from dashboard.errors import DashboardError, shown
from dashboard.importer import uploads
from dashboard.importer.plan import field_label, required_field_label
from dashboard.store import database
from dashboard.ui import auth, state, tables

UPLOAD_TYPES = [suffix.lstrip(".") for suffix in uploads.ACCEPTED_SUFFIXES]
#: The importer's reasons for setting rows aside, explained in the interface language.
REASON_LABELS = {
    "no customer id": "data.reason.guest",
    "duplicate row": "data.reason.duplicate",
    "repeated customer id": "data.reason.repeated",
    "date out of range": "data.reason.date_range",
}


def reason_label(reason: str) -> str:
    """A set-aside reason as a user reads it (unknown reasons as they are)."""
    return state.tr(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def upload_owner() -> str:
    """Whose uploads these are, for the quota: the signed-in user, else this session."""
    person = auth.user()
    if person is not None and person.source != auth.LOCAL_USER.source:
        return f"user:{person.name}"
    return "session:" + st.session_state.setdefault("_upload_owner", secrets.token_hex(16))


def save_upload(upload) -> uploads.SavedUpload | None:
    """The upload on disk, saved once per file under a name the server makes
    (:func:`dashboard.importer.uploads.save`); None, with the reason shown, when it is refused."""
    saved = st.session_state.setdefault("_uploads", {})
    kept = saved.get(upload.file_id)
    if kept is None or not uploads.still_there(kept):
        for file_id in list(saved):  # the widget holds one file: the earlier ones are done with
            uploads.remove(saved.pop(file_id))
        try:
            kept = uploads.save(upload.getbuffer(), upload.name, upload_owner())
        except DashboardError as e:
            st.error(state.tr("data.import_failed", message=_error_text(e)))
            return None
        saved[upload.file_id] = kept
    return kept


def imported(upload) -> bool:
    """True once this upload was imported (its saved file is gone then)."""
    return upload.file_id in st.session_state.get("_imported_uploads", ())


def preview(upload: uploads.SavedUpload, table: str | None, sheet: str | None = None):
    """The importer's preview of a saved upload, kept in the session so reruns do not re-read it.

    A file that cannot be read at all (empty, binary...) shows the reason in the reader's
    language and gives None. ``sheet``: of a workbook, the sheet chosen (:func:`sheet_choice`).
    """
    cache = st.session_state.setdefault("_previews", {})
    key = (str(upload.path), table, sheet)
    if key not in cache:
        try:
            cache[key] = importer.preview_file(
                upload.path, table=table, conn=state.cursor(), file_name=upload.name, sheet=sheet
            )
        except DashboardError as e:
            st.error(state.tr("data.import_failed", message=_error_text(e)))
            return None
    return cache[key]


def sheet_choice(file_preview, key: str) -> str | None:
    """Of a workbook with several sheets, the sheet to import: the one read is named and the
    others offered (by default the first sheet with any cells). None for any other file."""
    if len(file_preview.sheets) < 2:
        return file_preview.sheet
    sheets = file_preview.sheets
    chosen = st.selectbox(
        state.tr("data.sheet"),
        sheets,
        index=sheets.index(file_preview.sheet) if file_preview.sheet in sheets else 0,
        key=key,
    )
    others = ", ".join(text_safety.markdown_text(s) for s in sheets if s != chosen)
    st.caption(
        state.tr(
            "data.sheet_read",
            sheet=text_safety.markdown_text(chosen),
            count=len(sheets),
            others=others,
        )
    )
    return chosen


def delimiter_text(file_preview) -> str:
    """The delimiter as the page names it: ';', or runs of spaces in an aligned file."""
    if file_preview.aligned:
        return state.tr("data.delimiter_aligned")
    return repr(file_preview.delimiter) if file_preview.delimiter else "—"


def show_renamed(file_preview) -> None:
    """Say which header names the reader changed (a name repeated in another case), never
    silently: the mapping lists them under the names read."""
    if not file_preview.renamed:
        return
    pairs = ", ".join(
        state.tr(
            "data.renamed_pair",
            column=text_safety.markdown_text(column),
            written=text_safety.markdown_text(written),
        )
        for column, written in file_preview.renamed.items()
    )
    st.warning(state.tr("data.renamed_columns", count=len(file_preview.renamed), pairs=pairs))


def mapping_editor(file_preview, table: str, key: str) -> dict[str, str]:
    """An editable table of file column -> field; returns the mapping the user settled on.

    An unmapped column's field is missing and reads empty (the editor's ``placeholder``; without
    it Streamlit writes "None"); the editor offers the empty choice itself.
    """
    options = list(importer.FIELDS[table])
    rows = [
        {
            "source": column,
            "example": file_preview.example(column),
            "field": file_preview.mapping.get(column)
            if file_preview.mapping.get(column) in options
            else None,
        }
        for column in file_preview.columns
    ]
    frame = pd.DataFrame(rows, columns=["source", "example", "field"]).astype({"field": "string"})
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        placeholder="",
        disabled=["source", "example"],
        column_config={
            "source": st.column_config.TextColumn(state.tr("data.col.source")),
            "example": st.column_config.TextColumn(state.tr("data.col.example")),
            "field": st.column_config.SelectboxColumn(
                state.tr("data.col.field"), options=options, format_func=field_namer()
            ),
        },
    )
    return {
        row.source: row.field for row in edited.itertuples() if not pd.isna(row.field) and row.field
    }


def field_namer():
    """A ``format_func`` naming a field in this session's language (Customer ID / «Код
    клиента», never customer_id); the chosen value stays the field's own name. The language
    is bound now."""
    lang = state.lang()

    def name(field: str) -> str:
        key = f"data.field_name.{field}"
        if key in i18n.texts():
            return i18n.t(key, lang)
        text = str(shown(field_label(field), lang))
        return text[:1].upper() + text[1:] if lang != "en" else text

    return name


def missing_required(mapping: dict[str, str], table: str) -> list[str]:
    """Required fields the mapping does not provide (revenue may come from quantity x unit
    price), as this session's language names them."""
    lang = state.lang()
    return [
        str(shown(required_field_label(m), lang))
        for m in importer.missing_fields(set(mapping.values()), table)
    ]


def _error_text(error: DashboardError) -> str:
    """An error's message as page text (it quotes file names and values from the file)."""
    return text_safety.markdown_text(error.localized(state.lang()))


def run_import(
    upload: uploads.SavedUpload,
    table: str,
    mapping: dict,
    mode: str,
    date_format,
    keep_duplicates: bool,
    file_id: str | None = None,
    sheet: str | None = None,
    parts: list[tuple] | None = None,
    name: str | None = None,
):
    """Import with a progress bar; show what was imported and set aside, or why nothing was.

    The client's name of the file is what the messages and the import log show; once the
    import succeeded the saved file is removed (``file_id``: the upload, then marked imported).
    ``parts``: (path, client's name) of each file of one table, imported as one (``upload`` is
    the first, ``name`` the name of them all); the caller removes their uploads.
    """
    if not auth.check("import"):
        return None
    name = name or upload.name
    bar = st.progress(0.0, text=state.tr("data.importing", file=text_safety.markdown_text(name)))
    try:
        result = importer.import_file(
            state.connection(),
            parts or upload.path,
            table,
            mapping=mapping,
            mode=mode,
            date_format=date_format,
            file_name=name,
            keep_duplicates=keep_duplicates,
            lang=state.lang(),
            sheet=sheet,
            progress=lambda fraction, message: bar.progress(
                min(max(fraction, 0.0), 1.0), text=text_safety.markdown_text(message)
            ),
        )
    except DashboardError as e:
        bar.empty()
        st.error(state.tr("data.import_failed", message=_error_text(e)))
        return None
    bar.empty()
    auth.record(
        "import",
        f"{result.file_name} → {table} ({mode})",
        rows=result.rows_imported,
        conn=state.connection(),
    )
    st.session_state["last_import_result"] = result.as_dict() | prepare_pages()
    if not parts:
        uploads.remove(upload)
    if file_id is not None:
        st.session_state.setdefault("_imported_uploads", set()).add(file_id)
    return result


def prepare_pages() -> dict:
    """After an import that leaves the transactions at :func:`prepare.threshold` lines or more,
    the pages prepared as the command line's import prepares them (their customer-level tables
    kept in the file), with the time it will take said first; ``{"prepared": ...}`` for the
    result shown after the rerun, else nothing."""
    cur = state.cursor()
    try:
        lines = prepare.due(cur)
        if lines is None:
            return {}
        lang = state.lang()
        minutes = round(lines * prepare.SECONDS_PER_LINE / 60)
        label = state.tr(
            "data.preparing" if minutes >= 1 else "data.preparing_soon",
            lines=i18n.format_number(lines, lang),
            minutes=i18n.format_number(minutes, lang),
        )
        with st.status(label, expanded=False) as status:
            try:
                report = prepare.prepare_pages(cur)
            except DashboardError as e:
                status.update(state="error")
                return {"prepared": {"lines": lines, "error": e.localized(lang)}}
            status.update(state="complete")
        return {"prepared": {"lines": lines, "seconds": report["seconds"]}}
    finally:
        cur.close()


def show_prepared(prepared: dict) -> None:
    """What the import's prepare step did (or why it could not)."""
    lang = state.lang()
    lines = i18n.format_number(prepared["lines"], lang)
    if "error" in prepared:
        st.warning(
            state.tr("data.prepare_failed", message=text_safety.markdown_text(prepared["error"]))
        )
        return
    seconds = i18n.format_number(prepared["seconds"], lang, 1)
    st.success(state.tr("data.prepared", lines=lines, seconds=seconds))


def show_result(result: dict) -> None:
    """The summary of the last import: rows imported, and rows set aside with the reasons."""
    lang = state.lang()
    if result.get("already_imported"):
        st.info(
            state.tr("data.already_imported", file=text_safety.markdown_text(result["file_name"]))
        )
        return
    st.success(
        state.tr(
            "data.imported",
            rows=i18n.format_number(result["rows_imported"], lang),
            table=state.tr("common.table." + result["table"]),
            file=text_safety.markdown_text(result["file_name"]),
        )
    )
    if result.get("rows_removed"):
        st.info(
            state.tr(
                "data.replaced",
                rows=i18n.format_number(result["rows_removed"], lang),
                table=state.tr("common.table." + result["table"]),
            )
        )
    if result["table"] == "transactions":
        code = state.currency()
        st.caption(
            state.tr(
                "data.currency_note", currency=i18n.currency_label(code, state.lang(), named=False)
            )
        )
    if result.get("customers_added"):
        st.info(
            state.tr(
                "data.customers_added",
                customers=i18n.format_number(result["customers_added"], lang),
            )
        )
    if result.get("prepared"):
        show_prepared(result["prepared"])
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
    """The import log, newest first (cached per data version), with how many of each import's
    rows are still there (a later replace, clear, demo load or removal took the others); a demo
    load whose rows are all gone reads as removed."""
    cur = state.cursor()
    log = database.read_import_log(cur)
    left = database.rows_left_by_import(cur)
    log["mode"] = [
        "demo_removed" if mode == generator.DEMO_MODE and not left.get(import_id) else mode
        for import_id, mode in zip(log["import_id"], log["mode"], strict=True)
    ]
    cleared = log["mode"] == database.CLEAR_MODE
    log.insert(
        list(log.columns).index("rows_imported") + 1,
        "rows_now",
        [None if c else left.get(i, 0) for i, c in zip(log["import_id"], cleared, strict=True)],
    )
    # a clear imports nothing: its row says what it deleted, and leaves the rest empty
    for column in ("rows_imported", "rows_set_aside", "duplicate_rows"):
        log[column] = log[column].astype("Int64").mask(cleared)
    log["rows_removed"] = log["rows_removed"].astype("Int64").mask(log["rows_removed"] == 0)
    return log.drop(columns=["content_hash", "import_id"])


def show_import_log() -> None:
    """The log as a table with translated headers."""
    log = import_log(state.db_path(), state.version())
    if log.empty:
        st.info(state.tr("data.log_empty"))
        return
    # in the reader's language, so after the cache (which every language shares)
    lang = state.lang()
    log["set_aside_reasons"] = log["set_aside_reasons"].map(
        lambda text: ", ".join(
            f"{reason_label(k)}: {i18n.format_number(v, lang)}"
            for k, v in (json.loads(text) if text else {}).items()
        )
    )
    log["table_name"] = log["table_name"].map(lambda t: state.tr(f"common.table.{t}"))
    log["file_name"] = log["file_name"].map(
        lambda name: generator.shown_file_name(name, lang) if name else "—"
    )
    known = i18n.texts()
    log["mode"] = log["mode"].map(
        lambda m: state.tr(f"data.log.mode.{m}") if f"data.log.mode.{m}" in known else m
    )
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


@st.cache_data(show_spinner=False, max_entries=16)
def demo_status(db: str, data_version: int) -> dict:
    """What of the demo is left and whether it sits beside the user's data (per data version)."""
    return removal.demo_status(state.cursor())


def mixed_demo() -> dict[str, int] | None:
    """The demo's rows left (as :func:`dashboard.demo.removal.demo_rows`) when they are mixed with the
    user's own data; None when the data is only the demo or only the user's."""
    status = demo_status(state.db_path(), state.version())
    return status["demo"] if status["mixed"] else None


def demo_parts(counts: dict[str, int]) -> str:
    """The non-zero counts written for the language: 'customers: 20,000, feedback: 11,678'."""
    lang = state.lang()
    return ", ".join(
        state.tr(f"data.demo_part.{part}", n=i18n.format_number(counts[part], lang))
        for part in removal.DEMO_PARTS
        if counts.get(part)
    )


def show_demo_warning() -> None:
    """When demo data is mixed with the user's: what is left of it and a button (after a
    confirming tick) that removes it, keeping every import of the user's."""
    counts = mixed_demo()
    if counts is None:
        return
    with st.container(border=True):
        st.warning(state.tr("data.demo_mixed", parts=demo_parts(counts)))
        confirm = st.checkbox(state.tr("data.demo_remove_confirm"), key="demo_remove_confirm")
        clicked = st.button(
            state.tr("data.demo_remove_button"),
            type="primary",
            disabled=not confirm or not auth.may("demo"),
            key="demo_remove",
        )
    if not clicked or not auth.check("demo"):
        return
    try:
        removed = removal.remove_demo(state.connection())
    except DashboardError as e:
        st.error(_error_text(e))
        return
    auth.record("demo_remove", rows=sum(removed.values()), conn=state.connection())
    if any(removed.values()):
        flash(state.tr("data.demo_removed", parts=demo_parts(removed)))
    else:
        flash(state.tr("data.demo_nothing_to_remove"))


def show_demo_reminder() -> None:
    """After an import: a reminder when demo data still sits beside the imported data."""
    counts = mixed_demo()
    if counts is not None:
        st.warning(
            state.tr(
                "data.demo_after_import",
                parts=demo_parts(counts),
                button=state.tr("data.demo_remove_button"),
            )
        )


def demo_loader() -> None:
    """Load the demo (after a confirming tick): it replaces all data and campaigns."""
    lang = state.lang()
    st.subheader(state.tr("data.demo_header"))
    st.caption(state.tr("data.demo_help"))
    left, right = st.columns(2)
    customers = left.number_input(
        state.tr("data.demo_customers"),
        min_value=100,
        max_value=1_000_000,
        value=generator.DEFAULT_CUSTOMERS,
        step=1000,
        key="demo_customers",
    )
    seed = right.number_input(state.tr("data.demo_seed"), min_value=0, value=42, key="demo_seed")
    confirm_demo = st.checkbox(state.tr("data.demo_confirm"), key="demo_confirm")
    clicked = st.button(state.tr("data.demo_button"), disabled=not confirm_demo, key="demo_load")
    if clicked and auth.check("demo"):
        with st.spinner(state.tr("common.loading_demo")):
            loaded = generator.load_demo(
                state.connection(), customers=int(customers), seed=int(seed)
            )
        auth.record(
            "demo_load",
            f"{int(customers)} customers, seed {int(seed)}",
            rows=loaded["transactions"],
            conn=state.connection(),
        )
        flash(
            state.tr(
                "data.demo_done",
                customers=i18n.format_number(loaded["customers"], lang),
                transactions=i18n.format_number(loaded["transactions"], lang),
            )
        )


def table_clearer() -> None:
    """Clear one data table (after a confirming tick naming its rows)."""
    lang = state.lang()
    st.subheader(state.tr("data.clear_header"))
    counts = state.summary()["rows"]
    clear = st.selectbox(
        state.tr("data.table"),
        database.DATA_TABLES,
        key="clear_table",
        format_func=lambda t: i18n.t(f"common.table.{t}", lang),
    )
    confirm_clear = st.checkbox(
        state.tr(
            "data.clear_confirm",
            rows=i18n.format_number(counts[clear], lang),
            table=state.tr(f"common.table.{clear}"),
        ),
        key=f"clear_confirm_{clear}",
    )
    clicked = st.button(state.tr("data.clear_button"), disabled=not confirm_clear, key="clear")
    if clicked and auth.check("clear"):
        deleted = database.clear_table(state.connection(), clear)
        auth.record("clear", clear, rows=deleted, conn=state.connection())
        flash(
            state.tr(
                "data.cleared",
                rows=i18n.format_number(deleted, lang),
                table=state.tr(f"common.table.{clear}"),
            )
        )


def show_audit_log() -> None:
    """The audit log and the accounts, for administrators only."""
    if not auth.may("audit"):
        return
    st.subheader(state.tr("audit.title"))
    st.caption(state.tr("audit.caption"))
    events = audit.recent(state.cursor(), limit=500)
    if events.empty:
        st.info(state.tr("audit.empty"))
    else:
        tables.show(
            events.drop(columns="event_id"),
            values=(),
            dates=("occurred_at",),
            labels={
                "occurred_at": state.tr("audit.at"),
                "actor": state.tr("audit.actor"),
                "action": state.tr("audit.action"),
                "detail": state.tr("audit.detail"),
                "rows": state.tr("audit.rows"),
            },
            hide_index=True,
            width="stretch",
            key="audit_log",
        )
    if auth.required():
        st.subheader(state.tr("audit.accounts"))
        st.caption(state.tr("audit.accounts_caption"))
        tables.show(accounts.list_accounts(state.cursor()), values=(), hide_index=True,
                    width="stretch", key="accounts_list")  # fmt: skip
