"""Benchmark: clustering 1,000,000 demo customers (features, choice of k, fit, save).

Run ``python bench/bench_clusters.py [--customers 1000000]``. The demo database is shared with the
other benches (``bench/out/demo_<n>_seed42.duckdb``) and generated once if none exists; it is opened
read-only, and saved runs go to a scratch file of their own. Each route runs in a child process
and reports its seconds and peak resident memory (VmHWM). Results go to
``bench/out/bench_clusters.json`` and a table on stdout.

Routes:
- ``features``: the feature query (DuckDB, on top of the customer value table) into pandas.
- ``fixed_k``: a whole run with k = 6 (features, stability at 6, MiniBatchKMeans, map, profiles,
  names, rules). Goal: under 15 s.
- ``auto_k``: a whole run choosing k from 2 to 12 (scores on a 20,000-customer sample, stability
  on 3,000, MiniBatchKMeans on everyone). Goal: under 60 s.
- ``save``: ``fixed_k`` then saving the run (assignments of every customer, the model file).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from common import OUT, demo_database, peak_mb, run_child  # noqa: E402 (bench/ is on sys.path)

GOALS = {"fixed_k": 15.0, "auto_k": 60.0}


def _open(path: Path):
    import duckdb

    return duckdb.connect(str(path), read_only=True)


def route(name: str, path: Path) -> dict:
    """Run one route in this process; return its figures."""
    from dashboard.clustering import analysis, runs
    from dashboard.clustering.features import DEFAULT_FEATURES, read_features
    from dashboard.store.filters import Filters

    conn = _open(path)
    started = time.perf_counter()
    if name == "features":
        frame = read_features(conn, Filters(), DEFAULT_FEATURES)
        result = {"customers": len(frame)}
    else:
        k = "auto" if name == "auto_k" else 6
        steps, last = {}, [started, "clusters.progress.start"]

        def progress(fraction, key):
            # The time since the previous report belongs to the step that was running.
            now = time.perf_counter()
            step = last[1].rsplit(".", 1)[-1]
            steps[step] = round(steps.get(step, 0.0) + now - last[0], 2)
            last[0], last[1] = now, key

        segmented = analysis.segment(conn, Filters(), k=k, progress=progress)
        result = {
            "customers": len(segmented.assignments),
            "k": segmented.k,
            "algorithm": segmented.algorithm_used,
            "steps_s": steps,
        }
        if name == "save":
            from dashboard.store import database

            saved_at = time.perf_counter()
            scratch = Path(tempfile.mkdtemp()) / "runs.duckdb"
            target = database.connect(scratch)
            runs.save_run(target, segmented, "bench")
            result["save_s"] = time.perf_counter() - saved_at
            target.close()
            shutil.rmtree(scratch.parent)
    result["seconds"] = time.perf_counter() - started
    conn.close()
    result["peak_mb"] = peak_mb()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--route")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.route:
        print(json.dumps(route(args.route, Path(args.db))))
        return
    path = demo_database(args.customers)
    results = {}
    for name in ("features", "fixed_k", "auto_k", "save"):
        results[name] = run_child(__file__, name, path)
        r = results[name]
        goal = GOALS.get(name)
        verdict = (
            ""
            if goal is None
            else (f" (goal < {goal:.0f} s: {'met' if r['seconds'] < goal else 'MISSED'})")
        )
        print(
            f"{name:9s} {r['seconds']:7.1f} s  {r['customers'] / r['seconds']:10,.0f} customers/s  "
            f"peak {r['peak_mb']:7.0f} MB{verdict}  {r.get('steps_s', '')}",
            flush=True,
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_clusters.json").write_text(
        json.dumps(
            {"customers": args.customers, "database": path.name, "routes": results}, indent=2
        )
    )


if __name__ == "__main__":
    main()
