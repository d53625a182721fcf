"""`python -m dashboard compute --engine spark`: what ran where, how many rows came back, and
the commands that follow (tiers) answering from what Spark computed."""

from __future__ import annotations

import json

from dashboard import cli
from dashboard.spark import settings as spark_settings
from dashboard.store import database


def run(capsys, *argv) -> dict:
    assert cli.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_compute_on_spark_then_tiers_answer_as_duckdb_does(demo_lake, spark, tmp_path, capsys):
    served = tmp_path / "served.duckdb"
    sources = [a for t, p in demo_lake.sources.items() for a in ("--source", f"{t}={p}")]
    report = run(
        capsys,
        "compute",
        "--db",
        str(served),
        "--engine",
        "spark",
        "--master",
        "local[2]",
        *sources,
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
        "--save",
        "--json",
    )
    assert report["engine"] == "spark" and report["master"] == "local[2]"
    periods = {r["period"] for r in report["results"] if r["what"] == "value_table"}
    assert {"all", "2025-01-01..2025-03-31", "2024-10-03..2024-12-31"} <= periods
    customers = report["customers"]["rows"]
    assert all(r["rows"] == customers for r in report["results"] if r["what"] == "value_table")

    with database.connect(served) as conn:
        saved = spark_settings.load(conn)
    assert saved.engine == "spark" and saved.sources == demo_lake.sources

    listed = run(capsys, "compute", "--db", str(served), "--list", "--json")["results"]
    assert len(listed) == len(report["results"]) and all(r["fresh"] for r in listed)

    for period in ([], ["--from", "2025-01-01", "--to", "2025-03-31"]):
        ours = run(capsys, "tiers", "--db", str(served), *period, "--json")
        theirs = run(capsys, "tiers", "--db", str(demo_lake.db_path), *period, "--json")
        assert ours["period"] == theirs["period"]
        assert [t["customers"] for t in ours["tiers"]] == [t["customers"] for t in theirs["tiers"]]
        for a, b in zip(ours["tiers"], theirs["tiers"], strict=True):
            assert abs(a["revenue"] - b["revenue"]) < 0.005
            assert abs(a["profit"] - b["profit"]) < 0.005


def test_compute_refuses_settings_without_transactions(tmp_path, capsys):
    served = tmp_path / "served.duckdb"
    code = cli.main(["compute", "--db", str(served), "--engine", "spark"])
    assert code != 0
    assert "spark.sources has no transactions" in capsys.readouterr().err
