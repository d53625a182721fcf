"""Benchmark: the future-value model on 1,000,000 demo customers (about 10M transaction lines).

Run ``python bench/bench_future.py [--customers 1000000]``. The demo database is shared with the
other benches (``bench/out/demo_<n>_seed42.duckdb``), generated once if none exists and opened
read-only. Each route runs in a child process of its own and reports seconds and peak resident
memory (VmHWM). Results go to ``bench/out/bench_future.json`` and a table on stdout.

Routes:
- ``summary``: each customer's frequency, recency, age and spend, as of the calibration end and
  the as-of day, in one DuckDB query.
- ``forecast``: the whole model as the page runs it: the summary, the BG/NBD fit on the
  calibration weeks and the holdout check, the fits on the whole history (BG/NBD and
  Gamma-Gamma), every customer's predictions with 80% intervals from 100 parameter draws, the
  totals. The customer value table that gives each customer's profit share is computed first
  and timed apart (``value_table_s``): the pyramid of the same period computes it too.
  Goal (issue 13): under 5 s and under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import timedelta
from pathlib import Path

from common import OUT, demo_database, peak_mb, run_child  # noqa: E402 (bench/ is on sys.path)

GOALS = {"forecast": 5.0}


def route(name: str, path: Path) -> dict:
    """Run one route in this process; return its figures."""
    import duckdb

    from dashboard.future import model, summary
    from dashboard.store.filters import Filters, default_period
    from dashboard.value import cache

    conn = duckdb.connect(str(path), read_only=True)
    first, last = summary.data_range(conn, Filters())
    start, end = default_period(first, last)
    view = Filters(start, end)
    result = {}
    if name == "summary":
        started = time.perf_counter()
        frame = summary.customer_summary(conn, view, end - timedelta(weeks=26), end, end)
        result["customers"] = len(frame)
    else:
        began = time.perf_counter()
        cache.source(conn, view)
        result["value_table_s"] = round(time.perf_counter() - began, 2)
        started = time.perf_counter()
        fc = model.forecast(conn, view)
        result.update(
            customers=int(fc.totals.get("customers", 0)),
            check=fc.check.as_dict(),
            holdout_error=None if fc.holdout is None else round(fc.holdout.error, 4),
            bgnbd=fc.bgnbd,
        )
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
        print(json.dumps(route(args.route, Path(args.db)), default=str))
        return
    path = Path(args.db) if args.db else demo_database(args.customers)
    results = {}
    for name in ("summary", "forecast"):
        results[name] = r = run_child(__file__, name, path)
        goal = GOALS.get(name)
        verdict = (
            ""
            if goal is None
            else f" (goal < {goal:.0f} s: {'met' if r['seconds'] < goal else 'MISSED'})"
        )
        extra = {k: r[k] for k in ("value_table_s", "holdout_error") if k in r}
        print(
            f"{name:9s} {r['seconds']:7.2f} s  {r['customers']:>10,} customers  "
            f"peak {r['peak_mb']:7.0f} MB{verdict}  {extra}",
            flush=True,
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_future.json").write_text(
        json.dumps({"database": path.name, "routes": results}, indent=2, default=str)
    )


if __name__ == "__main__":
    main()
