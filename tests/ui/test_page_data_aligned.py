"""The Data page reads a whitespace-aligned file without a header as a user uploads it: the real
CDNOW sample, previewed, mapped from its values and imported."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.store import database
from tests.conftest import ROOT

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
CDNOW = ROOT.parent / "shared" / "data" / "cdnow_sample.txt"


def data_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data.py")
    return at.run()


def upload_cdnow(at: AppTest) -> AppTest:
    if not CDNOW.exists():
        pytest.fail(f"{CDNOW} is missing: the real data lives in ../shared/data")
    at.file_uploader(key="upload").set_value(("cdnow_sample.txt", CDNOW.read_bytes(), "text/plain"))
    at.run()
    assert not at.exception
    return at


def test_the_cdnow_sample_is_previewed_mapped_and_imported(app_db):
    at = upload_cdnow(data_page())
    captions = " ".join(c.value for c in at.caption)
    assert "delimiter runs of spaces (aligned columns); 6,919 rows." in captions
    assert any(i.value.startswith("The file has no header row: its columns are named column 1 "
                                  "to column 5") for i in at.info)  # fmt: skip
    table = next(s for s in at.selectbox if s.key and s.key.startswith("import_table"))
    assert table.value == "transactions"
    preview = next(d for d in at.dataframe if "column 3" in d.value.columns).value
    assert preview.iloc[0].tolist() == ["00004", "0001", "19970101", "2", "29.33"]
    editor = next(e for e in at.dataframe if e.key and e.key.startswith("mapping_"))
    fields = dict(zip(editor.value["source"], editor.value["field"], strict=True))
    assert [fields[f"column {i}"] for i in range(2, 6)] == [
        "customer_id", "ordered_at", "quantity", "revenue"]  # fmt: skip
    assert not any("required" in w.value for w in at.warning)

    at.radio(key="import_mode").set_value("replace").run()
    at.checkbox(key="keep_duplicates").check().run()  # CDNOW repeats 21 lines: real purchases
    at.button(key="import").click().run()
    assert not at.exception
    assert any("Imported 6,919 rows" in s.value for s in at.success)

    st.cache_resource.clear()  # the app lets go of the database
    conn = database.connect(app_db)
    counts = conn.execute(
        "SELECT count(*), count(DISTINCT customer_id), min(ordered_at)::DATE::VARCHAR, "
        "max(ordered_at)::DATE::VARCHAR FROM transactions"
    ).fetchone()
    conn.close()
    assert counts == (6919, 2357, "1997-01-01", "1998-06-30")


def test_the_preview_of_an_aligned_file_reads_in_russian(app_db):
    at = upload_cdnow(data_page("ru"))
    captions = " ".join(c.value for c in at.caption)
    assert "разделитель пробелы (выровненные столбцы)" in captions
    assert any(i.value.startswith("В файле нет строки заголовков") for i in at.info)
