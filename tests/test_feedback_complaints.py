"""The complaint iceberg, resolution times, open complaints and valuable unhappy customers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from test_feedback_data import build_db

from dashboard import feedback, feedback_complaints, loyalty_rates, pyramid
from dashboard.errors import AnalysisError
from dashboard.filters import Filters


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "complaints.duckdb")
    # tiers of one customer each by revenue: c1 (1,500) tier 1, c2 (110) tier 2, c4 (70) tier 3
    pyramid.save_tier_rule(connection, pyramid.TierRule("customers", (0.2, 0.4, 0.6)))
    yield connection
    connection.close()


def test_iceberg_divides_complaints_by_the_share_who_complain(db):
    df = feedback_complaints.complaint_iceberg(db, Filters())
    assert df["complaints"].tolist() == [1, 1, 2]
    # 4% complain: every complaint stands for 25 dissatisfied customers
    assert df["estimated_dissatisfied"].tolist() == [25, 25, 50]
    assert df["silent_dissatisfied"].tolist() == [24, 24, 48]


def test_a_larger_complaint_share_shrinks_the_iceberg(db):
    df = feedback_complaints.complaint_iceberg(db, Filters(), complaint_share=0.5)
    assert df["estimated_dissatisfied"].tolist() == [2, 2, 4]


def test_iceberg_rejects_a_share_outside_0_to_100_percent(db):
    for bad in (0, -0.1, 1.5, "many"):
        with pytest.raises(AnalysisError, match="share who complain"):
            feedback_complaints.complaint_iceberg(db, Filters(), complaint_share=bad)


def test_weekly_iceberg_sums_to_the_monthly_one(db):
    weekly = feedback_complaints.complaint_iceberg(db, Filters(), freq="week")
    assert weekly["complaints"].sum() == 4
    assert (weekly["period"].dt.day_of_week == 0).all()


def test_iceberg_per_tier_counts_anonymous_complaints_apart(db):
    df = feedback_complaints.iceberg_by_tier(db, Filters()).set_index("tier")
    assert df["complaints"].to_dict() == {"2": 2, "3": 1, "unknown": 1}
    assert df.loc["2", "estimated_dissatisfied"] == 50
    assert df.loc["2", "customers"] == 1


def test_resolution_share_median_and_90th_percentile(db):
    summary = feedback_complaints.resolution_summary(db, Filters())
    # resolved after 2, 10 and 10 days; f3 is still open
    assert summary["complaints"] == 4 and summary["resolved"] == 3 and summary["open"] == 1
    assert summary["share_resolved"] == pytest.approx(0.75)
    assert summary["median_days"] == pytest.approx(10.0)
    assert summary["p90_days"] == pytest.approx(10.0)
    by_tier = feedback_complaints.resolution_by_tier(db, Filters()).set_index("tier")
    assert by_tier.loc["2", "median_days"] == pytest.approx(2.0)
    assert by_tier.loc["2", "open"] == 1


def test_resolution_of_a_range_without_complaints(db):
    summary = feedback_complaints.resolution_summary(db, Filters(start=date(2030, 1, 1)))
    assert summary["complaints"] == 0 and summary["share_resolved"] is None
    assert summary["median_days"] is None


def test_open_complaints_list_top_tiers_first(db):
    db.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) VALUES "
        "('f10', 'c3', TIMESTAMP '2024-01-20', 'complaint', 'Old complaint of a small customer')"
    )
    df = feedback_complaints.open_complaints(db, Filters())
    assert df["feedback_id"].tolist() == ["f3", "f10"]  # tier 2 before the older tier-4 one
    assert df.iloc[0]["name"] == "Boris" and df.iloc[0]["tier"] == "2"
    assert df.iloc[0]["days_open"] == 5  # 11 March to the latest feedback, 16 March


def test_trend_split_by_tier_uses_the_saved_tier_rule(db):
    df = feedback.trend(db, Filters(), split="tier")
    complaints = df[df["kind"] == "complaint"].groupby("group")["count"].sum().to_dict()
    assert complaints == {"1": 0, "2": 2, "3": 1, "4": 0, "unknown": 1}
    march = df[
        (df["kind"] == "complaint")
        & (df["group"] == "2")
        & (df["period"] == pd.Timestamp("2024-03-01"))
    ].iloc[0]
    assert march["per_1000_active"] == pytest.approx(1000.0)  # one complaint, one tier-2 buyer


def test_valuable_unhappy_lists_top_tier_detractors_with_what_they_said(db):
    df = loyalty_rates.valuable_unhappy(db, Filters())
    assert df["customer_id"].tolist() == ["c2"]
    row = df.iloc[0]
    assert row["tier"] == "2" and row["latest_nps"] == 3 and row["open_complaints"] == 1
    assert row["said"] == "Late delivery again"
    assert row["revenue"] == pytest.approx(110.0)
