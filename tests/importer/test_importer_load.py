"""Importing real data: Online Retail II totals, re-imports, replace, duplicates, remembered maps."""

from __future__ import annotations

import json

import duckdb
import pytest

from dashboard import importer
from dashboard.importer import write as write_step
from dashboard.store import database


def rows(conn, sql: str, params=None) -> list[tuple]:
    return conn.execute(sql, params or []).fetchall()


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def retail(tmp_path_factory, online_retail_path):
    """Online Retail II imported once into a database of its own."""
    conn = database.connect(tmp_path_factory.mktemp("retail") / "retail.duckdb")
    messages = []
    result = importer.import_file(
        conn, online_retail_path, "transactions", progress=lambda f, m: messages.append((f, m))
    )
    yield conn, result, messages
    conn.close()


def test_online_retail_preview_proposes_the_mapping(online_retail_path):
    preview = importer.preview_file(online_retail_path)
    assert (preview.format, preview.rows, preview.suggested_table) == (
        "parquet",
        1_067_370,
        "transactions",
    )
    assert preview.mapping == {
        "Invoice": "order_id",
        "Description": "product",
        "Quantity": "quantity",
        "InvoiceDate": "ordered_at",
        "Price": "unit_price",
        "Customer ID": "customer_id",
        "Country": "country",
    }
    assert len(preview.sample) == 20 and preview.date_format == "iso"


def test_online_retail_every_line_is_imported_or_set_aside(retail, online_retail_path):
    conn, result, _ = retail
    file_rows = rows(conn, f"SELECT count(*) FROM '{online_retail_path}'")[0][0]
    assert file_rows == 1_067_370
    assert result.rows_imported + result.rows_set_aside == file_rows
    assert result.set_aside_reasons["no customer id"] == 243_007
    assert result.set_aside_reasons["duplicate row"] == result.duplicate_rows > 22_523
    assert rows(conn, "SELECT count(*) FROM transactions") == [(result.rows_imported,)]


def test_online_retail_revenue_matches_duckdbs_own_sum(retail, online_retail_path):
    conn, _, _ = retail
    expected = rows(
        conn,
        f"""
        SELECT sum(Quantity * Price) FROM (
            SELECT DISTINCT Invoice, StockCode, trim(Description), Quantity, InvoiceDate, Price,
                   "Customer ID", Country  -- the whole row: StockCode is not mapped but counts
            FROM '{online_retail_path}' WHERE "Customer ID" IS NOT NULL)""",
    )[0][0]
    imported = rows(conn, "SELECT sum(revenue) FROM transactions")[0][0]
    assert imported == pytest.approx(expected, abs=0.01)


def test_online_retail_customers_and_countries(retail):
    conn, result, _ = retail
    assert rows(conn, "SELECT count(DISTINCT customer_id) FROM transactions") == [(5942,)]
    assert result.customers_added == 5942
    assert rows(conn, "SELECT count(*), count(country) FROM customers") == [(5942, 5942)]
    assert rows(conn, "SELECT country FROM customers WHERE customer_id = '13085'") == [
        ("United Kingdom",)
    ]


def test_online_retail_cancellations_stay_negative(retail):
    conn, _, _ = retail
    cancelled = rows(
        conn, "SELECT count(*), max(revenue) FROM transactions WHERE order_id LIKE 'C%'"
    )[0]
    assert cancelled[0] > 8000 and cancelled[1] <= 0


