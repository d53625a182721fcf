"""The Data page's import of several related files (a shop's export, or a zip of it): the files'
roles and the relations found, both correctable, the freight choice, and what each file gave."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import i18n, text_safety
from dashboard.errors import DashboardError
from dashboard.importer import parts, related, relations, uploads
from dashboard.store import database
from dashboard.ui import auth, state, tables
from dashboard.ui import data as ui

RESULT_KEY = "last_related_result"
#: Set when the last import of several files was of the parts of one table.
PARTS_KEY = "last_parts_import"
_NONE = "—"


def _role_name(role: str | None) -> str:
    return state.tr(f"related.role.{role}" if role else "related.role.none")


def _saved(files) -> list[uploads.SavedUpload] | None:
    """The uploads on disk (saved once per file); None, with the reason shown, if one is refused."""
    saved = st.session_state.setdefault("_related_uploads", {})
    wanted = {f.file_id for f in files}
    for file_id in [k for k in saved if k not in wanted]:
        uploads.remove(saved.pop(file_id))
    kept = []
    for f in files:
        upload = saved.get(f.file_id)
        if upload is None or not uploads.still_there(upload):
            try:
                upload = uploads.save(
                    f.getbuffer(), f.name, ui.upload_owner(), accepted=uploads.SET_SUFFIXES
                )
            except DashboardError as e:
                st.error(state.tr("data.import_failed", message=_error(e)))
                return None
            saved[f.file_id] = upload
        kept.append(upload)
    return kept


def _error(e: DashboardError) -> str:
    return text_safety.markdown_text(e.localized(state.lang()))


def _roles_editor(preview: related.SetPreview, key: str) -> dict:
    """The files and their roles, the role correctable: {file name: role or None}."""
    options = [_NONE, *relations.ROLES]
    name = state.labeler("related.role.")  # the language bound now
    frame = pd.DataFrame(
        {
            "file": [f.name for f in preview.files],
            "role": [f.role or _NONE for f in preview.files],
            "columns": [", ".join(f.meanings.values()) for f in preview.files],
        }
    )
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["file", "columns"],
        column_config={
            "file": st.column_config.TextColumn(state.tr("related.col.file")),
            "role": st.column_config.SelectboxColumn(
                state.tr("related.col.role"),
                options=options,
                required=True,
                format_func=lambda r: name("none" if r == _NONE else r),
            ),
            "columns": st.column_config.TextColumn(state.tr("related.col.columns")),
        },
    )
    return {row.file: (None if row.role == _NONE else row.role) for row in edited.itertuples()}


def _relations_editor(preview: related.SetPreview, key: str) -> list[str]:
    """The relations found, their key columns correctable: the corrections as
    ``"items.order_id=orders.order_id"``."""
    by_role = {f.role: f for f in preview.files if f.role}
    lang = state.lang()
    rows = [
        {
            "file": by_role[r.child].name,
            "column": r.child_column,
            "refers_to": by_role[r.parent].name,
            "key": r.parent_column,
            "matched": i18n.t(
                "related.matched",
                lang,
                matched=i18n.format_number(r.matched, lang),
                keys=i18n.format_number(r.keys, lang),
            )
            if r.keys is not None
            else _NONE,
        }
        for r in preview.relations
    ]
    if not rows:
        return []
    columns = sorted({c for f in preview.files for c in f.columns})
    edited = st.data_editor(
        pd.DataFrame(rows),
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["file", "refers_to", "matched"],
        column_config={
            "file": st.column_config.TextColumn(state.tr("related.col.file")),
            "column": st.column_config.SelectboxColumn(
                state.tr("related.col.column"), options=columns, required=True
            ),
            "refers_to": st.column_config.TextColumn(state.tr("related.col.refers_to")),
            "key": st.column_config.SelectboxColumn(
                state.tr("related.col.key"), options=columns, required=True
            ),
            "matched": st.column_config.TextColumn(state.tr("related.col.matched")),
        },
    )
    changes = []
    for r, row in zip(preview.relations, edited.itertuples(), strict=True):
        if (row.column, row.key) != (r.child_column, r.parent_column):
            changes.append(f"{r.child}.{row.column}={r.parent}.{row.key}")
    return changes


def import_kind() -> str:
    """'one' (a file into one table, as before) or 'set' (several related files), as chosen."""
    kind = st.radio(
        state.tr("related.kind"),
        ["one", "set"],
        key="import_kind",
        horizontal=True,
        format_func=state.labeler("related.kind."),
    )
    if kind == "set":
        st.caption(state.tr("related.intro"))
    return kind


def show_last() -> None:
    """The result of this session's last import of a set, if any."""
    if st.session_state.get(PARTS_KEY) and st.session_state.get("last_import_result"):
        ui.show_result(st.session_state["last_import_result"])
        ui.show_demo_reminder()
    elif st.session_state.get(RESULT_KEY):
        show_result(st.session_state[RESULT_KEY])
        if st.session_state[RESULT_KEY].get("prepared"):
            ui.show_prepared(st.session_state[RESULT_KEY]["prepared"])
        ui.show_demo_reminder()


