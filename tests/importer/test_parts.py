"""The parts of one table (a folder, a pattern, several files with the same columns) imported as
one table, all or nothing; a folder of files with different columns stays a set of related
files; the progress of an import only goes forward, advancing while a long query runs."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from dashboard import i18n, importer
from dashboard.errors import ImportFailed
from dashboard.importer import parts
from dashboard.importer.progress import Watched
from dashboard.store import database
from tests.conftest import ROOT
from tests.importer import olist_export
from tests.importer.test_related import fingerprint

HEADER = ["Invoice", "Customer ID", "InvoiceDate", "StockCode", "Quantity", "Price", "Country"]


def line(i: int) -> list[str]:
    """Line ``i`` of the generated export: every 50th without a customer (a guest)."""
    customer = "" if i % 50 == 0 else str(10000 + i % 700)
    day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d} 10:{i % 60:02d}:00"
    return [f"INV{i // 3}", customer, day, f"SKU{i % 90}", str(1 + i % 5), f"{1 + i % 40}.50",
            ["France", "Spain"][i % 2]]  # fmt: skip


def write_csv(path, lines: range, order: list[str] = HEADER, bad: dict | None = None):
    """A CSV part with ``lines``, its columns in ``order``; ``bad`` {line: (column, value)}."""
    rows = [",".join(order)]
    for i in lines:
        values = dict(zip(HEADER, line(i), strict=True))
        if bad and i in bad:
            values[bad[i][0]] = bad[i][1]
        rows.append(",".join(values[c] for c in order))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def csv_parts(folder, bad: dict | None = None):
    """Three CSV parts of 2,000 lines each, the second with its columns in another order."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_csv(folder / "part-1.csv", range(0, 2000), bad=bad),
        write_csv(folder / "part-2.csv", range(2000, 4000), list(reversed(HEADER)), bad=bad),
        write_csv(folder / "part-3.csv", range(4000, 6000), bad=bad),
    ]


