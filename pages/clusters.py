"""Clusters (Differentiate by needs): choose features, run, read, pick and export clusters."""

import streamlit as st

from dashboard.ui import clusters as view
from dashboard.ui import clusters_pick as pick
from dashboard.ui import state

st.title(state.tr("clusters.title"))
st.caption(state.tr("clusters.intro"))

with st.expander(state.tr("clusters.settings"), expanded=True):
    again = view.queued_rerun()  # a stale run's "Run again" button
    settings = view.settings_form() or again
    if settings:
        view.run_clustering(settings)
    elif view.no_runs_yet():
        st.info(state.tr("clusters.first_run"))
        view.run_clustering(view.default_settings(), first=True)
    elif view.only_runs_of_gone_customers():
        st.info(state.tr("clusters.first_run_again"))
        view.run_clustering(view.default_settings(), first=True)

run_id = view.pick_run()
if run_id is not None:
    run = view.load_run(state.db_path(), run_id)
    names = view.names(run_id)
    view.run_header(run)
    with st.expander(state.tr("clusters.k_choice"), expanded=bool(run["k_auto"])):
        view.k_choice(run)

    st.subheader(state.tr("clusters.profiles"))
    from_table = view.cluster_table(run, names)
    view.rename_form(run_id, names)

    st.subheader(state.tr("clusters.map"))
    from_map = pick.customer_map(run, names)
    pick.picked(run, sorted(set(from_table) | set(from_map)), names)

    view.profile_charts(run, names)
    st.subheader(state.tr("clusters.tiers"))
    pick.tiers_chart(run, names)
    with st.expander(state.tr("clusters.compare")):
        pick.compare(run_id, names)
