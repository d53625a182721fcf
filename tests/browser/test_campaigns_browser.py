"""Campaigns in a real browser: create a campaign from a tier and download its target group."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "screens"


def metric_value(page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    return card.get_by_test_id("stMetricValue").inner_text()


def test_create_a_campaign_and_download_its_target_group(
    page, app_url, wait_ready, download, tmp_path
):
    page.goto(app_url)
    wait_ready(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Campaigns").click()
    expect(page.get_by_test_id("stHeading").filter(has_text="Campaigns").first).to_be_visible(
        timeout=60_000
    )
    wait_ready(page)
    # the demo's finished campaign is measured: both charts are drawn
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2, timeout=60_000)
    expect(page.get_by_text(re.compile(r"^Target responded|^Target and control"))).to_be_visible()

    page.get_by_text("New campaign").click()
    page.get_by_label("Name").fill("Browser campaign")
    page.get_by_label("Name").press("Enter")
    wait_ready(page)
    page.get_by_role("button", name="Create campaign").click()
    expect(page.get_by_text(re.compile(r"Campaign \d+ created"))).to_be_visible(timeout=60_000)
    wait_ready(page)
    expect(page.get_by_test_id("stHeading").filter(has_text="Browser campaign")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "campaigns_created.png"))
    target = int(metric_value(page, "Target group").replace(",", ""))
    control = int(metric_value(page, "Control group").replace(",", ""))
    assert target > 0 and control == int(0.1 * (target + control) + 0.5)  # rounded half up

    got = download(page, page.get_by_role("button", name="Download CSV"))
    assert re.fullmatch(r"campaign_\d+_target\.csv", got.suggested_filename)
    path = tmp_path / "target.csv"
    got.save_as(path)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == target
    assert list(rows[0]) == ["customer_id", "name", "email", "phone", "country", "tier"]
    assert len({r["customer_id"] for r in rows}) == target
    assert all(r["email"] and r["tier"] == "4" for r in rows)
    expect(page.get_by_test_id("stException")).to_have_count(0)
