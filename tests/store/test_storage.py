"""The database file, its schema contract, the data version and the summary."""

from datetime import date

import pytest

from dashboard import cli
from dashboard.errors import StorageError
from dashboard.store import database
from dashboard.store.filters import Filters

CONTRACT = {
    "customers": {"customer_id", "name", "email", "phone", "country", "channel", "signup_at"},
    "transactions": {
        "customer_id",
        "order_id",
        "ordered_at",
        "revenue",
        "cost",
        "quantity",
        "product",
        "category",
        "channel",
    },
    "feedback": {
        "customer_id",
        "created_at",
        "kind",
        "score",
        "scale",
        "channel",
        "text",
        "resolved_at",
    },
    "interactions": {"customer_id", "occurred_at", "channel", "kind", "cost"},
    "import_log": {
        "imported_at",
        "file_name",
        "table_name",
        "rows_imported",
        "rows_set_aside",
        "set_aside_reasons",
        "content_hash",
    },
}


def test_schema_has_the_documented_columns(conn):
    for table, columns in CONTRACT.items():
        present = {row[0] for row in conn.execute(f"DESCRIBE {table}").fetchall()}
        assert columns <= present, f"{table} lacks {columns - present}"


def test_db_path_from_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(database.DB_ENV_VAR, raising=False)
    assert database.resolve_db_path() == database.DEFAULT_DB_PATH
    monkeypatch.setenv(database.DB_ENV_VAR, str(tmp_path / "env.duckdb"))
    assert database.resolve_db_path() == tmp_path / "env.duckdb"
    assert database.resolve_db_path(tmp_path / "arg.duckdb") == tmp_path / "arg.duckdb"


def test_clear_table_deletes_rows_and_bumps_version(conn):
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue) VALUES "
        "('1', TIMESTAMP '2024-01-05', 10), ('2', TIMESTAMP '2024-02-05', -4)"
    )
    before = database.data_version(conn)
    assert database.clear_table(conn, "transactions") == 2
    assert database.table_counts(conn)["transactions"] == 0
    assert database.data_version(conn) == before + 1
    with pytest.raises(StorageError, match="Unknown table"):
        database.clear_table(conn, "import_log")


def test_a_clear_is_noted_in_the_import_log_and_the_last_import_stays_the_import(conn):
    import_id = database.next_import_id(conn)
    conn.execute(
        "INSERT INTO import_log (import_id, imported_at, file_name, table_name, mode, "
        "rows_imported, rows_set_aside) VALUES ($1, TIMESTAMP '2024-03-01', 'sales.csv', "
        "'transactions', 'append', 2, 0)",
        [import_id],
    )
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue, import_id) VALUES "
        "('1', TIMESTAMP '2024-01-05', 10, $1), ('2', TIMESTAMP '2024-02-05', -4, $1)",
        [import_id],
    )
    database.clear_table(conn, "transactions")
    log = database.read_import_log(conn)
    assert list(log["mode"]) == ["clear", "append"]
    assert (log.iloc[0]["table_name"], log.iloc[0]["rows_removed"]) == ("transactions", 2)
    assert log.iloc[0]["rows_imported"] == 0
    assert database.summary(conn)["last_import"]["file"] == "sales.csv"


def test_an_older_database_gets_the_rows_removed_column(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute(
        "CREATE TABLE import_log (import_id INTEGER PRIMARY KEY, imported_at TIMESTAMP NOT NULL, "
        "file_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, mode VARCHAR NOT NULL, "
        "rows_imported BIGINT NOT NULL, rows_set_aside BIGINT NOT NULL, set_aside_reasons JSON, "
        "duplicate_rows BIGINT NOT NULL DEFAULT 0, content_hash VARCHAR, mapping JSON)"
    )
    old.execute("INSERT INTO import_log VALUES (7, now(), 'a.csv', 'customers', 'append', 3, 0, "
                "'{}', 0, 'h', '{}')")  # fmt: skip
    old.close()
    conn = database.connect(path)
    try:
        log = database.read_import_log(conn)
        assert (log.iloc[0]["file_name"], log.iloc[0]["rows_removed"]) == ("a.csv", 0)
        conn.execute("INSERT INTO customers (customer_id, import_id) VALUES ('c1', 7)")
        assert database.clear_table(conn, "customers") == 1
        log = database.read_import_log(conn)
        assert list(log.loc[log["mode"] == "clear", "rows_removed"]) == [1]
    finally:
        conn.close()


def test_summary_counts_and_date_range(conn):
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) VALUES "
        "('1', 'a', TIMESTAMP '2024-01-05 10:00', 10), ('1', 'b', TIMESTAMP '2024-03-01', 5), "
        "('2', 'c', TIMESTAMP '2024-02-05', -4)"
    )
    info = database.summary(conn)
    assert info["rows"]["transactions"] == 3
    assert info["customers"] == 2 and info["orders"] == 2  # 'c' is a return, not an order
    assert info["revenue"] == pytest.approx(11)
    assert (info["date_from"], info["date_to"]) == ("2024-01-05", "2024-03-01")


