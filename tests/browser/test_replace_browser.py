"""Replacing the data with a file of other dates, in the same session: the period follows the data."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from dashboard.demo import generator


def test_replacing_transactions_with_another_period(page, app_url, wait_ready, online_retail_path):
    page.goto(f"{app_url}/data")
    # the first run loads the demo, then writes the period into the URL: the demo's last day
    last_day = generator.default_end_date().isoformat()
    page.wait_for_url(re.compile(rf"[?&]to={last_day}"), timeout=180_000)
    wait_ready(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(online_retail_path))
    expect(page.get_by_text("First rows of the file")).to_be_visible(timeout=120_000)
    wait_ready(page)
    page.get_by_text("Replace the table").click()
    wait_ready(page)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(re.compile(r"Imported 797,884 rows into Transactions"))).to_be_visible(
        timeout=300_000
    )
    wait_ready(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_url(re.compile(r"[?&]to=2011-12-09"), timeout=60_000)  # Online Retail's last
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview", exact=True).click()
    wait_ready(page)
    revenue = page.get_by_test_id("stMetric").filter(has_text=re.compile(r"^Revenue"))
    expect(revenue.get_by_test_id("stMetricValue")).not_to_have_text("$0", timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
