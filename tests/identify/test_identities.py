"""The identities table (one row per known customer, computed once per data version): what the
Customers page shows from the table the prepare step keeps in the file equals what it shows when
the page computes it, on the demo and on real Online Retail II lines; the duplicates list's
counts and its first rows."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pandas as pd
import pytest

from dashboard import importer
from dashboard.identify import customers, identification, identities
from dashboard.spark import compute
from dashboard.store import computed, database
from dashboard.store.filters import Filters, default_period
from dashboard.value.cost_model import load_cost_model
from tests.identify.test_customers import YEAR_2024, fill

SEARCHES = ("", "an", "smith", "+7", "495", "c1", "@", "ivan pet", "1234")


def shown_period(conn) -> Filters:
    info = database.summary(conn)
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return Filters(*default_period(first, last))


def page_answers(conn, period: Filters) -> dict:
    """What the Customers page shows of ``period``: searches, the top customers' profiles,
    identification quality, the duplicates (whole and their first rows) and their counts."""
    found = {q: customers.search_customers(conn, q, period) for q in SEARCHES}
    profiles = {
        cid: customers.customer_profile(conn, cid, period)
        for cid in found[""]["customer_id"].head(3)
    }
    return {
        "search": found,
        "profiles": profiles,
        "quality": identification.identification_quality(conn, period),
        "attributes": identification.attribute_quality(conn),
        "duplicates": identification.duplicate_groups(conn, period),
        "contact_duplicates": identification.duplicate_groups(
            conn, period, include_name_only=False
        ),
        "first_duplicates": identification.duplicate_groups(conn, period, limit=10),
        "counts": identification.duplicate_counts(conn, period),
    }


def assert_same(served: dict, fresh: dict) -> None:
    for query, frame in fresh["search"].items():
        pd.testing.assert_frame_equal(served["search"][query], frame, obj=f"search {query!r}")
    assert served["profiles"].keys() == fresh["profiles"].keys()
    for cid, card in fresh["profiles"].items():
        kept = served["profiles"][cid]
        assert kept.keys() == card.keys()
        for key, value in card.items():
            if isinstance(value, float):
                assert kept[key] == pytest.approx(value, nan_ok=True), (cid, key)
            else:
                assert kept[key] == value, (cid, key)
    assert served["quality"] == pytest.approx(fresh["quality"])
    for key in ("attributes", "duplicates", "contact_duplicates", "first_duplicates"):
        pd.testing.assert_frame_equal(served[key], fresh[key], obj=key)
    for key, counted in fresh["counts"].items():
        assert served["counts"][key] == {**counted, "revenue": pytest.approx(counted["revenue"])}


def prepared_copy(source, tmp_path):
    """A copy of ``source`` after ``compute --engine duckdb`` (what prepare runs)."""
    path = tmp_path / "prepared.duckdb"
    shutil.copy(source, path)
    conn = database.connect(path)
    report = compute.compute(conn, engine="duckdb")
    assert "identities" in {r["what"] for r in report["results"]}
    return conn


def test_the_page_shows_the_same_from_the_prepared_identities_on_the_demo(demo_db_file, tmp_path):
    fresh_conn = duckdb.connect(str(demo_db_file), read_only=True)
    period = shown_period(fresh_conn)
    assert computed.served(fresh_conn, identities.IDENTITIES_SQL, []) is None
    fresh = page_answers(fresh_conn, period)
    fresh_conn.close()
    conn = prepared_copy(demo_db_file, tmp_path)
    kept_sql, _ = identities.source(conn)
    assert kept_sql.startswith(f"SELECT * FROM {computed.SCHEMA}.")  # read from the file
    model = load_cost_model(conn)
    for names in (True, False):  # the duplicates list too, with and without name-only groups
        sql, params = identification.duplicate_groups_sql(period, model, names)
        assert computed.served(conn, sql, params) is not None
    served = page_answers(conn, period)
    conn.close()
    assert len(fresh["duplicates"]) > 10 and len(fresh["search"]["an"]) > 0  # something to see
    assert_same(served, fresh)


def test_the_page_shows_the_same_from_the_prepared_identities_on_online_retail(
    online_retail_path, tmp_path
):
    source = tmp_path / "online_retail.duckdb"
    sample = tmp_path / "online_retail_sample.csv"
    duckdb.execute(
        f"""COPY (SELECT * FROM read_parquet('{online_retail_path}') WHERE "Customer ID" IN (
                SELECT DISTINCT "Customer ID" FROM read_parquet('{online_retail_path}')
                WHERE "Customer ID" IS NOT NULL ORDER BY 1 LIMIT 300))
            TO '{sample}' (HEADER)"""
    )
    conn = database.connect(source)
    importer.import_file(conn, sample, "transactions")
    period = shown_period(conn)
    fresh = page_answers(conn, period)
    conn.close()
    assert fresh["search"]["1234"]["customer_id"].str.contains("1234").all()
    assert fresh["attributes"].set_index("attribute").loc["customer_id", "customers"] == 300
    conn = prepared_copy(source, tmp_path)
    served = page_answers(conn, period)
    conn.close()
    assert_same(served, fresh)


def test_a_change_of_rows_leaves_the_kept_identities_behind(demo_db_file, tmp_path):
    conn = prepared_copy(demo_db_file, tmp_path)
    conn.execute("BEGIN TRANSACTION")
    conn.execute(
        "INSERT INTO customers (customer_id, name, email) VALUES ('NEW1', 'Zed Quill', 'z@q.io')"
    )
    database.bump_data_version(conn)
    conn.execute("COMMIT")
    assert not identities.source(conn)[0].startswith(f"SELECT * FROM {computed.SCHEMA}.")
    found = customers.search_customers(conn, "zed quill", Filters())
    assert found["customer_id"].tolist() == ["NEW1"]
    conn.close()


@pytest.fixture
def shop(conn):
    fill(conn)
    return conn


def test_the_counts_of_the_duplicates_are_those_of_the_whole_list(shop):
    shop.execute(
        "INSERT INTO customers (customer_id, name, country) VALUES ('C6', 'ann lee', 'RU')"
    )
    counts = identification.duplicate_counts(shop, YEAR_2024)
    for key, with_names in (("with_names", True), ("contacts", False)):
        groups = identification.duplicate_groups(shop, YEAR_2024, include_name_only=with_names)
        summary = identification.duplicate_summary(groups)
        assert counts[key] == {
            **summary,
            "revenue": pytest.approx(summary["revenue"]),
            "rows": len(groups),
        }
    assert counts["with_names"]["groups"] == counts["contacts"]["groups"] + 1  # C6 and C10


def test_the_first_rows_of_the_duplicates_are_whole_groups(shop):
    every = identification.duplicate_groups(shop, YEAR_2024)
    assert every["group_id"].tolist() == [1, 1, 2, 2, 3, 3]
    first = identification.duplicate_groups(shop, YEAR_2024, limit=3)
    # the second group starts on row 3, within the limit: it is shown whole
    pd.testing.assert_frame_equal(first, every[every["group_id"] <= 2])
    one = identification.duplicate_groups(shop, YEAR_2024, limit=1)
    assert one["group_id"].tolist() == [1, 1]
    assert len(identification.duplicate_groups(shop, YEAR_2024, limit=100)) == len(every)