def test_online_retail_log_and_progress(retail):
    conn, result, messages = retail
    log = rows(
        conn,
        "SELECT file_name, table_name, mode, rows_imported, rows_set_aside, "
        "set_aside_reasons, duplicate_rows, mapping FROM import_log",
    )
    assert len(log) == 1
    name, table, mode, imported, set_aside, reasons, duplicates, mapping = log[0]
    assert (name, table, mode, imported) == (
        "online_retail_ii.parquet",
        "transactions",
        "append",
        result.rows_imported,
    )
    assert json.loads(reasons) == result.set_aside_reasons and duplicates == result.duplicate_rows
    assert json.loads(mapping)["Customer ID"] == "customer_id"
    assert rows(
        conn, "SELECT count(*) FROM transactions WHERE import_id = ?", [result.import_id]
    ) == [(imported,)]
    assert database.data_version(conn) == 1
    assert messages[0] == (0.0, "Checking online_retail_ii.parquet")
    assert messages[-1] == (1.0, f"Imported {result.rows_imported:,} rows into transactions")
    assert [f for f, _ in messages] == sorted(f for f, _ in messages)


SALES = "customer_id,date,amount\nc1,2024-01-01,10\nc2,2024-01-02,20\nc1,2024-01-01,10\n"


def test_progress_messages_in_russian(conn, tmp_path):
    messages = []
    path = write(tmp_path / "a.csv", SALES)
    importer.import_file(
        conn, path, "transactions", progress=lambda f, m: messages.append(m), lang="ru"
    )
    assert messages[0] == "Проверка файла a.csv"
    assert messages[-1] == "Импортировано строк: 2 (таблица transactions)"


def test_same_content_twice_adds_nothing(conn, tmp_path):
    first = importer.import_file(conn, write(tmp_path / "a.csv", SALES), "transactions")
    version = database.data_version(conn)
    second = importer.import_file(conn, write(tmp_path / "copy.csv", SALES), "transactions")
    assert second.already_imported and second.import_id == first.import_id
    assert second.rows_imported == 0
    assert rows(conn, "SELECT count(*) FROM transactions") == [(2,)]
    assert database.data_version(conn) == version


def test_replace_mode_replaces_the_table(conn, tmp_path):
    importer.import_file(conn, write(tmp_path / "a.csv", SALES), "transactions")
    newer = write(tmp_path / "b.csv", "customer_id,date,amount\nc9,2024-02-01,99\n")
    result = importer.import_file(conn, newer, "transactions", mode="replace")
    assert rows(conn, "SELECT customer_id, revenue, import_id FROM transactions") == [
        ("c9", 99.0, result.import_id)
    ]
    assert result.rows_removed == 2  # the two rows of a.csv, noted in the log
    assert rows(conn, "SELECT rows_removed FROM import_log WHERE import_id = ?",
                [result.import_id]) == [(2,)]  # fmt: skip
    again = importer.import_file(conn, tmp_path / "a.csv", "transactions")
    assert not again.already_imported and again.rows_imported == 2


def test_duplicates_set_aside_or_kept(conn, tmp_path):
    path = write(tmp_path / "a.csv", SALES)
    result = importer.import_file(conn, path, "transactions")
    assert (result.rows_imported, result.set_aside_reasons) == (2, {"duplicate row": 1})
    kept = importer.import_file(conn, path, "transactions", mode="replace", keep_duplicates=True)
    assert (kept.rows_imported, kept.rows_set_aside, kept.duplicate_rows) == (3, 0, 1)
    assert rows(conn, "SELECT sum(revenue) FROM transactions") == [(40.0,)]


def test_the_id_column_wins_over_the_name_column():
    mapping = importer.propose_mapping(["Customer", "Customer ID", "Date", "Total"], "transactions")
    assert mapping == {
        "Customer": "customer_name",
        "Customer ID": "customer_id",
        "Date": "ordered_at",
        "Total": "revenue",
    }
    assert (
        importer.propose_mapping(["Клиент", "Дата", "Сумма"], "transactions")["Клиент"]
        == "customer_id"
    )


