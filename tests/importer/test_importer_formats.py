"""The importer reads files as companies have them: encodings, delimiters, dates, Excel, Parquet."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest
import xlsxwriter

from dashboard import importer
from dashboard.errors import ImportFailed


def rows(conn, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def write(path, text: str, encoding: str = "utf-8", newline: str = "\n"):
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def test_cp1251_semicolon_decimal_comma_russian_headers(conn, tmp_path):
    text = (
        "Код клиента;Дата;Сумма;Товар\n"
        " 1001 ;01.02.2024;1 234,50;Чай зелёный\n"
        "1002;15.03.2024;99,90;Кофе\n"
        "1001;28.03.2024;-10,00;Возврат чая\n"
    )
    path = write(tmp_path / "продажи.csv", text, "cp1251", "\r\n")
    preview = importer.preview_file(path, conn=conn)
    assert (preview.encoding, preview.delimiter, preview.decimal_comma) == (
        "windows-1251",
        ";",
        True,
    )
    assert preview.suggested_table == "transactions"
    assert preview.mapping == {
        "Код клиента": "customer_id",
        "Дата": "ordered_at",
        "Сумма": "revenue",
        "Товар": "product",
    }
    assert preview.date_format == "%d.%m.%Y" and preview.date_format_choices == []

    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == 3
    assert rows(
        conn,
        "SELECT customer_id, ordered_at, revenue, product FROM transactions ORDER BY ordered_at",
    ) == [
        ("1001", datetime(2024, 2, 1), 1234.5, "Чай зелёный"),
        ("1002", datetime(2024, 3, 15), 99.9, "Кофе"),
        ("1001", datetime(2024, 3, 28), -10.0, "Возврат чая"),
    ]


def test_cp1251_with_no_break_space_thousands_is_still_russian(conn, tmp_path):
    # Excel and 1C write thousands with a no-break space: byte 0xA0 in Windows-1251 as in Latin-1.
    lines = [f"{1000 + i};0{1 + i % 9}.02.2024;{5 + i}\u00a0175,87" for i in range(40)]
    text = "Клиент;Дата;Сумма\n" + "\n".join(lines) + "\n"
    path = write(tmp_path / "выгрузка.csv", text, "cp1251", "\r\n")
    preview = importer.preview_file(path, conn=conn)
    assert preview.encoding == "windows-1251"
    assert preview.mapping == {"Клиент": "customer_id", "Дата": "ordered_at", "Сумма": "revenue"}
    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == 40
    assert rows(conn, "SELECT round(sum(revenue), 2) FROM transactions") == [
        (round(sum((5 + i) * 1000 + 175.87 for i in range(40)), 2),)
    ]


def test_latin1_text_keeps_its_accents(conn, tmp_path):
    path = write(
        tmp_path / "ventes.csv",
        "client;date;montant;product\n"
        "7;2024-05-01;12,5;Crème brûlée\n8;2024-05-02;3,0;Café au lait\n",
        "latin-1",
    )
    assert importer.preview_file(path).encoding == "latin-1"
    importer.import_file(
        conn,
        path,
        "transactions",
        mapping={
            "client": "customer_id",
            "date": "ordered_at",
            "montant": "revenue",
            "product": "product",
        },
    )
    assert rows(conn, "SELECT product, revenue FROM transactions ORDER BY customer_id") == [
        ("Crème brûlée", 12.5),
        ("Café au lait", 3.0),
    ]


def test_utf8_bom_does_not_reach_the_first_header(conn, tmp_path):
    path = write(tmp_path / "bom.csv", "\ufeffCustomer ID,Order Date,Amount\nA1,2024-01-05,10\n")
    preview = importer.preview_file(path)
    assert preview.columns[0] == "Customer ID"
    assert preview.mapping["Customer ID"] == "customer_id"
    importer.import_file(conn, path, "transactions")
    assert rows(conn, "SELECT customer_id, revenue FROM transactions") == [("A1", 10.0)]


@pytest.mark.parametrize("delimiter", ["\t", "|", ",", ";"])
def test_any_delimiter(conn, tmp_path, delimiter):
    lines = [
        ["customer_id", "ordered_at", "quantity", "price", "product"],
        ["c1", "2024-02-01 10:30:00", "2", "3.5", "Tea, green"],
        ["c2", "2024-02-02 11:00:00", "1", "10", "Mug"],
    ]
    text = (
        "\n".join(delimiter.join(f'"{v}"' if delimiter in v else v for v in line) for line in lines)
        + "\n"
    )
    path = write(tmp_path / "sales.tsv", text)
    assert importer.preview_file(path).delimiter == delimiter
    importer.import_file(conn, path, "transactions")
    assert rows(conn, "SELECT customer_id, revenue, product FROM transactions ORDER BY 1") == [
        ("c1", 7.0, "Tea, green"),
        ("c2", 10.0, "Mug"),
    ]


def test_crlf_and_quoted_fields_with_line_breaks(conn, tmp_path):
    text = (
        "customer_id,order_date,amount,product\n"
        'c1,2024-03-01,5,"Gift set:\nmug and ""tea"""\n'
        "c2,2024-03-02,7,Plain\n"
    )
    path = write(tmp_path / "multi.csv", text, newline="\r\n")
    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == 2
    assert rows(conn, "SELECT product FROM transactions ORDER BY customer_id") == [
        ('Gift set:\r\nmug and "tea"',),
        ("Plain",),
    ]


