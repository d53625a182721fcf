"""A marketplace's export in six related files, imported together: every number that lands, the
report of each file, corrections of roles and relations (remembered), a zip, and a broken file
in the set that changes nothing."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime

import pytest

from dashboard import i18n, importer
from dashboard.errors import ImportFailed, _shown
from dashboard.importer import related
from tests.importer import olist_export
from tests.importer.olist_export import EXPECTED_LINES

ITEMS = "olist_order_items_dataset.csv"
REVIEWS = "olist_order_reviews_dataset.csv"
ORDERS = "olist_orders_dataset.csv"
CUSTOMERS = "olist_customers_dataset.csv"


def files_of(tmp_path, **replaced):
    paths = olist_export.build(tmp_path / "export", **replaced)
    return related.gather(paths, tmp_path)


def lines(conn):
    return conn.execute(
        "SELECT customer_id, order_id, strftime(ordered_at, '%Y-%m-%d %H:%M:%S'), revenue, "
        "product, category FROM transactions ORDER BY customer_id, order_id, revenue"
    ).fetchall()


def fingerprint(conn) -> dict:
    """Rows and a checksum of every table an import writes (and the data version)."""
    found = {}
    for table in ("transactions", "customers", "feedback", "interactions", "import_log",
                  "column_mappings", "meta"):  # fmt: skip
        found[table] = conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(CAST(t AS VARCHAR), '|' "
            f"ORDER BY CAST(t AS VARCHAR)), '')) FROM {table} t"
        ).fetchone()
    return found


def refused(conn, files, **options) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        related.import_related(conn, files, **options)
    error = caught.value
    english = i18n.t(error.key, "en", **{n: _shown(v, "en") for n, v in error.values.items()})
    assert english == error.message, "the English text of the key must be the message"
    assert i18n.t(error.fix_key, "ru", **{n: _shown(v, "ru") for n, v in error.values.items()})
    return error


def test_every_number_of_the_set_lands_where_it_belongs(conn, tmp_path):
    result = related.import_related(conn, files_of(tmp_path))

    assert lines(conn) == sorted(EXPECTED_LINES, key=lambda r: (r[0], r[1], r[3]))
    assert result.transactions == 6
    assert result.revenue == 270.5  # 100 + 100 + 50.50 + 20 + 50.50 - 50.50
    assert result.freight_total == 32.5  # kept apart: 10 + 10 + 5.25 + 2 + 5.25
    assert result.orders == 4
    assert (result.cancelled_orders, result.cancellation_rows, result.cancelled_revenue) == (
        1,
        1,
        -50.5,
    )
    # one person behind three per-order keys: one customer, every order of theirs
    people = conn.execute(
        "SELECT customer_id, attributes FROM customers ORDER BY customer_id"
    ).fetchall()
    assert [p[0] for p in people] == ["P1", "P2", "P3"]
    assert json.loads(people[0][1]) == {
        "customer_id": ["c1", "c2", "c3"],
        "customer_city": "sao paulo",
        "customer_state": "SP",
    }
    assert result.customers_added == 3
    # reviews: feedback of the person who placed the order, the answer date as resolution
    feedback = conn.execute(
        "SELECT feedback_id, customer_id, order_id, created_at, kind, score, scale, text, "
        "resolved_at FROM feedback ORDER BY feedback_id"
    ).fetchall()
    assert feedback == [
        ("r1", "P1", "o1", datetime(2018, 1, 12), "praise", 5.0, "rating_1_5",
         "Otimo: Chegou antes do prazo", datetime(2018, 1, 13, 10)),
        ("r2", "P2", "o4", datetime(2018, 1, 25), "complaint", 1.0, "rating_1_5",
         "Pedido cancelado", datetime(2018, 1, 26, 8)),
        ("r4", "P1", "o2", datetime(2018, 2, 20), "wish", 3.0, "rating_1_5", None, None),
    ]  # fmt: skip
    assert result.feedback == 3
    # payments checked against the items with freight: o3 paid 20.00 for 22.00
    assert result.payments == {
        "orders_checked": 4,
        "orders_differing": 1,
        "difference": -2.0,
        "examples": [{"order_id": "o3", "paid": 20.0, "items": 22.0, "difference": -2.0}],
    }
    # the import log: one row per table, all of the set
    log = conn.execute(
        "SELECT table_name, mode, rows_imported FROM import_log ORDER BY import_id"
    ).fetchall()
    assert log == [("customers", "related", 3), ("transactions", "related", 6),
                   ("feedback", "related", 3)]  # fmt: skip


def test_each_file_reports_what_was_used_and_what_was_left_out(conn, tmp_path):
    result = related.import_related(conn, files_of(tmp_path))
    report = {f.file_name: (f.role, f.rows, f.used, f.left_out) for f in result.files}
    assert report == {
        CUSTOMERS: ("customers", 5, 5, {}),
        ORDERS: ("orders", 5, 4, {"no_items": 1}),
        ITEMS: ("items", 6, 5, {"unknown_order": 1}),
        "olist_order_payments_dataset.csv": ("payments", 5, 5, {}),
        REVIEWS: ("reviews", 4, 3, {"unknown_order": 1}),
        "olist_products_dataset.csv": ("products", 4, 3, {"not_sold": 1}),
    }
    items = next(f for f in result.files if f.file_name == ITEMS)
    assert items.columns == {"order_id": "order_id", "product_id": "product_id",
                             "price": "price", "freight": "freight_value"}  # fmt: skip
    assert items.unused_columns == ["order_item_id", "seller_id", "shipping_limit_date"]
    assert all(code in related.REASONS for f in result.files for code in f.left_out)
    for code in related.REASONS:  # every reason reads in both languages
        assert i18n.t(f"related.reason.{code}", "ru") != i18n.t(f"related.reason.{code}", "en")


def test_freight_added_to_the_items_revenue(conn, tmp_path):
    result = related.import_related(conn, files_of(tmp_path), freight="add")
    assert result.revenue == 297.75  # 110 + 110 + 55.75 + 22 + 55.75 - 55.75
    assert conn.execute("SELECT sum(revenue) FROM transactions").fetchone()[0] == 297.75


def test_the_same_set_twice_adds_nothing(conn, tmp_path):
    files = files_of(tmp_path)
    related.import_related(conn, files)
    again = related.import_related(conn, files)
    assert again.already_imported
    assert conn.execute("SELECT count(*) FROM transactions").fetchone()[0] == 6


def test_relations_found_from_the_shared_keys(conn, tmp_path):
    preview = related.inspect(conn, files_of(tmp_path))
    assert {f.name: f.role for f in preview.files} == {
        CUSTOMERS: "customers", ORDERS: "orders", ITEMS: "items",
        "olist_order_payments_dataset.csv": "payments", REVIEWS: "reviews",
        "olist_products_dataset.csv": "products",
    }  # fmt: skip
    found = {(r.child, r.parent): (r.child_column, r.parent_column, r.matched, r.keys)
             for r in preview.relations}  # fmt: skip
    assert found == {
        ("items", "orders"): ("order_id", "order_id", 4, 5),
        ("payments", "orders"): ("order_id", "order_id", 4, 4),
        ("reviews", "orders"): ("order_id", "order_id", 3, 4),
        ("orders", "customers"): ("customer_id", "customer_id", 5, 5),
        ("items", "products"): ("product_id", "product_id", 3, 3),
    }
    assert not preview.remembered and preview.missing == []


def test_a_corrected_role_and_relation_are_used_and_remembered(conn, tmp_path):
    # the items file names its order column in its own way: no role is guessed for it
    text = olist_export.FILES[ITEMS].replace("order_id,order_item_id", "pedido,seq", 1)
    files = files_of(tmp_path, **{ITEMS: text})
    preview = related.inspect(conn, files)
    assert {f.name: f.role for f in preview.files}[ITEMS] is None
    assert preview.missing == ["items"]
    assert refused(conn, files).key == "import_errors.roles_missing"

    result = related.import_related(
        conn, files, roles={ITEMS: "items"}, overrides=["items.pedido=orders.order_id"]
    )
    assert result.transactions == 6 and result.revenue == 270.5

    again = related.inspect(conn, files)
    assert again.remembered
    assert {f.name: f.role for f in again.files}[ITEMS] == "items"
    link = next(r for r in again.relations if (r.child, r.parent) == ("items", "orders"))
    assert (link.child_column, link.matched, link.keys) == ("pedido", 4, 5)


def test_a_relation_naming_no_column_is_refused(conn, tmp_path):
    error = refused(conn, files_of(tmp_path), overrides=["items.pedido=orders.order_id"])
    assert error.key == "import_errors.relation_column"
    assert refused(conn, files_of(tmp_path), overrides=["items=orders"]).key == (
        "import_errors.bad_relation"
    )
    error = refused(conn, files_of(tmp_path), roles={"nope.csv": "items"})
    assert (error.key, error.file) == ("import_errors.role_file", "nope.csv")
    assert refused(conn, files_of(tmp_path), roles={ITEMS: "lines"}).key == (
        "import_errors.unknown_role"
    )


def test_a_broken_file_in_the_set_changes_nothing(conn, tmp_path):
    earlier = tmp_path / "earlier.csv"
    earlier.write_text("customer_id,ordered_at,revenue\nA,2024-01-05,10\nB,2024-02-01,20.5\n")
    importer.import_file(conn, earlier, "transactions")
    before = fingerprint(conn)

    broken = olist_export.FILES[ITEMS].replace(
        "o3,1,pC,s1,2018-03-20 00:00:00,20.00", "o3,1,pC,s1,2018-03-20 00:00:00,twenty"
    )
    error = refused(conn, files_of(tmp_path / "a", **{ITEMS: broken}))
    assert (error.file, error.row, error.column, error.value) == (ITEMS, 5, "price", "twenty")
    assert fingerprint(conn) == before

    # a failure after rows were written (no order has a known customer) rolls them back too
    strangers = re.sub(r"(?m)^c(\d)", r"x\1", olist_export.FILES[CUSTOMERS])
    error = refused(conn, files_of(tmp_path / "b", **{CUSTOMERS: strangers}))
    assert error.key == "import_errors.no_related_rows"
    assert fingerprint(conn) == before

    # a review with a date that is no date
    bad_date = olist_export.FILES[REVIEWS].replace("2018-02-20 00:00:00", "soon")
    error = refused(conn, files_of(tmp_path / "c", **{REVIEWS: bad_date}))
    assert (error.file, error.row, error.column, error.value) == (
        REVIEWS, 5, "review_creation_date", "soon"
    )  # fmt: skip
    assert fingerprint(conn) == before


def test_a_zip_of_the_export_imports_the_same(conn, tmp_path):
    archive = tmp_path / "olist.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, text in olist_export.FILES.items():
            z.writestr(f"olist/{name}", text)
        z.writestr("olist/README.md", "not a table")
    files = related.gather([(archive, "olist.zip")], tmp_path)
    assert sorted(name for _, name in files) == sorted(f"olist/{n}" for n in olist_export.FILES)
    assert all(path.is_relative_to(tmp_path) for path, _ in files)
    result = related.import_related(conn, files)
    assert (result.transactions, result.revenue, result.feedback) == (6, 270.5, 3)


@pytest.mark.parametrize("member", ["../evil.csv", "/etc/evil.csv", "a/../../evil.csv"])
def test_a_zip_member_pointing_outside_is_refused(tmp_path, member):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(ORDERS, olist_export.FILES[ORDERS])
        z.writestr(member, "a,b\n1,2\n")
    with pytest.raises(ImportFailed) as caught:
        related.gather([(archive, "bad.zip")], tmp_path)
    assert caught.value.key == "import_errors.zip_member"
    assert not (tmp_path / "evil.csv").exists()


def test_a_folder_gives_its_table_files(conn, tmp_path):
    olist_export.build(tmp_path / "export")
    (tmp_path / "export" / "notes.md").write_text("not a table")
    files = related.gather([tmp_path / "export"], tmp_path)
    assert sorted(n for _, n in files) == sorted(olist_export.FILES)


def test_two_files_of_one_role_are_refused_and_the_preview_leaves_one_to_choose(conn, tmp_path):
    files = files_of(tmp_path, **{"more_items.csv": olist_export.FILES[ITEMS]})
    preview = related.inspect(conn, files)
    roles = {f.name: f.role for f in preview.files}
    assert (roles[ITEMS], roles["more_items.csv"]) == ("items", None)
    error = refused(conn, files)
    assert (error.key, error.values["first"], error.values["second"]) == (
        "import_errors.role_twice", ITEMS, "more_items.csv"
    )  # fmt: skip
    result = related.import_related(conn, files, roles={"more_items.csv": None})
    assert result.transactions == 6
    extra = next(f for f in result.files if f.file_name == "more_items.csv")
    assert (extra.role, extra.rows, extra.left_out) == (None, 6, {"no_role": 6})


def test_rows_dated_outside_the_plausible_dates_are_left_out_and_counted(conn, tmp_path):
    result = related.import_related(conn, files_of(tmp_path), dates=(date(2018, 2, 1), None))
    # o1 (two items) and o4 with its cancellation are January: o2 and o3 remain
    assert (result.transactions, result.revenue, result.feedback) == (2, 70.5, 1)
    items = next(f for f in result.files if f.file_name == ITEMS)
    assert (items.used, items.left_out) == (2, {"unknown_order": 1, "date_out_of_range": 3})
    reviews = next(f for f in result.files if f.file_name == REVIEWS)
    assert (reviews.used, reviews.left_out) == (1, {"unknown_order": 1, "date_out_of_range": 2})
