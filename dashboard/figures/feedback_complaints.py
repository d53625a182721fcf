"""Charts of complaints: the iceberg per period and per tier, and the time to resolve them."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.feedback import group_color, group_label, styled
from dashboard.i18n import format_number, format_percent, t


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


def _iceberg_bars(
    fig: go.Figure,
    x,
    observed,
    silent,
    color: str,
    names: tuple[str, str],
    show_legend: bool = True,
) -> None:
    fig.add_bar(
        x=x,
        y=list(observed),
        name=names[0],
        marker_color=color,
        showlegend=show_legend,
        hovertemplate="%{x}: %{y:,.0f}<extra>" + names[0] + "</extra>",
    )
    fig.add_bar(
        x=x,
        y=[-v for v in silent],
        name=names[1],
        marker_color=color,
        opacity=0.35,
        customdata=list(silent),
        showlegend=show_legend,
        hovertemplate="%{x}: %{customdata:,.0f}<extra>" + names[1] + "</extra>",
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


def iceberg_figure(df: pd.DataFrame, lang: str = "en", complaint_share: float = 0.04) -> go.Figure:
    """The complaint iceberg per period: complaints above the waterline, the silent below.

    Parameters
    ----------
    df : pandas.DataFrame
        :func:`dashboard.feedback_complaints.complaint_iceberg` (period, complaints,
        silent_dissatisfied, estimated_dissatisfied).
    complaint_share : float
        The share used, stated in the title.
    """
    missing = {"period", "complaints", "silent_dissatisfied", "estimated_dissatisfied"} - set(df)
    if missing:
        raise ValueError(f"iceberg data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if df.empty:
        return styled(fig, t("feedback.title.no_complaints", lang))
    names = (t("feedback.iceberg.observed", lang), t("feedback.iceberg.silent", lang))
    _iceberg_bars(
        fig,
        df["period"],
        df["complaints"],
        df["silent_dissatisfied"],
        theme.KIND_COLORS["complaint"],
        names,
    )
    title = t(
        "feedback.title.iceberg",
        lang,
        complaints=format_number(df["complaints"].sum(), lang),
        estimated=format_number(df["estimated_dissatisfied"].sum(), lang),
        share=format_percent(complaint_share, lang, 0),
    )
    fig = _finish_iceberg(
        fig,
        df["complaints"],
        df["silent_dissatisfied"],
        title,
        t("feedback.axis.period", lang),
        lang,
    )
    return theme.localize_months(fig, lang)


def iceberg_tier_figure(df: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The iceberg per value tier, in the tiers' colours (from ``iceberg_by_tier``)."""
    missing = {"tier", "complaints", "silent_dissatisfied", "estimated_dissatisfied"} - set(df)
    if missing:
        raise ValueError(f"iceberg data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if df.empty:
        return styled(fig, t("feedback.title.no_complaints", lang))
    names = (t("feedback.iceberg.observed", lang), t("feedback.iceberg.silent", lang))
    for row in df.itertuples():
        label = group_label("tier", row.tier, lang)
        _iceberg_bars(
            fig,
            [label],
            [row.complaints],
            [row.silent_dissatisfied],
            group_color("tier", row.tier),
            names,
            show_legend=False,
        )
    known = df[df["tier"] != "unknown"]
    top = (known if not known.empty else df).sort_values("estimated_dissatisfied").iloc[-1]
    title = t(
        "feedback.title.iceberg_tier",
        lang,
        tier=group_label("tier", top["tier"], lang),
        estimated=format_number(top["estimated_dissatisfied"], lang),
        complaints=format_number(top["complaints"], lang),
    )
    return _finish_iceberg(
        fig, df["complaints"], df["silent_dissatisfied"], title, t("feedback.axis.tier", lang), lang
    )


def resolution_figure(df: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Median and 90th-percentile days to resolve a complaint per tier (from ``resolution_by_tier``)."""
    missing = {"tier", "median_days", "p90_days", "share_resolved"} - set(df)
    if missing:
        raise ValueError(f"resolution data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    resolved = df.dropna(subset=["median_days"])
    if resolved.empty:
        return styled(fig, t("feedback.title.none_resolved", lang))
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
