"""The pages of an app whose lines live in the data lake (only what Spark computed is in the
file), opened through the router as a browser opens them: a period or segment that was not
computed is said where its numbers would be, with the command that computes it, in English and
Russian; a computed period shows its numbers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.store import database
from dashboard.text_safety import plain_text
from dashboard.value import pyramid
from tests.ui.test_page_pyramid import ROOT

NOT_COMPUTED = {"from": "2024-01-01", "to": "2024-03-31"}
COMMAND = "python -m dashboard compute --engine spark --from 2024-01-01 --to 2024-03-31"


@pytest.fixture
def lake_app(served_lake, monkeypatch, tmp_path):
    """The app pointed at a copy of the Spark-served file, and a main script that runs the
    router (``streamlit_app.py``) from a folder without ``pages/``: AppTest then routes through
    ``st.navigation`` as the server does, instead of running a page file on its own."""
    path = tmp_path / "lake.duckdb"
    path.write_bytes(served_lake.db_path.read_bytes())
    monkeypatch.setenv(database.DB_ENV_VAR, str(path))
    app = tmp_path / "app"
    app.mkdir()
    (app / "routed").symlink_to(ROOT / "pages")
    (app / "main.py").write_text(
        f"import runpy\nrunpy.run_path({str(ROOT / 'streamlit_app.py')!r}, run_name='__main__')\n"
    )
    st.cache_resource.clear()
    st.cache_data.clear()
    yield app / "main.py"
    st.cache_resource.clear()
    st.cache_data.clear()


def open_page(main, page: str, **query) -> AppTest:
    """``page`` as the tests open pages: the Overview (the default page) through the router,
    another page's file on its own (AppTest runs a page of ``pages/`` so). The Loyalty page,
    which leaves the message to the router, is opened through it (``main``: the script
    :func:`lake_app` makes; a page that links to another one needs ``pages/`` beside the
    script, so the others are not)."""
    routed = page == "loyalty"
    at = AppTest.from_file(str(main if routed else ROOT / "streamlit_app.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"{'routed' if routed else 'pages'}/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def said(at: AppTest) -> list[str]:
    return [plain_text(m.value) for m in [*at.info, *at.error]]


@pytest.mark.parametrize("page", ["overview", "loyalty", "pyramid"])
def test_an_uncomputed_period_is_said_where_its_numbers_would_be(lake_app, page):
    at = open_page(lake_app, page, **NOT_COMPUTED)
    messages = [m for m in said(at) if m.startswith("Not computed for 2024-01-01..2024-03-31")]
    assert messages == [
        f"Not computed for 2024-01-01..2024-03-31: the lines live in the data lake. "
        f"Run `{COMMAND}` to compute it."
    ]
    assert not at.metric  # no KPI cards of zeros
    assert not at.get("plotly_chart")


def test_the_message_is_in_russian(lake_app):
    at = open_page(lake_app, "overview", lang="ru", **NOT_COMPUTED)
    assert any(
        m.startswith("Не рассчитано для 2024-01-01..2024-03-31: строки покупок хранятся в озере")
        and f"`{COMMAND}`" in m
        for m in said(at)
    )


@pytest.mark.parametrize("page", ["loyalty", "pyramid"])
def test_the_computed_default_period_shows_its_numbers(lake_app, page):
    at = open_page(lake_app, page)
    assert not [m for m in said(at) if "Not computed" in m]
    assert at.get("plotly_chart")


def test_a_country_that_was_not_computed_is_named(lake_app):
    at = open_page(lake_app, "pyramid", **{"from": "2025-01-01", "to": "2025-03-31"})
    assert not [m for m in said(at) if "Not computed" in m]
    at.multiselect(key="pyramid_country").select("United Kingdom").run()
    assert not at.exception
    assert any(
        m.startswith("Not computed for 2025-01-01..2025-03-31 (country United Kingdom):")
        and "--country 'United Kingdom'" in m
        for m in said(at)
    )


def test_the_campaigns_page_says_the_tiers_are_not_computed_and_keeps_the_rest(lake_app):
    # compute kept the tiers of the start the form offers: their counts come from Spark
    at = open_page(lake_app, "campaigns")
    assert not any(m.startswith("Not computed for ") for m in said(at))
    assert all(" customers" in o for o in at.selectbox(key="campaigns_tier").options)
    # another start: its 12 months were not computed, and the form says so
    start = at.date_input(key="campaigns_start").value
    at.date_input(key="campaigns_start").set_value(start - timedelta(days=40)).run()
    assert any(m.startswith("Not computed for ") for m in said(at))
    tiers = at.selectbox(key="campaigns_tier")
    names = [i18n.t(f"common.tier_name.{t}", "en") for t in pyramid.ALL_TIERS]
    assert tiers.options == names  # the tiers without counts, not "0 customers"
    assert at.button(key="campaigns_create")  # the rest of the form is drawn
