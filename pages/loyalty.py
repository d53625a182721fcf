"""Loyalty (Interact): the loyalty ladder and moves on it, loyalty rates, cohorts, valuable unhappy."""

from datetime import timedelta

import streamlit as st

from dashboard.errors import DashboardError
from dashboard.figures import loyalty as figures
from dashboard.ui import charts, downloads, state, tables
from dashboard.ui import interact as ui

st.title(state.tr("loyalty.title"))
st.caption(state.tr("loyalty.intro"))
filters, lang, db, version = state.filters(), state.lang(), state.db_path(), state.version()
chart = {"config": {"displaylogo": False}}

latest = ui.latest_day(db, version)
if latest is None:
    st.info(state.tr("loyalty.title.no_buyers"))
    st.stop()
rules = ui.rules(db, version)

st.subheader(state.tr("loyalty.section.ladder"))
st.markdown(ui.rules_text(rules))
with st.expander(state.tr("loyalty.rules.edit")):
    ui.rules_form(rules)

after_default = min(filters.end or latest, latest)
left, right = st.columns(2)
before = left.date_input(
    state.tr("loyalty.control.before"),
    after_default - timedelta(days=91),
    key="ladder_before",
    max_value=latest,
    format=state.date_format(),
)
after = right.date_input(
    state.tr("loyalty.control.after"),
    after_default,
    key="ladder_after",
    max_value=latest,
    format=state.date_format(),
)
try:
    counts, movement, nps_buyers = ui.ladder_view(db, version, filters, before, after, rules)
except DashboardError as error:
    ui.show_error(error)
else:
    charts.show(st, figures.ladder_figure(counts, lang, nps_buyers), key="ladder", **chart)
    charts.show(st, figures.movement_figure(movement, lang), key="ladder_moves", **chart)

st.subheader(state.tr("loyalty.section.rates"))
rates, cohorts = ui.rates(db, version, filters)
charts.show(st, figures.rates_figure(rates, lang), key="loyalty_rates", **chart)
charts.show(st, figures.retention_figure(cohorts, lang), key="retention", **chart)

st.subheader(state.tr("loyalty.section.unhappy"))
if not ui.can_judge_unhappy(db, version):  # no NPS answer, no complaint: unknown, not zero
    st.info(state.tr("loyalty.unhappy.no_feedback"))
else:
    unhappy = ui.valuable_unhappy(db, version, filters)
    st.markdown(state.tr("loyalty.unhappy.explain", count=len(unhappy)))
    if not unhappy.empty:  # an empty grid would only say "empty" (Streamlit's word, in English)
        tables.show(
            unhappy,
            money=["revenue"],
            labels=ui.labels(unhappy),
            hide_index=True,
            key="unhappy_table",
            height=360,
        )
        downloads.csv_and_excel(unhappy, "valuable_unhappy", "unhappy", sheet="valuable_unhappy")
