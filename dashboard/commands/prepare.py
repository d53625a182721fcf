"""After an import or a demo load of a large business: the pages' customer-level tables
computed once and kept in the file (``compute --engine duckdb``), so that every page and every
new process reads them instead of aggregating every transaction line again. Then the first
views of the Clusters and Future value pages are made ahead (:func:`first_views`): the first
clustering run with the recommended settings is saved, and the default forecast is kept.

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

    if args.prepare is False or result.get("already_imported"):
        return result
    conn = cli.open_database(args)
    try:
        lines = due(conn)
        if lines is None:
            if not args.prepare:  # asked for (--prepare): whatever the number of lines
                return result
            lines = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
        report = prepare_pages(conn)
    finally:
        conn.close()
    message = (
        f"The pages' customer-level tables of {lines:,} lines were computed and kept in the "
        f"file in {report['seconds']:.1f} s."
    )
    return result | {"prepared": {"message": message, **report}}


def first_views(conn) -> dict:
    """What the Clusters and Future value pages fit on their first view, made once now: the
    first clustering run with the recommended settings and the forecast with the default
    settings, both on the default period (the last 12 months of data). Each with its seconds,
    or the message of why it could not be made (the pages then say it themselves)."""
    from datetime import date

    from dashboard import i18n
    from dashboard.clustering import runs
    from dashboard.errors import DashboardError
    from dashboard.future import kept
    from dashboard.store import database
    from dashboard.store.filters import Filters, default_period

    info = database.summary(conn)
    first, last = (
        date.fromisoformat(info[k]) if info[k] else None for k in ("date_from", "date_to")
    )
    period = Filters(*default_period(first, last))
    name = i18n.t("clusters.first_run_name", "en")  # the page shows it in the reader's language
    steps = {
        "clusters": lambda: runs.prepare_first_run(conn, period, name),
        "future": lambda: kept.keep(conn, period),
    }
    made = {}
    for what, make in steps.items():
        began = time.perf_counter()
        try:
            made[what] = make()
        except DashboardError as e:
            made[what] = {"error": str(e)}
        made[what]["seconds"] = round(time.perf_counter() - began, 1)
    return made


#: How long a prepare takes per transaction line (94M lines, 10M customers: about 8 minutes on
#: two cores), for what a page says before it starts.
SECONDS_PER_LINE = 8 * 60 / 94_000_000


def due(conn) -> int | None:
    """The transaction lines when an import or demo load should prepare the pages (they reach
    :func:`threshold`), else None."""
    lines = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
    return int(lines) if lines and lines >= threshold() else None


def prepare_pages(conn) -> dict:
    """The pages prepared as ``import``/``demo`` prepare them: the customer-level tables kept
    in the file (``compute --engine duckdb``) and the Clusters' and Future value's first views;
    what was kept and in how long."""
    from dashboard.spark import compute

    began = time.perf_counter()
    report = compute.compute(conn, engine="duckdb")
    computed_seconds = time.perf_counter() - began
    made = first_views(conn)
    return {
        "results": len(report["results"]),
        "seconds": round(time.perf_counter() - began, 1),
        "compute_seconds": round(computed_seconds, 1),
        **made,
    }
