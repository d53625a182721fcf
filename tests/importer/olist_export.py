"""A small Olist-style marketplace export with the traps of a real one, for the tests of a set of
related files: one person (P1) behind three per-order customer keys, a canceled order (o4), an
order without items (o5), an item and a review of orders the orders file lacks (o9, o99), and
payments that differ from the items (o3: 20.00 paid, 22.00 of items with freight)."""

from __future__ import annotations

from pathlib import Path

FILES = {
    "olist_customers_dataset.csv": (
        "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\n"
        "c1,P1,01000,sao paulo,SP\nc2,P1,01000,sao paulo,SP\nc3,P1,01000,sao paulo,SP\n"
        "c4,P2,20000,rio de janeiro,RJ\nc5,P3,30000,belo horizonte,MG\n"
    ),
    "olist_orders_dataset.csv": (
        "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at\n"
        "o1,c1,delivered,2018-01-05 10:00:00,2018-01-05 11:00:00\n"
        "o2,c2,delivered,2018-02-10 12:00:00,2018-02-10 12:30:00\n"
        "o3,c3,delivered,2018-03-15 09:30:00,2018-03-15 10:00:00\n"
        "o4,c4,canceled,2018-01-20 08:00:00,\n"
        "o5,c5,delivered,2018-04-01 15:00:00,2018-04-01 16:00:00\n"
    ),
    "olist_order_items_dataset.csv": (
        "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
        "o1,1,pA,s1,2018-01-10 00:00:00,100.00,10.00\n"
        "o1,2,pA,s1,2018-01-10 00:00:00,100.00,10.00\n"
        "o2,1,pB,s2,2018-02-15 00:00:00,50.50,5.25\n"
        "o3,1,pC,s1,2018-03-20 00:00:00,20.00,2.00\n"
        "o4,1,pB,s2,2018-01-25 00:00:00,50.50,5.25\n"
        "o9,1,pA,s1,2018-05-01 00:00:00,30.00,3.00\n"
    ),
    "olist_order_payments_dataset.csv": (
        "order_id,payment_sequential,payment_type,payment_installments,payment_value\n"
        "o1,1,credit_card,1,220.00\no2,1,boleto,1,55.75\no3,1,voucher,1,10.00\n"
        "o3,2,credit_card,1,10.00\no4,1,credit_card,1,55.75\n"
    ),
    "olist_order_reviews_dataset.csv": (
        "review_id,order_id,review_score,review_comment_title,review_comment_message,"
        "review_creation_date,review_answer_timestamp\n"
        "r1,o1,5,Otimo,Chegou antes do prazo,2018-01-12 00:00:00,2018-01-13 10:00:00\n"
        "r2,o4,1,,Pedido cancelado,2018-01-25 00:00:00,2018-01-26 08:00:00\n"
        "r3,o99,4,,,2018-05-01 00:00:00,2018-05-02 00:00:00\n"
        "r4,o2,3,,,2018-02-20 00:00:00,\n"
    ),
    "olist_products_dataset.csv": (
        "product_id,product_category_name,product_weight_g\n"
        "pA,beleza_saude,500\npB,informatica_acessorios,300\npC,esporte_lazer,200\n"
        "pD,brinquedos,100\n"
    ),
}

#: What the set gives, worked out by hand from the rows above (freight kept apart).
#: Lines: o1 two items of 100.00 (P1), o2 50.50 (P1), o3 20.00 (P1), o4 50.50 (P2) and its
#: cancellation -50.50; o5 has no items, o9 is no order of the file.
EXPECTED_LINES = [
    ("P1", "o1", "2018-01-05 10:00:00", 100.0, "pA", "beleza_saude"),
    ("P1", "o1", "2018-01-05 10:00:00", 100.0, "pA", "beleza_saude"),
    ("P1", "o2", "2018-02-10 12:00:00", 50.5, "pB", "informatica_acessorios"),
    ("P1", "o3", "2018-03-15 09:30:00", 20.0, "pC", "esporte_lazer"),
    ("P2", "Co4", "2018-01-20 08:00:00", -50.5, "pB", "informatica_acessorios"),
    ("P2", "o4", "2018-01-20 08:00:00", 50.5, "pB", "informatica_acessorios"),
]


def build(folder: Path, **replaced: str) -> list[Path]:
    """The export's files in ``folder``; ``replaced`` {file name: text} changes some."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in {**FILES, **replaced}.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths
