"""The complaint iceberg, resolution times, open complaints and valuable unhappy customers."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.feedback import complaints, trends
from dashboard.loyalty import retention
from dashboard.store import database
from dashboard.store.filters import Filters, default_period
from dashboard.value import pyramid
from tests.feedback.test_feedback_data import build_db


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "complaints.duckdb")
    # tiers of one customer each by revenue: c1 (1,500) tier 1, c2 (110) tier 2, c4 (70) tier 3
    pyramid.save_tier_rule(connection, pyramid.TierRule("customers", (0.2, 0.4, 0.6)))
    yield connection
    connection.close()


def small_shop(path, buyers: int = 10):
    """``buyers`` customers who each bought once in March 2024; b1 complained three times and one
    complaint is anonymous: two dissatisfied customers seen, 50 at 4% — more than the shop has."""
    conn = database.connect(path)
    conn.executemany(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, category, channel) "
        "VALUES (?, ?, TIMESTAMP '2024-03-05', ?, 'toys', 'web')",
        [(f"b{i}", f"o{i}", 10.0 * i) for i in range(1, buyers + 1)],
    )
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) "
        "VALUES (?, ?, ?, 'complaint', 'Broken')",
        [
            ("k1", "b1", datetime(2024, 3, 6)),
            ("k2", "b1", datetime(2024, 3, 7)),
            ("k3", "b1", datetime(2024, 4, 8)),
            ("k4", None, datetime(2024, 4, 9)),
        ],
    )
    database.bump_data_version(conn)
    return conn


def test_iceberg_divides_complaining_customers_by_the_share_who_complain(db):
    df = complaints.complaint_iceberg(db, Filters(), complaint_share=0.5)
    assert df["complaints"].tolist() == [1, 1, 2]
    assert df["complaining_customers"].tolist() == [1, 1, 2]  # February's is anonymous
    # half complain: every complaining customer stands for 2 dissatisfied customers
    assert df["estimated_dissatisfied"].tolist() == [2, 2, 4]
    assert df["silent_dissatisfied"].tolist() == [1, 1, 2]
    assert not df["capped"].any()


def test_a_customer_complaining_three_times_is_one_dissatisfied_customer(db):
    db.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) VALUES "
        "('f11', 'c2', TIMESTAMP '2024-03-12', 'complaint', 'Still late'), "
        "('f12', 'c2', TIMESTAMP '2024-03-14', 'complaint', 'Late, third time')"
    )
    march = complaints.complaint_iceberg(db, Filters(), complaint_share=0.5).iloc[-1]
    assert march["complaints"] == 4  # c2 three times, c4 once
    assert march["complaining_customers"] == 2
    assert march["estimated_dissatisfied"] == 4  # 2 customers / 0.5, not 4 complaints / 0.5
    tier2 = complaints.iceberg_by_tier(db, Filters(), 0.5).set_index("tier").loc["2"]
    assert tier2["complaints"] == 4 and tier2["complaining_customers"] == 1
    assert tier2["estimated_dissatisfied"] == 1  # c2 is tier 2's only customer


def test_the_range_total_counts_customers_over_the_range_not_a_sum_of_periods(db):
    df = complaints.complaint_iceberg(db, Filters(), complaint_share=0.8)
    assert df["estimated_dissatisfied"].tolist() == [1, 1, 3]  # 1/0.8, 1/0.8, 2/0.8 rounded
    total = complaints.iceberg_summary(db, Filters(), complaint_share=0.8)
    # c2 complained in January and March: three customers in all (c2, c4, the anonymous one)
    assert total["complaints"] == 4 and total["complaining_customers"] == 3
    assert total["estimated_dissatisfied"] == 4 < df["estimated_dissatisfied"].sum()
    assert total["silent_dissatisfied"] == 1 and not total["capped"]
    assert total["customers"] == 5  # c1-c5 bought; p1 never did


def test_the_estimate_never_exceeds_the_customers_there_are(tmp_path):
    conn = small_shop(tmp_path / "shop.duckdb")
    total = complaints.iceberg_summary(conn, Filters())
    assert total["complaining_customers"] == 2  # b1 (three complaints) and the anonymous one
    assert total["anonymous"] == 1  # and the sentence says so
    assert total["customers"] == 10
    assert total["estimated_dissatisfied"] == 10 and total["capped"]  # not 2 / 4% = 50
    assert total["silent_dissatisfied"] == 8
    assert complaints.iceberg_sentence(total) == (
        "4 complaints from 2 customers (1 of them anonymous): if only 4% complain, "
        "all 10 customers of the period may be dissatisfied"
    )
    assert complaints.iceberg_sentence(total, "ru") == (
        "4 жалобы от 2 клиентов (из них 1 анонимный): если жалуются лишь 4\u00a0%, "
        "недовольны могут быть все 10 клиентов периода"
    )
    months = complaints.complaint_iceberg(conn, Filters())
    assert months["estimated_dissatisfied"].tolist() == [10, 10]  # 1 / 4% = 25 in each month
    assert months["capped"].all() and (months["customers"] == 10).all()
    # a much larger share is no longer capped
    assert complaints.iceberg_summary(conn, Filters(), 0.5)["estimated_dissatisfied"] == 4
    conn.close()


def test_a_tier_estimate_never_exceeds_the_tier(db):
    df = complaints.iceberg_by_tier(db, Filters()).set_index("tier")
    sizes = pyramid.tier_shares(db, Filters(), rule=pyramid.load_tier_rule(db)).set_index("tier")
    for tier in ("2", "3"):  # one customer each: 1 / 4% = 25 would be 24 too many
        assert df.loc[tier, "customers"] == sizes.loc[tier, "customers"] == 1
        assert df.loc[tier, "estimated_dissatisfied"] == 1 and df.loc[tier, "capped"]
    # anonymous complaints are one customer each, held by the range's 5 customers
    assert df.loc["unknown", "complaining_customers"] == 1
    assert df.loc["unknown", "estimated_dissatisfied"] == 5


def test_the_demo_never_has_more_dissatisfied_than_customers(demo_conn):
    first, last = demo_conn.execute(
        "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
    ).fetchone()
    filters = Filters(*default_period(first, last))
    buyers = demo_conn.execute(
        "SELECT count(DISTINCT customer_id) FROM transactions "
        "WHERE revenue > 0 AND ordered_at >= ? AND ordered_at < ? + INTERVAL 1 DAY",
        [filters.start, filters.end],
    ).fetchone()[0]
    total = complaints.iceberg_summary(demo_conn, filters)
    assert total["complaints"] > 0
    assert total["customers"] == buyers
    assert 0 < total["estimated_dissatisfied"] <= buyers
    months = complaints.complaint_iceberg(demo_conn, filters)
    assert (months["estimated_dissatisfied"] <= buyers).all()
    tiers = complaints.iceberg_by_tier(demo_conn, filters).set_index("tier")
    sizes = pyramid.tier_shares(demo_conn, filters, rule=pyramid.load_tier_rule(demo_conn))
    for row in sizes.itertuples():
        if row.tier in tiers.index:
            assert tiers.loc[row.tier, "customers"] == row.customers
            assert tiers.loc[row.tier, "estimated_dissatisfied"] <= row.customers


def test_a_larger_complaint_share_shrinks_the_iceberg(db):
    df = complaints.complaint_iceberg(db, Filters(), complaint_share=1.0)
    assert df["estimated_dissatisfied"].tolist() == [1, 1, 2]
    assert df["silent_dissatisfied"].tolist() == [0, 0, 0]


def test_iceberg_rejects_a_share_outside_0_to_100_percent(db):
    for bad in (0, -0.1, 1.5, "many"):
        with pytest.raises(AnalysisError, match="share who complain"):
            complaints.complaint_iceberg(db, Filters(), complaint_share=bad)
        with pytest.raises(AnalysisError, match="share who complain"):
            complaints.iceberg_summary(db, Filters(), complaint_share=bad)


def test_weekly_iceberg_sums_to_the_monthly_one(db):
    weekly = complaints.complaint_iceberg(db, Filters(), freq="week")
    assert weekly["complaints"].sum() == 4
    assert (weekly["period"].dt.day_of_week == 0).all()


def test_iceberg_per_tier_counts_anonymous_complaints_apart(db):
    df = complaints.iceberg_by_tier(db, Filters(), 0.5).set_index("tier")
    assert df["complaints"].to_dict() == {"2": 2, "3": 1, "unknown": 1}
    assert df.loc["2", "complaining_customers"] == 1  # c2 complained twice
    assert df.loc["2", "estimated_dissatisfied"] == 1  # 1 / 0.5 = 2, but tier 2 has 1 customer
    assert df.loc["2", "customers"] == 1


def test_resolution_share_median_and_90th_percentile(db):
    summary = complaints.resolution_summary(db, Filters())
    # resolved after 2, 10 and 10 days; f3 is still open
    assert summary["complaints"] == 4 and summary["resolved"] == 3 and summary["open"] == 1
    assert summary["share_resolved"] == pytest.approx(0.75)
    assert summary["median_days"] == pytest.approx(10.0)
    assert summary["p90_days"] == pytest.approx(10.0)
    by_tier = complaints.resolution_by_tier(db, Filters()).set_index("tier")
    assert by_tier.loc["2", "median_days"] == pytest.approx(2.0)
    assert by_tier.loc["2", "open"] == 1


def test_resolution_of_a_range_without_complaints(db):
    summary = complaints.resolution_summary(db, Filters(start=date(2030, 1, 1)))
    assert summary["complaints"] == 0 and summary["share_resolved"] is None
    assert summary["median_days"] is None


def test_open_complaints_list_top_tiers_first(db):
    db.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) VALUES "
        "('f10', 'c3', TIMESTAMP '2024-01-20', 'complaint', 'Old complaint of a small customer')"
    )
    df = complaints.open_complaints(db, Filters())
    assert df["feedback_id"].tolist() == ["f3", "f10"]  # tier 2 before the older tier-4 one
    assert df.iloc[0]["name"] == "Boris" and df.iloc[0]["tier"] == "2"
    assert df.iloc[0]["days_open"] == 5  # 11 March to the latest feedback, 16 March


def test_trend_split_by_tier_uses_the_saved_tier_rule(db):
    df = trends.trend(db, Filters(), split="tier")
    per_group = df[df["kind"] == "complaint"].groupby("group")["count"].sum().to_dict()
    assert per_group == {"1": 0, "2": 2, "3": 1, "4": 0, "unknown": 1}
    march = df[
        (df["kind"] == "complaint")
        & (df["group"] == "2")
        & (df["period"] == pd.Timestamp("2024-03-01"))
    ].iloc[0]
    assert march["per_1000_active"] == pytest.approx(1000.0)  # one complaint, one tier-2 buyer


def test_valuable_unhappy_lists_top_tier_detractors_with_what_they_said(db):
    df = retention.valuable_unhappy(db, Filters())
    assert df["customer_id"].tolist() == ["c2"]
    row = df.iloc[0]
    assert row["tier"] == "2" and row["latest_nps"] == 3 and row["open_complaints"] == 1
    assert row["said"] == "Late delivery again"
    assert row["revenue"] == pytest.approx(110.0)


def test_mostly_anonymous_complaints_are_left_out_of_the_estimate_and_it_says_so(tmp_path):
    conn = small_shop(tmp_path / "shop.duckdb")  # b1: three complaints; one anonymous
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) "
        "VALUES (?, ?, TIMESTAMP '2024-03-20', 'complaint', 'No name given')",
        [("k5", "b2"), *[(f"a{i}", None) for i in range(5)]],
    )
    database.bump_data_version(conn)
    total = complaints.iceberg_summary(conn, Filters(), 0.5)
    # 10 complaints, 6 anonymous: not 8 "customers" / 50% = 16 (capped at the shop's 10),
    # but the two known customers b1 and b2 / 50% = 4
    assert total["complaints"] == 10 and total["anonymous"] == 6
    assert total["anonymous_left_out"] and total["complaining_customers"] == 2
    assert total["estimated_dissatisfied"] == 4 and not total["capped"]
    assert complaints.iceberg_sentence(total) == (
        "Behind 4 complaints from 2 customers stand about 4 dissatisfied customers (if 50% "
        "complain)"
    )
    assert complaints.iceberg_basis(total) == (
        "The estimate rests on known customers only: 6 anonymous complaints are left out "
        "(60% of all), as the same customers may have written them."
    )
    assert complaints.iceberg_sentence(total, "ru") == (
        "За 4 жалобами от 2 клиентов стоят около 4 недовольных клиентов (если жалуются 50\u00a0%)"
    )
    assert complaints.iceberg_basis(total, "ru") == (
        "Оценка — только по известным клиентам: анонимные жалобы (6, 60\u00a0% всех) в неё не "
        "входят, ведь их могли написать те же клиенты."
    )
    # a few anonymous complaints among many count as customers: nothing to say
    assert (
        complaints.iceberg_basis(
            complaints.iceberg_summary(small_shop(tmp_path / "b.duckdb"), Filters())
        )
        is None
    )
    months = complaints.complaint_iceberg(conn, Filters(), complaint_share=0.5)
    assert months["complaining_customers"].tolist() == [2, 1]  # March: b1, b2; April: b1
    assert months["anonymous_left_out"].all()
    conn.close()
