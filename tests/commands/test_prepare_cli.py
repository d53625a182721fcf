"""`import` and `demo` prepare the pages of a large business: the customer-level tables are
computed once and kept in the file, and the pages read them until the rows change."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard import cli
from dashboard.commands import prepare
from dashboard.store import computed, database
from dashboard.store.filters import Filters, default_period
from dashboard.value import cache, pyramid, ranking
from dashboard.value.cost_model import load_cost_model


def run(capsys, *argv) -> dict:
    code = cli.main([*argv, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def shown_period(conn) -> Filters:
    info = database.summary(conn)
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return Filters(*default_period(first, last))


def kept_value_table(conn, period: Filters):
    return computed.served(conn, *ranking.ranked_value_sql(period, load_cost_model(conn)))


def test_a_demo_load_with_prepare_keeps_what_the_pages_read(tmp_path, capsys):
    path = tmp_path / "shop.duckdb"
    loaded = run(capsys, "demo", "--customers", "300", "--db", str(path), "--prepare")
    assert "computed and kept in the file" in loaded["prepared"]["message"]
    conn = database.connect(path)
    period = shown_period(conn)
    assert kept_value_table(conn, period) is not None  # the period the pages open on
    assert kept_value_table(conn, period.previous()) is not None  # migration's comparison
    # the pyramid from the kept table is the pyramid computed from the lines
    served = pyramid.tier_shares(conn, period, cost_model=load_cost_model(conn))
    sql, params = ranking.ranked_value_sql(period, load_cost_model(conn))
    fresh = pyramid.tier_shares(
        conn, period, cost_model=load_cost_model(conn), source=(sql, params)
    )
    assert served["customers"].tolist() == fresh["customers"].tolist()
    assert served["revenue"].round(2).tolist() == fresh["revenue"].round(2).tolist()
    assert cache.source(conn, period, load_cost_model(conn))[0].startswith(
        f"SELECT * FROM {computed.SCHEMA}."
    )
    conn.close()


def test_prepare_makes_the_first_clustering_run_and_the_default_forecast(tmp_path, capsys):
    from dashboard.clustering import runs
    from dashboard.future import kept
    from dashboard.future.model import Settings

    path = tmp_path / "shop.duckdb"
    loaded = run(capsys, "demo", "--customers", "300", "--db", str(path), "--prepare")
    prepared = loaded["prepared"]
    assert prepared["clusters"]["made"] and prepared["clusters"]["seconds"] >= 0
    assert prepared["future"]["made"] and prepared["future"]["seconds"] >= 0
    assert prepared["compute_seconds"] <= prepared["seconds"]
    conn = database.connect(path)
    period = shown_period(conn)
    run_ = runs.load_run(conn, prepared["clusters"]["run_id"])
    assert run_["settings"]["prepared"] and run_["filters"] == period
    fc = kept.read(conn, period, Settings(), load_cost_model(conn))
    assert fc is not None and len(fc.customers) == prepared["future"]["customers"]
    conn.close()


def test_a_large_import_prepares_and_a_small_one_does_not(tmp_path, capsys, monkeypatch):
    path = tmp_path / "shop.duckdb"
    run(capsys, "demo", "--customers", "200", "--db", str(path), "--no-prepare")
    export = tmp_path / "more.csv"
    export.write_text(
        "customer_id,order_id,ordered_at,revenue\nNEW1,N1,2024-03-01,10.50\n", encoding="utf-8"
    )
    small = run(capsys, "import", str(export), "--table", "transactions", "--db", str(path))
    assert "prepared" not in small  # 3,000-odd lines are far below the default 5,000,000
    conn = database.connect(path)
    assert not computed.any_kept(conn)
    lines = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
    conn.close()
    monkeypatch.setenv(prepare.PREPARE_ENV, str(lines))  # this business counts as large now
    export.write_text(
        "customer_id,order_id,ordered_at,revenue\nNEW2,N2,2024-03-02,20.00\n", encoding="utf-8"
    )
    large = run(capsys, "import", str(export), "--table", "transactions", "--db", str(path))
    assert large["prepared"]["results"] > 0
    conn = database.connect(path)
    kept_at = database.content_version(conn)
    assert kept_value_table(conn, shown_period(conn)) is not None
    conn.close()
    # a later import with --no-prepare leaves the kept tables stale: the pages compute afresh
    export.write_text(
        "customer_id,order_id,ordered_at,revenue\nNEW3,N3,2024-03-03,30.00\n", encoding="utf-8"
    )
    later = run(
        capsys, "import", str(export), "--table", "transactions", "--db", str(path), "--no-prepare"
    )
    assert "prepared" not in later
    conn = database.connect(path)
    assert database.content_version(conn) > kept_at
    assert kept_value_table(conn, shown_period(conn)) is None
    conn.close()


def test_preparing_leaves_a_saved_clustering_run_fresh(tmp_path, capsys):
    from dashboard.clustering import runs

    path = tmp_path / "shop.duckdb"
    run(capsys, "demo", "--customers", "200", "--db", str(path), "--no-prepare")
    run(capsys, "segment", "--k", "3", "--db", str(path))
    run(capsys, "compute", "--engine", "duckdb", "--db", str(path))
    conn = database.connect(path)
    saved = runs.load_run(conn, int(runs.list_runs(conn)["run_id"].iloc[0]))
    assert not runs.is_stale(conn, saved)  # the rows did not change: its customers still match
    conn.close()


@pytest.mark.parametrize(
    "value, expected", [("", 5_000_000), ("0", 0), ("12", 12), ("x", 5_000_000)]
)
def test_the_threshold_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(prepare.PREPARE_ENV, value)
    assert prepare.threshold() == expected


def test_compute_missing_keeps_the_fresh_tables_and_is_refused_on_spark(tmp_path, capsys):
    path = tmp_path / "shop.duckdb"
    loaded = run(capsys, "demo", "--customers", "300", "--db", str(path), "--prepare")
    kept = loaded["prepared"]["results"]
    nightly = run(capsys, "compute", "--engine", "duckdb", "--missing", "--db", str(path))
    assert nightly["unchanged"] == kept and nightly["results"] == []  # the same day: nothing
    listed = run(capsys, "compute", "--list", "--db", str(path))["results"]
    assert len(listed) == kept and all(r["fresh"] for r in listed)

    code = cli.main(["compute", "--engine", "spark", "--missing", "--db", str(path)])
    err = capsys.readouterr().err
    assert code != 0 and "--missing computes only what the file does not keep yet" in err
    assert len(run(capsys, "compute", "--list", "--db", str(path))["results"]) == kept
