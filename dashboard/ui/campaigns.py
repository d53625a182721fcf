"""Cached loaders and widgets of the Campaigns page: create, list, measure, export and delete."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.campaigns import design, response
from dashboard.errors import DashboardError, NotComputed
from dashboard.i18n import format_date, format_number, format_percent
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, not_computed, state, tables
from dashboard.ui.downloads import csv_and_excel
from dashboard.value import cost_model, pyramid

OPEN_KEY = "campaigns_open"
#: The "New campaign" expander's open state (its fields are drawn only while it is open).
FORM_KEY = "campaigns_form_open"
DELETED_KEY = "campaigns_deleted"


# --- cached loaders: campaigns never change once made and ids are never reused, so the id and
# the data version are the whole key ---


@st.cache_data(show_spinner=False, max_entries=32)
def measurement(db: str, version: int, campaign_id: int, today: date) -> dict:
    """The response of a campaign's target and control groups (see measure_campaign)."""
    return response.measure_campaign(state.cursor(), campaign_id, today)


@st.cache_data(show_spinner=False, max_entries=16)
def tier_counts(db: str, version: int, start: date) -> dict[str, int]:
    """Customers per tier on the 12 months before ``start``: the audiences a tier campaign gets."""
    conn = state.cursor()
    shares = pyramid.tier_shares(
        conn,
        design.tier_period(start),
        rule=pyramid.load_tier_rule(conn),
        cost_model=cost_model.load_cost_model(conn),
    )
    return dict(zip(shares["tier"], shares["customers"].astype(int), strict=True))


#: The audiences worked out by a model or a column: how each is counted, the sentence that says
#: how many it holds, and the day that sentence names (the at-risk forecast is as of the day
#: before the start).
COMPUTED_AUDIENCES = {
    "at_risk": (design.at_risk_audience, "campaigns.at_risk_count", timedelta(days=1)),
    "wallet": (design.wallet_audience, "wallet.campaign_count", timedelta(0)),
}


@st.cache_data(show_spinner=False, max_entries=16)
def audience_count(db: str, version: int, source: str, start: date) -> int:
    """How many customers the computed audience ``source`` gives a campaign starting on ``start``."""
    return len(COMPUTED_AUDIENCES[source][0](state.cursor(), start))


