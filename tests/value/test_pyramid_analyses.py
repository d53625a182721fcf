"""The whale curve, tier migration and RFM, checked against pandas on small hand-made data."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import cache, migration, pyramid, rfm, whale
from dashboard.value.cost_model import CostModel

FREE = CostModel(
    default_margin=0.5,
    cost_per_order=0,
    cost_per_return=0,
    cost_per_contact=0,
    cost_per_complaint=0,
    marketing_per_customer=0,
)
YEAR_1 = Filters(date(2023, 1, 1), date(2023, 12, 31))
YEAR_2 = Filters(date(2024, 1, 1), date(2024, 12, 31))


def load(conn, rows):
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "ordered_at", "revenue", "cost"])
    tx["ordered_at"] = pd.to_datetime(tx.ordered_at)
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost) "
        "SELECT * FROM tx"
    )


@pytest.fixture
def whales(tmp_path):
    """Profits 60, 50, 30, 10, -20, -30 (costs set so the margin is exact): total 100."""
    conn = database.connect(tmp_path / "w.duckdb")
    profits = {"a": 60, "b": 50, "c": 30, "d": 10, "e": -20, "f": -30}
    load(conn, [(c, f"o{c}", "2024-03-01", 100.0, 100.0 - p) for c, p in profits.items()])
    return conn


def test_whale_curve_peak_and_tail(whales):
    curve = whale.whale_curve(whales, YEAR_2, FREE)
    np.testing.assert_allclose(curve.cumulative_profit, [60, 110, 140, 150, 130, 100])
    np.testing.assert_allclose(curve.share_profit, [0.6, 1.1, 1.4, 1.5, 1.3, 1.0])
    summary = whale.whale_summary(curve)
    assert summary["peak_customers"] == 4
    assert summary["peak_share_customers"] == pytest.approx(4 / 6)
    assert summary["peak_share_profit"] == pytest.approx(1.5)
    assert summary["tail_customers"] == 2
    assert summary["tail_loss"] == pytest.approx(50)
    assert summary["tail_share_loss"] == pytest.approx(0.5)


def test_whale_curve_keeps_the_peak_when_thinned(tmp_path):
    conn = database.connect(tmp_path / "t.duckdb")
    rng = np.random.default_rng(1)
    load(
        conn,
        [
            (f"c{i:04d}", f"o{i}", "2024-02-01", 100.0, float(100 - rng.integers(-80, 90)))
            for i in range(1500)
        ],
    )
    curve = whale.whale_curve(conn, YEAR_2, FREE, points=50)
    values = cache.customer_value(conn, YEAR_2, FREE).sort_values(
        ["profit", "customer_id"], ascending=[False, True]
    )
    cumulative = values.profit.cumsum().to_numpy()
    assert len(curve) < 80 and curve.is_peak.sum() == 1
    peak = curve[curve.is_peak].iloc[0]
    assert peak.cumulative_profit == pytest.approx(cumulative.max())
    assert peak.position == int(np.argmax(cumulative)) + 1
    assert curve.position.iloc[-1] == 1500


def test_whale_summary_of_nothing(whales):
    summary = whale.whale_summary(whale.whale_curve(whales, YEAR_1, FREE))
    assert summary["customers"] == 0 and summary["peak_share_profit"] is None


@pytest.fixture
def two_years(tmp_path):
    """Ten customers; in 2024 the top two of 2023 drop (one to tier 4, one stops buying)."""
    conn = database.connect(tmp_path / "m.duckdb")
    rows = []
    for i in range(10):
        rows.append((f"c{i}", f"a{i}", "2023-05-01", 1000.0 - 100 * i, None))
        if i == 0:
            continue  # c0 stops buying
        amount = 10.0 if i == 1 else 1000.0 - 100 * i
        rows.append((f"c{i}", f"b{i}", "2024-05-01", amount, None))
    load(conn, rows)
    return conn


def test_migration_matrix_matches_pandas(two_years):
    matrix = migration.tier_migration(two_years, YEAR_1, YEAR_2, cost_model=FREE)
    assert matrix.customers.sum() == 10
    pairs = {(r.tier_before, r.tier_after): r.customers for r in matrix.itertuples()}
    # 2023, 10 buyers (bounds 1, 2, 4): c0 t1, c1 t2, c2-c3 t3, c4-c9 t4.
    # 2024, 9 buyers (bounds 1, 1, 4; c0 gone, c1 last): c2 t1, c3-c5 t3, c6-c9 and c1 t4.
    assert pairs == {
        ("1", "inactive"): 1,
        ("2", "4"): 1,
        ("3", "1"): 1,
        ("3", "3"): 1,
        ("4", "3"): 2,
        ("4", "4"): 4,
    }


def test_fallen_from_top_lists_who_to_call(two_years):
    fallen = migration.fallen_from_top(two_years, YEAR_1, YEAR_2, cost_model=FREE)
    assert list(fallen.customer_id) == ["c0", "c1"]
    assert list(fallen.tier_after) == ["inactive", "4"]
    assert list(fallen.revenue_before) == [1000.0, 900.0]


def test_default_periods(two_years):
    before, after = migration.default_periods(two_years, Filters())
    assert (after.start, after.end) == (date(2023, 5, 3), date(2024, 5, 1))
    assert before.end == date(2023, 5, 2)
    before, after = migration.default_periods(two_years, YEAR_2)
    assert before == Filters(date(2022, 12, 31), date(2023, 12, 31))
    with pytest.raises(AnalysisError, match="same"):
        migration.tier_migration(two_years, YEAR_2, YEAR_2)


def reference_scores(values: pd.DataFrame) -> pd.DataFrame:
    """Quintile scores in pandas: rank with ties at their lowest place, five equal bands."""
    active = values[values.is_active].set_index("customer_id")
    n = len(active)

    def score(series):
        rank = series.rank(method="min")
        return np.minimum(5, 1 + np.floor(5 * (rank - 1) / n)).astype(int)

    return pd.DataFrame(
        {"r": score(-active.recency_days), "f": score(active.orders), "m": score(active.revenue)}
    )


def test_rfm_scores_match_pandas(tmp_path):
    conn = database.connect(tmp_path / "r.duckdb")
    rng = np.random.default_rng(5)
    rows = [
        (
            f"c{int(c):02d}",
            f"o{i}",
            pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 300))),
            float(rng.integers(1, 90)),
            None,
        )
        for i, c in enumerate(rng.integers(0, 40, 300))
    ]
    load(conn, rows)
    got = rfm.rfm_scores(conn, YEAR_2, cost_model=FREE).set_index("customer_id").sort_index()
    want = reference_scores(cache.customer_value(conn, YEAR_2, FREE)).sort_index()
    pd.testing.assert_frame_equal(got[["r", "f", "m"]].astype(int), want, check_names=False)
    assert set(got.segment) <= {s.name for s in rfm.DEFAULT_SEGMENTS} | {rfm.OTHER}
    champions = got[got.segment == "champions"]
    assert ((champions.r == 5) & (champions.f >= 4)).all()


def test_rfm_rules_are_editable_and_saved(whales):
    rules = [rfm.Segment("everyone", 1, 5, 1, 5)]
    rfm.save_segments(whales, rules)
    scores = rfm.rfm_scores(whales, YEAR_2, cost_model=FREE)
    assert set(scores.segment) == {"everyone"}
    summary = rfm.segment_summary(whales, YEAR_2, cost_model=FREE)
    assert summary.customers.tolist() == [6] and summary.share_customers.iloc[0] == 1
    with pytest.raises(AnalysisError, match="1 to 5"):
        rfm.Segment("bad", 0, 5, 1, 5)


def test_period_coverage_of_the_period_before(two_years):
    # purchases on 2023-05-01 and 2024-05-01 only
    everything = Filters(date(2023, 5, 1), date(2024, 5, 1))
    before, after = migration.default_periods(two_years, everything)  # the "All time" range
    assert before.end == date(2023, 4, 30)
    nothing = pyramid.period_coverage(two_years, before)
    assert nothing["first"] == date(2023, 5, 1)
    assert (nothing["covered_days"], nothing["share"], nothing["purchases"]) == (0, 0.0, 0)

    part = pyramid.period_coverage(two_years, YEAR_1)
    assert (part["days"], part["covered_days"], part["purchases"]) == (365, 245, 10)
    assert part["share"] == pytest.approx(245 / 365)  # 1 May to 31 December

    full = pyramid.period_coverage(two_years, Filters(date(2023, 6, 1), date(2023, 6, 30)))
    assert (full["covered_days"], full["share"], full["purchases"]) == (30, 1.0, 0)

    shop = pyramid.period_coverage(two_years, Filters(YEAR_1.start, YEAR_1.end, channels=("x",)))
    assert shop["first"] is None and shop["covered_days"] == 0  # no purchase in the segment
    with pytest.raises(ValueError):
        pyramid.period_coverage(two_years, Filters())
