"""Russian to the last word, as a reader at 1280 × 720 sees it in Chromium: Plotly's toolbar,
its percentages, an unknown page, and buttons that are not cut off."""

from __future__ import annotations

import re

from playwright.sync_api import expect

SMALL_SCREEN = {"width": 1280, "height": 720}


def open_page(page, url: str, wait_ready) -> None:
    page.set_viewport_size(SMALL_SCREEN)
    page.goto(url)
    wait_ready(page)


def test_the_chart_toolbar_and_percent_ticks_speak_russian(page, app_url, wait_ready):
    open_page(page, f"{app_url}/loyalty?lang=ru", wait_ready)
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Лояльность", timeout=60_000)
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".modebar-btn").first).to_be_attached(timeout=60_000)
    chart.hover()
    titles = chart.locator(".modebar-btn").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    assert "Скачать график (PNG)" in titles and "Сбросить оси" in titles, titles
    assert not {"Download plot as a PNG", "Zoom", "Pan", "Reset axes"} & set(titles), titles
    # every percentage a chart writes has the space of «100 %» in the texts (format_percent)
    expect(page.locator(".ytick text", has_text="%").first).to_be_attached(timeout=60_000)
    ticks = page.locator(".ytick text, .xtick text, .cbaxis text").evaluate_all(
        "ticks => ticks.map(t => t.textContent)"
    )
    percents = [t for t in ticks if "%" in t]
    assert percents and all(re.fullmatch(r"−?[\d\u202f,]+\u00a0%", t) for t in percents), percents


def test_an_unknown_page_says_so_in_russian_and_leads_back(page, app_url, wait_ready):
    open_page(page, f"{app_url}/?lang=ru", wait_ready)  # the app has run its router once
    open_page(page, f"{app_url}/no_such_page?lang=ru", wait_ready)
    expect(page.get_by_test_id("stHeading").first).to_have_text(
        "Страница не найдена", timeout=60_000
    )
    expect(page.get_by_test_id("stAlert")).to_contain_text("нет страницы «no_such_page»")
    expect(page.get_by_text("does not seem to exist")).to_have_count(0)  # Streamlit's dialog
    page.get_by_text("Открыть обзор", exact=True).click()
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Обзор", timeout=60_000)


def test_the_pyramid_rule_buttons_show_their_whole_russian_words(page, app_url, wait_ready):
    open_page(page, f"{app_url}/pyramid?lang=ru", wait_ready)
    for name in ("По умолчанию (из текстов)", "Применить на всех страницах"):
        button = page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_visible(timeout=60_000)
        text = button.get_by_test_id("stMarkdownContainer")  # Streamlit's ellipsis is on it
        cut = text.evaluate("box => box.scrollWidth > box.clientWidth + 1")
        assert not cut, f"«{name}» is cut off: {text.inner_text()}"
