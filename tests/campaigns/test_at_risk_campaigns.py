"""A campaign to the valuable customers at risk: the model's list as of the day before the start,
and a refusal that says what failed when the model cannot be trusted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dashboard.campaigns import design
from dashboard.errors import AnalysisError
from dashboard.future import model
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value.cost_model import load_cost_model


def last_day(conn) -> date:
    return conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]


def test_the_audience_is_the_customers_at_risk_the_day_before_the_start(demo_conn):
    start = last_day(demo_conn) + timedelta(days=1)
    fc = model.forecast(demo_conn, Filters(None, start - timedelta(days=1)), model.Settings(),
                        load_cost_model(demo_conn))  # fmt: skip
    expected = set(model.at_risk(fc)["customer_id"])
    assert len(expected) > 20
    campaign_id = design.create_campaign(demo_conn, at_risk=True, start=start, control_share=0.2)
    groups = demo_conn.execute(
        "SELECT grp, list(customer_id) FROM campaign_members WHERE campaign_id = ? GROUP BY grp",
        [campaign_id],
    ).fetchall()
    groups = {grp: set(ids) for grp, ids in groups}
    assert groups["target"] | groups["control"] == expected
    assert len(groups["control"]) == design.control_size(len(expected), 0.2)
    campaign = design.read_campaign(demo_conn, campaign_id)
    assert campaign["source"] == "at_risk" and campaign["tier"] is None
    assert campaign["name"] == f"Valuable customers at risk, {start.isoformat()}"
    audience = design.campaign_audience(demo_conn, campaign_id)
    assert list(audience.columns) == ["customer_id", "name", "email", "phone", "country"]
    assert set(audience["customer_id"]) == groups["target"]


def test_an_earlier_start_sees_only_the_data_before_it(demo_conn):
    start = last_day(demo_conn) - timedelta(days=60)
    campaign_id = design.create_campaign(demo_conn, at_risk=True, start=start)
    before = model.forecast(demo_conn, Filters(None, start - timedelta(days=1)))
    members = demo_conn.execute(
        "SELECT count(*) FROM campaign_members WHERE campaign_id = ?", [campaign_id]
    ).fetchone()[0]
    assert members == len(model.at_risk(before))


def test_a_model_that_cannot_be_trusted_names_nobody_and_says_why(tmp_path):
    conn = database.connect(tmp_path / "small.duckdb")
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) "
        "SELECT 'c' || i, 'o' || i, TIMESTAMP '2024-01-01' + to_days(i::INTEGER), 10 "
        "FROM range(30) t(i)"
    )
    with pytest.raises(AnalysisError, match="cannot be trusted on the data before") as refused:
        design.create_campaign(conn, at_risk=True, start=date(2024, 3, 1))
    assert refused.value.key == "errors.campaign_at_risk_refused"
    assert "customers bought before" in str(refused.value)
    assert "покупали только" in refused.value.localized("ru")
    assert conn.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0
    with pytest.raises(AnalysisError, match="Choose the audience"):
        design.create_campaign(conn, at_risk=True, tier="4", start=date(2024, 3, 1))
    conn.close()
