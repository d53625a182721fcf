"""Header guessing by tokens: the vocabulary of shop platforms, marketplaces, 1C and Bitrix24
exports, and a file guessed wrongly still told clearly what is missing."""

from __future__ import annotations

import pytest

from dashboard import importer
from dashboard.errors import ImportFailed
from dashboard.importer.fields import guess_table, propose_mapping
from tests.importer import olist_export


@pytest.mark.parametrize(
    ("columns", "table", "expected"),
    [
        (  # an Olist-like marketplace's reviews
            ["review_id", "order_id", "review_score", "review_comment_title",
             "review_comment_message", "review_creation_date", "review_answer_timestamp"],
            "feedback",
            {"review_id": "feedback_id", "order_id": "order_id", "review_score": "score",
             "review_comment_message": "text", "review_creation_date": "created_at",
             "review_answer_timestamp": "resolved_at"},
        ),
        (  # its orders: the purchase moment among other dates
            ["order_id", "customer_id", "order_status", "order_purchase_timestamp",
             "order_approved_at", "order_delivered_customer_date"],
            "transactions",
            {"order_id": "order_id", "customer_id": "customer_id",
             "order_purchase_timestamp": "ordered_at"},
        ),
        (  # the person's own id when no per-order key stands beside it
            ["customer_unique_id", "review_score", "review_creation_date"],
            "feedback",
            {"customer_unique_id": "customer_id", "review_score": "score",
             "review_creation_date": "created_at"},
        ),
        (  # Shopify's orders export
            ["Name", "Email", "Financial Status", "Paid at", "Subtotal", "Total", "Created at",
             "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku"],
            "transactions",
            {"Name": "customer_name", "Email": "email", "Total": "revenue",
             "Created at": "ordered_at", "Lineitem quantity": "quantity",
             "Lineitem name": "product", "Lineitem price": "unit_price"},
        ),
        (  # 1C: sales by document
            ["Дата документа", "Номер документа", "Контрагент", "Номенклатура", "Количество",
             "Цена", "Сумма"],
            "transactions",
            {"Дата документа": "ordered_at", "Номер документа": "order_id",
             "Контрагент": "customer_id", "Номенклатура": "product", "Количество": "quantity",
             "Цена": "unit_price", "Сумма": "revenue"},
        ),
        (  # 1C with the counterparty's code: the code is the customer, the name the name
            ["Дата документа", "Код контрагента", "Контрагент", "Сумма документа"],
            "transactions",
            {"Дата документа": "ordered_at", "Код контрагента": "customer_id",
             "Контрагент": "customer_name", "Сумма документа": "revenue"},
        ),
        (  # Bitrix24 deals
            ["ID", "Контакт", "Дата создания", "Сумма сделки", "Стадия сделки"],
            "transactions",
            {"Сумма сделки": "revenue"},
        ),
    ],
)  # fmt: skip
def test_headers_of_common_exports_are_guessed_by_their_words(columns, table, expected):
    assert propose_mapping(columns, table) == expected


def test_the_tables_of_a_marketplace_export_are_guessed():
    assert guess_table(["review_id", "order_id", "review_score", "review_creation_date"]) == (
        "feedback"
    )
    assert (
        guess_table(
            ["customer_id", "customer_unique_id", "customer_zip_code_prefix", "customer_city"]
        )
        == "customers"
    )


def test_a_file_of_a_set_imported_alone_as_transactions_says_what_it_lacks(conn, tmp_path):
    (path,) = [p for p in olist_export.build(tmp_path) if p.name == "olist_order_items_dataset.csv"]
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, "transactions")
    assert "customer_id" in str(caught.value)
    assert conn.execute("SELECT count(*) FROM transactions").fetchone()[0] == 0
