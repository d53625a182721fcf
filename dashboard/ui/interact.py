"""Cached loaders and controls of the Feedback and Loyalty pages (the Interact step of IDIC)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.errors import DashboardError
from dashboard.feedback import complaints, potential, text_terms, trends
from dashboard.figures import feedback_complaints as complaint_figures
from dashboard.figures import feedback_text
from dashboard.figures.feedback import group_label, kind_label
from dashboard.i18n import format_date, format_month, format_number, format_percent
from dashboard.loyalty import ladder, retention
from dashboard.store import computed
from dashboard.store.filters import Filters
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, charts, state, tables

#: At most this many customers are drawn in a potential scatter (the download lists them all).
SCATTER_POINTS = 4000

# --- cached loaders: each takes the database, the data version and plain values ---


@st.cache_data(show_spinner=False, max_entries=16)
def trend(db: str, data_version: int, filters: Filters, freq: str, split: str | None):
    """Feedback per period and kind (split by tier, cluster or channel)."""
    return trends.trend(state.cursor(), filters, freq, split)


@st.cache_data(show_spinner=False, max_entries=4)
def has_clusters(db: str, data_version: int) -> bool:
    """Whether a clustering run is saved."""
    return trends.cluster_assignments_sql(state.cursor()) is not None


@st.cache_data(show_spinner=False, max_entries=4)
def feedback_in_lake(db: str, data_version: int) -> bool:
    """True when the lines live in a data lake (only Spark's answers are in the file) and the
    file holds no feedback row: the views that read each complaint and text have nothing to
    read, and the page says so rather than show empty charts."""
    conn = state.cursor()
    if not computed.lines_elsewhere(conn):
        return False
    return not conn.execute("SELECT EXISTS (SELECT 1 FROM feedback)").fetchone()[0]


@st.cache_data(show_spinner=False, max_entries=16)
def iceberg(db: str, data_version: int, filters: Filters, freq: str, share: float):
    """(per period, per tier, the whole range's total) icebergs."""
    conn = state.cursor()
    return (
        complaints.complaint_iceberg(conn, filters, freq, share),
        complaints.iceberg_by_tier(conn, filters, share),
        complaints.iceberg_summary(conn, filters, share),
    )


def iceberg_basis(total: dict) -> None:
    """Below the iceberg, when most complaints are anonymous: what its estimate rests on."""
    basis = complaints.iceberg_basis(total, state.lang())
    if basis:
        st.info(basis, icon=":material/info:")


@st.cache_data(show_spinner=False, max_entries=16)
def resolution(db: str, data_version: int, filters: Filters):
    """(summary, by tier, open complaints, tier 1-2 first)."""
    conn = state.cursor()
    return (
        complaints.resolution_summary(conn, filters),
        complaints.resolution_by_tier(conn, filters),
        complaints.open_complaints(conn, filters),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def nps(db: str, data_version: int, filters: Filters, freq: str):
    """(summary, per period, 1-5 rating distribution)."""
    conn = state.cursor()
    return (
        trends.nps_summary(conn, filters),
        trends.nps_trend(conn, filters, freq),
        trends.rating_distribution(conn, filters),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def terms(db: str, data_version: int, filters: Filters, freq: str, n_terms: int):
    """Top terms (per kind over the range, per kind and period) from one sample of texts."""
    texts = text_terms.feedback_texts(state.cursor(), filters, freq)
    return (
        text_terms.top_terms(texts, by=("kind",), n_terms=n_terms),
        text_terms.top_terms(texts, by=("kind", "period"), n_terms=n_terms),
    )


#: Rows of the potential table on the page (the highest scores); the download holds them all.
POTENTIAL_ROWS = 200


@st.cache_data(show_spinner=False, max_entries=8)
def top_potential(db: str, data_version: int, filters: Filters, score: str):
    """(the POTENTIAL_ROWS customers with the highest ``score``, how many gave anything)."""
    conn = state.cursor()
    return (
        potential.ranked_potential(conn, filters, score, POTENTIAL_ROWS),
        potential.potential_count(conn, filters),
    )


@st.cache_data(show_spinner=False, max_entries=8)
def potential_sample(db: str, data_version: int, filters: Filters) -> pd.DataFrame:
    """At most SCATTER_POINTS customers of the potential scatter, the same ones on every run."""
    return potential.potential_sample(state.cursor(), filters, SCATTER_POINTS)


def potential_download(filters: Filters, score: str):
    """Every customer of the potential table, the highest ``score`` first, read when clicked."""
    return lambda cursor: potential.ranked_potential(cursor, filters, score)


@st.cache_data(show_spinner=False, max_entries=4)
def rules(db: str, data_version: int) -> dict:
    """The saved ladder rules."""
    return ladder.load_rules(state.cursor())


@st.cache_data(show_spinner=False, max_entries=4)
def latest_day(db: str, data_version: int) -> date | None:
    """The day of the latest purchase or feedback."""
    return ladder.latest_date(state.cursor())


@st.cache_data(show_spinner=False, max_entries=16)
def ladder_view(
    db: str, data_version: int, filters: Filters, before: date, after: date, rules: dict
):
    """(counts on ``after``, movement from ``before``, buyers with an NPS answer by ``after``).

    Without NPS answers the top two rungs are empty by rule, and the ladder's title says so.
    """
    conn = state.cursor()
    return (
        ladder.ladder_counts(conn, filters, after, rules),
        ladder.ladder_movement(conn, filters, before, after, rules),
        ladder.buyers_with_nps(conn, filters, after),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def rates(db: str, data_version: int, filters: Filters):
    """(monthly loyalty rates, cohort retention)."""
    conn = state.cursor()
    return retention.loyalty_rates(conn, filters), retention.cohort_retention(conn, filters)


@st.cache_data(show_spinner=False, max_entries=8)
def valuable_unhappy(db: str, data_version: int, filters: Filters) -> pd.DataFrame:
    """Tier 1-2 customers who are detractors or have open complaints."""
    return retention.valuable_unhappy(state.cursor(), filters)


@st.cache_data(show_spinner=False, max_entries=4)
def can_judge_unhappy(db: str, data_version: int) -> bool:
    """Whether any customer has an NPS answer or a complaint (else unhappiness is unknown)."""
    return ladder.can_judge_unhappy(state.cursor())


# --- controls and small renderers ---


def labels(df: pd.DataFrame) -> dict[str, str]:
    """Each column's header in the session's language (a column without one keeps its name)."""
    names = {}
    for column in df.columns:
        try:
            names[column] = state.tr(f"feedback.column.{column}")
        except KeyError:
            names[column] = column
    return names


def show_error(error: DashboardError) -> None:
    """A user-caused problem, shown as a message rather than a traceback."""
    st.warning(markdown_text(error.localized(state.lang())))


def split_choice(db: str, version: int) -> str | None:
    """The split of the trend chosen by the user; the cluster split is offered with a note."""
    options = ["none", "tier", "cluster", "channel"]
    split = st.selectbox(
        state.tr("feedback.control.split"),
        options,
        key="fb_split",
        format_func=state.labeler("feedback.control.split."),
    )
    if split == "cluster" and not has_clusters(db, version):
        st.info(state.tr("feedback.note.no_clusters"))
        return None
    return None if split == "none" else split


def complaint_share() -> float:
    """The share of dissatisfied customers who complain, as a fraction (entered in percent)."""
    percent = st.number_input(
        state.tr("feedback.control.share"),
        min_value=0.5,
        max_value=100.0,
        value=4.0,
        step=0.5,
        format="%g",
        key="complaint_share",
        help=state.tr("feedback.control.share_help"),
    )
    return percent / 100


def resolution_metrics(summary: dict) -> None:
    """Share resolved, median and 90th-percentile days, open complaints as four metrics."""
    lang = state.lang()
    cells = st.columns(4)

    def days(value) -> str:
        return "—" if value is None else format_number(value, lang, 1)

    cells[0].metric(
        state.tr("feedback.metric.resolved"), format_percent(summary["share_resolved"], lang)
    )
    cells[1].metric(state.tr("feedback.metric.median_days"), days(summary["median_days"]))
    cells[2].metric(state.tr("feedback.metric.p90_days"), days(summary["p90_days"]))
    cells[3].metric(state.tr("feedback.metric.open"), format_number(summary["open"], lang))


def open_complaints_header(open_count: int, shown: int) -> str:
    """The open-complaints list's heading: how many of how many when the list stops short."""
    lang = state.lang()
    if shown < open_count:
        return state.tr(
            "feedback.open.header_part",
            shown=format_number(shown, lang),
            count=format_number(open_count, lang),
        )
    return state.tr("feedback.open.header", count=shown)


def open_complaints_table(open_list: pd.DataFrame) -> pd.DataFrame:
    """The open complaints with their tier named in the session's language ("Tier 1",
    "Anonymous or unranked"), as the charts name it."""
    lang = state.lang()
    return open_list.assign(tier=[group_label("tier", tier, lang) for tier in open_list["tier"]])


def nps_metrics(summary: dict) -> None:
    """NPS and the counts behind it."""
    lang = state.lang()
    cells = st.columns(4)
    nps = summary["nps"]
    cells[0].metric("NPS", "—" if nps is None else f"{nps:+.0f}")  # +45, as the Overview writes it
    for cell, key in zip(cells[1:], ("promoters", "passives", "detractors"), strict=True):
        cell.metric(state.tr(f"feedback.nps.{key}"), format_number(summary[key], lang))


def kind_choice(kinds: list[str], key: str = "fb_terms_kind") -> str:
    """One feedback kind picked by the user (complaints first)."""
    lang = state.lang()
    return st.selectbox(
        state.tr("feedback.control.kind"),
        kinds,
        key=key,
        format_func=lambda kind: kind_label(kind, lang),
    )


def ordered_kinds(kinds) -> list[str]:
    """Kinds in their usual order (complaints first), unknown ones after."""
    present = set(kinds)
    return [k for k in trends.KINDS if k in present] + sorted(present - set(trends.KINDS))


def period_choice(per_period: pd.DataFrame, freq: str):
    """A period picked by the user, or None for the whole range (the default)."""
    periods = sorted(per_period["period"].unique(), reverse=True) if len(per_period) else []
    lang = state.lang()

    whole_range = state.tr("feedback.control.whole_range")

    def label(value) -> str:
        if value is None:
            return whole_range
        return format_month(value, lang) if freq == "month" else format_date(value, lang)

    return st.selectbox(
        state.tr("feedback.control.period"),
        [None, *periods],
        key="fb_terms_period",
        format_func=label,
    )


#: The editable rules: (rule, column of the form, label key, smallest, largest); None is a checkbox.
RULE_WIDGETS = (
    ("satisfied_min_orders", 0, "min_orders", 1, 100),
    ("satisfied_no_open_complaint", 0, "no_open", None, None),
    ("devoted_min_active_months", 1, "active_months", 1, 120),
    ("devoted_window_months", 1, "window", 1, 120),
    ("devoted_min_nps", 1, "devoted_nps", 0, 10),
    ("partner_min_nps", 2, "partner_nps", 0, 10),
    ("partner_needs_contribution", 2, "contribution", None, None),
)


def save_rules() -> None:
    """Check and save the ladder rules edited in the form (a callback: it runs before the page)."""
    edited = {rule: st.session_state[f"rule_{rule}"] for rule, *_ in RULE_WIDGETS}
    if not auth.may("settings"):
        role = state.tr("auth.role.analyst")
        st.session_state["ladder_rules_message"] = (
            "warning",
            state.tr("auth.needs_role", role=role),
        )
        return
    try:
        ladder.save_rules(state.cursor(), edited)
    except DashboardError as e:
        st.session_state["ladder_rules_message"] = (
            "warning",
            markdown_text(e.localized(state.lang())),
        )
    else:
        st.session_state["ladder_rules_message"] = ("success", state.tr("loyalty.rules.saved"))


def rules_text(current: dict) -> str:
    """The ladder's rules in words, as a Markdown list."""
    lines = [
        state.tr("loyalty.rules.prospect"),
        state.tr("loyalty.rules.one_time"),
        state.tr("loyalty.rules.satisfied", orders=current["satisfied_min_orders"])
        + (state.tr("loyalty.rules.no_open") if current["satisfied_no_open_complaint"] else ""),
        state.tr(
            "loyalty.rules.devoted",
            months=current["devoted_min_active_months"],
            window=current["devoted_window_months"],
            nps=current["devoted_min_nps"],
        ),
        state.tr("loyalty.rules.partner", nps=current["partner_min_nps"])
        + (state.tr("loyalty.rules.contribution") if current["partner_needs_contribution"] else ""),
    ]
    return "\n".join(f"- {line}" for line in lines)


def rules_form(current: dict) -> None:
    """The editable rules of the ladder (widget keys ``rule_<name>``); saved on submit."""
    kind, message = st.session_state.pop("ladder_rules_message", (None, None))
    if kind:
        getattr(st, kind)(message)
    if st.session_state.get("ladder_rules_shown") != current:  # saved elsewhere: start from them
        for rule, *_ in RULE_WIDGETS:
            st.session_state[f"rule_{rule}"] = current[rule]
        st.session_state["ladder_rules_shown"] = current
    with st.form("ladder_rules"):
        cols = st.columns(3)
        for rule, column, label, low, high in RULE_WIDGETS:
            text, key = state.tr(f"loyalty.rule.{label}"), f"rule_{rule}"
            if low is None:
                cols[column].checkbox(text, key=key)
            else:
                cols[column].number_input(text, low, high, key=key)
        st.form_submit_button(state.tr("loyalty.rules.save"), key="rules_save", on_click=save_rules)


def complaints_section(
    db: str, version: int, filters: Filters, freq: str, chart: dict, in_lake: bool
) -> None:
    """The complaint iceberg (per period and per tier) and how complaints were resolved, with
    the open ones listed; ``in_lake``, the file holds only what Spark computed from the feedback,
    which the open list cannot be read from (the page says so instead)."""
    lang = state.lang()
    st.subheader(state.tr("feedback.section.iceberg"))
    st.markdown(state.tr("feedback.iceberg.explain"))
    share = complaint_share()
    by_period, by_tier, total = iceberg(db, version, filters, freq, share)
    charts.show(
        st, complaint_figures.iceberg_figure(by_period, total, lang), key="fb_iceberg", **chart
    )
    iceberg_basis(total)  # most complaints anonymous: what the estimate rests on
    charts.show(
        st,
        complaint_figures.iceberg_tier_figure(by_tier, lang, share),
        key="fb_iceberg_tier",
        **chart,
    )

    st.subheader(state.tr("feedback.section.resolution"))
    summary, by_tier, open_list = resolution(db, version, filters)
    resolution_metrics(summary)
    charts.show(
        st, complaint_figures.resolution_figure(by_tier, lang), key="fb_resolution", **chart
    )
    if in_lake:
        st.info(state.tr("feedback.note.in_lake"), icon=":material/cloud:")
        return
    st.markdown(open_complaints_header(summary["open"], len(open_list)))
    open_table = open_complaints_table(open_list)
    tables.show(open_table, labels=labels(open_table), hide_index=True, key="fb_open", height=300)


def terms_section(db: str, version: int, filters: Filters, freq: str, chart: dict) -> None:
    """The frequent terms of each kind of feedback, over the range or in one period."""
    lang = state.lang()
    st.subheader(state.tr("feedback.section.terms"))
    try:
        overall, per_period = terms(db, version, filters, freq, 12)
    except DashboardError as error:
        show_error(error)
    else:
        left, right = st.columns(2)
        with right:
            period = period_choice(per_period, freq)
        shown = overall if period is None else per_period[per_period["period"] == period]
        kinds = ordered_kinds(shown["kind"])
        if kinds:
            with left:
                kind = kind_choice(kinds)
            charts.show(st, feedback_text.terms_figure(shown, kind, lang), key="fb_terms", **chart)
            shown_terms = shown[shown["kind"] == kind][["term", "texts", "example"]]
            tables.show(
                shown_terms, labels=labels(shown_terms), hide_index=True, key="fb_terms_table"
            )
