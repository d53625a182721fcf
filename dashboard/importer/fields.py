"""Target fields of each table, and the column mapping proposed from a file's headers."""

from __future__ import annotations

import re

# fmt: off
#: The fields a file column can be mapped to, per table. Besides the table's own columns there are
#: virtual fields: ``unit_price`` (revenue = quantity x unit price when there is no amount),
#: ``unit_cost`` (cost = quantity x unit cost) and, on transactions, the customer attributes
#: ``customer_name``, ``email``, ``phone`` and ``country`` that fill ``customers``.
FIELDS: dict[str, list[str]] = {
    "transactions": [
        "customer_id", "order_id", "ordered_at", "revenue", "quantity", "unit_price", "cost",
        "unit_cost", "product", "category", "channel", "customer_name", "email", "phone", "country",
    ],
    "customers": ["customer_id", "name", "email", "phone", "country", "channel", "signup_at"],
    "feedback": [
        "feedback_id", "customer_id", "order_id", "created_at", "kind", "score", "channel", "text",
        "resolved_at",
    ],
    "interactions": ["customer_id", "occurred_at", "channel", "kind", "cost"],
}

#: Fields every file for the table must provide. A tuple inside is "one of these groups".
REQUIRED: dict[str, list] = {
    "transactions": ["customer_id", "ordered_at", ("revenue", ("quantity", "unit_price"))],
    "customers": ["customer_id"],
    "feedback": ["created_at", ("kind", "score")],
    "interactions": ["customer_id", "occurred_at"],
}

#: How each field's values are read: identifiers, timestamps, numbers or text.
FIELD_TYPES: dict[str, str] = {
    "customer_id": "id", "order_id": "id", "feedback_id": "id", "phone": "id",
    "ordered_at": "timestamp", "created_at": "timestamp", "resolved_at": "timestamp",
    "occurred_at": "timestamp", "signup_at": "timestamp",
    "revenue": "number", "quantity": "number", "unit_price": "number", "cost": "number",
    "unit_cost": "number", "score": "number",
}

_DATE_WORDS = ["date", "datetime", "timestamp", "time", "дата", "дата и время", "время"]

