"""The bad-file corpus: files a user may really pick (too wide, too long, not what their name
says, values no table should hold). Each is refused with a message naming the file, and the row
and column where there is one, and saying what to do; a database that already holds rows is
left exactly as it was (rows, data version, import log, remembered mappings).

Dates far outside the plausible range are not refused but set aside and counted
(:func:`test_rows_dated_far_away_are_set_aside_counted_and_move_no_period`).
The cases in ``test_importer_errors.py`` (an empty CSV, a header only, binary junk, a broken
workbook, bad amounts and dates) are not repeated here; its helpers are reused.
"""

from __future__ import annotations

import bz2
import gzip
import io
import zipfile
from datetime import date, datetime, timedelta

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from dashboard import cli, importer
from dashboard.importer import load
from dashboard.reporting import report
from dashboard.store import database
from dashboard.store.filters import default_period, latest_plausible
from tests.importer.test_importer_errors import GOOD, failure, filled, state  # noqa: F401

HEADER = "customer_id,date,amount\n"


def text(content: str):
    return lambda path: path.write_text(content)


def raw(content: bytes):
    return lambda path: path.write_bytes(content)


def amount_csv(value: str):
    """A transactions file whose second data row (row 3) holds ``value`` as its amount."""
    return text(f"{HEADER}c1,2024-01-01,10\nc2,2024-01-02,{value}\nc3,2024-01-03,4\n")


def workbook(*sheets: tuple[str, list[list]], merge=None, formula=None):
    """An .xlsx file written with xlsxwriter: sheets of rows, optionally a merged range
    ``(first_row, col, last_row, col, value)`` and a formula ``(row, col, formula, result)`` on
    the first sheet."""

    def write(path):
        book = xlsxwriter.Workbook(str(path))
        for index, (name, rows) in enumerate(sheets):
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is not None:
                        sheet.write(r, c, value)
            if index == 0 and merge:
                sheet.merge_range(*merge)
            if index == 0 and formula:
                sheet.write_formula(*formula)
        book.close()

    return write


def parquet(**columns):
    return lambda path: pq.write_table(pa.table(columns), path)


