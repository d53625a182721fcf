"""The Data page's import of several related files, in Russian: the set uploaded, its roles and
relations shown, the result and each file's report in the reader's language; a zip whose member
points outside is refused and changes nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.importer import uploads
from dashboard.text_safety import plain_text
from tests.importer import olist_export

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def russian_data_page() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.radio(key="import_kind").set_value("set").run()
    return at


def test_a_set_is_imported_and_reported_in_russian(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(tmp_path / "uploads"))
    at = russian_data_page()
    files = [(n, t.encode(), "text/csv") for n, t in olist_export.FILES.items()]
    at.file_uploader(key="related_upload_0").set_value(files).run()
    assert not at.exception
    headers = [h.value for h in at.subheader]
    assert "Файлы и их роли" in headers and "Найденные связи" in headers
    at.button(key="related_import").click().run()
    assert not at.exception
    (done,) = [s.value for s in at.success]
    assert done.startswith("Импортировано строк: 6 по заказам: 4 (выручка 270,50")
    assert "отзывов: 3, новых покупателей: 3" in done
    assert any("Отменённых или недоступных заказов: 1" in i.value for i in at.info)
    assert any("Оплаты расходятся с позициями" in w.value for w in at.warning)
    assert "Что дал каждый файл" in [h.value for h in at.subheader]
    assert not list((tmp_path / "uploads").rglob("*.csv"))  # the uploads go once imported


def test_a_zip_pointing_outside_is_refused_in_russian(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(tmp_path / "uploads"))
    at = russian_data_page()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("../orders.csv", olist_export.FILES["olist_orders_dataset.csv"])
    at.file_uploader(key="related_upload_0").set_value(
        [("export.zip", buffer.getvalue(), "application/zip")]
    ).run()
    assert not at.exception
    (error,) = [plain_text(e.value) for e in at.error]
    assert "В zip-архиве есть файл с именем" in error and "export.zip" in error
    assert not (tmp_path / "orders.csv").exists()
