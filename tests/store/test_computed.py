"""Answers kept in the file (dashboard.store.computed): read where the core would compute them,
with DuckDB's own types, and stale once the file's rows change."""

from __future__ import annotations

import shutil

import pandas as pd

from dashboard.spark import compute
from dashboard.store import computed, database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.value import cache, ranking


def test_kept_answers_serve_the_core_until_the_rows_change(demo_db_file, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    conn = database.connect(path)
    live = cache.customer_value(conn, Filters()).sort_values("customer_id", ignore_index=True)
    options = filters_module.options(conn)
    report = compute.compute(conn, engine="duckdb")
    assert report["engine"] == "duckdb" and report["master"] is None
    assert {r["what"] for r in report["results"]} >= {"summary", "value_table", "coverage"}

    sql, params = ranking.ranked_value_sql(Filters())
    kept = computed.served(conn, sql, params)
    assert kept is not None and kept[0].startswith(f"SELECT * FROM {computed.SCHEMA}.")
    served = conn.execute(kept[0]).df().sort_values("customer_id", ignore_index=True)
    assert served.dtypes.to_dict() == live.dtypes.to_dict()
    # the same sums, added up in another order by DuckDB's threads: equal to far below a cent
    pd.testing.assert_frame_equal(served, live, check_exact=False, rtol=0, atol=1e-6)
    assert filters_module.options(conn) == options
    assert all(r["fresh"] and r["engine"] == "duckdb" for r in computed.catalog(conn))

    conn.execute("BEGIN TRANSACTION")
    conn.execute("DELETE FROM transactions WHERE customer_id = ?", [live.customer_id[0]])
    database.bump_data_version(conn)
    conn.execute("COMMIT")
    assert computed.served(conn, sql, params) is None
    assert not any(r["fresh"] for r in computed.catalog(conn))
    assert not computed.lines_elsewhere(conn)
    conn.close()


def test_a_file_without_kept_answers_is_served_nothing(conn):
    assert computed.served(conn, database.SUMMARY_SQL, []) is None
    assert computed.catalog(conn) == [] and not computed.any_kept(conn)
    assert database.is_empty(conn)


def test_a_nightly_compute_of_what_is_missing_keeps_the_fresh_answers(demo_db_file, tmp_path):
    """On current data the Campaigns form ranks the 12 months before today: the next day only
    that table is computed again; every other answer stays as kept, and the old day's goes."""
    from datetime import date, timedelta

    from dashboard.campaigns import design

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    conn = database.connect(path)
    last = pd.Timestamp(database.summary(conn)["date_to"]).date()
    day = max(date.today(), last)  # the demo's data are current: the form offers this day
    assert design.default_start(last, day) == day
    first = compute.compute(conn, engine="duckdb", today=day)
    before = {r["key"]: r for r in _catalog(conn)}

    again = compute.compute(conn, engine="duckdb", missing_only=True, today=day)
    assert again["results"] == [] and again["unchanged"] == len(first["results"])

    following = day + timedelta(days=1)
    nightly = compute.compute(conn, engine="duckdb", missing_only=True, today=following)
    assert [r["what"] for r in nightly["results"]] == ["value_table"]
    after = {r["key"]: r for r in _catalog(conn)}
    assert len(after) == len(before)  # the new day's table in place of the old day's
    kept_as_they_were = [k for k in after if k in before]
    assert len(kept_as_they_were) == len(before) - 1
    assert all(after[k]["computed_at"] == before[k]["computed_at"] for k in kept_as_they_were)
    period = design.tier_period(following)
    sql, params = ranking.ranked_value_sql(period)
    assert computed.served(conn, sql, params) is not None  # the form opens on the kept table
    old = design.tier_period(day)
    assert computed.served(conn, *ranking.ranked_value_sql(old)) is None
    assert all(r["fresh"] for r in computed.catalog(conn))
    conn.close()


def _catalog(conn) -> list[dict]:
    rows = conn.execute(f"SELECT key, what, computed_at FROM {computed.SCHEMA}.results").fetchall()
    return [{"key": k, "what": w, "computed_at": c} for k, w, c in rows]
