"""Benchmark: generate the demo business (1,000,000 customers by default) into a temp DuckDB file.

Run ``python bench/bench_demo.py [--customers N]``. The load runs in a child process so that its
peak memory is measured alone; the table and ``bench/out/demo.json`` give seconds per step, rows,
rows per second and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "demo.json"


def child(customers: int, db: str, out: str) -> None:
    """Load the demo into ``db`` and write the seconds of each step to ``out`` (in the child)."""
    sys.path.insert(0, str(ROOT))
    from dashboard.demo import generator
    from dashboard.store import database

    conn = database.connect(db)
    marks = [("start", time.perf_counter())]
    result = generator.load_demo(
        conn,
        customers=customers,
        progress=lambda _, step: marks.append((step, time.perf_counter())),
    )
    conn.close()
    steps = {name: end - begin for (_, begin), (name, end) in zip(marks, marks[1:], strict=False)}
    steps["commit"] = steps.pop("done")
    total = marks[-1][1] - marks[0][1]
    Path(out).write_text(
        json.dumps({"result": result, "steps": steps, "total": total}, default=str)
    )


def run(customers: int) -> dict:
    """Run the child on a temp file and return its timings, rows, peak memory and file size."""
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as tmp:
        db, out = os.path.join(tmp, "demo.duckdb"), os.path.join(tmp, "timings.json")
        command = [sys.executable, __file__, "--child", "--customers", str(customers)]
        subprocess.run([*command, "--db", db, "--out", out], check=True)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        timings = json.loads(Path(out).read_text())
        timings["file_mb"] = os.path.getsize(db) / 2**20
    timings["peak_mb"] = peak_mb
    timings["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores (shared), {platform.python_version()}"
    )
    return timings


def report(timings: dict) -> None:
    """Print seconds, rows and rows per second of each step, then the totals."""
    result, steps = timings["result"], timings["steps"]
    print(f"{'step':<14}{'seconds':>10}{'rows':>14}{'rows/s':>14}")
    for step, seconds in steps.items():
        rows = result.get(step)
        counted = f"{rows:,}" if rows else ""
        rate = f"{rows / seconds:,.0f}" if rows and seconds else ""
        print(f"{step:<14}{seconds:>10.2f}{counted:>14}{rate:>14}")
    rows = sum(result[t] for t in ("customers", "transactions", "feedback", "interactions"))
    print(f"{'total':<14}{timings['total']:>10.2f}{rows:>14,}{rows / timings['total']:>14,.0f}")
    print(
        f"peak memory {timings['peak_mb']:,.0f} MB; file {timings['file_mb']:,.0f} MB; "
        f"{timings['machine']}"
    )


def main() -> None:
    """Parse the arguments; run as the parent (default) or as the child (``--child``)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.customers, args.db, args.out)
        return
    timings = run(args.customers)
    report(timings)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"customers": args.customers, **timings}, indent=2, default=str))
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
