"""A set of related files (a shop's or marketplace's export) imported together, all or nothing.

An online shop exports orders, order items, payments, customers, reviews and products as
separate files tied by keys. :func:`gather` takes files, a folder or a zip (its members are
written into a temporary folder made here, under names made here); :func:`inspect` finds each
file's role and the relations between them (:mod:`dashboard.importer.relations`);
:func:`import_related` joins them in DuckDB and writes, in one transaction, one transactions
row per order item (the person's own id as the customer, the order's date, revenue from the
item's price, freight added or not, the category from products; a canceled or unavailable
order also gets its cancellation, as an Online Retail "C" invoice: order id "C" + id, negative
revenue), one feedback row per review of a known order (its answer date as the resolution),
and one customer record per person with their per-order keys as an attribute. Payments check
each order's total. Every file's report says what was used and what was left out, and why.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path, PurePosixPath, PureWindowsPath

import duckdb

from dashboard.errors import ImportFailed, Label
from dashboard.importer import diagnose, feedback_rules, relations, values, write
from dashboard.importer.formats import Source, open_source
from dashboard.importer.load import (
    ImportResult,
    _already_imported,
    _not_written,
    file_hash,
    plausible_dates,
)
from dashboard.importer.plan import MAX_AMOUNT, _bad, _bounds, date_format_of, sample_values
from dashboard.importer.relations import MEANINGS, FileRole, Relation
from dashboard.importer.uploads import ACCEPTED_SUFFIXES
from dashboard.importer.values import literal, quote
from dashboard.store import database

#: Freight: added to the item's revenue, or left out of it (reported as its own total).
FREIGHT_CHOICES = ("separate", "add")
#: Order statuses that make an order a cancellation (compared in lower case).
CANCELLED_STATUSES = ("canceled", "cancelled", "unavailable", "отменен", "отменён", "отменено",
                      "отменён покупателем", "нет в наличии", "refunded", "voided")  # fmt: skip
#: A payment differing from its items by less than this is the same (cents rounded).
PAYMENT_TOLERANCE = 0.01
#: The largest zip the importer unpacks (its members' sizes together).
MAX_ZIP_BYTES = 2 * 2**30
#: How many differing orders a report lists by name.
EXAMPLES = 5
MODE = "related"

#: Why rows of a file were left out, in English (the page translates ``related.reason.<code>``).
REASONS = {
    "no_role": "the file is none of orders, order items, payments, customers, reviews, products",
    "no_items": "orders without items",
    "no_customer": "orders without a customer key",
    "unknown_customer": "orders whose customer key the customers file lacks",
    "repeated_order": "rows repeating an order id",
    "unknown_order": "rows of orders the orders file lacks",
    "order_left_out": "rows of orders left out (no customer)",
    "date_out_of_range": "dated outside the plausible dates",
    "no_person": "rows without the person's own id",
    "known_customer": "people already known (kept as they were)",
    "not_sold": "products no item refers to",
}
_TYPES = {"id": "VARCHAR", "text": "VARCHAR", "number": "DOUBLE", "timestamp": "TIMESTAMP"}


@dataclass
class FileReport:
    """What one file gave: its role, its rows, the columns used and the rows left out."""

    file_name: str
    role: str | None
    rows: int = 0
    used: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    unused_columns: list[str] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)


@dataclass
class RelatedResult:
    """What an import of a set did: per file, the relations, and what landed where."""

    files: list[FileReport]
    relations: list[Relation]
    freight: str
    already_imported: bool = False
    import_ids: dict[str, int] = field(default_factory=dict)
    transactions: int = 0
    revenue: float = 0.0
    freight_total: float = 0.0
    cancelled_orders: int = 0
    cancellation_rows: int = 0
    cancelled_revenue: float = 0.0
    feedback: int = 0
    customers_added: int = 0
    orders: int = 0
    payments: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Plain JSON-serialisable values."""
        return asdict(self)


# --- the files of a set -------------------------------------------------------------------------


def _role(role: str) -> Label:
    """A role as a message names it: items / «позиции заказов»."""
    return Label(role, f"related.role.{role}")


def _bad_member(name: str, archive: str) -> ImportFailed:
    return ImportFailed(
        file=archive,
        fix="pack the export again without folders such as '..' or absolute paths.",
        key="import_errors.zip_member",
        fix_key="import_errors.fix.zip_member",
        name=name,
    )


