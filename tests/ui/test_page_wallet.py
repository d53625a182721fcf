"""Share of wallet through AppTest: the Customer pyramid page's section and the customer
profile, in English and Russian, what to import when nothing is known, and the opportunity
list as a campaign audience."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import database
from dashboard.text_safety import plain_text
from tests.wallet import test_share

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")
YEAR_2025 = {"from": "2025-01-01", "to": "2025-12-31"}


@pytest.fixture
def wallet_app(app_db, tmp_path):
    """The app on the small shop of tests/wallet (customers A-E, stated spends for A, B, D)."""
    conn = database.connect(app_db)
    test_share.fill(conn, tmp_path)
    conn.close()
    return app_db


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(f"pages/{page}.py").run()


def texts(at: AppTest, kind: str) -> str:
    return " ".join(plain_text(e.value) for e in at.get(kind))


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def wallet_chart(at: AppTest) -> dict:
    found = [json.loads(e.proto.spec) for e in at.get("plotly_chart") if "wallet" in e.proto.id]
    assert found, "no share-of-wallet chart"
    return found[0]


def table_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_pyramid_shows_each_tiers_share_of_wallet_and_the_opportunity(wallet_app):
    at = open_page("pyramid", **YEAR_2025)
    assert_clean(at)
    assert "Share of wallet" in [s.value for s in at.subheader]
    chart = wallet_chart(at)
    title = chart["layout"]["title"]["text"].replace("<br>", " ")
    assert title == "Tier 1 wins 50% of its customers' category spend, Tier 3 only 10%"
    assert chart["data"][0]["x"] == ["Tier 1", "Tier 3", "Inactive"]
    assert chart["layout"]["yaxis"]["title"]["text"].startswith("Share of wallet")
    captions = texts(at, "caption")
    assert "Stated by 3 customers in the customers file's column “Annual category spend”" in (
        captions
    )
    assert "The period has 365 days" in captions
    # the top 25% of known wallets (800, 1,000, 4,000) start at 2,500: only Bob, at 10%
    assert "1 customer whose category spend in the period is at least $2,500" in captions
    opportunity = table_with(at, "Not won yet")
    assert opportunity["Customer"].tolist() == ["B"]
    assert [b.proto.label for b in at.get("download_button")][-2:] == [
        "Download CSV",
        "Download Excel",
    ]


def test_the_pyramid_section_in_russian(wallet_app):
    at = open_page("pyramid", lang="ru", **YEAR_2025)
    assert_clean(at)
    assert "Доля кошелька" in [s.value for s in at.subheader]
    title = wallet_chart(at)["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith("Уровень 1 получает 50\u00a0% трат своих клиентов в категории")
    assert "В периоде 365 дней" in texts(at, "caption")
    assert "Ещё не получено" in table_with(at, "Ещё не получено").columns


def test_without_any_known_spend_the_page_says_what_to_import(app_db, tmp_path):
    conn = database.connect(app_db)
    test_share.fill(conn, tmp_path, customers="Customer ID,Name\nA,Ann\n")
    conn.close()
    at = open_page("pyramid", **YEAR_2025)
    assert_clean(at)
    said = " ".join(c.value for c in at.caption)
    assert "import a **customers** file with a column **Annual category spend**" in said
    assert not [e for e in at.get("plotly_chart") if "wallet" in e.proto.id]
    assert not any("Not won yet" in d.value.columns for d in at.dataframe)


def test_an_estimate_per_tier_saved_on_the_page_shows_a_share(app_db, tmp_path):
    conn = database.connect(app_db)
    test_share.fill(conn, tmp_path, customers="Customer ID,Name\nA,Ann\n")
    conn.close()
    at = open_page("pyramid", **YEAR_2025)
    at.number_input(key="wallet_estimate_4").set_value(2000.0).run()
    at.button(key="wallet_save_estimates").click().run()
    assert_clean(at)
    # tier 4 holds E and C (revenue 300 of 2 × 2,000)
    title = wallet_chart(at)["layout"]["title"]["text"].replace("<br>", " ")
    assert title == "Tier 4 wins 8% of its customers' category spend"
    assert "take your estimate for their tier: Tier 4" in texts(at, "caption")


def test_the_profile_shows_the_customers_wallet_revenue_and_share(wallet_app):
    at = open_page("customers", q="Ann", customer="A", **YEAR_2025)
    assert_clean(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Category spend in the period"] == "$1,000"
    assert shown["Our revenue"] == "$500" and shown["Share of wallet"] == "50%"
    assert "column “Annual category spend”: $1,000 a year, 365 days of it" in texts(at, "caption")
    ru = open_page("customers", lang="ru", q="Ann", customer="A", **YEAR_2025)
    assert_clean(ru)
    shown = {m.label: m.value for m in ru.metric}
    assert shown["Доля кошелька"] == "50\u00a0%"
    assert "Траты в категории за период" in shown


def test_the_profile_says_why_a_share_is_unknown(wallet_app):
    for lang, words in (("en", "Share of wallet unknown"), ("ru", "Доля кошелька неизвестна")):
        at = open_page("customers", lang=lang, q="Cy", customer="C", **YEAR_2025)
        assert_clean(at)
        assert words in texts(at, "caption")
        assert "Share of wallet" not in {m.label for m in at.metric}


def test_the_opportunity_list_becomes_a_campaign_audience(wallet_app):
    at = open_page("pyramid", **YEAR_2025)
    at.number_input(key="wallet_top_share").set_value(50).run()
    at.number_input(key="wallet_max_share").set_value(60).run()
    at.button(key="wallet_save_cuts").click().run()
    at.button(key="wallet_to_campaign").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/campaigns.py").run()  # where the browser now is (AppTest forgets it)
    assert at.radio(key="campaigns_source").value == "wallet"
    assert "2 customers of high wallet and low share in the 12 months before" in texts(
        at, "caption"
    )
    at.number_input(key="campaigns_control").set_value(50).run()
    at.button(key="campaigns_create").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "created" in texts(at, "success"), (texts(at, "error"), texts(at, "warning"))
    conn = database.connect(wallet_app)
    made = conn.execute(
        "SELECT source, start_date, target_customers + control_customers FROM campaigns"
    ).fetchall()
    members = {r[0] for r in conn.execute("SELECT customer_id FROM campaign_members").fetchall()}
    conn.close()
    assert [(m[0], str(m[1]), m[2]) for m in made] == [("wallet", "2026-01-01", 2)]
    assert members == {"A", "B"}


def test_the_demo_shows_share_of_wallet_on_the_pyramid(app_db):
    at = open_page("pyramid")
    assert_clean(at)
    title = wallet_chart(at)["layout"]["title"]["text"].replace("<br>", " ")
    assert re.fullmatch(
        r"Tier \d wins \d+% of its customers' category spend, Tier \d only \d+%", title
    )
    assert "column “annual_category_spend”" in texts(at, "caption")
    assert len(table_with(at, "Not won yet")) > 0


def test_a_long_opportunity_list_shows_its_top_rows_and_hands_on_every_customer(
    app_db, monkeypatch
):
    from datetime import timedelta

    from streamlit.testing.v1 import app_test as app_test_module

    from dashboard.campaigns import design
    from dashboard.store.filters import Filters, default_period
    from dashboard.ui.wallet import SHOWN_ROWS
    from dashboard.wallet import share
    from tests.ui.test_downloads import RecordingFiles, served

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingFiles)
    at = open_page("pyramid")  # the demo, its last 12 months
    at.number_input(key="wallet_top_share").set_value(100).run()
    at.number_input(key="wallet_max_share").set_value(100).run()
    at.button(key="wallet_save_cuts").click().run()
    assert_clean(at)
    conn = database.connect(app_db)
    first, last = conn.execute(
        "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
    ).fetchone()
    every = share.opportunities(conn, Filters(*default_period(first, last)))
    conn.close()
    assert len(every) > SHOWN_ROWS
    table = table_with(at, "Not won yet")
    assert table["Customer"].tolist() == every.customer_id.head(SHOWN_ROWS).tolist()
    captions = texts(at, "caption")
    assert f"{len(every):,} customers whose category spend in the period" in captions
    assert (
        f"The table lists the {SHOWN_ROWS} most untapped of these {len(every):,} customers"
        in captions
    )
    assert "the downloads and the campaign audience take all of them" in captions
    buttons = {b.proto.id: b for b in at.get("download_button")}
    csv_button = next(b for key, b in buttons.items() if "wallet_opportunity_csv" in key)
    downloaded = pd.read_csv(io.BytesIO(served(csv_button)), encoding="utf-8-sig", dtype=str)
    assert downloaded.customer_id.tolist() == every.customer_id.tolist()
    ru = open_page("pyramid", lang="ru")
    assert f"В таблице {SHOWN_ROWS} клиентов, у которых больше всего ещё не получено" in texts(
        ru, "caption"
    )
    # the campaign: every qualifying customer of the 12 months before its start
    at.button(key="wallet_to_campaign").click().run()
    at.switch_page("pages/campaigns.py").run()
    assert at.radio(key="campaigns_source").value == "wallet"
    start = last + timedelta(days=1)
    conn = database.connect(app_db)
    audience = share.opportunities(conn, design.tier_period(start))
    conn.close()
    assert len(audience) > SHOWN_ROWS
    at.button(key="campaigns_create").click().run()
    assert not at.exception, [e.value for e in at.exception]
    conn = database.connect(app_db)
    made = conn.execute(
        "SELECT target_customers + control_customers FROM campaigns WHERE source = 'wallet'"
    ).fetchall()
    members = conn.execute(
        "SELECT m.customer_id FROM campaign_members m JOIN campaigns c USING (campaign_id) "
        "WHERE c.source = 'wallet'"
    ).fetchall()
    conn.close()
    assert made == [(len(audience),)]
    assert sorted(m[0] for m in members) == sorted(audience.customer_id)
