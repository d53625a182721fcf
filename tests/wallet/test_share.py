"""Share of wallet on a small shop imported from real files: per customer and per tier, the
period's scaling, no number where nothing is known, and the opportunity list."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from dashboard import importer
from dashboard.errors import AnalysisError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.wallet import share

YEAR = Filters(date(2025, 1, 1), date(2025, 12, 31))

CUSTOMERS = """Customer ID,Name,Country,Annual category spend
A,Ann,UK,"1 000,00"
B,Bob,UK,"4,000"
C,Cy,UK,
D,Di,UK,€800
"""
# A 500, B 400, C 100 and E 200 in 2025 (E is not in the customers file); D bought in 2024 only.
TRANSACTIONS = """Customer ID,Order ID,Date,Amount
A,1,2025-02-01,300
A,2,2025-09-01,200
B,3,2025-03-01,400
C,4,2025-04-01,100
E,5,2025-12-31,200
D,6,2024-06-01,900
"""


def fill(conn, folder, customers: str = CUSTOMERS, transactions: str = TRANSACTIONS) -> None:
    """Import a customers file and a transactions file (written into ``folder``)."""
    for table, text in (("customers", customers), ("transactions", transactions)):
        path = folder / f"{table}.csv"
        path.write_text(text, encoding="utf-8")
        importer.import_file(conn, path, table)


def shop(tmp_path, customers: str = CUSTOMERS, transactions: str = TRANSACTIONS):
    """A database filled by importing a customers file and a transactions file."""
    conn = database.connect(tmp_path / "shop.duckdb")
    fill(conn, tmp_path, customers, transactions)
    return conn


def by_id(frame):
    return {r.customer_id: r for r in frame.itertuples()}


def test_each_customer_share_is_our_revenue_over_the_stated_annual_spend(tmp_path):
    conn = shop(tmp_path)
    rows = by_id(share.customer_wallets(conn, YEAR))
    assert set(rows) == {"A", "B", "C", "D", "E"}
    assert rows["A"].wallet == pytest.approx(1000) and rows["A"].share == pytest.approx(0.5)
    assert rows["B"].wallet == pytest.approx(4000) and rows["B"].share == pytest.approx(0.1)
    assert rows["D"].wallet == pytest.approx(800) and rows["D"].share == 0  # bought nothing
    for unknown in ("C", "E"):  # an empty cell, and a customer missing from the file
        assert math.isnan(rows[unknown].wallet) and math.isnan(rows[unknown].share)
    assert rows["A"].wallet_source == "column" and not isinstance(rows["C"].wallet_source, str)


def test_per_tier_the_known_customers_revenue_over_their_wallets(tmp_path):
    conn = shop(tmp_path)
    tiers = share.tier_summary(conn, YEAR).set_index("tier")
    # ranked by revenue: A (tier 1), B (tier 3), E and C (tier 4); D is inactive
    assert tiers.loc["1", ["customers", "known", "revenue", "wallet"]].tolist() == [1, 1, 500, 1000]
    assert tiers.loc["3", "share"] == pytest.approx(0.1)
    assert tiers.loc["4", "customers"] == 2 and tiers.loc["4", "known"] == 0
    assert math.isnan(tiers.loc["4", "wallet"]) and math.isnan(tiers.loc["4", "share"])
    assert tiers.loc["inactive", "wallet"] == pytest.approx(800)
    assert tiers.loc["inactive", "share"] == 0
    assert tiers.loc["2", "customers"] == 0 and math.isnan(tiers.loc["2", "share"])


def test_an_estimate_per_tier_fills_in_where_the_file_says_nothing(tmp_path):
    conn = shop(tmp_path)
    share.save_estimates(conn, {"4": 2000.0, "1": 9999.0, "2": None})
    assert share.load_estimates(conn) == {"4": 2000.0, "1": 9999.0}
    rows = by_id(share.customer_wallets(conn, YEAR))
    assert rows["A"].wallet == pytest.approx(1000)  # the customer's own figure wins
    assert rows["C"].wallet == pytest.approx(2000) and rows["C"].wallet_source == "estimate"
    tier4 = share.tier_summary(conn, YEAR).set_index("tier").loc["4"]
    assert (tier4.known, tier4.from_estimate, tier4.revenue) == (2, 2, 300)
    assert tier4.share == pytest.approx(300 / 4000)
    with pytest.raises(AnalysisError) as refused:
        share.save_estimates(conn, {"3": -5.0})
    assert "cannot be negative" in str(refused.value)


def test_a_period_shorter_than_a_year_compares_with_its_part_of_the_annual_spend(tmp_path):
    conn = shop(tmp_path)
    half = Filters(date(2025, 1, 1), date(2025, 6, 30))  # 181 days: A bought 300 of its 500
    assert share.period_days(conn, half) == 181
    rows = by_id(share.customer_wallets(conn, half))
    assert rows["A"].annual_wallet == pytest.approx(1000)
    assert rows["A"].wallet == pytest.approx(1000 * 181 / 365)
    assert rows["A"].share == pytest.approx(300 / (1000 * 181 / 365))
    # an open period runs from the first purchase (2024-06-01) to the last (2025-12-31)
    assert share.period_days(conn, Filters()) == 579


def test_a_monthly_column_in_russian_counts_twelve_months_a_year(tmp_path):
    customers = 'Код клиента,Ежемесячные расходы в категории\nA,"100,5"\nB,200\n'
    conn = shop(tmp_path, customers=customers)
    assert share.find_column(conn) == share.Column("Ежемесячные расходы в категории", 1)
    rows = by_id(share.customer_wallets(conn, YEAR))
    assert rows["A"].wallet == pytest.approx(1206) and rows["B"].wallet == pytest.approx(2400)


def test_numbers_are_read_as_people_write_them(conn):
    values = ["1 000,00", "4,000", "€1.200,50", "1,200.50", "1200", "n/a", "", "-3.5", "1.200"]
    sql = f"SELECT {share.number_sql('v')} FROM (SELECT unnest(?::VARCHAR[]) AS v)"
    got = [row[0] for row in conn.execute(sql, [values]).fetchall()]
    assert got == [1000, 4000, 1200.5, 1200.5, 1200, None, None, -3.5, 1.2]


def test_nothing_known_gives_no_number(tmp_path):
    conn = shop(tmp_path, customers="Customer ID,Name,Country\nA,Ann,UK\n")
    known = share.status(conn)
    assert known["column"] is None and share.nothing_known(known)
    tiers = share.tier_summary(conn, YEAR)
    assert (tiers.known == 0).all() and tiers.wallet.isna().all() and tiers.share.isna().all()
    assert share.customer_wallets(conn, YEAR).share.isna().all()
    assert share.opportunities(conn, YEAR).empty
    assert share.customer_share(conn, YEAR, "A")["wallet"] is None


def test_the_opportunity_list_is_high_wallet_and_low_share_most_untapped_first(tmp_path):
    conn = shop(tmp_path)
    # known wallets of the year: D 800, A 1000, B 4000; the median is 1000
    found = share.opportunities(conn, YEAR, share.Opportunity(top_share=0.5, max_share=0.2))
    assert found.customer_id.tolist() == ["B"]
    assert found.threshold.iloc[0] == pytest.approx(1000)
    assert found.iloc[0][["name", "untapped"]].tolist() == ["Bob", 3600]
    wider = share.opportunities(conn, YEAR, share.Opportunity(top_share=0.5, max_share=0.6))
    assert wider.customer_id.tolist() == ["B", "A"]  # 3,600 not won yet, then 500
    top = share.opportunities(conn, YEAR, share.Opportunity(top_share=0.25, max_share=1.0))
    assert top.customer_id.tolist() == ["B"]  # the 75th percentile is 2,500
    share.save_opportunity(conn, share.Opportunity(0.5, 0.6))
    assert share.load_opportunity(conn) == share.Opportunity(0.5, 0.6)
    assert share.opportunities(conn, YEAR).customer_id.tolist() == ["B", "A"]
    with pytest.raises(AnalysisError):
        share.Opportunity(top_share=0)


def test_the_demo_states_a_category_spend_for_part_of_its_customers(demo_conn):
    known = share.status(demo_conn)
    assert known["column"] == share.Column("annual_category_spend", 12)
    customers = demo_conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    assert 0.3 < known["stated"] / customers < 0.5
    last = demo_conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    year = Filters(last - timedelta(days=364), last)
    tiers = share.tier_summary(demo_conn, year).set_index("tier")
    active = tiers.loc[["1", "2", "3", "4"]]
    assert (active.known > 0).all() and active.share.between(0, 1).all()
    assert tiers.loc["1", "share"] > tiers.loc["4", "share"]  # the best win most of it
    assert len(share.opportunities(demo_conn, year)) > 0


@pytest.mark.parametrize(
    "headers",
    [
        ["Customer ID", "Name", "Country", "Annual category spend"],
        ["Код клиента", "ФИО", "Годовые расходы в категории"],
        ["customer_id", "email", "monthly_category_spend"],
    ],
)
def test_a_customers_file_with_a_spend_column_is_taken_for_customers(headers):
    # the spend is no field of its own: it must stay unmapped, so it lands in the attributes
    from dashboard.importer import fields

    assert fields.guess_table(headers) == "customers"
    assert headers[-1] not in fields.propose_mapping(headers, "customers")
    assert share.COLUMN_NAMES[fields.normalise_header(headers[-1])] in (1, 12)


def test_the_importer_keeps_the_stated_spend_as_written(tmp_path):
    conn = shop(tmp_path)
    kept = conn.execute(
        "SELECT customer_id, attributes->>'Annual category spend' FROM customers ORDER BY 1"
    ).fetchall()
    kept = dict(kept)
    assert [kept[c] for c in "ABD"] == ["1 000,00", "4,000", "€800"]
    assert not kept["C"] and not kept["E"]  # an empty cell; a customer only the sales file has


def test_the_page_s_top_rows_are_the_first_rows_of_the_whole_list(demo_conn):
    last = demo_conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    year = Filters(last - timedelta(days=364), last)
    cuts = share.Opportunity(top_share=1.0, max_share=1.0)
    every = share.opportunities(demo_conn, year, cuts)
    assert len(every) > 10
    top = share.top_opportunities(demo_conn, year, cuts, limit=10)
    assert top.customers == len(every)
    assert top.untapped == pytest.approx(every.untapped.sum())
    assert top.threshold == pytest.approx(every.threshold.iloc[0])
    assert top.rows.columns.tolist() == every.columns.tolist()
    first = every.head(10).reset_index(drop=True)
    assert top.rows.customer_id.tolist() == first.customer_id.tolist()
    assert top.rows.name.tolist() == first.name.tolist()  # each row's own name, looked up
    assert top.rows.untapped.tolist() == pytest.approx(first.untapped.tolist())
    whole = share.top_opportunities(demo_conn, year, cuts, limit=len(every) + 5)
    assert whole.rows.customer_id.tolist() == every.customer_id.tolist()


def test_top_opportunities_count_none_when_no_one_qualifies(tmp_path):
    conn = shop(tmp_path)
    # the top half of known wallets starts at 1,000 (A and B); neither gives us under 5%
    none = share.top_opportunities(conn, YEAR, share.Opportunity(0.5, 0.05))
    assert none.rows.empty and none.customers == 0 and none.untapped == 0
    assert none.threshold == pytest.approx(1000)
    folder = tmp_path / "unknown"
    folder.mkdir()
    nothing = share.top_opportunities(shop(folder, customers="Customer ID,Name\nA,Ann\n"), YEAR)
    assert nothing.rows.empty and nothing.customers == 0 and nothing.threshold is None


def test_a_new_customers_file_s_spend_is_used_at_once(tmp_path):
    conn = shop(tmp_path)
    assert share.status(conn)["stated"] == 3
    assert by_id(share.customer_wallets(conn, YEAR))["B"].wallet == pytest.approx(4000)
    # the wallets read once are kept for this data version; an import starts a new one
    path = tmp_path / "survey.csv"
    path.write_text("Customer ID,Annual category spend\nB,8000\nC,500\n", encoding="utf-8")
    importer.import_file(conn, path, "customers")
    assert share.status(conn)["stated"] == 4
    rows = by_id(share.customer_wallets(conn, YEAR))
    assert rows["B"].wallet == pytest.approx(8000) and rows["C"].wallet == pytest.approx(500)
    assert rows["A"].wallet == pytest.approx(1000)


def test_the_tier_summary_and_the_list_follow_a_saved_estimate_at_once(tmp_path):
    conn = shop(tmp_path)
    cuts = share.Opportunity(top_share=1.0, max_share=1.0)
    assert share.tier_summary(conn, YEAR).set_index("tier").loc["4", "known"] == 0
    assert share.top_opportunities(conn, YEAR, cuts).customers == 3  # D, A and B
    share.save_estimates(conn, {"4": 2000.0})  # for C and E, who state nothing
    tier4 = share.tier_summary(conn, YEAR).set_index("tier").loc["4"]
    assert (tier4.known, tier4.from_estimate) == (2, 2)
    after = share.top_opportunities(conn, YEAR, cuts)
    assert after.customers == 5
    assert (
        after.rows.customer_id.tolist()
        == share.opportunities(conn, YEAR, cuts).customer_id.tolist()
    )
