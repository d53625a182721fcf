"""The Future value page's charts: the holdout check, probability alive and the pyramid ahead."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import future as figures
from dashboard.figures import theme

TIERS = {"1": "Tier 1", "2": "Tier 2", "3": "Tier 3", "4": "Tier 4", "inactive": "Inactive"}


def holdout_rows() -> pd.DataFrame:
    groups = ["0", "1", "2", "3", "4", "5", "6", "7+"]
    return pd.DataFrame(
        {
            "purchases": groups,
            "customers": [900, 400, 200, 100, 60, 30, 20, 15],
            "actual": [0.2, 0.6, 1.1, 1.5, 2.1, 2.4, 3.0, 4.2],
            "predicted": [0.25, 0.55, 1.0, 1.6, 2.0, 2.6, 3.1, 4.0],
        }
    )


def test_the_validation_chart_puts_actual_bars_beside_the_predicted_line_in_group_order():
    fig = figures.validation_figure(
        holdout_rows(),
        {"actual": "Actual", "predicted": "Predicted"},
        "Predicted and actual agree within 8%",
        "Purchases before the holdout",
        "Purchases per customer in the holdout",
    )
    bars, line = fig.data
    assert (bars.type, line.type) == ("bar", "scatter")
    assert list(bars.x) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert list(fig.layout.xaxis.categoryarray)[-1] == "7+"
    assert list(bars.y)[2] == pytest.approx(1.1) and list(line.y)[-1] == pytest.approx(4.0)
    assert [bars.name, line.name] == ["Actual", "Predicted"]
    assert fig.layout.title.text == "Predicted and actual agree within 8%"
    assert fig.layout.yaxis.title.text == "Purchases per customer in the holdout"


def test_the_validation_chart_refuses_rows_without_predictions():
    with pytest.raises(ValueError, match="predicted"):
        figures.validation_figure(
            holdout_rows().drop(columns="predicted"), {"actual": "A", "predicted": "P"}, "", "", ""
        )


def test_probability_alive_is_one_line_per_tier_in_its_colour():
    bins = pd.DataFrame(
        [(tier, b / 10, share) for tier in ("1", "4") for b, share in enumerate([0.1] * 10)],
        columns=["tier", "bin", "share"],
    )
    fig = figures.alive_figure(bins, TIERS, "Half of tier 4 ...", "Probability alive", "Share")
    assert [t.name for t in fig.data] == ["Tier 1", "Tier 4"]
    assert fig.data[0].line.color == theme.TIER_COLORS["1"]
    assert fig.data[1].line.color == theme.TIER_COLORS["4"]
    assert list(fig.data[0].x)[0] == pytest.approx(0.05)  # the middle of the band 0-10%
    assert fig.layout.xaxis.tickformat == ".0%" and fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.xaxis.title.text == "Probability alive"


def test_the_pyramid_ahead_shows_both_shares_per_tier_in_tier_order():
    shares = pd.DataFrame(
        {
            "tier": ["inactive", "4", "3", "2", "1"],
            "now": [0.0, 0.05, 0.15, 0.30, 0.50],
            "ahead": [0.05, 0.10, 0.20, 0.30, 0.35],
        }
    )
    fig = figures.ahead_figure(
        shares,
        TIERS,
        {"now": "This period", "ahead": "Next 52 weeks"},
        "Tier 1 bring 50% of this period's profit and 35% ahead",
        "Share of the total, %",
    )
    now, ahead = fig.data
    assert list(now.x) == ["Tier 1", "Tier 2", "Tier 3", "Tier 4", "Inactive"]
    assert list(now.y) == [0.50, 0.30, 0.15, 0.05, 0.0]
    assert list(ahead.y) == [0.35, 0.30, 0.20, 0.10, 0.05]
    assert list(ahead.marker.color) == [theme.TIER_COLORS[t] for t in theme.TIER_ORDER]
    assert now.marker.opacity < ahead.marker.opacity
    assert list(ahead.text)[0] == "35%"
    assert fig.layout.yaxis.title.text == "Share of the total, %"


def test_tier_labels_are_escaped_in_the_chart():
    shares = pd.DataFrame({"tier": ["1"], "now": [1.0], "ahead": [1.0]})
    fig = figures.ahead_figure(
        shares, {"1": "<b>Best</b>"}, {"now": "Now", "ahead": "Ahead"}, "t", "y"
    )
    assert "<b>" not in fig.data[0].x[0]
