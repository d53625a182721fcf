"""Cached loaders and widgets of the Overview page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import feedback, i18n, metrics, pyramid
from dashboard.cost_model import load_cost_model
from dashboard.figures import pyramid as pyramid_figures
from dashboard.filters import Filters
from dashboard.ui import state


@st.cache_data(show_spinner=False, max_entries=32)
def kpis(db: str, data_version: int, filters: Filters) -> list[dict]:
    """KPIs of the period with their change (cached per data version and filters)."""
    return metrics.kpis_with_change(state.cursor(), filters)


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
    return feedback.trend(state.cursor(), filters, freq="month")


def format_kpi(name: str, value, lang: str, currency: str) -> str:
    """A KPI's value as people read it: money compact, rates as percentages, NPS signed."""
    if value is None:
        return "—"
    if name in ("revenue", "cost", "profit"):
        return i18n.format_money(value, lang, currency, compact=True)
    if name == "repeat_purchase_rate":
        return i18n.format_percent(value, lang)
    if name == "nps":
        return f"{value:+.0f}"
    return i18n.format_number(value, lang)


def format_change(row: dict, lang: str) -> str | None:
    """The change shown under a KPI: relative in %, or in points for rates and NPS."""
    change = row["change"]
    if change is None:
        return None
    if row["kpi"] == "repeat_purchase_rate":
        return state.tr("overview.points", value=i18n.format_number(change * 100, lang, 1))
    if row["kpi"] == "nps":
        return state.tr("overview.points", value=f"{change:+.0f}")
    return ("+" if change >= 0 else "") + i18n.format_percent(change, lang)


def kpi_cards(rows: list[dict]) -> None:
    """The KPIs as metric cards, in two rows, arrows coloured by whether the change is good."""
    lang, currency = state.lang(), state.currency()
    for chunk in (rows[:5], rows[5:]):
        for column, row in zip(st.columns(5), chunk, strict=False):
            help_key = f"overview.kpi.help.{row['kpi']}"
            column.metric(
                state.tr(f"overview.kpi.{row['kpi']}"),
                format_kpi(row["kpi"], row["value"], lang, currency),
                delta=format_change(row, lang),
                delta_color="normal" if row["higher_is_better"] else "inverse",
                help=state.tr(help_key) if help_key in i18n.texts() else None,
                border=True,
            )


def story(shares: pd.DataFrame) -> str | None:
    """The pyramid in one sentence, from the tier shares (None when nobody bought)."""
    tiers = shares.set_index("tier")
    if tiers.loc[["1", "2", "3", "4"], "customers"].sum() == 0:
        return None
    lang = state.lang()

    def pct(tier_list, column):
        return i18n.format_percent(tiers.loc[tier_list, column].sum(), lang, 0)

    return state.tr(
        "overview.story",
        top_share=pct(["1", "2"], "share_customers"),
        top_revenue=pct(["1", "2"], "share_revenue"),
        mid_share=pct(["3"], "share_customers"),
        mid_revenue=pct(["3"], "share_revenue"),
        mid_cost=pct(["3"], "share_cost_to_serve"),
        low_share=pct(["4"], "share_customers"),
        low_revenue=pct(["4"], "share_revenue"),
    )


def tier_share_figure(shares: pd.DataFrame):
    """Each tier's share of customers, revenue, cost and profit, titled with the top tiers' share."""
    tiers = shares.set_index("tier")
    top = tiers.loc[["1", "2"]]
    lang = state.lang()
    return pyramid_figures.shares_figure(
        shares,
        title=state.tr(
            "overview.tiers_title",
            customers=i18n.format_percent(top["share_customers"].sum(), lang, 0),
            revenue=i18n.format_percent(top["share_revenue"].sum(), lang, 0),
        ),
        measure_names={
            m: state.tr(f"common.{m}") for m in ("customers", "revenue", "cost", "profit")
        },
        tier_names={t: state.tr(f"common.tier_name.{t}") for t in ("1", "2", "3", "4")},
        x_title=state.tr("common.tier"),
        y_title=state.tr("overview.share_axis"),
    )
