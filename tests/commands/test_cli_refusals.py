"""The command line refuses what a scheduled job must not do quietly.

A mistyped --db, a file that is not a database, a period without purchases: each exits 2 with a
message on stderr and creates or changes nothing. Without --from/--to, tiers, export and segment
cover the app's default period (the last 12 months of the data) and say so in their JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from dashboard import cli
from dashboard.clustering import runs
from dashboard.store import database
from dashboard.store.filters import Filters, default_period
from dashboard.value import pyramid
from tests.conftest import ROOT


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m dashboard ...` in a process of its own, as a scheduled job runs it."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def demo_db(demo_db_file, tmp_path) -> str:
    """A copy of the session's demo database (2,000 customers) that a command may write to."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    return str(path)


def data_range(db: str):
    conn = database.connect(db)
    try:
        return conn.execute(
            "SELECT CAST(min(ordered_at) AS DATE), CAST(max(ordered_at) AS DATE) FROM transactions"
        ).fetchone()
    finally:
        conn.close()


# --- a --db that does not exist ---------------------------------------------------------------

COMMANDS_THAT_READ = [
    ["summary"],
    ["tiers"],
    ["segment", "--k", "3"],
    ["export", "tier", "1", "--out", "OUT.csv"],
    ["export", "unhappy", "--out", "OUT.csv"],
    ["report", "--out", "OUT.html"],
    ["feedback"],
    ["customer", "smith"],
    ["duplicates"],
    ["campaign", "list"],
    ["campaign", "measure", "1"],
    ["demo", "--remove"],
]


@pytest.mark.parametrize("command", COMMANDS_THAT_READ, ids=lambda c: " ".join(c[:2]))
def test_a_mistyped_db_is_refused_and_nothing_is_created(command, tmp_path):
    missing = tmp_path / "x" / "notadb.txt"
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    done = run(*args, "--db", str(missing))
    assert done.returncode == 2, done.stdout
    assert f"error: no database at {missing}: import a file" in done.stderr
    assert f"load the demo first (python -m dashboard demo --db {missing})" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not (tmp_path / "x").exists()  # neither the file nor its folder
    assert list(tmp_path.iterdir()) == []  # nor an output file


def test_dashboard_db_naming_a_missing_file_is_refused_too(tmp_path):
    missing = tmp_path / "nightly.duckdb"
    done = run("summary", "--json", env={database.DB_ENV_VAR: str(missing)})
    assert done.returncode == 2
    assert f"no database at {missing}" in done.stderr and done.stdout == ""
    assert not missing.exists()


