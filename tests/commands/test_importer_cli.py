"""`python -m dashboard import`: exit codes, messages on stderr, --map, --json."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "import", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def count(db, sql: str):
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_import_succeeds_and_says_what_was_set_aside(tmp_path):
    db, path = tmp_path / "cli.duckdb", tmp_path / "sales.csv"
    path.write_text(
        "Customer ID,Date,Amount,Country\n1,2024-01-01,10,France\n"
        ",2024-01-02,5,France\n1,2024-01-01,10,France\n"
    )
    done = run(str(path), "--table", "transactions", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Imported 1 row from sales.csv into transactions, adding 1 new customer;" in done.stdout
    assert "set aside 2 rows (no customer id: 1, duplicate row: 1)" in done.stdout
    assert count(db, "SELECT customer_id, revenue FROM transactions") == [("1", 10.0)]
    again = run(str(path), "--table", "transactions", "--db", str(db), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["already_imported"] is True


def test_bad_file_exits_non_zero_with_the_message_on_stderr(tmp_path):
    db, path = tmp_path / "cli.duckdb", tmp_path / "bad.csv"
    path.write_text("customer_id,date,amount\nc1,2024-01-01,ten\n")
    done = run(str(path), "--table", "transactions", "--db", str(db))
    assert done.returncode != 0
    assert "bad.csv: row 2, column 'amount': The value is not a number." in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert count(db, "SELECT count(*) FROM transactions") == [(0,)]


def test_missing_file_and_wrong_table(tmp_path):
    done = run(
        str(tmp_path / "nope.csv"), "--table", "transactions", "--db", str(tmp_path / "x.duckdb")
    )
    assert done.returncode != 0 and "no such file" in done.stderr
    assert run(str(tmp_path / "nope.csv"), "--table", "orders").returncode != 0


def test_map_options_and_date_format(tmp_path):
    db, path = tmp_path / "cli.duckdb", tmp_path / "odd.csv"
    path.write_text("acct;when;gross;memo\nk1;03/04/2024;1,5;x\n")
    done = run(
        str(path),
        "--table",
        "transactions",
        "--db",
        str(db),
        "--map",
        "acct=customer_id",
        "--map",
        "when=ordered_at",
        "--map",
        "gross=revenue",
        "--date-format",
        "DD/MM/YYYY",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["mapping"] == {"acct": "customer_id", "when": "ordered_at", "gross": "revenue"}
    assert count(
        db, "SELECT customer_id, ordered_at::DATE::VARCHAR, revenue FROM transactions"
    ) == [("k1", "2024-04-03", 1.5)]


def test_replace_and_keep_duplicates(tmp_path):
    db, path = tmp_path / "cli.duckdb", tmp_path / "dup.csv"
    path.write_text("customer_id,date,amount\nc1,2024-01-01,10\nc1,2024-01-01,10\n")
    assert run(str(path), "--table", "transactions", "--db", str(db)).returncode == 0
    done = run(
        str(path),
        "--table",
        "transactions",
        "--db",
        str(db),
        "--mode",
        "replace",
        "--keep-duplicates",
        "--json",
    )
    assert done.returncode == 0 and json.loads(done.stdout)["rows_imported"] == 2
    assert json.loads(done.stdout)["rows_removed"] == 1  # the first import's one row
    assert "replacing the 1 row it held" in json.loads(done.stdout)["message"]
    assert count(db, "SELECT count(*) FROM transactions") == [(2,)]


def test_summary_json_has_clean_amounts(tmp_path):
    db, path = tmp_path / "cli.duckdb", tmp_path / "cents.csv"
    path.write_text("Customer ID,Date,Amount\n1,2024-01-01,0.1\n2,2024-01-02,0.2\n")
    assert run(str(path), "--table", "transactions", "--db", str(db)).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "summary", "--db", str(db), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert '"revenue": 0.3,' in done.stdout  # a sum of cents, without 0.30000000000000004


def test_json_has_no_float_noise_and_no_nan():
    from dashboard import cli

    text = cli.to_json({"revenue": 24726489.829999976, "share": [0.4198281374093443, float("nan")]})

    def refuse(name):
        raise ValueError(name)

    assert json.loads(text, parse_constant=refuse) == {
        "revenue": 24726489.83,
        "share": [0.419828137409, None],
    }


def test_output_cut_short_by_the_reader_is_no_error(demo_db_file, tmp_path):
    """`python -m dashboard duplicates | head` : the reader leaves early; no traceback, exit 0."""
    db = tmp_path / "demo.duckdb"
    db.write_bytes(demo_db_file.read_bytes())
    for extra in ([], ["--json"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "duplicates", "--db", str(db), *extra],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        proc.stdout.close()  # as `head` does once it has its lines
        stderr = proc.stderr.read()
        assert proc.wait() == 0, stderr
        assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_import_reads_the_sheet_named_with_sheet(tmp_path):
    import xlsxwriter

    db, path = tmp_path / "cli.duckdb", tmp_path / "shop.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Summary").write_row(0, 0, ["Total", 10])
    orders = book.add_worksheet("Orders")
    for r, row in enumerate([["Customer ID", "Date", "Amount"], ["c1", "2024-01-01", 10]]):
        orders.write_row(r, 0, row)
    book.close()
    first = run(str(path), "--table", "transactions", "--db", str(db))
    assert first.returncode != 0
    assert "2 sheets (Summary, Orders) and sheet 'Summary' is read" in first.stderr
    assert "--sheet" in first.stderr
    done = run(str(path), "--table", "transactions", "--db", str(db), "--sheet", "Orders")
    assert done.returncode == 0, done.stderr
    assert count(db, "SELECT customer_id, revenue FROM transactions") == [("c1", 10.0)]


CDNOW = ROOT.parent / "shared" / "data" / "cdnow_sample.txt"


def test_the_cdnow_sample_imports_as_published_with_no_mapping_given(tmp_path):
    db = tmp_path / "cli.duckdb"
    lines = [line.split() for line in CDNOW.read_text().splitlines() if line.strip()]
    done = run(str(CDNOW), "--table", "transactions", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["mapping"] == {"column 2": "customer_id", "column 3": "ordered_at",
                                 "column 4": "quantity", "column 5": "revenue"}  # fmt: skip
    # 21 lines repeat another exactly: set aside and said, as in any file
    assert (result["rows_imported"], result["set_aside_reasons"]) == (6898, {"duplicate row": 21})
    assert result["message"].endswith("set aside 21 rows (duplicate row: 21).")
    kept = run(str(CDNOW), "--table", "transactions", "--db", str(db), "--json",
               "--mode", "replace", "--keep-duplicates")  # fmt: skip
    assert kept.returncode == 0, kept.stderr
    assert json.loads(kept.stdout)["rows_imported"] == len(lines) == 6919
    total = round(sum(float(line[4]) for line in lines), 2)
    assert count(db, "SELECT count(DISTINCT customer_id), round(sum(revenue), 2), "
                 "min(ordered_at)::DATE::VARCHAR, max(ordered_at)::DATE::VARCHAR "
                 "FROM transactions") == [(2357, total, "1997-01-01", "1998-06-30")]  # fmt: skip


def test_map_names_a_generated_column_of_a_file_without_a_header(tmp_path):
    db = tmp_path / "cli.duckdb"
    done = run(str(CDNOW), "--table", "transactions", "--db", str(db), "--json",
               "--map", "column 1=customer_id", "--keep-duplicates")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["mapping"]["column 1"] == "customer_id"
    assert count(db, "SELECT min(customer_id), count(DISTINCT customer_id) FROM transactions") == [
        ("00004", 2357)  # the cohort-wide ids, as many customers
    ]


def test_a_bad_aligned_file_names_row_column_and_fix_and_changes_nothing(tmp_path):
    db, path = tmp_path / "cli.duckdb", tmp_path / "cds.txt"
    path.write_text(" 0001 19970101  2   29.33\n 0002 19970102  1\n")
    done = run(str(path), "--table", "transactions", "--db", str(db))
    assert done.returncode != 0 and done.stdout == ""
    assert (
        "cds.txt: row 2, column 'column 4': The row has 3 values where the columns are 4: this "
        "column has none. (value: '0002 19970102  1') Fix: fill in the missing value under its "
        "column, or remove the row."
    ) in done.stderr
    assert count(db, "SELECT count(*) FROM transactions") == [(0,)]
    assert count(db, "SELECT count(*) FROM import_log") == [(0,)]
