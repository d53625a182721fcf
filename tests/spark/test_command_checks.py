"""`python -m dashboard compute --engine spark` checks its settings and sources before it creates
or writes the database file: a wrong one is named with its fix, and no file is made or changed
(not even by --save)."""

from __future__ import annotations

import hashlib

import pytest

from dashboard import cli


def compute(capsys, db, *argv) -> tuple[int, str]:
    code = cli.main(["compute", "--db", str(db), "--engine", "spark", *argv, "--json"])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_source_no_file_matches_is_named_and_no_file_is_made(tmp_path, capsys):
    db = tmp_path / "new.duckdb"
    missing = tmp_path / "lake" / "tx" / "*.parquet"
    code, said = compute(capsys, db, "--source", f"transactions={missing}")
    assert code == 2
    assert f"The transactions source {missing} does not exist" in said
    assert "--source transactions=PATH" in said and "Nothing was written" in said
    assert not db.exists()


@pytest.mark.parametrize(
    ("option", "named"),
    [
        (["--master", "locl[2]"], "spark.master is 'locl[2]', which Spark does not know"),
        (["--conf", "executor.memory=8g"], "spark.conf names executor.memory"),
        (["--source", "sales=/lake/sales.parquet"], "spark.sources names sales"),
    ],
)
def test_a_wrong_setting_is_named_and_an_existing_file_is_unchanged(
    served_lake, demo_lake, tmp_path, capsys, option, named
):
    db = tmp_path / "lake.duckdb"
    db.write_bytes(served_lake.db_path.read_bytes())
    before = digest(db)
    sources = [a for t, p in demo_lake.sources.items() for a in ("--source", f"{t}={p}")]
    code, said = compute(capsys, db, *sources, *option, "--save")
    assert code == 2
    assert named in said
    assert digest(db) == before  # nothing computed, nothing saved


def test_a_source_spark_cannot_read_is_refused_before_the_file_is_made(spark, tmp_path, capsys):
    db = tmp_path / "new.duckdb"
    not_parquet = tmp_path / "transactions.parquet"
    not_parquet.write_text("customer_id,ordered_at,revenue\nA,2025-01-01,10\n")
    code, said = compute(capsys, db, "--source", f"transactions={not_parquet}")
    assert code == 2
    assert f"Spark cannot read transactions from {not_parquet}" in said
    assert not db.exists()


def test_engine_duckdb_needs_a_file_with_its_lines(tmp_path, capsys):
    db = tmp_path / "none.duckdb"
    code = cli.main(["compute", "--db", str(db), "--engine", "duckdb", "--json"])
    assert code == 2
    assert f"{db} does not exist" in capsys.readouterr().err
    assert not db.exists()


def test_the_right_sources_still_compute_into_a_new_file(demo_lake, spark, tmp_path, capsys):
    db = tmp_path / "new.duckdb"
    sources = [a for t, p in demo_lake.sources.items() for a in ("--source", f"{t}={p}")]
    code, said = compute(capsys, db, *sources)
    assert code == 0, said
    assert db.exists() and '"engine": "spark"' in said
