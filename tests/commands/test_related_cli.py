"""`python -m dashboard import FILE FILE ... --json`: a set of related files for a scheduled job."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import duckdb

from tests.conftest import ROOT
from tests.importer import olist_export


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "import", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_the_files_of_an_export_import_together_with_a_report_per_file(tmp_path):
    db = tmp_path / "cli.duckdb"
    paths = olist_export.build(tmp_path / "export")
    done = run(*map(str, paths), "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["message"] == (
        "Imported 6 transaction lines of 4 orders (270.50 revenue), 3 feedback rows and 3 new "
        "customers; 1 canceled order; payments differ from the items for 1 order (-2.00 in all)."
    )
    assert (result["transactions"], result["revenue"], result["feedback"]) == (6, 270.5, 3)
    assert result["payments"]["examples"] == [
        {"order_id": "o3", "paid": 20.0, "items": 22.0, "difference": -2.0}
    ]
    files = {f["file_name"]: f for f in result["files"]}
    assert files["olist_orders_dataset.csv"]["left_out"] == {
        "no_items": {"rows": 1, "why": "orders without items"}
    }
    assert files["olist_order_reviews_dataset.csv"]["left_out"] == {
        "unknown_order": {"rows": 1, "why": "rows of orders the orders file lacks"}
    }
    assert files["olist_order_items_dataset.csv"]["used"] == 5
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT count(*), sum(revenue) FROM transactions").fetchone() == (
            6,
            270.5,
        )
        assert conn.execute("SELECT action, rows FROM audit_log").fetchall() == [("import", 9)]


def test_a_folder_or_a_zip_with_corrected_relations_and_freight(tmp_path):
    text = olist_export.FILES["olist_order_items_dataset.csv"].replace("order_id,", "pedido,", 1)
    olist_export.build(tmp_path / "export", **{"olist_order_items_dataset.csv": text})
    refused = run(str(tmp_path / "export"), "--db", str(tmp_path / "a.duckdb"))
    assert refused.returncode == 2
    assert "The set has no file of items." in refused.stderr
    done = run(
        str(tmp_path / "export"), "--db", str(tmp_path / "a.duckdb"), "--json",
        "--role", "olist_order_items_dataset.csv=items",
        "--relations", "items.pedido=orders.order_id", "--freight", "add",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["revenue"] == 297.75

    archive = tmp_path / "olist.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, content in olist_export.FILES.items():
            z.writestr(name, content)
    done = run(str(archive), "--db", str(tmp_path / "b.duckdb"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["transactions"] == 6


def test_one_file_without_a_table_says_what_to_add(tmp_path):
    (path, *_) = olist_export.build(tmp_path / "export")
    done = run(str(path), "--db", str(tmp_path / "c.duckdb"))
    assert done.returncode == 2
    assert "One file needs the table it fills" in done.stderr
