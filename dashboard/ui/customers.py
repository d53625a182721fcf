"""Widgets and cached loaders of the Customers page: search, profile, identification, duplicates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.access import roles
from dashboard.errors import DashboardError
from dashboard.figures import customers as figures
from dashboard.figures.theme import FEEDBACK_KINDS
from dashboard.i18n import (
    format_date,
    format_money,
    format_number,
    format_percent,
    value_label,
)
from dashboard.identify import customers, identification
from dashboard.reporting import export
from dashboard.store import computed
from dashboard.store.filters import Filters
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, charts, customers_merge, customers_timeline, downloads, state, tables

SEARCH_KEY = "customer_search"
PICK_KEY = "customer_pick"
SEARCH_LIMIT = 50
#: Rows of the duplicates table (whole groups); the download holds them all.
DUPLICATES_SHOWN = 1_000
MONEY_FIGURES = ("revenue", "cost", "profit", "avg_order_value")
COUNT_FIGURES = ("orders", "returns", "service_contacts", "complaints")
DATE_FIGURES = ("first_purchase_at", "last_purchase_at")
MATCH_COLUMNS = (
    "customer_id",
    "name",
    "email",
    "phone",
    "country",
    "channel",
    "orders",
    "revenue",
    "last_purchase_at",
)
DUPLICATE_COLUMNS = (
    "group_id",
    "matched_on",
    "customer_id",
    "name",
    "email",
    "phone",
    "country",
    "revenue",
    "orders",
    "last_purchase_at",
    "match_key",
)
#: The key figures in rows of four: money, counts, dates and the customer's own voice.
FIGURE_ROWS = (
    ("revenue", "cost", "profit", "avg_order_value"),
    ("orders", "returns", "service_contacts", "complaints"),
    ("first_purchase_at", "last_purchase_at", "last_nps"),
)


@st.cache_data(show_spinner=False, max_entries=256)
def load_search(db: str, version: int, query: str, filters: Filters) -> pd.DataFrame:
    """Customers matching ``query`` (cached per database, data version, query and period)."""
    return customers.search_customers(state.cursor(), query, filters, limit=SEARCH_LIMIT)


@st.cache_data(show_spinner=False, max_entries=256)
def load_profile(db: str, version: int, customer_id: str, filters: Filters) -> dict:
    """A customer's profile, monthly revenue, channels, feedback and service contacts."""
    conn = state.cursor()
    return {
        "profile": customers.customer_profile(conn, customer_id, filters),
        "monthly": customers.monthly_revenue(conn, customer_id, filters),
        "channels": customers.customer_channels(conn, customer_id, filters),
        "feedback": customers.customer_feedback(conn, customer_id, filters),
        "contacts": customers.customer_contacts(conn, customer_id, filters),
    }