def _too_large(archive: str) -> ImportFailed:
    return ImportFailed(
        file=archive,
        fix="import the files one set at a time, or as files rather than a zip.",
        key="import_errors.zip_too_large",
        fix_key="import_errors.fix.zip_too_large",
    )


def _unzip(path: Path, shown: str, folder: Path) -> list[tuple[Path, str]]:
    """The zip's table files, written as ``<folder>/<n><suffix>``; (path, member name)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise ImportFailed(
            file=shown,
            fix="pack the files again as a .zip, or upload them one by one.",
            key="import_errors.bad_zip",
            fix_key="import_errors.fix.bad_zip",
        ) from e
    found = []
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        for member in members:
            name = member.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if (
                ".." in parts
                or name.startswith(("/", "\\"))
                or PureWindowsPath(name).drive
                or "\x00" in name
            ):
                raise _bad_member(name, shown)
        if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise _too_large(shown)
        for index, member in enumerate(sorted(members, key=lambda m: m.filename)):
            last = PurePosixPath(member.filename.replace("\\", "/")).name
            suffix = "." + last.rpartition(".")[2].lower() if "." in last else ""
            if suffix not in ACCEPTED_SUFFIXES or last.startswith((".", "__MACOSX")):
                continue
            target = folder / f"{index}{suffix}"
            with archive.open(member) as source, open(target, "wb") as out:
                written = 0
                while chunk := source.read(1 << 20):
                    written += len(chunk)
                    if written > MAX_ZIP_BYTES:
                        raise _too_large(shown)
                    out.write(chunk)
            found.append((target, member.filename))
    return found


def gather(items, folder: Path) -> list[tuple[Path, str]]:
    """The table files of ``items`` as (path, name): each item a path or (path, shown name);
    a folder gives its table files (sorted), a zip its members, unpacked into ``folder``
    (made by the caller, e.g. a ``tempfile.TemporaryDirectory``)."""
    found: list[tuple[Path, str]] = []
    for item in items:
        path, shown = (Path(item[0]), item[1]) if isinstance(item, tuple) else (Path(item), None)
        shown = shown or path.name
        if path.is_dir():
            found += [
                (p, p.name)
                for p in sorted(path.iterdir())
                if p.is_file() and p.suffix.lower() in ACCEPTED_SUFFIXES
                and not p.name.startswith(".")
            ]  # fmt: skip
        elif shown.lower().endswith(".zip"):
            inner = Path(tempfile.mkdtemp(prefix="zip-", dir=folder))
            found += _unzip(path, shown, inner)
        else:
            found.append((path, shown))
    if not found:
        raise ImportFailed(
            fix=f"give files ending in {', '.join(ACCEPTED_SUFFIXES)}, a folder or a zip of them.",
            key="import_errors.no_files",
            fix_key="import_errors.fix.no_files",
            suffixes=", ".join(ACCEPTED_SUFFIXES),
        )
    return found


# --- roles and relations ---------------------------------------------------------------------


def _describe(sources: list[Source]) -> list[FileRole]:
    return [
        FileRole(s.file_name, list(s.columns), relations.guess_role(s.columns)) for s in sources
    ]


def _apply(
    cur, files: list[FileRole], roles: dict | None, overrides: list | None, strict: bool = True
) -> bool:
    """Roles and columns: remembered for this set, else guessed; then the user's corrections
    (``roles`` {file name: role or None}, ``overrides`` ["items.order_id=orders.order_id"]).
    A second file of one role is refused, or when not ``strict`` (a preview) left without one,
    for the user to choose."""
    for f in files:
        f.meanings = relations.find_columns(f.columns, f.role) if f.role else {}
    remembered = relations.recall(cur, files)
    for name, role in (roles or {}).items():
        if not any(f.name == name for f in files):
            raise ImportFailed(
                file=name,
                fix="name a file of the set as it is written, e.g. orders.csv=orders.",
                key="import_errors.role_file",
                fix_key="import_errors.fix.role_file",
                names=[f.name for f in files],
            )
        for f in files:
            if f.name == name and role != f.role:
                if role is not None and role not in relations.ROLES:
                    raise ImportFailed(
                        file=name,
                        fix=f"use one of {', '.join(relations.ROLES)}.",
                        key="import_errors.unknown_role",
                        fix_key="import_errors.fix.role",
                        role=role,
                        roles=", ".join(relations.ROLES),
                    )
                f.role = role
                f.meanings = relations.find_columns(f.columns, role) if role else {}
    by_role: dict[str, FileRole] = {}
    for f in files:
        if f.role is None:
            continue
        if f.role in by_role and not strict:
            f.role, f.meanings = None, {}
            continue
        if f.role in by_role:
            raise ImportFailed(
                file=f.name,
                fix="leave one of them out, or give the other its own role.",
                key="import_errors.role_twice",
                fix_key="import_errors.fix.role_twice",
                role=_role(f.role),
                first=by_role[f.role].name,
                second=f.name,
            )
        by_role[f.role] = f
    for text in overrides or []:
        try:
            parts = relations.parse_relation(text)
        except ValueError:
            raise ImportFailed(
                fix="write it as items.order_id=orders.order_id, with roles of the set's files.",
                key="import_errors.bad_relation",
                fix_key="import_errors.fix.relation",
                relation=text,
            ) from None
        child, child_column, parent, parent_column = parts
        link = next((k for c, p, k in relations.LINKS if (c, p) == (child, parent)), None)
        for role, column in ((child, child_column), (parent, parent_column)):
            f = by_role.get(role)
            if link is None or f is None or column not in f.columns:
                raise ImportFailed(
                    fix="name roles the set has, related as orders and items are, and their columns "
                    "as the files write them.",
                    key="import_errors.relation_column",
                    fix_key="import_errors.fix.relation_column",
                    relation=text,
                )
            f.meanings = {m: c for m, c in f.meanings.items() if c != column}
            f.meanings[link] = column
    return remembered


def _match(cur, sources: dict[str, Source], files: list[FileRole]) -> list[Relation]:
    """The relations, with how many of the child's distinct keys the parent holds."""
    found = relations.relations_of(files)
    for r in found:
        if r.child_column is None or r.parent_column is None:
            continue
        child, parent = sources[r.child], sources[r.parent]
        key_c = values.id_sql(r.child_column, child.types[r.child_column])
        key_p = values.id_sql(r.parent_column, parent.types[r.parent_column])
        keys, matched = cur.execute(
            f"WITH c AS (SELECT DISTINCT {key_c} AS k FROM {child.relation}), "
            f"p AS (SELECT DISTINCT {key_p} AS k FROM {parent.relation}) "
            "SELECT count(*), count(p.k) FROM c LEFT JOIN p USING (k) WHERE c.k IS NOT NULL"
        ).fetchone()
        r.keys, r.matched = int(keys), int(matched)
    return found