def test_guess_table_from_headers():
    assert (
        importer.guess_table(
            ["Invoice", "StockCode", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"]
        )
        == "transactions"
    )
    assert importer.guess_table(["review_id", "date", "rating", "text"]) == "feedback"
    assert importer.guess_table(["Customer ID", "Name", "E-mail", "Phone"]) == "customers"
    assert importer.guess_table(["client", "date", "channel", "type"]) == "interactions"


def test_a_corrected_mapping_is_remembered_for_the_same_headers(conn, tmp_path):
    header = "acct,when,gross,note\n"
    first = write(tmp_path / "jan.csv", header + "k1,2024-01-01,5,x\n")
    assert importer.preview_file(first, table="transactions", conn=conn).mapping == {}
    mapping = {"acct": "customer_id", "when": "ordered_at", "gross": "revenue"}
    importer.import_file(conn, first, "transactions", mapping=mapping)
    second = write(tmp_path / "feb.csv", header + "k2,2024-02-01,7,y\n")
    preview = importer.preview_file(second, conn=conn)
    assert preview.mapping == mapping and preview.suggested_table == "transactions"
    importer.import_file(conn, second, "transactions")
    assert rows(conn, "SELECT customer_id, revenue FROM transactions ORDER BY 1") == [
        ("k1", 5.0),
        ("k2", 7.0),
    ]


def test_customers_file_fills_and_updates_customers(conn, tmp_path):
    importer.import_file(
        conn,
        write(tmp_path / "t.csv", "Customer ID,Date,Amount,Country\n1,2024-01-01,5,France\n"),
        "transactions",
    )
    people = write(
        tmp_path / "people.csv",
        "Customer ID,Name,Email,Loyalty card\n"
        "1,Anne,anne@example.com,gold\n2,Boris,,silver\n,Nobody,,\n",
    )
    result = importer.import_file(conn, people, "customers")
    assert (result.rows_imported, result.customers_updated) == (2, 1)
    assert result.set_aside_reasons == {"no customer id": 1}
    got = rows(
        conn,
        "SELECT customer_id, name, email, country, attributes->>'Loyalty card' "
        "FROM customers ORDER BY 1",
    )
    assert got == [
        ("1", "Anne", "anne@example.com", "France", "gold"),
        ("2", "Boris", None, None, "silver"),
    ]


def test_interactions_file(conn, tmp_path):
    path = write(
        tmp_path / "calls.csv",
        "client_id;date;channel;type;cost\n"
        "1;2024-01-01 10:00;phone;Support_call;2,5\n;2024-01-02;web;chat;1\n",
    )
    result = importer.import_file(conn, path, "interactions")
    assert result.set_aside_reasons == {"no customer id": 1}
    assert rows(conn, "SELECT customer_id, channel, kind, cost FROM interactions") == [
        ("1", "phone", "support_call", 2.5)
    ]


def test_import_runs_on_its_own_cursor(tmp_path):
    conn = duckdb.connect(str(tmp_path / "plain.duckdb"))
    database.ensure_schema(conn)
    importer.import_file(conn, write(tmp_path / "a.csv", SALES), "transactions")
    assert rows(conn, "SELECT count(*) FROM transactions") == [(2,)]


def test_transactions_add_only_customers_not_known_yet(conn, tmp_path):
    header = "Customer ID,Date,Amount,Country\n"
    importer.import_file(
        conn, write(tmp_path / "a.csv", header + "1,2024-01-01,5,France\n"), "transactions"
    )
    second = write(tmp_path / "b.csv", header + "1,2024-02-01,6,Spain\n2,2024-02-02,7,Italy\n")
    result = importer.import_file(conn, second, "transactions")
    assert result.customers_added == 1
    assert rows(conn, "SELECT customer_id, country FROM customers ORDER BY 1") == [
        ("1", "France"),
        ("2", "Italy"),
    ]


def test_online_retail_as_csv_imports_exactly_as_the_parquet_file(
    retail, online_retail_path, tmp_path, monkeypatch
):
    # The CSV is parsed by DuckDB's reader with types, and its repeats are found by row hashes
    # as a large file's are (the Parquet import leaves them out with DISTINCT); the Parquet import
    # is the reference: the same rows, guests, repeats, revenue and customers.
    monkeypatch.setattr(write_step, "DISTINCT_ROWS", 0)
    conn, parquet, _ = retail
    csv_path = tmp_path / "online_retail_ii.csv"
    duckdb.execute(f"COPY (SELECT * FROM '{online_retail_path}') TO '{csv_path}' (HEADER)")
    own = database.connect(tmp_path / "csv.duckdb")
    result = importer.import_file(own, csv_path, "transactions")
    assert (result.rows_imported, result.set_aside_reasons) == (
        parquet.rows_imported,
        parquet.set_aside_reasons,
    )
    summary = "SELECT count(DISTINCT customer_id), round(sum(revenue), 2), min(ordered_at) FROM transactions"
    assert rows(own, summary) == rows(conn, summary)
    assert rows(own, "SELECT count(*) FROM customers") == rows(
        conn, "SELECT count(*) FROM customers"
    )
    own.close()


def test_the_imports_memory_saving_stays_on_its_own_cursor(conn, tmp_path):
    # An import drops insertion order to save memory; the app's other queries (a preview's
    # "first rows", a LIMIT without ORDER BY) must keep the file's order.
    first = tmp_path / "first.csv"
    first.write_text("Customer ID,Date,Amount\n1,2024-01-01,10\n")
    importer.import_file(conn, first, "transactions")
    setting = "SELECT current_setting('preserve_insertion_order')"
    assert conn.execute(setting).fetchone() == (True,)
    assert conn.cursor().execute(setting).fetchone() == (True,)


def test_replacing_transactions_replaces_the_customers_they_brought(conn, tmp_path):
    known = tmp_path / "customers.csv"
    known.write_text("Customer ID,Name,Email\n1,Ann,ann@example.com\n")
    importer.import_file(conn, known, "customers")
    old = tmp_path / "2023.csv"
    old.write_text(
        "Customer ID,Date,Amount,Country\n1,2023-01-01,10,France\n2,2023-01-02,5,Spain\n"
    )
    assert importer.import_file(conn, old, "transactions").customers_added == 1  # 2; 1 is known
    new = tmp_path / "2024.csv"
    new.write_text("Customer ID,Date,Amount,Country\n3,2024-01-01,7,Italy\n")
    result = importer.import_file(conn, new, "transactions", mode="replace")
    assert result.customers_added == 1
    # customer 2 came only with the replaced file: gone; Ann from the customers file stays
    assert conn.execute(
        "SELECT customer_id, name, country FROM customers ORDER BY customer_id"
    ).fetchall() == [("1", "Ann", None), ("3", None, "Italy")]


def test_every_buyer_of_a_transactions_file_gets_a_customer_record(conn, tmp_path):
    from dashboard.reporting import metrics
    from dashboard.store.filters import Filters

    path = tmp_path / "sales.csv"
    path.write_text("Customer ID,Date,Amount\n1,2024-01-01,10\n2,2024-01-02,5\n1,2024-02-01,3\n")
    assert importer.import_file(conn, path, "transactions").customers_added == 2
    assert database.table_counts(conn)["customers"] == 2  # what the sidebar says
    assert metrics.period_kpis(conn, Filters())["customers"] == 2  # what the Overview says
    later = tmp_path / "customers.csv"
    later.write_text("Customer ID,Name,Country\n1,Ann,France\n")
    importer.import_file(conn, later, "customers")
    assert conn.execute(
        "SELECT name, country FROM customers WHERE customer_id = '1'"
    ).fetchall() == [("Ann", "France")]


@pytest.mark.parametrize("large", [False, True], ids=["DISTINCT", "row hashes"])
def test_rows_alike_but_for_an_unmapped_column_are_all_imported(conn, tmp_path, monkeypatch, large):
    # Two items of one order, alike in every mapped field, told apart only by the file's own
    # order_item_id (not mapped): both are real purchases. Two wholly identical lines are one.
    if large:
        monkeypatch.setattr(write_step, "DISTINCT_ROWS", 0)  # the path of a large file
    path = write(
        tmp_path / "items.csv",
        "order_id,order_item_id,customer_id,date,amount\n"
        "o1,1,c1,2024-01-01,10\n"
        "o1,2,c1,2024-01-01,10\n"
        "o2,1,c2,2024-01-02,5\n"
        "o2,1,c2,2024-01-02,5\n",
    )
    mapping = {"order_id": "order_id", "customer_id": "customer_id", "date": "ordered_at"}
    result = importer.import_file(
        conn, path, "transactions", mapping=mapping | {"amount": "revenue"}
    )
    assert result.rows_imported == 3 and result.duplicate_rows == 1
    assert result.set_aside_reasons.get(write_step.DUPLICATE) == 1
    assert rows(
        conn, "SELECT customer_id, sum(revenue) FROM transactions GROUP BY 1 ORDER BY 1"
    ) == [
        ("c1", 20.0),
        ("c2", 5.0),
    ]


@pytest.mark.parametrize("repeats", [False, True], ids=["no repeats", "repeats"])
def test_a_large_files_rows_out_of_range_are_set_aside_before_repeats(
    conn, tmp_path, monkeypatch, repeats
):
    # A large file's rows (found repeated by row hashes) dated out of range are set aside
    # first: repeats among them are not counted as repeats; a repeat in range is.
    monkeypatch.setattr(write_step, "DISTINCT_ROWS", 0)  # the path of a large file
    lines = [
        "c1,2024-01-01,10",
        "c2,2024-01-02,5",
        ",2024-01-03,7",  # a guest
        "c3,1850-01-01,4",  # out of range, twice: not a repeat
        "c3,1850-01-01,4",
    ] + ["c1,2024-01-01,10"] * repeats
    path = write(tmp_path / "sales.csv", "customer_id,date,amount\n" + "\n".join(lines) + "\n")
    result = importer.import_file(conn, path, "transactions")
    expected = {write_step.GUEST: 1, write_step.OUT_OF_RANGE: 2}
    assert result.set_aside_reasons == expected | ({write_step.DUPLICATE: 1} if repeats else {})
    assert (result.rows_imported, result.duplicate_rows) == (2, int(repeats))
    assert rows(conn, "SELECT customer_id, revenue FROM transactions ORDER BY 1") == [
        ("c1", 10.0),
        ("c2", 5.0),
    ]
    logged = "SELECT rows_imported, rows_set_aside, duplicate_rows FROM import_log"
    assert rows(conn, logged) == [(2, 3 + repeats, int(repeats))]


@pytest.mark.parametrize("large", [False, True], ids=["DISTINCT", "row hashes"])
def test_one_customer_written_three_ways_is_one_customer(conn, tmp_path, monkeypatch, large):
    # The customers of a transactions file are grouped by the id as the file writes it, then
    # by the clean id: " 7", "7.0" and "7" are one customer, with the country one of its rows
    # gives (blank countries are none); the guests are counted.
    if large:
        monkeypatch.setattr(write_step, "DISTINCT_ROWS", 0)
    path = write(
        tmp_path / "sales.csv",
        "customer_id,date,amount,country\n"
        '" 7",2024-01-01,10,\n'
        "7.0,2024-01-02,5,France\n"
        '7,2024-01-03,2," "\n'
        "8,2024-01-04,3,Spain\n"
        ",2024-01-05,4,Italy\n"
        '" ",2024-01-06,1,Italy\n',
    )
    result = importer.import_file(conn, path, "transactions")
    assert (result.rows_imported, result.customers_added) == (4, 2)
    assert result.set_aside_reasons == {write_step.GUEST: 2}
    assert rows(conn, "SELECT customer_id, country FROM customers ORDER BY 1") == [
        ("7", "France"),
        ("8", "Spain"),
    ]
    assert rows(conn, "SELECT customer_id, count(*) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("7", 3),
        ("8", 1),
    ]
