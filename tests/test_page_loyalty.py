"""The Loyalty page in AppTest on a small demo database."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard import loyalty, storage

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


def _loyalty_page() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=120).run()
    at.switch_page("pages/loyalty.py").run()
    assert not at.exception, at.exception
    return at


def _title(at, key) -> str:
    chart = next(c for c in at.get("plotly_chart") if key in c.proto.id)
    return json.loads(chart.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")


def test_the_page_draws_the_ladder_rates_cohorts_and_unhappy(app_db):
    at = _loyalty_page()
    assert at.title[0].value == "Loyalty"
    assert "buying customers are devoted or partners" in _title(at, "ladder")
    assert "moved up the ladder" in _title(at, "ladder_moves")
    assert "a cohort buys again" in _title(at, "retention")
    assert any("Devoted" in m.value for m in at.markdown)  # the rules are shown in words
    downloads = at.get("download_button")
    assert len(downloads) == 2


def test_comparing_a_later_day_with_an_earlier_one_is_a_message(app_db):
    at = _loyalty_page()
    after = at.date_input(key="ladder_after").value
    at.date_input(key="ladder_before").set_value(after).run()
    assert not at.exception
    assert any("first date before the second" in w.value for w in at.warning)


def test_saved_rules_are_the_ones_shown_and_used(app_db):
    at = _loyalty_page()
    before = _title(at, "ladder")
    conn = storage.connect(app_db)
    try:
        loyalty.save_rules(conn, {"satisfied_min_orders": 6, "partner_needs_contribution": False})
    finally:
        conn.close()
    at.run()
    assert not at.exception
    rules = next(m.value for m in at.markdown if "**Satisfied**" in m.value)
    assert "at least 6 orders" in rules and "referred someone" not in rules
    assert at.number_input(key="rule_satisfied_min_orders").value == 6
    assert _title(at, "ladder") != before