@dataclass
class SetPreview:
    """What the importer sees in a set before importing it: each file's role and columns,
    the relations found, and whether they were remembered."""

    files: list[FileRole]
    relations: list[Relation]
    remembered: bool = False
    missing: list[str] = field(default_factory=list)  # roles needed but absent

    def as_dict(self) -> dict:
        """Plain values."""
        return asdict(self)


def _open_all(cur, paths: list[tuple[Path, str]]) -> list[Source]:
    sources: list[Source] = []
    try:
        for path, name in paths:
            sources.append(open_source(cur, Path(path), name))
    except BaseException:
        for source in sources:
            source.close(cur)
        raise
    return sources


def inspect(conn, paths: list[tuple[Path, str]], roles: dict | None = None,
            overrides: list | None = None) -> SetPreview:  # fmt: skip
    """Each file's role and the relations of the set (``paths`` as :func:`gather` gives them);
    ``roles`` and ``overrides`` correct them (see :func:`import_related`).

    Raises
    ------
    ImportFailed
        When a file cannot be read, two files have one role or a correction names nothing.
    """
    cur = conn.cursor()
    sources = _open_all(cur, paths)
    try:
        files = _describe(sources)
        remembered = _apply(cur, files, roles, overrides, strict=False)
        by_role = {f.role: s for f, s in zip(files, sources, strict=True) if f.role}
        found = _match(cur, by_role, files)
        missing = [r for r in relations.NEEDED if r not in by_role]
        return SetPreview(files, found, remembered, missing)
    except duckdb.Error as e:
        raise diagnose.explain(cur, None, e) from e
    finally:
        for source in sources:
            source.close(cur)
        cur.close()


# --- reading each file, checked ----------------------------------------------------------------


def _table(role: str) -> str:
    return f"_related_{role}"


