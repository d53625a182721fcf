"""Customers (Identify): find a customer, see their profile, check identification and duplicates."""

import streamlit as st

from dashboard.ui import customers as view
from dashboard.ui import customers_merge as merges
from dashboard.ui import state

st.title(state.tr("customers.title"))
st.caption(state.tr("customers.intro"))
period = state.filters()

find_tab, quality_tab, duplicates_tab = st.tabs(
    [
        state.tr("customers.tab.find"),
        state.tr("customers.tab.quality"),
        state.tr("customers.tab.duplicates"),
    ]
)

with find_tab:
    query = view.search_box()
    matches = view.matches_table(query, period)
    chosen = view.pick_customer(matches)
    if chosen:
        view.profile(chosen, period)

with quality_tab:
    view.quality(period)

with duplicates_tab:
    view.duplicates(period)
    merges.past_merges()
