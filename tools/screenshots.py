"""Screenshots of every page of a running app, for the README and for looking at changes.

Usage: python tools/screenshots.py [URL] [OUT_DIR] [--lang ru]
(start the app first, e.g. `make run`; Debian's chromium must be installed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dashboard.ui.navigation import DEFAULT, url_paths  # noqa: E402 (the repository is on sys.path)

READY = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)


#: Elements a page shows while it is still being drawn.
BUSY = '[data-testid="stSkeleton"], [data-stale="true"], [data-testid="stSpinner"]'


def settle(page, timeout_s: float = 180) -> None:
    """Wait until the page has run and drawn: ready, nothing stale or loading, twice a second
    apart (a fresh app reports "not running" once before its first run, which loads the demo)."""
    page.wait_for_selector(READY, timeout=timeout_s * 1000)
    calm = 0
    for _ in range(int(timeout_s)):
        busy = page.locator(READY).count() == 0 or page.locator(BUSY).count() > 0
        calm = 0 if busy else calm + 1
        if calm >= 2:
            break
        page.wait_for_timeout(1000)
    page.wait_for_timeout(1500)  # let Plotly finish drawing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", nargs="?", default="http://localhost:8501")
    parser.add_argument("out", nargs="?", default="test-screens")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--height", type=int, default=2200)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1600, "height": args.height})
        for name in url_paths():
            path = "" if name == DEFAULT else name  # the default page lives at "/"
            page.goto(f"{args.url}/{path}?lang={args.lang}")
            settle(page)
            page.screenshot(path=str(out / f"{name}_{args.lang}.png"))
            print(out / f"{name}_{args.lang}.png")
        browser.close()


if __name__ == "__main__":
    main()
