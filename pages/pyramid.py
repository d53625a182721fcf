"""Customer pyramid: tiers by value, their shares, costs and strategies, the whale curve, migration."""

import streamlit as st

from dashboard.errors import DashboardError
from dashboard.text_safety import markdown_text
from dashboard.ui import present, state, wallet
from dashboard.ui import pyramid as ui
from dashboard.ui import pyramid_editors as editors
from dashboard.ui import pyramid_sections as sections

present.title_with_button(state.tr("pyramid.title"), key="pyramid_present")

try:
    view = ui.controls()
except DashboardError as e:
    st.error(markdown_text(e.localized(state.lang())))
    st.stop()

st.caption(state.tr("pyramid.caption", measure=state.tr(f"pyramid.measure.{view.by}")))
if view.by == "predicted_value":
    st.caption(state.tr("pyramid.by_predicted"))

try:
    shares = ui.tier_shares(*ui.cache_key(), view)
except DashboardError as e:
    st.error(markdown_text(e.localized(state.lang())))
    st.stop()

if shares.customers.iloc[:4].sum() == 0:
    st.info(state.tr("pyramid.nobody"))
else:
    sections.headline(shares, view.by)
    sections.costs(shares)
    sections.strategies(shares)
    sections.drill_down(view)
    sections.whale_section(view)
    try:
        sections.migration_section(view)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
    editors.rfm_section(view)
    wallet.pyramid_section(view)

editors.cost_model_editor(view.model)