def _formats(cur, source: Source, f: FileRole, date_format: str | None):
    numbers, dates = [], {}
    chosen = values.normalise_date_format(date_format)
    for meaning, column in f.meanings.items():
        kind = MEANINGS[f.role][meaning][0]
        if kind == "number" and source.types[column] == "VARCHAR":
            numbers += sample_values(cur, source, column)
        elif kind == "timestamp":
            fmt, choices = date_format_of(cur, source, column)
            if chosen and fmt not in ("native", "iso", "excel"):
                fmt = chosen
            if fmt is None and choices:
                example = sample_values(cur, source, column, limit=1)[0]
                values.require_date_format(column, choices, source.file_name, example)
            dates[meaning] = fmt
    return values.detect_decimal_comma(numbers), dates


def _typed_sql(cur, source: Source, f: FileRole, date_format: str | None) -> str:
    """One checked SELECT of the file's meanings (a bad value or an empty required one raises
    the importer's error naming the row, column and value)."""
    decimal_comma, dates = _formats(cur, source, f, date_format)
    raws, converted, checked, out = [], [], [], []
    for meaning, (kind, _names, required) in MEANINGS[f.role].items():
        column, name = f.meanings.get(meaning), quote(meaning)
        if column is None:
            out.append(f"CAST(NULL AS {_TYPES[kind]}) AS {name}")
            continue
        duck_type, raw = source.types[column], quote(f"r_{meaning}")
        if kind in ("id", "text"):
            make = values.id_sql if kind == "id" else values.text_sql
            raws.append(f"{make(column, duck_type)} AS {name}")
            converted.append(name)
            checked.append(name)
        else:
            raws.append(f"{values.raw_sql(column, duck_type)} AS {raw}")
            if kind == "number":
                value = values.number_sql(raw, duck_type, decimal_comma)
                bounds = _bounds(meaning, column, raw, name)
            else:
                value = values.timestamp_sql(raw, duck_type, dates.get(meaning))
                bounds = ""
            converted += [f"{value} AS {name}", raw]
            checked.append(
                f"CASE WHEN {raw} IS NOT NULL AND {name} IS NULL "
                f"AND trim(CAST({raw} AS VARCHAR)) <> '' THEN {_bad(meaning, column, raw, kind)} "
                f"{bounds} ELSE {name} END AS {name}"
            )
        value = name
        if required:
            value = (
                f"CASE WHEN {name} IS NULL THEN {_bad(meaning, column, 'NULL', 'empty')} "
                f"ELSE {name} END"
            )
        out.append(f"CAST({value} AS {_TYPES[kind]}) AS {name}")
    return (
        f"WITH src AS (SELECT * FROM {source.relation}),\n"
        f"raw AS (SELECT {', '.join(raws)} FROM src),\n"
        f"converted AS (SELECT {', '.join(converted)} FROM raw),\n"
        f"checked AS (SELECT {', '.join(checked)} FROM converted)\n"
        f"SELECT {', '.join(out)} FROM checked"
    )


def _read(cur, source: Source, f: FileRole, date_format: str | None) -> int:
    """The file's meanings into its temporary table; its row count."""
    missing = [
        m for m, (_k, _n, required) in MEANINGS[f.role].items() if required and m not in f.meanings
    ]
    if missing:
        raise ImportFailed(
            file=f.name,
            fix="name that column in the relations table (--relations), or give the file another "
            "role.",
            key="import_errors.role_column_missing",
            fix_key="import_errors.fix.role_column",
            role=_role(f.role),
            fields=[Label(m, f"related.meaning.{m}") for m in missing],
        )
    diagnose.clear_rejects(cur)
    try:
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE {_table(f.role)} AS "
            f"{_typed_sql(cur, source, f, date_format)}"
        )
        diagnose.raise_rejects(cur, source)
    except duckdb.Error as e:
        # the failed statement aborted the transaction: end it, so that the row can be found
        with contextlib.suppress(duckdb.Error):
            cur.execute("ROLLBACK")
        raise diagnose.explain(cur, source, e) from e
    return int(cur.execute(f"SELECT count(*) FROM {_table(f.role)}").fetchone()[0])


def _scale(cur, f: FileRole) -> str:
    low, high = cur.execute(
        f"SELECT min(score), max(score) FROM {_table('reviews')} "
        f"WHERE isfinite(score) AND abs(score) <= {MAX_AMOUNT:.0f}"
    ).fetchone()
    scale = feedback_rules.detect_scale(f.meanings["score"], low, high)
    if scale is None:
        raise ImportFailed(
            file=f.name,
            column=f.meanings["score"],
            fix="import ratings on a 1-5 scale or NPS answers on 0-10.",
            key="import_errors.unknown_scale",
            fix_key="import_errors.fix.score_scale",
            low=low,
            high=high,
        )
    return scale


