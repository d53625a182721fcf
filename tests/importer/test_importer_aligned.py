"""Text in whitespace-aligned columns: the CDNOW sample as published (no header, YYYYMMDD dates),
headered files whose values hold spaces, and rows that do not fit their columns."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from dashboard import importer
from dashboard.errors import ImportFailed
from dashboard.importer.fields import propose_from_values
from dashboard.store import database
from tests.conftest import ROOT

CDNOW = ROOT.parent / "shared" / "data" / "cdnow_sample.txt"


@pytest.fixture(scope="module")
def cdnow() -> Path:
    if not CDNOW.exists():
        pytest.fail(f"{CDNOW} is missing: the real data lives in ../shared/data")
    return CDNOW


def published_lines(path: Path) -> list[list[str]]:
    """The file's lines split on runs of spaces, by plain Python (not the importer)."""
    return [line.split() for line in path.read_text().splitlines() if line.strip()]


def rows(conn, sql: str, params=None):
    return conn.execute(sql, params or []).fetchall()


def test_the_cdnow_sample_imports_as_published(conn, cdnow):
    lines = published_lines(cdnow)
    total = sum(float(line[4]) for line in lines)
    result = importer.import_file(conn, cdnow, "transactions", keep_duplicates=True)
    # the sample's own customer number (column 2), the day, the CDs and the dollars, guessed
    # from the values alone: the file has no header row
    assert result.mapping == {"column 2": "customer_id", "column 3": "ordered_at",
                              "column 4": "quantity", "column 5": "revenue"}  # fmt: skip
    assert result.date_formats == {"ordered_at": "%Y%m%d"}
    assert (result.rows_imported, result.rows_set_aside) == (len(lines), 0) == (6919, 0)
    assert result.customers_added == 2357
    (summary,) = rows(
        conn,
        "SELECT count(*), count(DISTINCT customer_id), min(ordered_at), max(ordered_at), "
        "sum(revenue), sum(quantity), count(*) FILTER (revenue = 0) FROM transactions",
    )
    assert summary[:4] == (6919, 2357, datetime(1997, 1, 1), datetime(1998, 6, 30))
    assert summary[4] == pytest.approx(total, abs=0.005) and round(total, 2) == 244091.94
    assert summary[5] == sum(int(line[3]) for line in lines)
    # the $0 lines (a CD at no charge) are purchases like any other: none is refused
    assert summary[6] == sum(float(line[4]) == 0 for line in lines) == 8
    assert rows(conn, "SELECT count(*) FROM customers") == [(2357,)]
    first = rows(conn, "SELECT customer_id, ordered_at, quantity, revenue FROM transactions "
                 "ORDER BY customer_id, ordered_at LIMIT 1")  # fmt: skip
    assert first == [("0001", datetime(1997, 1, 1), 2.0, 29.33)]


def test_the_cdnow_lines_that_repeat_exactly_are_set_aside_by_default(conn, cdnow):
    lines = [" ".join(line) for line in published_lines(cdnow)]
    repeats = sum(n - 1 for n in Counter(lines).values())
    result = importer.import_file(conn, cdnow, "transactions")
    assert result.set_aside_reasons == {"duplicate row": repeats} == {"duplicate row": 21}
    assert result.rows_imported == len(lines) - repeats


def test_the_preview_names_the_columns_and_reads_the_dates(cdnow):
    preview = importer.preview_file(cdnow)
    assert preview.aligned and preview.generated_header
    assert preview.columns == [f"column {i}" for i in range(1, 6)]
    assert preview.suggested_table == "transactions" and preview.rows == 6919
    assert preview.mapping["column 3"] == "ordered_at" and preview.date_format == "%Y%m%d"
    assert preview.sample.iloc[0].tolist() == ["00004", "0001", "19970101", "2", "29.33"]


ALIGNED = (
    "customer id     order date     amount  city\n"
    "Anna  Ivanova   2024-01-01      10.00  Nizhny Novgorod\n"
    "Bob Smith       2024-01-02     123.50  Kazan\n"
    "C3              2024-01-03       7.25\n"
)


def test_a_headered_aligned_file_keeps_spaces_inside_values(conn, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ALIGNED)
    preview = importer.preview_file(path)
    assert preview.columns == ["customer id", "order date", "amount", "city"]
    assert not preview.generated_header
    result = importer.import_file(conn, path, "transactions", mapping={
        "customer id": "customer_id", "order date": "ordered_at", "amount": "revenue",
        "city": "country"})  # fmt: skip
    assert result.rows_imported == 3
    assert rows(conn, "SELECT customer_id, ordered_at, revenue FROM transactions ORDER BY 3") == [
        ("C3", datetime(2024, 1, 3), 7.25),
        ("Anna  Ivanova", datetime(2024, 1, 1), 10.0),
        ("Bob Smith", datetime(2024, 1, 2), 123.5),
    ]
    assert rows(conn, "SELECT customer_id, country FROM customers ORDER BY 1") == [
        ("Anna  Ivanova", "Nizhny Novgorod"), ("Bob Smith", "Kazan"), ("C3", None)]  # fmt: skip


