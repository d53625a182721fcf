"""A marketplace's export in six related files, imported as one set on the Data page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.importer import olist_export


def test_a_set_of_related_files_shows_its_relations_and_imports(
    page, app_url, wait_ready, tmp_path
):
    paths = olist_export.build(tmp_path / "export")
    page.goto(f"{app_url}/data")
    wait_ready(page)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_be_attached(timeout=120_000)
    sidebar = page.get_by_test_id("stSidebar")
    status = sidebar.get_by_test_id("stCaptionContainer").filter(has_text="Data loaded")
    before = status.inner_text()
    page.get_by_test_id("stRadio").get_by_text("Several related files", exact=True).click()
    wait_ready(page)
    uploader = page.get_by_label("Choose the files of one export (or a zip)")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(p) for p in paths])

    roles = page.get_by_test_id("stDataFrame").filter(has_text="Columns used")
    expect(roles).to_be_visible(timeout=120_000)
    for role in ("orders", "items", "payments", "customers", "reviews", "products"):
        expect(roles).to_contain_text(role)
    relations = page.get_by_test_id("stDataFrame").filter(has_text="Refers to")
    expect(relations).to_contain_text("olist_order_items_dataset.csv")
    expect(relations).to_contain_text("4 of 5")  # o9: an item of an order the file lacks
    expect(relations).to_contain_text("customer_id")
    wait_ready(page)

    page.get_by_role("button", name="Import the set").click()
    expect(
        page.get_by_text(
            re.compile(r"Imported 6 lines of 4 orders \(\$270\.50 revenue\), 3 feedback rows and "
                       r"3 new customers\.")
        )
    ).to_be_visible(timeout=120_000)  # fmt: skip
    expect(page.get_by_text("1 canceled or unavailable order: 1 cancellation line")).to_be_visible()
    expect(
        page.get_by_text("Payments differ from the items (price and freight) for 1 of 4 orders")
    ).to_be_visible()
    report = page.get_by_test_id("stDataFrame").filter(has_text="Left out, and why")
    expect(report).to_contain_text("orders without items: 1")
    expect(report).to_contain_text("rows of orders the orders file lacks: 1")
    expect(status).not_to_have_text(before)  # the sidebar counts the new rows