def audience_note(where, source: str, start: date) -> None:
    """How many customers a computed audience (at risk, high wallet and low share) holds, or why
    it names none."""
    _, key, before = COMPUTED_AUDIENCES[source]
    try:
        customers = audience_count(state.db_path(), state.version(), source, start)
    except DashboardError as e:
        where.warning(markdown_text(e.localized(state.lang())), icon=":material/rule:")
        return
    lang = state.lang()
    where.caption(
        state.tr(
            key, customers=format_number(customers, lang), date=format_date(start - before, lang)
        )
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _reach(db: str, version: int, campaign_id: int) -> dict[str, int]:
    return design.audience_reach(state.cursor(), campaign_id)


def reach(campaign_id: int) -> dict[str, int]:
    """How many of a campaign's target group have an e-mail, a phone (see
    :func:`dashboard.campaigns.design.audience_reach`)."""
    return _reach(state.db_path(), state.version(), campaign_id)


def saved_campaigns() -> pd.DataFrame:
    """The saved campaigns, newest first (not cached: creating one does not bump the version)."""
    return design.list_campaigns(state.cursor())


def kept_picks() -> list[tuple]:
    """Kept picks of clusters, newest first: (pick id, run id, "0 Name, 2 Name", customers).

    Read once per page run and handed to the form, the list and the header (not cached: keeping
    a pick on the Clusters page does not bump the data version)."""
    from dashboard.clustering import runs  # scikit-learn loads only when the page needs it

    conn, lang = state.cursor(), state.lang()
    picks = runs.list_picks(conn)
    names_of = {run: runs.cluster_names(conn, run, lang) for run in picks["run_id"].unique()}
    kept = []
    for pick in picks.itertuples():
        names = names_of[pick.run_id]
        clusters = ", ".join(f"{c} {names.get(c, '')}".strip() for c in pick.clusters)
        kept.append((int(pick.pick_id), pick.run_id, clusters, pick.customers))
    return kept


@st.cache_data(show_spinner=False, max_entries=32)
def _seen_until(db: str, version: int, pick_id: int) -> date | None:
    """:func:`dashboard.campaigns.design.pick_seen_until` (a pick and its run never change)."""
    return design.pick_seen_until(state.cursor(), pick_id)


def backtest_warning(where, pick_id: int, start: date) -> None:
    """Warn when a campaign on a pick starts on or before the last day of the data its clusters
    were found on: a backtest whose audience was chosen knowing later behaviour. The creation
    form and a created campaign's results both say it."""
    try:
        seen_until = _seen_until(state.db_path(), state.version(), int(pick_id))
    except DashboardError:  # the pick or its run is gone: nothing to compare with
        return
    if seen_until is not None and start <= seen_until:
        lang = state.lang()
        where.warning(
            state.tr(
                "campaigns.pick_backtest",
                end=format_date(seen_until, lang),
                start=format_date(start, lang),
            ),
            icon=":material/history:",
        )


def pick_labels(kept: list[tuple]) -> dict[int, str]:
    """Kept picks of clusters, newest first, as "#3 · run 1: 0 Name, 2 Name · 1,234 customers"."""
    lang = state.lang()
    return {
        pick_id: state.tr(
            "campaigns.pick_label",
            pick_id=pick_id,
            run_id=run_id,
            clusters=clusters,
            customers=format_number(customers, lang),
        )
        for pick_id, run_id, clusters, customers in kept
    }


def pick_clusters(kept: list[tuple]) -> dict[int, str]:
    """The clusters of each kept pick, "0 Name, 2 Name", to say who a campaign went to."""
    return {pick_id: clusters for pick_id, _, clusters, _ in kept}


# --- formatting ---


def audience_text(row, clusters: dict[int, str] | None = None) -> str:
    """Where a campaign's audience came from: "Tier 4", or "Pick 3: 0 Name, 2 Name" when the
    pick's clusters are given (see :func:`pick_clusters`), else "Pick 3"."""
    if row["source"] == "tier":
        return state.tr(f"common.tier_name.{row['tier']}")
    if row["source"] in ("at_risk", "wallet"):
        return state.tr(f"campaigns.source.{row['source']}")
    pick_id = int(row["pick_id"])
    if clusters and pick_id in clusters:
        return state.tr("campaigns.pick_audience", pick_id=pick_id, clusters=clusters[pick_id])
    return state.tr("campaigns.pick_short", pick_id=pick_id)


def campaign_name(row) -> str:
    """A campaign's name as the reader sees it: one the user typed as typed (a known demo value
    in the reader's language), one the app gave (none was typed: "Tier 4, 2026-07-01", or one
    an older version wrote in either language) built again in the reader's language, so a
    language switch renames it."""
    name, start = row["name"], row["start_date"]
    if name not in _given_names(row):
        return i18n.value_label(name, state.lang())
    return state.tr(
        "campaigns.default_name",
        audience=audience_text(row),
        start=format_date(pd.Timestamp(start).date(), state.lang()),
    )


def _given_names(row) -> set[str]:
    start = pd.Timestamp(row["start_date"]).date()
    names = {design.default_name(row, start)}
    for lang in i18n.LANGUAGES:
        if row["source"] == "tier":
            audience = i18n.t(f"common.tier_name.{row['tier']}", lang)
        elif row["source"] in ("at_risk", "wallet"):
            audience = i18n.t(f"campaigns.source.{row['source']}", lang)
        else:
            audience = i18n.t("campaigns.pick_short", lang, pick_id=int(row["pick_id"]))
        start_text = format_date(start, lang)
        names.add(i18n.t("campaigns.default_name", lang, audience=audience, start=start_text))
    return names


# --- creating a campaign ---


def _source(picks: dict[int, str]) -> str:
    options = ("pick", "tier", "at_risk", "wallet")
    if not picks:
        st.info(state.tr("campaigns.no_picks"))
        st.page_link(
            "pages/clusters.py",
            label=state.tr("campaigns.to_clusters"),
            icon=":material/bubble_chart:",
        )
        options = ("tier", "at_risk", "wallet")
        if st.session_state.get("campaigns_source") not in options:
            st.session_state.pop("campaigns_source", None)
    return st.radio(
        state.tr("campaigns.source"),
        options,
        key="campaigns_source",
        format_func=state.labeler("campaigns.source."),
        horizontal=True,
    )


def _audience(where, source: str, picks: dict[int, str], start: date) -> dict:
    if source == "pick":
        pick_id = where.selectbox(
            state.tr("campaigns.pick"), list(picks), key="campaigns_pick", format_func=picks.get
        )
        backtest_warning(where, pick_id, start)
        return {"pick_id": pick_id}
    if source == "at_risk":
        audience_note(where, "at_risk", start)
        return {"at_risk": True}
    if source == "wallet":
        audience_note(where, "wallet", start)
        return {"wallet": True}
    lang, period = state.lang(), design.tier_period(start)
    try:
        counts = tier_counts(state.db_path(), state.version(), start)
    except NotComputed as e:  # the lines live in the lake: the tiers of that period are not here
        not_computed.show(e, where)
        counts = None
    labels = {  # worked out now: a format_func runs outside the page run too (AppTest)
        t: state.tr(f"common.tier_name.{t}")
        if counts is None
        else state.tr(
            "campaigns.tier_label",
            tier=state.tr(f"common.tier_name.{t}"),
            customers=format_number(counts.get(t, 0), lang),
        )
        for t in pyramid.ALL_TIERS
    }
    tier = where.selectbox(
        state.tr("campaigns.tier"),
        pyramid.ALL_TIERS,
        index=3,
        key="campaigns_tier",
        format_func=labels.get,
        help=state.tr(
            "campaigns.tier_help",
            start=format_date(period.start, lang),
            end=format_date(period.end, lang),
        ),
    )
    return {"tier": tier}


def create_form(expanded: bool, kept: list[tuple]) -> bool:
    """The settings of a new campaign and the button that creates it; True when one was made."""
    # The Future value page's "Make them a campaign audience" opens the form on its audience.
    if st.session_state.get("campaigns_open_form"):
        st.session_state[FORM_KEY] = True
    box = st.expander(
        state.tr("campaigns.new"),
        expanded=expanded,
        icon=":material/add:",
        key=FORM_KEY,
        on_change="rerun",
    )
    if not box.open:
        # Drawn only when open: its tier counts rank every customer of the 12 months before
        # the start (about a minute at ten million customers), which a closed form never needs.
        return False
    with box:
        picks = pick_labels(kept)
        source = _source(picks)
        first, last = state.data_range()
        today = date.today()
        left, right = st.columns(2)
        start = left.date_input(
            state.tr("campaigns.start"),
            # set by the Future value page's button: then the session's date, not a default
            value=None
            if "campaigns_start" in st.session_state
            else design.default_start(last, today),
            min_value=first or today - timedelta(days=3650),
            max_value=today + timedelta(days=365),
            key="campaigns_start",
            format=state.date_format(),
            help=state.tr("campaigns.start_help"),
        ) or design.default_start(last, today)
        audience = _audience(right, source, picks, start)
        name = st.text_input(
            state.tr("campaigns.name"),
            key="campaigns_name",
            placeholder=state.tr("campaigns.name_placeholder"),
        )
        window, share, cost = st.columns(3)
        settings = {
            "window_days": window.number_input(
                state.tr("campaigns.window"),
                1,
                design.MAX_WINDOW_DAYS,
                30,
                key="campaigns_window",
            ),
            "control_share": share.number_input(
                state.tr("campaigns.control_share"),
                1,
                50,
                10,
                key="campaigns_control",
                help=state.tr("campaigns.control_help"),
            )
            / 100,
            "cost_per_contact": cost.number_input(
                state.tr("campaigns.cost_per_contact", currency=state.currency()),
                min_value=0.0,
                value=None,
                step=0.1,
                format="%g",
                key="campaigns_cost",
                placeholder=state.tr("campaigns.cost_unknown"),
            ),
        }
        channel, offer = st.columns(2)
        settings["channel"] = channel.text_input(
            state.tr("campaigns.channel"), key="campaigns_channel"
        )
        settings["offer"] = offer.text_input(state.tr("campaigns.offer"), key="campaigns_offer")
        if st.button(state.tr("campaigns.create"), type="primary", key="campaigns_create"):
            return _create(name=name, start=start, **audience, **settings)
    return False


def _create(**settings) -> bool:
    if not auth.check("campaigns"):
        return False
    # No name typed: the core's default ("Tier 4, 2026-07-01"), which campaign_name shows in
    # the reader's language of the moment.
    try:
        campaign_id = design.create_campaign(state.cursor(), **settings)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return False
    auth.record("campaign_create", f"#{campaign_id} {(settings['name'] or '').strip()}".strip())
    st.session_state[OPEN_KEY] = campaign_id  # the list below opens it
    st.session_state.pop("campaigns_open_form", None)  # made: the form may close again
    st.success(state.tr("campaigns.created", campaign_id=campaign_id))
    return True


# --- the list and the chosen campaign ---


def campaign_table(saved: pd.DataFrame, kept: list[tuple]) -> None:
    """Every campaign: audience, window and the sizes of its two groups."""
    clusters = pick_clusters(kept)
    table = saved.assign(
        audience=saved.apply(audience_text, axis=1, clusters=clusters),
        name=saved.apply(campaign_name, axis=1),
    )
    columns = (
        "campaign_id",
        "name",
        "audience",
        "start_date",
        "end_date",
        "target_customers",
        "control_customers",
        "control_share",
    )
    tables.show(
        table[list(columns)],
        labels={c: state.tr(f"campaigns.column.{c}") for c in columns},
        percent=("control_share",),
        dates=("start_date", "end_date"),
        decimals={"control_share": 0},
        hide_index=True,
        key="campaigns_table",
    )


def choose(saved: pd.DataFrame) -> int:
    """A select box of the saved campaigns (the newest, or the one just made, first)."""
    lang = state.lang()
    labels = {
        int(r.campaign_id): state.tr(
            "campaigns.label",
            campaign_id=r.campaign_id,
            name=campaign_name(r),
            start=format_date(r.start_date, lang),
        )
        for _, r in saved.iterrows()
    }
    if st.session_state.get(OPEN_KEY) not in labels:
        st.session_state[OPEN_KEY] = next(iter(labels))
    return st.selectbox(
        state.tr("campaigns.open"), list(labels), key=OPEN_KEY, format_func=labels.get
    )


def messages() -> None:
    """What the last click did: a campaign deleted (by a callback, before this run)."""
    deleted = st.session_state.pop(DELETED_KEY, None)
    if deleted is not None:
        st.success(state.tr("campaigns.deleted", campaign_id=deleted))


def header(campaign: dict, kept: list[tuple]) -> None:
    """The campaign's name, audience, offer and window, and whether it is a backtest that knew
    the future (see :func:`backtest_warning`)."""
    lang = state.lang()
    st.subheader(markdown_text(campaign_name(campaign)))  # text, not Markdown
    clusters = {pick: markdown_text(names) for pick, names in pick_clusters(kept).items()}
    parts = [
        state.tr("campaigns.about.audience", audience=audience_text(campaign, clusters)),
        state.tr(
            "campaigns.about.window",
            start=format_date(campaign["start_date"], lang),
            end=format_date(campaign["end_date"], lang),
            days=campaign["window_days"],
        ),
        state.tr(
            "campaigns.about.control",
            share=format_percent(campaign["control_share"], lang, 0),
            seed=campaign["seed"],
        ),
    ]
    for key in ("channel", "offer"):
        if campaign[key]:
            text = markdown_text(i18n.value_label(campaign[key], lang))
            parts.append(state.tr(f"campaigns.about.{key}", text=text))
    st.caption(" · ".join(parts))
    if campaign["source"] == "pick" and campaign["pick_id"] is not None:
        backtest_warning(st, campaign["pick_id"], campaign["start_date"])


def downloads(campaign_id: int) -> None:
    """The target group as CSV and Excel for the mailing tool (built when clicked)."""
    lang = state.lang()

    def audience(cursor) -> pd.DataFrame:
        return design.campaign_audience(cursor, campaign_id, lang)

    csv_and_excel(audience, f"campaign_{campaign_id}_target", "campaigns", sheet="target")


def delete_section(campaign: dict) -> None:
    """Delete the campaign after a tick that names it."""
    with st.expander(state.tr("campaigns.delete"), icon=":material/delete:"):
        sure = st.checkbox(
            state.tr(
                "campaigns.delete_confirm",
                name=markdown_text(campaign_name(campaign)),
            ),
            key=f"campaigns_delete_confirm_{campaign['campaign_id']}",
        )
        st.button(
            state.tr("campaigns.delete_button"),
            disabled=not sure,
            key="campaigns_delete",
            on_click=_delete,
            args=(int(campaign["campaign_id"]),),
        )


def _delete(campaign_id: int) -> None:
    design.delete_campaign(state.cursor(), campaign_id)
    st.session_state.pop(OPEN_KEY, None)
    st.session_state[DELETED_KEY] = campaign_id
