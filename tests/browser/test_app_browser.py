"""A newcomer's path in a real browser: every page, Russian, and an upload that changes the Overview."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-screens"  # pytest-playwright empties test-results/ itself
PAGE_TITLES = (
    "Overview",
    "Customers",
    "Customer pyramid",
    "Clusters",
    "Future value",
    "Feedback",
    "Loyalty",
    "Campaigns",
    "Data",
)


def open_page(page, url, wait_ready, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_test_id("stHeading").first).to_be_visible(timeout=60_000)
    wait_ready(page)


def revenue_kpi(page) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=re.compile(r"^Revenue"))
    return card.get_by_test_id("stMetricValue").inner_text()


def test_every_page_opens_without_error(page, app_url, wait_ready):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(app_url)
    wait_ready(page)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
    for title in PAGE_TITLES:
        open_page(page, app_url, wait_ready, title)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.screenshot(path=str(SHOTS / f"{title.lower().replace(' ', '_')}.png"))
    assert "/data" in page.url


def test_a_link_to_the_overview_by_name_opens_it(page, app_url, wait_ready):
    page.goto(f"{app_url}/overview?lang=ru")
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
    wait_ready(page)
    expect(page.get_by_test_id("stHeading").first).to_contain_text("Обзор")
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link")).to_have_count(len(PAGE_TITLES))


def test_switch_to_russian(page, app_url, wait_ready):
    page.goto(app_url)
    wait_ready(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Русский").click()
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Обзор")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Выручка").first).to_be_visible()
    # The URL is written when the page's run ends, a moment after the Russian text appears
    expect(page).to_have_url(re.compile(r"[?&]lang=ru(&|$)"), timeout=60_000)


def test_uploaded_csv_changes_the_overview(page, app_url, wait_ready, tmp_path):
    page.goto(app_url)
    wait_ready(page)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
    before = revenue_kpi(page)
    last_day = parse_qs(urlparse(page.url).query)["to"][0]  # the period the sidebar chose
    day, month, year = last_day[8:10], last_day[5:7], last_day[:4]
    csv = tmp_path / "big_orders.csv"
    csv.write_text(
        "Код клиента;Номер заказа;Дата;Сумма\r\n"
        + "".join(f"НОВ{i};N{i};{day}.{month}.{year};1000000,50\r\n" for i in range(5)),
        encoding="cp1251",
    )
    open_page(page, app_url, wait_ready, "Data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(csv))
    expect(page.get_by_text("First rows of the file")).to_be_visible(timeout=60_000)
    wait_ready(page)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(re.compile(r"Imported 5 rows into Transactions"))).to_be_visible(
        timeout=60_000
    )
    open_page(page, app_url, wait_ready, "Overview")
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
    after = revenue_kpi(page)
    assert after != before, f"revenue still {before} after importing 5,000,000 of orders"


def test_a_scheduled_import_runs_while_the_app_is_open_and_the_app_shows_it(
    page, app_url, app_database, wait_ready, tmp_path
):
    page.goto(app_url)
    wait_ready(page)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
    before = revenue_kpi(page)
    last_day = parse_qs(urlparse(page.url).query)["to"][0]
    csv = tmp_path / "nightly.csv"
    csv.write_text(
        "customer_id,order_id,ordered_at,revenue\n"
        + "".join(f"NIGHT{i},NIGHT-{i},{last_day},250000\n" for i in range(4)),
        encoding="utf-8",
    )
    # The app holds the database; the command asks for it, the app lets go, the import runs.
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(csv), "--table", "transactions",
         "--db", str(app_database), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"rows_imported": 4' in done.stdout
    page.reload()
    wait_ready(page)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
    after = revenue_kpi(page)
    assert after != before, f"revenue still {before} after a nightly import of 1,000,000"
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_overview_downloads_the_report_of_its_period_and_language(
    page, app_url, wait_ready, download, tmp_path
):
    page.goto(f"{app_url}/?lang=ru")
    wait_ready(page)
    revenue = page.get_by_test_id("stMetric").filter(has_text=re.compile(r"^Выручка"))
    expect(revenue).to_be_visible(timeout=120_000)
    shown = revenue.get_by_test_id("stMetricValue").inner_text()
    query = parse_qs(urlparse(page.url).query)
    start, end = query["from"][0], query["to"][0]
    path = tmp_path / "report.html"
    download(page, page.get_by_role("button", name="Скачать отчёт (HTML)")).save_as(path)
    document = path.read_text(encoding="utf-8")
    assert '<html lang="ru">' in document and "Отчёт о ценности клиентов" in document
    ru_date = "{2}.{1}.{0}"
    assert ru_date.format(*start.split("-")) in document
    assert ru_date.format(*end.split("-")) in document
    assert shown.replace("\u00a0", " ") in document.replace("\u00a0", " ")
    assert document.count('class="plotly-graph-div"') == 3


#: The texts of the given elements that do not fit their box (the browser ends them with "…").
CUT_SHORT = """elements => elements
    .filter(e => [e, ...e.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1))
    .map(e => e.innerText)"""


#: The titles of charts whose title runs past the chart's right edge.
TITLE_PAST_EDGE = """charts => charts
    .filter(c => c.querySelector('.gtitle'))
    .filter(c => c.querySelector('.gtitle').getBoundingClientRect().right
                 > c.getBoundingClientRect().right + 1)
    .map(c => c.querySelector('.gtitle').textContent)"""

#: Pages that open with cards (st.metric) on the demo data.
PAGES_WITH_CARDS = ("overview", "customers", "feedback", "campaigns")


def test_no_card_is_cut_short_on_a_projector_in_russian(page, app_url, wait_ready):
    from dashboard.ui.navigation import DEFAULT

    page.set_viewport_size({"width": 1280, "height": 800})
    cut = {}
    for path in PAGES_WITH_CARDS:
        page.goto(f"{app_url}/{'' if path == DEFAULT else path}?lang=ru")
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)
        wait_ready(page)
        texts = page.eval_on_selector_all(
            '[data-testid="stMetricLabel"], [data-testid="stMetricValue"], '
            '[data-testid="stMetricDelta"]',
            CUT_SHORT,
        )
        if texts:
            cut[path] = texts
        if path in ("overview", "campaigns"):  # two charts side by side
            page.locator(".js-plotly-plot .gtitle").first.wait_for(timeout=60_000)
            wide = page.eval_on_selector_all(".js-plotly-plot", TITLE_PAST_EDGE)
            if wide:
                cut[f"{path} chart titles"] = wide
    assert cut == {}
