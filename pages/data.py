"""Data: import files, see the import log, load demo data, clear a table, settings."""

import streamlit as st

from dashboard import demo, i18n, storage
from dashboard.ui import data as ui
from dashboard.ui import state, tables


def import_upload(upload) -> None:
    """Preview, map and import one uploaded file (a file that cannot be read says why)."""
    lang = state.lang()
    path = ui.save_upload(upload)
    guess = ui.preview(path, None)
    if guess is None:
        return
    table_names = list(storage.DATA_TABLES)
    table = st.selectbox(
        state.tr("data.table"),
        table_names,
        index=table_names.index(guess.suggested_table),
        format_func=lambda t: i18n.t(f"common.table.{t}", lang),
        key="import_table",
    )
    st.caption(
        state.tr("data.table_suggested", table=state.tr(f"common.table.{guess.suggested_table}"))
    )
    file_preview = ui.preview(path, table)
    if file_preview is None:
        return
    st.caption(
        state.tr(
            "data.detected",
            format=file_preview.format,
            encoding=file_preview.encoding or "—",
            delimiter=repr(file_preview.delimiter) if file_preview.delimiter else "—",
            decimal=state.tr("data.decimal_comma") if file_preview.decimal_comma else "",
            rows=i18n.format_number(file_preview.rows, lang),
        )
    )
    st.subheader(state.tr("data.preview"))
    tables.show(file_preview.sample, hide_index=True, width="stretch")
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
    if clicked and ui.run_import(path, table, mapping, mode, date_format, keep_duplicates):
        st.rerun()  # the sidebar and every page now show the new data


st.title(state.tr("data.title"))
st.write(state.tr("data.intro"))
lang = state.lang()
ui.show_flash()
tab_import, tab_log, tab_manage = st.tabs(
    [state.tr("data.tab.import"), state.tr("data.tab.log"), state.tr("data.tab.manage")]
)

with tab_import:
    upload = st.file_uploader(state.tr("data.upload"), type=ui.UPLOAD_TYPES, key="upload")
    if upload is not None:
        import_upload(upload)
    if st.session_state.get("last_import_result"):
        ui.show_result(st.session_state["last_import_result"])

with tab_log:
    ui.show_import_log()

with tab_manage:
    st.subheader(state.tr("data.demo_header"))
    st.caption(state.tr("data.demo_help"))
    left, right = st.columns(2)
    customers = left.number_input(
        state.tr("data.demo_customers"),
        min_value=100,
        max_value=1_000_000,
        value=demo.DEFAULT_CUSTOMERS,
        step=1000,
        key="demo_customers",
    )
    seed = right.number_input(state.tr("data.demo_seed"), min_value=0, value=42, key="demo_seed")
    confirm_demo = st.checkbox(state.tr("data.demo_confirm"), key="demo_confirm")
    if st.button(state.tr("data.demo_button"), disabled=not confirm_demo, key="demo_load"):
        with st.spinner(state.tr("common.loading_demo")):
            loaded = demo.load_demo(state.connection(), customers=int(customers), seed=int(seed))
        ui.flash(
            state.tr(
                "data.demo_done",
                customers=i18n.format_number(loaded["customers"], lang),
                transactions=i18n.format_number(loaded["transactions"], lang),
            )
        )

    st.subheader(state.tr("data.clear_header"))
    counts = state.summary()["rows"]
    clear = st.selectbox(
        state.tr("data.table"),
        storage.DATA_TABLES,
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
    if st.button(state.tr("data.clear_button"), disabled=not confirm_clear, key="clear"):
        deleted = storage.clear_table(state.connection(), clear)
        ui.flash(
            state.tr(
                "data.cleared",
                rows=i18n.format_number(deleted, lang),
                table=state.tr(f"common.table.{clear}"),
            )
        )

    st.subheader(state.tr("data.settings_header"))
    codes = list(i18n.CURRENCY_SYMBOLS)
    chosen = st.selectbox(
        state.tr("data.currency"),
        codes,
        index=codes.index(state.currency()),
        key="currency",
        format_func=lambda c: f"{c} ({i18n.CURRENCY_SYMBOLS[c]})",
    )
    if chosen != state.currency():
        storage.put_setting(state.connection(), "currency", chosen)
        st.success(state.tr("data.currency_saved"))
    st.caption(state.tr("data.database", path=state.db_path()))
