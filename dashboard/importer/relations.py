"""The files of a shop's export and how they hang together: each file's role (orders, order
items, payments, customers, reviews, products) from its columns, the columns that carry each
meaning, and the relations between the files by their shared keys (order id, per-order
customer key, product id), remembered like a column mapping."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from dashboard.importer.fields import headers_key, normalise_header

#: The roles a file of a set can play, in the order a join reads them.
ROLES = ("orders", "items", "payments", "customers", "reviews", "products")

_ORDER_ID = ["order id", "order", "order number", "order no", "номер заказа", "заказ", "id заказа",
             "номер документа", "документ"]  # fmt: skip
_CUSTOMER_KEY = ["customer id", "customer", "client id", "buyer id", "код клиента", "клиент",
                 "покупатель", "контрагент", "код контрагента"]  # fmt: skip
_PRODUCT_ID = ["product id", "sku", "lineitem sku", "stock code", "артикул", "код товара",
               "product", "номенклатура", "товар"]  # fmt: skip

# fmt: off
#: Per role, the meanings its columns carry: {meaning: (kind, header names best first, required)}.
#: Kinds: id, text, number, timestamp. Header names are compared normalised
#: (:func:`dashboard.importer.fields.normalise_header`).
MEANINGS: dict[str, dict[str, tuple[str, list[str], bool]]] = {
    "orders": {
        "order_id": ("id", _ORDER_ID, True),
        "customer_key": ("id", _CUSTOMER_KEY, True),
        "ordered_at": ("timestamp", ["order purchase timestamp", "purchase timestamp",
                                     "purchase date", "order date", "ordered at", "created at",
                                     "дата заказа", "дата документа", "дата"], True),
        "status": ("text", ["order status", "status", "financial status", "статус заказа",
                            "статус", "состояние"], False),
    },
    "items": {
        "order_id": ("id", _ORDER_ID, True),
        "product_id": ("id", _PRODUCT_ID, False),
        "price": ("number", ["price", "lineitem price", "item price", "unit price", "цена",
                             "сумма"], True),
        "freight": ("number", ["freight value", "freight", "shipping", "shipping cost",
                               "доставка", "стоимость доставки"], False),
        "quantity": ("number", ["quantity", "lineitem quantity", "qty", "количество"], False),
    },
    "payments": {
        "order_id": ("id", _ORDER_ID, True),
        "paid": ("number", ["payment value", "payment amount", "amount paid", "paid",
                            "сумма оплаты", "сумма платежа", "оплачено"], True),
        "payment_type": ("text", ["payment type", "payment method", "тип оплаты",
                                  "способ оплаты"], False),
    },
    "customers": {
        "customer_key": ("id", _CUSTOMER_KEY, True),
        "person_id": ("id", ["customer unique id", "unique id", "person id", "customer unique",
                             "уникальный код клиента", "код физлица"], True),
        "city": ("text", ["customer city", "city", "город"], False),
        "state": ("text", ["customer state", "state", "region", "регион", "область"], False),
        "country": ("text", ["customer country", "country", "страна"], False),
    },
    "reviews": {
        "review_id": ("id", ["review id", "id отзыва", "feedback id"], False),
        "order_id": ("id", _ORDER_ID, True),
        "score": ("number", ["review score", "score", "rating", "stars", "оценка", "рейтинг"],
                  True),
        "title": ("text", ["review comment title", "review title", "title", "заголовок"], False),
        "message": ("text", ["review comment message", "review message", "message", "comment",
                             "review", "text", "отзыв", "текст отзыва", "комментарий"], False),
        "created_at": ("timestamp", ["review creation date", "review date", "created at",
                                     "creation date", "дата отзыва", "дата создания"], True),
        "answered_at": ("timestamp", ["review answer timestamp", "answer timestamp",
                                      "answered at", "answer date", "дата ответа"], False),
    },
    "products": {
        "product_id": ("id", _PRODUCT_ID, True),
        "category": ("text", ["product category name english", "product category name",
                              "category name", "product category", "category", "категория",
                              "группа товаров"], True),
    },
}

#: The relations a set can have: (child role, parent role, the key meaning both carry).
LINKS = (
    ("items", "orders", "order_id"),
    ("payments", "orders", "order_id"),
    ("reviews", "orders", "order_id"),
    ("orders", "customers", "customer_key"),
    ("items", "products", "product_id"),
)
#: Roles that decide the transactions: without both nothing can be imported.
NEEDED = ("orders", "items")
# fmt: on

#: The ``column_mappings`` table name under which a set's roles and columns are remembered.
REMEMBERED_TABLE = "related"


def find_columns(columns: list[str], role: str) -> dict[str, str]:
    """{meaning: column} for ``role`` from a file's headers, each column used once.

    An exact header name comes first; then, but for keys, a header whose words hold all of a
    name's words ("order_delivered_purchase_timestamp" holds "purchase timestamp"); a key by
    words would take "order_item_id" for the order id.
    """
    normal = {c: normalise_header(c) for c in columns}
    found: dict[str, str] = {}
    for meaning, (kind, names, _required) in MEANINGS[role].items():
        free = [c for c in columns if c not in found.values()]
        exact = [(names.index(normal[c]), c) for c in free if normal[c] in names]
        if exact:
            found[meaning] = min(exact)[1]
            continue
        if kind == "id":
            continue
        words = [
            (i, len(normal[c].split()), c)
            for c in free
            for i, name in enumerate(names)
            if len(name.split()) > 1 and set(name.split()) <= set(normal[c].split())
        ]
        if words:
            found[meaning] = min(words)[2]
    return found


def _fits(columns: list[str], role: str) -> tuple[bool, int]:
    found = find_columns(columns, role)
    required = [m for m, (_k, _n, needed) in MEANINGS[role].items() if needed]
    return all(m in found for m in required), len(found)


def guess_role(columns: list[str]) -> str | None:
    """The role a file's headers fit best: every required meaning found, then the most
    meanings; a file with an order id is no customers or products file. None when none fits."""
    normal = {normalise_header(c) for c in columns}
    has_order = bool(normal & set(_ORDER_ID[:5]))
    best, best_count = None, 0
    for role in ROLES:
        if has_order and role in ("customers", "products"):
            continue
        complete, count = _fits(columns, role)
        if complete and count > best_count:
            best, best_count = role, count
    return best


@dataclass
class FileRole:
    """One file of a set: its name (as shown), its columns, its role and the columns used."""

    name: str
    columns: list[str]
    role: str | None
    meanings: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Plain values."""
        return asdict(self)


