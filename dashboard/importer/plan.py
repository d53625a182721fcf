"""The SQL that turns a file's columns into a table's rows: a chain of CTEs, checked as it reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dashboard.errors import ImportFailed, Label
from dashboard.importer import contact_rules, feedback_rules, values
from dashboard.importer.fields import (
    FIELD_TYPES,
    FIELDS,
    guess_table,
    missing_fields,
    propose_from_values,
    propose_mapping,
)
from dashboard.importer.formats import Source
from dashboard.importer.values import literal, quote

#: Separates the parts of the error the SQL raises on a bad value (see :func:`parse_bad_value`).
MARK, SEP = "IMPORT-BAD-VALUE", "\x1f"
SAMPLE_ROWS = 50_000
#: The largest amount, cost, quantity or score one line may hold (either sign): a larger one is a
#: typo or junk (1e308 makes every sum infinite) and is refused, as are NaN and infinity.
MAX_AMOUNT = 1e12

# fmt: off
#: Columns of each table that an import fills, in the order they are inserted.
TARGET_COLUMNS = {
    "transactions": ["customer_id", "order_id", "ordered_at", "revenue", "cost", "quantity",
                     "product", "category", "channel"],
    "customers": ["customer_id", "name", "email", "phone", "country", "channel", "signup_at",
                  "attributes"],
    "feedback": ["feedback_id", "customer_id", "order_id", "created_at", "kind", "score", "scale",
                 "channel", "text", "resolved_at"],
    "interactions": ["customer_id", "occurred_at", "channel", "kind", "cost"],
}
#: Transactions fields that describe the customer, and the customers column each fills.
CUSTOMER_ATTRIBUTES = {"customer_name": "name", "email": "email", "phone": "phone",
                       "country": "country"}
# fmt: on
#: What a nested column holds, as a message names it.
_NESTED = {"lists": "import_errors.value.lists", "records": "import_errors.value.records"}
#: Tables whose rows need a customer: rows without one are set aside as guest rows.
NEEDS_CUSTOMER = ("transactions", "customers", "interactions")
#: A hash of a row's unmapped columns, beside the table's fields in ``Plan.sql``: rows are exact
#: duplicates only when the whole source row repeats (two order items alike but for an unmapped
#: line number are two rows).
SOURCE_ROW = quote("__import_source_row")

_REASONS = {
    "number": "The value is not a number.",
    "timestamp": "The value is not a date in the file's date format.",
    "empty": "The value is empty but this field is required.",
    "kind": "The kind is not one the dashboard knows.",
    "no_kind": "The row has neither a kind nor a score.",
    "no_kind_column": "The row has no score, and no column is mapped to the kind.",
    "not_finite": "The value is not a finite number (NaN or infinity).",
    "too_large": f"The value is beyond ±{MAX_AMOUNT:,.0f}, the most one line may hold.",
}


@dataclass
class Plan:
    """What an import will do: the mapping, how values are read, and the SQL."""

    table: str
    mapping: dict[str, str]
    decimal_comma: bool = False
    date_formats: dict[str, str | None] = field(default_factory=dict)
    scale: str | None = None
    cancellations: bool = False
    #: The first and last day a row may be dated (rows outside are set aside).
    dates: tuple[date, date] | None = None
    sql: str = ""
    columns: list[str] = field(default_factory=list)
    #: Whether ``sql`` ends with :data:`SOURCE_ROW` (the file has unmapped columns).
    row_key: bool = False
    #: Of a transactions file, its customers as ``sql`` gives them (customer_id, the customer
    #: attributes, n: rows), read from the file's own two or three columns (see
    #: :func:`customers_sql`); empty for other tables.
    customers_sql: str = ""


def check_mapping(source: Source, table: str, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping without ignored columns, or ImportFailed saying what is wrong with it."""
    if table not in FIELDS:
        raise ImportFailed(
            f"Unknown table {table!r}.",
            file=source.file_name,
            fix=f"choose one of {', '.join(FIELDS)}.",
            key="import_errors.unknown_table",
            fix_key="import_errors.fix.choose_table",
            table=table,
            tables=[_table(t) for t in FIELDS],
        )
    clean = {c: f for c, f in mapping.items() if f}
    for column, target in clean.items():
        if column not in source.columns:
            raise ImportFailed(
                f"The file has no column {column!r}.",
                file=source.file_name,
                fix=f"map one of its columns: {_few(source.columns)}.",
                key="import_errors.no_such_column",
                fix_key="import_errors.fix.map_existing_column",
                name=column,
                columns=shown_columns(source.columns),
            )
        if target not in FIELDS[table]:
            raise ImportFailed(
                f"{target!r} is not a field of {table}.",
                file=source.file_name,
                column=column,
                fix=f"use one of {', '.join(FIELDS[table])}.",
                key="import_errors.not_a_field",
                fix_key="import_errors.fix.use_field",
                field=target,
                table=_table(table),
                fields=[field_label(f) for f in FIELDS[table]],
            )
    for column in clean:
        duck_type = source.types.get(column, "")
        nested = "lists" if duck_type.endswith("]") else None
        if duck_type.upper().startswith(("STRUCT", "MAP", "UNION")):
            nested = "records"
        if nested:
            raise ImportFailed(
                f"The column holds {nested} ({duck_type}), not one value per cell.",
                file=source.file_name,
                column=column,
                fix="map a column of plain values, or flatten this one (one value per cell) "
                "and export the file again.",
                key="import_errors.nested_column",
                fix_key="import_errors.fix.flatten",
                kind=Label(nested, _NESTED[nested]),
                type=duck_type,
            )
    repeated = [f for f in set(clean.values()) if list(clean.values()).count(f) > 1]
    if repeated:
        raise ImportFailed(
            f"Two columns are mapped to {repeated[0]!r}.",
            file=source.file_name,
            fix="map each field from one column only.",
            key="import_errors.field_mapped_twice",
            fix_key="import_errors.fix.one_column_per_field",
            field=field_label(repeated[0]),
        )
    _check_required(source, table, clean)
    return clean