#: Header names (normalised: lower case, words split) per field, best first. English, Russian and
#: the exports companies have (Online Retail II: Invoice, StockCode, InvoiceDate, Customer ID).
SYNONYMS: dict[str, list[str]] = {
    "customer_id": [
        "customer id", "customer_id", "customerid", "client id", "cust id", "customer number",
        "customer no", "customer code", "account id", "user id", "member id", "buyer id",
        "код клиента", "id клиента", "ид клиента", "номер клиента", "клиент id", "код покупателя",
        "id покупателя", "номер карты", "карта клиента", "customer unique id", "person id",
        "код контрагента", "customer", "client", "клиент", "покупатель", "контрагент",
    ],
    "order_id": [
        "order id", "invoice", "invoice no", "invoice number", "order", "order number",
        "order no", "receipt", "transaction id", "номер заказа", "заказ", "id заказа",
        "номер чека", "чек", "счет", "номер счета", "номер документа", "документ",
    ],
    "ordered_at": [
        "ordered at", "invoice date", "order date", "purchase date", "sale date",
        "transaction date", "дата заказа", "дата покупки", "дата продажи", "дата чека",
        "order purchase timestamp", "purchase timestamp", "дата документа", "дата реализации",
        *_DATE_WORDS, "created at", "paid at",
    ],
    "revenue": [
        "revenue", "amount", "total", "sales", "line total", "total amount", "sum", "value",
        "net amount", "сумма", "выручка", "итого", "сумма продажи", "сумма заказа", "стоимость",
        "subtotal", "сумма документа", "сумма сделки",
    ],
    "quantity": ["quantity", "qty", "units", "count", "количество", "кол во", "штук", "шт",
                 "lineitem quantity"],
    "unit_price": ["unit price", "price", "цена", "цена за единицу", "цена продажи",
                   "lineitem price", "item price"],
    "cost": ["cost", "product cost", "cogs", "cost of goods", "себестоимость", "затраты"],
    "unit_cost": ["unit cost", "себестоимость единицы", "закупочная цена"],
    "product": [
        "product", "description", "product name", "item", "товар", "наименование", "продукт",
        "название товара", "stock code", "sku", "артикул", "product id", "номенклатура",
        "lineitem name", "lineitem sku", "товары",
    ],
    "category": ["category", "product category", "группа", "категория", "группа товаров",
                 "product category name", "category name", "вид номенклатуры"],
    "channel": ["channel", "sales channel", "source", "канал", "канал продаж", "источник"],
    "customer_name": [
        "customer name", "client name", "name", "full name", "имя", "фио", "имя клиента",
        "наименование клиента", "billing name", "наименование контрагента",
    ],
    "name": [
        "name", "customer name", "client name", "full name", "имя", "фио", "имя клиента",
        "наименование",
    ],
    "email": ["email", "e mail", "mail", "email address", "почта", "электронная почта", "эл почта"],
    "phone": ["phone", "phone number", "telephone", "mobile", "tel", "телефон", "мобильный"],
    "country": ["country", "страна"],
    "signup_at": [
        "signup at", "signup date", "registration date", "registered", "created", "joined",
        "first seen", "дата регистрации", "зарегистрирован", *_DATE_WORDS, "created at",
    ],
    "feedback_id": [
        "feedback id", "review id", "ticket id", "id отзыва", "номер отзыва", "номер обращения",
        "id обращения", "id",
    ],
    "created_at": [
        "created at", "created", "submitted", "review date", "feedback date", "дата отзыва",
        "дата обращения", "дата создания", "review creation date", "creation date",
        *_DATE_WORDS,
    ],
    "kind": [
        "kind", "type", "feedback type", "contact type", "category", "тип", "вид", "тип обращения",
        "вид обращения", "вид отзыва", "тип отзыва", "вид контакта", "тип контакта", "reason",
    ],
    "score": [
        "score", "rating", "stars", "nps", "nps score", "оценка", "оценка nps", "nps оценка",
        "рейтинг", "балл", "баллы", "балл nps", "звезды", "likely to recommend", "review score",
    ],
    "text": [
        "text", "comment", "review", "message", "feedback", "body", "отзыв", "текст",
        "комментарий", "сообщение", "текст отзыва", "обращение",
    ],
    "resolved_at": ["resolved at", "resolved", "closed", "closed at", "дата решения", "решено",
                    "review answer timestamp", "answer timestamp", "answered at", "answer date",
                    "дата ответа", "дата закрытия"],
    "occurred_at": [
        "occurred at", "contact date", "interaction date", "дата контакта", "дата обращения",
        *_DATE_WORDS,
    ],
}

#: Names that mean another field in one table: in a service-contacts file «Стоимость» is what the
#: contact cost, while in a sales file it is the amount (revenue). Looked up before SYNONYMS.
TABLE_SYNONYMS: dict[str, dict[str, list[str]]] = {
    "interactions": {
        "cost": [
            "cost", "contact cost", "service cost", "стоимость", "затраты",
            "себестоимость обращения", "стоимость обращения", "стоимость контакта",
            "себестоимость", "расходы",
        ],
    },
}

#: Names that fit a field only when nothing better claims the column: a "Customer" column is the
#: customer id unless the file also has an id column, then it is the customer's name.
WEAK_SYNONYMS: dict[str, list[str]] = {
    "customer_name": ["customer", "client", "клиент", "покупатель", "контрагент"],
    "name": ["customer", "client", "клиент", "покупатель", "контрагент"],
}

#: Words that only say whose a value is: a header is compared again without them, by its
#: tokens ("Lineitem price" is a price, "customer_unique_id" a customer id, "review_score" a
#: score), scoring below every whole name. The first set are mere qualifiers; the second name
#: the record a marketplace's column belongs to ("order_purchase_timestamp").
_QUALIFIERS = ({"unique", "lineitem"},
               {"review", "comment", "order", "customer", "payment", "item", "line", "документа"})

# fmt: on

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_header(name: str) -> str:
    """A header as compared with the synonyms: ``"CustomerID"`` and ``"customer_id"`` both give
    ``"customer id"``; ``"Кол-во"`` gives ``"кол во"``."""
    text = _CAMEL.sub(" ", str(name).strip())
    return _NON_WORD.sub(" ", text.lower().replace("ё", "е")).strip()


