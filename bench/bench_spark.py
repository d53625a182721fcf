"""Benchmark: the customer value table on Apache Spark (local[2]) against DuckDB, same query.

Run ``python bench/bench_spark.py [--customers 200000] [--datasets retail,demo]`` (wrap it in
``flock /work/scratch/heavy.lock`` on a shared machine). The data: Online Retail II imported by
our importer, and a demo of ``--customers`` customers (generated once into ``bench/out/``); each
is exported to Parquet once, as a lake would hold it. Each route runs in a child process of its
own, so its peak memory is its own: Python's (VmHWM of the child) and the JVM's (VmHWM of the
Java process Spark starts, read before it stops).

Routes:
- ``spark``: a local[2] session started (timed apart), the four Parquet sources registered, then
  the value table of the app's default period and of the whole history, each translated by
  SQLGlot, run on Spark and fetched through Arrow; then ``dashboard.spark.compute.compute``
  (everything the pages need, written into a fresh DuckDB file).
- ``duckdb``: the same two value tables in DuckDB from the imported file.
Results go to ``bench/out/bench_spark.json`` and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from common import OUT, ROOT, demo_database, peak_mb  # noqa: E402 (bench/ is on sys.path)

ONLINE_RETAIL = ROOT.parent / "shared" / "data" / "online_retail_ii.parquet"


def retail_database() -> Path:
    """Online Retail II imported once into bench/out/ by our importer."""
    path = OUT / "online_retail.duckdb"
    if path.exists():
        return path
    from dashboard import importer
    from dashboard.store import database

    OUT.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    conn = database.connect(partial)
    importer.import_file(conn, ONLINE_RETAIL, "transactions")
    conn.execute("CHECKPOINT")
    conn.close()
    partial.rename(path)
    return path


def lake(db: Path) -> dict[str, str]:
    """The four tables of ``db`` as Parquet beside it (exported once)."""
    import duckdb

    folder = db.with_suffix(".lake")
    sources = {
        t: str(folder / f"{t}.parquet")
        for t in ("transactions", "customers", "feedback", "interactions")
    }
    if not folder.exists():
        partial = folder.with_suffix(".partial")
        partial.mkdir(parents=True, exist_ok=True)
        with duckdb.connect(str(db), read_only=True) as conn:
            for table in sources:
                conn.execute(f"COPY {table} TO '{partial / (table + '.parquet')}' (FORMAT parquet)")
        partial.rename(folder)
    return sources


def _periods(db: Path):
    from dashboard.store import database
    from dashboard.store import filters as filters_module
    from dashboard.store.filters import Filters

    conn = database.connect(db, read_only=True)
    info = database.summary(conn)
    conn.close()
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return {"period": Filters(*filters_module.default_period(first, last)), "history": Filters()}


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            todo.append(child)
    return found


def _jvm_peak_mb() -> float:
    peaks = []
    for pid in _descendants(os.getpid()):
        try:
            if b"java" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return max(peaks, default=0.0)


def route_spark(db: Path) -> dict:
    from dashboard.spark import compute, session, sources
    from dashboard.spark.settings import SparkSettings
    from dashboard.store import database
    from dashboard.value import value_table

    periods = _periods(db)
    found = lake(db)
    started = time.perf_counter()
    spark = session.build("local[2]", {"spark.ui.enabled": "false", "spark.driver.memory": "4g"})
    spark.sparkContext.setLogLevel("ERROR")
    result = {"session_s": time.perf_counter() - started}
    sources.register(spark, found)
    for name, period in periods.items():
        sql, params = value_table.customer_value_sql(period)
        started = time.perf_counter()
        table = compute.run_spark(spark, sql, params)
        result[f"{name}_s"] = time.perf_counter() - started
        result[f"{name}_rows"] = table.num_rows
    out = db.with_suffix(".served.duckdb")
    out.unlink(missing_ok=True)
    conn = database.connect(out)
    started = time.perf_counter()
    report = compute.compute(
        conn, engine="spark", spark=spark, settings=SparkSettings("spark", "local[2]", found)
    )
    result["compute_all_s"] = time.perf_counter() - started
    result["compute_results"] = len(report["results"])
    conn.close()
    out.unlink(missing_ok=True)
    result["jvm_peak_mb"] = _jvm_peak_mb()
    spark.stop()
    result["python_peak_mb"] = peak_mb()
    return result


def route_duckdb(db: Path) -> dict:
    from dashboard.store import database
    from dashboard.value import value_table

    periods = _periods(db)
    conn = database.connect(db, read_only=True)
    result = {}
    for name, period in periods.items():
        sql, params = value_table.customer_value_sql(period)
        started = time.perf_counter()
        table = conn.execute(sql, params).to_arrow_table()
        result[f"{name}_s"] = time.perf_counter() - started
        result[f"{name}_rows"] = table.num_rows
    conn.close()
    result["python_peak_mb"] = peak_mb()
    return result


ROUTES = {"spark": route_spark, "duckdb": route_duckdb}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--datasets", default="retail,demo")
    parser.add_argument("--route", choices=ROUTES)
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.route:  # a child
        print(json.dumps(ROUTES[args.route](Path(args.db))))
        return
    datasets = {}
    for name in args.datasets.split(","):
        db = retail_database() if name == "retail" else demo_database(args.customers)
        lake(db)
        datasets[name if name == "retail" else f"demo_{args.customers}"] = db
    results = {}
    for name, db in datasets.items():
        for route in ROUTES:
            done = subprocess.run(
                [sys.executable, __file__, "--route", route, "--db", str(db)],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if done.returncode:
                raise RuntimeError(f"{route} on {name} failed:\n{done.stderr[-3000:]}")
            results[f"{name}/{route}"] = json.loads(done.stdout.strip().splitlines()[-1])
            print(name, route, results[f"{name}/{route}"], flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_spark.json").write_text(json.dumps(results, indent=2))
    print(
        f"{'dataset/route':28} {'period s':>9} {'history s':>10} {'all s':>7} {'rows':>8} "
        f"{'python MB':>10} {'JVM MB':>8}"
    )
    for key, r in results.items():
        print(
            f"{key:28} {r['period_s']:9.2f} {r['history_s']:10.2f} "
            f"{r.get('compute_all_s', float('nan')):7.2f} {r['history_rows']:8d} "
            f"{r['python_peak_mb']:10.0f} {r.get('jvm_peak_mb', float('nan')):8.0f}"
        )


if __name__ == "__main__":
    main()