def parquet_parts(folder, parts_made: int = 3):
    """The same 6,000 lines as Parquet files, one per 2,000 lines."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_folder = folder.parent / f"{folder.name}-csv"
    sources = csv_parts(csv_folder)
    conn = duckdb.connect()
    made = []
    for n, source in enumerate(sources[:parts_made], 1):
        target = folder / f"part-{n}.parquet"
        conn.execute(f"COPY (SELECT * FROM read_csv('{source}', all_varchar=true)) TO '{target}'")
        made.append(target)
    conn.close()
    return made


def lines_in(conn):
    return conn.execute(
        "SELECT order_id, customer_id, ordered_at, product, quantity, revenue FROM transactions "
        "ORDER BY ALL"
    ).fetchall()


def test_a_folder_of_csv_parts_is_one_table_like_the_one_file_they_make(conn, tmp_path):
    paths = csv_parts(tmp_path / "parts")
    result = importer.import_file(conn, paths, "transactions", file_name="parts")
    assert (result.rows_imported, result.set_aside_reasons) == (5880, {"no customer id": 120})
    assert result.customers_added == 700 - 14  # ids met only on guest lines: none
    log = conn.execute("SELECT file_name, rows_imported FROM import_log").fetchall()
    assert log == [("parts", 5880)]
    together = write_csv(tmp_path / "whole.csv", range(6000))
    whole = database.connect(tmp_path / "whole.duckdb")
    importer.import_file(whole, together, "transactions")
    assert lines_in(conn) == lines_in(whole)
    whole.close()
    again = importer.import_file(conn, paths, "transactions")
    assert again.already_imported  # the same parts again add nothing


def test_a_glob_of_parquet_parts_on_the_command_line_is_one_import(tmp_path):
    parquet_parts(tmp_path / "lake")
    db = tmp_path / "cli.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(tmp_path / "lake" / "*.parquet"),
         "--table", "transactions", "--db", str(db), "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # stdout holds the result alone
    assert (result["rows_imported"], result["rows_set_aside"]) == (5880, 120)
    assert result["file_name"] == str(tmp_path / "lake" / "*.parquet")
    progress = [row for row in done.stderr.splitlines() if row.strip()]
    assert progress[-1].startswith("100% Imported 5,880 rows")
    fractions = [int(row.split("%")[0]) for row in progress]
    assert fractions == sorted(fractions)
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM import_log").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM transactions").fetchone() == (5880,)


def test_a_folder_without_a_table_takes_the_table_its_headers_look_like(tmp_path):
    csv_parts(tmp_path / "parts")
    db = tmp_path / "cli.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(tmp_path / "parts"), "--db", str(db),
         "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["table"], result["rows_imported"]) == ("transactions", 5880)


def test_a_folder_of_files_with_different_columns_stays_a_set_of_related_files(tmp_path):
    paths = olist_export.build(tmp_path / "export")
    files = [(p, p.name) for p in paths]
    assert not parts.same_table(files)
    db = tmp_path / "cli.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(tmp_path / "export"), "--db", str(db),
         "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["transactions"], result["feedback"]) == (6, 3)  # the related files' report


def test_same_table_needs_two_readable_files_of_one_format_with_the_same_columns(tmp_path):
    csv = csv_parts(tmp_path / "parts")
    lake = parquet_parts(tmp_path / "lake")
    assert parts.same_table([(p, p.name) for p in csv])
    assert parts.same_table([(p, p.name) for p in lake])
    assert not parts.same_table([(csv[0], csv[0].name)])
    assert not parts.same_table([(csv[0], "a.csv"), (lake[0], "b.parquet")])


def test_a_pattern_that_matches_nothing_is_refused_by_name(tmp_path):
    with pytest.raises(ImportFailed) as caught:
        parts.expand([str(tmp_path / "none" / "*.parquet")])
    assert caught.value.key == "import_errors.no_match"
    assert "*.parquet" in str(caught.value)


def test_a_bad_value_in_the_last_part_leaves_the_database_exactly_as_before(conn, tmp_path):
    importer.import_file(conn, write_csv(tmp_path / "first.csv", range(100)), "transactions")
    before = fingerprint(conn)
    paths = csv_parts(tmp_path / "parts", bad={5501: ("Price", "12x")})
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, paths, "transactions")
    error = caught.value
    assert error.file == "part-3.csv"  # the part, and its own row (header = row 1)
    assert (error.row, error.column, error.value) == (5501 - 4000 + 2, "Price", "12x")
    assert fingerprint(conn) == before


def test_a_malformed_line_of_a_part_is_named_with_its_part_and_line(conn, tmp_path):
    paths = csv_parts(tmp_path / "parts")
    text = paths[1].read_text().splitlines()
    text[700] += ",extra"
    paths[1].write_text("\n".join(text) + "\n")
    before = fingerprint(conn)
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, paths, "transactions")
    assert (caught.value.file, caught.value.row) == ("part-2.csv", 701)
    assert caught.value.key == "import_errors.wrong_field_count"
    assert fingerprint(conn) == before


def test_parts_with_other_columns_are_refused_naming_the_part(conn, tmp_path):
    paths = csv_parts(tmp_path / "parts")
    write_csv(paths[2], range(10), HEADER[:-1])
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, paths, "transactions")
    assert caught.value.file == "part-3.csv"
    assert caught.value.key == "import_errors.parts_columns"
    assert "Country" in str(caught.value)
    assert conn.execute("SELECT count(*) FROM transactions").fetchone() == (0,)


def test_progress_only_goes_forward_and_ends_at_one(conn, tmp_path):
    reports = []
    importer.import_file(
        conn, csv_parts(tmp_path / "parts"), "transactions",
        progress=lambda f, m: reports.append((f, m)), lang="ru",
    )  # fmt: skip
    fractions = [f for f, _ in reports]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0 and fractions[0] == 0.0
    messages = [m for _, m in reports]
    total = i18n.format_number(6000, "ru")
    assert f"Чтение строк: 0\u00a0% (около 0 из {total})" in messages
    assert any(m.startswith("Сохранение в базу") for m in messages)


def test_a_long_query_reports_how_far_it_got_while_it_runs():
    conn = duckdb.connect()
    cur = conn.cursor()
    cur.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    reports = []
    watched = Watched(cur, lambda f, key, share, **v: reports.append((f, share)), poll_s=0.02)
    watched.step(0.2, 0.6, "lines")
    # long enough on any machine for several readings
    total = watched.execute(
        "SELECT count(*) FROM (SELECT DISTINCT i * 7919 % 100000007 FROM range(60000000) t(i))"
    ).fetchone()[0]
    watched.close()
    assert total == 60000000
    within = [f for f, share in reports if 0 < share < 1]
    assert within, "no reading while the query ran"
    assert all(0.2 < f < 0.6 for f in within)


def test_a_bad_value_near_the_end_of_a_large_file_is_named_at_its_own_row(conn, tmp_path):
    # large enough for DuckDB to read it on several threads, whose rows then land out of order
    path = write_csv(tmp_path / "large.csv", range(400_000), bad={399_990: ("Price", "12x")})
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, "transactions")
    assert (caught.value.row, caught.value.value) == (399_990 + 2, "12x")
    assert conn.execute("SELECT count(*) FROM import_log").fetchone() == (0,)
