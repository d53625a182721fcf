"""The Loyalty page in AppTest on a small demo database."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.loyalty import ladder
from dashboard.store import database
from tests.conftest import app_db_with_file

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


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
    conn = database.connect(app_db)
    try:
        ladder.save_rules(conn, {"satisfied_min_orders": 6, "partner_needs_contribution": False})
    finally:
        conn.close()
    at.run()
    assert not at.exception
    rules = next(m.value for m in at.markdown if "**Satisfied**" in m.value)
    assert "at least 6 orders" in rules and "referred someone" not in rules
    assert at.number_input(key="rule_satisfied_min_orders").value == 6
    assert _title(at, "ladder") != before


#: A transactions file as a shop exports it: a country column (so the import writes customer
#: rows, without sign-up dates) and no feedback anywhere.
SHOP_CSV = """customer_id,order_id,ordered_at,revenue,country
a,o1,2024-01-05,500,UK
a,o2,2024-06-01,300,UK
d,o3,2024-03-01,80,UK
b,o4,2024-11-15,120,France
c,o5,2024-11-20,60,UK
c,o6,2024-12-10,70,UK
"""


@pytest.fixture
def transactions_only(app_db, tmp_path):
    """The app's database holding only the transactions file above (no demo, no feedback)."""
    assert app_db_with_file(app_db, tmp_path, SHOP_CSV).rows_imported == 6
    return app_db


def _grid(at, key) -> list[list[int]]:
    """A heatmap's cells as the chart holds them (Plotly sends numbers as base64 arrays)."""
    chart = next(c for c in at.get("plotly_chart") if key in c.proto.id)
    z = json.loads(chart.proto.spec)["data"][0]["z"]
    if isinstance(z, dict):
        shape = tuple(int(n) for n in z["shape"].split(","))
        z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)
    return np.asarray(z).tolist()


def test_without_nps_answers_the_ladder_says_what_to_import(transactions_only):
    at = _loyalty_page()
    assert at.date_input(key="ladder_after").value == date(2024, 12, 10)
    title = _title(at, "ladder")
    assert "0%" not in title  # devoted and partner need an NPS answer: 0% would be certain
    assert "cannot be judged" in title and "0–10 scores" in title
    # b and c first bought between the two days: new, not prospects who were there all along
    assert _title(at, "ladder_moves") == (
        "0 customers moved up the ladder, 0 moved down, 2 are new"
    )
    new, prospects = _grid(at, "ladder_moves")[0], _grid(at, "ladder_moves")[1]
    assert new == [0, 1, 1, 0, 0] and prospects == [0, 0, 0, 0, 0]

    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/loyalty.py").run()
    assert not at.exception, at.exception
    title = _title(at, "ladder")
    assert "не определить" in title and "от 0 до 10" in title
    assert _title(at, "ladder_moves").endswith("2 новых")


def test_without_feedback_the_valuable_unhappy_cannot_be_judged(transactions_only):
    """No NPS answer and no complaint: "0 customers ... call them first" would be a guess."""
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/loyalty.py").run()
    assert not at.exception, at.exception
    assert "Ценные и недовольные" in [s.value for s in at.subheader]
    assert any("Ценных недовольных не определить" in i.value for i in at.info)
    assert not any("Позвоните им первыми" in m.value for m in at.markdown)
    # no empty grid (Streamlit writes "empty" in it, in English) and nothing to download
    assert len(at.dataframe) == 0 and len(at.get("download_button")) == 0