@st.cache_data(show_spinner=False, max_entries=32)
def load_quality(db: str, version: int, filters: Filters) -> tuple[dict, pd.DataFrame]:
    """Identification quality figures and the per-attribute table."""
    conn = state.cursor()
    return (
        identification.identification_quality(conn, filters),
        identification.attribute_quality(conn),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def load_duplicates(
    db: str, version: int, filters: Filters, with_names: bool, limit: int
) -> pd.DataFrame:
    """The first likely duplicate groups (whole, each starting within ``limit`` rows) with
    revenue in the period."""
    return identification.duplicate_groups(
        state.cursor(), filters, include_name_only=with_names, limit=limit
    )


@st.cache_data(show_spinner=False, max_entries=32)
def load_duplicate_counts(db: str, version: int, filters: Filters) -> dict:
    """Groups, ids, revenue and rows of the whole list, with and without name-only groups."""
    return identification.duplicate_counts(state.cursor(), filters)


def _all_duplicates(filters: Filters, with_names: bool):
    """The whole list for the download, read when it is clicked."""

    def rows(cursor) -> pd.DataFrame:
        return identification.duplicate_groups(cursor, filters, include_name_only=with_names)

    return rows


def _keys() -> tuple[str, int]:
    return state.db_path(), state.version()


def _sync_param(name: str, value: str | None, default: str | None = None) -> None:
    """Keep a value in the URL (so a link opens the same view) or drop it when empty."""
    state.set_url(name, value or None, default=default)


def search_box() -> str:
    """The search input, first filled from the link (?q=); returns the trimmed query."""
    if SEARCH_KEY not in st.session_state:
        st.session_state[SEARCH_KEY] = st.query_params.get("q", "")
    query = st.text_input(
        state.tr("customers.search"),
        key=SEARCH_KEY,
        placeholder=state.tr("customers.search_placeholder"),
        help=state.tr("customers.search_help"),
    ).strip()
    _sync_param("q", query)
    return query


def matches_table(query: str, filters: Filters) -> pd.DataFrame:
    """Search and show the matches; returns them (empty when none or on an error)."""
    try:
        matches = load_search(*_keys(), query, filters)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return pd.DataFrame()
    if matches.empty:
        st.info(state.tr("customers.no_match", query=markdown_text(query)))
        return matches
    total = int(matches["total_matches"].iloc[0])
    key = "customers.matches" if query else "customers.top_customers"
    st.caption(
        state.tr(
            key,
            shown=format_number(len(matches), state.lang()),
            total=format_number(total, state.lang()),
        )
    )
    labels = {
        "customer_id": state.tr("customers.col.id"),
        **{c: state.tr(f"customers.col.{c}") for c in MATCH_COLUMNS[1:-1]},
        "last_purchase_at": state.tr("customers.col.last_purchase"),
    }
    tables.show(
        matches[list(MATCH_COLUMNS)],
        money=["revenue"],
        dates=["last_purchase_at"],
        labels=labels,
        hide_index=True,
        width="stretch",
    )
    return matches


def _date(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return format_date(pd.Timestamp(value).to_pydatetime(), state.lang())


def _option_label(matches: pd.DataFrame) -> dict[str, str]:
    labels = {}
    matches = roles.mask_personal(matches, auth.user())
    for row in matches.itertuples():
        parts = [str(row.customer_id)] + [
            str(v) for v in (row.name, row.email) if v is not None and not pd.isna(v)
        ]
        labels[str(row.customer_id)] = " · ".join(parts)
    return labels


def pick_customer(matches: pd.DataFrame) -> str | None:
    """A choice among the matches (the linked ?customer= first); kept in the URL."""
    if matches.empty:
        _sync_param("customer", None)
        return None
    labels = _option_label(matches)
    ids = list(labels)
    if st.session_state.get(PICK_KEY) not in ids:
        linked = st.query_params.get("customer")
        st.session_state[PICK_KEY] = linked if linked in ids else ids[0]
    chosen = st.selectbox(
        state.tr("customers.pick"), ids, key=PICK_KEY, format_func=lambda i: labels.get(i, i)
    )
    # The page's first view (the top customer, no search) adds nothing to the link.
    _sync_param("customer", chosen, default=None if st.query_params.get("q") else ids[0])
    return chosen


def profile(customer_id: str, filters: Filters) -> None:
    """The chosen customer's card: who they are, key figures, monthly revenue, channels, history."""
    try:
        loaded = load_profile(*_keys(), customer_id, filters)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    card = _masked(loaded["profile"])
    st.subheader(  # the name as typed: a name or id is text, never Markdown
        markdown_text(card["name"])
        if card["name"]
        else state.tr("customers.unnamed", id=markdown_text(card["customer_id"]))
    )
    st.caption(_identity_line(card))
    _key_figures(card)
    _future_figures(customer_id, filters)
    _wallet_figures(customer_id, filters)
    _monthly_chart(loaded["monthly"], card.get("tier"))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{state.tr('customers.channels')}**")
        _table(loaded["channels"], "channels", money=("revenue",))
    with right:
        st.markdown(f"**{state.tr('customers.contacts')}**")
        _table(loaded["contacts"], "contacts", money=("cost",), dates=("occurred_at",))
    st.markdown(f"**{state.tr('customers.feedback')}**")
    feedback = _feedback_kinds(loaded["feedback"]).drop(columns="scale")
    _table(feedback, "feedback", dates=("created_at", "resolved_at"))
    customers_timeline.section(customer_id, filters)


def _future_figures(customer_id: str, filters: Filters) -> None:
    """Probability alive, expected purchases and predicted value, with their 80% intervals."""
    from dashboard.ui import future  # the model loads only when a profile is shown

    try:
        future.profile_section(filters, customer_id)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))


def _wallet_figures(customer_id: str, filters: Filters) -> None:
    """The customer's category spend in the period, our revenue and share of wallet."""
    from dashboard.ui import wallet

    wallet.profile_section(customer_id, filters)


def _masked(card: dict) -> dict:
    """The card with name, e-mail and phone masked for a role that may not see personal data."""
    user = auth.user()
    return {
        k: roles.mask_value(v, user) if k in roles.PERSONAL_COLUMNS else v for k, v in card.items()
    }


def _identity_line(card: dict) -> str:
    tier = card.get("tier")
    parts = [state.tr("customers.id_label", id=markdown_text(card["customer_id"]))]
    parts += [markdown_text(card[k]) for k in ("email", "phone") if card.get(k)]
    lang = state.lang()
    parts += [
        markdown_text(value_label(card[k], lang)) for k in ("country", "channel") if card.get(k)
    ]
    if tier:
        parts.append(state.tr(f"common.tier_name.{tier}"))
    return " · ".join(parts)


def _key_figures(card: dict) -> None:
    lang, currency = state.lang(), state.currency()
    values = {key: format_money(card[key], lang, currency) for key in MONEY_FIGURES}
    values.update({key: format_number(card[key], lang) for key in COUNT_FIGURES})
    values.update({key: _date(card[key]) for key in DATE_FIGURES})
    values["last_nps"] = format_number(card.get("last_nps"), lang)
    for row in FIGURE_ROWS:
        for column, key in zip(st.columns(4), row, strict=False):
            help_text = None
            if key == "last_nps" and card.get("last_nps_at"):
                help_text = state.tr("customers.last_nps_help", date=_date(card["last_nps_at"]))
            column.metric(state.tr(f"customers.figure.{key}"), values[key], help=help_text)