def import_set() -> None:
    """Several uploads (or a zip) of one export: relations shown and correctable, then imported."""
    files = st.file_uploader(
        state.tr("related.upload"),
        type=[s.lstrip(".") for s in uploads.SET_SUFFIXES],
        accept_multiple_files=True,
        key=f"related_upload_{st.session_state.get('_related_round', 0)}",  # emptied when done
    )
    if not files:
        return
    saved = _saved(files)
    if saved is None:
        return
    run_key = "-".join(sorted(f.file_id for f in files))
    roles_key, links_key = f"_related_roles_{run_key}", f"_related_links_{run_key}"
    roles = st.session_state.get(roles_key)
    links = st.session_state.get(links_key, [])  # the relations corrected so far
    with tempfile.TemporaryDirectory(prefix="dashboard-set-") as folder:
        try:
            paths = related.gather([(u.path, u.name) for u in saved], Path(folder))
            if parts.same_table(paths):  # files with the same columns: parts of one table
                import_parts(saved, paths)
                return
            preview = related.inspect(state.cursor(), paths, roles=roles, overrides=links)
        except DashboardError as e:
            st.error(state.tr("data.import_failed", message=_error(e)))
            if not roles and not links:
                return
            # a role that cannot be: back to the guessed roles, with an editor of its own (the
            # old one holds the edit)
            st.session_state.pop(roles_key, None)
            st.session_state.pop(links_key, None)
            st.session_state["_related_resets"] = st.session_state.get("_related_resets", 0) + 1
            roles, links = None, []
            try:
                preview = related.inspect(state.cursor(), paths)
            except DashboardError:
                return
        st.subheader(state.tr("related.files"))
        st.caption(state.tr("related.files_help"))
        resets = st.session_state.get("_related_resets", 0)
        chosen = _roles_editor(preview, key=f"related_roles_{run_key}_{resets}")
        guessed = {f.name: f.role for f in preview.files}
        if chosen != guessed:
            st.session_state[roles_key] = {**(roles or {}), **chosen}
            st.rerun()
        if preview.remembered:
            st.caption(state.tr("related.remembered"))
        st.subheader(state.tr("related.relations"))
        st.caption(state.tr("related.relations_help"))
        changes = _relations_editor(preview, key=f"related_relations_{run_key}_{resets}_{roles}")
        if changes:  # shown again with the keys found under the corrected columns
            st.session_state[links_key] = [*links, *changes]
            st.rerun()
        if preview.missing:
            st.warning(
                state.tr("related.missing", roles=", ".join(_role_name(r) for r in preview.missing))
            )
        freight = st.radio(
            state.tr("related.freight"),
            list(related.FREIGHT_CHOICES),
            key="related_freight",
            horizontal=True,
            format_func=state.labeler("related.freight."),
        )
        clicked = st.button(
            state.tr("related.import_button"),
            type="primary",
            disabled=bool(preview.missing),
            key="related_import",
        )
        if not clicked or not auth.check("import"):
            return
        with st.spinner(state.tr("related.importing", count=len(paths))):
            try:
                result = related.import_related(
                    state.connection(), paths, roles=roles, overrides=links, freight=freight
                )
            except DashboardError as e:
                st.error(state.tr("data.import_failed", message=_error(e)))
                return
    if not result.already_imported:
        auth.record(
            "import",
            f"{len(paths)} related files → transactions, customers, feedback",
            rows=result.transactions + result.feedback,
            conn=state.connection(),
        )
    for upload in saved:
        uploads.remove(upload)
    st.session_state.pop("_related_uploads", None)
    prepared = {} if result.already_imported else ui.prepare_pages()  # a large business's pages
    st.session_state[RESULT_KEY] = result.as_dict() | prepared
    st.session_state.pop(PARTS_KEY, None)
    st.session_state["_related_round"] = st.session_state.get("_related_round", 0) + 1
    st.rerun()  # the sidebar and every page now show the new data