# --- the join ---------------------------------------------------------------------------------


def _one(cur, sql: str, params: list | None = None):
    return cur.execute(sql, params or []).fetchone()


def _orders(cur, present: set[str]) -> None:
    """One row per order: its person (the customers file's own id, else the per-order key),
    date, whether it was canceled and whether it has items."""
    statuses = ", ".join("?" for _ in CANCELLED_STATUSES)
    person = "p.person_id" if "customers" in present else "o.customer_key"
    people = (
        f"LEFT JOIN (SELECT customer_key, any_value(person_id) AS person_id FROM "
        f"{_table('customers')} WHERE customer_key IS NOT NULL GROUP BY 1) p USING (customer_key)"
        if "customers" in present
        else ""
    )
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE _related_o AS "
        f"WITH o AS (SELECT order_id, min(ordered_at) AS ordered_at, "
        f"any_value(customer_key) AS customer_key, any_value(status) AS status, count(*) AS n "
        f"FROM {_table('orders')} GROUP BY order_id) "
        f"SELECT o.*, {person} AS customer_id, "
        f"coalesce(lower(trim(o.status)) IN ({statuses}), false) AS cancelled, "
        f"o.order_id IN (SELECT order_id FROM {_table('items')}) AS has_items "
        f"FROM o {people}",
        list(CANCELLED_STATUSES),
    )


def _lines(cur, present: set[str], freight: str) -> None:
    products = (
        f"LEFT JOIN (SELECT product_id, any_value(category) AS category FROM "
        f"{_table('products')} GROUP BY 1) pr USING (product_id)"
        if "products" in present
        else ""
    )
    category = "pr.category" if "products" in present else "CAST(NULL AS VARCHAR)"
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE _related_lines AS "
        f"SELECT o.customer_id, i.order_id, o.ordered_at, "
        f"i.price * coalesce(i.quantity, 1) + CASE WHEN ? THEN coalesce(i.freight, 0) ELSE 0 END "
        f"AS revenue, coalesce(i.freight, 0) AS freight, coalesce(i.quantity, 1) AS quantity, "
        f"i.product_id AS product, {category} AS category, o.cancelled "
        f"FROM {_table('items')} i JOIN _related_o o USING (order_id) {products} "
        f"WHERE o.customer_id IS NOT NULL",
        [freight == "add"],
    )


def _insert_transactions(cur, import_id: int) -> int:
    purchases = (
        "SELECT customer_id, order_id, ordered_at, revenue, quantity, product, category "
        "FROM _related_lines"
    )
    cancellations = (
        "SELECT customer_id, 'C' || order_id, ordered_at, -abs(revenue), -abs(quantity), "
        "product, category FROM _related_lines WHERE cancelled"
    )
    row = _one(
        cur,
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost, quantity, "
        "product, category, channel, import_id) SELECT customer_id, order_id, ordered_at, "
        "revenue, NULL, quantity, product, category, NULL, ? "
        f"FROM ({purchases} UNION ALL {cancellations})",
        [import_id],
    )
    return int(row[0])


def _insert_feedback(cur, import_id: int, scale: str) -> int:
    kind = feedback_rules.kind_from_score_sql("r.score", scale)
    text = (
        "CASE WHEN r.title IS NOT NULL AND r.message IS NOT NULL THEN r.title || ': ' || r.message "
        "ELSE coalesce(r.message, r.title) END"
    )
    row = _one(
        cur,
        "INSERT INTO feedback (feedback_id, customer_id, order_id, created_at, kind, score, scale, "
        "channel, text, resolved_at, import_id) "
        f"SELECT r.review_id, o.customer_id, r.order_id, r.created_at, {kind}, r.score, ?, "
        f"NULL, {text}, r.answered_at, ? FROM {_table('reviews')} r JOIN _related_o o "
        "USING (order_id)",
        [scale, import_id],
    )
    return int(row[0])


