"""A campaign to the customers of high wallet and low share: the opportunity list of the 12
months before the start, with the limits saved on the pyramid page; refused when nothing is
known of wallets."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.campaigns import design
from dashboard.errors import AnalysisError
from dashboard.wallet import share
from tests.wallet.test_share import shop

# Ten customers who each bought 100 in 2025 and spend 1,000 × their number in the category.
CUSTOMERS = "Customer ID,Name,Email,Annual category spend\n" + "".join(
    f"K{i:02d},Name {i},k{i}@example.com,{1000 * i}\n" for i in range(1, 11)
)
TRANSACTIONS = "Customer ID,Order ID,Date,Amount\n" + "".join(
    f"K{i:02d},{i},2025-0{1 + i % 9}-15,100\n" for i in range(1, 11)
)
START = date(2026, 1, 1)


def test_the_audience_is_the_opportunity_list_of_the_year_before_the_start(tmp_path):
    conn = shop(tmp_path, CUSTOMERS, TRANSACTIONS)
    share.save_opportunity(conn, share.Opportunity(top_share=0.5, max_share=0.2))
    # the median wallet is 5,500: K06-K10, each of whom we win 100 of 6,000 or more
    expected = {f"K{i:02d}" for i in range(6, 11)}
    assert set(design.wallet_audience(conn, START).customer_id) == expected
    campaign_id = design.create_campaign(conn, wallet=True, start=START, control_share=0.2)
    members = design.campaign_members(conn, campaign_id)
    assert set(members.customer_id) == expected
    assert members.grp.value_counts().to_dict() == {"target": 4, "control": 1}
    campaign = design.read_campaign(conn, campaign_id)
    assert campaign["source"] == "wallet" and campaign["tier"] is None
    assert campaign["name"] == "High wallet, low share, 2026-01-01"
    audience = design.campaign_audience(conn, campaign_id)
    assert len(audience) == 4 and audience.email.str.endswith("@example.com").all()


def test_without_any_known_wallet_the_campaign_says_what_to_import(tmp_path):
    conn = shop(tmp_path, "Customer ID,Name\nK01,Name 1\n", TRANSACTIONS)
    with pytest.raises(AnalysisError) as refused:
        design.create_campaign(conn, wallet=True, start=START)
    assert "Annual category spend" in str(refused.value)
    assert conn.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0