def test_the_same_rows_with_and_without_a_header_import_alike(tmp_path):
    body = " C17  20240105   3    31.50\n C18  20240106   1     9.99\n C17  20240201  12   120.00\n"
    headered, bare = tmp_path / "headered.txt", tmp_path / "bare.txt"
    headered.write_text("customer  date      qty   amount\n" + body)
    bare.write_text(body)
    seen = []
    for path, mapping in ((headered, {"customer": "customer_id", "date": "ordered_at",
                                      "qty": "quantity", "amount": "revenue"}),
                          (bare, {"column 1": "customer_id", "column 2": "ordered_at",
                                  "column 3": "quantity", "column 4": "revenue"})):  # fmt: skip
        conn = database.connect(tmp_path / f"{path.stem}.duckdb")
        result = importer.import_file(conn, path, "transactions")
        assert result.mapping == mapping  # by the headers, and by the values without them
        seen.append(rows(conn, "SELECT customer_id, ordered_at, quantity, revenue "
                         "FROM transactions ORDER BY 2"))  # fmt: skip
        conn.close()
    assert (
        seen[0]
        == seen[1]
        == [
            ("C17", datetime(2024, 1, 5), 3.0, 31.5),
            ("C18", datetime(2024, 1, 6), 1.0, 9.99),
            ("C17", datetime(2024, 2, 1), 12.0, 120.0),
        ]
    )


def test_a_row_with_a_missing_column_is_refused_and_nothing_changes(conn, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(" 0001 19970101  2   29.33\n 0002 19970102  1   10.00\n")
    importer.import_file(conn, good, "transactions")
    before = (rows(conn, "SELECT * FROM transactions ORDER BY ALL"),
              rows(conn, "SELECT count(*) FROM import_log"), database.data_version(conn))  # fmt: skip
    bad = tmp_path / "bad.txt"
    bad.write_text(
        " 0003 19970103  2   29.33\n 0004 19970104  1   10.00\n 0005 19970105      11.00\n"
        " 0006 19970106  3   12.00\n"
    )
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, bad, "transactions")
    error = caught.value
    assert (error.file, error.row, error.column) == ("bad.txt", 3, "column 3")
    assert str(error) == (
        "bad.txt: row 3, column 'column 3': The row has 3 values where the columns are 4: this "
        "column has none. (value: '0005 19970105      11.00') Fix: fill in the missing value "
        "under its column, or remove the row."
    )
    assert "строка 3, столбец «column 3»" in error.localized("ru")
    after = (rows(conn, "SELECT * FROM transactions ORDER BY ALL"),
             rows(conn, "SELECT count(*) FROM import_log"), database.data_version(conn))  # fmt: skip
    assert after == before


def test_a_last_value_missing_names_the_last_column(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(
        "customer  date        amount\nc1        2024-01-01  5.00\nc2        2024-01-02\n"
    )
    with pytest.raises(ImportFailed) as caught:
        importer.preview_file(path)
    assert (caught.value.row, caught.value.column) == (3, "amount")


def test_a_row_across_the_columns_after_the_sampled_rows_is_refused(conn, tmp_path):
    path = tmp_path / "long.txt"
    lines = ["customer        date        amount"]
    lines += [f"Anna  Ivanova   2024-01-01  {i % 90 + 10:>6}" for i in range(20_000)]
    lines.append("Bob Smith       2024-01-02 100.00")  # its amount runs into the gap before it
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, "transactions")
    assert (caught.value.row, caught.value.column) == (20_002, "amount")
    assert "text at character 28, between the columns ('date', 'amount')" in str(caught.value)
    assert "line the row's values up under their columns" in str(caught.value)
    assert rows(conn, "SELECT count(*) FROM transactions") == [(0,)]


def test_values_alone_propose_a_transactions_mapping():
    samples = {
        "column 1": ["00004", "00004", "00021"],  # the cohort-wide id, zero-padded
        "column 2": ["0001", "0001", "0002"],  # the sample's id: shorter, as many customers
        "column 3": ["19970101", "19970118", "19970101"],  # YYYYMMDD: a date, not a number
        "column 4": ["2", "2", "3"],
        "column 5": ["29.33", "29.73", "63.34"],
    }
    assert propose_from_values(samples, "transactions") == {
        "column 2": "customer_id", "column 3": "ordered_at", "column 4": "quantity",
        "column 5": "revenue"}  # fmt: skip
    # eight digits that are no day (month 13) are a number
    assert propose_from_values({"column 3": ["19971301"]}, "transactions").get("column 3") != (
        "ordered_at"
    )
    assert propose_from_values(samples, "feedback") == {}


def test_one_column_and_title_blocks_are_not_aligned_files(tmp_path):
    single = tmp_path / "names.txt"
    single.write_text("Customer name\nAnna Ivanova\nBob Smith\n")
    assert importer.preview_file(single).columns == ["Customer name"]
    titled = tmp_path / "report.csv"
    titled.write_text("Sales report 2024\n\ncustomer_id,date,amount\nc1,2024-01-01,10\n")
    with pytest.raises(ImportFailed, match="The first row is not a header"):
        importer.preview_file(titled)


def test_a_bad_value_of_a_file_without_a_header_names_the_files_own_row(conn, tmp_path):
    path = tmp_path / "cds.txt"
    path.write_text(
        " 0001 19970101  2   29.33\n 0002 19970102  1   10.00\n 0003 19970231  1   9.99\n"
    )
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, "transactions")
    error = caught.value
    assert (error.row, error.column, error.value) == (3, "column 2", "19970231")
    assert "The value is not a date (ordered_at)." in str(error)


def test_blank_lines_above_a_header_leave_it_a_header(conn, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("\n\ncustomer  date        amount\nc1        2024-01-01    5.00\n")
    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == 1
    assert rows(conn, "SELECT customer_id, revenue FROM transactions") == [("c1", 5.0)]
