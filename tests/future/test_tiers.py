"""The forecast by tier, in SQL: checked against pandas on a small business whose forecast is
written by hand (so the tiers, not the model, are under test)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from dashboard.future import tiers
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import cache, pyramid

PERIOD = Filters(date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture
def business(tmp_path):
    """100 customers buying in 2024 (revenue 10 × their number), 10 who last bought in 2022, and
    a forecast table: probability alive and predicted value that fall with the number."""
    conn = database.connect(tmp_path / "t.duckdb")
    rows = [(f"c{i:03d}", f"o{i}", pd.Timestamp("2024-03-01"), 10.0 * (i + 1)) for i in range(100)]
    rows += [(f"g{i}", f"g{i}", pd.Timestamp("2022-03-01"), 50.0) for i in range(10)]
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "ordered_at", "revenue"])  # noqa: F841
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) SELECT * FROM tx"
    )
    ids = [r[0] for r in rows]
    p_alive = [0.005 + 0.0099 * i for i in range(100)] + [0.03] * 10
    value = [100.0 - i for i in range(100)] + [0.0] * 10
    value[3] = 1_000.0  # one customer whose future is worth more than any past
    forecast = pd.DataFrame(  # noqa: F841 - read by DuckDB
        {
            "customer_id": ids,
            "p_alive": p_alive,
            "predicted_value": value,
            "predicted_value_low": np.array(value) * 0.8,
            "predicted_value_high": np.array(value) * 1.2,
            "predicted_revenue": np.array(value) * 3,
        }
    )
    conn.execute("CREATE TABLE forecast AS SELECT * FROM forecast")
    yield conn
    conn.close()


def tiers_of(conn) -> pd.Series:
    sql, params = pyramid.customer_tiers_sql(PERIOD)
    return conn.execute(sql, params).df().set_index("customer_id")["tier"]


def test_probability_alive_is_counted_in_bands_within_each_tier(business):
    bins = tiers.alive_bins(business, "forecast", PERIOD)
    forecast = business.execute("SELECT customer_id, p_alive FROM forecast").df()
    forecast["tier"] = forecast["customer_id"].map(tiers_of(business)).fillna("inactive")
    forecast["bin"] = np.minimum(np.floor(forecast["p_alive"] * 10), 9) / 10
    expected = forecast.groupby(["tier", "bin"]).size()
    for row in bins.itertuples():
        assert row.customers == expected.get((row.tier, row.bin), 0), (row.tier, row.bin)
    assert list(bins["tier"].unique()) == ["1", "2", "3", "4", "inactive"]
    assert len(bins) == 5 * 10  # every band of every tier, empty ones as zero
    assert bins.groupby("tier")["share"].sum().to_numpy() == pytest.approx(np.ones(5))
    medians = bins.drop_duplicates("tier").set_index("tier")["median"]
    assert medians["1"] == pytest.approx(forecast.query("tier == '1'").p_alive.median())
    assert medians["inactive"] == pytest.approx(0.03)


def test_the_pyramid_ahead_puts_each_tiers_share_of_profit_beside_its_predicted_share(business):
    shares = tiers.ahead_shares(business, "forecast", PERIOD).set_index("tier")
    values = cache.customer_value(business, PERIOD)
    forecast = business.execute("SELECT * FROM forecast").df()
    forecast["tier"] = forecast["customer_id"].map(tiers_of(business)).fillna("inactive")
    predicted = forecast.groupby("tier")["predicted_value"].sum()
    profit = values.assign(tier=values.customer_id.map(tiers_of(business))).groupby("tier")
    profit = profit["profit"].sum()
    assert list(shares.index) == ["1", "2", "3", "4", "inactive"]
    assert shares["customers"].sum() == 110
    for tier in pyramid.TIERS:
        assert shares.loc[tier, "ahead"] == pytest.approx(predicted[tier] / predicted.sum())
        assert shares.loc[tier, "now"] == pytest.approx(
            profit[tier] / profit[list(pyramid.TIERS)].sum()
        )
    assert shares.loc["inactive", "now"] == 0
    assert shares["ahead"].sum() == pytest.approx(1)
    assert shares.loc["1", "predicted_value_high"] == pytest.approx(1.2 * predicted["1"])


def test_the_pyramid_ranks_by_predicted_value_from_a_source_holding_it(business):
    source = tiers.value_source(business, "forecast", PERIOD)
    by_value = pyramid.tier_shares(business, PERIOD, "predicted_value", source=source)
    assert by_value["share_predicted_value"].iloc[:4].sum() == pytest.approx(1)
    top = pyramid.tier_customers(business, PERIOD, "1", "predicted_value", source=source)
    assert list(top["customer_id"]) == ["c003"]  # the top 1% by what they will bring
    by_revenue = pyramid.tier_customers(business, PERIOD, "1")
    assert list(by_revenue["customer_id"]) == ["c099"]  # by what they brought
    assert by_value.set_index("tier").loc["1", "predicted_value"] == pytest.approx(1_000)


def test_contacts_come_with_every_asked_customer(business):
    business.execute(
        "INSERT INTO customers (customer_id, name, email) VALUES ('c001', 'Ann', 'a@x.org')"
    )
    found = tiers.contacts(business, ["c001", "c002", "c001"]).set_index("customer_id")
    assert sorted(found.index) == ["c001", "c002"]
    assert found.loc["c001", "name"] == "Ann" and pd.isna(found.loc["c002", "email"])