def headers_key(columns: list[str]) -> str:
    """The key under which a mapping is remembered: the normalised headers, in order."""
    return "|".join(normalise_header(c) for c in columns)


def _score(header: str, field: str, table: str) -> int:
    names = TABLE_SYNONYMS.get(table, {}).get(field) or SYNONYMS.get(field, [])
    if header in names:
        return 1000 - names.index(header)
    if header.replace(" ", "") in (n.replace(" ", "") for n in names):
        return 900
    if header in WEAK_SYNONYMS.get(field, []):
        return 500
    return _token_score(header, names)


def _token_score(header: str, names: list[str]) -> int:
    """The score of a header matched by its tokens without :data:`_QUALIFIERS` (0: none)."""
    tokens, dropped = header.split(), set()
    for base, qualifiers in zip((700, 400), _QUALIFIERS, strict=True):
        dropped |= qualifiers
        rest = " ".join(t for t in tokens if t not in dropped)
        # a bare "id" left of "customer_unique_id" says nothing of which id
        if rest and rest not in (header, "id") and rest in names:
            return base - min(names.index(rest), 99)
    return 0


def propose_mapping(columns: list[str], table: str) -> dict[str, str]:
    """The mapping {file column: field} proposed from the headers alone.

    Parameters
    ----------
    columns : list of str
        The file's headers, as read.
    table : str
        The target table, a key of :data:`FIELDS`.

    Returns
    -------
    dict
        Each column at most once, each field at most once; unmatched columns are left out. Where
        two columns could be the customer (an id and a name), the id gets ``customer_id``.
    """
    candidates = sorted(
        (
            (score, -index, column, field)
            for index, column in enumerate(columns)
            for field in FIELDS[table]
            if (score := _score(normalise_header(column), field, table))
        ),
        reverse=True,
    )
    mapping: dict[str, str] = {}
    for _score_value, _index, column, field in candidates:
        if column not in mapping and field not in mapping.values():
            mapping[column] = field
    return {column: mapping[column] for column in columns if column in mapping}


def missing_fields(fields: set[str] | list[str], table: str) -> list[str]:
    """Required fields of ``table`` that ``fields`` do not provide, as the user should read them.

    Returns
    -------
    list of str
        e.g. ``["ordered_at", "revenue (or quantity and unit_price)"]``; empty when complete.
    """
    present = set(fields)
    missing = []
    for need in REQUIRED[table]:
        if isinstance(need, str):
            if need not in present:
                missing.append(need)
            continue
        options = [(o,) if isinstance(o, str) else o for o in need]
        if not any(all(f in present for f in option) for option in options):
            texts = [" and ".join(option) for option in options]
            missing.append(f"{texts[0]} (or {' or '.join(texts[1:])})")
    return missing


# fmt: off
#: Fields that tell one kind of file from another when guessing the table, with their weight: what
#: only one table has (a score, a text or a resolution date: feedback; an amount, a price, a
#: quantity or a product: transactions; a contact's cost: interactions; a name, an e-mail or a
#: phone: customers). A kind belongs to feedback and to service contacts alike.
_SIGNATURE = {
    "transactions": {"revenue": 3, "unit_price": 3, "quantity": 2, "product": 2, "order_id": 1,
                     "unit_cost": 1},
    "customers": {"name": 2, "email": 2, "phone": 2, "signup_at": 1, "country": 1},
    "feedback": {"kind": 2, "score": 3, "text": 3, "feedback_id": 2, "resolved_at": 2},
    "interactions": {"kind": 2, "channel": 1, "cost": 2},
}
# fmt: on


def _telling(table: str, mappings: dict[str, dict[str, str]]) -> int:
    """How strongly the mapped columns point to ``table``.

    A plain date column ("Date", «Дата») says nothing about a sign-up; a cost points to service
    contacts only when no other column is an amount (a sales file has both: «Сумма» and
    «Себестоимость»).
    """
    weights = _SIGNATURE[table]
    amounts = {c for c, f in mappings["transactions"].items() if f in ("revenue", "unit_price")}
    total = 0
    for column, field in mappings[table].items():
        if field == "signup_at" and normalise_header(column) in _DATE_WORDS:
            continue
        if table == "interactions" and field == "cost" and amounts - {column}:
            continue
        total += weights.get(field, 0)
    return total