def _insert_customers(cur, import_id: int, present: set[str], files: dict) -> tuple[int, int]:
    """Customer records for the people not known yet: (added, already known)."""
    if "customers" in present:
        f = files["customers"]
        pairs = [f"{literal(f.meanings['customer_key'])}, "
                 "list(DISTINCT customer_key ORDER BY customer_key)"]  # fmt: skip
        pairs += [
            f"{literal(f.meanings[m])}, any_value({quote(m)})"
            for m in ("city", "state")
            if m in f.meanings
        ]
        people = (
            f"SELECT person_id AS customer_id, any_value(country) AS country, "
            f"json_object({', '.join(pairs)}) AS attributes FROM {_table('customers')} "
            "WHERE person_id IS NOT NULL GROUP BY 1"
        )
    else:
        people = (
            "SELECT DISTINCT customer_id, CAST(NULL AS VARCHAR) AS country, "
            "CAST(NULL AS JSON) AS attributes FROM _related_lines"
        )
    cur.execute(f"CREATE OR REPLACE TEMP TABLE _related_people AS {people}")
    known = _one(
        cur,
        "SELECT count(*) FROM _related_people WHERE customer_id IN "
        "(SELECT customer_id FROM customers)",
    )[0]
    added = _one(
        cur,
        "INSERT INTO customers (customer_id, country, attributes, import_id) "
        "SELECT customer_id, country, attributes, ? FROM _related_people "
        "WHERE customer_id NOT IN (SELECT customer_id FROM customers)",
        [import_id],
    )[0]
    return int(added), int(known)


def _payments(cur) -> dict:
    """Each order's payments against its items (price × quantity + freight)."""
    base = (
        f"WITH paid AS (SELECT order_id, sum(paid) AS paid FROM {_table('payments')} "
        "GROUP BY 1), "
        f"items AS (SELECT order_id, sum(price * coalesce(quantity, 1) + coalesce(freight, 0)) "
        f"AS total FROM {_table('items')} GROUP BY 1), "
        "checked AS (SELECT order_id, paid, total, paid - total AS difference FROM paid "
        "JOIN items USING (order_id) WHERE order_id IN (SELECT order_id FROM _related_o)) "
    )
    checked, differing, difference = _one(
        cur,
        base + "SELECT count(*), count(*) FILTER (abs(difference) >= ?), "
        "coalesce(sum(difference) FILTER (abs(difference) >= ?), 0) FROM checked",
        [PAYMENT_TOLERANCE, PAYMENT_TOLERANCE],
    )
    examples = cur.execute(
        base + "SELECT order_id, paid, total, difference FROM checked "
        "WHERE abs(difference) >= ? ORDER BY abs(difference) DESC, order_id LIMIT ?",
        [PAYMENT_TOLERANCE, EXAMPLES],
    ).fetchall()
    return {
        "orders_checked": int(checked),
        "orders_differing": int(differing),
        "difference": round(float(difference), 2),
        "examples": [
            {"order_id": o, "paid": round(p, 2), "items": round(t, 2), "difference": round(d, 2)}
            for o, p, t, d in examples
        ],
    }


def _count(cur, sql: str, params: list | None = None) -> int:
    return int(_one(cur, sql, params)[0])


def _reports(
    cur, files: dict[str, FileReport], rows: dict, present: set[str], out_of_range: dict
) -> None:
    """Fill each file's report: rows used, rows left out and why."""
    o = "_related_o"
    orders = files["orders"]
    orders.left_out = {
        "repeated_order": _count(cur, f"SELECT coalesce(sum(n - 1), 0) FROM {o}"),
        "no_items": _count(cur, f"SELECT count(*) FROM {o} WHERE NOT has_items"),
        "no_customer": _count(cur, f"SELECT count(*) FROM {o} WHERE customer_key IS NULL"),
        "unknown_customer": _count(
            cur,
            f"SELECT count(*) FROM {o} WHERE customer_key IS NOT NULL AND customer_id IS NULL",
        ),
    }
    orders.used = _count(
        cur, f"SELECT count(*) FROM {o} WHERE has_items AND customer_id IS NOT NULL"
    )
    items = files["items"]
    items.left_out = {
        "unknown_order": _count(
            cur, f"SELECT count(*) FROM {_table('items')} WHERE order_id NOT IN "
            f"(SELECT order_id FROM {o})"
        ),
        "order_left_out": _count(
            cur, f"SELECT count(*) FROM {_table('items')} WHERE order_id IN "
            f"(SELECT order_id FROM {o} WHERE customer_id IS NULL)"
        ),
        "date_out_of_range": out_of_range.get("items", 0),
    }  # fmt: skip
    items.used = rows["items"] - sum(items.left_out.values())
    for role in ("payments", "reviews"):
        if role not in present:
            continue
        report = files[role]
        report.left_out = {
            "unknown_order": _count(
                cur,
                f"SELECT count(*) FROM {_table(role)} WHERE order_id NOT IN "
                f"(SELECT order_id FROM {o})",
            )
        }
        if role == "reviews":
            report.left_out["date_out_of_range"] = out_of_range.get("feedback", 0)
        report.used = rows[role] - sum(report.left_out.values())
    if "products" in present:
        report = files["products"]
        report.left_out = {
            "not_sold": _count(
                cur,
                f"SELECT count(*) FROM {_table('products')} WHERE product_id NOT IN "
                f"(SELECT product_id FROM {_table('items')} WHERE product_id IS NOT NULL)",
            )
        }
        report.used = rows["products"] - report.left_out["not_sold"]
    for report in files.values():
        report.left_out = {k: v for k, v in report.left_out.items() if v}


