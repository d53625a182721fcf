"""The Campaigns page's charts: target against control in their colours, the uplift's interval."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import campaigns as figures
from dashboard.figures import theme

LABELS = {"target": "Target", "control": "Control"}


def curve() -> pd.DataFrame:
    rows = [("target", d, 0.01 * d) for d in range(1, 31)]
    rows += [("control", d, 0.005 * d) for d in range(1, 31)]
    return pd.DataFrame(rows, columns=["grp", "day", "response_rate"])


def uplift_rows(low: float, high: float) -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("target", "Target", 0.30, 0.27, 0.33, "30.0%"),
            ("control", "Control", 0.15, 0.10, 0.20, "15.0%"),
            ("uplift", "Uplift", (low + high) / 2, low, high, "+15.0 pp"),
        ],
        columns=["kind", "label", "value", "low", "high", "text"],
    )


def test_the_response_curve_draws_target_and_control_in_their_colours():
    fig = figures.response_curve_figure(
        curve(), LABELS, "Target responded 15.0 pp more than control", "Day", "Bought"
    )
    assert [t.name for t in fig.data] == ["Target", "Control"]
    assert fig.data[0].line.color == theme.GROUP_COLORS["target"]
    assert fig.data[1].line.color == theme.GROUP_COLORS["control"]
    assert list(fig.data[0].y)[-1] == pytest.approx(0.30)
    assert fig.layout.title.text == "Target responded 15.0 pp more than control"
    assert fig.layout.xaxis.title.text == "Day" and fig.layout.yaxis.tickformat == ".0%"


def test_the_uplift_is_coloured_by_where_its_interval_lies():
    above = figures.uplift_figure(uplift_rows(0.10, 0.20), "Uplift", "Bought")
    markers = above.data[0]
    assert list(markers.y) == ["Target", "Control", "Uplift"]
    assert list(markers.marker.color) == [
        theme.GROUP_COLORS["target"],
        theme.GROUP_COLORS["control"],
        theme.POSITIVE,
    ]
    assert list(markers.error_x.arrayminus) == pytest.approx([0.03, 0.05, 0.05])
    assert list(above.layout.yaxis.categoryarray) == ["Uplift", "Control", "Target"]
    # the target's label above its marker stays on the chart (it was cut at the top)
    assert above.layout.yaxis.range[1] > 2.5 and markers.cliponaxis is False
    across = figures.uplift_figure(uplift_rows(-0.02, 0.08), "Uplift", "Bought")
    assert across.data[0].marker.color[2] == theme.NEUTRAL
    below = figures.uplift_figure(uplift_rows(-0.08, -0.02), "Uplift", "Bought")
    assert below.data[0].marker.color[2] == theme.NEGATIVE


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError, match="lacks the columns"):
        figures.response_curve_figure(curve().drop(columns="day"), LABELS, "t", "x", "y")
    with pytest.raises(ValueError, match="both groups"):
        figures.response_curve_figure(curve(), {"target": "Target"}, "t", "x", "y")
    with pytest.raises(ValueError, match="one row of each kind"):
        figures.uplift_figure(uplift_rows(0.1, 0.2).iloc[:2], "t", "x")
    with pytest.raises(ValueError, match="lack the columns"):
        figures.uplift_figure(uplift_rows(0.1, 0.2).drop(columns="text"), "t", "x")
