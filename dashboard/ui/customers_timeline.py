"""The customer profile's timeline: every channel's events in one chart and one table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError
from dashboard.figures import timeline as figures
from dashboard.figures.theme import FEEDBACK_KINDS
from dashboard.identify import timeline
from dashboard.store import computed
from dashboard.store.filters import Filters
from dashboard.text_safety import markdown_text
from dashboard.ui import campaigns, charts, state, tables

#: The timeline table's columns, in the order a reader scans them.
COLUMNS = ("occurred_at", "event", "channel", "kind", "detail", "amount", "score", "order_id")


@st.cache_data(show_spinner=False, max_entries=256)
def load_timeline(
    db: str, version: int, customer_id: str, filters: Filters, campaign_ids: tuple
) -> pd.DataFrame:
    """One customer's events (cached per data version and the saved campaigns, which a new
    campaign changes without bumping the version)."""
    return timeline.customer_timeline(state.cursor(), customer_id, filters)


def _readable(events: pd.DataFrame, saved: pd.DataFrame) -> pd.DataFrame:
    """The events with their kinds, groups and campaign names in the reader's language."""
    names = {int(row["campaign_id"]): campaigns.campaign_name(row) for _, row in saved.iterrows()}
    kinds, details = [], []
    for event, kind, detail, campaign_id in zip(
        events["event"], events["kind"], events["detail"], events["campaign_id"], strict=True
    ):
        if event in ("campaign", "response"):
            kinds.append(state.tr(f"campaigns.group.{kind}"))
            details.append(names.get(int(campaign_id), detail))
        else:
            known = event == "feedback" and kind in FEEDBACK_KINDS
            kinds.append(state.tr(f"customers.kind.{kind}") if known else kind)
            details.append(detail)
    return events.assign(kind=kinds, detail=details)


def section(customer_id: str, filters: Filters) -> None:
    """The timeline under a profile: a chart of every event and the table of them, newest first."""
    st.markdown(f"**{state.tr('customers.timeline.header')}**")
    saved = campaigns.saved_campaigns()
    try:
        events = load_timeline(
            state.db_path(),
            state.version(),
            customer_id,
            filters,
            tuple(int(i) for i in saved["campaign_id"]),
        )
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    if events.empty:
        lake = computed.lines_elsewhere(state.cursor())  # the lines stayed on Spark's side
        st.caption(state.tr("spark.no_lines" if lake else "customers.timeline.none"))
        return
    events = _readable(events, saved)
    fig = figures.timeline_figure(events, state.lang(), state.currency())
    charts.show(st, fig, key="customer_timeline", width="stretch")
    if len(events) >= timeline.DEFAULT_LIMIT:
        st.caption(state.tr("customers.timeline.limited", events=timeline.DEFAULT_LIMIT))
    shown = events.assign(event=[figures.event_label(e, state.lang()) for e in events["event"]])
    tables.show(
        shown[list(COLUMNS)],
        money=["amount"],
        dates=["occurred_at"],
        labels={c: state.tr(f"customers.timeline.col.{c}") for c in COLUMNS},
        hide_index=True,
        width="stretch",
    )