def _check_required(source: Source, table: str, mapping: dict[str, str]) -> None:
    missing = missing_fields(set(mapping.values()), table)
    if not missing:
        return
    looks_like, one = guess_table(source.columns), len(missing) == 1
    hint, label = "", ""
    named_excel = source.file_name.lower().endswith((".xlsx", ".xlsm", ".xls"))
    if source.format == "csv" and named_excel:  # text named like a workbook: read as CSV, in vain
        hint = (
            " The file is named like an Excel workbook but holds plain text: if it is a "
            "workbook, open it in Excel and save it again as .xlsx."
        )
        label = Label(hint, "import_errors.value.not_a_workbook_hint")
    elif len(source.sheets) > 1:  # the table may be on another sheet than the first
        sheets = ", ".join(source.sheets)
        hint = (
            f" The workbook has {len(source.sheets)} sheets ({sheets}) and sheet "
            f"'{source.sheet}' is read: choose the sheet that holds the table (the Data page's "
            "«Sheet», or --sheet), or save it as CSV."
        )
        label = Label(hint, "import_errors.value.sheets_hint", count=len(source.sheets),
                      sheets=sheets, sheet=source.sheet)  # fmt: skip
    elif looks_like != table:
        hint = f" It looks like a file for the {looks_like} table: import it as {looks_like}."
        label = Label(hint, "import_errors.value.other_table_hint", other=_table(looks_like))
    raise ImportFailed(
        f"A {table} file needs {', '.join(missing)}, and no column is mapped to "
        f"{'it' if len(missing) == 1 else 'them'} (columns: {_few(source.columns)}).{hint}",
        file=source.file_name,
        fix=f"map the columns that hold {', '.join(missing)}, or choose the right table.",
        key="import_errors.required_missing_one" if one else "import_errors.required_missing",
        fix_key="import_errors.fix.map_required_one" if one else "import_errors.fix.map_required",
        table=_table(table),
        missing=[_required_field(m) for m in missing],
        columns=shown_columns(source.columns),
        hint=label,
    )


#: The most column names a message lists (a file may have thousands).
SHOWN_COLUMNS = 20


def shown_columns(columns: list[str]) -> list:
    """Column names as a message lists them: the first :data:`SHOWN_COLUMNS`, then "and N more"."""
    if len(columns) <= SHOWN_COLUMNS:
        return list(columns)
    more = len(columns) - SHOWN_COLUMNS
    return [*columns[:SHOWN_COLUMNS], Label(f"and {more:,} more", "import_errors.value.more",
                                             count=more)]  # fmt: skip


def _few(columns: list[str]) -> str:
    return ", ".join(str(c) for c in shown_columns(columns))


def _table(table: str) -> Label:
    """A table as a message names it: transactions / «Транзакции»."""
    return Label(table, f"common.table.{table}")


