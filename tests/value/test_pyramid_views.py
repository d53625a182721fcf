"""The pyramid page's answers read from the kept tables (each buyer's places in both rankings,
the period's wallets, the pair of periods) equal the same answers computed the plain way: the
drill-down's first rows, the share of wallet per tier and the opportunity list, the customers
fallen out of tiers 1-2, for both rankings and both kinds of tier rule, on the demo."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from dashboard.store.filters import Filters
from dashboard.value import cache, migration, pyramid, ranking
from dashboard.value.cost_model import load_cost_model
from dashboard.value.pyramid import TierRule
from dashboard.wallet import share

RULES = [
    TierRule(),
    TierRule.default("cumulative"),
    TierRule("customers", (0.05, 0.2, 0.5)),
    TierRule("cumulative", (0.3, 0.6, 0.99)),
]
VIEWS = [(by, rule) for by in ranking.PAST_MEASURES for rule in RULES]


def _year(conn) -> Filters:
    last = conn.execute("SELECT CAST(max(ordered_at) AS DATE) FROM transactions").fetchone()[0]
    return Filters(last - timedelta(days=364), last)


def _same(got: pd.DataFrame, expected: pd.DataFrame, by: list[str] | None = None) -> None:
    if by:  # ordered by money: sums of the same lines may differ in the last bits
        got, expected = got.sort_values(by), expected.sort_values(by)
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_exact=False, rtol=1e-9
    )


@pytest.mark.parametrize(("by", "rule"), VIEWS)
def test_the_drill_down_s_first_rows_are_the_first_rows_of_the_whole_tier(demo_conn, by, rule):
    year, model = _year(demo_conn), load_cost_model(demo_conn)
    assert ranking.kept_table(*cache.source(demo_conn, year, model))  # read from the kept table
    plain = ranking.ranked_value_sql(year, model)  # the value table computed, not kept
    for tier in pyramid.ALL_TIERS:
        first = pyramid.tier_customers(demo_conn, year, tier, by, rule, model, limit=50)
        whole = pyramid.tier_customers(demo_conn, year, tier, by, rule, model, source=plain)
        assert len(first) == min(50, len(whole))
        _same(first, whole.head(50))
        assert set(first.tier) <= {tier}


def _reference_summary(wallets: pd.DataFrame) -> pd.DataFrame:
    """Share of wallet per tier from every customer's row, in pandas."""
    known = wallets[wallets.wallet.notna()]
    rows = []
    for tier in pyramid.ALL_TIERS:
        mine, theirs = wallets[wallets.tier == tier], known[known.tier == tier]
        wallet = theirs.wallet.sum() if len(theirs) else float("nan")
        revenue = theirs.revenue.sum() if len(theirs) else 0.0
        rows.append(
            {
                "tier": tier,
                "customers": len(mine),
                "known": len(theirs),
                "from_column": int((theirs.wallet_source == "column").sum()),
                "from_estimate": int((theirs.wallet_source == "estimate").sum()),
                "revenue": revenue,
                "wallet": wallet,
                "share": max(revenue, 0) / wallet if wallet else float("nan"),
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("estimates", [{}, {"1": 5000.0, "3": 500.0, "4": 200.0, "inactive": 50.0}])
@pytest.mark.parametrize(("by", "rule"), VIEWS)
def test_share_of_wallet_per_tier_and_the_list_follow_each_customer_s_wallet(
    demo_conn, by, rule, estimates
):
    share.save_estimates(demo_conn, estimates)
    year, model = _year(demo_conn), load_cost_model(demo_conn)
    tiers = {"by": by, "rule": rule, "cost_model": model}
    wallets = share.customer_wallets(demo_conn, year, **tiers)  # the per-customer definition
    expected = pyramid.tier_customers(demo_conn, year, "1", by, rule, model)
    assert set(wallets[wallets.tier == "1"].customer_id) == set(expected.customer_id)

    summary = share.tier_summary(demo_conn, year, **tiers)
    reference = _reference_summary(wallets)
    for column in ("customers", "known", "from_column", "from_estimate"):
        assert list(summary[column]) == list(reference[column]), column
    for column in ("revenue", "wallet", "share"):
        pd.testing.assert_series_equal(summary[column], reference[column], rtol=1e-9)

    cuts = share.load_opportunity(demo_conn)
    known = wallets[wallets.wallet.notna()]
    threshold = known.wallet.quantile(1 - cuts.top_share)  # linear, as quantile_cont
    listed = known[(known.wallet >= threshold - 1e-9) & (known.share < cuts.max_share)]
    every = share.opportunities(demo_conn, year, cuts, **tiers)
    assert set(every.customer_id) == set(listed.customer_id)
    mine = every.set_index("customer_id").loc[listed.customer_id]
    assert list(mine.tier) == list(listed.tier)
    people = demo_conn.execute(  # each one's newest record in the customers file
        "SELECT DISTINCT ON (customer_id) customer_id, name, email FROM customers "
        "ORDER BY customer_id, import_id DESC NULLS LAST"
    ).df()
    contacts = every[["customer_id", "name", "email"]].merge(people, on="customer_id", how="left")
    assert contacts.name_x.fillna("").tolist() == contacts.name_y.fillna("").tolist()
    assert contacts.email_x.fillna("").tolist() == contacts.email_y.fillna("").tolist()
    top = share.top_opportunities(demo_conn, year, cuts, limit=20, **tiers)
    assert top.customers == len(listed)
    assert top.threshold == pytest.approx(threshold, rel=1e-9)
    _same(top.rows, every.head(20), ["customer_id"])


@pytest.mark.parametrize(("by", "rule"), VIEWS)
def test_the_fallen_table_s_rows_and_count_are_those_of_the_whole_list(demo_conn, by, rule):
    before, after = migration.default_periods(demo_conn, _year(demo_conn))
    model = load_cost_model(demo_conn)
    args = (before, after, by, rule, model)
    every = migration.fallen_from_top(demo_conn, *args)
    assert len(every) > 0
    first = migration.fallen_from_top(demo_conn, *args, limit=10)
    assert len(first) == min(10, len(every))
    lost = (every.revenue_before - every.revenue_after).round(6)
    assert list((first.revenue_before - first.revenue_after).round(6)) == list(lost.head(10))
    assert migration.fallen_count(migration.tier_migration(demo_conn, *args)) == len(every)
    # each customer's tiers are the pyramid's of either period
    after_tiers = pyramid.tier_customers(demo_conn, after, "1", by, rule, model)
    assert not set(every.customer_id) & set(after_tiers.customer_id)
    before_top = pd.concat(
        pyramid.tier_customers(demo_conn, before, tier, by, rule, model) for tier in ("1", "2")
    )
    assert set(every.customer_id) <= set(before_top.customer_id)
