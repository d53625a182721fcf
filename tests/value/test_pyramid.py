"""Tiers and tier shares, checked against a plain pandas ranking of the value table."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import cache, pyramid, value_table
from dashboard.value.cost_model import CostModel
from dashboard.value.pyramid import TierRule

MODEL = CostModel(
    default_margin=0.3,
    cost_per_order=4,
    cost_per_return=10,
    cost_per_contact=6,
    cost_per_complaint=20,
    marketing_per_customer=3,
)


@pytest.fixture
def business(tmp_path):
    """200 buying customers (revenue ties across the tier 1/2 boundary), 20 silent ones, returns."""
    conn = database.connect(tmp_path / "p.duckdb")
    rng = np.random.default_rng(3)
    rows = []
    for i in range(200):
        cid = f"k{i:03d}"
        amount = 1000.0 if i in (17, 5) else float(rng.integers(1, 400))
        for n in range(1 + i % 4):
            rows.append(
                (
                    cid,
                    f"{cid}-{n}",
                    pd.Timestamp("2024-01-01") + pd.Timedelta(days=n * 30),
                    amount / (1 + i % 4),
                    None,
                )
            )
        if i % 9 == 0:
            rows.append((cid, f"{cid}-r", pd.Timestamp("2024-05-01"), -amount / 8, None))
    rows.append(("gone", "g1", pd.Timestamp("2022-01-01"), 500.0, 100.0))
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "ordered_at", "revenue", "cost"])  # noqa: F841
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost) "
        "SELECT * FROM tx"
    )
    silent = pd.DataFrame({"customer_id": [f"s{i:02d}" for i in range(20)]})  # noqa: F841
    conn.execute("INSERT INTO customers (customer_id) SELECT customer_id FROM silent")
    contacts = pd.DataFrame(  # noqa: F841 - read by DuckDB
        {
            "customer_id": [f"k{i:03d}" for i in range(0, 200, 3)],  # noqa: F841
            "occurred_at": pd.Timestamp("2024-02-02"),
        }
    )
    conn.execute("INSERT INTO interactions (customer_id, occurred_at) SELECT * FROM contacts")
    return conn


PERIOD = Filters(date(2024, 1, 1), date(2024, 12, 31))


def reference_tiers(values: pd.DataFrame, by: str, rule: TierRule) -> pd.Series:
    """Tiers by pandas: sort by the measure (ties by id), then cut by count or cumulative share."""
    active = values[values.is_active].sort_values([by, "customer_id"], ascending=[False, True])
    n = len(active)
    if rule.mode == "customers":
        bounds = [math.ceil(round(c * n, 9)) for c in rule.cuts]
        position = np.arange(1, n + 1)
        tiers = np.select([position <= b for b in bounds], ["1", "2", "3"], "4")
    else:
        before = active[by].cumsum() - active[by]
        total = active[by].sum()
        tiers = np.select([before < c * total for c in rule.cuts], ["1", "2", "3"], "4")
    result = pd.Series("inactive", index=values.customer_id)
    result[active.customer_id.to_numpy()] = tiers
    return result


def sql_tiers(conn, f, by="revenue", rule=None) -> pd.Series:
    sql, params = pyramid.customer_tiers_sql(f, by=by, rule=rule, cost_model=MODEL)
    return conn.execute(sql, params).df().set_index("customer_id").tier


@pytest.mark.parametrize("by", ["revenue", "profit"])
@pytest.mark.parametrize(
    "rule", [TierRule(), TierRule.default("cumulative"), TierRule("customers", (0.05, 0.5, 0.9))]
)
def test_tiers_match_pandas(business, by, rule):
    values = cache.customer_value(business, PERIOD, MODEL)
    want = reference_tiers(values, by, rule).sort_index()
    got = sql_tiers(business, PERIOD, by, rule).sort_index()
    assert got.index.is_unique  # every customer in exactly one tier
    pd.testing.assert_series_equal(got, want, check_names=False)


def test_default_pyramid_sizes_and_tie_break(business):
    tiers = sql_tiers(business, PERIOD)
    counts = tiers.value_counts()
    # 200 buyers: top 1% = 2, next 10% = 20, next 24% = 48, rest 130; 21 without a 2024 purchase
    assert (counts["1"], counts["2"], counts["3"], counts["4"]) == (2, 20, 48, 130)
    assert counts["inactive"] == 21 and tiers["gone"] == "inactive"
    # k005 and k017 tie at the top: both fit in tier 1 here; with a 0.5% rule only k005 does
    narrow = sql_tiers(business, PERIOD, rule=TierRule("customers", (0.005, 0.11, 0.35)))
    assert narrow["k005"] == "1" and narrow["k017"] == "2"


def test_shares_sum_to_one_and_match_the_value_table(business):
    shares = pyramid.tier_shares(business, PERIOD, by="profit", cost_model=MODEL)
    assert list(shares.tier) == ["1", "2", "3", "4", "inactive"]
    tiered = shares[shares.tier != "inactive"]
    for column in ("share_customers", "share_revenue", "share_cost", "share_profit"):
        assert tiered[column].sum() == pytest.approx(1.0)
        assert np.isnan(shares[column].iloc[-1])
    values = cache.customer_value(business, PERIOD, MODEL)
    assert shares.customers.sum() == len(values)
    assert shares.revenue.sum() == pytest.approx(values.revenue.sum())
    assert shares.profit.sum() == pytest.approx(values.profit.sum())
    components = shares[list(value_table.COST_COMPONENTS)].sum(axis=1)
    np.testing.assert_allclose(components, shares.cost_to_serve)


def test_empty_tier_is_listed_with_zeros(business):
    shares = pyramid.tier_shares(business, Filters(date(2030, 1, 1), date(2030, 1, 2)))
    assert list(shares.customers) == [0, 0, 0, 0, 221]
    assert shares.share_revenue.isna().all()


def test_drill_down_lists_the_tier_best_first(business):
    top = pyramid.tier_customers(business, PERIOD, "2")
    assert len(top) == 20 and list(top.position) == list(range(3, 23))
    assert top.revenue.is_monotonic_decreasing
    assert set(pyramid.tier_customers(business, PERIOD, "inactive").customer_id) >= {"gone"}


def test_bad_choices_say_what_to_do(business):
    with pytest.raises(AnalysisError, match="revenue, profit or predicted value"):
        pyramid.tier_shares(business, PERIOD, by="margin")
    with pytest.raises(AnalysisError, match="needs the forecast"):
        pyramid.tier_shares(business, PERIOD, by="predicted_value")  # no source holding it
    with pytest.raises(AnalysisError, match="grow"):
        TierRule("customers", (0.3, 0.2, 0.5))
    costly = CostModel(marketing_per_customer=10_000)
    with pytest.raises(AnalysisError, match="share of customers"):
        pyramid.tier_shares(
            business, PERIOD, by="profit", rule=TierRule.default("cumulative"), cost_model=costly
        )


def test_rule_from_tier_sizes_and_saved(business):
    rule = TierRule.from_shares((0.02, 0.18, 0.30))
    assert rule.cuts == pytest.approx((0.02, 0.20, 0.50))
    assert rule.shares() == pytest.approx((0.02, 0.18, 0.30, 0.50))
    pyramid.save_tier_rule(business, rule)
    assert pyramid.load_tier_rule(business) == rule
