"""Benchmark: every page's warm rerun at the demo's size (issue 19: each under 1.5 s).

Run ``python bench/bench_warm_pages.py [--customers 20000] [--reruns 5]``. The demo database is
generated once into ``bench/out/`` and copied. Each page runs through the router in AppTest (as a
user opens it from the navigation): a first run, then ``--reruns`` reruns with nothing changed,
which is what Streamlit does on every widget interaction that the page's loaders have cached.
The median and the slowest rerun are reported, with the first run. Results go to
``bench/out/bench_warm_pages.json`` and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import time

from common import OUT, ROOT, demo_database, peak_mb

from dashboard.ui.navigation import PAGES

GOAL_S = 1.5


def measure(path, reruns: int) -> dict:
    os.environ["DASHBOARD_DB"] = str(path)
    os.chdir(ROOT)
    from streamlit import config as streamlit_config
    from streamlit.testing.v1 import AppTest

    streamlit_config.set_option("server.address", "127.0.0.1")  # as `make run` serves it
    results = {}
    for _, file, *_ in PAGES:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=900).run()
        started = time.perf_counter()
        at.switch_page(f"pages/{file}").run()
        first = time.perf_counter() - started
        times = []
        for _ in range(reruns):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
        results[file.removesuffix(".py")] = {
            "first_s": round(first, 3),
            "warm_median_s": round(statistics.median(times), 3),
            "warm_max_s": round(max(times), 3),
            "errors": [str(e.value)[:200] for e in at.exception],
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args()
    source = demo_database(args.customers)
    copy = OUT / "warm_pages.duckdb"
    shutil.copy(source, copy)
    try:
        results = measure(copy, args.reruns)
    finally:
        copy.unlink(missing_ok=True)
    print(f"Warm reruns at {args.customers:,} customers (goal: under {GOAL_S} s)")
    print(f"{'page':<12}{'first, s':>10}{'warm median, s':>16}{'warm max, s':>13}  goal")
    for page, r in results.items():
        ok = "ok" if r["warm_median_s"] < GOAL_S else "OVER"
        print(
            f"{page:<12}{r['first_s']:>10.2f}{r['warm_median_s']:>16.2f}{r['warm_max_s']:>13.2f}  {ok}"
        )
        for error in r["errors"]:
            print(f"  error: {error}")
    out = {"customers": args.customers, "reruns": args.reruns, "peak_mb": round(peak_mb()),
           "pages": results}  # fmt: skip
    (OUT / "bench_warm_pages.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
