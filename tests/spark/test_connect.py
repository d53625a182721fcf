"""Spark Connect for real: a Connect server started here (pyspark's own, on the machine's Java)
and `python -m dashboard compute --master sc://...` run against it as a scheduled job would run
it, in a process of its own. What comes back answers the pages as DuckDB's own computing does."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer"
#: How long a server may take to start before the test says it did not (a failure, not a speed
#: goal: a loaded machine starts it in about 20 s).
STARTUP_WAIT_S = 600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def connect_server(spark, tmp_path_factory):
    """``sc://localhost:PORT`` of a Spark Connect server in local[2] mode (the ``spark`` fixture
    first: it fails or skips, as every Spark test does, without pyspark or Java)."""
    import pyspark

    home = Path(pyspark.__file__).parent
    port = _free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    command = [
        str(home / "bin" / "spark-submit"),
        "--class", SERVER,
        "--master", "local[2]",
        "--conf", f"spark.connect.grpc.binding.port={port}",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=4",
        "--conf", "spark.driver.memory=1g",
    ]  # fmt: skip
    env = {**os.environ, "SPARK_HOME": str(home)}
    with log.open("w") as out:
        server = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        deadline = time.monotonic() + STARTUP_WAIT_S
        while "Spark Connect server started" not in log.read_text(errors="replace"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Spark Connect server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(1)
        yield f"sc://localhost:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=120)


def _cli(*argv) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", *argv, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_compute_through_spark_connect_answers_as_duckdb_does(connect_server, demo_lake, tmp_path):
    served = tmp_path / "served.duckdb"
    sources = [a for t, p in demo_lake.sources.items() for a in ("--source", f"{t}={p}")]
    report = _cli(
        "compute", "--db", str(served), "--engine", "spark", "--master", connect_server, *sources
    )
    assert report["master"] == connect_server
    assert {"value_table", "iceberg", "resolution"} <= {r["what"] for r in report["results"]}
    customers = report["customers"]["rows"]
    assert customers > 0
    assert all(r["rows"] == customers for r in report["results"] if r["what"] == "value_table")

    ours = _cli("tiers", "--db", str(served))
    theirs = _cli("tiers", "--db", str(demo_lake.db_path))
    assert ours["period"] == theirs["period"]
    assert [t["customers"] for t in ours["tiers"]] == [t["customers"] for t in theirs["tiers"]]
    for a, b in zip(ours["tiers"], theirs["tiers"], strict=True):
        assert abs(a["revenue"] - b["revenue"]) < 0.005
        assert abs(a["profit"] - b["profit"]) < 0.005
