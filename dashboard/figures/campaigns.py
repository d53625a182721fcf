"""Charts of the Campaigns page: the cumulative response of target and control, the uplift."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme

GROUPS = ("target", "control")
CURVE_COLUMNS = {"grp", "day", "response_rate"}
UPLIFT_COLUMNS = {"label", "kind", "value", "low", "high", "text"}
UPLIFT_KINDS = ("target", "control", "uplift")


def response_curve_figure(
    curve: pd.DataFrame, labels: dict[str, str], title: str, x_title: str, y_title: str
) -> go.Figure:
    """The share of each group that has bought, day by day over the response window.

    Parameters
    ----------
    curve : pandas.DataFrame
        ``grp`` ('target' or 'control'), ``day`` (1 = the start) and ``response_rate`` (a
        fraction), e.g. from :func:`dashboard.campaigns.response.response_curve`.
    labels : dict
        The shown name of each group.
    title, x_title, y_title : str
        The finding and the axis titles.
    """
    missing = CURVE_COLUMNS - set(curve.columns)
    if missing:
        raise ValueError(f"the curve lacks the columns {sorted(missing)}")
    if set(GROUPS) - set(labels):
        raise ValueError(f"labels must name both groups {GROUPS}")
    fig = go.Figure()
    for grp in GROUPS:
        rows = curve[curve["grp"] == grp].sort_values("day")
        fig.add_scatter(
            x=rows["day"],
            y=rows["response_rate"],
            name=labels[grp],
            mode="lines",
            line={"color": theme.GROUP_COLORS[grp], "width": 3 if grp == "target" else 2},
            hovertemplate=f"{labels[grp]}: %{{y:.1%}}<extra>%{{x}}</extra>",
        )
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(rangemode="tozero")
    return theme.style(fig, title, x_title=x_title, y_title=y_title)


def _uplift_color(low: float, high: float) -> str:
    if low > 0:
        return theme.POSITIVE
    if high < 0:
        return theme.NEGATIVE
    return theme.NEUTRAL


def uplift_figure(rows: pd.DataFrame, title: str, x_title: str) -> go.Figure:
    """Each group's response rate and the uplift between them, each with its 95% interval.

    Parameters
    ----------
    rows : pandas.DataFrame
        One row per ``kind`` ('target', 'control', 'uplift'): ``label`` (shown on the axis),
        ``value``, ``low``, ``high`` (fractions: 0.041 is 4.1% or 4.1 percentage points) and
        ``text`` (the value as the reader's language writes it). The uplift is green when its
        interval lies above zero, red below, grey when it contains zero.
    title, x_title : str
        The finding and the axis title.
    """
    missing = UPLIFT_COLUMNS - set(rows.columns)
    if missing:
        raise ValueError(f"the rows lack the columns {sorted(missing)}")
    if sorted(rows["kind"]) != sorted(UPLIFT_KINDS):
        raise ValueError(f"give exactly one row of each kind {UPLIFT_KINDS}")
    ordered = rows.set_index("kind").loc[list(UPLIFT_KINDS)]
    colors = [
        theme.GROUP_COLORS[k] if k in theme.GROUP_COLORS else _uplift_color(r.low, r.high)
        for k, r in ordered.iterrows()
    ]
    fig = go.Figure(
        go.Scatter(
            x=ordered["value"],
            y=ordered["label"],
            mode="markers+text",
            marker={"size": 16, "color": colors},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": ordered["high"] - ordered["value"],
                "arrayminus": ordered["value"] - ordered["low"],
                "thickness": 3,
                "width": 8,
                "color": "#5d6d7e",
            },
            text=ordered["text"],
            textposition="top center",
            hoverinfo="text",
            hovertext=ordered["label"] + ": " + ordered["text"],
            showlegend=False,
            cliponaxis=False,  # the top group's label sits above the plot's edge otherwise
        )
    )
    fig.add_vline(x=0, line={"color": "#1f2933", "width": 1})
    fig.update_xaxes(tickformat=".0%", zeroline=False)
    # Plotly draws the first category at the bottom: target on top, the uplift below.
    # ... and room above the top one for its label
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(ordered["label"])[::-1],
        range=[-0.5, len(ordered) - 0.3],
    )
    return theme.style(fig, title, x_title=x_title, y_title="", legend=False)
