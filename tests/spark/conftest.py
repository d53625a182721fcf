"""Apache Spark for real, in local[2] mode: one session for every test here, on a small demo
and on Online Retail II, each exported to Parquet as a data lake would hold it.

Marked ``spark``; in CI (``CI=true``) a missing pyspark or Java fails them, never skips them.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from dashboard.store import database

#: Small, so the Spark tests stay quick; large enough for every tier and segment to hold some.
SPARK_DEMO_CUSTOMERS = 400
DEMO_END = date(2025, 6, 30)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/spark/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.spark)


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}: CI must run the Spark tests (.ci/run installs both)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def spark():
    """One SparkSession, local[2], for the whole test session."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _unavailable("pyspark is not installed")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        _unavailable("Java is missing (apt-get install openjdk-17-jre-headless)")
    from dashboard.spark import session

    built = session.build(
        "local[2]",
        {
            "spark.sql.shuffle.partitions": "4",
            "spark.ui.enabled": "false",
            "spark.driver.memory": "1g",
        },
    )
    built.sparkContext.setLogLevel("ERROR")
    yield built
    built.stop()


def export(conn, folder: Path) -> dict[str, str]:
    """The four tables as Parquet files in ``folder``: the lake's sources."""
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for table in database.DATA_TABLES:
        path = folder / f"{table}.parquet"
        conn.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
        found[table] = str(path)
    return found


class Lake:
    """A dataset in a DuckDB file and the same rows as Parquet for Spark."""

    def __init__(self, db_path: Path, sources: dict[str, str]):
        self.db_path, self.sources = db_path, sources

    def connect(self):
        return database.connect(self.db_path, read_only=True)


@pytest.fixture(scope="session")
def demo_lake(tmp_path_factory) -> Lake:
    from dashboard.demo import generator

    folder = tmp_path_factory.mktemp("spark_demo")
    conn = database.connect(folder / "demo.duckdb")
    generator.load_demo(conn, customers=SPARK_DEMO_CUSTOMERS, seed=11, end_date=DEMO_END)
    sources = export(conn, folder / "lake")
    conn.close()
    return Lake(folder / "demo.duckdb", sources)


@pytest.fixture(scope="session")
def retail_lake(tmp_path_factory, online_retail_path) -> Lake:
    from dashboard import importer

    folder = tmp_path_factory.mktemp("spark_retail")
    conn = database.connect(folder / "retail.duckdb")
    importer.import_file(conn, online_retail_path, "transactions")
    sources = export(conn, folder / "lake")
    conn.close()
    return Lake(folder / "retail.duckdb", sources)


@pytest.fixture(scope="session")
def served_lake(demo_lake, spark, tmp_path_factory) -> Lake:
    """The demo computed on Spark into a fresh file that holds no transactions (only what Spark
    brought back), with one period asked for besides the defaults; ``.report`` is compute's."""
    from dashboard.spark import compute
    from dashboard.spark.settings import SparkSettings
    from dashboard.store.filters import Filters

    path = tmp_path_factory.mktemp("served") / "lake.duckdb"
    conn = database.connect(path)
    settings = SparkSettings("spark", "local[2]", demo_lake.sources)
    report = compute.compute(
        conn,
        engine="spark",
        spark=spark,
        settings=settings,
        asked=[Filters(date(2025, 1, 1), date(2025, 3, 31))],
    )
    conn.close()
    lake = Lake(path, demo_lake.sources)
    lake.report = report
    return lake
