"""Twenty browser sessions over every page while a command imports beside them: no errors, and
afterwards every page shows the new data."""

from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

from dashboard.demo import generator
from dashboard.store import database
from dashboard.ui.navigation import url_paths
from tests.browser.conftest import READY, ROOT, start_app

SESSIONS = 20
EXTRA_CUSTOMERS = 500  # the import brings customers the demo does not have


@pytest.fixture(scope="module")
def busy_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("busy")
    db = folder / "busy.duckdb"
    conn = database.connect(db)
    generator.load_demo(conn, customers=2000, seed=5)
    conn.close()
    log = folder / "streamlit.log"
    process, url = start_app(db, log)
    yield url, db, log, folder
    process.terminate()
    process.wait(timeout=30)


def write_sales(path, rows: int) -> None:
    """A real CSV of ``rows`` sales lines of new customers, dated inside the demo's last month."""
    end = generator.default_end_date().isoformat()
    duckdb.sql(
        f"""
        COPY (
            SELECT 'LOAD' || (i % {EXTRA_CUSTOMERS}) AS customer_id,
                   'L' || (i // 3) AS order_id,
                   DATE '{end}' - INTERVAL (i % 25) DAY AS ordered_at,
                   round(5 + (i % 97), 2) AS revenue,
                   'Load test item' AS product
            FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )


def test_twenty_sessions_browse_while_an_import_runs(browser, busy_app):
    url, db, log, folder = busy_app
    sales = folder / "sales.csv"
    write_sales(sales, 1_000_000)
    contexts = [
        browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(SESSIONS)
    ]
    pages = [context.new_page() for context in contexts]
    errors: list[str] = []
    for number, page in enumerate(pages):
        page.on("pageerror", lambda error, n=number: errors.append(f"session {n}: {error}"))
    importing = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import", str(sales), "--table", "transactions",
         "--db", str(db), "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        paths = url_paths()
        rounds = 0
        while importing.poll() is None or rounds < 2:
            for number, page in enumerate(pages):  # every session asks at once...
                page.goto(f"{url}/{paths[(number + rounds) % len(paths)]}", wait_until="commit")
            for page in pages:  # ...then each must finish its page
                page.wait_for_selector(READY, timeout=300_000)
                shown = page.get_by_test_id("stException").all_inner_texts()
                assert not shown, (page.url, shown)
            rounds += 1
        out, err = importing.communicate(timeout=600)
        assert importing.returncode == 0, err
        assert '"rows_imported": 1000000' in out
        # afterwards every page of every session shows the new data
        for number, page in enumerate(pages):
            page.goto(f"{url}/{paths[number % len(paths)]}")
            page.wait_for_selector(READY, timeout=300_000)
            shown = page.get_by_test_id("stException").all_inner_texts()
            assert not shown, (page.url, shown)
            status = page.get_by_test_id("stSidebar").inner_text()
            demo_rows = int(re.sub(r"\D", "", re.search(r"Transactions: ([\d,]+)", status)[1]))
            assert demo_rows > 1_000_000, status
    finally:
        if importing.poll() is None:
            importing.kill()
        for context in contexts:
            context.close()
    assert not errors, errors
    server_log = log.read_text(errors="replace")
    assert "Traceback" not in server_log and "Uncaught" not in server_log, server_log[-3000:]
    assert rounds >= 2
