"""The Data page: import log, demo data, clearing a table (with confirmation), currency."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from dashboard import i18n, importer
from dashboard.demo import generator, removal
from dashboard.store import database
from dashboard.text_safety import plain_text
from tests.conftest import TEST_DEMO_CUSTOMERS

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def data_page() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    at.switch_page("pages/data.py")
    return at.run()


def sidebar_text() -> str:
    """The sidebar's data status, read from a fresh session on the Overview.

    (AppTest keeps the sidebar of the first page only, so a fresh session reads it.)
    """
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    return " ".join(c.value for c in at.sidebar.caption)


def test_import_log_lists_the_demo_load(app_db):
    at = data_page()
    assert not at.exception
    log = at.dataframe[0].value
    assert log.iloc[0]["File"].startswith("demo data (2,000 customers")
    assert log.iloc[0]["Table"] == "All tables"


def test_clearing_a_table_needs_confirmation_and_is_noted_in_the_log(app_db):
    assert "Transactions: 0" not in sidebar_text() and "Transactions: " in sidebar_text()
    before = re.search(r"Transactions: ([\d,]+)", sidebar_text()).group(1)
    at = data_page()
    at.selectbox(key="clear_table").select("transactions").run()
    assert at.button(key="clear").disabled
    at.checkbox(key="clear_confirm_transactions").check().run()
    at.button(key="clear").click().run()
    assert not at.exception
    assert any("Deleted" in s.value for s in at.success)
    assert "Transactions: 0" in sidebar_text()
    log = at.dataframe[0].value
    assert list(log.iloc[0][["File", "Table", "Mode"]]) == ["—", "Transactions", "table cleared"]
    assert log.iloc[0]["Rows removed"] == int(before.replace(",", ""))  # as the sidebar said


def test_loading_demo_data_replaces_everything(app_db):
    at = data_page()
    at.number_input(key="demo_customers").set_value(500).run()
    assert at.button(key="demo_load").disabled
    at.checkbox(key="demo_confirm").check().run()
    at.button(key="demo_load").click().run()
    assert not at.exception
    assert any("500 customers" in s.value for s in at.success)
    assert "Customers: 500" in sidebar_text()


def test_currency_setting_changes_money_everywhere(app_db):
    at = data_page()
    at.selectbox(key="currency").select("EUR").run()
    assert any("Currency saved" in s.value for s in at.success)
    at.switch_page("pages/overview.py")
    at.run()
    revenue = next(m for m in at.metric if m.label == "Revenue")
    assert revenue.value.startswith("€")


def test_any_iso_currency_can_be_chosen_and_is_written_per_language(app_db):
    at = data_page()
    options = at.selectbox(key="currency").options
    assert "BRL (R$) · Brazilian Real" in options and "INR (₹) · Indian Rupee" in options
    at.selectbox(key="currency").select("BRL").run()
    assert any("Currency saved" in s.value for s in at.success)
    at.switch_page("pages/overview.py")
    at.run()
    revenue = next(m for m in at.metric if m.label == "Revenue")
    assert revenue.value.startswith("R$"), revenue.value
    russian = AppTest.from_file(ENTRY, default_timeout=180)
    russian.query_params["lang"] = "ru"
    russian.run()
    assert not russian.exception
    revenue = next(m for m in russian.metric if m.label == "Выручка")
    assert revenue.value.endswith("\u00a0R$"), revenue.value


def test_an_old_link_outside_the_data_opens_the_default_period(app_db):
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["from"], at.query_params["to"] = "2001-01-01", "2001-12-31"
    at.run()
    assert not at.exception
    start, end = at.date_input(key="period_dates").value
    assert end.year == 2026 and (end - start).days > 300


# --- Demo data mixed with the user's own data, and the mapping editor -------------------------

#: The user's own orders: 20 customers, one order each; "Notes" maps to no field.
ORDERS = (
    "Invoice,Customer ID,InvoiceDate,Revenue,Country,Notes\n"
    + "".join(f"A{i},U{i:02d},2025-03-{i:02d},{10 * i},France,gift\n" for i in range(1, 21))
).encode()


def demo_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "demo" in w.value.lower() or "демо" in w.value.lower()]


def table_box(at: AppTest):
    """The select box of the table the uploaded file goes to."""
    return next(s for s in at.selectbox if s.key and s.key.startswith("import_table"))


def test_each_uploaded_file_starts_from_its_own_table_guess(app_db):
    at = data_page()
    people = "Код клиента;Наименование;E-mail\r\nK1;Анна;a@x.ru\r\n".encode("cp1251")
    at.file_uploader(key="upload").set_value(("клиенты.csv", people, "text/csv")).run()
    assert table_box(at).value == "customers"
    reviews = "Дата;Клиент;Вид обращения;Оценка NPS;Текст\r\n01.03.2025;K1;жалоба;3;Долго\r\n"
    at.file_uploader(key="upload").set_value(("отзывы.csv", reviews.encode("cp1251"), "text/csv"))
    at.run()
    assert not at.exception
    # the next file is not sent to the table chosen for the one before (that overwrote the
    # customers' sign-up dates with review dates)
    assert table_box(at).value == "feedback"


def upload_orders(at: AppTest) -> AppTest:
    at.file_uploader(key="upload").set_value(("orders.csv", ORDERS, "text/csv")).run()
    assert not at.exception
    return at


def mapping_editor(at: AppTest):
    return next(e for e in at.dataframe if e.key and e.key.startswith("mapping_"))


def import_replacing(at: AppTest) -> AppTest:
    at.radio(key="import_mode").set_value("replace").run()
    at.button(key="import").click().run()
    assert not at.exception
    return at


def own_data_beside_the_demo(path) -> dict:
    """The reviewer's database: the demo, then the user's orders replacing the transactions."""
    orders = path.parent / "orders.csv"
    orders.write_bytes(ORDERS)
    conn = database.connect(path)
    generator.load_demo(conn, customers=TEST_DEMO_CUSTOMERS, seed=7)
    importer.import_file(conn, orders, "transactions", mode="replace")
    left = removal.demo_rows(conn)
    conn.close()
    return left


def test_an_import_beside_the_demo_warns_and_the_button_removes_the_demo(app_db):
    at = upload_orders(data_page())
    editor = mapping_editor(at)
    fields = dict(zip(editor.value["source"], editor.value["field"], strict=True))
    assert fields["Customer ID"] == "customer_id" and fields["Country"] == "country"
    # An unmapped column is a missing cell, and missing cells read empty (else "None")
    assert pd.isna(fields["Notes"])
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""
    assert demo_warnings(at) == []  # only the demo so far

    import_replacing(at)
    assert any("Imported 20 rows" in s.value for s in at.success)
    (replaced,) = [i.value for i in at.info if i.value.startswith("Replaced")]
    assert replaced.startswith("Replaced: Transactions held ")
    assert replaced.endswith(" rows before this import; they were deleted first.")
    # the amounts' currency is said, and where to change it (Online Retail II is in pounds)
    assert any("Amounts are shown in USD ($)" in c.value for c in at.caption)
    top, after_import = demo_warnings(at)
    assert top.startswith(
        "The demo data is still here, mixed with your own data: customers: 2,000,"
    )
    assert "campaigns: 1." in top and "transactions" not in top  # none of them is left
    assert after_import.startswith("The demo data is still beside your data (customers: 2,000,")
    assert "“Remove the demo data” at the top of this page" in after_import
    sidebar = sidebar_text()
    assert "Customers: 2,020" in sidebar
    assert "Includes demo data: remove it on the Data page" in sidebar

    assert at.button(key="demo_remove").disabled
    at.checkbox(key="demo_remove_confirm").check().run()
    at.button(key="demo_remove").click().run()
    assert not at.exception
    (done,) = [s.value for s in at.success if "removed" in s.value]
    assert done.startswith("Demo data removed: customers: 2,000, feedback: ")
    assert done.endswith("campaigns: 1. Everything you imported is still here.")
    assert demo_warnings(at) == []
    sidebar = sidebar_text()
    assert "Customers: 20 " in sidebar and "Transactions: 20" in sidebar
    assert "Feedback: 0" in sidebar and "Includes demo data" not in sidebar
    log = data_page().dataframe[0].value
    assert list(log["Mode"]) == ["replace", "demo data, removed"]
    assert list(log["File"])[0] == "orders.csv"


def test_only_the_demo_or_only_own_data_shows_no_demo_warning(app_db, tmp_path, monkeypatch):
    at = data_page()
    assert demo_warnings(at) == []
    assert "demo_remove" not in [b.key for b in at.button]
    assert "Includes demo data" not in sidebar_text()

    own = tmp_path / "own.duckdb"
    monkeypatch.setenv(database.DB_ENV_VAR, str(own))
    (tmp_path / "orders.csv").write_bytes(ORDERS)
    conn = database.connect(own)
    importer.import_file(conn, tmp_path / "orders.csv", "transactions")
    conn.close()
    at = data_page()
    assert not at.exception
    assert demo_warnings(at) == []
    assert "demo_remove" not in [b.key for b in at.button]
    sidebar = sidebar_text()
    assert "Transactions: 20" in sidebar and "Includes demo data" not in sidebar


def test_the_demo_warning_reads_in_russian(app_db):
    left = own_data_beside_the_demo(app_db)
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    assert "Среди них демо-данные: удалите их на странице «Данные»" in " ".join(
        c.value for c in at.sidebar.caption
    )
    at.switch_page("pages/data.py")
    at.run()
    (warning,) = demo_warnings(at)
    customers = f"{left['customers']:,}".replace(",", "\u202f")
    assert warning.startswith(
        f"Демо-данные всё ещё здесь, вперемешку с вашими: клиентов: {customers},"
    )
    assert "кампаний: 1." in warning
    assert at.button(key="demo_remove").label == "Удалить демо-данные"
    at.checkbox(key="demo_remove_confirm").check().run()
    at.button(key="demo_remove").click().run()
    assert any(s.value.startswith("Демо-данные удалены: клиентов: ") for s in at.success)


def test_a_mapping_edited_in_the_editor_is_the_one_imported(app_db):
    """AppTest cannot type into a data editor, so the edit goes in as the browser sends it."""
    at = upload_orders(data_page())
    editor = mapping_editor(at)
    rows = list(editor.value["source"])
    edits = {
        str(rows.index("Country")): {"field": None},
        str(rows.index("Notes")): {"field": "product"},
    }
    states = at._tree.get_widget_states()
    states.widgets.append(
        WidgetState(
            id=editor.proto.id,
            string_value=json.dumps({"edited_rows": edits, "added_rows": [], "deleted_rows": []}),
        )
    )
    at._run(widget_state=states)
    assert not at.exception
    import_replacing(at)
    assert any("Imported 20 rows" in s.value for s in at.success)
    (replaced,) = [i.value for i in at.info if i.value.startswith("Replaced")]
    assert replaced.startswith("Replaced: Transactions held ")
    assert replaced.endswith(" rows before this import; they were deleted first.")
    assert any("new customers were added" in i.value for i in at.info)

    st.cache_resource.clear()  # the app lets go of the file
    conn = database.connect(app_db)
    products = conn.execute("SELECT DISTINCT product FROM transactions").fetchall()
    countries = conn.execute(
        "SELECT DISTINCT country FROM customers WHERE customer_id IN "
        "(SELECT customer_id FROM transactions)"
    ).fetchall()
    conn.close()
    assert products == [("gift",)]
    assert countries == [(None,)]  # the Country column was unmapped: the records have none


def test_the_import_log_reads_in_each_readers_language(app_db, tmp_path):
    path = tmp_path / "guests.csv"
    path.write_text("Customer ID,Date,Amount\n1,2024-01-01,10\n,2024-01-02,5\n")
    conn = database.connect(app_db)
    importer.import_file(conn, path, "transactions")
    conn.close()

    def reasons(lang: str) -> str:
        at = AppTest.from_file(ENTRY, default_timeout=180)
        at.query_params["lang"] = lang
        at.run().switch_page("pages/data.py").run()
        column = i18n.t("data.log.set_aside_reasons", lang)
        log = next(d for d in at.dataframe if column in d.value.columns).value
        return " ".join(log[column].astype(str))

    # an English reader first fills the cache; the Russian reader still reads Russian
    assert "No customer id" in reasons("en")
    russian = reasons("ru")
    assert "Нет кода клиента" in russian and "No customer id" not in russian


def test_a_large_file_is_described_by_its_size_until_the_import_counts_it(app_db):
    at = data_page()
    row = b"C000001,2024-01-01 10:00:00,10.00,Tea,Web shop order\n"
    big = b"Customer ID,Date,Amount,Product,Note\n" + row * (52 * 2**20 // len(row) + 1)
    at.file_uploader(key="upload").set_value(("big.csv", big, "text/csv")).run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Read as csv" in captions and "52 MB (the import counts its rows)" in captions
    assert "— rows" not in captions


# --- The Data page in Russian names fields; the sidebar follows an import at once -------------


def russian_data_page() -> AppTest:
    """The Data page alone, in Russian (AppTest cannot re-send the router's translated sidebar)."""
    at = AppTest.from_file(str(Path(ENTRY).parent / "pages" / "data.py"), default_timeout=180)
    at.query_params["lang"] = "ru"
    return at.run()


def test_the_russian_mapping_editor_names_the_fields_in_russian(app_db):
    at = russian_data_page()
    at.file_uploader(key="upload").set_value(("orders.csv", ORDERS, "text/csv")).run()
    assert not at.exception
    editor = mapping_editor(at)
    field = json.loads(editor.proto.columns)["field"]
    assert field["label"] == "Поле"
    names = {o["value"]: o["label"] for o in field["type_config"]["options"]}
    assert names["customer_id"] == "Код клиента" and names["ordered_at"] == "Дата заказа"
    assert names["revenue"] == "Выручка"
    # the choice itself stays the field's own name: what the import is given
    fields = dict(zip(editor.value["source"], editor.value["field"], strict=True))
    assert fields["InvoiceDate"] == "ordered_at"


def test_the_english_mapping_editor_names_the_fields_not_their_internal_names(app_db):
    at = upload_orders(data_page())
    field = json.loads(mapping_editor(at).proto.columns)["field"]
    names = {o["value"]: o["label"] for o in field["type_config"]["options"]}
    assert names["customer_id"] == "Customer ID" and names["ordered_at"] == "Order date"
    assert names["unit_price"] == "Unit price"
    assert "_" not in "".join(names.values()), "no field shows its internal name"
    editor = mapping_editor(at).value
    fields = dict(zip(editor["source"], editor["field"], strict=True))
    assert fields["InvoiceDate"] == "ordered_at", "the choice stays the field's own name"


def test_a_missing_field_and_a_bad_date_are_named_in_russian(app_db):
    at = russian_data_page()
    no_amount = b"Customer ID,InvoiceDate,Product\nU1,2025-03-01,Tea\n"
    at.file_uploader(key="upload").set_value(("tea.csv", no_amount, "text/csv")).run()
    assert not at.exception
    table_box(at).select("transactions").run()
    (warning,) = [w.value for w in at.warning if "обязательн" in w.value]
    assert "выручка (или количество и цена за единицу)" in warning and "revenue" not in warning

    at = russian_data_page()
    bad_date = b"Invoice,Customer ID,InvoiceDate,Revenue\nA1,U1,2025-03-01,10\nA2,U2,2025-02-31,5\n"
    at.file_uploader(key="upload").set_value(("dates.csv", bad_date, "text/csv")).run()
    at.button(key="import").click().run()
    assert not at.exception
    (error,) = [plain_text(e.value) for e in at.error]  # the file's values are escaped
    assert "(поле дата заказа)" in error and "ordered_at" not in error


def _router_on_the_data_page():
    """The router's order on the Data page: the sidebar first, then the page (AppTest shows the
    sidebar of the default page only, so this app makes the Data page the one it runs)."""
    import runpy
    from pathlib import Path

    from dashboard.ui import sidebar, state

    state.start_routed_run()
    try:
        sidebar.render()
        runpy.run_path(str(Path.cwd() / "pages" / "data.py"), run_name="__main__")
    finally:
        state.end_run()


def test_the_sidebar_counts_an_import_in_the_same_run(app_db, monkeypatch):
    monkeypatch.chdir(Path(ENTRY).parent)
    at = AppTest.from_function(_router_on_the_data_page, default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    assert not at.exception
    customers = f"Клиенты: {i18n.format_number(TEST_DEMO_CUSTOMERS, 'ru')}"
    assert customers in at.sidebar.caption[0].value
    new = b"Customer ID,Name,Country\n" + b"".join(
        f"N{i},Name {i},France\n".encode() for i in range(5)
    )
    at.file_uploader(key="upload").set_value(("new.csv", new, "text/csv")).run()
    at.button(key="import").click().run()
    assert not at.exception
    assert any("импортировано строк: 5" in s.value for s in at.success)
    added = f"Клиенты: {i18n.format_number(TEST_DEMO_CUSTOMERS + 5, 'ru')}"
    assert added in at.sidebar.caption[0].value


def _orders_workbook() -> bytes:
    """A workbook as shops send it: a blank cover sheet, the orders, then notes."""
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("Cover")
    for name, first in (("Orders", 1), ("Notes", 30)):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, ["Invoice", "Customer ID", "InvoiceDate", "Revenue"])
        for r in range(1, 4):
            sheet.write_row(r, 0, [f"A{first + r}", f"U{first + r}", f"2025-03-{r:02d}", 10 * r])
    book.close()
    return buffer.getvalue()


def test_a_workbook_says_which_sheet_is_read_and_offers_the_others(app_db):
    at = data_page()
    at.file_uploader(key="upload").set_value(("shop.xlsx", _orders_workbook(), XLSX)).run()
    assert not at.exception and not at.error
    sheet = next(s for s in at.selectbox if s.key and s.key.startswith("import_sheet"))
    assert sheet.value == "Orders" and sheet.options == ["Cover", "Orders", "Notes"]
    read = [plain_text(c.value) for c in at.caption if "is read" in c.value]
    assert read and "Sheet «Orders» is read, of 3" in read[0] and "Cover, Notes" in read[0]
    sheet.set_value("Notes").run()
    assert not at.exception
    assert mapping_editor(at).value["example"].str.contains("U31").any()
    import_replacing(at)
    assert any("Imported 3 rows" in s.value for s in at.success)
    st.cache_resource.clear()  # the app lets go of the file
    conn = database.connect(app_db)
    ids = conn.execute("SELECT DISTINCT customer_id FROM transactions ORDER BY 1").fetchall()
    conn.close()
    assert ids == [("U31",), ("U32",), ("U33",)]


def test_a_header_read_under_another_name_is_said(app_db):
    twice = b"Invoice,Customer ID,InvoiceDate,Revenue,revenue\nA1,U1,2025-03-01,10,11\n"
    at = data_page()
    at.file_uploader(key="upload").set_value(("twice.csv", twice, "text/csv")).run()
    assert not at.exception
    (warning,) = [plain_text(w.value) for w in at.warning if "repeated in another" in w.value]
    assert warning.startswith("1 header name is repeated") and "«revenue» as «revenue_1»" in warning
