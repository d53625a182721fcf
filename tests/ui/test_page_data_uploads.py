"""The Data page's uploads: saved under the server's name inside one folder, named by the client's
name only as text, removed once imported; and a damaged database named instead of any page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.importer import uploads
from dashboard.store import database
from dashboard.text_safety import plain_text

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
ORDERS = (
    "Invoice,Customer ID,InvoiceDate,Revenue\n"
    + "".join(f"A{i},U{i:02d},2025-03-{i:02d},{10 * i}\n" for i in range(1, 21))
).encode()
NAME = "../../[x](javascript:alert(1))/**orders**.csv"


def data_page() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    at.switch_page("pages/data.py")
    return at.run()


def saved_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_an_upload_with_a_path_for_a_name_lands_in_the_folder_and_goes_once_imported(
    app_db, tmp_path, monkeypatch
):
    folder = tmp_path / "uploads"
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(folder))
    at = data_page()
    at.file_uploader(key="upload").set_value((NAME, ORDERS, "text/csv")).run()
    assert not at.exception
    (saved,) = saved_files(folder)
    assert saved.read_bytes() == ORDERS and saved.suffix == ".csv"
    assert not (tmp_path.parent / "[x](javascript:alert(1))").exists()
    assert not list(tmp_path.glob("**/*orders*"))

    at.radio(key="import_mode").set_value("replace").run()
    at.button(key="import").click().run()
    assert not at.exception
    (done,) = [s.value for s in at.success if "Imported" in s.value]
    # the name reads as typed: no link, no bold (Markdown escaped), and not the server's name
    assert f"Imported 20 rows into Transactions from {NAME}" in plain_text(done)
    assert "](" not in done.replace("\\](", "") and saved.name not in done
    assert saved_files(folder) == []  # imported: the server keeps no copy
    assert any("This file is imported" in c.value for c in at.caption)
    assert "import" not in [b.key for b in at.button]  # the same upload is not imported twice

    st.cache_resource.clear()  # the app lets go of the file
    conn = database.connect(app_db)
    logged = database.read_import_log(conn)["file_name"].iloc[0]
    conn.close()
    assert logged == NAME


def test_an_upload_that_cannot_be_kept_says_why_and_writes_nothing(app_db, tmp_path, monkeypatch):
    """Another user of the machine made the uploads folder a link to a folder of theirs.

    (Streamlit itself refuses names outside the upload widget's types and with NUL bytes.)"""
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (tmp_path / "uploads").symlink_to(theirs)
    monkeypatch.setenv(uploads.DIR_ENV_VAR, str(tmp_path / "uploads"))
    at = data_page()
    at.file_uploader(key="upload").set_value(("orders.csv", ORDERS, "text/csv")).run()
    assert not at.exception
    errors = " ".join(plain_text(e.value) for e in at.error)
    assert "orders.csv: The uploads folder" in errors
    assert "is not a folder of this program's own" in errors
    assert list(theirs.iterdir()) == []
    assert "import" not in [b.key for b in at.button]


def test_the_app_names_a_damaged_database_and_leaves_it_as_it_was(app_db):
    conn = database.connect(app_db)
    conn.execute("CREATE TABLE filler AS SELECT range AS i FROM range(2000000)")
    conn.close()
    app_db.write_bytes(app_db.read_bytes()[: app_db.stat().st_size // 2])  # a truncated copy
    was = app_db.read_bytes()
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    assert not at.exception
    (error,) = [plain_text(e.value) for e in at.error]
    assert f"The database {app_db} is damaged" in error and "restore the file from a copy" in error
    assert app_db.read_bytes() == was  # no demo was written into it