def test_summary_counts_orders_as_the_overview_does_when_a_file_has_no_order_ids(conn):
    from dashboard.reporting import metrics
    from dashboard.store.filters import Filters

    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue) VALUES "
        "('1', TIMESTAMP '2024-01-05', 10), ('1', TIMESTAMP '2024-01-05', 3), "
        "('1', TIMESTAMP '2024-02-01', 5), ('2', TIMESTAMP '2024-02-05', 7)"
    )
    orders = database.summary(conn)["orders"]
    assert orders == 3  # two lines bought at one moment are one order
    assert metrics.period_kpis(conn, Filters(None, None))["orders"] == orders


def test_settings_round_trip_and_bump_version(conn):
    before = database.data_version(conn)
    database.put_setting(conn, "currency", "RUB")
    assert database.get_setting(conn, "currency") == "RUB"
    assert database.get_setting(conn, "missing", "x") == "x"
    assert database.data_version(conn) == before + 1


def test_filters_sql_is_inclusive_of_the_end_day(conn):
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue, channel) VALUES "
        "('1', TIMESTAMP '2024-01-31 23:59', 10, 'web'), ('1', TIMESTAMP '2024-02-01', 5, 'store')"
    )
    sql, params = Filters(date(2024, 1, 1), date(2024, 1, 31)).transaction_sql("t")
    assert (
        conn.execute(f"SELECT sum(revenue) FROM transactions t WHERE {sql}", params).fetchone()[0]
        == 10
    )
    sql, params = Filters(channels=("store",)).transaction_sql("t")
    assert (
        conn.execute(f"SELECT sum(revenue) FROM transactions t WHERE {sql}", params).fetchone()[0]
        == 5
    )


def test_previous_period_has_the_same_length():
    previous = Filters(date(2024, 3, 1), date(2024, 3, 31)).previous()
    assert (previous.start, previous.end) == (date(2024, 1, 30), date(2024, 2, 29))


def test_summary_command_prints_json(tmp_path, capsys):
    database.connect(tmp_path / "s.duckdb").close()  # an empty dashboard database
    assert cli.main(["summary", "--db", str(tmp_path / "s.duckdb"), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"transactions": 0' in out and '"database"' in out


def test_a_period_is_kept_inside_the_data():
    from dashboard.store.filters import default_period, fit_period

    first, last = date(2009, 12, 1), date(2011, 12, 9)
    assert fit_period(date(2010, 1, 1), date(2010, 6, 30), first, last) == (
        date(2010, 1, 1),
        date(2010, 6, 30),
    )
    assert fit_period(date(2011, 6, 1), date(2026, 10, 31), first, last) == (
        date(2011, 6, 1),
        last,
    )  # an overlapping period is cut to the data
    for start, end in ((date(2025, 11, 1), date(2026, 10, 31)), (None, None),
                       (date(2011, 5, 1), date(2011, 1, 1))):  # fmt: skip
        assert fit_period(start, end, first, last) == default_period(first, last)
    assert fit_period(date(2010, 1, 1), date(2010, 2, 1), None, None) == (None, None)


def test_the_log_knows_how_many_rows_of_each_import_are_still_there(conn, tmp_path):
    from dashboard import importer
    from dashboard.demo import generator

    first = tmp_path / "first.csv"
    first.write_text("Customer ID,Date,Amount\n1,2024-01-01,10\n2,2024-01-02,5\n3,2024-01-03,1\n")
    one = importer.import_file(conn, first, "transactions").import_id
    second = tmp_path / "second.csv"
    second.write_text("Customer ID,Date,Amount\n9,2024-02-01,10\n")
    two = importer.import_file(conn, second, "transactions", mode="replace").import_id
    left = database.rows_left_by_import(conn)
    assert (left[one], left[two]) == (0, 1)  # replaced: none of the first file's 3 rows is there
    database.clear_table(conn, "transactions")
    assert database.rows_left_by_import(conn)[two] == 0
    generator.load_demo(conn, customers=50, seed=1)
    load = conn.execute("SELECT max(import_id) FROM import_log").fetchone()[0]
    everything = sum(database.table_counts(conn).values())
    assert database.rows_left_by_import(conn)[load] == everything  # the demo fills every table
