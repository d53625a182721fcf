"""Figures of the Clusters page: choice of k, customer map, profile heatmap, tiers, movements."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.theme import NEUTRAL, TIER_COLORS, cluster_color, style
from dashboard.text_safety import plotly_text

SCORE_COLORS = {
    "silhouette": "#1b4f9c",
    "davies_bouldin": "#e08a2b",
    "stability": "#2a9d8f",
    "inertia": NEUTRAL,
}
#: Sizes not considered for the recommendation (a tiny or unstable cluster).
LEFT_OUT_COLOR = "#9aa5b1"


def _require(frame: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs columns {missing}")
    if frame.empty:
        raise ValueError(f"{what} needs at least one row")


def _cluster_label(cluster, names: Mapping) -> str:
    """ "2: Name" as a chart shows it (a name is the user's text, never Plotly's markup)."""
    return plotly_text(f"{cluster}: {names.get(cluster, cluster)}")


def k_choice_figure(
    scores: pd.DataFrame,
    recommended: int,
    labels: dict,
    title: str,
    left_out: Mapping[int, str] | None = None,
) -> go.Figure:
    """Silhouette, Davies-Bouldin and stability by k (left), the inertia elbow (right).

    Parameters
    ----------
    scores : pandas.DataFrame
        ``k``, ``silhouette``, ``davies_bouldin``, ``inertia`` and optionally ``stability``.
    recommended : int
        The recommended k, marked on both panels.
    labels : dict
        Names for ``silhouette``, ``davies_bouldin``, ``stability``, ``inertia``, ``k``,
        ``score`` and ``recommended``; and ``left_out`` when some k were left out.
    title : str
        The finding.
    left_out : mapping of int to str, optional
        The k that were not considered, each with why (shown on hover). They are greyed: a grey
        band on both panels and grey markers, named ``labels["left_out"]`` in the legend.
    """
    _require(scores, ("k", "silhouette", "davies_bouldin", "inertia"), "k_choice_figure")
    if recommended not in set(scores["k"]):
        raise ValueError(f"recommended k {recommended} is not among the scores")
    left_out = dict(left_out or {})
    if set(left_out) - set(scores["k"]):
        raise ValueError(f"left-out k {sorted(set(left_out) - set(scores['k']))} have no scores")
    if left_out and "left_out" not in labels:
        raise ValueError("labels need a 'left_out' name when some k were left out")
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12)
    measures = [m for m in ("silhouette", "davies_bouldin", "stability") if m in scores]
    for measure in measures:
        fig.add_trace(_score_line(scores, measure, labels[measure], left_out), 1, 1)
    fig.add_trace(_score_line(scores, "inertia", labels["inertia"], left_out), 1, 2)
    if left_out:
        _grey_left_out(fig, scores, measures, labels["left_out"], left_out)
    low_k = recommended <= (scores["k"].min() + scores["k"].max()) / 2
    for col in (1, 2):
        fig.add_vline(x=recommended, line_dash="dash", line_color="#1f2933", row=1, col=col)
    fig.add_annotation(
        x=recommended,
        y=1.0,
        yref="paper",
        xref="x",
        yanchor="top",  # inside the plot: above it, a title of two or three lines ran over it
        # beside the line, in the room kept free, on the side with more room (not over ticks)
        xanchor="left" if low_k else "right",
        xshift=4 if low_k else -4,
        bgcolor="rgba(255, 255, 255, 0.85)",
        showarrow=False,
        text=f"{labels['recommended']}: {recommended}",
    )
    style(fig, title, x_title=labels["k"], height=480)
    fig.update_yaxes(title_text=labels["score"], range=_room_on_top(scores, measures), row=1, col=1)
    fig.update_yaxes(title_text=labels["inertia"], row=1, col=2)
    fig.update_xaxes(dtick=1, range=[scores["k"].min() - 0.5, scores["k"].max() + 0.5])
    fig.update_layout(
        legend={"y": -0.22, "yanchor": "top", "x": 0, "xanchor": "left"}, margin={"b": 120}
    )
    return fig


#: Share of the scores panel kept free above the highest score: the "recommended" mark hangs
#: there instead of over a line (a two-line title leaves a plot of about 280 px).
TOP_ROOM = 0.22


def _room_on_top(scores: pd.DataFrame, measures: list) -> list[float]:
    """The scores panel's y range: the scores with a margin below and :data:`TOP_ROOM` above."""
    values = scores[measures].astype(float)
    low, high = float(values.min().min()), float(values.max().max())
    span = (high - low) or max(abs(high), 1.0)
    below = 0.06 * span
    above = (span + below) * TOP_ROOM / (1 - TOP_ROOM - 0.005)
    return [low - below, high + above]


