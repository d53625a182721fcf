"""The download buttons give files that stay data: a customer id that reads like a formula is
text with a quote in the CSV and the Excel file a user gets from the page (through AppTest)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from tests.conftest import app_db_with_file

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = '=HYPERLINK("http://evil.example","x")'
SHOP_CSV = "customer_id,date,amount\n" + "".join(
    f"{cid},2024-0{m}-10,{amount}\n"
    for cid, amount in (('"' + PAYLOAD.replace('"', '""') + '"', 900), ("c2", 20), ("c3", 10))
    for m in (1, 2, 3)
)


class RecordingFiles(MediaFileManager):
    """Streamlit's own file manager, remembered so the test can fetch what a button serves."""

    made: list[MediaFileManager] = []

    def __init__(self, storage) -> None:
        super().__init__(storage)
        RecordingFiles.made.append(self)


def served(button) -> bytes:
    """The bytes a download button gives when clicked (built then, if deferred)."""
    files = RecordingFiles.made[-1]
    url = button.proto.url or files.execute_deferred(button.proto.deferred_file_id)
    file_id = url.rsplit("/", 1)[-1].split(".")[0]
    return files._storage.get_file(file_id).content


def test_the_tier_downloads_keep_a_formula_like_customer_id_as_text(app_db, tmp_path, monkeypatch):
    assert app_db_with_file(app_db, tmp_path, SHOP_CSV).rows_imported == 9
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingFiles)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.query_params["tier"] = "1"
    at.run()
    at.switch_page("pages/pyramid.py")
    at.run()
    assert not at.exception
    buttons = {b.proto.label: b for b in at.get("download_button")}
    csv_bytes = served(buttons["Download CSV"])
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert rows[0]["customer_id"] == "'" + PAYLOAD
    assert float(rows[0]["revenue"]) == 2700  # a number, as it was
    xlsx = served(buttons["Download Excel"])
    sheet = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet, "no cell of the workbook is a formula"
    back = pd.read_excel(io.BytesIO(xlsx), engine="calamine")
    assert back["customer_id"].iloc[0] == "'" + PAYLOAD
