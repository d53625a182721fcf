"""Clusters in a real browser: run, box-select on the customer map, download the picked customers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "screens"


def open_clusters(page, app_url, wait_ready) -> None:
    page.goto(app_url)
    wait_ready(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Clusters").click()
    expect(page.get_by_test_id("stHeading").filter(has_text="Clusters").first).to_be_visible(
        timeout=60_000
    )
    wait_ready(page)


def run_clustering(page, wait_ready) -> None:
    # The first visit saved run 1 with the recommended settings; this click saves another.
    page.get_by_role("button", name="Run clustering").click()
    expect(page.get_by_text(re.compile(r"Saved as run ([2-9]|\d{2,})\."))).to_be_visible(
        timeout=180_000
    )
    wait_ready(page)


def map_chart(page):
    return page.get_by_test_id("stPlotlyChart").filter(has_text="on a map of their behaviour")


def test_box_selection_on_the_map_picks_clusters_and_downloads_their_customers(
    page, app_url, wait_ready, download, tmp_path
):
    open_clusters(page, app_url, wait_ready)
    run_clustering(page, wait_ready)
    chart = map_chart(page)
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".nsewdrag").first).to_be_visible(timeout=60_000)
    box = chart.locator(".nsewdrag").first.bounding_box()
    # A box over the middle of the map: it catches points of at least one cluster.
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.7, steps=12)
    page.mouse.up()
    picked = page.get_by_text(re.compile(r"^Picked: .* — [\d,]+ customers\.$"))
    expect(picked).to_be_visible(timeout=60_000)
    wait_ready(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "clusters_picked.png"))
    text = picked.inner_text()
    clusters = {int(n) for n in re.findall(r"(\d+): ", text.split("—")[0])}
    expected = int(re.search(r"— ([\d,]+) customers", text).group(1).replace(",", ""))
    assert clusters
    path = tmp_path / "picked.csv"
    download(page, page.get_by_role("button", name="Download CSV")).save_as(path)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == expected
    assert {int(r["cluster"]) for r in rows} == clusters
    assert all(r["customer_id"] for r in rows)
    # The download kept the pick: the Campaigns page offers it as an audience.
    page.goto(f"{app_url}/campaigns")
    wait_ready(page)
    page.get_by_text("New campaign").click()
    pick = page.get_by_role("combobox", name="Pick of clusters")
    expect(pick).to_have_value(re.compile(rf"#\d+ · run \d+: .* · {expected:,} customers"))


def test_ticking_a_table_row_picks_that_cluster(page, app_url, wait_ready):
    open_clusters(page, app_url, wait_ready)
    if page.get_by_text("No clustering yet").count():
        run_clustering(page, wait_ready)
    expect(page.get_by_text("Nothing picked yet")).to_be_visible(timeout=60_000)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The row-selection checkbox of the first data row sits at the grid's left edge.
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 18)
    expect(page.get_by_text(re.compile(r"^Picked: 0: "))).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Download Excel")).to_be_visible()


def test_the_heatmap_cells_write_their_differences_in_the_pages_language(page, app_url, wait_ready):
    page.goto(f"{app_url}/clusters?lang=ru")
    wait_ready(page)
    cells = page.locator(".heatmaplayer text")
    expect(cells.first).to_be_visible(timeout=180_000)
    texts = cells.all_text_contents()
    # one signed number with a decimal comma per cell (a cell once read "-": no value at all)
    assert texts and all(re.fullmatch(r"[+-]\d+,\d", t) for t in texts), texts
