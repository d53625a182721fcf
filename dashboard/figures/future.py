"""Charts of the Future value page: the model's holdout check, probability alive and the pyramid
ahead, each by tier in the tiers' colours."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.text_safety import plotly_text

VALIDATION_COLUMNS = {"purchases", "actual", "predicted"}
ALIVE_COLUMNS = {"tier", "bin", "share"}
AHEAD_COLUMNS = {"tier", "now", "ahead"}


def _check(frame: pd.DataFrame, needed: set[str], what: str) -> None:
    missing = needed - set(frame.columns)
    if missing:
        raise ValueError(f"the {what} lack the columns {sorted(missing)}")


def validation_figure(
    rows: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """Actual against predicted holdout purchases, by number of calibration purchases.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``purchases`` (the group: "0", "1", … "7+", in order), ``actual`` and ``predicted``
        (the holdout purchases per customer of the group, or in total: the caller's axis says).
    labels : dict
        The shown names of the two series, keys ``actual`` and ``predicted``.
    title, x_title, y_title : str
        The finding and the axis titles (with their units).
    """
    _check(rows, VALIDATION_COLUMNS, "holdout rows")
    if {"actual", "predicted"} - set(labels):
        raise ValueError("labels must name 'actual' and 'predicted'")
    x = [str(p) for p in rows["purchases"]]
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=rows["actual"],
        name=labels["actual"],
        marker_color=theme.NEUTRAL,
        hovertemplate=f"{labels['actual']}: %{{y:,.2f}}<extra>%{{x}}</extra>",
    )
    fig.add_scatter(
        x=x,
        y=rows["predicted"],
        name=labels["predicted"],
        mode="lines+markers",
        line={"color": theme.TIER_COLORS["1"], "width": 3},
        marker={"size": 10},
        hovertemplate=f"{labels['predicted']}: %{{y:,.2f}}<extra>%{{x}}</extra>",
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    fig.update_yaxes(rangemode="tozero")
    return theme.style(fig, title, x_title=x_title, y_title=y_title)


def alive_figure(
    bins: pd.DataFrame,
    tier_labels: dict[str, str],
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """How probability alive is spread within each tier: one line per tier in its colour.

    Parameters
    ----------
    bins : pandas.DataFrame
        ``tier`` ('1'-'4', 'inactive'), ``bin`` (the band's lower bound, 0, 0.1, … 0.9) and
        ``share`` (the fraction of the tier's customers in the band).
    tier_labels : dict
        The shown name of each tier in ``bins``.
    """
    _check(bins, ALIVE_COLUMNS, "bins")
    fig = go.Figure()
    for tier in theme.TIER_ORDER:
        rows = bins[bins["tier"] == tier].sort_values("bin")
        if rows.empty:
            continue
        if tier not in tier_labels:
            raise ValueError(f"no label for tier {tier!r}")
        name = plotly_text(tier_labels[tier])
        fig.add_scatter(
            x=rows["bin"] + 0.05,  # the middle of the band
            y=rows["share"],
            name=name,
            mode="lines+markers",
            line={"color": theme.TIER_COLORS[tier], "width": 3},
            hovertemplate=f"{name}: %{{y:.0%}}<extra>%{{x:.0%}}</extra>",
        )
    fig.update_xaxes(tickformat=".0%", range=[0, 1], dtick=0.1)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return theme.style(fig, title, x_title=x_title, y_title=y_title)


def ahead_figure(
    shares: pd.DataFrame,
    tier_labels: dict[str, str],
    series: dict[str, str],
    title: str,
    y_title: str,
) -> go.Figure:
    """The pyramid ahead: each tier's share now beside its share of the predicted value.

    Parameters
    ----------
    shares : pandas.DataFrame
        ``tier``, ``now`` (its share of this period's measure) and ``ahead`` (its share of the
        value predicted over the horizon), fractions.
    tier_labels : dict
        The shown name of each tier.
    series : dict
        The names of the two bars, keys ``now`` and ``ahead``.
    """
    _check(shares, AHEAD_COLUMNS, "shares")
    if {"now", "ahead"} - set(series):
        raise ValueError("series must name 'now' and 'ahead'")
    rows = shares.set_index("tier").reindex([t for t in theme.TIER_ORDER if t in set(shares.tier)])
    x = [plotly_text(tier_labels[t]) for t in rows.index]
    colors = [theme.TIER_COLORS[t] for t in rows.index]
    fig = go.Figure()
    for column, opacity in (("now", 0.45), ("ahead", 1.0)):
        name = plotly_text(series[column])
        fig.add_bar(
            x=x,
            y=rows[column],
            name=name,
            marker={"color": colors, "opacity": opacity},
            text=[f"{v:.0%}" if pd.notna(v) else "" for v in rows[column]],
            textposition="outside",
            hovertemplate=f"{name}: %{{y:.1%}}<extra>%{{x}}</extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return theme.style(fig, title, y_title=y_title)