def field_label(name: str) -> str | Label:
    """A field as a message or the mapping editor names it: ordered_at / «дата заказа» (a name
    that is no field, as it is)."""
    if not any(name in fields for fields in FIELDS.values()):
        return name
    return Label(name, f"data.field.{name}")


def required_field_label(text: str) -> str | Label:
    """A missing field as :func:`missing_fields` writes it (``revenue (or quantity and
    unit_price)``), its fields, "or" and "and" in the reader's language."""
    return _required_field(text)


def _required_field(text: str) -> str | Label:
    """A missing field as :func:`missing_fields` writes it (``revenue (or quantity and
    unit_price)``), its "or" and "and" in the reader's language."""
    if " (or " not in text:
        return _fields_group(text)
    first, others = text.removesuffix(")").split(" (or ", 1)
    return Label(
        text,
        "import_errors.value.fields_choice",
        first=_fields_group(first),
        others=[_fields_group(o) for o in others.split(" or ")],
    )


def _fields_group(text: str) -> str | Label:
    """Fields needed together (``quantity and unit_price``)."""
    names = text.split(" and ")
    if len(names) == 1:
        return field_label(text)
    return Label(
        text,
        "import_errors.value.fields_and",
        first=[field_label(n) for n in names[:-1]],
        last=field_label(names[-1]),
    )


def propose(cur, source: Source, table: str) -> dict[str, str]:
    """The mapping proposed for a file: from its headers, or, of a file without a header row
    (its columns named "column 1"...), from the values of its first rows."""
    if not source.generated_header:
        return propose_mapping(source.columns, table)
    sample_values(cur, source, source.columns[0], limit=1)  # the sample table of the first rows
    samples = {}
    for column in source.columns:
        text = f"trim(CAST({quote(column)} AS VARCHAR))"
        rows = cur.execute(
            f"SELECT {text} FROM {source.sample_table} WHERE nullif({text}, '') IS NOT NULL "
            "LIMIT 2000"
        ).fetchall()
        samples[column] = [r[0] for r in rows]
    return propose_from_values(samples, table)


def sample_values(cur, source: Source, column: str, limit: int = 2000) -> list[str]:
    """Distinct non-empty values of a column among the first rows, as text."""
    if source.sample_table is None:
        source.sample_table = f"_import_sample_{id(source)}"
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE {source.sample_table} AS "
            f"SELECT * FROM {source.relation} LIMIT {SAMPLE_ROWS}"
        )
    rows = cur.execute(
        f"SELECT DISTINCT trim(CAST(v AS VARCHAR)) FROM (SELECT {quote(column)} AS v FROM "
        f"{source.sample_table}) WHERE v IS NOT NULL AND "
        f"trim(CAST(v AS VARCHAR)) <> '' LIMIT {limit}"
    ).fetchall()
    return [r[0] for r in rows]


def date_format_of(cur, source: Source, column: str) -> tuple[str | None, list[str]]:
    """A column's date format from its first rows; when they leave day/month open, from all rows.

    Returns
    -------
    tuple
        ``(format, choices)`` as :func:`values.detect_date_format` gives them.
    """
    sample = sample_values(cur, source, column)
    fmt, choices = values.detect_date_format(sample, source.types[column])
    if fmt is not None or not choices:
        return fmt, choices
    separator = literal(choices[0][2])
    text = f"trim(CAST({quote(column)} AS VARCHAR))"
    first, second = cur.execute(
        f"SELECT max(try_cast(split_part({text}, {separator}, 1) AS INTEGER)), "
        f"max(try_cast(split_part({text}, {separator}, 2) AS INTEGER)) FROM {source.relation}"
    ).fetchone()
    if (first or 0) > 12 >= (second or 0):
        return choices[0], []
    if (second or 0) > 12 >= (first or 0):
        return choices[1], []
    return None, choices


def decide_formats(cur, source: Source, plan: Plan, date_format: str | None) -> None:
    """Decide decimal comma, date formats and the cancellation rule from samples of the data."""
    chosen = values.normalise_date_format(date_format)
    numbers: list[str] = []
    for column, target in plan.mapping.items():
        kind, duck_type = FIELD_TYPES.get(target), source.types[column]
        if kind == "number" and duck_type == "VARCHAR":
            numbers += sample_values(cur, source, column)
        elif kind == "timestamp":
            fmt, choices = date_format_of(cur, source, column)
            if chosen and fmt not in ("native", "iso", "excel"):
                fmt = chosen
            if fmt is None and choices:
                example = sample_values(cur, source, column, limit=1)[0]
                values.require_date_format(column, choices, source.file_name, example)
            plan.date_formats[target] = fmt
        elif target == "order_id" and plan.table == "transactions":
            ids = sample_values(cur, source, column)
            numeric = sum(i.isdigit() for i in ids)
            cancelled = sum(bool(re.fullmatch(r"C\d+", i)) for i in ids)
            plan.cancellations = cancelled > 0 and numeric > cancelled
    plan.decimal_comma = values.detect_decimal_comma(numbers)


_PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_PLAIN_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?")


def reader_types(cur, source: Source, plan: Plan) -> dict[str, str]:
    """Columns that DuckDB's CSV reader can parse itself: {column: DOUBLE or TIMESTAMP}.

    A number column whose sampled values are plain numbers (no grouping, currency or decimal
    comma) and a date column in plain ISO form are parsed by the reader, which is the fastest way
    through a large file. Should a later value not parse, the import reads the file again as text
    (see :func:`dashboard.importer.load.import_file`), so the result and the messages are the same.
    """
    if source.format != "csv":
        return {}
    typed = {}
    for column, target in plan.mapping.items():
        kind = FIELD_TYPES.get(target)
        if kind == "number" and not plan.decimal_comma:
            pattern, duck_type = _PLAIN_NUMBER, "DOUBLE"
        elif kind == "timestamp" and plan.date_formats.get(target) == "iso":
            pattern, duck_type = _PLAIN_TIMESTAMP, "TIMESTAMP"
        else:
            continue
        sample = sample_values(cur, source, column)
        if sample and all(pattern.fullmatch(v) for v in sample):
            typed[column] = duck_type
    return typed


def _bad(target: str, column: str, raw: str, reason: str) -> str:
    message = " || ".join(
        [
            literal(SEP.join([MARK, target, column, ""])),
            f"coalesce(trim(CAST({raw} AS VARCHAR)), '')",
            literal(SEP + reason),
        ]
    )
    return f"error({message})"


def _typed_columns(source: Source, plan: Plan) -> tuple[list[str], list[str], list[str]]:
    """The three projections: raw values, converted values, checked values."""
    raws, converted, checked = [], [], []
    for column, target in plan.mapping.items():
        kind, duck_type = FIELD_TYPES.get(target, "text"), source.types[column]
        raw, out = quote(f"r_{target}"), quote(target)
        if kind in ("id", "text"):
            make = values.id_sql if kind == "id" else values.text_sql
            raws.append(f"{make(column, duck_type)} AS {out}")
            converted.append(out)
            checked.append(out)
            continue
        raws.append(f"{values.raw_sql(column, duck_type)} AS {raw}")
        if kind == "number":
            value = values.number_sql(raw, duck_type, plan.decimal_comma)
        else:
            value = values.timestamp_sql(raw, duck_type, plan.date_formats.get(target))
        converted += [f"{value} AS {out}", raw]
        native = (
            values.is_numeric_type(duck_type)
            if kind == "number"
            else (values.is_temporal_type(duck_type))
        )
        bounds = _bounds(target, column, raw, out) if kind == "number" else ""
        if native:  # the reader parsed it: only the bounds are left to check
            checked.append(f"CASE {bounds} ELSE {out} END AS {out}" if bounds else out)
            continue
        checked.append(
            f"CASE WHEN {raw} IS NOT NULL AND {out} IS NULL AND trim(CAST({raw} AS VARCHAR)) <> '' "
            f"THEN "
            f"{_bad(target, column, raw, kind)} {bounds} ELSE {out} END AS {out}"
        )
    return raws, converted, checked


def _bounds(target: str, column: str, raw: str, value: str) -> str:
    """The CASE branches refusing a number that is NaN, infinite or beyond :data:`MAX_AMOUNT`
    (checked in the same pass that reads the value)."""
    return (
        f"WHEN NOT isfinite({value}) THEN {_bad(target, column, raw, 'not_finite')} "
        f"WHEN abs({value}) > {MAX_AMOUNT:.0f} THEN {_bad(target, column, raw, 'too_large')}"
    )


def _required(target: str, expression: str, plan: Plan) -> str:
    column = next((c for c, f in plan.mapping.items() if f == target), target)
    return (
        f"CASE WHEN {expression} IS NULL THEN {_bad(target, column, 'NULL', 'empty')} "
        f"ELSE {expression} END"
    )


