"""The Overview's KPIs against hand-computed numbers, with the change against the period before."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.reporting import metrics
from dashboard.store import database
from dashboard.store.filters import Filters


@pytest.fixture
def shop(conn):
    conn.execute(
        """
        INSERT INTO customers (customer_id, signup_at) VALUES
            ('old', TIMESTAMP '2023-01-01'), ('quiet', NULL);
        INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost) VALUES
            ('old', 'o1', TIMESTAMP '2024-01-10', 100, 60),
            ('old', 'o2', TIMESTAMP '2024-02-10', 50, 30),
            ('new', 'o3', TIMESTAMP '2024-02-20', 30, 20),
            ('new', 'o4', TIMESTAMP '2023-12-05', 10, 5);
        INSERT INTO feedback (customer_id, created_at, kind, score, scale) VALUES
            ('old', TIMESTAMP '2024-01-11', 'praise', 10, 'nps_0_10'),
            ('new', TIMESTAMP '2024-02-21', 'complaint', 3, 'nps_0_10'),
            ('new', TIMESTAMP '2024-02-22', 'praise', 9, 'nps_0_10');
        """
    )
    database.bump_data_version(conn)
    return conn


def test_kpis_of_a_period(shop):
    kpis = metrics.period_kpis(shop, Filters(date(2024, 1, 1), date(2024, 2, 29)))
    assert kpis["customers"] == 3  # old, quiet (no dates: always known) and new
    assert kpis["active_customers"] == 2
    assert kpis["revenue"] == pytest.approx(180)
    assert kpis["orders"] == 3
    assert kpis["repeat_purchase_rate"] == pytest.approx(0.5)  # old bought twice, new once
    assert kpis["complaints"] == 1
    assert kpis["nps"] == pytest.approx(100 * (2 - 1) / 3)
    assert kpis["profit"] == pytest.approx(kpis["revenue"] - kpis["cost"])


def test_customers_are_known_from_sign_up_or_first_purchase(shop):
    before_new = metrics.period_kpis(shop, Filters(date(2023, 1, 1), date(2023, 11, 30)))
    assert before_new["customers"] == 2  # old (signed up) and quiet; new first bought in December


def test_change_against_the_period_before(shop):
    rows = {
        r["kpi"]: r
        for r in metrics.kpis_with_change(shop, Filters(date(2024, 2, 1), date(2024, 2, 29)))
    }
    assert rows["revenue"]["value"] == pytest.approx(80)  # o2 + o3
    assert rows["revenue"]["previous"] == pytest.approx(100)  # 2024-01-03 .. 2024-01-31: o1
    assert rows["revenue"]["change"] == pytest.approx(-0.2)
    assert rows["cost"]["higher_is_better"] is False
    assert rows["nps"]["change"] == pytest.approx(
        0 - 100
    )  # one promoter + one detractor vs one promoter


def test_all_time_has_nothing_before_it_to_compare_with(shop):
    all_time = Filters(date(2023, 12, 5), date(2024, 2, 29))  # the first purchase onwards
    assert not metrics.has_earlier_data(shop, all_time)
    rows = metrics.kpis_with_change(shop, all_time)
    # "customers" would compare with the one who signed up before: nothing was bought then
    assert [(r["kpi"], r["previous"], r["change"]) for r in rows if r["previous"] is not None] == []
    assert metrics.has_earlier_data(shop, Filters(date(2024, 1, 1), date(2024, 2, 29)))


def test_a_period_without_any_feedback_has_no_complaint_count_not_zero(shop):
    quiet = metrics.period_kpis(shop, Filters(date(2023, 12, 1), date(2023, 12, 31)))
    assert quiet["complaints"] is None and quiet["nps"] is None  # no feedback: unknown, not 0
    january = metrics.period_kpis(shop, Filters(date(2024, 1, 1), date(2024, 1, 31)))
    assert january["complaints"] == 0  # feedback came (praise), none of it a complaint


def test_known_cost_share_is_the_revenue_share_of_lines_with_a_cost(shop):
    january = Filters(date(2024, 1, 1), date(2024, 1, 31))
    assert metrics.known_cost_share(shop, january) == pytest.approx(1.0)
    shop.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost) VALUES "
        "('old', 'o5', TIMESTAMP '2024-01-20', 300, NULL), "
        "('old', 'o5', TIMESTAMP '2024-01-21', -100, NULL)"
    )
    # 100 of 500 (returns counted by their size) has a known cost: the rest is estimated
    assert metrics.known_cost_share(shop, january) == pytest.approx(0.2)
    assert metrics.known_cost_share(shop, Filters(date(2022, 1, 1), date(2022, 1, 31))) is None
