"""The Data page's import of several uploaded parts of one table (the same columns): told apart
from a set of related files, mapped once and imported as one table, all or nothing."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.importer import uploads
from dashboard.store import database
from dashboard.text_safety import plain_text
from tests.importer.test_parts import HEADER, csv_parts

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def data_page_with_parts(tmp_path, bad: dict | None = None) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.radio(key="import_kind").set_value("set").run()
    paths = csv_parts(tmp_path / "parts", bad=bad)
    files = [(p.name, p.read_bytes(), "text/csv") for p in paths]
    at.file_uploader(key="related_upload_0").set_value(files).run()
    assert not at.exception
    return at


def rows(app_db) -> tuple:
    """Lines and imports in the app's database, and the last import's name."""
    st.cache_resource.clear()  # the app lets go of the file
    conn = database.connect(app_db)
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM transactions), (SELECT count(*) FROM import_log), "
            "(SELECT file_name FROM import_log ORDER BY import_id DESC LIMIT 1)"
        ).fetchone()
    finally:
        conn.close()


def test_uploaded_parts_of_one_table_import_as_one(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(tmp_path / "uploads"))
    at = data_page_with_parts(tmp_path)
    before = rows(app_db)
    assert any("These 3 files have the same columns" in i.value for i in at.info)
    assert "Файлы и их роли" not in [h.value for h in at.subheader]  # no related-files editor
    at.button(key="parts_import").click().run()
    assert not at.exception
    assert rows(app_db) == (before[0] + 5880, before[1] + 1, "part-1.csv (+2)")
    assert not list((tmp_path / "uploads").rglob("*.csv"))  # the uploads go once imported


def test_a_bad_part_changes_nothing_and_is_named(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(tmp_path / "uploads"))
    at = data_page_with_parts(tmp_path, bad={4001: (HEADER[2], "yesterday")})
    before = rows(app_db)
    at.button(key="parts_import").click().run()
    assert not at.exception
    (error,) = [plain_text(e.value) for e in at.error]
    # the part and its own row (line 4,001 is the second of part-3.csv)
    assert "part-3.csv: row 3, column 'InvoiceDate'" in error and "'yesterday'" in error
    assert rows(app_db) == before