def _set_hash(paths: list[tuple[Path, str]], freight: str) -> str:
    digest = hashlib.sha256(f"{MODE}:{freight}".encode())
    for h in sorted(file_hash(Path(p)) for p, _ in paths):
        digest.update(h.encode())
    return digest.hexdigest()


def _log(cur, table: str, import_id: int, name: str, rows: int, reasons: dict, mapping: dict,
         content_hash: str) -> None:  # fmt: skip
    result = ImportResult(import_id, table, name, MODE, rows_imported=rows, mapping=mapping,
                          set_aside_reasons={k: v for k, v in reasons.items() if v})  # fmt: skip
    result.rows_set_aside = sum(result.set_aside_reasons.values())
    write.log(cur, result, content_hash)


def import_related(
    conn: duckdb.DuckDBPyConnection,
    paths: list[tuple[Path, str]],
    roles: dict | None = None,
    overrides: list | None = None,
    freight: str = "separate",
    date_format: str | None = None,
    dates: tuple[date | None, date | None] | None = None,
) -> RelatedResult:
    """Import a set of related files (``paths`` as :func:`gather` gives them), all or nothing.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (the import runs on a cursor of its own).
    paths : list of (path, name)
        The files; the name is what reports and the import log show.
    roles : dict, optional
        {file name: role} correcting the guessed roles (None: the file is left out).
    overrides : list of str, optional
        Relations correcting the key columns: ``"items.order_id=orders.order_id"``.
    freight : str
        'separate' (revenue is the item's price; freight is reported as its own total) or 'add'.
    date_format : str, optional
        For dates that could be day/month or month/day.
    dates : tuple, optional
        The first and last plausible day (as :func:`dashboard.importer.load.import_file`).

    Returns
    -------
    RelatedResult

    Raises
    ------
    ImportFailed
        With the file, row, column and value and what to do; the database is unchanged.
    """
    if freight not in FREIGHT_CHOICES:
        raise ImportFailed(
            fix="use separate or add.",
            key="import_errors.freight_choice",
            fix_key="import_errors.fix.freight_choice",
            choice=freight,
        )
    database.check_intact(conn)
    cur = conn.cursor()
    sources: list[Source] = []
    try:
        plausible = plausible_dates(cur, dates)
        sources = _open_all(cur, paths)
        files = _describe(sources)
        _apply(cur, files, roles, overrides)
        reports = [
            FileReport(f.name, f.role, columns=dict(f.meanings),
                       unused_columns=[c for c in f.columns if c not in f.meanings.values()])
            for f in files
        ]  # fmt: skip
        by_role = {f.role: f for f in files if f.role}
        missing = [r for r in relations.NEEDED if r not in by_role]
        if missing:
            raise ImportFailed(
                fix="add the orders file and the order items file of the export, or set the role "
                "of a file that is one.",
                key="import_errors.roles_missing",
                fix_key="import_errors.fix.roles_missing",
                roles=[_role(r) for r in missing],
            )
        source_of = {f.role: s for f, s in zip(files, sources, strict=True) if f.role}
        found = _match(cur, source_of, files)
        result = RelatedResult(reports, found, freight)
        content_hash = _set_hash(paths, freight)
        earlier = _already_imported(cur, content_hash, "transactions")
        if earlier is not None:
            result.already_imported, result.import_ids = True, {"transactions": earlier}
            return result
        _run(cur, files, sources, result, plausible, date_format, content_hash)
        return result
    except duckdb.Error as e:
        first = Path(paths[0][0]) if paths else Path(".")
        raise _not_written(conn, first, e) or diagnose.explain(cur, None, e) from e
    finally:
        for source in sources:
            source.close(cur)
        cur.close()


