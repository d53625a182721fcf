"""Data: import files, see the import log, load or remove demo data, clear a table, settings."""

from functools import partial

import streamlit as st

from dashboard import i18n
from dashboard.store import database
from dashboard.ui import auth, state, tables
from dashboard.ui import data as ui
from dashboard.ui import related as related_ui


def import_upload(upload) -> None:
    """Preview, map and import one uploaded file (a file that cannot be read says why)."""
    lang = state.lang()
    if ui.imported(upload):
        st.caption(state.tr("data.upload_imported"))
        return
    path = ui.save_upload(upload)  # a name the server makes; upload.name stays text
    if path is None:
        return
    guess = ui.preview(path, None)
    if guess is None:
        return
    sheet = ui.sheet_choice(guess, key=f"import_sheet_{upload.file_id}")
    guess = ui.preview(path, None, sheet) if sheet != guess.sheet else guess
    if guess is None:
        return
    table_names = list(database.DATA_TABLES)
    table = st.selectbox(
        state.tr("data.table"),
        table_names,
        index=table_names.index(guess.suggested_table),
        format_func=lambda t: i18n.t(f"common.table.{t}", lang),
        key=f"import_table_{upload.file_id}",  # each file starts from its own guess
    )
    st.caption(
        state.tr("data.table_suggested", table=state.tr(f"common.table.{guess.suggested_table}"))
    )
    file_preview = ui.preview(path, table, sheet)
    if file_preview is None:
        return
    ui.show_renamed(file_preview)
    counted = file_preview.rows is not None  # a large CSV is counted by the import itself
    st.caption(
        state.tr(
            "data.detected" if counted else "data.detected_large",
            format=file_preview.format,
            encoding=file_preview.encoding or "—",
            delimiter=ui.delimiter_text(file_preview),
            decimal=state.tr("data.decimal_comma") if file_preview.decimal_comma else "",
            rows=i18n.format_number(file_preview.rows, lang),
            size=i18n.format_number(path.size / 2**20, lang, 0),
        )
    )
    if file_preview.generated_header:
        st.info(state.tr("data.no_header", count=len(file_preview.columns)))
    st.subheader(state.tr("data.preview"))
    tables.show(file_preview.sample, values=(), hide_index=True, width="stretch")  # as in the file
    st.subheader(state.tr("data.mapping"))
    st.caption(state.tr("data.mapping_help"))
    mapping = ui.mapping_editor(file_preview, table, key=f"mapping_{upload.file_id}_{table}")
    missing = ui.missing_required(mapping, table)
    if missing:
        st.warning(state.tr("data.required_missing", fields=", ".join(missing)))
    date_format = file_preview.date_format
    if file_preview.date_format_choices:
        st.info(state.tr("data.date_format_ambiguous"))
        date_format = st.radio(
            state.tr("data.date_format"),
            file_preview.date_format_choices,
            key="date_format",
            horizontal=True,
        )
    left, right = st.columns(2)
    mode = left.radio(
        state.tr("data.mode"),
        ["append", "replace"],
        key="import_mode",
        horizontal=True,
        format_func=lambda m: i18n.t(f"data.mode.{m}", lang),
    )
    keep_duplicates = right.checkbox(state.tr("data.keep_duplicates"), key="keep_duplicates")
    clicked = st.button(
        state.tr("data.import_button"), type="primary", disabled=bool(missing), key="import"
    )
    done = clicked and ui.run_import(
        path, table, mapping, mode, date_format, keep_duplicates, upload.file_id, sheet
    )
    if done:
        st.rerun()  # the sidebar and every page now show the new data


st.title(state.tr("data.title"))
st.write(state.tr("data.intro"))
ui.show_flash()
ui.show_demo_warning()
tab_import, tab_log, tab_manage = st.tabs(
    [state.tr("data.tab.import"), state.tr("data.tab.log"), state.tr("data.tab.manage")]
)

with tab_import:
    kind = related_ui.import_kind()  # one file, or several related files of one export
    if not auth.may("import"):
        auth.needs("import")
    elif kind == "one":
        upload = st.file_uploader(state.tr("data.upload"), type=ui.UPLOAD_TYPES, key="upload")
        if upload is not None:
            import_upload(upload)
    else:
        related_ui.import_set()
    if kind == "set":
        related_ui.show_last()
    elif st.session_state.get("last_import_result"):
        ui.show_result(st.session_state["last_import_result"])
        ui.show_demo_reminder()

with tab_log:
    ui.show_import_log()
    ui.show_audit_log()

with tab_manage:
    if auth.may("demo"):
        ui.demo_loader()
        ui.table_clearer()
    else:
        auth.needs("demo")

    st.subheader(state.tr("data.settings_header"))
    codes = list(i18n.currency_codes())
    if state.currency() not in codes:  # a code saved before, no longer anyone's tender
        codes.append(state.currency())
    chosen = st.selectbox(
        state.tr("data.currency"),
        codes,
        index=codes.index(state.currency()),
        key="currency",
        disabled=not auth.may("settings"),
        format_func=partial(i18n.currency_label, lang=state.lang()),  # the run's language
    )
    if chosen != state.currency() and auth.check("settings"):
        database.put_setting(state.connection(), "currency", chosen)
        st.success(state.tr("data.currency_saved"))
    st.caption(state.tr("data.database", path=state.db_path()))
