"""Benchmark: the app at 100M transaction lines and 10M customers (issue 15, one machine).

Run ``python bench/bench_scale.py [--customers 10000000] [--only pyramid,clusters]``. The demo
database (10M customers make about 94M transaction lines, 21M service contacts and 7M feedback
rows) is generated once into ``bench/out/`` and reused, then copied once so that the pages may
write their settings. Each route runs in a child process of its own (a cold start: a new Python,
no Streamlit cache, no value table kept; the operating system's file cache is warm) and reports
its time and its peak resident memory (VmHWM).

Routes and goals:
- ``page:<name>``: the page's first view through the router in AppTest, as a user opens it from
  the navigation (goal 30 s). For the pyramid, then a change of ranking (revenue to profit,
  goal 2 s), a change of tier rule (to share of customers, goal 2 s) and the first ranking
  again, cached (goal 1 s). For the campaigns, then the "New campaign" form opened (``form_s``:
  it counts each tier's customers on the 12 months before the start it offers).
- ``clusters``: the Clusters page's work at 10M customers: features, a fit with k = 6 and every
  customer assigned (goal 60 s).
- ``future``: the future-value model of the default period: summary, fits, holdout check and
  every customer's predictions (goal 60 s).
- ``--kept``: the same routes on a copy prepared as ``import`` and ``demo`` prepare a large
  business: ``compute --engine duckdb`` kept the customer-level tables (value tables with their
  rankings, summary, loyalty, feedback, identities) in the file, then the first clustering run
  was saved and the default forecast kept, once per data version: the route ``prepare`` times
  that step. Keys ``kept:<route>`` in the results.
Results go to ``bench/out/bench_scale.json`` and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, demo_database, peak_mb

GOALS = {"first_s": 30.0, "ranking_s": 2.0, "rule_s": 2.0, "cached_s": 1.0, "seconds": 60.0}


def route_page(name: str, path: Path) -> dict:
    os.environ["DASHBOARD_DB"] = str(path)
    os.chdir(ROOT)
    from streamlit import config as streamlit_config
    from streamlit.testing.v1 import AppTest

    streamlit_config.set_option("server.address", "127.0.0.1")  # as `make run` serves it
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=1800)
    started = time.perf_counter()
    if name != "overview":
        at.switch_page(f"pages/{name}.py")
    at.run()
    result = {"first_s": time.perf_counter() - started}
    if name == "pyramid":
        for label, widget, value in (
            ("ranking_s", "pyramid_by", "profit"),
            ("rule_s", "pyramid_mode", "cumulative"),
            ("cached_s", "pyramid_mode", "customers"),
        ):
            try:
                element = at.radio(key=widget)
            except KeyError:
                result[label] = None
                continue
            started = time.perf_counter()
            element.set_value(value).run()
            result[label] = time.perf_counter() - started
    if name == "campaigns":  # a marketer opens the "New campaign" form: its tier counts
        from dashboard.ui.campaigns import FORM_KEY

        at.session_state[FORM_KEY] = True
        started = time.perf_counter()
        at.run()
        result["form_s"] = time.perf_counter() - started
    result["errors"] = [str(e.value)[:300] for e in at.exception]
    return result


def route_clusters(path: Path) -> dict:
    import duckdb

    from dashboard.clustering import analysis
    from dashboard.store.filters import Filters

    conn = duckdb.connect(str(path), read_only=True)
    started = time.perf_counter()
    segmented = analysis.segment(conn, Filters(), k=6)
    return {
        "seconds": time.perf_counter() - started,
        "customers": len(segmented.assignments),
        "k": segmented.k,
        "algorithm": segmented.algorithm_used,
    }


def route_future(path: Path) -> dict:
    import duckdb

    from dashboard.future import model, summary
    from dashboard.store.filters import Filters, default_period

    conn = duckdb.connect(str(path), read_only=True)
    started = time.perf_counter()
    first, last = summary.data_range(conn, Filters())
    view = Filters(*default_period(first, last))
    fc = model.forecast(conn, view)
    return {
        "seconds": time.perf_counter() - started,
        "customers": int(fc.totals.get("customers", 0)),
        "holdout_error": None if fc.holdout is None else round(fc.holdout.error, 4),
    }


def route_prepare(path: Path) -> dict:
    """What ``import`` and ``demo`` do for a large business (``commands/prepare.py``): the
    customer-level tables computed once and kept in the file (``compute --engine duckdb``), then
    the first clustering run saved and the default forecast kept."""
    import duckdb

    from dashboard.commands import prepare
    from dashboard.spark import compute

    conn = duckdb.connect(str(path))
    started = time.perf_counter()
    report = compute.compute(conn, engine="duckdb")
    computed_s = time.perf_counter() - started
    made = prepare.first_views(conn)
    return {
        "seconds": time.perf_counter() - started,
        "compute_s": computed_s,
        "clusters_s": made["clusters"]["seconds"],
        "future_s": made["future"]["seconds"],
        "results": len(report["results"]),
        "slowest": sorted(report["results"], key=lambda r: -r["seconds"])[:5],
    }


def child(route: str, path: Path) -> None:
    if route == "prepare":
        result = route_prepare(path)
    elif route.startswith("page:"):
        result = route_page(route.split(":", 1)[1], path)
    else:
        result = {"clusters": route_clusters, "future": route_future}[route](path)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result, default=str))


def run_child(route: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", route, "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode:
        return {"failed": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000_000)
    parser.add_argument("--only", default="", help="comma-separated route names")
    parser.add_argument(
        "--kept",
        action="store_true",
        help="on a copy whose customer-level tables were computed once and kept "
        "(compute --engine duckdb, timed as the route 'prepare')",
    )
    parser.add_argument("--child")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.db))
        return
    from dashboard.ui.navigation import PAGES

    source = demo_database(args.customers)
    prefix = "kept:" if args.kept else ""
    copy = OUT / f"scale_{'kept_' if args.kept else ''}{args.customers}.duckdb"
    out_path = OUT / "bench_scale.json"
    results = json.loads(out_path.read_text()) if out_path.exists() else {}
    if not copy.exists():
        shutil.copy(source, copy)
        if args.kept:
            results["prepare"] = r = run_child("prepare", copy)
            print(f"prepare: {r.get('seconds', 0):.1f} s  peak {r.get('peak_mb', 0):,.0f} MB")
    routes = [f"page:{file.removesuffix('.py')}" for _, file, *_ in PAGES] + ["clusters", "future"]
    if args.only:
        wanted = set(args.only.split(","))
        routes = [r for r in routes if r in wanted or r.removeprefix("page:") in wanted]
    for route in routes:
        r = run_child(route, copy)
        results[prefix + route] = r
        figures = "  ".join(
            f"{k} {v:.2f} s ({'ok' if v < GOALS[k] else 'OVER'})"
            for k, v in r.items()
            if k in GOALS and isinstance(v, float)
        )
        print(f"{route:<16} {figures}  peak {r.get('peak_mb', 0):,.0f} MB", flush=True)
        for error in r.get("errors", []) + ([r["failed"]] if "failed" in r else []):
            print(f"  error: {error}", flush=True)
        out_path.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
