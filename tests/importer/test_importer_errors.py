"""Bad files get a message naming the file, row, column, value and what to do; nothing changes."""

from __future__ import annotations

import pytest

from dashboard import importer
from dashboard.errors import ImportFailed
from dashboard.store import database

GOOD = "customer_id,date,amount\nc1,2024-01-01,10\n"


@pytest.fixture
def filled(conn, tmp_path):
    """A database that already holds one import, to show that a failed import changes nothing."""
    (tmp_path / "good.csv").write_text(GOOD)
    importer.import_file(conn, tmp_path / "good.csv", "transactions")
    return conn


def state(conn) -> tuple:
    return (
        database.table_counts(conn),
        database.data_version(conn),
        conn.execute("SELECT count(*) FROM import_log").fetchone()[0],
        conn.execute("SELECT count(*) FROM column_mappings").fetchone()[0],
    )


def failure(conn, path, table="transactions", **options) -> ImportFailed:
    before = state(conn)
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, table, **options)
    assert state(conn) == before, "a failed import must leave the database as it was"
    return caught.value


def test_empty_file(filled, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    error = failure(filled, path)
    assert "empty.csv" in str(error) and "empty" in str(error)
    with pytest.raises(ImportFailed, match="empty"):
        importer.preview_file(path)


def test_missing_file(filled, tmp_path):
    error = failure(filled, tmp_path / "gone.csv")
    assert "gone.csv" in str(error) and "cannot be opened" in str(error)


def test_header_only_file(filled, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("customer_id,date,amount\n")
    error = failure(filled, path)
    assert "header but no data rows" in str(error) and error.file == "header.csv"


def test_binary_file(filled, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 40)
    error = failure(filled, path)
    assert "binary file" in str(error) and "CSV, Excel (.xlsx) or Parquet" in str(error)
    with pytest.raises(ImportFailed, match="binary"):
        importer.preview_file(path)


def test_feedback_file_imported_as_transactions_says_which_table(filled, tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text("review_id,date,rating,text\nr1,2024-01-01,5,Great\n")
    error = failure(filled, path)
    assert "customer_id" in str(error) and "import it as feedback" in str(error)


def test_missing_required_columns(filled, tmp_path):
    path = tmp_path / "no_amount.csv"
    path.write_text("customer_id,date,product\nc1,2024-01-01,Tea\n")
    error = failure(filled, path)
    assert "revenue (or quantity and unit_price)" in str(error)


def test_amount_that_does_not_parse_names_row_column_and_value(filled, tmp_path):
    path = tmp_path / "bad_amount.csv"
    path.write_text(
        "customer_id,date,amount\nc1,2024-01-01,10\nc2,2024-01-02,12.50\n"
        "c3,2024-01-03,twelve\nc4,2024-01-04,3\n"
    )
    error = failure(filled, path)
    assert (error.file, error.row, error.column, error.value) == (
        "bad_amount.csv",
        4,
        "amount",
        "twelve",
    )
    assert "row 4" in str(error) and "not a number" in str(error) and "Fix:" in str(error)


def test_date_that_does_not_parse(filled, tmp_path):
    path = tmp_path / "bad_date.csv"
    path.write_text("customer_id,date,amount\nc1,01.02.2024,10\nc2,31.02.2024,12\n")
    error = failure(filled, path)
    assert (error.row, error.column, error.value) == (3, "date", "31.02.2024")
    assert "not a date" in str(error)


def test_empty_required_date(filled, tmp_path):
    path = tmp_path / "no_date.csv"
    path.write_text("customer_id,date,amount\nc1,2024-01-01,10\nc2,,12\n")
    error = failure(filled, path)
    assert (error.row, error.column) == (3, "date") and "empty" in str(error)


def test_row_with_the_wrong_number_of_fields(filled, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("customer_id,date,amount\nc1,2024-01-01,10\nc2,2024-01-02,1,5\n")
    error = failure(filled, path)
    assert error.row == 3 and "has 4 fields but the header has 3" in str(error)
    assert error.value == "c2,2024-01-02,1,5"


def test_a_row_with_many_extra_fields_says_how_many(filled, tmp_path):
    path = tmp_path / "ragged_more.csv"
    path.write_text('customer_id,date,amount\nc1,2024-01-01,10\n"c,2",2024-01-02,1,5,6,7\n')
    error = failure(filled, path)
    assert error.row == 3 and "has 6 fields but the header has 3" in str(error)


def test_unknown_feedback_kind(filled, tmp_path):
    path = tmp_path / "kinds.csv"
    path.write_text("date,kind,text\n2024-01-01,complaint,Slow\n2024-01-02,rant,Meh\n")
    error = failure(filled, path, table="feedback")
    assert (error.row, error.column, error.value) == (3, "kind", "rant")
    assert "жалоба" in str(error)


def test_scores_on_no_known_scale(filled, tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("date,score\n2024-01-01,55\n")
    error = failure(filled, path, table="feedback")
    assert "neither 1-5 ratings nor 0-10 NPS" in str(error)


def test_bad_mapping_and_options(filled, tmp_path):
    path = tmp_path / "good2.csv"
    path.write_text(GOOD.replace("c1", "c2"))
    error = failure(filled, path, mapping={"customer_id": "customer_id", "nope": "revenue"})
    assert "no column 'nope'" in str(error)
    error = failure(filled, path, mapping={"customer_id": "customer_id", "date": "birthday"})
    assert "'birthday' is not a field of transactions" in str(error)
    assert "mode" in str(failure(filled, path, mode="merge"))
    assert "Unknown table" in str(failure(filled, path, table="orders"))


def test_unreadable_workbook(filled, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not really a zip" * 10)
    error = failure(filled, path)
    assert "workbook cannot be read" in str(error) and "broken.xlsx" in str(error)


def _long_file(path, bad_row: int, bad_value: str, rows: int = 60_000):
    """A clean file longer than the rows the importer samples, with one odd amount far down."""
    lines = ["customer_id,date,amount"]
    lines += [
        f"c{i % 97},2024-01-{1 + i % 28:02d} 10:00:00,"
        f"{bad_value if i + 2 == bad_row else f'{i % 50}.5'}"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_bad_amount_beyond_the_sampled_rows_is_found_with_its_row(filled, tmp_path):
    # The first 50,000 rows are plain numbers, so DuckDB's reader parses the column itself;
    # the bad value far down must still be named with its row, and nothing may change.
    path = _long_file(tmp_path / "long.csv", bad_row=58_001, bad_value="12.5x")
    error = failure(filled, path)
    assert (error.row, error.column, error.value) == (58_001, "amount", "12.5x")
    assert "not a number" in str(error)


def test_a_grouped_amount_beyond_the_sampled_rows_is_still_read(conn, tmp_path):
    # "1,234.50" is a valid amount that the reader's own number parser refuses: the import must
    # read the file as text again and get it right rather than fail.
    path = _long_file(tmp_path / "grouped.csv", bad_row=59_001, bad_value='"1,234.50"')
    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == 60_000 and result.rows_set_aside == 0
    top = conn.execute("SELECT max(revenue) FROM transactions").fetchone()[0]
    assert top == 1234.5
