"""Share of wallet on the Customer pyramid page (per tier, the opportunity list, the per-tier
estimates) and in the customer profile (the customer's wallet, our revenue and share)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.errors import DashboardError
from dashboard.figures import wallet as figures
from dashboard.store.filters import Filters
from dashboard.text_safety import markdown_text, plotly_text
from dashboard.ui import auth, charts, downloads, state, tables
from dashboard.ui import pyramid as ui
from dashboard.value import pyramid
from dashboard.wallet import share

#: The campaign form's keys the "Make them a campaign audience" button sets (as the Future
#: value page's does).
CAMPAIGN_SOURCE_KEY, CAMPAIGN_START_KEY = "campaigns_source", "campaigns_start"
SUMMARY_COLUMNS = ("tier", "customers", "known", "from_column", "from_estimate", "revenue")
OPPORTUNITY_COLUMNS = ("customer_id", "name", "tier", "revenue", "wallet", "share", "untapped")
LISTED_COLUMNS = ("customer_id", "name", "email", "phone", "country", "tier", "revenue",
                  "wallet", "share", "untapped", "wallet_source")  # fmt: skip
#: The most untapped customers the page lists (the downloads and a campaign take them all).
SHOWN_ROWS = 100


# --- cached loaders: the data version changes with every import and saved setting ---


@st.cache_data(show_spinner=False, max_entries=8)
def wallet_status(db: str, data_version: int) -> dict:
    """What is known of wallets (see :func:`dashboard.wallet.share.status`)."""
    return share.status(state.cursor())


def _tiers(view: ui.View) -> dict:
    return {"by": view.by, "rule": view.rule, "cost_model": view.model,
            "source": ui.value_source(view)}  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=16)
def tier_summary(db: str, data_version: int, view: ui.View) -> tuple[pd.DataFrame, int | None]:
    """Share of wallet per tier, and the days of the period."""
    conn = state.cursor()
    return share.tier_summary(conn, view.filters, **_tiers(view)), share.period_days(
        conn, view.filters
    )


@st.cache_data(show_spinner=False, max_entries=16)
def opportunities(
    db: str, data_version: int, view: ui.View, cuts: share.Opportunity
) -> share.TopOpportunities:
    """The :data:`SHOWN_ROWS` most untapped customers of high wallet and low share, and how
    many there are in all."""
    return share.top_opportunities(
        state.cursor(), view.filters, cuts, limit=SHOWN_ROWS, **_tiers(view)
    )


def _listed(rows: pd.DataFrame, sources: dict[str, str]) -> pd.DataFrame:
    listed = rows[list(LISTED_COLUMNS)].copy()
    listed["wallet_source"] = listed.wallet_source.map(sources)
    return listed


def _every_opportunity(view: ui.View, cuts: share.Opportunity, sources: dict[str, str]):
    """The whole list for a download, read only when its button is clicked (outside a page
    run: the tiers' source and the labels are bound now)."""
    tiers = _tiers(view)
    return lambda cursor: _listed(share.opportunities(cursor, view.filters, cuts, **tiers), sources)


@st.cache_data(show_spinner=False, max_entries=8)
def saved_cuts(db: str, data_version: int) -> share.Opportunity:
    """The saved opportunity limits (or the defaults)."""
    return share.load_opportunity(state.cursor())


@st.cache_data(show_spinner=False, max_entries=256)
def customer_share(db: str, data_version: int, customer_id: str, filters: Filters) -> dict | None:
    """One customer's wallet, revenue and share, with the saved tier rule and cost model."""
    from dashboard.value import cost_model

    conn = state.cursor()
    return share.customer_share(
        conn,
        filters,
        customer_id,
        rule=pyramid.load_tier_rule(conn),
        cost_model=cost_model.load_cost_model(conn),
    )


def _keys() -> tuple[str, int]:
    return state.db_path(), state.version()


def _pct(fraction, decimals: int = 0) -> str:
    return i18n.format_percent(fraction, state.lang(), decimals=decimals)


def _money(amount, compact: bool = True) -> str:
    return i18n.format_money(amount, state.lang(), state.currency(), compact=compact)


def _number(value) -> str:
    return i18n.format_number(value, state.lang())


def tier_names() -> dict[str, str]:
    """Label of each tier ('1'-'4', 'inactive')."""
    return {t: state.tr(f"common.tier_name.{t}") for t in pyramid.ALL_TIERS}


# --- the Customer pyramid page's section ---


def pyramid_section(view: ui.View) -> None:
    """Share of wallet per tier and the opportunity list; what to import when nothing is known."""
    st.subheader(state.tr("wallet.title"))
    st.caption(state.tr("wallet.intro"))
    known = wallet_status(*_keys())
    if share.nothing_known(known):
        st.caption(state.tr("wallet.nothing"))
    else:
        try:
            _known_section(view, known)
        except DashboardError as e:
            st.error(markdown_text(e.localized(state.lang())))
    estimates_editor(known["estimates"])


def _sources_caption(known: dict) -> None:
    column = known["column"]
    if column is not None and known["stated"]:
        st.caption(
            state.tr(
                "wallet.from_column",
                customers=_number(known["stated"]),
                column=markdown_text(column.name),
                period=state.tr(f"wallet.period.{column.months}"),
            )
        )
    if known["estimates"]:
        names = tier_names()
        listed = ", ".join(names[t] for t in pyramid.ALL_TIERS if t in known["estimates"])
        st.caption(state.tr("wallet.from_estimates", tiers=listed))


def _known_section(view: ui.View, known: dict) -> None:
    summary, days = tier_summary(*_keys(), view)
    if not days:
        st.info(state.tr("wallet.no_period"))
        return
    _sources_caption(known)
    st.caption(
        state.tr("wallet.scaling", days=_number(days), fraction=_pct(share.year_fraction(days)))
    )
    if (summary.known > 0).any():
        tier_chart(summary)
        shown = summary[summary.customers > 0][[*SUMMARY_COLUMNS, "wallet", "share"]].copy()
        shown["tier"] = shown.tier.map(tier_names())
        tables.show(
            shown,
            money=("revenue", "wallet"),
            percent=("share",),
            labels={c: state.tr(f"wallet.col.{c}") for c in shown.columns},
            hide_index=True,
            key="wallet_tier_table",
        )
    opportunity_section(view)


def tier_chart(summary: pd.DataFrame) -> None:
    """Each tier's share of its customers' category spend, titled by the best and the worst."""
    names = tier_names()
    rows = summary[(summary.known > 0) & summary.share.notna()]
    ranked = rows[rows.tier.isin(pyramid.TIERS)]  # the inactive bought nothing: 0% says little
    ranked = ranked if len(ranked) else rows
    best = ranked.loc[ranked.share.idxmax()]
    worst = ranked.loc[ranked.share.idxmin()]
    key = "wallet.chart_title" if len(ranked) > 1 else "wallet.chart_title_one"
    title = state.tr(
        key,
        best=names[best.tier],
        best_share=_pct(best.share),
        worst=names[worst.tier],
        worst_share=_pct(worst.share),
    )
    hovers = {
        r.tier: state.tr(
            "wallet.hover",
            tier=plotly_text(names[r.tier]),
            known=_number(r.known),
            revenue=_money(r.revenue),
            wallet=_money(r.wallet),
        )
        for r in rows.itertuples()
    }
    charts.show(
        st,
        figures.tier_share_figure(
            summary,
            title=title,
            tier_names=names,
            texts={r.tier: _pct(r.share) for r in rows.itertuples()},
            hovers=hovers,
            x_title=state.tr("wallet.tier_axis"),
            y_title=state.tr("wallet.share_axis"),
        ),
        key="wallet_tier_chart",
    )


def _cut_inputs() -> share.Opportunity:
    saved = saved_cuts(*_keys())
    left, middle, right = st.columns([1, 1, 1], vertical_alignment="bottom")
    top = left.number_input(
        state.tr("wallet.top_share"),
        min_value=1,
        max_value=100,
        value=round(saved.top_share * 100),
        step=5,
        key="wallet_top_share",
        help=state.tr("wallet.top_share_help"),
    )
    low = middle.number_input(
        state.tr("wallet.max_share"),
        min_value=1,
        max_value=100,
        value=round(saved.max_share * 100),
        step=5,
        key="wallet_max_share",
    )
    cuts = share.Opportunity(top / 100, low / 100)
    right.button(
        state.tr("wallet.save_cuts"), key="wallet_save_cuts", on_click=_save_cuts, args=(cuts,)
    )
    return cuts


def _save_cuts(cuts: share.Opportunity) -> None:
    if not auth.check("settings"):
        return
    share.save_opportunity(state.cursor(), cuts)
    st.toast(state.tr("wallet.cuts_saved"))


def _use_as_audience(start: date) -> None:
    st.session_state[CAMPAIGN_SOURCE_KEY] = "wallet"
    st.session_state[CAMPAIGN_START_KEY] = start
    st.session_state["campaigns_open_form"] = True


def campaign_start(filters: Filters) -> date:
    """The first day of a campaign on the list: the day after the period (or after the data)."""
    end = filters.end or state.data_range()[1] or date.today()
    return end + timedelta(days=1)


def opportunity_section(view: ui.View) -> None:
    """The customers of high wallet and low share: table, downloads, the way to a campaign."""
    st.markdown(f"**{state.tr('wallet.opportunity')}**")
    cuts = _cut_inputs()
    found = opportunities(*_keys(), view, cuts)
    rows = found.rows
    values = {"top": _pct(cuts.top_share), "cut": _pct(cuts.max_share)}
    if not found.customers:
        st.caption(state.tr("wallet.opportunity_none", **values))
        return
    st.caption(
        state.tr(
            "wallet.opportunity_caption",
            customers=_number(found.customers),
            threshold=_money(found.threshold, compact=False),
            **values,
        )
    )
    if found.customers > len(rows):
        st.caption(
            state.tr(
                "wallet.opportunity_top",
                shown=_number(len(rows)),
                customers=_number(found.customers),
                untapped=_money(found.untapped),
            )
        )
    names = tier_names()
    shown = rows[list(OPPORTUNITY_COLUMNS)].copy()
    shown["tier"] = shown.tier.map(names)
    tables.show(
        shown,
        money=("revenue", "wallet", "untapped"),
        percent=("share",),
        labels={c: state.tr(f"wallet.col.{c}") for c in shown.columns},
        hide_index=True,
        key="wallet_opportunity_table",
    )
    left, middle, right = st.columns([1, 1, 2])
    # every qualifying customer, as the campaign gets them: read when a button is clicked
    sources = {s: state.tr(f"wallet.source.{s}") for s in share.SOURCES}
    listed = (
        _listed(rows, sources)
        if found.customers == len(rows)
        else _every_opportunity(view, cuts, sources)
    )
    downloads.csv_and_excel(
        listed, "high_wallet_low_share", "wallet_opportunity", places=(left, middle)
    )
    if right.button(
        state.tr("wallet.to_campaign"),
        key="wallet_to_campaign",
        icon=":material/campaign:",
        on_click=_use_as_audience,
        args=(campaign_start(view.filters),),
    ):
        # the link's language and period go along (a switch of page clears the query)
        st.switch_page("pages/campaigns.py", query_params=st.query_params.to_dict())


def estimates_editor(saved: dict[str, float]) -> None:
    """The annual category spend per customer of each tier, for customers without their own."""
    names = tier_names()
    with st.expander(state.tr("wallet.estimates"), icon=":material/edit:"):
        st.caption(state.tr("wallet.estimates_intro"))
        entered = {}
        for column, tier in zip(st.columns(len(pyramid.ALL_TIERS)), pyramid.ALL_TIERS, strict=True):
            entered[tier] = column.number_input(
                state.tr("wallet.estimate_input", tier=names[tier], currency=state.currency()),
                min_value=0.0,
                value=saved.get(tier),
                step=100.0,
                format="%g",
                placeholder=state.tr("wallet.estimate_unknown"),
                key=f"wallet_estimate_{tier}",
            )
        st.button(
            state.tr("wallet.save_estimates"),
            key="wallet_save_estimates",
            on_click=_save_estimates,
            args=(entered,),
        )


def _save_estimates(entered: dict[str, float | None]) -> None:
    if not auth.check("settings"):
        return
    try:
        share.save_estimates(state.cursor(), entered)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    st.toast(state.tr("wallet.estimates_saved"))


# --- the customer profile ---


def profile_section(customer_id: str, filters: Filters) -> None:
    """The customer's category spend in the period, our revenue and the share; or why unknown."""
    try:
        row = customer_share(*_keys(), customer_id, filters)
    except DashboardError as e:
        st.error(markdown_text(e.localized(state.lang())))
        return
    st.markdown(f"**{state.tr('wallet.title')}**")
    if row is None or row["wallet"] is None or not row["days"]:
        st.caption(state.tr("wallet.profile_unknown"))
        return
    lang, currency = state.lang(), state.currency()
    wallet, revenue, fraction = row["wallet"], row["revenue"], row["share"]
    with st.container(horizontal=True, wrap=True):  # each card as wide as its text needs
        for key, value in (
            ("wallet", i18n.format_money(wallet, lang, currency)),
            ("revenue", i18n.format_money(revenue, lang, currency)),
            ("share", _pct(fraction)),
        ):
            st.metric(state.tr(f"wallet.figure.{key}"), value)
    values = {"annual": _money(row["annual_wallet"], compact=False), "days": _number(row["days"])}
    if row["wallet_source"] == "column":
        column = wallet_status(*_keys())["column"]
        st.caption(state.tr("wallet.profile_column", column=markdown_text(column.name), **values))
    else:
        st.caption(state.tr("wallet.profile_estimate", tier=tier_names()[row["tier"]], **values))
    if fraction > 1:
        st.caption(state.tr("wallet.over"))
