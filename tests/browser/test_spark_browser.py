"""The Customer pyramid in a real browser, served from tables Apache Spark computed: the app's
database holds no transactions, only what ``python -m dashboard compute --engine spark``
brought back from Parquet files, and the page shows DuckDB's own numbers for those lines."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest
from playwright.sync_api import expect

from dashboard.store import database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from tests.browser.conftest import LOGS, ROOT, start_app
from tests.browser.test_pyramid_browser import shares_title

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def lake_app(tmp_path_factory):
    """(the app's URL, the DuckDB file holding the same lines): Spark computed the app's tables."""
    try:
        import pyspark  # noqa: F401

        missing = None if shutil.which("java") or os.environ.get("JAVA_HOME") else "Java"
    except ImportError:
        missing = "pyspark"
    if missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{missing} is not installed: CI must run the Spark tests")
        pytest.skip(f"{missing} is not installed")
    from dashboard.demo import generator

    folder = tmp_path_factory.mktemp("spark_app")
    source = folder / "lines.duckdb"
    conn = database.connect(source)
    generator.load_demo(conn, customers=600, seed=5, end_date=date(2025, 6, 30))
    args = []
    for table in database.DATA_TABLES:
        path = folder / f"{table}.parquet"
        conn.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
        args += ["--source", f"{table}={path}"]
    conn.close()
    served = folder / "served.duckdb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "compute",
            "--db",
            str(served),
            "--engine",
            "spark",
            "--master",
            "local[2]",
            *args,
            "--save",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    process, url = start_app(served, folder / "streamlit.log")
    LOGS[url] = folder / "streamlit.log"
    yield url, source, served
    process.terminate()
    process.wait(timeout=30)


def test_the_pyramid_shows_spark_computed_numbers(page, lake_app, wait_ready, download, tmp_path):
    url, source, served = lake_app
    conn = database.connect(source, read_only=True)
    info = database.summary(conn)
    period = Filters(
        *filters_module.default_period(
            date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
        )
    )
    shares = pyramid.tier_shares(conn, period)
    tier_1 = pyramid.tier_customers(conn, period, "1")
    conn.close()
    copy = tmp_path / "served.duckdb"  # the app holds the file: read a copy
    shutil.copy(served, copy)
    with database.connect(copy, read_only=True) as kept:
        assert database.table_counts(kept)["transactions"] == 0

    page.goto(f"{url}/pyramid?tier=1")
    wait_ready(page)
    top = shares[shares.tier != "inactive"].iloc[:2].sum(numeric_only=True)
    expected = f"top {top.share_customers:.0%} of customers bring {top.share_revenue:.0%}"
    assert expected in shares_title(page).replace("\n", " ")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    button = page.locator(".st-key-pyramid_csv").get_by_role("button", name="Download CSV")
    path = tmp_path / "tier.csv"
    download(page, button).save_as(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["customer_id"] for r in rows] == list(tier_1["customer_id"])
    for row, revenue in zip(rows, tier_1["revenue"], strict=True):
        assert abs(float(row["revenue"]) - revenue) < 0.005
