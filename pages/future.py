"""Future value (Differentiate): who will buy again, who is slipping away, what each customer is
worth ahead; the model's holdout check first, and no numbers when its data check fails."""

import streamlit as st

from dashboard.errors import DashboardError
from dashboard.text_safety import markdown_text
from dashboard.ui import future as ui
from dashboard.ui import state

st.title(state.tr("future.title"))
st.caption(state.tr("future.intro"))

settings = ui.settings_form()
filters = state.filters()
try:
    fc = ui.forecast(filters, settings)
except DashboardError as e:
    st.error(markdown_text(e.localized(state.lang())))
    st.stop()

if not fc.check.ok:
    ui.refused(fc)
    st.stop()

st.caption(ui.as_of_text(fc))
ui.validation(fc)
ui.alive_section(filters, settings)
ui.ahead_section(filters, settings, fc)
ui.at_risk_section(filters, settings, fc)
ui.model_section(fc)
