"""Figure builders of the Loyalty page."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from test_feedback_data import build_db

from dashboard import loyalty, loyalty_rates
from dashboard.figures import loyalty as figures
from dashboard.filters import Filters


def _text(fig) -> str:
    """The title as a user reads it (line breaks are spaces)."""
    return fig.layout.title.text.replace("<br>", " ")


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "loyalty_fig.duckdb")
    yield connection
    connection.close()


def test_ladder_figure_draws_every_rung_bottom_up(db):
    counts = loyalty.ladder_counts(db, Filters(), as_of=date(2024, 3, 31))
    fig = figures.ladder_figure(counts)
    assert list(fig.data[0].y) == [
        "Prospects",
        "One-time buyers",
        "Satisfied",
        "Devoted",
        "Partners",
    ]
    assert list(fig.data[0].x) == [1, 3, 0, 1, 1]
    assert _text(fig) == "40% of buying customers are devoted or partners"
    with pytest.raises(ValueError):
        figures.ladder_figure({"prospect": 1})


def test_movement_heatmap_counts_moves(db):
    movement = loyalty.ladder_movement(db, Filters(), date(2024, 2, 15), date(2024, 3, 31))
    fig = figures.movement_figure(movement, lang="ru")
    assert _text(fig) == "3 клиента поднялись по лестнице, 0 опустились"
    z = fig.data[0].z
    # row "Satisfied" (index 3 after "new" and the two lower rungs), column "Devoted" (3)
    assert z[3][3] == 1


def test_rates_and_retention_figures(db):
    rates = figures.rates_figure(loyalty_rates.loyalty_rates(db, Filters()))
    assert len(rates.data) == 3 and rates.layout.yaxis.tickformat == ".0%"
    # March buyers: c1, c2, c4 had bought before; c5 bought for the first time
    assert _text(rates) == "75% of Mar 2024 buyers were buying again"
    cohorts = loyalty_rates.cohort_retention(db, Filters())
    heat = figures.retention_figure(cohorts)
    assert heat.data[0].z[0][0] == 1.0
    assert "67%" in _text(heat)  # January's cohort: 2 of 3 back in February
    with pytest.raises(ValueError):
        figures.retention_figure(pd.DataFrame({"cohort": []}))
