"""Charts of complaints: the iceberg per period and per tier, and the time to resolve them."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.feedback import complaints
from dashboard.feedback.trends import UNKNOWN_GROUP
from dashboard.figures import theme
from dashboard.figures.feedback import group_color, group_label, styled
from dashboard.i18n import format_number, format_percent, t


def _empty(title: str) -> go.Figure:
    """A chart with nothing to draw: its title alone, without axes (Plotly would draw -1..6)."""
    fig = styled(go.Figure(), title)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _mirrored_ticks(top: float, bottom: float, lang: str) -> tuple[list[float], list[str]]:
    """Tick positions on a mirrored axis with their absolute values as labels."""
    span = max(top, bottom, 1)
    step = 10 ** math.floor(math.log10(span))
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= 5:
            step *= factor
            break
    values = [v * step for v in range(-math.ceil(bottom / step), math.ceil(top / step) + 1)]
    return values, [format_number(abs(v), lang) for v in values]


def _hover(row, lang: str, estimated: bool = True) -> tuple[str, str]:
    """What a reader sees over the two bars of one period or tier: above and below the waterline."""
    left_out = getattr(row, "anonymous_left_out", False)  # most anonymous: not counted
    observed = t(
        "feedback.iceberg.hover_observed",
        lang,
        complainers=format_number(row.complaining_customers, lang),
        complaints=format_number(row.complaints - (row.anonymous if left_out else 0), lang),
    )
    if left_out:
        observed += t("feedback.iceberg.hover_left_out", lang, n=format_number(row.anonymous, lang))
    if getattr(row, "tier", None) == UNKNOWN_GROUP or not estimated:
        return observed, t("feedback.iceberg.hover_unranked", lang)
    silent_key = "feedback.iceberg.hover_capped" if row.capped else "feedback.iceberg.hover_silent"
    silent = t(
        silent_key,
        lang,
        silent=format_number(row.silent_dissatisfied, lang),
        customers=format_number(row.customers, lang),
    )
    return observed, silent


def _without_estimate(rows: pd.DataFrame, which) -> pd.DataFrame:
    """``rows`` with no silent customers where ``which`` is true: nobody to estimate them from."""
    rows = rows.copy()
    rows.loc[which, "silent_dissatisfied"] = 0
    rows.loc[which, "capped"] = False
    return rows


def _iceberg_bars(
    fig: go.Figure,
    x,
    rows: pd.DataFrame,
    color: str,
    names: tuple[str, str],
    lang: str,
    show_legend: bool = True,
    estimated: bool = True,
) -> None:
    """Complaining customers above the waterline, the estimated silent ones below it."""
    hovers = [_hover(row, lang, estimated) for row in rows.itertuples()]
    fig.add_bar(
        x=x,
        y=list(rows["complaining_customers"]),
        name=names[0],
        marker_color=color,
        showlegend=show_legend,
        hovertext=[h[0] for h in hovers],
        hovertemplate="%{x}: %{hovertext}<extra>" + names[0] + "</extra>",
    )
    fig.add_bar(
        x=x,
        y=[-v for v in rows["silent_dissatisfied"]],
        name=names[1],
        marker_color=color,
        opacity=0.35,
        customdata=list(rows["silent_dissatisfied"]),
        showlegend=show_legend,
        hovertext=[h[1] for h in hovers],
        hovertemplate="%{x}: %{hovertext}<extra>" + names[1] + "</extra>",
    )


def _finish_iceberg(
    fig: go.Figure, observed, silent, title: str, x_title: str, lang: str
) -> go.Figure:
    tickvals, ticktext = _mirrored_ticks(max(observed, default=0), max(silent, default=0), lang)
    fig.update_layout(barmode="relative")
    fig.update_yaxes(
        tickvals=tickvals,
        ticktext=ticktext,
        zeroline=True,
        zerolinewidth=3,
        zerolinecolor="#1f6fa8",
    )
    fig.add_annotation(
        xref="paper",
        x=1,
        y=0,
        yref="y",
        text=t("feedback.iceberg.waterline", lang),
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        font={"color": "#1f6fa8", "size": 13},
    )
    return styled(fig, title, x_title=x_title, y_title=t("feedback.axis.customers", lang))


#: Columns an iceberg frame needs (from ``complaint_iceberg`` or ``iceberg_by_tier``).
ICEBERG_COLUMNS = {
    "complaints",
    "complaining_customers",
    "customers",
    "estimated_dissatisfied",
    "silent_dissatisfied",
    "capped",
}


def iceberg_figure(df: pd.DataFrame, total: dict, lang: str = "en") -> go.Figure:
    """The complaint iceberg per period: complaining customers above the waterline, the silent
    below.

    Parameters
    ----------
    df : pandas.DataFrame
        :func:`dashboard.feedback.complaints.complaint_iceberg` (period and the iceberg columns).
    total : dict
        :func:`dashboard.feedback.complaints.iceberg_summary` of the same range and share: the
        title's numbers, counted over the whole range (not the sum of the periods).
    """
    missing = (ICEBERG_COLUMNS | {"period"}) - set(df)
    if missing:
        raise ValueError(f"iceberg data lacks the columns {sorted(missing)}")
    title = complaints.iceberg_sentence(total, lang)
    fig = go.Figure()
    if df.empty:
        return _empty(t("feedback.title.no_complaints", lang))
    names = (t("feedback.iceberg.observed", lang), t("feedback.iceberg.silent", lang))
    estimated = not complaints.all_anonymous(total)
    if not estimated:  # anonymous complaints alone: the title says why nobody is estimated
        df = _without_estimate(df, df.index)
    _iceberg_bars(
        fig, df["period"], df, theme.KIND_COLORS["complaint"], names, lang, estimated=estimated
    )
    fig = _finish_iceberg(
        fig,
        df["complaining_customers"],
        df["silent_dissatisfied"],
        title,
        t("feedback.axis.period", lang),
        lang,
    )
    return theme.localize_months(fig, lang)


def iceberg_tier_figure(
    df: pd.DataFrame, lang: str = "en", complaint_share: float = 0.04
) -> go.Figure:
    """The iceberg per value tier, in the tiers' colours (from ``iceberg_by_tier``).

    The title names the tier with the largest estimate; a tier's estimate never exceeds its
    customers, and when it reaches them the title says so in words.
    """
    missing = (ICEBERG_COLUMNS | {"tier"}) - set(df)
    if missing:
        raise ValueError(f"iceberg data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if df.empty:
        return _empty(t("feedback.title.no_complaints", lang))
    names = (t("feedback.iceberg.observed", lang), t("feedback.iceberg.silent", lang))
    # anonymous complaints and customers without a tier belong to no group of a known size
    df = _without_estimate(df, df["tier"] == UNKNOWN_GROUP)
    for tier, row in df.groupby("tier", sort=False):
        _iceberg_bars(
            fig,
            [group_label("tier", tier, lang)],
            row,
            group_color("tier", tier),
            names,
            lang,
            show_legend=False,
        )
    known = df[df["tier"] != UNKNOWN_GROUP]
    if known.empty:
        title = t(
            "feedback.title.iceberg_tier_unranked",
            lang,
            complaints=format_number(df["complaints"].sum(), lang),
        )
    else:
        top = known.sort_values(["estimated_dissatisfied", "complaints"], kind="stable").iloc[-1]
        key = (
            "feedback.title.iceberg_tier_capped" if top["capped"] else "feedback.title.iceberg_tier"
        )
        title = t(
            key,
            lang,
            tier=group_label("tier", top["tier"], lang),
            estimated=format_number(top["estimated_dissatisfied"], lang),
            complaints=format_number(top["complaints"], lang),
            complainers=format_number(top["complaining_customers"], lang),
            customers=format_number(top["customers"], lang),
            share=format_percent(complaint_share, lang, 0),
        )
    return _finish_iceberg(
        fig,
        df["complaining_customers"],
        df["silent_dissatisfied"],
        title,
        t("feedback.axis.tier", lang),
        lang,
    )


def resolution_figure(df: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Median and 90th-percentile days to resolve a complaint per tier (from ``resolution_by_tier``)."""
    missing = {"tier", "median_days", "p90_days", "share_resolved"} - set(df)
    if missing:
        raise ValueError(f"resolution data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    resolved = df.dropna(subset=["median_days"])
    if resolved.empty:
        return _empty(t("feedback.title.none_resolved", lang))
    labels = [group_label("tier", tier, lang) for tier in resolved["tier"]]
    colors = [group_color("tier", tier) for tier in resolved["tier"]]
    fig.add_bar(
        x=labels,
        y=resolved["median_days"],
        name=t("feedback.resolution.median", lang),
        marker_color=colors,
    )
    fig.add_bar(
        x=labels,
        y=resolved["p90_days"],
        name=t("feedback.resolution.p90", lang),
        marker_color=colors,
        opacity=0.45,
    )
    fig.update_layout(barmode="group")
    slowest = resolved.sort_values("p90_days").iloc[-1]
    title = t(
        "feedback.title.resolution",
        lang,
        tier=group_label("tier", slowest["tier"], lang),
        days=format_number(slowest["p90_days"], lang, 1),
    )
    return styled(
        fig, title, x_title=t("feedback.axis.tier", lang), y_title=t("feedback.axis.days", lang)
    )