def _field(plan: Plan, name: str) -> str:
    return quote(name) if name in plan.mapping.values() else "NULL"


def _transactions_select(plan: Plan) -> list[str]:
    f = lambda name: _field(plan, name)  # noqa: E731
    revenue = f("revenue")
    if revenue == "NULL":
        revenue = f"{f('quantity')} * {f('unit_price')}"
    if plan.cancellations:
        revenue = (
            f"CASE WHEN starts_with({f('order_id')}, 'C') THEN -abs({revenue}) ELSE {revenue} END"
        )
    cost = (
        f("cost")
        if f("cost") != "NULL"
        else (f"{f('quantity')} * {f('unit_cost')}" if f("unit_cost") != "NULL" else "NULL")
    )
    selects = [
        "customer_id",
        "order_id",
        f"{_required('ordered_at', f('ordered_at'), plan)} AS ordered_at",
        f"{_required('revenue', revenue, plan)} AS revenue",
        f"CAST({cost} AS DOUBLE) AS cost",
        f"CAST({f('quantity')} AS DOUBLE) AS quantity",
    ]
    selects[:2] = [f"{f('customer_id')} AS customer_id", f"{f('order_id')} AS order_id"]
    selects += [f"CAST({f(c)} AS VARCHAR) AS {c}" for c in ("product", "category", "channel")]
    selects += [f"{quote(a)} AS {a}" for a in CUSTOMER_ATTRIBUTES if a in plan.mapping.values()]
    return selects


def _customers_select(plan: Plan, source: Source) -> list[str]:
    f = lambda name: _field(plan, name)  # noqa: E731
    others = [c for c in source.columns if c not in plan.mapping]
    attributes = (
        "json_object(" + ", ".join(f"{literal(c)}, {quote(c)}" for c in others) + ")"
        if others
        else "NULL"
    )
    return [f"CAST({f(c)} AS VARCHAR) AS {c}" for c in TARGET_COLUMNS["customers"][:6]] + [
        f"CAST({f('signup_at')} AS TIMESTAMP) AS signup_at",
        f"{attributes} AS attributes",
    ]


def _feedback_select(plan: Plan) -> list[str]:
    f = lambda name: _field(plan, name)  # noqa: E731
    score = f("score")
    from_score = feedback_rules.kind_from_score_sql(score, plan.scale)
    kind = from_score
    if f("kind") != "NULL":
        words = feedback_rules.kind_from_words_sql(f("kind"))
        column = next(c for c, t in plan.mapping.items() if t == "kind")
        unknown = _bad("kind", column, f("kind"), "kind")
        kind = (
            f"CASE WHEN {f('kind')} IS NULL THEN {from_score} "
            f"WHEN {words} IS NULL THEN {unknown} ELSE {words} END"
        )
    scale = (
        f"CASE WHEN {score} IS NOT NULL THEN {literal(plan.scale)} END" if plan.scale else "NULL"
    )
    return [
        f"CAST({f('feedback_id')} AS VARCHAR) AS feedback_id",
        f"CAST({f('customer_id')} AS VARCHAR) AS customer_id",
        f"CAST({f('order_id')} AS VARCHAR) AS order_id",
        f"{_required('created_at', f('created_at'), plan)} AS created_at",
        f"{_kind_required(kind, plan)} AS kind",
        f"CAST({score} AS DOUBLE) AS score",
        f"CAST({scale} AS VARCHAR) AS scale",
        f"CAST({f('channel')} AS VARCHAR) AS channel",
        f"CAST({f('text')} AS VARCHAR) AS text",
        f"CAST({f('resolved_at')} AS TIMESTAMP) AS resolved_at",
    ]


def _kind_required(kind: str, plan: Plan) -> str:
    """The feedback's kind, or the error for a row whose kind can be neither read nor derived.

    A row without a kind takes the kind its score stands for; a row with neither names the
    column the user can act on: the kind's if one is mapped (reason ``no_kind``), else the
    score's (reason ``no_kind_column``: map a column to the kind). The other column rides in the
    value's place, so that the message can find the first row where both are empty.
    """
    columns = {t: c for c, t in plan.mapping.items() if t in ("kind", "score")}
    if "score" not in columns:
        return _required("kind", kind, plan)
    if "kind" in columns:
        column, other, reason = columns["kind"], columns["score"], "no_kind"
    else:
        column, other, reason = columns["score"], "", "no_kind_column"
    error = _bad("kind", column, literal(other), reason)
    return f"CASE WHEN {kind} IS NULL THEN {error} ELSE {kind} END"