def _monthly_chart(monthly: pd.DataFrame, tier: str | None) -> None:
    if monthly.empty:
        lake = computed.lines_elsewhere(state.cursor())  # the lines stayed on Spark's side
        st.info(state.tr("spark.no_lines" if lake else "customers.no_purchases"))
        return
    fig = figures.monthly_revenue_figure(monthly, state.lang(), state.currency(), tier)
    charts.show(st, fig, key="customer_monthly_revenue", width="stretch")


def _feedback_kinds(feedback: pd.DataFrame) -> pd.DataFrame:
    return feedback.assign(
        kind=[
            state.tr(f"customers.kind.{k}") if k in FEEDBACK_KINDS else k for k in feedback["kind"]
        ]
    )


def _table(table: pd.DataFrame, area: str, money=(), dates=()) -> None:
    if table.empty:
        st.caption(state.tr(f"customers.no_{area}"))
        return
    tables.show(
        table,
        money=money,
        dates=dates,
        labels={c: state.tr(f"customers.col.{c}") for c in table.columns},
        hide_index=True,
        width="stretch",
    )


def quality(filters: Filters) -> None:
    """Which attributes identify customers, and transactions whose customer is unknown."""
    st.caption(state.tr("customers.quality_intro"))
    try:
        counts, attributes = load_quality(*_keys(), filters)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    lang = state.lang()
    columns = st.columns(4)
    for column, key in zip(columns, ("with_email", "with_phone", "with_both"), strict=False):
        column.metric(state.tr(f"customers.quality.{key}"), format_percent(counts[key], lang))
    columns[3].metric(
        state.tr("customers.quality.orphans"),
        format_percent(counts["orphan_transaction_share"], lang),
        help=state.tr("customers.quality.orphans_help"),
    )
    if counts["customers"]:
        charts.show(
            st,
            figures.identification_figure(attributes, lang),
            key="customer_identification",
            width="stretch",
        )
    _quality_notes(counts)


def _quality_notes(counts: dict) -> None:
    lang = state.lang()
    if counts["orphan_transactions"]:
        st.warning(
            state.tr(
                "customers.quality.orphans_note",
                lines=format_number(counts["orphan_transactions"], lang),
                ids=format_number(counts["orphan_customers"], lang),
                revenue=format_money(counts["orphan_revenue"], lang, state.currency()),
            )
        )
    if counts["duplicate_id_rows"]:
        st.warning(
            state.tr(
                "customers.quality.repeated_ids",
                rows=format_number(counts["duplicate_id_rows"], lang),
            )
        )


def duplicates(filters: Filters) -> None:
    """Likely duplicate customers, strongest evidence first, with a CSV download and a merge."""
    customers_merge.show_flash()
    st.caption(state.tr("customers.duplicates_intro", max_same_name=identification.MAX_SAME_NAME))
    with_names = st.toggle(state.tr("customers.dup.name_only"), key="duplicates_name_only")
    try:
        counts = load_duplicate_counts(*_keys(), filters)
        groups = load_duplicates(*_keys(), filters, with_names, DUPLICATES_SHOWN)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    lang = state.lang()
    summary = counts["with_names" if with_names else "contacts"]
    name_only = counts["with_names"]["groups"] - counts["contacts"]["groups"]
    if not with_names and name_only:
        st.caption(state.tr("customers.dup.hidden", groups=format_number(name_only, lang)))
    if groups.empty:
        exact = with_names or not name_only
        st.success(
            state.tr("customers.no_duplicates" if exact else "customers.no_contact_duplicates")
        )
        return
    _duplicate_figures(summary)
    shown = groups.assign(matched_on=[_reasons(v) for v in groups["matched_on"]])
    _table(
        shown[list(DUPLICATE_COLUMNS)],
        "duplicates",
        money=("revenue",),
        dates=("last_purchase_at",),
    )
    if len(groups) < summary["rows"]:  # a browser table of 100,000 rows helps nobody
        st.caption(
            state.tr(
                "customers.dup.shown",
                shown=format_number(len(groups), lang),
                groups=format_number(groups["group_id"].nunique(), lang),
                rows=format_number(summary["rows"], lang),
                total=format_number(summary["groups"], lang),
            )
        )
    if not downloads.customer_list(
        st,
        state.tr("common.download_csv"),
        _all_duplicates(filters, with_names),
        export.to_csv_bytes,  # formula-like text made inert
        "likely_duplicates.csv",
        "text/csv",
        "customer_duplicates_csv",
    ):
        auth.needs("download_customers")
    customers_merge.merge_form(groups)


def _duplicate_figures(summary: dict) -> None:
    lang = state.lang()
    left, middle, right = st.columns(3)
    left.metric(state.tr("customers.dup.groups"), format_number(summary["groups"], lang))
    middle.metric(state.tr("customers.dup.customers"), format_number(summary["customers"], lang))
    right.metric(
        state.tr("customers.dup.revenue"), format_money(summary["revenue"], lang, state.currency())
    )


def _reasons(matched_on: str) -> str:
    return ", ".join(figures.attribute_label(r, state.lang()) for r in matched_on.split(", "))