def import_parts(saved: list[uploads.SavedUpload], paths: list[tuple[Path, str]]) -> None:
    """Files with the same columns (the parts of one export): mapped once, from the first, and
    imported as one table, all or nothing, with a progress bar."""
    lang = state.lang()
    st.info(state.tr("related.parts", count=len(paths)))
    first = uploads.SavedUpload(paths[0][0], paths[0][1], saved[0].owner, saved[0].size)
    guess = ui.preview(first, None)
    if guess is None:
        return
    table_names = list(database.DATA_TABLES)
    key = "-".join(sorted(str(p) for p, _ in paths))
    table = st.selectbox(
        state.tr("data.table"),
        table_names,
        index=table_names.index(guess.suggested_table),
        format_func=lambda t: i18n.t(f"common.table.{t}", lang),
        key=f"parts_table_{key}",
    )
    file_preview = ui.preview(first, table)
    if file_preview is None:
        return
    st.subheader(state.tr("data.mapping"))
    mapping = ui.mapping_editor(file_preview, table, key=f"parts_mapping_{key}_{table}")
    missing = ui.missing_required(mapping, table)
    if missing:
        st.warning(state.tr("data.required_missing", fields=", ".join(missing)))
    mode = st.radio(
        state.tr("data.mode"),
        ["append", "replace"],
        key="parts_mode",
        horizontal=True,
        format_func=lambda m: i18n.t(f"data.mode.{m}", lang),
    )
    clicked = st.button(
        state.tr("related.parts_button", count=len(paths)), type="primary",
        disabled=bool(missing), key="parts_import",
    )  # fmt: skip
    name = f"{paths[0][1]} (+{len(paths) - 1})"
    if not clicked or not ui.run_import(
        first, table, mapping, mode, file_preview.date_format, False, parts=paths, name=name
    ):
        return
    for upload in saved:
        uploads.remove(upload)
    st.session_state.pop("_related_uploads", None)
    st.session_state[PARTS_KEY] = True
    st.session_state.pop(RESULT_KEY, None)
    st.session_state["_related_round"] = st.session_state.get("_related_round", 0) + 1
    st.rerun()  # the sidebar and every page now show the new data


def show_result(result: dict) -> None:
    """What the last import of a set gave: the totals, cancellations, the payments check and
    each file's report."""
    lang = state.lang()
    code = state.currency()

    def money(value) -> str:
        return i18n.format_money(value, lang, code, decimals=2)

    def number(value) -> str:
        return i18n.format_number(value, lang)

    if result["already_imported"]:
        st.info(state.tr("related.already"))
        return
    st.success(
        state.tr(
            "related.imported",
            rows=number(result["transactions"]),
            orders=number(result["orders"]),
            revenue=money(result["revenue"]),
            feedback=number(result["feedback"]),
            customers=number(result["customers_added"]),
        )
    )
    if result["cancelled_orders"]:
        st.info(
            state.tr(
                "related.cancelled",
                orders=number(result["cancelled_orders"]),
                rows=number(result["cancellation_rows"]),
                revenue=money(result["cancelled_revenue"]),
            )
        )
    if result["freight"] == "separate" and result["freight_total"]:
        st.caption(state.tr("related.freight_kept", amount=money(result["freight_total"])))
    payments = result.get("payments") or {}
    if payments.get("orders_differing"):
        st.warning(
            state.tr(
                "related.payments_differ",
                orders=number(payments["orders_differing"]),
                checked=number(payments["orders_checked"]),
                difference=money(payments["difference"]),
            )
        )
        st.caption(state.tr("related.differences"))
        tables.show(
            pd.DataFrame(payments["examples"]),
            money=["paid", "items", "difference"],
            labels={
                "order_id": state.tr("related.col.order"),
                "paid": state.tr("related.col.paid"),
                "items": state.tr("related.col.items"),
                "difference": state.tr("related.col.difference"),
            },
            values=(),
            hide_index=True,
        )
    elif payments.get("orders_checked"):
        st.caption(state.tr("related.payments_agree", checked=number(payments["orders_checked"])))
    st.subheader(state.tr("related.report"))
    rows = [
        {
            "file": f["file_name"],
            "role": _role_name(f["role"]),
            "rows": f["rows"],
            "used": f["used"],
            "left_out": "; ".join(
                f"{state.tr('related.reason.' + reason)}: {number(n)}"
                for reason, n in f["left_out"].items()
            ),
        }
        for f in result["files"]
    ]
    tables.show(
        pd.DataFrame(rows),
        labels={
            "file": state.tr("related.col.file"),
            "role": state.tr("related.col.role"),
            "rows": state.tr("related.col.rows"),
            "used": state.tr("related.col.used"),
            "left_out": state.tr("related.col.left_out"),
        },
        values=(),
        hide_index=True,
    )
