"""The Data page: import log, demo data, clearing a table (with confirmation), currency."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


def data_page() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    at.switch_page("pages/data.py")
    return at.run()


def sidebar_text() -> str:
    """The sidebar's data status, read from a fresh session on the Overview.

    (AppTest keeps the sidebar of the first page only, so a fresh session reads it.)
    """
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    return " ".join(c.value for c in at.sidebar.caption)


def test_import_log_lists_the_demo_load(app_db):
    at = data_page()
    assert not at.exception
    log = at.dataframe[0].value
    assert log.iloc[0]["File"].startswith("demo data (2,000 customers")
    assert log.iloc[0]["Table"] == "All tables"


def test_clearing_a_table_needs_confirmation(app_db):
    assert "Transactions: 0" not in sidebar_text() and "Transactions: " in sidebar_text()
    at = data_page()
    at.selectbox(key="clear_table").select("transactions").run()
    assert at.button(key="clear").disabled
    at.checkbox(key="clear_confirm_transactions").check().run()
    at.button(key="clear").click().run()
    assert not at.exception
    assert any("Deleted" in s.value for s in at.success)
    assert "Transactions: 0" in sidebar_text()


def test_loading_demo_data_replaces_everything(app_db):
    at = data_page()
    at.number_input(key="demo_customers").set_value(500).run()
    assert at.button(key="demo_load").disabled
    at.checkbox(key="demo_confirm").check().run()
    at.button(key="demo_load").click().run()
    assert not at.exception
    assert any("500 customers" in s.value for s in at.success)
    assert "Customers: 500" in sidebar_text()


def test_currency_setting_changes_money_everywhere(app_db):
    at = data_page()
    at.selectbox(key="currency").select("EUR").run()
    assert any("Currency saved" in s.value for s in at.success)
    at.switch_page("pages/overview.py")
    at.run()
    revenue = next(m for m in at.metric if m.label == "Revenue")
    assert revenue.value.startswith("€")


def test_an_old_link_outside_the_data_opens_the_default_period(app_db):
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["from"], at.query_params["to"] = "2001-01-01", "2001-12-31"
    at.run()
    assert not at.exception
    start, end = at.date_input(key="period_dates").value
    assert end.year == 2026 and (end - start).days > 300
