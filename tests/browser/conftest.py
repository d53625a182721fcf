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

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
READY = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
BROWSER_DEMO_CUSTOMERS = "3000"


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
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
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


def start_app(db_path: Path, log_path: Path):
    """Start `streamlit run` on a free port with its own database; return (process, url)."""
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
            "--server.address=127.0.0.1",
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
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def wait_ready():
    """A function that waits until the app has connected and finished running its script."""

    def wait(page, timeout: float = 120_000):
        page.wait_for_selector(READY, timeout=timeout)

    return wait
