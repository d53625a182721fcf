"""Merging a duplicate group and undoing it in a real browser, and a profile's timeline."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def metric_value(page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    return card.get_by_test_id("stMetricValue").inner_text()


def test_merge_a_duplicate_group_then_undo_it(page, app_url, wait_ready):
    page.goto(app_url)
    wait_ready(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Customers").click()
    wait_ready(page)
    # the best customer's profile: one timeline of every channel, as a chart and a table
    expect(page.get_by_text("Every channel, one timeline (newest first)")).to_be_visible(
        timeout=60_000
    )
    page.get_by_role("tab", name="Likely duplicates").click()
    wait_ready(page)
    groups = int(metric_value(page, "Groups").replace(",", ""))
    assert groups > 1
    expect(page.get_by_text(re.compile(r"^Moves to C\d+: transaction lines \d+"))).to_be_visible()
    merge = page.get_by_role("button", name="Merge", exact=True)
    expect(merge).to_be_disabled()
    page.get_by_text(re.compile(r"^Merge 1 id into C\d+$")).click()
    wait_ready(page)
    page.get_by_role("button", name="Merge", exact=True).click()
    done = page.get_by_text(re.compile(r"^Merge 1: C\d+ merged into C\d+, \d+ rows? moved"))
    expect(done).to_be_visible(timeout=60_000)
    wait_ready(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert int(metric_value(page, "Groups").replace(",", "")) == groups - 1

    page.get_by_role("button", name="Undo the merge").click()
    expect(page.get_by_text(re.compile(r"^Merge 1 undone: "))).to_be_visible(timeout=60_000)
    wait_ready(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert int(metric_value(page, "Groups").replace(",", "")) == groups
    expect(page.get_by_role("button", name="Undo the merge")).to_have_count(0)
