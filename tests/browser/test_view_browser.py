"""The view stays the view in a real browser: a language switch changes the words only."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect


def period_of(url: str) -> tuple[str, str]:
    """The period a page's URL holds (from, to)."""
    query = parse_qs(urlparse(url).query)
    return query["from"][0], query["to"][0]


def choose(page, select, option: str, wait_ready) -> None:
    select.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_ready(page)


def test_a_language_switch_keeps_the_period_and_the_pyramid_choices(page, app_url, wait_ready):
    page.goto(f"{app_url}/pyramid")
    wait_ready(page)
    sidebar = page.get_by_test_id("stSidebar")
    preset = sidebar.get_by_test_id("stSelectbox").nth(1)
    choose(page, preset, "Last 6 months", wait_ready)
    page.get_by_test_id("stRadio").first.get_by_text("profit", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]by=profit"), timeout=60_000)  # the rerun has begun
    wait_ready(page)
    page.get_by_text("cumulative share of the measure", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]rule=cumulative"), timeout=60_000)
    wait_ready(page)
    chosen = period_of(page.url)
    assert "by=profit" in page.url and "rule=cumulative" in page.url

    choose(page, sidebar.get_by_test_id("stSelectbox").first, "Русский", wait_ready)
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Пирамида", timeout=60_000)
    wait_ready(page)
    expect(page.get_by_role("radio", name="прибыль", exact=True)).to_be_checked()
    expect(
        page.get_by_role("radio", name="по накопленной доле показателя", exact=True)
    ).to_be_checked()
    assert "by=profit" in page.url and "rule=cumulative" in page.url
    assert period_of(page.url) == chosen
    expect(preset.get_by_role("combobox")).to_have_value("Последние 6 месяцев")

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Обзор", exact=True).click()
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Обзор", timeout=60_000)
    wait_ready(page)
    assert period_of(page.url) == chosen
    expect(preset.get_by_role("combobox")).to_have_value("Последние 6 месяцев")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_link_outside_the_data_says_so_beside_what_is_shown(page, app_url, wait_ready):
    page.goto(f"{app_url}/pyramid?from=1995-01-01&to=1995-06-30")
    wait_ready(page)
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Customer pyramid")
    shown = " – ".join(period_of(page.url))
    notice = page.get_by_test_id("stAlert").filter(has_text="The link asks for")
    expect(notice).to_contain_text("1995-01-01 – 1995-06-30, outside the data", timeout=60_000)
    expect(notice).to_contain_text(f"shown instead is {shown}")
