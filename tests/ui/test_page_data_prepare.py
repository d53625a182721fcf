"""An import through the Data page of a large business prepares the pages as the command line's
import does ($DASHBOARD_PREPARE_ABOVE lines and more): the customer-level tables are kept in the
file, and the page says so. Below the threshold nothing is kept."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import i18n
from dashboard.commands import prepare
from dashboard.store import computed, database
from dashboard.store.filters import Filters, default_period
from dashboard.value import ranking
from dashboard.value.cost_model import load_cost_model
from tests.ui.test_page_data_aligned import data_page, upload_cdnow

CDNOW_LINES = 6_919


def import_cdnow(lang: str = "en"):
    at = upload_cdnow(data_page(lang))
    at.radio(key="import_mode").set_value("replace").run()
    at.checkbox(key="keep_duplicates").check().run()  # CDNOW repeats 21 lines: real purchases
    at.button(key="import").click().run()
    assert not at.exception
    return at


def kept(app_db):
    st.cache_resource.clear()  # the app lets go of the database
    with database.connect(app_db, read_only=True) as conn:
        return conn, computed.catalog(conn), _default_value_table_is_kept(conn)


def _default_value_table_is_kept(conn) -> bool:
    info = database.summary(conn)
    period = Filters(
        *default_period(*(date.fromisoformat(info[k]) for k in ("date_from", "date_to")))
    )
    return (
        computed.served(conn, *ranking.ranked_value_sql(period, load_cost_model(conn))) is not None
    )


def test_a_large_import_prepares_the_pages_and_says_so(app_db, monkeypatch):
    monkeypatch.setenv(prepare.PREPARE_ENV, "5000")
    at = import_cdnow()
    assert any(f"Imported {CDNOW_LINES:,} rows" in s.value for s in at.success)
    prepared = [s.value for s in at.success if s.value.startswith("The pages are prepared")]
    assert len(prepared) == 1
    assert prepared[0].startswith(f"The pages are prepared for {CDNOW_LINES:,} lines:")
    _, catalog, value_table = kept(app_db)
    assert catalog and all(k["engine"] == "duckdb" and k["fresh"] for k in catalog)
    assert {"summary", "value_table", "coverage"} <= {k["what"] for k in catalog}
    assert value_table  # the pages' default view is read from the file


def test_the_russian_page_says_it_in_russian(app_db, monkeypatch):
    monkeypatch.setenv(prepare.PREPARE_ENV, "5000")
    at = import_cdnow("ru")
    lines = i18n.format_number(CDNOW_LINES, "ru")
    assert any(s.value.startswith(f"Страницы подготовлены для {lines} строк") for s in at.success)


def test_a_small_import_keeps_nothing(app_db, monkeypatch):
    monkeypatch.setenv(prepare.PREPARE_ENV, str(CDNOW_LINES + 1))
    at = import_cdnow()
    assert any(f"Imported {CDNOW_LINES:,} rows" in s.value for s in at.success)
    assert not [s for s in at.success if "prepared" in s.value]
    _, catalog, _ = kept(app_db)
    assert catalog == []
