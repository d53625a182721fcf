"""Cached loaders and widgets of the Overview page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.feedback import trends
from dashboard.reporting import metrics, report
from dashboard.reporting import story as story_module
from dashboard.store.filters import Filters
from dashboard.ui import state
from dashboard.value import pyramid
from dashboard.value.cost_model import load_cost_model


@st.cache_data(show_spinner=False, max_entries=32)
def kpis(db: str, data_version: int, filters: Filters) -> list[dict]:
    """KPIs of the period with their change (cached per data version and filters)."""
    return metrics.kpis_with_change(state.cursor(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def has_earlier_data(db: str, data_version: int, filters: Filters) -> bool:
    """Whether any purchase precedes the period (else there is nothing to compare it with)."""
    return metrics.has_earlier_data(state.cursor(), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def known_cost_share(db: str, data_version: int, filters: Filters) -> float | None:
    """The share of the period's revenue whose cost is known (None without revenue)."""
    return metrics.known_cost_share(state.cursor(), filters)


#: Below this share of revenue with a known cost, the cost and profit cards are mostly estimates.
MOSTLY_ESTIMATED = 0.5


def cost_note(known_share: float | None) -> None:
    """Under the cards: say that cost and profit come from the cost model's margin when the
    period's transactions carry no cost (or carry it for under half of the revenue)."""
    if known_share is None or known_share >= MOSTLY_ESTIMATED:
        return
    if known_share == 0:
        st.caption(state.tr("common.cost_estimated"))
    else:
        share = i18n.format_percent(known_share, state.lang(), 0 if known_share >= 0.01 else 1)
        st.caption(state.tr("common.cost_estimated_partly", share=share))


@st.cache_data(show_spinner=False, max_entries=32)
def tier_shares(db: str, data_version: int, filters: Filters) -> pd.DataFrame:
    """Tier shares under the saved tier rule and cost model."""
    conn = state.cursor()
    return pyramid.tier_shares(
        conn, filters, rule=pyramid.load_tier_rule(conn), cost_model=load_cost_model(conn)
    )


@st.cache_data(show_spinner=False, max_entries=32)
def feedback_trend(db: str, data_version: int, filters: Filters) -> pd.DataFrame:
    """Monthly feedback by kind."""
    return trends.trend(state.cursor(), filters, freq="month")


def kpi_cards(rows: list[dict]) -> None:
    """The KPIs as metric cards, arrows coloured by whether the change is good.

    The cards sit in a row that wraps: each is as wide as its text needs ("9,9 млн $" is wider
    than "$9.9M"), so none is cut short on a narrow screen or projector.
    """
    lang, currency = state.lang(), state.currency()
    with st.container(horizontal=True, wrap=True):
        for row in rows:
            help_key = f"overview.kpi.help.{row['kpi']}"
            flat = story_module.unchanged(row)  # no arrow, no colour
            colour = "normal" if row["higher_is_better"] else "inverse"
            st.metric(
                state.tr(f"overview.kpi.{row['kpi']}"),
                story_module.format_kpi(row["kpi"], row["value"], lang, currency),
                delta=story_module.format_change(row, lang),
                delta_color="off" if flat else colour,
                delta_arrow="off" if flat else "auto",
                help=state.tr(help_key) if help_key in i18n.texts() else None,
                border=True,
            )


def story(shares: pd.DataFrame) -> str | None:
    """The pyramid in one sentence, in this session's language (None when nobody bought)."""
    return story_module.story(shares, state.lang())


def tier_share_figure(shares: pd.DataFrame):
    """Each tier's share of customers, revenue, cost and profit, titled with the top tiers' share."""
    return story_module.tier_share_figure(shares, state.lang())


def _utc_now() -> datetime:
    return datetime.now(UTC)


def report_builder(
    filters: Filters,
    lang: str | None = None,
    source: str | None = None,
    clock: Callable[[], datetime] = _utc_now,
):
    """A callable that builds the HTML report of ``filters`` when the download is clicked.

    The language and database are bound now (this session's by default): Streamlit calls it
    outside the run. The report is stamped with ``clock()`` read at each click, never the time
    the page was drawn.
    """
    lang, source = lang or state.lang(), source or state.db_path()
    return state.deferred(
        lambda cursor: report.build_html(cursor, filters, lang, source=source, generated_at=clock())
    )


def report_file_name(filters: Filters) -> str:
    """The downloaded report's name, with its period."""
    return f"customer_value_report_{filters.start}_{filters.end}.html"
