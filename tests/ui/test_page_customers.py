"""The Customers page through AppTest: search by typing, links, profile, quality, duplicates."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import format_money
from dashboard.store import database
from dashboard.text_safety import plain_text
from tests.identify.test_customers import fill
from tests.ui.test_ui_tables import shown as table_text

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")
YEAR_2024 = {"from": "2024-01-01", "to": "2024-12-31"}


@pytest.fixture
def shop_app(app_db):
    """The app pointed at the hand-made shop (a database with data: no demo is loaded)."""
    conn = database.connect(app_db)
    fill(conn)
    conn.close()
    return app_db


def open_page(**query) -> AppTest:
    """The app opened with a link's query, then the Customers page chosen in the navigation."""
    at = AppTest.from_file(ENTRY, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/customers.py").run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def table_with(at: AppTest, column: str):
    """The first table showing ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_typing_a_search_shows_the_customer_and_keeps_it_in_the_link(shop_app):
    at = open_page(**YEAR_2024)
    assert_clean(at)
    assert at.title[0].value == "Customers"
    at.text_input(key="customer_search").input("SMITH john").run()
    assert_clean(at)
    assert at.subheader[0].value == "John Smith"
    shown = metrics(at)
    assert shown["Revenue"] == "$130" and shown["Orders"] == "2" and shown["Returns"] == "1"
    assert shown["Last NPS answer"] == "3" and shown["Complaints"] == "1"
    assert shown["First purchase"] == "2023-06-01" and shown["Last purchase"] == "2024-02-10"
    assert at.query_params["q"] == "SMITH john" and at.query_params["customer"] == "C1"
    matches = at.dataframe[0].value
    assert matches["Id"].tolist() == ["C1"] and matches["Revenue"].tolist() == [130]
    assert table_text(at.dataframe[0])["Revenue"].tolist() == ["$130.00"]
    feedback = table_with(at, "Text")
    assert feedback["Text"].tolist()[0] == "Please add sizes"  # newest first
    chart = at.get("plotly_chart")[0]
    assert "$130 over 2 months" in chart.proto.spec


def test_a_link_with_a_phone_search_and_a_customer_opens_that_customer(shop_app):
    at = open_page(q="+7 495 1234567", customer="C10", **YEAR_2024)
    assert_clean(at)
    assert at.text_input(key="customer_search").value == "+7 495 1234567"
    assert sorted(at.selectbox(key="customer_pick").options) == sorted(
        ["C10 · Ann Lee", "C3 · Иван Петров · ivan@yandex.ru"]
    )
    assert at.subheader[0].value == "Ann Lee"
    assert metrics(at)["Revenue"] == "$300"
    at.selectbox(key="customer_pick").select("C3").run()
    assert at.subheader[0].value == "Иван Петров"
    assert at.query_params["customer"] == "C3"


def test_a_search_without_match_says_what_to_try(shop_app):
    at = open_page(**YEAR_2024)
    at.text_input(key="customer_search").input("zzz-nobody").run()
    assert_clean(at)
    assert any("No customer matches “zzz-nobody”" in plain_text(i.value) for i in at.info)
    assert not at.subheader


def test_quality_and_duplicates_tabs_show_the_shop(shop_app):
    at = open_page(**YEAR_2024)
    assert_clean(at)
    shown = metrics(at)
    assert shown["Customers with an e-mail"] == "83.3%"
    assert shown["Transactions of unknown ids"] == "14.3%"
    assert shown["Groups"] == "3" and shown["Customer ids in them"] == "5"
    assert any("customer ids: 1" in w.value for w in at.warning)
    duplicates = table_with(at, "Matched on")
    assert duplicates["Matched on"].tolist()[:2] == ["E-mail, Name + country"] * 2
    assert at.get("download_button"), "the duplicates can be downloaded"


def test_the_page_works_in_russian(shop_app):
    # The page alone: on a rerun of the whole app in Russian, AppTest cannot re-send the
    # sidebar's translated period selectbox (its format_func runs outside the session).
    at = AppTest.from_file(
        str(database.PROJECT_ROOT / "pages" / "customers.py"), default_timeout=180
    )
    for key, value in {"lang": "ru", "q": "петров", **YEAR_2024}.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    assert at.title[0].value == "Клиенты"
    assert at.subheader[0].value == "Иван Петров"
    assert "Выручка" in metrics(at)


def test_the_page_works_on_the_demo_data(app_db):
    at = open_page()
    assert_clean(at)
    assert at.subheader, "the best customer's profile is shown before any search"
    best = at.selectbox(key="customer_pick").value
    at.text_input(key="customer_search").input(best).run()
    assert_clean(at)
    assert at.selectbox(key="customer_pick").value == best
    assert at.get("plotly_chart"), "the monthly revenue and identification charts are drawn"


def test_name_only_duplicates_are_hidden_until_switched_on(shop_app):
    conn = database.connect(shop_app)
    conn.execute(
        "INSERT INTO customers (customer_id, name, country) VALUES ('C6', 'ann lee', 'RU')"
    )
    conn.close()
    at = open_page(**YEAR_2024)
    assert metrics(at)["Groups"] == "3"
    assert any("not shown: 1" in c.value for c in at.caption)
    at.toggle(key="duplicates_name_only").set_value(True).run()
    assert_clean(at)
    assert metrics(at)["Groups"] == "4"
    assert "C6" in table_with(at, "Matched on")["Id"].tolist()


@pytest.fixture
def online_retail_app(app_db, online_retail_path, tmp_path):
    """The app on a CSV of real Online Retail II lines of 40 customers, imported as transactions."""
    import duckdb

    from dashboard import importer

    sample = tmp_path / "online_retail_sample.csv"
    source = str(online_retail_path)
    duckdb.execute(
        f"""COPY (SELECT * FROM read_parquet('{source}') WHERE "Customer ID" IN (
                SELECT DISTINCT "Customer ID" FROM read_parquet('{source}')
                WHERE "Customer ID" IS NOT NULL ORDER BY 1 LIMIT 40))
            TO '{sample}' (HEADER)"""
    )
    conn = database.connect(app_db)
    importer.import_file(conn, sample, "transactions")
    conn.close()
    return app_db


def test_the_page_works_on_imported_online_retail_transactions(online_retail_app):
    at = open_page(**{"from": "2009-12-01", "to": "2011-12-09"})
    assert_clean(at)
    at.text_input(key="customer_search").input("12347").run()
    assert_clean(at)
    assert at.selectbox(key="customer_pick").value == "12347"
    assert at.subheader[0].value == "Customer 12347"  # no names in this data: the id stands in
    assert any("Iceland" in c.value for c in at.caption)  # the country is known from the lines
    conn = database.connect(online_retail_app)
    revenue = conn.execute(
        "SELECT sum(revenue) FROM transactions WHERE customer_id = '12347'"
    ).fetchone()[0]
    conn.close()
    assert revenue > 0 and metrics(at)["Revenue"] == format_money(revenue)
    assert metrics(at)["Customers with an e-mail"] == "0.0%"
    assert any("No likely duplicates" in s.value for s in at.success)


def russian_page(**query) -> AppTest:
    """The Customers page alone, in Russian (see test_the_page_works_in_russian)."""
    at = AppTest.from_file(
        str(database.PROJECT_ROOT / "pages" / "customers.py"), default_timeout=180
    )
    for key, value in {"lang": "ru", **query}.items():
        at.query_params[key] = value
    return at.run()


def shown_text(at: AppTest) -> str:
    """Every caption and table cell a reader sees on the page."""
    cells = [table_text(d).to_string() for d in at.dataframe]
    return " ".join([c.value for c in at.caption] + cells)


def test_the_russian_page_names_countries_channels_and_kinds_in_russian(app_db):
    from dashboard.demo import generator

    conn = database.connect(app_db)
    generator.load_demo(conn, customers=500, seed=7)
    (customer,) = conn.execute(
        """SELECT c.customer_id FROM customers AS c JOIN interactions AS i USING (customer_id)
           WHERE c.country = 'United Kingdom' AND c.channel = 'marketplace' AND i.kind = 'visit'
           ORDER BY 1 LIMIT 1"""
    ).fetchone()
    conn.close()
    at = russian_page(q=customer, customer=customer, **{"from": "2022-01-01", "to": "2026-12-31"})
    assert_clean(at)
    text = shown_text(at)
    assert "Великобритания" in text and "United Kingdom" not in text
    assert "маркетплейс" in text and "marketplace" not in text
    assert "визит в магазин" in text and "visit" not in text


def test_the_russian_page_names_online_retail_countries_in_russian(online_retail_app):
    at = russian_page(q="12346", **{"from": "2009-12-01", "to": "2011-12-09"})
    assert_clean(at)
    text = shown_text(at)
    assert "Великобритания" in text and "United Kingdom" not in text


def test_a_country_the_vocabulary_does_not_know_stays_as_written(shop_app):
    conn = database.connect(shop_app)
    conn.execute("UPDATE customers SET country = 'Atlantis' WHERE customer_id = 'C3'")
    conn.close()
    at = russian_page(q="петров", **YEAR_2024)
    assert_clean(at)
    assert "Atlantis" in shown_text(at)


def test_a_profile_from_transactions_alone_shows_contacts_and_complaints_as_unknown(
    app_db, tmp_path
):
    """Online Retail II holds no service contacts and no feedback: "—", not a certain 0."""
    from tests.conftest import app_db_with_file

    app_db_with_file(
        app_db,
        tmp_path,
        "customer_id,order_id,ordered_at,revenue,country\n"
        "14646,o1,2024-01-05,500,Netherlands\n14646,o2,2024-03-01,300,Netherlands\n",
    )
    at = open_page(**YEAR_2024)
    at.text_input(key="customer_search").input("14646").run()
    assert_clean(at)
    shown = metrics(at)
    assert shown["Orders"] == "2"
    assert shown["Service contacts"] == "—" and shown["Complaints"] == "—"
    assert shown["Last NPS answer"] == "—"


def test_a_customer_without_contacts_in_a_shop_that_has_some_shows_zero(shop_app):
    at = open_page(q="C2", customer="C2", **YEAR_2024)
    assert_clean(at)
    shown = metrics(at)
    assert shown["Service contacts"] == "0" and shown["Complaints"] == "0"


def test_a_long_duplicates_list_shows_its_first_groups_and_downloads_them_all(
    shop_app, monkeypatch
):
    import csv
    import io

    from streamlit.testing.v1 import app_test as app_test_module

    from dashboard.ui import customers as view
    from tests.ui.test_downloads import RecordingFiles, served

    monkeypatch.setattr(view, "DUPLICATES_SHOWN", 3)  # the shop's 6 rows as a long list
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingFiles)
    at = open_page(**YEAR_2024)
    assert_clean(at)
    listed = table_with(at, "Matched on")
    assert listed["Group"].tolist() == [1, 1, 2, 2]  # whole groups: the 2nd starts on row 3
    assert metrics(at)["Groups"] == "3", "the figures count the whole list"
    assert any(
        "first 2 groups (4 rows) of 3 (6 rows); the CSV download holds them all" in c.value
        for c in at.caption
    )
    assert len(at.selectbox(key="merge_group").options) == 2, "the groups shown can be merged"
    button = next(b for b in at.get("download_button") if b.proto.label == "Download CSV")
    rows = list(csv.DictReader(io.StringIO(served(button).decode("utf-8-sig"))))
    assert len(rows) == 6 and {r["group_id"] for r in rows} == {"1", "2", "3"}


def test_the_duplicates_limit_is_said_in_russian(shop_app, monkeypatch):
    from dashboard.ui import customers as view

    monkeypatch.setattr(view, "DUPLICATES_SHOWN", 3)
    at = AppTest.from_file(
        str(database.PROJECT_ROOT / "pages" / "customers.py"), default_timeout=180
    )
    for key, value in {"lang": "ru", **YEAR_2024}.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    assert any(
        "первые 2 группы (4 строки) из 3 (6 строк); в файле CSV — все" in c.value
        for c in at.caption
    )
