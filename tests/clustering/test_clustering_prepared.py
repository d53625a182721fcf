"""The first clustering run made ahead by the prepare step, and the tiers of a run read from the
value table the prepare step keeps: the same answers as computed from the lines."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.clustering import runs
from dashboard.spark import compute
from dashboard.store import computed, database
from dashboard.store.filters import Filters, default_period
from dashboard.value import ranking
from dashboard.value.cost_model import load_cost_model


def default_view(conn) -> Filters:
    info = database.summary(conn)
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return Filters(*default_period(first, last))


def test_the_prepared_run_is_made_once_per_rows(demo_conn):
    period = default_view(demo_conn)
    made = runs.prepare_first_run(demo_conn, period, "First run (recommended settings)")
    assert made["made"] and made["customers"] > 0 and made["k"] >= 2
    run = runs.load_run(demo_conn, made["run_id"])
    assert run["settings"]["prepared"] is True and run["filters"] == period
    assert run["k_auto"] and not runs.is_stale(demo_conn, run)
    again = runs.prepare_first_run(demo_conn, period, "First run (recommended settings)")
    assert again["made"] is False and again["run_id"] == made["run_id"]
    demo_conn.execute("BEGIN TRANSACTION")
    database.bump_data_version(demo_conn)  # the rows changed (an import)
    demo_conn.execute("COMMIT")
    later = runs.prepare_first_run(demo_conn, period, "First run (recommended settings)")
    assert later["made"] and later["run_id"] > made["run_id"]


def test_a_runs_tiers_from_the_kept_value_table_are_those_from_the_lines(demo_conn):
    period = default_view(demo_conn)
    run_id = runs.prepare_first_run(demo_conn, period, "First run")["run_id"]
    from_lines = runs.clusters_by_tier(demo_conn, run_id)
    compute.compute(demo_conn, engine="duckdb")  # what prepare keeps
    model = load_cost_model(demo_conn)
    assert computed.served(demo_conn, *ranking.ranked_value_sql(period, model)) is not None
    kept = runs.clusters_by_tier(demo_conn, run_id)
    assert len(from_lines) > 0
    pd.testing.assert_frame_equal(kept, from_lines)
    assert int(kept["customers"].sum()) == runs.load_run(demo_conn, run_id)["customers"]