def _zip_of_junk(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    path.write_bytes(buffer.getvalue())


def _truncated_parquet(path):
    whole = io.BytesIO()
    pq.write_table(
        pa.table(
            {"customer_id": ["c1"] * 500, "date": ["2024-01-01"] * 500, "amount": [1.0] * 500}
        ),
        whole,
    )
    path.write_bytes(whole.getvalue()[:400])


def _fifty_megabyte_line(path):
    with open(path, "w") as f:
        f.write("customer_id,date,amount,note\nc1,2024-01-01,10,short\n")
        f.write("c2,2024-01-02,5," + "x" * 50_000_000 + "\n")


def _ten_thousand_columns(path):
    names = [f"field_{i}" for i in range(10_000)]
    path.write_text(",".join(names) + "\n" + ",".join("1" for _ in names) + "\n")


ROWS = [["customer_id", "date", "amount"], ["c1", "2024-01-01", 10]]
DATES = pd.to_datetime(["2024-01-01", "2024-01-02"])

# fmt: off
#: (case, file name, write(path), table, message words, row, column)
CASES = [
    ("10,000 columns", "wide.csv", _ten_thousand_columns, "transactions",
     "and 9,980 more", None, None),
    ("a 50 MB line", "long_line.csv", _fifty_megabyte_line, "transactions",
     "bytes long, more than the 2,097,152", 3, None),
    ("duplicate headers", "twice.csv", text("customer_id,date,amount,amount\nc1,2024-01-01,1,2\n"),
     "transactions", "names the column 'amount' twice", 1, "amount"),
    ("duplicate headers in Excel", "twice.xlsx",
     workbook(("Sheet1", [["customer_id", "date", "date"], ["c1", "2024-01-01", "2024-01-02"]])),
     "transactions", "names the column 'date' twice", 1, "date"),
    ("a header below a title block", "report.csv",
     text("Sales report 2024\nExported by the shop\n\n" + HEADER + "c1,2024-01-01,10\n"),
     "transactions", "while row 4 has 3 fields", 1, None),
    ("the table on the second sheet", "sheets.xlsx",
     workbook(("Summary", [["Total", 10]]), ("Data", ROWS)),
     "transactions", "2 sheets (Summary, Data) and sheet 'Summary' is read", None, None),
    ("a formula that fails in Excel", "formula.xlsx",
     workbook(("Sheet1", [["customer_id", "date", "amount"], ["c1", "2024-01-01", None]]),
              formula=(1, 2, "=1/0", None, "#DIV/0!")),
     "transactions", "empty but this field is required", 2, "amount"),
    ("merged date cells in Excel", "merged.xlsx",
     workbook(("Sheet1", [["customer_id", "date", "amount"], ["c1", None, 10], ["c2", None, 5]]),
              merge=(1, 1, 2, 1, "2024-01-01")),
     "transactions", "empty but this field is required", 3, "date"),
    ("a zip of junk named .xlsx", "junk.xlsx", _zip_of_junk, "transactions",
     "workbook cannot be read", None, None),
    ("an old .xls that is junk", "old.xls", raw(b"\xd0\xcf\x11\xe0" + b"\x00junk" * 50),
     "transactions", "workbook cannot be read", None, None),
    ("a Parquet list column", "lists.parquet",
     parquet(customer_id=["c1"], date=["2024-01-01"], amount=pa.array([[1.0, 2.0]])),
     "transactions", "holds lists (DOUBLE[])", None, "amount"),
    ("a Parquet struct column", "structs.parquet",
     parquet(customer_id=pa.array([{"id": "c1"}]), date=["2024-01-01"], amount=[1.0]),
     "transactions", "holds records (STRUCT", None, "customer_id"),
    ("an amount of 1e308", "huge.csv", amount_csv("1e308"), "transactions",
     "beyond ±1,000,000,000,000", 3, "amount"),
    ("an amount of NaN", "nan.csv", amount_csv("NaN"), "transactions",
     "not a finite number", 3, "amount"),
    ("an amount of Infinity", "inf.csv", amount_csv("Infinity"), "transactions",
     "not a finite number", 3, "amount"),
    ("an amount of -inf", "minus_inf.csv", amount_csv("-inf"), "transactions",
     "not a finite number", 3, "amount"),
    ("an amount just over the bound", "over.csv", amount_csv("-1000000000001"), "transactions",
     "beyond ±1,000,000,000,000", 3, "amount"),
    ("a real NaN in Parquet", "nan.parquet",
     parquet(customer_id=["c1", "c2"], date=DATES, amount=[1.0, float("nan")]),
     "transactions", "not a finite number", 2, "amount"),
    ("an infinite cost in Parquet", "cost.parquet",
     parquet(customer_id=["c1", "c2"], date=DATES, amount=[1.0, 2.0], cost=[0.5, float("-inf")]),
     "transactions", "not a finite number", 2, "cost"),
    ("1e308 in an Excel cell", "huge.xlsx",
     workbook(("Sheet1", [*ROWS, ["c2", "2024-01-02", 1e308]])),
     "transactions", "beyond ±1,000,000,000,000", 3, "amount"),
    # (the text "nan" in a workbook is an empty cell, as pandas reads it: "Infinity" is not)
    ("the text Infinity in Excel", "inf.xlsx",
     workbook(("Sheet1", [*ROWS, ["c2", "2024-01-02", "Infinity"]])),
     "transactions", "not a finite number", 3, "amount"),
    ("a NaN quantity times a price", "quantity.csv",
     text("customer_id,date,quantity,unit_price\nc1,2024-01-01,2,5\nc2,2024-01-02,nan,5\n"),
     "transactions", "not a finite number", 3, "quantity"),
    ("an infinite review score", "scores.csv", text("date,score\n2024-01-01,5\n2024-01-02,inf\n"),
     "feedback", "not a finite number", 3, "score"),
    ("a contact costing 1e13", "contacts.csv",
     text("customer_id,date,cost\nc1,2024-01-01,3\nc2,2024-01-02,1e13\n"),
     "interactions", "beyond ±1,000,000,000,000", 3, "cost"),
    ("an empty .parquet", "empty.parquet", raw(b""), "transactions", "The file is empty", None, None),
    ("an empty workbook", "empty.xlsx", workbook(("Sheet1", [])), "transactions",
     "The file is empty", None, None),
    ("only blank lines", "blank.tsv", text("\n\n  \n"), "transactions", "The file is empty",
     None, None),
    ("only a header in Excel", "header.xlsx", workbook(("Sheet1", ROWS[:1])), "transactions",
     "header but no data rows", None, None),
    ("only a schema in Parquet", "header.parquet",
     parquet(customer_id=pa.array([], pa.string()), date=pa.array([], pa.string()),
             amount=pa.array([], pa.float64())),
     "transactions", "header but no data rows", None, None),
    ("a picture named .csv", "photo.csv", raw(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
     "transactions", "binary file", None, None),
    ("UTF-16 without a byte-order mark", "utf16.csv",
     raw((HEADER + "c1,2024-01-01,10\n").encode("utf-16-le")), "transactions",
     "UTF-16 without a byte-order mark", None, None),
    ("a NUL byte", "nul.csv", raw(HEADER.encode() + b"c1,2024-01-01,10\nc2,2024-01-02,1\x002\n"),
     "transactions", "NUL character", 3, None),
    ("mixed delimiters", "mixed.csv",
     text("customer_id;date;amount\nc1;2024-01-01;10\nc2,2024-01-02,5\n"), "transactions",
     "has 1 field but the header has 3", 3, None),
    ("a truncated Parquet file", "cut.parquet", _truncated_parquet, "transactions",
     "incomplete or damaged", None, None),
    ("a gzip named .csv", "orders.csv",
     raw(gzip.compress((HEADER + "c1,2024-01-01,10\n").encode())), "transactions",
     "gzip archive", None, None),
    ("a bzip2 named .csv", "orders2.csv",
     raw(bz2.compress((HEADER + "c1,2024-01-01,10\n").encode())), "transactions",
     "bzip2 archive", None, None),
]
# fmt: on


def test_the_corpus_has_thirty_cases_or_more():
    assert len(CASES) >= 30 and len({c[1] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("name", "write", "table", "words", "row", "column"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_bad_file_is_explained_and_changes_nothing(
    filled,  # noqa: F811
    tmp_path,
    name,
    write,
    table,
    words,
    row,
    column,
):
    path = tmp_path / name
    write(path)
    error = failure(filled, path, table=table)
    message = str(error)
    assert message.startswith(f"{name}:") and error.file == name
    assert words in message, message
    assert (error.row, error.column) == (row, column), message
    assert error.fix and "Fix:" in message
    assert len(message) < 600, "a message stays readable, however wide or long the file"
    assert str(tmp_path) not in message, "the message names the file, not the server's folder"
    russian = error.localized("ru")
    assert russian.startswith(f"{name}:") and "Что сделать:" in russian
    assert (f"строка {row}" in russian) == (row is not None)
    # the database still holds the one good import, unchanged
    assert database.table_counts(filled)["transactions"] == 1
    log = filled.execute("SELECT file_name, rows_imported FROM import_log").fetchall()
    assert log == [("good.csv", 1)]


# --- dates far outside the plausible range: set aside and counted -----------------------------


def _far_dates_csv(path):
    path.write_text(
        HEADER + "c1,2024-01-01,10\nc2,1900-01-01,5\nc3,2999-12-31,7\nc1,2024-02-01,3\n"
    )


def _far_dates_parquet(path):
    moments = [datetime(2024, 1, 1), datetime(1900, 1, 1), datetime(2999, 12, 31)]
    moments.append(datetime(2024, 2, 1))
    pq.write_table(
        pa.table(
            {
                "customer_id": ["c1", "c2", "c3", "c1"],
                "date": pa.array(moments, pa.timestamp("us")),
                "amount": [10.0, 5.0, 7.0, 3.0],
            }
        ),
        path,
    )


def _far_dates_xlsx(path):
    book = xlsxwriter.Workbook(str(path))
    sheet, dated = book.add_worksheet(), book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["customer_id", "date", "amount"])
    rows = [("c1", datetime(2024, 1, 1), 10), ("c2", datetime(1900, 1, 2), 5)]
    rows += [("c3", datetime(2999, 12, 31), 7), ("c1", datetime(2024, 2, 1), 3)]
    for r, (customer, moment, amount) in enumerate(rows, 1):
        sheet.write(r, 0, customer)
        sheet.write_datetime(r, 1, moment, dated)
        sheet.write(r, 2, amount)
    book.close()


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("far.csv", _far_dates_csv),
        ("far.parquet", _far_dates_parquet),
        ("far.xlsx", _far_dates_xlsx),
    ],
)
def test_rows_dated_far_away_are_set_aside_counted_and_move_no_period(conn, tmp_path, name, write):
    path = tmp_path / name
    write(path)
    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == 2 and result.rows_set_aside == 2
    assert result.set_aside_reasons == {"date out of range": 2}
    logged = conn.execute("SELECT rows_set_aside, set_aside_reasons FROM import_log").fetchone()
    assert logged == (2, '{"date out of range": 2}')
    info = database.summary(conn)
    assert (info["date_from"], info["date_to"]) == ("2024-01-01", "2024-02-01")
    # the customers of the rows set aside get no record of their own
    customers = conn.execute("SELECT customer_id FROM customers").fetchall()
    assert customers == [("c1",)]
    revenue = conn.execute("SELECT sum(revenue) FROM transactions").fetchone()[0]
    assert revenue == 13


def test_feedback_and_contacts_dated_far_away_are_set_aside_too(conn, tmp_path):
    (tmp_path / "reviews.csv").write_text("date,score\n2024-01-01,5\n2999-01-01,4\n")
    result = importer.import_file(conn, tmp_path / "reviews.csv", "feedback")
    assert (result.rows_imported, result.set_aside_reasons) == (1, {"date out of range": 1})
    (tmp_path / "calls.csv").write_text("customer_id,date,cost\nc1,1899-12-31,2\nc1,2024-01-01,3\n")
    result = importer.import_file(conn, tmp_path / "calls.csv", "interactions")
    assert (result.rows_imported, result.set_aside_reasons) == (1, {"date out of range": 1})


def test_the_plausible_dates_can_be_widened_by_an_option_or_a_setting(conn, tmp_path):
    path = tmp_path / "far.csv"
    _far_dates_csv(path)
    result = importer.import_file(conn, path, "transactions", dates=(date(1900, 1, 1), None))
    assert result.rows_imported == 3 and result.set_aside_reasons == {"date out of range": 1}
    database.put_setting(conn, load.DATES_SETTING, {"from": "1850-01-01", "to": "3000-01-01"})
    again = importer.import_file(conn, path, "transactions", mode="replace")
    assert again.rows_imported == 4 and again.rows_set_aside == 0


def test_plausible_dates_that_are_no_range_are_refused(conn, tmp_path):
    path = tmp_path / "far.csv"
    _far_dates_csv(path)
    backwards = (date(2030, 1, 1), date(2020, 1, 1))
    error = failure(conn, path, dates=backwards)
    assert "2030-01-01 to 2020-01-01" in str(error) and error.key == "import_errors.bad_date_range"
    database.put_setting(conn, load.DATES_SETTING, {"from": "soon"})
    assert "soon" in str(failure(conn, path))


def test_the_default_period_never_follows_a_date_beyond_next_year(conn):
    today = date.today()
    start, end = default_period(date(2020, 1, 1), date(2999, 12, 31))
    assert end == today and start > date(2020, 1, 1)  # the last 12 months up to today
    ahead = latest_plausible()  # dates up to a year ahead are data (orders planned, say)
    assert default_period(date(2020, 1, 1), ahead) == (
        ahead.replace(year=ahead.year - 1) + timedelta(days=1),
        ahead,
    )
    # a database from before the importer set such rows aside still shows the real last year
    recent = date.today() - timedelta(days=30)
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue, import_id) VALUES "
        "('c1', ?, 10, 1), ('c1', TIMESTAMP '2999-01-01', 5, 1)",
        [recent],
    )
    filters = cli.period_filters(conn, None, None)
    assert filters.end == today and filters.start <= recent
    assert report.report_filters(conn).end == today
    assert latest_plausible(date(2024, 2, 29)) == date(2025, 2, 28)
