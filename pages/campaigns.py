"""Campaigns (Customize): turn a pick or a tier into a campaign with a control group, export its
audience, and measure its response against the control group."""

from datetime import date

import streamlit as st

from dashboard.errors import DashboardError
from dashboard.i18n import format_number
from dashboard.text_safety import markdown_text
from dashboard.ui import campaign_results as results
from dashboard.ui import campaigns as ui
from dashboard.ui import state

st.title(state.tr("campaigns.title"))
st.caption(state.tr("campaigns.intro"))

ui.messages()
saved, kept = ui.saved_campaigns(), ui.kept_picks()
if ui.create_form(expanded=saved.empty, kept=kept):
    saved = ui.saved_campaigns()  # with the campaign just made

if saved.empty:
    st.info(state.tr("campaigns.none"))
    st.stop()

st.subheader(state.tr("campaigns.list"))
ui.campaign_table(saved, kept)
campaign_id = ui.choose(saved)

try:
    result = ui.measurement(state.db_path(), state.version(), campaign_id, date.today())
except DashboardError as e:
    st.error(markdown_text(e.localized(state.lang())))
    st.stop()

ui.header(result["campaign"], kept)
if results.status(result):
    results.kpis(result)
    results.charts_row(result)
else:
    results.sizes(result)

st.subheader(state.tr("campaigns.audience"))
reach = ui.reach(campaign_id)
st.caption(
    state.tr(
        "campaigns.audience_help",
        customers=format_number(reach["customers"], state.lang()),
        email=format_number(reach["email"], state.lang()),
        phone=format_number(reach["phone"], state.lang()),
        control=format_number(result["groups"]["control"]["customers"], state.lang()),
    )
)
if reach["customers"] and not (reach["email"] or reach["phone"]):
    st.warning(state.tr("campaigns.no_contacts"), icon=":material/contact_mail:")
ui.downloads(campaign_id)
ui.delete_section(result["campaign"])
