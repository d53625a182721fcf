"""Presenter mode in Chromium, as a presenter uses it: opened from the Overview's button and from a
link, stepped through with a clicker's keys at 1920×1080 and 1280×720, each slide without a
sidebar, a toolbar or a scroll bar, in big type; each title's numbers on its live page; Back and
Forward between slides; the PDF downloaded from the deck and read back."""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import cli
from tests.browser.conftest import DATABASES

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-screens"
#: The keys a clicker sends for "next", taken in turn.
NEXT_KEYS = ("ArrowRight", "PageDown", " ")
#: A number as a title writes it: $7.9M, 84%, 20,000, +19.4%, 3.3 (English).
NUMBER = re.compile(r"[+−-]?\$?\d[\d,]*(?:\.\d+)?(?:[%MK]| pp)?")


@pytest.fixture(scope="module")
def full_deck(app_url, browser):
    """The app's demo with a saved clustering run, so that every slide has something to show."""
    page = browser.new_page()
    page.goto(app_url)
    page.get_by_role("button", name="Present").wait_for(timeout=180_000)  # the demo is in
    page.close()
    database = DATABASES[app_url]
    assert cli.main(["segment", "--k", "3", "--db", str(database), "--json"]) == 0
    return app_url


def slide_state(page) -> dict:
    """What the audience sees: the slide's title, the URL's slide number and whether anything
    scrolls, or any of Streamlit's frame shows."""
    return page.evaluate(
        """() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const shown = (sel) => [...document.querySelectorAll(sel)].some(
            e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).display !== 'none');
        const sizes = (sel) => [...document.querySelectorAll(sel)]
            .filter(e => e.getBoundingClientRect().width > 0 && e.textContent.trim())
            .map(e => parseFloat(getComputedStyle(e).fontSize));
        const title = document.querySelector('[class*="st-key-deck_title_"]');
        const key = title && [...title.classList].find(c => c.startsWith('st-key-deck_title_'));
        return {
          title: title?.querySelector('h1')?.innerText,
          key: key?.slice('st-key-deck_title_'.length),
          slide: new URLSearchParams(location.search).get('slide'),
          scrolls: document.scrollingElement.scrollHeight > innerHeight + 1
                   || main.scrollHeight > main.clientHeight + 1,
          frame: shown('[data-testid="stSidebar"]') || shown('[data-testid="stToolbar"]')
                 || shown('[data-testid="stHeader"]'),
          body: sizes('.st-key-deck_lead p, .st-key-deck_numbers [data-testid="stMetricLabel"] p, '
                      + '.st-key-deck_numbers [data-testid="stMetricDelta"] div, '
                      + '.st-key-deck_cards p, .st-key-deck_outline li, '
                      + '.st-key-deck_outline_out li'),
          title_size: parseFloat(getComputedStyle(title.querySelector('h1')).fontSize),
          chart: sizes('.stPlotlyChart svg text'),
          overflow: [...document.querySelectorAll('[class*="st-key-deck_title_"], '
                    + '.st-key-deck_lead, .st-key-deck_numbers [data-testid="stMetric"], '
                    + '.st-key-deck_cards, .st-key-deck_controls, .stPlotlyChart')]
                    .some(e => e.getBoundingClientRect().bottom > innerHeight + 1),
        };
    }"""
    )


