"""Benchmark: the presenter's deck as a PDF at 200,000 demo customers (about 1.9M lines).

Run ``python bench/bench_deck.py [--customers 200000]``. The demo database is shared with the
other benches (``bench/out/demo_<n>_seed42.duckdb``); a copy of it with a saved clustering run
and a campaign (so that every slide has something to show) is made once as
``bench/out/deck_<n>.duckdb``. Each route runs in a child process of its own, cold (nothing
cached), and reports seconds and peak resident memory (VmHWM). Results go to
``bench/out/bench_deck.json``.

Routes:
- ``pdf``: what the PDF button and ``report --slides --format pdf`` do: build every slide (KPIs,
  pyramid, costs, whale curve, migration, the latest clustering run, feedback, the iceberg, the
  ladder, the last campaign's uplift, the future-value forecast, strategies), write the HTML
  document and print it in Chromium. Goal (issue 14): under 15 s.
- ``cli``: ``python -m dashboard report --slides --format pdf`` as a scheduled job runs it,
  Python's start included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, demo_database, peak_mb, run_child  # noqa: E402 (bench/ on path)

GOALS = {"pdf": 15.0, "cli": 15.0}


def deck_database(customers: int) -> Path:
    """The demo with a saved clustering run and a campaign, made once."""
    path = OUT / f"deck_{customers}.duckdb"
    if path.exists():
        return path
    from dashboard import cli

    partial = path.with_suffix(".partial")
    shutil.copy(demo_database(customers), partial)
    assert cli.main(["segment", "--k", "4", "--db", str(partial)]) == 0
    args = ["campaign", "create", "--tier", "3", "--name", "Autumn offer", "--start", "2026-09-01"]
    assert cli.main([*args, "--db", str(partial)]) == 0
    partial.rename(path)
    return path


def route(name: str, path: Path) -> dict:
    """Run one route in this process; return its figures."""
    out = OUT / "bench_deck.pdf"
    if name == "cli":
        started = time.perf_counter()
        command = [sys.executable, "-m", "dashboard", "report", "--slides", "--format", "pdf"]
        done = subprocess.run(
            [*command, "--out", str(out), "--db", str(path), "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode:
            raise RuntimeError(done.stderr)
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "slides": json.loads(done.stdout)["slides"], "peak_mb": None}
    import duckdb

    from dashboard.presenting import deck, document, pdf
    from dashboard.reporting import report

    conn = duckdb.connect(str(path), read_only=True)
    started = time.perf_counter()
    built = deck.build_deck(conn, report.report_filters(conn), "en")
    deck_s = time.perf_counter() - started
    began = time.perf_counter()
    html = document.deck_html(built)
    html_s = time.perf_counter() - began
    began = time.perf_counter()
    data = pdf.html_to_pdf(
        html, document.chart_count(built), width="1920px", height="1080px"
    )  # fmt: skip
    pdf_s = time.perf_counter() - began
    seconds = time.perf_counter() - started
    out.write_bytes(data)
    conn.close()
    return {
        "seconds": seconds,
        "deck_s": round(deck_s, 2),
        "html_s": round(html_s, 2),
        "chromium_s": round(pdf_s, 2),
        "slides": len(built.slides),
        "left_out": [g.key for g in built.left_out],
        "bytes": len(data),
        "peak_mb": peak_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--route")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.route:
        print(json.dumps(route(args.route, Path(args.db)), default=str))
        return
    path = Path(args.db) if args.db else deck_database(args.customers)
    results = {}
    for name in ("pdf", "cli"):
        results[name] = r = run_child(__file__, name, path)
        goal = GOALS[name]
        verdict = f"goal < {goal:.0f} s: {'met' if r['seconds'] < goal else 'MISSED'}"
        extra = {k: r[k] for k in ("deck_s", "html_s", "chromium_s", "left_out") if k in r}
        peak = f"peak {r['peak_mb']:6.0f} MB" if r["peak_mb"] else ""
        print(
            f"{name:4s} {r['seconds']:6.2f} s  {r['slides']} slides  {peak}  ({verdict})  {extra}",
            flush=True,
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_deck.json").write_text(
        json.dumps({"database": path.name, "routes": results}, indent=2, default=str)
    )


if __name__ == "__main__":
    main()
