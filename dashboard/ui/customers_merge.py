"""Merging likely duplicates on the Customers page: choose the survivor, see what moves, merge;
the list of past merges with Undo."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError
from dashboard.figures import customers as figures
from dashboard.i18n import format_datetime, format_number
from dashboard.identify import merge
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, state, tables

FLASH_KEY = "customer_merge_flash"
#: Changing data needs the role that imports (dashboard.access.roles).
PERMISSION = "import"
PREVIEW_COLUMNS = ("customer_id", "role", *merge.COUNTS, "revenue")
LOG_COLUMNS = ("merge_id", "merged_at", "actor", "into_id", "merged_ids", *merge.COUNTS, "status")


@st.cache_data(show_spinner=False, max_entries=64)
def load_preview(db: str, version: int, into_id: str, ids: tuple[str, ...]) -> dict:
    """What merging ``ids`` into ``into_id`` would move (per data version)."""
    return merge.merge_preview(state.cursor(), into_id, list(ids))


@st.cache_data(show_spinner=False, max_entries=16)
def load_merges(db: str, version: int) -> pd.DataFrame:
    """The merges, newest first (every merge and undo bumps the version)."""
    return merge.list_merges(state.cursor())


def _keys() -> tuple[str, int]:
    return state.db_path(), state.version()


def _actor() -> str:
    who = auth.user()
    return who.actor if who else "anonymous"


def _finish(message: str) -> None:
    """Remember what was done and run the page again: every figure shows the new data."""
    st.session_state[FLASH_KEY] = message
    st.rerun()


def show_flash() -> None:
    """The message of the last merge or undo (once)."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def _forget_gone(key: str, options) -> None:
    """Drop a kept choice that is no longer offered (a group merged, a merge undone), so the
    select box starts from its first option instead of refusing the old value."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def _group_labels(by_group: dict[int, pd.DataFrame]) -> dict[int, str]:
    """Each group's option text, built now: a select box's ``format_func`` may run outside the
    session (so it must not ask the session for its language)."""
    lang, labels = state.lang(), {}
    for group_id, rows in by_group.items():
        reasons = ", ".join(
            figures.attribute_label(r, lang) for r in rows["matched_on"].iloc[0].split(", ")
        )
        ids = ", ".join(str(i) for i in rows["customer_id"])
        labels[group_id] = state.tr(
            "customers.merge.group_option", group=group_id, ids=ids, reasons=reasons
        )
    return labels


def merge_form(groups: pd.DataFrame) -> None:
    """One group of the duplicates list at a time: the surviving id, what moves, a confirming
    tick and the merge button (for the roles that may change data)."""
    st.markdown(f"**{state.tr('customers.merge.header')}**")
    st.caption(state.tr("customers.merge.intro"))
    if not auth.may(PERMISSION):
        auth.needs(PERMISSION)
        return
    by_group = {int(g): rows for g, rows in groups.groupby("group_id", sort=True)}
    _forget_gone("merge_group", by_group)
    labels = _group_labels(by_group)
    group = st.selectbox(
        state.tr("customers.merge.group"),
        list(by_group),
        key="merge_group",
        format_func=lambda g: labels.get(g, str(g)),
    )
    ids = [str(i) for i in by_group[group]["customer_id"]]  # most revenue first
    _forget_gone(f"merge_survivor_{group}", ids)
    survivor = st.selectbox(
        state.tr("customers.merge.survivor"),
        ids,
        key=f"merge_survivor_{group}",
        help=state.tr("customers.merge.survivor_help"),
    )
    try:
        preview = load_preview(*_keys(), survivor, tuple(ids))
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    _preview_table(preview)
    moves, lang = preview["moves"], state.lang()
    st.caption(
        state.tr(
            "customers.merge.moves",
            survivor=markdown_text(survivor),
            transactions=format_number(moves["transactions"], lang),
            feedback=format_number(moves["feedback"], lang),
            contacts=format_number(moves["interactions"], lang),
            campaigns=format_number(moves["campaign_members"], lang),
            records=format_number(moves["customers"], lang),
        )
    )
    confirm = st.checkbox(
        state.tr(
            "customers.merge.confirm",
            count=len(preview["merged"]),
            survivor=markdown_text(survivor),
        ),
        key=f"merge_confirm_{group}_{survivor}",
    )
    clicked = st.button(
        state.tr("customers.merge.button"), type="primary", disabled=not confirm, key="merge_go"
    )
    if clicked and auth.check(PERMISSION):
        _merge(survivor, ids)


def _preview_table(preview: dict) -> None:
    per_id = preview["per_id"].assign(
        role=[
            state.tr("customers.merge.role.survivor" if s else "customers.merge.role.merged")
            for s in preview["per_id"]["survivor"]
        ]
    )
    tables.show(
        per_id[list(PREVIEW_COLUMNS)],
        money=["revenue"],
        labels={c: state.tr(f"customers.merge.col.{c}") for c in PREVIEW_COLUMNS},
        hide_index=True,
        width="stretch",
    )


def _merge(survivor: str, ids: list[str]) -> None:
    conn = state.connection()
    try:
        done = merge.merge_customers(conn, survivor, ids, actor=_actor())
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    merged = ", ".join(done["merged"])
    auth.record(
        "customer_merge",
        f"#{done['merge_id']} {merged} → {survivor}",
        rows=sum(done["moved"].values()),
        conn=conn,
    )
    _finish(
        state.tr(
            "customers.merge.done",
            merge_id=done["merge_id"],
            ids=markdown_text(merged),
            survivor=markdown_text(survivor),
            rows=sum(done["moved"][t] for t in merge.MOVED_TABLES),
        )
    )


def _status(row) -> str:
    if pd.isna(row["undone_at"]):
        return state.tr("customers.merges.standing")
    return state.tr(
        "customers.merges.undone_status",
        at=format_datetime(pd.Timestamp(row["undone_at"]).to_pydatetime(), state.lang()),
        actor=row["undone_by"],
    )


def past_merges() -> None:
    """Every merge, newest first, and an Undo for one that stands."""
    st.markdown(f"**{state.tr('customers.merges.header')}**")
    try:
        merges = load_merges(*_keys())
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    if merges.empty:
        st.caption(state.tr("customers.merges.none"))
        return
    shown = merges.assign(status=[_status(row) for _, row in merges.iterrows()])
    tables.show(
        shown[list(LOG_COLUMNS)],
        dates=[],
        labels={c: state.tr(f"customers.merges.col.{c}") for c in LOG_COLUMNS},
        column_config={
            "merged_at": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        },
        hide_index=True,
        width="stretch",
    )
    standing = merges[merges["undone_at"].isna()]
    if standing.empty:
        return
    if not auth.may(PERMISSION):
        auth.needs(PERMISSION)
        return
    options = {
        int(row["merge_id"]): state.tr(
            "customers.merges.option",
            merge_id=int(row["merge_id"]),
            ids=row["merged_ids"],
            survivor=row["into_id"],
        )
        for _, row in standing.iterrows()
    }
    _forget_gone("unmerge_pick", options)
    chosen = st.selectbox(
        state.tr("customers.merges.undo_pick"),
        list(options),
        key="unmerge_pick",
        format_func=lambda m: options.get(m, str(m)),
    )
    if st.button(state.tr("customers.merges.undo_button"), key="unmerge_go") and auth.check(
        PERMISSION
    ):
        _undo(chosen)


def _undo(merge_id: int) -> None:
    conn = state.connection()
    try:
        undone = merge.undo_merge(conn, merge_id, actor=_actor())
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    ids = ", ".join(undone["merged"])
    auth.record(
        "customer_unmerge",
        f"#{merge_id} {ids} ← {undone['into']}",
        rows=sum(undone["restored"].values()),
        conn=conn,
    )
    _finish(
        state.tr(
            "customers.merges.undone",
            merge_id=merge_id,
            ids=markdown_text(ids),
            survivor=markdown_text(undone["into"]),
        )
    )