def _score_line(scores: pd.DataFrame, measure: str, name: str, left_out: dict) -> go.Scatter:
    """One score by k; the markers of left-out k are grey."""
    colour = SCORE_COLORS[measure]
    return go.Scatter(
        x=scores["k"],
        y=scores[measure],
        name=name,
        mode="lines+markers",
        line={"color": colour, "width": 3},
        marker={"color": [LEFT_OUT_COLOR if k in left_out else colour for k in scores["k"]]},
    )


def _k_runs(ks) -> list[tuple[int, int]]:
    """Consecutive k as (first, last) runs: [2, 5, 6, 7] -> [(2, 2), (5, 7)]."""
    runs: list[list[int]] = []
    for k in sorted(ks):
        if runs and k == runs[-1][1] + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return [(first, last) for first, last in runs]


def _grey_left_out(
    fig: go.Figure, scores: pd.DataFrame, measures: list, name: str, left_out: dict
) -> None:
    """A grey band over the left-out k on both panels, and a legend entry whose hover says why."""
    for first, last in _k_runs(left_out):
        for col in (1, 2):
            fig.add_vrect(
                x0=first - 0.5,
                x1=last + 0.5,
                fillcolor=LEFT_OUT_COLOR,
                opacity=0.18,
                line_width=0,
                layer="below",
                row=1,
                col=col,
            )
    rows = scores[scores["k"].isin(list(left_out))]
    xs = [k for _ in measures for k in rows["k"]]
    ys = [v for m in measures for v in rows[m]]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            name=name,
            mode="markers",
            marker={"color": LEFT_OUT_COLOR, "size": 11, "symbol": "x"},
            hovertext=[left_out[int(k)] for k in xs],
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        1,
        1,
    )


def map_figure(
    points: pd.DataFrame, names: dict, title: str, x_title: str, y_title: str
) -> go.Figure:
    """Customers on two principal components, one trace (and colour) per cluster, box/lasso ready.

    Parameters
    ----------
    points : pandas.DataFrame
        ``customer_id``, ``cluster``, ``map_x``, ``map_y``.
    names : dict
        Cluster number -> name for the legend.
    """
    _require(points, ("customer_id", "cluster", "map_x", "map_y"), "map_figure")
    fig = go.Figure()
    for cluster, part in points.groupby("cluster", sort=True):
        fig.add_trace(
            go.Scatter(
                x=part["map_x"],
                y=part["map_y"],
                mode="markers",
                name=_cluster_label(cluster, names),
                marker={"color": cluster_color(cluster), "size": 6, "opacity": 0.7},
                # the cluster for a selection, the customer's id (text of a file) for the hover
                customdata=part[["cluster", "customer_id"]]
                .assign(customer_id=part["customer_id"].map(plotly_text))
                .to_numpy(),
                hovertemplate="%{customdata[1]}<extra>%{fullData.name}</extra>",
            )
        )
    style(fig, title, x_title=x_title, y_title=y_title, height=600)
    fig.update_layout(
        dragmode="select",
        clickmode="event+select",
        legend={"y": -0.15, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"b": 130},
    )
    return fig