def guess_table(columns: list[str]) -> str:
    """The table a file's headers most look like: the fields only that table has first, then
    whether the mapping would be complete (so a review file without a kind column is still taken
    for feedback, and its import asks for the kind, rather than for customers)."""
    mappings = {table: propose_mapping(columns, table) for table in FIELDS}

    def rank(table: str) -> tuple[int, int]:
        complete = 0 if missing_fields(set(mappings[table].values()), table) else 1
        return _telling(table, mappings), complete

    return max(FIELDS, key=rank)


_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?\d*\.\d+")
_CODE = re.compile(r"[A-Za-z]{0,4}[-_]?\d+")
_DATES = (
    re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"),
    re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}(\s.*)?"),
    re.compile(r"\d{4}/\d{1,2}/\d{1,2}(\s.*)?"),
)
#: The largest number a quantity column holds (a larger one is an id or an amount).
MAX_QUANTITY = 10_000


def _is_date(value: str) -> bool:
    """A date as files write them; eight digits only as a real YYYYMMDD day (19970101)."""
    if len(value) == 8 and value.isdigit():
        year, month, day = int(value[:4]), int(value[4:6]), int(value[6:])
        return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31
    return any(pattern.fullmatch(value) for pattern in _DATES)


def propose_from_values(samples: dict[str, list[str]], table: str) -> dict[str, str]:
    """The mapping {column: field} guessed from the values of a file without a header row.

    Only a transactions file can be told from its values: a column of dates (eight-digit
    ``YYYYMMDD`` days too, not taken for numbers) is ``ordered_at``; the last column of decimals
    (``29.33``) is ``revenue``; of the columns of whole numbers, the one with the smallest
    values is ``quantity`` when they are small and not zero-padded (zero-padded numbers are
    codes) and another column can be the customer; and of the id-like columns left (whole
    numbers or codes such as ``C17``), the one whose values repeat most (a customer buys again,
    an order id repeats less) is the customer, ties going to the shorter ids. On the CDNOW
    sample that is its second column, the sample's own customer number, beside the cohort-wide
    one of its first column.

    Parameters
    ----------
    samples : dict
        {column: its first values, as text} (empty cells left out).
    table : str
        The target table; other tables get no guess (their columns are mapped by hand).
    """
    if table != "transactions":
        return {}
    kinds: dict[str, str] = {}
    for column, values in samples.items():
        if not values:
            continue
        if all(_is_date(v) for v in values):
            kinds[column] = "date"
        elif all(_INTEGER.fullmatch(v) for v in values):
            kinds[column] = "integer"
        elif all(_INTEGER.fullmatch(v) or _DECIMAL.fullmatch(v) for v in values):
            kinds[column] = "decimal"
        elif all(_CODE.fullmatch(v) for v in values):
            kinds[column] = "code"
    mapping: dict[str, str] = {}
    dates = [c for c, k in kinds.items() if k == "date"]
    if dates:
        mapping[dates[0]] = "ordered_at"
    decimals = [c for c, k in kinds.items() if k == "decimal"]
    if decimals:
        mapping[decimals[-1]] = "revenue"
    integers = [c for c, k in kinds.items() if k == "integer"]

    def padded(column: str) -> bool:
        return any(
            len(v.lstrip("+-")) > 1 and v.lstrip("+-").startswith("0") for v in samples[column]
        )

    def largest(column: str) -> int:
        return max(abs(int(v)) for v in samples[column])

    small = [c for c in integers if not padded(c) and largest(c) <= MAX_QUANTITY]
    if small and sum(k in ("integer", "code") for k in kinds.values()) >= 2:  # one is the customer
        mapping[min(small, key=largest)] = "quantity"
    ids = [c for c, k in kinds.items() if k in ("integer", "code") and c not in mapping]
    if ids:
        mapping[min(ids, key=lambda c: (len(set(samples[c])), max(map(len, samples[c]))))] = (
            "customer_id"
        )
    return {column: mapping[column] for column in samples if column in mapping}
