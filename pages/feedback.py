"""Feedback (Interact): what customers tell us, the complaint iceberg, resolution, NPS, potential."""

import streamlit as st

from dashboard import i18n
from dashboard.figures import feedback as figures
from dashboard.figures import feedback_text
from dashboard.reporting import export
from dashboard.ui import charts, downloads, state, tables
from dashboard.ui import interact as ui

st.title(state.tr("feedback.title"))
st.caption(state.tr("feedback.intro"))
filters, lang, db, version = state.filters(), state.lang(), state.db_path(), state.version()
chart = {"config": {"displaylogo": False}}

left, middle, right = st.columns(3)
with left:
    freq = st.radio(
        state.tr("feedback.control.freq"),
        ["month", "week"],
        horizontal=True,
        key="fb_freq",
        format_func=state.labeler("feedback.control.freq."),
    )
with middle:
    measure = st.radio(
        state.tr("feedback.control.measure"),
        ["count", "per_1000_active"],
        horizontal=True,
        key="fb_measure",
        format_func=state.labeler("feedback.control.measure."),
    )
with right:
    split = ui.split_choice(db, version)

trend = ui.trend(db, version, filters, freq, split)
if trend.empty:
    st.info(state.tr("feedback.note.no_feedback"))
    st.stop()
split_kind = ui.kind_choice(ui.ordered_kinds(trend["kind"]), key="fb_split_kind") if split else None
charts.show(
    st, figures.trend_figure(trend, lang, measure, split, split_kind), key="fb_trend", **chart
)

in_lake = ui.feedback_in_lake(db, version)  # each complaint and text stay in the lake
ui.complaints_section(db, version, filters, freq, chart, in_lake)

st.subheader(state.tr("feedback.section.nps"))
nps_summary, nps_trend, ratings = ui.nps(db, version, filters, freq)
ui.nps_metrics(nps_summary)
charts.show(st, figures.nps_figure(nps_trend, lang), key="fb_nps", **chart)
charts.show(st, figures.rating_figure(ratings, lang), key="fb_ratings", **chart)

if not in_lake:
    ui.terms_section(db, version, filters, freq, chart)

st.subheader(state.tr("feedback.section.potential"))
st.markdown(state.tr("feedback.potential.explain"))
score = st.radio(
    state.tr("feedback.control.score"),
    ["information_score", "cooperation_score"],
    horizontal=True,
    key="fb_score",
    format_func=state.labeler("feedback.axis."),
)
charts.show(
    st,
    feedback_text.potential_figure(ui.potential_sample(db, version, filters), score, lang),
    key="fb_potential",
    **chart,
)
ranked, total = ui.top_potential(db, version, filters, score)  # the rows shown, and the count
tables.show(
    ranked,  # a few thousand rows would cost every rerun a second
    money=["revenue", "profit"],
    percent=["responsiveness"],  # feedback items per order, at most 1
    decimals={"responsiveness": 0, "information_points": 1, "cooperation_points": 1}
    | {"information_score": 0, "cooperation_score": 0},
    labels=ui.labels(ranked),
    hide_index=True,
    key="fb_potential_table",
    height=320,
)
if total > len(ranked):
    st.caption(
        state.tr(
            "feedback.potential.top",
            shown=i18n.format_number(len(ranked), lang),
            total=i18n.format_number(total, lang),
        )
    )
downloads.customer_list(
    st,
    state.tr("feedback.potential.download"),
    ui.potential_download(filters, score),  # every customer, read when clicked
    export.to_csv_bytes,
    "customer_potential.csv",
    "text/csv",
    "fb_potential_csv",
)
