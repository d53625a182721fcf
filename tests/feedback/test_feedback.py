"""Feedback trend, NPS and rating spreads on hand-made data (tests/test_feedback_data.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.feedback import trends
from dashboard.figures import theme
from dashboard.figures.feedback import trend_figure
from dashboard.store.filters import Filters
from tests.feedback.test_feedback_data import build_db


def _text(fig) -> str:
    """The title as a user reads it (line breaks are spaces)."""
    return fig.layout.title.text.replace("<br>", " ")


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "fb.duckdb")
    yield connection
    connection.close()


def _row(df, period, kind):
    rows = df[(df["period"] == pd.Timestamp(period)) & (df["kind"] == kind)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_monthly_trend_counts_each_kind_and_per_1000_active(db):
    df = trends.trend(db, Filters(), freq="month")
    assert list(df.columns) == ["period", "kind", "count", "active_customers", "per_1000_active"]
    march = _row(df, "2024-03-01", "complaint")
    # two complaints in March (f3, f9); four customers bought in March (c1, c2, c4, c5)
    assert march["count"] == 2 and march["active_customers"] == 4
    assert march["per_1000_active"] == pytest.approx(500.0)
    # a kind with no feedback in a month still appears, with 0
    assert _row(df, "2024-01-01", "wish")["count"] == 0
    assert df["count"].sum() == 9


def test_weekly_trend_starts_periods_on_mondays(db):
    df = trends.trend(db, Filters(), freq="week")
    assert (df["period"].dt.day_of_week == 0).all()
    assert df["count"].sum() == 9


def test_trend_respects_dates_and_countries(db):
    february = trends.trend(db, Filters(start=date(2024, 2, 1), end=date(2024, 2, 29)))
    assert set(february["period"]) == {pd.Timestamp("2024-02-01")}
    assert february["count"].sum() == 3  # f4, f5 and the anonymous f6
    germany = trends.trend(db, Filters(countries=("DE",)))
    # c3 and c4 live in Germany: f4, f5, f9; anonymous feedback has no country
    assert germany["count"].sum() == 3


def test_trend_split_by_channel_keeps_totals(db):
    df = trends.trend(db, Filters(), split="channel")
    by_channel = df.groupby("group")["count"].sum().to_dict()
    assert by_channel == {"chat": 1, "email": 2, "phone": 3, "web": 3}


def test_trend_rejects_an_unknown_period_and_cluster_split_without_a_run(db):
    with pytest.raises(AnalysisError, match="month"):
        trends.trend(db, Filters(), freq="day")
    with pytest.raises(AnalysisError, match="Clusters page"):
        trends.trend(db, Filters(), split="cluster")


def test_nps_counts_promoters_passives_detractors(db):
    summary = trends.nps_summary(db, Filters())
    # answers 10, 3, 9, 8, 9 on the 0-10 scale; 1-5 ratings do not count
    assert summary == {"responses": 5, "promoters": 3, "passives": 1, "detractors": 1, "nps": 40.0}


def test_nps_without_answers_is_none_not_zero(db):
    summary = trends.nps_summary(db, Filters(start=date(2025, 1, 1)))
    assert summary["responses"] == 0 and summary["nps"] is None


def test_nps_value_bounds():
    assert trends.nps_value(10, 0, 10) == 100.0
    assert trends.nps_value(0, 4, 4) == -100.0
    assert trends.nps_value(0, 0, 0) is None


def test_nps_trend_per_month(db):
    df = trends.nps_trend(db, Filters())
    assert df["nps"].tolist() == [0.0, 50.0, 100.0]
    assert df["responses"].tolist() == [2, 2, 1]


def test_rating_distribution_counts_stars(db):
    df = trends.rating_distribution(db, Filters())
    assert dict(zip(df["score"], df["count"], strict=True)) == {2: 1, 4: 1}
    assert df["share"].sum() == pytest.approx(1.0)


def test_trend_figure_draws_one_line_per_kind_in_kind_colours(db):
    df = trends.trend(db, Filters())
    fig = trend_figure(df, lang="en")
    assert len(fig.data) == 5
    complaints = next(tr for tr in fig.data if tr.name == "Complaints")
    assert complaints.line.color == theme.KIND_COLORS["complaint"]
    assert list(complaints.y) == [1, 1, 2]
    assert _text(fig) == "Complaints: 2 in Mar 2024, up 100% on the period before"
    assert fig.layout.yaxis.title.text == "Feedback items"


def test_trend_figure_in_russian_per_1000(db):
    fig = trend_figure(trends.trend(db, Filters()), lang="ru", measure="per_1000_active")
    assert _text(fig).startswith("Жалобы: 500,0 за мар 2024")
    assert "1 000" in fig.layout.yaxis.title.text


def test_trend_figure_split_by_channel(db):
    df = trends.trend(db, Filters(), split="channel")
    fig = trend_figure(df, split="channel", kind="complaint")
    assert {tr.name for tr in fig.data} == {"chat", "email", "phone", "web"}
    assert "phone gives the most, 3" in _text(fig)


def test_trend_figure_rejects_bad_arguments(db):
    df = trends.trend(db, Filters())
    with pytest.raises(ValueError):
        trend_figure(df, measure="revenue")
    with pytest.raises(ValueError):
        trend_figure(df.drop(columns="kind"))
    with pytest.raises(ValueError):
        trend_figure(df, split="tier")


def test_trend_figure_of_no_feedback_says_so(db):
    df = trends.trend(db, Filters(start=date(2030, 1, 1)))
    fig = trend_figure(df)
    assert len(fig.data) == 0 and _text(fig) == "No feedback in this range"


def test_trend_split_by_the_latest_clustering_run(db):
    db.execute(
        "INSERT INTO segment_assignments (run_id, customer_id, cluster) VALUES "
        "(1, 'c1', 1), (1, 'c2', 1), (1, 'c4', 1), "  # an older run: everyone in cluster 1
        "(2, 'c1', 0), (2, 'c2', 1), (2, 'c3', 1), (2, 'c4', 0), (2, 'c5', 2)"
    )
    df = trends.trend(db, Filters(), split="cluster")
    complaints = df[df["kind"] == "complaint"].groupby("group")["count"].sum().to_dict()
    # f2 and f3 are c2's (cluster 1), f9 is c4's (cluster 0), f6 is anonymous
    assert complaints == {"0": 1, "1": 2, "2": 0, "unknown": 1}
    march = df[
        (df["kind"] == "complaint")
        & (df["group"] == "0")
        & (df["period"] == pd.Timestamp("2024-03-01"))
    ].iloc[0]
    assert march["active_customers"] == 2  # c1 and c4 bought in March
    fig = trend_figure(df, split="cluster")
    assert {tr.name for tr in fig.data} >= {"Cluster 0", "Cluster 1"}
    assert next(tr for tr in fig.data if tr.name == "Cluster 0").line.color == theme.cluster_color(
        0
    )
