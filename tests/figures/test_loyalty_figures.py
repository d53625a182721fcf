"""Figure builders of the Loyalty page."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.figures import loyalty as figures
from dashboard.loyalty import ladder, retention
from dashboard.store.filters import Filters
from tests.feedback.test_feedback_data import build_db


def _text(fig) -> str:
    """The title as a user reads it (line breaks are spaces)."""
    return fig.layout.title.text.replace("<br>", " ")


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "loyalty_fig.duckdb")
    yield connection
    connection.close()


def test_ladder_figure_draws_every_rung_bottom_up(db):
    counts = ladder.ladder_counts(db, Filters(), as_of=date(2024, 3, 31))
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
    movement = ladder.ladder_movement(db, Filters(), date(2024, 2, 15), date(2024, 3, 31))
    fig = figures.movement_figure(movement, lang="ru")
    assert _text(fig) == "3 клиента поднялись по лестнице, 0 опустились"
    z = fig.data[0].z
    # row "Satisfied" (index 3 after "new" and the two lower rungs), column "Devoted" (3)
    assert z[3][3] == 1


def test_rates_and_retention_figures(db):
    rates = figures.rates_figure(retention.loyalty_rates(db, Filters()))
    assert len(rates.data) == 3 and rates.layout.yaxis.tickformat == ".0%"
    # March buyers: c1, c2, c4 had bought before; c5 bought for the first time
    assert _text(rates) == "75% of Mar 2024 buyers were buying again"
    cohorts = retention.cohort_retention(db, Filters())
    heat = figures.retention_figure(cohorts)
    assert heat.data[0].z[0][0] == 1.0
    assert "67%" in _text(heat)  # January's cohort: 2 of 3 back in February
    # each drawn cell writes its share as the language does; a heatmap cell can show "text"
    assert heat.data[0].texttemplate == "%{text}" and heat.data[0].text[0][0] == "100%"
    russian = figures.retention_figure(cohorts, "ru").data[0]
    assert russian.text[0][0] == "100\u00a0%" and "" in [c for row in russian.text for c in row]
    with pytest.raises(ValueError):
        figures.retention_figure(pd.DataFrame({"cohort": []}))


def test_without_nps_answers_the_ladder_says_devotion_cannot_be_judged(db):
    counts = ladder.ladder_counts(db, Filters(), as_of=date(2024, 3, 31))
    counts = {**counts, "devoted": 0, "partner": 0}  # what the ladder gives without NPS answers
    fig = figures.ladder_figure(counts, nps_buyers=0)
    title = _text(fig)
    assert "0%" not in title
    assert "cannot be judged" in title and "NPS" in title and "0–10 scores" in title
    ru = _text(figures.ladder_figure(counts, "ru", nps_buyers=0))
    assert "не определить" in ru and "от 0 до 10" in ru
    assert list(fig.data[0].x) == [1, 3, 0, 0, 0]  # the bars still show what the rules give
    # with answers (or when the count is not given) the share is a finding again
    assert _text(figures.ladder_figure(counts, nps_buyers=2)).startswith("0% of buying")
    assert _text(figures.ladder_figure(counts)).startswith("0% of buying")


def test_movement_title_counts_new_customers(db):
    movement = pd.DataFrame(
        {
            "from_level": ["new", "new", "one_time"],
            "to_level": ["one_time", "satisfied", "satisfied"],
            "customers": [21, 3, 2],
            "direction": ["new", "new", "up"],
        }
    )
    fig = figures.movement_figure(movement)
    assert _text(fig) == "2 customers moved up the ladder, 0 moved down, 24 are new"
    assert fig.data[0].z[0].tolist() == [0, 21, 3, 0, 0]  # the "New since the first day" row
    ru = figures.movement_figure(movement, lang="ru")
    assert _text(ru) == "2 клиента поднялись по лестнице, 0 опустились, 24 новых"