def _interactions_select(plan: Plan) -> list[str]:
    f = lambda name: _field(plan, name)  # noqa: E731
    return [
        f"{f('customer_id')} AS customer_id",
        f"{_required('occurred_at', f('occurred_at'), plan)} AS occurred_at",
        f"CAST({f('channel')} AS VARCHAR) AS channel",
        f"CAST({contact_rules.contact_kind_sql(f('kind'))} AS VARCHAR) AS kind",
        f"CAST({f('cost')} AS DOUBLE) AS cost",
    ]


def build_sql(source: Source, plan: Plan) -> None:
    """Fill ``plan.sql`` (one select of the table's rows, checked; with :data:`SOURCE_ROW` when
    the file has unmapped columns) and ``plan.columns``."""
    raws, converted, checked = _typed_columns(source, plan)
    selects = {
        "transactions": lambda: _transactions_select(plan),
        "customers": lambda: _customers_select(plan, source),
        "feedback": lambda: _feedback_select(plan),
        "interactions": lambda: _interactions_select(plan),
    }[plan.table]()
    keep = [c for c in source.columns if c not in plan.mapping] if plan.table == "customers" else []
    raws += [quote(c) for c in keep]
    converted += [quote(c) for c in keep]
    checked += [quote(c) for c in keep]
    unmapped = [c for c in source.columns if c not in plan.mapping and c not in keep]
    plan.row_key = bool(unmapped)
    if unmapped:  # duplicates are judged on the whole source row
        raws.append(f"hash({', '.join(quote(c) for c in unmapped)}) AS {SOURCE_ROW}")
        converted.append(SOURCE_ROW)
        checked.append(SOURCE_ROW)
    plan.sql = (
        f"WITH src AS (SELECT * FROM {source.relation}),\n"
        f"raw AS (SELECT {', '.join(raws)} FROM src),\n"
        f"converted AS (SELECT {', '.join(converted)} FROM raw),\n"
        f"checked AS (SELECT {', '.join(checked)} FROM converted)\n"
        f"SELECT {', '.join(selects + [SOURCE_ROW] * plan.row_key)} FROM checked"
    )
    plan.columns = [s.rsplit(" AS ", 1)[1].strip('"') for s in selects]
    plan.customers_sql = customers_sql(source, plan)


_KEY = "__import_customer_key"


def customers_sql(source: Source, plan: Plan) -> str:
    """A transactions file's customers: ``customer_id``, any value of each customer attribute
    the file has, and ``n``, the customer's rows (the guests' under a NULL id); empty for other
    tables.

    The rows are grouped by the id as the file writes it first, so that the id is made clean
    (trimmed, ``13085.0`` as ``13085``) once per distinct value rather than once per row; ids
    that become alike are grouped together again. The same as grouping ``plan.sql`` by its
    customer_id, at a fraction of the cost on a large file.
    """
    columns = {t: c for c, t in plan.mapping.items()}
    if plan.table != "transactions" or "customer_id" not in columns:
        return ""
    column = columns["customer_id"]
    present = [a for a in CUSTOMER_ATTRIBUTES if a in columns]
    make = {a: values.id_sql if FIELD_TYPES.get(a) == "id" else values.text_sql for a in present}
    inner = "".join(
        f"any_value({make[a](columns[a], source.types[columns[a]])}) AS {quote(a)}, "
        for a in present
    )
    outer = "".join(f"any_value({quote(a)}) AS {quote(a)}, " for a in present)
    key_type = source.types[column]
    return (
        f"SELECT {values.id_sql(_KEY, key_type)} AS customer_id, {outer}"
        f"CAST(sum(n) AS BIGINT) AS n FROM (SELECT {quote(column)} AS {quote(_KEY)}, {inner}"
        f"count(*) AS n FROM {source.relation} GROUP BY ALL) GROUP BY ALL"
    )


def parse_bad_value(message: str) -> tuple[str, str, str, str] | None:
    """(field, column, value, reason) from the error the checked SQL raises, else None."""
    if MARK not in message:
        return None
    parts = message[message.index(MARK) :].split(SEP)
    if len(parts) < 5:
        return None
    reason = parts[4].splitlines()[0].strip()
    return parts[1], parts[2], parts[3], reason


def reason_text(reason: str) -> str:
    """What a bad-value reason code means, in words."""
    return _REASONS.get(reason, "The value cannot be read.")