def heatmap_figure(
    differences: pd.DataFrame,
    row_labels: list,
    column_labels: list,
    title: str,
    x_title: str,
    y_title: str,
    scale_title: str,
) -> go.Figure:
    """Standardised differences of each cluster (rows) in each feature (columns), diverging colours."""
    if differences.empty:
        raise ValueError("heatmap_figure needs at least one cluster")
    if len(row_labels) != len(differences) or len(column_labels) != differences.shape[1]:
        raise ValueError("labels must match the rows and columns of differences")
    values = differences.to_numpy(dtype=float)
    fig = go.Figure(
        go.Heatmap(
            # rounded first, so no cell reads "-0.0" (a tenth changes no colour); Plotly writes
            # the decimal mark of the figure's language (+0,4 in Russian). A heatmap's cell
            # text knows z, not customdata (which it drew as "-").
            z=values.round(1) + 0.0,
            x=[plotly_text(label) for label in column_labels],
            y=[plotly_text(label) for label in row_labels],
            zmid=0,
            zmin=-2,
            zmax=2,
            colorscale="RdBu_r",
            texttemplate="%{z:+.1f}",
            colorbar={"title": {"text": scale_title, "side": "right"}},
        )
    )
    style(
        fig,
        title,
        x_title=x_title,
        y_title=y_title,
        height=300 + 55 * len(row_labels),
        legend=False,
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-30, automargin=True)
    fig.update_layout(margin={"l": 230, "b": 150})
    return fig


def shares_figure(
    profile: pd.DataFrame, names: dict, labels: dict, title: str, y_title: str
) -> go.Figure:
    """Each cluster's share of customers, revenue, cost and profit: the measures along x, a bar
    per cluster in the cluster's colour (as on every other chart of clusters)."""
    _require(
        profile, ("cluster", "share_customers", "share_revenue", "share_profit"), "shares_figure"
    )
    measures = [m for m in ("customers", "revenue", "cost", "profit") if f"share_{m}" in profile]
    x = [labels[m] for m in measures]
    fig = go.Figure()
    for row in profile.itertuples(index=False):
        name = _cluster_label(row.cluster, names)
        fig.add_trace(
            go.Bar(
                x=x,
                y=[getattr(row, f"share_{m}") * 100 for m in measures],
                name=name,
                marker_color=cluster_color(int(row.cluster)),
                hovertemplate="%{x}: %{y:.1f}%<extra>%{fullData.name}</extra>",
            )
        )
    style(fig, title, y_title=y_title, height=440)
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickfont={"color": "#1f2933"})
    return fig


def tiers_figure(
    table: pd.DataFrame, names: dict, tier_labels: dict, title: str, y_title: str
) -> go.Figure:
    """Stacked bars: within each cluster, the share of its customers in each value tier."""
    _require(table, ("cluster", "tier", "share_of_cluster"), "tiers_figure")
    clusters = sorted(table["cluster"].unique())
    x = [_cluster_label(c, names) for c in clusters]
    fig = go.Figure()
    for tier, colour in TIER_COLORS.items():
        part = table[table["tier"] == tier].set_index("cluster")["share_of_cluster"]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=x,
                y=[100 * part.get(c, 0.0) for c in clusters],
                name=tier_labels.get(tier, tier),
                marker_color=colour,
                hovertemplate="%{y:.1f}%<extra>%{fullData.name}</extra>",
            )
        )
    style(fig, title, y_title=y_title, height=440)
    fig.update_layout(barmode="stack")
    return fig


def moves_figure(
    moves: pd.DataFrame, names_a: dict, names_b: dict, title: str, x_title: str, y_title: str
) -> go.Figure:
    """Customers per (cluster in run A, cluster in run B): where customers moved between runs."""
    _require(moves, ("cluster_a", "cluster_b", "customers"), "moves_figure")
    grid = moves.pivot_table(
        index="cluster_b", columns="cluster_a", values="customers", fill_value=0
    )
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[_cluster_label(c, names_a) for c in grid.columns],
            y=[_cluster_label(c, names_b) for c in grid.index],
            colorscale="Blues",
            texttemplate="%{z:,.0f}",  # customers, whole (Plotly's own "%{z}" writes 20.113k)
            showscale=False,
        )
    )
    style(fig, title, x_title=x_title, y_title=y_title, height=160 + 55 * len(grid), legend=False)
    fig.update_yaxes(autorange="reversed")
    return fig
