"""Every page runs without an exception: on the demo data, and on imported Online Retail II."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import database
from dashboard.ui import navigation

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
PAGES = (
    "overview",
    "customers",
    "pyramid",
    "clusters",
    "future",
    "feedback",
    "loyalty",
    "campaigns",
    "data",
)


def open_app(**query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    return at.run()


def assert_clean(at: AppTest, page: str) -> None:
    assert not at.exception, f"{page}: {[e.value for e in at.exception]}"
    assert at.title, f"{page} shows no title"


def test_the_navigation_lists_every_page_in_idic_order():
    assert navigation.url_paths() == list(PAGES)


def test_first_run_loads_demo_and_every_page_works(app_db):
    at = open_app()
    assert_clean(at, "overview")
    sidebar_text = " ".join(c.value for c in at.sidebar.caption)
    assert "Transactions:" in sidebar_text and "Transactions: 0" not in sidebar_text
    for page in PAGES[1:]:
        assert_clean(visit(at, page), page)


def test_every_page_works_in_russian(app_db):
    at = open_app(lang="ru")
    assert at.title[0].value == "Обзор"
    for page in PAGES[1:]:
        at = visit(at, page)
        assert_clean(at, page)


@pytest.fixture
def online_retail_app_db(app_db, online_retail_path):
    from dashboard import importer

    conn = database.connect(app_db)
    result = importer.import_file(conn, online_retail_path, "transactions")
    conn.close()
    assert result.rows_imported > 700_000
    return app_db


def test_every_page_works_on_online_retail(online_retail_app_db):
    at = open_app(**{"from": "2010-12-10", "to": "2011-12-09"})
    assert_clean(at, "overview")
    revenue = next(m for m in at.metric if m.label == "Revenue")
    assert revenue.value.startswith("$") and revenue.value != "$0"
    # the file has no cost column: the cost and profit cards are the cost model's estimates
    assert any("Cost and profit are estimates" in c.value for c in at.caption)
    for page in PAGES[1:]:
        assert_clean(visit(at, page), page)
