"""Charts of the Loyalty page: the ladder, moves on it, loyalty rates and cohort retention."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.feedback import styled
from dashboard.i18n import format_month, format_number, format_percent, t

LEVELS = ("prospect", "one_time", "satisfied", "devoted", "partner")
#: The rungs from pale to deep green: the higher, the more loyal.
LEVEL_COLORS = {
    "prospect": "#d3d7dc",
    "one_time": "#a8d5ba",
    "satisfied": "#6fbf8e",
    "devoted": "#2a9d8f",
    "partner": "#1b5e4a",
}
RATE_COLORS = {"repeat_rate": "#1b4f9c", "cross_rate": "#e08a2b", "referral_rate": "#2a9d8f"}


def level_label(level: str, lang: str = "en") -> str:
    """The name of a rung ("Devoted"), or of 'new' customers in a movement."""
    return t(f"loyalty.level.{level}", lang)


def ladder_figure(
    counts: dict[str, int], lang: str = "en", nps_buyers: int | None = None
) -> go.Figure:
    """The ladder as horizontal bars, prospects at the bottom and partners at the top.

    Parameters
    ----------
    counts : dict
        Customers per rung, from ``loyalty.ladder_counts``.
    nps_buyers : int, optional
        Buying customers with an NPS answer (``loyalty.buyers_with_nps``). When it is 0 the title
        says that devotion cannot be judged instead of a share that is 0% whatever customers do.
    """
    if set(counts) != set(LEVELS):
        raise ValueError(f"counts must have exactly the rungs {LEVELS}")
    fig = go.Figure()
    fig.add_bar(
        x=[counts[level] for level in LEVELS],
        y=[level_label(lv, lang) for lv in LEVELS],
        orientation="h",
        marker_color=[LEVEL_COLORS[lv] for lv in LEVELS],
        text=[format_number(counts[lv], lang) for lv in LEVELS],
        textposition="auto",
        showlegend=False,
    )
    buyers = sum(counts[lv] for lv in LEVELS[1:])
    loyal = counts["devoted"] + counts["partner"]
    if not buyers:
        title = t("loyalty.title.no_buyers", lang)
    elif nps_buyers == 0:  # devoted and partner both need an NPS answer: 0% says nothing
        title = t("loyalty.title.no_nps", lang)
    else:
        title = t("loyalty.title.ladder", lang, share=format_percent(loyal / buyers, lang, 0))
    return styled(fig, title, x_title=t("loyalty.axis.customers", lang), y_title="", legend=False)


def movement_figure(movement: pd.DataFrame, lang: str = "en") -> go.Figure:
    """A heatmap of customers from each rung (rows) to each rung (columns) between two days."""
    missing = {"from_level", "to_level", "customers", "direction"} - set(movement.columns)
    if missing:
        raise ValueError(f"movement data lacks the columns {sorted(missing)}")
    rows = ["new", *LEVELS]
    grid = movement.pivot_table(
        index="from_level", columns="to_level", values="customers", aggfunc="sum", fill_value=0
    ).reindex(index=rows, columns=list(LEVELS), fill_value=0)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[level_label(lv, lang) for lv in LEVELS],
            y=[level_label(lv, lang) for lv in rows],
            colorscale="Greens",
            text=grid.to_numpy(),
            texttemplate="%{text:,}",
            hovertemplate="%{y} → %{x}: %{z:,}<extra></extra>",
            colorbar={"title": {"text": t("loyalty.axis.customers", lang)}},
        )
    )
    totals = movement.groupby("direction")["customers"].sum()
    new = int(totals.get("new", 0))
    title = t(
        "loyalty.title.movement_new" if new else "loyalty.title.movement",
        lang,
        up=format_number(totals.get("up", 0), lang),
        down=format_number(totals.get("down", 0), lang),
        new=format_number(new, lang),
    )
    fig.update_yaxes(autorange="reversed")
    return styled(
        fig,
        title,
        x_title=t("loyalty.axis.to_level", lang),
        y_title=t("loyalty.axis.from_level", lang),
        legend=False,
    )


def rates_figure(rates: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Monthly repeat, cross-purchase and referral rates (from ``loyalty.retention.loyalty_rates``)."""
    missing = {"period", *RATE_COLORS} - set(rates.columns)
    if missing:
        raise ValueError(f"rates lack the columns {sorted(missing)}")
    fig = go.Figure()
    if rates.empty:
        return styled(fig, t("loyalty.title.no_purchases", lang))
    for column, color in RATE_COLORS.items():
        fig.add_scatter(
            x=rates["period"],
            y=rates[column],
            mode="lines+markers",
            name=t(f"loyalty.rate.{column}", lang),
            line={"color": color},
        )
    last = rates.iloc[-1]
    title = t(
        "loyalty.title.rates",
        lang,
        share=format_percent(last["repeat_rate"], lang, 0),
        period=format_month(last["period"], lang),
    )
    fig.update_yaxes(tickformat=".0%")
    fig = styled(
        fig,
        title,
        x_title=t("loyalty.axis.month", lang),
        y_title=t("loyalty.axis.share_buyers", lang),
    )
    return theme.localize_months(fig, lang)


def retention_figure(cohorts: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Cohort retention as a heatmap: first-purchase month by months since (``cohort_retention``)."""
    missing = {"cohort", "months_since", "retention"} - set(cohorts.columns)
    if missing:
        raise ValueError(f"cohort data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if cohorts.empty:
        return styled(fig, t("loyalty.title.no_purchases", lang))
    grid = cohorts.pivot_table(index="cohort", columns="months_since", values="retention")
    values = grid.to_numpy()
    fig.add_heatmap(
        z=values,
        x=list(grid.columns),
        y=[format_month(c, lang) for c in grid.index],
        colorscale="Blues",
        zmin=0,
        zmax=1,
        # written as the language writes percentages ("21 %" in Russian; Plotly's own is "21%")
        text=[["" if v != v else format_percent(v, lang, 0) for v in row] for row in values],
        texttemplate="%{text}",
        hovertemplate="%{y}, +%{x}: %{z:.1%}<extra></extra>",
        colorbar={"tickformat": ".0%"},
    )
    second = cohorts[cohorts["months_since"] == 1]["retention"]
    title = (
        t("loyalty.title.retention", lang, share=format_percent(second.mean(), lang, 0))
        if not second.empty
        else t("loyalty.title.retention_new", lang)
    )
    fig.update_yaxes(autorange="reversed")
    return styled(
        fig,
        title,
        x_title=t("loyalty.axis.months_since", lang),
        y_title=t("loyalty.axis.cohort", lang),
        legend=False,
        height=max(460, 22 * len(grid) + 160),
    )
