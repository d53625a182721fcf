"""Served on every interface, as on an office server: sign-in first, then each role's view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.access import accounts, audit, roles
from dashboard.demo import generator
from dashboard.store import database, file_lock
from tests.browser.conftest import start_app

PASSWORD = "a long enough passphrase"


@pytest.fixture(scope="module")
def office_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    db = folder / "office.duckdb"
    conn = database.connect(db)
    generator.load_demo(conn, customers=2000, seed=3)
    accounts.create_account(conn, "vera", PASSWORD, "viewer")
    accounts.create_account(conn, "boss", PASSWORD, "admin")
    conn.close()
    process, url = start_app(db, folder / "streamlit.log", address="0.0.0.0")
    yield url, db
    process.terminate()
    process.wait(timeout=30)


def sign_in(page, url: str, name: str, password: str, wait_ready) -> None:
    page.goto(f"{url}/customers")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_role("textbox", name="User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_ready(page)


def test_nothing_shows_before_sign_in_and_a_wrong_password_is_refused(page, office_url, wait_ready):
    url, db = office_url
    sign_in(page, url, "boss", "a wrong passphrase", wait_ready)
    expect(page.get_by_text("The user name or the password is wrong.")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_a_viewer_signs_in_on_the_linked_page_and_sees_no_personal_data(
    page, office_url, wait_ready
):
    url, db = office_url
    sign_in(page, url, "vera", PASSWORD, wait_ready)
    expect(page.get_by_role("heading", name="Customers", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Signed in as vera (viewer)")).to_be_visible()
    expect(page.get_by_role("heading", name=roles.MASK)).to_be_visible()
    body = page.locator("body").inner_text()
    assert not re.search(r"[\w.]+@[\w.]+\.\w+", body), "no e-mail address on the page"
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    page.get_by_test_id("stDataFrame").first.hover()  # a table's own toolbar exports nothing
    expect(page.get_by_test_id("stElementToolbar").first).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Download as CSV"))).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()
    wait_ready(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    conn = database.connect(db, wait=120)  # the app lets go of the file when asked
    try:
        actions = audit.recent(conn)["action"].tolist()
    finally:
        conn.close()
        file_lock.withdraw()
    assert actions[:2] == ["sign_out", "sign_in"]