@dataclass
class Relation:
    """A relation between two files by a key: the child's column refers to the parent's."""

    child: str  # role
    child_column: str | None
    parent: str
    parent_column: str | None
    key: str  # the meaning (order_id, customer_key, product_id)
    matched: int | None = None  # the child's distinct keys found in the parent
    keys: int | None = None  # the child's distinct keys

    def as_dict(self) -> dict:
        """Plain values."""
        return asdict(self)


def relations_of(files: list[FileRole]) -> list[Relation]:
    """The relations between the roles present, with the columns that carry the keys."""
    by_role = {f.role: f for f in files if f.role}
    return [
        Relation(
            child, by_role[child].meanings.get(key), parent, by_role[parent].meanings.get(key), key
        )  # fmt: skip
        for child, parent, key in LINKS
        if child in by_role and parent in by_role
    ]


def parse_relation(text: str) -> tuple[str, str, str, str]:
    """``"items.order_id=orders.order_id"`` as (child role, child column, parent role, parent
    column); ValueError when it is not ROLE.COLUMN=ROLE.COLUMN with known roles."""
    left, sep, right = text.partition("=")
    parts = [side.strip().partition(".") for side in (left, right)]
    if not sep or any(not p[1] or p[0] not in ROLES or not p[2] for p in parts):
        raise ValueError(text)
    (child, _, child_column), (parent, _, parent_column) = parts
    return child, child_column, parent, parent_column


def set_key(files: list[FileRole]) -> str:
    """The key a set's choices are remembered under: its files' headers, in any order."""
    return "related:" + "||".join(sorted(headers_key(f.columns) for f in files))


def remember(cur, files: list[FileRole]) -> None:
    """Save the set's roles and columns (as an import saves a mapping)."""
    choice = {headers_key(f.columns): {"role": f.role, "meanings": f.meanings} for f in files}
    cur.execute(
        "INSERT OR REPLACE INTO column_mappings VALUES (?, ?, ?, now())",
        [set_key(files), REMEMBERED_TABLE, json.dumps(choice, ensure_ascii=False)],
    )


def recall(cur, files: list[FileRole]) -> bool:
    """Apply the roles and columns remembered for this set, if any; whether there were."""
    row = cur.execute(
        "SELECT mapping FROM column_mappings WHERE headers_key = ? AND table_name = ?",
        [set_key(files), REMEMBERED_TABLE],
    ).fetchone()
    if row is None:
        return False
    saved = json.loads(row[0])
    for f in files:
        choice = saved.get(headers_key(f.columns))
        if choice is None:
            continue
        f.role = choice["role"] if choice["role"] in ROLES else None
        f.meanings = {
            m: c
            for m, c in choice["meanings"].items()
            if c in f.columns and f.role and m in MEANINGS[f.role]
        }
    return True
