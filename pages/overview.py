"""Overview: the period's KPIs, who makes the money and who costs it, and what customers say."""

import streamlit as st

from dashboard import i18n
from dashboard.figures import feedback as feedback_figures
from dashboard.ui import charts, future, present, state
from dashboard.ui import overview as ui

present.title_with_button(state.tr("overview.title"), key="overview_present")
filters = state.filters()
lang, db, version = state.lang(), state.db_path(), state.version()
if filters.start:
    st.caption(
        state.tr(
            "overview.subtitle"
            if ui.has_earlier_data(db, version, filters)
            else "overview.subtitle_nothing_before",
            start=i18n.format_date(filters.start, lang),
            end=i18n.format_date(filters.end, lang),
            days=(filters.end - filters.start).days + 1,
        )
    )

ui.kpi_cards(ui.kpis(db, version, filters))
ui.cost_note(ui.known_cost_share(db, version, filters))
future.year_ahead_card(filters)

shares = ui.tier_shares(db, version, filters)
sentence = ui.story(shares)
if sentence is None:
    st.info(state.tr("common.no_data"))
    st.stop()

left, right = st.columns(2, gap="large")
with left:
    st.subheader(state.tr("overview.tiers_header"))
    st.markdown(sentence)
    charts.show(
        st,
        ui.tier_share_figure(shares),
        half=True,
        key="overview_tiers",
        config={"displaylogo": False},
    )
    st.page_link(
        "pages/pyramid.py", label=state.tr("overview.more_pyramid"), icon=":material/arrow_forward:"
    )
with right:
    st.subheader(state.tr("overview.feedback_header"))
    trend = ui.feedback_trend(db, version, filters)
    if trend.empty or trend["count"].sum() == 0:
        st.info(state.tr("overview.no_feedback"))
    else:
        charts.show(
            st,
            feedback_figures.trend_figure(trend, lang=lang),
            half=True,
            key="overview_feedback",
            config={"displaylogo": False},
        )
    st.page_link(
        "pages/feedback.py",
        label=state.tr("overview.more_feedback"),
        icon=":material/arrow_forward:",
    )

st.download_button(
    state.tr("report.download"),
    ui.report_builder(filters),  # a callable: the report is built only when clicked
    file_name=ui.report_file_name(filters),
    mime="text/html",
    key="overview_report",
    help=state.tr("report.download_help"),
    icon=":material/download:",
    on_click="ignore",
)
