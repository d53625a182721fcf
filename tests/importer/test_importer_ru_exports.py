"""A Russian company's own 1C-style exports (Windows-1251, ';', decimal comma, DD.MM.YYYY):
customers, sales, reviews and service contacts, each recognised as its table and imported whole."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import importer
from dashboard.errors import ImportFailed
from dashboard.loyalty import retention
from dashboard.store.filters import Filters
from tests.conftest import ROOT
from tests.importer.test_importer_formats import write
from tests.importer.test_importer_load import rows

CUSTOMERS = (
    "Код клиента;Наименование;E-mail;Телефон;Город;Канал;Дата регистрации\n"
    "00-000001;Смирнова Ольга;client1@mail.ru;+7 (978) 196-56-84;Екатеринбург;"
    "Интернет-магазин;01.03.2023\n"
    "00-000002;Иванов Иван (2);client2@mail.ru;;Санкт-Петербург;Опт;07.05.2023\n"
    "00-000003;ООО «Ромашка» (3);client3@mail.ru;+7 (981) 935-97-33;Екатеринбург;Розница;"
    "17.02.2023\n"
)
SALES = (
    "Документ;Дата;Клиент;Категория;Номенклатура;Количество;Сумма;Себестоимость\n"
    "РН-00001;17.11.2024;00-000001;Чай;Чай арт. 36;2;1055,66;696,29\n"
    "РН-00002;15.04.2025;00-000002;Кофе;Кофе арт. 19;5;10721,55;7672,76\n"
    "РН-00003;20.04.2025;00-000003;Чай;Чай арт. 8;1;734,42;545,10\n"
)
REVIEWS = (
    "Дата;Клиент;Вид обращения;Оценка NPS;Текст;Дата решения\n"
    '05.12.2025;;жалоба;3;"Товар пришёл разбитым, прошу вернуть деньги";16.12.2025\n'
    '26.09.2025;00-000002;вопрос;;"Когда будет поступление посуды?";\n'
    '26.01.2025;00-000001;предложение;8;"Сделайте программу лояльности";\n'
    '21.01.2025;00-000003;благодарность;10;"Отличный кофе, буду заказывать ещё";\n'
)
CONTACTS = (
    "Дата;Клиент;Канал;Вид;Стоимость\n"
    "13.04.2025;00-000001;E-mail;возврат;75,50\n"
    "16.04.2025;00-000002;Телефон;рекомендация;0,00\n"
    "17.04.2025;00-000003;Телефон;Звонок;150,00\n"
    "18.04.2025;00-000003;Чат;чат;30,00\n"
    "19.04.2025;00-000001;Сайт;отзыв;0,00\n"
)


def write_1c(path: Path, text: str) -> Path:
    """A file as 1C writes it: Windows-1251 with CRLF line ends."""
    return write(path, text, "cp1251", "\r\n")


# --- 1. A review export is feedback, never customers -----------------------------------------


def test_a_review_export_is_feedback_and_leaves_the_customers_signup_dates_alone(conn, tmp_path):
    importer.import_file(conn, write_1c(tmp_path / "клиенты.csv", CUSTOMERS), "customers")
    path = write_1c(tmp_path / "отзывы.csv", REVIEWS)
    preview = importer.preview_file(path, conn=conn)
    assert preview.suggested_table == "feedback"
    assert preview.mapping == {
        "Дата": "created_at",
        "Клиент": "customer_id",
        "Вид обращения": "kind",
        "Оценка NPS": "score",
        "Текст": "text",
        "Дата решения": "resolved_at",
    }
    result = importer.import_file(conn, path, preview.suggested_table)
    assert (result.rows_imported, result.scale) == (4, "nps_0_10")
    assert rows(
        conn, "SELECT created_at, customer_id, kind, score, resolved_at FROM feedback ORDER BY 1"
    ) == [
        (datetime(2025, 1, 21), "00-000003", "praise", 10.0, None),
        (datetime(2025, 1, 26), "00-000001", "suggestion", 8.0, None),
        (datetime(2025, 9, 26), "00-000002", "question", None, None),
        (datetime(2025, 12, 5), None, "complaint", 3.0, datetime(2025, 12, 16)),
    ]
    # the customers keep the dates they signed up on
    assert rows(conn, "SELECT customer_id, signup_at FROM customers ORDER BY 1") == [
        ("00-000001", datetime(2023, 3, 1)),
        ("00-000002", datetime(2023, 5, 7)),
        ("00-000003", datetime(2023, 2, 17)),
    ]


@pytest.mark.parametrize(
    ("kind", "score", "text", "resolved"),
    [
        ("Вид", "NPS", "Комментарий", "Решено"),
        ("Тип обращения", "Оценка", "Отзыв", "Дата решения"),
    ],
)
def test_other_names_of_the_review_columns_are_recognised(kind, score, text, resolved):
    columns = ["Дата", "Клиент", kind, score, text, resolved]
    assert importer.guess_table(columns) == "feedback"
    assert importer.propose_mapping(columns, "feedback") == {
        "Дата": "created_at",
        "Клиент": "customer_id",
        kind: "kind",
        score: "score",
        text: "text",
        resolved: "resolved_at",
    }


def test_reviews_without_a_kind_or_score_column_are_still_taken_for_feedback():
    """The import then asks for the kind, instead of overwriting customers' sign-up dates."""
    assert importer.guess_table(["Дата", "Клиент", "Текст", "Дата решения"]) == "feedback"