def _run(cur, files, sources, result, plausible, date_format, content_hash) -> None:
    by_role = {f.role: f for f in files if f.role}
    report_of = {f.role: r for f, r in zip(files, result.files, strict=True) if f.role}
    present = set(by_role)
    cur.execute("BEGIN TRANSACTION")
    try:
        rows = {}
        for f, source, report in zip(files, sources, result.files, strict=True):
            if f.role is None:
                report.rows = _count(cur, f"SELECT count(*) FROM {source.relation}")
                report.left_out = {"no_role": report.rows}
                continue
            rows[f.role] = report.rows = _read(cur, source, f, date_format)
        scale = _scale(cur, by_role["reviews"]) if "reviews" in present else None
        _orders(cur, present)
        _lines(cur, present, result.freight)
        mapping = {
            "roles": {f.name: f.role for f in files},
            "relations": [r.as_dict() for r in result.relations],
            "freight": result.freight,
        }
        name = " + ".join(f.name for f in files if f.role)
        ids = result.import_ids
        ids["customers"] = database.next_import_id(cur)
        result.customers_added, known = _insert_customers(cur, ids["customers"], present, by_role)
        ids["transactions"] = database.next_import_id(cur)
        inserted = _insert_transactions(cur, ids["transactions"])
        out_of_range = {
            "transactions": write.remove_out_of_range(
                cur, "transactions", ids["transactions"], plausible
            )
        }
        result.transactions = inserted - out_of_range["transactions"]
        first, last = plausible
        out_of_range["items"] = _count(  # items, not lines: a cancellation is no item
            cur,
            "SELECT count(*) FROM _related_lines WHERE ordered_at < ? OR ordered_at >= ?",
            [first, last + timedelta(days=1)],
        )
        if scale is not None:
            ids["feedback"] = database.next_import_id(cur)
            inserted = _insert_feedback(cur, ids["feedback"], scale)
            out_of_range["feedback"] = write.remove_out_of_range(
                cur, "feedback", ids["feedback"], plausible
            )
            result.feedback = inserted - out_of_range["feedback"]
        if result.transactions == 0:
            raise ImportFailed(
                file=by_role["orders"].name,
                fix="check that the orders and order items files are of the same export, and the "
                "relations between them.",
                key="import_errors.no_related_rows",
                fix_key="import_errors.fix.related_rows",
            )
        _reports(cur, report_of, rows, present, out_of_range)
        if "customers" in present:
            report = report_of["customers"]
            report.left_out = {k: v for k, v in {
                "no_person": _count(cur, f"SELECT count(*) FROM {_table('customers')} "
                                    "WHERE person_id IS NULL"),
                "known_customer": known}.items() if v}  # fmt: skip
            report.used = rows["customers"] - report.left_out.get("no_person", 0)
        revenue, freight, orders, cancelled, cancellations, cancelled_revenue = _one(
            cur,
            "SELECT sum(revenue), (SELECT sum(freight) FROM _related_lines), "
            "count(DISTINCT order_id) FILTER (revenue > 0), "
            "count(DISTINCT order_id) FILTER (revenue < 0), count(*) FILTER (revenue < 0), "
            "coalesce(sum(revenue) FILTER (revenue < 0), 0) FROM transactions WHERE import_id = ?",
            [ids["transactions"]],
        )
        result.revenue, result.freight_total = round(revenue or 0, 2), round(freight or 0, 2)
        result.orders, result.cancelled_orders = int(orders), int(cancelled)
        result.cancellation_rows = int(cancellations)
        result.cancelled_revenue = round(cancelled_revenue, 2)
        if "payments" in present:
            result.payments = _payments(cur)
        _log(cur, "customers", ids["customers"], name, result.customers_added,
             {"already known": known}, mapping, content_hash)  # fmt: skip
        _log(cur, "transactions", ids["transactions"], name, result.transactions,
             {write.OUT_OF_RANGE: out_of_range["transactions"]}, mapping, content_hash)  # fmt: skip
        if "feedback" in ids:
            _log(cur, "feedback", ids["feedback"], name, result.feedback,
                 {write.OUT_OF_RANGE: out_of_range.get("feedback", 0)}, mapping,
                 content_hash)  # fmt: skip
        relations.remember(cur, files)
        database.bump_data_version(cur)
        for role in [*present, "o", "lines", "people"]:
            cur.execute(f"DROP TABLE IF EXISTS {_table(role)}")
        cur.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            cur.execute("ROLLBACK")
        raise
