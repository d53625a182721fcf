"""The view in the URL (AppTest): a page's first view adds nothing of its own to the link (so
opening a page is one history entry, which Back undoes), and a choice goes in."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PYRAMID_PARAMS = ("by", "rule", "t1", "t2", "t3", "tier")


def open_pyramid(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/pyramid.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_pyramids_first_view_leaves_the_link_as_it_was(app_db):
    at = open_pyramid()
    assert at.radio(key="pyramid_by").value == "revenue"
    assert {"lang", "from", "to"} <= set(at.query_params)  # the shared view is always there
    assert not set(PYRAMID_PARAMS) & set(at.query_params), at.query_params

    at.radio(key="pyramid_by").set_value("profit").run()
    assert at.query_params["by"] == "profit"
    assert "t1" not in at.query_params and "tier" not in at.query_params


def test_the_customers_first_view_leaves_the_link_as_it_was_and_a_search_goes_in(app_db):
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/customers.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    top = at.selectbox(key="customer_pick").value
    assert top and "customer" not in at.query_params and "q" not in at.query_params
    at.text_input(key="customer_search").input(top).run()
    assert at.query_params["q"] == top and at.query_params["customer"] == top
