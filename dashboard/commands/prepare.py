"""After an import or a demo load of a large business: the pages' customer-level tables
computed once and kept in the file (``compute --engine duckdb``), so that every page and every
new process reads them instead of aggregating every transaction line again.

At 94M lines and 10M customers this takes about 8 minutes and makes the pyramid's first view
17 s instead of 102 s (``bench/bench_scale.py --kept``). Below :data:`PREPARE_ABOVE` lines the
pages compute what they need in a second or two and nothing is kept.
"""

from __future__ import annotations

import argparse
import os
import time

#: Transaction lines from which an import or demo load prepares the pages (the environment
#: variable :data:`PREPARE_ENV` sets another number; 0 always prepares).
PREPARE_ABOVE = 5_000_000
PREPARE_ENV = "DASHBOARD_PREPARE_ABOVE"


def threshold() -> int:
    """The lines from which the pages are prepared (the environment's number when it is one)."""
    value = os.environ.get(PREPARE_ENV, "").strip()
    return int(value) if value.isdigit() else PREPARE_ABOVE


def add_option(parser: argparse.ArgumentParser) -> None:
    """``--prepare`` / ``--no-prepare`` for a command that changes the rows."""
    parser.add_argument(
        "--prepare",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="compute the pages' customer-level tables and keep them in the file (default: "
        f"when the transactions reach {PREPARE_ABOVE:,} lines, or ${PREPARE_ENV})",
    )


def after(args, result: dict) -> dict:
    """``result`` with ``prepared`` (what was kept, in how long) when the pages were prepared."""
    from dashboard import cli
    from dashboard.spark import compute

    if args.prepare is False or result.get("already_imported"):
        return result
    conn = cli.open_database(args)
    try:
        lines = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
        if args.prepare is None and (lines == 0 or lines < threshold()):
            return result
        began = time.perf_counter()
        report = compute.compute(conn, engine="duckdb")
    finally:
        conn.close()
    seconds = time.perf_counter() - began
    return result | {
        "prepared": {
            "message": f"The pages' customer-level tables of {lines:,} lines were computed "
            f"and kept in the file in {seconds:.1f} s.",
            "results": len(report["results"]),
            "seconds": round(seconds, 1),
        }
    }