# --- 2. A service-contacts export is interactions; a sales export stays transactions ---------


def test_a_service_contacts_export_is_interactions_with_its_cost(conn, tmp_path):
    path = write_1c(tmp_path / "обращения.csv", CONTACTS)
    preview = importer.preview_file(path, conn=conn)
    assert preview.suggested_table == "interactions"
    assert preview.mapping == {
        "Дата": "occurred_at",
        "Клиент": "customer_id",
        "Канал": "channel",
        "Вид": "kind",
        "Стоимость": "cost",
    }
    result = importer.import_file(conn, path, preview.suggested_table)
    assert result.rows_imported == 5
    assert rows(
        conn, "SELECT occurred_at, customer_id, channel, cost FROM interactions ORDER BY 1"
    )[:2] == [
        (datetime(2025, 4, 13), "00-000001", "E-mail", 75.5),
        (datetime(2025, 4, 16), "00-000002", "Телефон", 0.0),
    ]


@pytest.mark.parametrize("cost", ["Стоимость", "Затраты", "Себестоимость обращения"])
def test_the_cost_of_a_contact_goes_by_several_names(cost):
    columns = ["Дата", "Клиент", "Канал", "Вид", cost]
    assert importer.guess_table(columns) == "interactions"
    assert importer.propose_mapping(columns, "interactions")[cost] == "cost"


def test_a_sales_export_stays_transactions_with_amount_and_product_cost(conn, tmp_path):
    path = write_1c(tmp_path / "продажи.csv", SALES)
    preview = importer.preview_file(path, conn=conn)
    assert preview.suggested_table == "transactions"
    assert preview.mapping == {
        "Документ": "order_id",
        "Дата": "ordered_at",
        "Клиент": "customer_id",
        "Категория": "category",
        "Номенклатура": "product",
        "Количество": "quantity",
        "Сумма": "revenue",
        "Себестоимость": "cost",
    }
    importer.import_file(conn, path, preview.suggested_table)
    assert rows(conn, "SELECT order_id, product, revenue, cost FROM transactions ORDER BY 1") == [
        ("РН-00001", "Чай арт. 36", 1055.66, 696.29),
        ("РН-00002", "Кофе арт. 19", 10721.55, 7672.76),
        ("РН-00003", "Чай арт. 8", 734.42, 545.10),
    ]
    # a sales file whose columns are just an amount and a product cost is still sales
    assert importer.guess_table(["Дата", "Клиент", "Канал", "Сумма", "Себестоимость"]) == (
        "transactions"
    )


# --- 3. The customers export: Наименование is the name, Город stays an attribute --------------


def test_the_customers_export_maps_the_name_and_keeps_the_city_as_an_attribute(conn, tmp_path):
    path = write_1c(tmp_path / "клиенты.csv", CUSTOMERS)
    preview = importer.preview_file(path, conn=conn)
    assert preview.suggested_table == "customers"
    assert preview.mapping == {
        "Код клиента": "customer_id",
        "Наименование": "name",
        "E-mail": "email",
        "Телефон": "phone",
        "Канал": "channel",
        "Дата регистрации": "signup_at",
    }
    importer.import_file(conn, path, "customers")
    (name, country, attributes), *_ = rows(
        conn, "SELECT name, country, attributes FROM customers ORDER BY customer_id"
    )
    assert (name, country) == ("Смирнова Ольга", None)
    assert json.loads(attributes) == {"Город": "Екатеринбург"}


# --- 4. Only a score for feedback: the kind comes from it, or the message says what to map -----


