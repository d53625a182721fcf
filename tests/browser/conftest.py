"""A real app on demo data, driven in Debian's Chromium by Playwright (never skipped in CI)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.presenting import pdf

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
READY = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
BROWSER_DEMO_CUSTOMERS = "3000"


LOGS: dict[str, Path] = {}  # app URL -> its streamlit log, for failure reports
DATABASES: dict[str, Path] = {}  # app URL -> its database file


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `apt-get install chromium` (make test does it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [flag for flag in pdf.FLAGS if not flag.startswith("--headless")],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1400, "height": 1000},
        "accept_downloads": True,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(db_path: Path, log_path: Path, address: str = "127.0.0.1"):
    """Start `streamlit run` on a free port with its own database; return (process, url).

    ``address``: where the server listens (``0.0.0.0``: every interface, as on an office
    server, where sign-in is on); the browser reaches it on 127.0.0.1 either way.
    """
    port = _free_port()
    env = {
        **os.environ,
        "DASHBOARD_DB": str(db_path),
        "DASHBOARD_DEMO_CUSTOMERS": BROWSER_DEMO_CUSTOMERS,
    }
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.headless=true",
            f"--server.address={address}",
            f"--server.port={port}",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"the app exited: {log_path.read_text()}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"the app did not answer: {log_path.read_text()}")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The base URL of a running app with its own database, which loads demo data on first view.

    One app per test module, so modules that import or change data do not disturb each other.
    """
    folder = tmp_path_factory.mktemp("app")
    process, url = start_app(folder / "browser.duckdb", folder / "streamlit.log")
    LOGS[url] = folder / "streamlit.log"
    DATABASES[url] = folder / "browser.duckdb"
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def app_database(app_url) -> Path:
    """The database file of the running app (for commands run beside it)."""
    return DATABASES[app_url]


@pytest.fixture
def wait_ready():
    """A function that waits until the app has connected and finished running its script."""

    def wait(page, timeout: float = 120_000):
        page.wait_for_selector(READY, timeout=timeout)

    return wait


@pytest.fixture
def download():
    """A function that clicks a download button and returns the download (see `click_download`)."""
    return click_download


def click_download(page, button, timeout_s: float = 120):
    """Click a download button; return the download, or fail with the error the button showed.

    The button shows a failed deferred download for 5 seconds only, so it is watched while waiting.
    """
    downloads = []

    def on_download(item) -> None:
        downloads.append(item)

    page.on("download", on_download)
    button.click()
    error = page.get_by_test_id("stDownloadButtonError")
    deadline = time.monotonic() + timeout_s
    while not downloads and time.monotonic() < deadline:
        if error.count():
            pytest.fail(f"the download failed in the app: {error.first.inner_text()}")
        page.wait_for_timeout(100)
    page.remove_listener("download", on_download)
    assert downloads, f"no download within {timeout_s:.0f} s of clicking"
    return downloads[0]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, add what the app logged and what the page showed, so CI output explains it."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    url = item.funcargs.get("app_url")
    log = LOGS.get(url)
    if log and log.exists():
        tail = log.read_text(errors="replace").splitlines()[-80:]
        report.sections.append(("streamlit log (last 80 lines)", "\n".join(tail)))
    page = item.funcargs.get("page")
    if page is not None:
        try:
            shown = page.locator(
                '[data-testid="stException"], [data-testid="stAlert"],'
                ' [data-testid="stDownloadButtonError"]'
            ).all_inner_texts()
            report.sections.append(("page messages", "\n".join(shown) or "(none)"))
            shots = ROOT / "test-results" / "failures"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"{item.name}.png"), full_page=True)
        except Exception as error:  # the page may be gone; the log above still helps
            report.sections.append(("page messages", f"(page unavailable: {error})"))