def test_import_and_demo_still_create_a_new_database(tmp_path):
    sales = tmp_path / "sales.csv"
    sales.write_text("customer_id,ordered_at,revenue\nc1,2024-01-01,10\n")
    new = tmp_path / "new" / "shop.duckdb"
    done = run("import", str(sales), "--table", "transactions", "--db", str(new))
    assert done.returncode == 0, done.stderr
    summary = json.loads(run("summary", "--db", str(new), "--json").stdout)
    assert summary["rows"]["transactions"] == 1
    fresh = tmp_path / "demo.duckdb"
    done = run("demo", "--customers", "50", "--db", str(fresh), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(run("summary", "--db", str(fresh), "--json").stdout)["customers"] == 50
    missing = tmp_path / "elsewhere.duckdb"
    assert run("summary", "--db", str(missing)).returncode == 2 and not missing.exists()


# --- a --db that is not a DuckDB file ---------------------------------------------------------


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("size", [2, 3000], ids=["small", "large"])
@pytest.mark.parametrize(
    "command",
    [["summary"], ["tiers"], ["import", "SALES", "--table", "transactions"]],
    ids=lambda c: c[0],
)
def test_a_csv_given_as_db_is_refused_and_left_as_it_was(command, size, tmp_path):
    sales = tmp_path / "some.csv"
    sales.write_text(
        "customer_id,ordered_at,revenue\n" + "".join(f"c{i},2024-01-01,{i}\n" for i in range(size))
    )
    before = digest(sales)
    args = [a.replace("SALES", str(sales)) for a in command]
    done = run(*args, "--db", str(sales), "--json")
    assert done.returncode == 2, done.stdout
    assert f"error: {sales} is not a dashboard database (DuckDB file)" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert digest(sales) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["some.csv"]  # no .wal beside it


def test_a_folder_given_as_db_is_refused(tmp_path):
    done = run("summary", "--db", str(tmp_path))
    assert done.returncode == 2 and "is a folder, not a dashboard database" in done.stderr
    assert list(tmp_path.iterdir()) == []


# --- a period without purchases ---------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--out", "OUT.html"],
        ["tiers", "--json"],
        ["export", "tier", "1", "--out", "OUT.xlsx"],
        ["export", "unhappy", "--out", "OUT.csv"],
        ["segment", "--k", "3", "--json"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_an_empty_period_is_refused_and_nothing_is_written(command, demo_db, tmp_path):
    first, last = data_range(demo_db)
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    done = run(*args, "--from", "2030-01-01", "--to", "2030-02-01", "--db", demo_db)
    assert done.returncode == 2, done.stdout[:500]
    assert (
        f"error: no purchases between 2030-01-01 and 2030-02-01; the data cover {first} to {last}"
        in done.stderr
    )
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert not list(tmp_path.glob("out*"))
    conn = database.connect(demo_db)
    try:
        assert runs.list_runs(conn).empty  # segment saved no run
    finally:
        conn.close()


def test_a_period_after_the_data_given_by_its_start_only_is_refused(demo_db):
    first, last = data_range(demo_db)
    done = run("tiers", "--from", "2030-01-01", "--db", demo_db)
    assert done.returncode == 2
    assert f"no purchases from 2030-01-01 on; the data cover {first} to {last}" in done.stderr


def test_a_segment_without_purchases_in_the_period_is_refused(demo_db):
    done = run("tiers", "--country", "Atlantis", "--db", demo_db)
    assert done.returncode == 2
    assert "for the countries, channels or categories chosen" in done.stderr


# --- help texts -------------------------------------------------------------------------------


def all_parsers():
    """Every parser of the command line, sub-commands of sub-commands included."""
    pending, found = [cli.build_parser()], []
    while pending:
        parser = pending.pop()
        found.append(parser)
        for action in parser._actions:
            if action.choices and hasattr(action, "_name_parser_map"):
                pending.extend(action._name_parser_map.values())
    return found


def test_no_help_text_shows_a_doubled_percent_sign():
    parsers = all_parsers()
    assert len(parsers) > 15
    for parser in parsers:
        text = parser.format_help()
        assert "%%" not in text, parser.prog
    tiers = next(p for p in parsers if p.prog.endswith(" tiers"))
    assert "the top 1%, next 10%, next 24%, the rest" in " ".join(tiers.format_help().split())


def test_tiers_help_as_printed_shows_single_percent_signs():
    done = run("tiers", "--help")
    assert done.returncode == 0
    assert "%%" not in done.stdout and "top 1%, next 10%" in " ".join(done.stdout.split())


# --- the app's default period -----------------------------------------------------------------


def app_period(db: str) -> Filters:
    first, last = data_range(db)
    return Filters(*default_period(first, last))


def test_tiers_and_export_default_to_the_apps_period(demo_db, tmp_path):
    period = app_period(demo_db)
    expected = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    conn = database.connect(demo_db)
    try:
        shares = pyramid.tier_shares(conn, period, rule=pyramid.load_tier_rule(conn))
        all_time = pyramid.tier_shares(conn, Filters(), rule=pyramid.load_tier_rule(conn))
    finally:
        conn.close()
    in_period = dict(zip(shares.tier, shares.customers, strict=True))
    assert in_period["1"] != dict(zip(all_time.tier, all_time.customers, strict=True))["1"]

    tiers = run("tiers", "--db", demo_db, "--json")
    assert tiers.returncode == 0, tiers.stderr
    result = json.loads(tiers.stdout)
    assert result["period"] == expected
    assert [t["customers"] for t in result["tiers"]] == [int(in_period[t]) for t in "1234"]

    out = tmp_path / "t1.csv"
    done = run("export", "tier", "1", "--out", str(out), "--db", demo_db, "--json")
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert exported["period"] == expected and exported["customers"] == in_period["1"]
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == in_period["1"] + 1

    unhappy = run("export", "unhappy", "--out", str(tmp_path / "u.csv"), "--db", demo_db, "--json")
    assert unhappy.returncode == 0, unhappy.stderr
    assert json.loads(unhappy.stdout)["period"] == expected

    report = run("report", "--out", str(tmp_path / "r.html"), "--db", demo_db, "--json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["period"] == expected


def test_segment_clusters_the_apps_period_and_takes_from_and_to(demo_db, tmp_path):
    period = app_period(demo_db)
    conn = database.connect(demo_db)
    try:
        where, params = period.transaction_sql("t")
        buyers = conn.execute(
            f"SELECT count(DISTINCT customer_id) FROM transactions t WHERE {where} AND revenue > 0",
            params,
        ).fetchone()[0]
        everyone = conn.execute("SELECT count(DISTINCT customer_id) FROM transactions").fetchone()
    finally:
        conn.close()
    assert buyers < everyone[0]

    done = run("segment", "--k", "3", "--db", demo_db, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    expected = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    assert result["period"] == expected
    assert result["customers"] == buyers  # who bought in the period, as the Clusters page runs

    chosen = run(
        "segment",
        "--k",
        "3",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
        "--db",
        demo_db,
        "--json",
    )
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(chosen.stdout)["period"] == {"from": "2025-01-01", "to": "2025-06-30"}
    conn = database.connect(demo_db)
    try:
        assert runs.load_run(conn, result["run_id"])["filters"] == period
    finally:
        conn.close()

    out = tmp_path / "c.csv"
    clusters = run(
        "export",
        "clusters",
        str(result["run_id"]),
        "--clusters",
        "0,1",
        "--out",
        str(out),
        "--db",
        demo_db,
        "--json",
    )
    assert clusters.returncode == 0, clusters.stderr
    assert json.loads(clusters.stdout)["period"] == expected
    refused = run(
        "export",
        "clusters",
        str(result["run_id"]),
        "--clusters",
        "0",
        "--from",
        "2025-01-01",
        "--out",
        str(tmp_path / "d.csv"),
        "--db",
        demo_db,
    )
    assert refused.returncode == 2 and "takes no --from/--to" in refused.stderr
    assert not (tmp_path / "d.csv").exists()