def test_with_only_a_score_the_kind_comes_from_the_score(conn, tmp_path):
    path = write_1c(
        tmp_path / "nps.csv", "Дата;Оценка NPS\n01.03.2025;2\n02.03.2025;7\n03.03.2025;10\n"
    )
    importer.import_file(
        conn, path, "feedback", mapping={"Дата": "created_at", "Оценка NPS": "score"}
    )
    assert [k for (k,) in rows(conn, "SELECT kind FROM feedback ORDER BY created_at")] == [
        "complaint",
        "wish",
        "praise",
    ]


def test_a_row_without_a_score_asks_for_a_kind_column_in_the_readers_language(conn, tmp_path):
    path = write_1c(tmp_path / "отзывы.csv", REVIEWS)
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(
            conn, path, "feedback", mapping={"Дата": "created_at", "Оценка NPS": "score"}
        )
    russian = caught.value.localized("ru")
    assert russian.startswith("отзывы.csv: строка 3, столбец «Оценка NPS»:")
    assert "В строке нет оценки" in russian
    assert "сопоставьте столбец с полем «Вид» или заполните оценку" in russian
    assert "kind" not in russian and "удалите строку" not in russian
    assert "row 3" in str(caught.value) and "map a column to the field kind" in str(caught.value)
    assert rows(conn, "SELECT count(*) FROM feedback") == [(0,)]


def test_a_row_with_neither_kind_nor_score_is_found_where_both_are_empty(conn, tmp_path):
    text = (
        "Дата;Вид обращения;Оценка NPS\n"
        "01.03.2025;;9\n"  # no kind, but a score: praise
        "02.03.2025;жалоба;\n"
        "03.03.2025;;\n"  # neither
    )
    path = write_1c(tmp_path / "отзывы.csv", text)
    mapping = {"Дата": "created_at", "Вид обращения": "kind", "Оценка NPS": "score"}
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, "feedback", mapping=mapping)
    russian = caught.value.localized("ru")
    assert russian.startswith("отзывы.csv: строка 4, столбец «Вид обращения»:")
    assert "ни вид отзыва, ни оценка" in russian
    assert "укажите вид отзыва или оценку" in russian


# --- 5. Contact kinds in Russian are the kinds the analyses count ------------------------------


def test_russian_contact_kinds_are_recognised_and_referrals_count(conn, tmp_path):
    importer.import_file(conn, write_1c(tmp_path / "продажи.csv", SALES), "transactions")
    importer.import_file(conn, write_1c(tmp_path / "обращения.csv", CONTACTS), "interactions")
    assert rows(conn, "SELECT customer_id, kind FROM interactions ORDER BY occurred_at") == [
        ("00-000001", "возврат"),  # not one the dashboard knows: kept as written
        ("00-000002", "referral"),
        ("00-000003", "support_call"),
        ("00-000003", "chat"),
        ("00-000001", "review"),
    ]
    rates = retention.loyalty_rates(conn, Filters(start=date(2025, 4, 1), end=date(2025, 4, 30)))
    april = rates.set_index("period").loc[datetime(2025, 4, 1)]
    # two buyers in April, one of whom recommended the shop: «Порекомендовали нас» 50 %
    assert (april["buyers"], april["referral_rate"]) == (2, 0.5)


@pytest.mark.parametrize(
    ("word", "kind"),
    [("письмо", "email"), ("E-mail", "email"), ("визит", "visit"), ("Рекомендация", "referral")],
)
def test_each_russian_contact_word_is_its_kind(conn, tmp_path, word, kind):
    path = write_1c(tmp_path / "c.csv", f"Дата;Клиент;Вид\n01.04.2025;00-000001;{word}\n")
    importer.import_file(conn, path, "interactions")
    assert rows(conn, "SELECT kind FROM interactions") == [(kind,)]


# --- 6. The mapping preview shows filled values, never "nan" ----------------------------------


def test_the_mapping_example_skips_empty_cells(conn, tmp_path):
    preview = importer.preview_file(write_1c(tmp_path / "клиенты.csv", CUSTOMERS), conn=conn)
    assert preview.example("Телефон") == "+7 (978) 196-56-84, +7 (981) 935-97-33"
    assert preview.example("Город") == "Екатеринбург, Санкт-Петербург, Екатеринбург"


def test_the_mapping_editor_on_the_page_shows_no_nan(app_db, tmp_path):
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    upload = ("клиенты.csv", CUSTOMERS.replace("\n", "\r\n").encode("cp1251"), "text/csv")
    at.file_uploader(key="upload").set_value(upload).run()
    assert not at.exception
    editor = next(e for e in at.dataframe if e.key and e.key.startswith("mapping_"))
    examples = dict(zip(editor.value["source"], editor.value["example"], strict=True))
    assert examples["Телефон"] == "+7 (978) 196-56-84, +7 (981) 935-97-33"
    assert not any("nan" in e for e in examples.values())
