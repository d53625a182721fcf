"""Figure builders of the Clusters page: traces, colours, axis titles, bad arguments."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import clusters as figures
from dashboard.figures.theme import TIER_COLORS, cluster_color

LABELS = {
    "silhouette": "Silhouette",
    "davies_bouldin": "Davies-Bouldin",
    "stability": "Stability",
    "inertia": "Inertia",
    "k": "Number of clusters",
    "score": "Score",
    "recommended": "rec",
}
SCORES = pd.DataFrame(
    {
        "k": [2, 3, 4],
        "silhouette": [0.4, 0.6, 0.5],
        "davies_bouldin": [1.0, 0.6, 0.8],
        "inertia": [3.0, 1.5, 1.2],
        "stability": [0.9, 0.95, 0.7],
    }
)
POINTS = pd.DataFrame(
    {
        "customer_id": ["a", "b", "c"],
        "cluster": [0, 1, 1],
        "map_x": [0.0, 1.0, 2.0],
        "map_y": [1.0, 0.0, 2.0],
    }
)


def test_k_choice_shows_every_score_and_marks_the_recommendation():
    fig = figures.k_choice_figure(SCORES, 3, LABELS, "3 clusters separate these customers best")
    assert [t.name for t in fig.data] == ["Silhouette", "Davies-Bouldin", "Stability", "Inertia"]
    assert fig.layout.title.text == "3 clusters separate these customers best"
    assert fig.layout.xaxis.title.text == "Number of clusters"
    assert fig.layout.yaxis.title.text == "Score" and fig.layout.yaxis2.title.text == "Inertia"
    assert {s.x0 for s in fig.layout.shapes} == {3}
    mark = fig.layout.annotations[0]
    # the mark hangs inside the plot: above it, a long title of a stale run ran over it
    assert mark.text == "rec: 3" and (mark.y, mark.yanchor) == (1.0, "top")
    with pytest.raises(ValueError, match="recommended k 7"):
        figures.k_choice_figure(SCORES, 7, LABELS, "x")


def test_k_choice_greys_the_sizes_left_out_and_says_why_on_hover():
    left_out = {2: "2 clusters: unstable", 4: "4 clusters: a cluster under 2%"}
    labels = {**LABELS, "left_out": "Not considered"}
    fig = figures.k_choice_figure(SCORES, 3, labels, "t", left_out=left_out)
    greyed = fig.data[-1]
    assert greyed.name == "Not considered" and greyed.marker.color == figures.LEFT_OUT_COLOR
    # on each left-out k, every score of the left panel: silhouette, Davies-Bouldin, stability
    assert list(greyed.x) == [2, 4] * 3 and list(greyed.y) == [0.4, 0.5, 1.0, 0.8, 0.9, 0.7]
    assert list(greyed.hovertext[:2]) == ["2 clusters: unstable", "4 clusters: a cluster under 2%"]
    silhouette = fig.data[0]
    assert list(silhouette.marker.color) == [
        figures.LEFT_OUT_COLOR,
        figures.SCORE_COLORS["silhouette"],
        figures.LEFT_OUT_COLOR,
    ]
    bands = {(s.x0, s.x1, s.xref) for s in fig.layout.shapes if s.type == "rect"}
    assert bands == {(1.5, 2.5, "x"), (3.5, 4.5, "x"), (1.5, 2.5, "x2"), (3.5, 4.5, "x2")}
    neighbours = figures.k_choice_figure(SCORES, 4, labels, "t", left_out={2: "a", 3: "b"})
    assert {(s.x0, s.x1) for s in neighbours.layout.shapes if s.type == "rect"} == {(1.5, 3.5)}
    with pytest.raises(ValueError, match="left-out k \\[9\\]"):
        figures.k_choice_figure(SCORES, 3, labels, "t", left_out={9: "x"})
    with pytest.raises(ValueError, match="'left_out' name"):
        figures.k_choice_figure(SCORES, 3, LABELS, "t", left_out=left_out)
    plain = figures.k_choice_figure(SCORES, 3, LABELS, "t")
    assert not [s for s in plain.layout.shapes if s.type == "rect"]


def test_map_has_one_trace_per_cluster_in_its_colour_and_selects_by_box():
    fig = figures.map_figure(POINTS, {0: "New", 1: "Loyal"}, "Two clusters", "Axis 1", "Axis 2")
    assert [t.name for t in fig.data] == ["0: New", "1: Loyal"]
    assert [t.marker.color for t in fig.data] == [cluster_color(0), cluster_color(1)]
    assert fig.data[1].customdata[0][0] == 1  # the cluster travels with each point
    assert fig.layout.dragmode == "select"
    assert fig.layout.xaxis.title.text == "Axis 1"
    with pytest.raises(ValueError, match="map_x"):
        figures.map_figure(POINTS.drop(columns="map_x"), {}, "t", "x", "y")


def test_heatmap_is_centred_on_zero_and_checks_labels():
    diffs = pd.DataFrame({"orders": [1.2, -0.4], "revenue": [0.8, -0.3]}, index=[0, 1])
    fig = figures.heatmap_figure(
        diffs, ["0: A", "1: B"], ["Orders", "Revenue"], "A buy most", "Feature", "Cluster", "SD"
    )
    assert fig.data[0].zmid == 0 and list(fig.data[0].x) == ["Orders", "Revenue"]
    # each cell shows its difference to one decimal, signed, in the figure's decimal mark
    assert fig.data[0].texttemplate == "%{z:+.1f}"  # the value a heatmap cell can write
    assert (fig.data[0].z == diffs.to_numpy().round(1) + 0.0).all()
    with pytest.raises(ValueError, match="labels must match"):
        figures.heatmap_figure(diffs, ["0: A"], ["Orders", "Revenue"], "t", "x", "y", "s")


def test_long_titles_wrap_instead_of_running_off_the_chart():
    title = "«Лояльные крупные покупатели» дают 94 % выручки при 33 % клиентов этого периода"
    fig = figures.shares_figure(
        pd.DataFrame(
            {
                "cluster": [0],
                "share_customers": [1.0],
                "share_revenue": [1.0],
                "share_cost": [1.0],
                "share_profit": [1.0],
            }
        ),
        {0: "All"},
        {m: m for m in ("customers", "revenue", "cost", "profit")},
        title,
        "Share (%)",
    )
    assert "<br>" in fig.layout.title.text
    assert fig.layout.title.text.replace("<br>", " ") == title


def test_tiers_are_stacked_in_the_tier_colours():
    table = pd.DataFrame(
        {"cluster": [0, 0, 1], "tier": ["1", "4", "4"], "share_of_cluster": [0.25, 0.75, 1.0]}
    )
    fig = figures.tiers_figure(table, {0: "A", 1: "B"}, {"1": "Tier 1", "4": "Tier 4"}, "t", "%")
    assert [t.name for t in fig.data] == ["Tier 1", "Tier 4"]
    assert [t.marker.color for t in fig.data] == [TIER_COLORS["1"], TIER_COLORS["4"]]
    assert list(fig.data[1].y) == [75.0, 100.0] and fig.layout.barmode == "stack"


def test_moves_grid_counts_customers_between_runs():
    moves = pd.DataFrame({"cluster_a": [0, 0, 1], "cluster_b": [0, 1, 1], "customers": [5, 2, 3]})
    fig = figures.moves_figure(moves, {0: "A", 1: "B"}, {0: "C", 1: "D"}, "t", "Run 1", "Run 2")
    assert fig.data[0].z.tolist() == [[5, 0], [2, 3]]
    with pytest.raises(ValueError, match="at least one row"):
        figures.moves_figure(moves.iloc[0:0], {}, {}, "t", "x", "y")


def test_shares_chart_draws_each_cluster_in_its_own_colour_along_the_measures():
    from dashboard.figures.theme import cluster_color

    profile = pd.DataFrame(
        {
            "cluster": [0, 3],
            "share_customers": [0.7, 0.3],
            "share_revenue": [0.2, 0.8],
            "share_profit": [0.1, 0.9],
        }
    )
    labels = {"customers": "Customers", "revenue": "Revenue", "profit": "Profit"}
    fig = figures.shares_figure(profile, {0: "Rare", 3: "Big"}, labels, "t", "Share, %")
    assert [t.name for t in fig.data] == ["0: Rare", "3: Big"]
    assert [t.marker.color for t in fig.data] == [cluster_color(0), cluster_color(3)]
    assert list(fig.data[1].x) == ["Customers", "Revenue", "Profit"]
    assert list(fig.data[1].y) == pytest.approx([30, 80, 90])


def test_the_recommended_mark_hangs_above_every_score_not_over_a_line():
    fig = figures.k_choice_figure(SCORES, 3, LABELS, "Из рассмотренных чисел кластеров лучше всего")
    low, high = fig.layout.yaxis.range
    highest = SCORES[["silhouette", "davies_bouldin", "stability"]].max().max()
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    free_px = (high - highest) / (high - low) * plot_px
    mark_px = 1.6 * (fig.layout.font.size or 16)  # one line of the mark with its padding
    assert free_px >= mark_px, (free_px, mark_px)
    assert low <= SCORES[["silhouette", "davies_bouldin", "stability"]].min().min()