def _dates_file(tmp_path, dates: list[str]):
    body = "".join(f"c{i},{d},1\n" for i, d in enumerate(dates))
    return write(tmp_path / "dates.csv", "customer_id,date,amount\n" + body)


def test_month_first_dates_are_recognised_from_the_data(conn, tmp_path):
    path = _dates_file(tmp_path, ["03/04/2024", "12/25/2024", "01/02/2024"])
    assert importer.preview_file(path).date_format == "%m/%d/%Y"
    importer.import_file(conn, path, "transactions")
    assert [
        r[0] for r in rows(conn, "SELECT ordered_at FROM transactions ORDER BY customer_id")
    ] == [datetime(2024, 3, 4), datetime(2024, 12, 25), datetime(2024, 1, 2)]


def test_day_first_dates_are_recognised_from_the_data(conn, tmp_path):
    path = _dates_file(tmp_path, ["03/04/2024", "25/12/2024 18:30", "01/02/2024"])
    assert importer.preview_file(path).date_format == "%d/%m/%Y"
    importer.import_file(conn, path, "transactions")
    assert [
        r[0] for r in rows(conn, "SELECT ordered_at FROM transactions ORDER BY customer_id")
    ] == [datetime(2024, 4, 3), datetime(2024, 12, 25, 18, 30), datetime(2024, 2, 1)]


def test_ambiguous_dates_ask_and_the_answer_is_used(conn, tmp_path):
    path = _dates_file(tmp_path, ["03/04/2024", "05/06/2024"])
    preview = importer.preview_file(path)
    assert preview.date_format is None
    assert preview.date_format_choices == ["%d/%m/%Y", "%m/%d/%Y"]
    with pytest.raises(ImportFailed) as failure:
        importer.import_file(conn, path, "transactions")
    assert "day/month or month/day" in str(failure.value) and "DD/MM/YYYY" in str(failure.value)
    assert rows(conn, "SELECT count(*) FROM transactions") == [(0,)]
    importer.import_file(conn, path, "transactions", date_format="MM/DD/YYYY")
    assert rows(conn, "SELECT min(ordered_at) FROM transactions") == [(datetime(2024, 3, 4),)]


def _xlsx(path, header: list[str], data: list[list], date_column: int | None = None):
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Sales")
    sheet.write_row(0, 0, header)
    date_style = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for i, values in enumerate(data, start=1):
        for j, value in enumerate(values):
            if j == date_column:
                sheet.write_datetime(i, j, value, date_style)
            else:
                sheet.write(i, j, value)
    workbook.close()
    return path


def test_xlsx_with_excel_serial_dates(conn, tmp_path):
    path = _xlsx(
        tmp_path / "sales.xlsx",
        ["Customer ID", "Order Date", "Amount"],
        [[13085, 45292, 10.5], [13086, 45351.75, 20]],
    )
    preview = importer.preview_file(path)
    assert preview.format == "xlsx" and preview.date_format == "excel"
    importer.import_file(conn, path, "transactions")
    assert rows(conn, "SELECT customer_id, ordered_at, revenue FROM transactions ORDER BY 1") == [
        ("13085", datetime(2024, 1, 1), 10.5),
        ("13086", datetime(2024, 2, 29, 18, 0), 20.0),
    ]


def test_xlsx_with_real_date_cells(conn, tmp_path):
    path = _xlsx(
        tmp_path / "dated.xlsx",
        ["Клиент", "Дата", "Сумма"],
        [["A-1", datetime(2023, 7, 1), 5], ["A-2", datetime(2023, 8, 1), 6]],
        date_column=1,
    )
    importer.import_file(conn, path, "transactions")
    assert rows(conn, "SELECT customer_id, ordered_at FROM transactions ORDER BY 1") == [
        ("A-1", datetime(2023, 7, 1)),
        ("A-2", datetime(2023, 8, 1)),
    ]


