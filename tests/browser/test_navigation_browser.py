"""What a presenter relies on, in Chromium: the browser's Back and Forward go to the previous page
and view, a link opens its page and view at once (no "Page not found" first, no history entries
of its own), and a chart's PNG download is a 1920×1080 image named after the chart."""

from __future__ import annotations

import re
import struct
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from dashboard.ui.charts import file_slug

#: Watches the page from its first byte for either "Page not found": Streamlit's dialog (the
#: app's main page instead of the link's) and the app's own page for an unknown path.
WATCH_NOT_FOUND = """
window.__notFound = [];
new MutationObserver(() => {
  const text = document.body ? document.body.innerText : "";
  for (const words of ["Page not found", "Страница не найдена", "no corresponding file"]) {
    if (text.includes(words) && !window.__notFound.includes(words)) window.__notFound.push(words);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def heading(page):
    return page.get_by_test_id("stHeading").first


def preset(page):
    return page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1)


def choose(page, select, option: str, wait_ready) -> None:
    """Choose an option of a select box and wait for its rerun to write the URL."""
    before = page.url
    select.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_url(lambda url: url != before, timeout=60_000)
    wait_ready(page)


def open_in_menu(page, title: str, wait_ready) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    expect(heading(page)).to_have_text(title, timeout=60_000)
    wait_ready(page)


def arrive(page, wait_ready, url: re.Pattern, title: str) -> None:
    """Wait for the page a Back or Forward leads to: its URL, its heading, its run done."""
    page.wait_for_url(url, timeout=60_000)
    expect(heading(page)).to_have_text(title, timeout=60_000)
    wait_ready(page)


def watched_page(page):
    page.add_init_script(WATCH_NOT_FOUND)
    return page


def not_found_seen(page) -> list[str]:
    return page.evaluate("window.__notFound")


def test_back_and_forward_go_through_the_pages_and_views(page, app_url, wait_ready):
    page = watched_page(page)
    page.goto(app_url)
    wait_ready(page)
    expect(heading(page)).to_have_text("Overview", timeout=120_000)
    default_period = query(page)["from"], query(page)["to"]

    open_in_menu(page, "Customer pyramid", wait_ready)
    profit = page.get_by_role("radio", name="profit", exact=True)
    revenue = page.get_by_role("radio", name="revenue", exact=True)
    expect(revenue).to_be_checked()
    page.get_by_test_id("stRadio").first.get_by_text("profit", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]by=profit"), timeout=60_000)
    wait_ready(page)
    choose(page, preset(page), "Last 6 months", wait_ready)
    six_months = query(page)["from"], query(page)["to"]
    assert six_months != default_period
    open_in_menu(page, "Clusters", wait_ready)

    page.go_back()  # the pyramid as it was left: by profit, over six months
    arrive(page, wait_ready, re.compile(r"/pyramid\?"), "Customer pyramid")
    expect(profit).to_be_checked()
    expect(preset(page).get_by_role("combobox")).to_have_value("Last 6 months")
    assert (query(page)["from"], query(page)["to"]) == six_months

    page.go_back()  # before the period changed
    arrive(page, wait_ready, re.compile(f"from={default_period[0][0]}"), "Customer pyramid")
    expect(preset(page).get_by_role("combobox")).to_have_value("Last 12 months")
    expect(profit).to_be_checked()

    page.go_back()  # before the ranking changed
    page.wait_for_url(lambda url: "by=" not in url, timeout=60_000)
    expect(revenue).to_be_checked(timeout=60_000)
    wait_ready(page)

    page.go_back()  # the Overview where it began
    arrive(page, wait_ready, re.compile(r"/\?"), "Overview")

    page.go_forward()
    arrive(page, wait_ready, re.compile(r"/pyramid\?"), "Customer pyramid")
    expect(revenue).to_be_checked()
    page.go_forward()
    arrive(page, wait_ready, re.compile(r"[?&]by=profit"), "Customer pyramid")
    expect(profit).to_be_checked()
    expect(preset(page).get_by_role("combobox")).to_have_value("Last 12 months")
    page.go_forward()
    arrive(page, wait_ready, re.compile(f"from={six_months[0][0]}"), "Customer pyramid")
    page.go_forward()
    arrive(page, wait_ready, re.compile(r"/clusters\?"), "Clusters")
    assert (query(page)["from"], query(page)["to"]) == six_months
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert not_found_seen(page) == []


def test_back_undoes_a_language_switch_and_forward_redoes_it(page, app_url, wait_ready):
    page = watched_page(page)
    page.goto(f"{app_url}/pyramid")
    wait_ready(page)
    expect(heading(page)).to_have_text("Customer pyramid", timeout=120_000)
    choose(page, preset(page), "Last 3 months", wait_ready)
    language = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    choose(page, language, "Русский", wait_ready)
    expect(heading(page)).to_have_text("Пирамида клиентов", timeout=60_000)

    page.go_back()
    arrive(page, wait_ready, re.compile(r"lang=en"), "Customer pyramid")
    expect(preset(page).get_by_role("combobox")).to_have_value("Last 3 months")
    page.go_forward()
    arrive(page, wait_ready, re.compile(r"lang=ru"), "Пирамида клиентов")
    expect(preset(page).get_by_role("combobox")).to_have_value("Последние 3 месяца")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert not_found_seen(page) == []


def test_back_undoes_a_customer_search_and_then_leaves_the_page(page, app_url, wait_ready):
    page = watched_page(page)
    page.goto(app_url)
    wait_ready(page)
    expect(heading(page)).to_have_text("Overview", timeout=120_000)
    open_in_menu(page, "Customers", wait_ready)
    search = page.get_by_role("textbox", name="Search")
    picked = page.get_by_role("combobox", name="Customer", exact=True)
    expect(picked).to_have_value(re.compile(r"^C\d+"), timeout=60_000)
    top = picked.input_value().split(" · ")[0]  # the top customer, shown first
    search.fill(top)
    search.press("Enter")
    page.wait_for_url(re.compile(rf"[?&]q={top}"), timeout=60_000)
    wait_ready(page)

    page.go_back()  # the search undone: the top customers again
    page.wait_for_url(lambda url: "q=" not in url, timeout=60_000)
    expect(search).to_have_value("", timeout=60_000)
    wait_ready(page)
    page.go_back()  # and the page before
    arrive(page, wait_ready, re.compile(r"/\?"), "Overview")
    assert not_found_seen(page) == []


def test_links_open_their_page_and_view_at_once(browser, page, app_url, wait_ready):
    page.goto(app_url)
    wait_ready(page)
    expect(heading(page)).to_have_text("Overview", timeout=120_000)
    last = date.fromisoformat(query(page)["to"][0])  # the data's last day
    start = last - timedelta(days=90)
    links = {
        "/overview": ("Overview", None),
        f"/clusters?from={start}&to={last}&lang=ru": ("Кластеры", None),
        "/pyramid?by=profit": ("Customer pyramid", "profit"),
    }
    for link, (title, ranked_by) in links.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = watched_page(context.new_page())
        page.goto(app_url + link)
        wait_ready(page)
        expect(heading(page)).to_have_text(title, timeout=120_000)
        wait_ready(page)
        assert not_found_seen(page) == [], link
        assert urlparse(page.url).path == urlparse(link).path
        asked = parse_qs(urlparse(link).query)
        assert {k: query(page)[k] for k in asked} == asked, page.url  # the link's view is shown
        if ranked_by:
            expect(page.get_by_role("radio", name=ranked_by, exact=True)).to_be_checked()
        if "from" in asked:
            dates = page.get_by_test_id("stSidebar").get_by_test_id("stDateInput")
            expect(dates.locator('input[type="date"]').first).to_have_value(str(start))
            expect(dates.locator('input[type="date"]').nth(1)).to_have_value(str(last))
        # The blank tab, the link, and at most the link completed with the period and the
        # language shown: opening it makes no entries of its own for Back to wade through.
        assert page.evaluate("history.length") <= 3, (link, page.url)
        context.close()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def chart_title(chart) -> str:
    """The title a chart shows, its lines joined by spaces."""
    return chart.evaluate(
        """el => {
          const title = el.querySelector('.gtitle');
          const lines = title.querySelectorAll('tspan.line');
          return lines.length ? [...lines].map(l => l.textContent).join(' ') : title.textContent;
        }"""
    )


def test_a_charts_png_download_is_1920_by_1080_and_named_after_the_chart(
    page, app_url, wait_ready, tmp_path
):
    for lang, link, page_title in (
        ("en", "/pyramid", "Customer pyramid"),
        ("ru", "/pyramid?lang=ru", "Пирамида клиентов"),
    ):
        page.goto(app_url + link)
        expect(heading(page)).to_have_text(page_title, timeout=120_000)
        wait_ready(page)
        expect(page.get_by_test_id("stPlotlyChart").first.locator(".gtitle")).to_be_visible(
            timeout=120_000
        )
        chart = page.get_by_test_id("stPlotlyChart").first.element_handle()  # this very chart
        title = chart_title(chart)
        chart.hover()
        camera = chart.wait_for_selector(".modebar-btn[data-title]")
        assert "PNG" in camera.get_attribute("data-title")
        with page.expect_download(timeout=60_000) as waiting:
            camera.click()
        download = waiting.value
        assert chart_title(chart) == title  # the same chart all along
        assert download.suggested_filename == f"{file_slug(title)}.png", title
        assert len(download.suggested_filename) > len("x.png")
        if lang == "ru":
            assert re.search("[а-я]", download.suggested_filename), download.suggested_filename
        saved = tmp_path / f"{lang}.png"
        download.save_as(saved)
        assert png_size(saved.read_bytes()) == (1920, 1080)
