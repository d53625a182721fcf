"""The Customer pyramid in a real browser: a new tier rule redraws the charts; a tier downloads."""

from __future__ import annotations

from playwright.sync_api import expect


def headline_chart(page):
    """The headline chart: shares of customers, revenue, cost and profit by tier."""
    title = page.locator(".gtitle", has_text="of customers bring")
    return page.get_by_test_id("stPlotlyChart").filter(has=title).first


def shares_title(page) -> str:
    """The title of the headline chart, which states the top tiers' share."""
    title = headline_chart(page).locator(".gtitle")
    expect(title).to_be_visible(timeout=60_000)
    return title.text_content()


def test_a_new_tier_rule_redraws_the_chart(page, app_url, wait_ready):
    page.goto(f"{app_url}/pyramid")
    wait_ready(page)
    before = shares_title(page)
    assert "11% of customers" in before.replace("\n", " ")
    tier_1 = page.get_by_role("spinbutton", name="Tier 1, %")
    tier_1.fill("20")
    tier_1.press("Enter")
    expect(headline_chart(page).locator(".gtitle")).not_to_have_text(before, timeout=60_000)
    wait_ready(page)
    assert "30% of customers" in shares_title(page).replace("\n", " ")
    assert "t1=20" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_tier_downloads_as_csv(page, app_url, wait_ready, download, tmp_path):
    page.goto(f"{app_url}/pyramid?tier=2")
    wait_ready(page)
    # the tier's list (the page has another for share of wallet's opportunities)
    button = page.locator(".st-key-pyramid_csv").get_by_role("button", name="Download CSV")
    got = download(page, button)
    path = tmp_path / "tier.csv"
    got.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert got.suggested_filename == "tier_2.csv"
    assert lines[0].startswith("position,customer_id,revenue")
    assert len(lines) > 10