def test_parquet_with_float_ids_and_quantity_times_price(conn, tmp_path):
    path = tmp_path / "lines.parquet"
    duckdb.execute(
        f"COPY (SELECT * FROM (VALUES ('536365', 13085.0, 6, 2.55, '2010-12-01 08:26:00'), "
        f"('C536379', 13085.0, -1, 27.5, '2010-12-01 09:41:00'), "
        f"('536366', NULL, 2, 1.0, '2010-12-01 10:00:00')) "
        f"t(Invoice, \"Customer ID\", Quantity, Price, InvoiceDate)) TO '{path}' (FORMAT parquet)"
    )
    result = importer.import_file(conn, path, "transactions")
    assert (result.rows_imported, result.set_aside_reasons) == (2, {"no customer id": 1})
    assert rows(conn, "SELECT customer_id, order_id, revenue FROM transactions ORDER BY 2") == [
        ("13085", "536365", pytest.approx(15.3)),
        ("13085", "C536379", -27.5),
    ]


def test_cancelled_invoice_is_negative_even_with_a_positive_quantity(conn, tmp_path):
    path = write(
        tmp_path / "retail.csv",
        "Invoice,Customer ID,Quantity,Price,InvoiceDate\n"
        "100,1,2,5,2024-01-01\nC101,1,2,5,2024-01-02\n102,2,1,5,2024-01-03\n",
    )
    importer.import_file(conn, path, "transactions")
    assert rows(conn, "SELECT order_id, revenue FROM transactions ORDER BY 1") == [
        ("100", 10.0),
        ("102", 5.0),
        ("C101", -10.0),
    ]


def test_customer_ids_trimmed_and_dot_zero_dropped(conn, tmp_path):
    path = write(
        tmp_path / "ids.csv",
        "customer_id,date,amount\n 13085.0 ,2024-01-01,1\n13085,2024-01-02,2\nAB-7 ,2024-01-03,3\n",
    )
    importer.import_file(conn, path, "transactions")
    assert rows(conn, "SELECT customer_id, count(*) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("13085", 2),
        ("AB-7", 1),
    ]


def test_day_month_order_decided_from_rows_beyond_the_first_ones(conn, tmp_path):
    from dashboard.importer.plan import SAMPLE_ROWS

    path = _dates_file(tmp_path, ["03/04/2024"] * SAMPLE_ROWS + ["09/25/2024"])
    assert importer.preview_file(path).date_format == "%m/%d/%Y"
    result = importer.import_file(conn, path, "transactions")
    assert result.rows_imported == SAMPLE_ROWS + 1
    assert rows(conn, "SELECT max(ordered_at) FROM transactions") == [(datetime(2024, 9, 25),)]


def _workbook(path, sheets: dict[str, list[list]]):
    """An .xlsx file with these sheets (name: rows), written with xlsxwriter."""
    book = xlsxwriter.Workbook(str(path))
    for name, table in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(table):
            sheet.write_row(r, 0, row)
    book.close()
    return path


def test_a_workbook_names_the_sheet_it_reads_and_imports_the_one_chosen(conn, tmp_path):
    # A blank cover sheet first, the orders second, notes third: the orders are read (never
    # "the file is empty"), the sheets are listed for the page, and any sheet can be chosen.
    orders = [["Customer ID", "Order Date", "Amount"], ["c1", "2024-01-01", 10]]
    notes = [
        ["Customer ID", "Order Date", "Amount"],
        ["c2", "2024-02-01", 7],
        ["c3", "2024-02-02", 8],
    ]
    path = _workbook(tmp_path / "shop.xlsx", {"Cover": [], "Orders": orders, "Notes": notes})
    preview = importer.preview_file(path)
    assert (preview.sheets, preview.sheet) == (["Cover", "Orders", "Notes"], "Orders")
    assert preview.sample["Customer ID"].tolist() == ["c1"]
    assert importer.preview_file(path, sheet="Notes").sample["Customer ID"].tolist() == ["c2", "c3"]
    result = importer.import_file(conn, path, "transactions", sheet="Notes")
    assert result.rows_imported == 2
    assert rows(conn, "SELECT customer_id FROM transactions ORDER BY 1") == [("c2",), ("c3",)]
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, "transactions", sheet="Summary")
    assert "no sheet 'Summary' (its sheets: Cover, Orders, Notes)" in str(caught.value)
    assert "нет листа «Summary»" in caught.value.localized("ru")


def test_a_header_repeated_in_another_case_is_named_not_reduced_silently(tmp_path):
    path = write(
        tmp_path / "twice.csv", "customer_id,Date,date,amount\nc1,2024-01-01,2024-02-01,5\n"
    )
    preview = importer.preview_file(path)
    assert preview.renamed == {"date_1": "date"}, "the page says 'date' is read as 'date_1'"
    book = _workbook(
        tmp_path / "twice.xlsx",
        {"Sheet1": [["customer_id", "Amount", "amount "], ["c1", 5, 6]]},
    )
    assert importer.preview_file(book).renamed == {"amount_1": "amount"}