def wait_slide(page, wait_ready, number: int) -> dict:
    page.wait_for_function(  # the URL's slide, drawn: its number in the counter
        "n => new URLSearchParams(location.search).get('slide') === String(n)"
        " && document.querySelector('.st-key-deck_counter')?.innerText.trim()"
        ".startsWith(n + ' /')",
        arg=number,
        timeout=60_000,
    )
    wait_ready(page)
    # a chart draws after the run: wait for its texts
    page.wait_for_function(
        "() => !document.querySelector('.stPlotlyChart')"
        " || document.querySelector('.stPlotlyChart svg text')",
        timeout=60_000,
    )
    return slide_state(page)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_the_presenter_steps_through_every_slide_with_the_keys(
    full_deck, browser, wait_ready, size
):
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(full_deck)
    wait_ready(page)
    page.get_by_role("button", name="Present").click()
    state = wait_slide(page, wait_ready, 1)
    assert state["key"] == "outline"
    total = int(page.locator(".st-key-deck_counter").inner_text().split("/")[1])
    assert total == 14  # every slide of the story has data
    seen, body_checked = [], 0
    for number in range(1, total + 1):
        state = wait_slide(page, wait_ready, number)
        seen.append(state["key"])
        where = f"slide {number} ({state['key']}) at {width}×{height}"
        assert not state["scrolls"], where
        assert not state["overflow"], where
        assert not state["frame"], where
        assert state["title_size"] >= 32, where
        assert min(state["body"], default=24) >= 24, (where, state["body"])
        body_checked += len(state["body"])
        if state["chart"]:
            assert min(state["chart"]) >= 18, (where, sorted(set(state["chart"])))
        if number in (3, total):
            page.screenshot(path=str(SHOTS / f"present_{width}_{number}.png"))
        if number < total:
            page.keyboard.press(NEXT_KEYS[number % len(NEXT_KEYS)])
    assert seen[:3] == ["outline", "kpis", "pyramid"] and seen[-1] == "strategies"
    assert body_checked > 20  # the outline, the numbers, the leads and the strategies
    page.keyboard.press("Home")
    assert wait_slide(page, wait_ready, 1)["key"] == "outline"
    page.keyboard.press("End")
    assert wait_slide(page, wait_ready, total)["key"] == "strategies"
    page.keyboard.press("PageUp")
    wait_slide(page, wait_ready, total - 1)
    page.keyboard.press("ArrowLeft")
    wait_slide(page, wait_ready, total - 2)
    page.keyboard.press("Escape")  # leaves: the Overview with its sidebar again
    page.wait_for_function("() => !location.search.includes('present=')", timeout=60_000)
    wait_ready(page)
    expect(page.get_by_role("button", name="Present")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    page.close()


def test_a_link_opens_a_slide_and_back_and_forward_step_between_slides(full_deck, page, wait_ready):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{full_deck}/?present=1&slide=3&lang=ru")
    state = wait_slide(page, wait_ready, 3)
    assert state["key"] == "pyramid"
    assert re.search(r"\d+\s%", state["title"])  # in Russian: «84 %»
    page.keyboard.press("ArrowRight")
    wait_slide(page, wait_ready, 4)
    page.keyboard.press("ArrowRight")
    assert wait_slide(page, wait_ready, 5)["key"] == "whale"
    page.go_back()
    assert wait_slide(page, wait_ready, 4)["key"] == "costs"
    page.go_back()
    assert wait_slide(page, wait_ready, 3)["key"] == "pyramid"
    page.go_forward()
    assert wait_slide(page, wait_ready, 4)["key"] == "costs"
    page.keyboard.press("f")  # full screen, and back
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null", timeout=10_000)


def live_text(page) -> str:
    """Every word the live page shows: its text and its charts' texts."""
    return page.evaluate(
        "() => document.body.innerText + ' ' + [...document.querySelectorAll('svg text')]"
        ".map(t => t.textContent).join(' ')"
    ).replace("\u00a0", " ")


def test_each_slide_title_states_numbers_the_live_page_shows(full_deck, browser, wait_ready):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{full_deck}/?present=1&slide=2&lang=en")
    total = int(
        page.locator(".st-key-deck_counter").inner_text(timeout=120_000).split("/")[1]
    )  # fmt: skip
    for number in range(2, total + 1):
        page.goto(f"{full_deck}/?present=1&slide={number}&lang=en")
        state = wait_slide(page, wait_ready, number)
        numbers = NUMBER.findall(state["title"])
        if state["key"] == "strategies":  # the tiers' shares, stated on the pyramid page
            assert numbers
        link = page.get_by_role("link", name="Open in the dashboard")
        href = link.get_attribute("href")
        live = browser.new_page(viewport={"width": 1400, "height": 1000})
        live.goto(href if href.startswith("http") else f"{full_deck}/{href.lstrip('/')}")
        wait_ready(live)
        live.wait_for_function("() => document.querySelectorAll('svg text').length > 20")
        live.wait_for_timeout(1500)
        shown = live_text(live)
        missing = [n for n in numbers if n.lstrip("+") not in shown]
        assert not missing, (state["key"], state["title"], missing, href)
        live.close()
    page.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_the_deck_downloads_as_a_pdf_with_every_slide(
    full_deck, page, wait_ready, download, tmp_path
):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{full_deck}/?present=1&slide=1&lang=ru&off=whale")
    wait_slide(page, wait_ready, 1)
    outline = page.locator(".st-key-deck_outline_out").inner_text()
    assert "выключен докладчиком" in outline  # the whale curve, switched off in the link
    total = int(page.locator(".st-key-deck_counter").inner_text().split("/")[1])
    titles = []  # each slide's title as the audience saw it
    for number in range(1, total + 1):
        titles.append(wait_slide(page, wait_ready, number)["title"])
        if number < total:
            page.keyboard.press("ArrowRight")
    got = download(page, page.get_by_role("button", name="PDF"), timeout_s=300)
    assert got.suggested_filename.endswith("_ru.pdf")
    path = Path(got.path())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+(\d+)", info).group(1) == str(total)
    for number, title in enumerate(titles, start=1):  # page by page, the slide's title
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
        ).stdout
        assert squash(title) in squash(text), (number, title)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Пирамида клиентов" in text and "Кривая «кита»" in text  # the outline lists both
    subprocess.run(
        ["pdftoppm", "-f", "3", "-l", "3", "-scale-to-x", "1920", "-scale-to-y", "1080", "-png",
         str(path), str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    png = next(tmp_path.glob("page*.png")).read_bytes()
    assert struct.unpack(">II", png[16:24]) == (1920, 1080) and len(png) > 20_000
