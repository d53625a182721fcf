"""Print an HTML document to PDF in Chromium, driven by Playwright (both maintained, both on the
machine: Debian's chromium, or the one named by ``DASHBOARD_CHROMIUM``). Chromium embeds the
fonts it used (Cyrillic included) and keeps the charts as vector graphics.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dashboard.errors import DashboardError

#: Chromium's flags for a machine without a screen or a network (and as root in CI).
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: How long a chart may take to draw before the PDF gives up (ms); generous for a busy server.
CHART_TIMEOUT_MS = 120_000


def chromium_path() -> str | None:
    """The Chromium to print with: ``DASHBOARD_CHROMIUM``, else the one on the PATH."""
    named = os.environ.get("DASHBOARD_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def unavailable() -> str | None:
    """Why no PDF can be made on this machine (with the fix), or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "the Python package playwright is missing. Fix: pip install -r requirements.txt "
            "(make run does it)."
        )
    if chromium_path() is None:
        return (
            "Chromium is not installed. Fix: apt-get install chromium, or set DASHBOARD_CHROMIUM "
            "to a Chromium or Chrome binary."
        )
    return None


def _print(document: str, charts: int, page: dict) -> bytes:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="dashboard_pdf_") as folder:
        source = Path(folder) / "document.html"
        source.write_text(document, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=list(FLAGS))
            try:
                tab = browser.new_page(viewport={"width": 1920, "height": 1080})
                tab.goto(source.as_uri(), wait_until="load")
                tab.wait_for_function(
                    "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
                    arg=charts,
                    timeout=CHART_TIMEOUT_MS,
                )
                tab.evaluate("document.fonts.ready")
                return tab.pdf(print_background=True, prefer_css_page_size=True, **page)
            finally:
                browser.close()


def html_to_pdf(document: str, charts: int = 0, **page) -> bytes:
    """``document`` (a whole HTML page) printed to PDF, once its ``charts`` Plotly charts
    have drawn; ``page``: Playwright's page options (``width``, ``height``, ``format``...).

    Runs in a thread of its own, so that it works from inside an event loop too (a download
    button's callback on the app's server).

    Raises
    ------
    DashboardError
        When Playwright or Chromium is missing, or Chromium fails, with the fix.
    """
    reason = unavailable()
    if reason:
        raise DashboardError(f"A PDF needs Chromium: {reason}")
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_print, document, charts, page).result()
        except DashboardError:
            raise
        except Exception as e:  # Playwright's own errors: say what failed and what to check
            raise DashboardError(
                f"Chromium could not print the PDF ({type(e).__name__}: {str(e)[:300]}). Fix: "
                "check that Chromium starts (chromium --headless --version) or set "
                "DASHBOARD_CHROMIUM."
            ) from e


def deck_pdf(deck) -> bytes:
    """The deck as a PDF: one 16:9 slide (1920×1080 px) a page."""
    from dashboard.presenting import document

    return html_to_pdf(
        document.deck_html(deck),
        document.chart_count(deck),
        width=f"{document.WIDTH}px",
        height=f"{document.HEIGHT}px",
    )


def report_pdf(html: str) -> bytes:
    """The HTML report printed on A4 pages (its charts drawn first)."""
    charts = html.count('class="plotly-graph-div"')
    return html_to_pdf(html, charts, format="A4", margin={"top": "12mm", "bottom": "12mm"})
