"""Customer text stays text in Chromium: attacks in names, clusters, campaigns and feedback run
nothing, load nothing and show as typed.

The shop of tests/ui/test_page_text_safety.py (real CSV imports, a saved clustering run with
clusters renamed to attacks, campaigns named with attacks) is built before the app starts. Each
attack sets ``window.__pwned``, opens an alert or fetches from evil.example if it ever runs.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.text_safety import JOINER
from tests.browser.conftest import LOGS, start_app
from tests.ui import test_page_text_safety as shop

PERIOD = "from=2023-01-01&to=2026-01-31"
ALL_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every((chart) => chart.querySelector('.main-svg'))"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """An app on the shop full of attacks (named like conftest's, so failures report its log)."""
    folder = tmp_path_factory.mktemp("attacks")
    shop.build_shop(folder / "attacks.duckdb", folder)
    process, url = start_app(folder / "attacks.duckdb", folder / "streamlit.log")
    LOGS[url] = folder / "streamlit.log"
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def watched(page):
    """The page, with every dialog and every request to evil.example recorded."""
    dialogs, requests = [], []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: requests.append(request.url))
    yield page, dialogs, requests


def visit(page, app_url: str, path: str, wait_ready) -> None:
    page.goto(f"{app_url}/{path}")
    settle(page, wait_ready)


def settle(page, wait_ready) -> None:
    """Wait for the run to end and every chart to be drawn, then a little longer."""
    wait_ready(page)
    expect(page.get_by_test_id("stHeading").first).to_be_visible(timeout=60_000)
    # Every chart drawn (its texts are in the page), asked of the charts there are at each moment:
    # a rerun may still replace them, so counting first and waiting on each would wait on a chart
    # that has gone.
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)
    page.wait_for_timeout(1500)  # time for an onerror, a srcdoc or a pixel to fire


def shown_text(page) -> str:
    """What the page shows (word joiners are invisible: left out)."""
    return page.locator("body").inner_text().replace(JOINER, "")


def chart_texts(page) -> list[str]:
    """The texts Plotly drew: titles, legend entries, axis and tick labels."""
    texts = page.locator('[data-testid="stPlotlyChart"] svg text').all_text_contents()
    return [t.replace(JOINER, "") for t in texts]


def assert_nothing_ran(watched) -> None:
    page, dialogs, requests = watched
    assert dialogs == []
    for frame in page.frames:  # the page and every frame in it
        assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
        assert frame.evaluate("typeof parent.__pwned") == "undefined", frame.url
    assert [url for url in requests if "evil.example" in url] == []
    assert page.locator("iframe[srcdoc]").count() == 0
    assert page.locator("img[src='x'], img[src*='evil.example']").count() == 0
    assert page.locator("a[href^='javascript'], a[href*='evil.example']").count() == 0
    assert page.locator(".katex").count() == 0  # no $math$ typeset
    assert page.locator(".stMarkdownColoredText", has_text="red").count() == 0  # no :red[…]


def test_the_customer_profile_shows_the_name_and_attributes_as_typed(watched, app_url, wait_ready):
    page = watched[0]
    visit(page, app_url, f"customers?q=x1%40example.com&customer=X1&{PERIOD}", wait_ready)
    assert_nothing_ran(watched)
    expect(page.get_by_role("heading", name=shop.IMG)).to_be_visible()
    caption = shown_text(page)
    for typed in (shop.LINK, shop.BOLD, shop.RED):
        assert typed in caption
    assert page.locator("h1, h2, h3, h4, h5, h6", has_text="heading").count() == 0


def test_renamed_clusters_show_as_typed_in_one_colour_each(watched, app_url, wait_ready):
    page = watched[0]
    visit(page, app_url, f"clusters?{PERIOD}", wait_ready)
    assert_nothing_ran(watched)
    text = shown_text(page)
    for cluster, name in shop.CLUSTER_NAMES.items():
        assert f"{cluster}: {name} — " in text
    dots = page.locator(".stMarkdownColoredText", has_text="●")
    expect(dots).to_have_count(4)
    colours = {dots.nth(i).evaluate("e => getComputedStyle(e).color") for i in range(4)}
    assert len(colours) == 4
    legend = " ".join(chart_texts(page))
    for cluster, name in shop.CLUSTER_NAMES.items():  # Plotly shows the names as typed too
        assert f"{cluster}: {name}" in legend


def test_a_campaign_shows_its_name_channel_and_offer_as_typed(watched, app_url, wait_ready):
    page = watched[0]
    visit(page, app_url, f"campaigns?{PERIOD}", wait_ready)
    assert_nothing_ran(watched)
    expect(page.get_by_role("heading", name=shop.SCRIPT)).to_be_visible()
    text = shown_text(page)
    assert f"channel: {shop.PIXEL}" in text
    assert f"offer: {shop.CAMPAIGN['offer']}" in text
    assert f"Delete the campaign «{shop.SCRIPT}»" in text or shop.SCRIPT in text


def test_feedback_split_by_an_attack_of_a_channel_shows_it_as_typed(watched, app_url, wait_ready):
    page = watched[0]
    visit(page, app_url, f"feedback?{PERIOD}", wait_ready)
    assert_nothing_ran(watched)
    page.get_by_role("combobox", name="Split by").click()
    page.get_by_role("option", name="Channel").click()
    settle(page, wait_ready)
    for _ in range(60):  # the rerun split by channel has drawn its chart (up to a minute)
        if any(shop.FEEDBACK_CHANNEL in t for t in chart_texts(page)):
            break
        page.wait_for_timeout(1000)
    assert_nothing_ran(watched)
    assert any(shop.FEEDBACK_CHANNEL in t for t in chart_texts(page))


def test_the_pyramid_and_the_overview_run_nothing(watched, app_url, wait_ready):
    page = watched[0]
    for path in (f"pyramid?{PERIOD}", f"overview?{PERIOD}"):
        visit(page, app_url, path, wait_ready)
        assert_nothing_ran(watched)
    assert re.search(r"\S", shown_text(page))
