"""`python -m dashboard demo`: replace the data with a generated demo business, or remove it."""

from __future__ import annotations

import argparse
import sys
import time

from dashboard import cli
from dashboard.access import audit
from dashboard.commands import prepare
from dashboard.demo import generator, removal
from dashboard.errors import DashboardError
from dashboard.store import database

#: How the command line names what --remove counts: (one, many).
PART_NAMES = {
    "customers": ("customer", "customers"),
    "transactions": ("transaction", "transactions"),
    "feedback": ("feedback entry", "feedback entries"),
    "interactions": ("service contact", "service contacts"),
    "campaigns": ("campaign", "campaigns"),
}


def register(subparsers) -> None:
    """Add the ``demo`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The sub-command registry of the main parser.
    """
    parser = subparsers.add_parser(
        "demo",
        help="replace all data with a generated demo business (--remove: take it out again)",
        description="Replace the customers, transactions, feedback and interactions with a "
        "seeded demo business (about 10 transaction lines per customer). With --remove, delete "
        "every row the demo brought and its campaign, keeping the data you imported.",
    )
    parser.add_argument(
        "--remove",
        action="store_true",
        help="remove the demo data (rows from a demo load and the demo's campaign); "
        "your own imports stay",
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=None,
        help=f"how many customers (default {generator.DEFAULT_CUSTOMERS:,})",
    )
    parser.add_argument("--seed", type=int, default=None, help="the same seed gives the same data")
    parser.add_argument(
        "--end-date",
        type=cli.parse_day,
        default=None,
        help="last day of data, YYYY-MM-DD (default: end of last month)",
    )
    cli.add_common(parser)
    prepare.add_option(parser)
    parser.set_defaults(handler=lambda args: prepare.after(args, run_demo(args)))


def run_demo(args: argparse.Namespace) -> dict:
    """Load the demo into the database of ``args.db`` and return what was loaded.

    Parameters
    ----------
    args : argparse.Namespace
        ``customers``, ``seed``, ``end_date``, ``db`` and ``json`` from the command line.
    """
    if getattr(args, "remove", False):
        return run_remove(args)
    quiet = getattr(args, "json", False)
    started = time.perf_counter()
    conn = cli.open_database(args, create=True)
    try:
        result = generator.load_demo(
            conn,
            customers=generator.DEFAULT_CUSTOMERS if args.customers is None else args.customers,
            seed=42 if args.seed is None else args.seed,
            end_date=args.end_date,
            progress=None if quiet else _print_progress,
        )
        audit.record(conn, audit.command_actor(), "demo_load", rows=result["transactions"])
    finally:
        conn.close()
    return {
        **result,
        "database": str(database.resolve_db_path(args.db)),
        "seconds": round(time.perf_counter() - started, 2),
    }


def run_remove(args: argparse.Namespace) -> dict:
    """Remove the demo data from the database of ``args.db``; return what was removed.

    Parameters
    ----------
    args : argparse.Namespace
        ``db``, ``wait`` and ``json`` from the command line (``--customers``, ``--seed`` and
        ``--end-date`` belong to loading and are refused).
    """
    given = [
        option
        for option, value in (
            ("--customers", args.customers),
            ("--seed", args.seed),
            ("--end-date", args.end_date),
        )
        if value is not None
    ]
    if given:
        raise DashboardError(
            f"--remove takes no {', '.join(given)}: those options describe a demo to load. "
            "Run `python -m dashboard demo --remove` alone."
        )
    conn = cli.open_database(args)
    try:
        removed = removal.remove_demo(conn)
        left = removal.other_rows(conn)
        audit.record(conn, audit.command_actor(), "demo_remove", rows=sum(removed.values()))
    finally:
        conn.close()
    return {
        "message": removal_message(removed, left),
        "removed": removed,
        "rows_removed": sum(removed[table] for table in database.DATA_TABLES),
        "rows_left": left,
        "database": str(database.resolve_db_path(args.db)),
    }


def removal_message(removed: dict[str, int], left: dict[str, int]) -> str:
    """One line saying what ``demo --remove`` removed, or that there was nothing to remove.

    Parameters
    ----------
    removed : dict
        The counts :func:`dashboard.demo.removal.remove_demo` returned.
    left : dict
        Rows per data table left afterwards (:func:`dashboard.demo.removal.other_rows`).
    """
    parts = [
        f"{removed[part]:,} {PART_NAMES[part][removed[part] != 1]}"
        for part in removal.DEMO_PARTS
        if removed[part]
    ]
    if not parts:
        return "There is no demo data to remove: nothing was changed."
    if not any(left.values()):
        return (
            f"Removed the demo data: {', '.join(parts)}. The database is now empty: the dashboard "
            "loads the demo again when it opens an empty database, so import your own data next."
        )
    return f"Removed the demo data: {', '.join(parts)}. Your own imports are untouched."


def _print_progress(fraction: float, step: str) -> None:
    print(f"{fraction:4.0%} {step}", file=sys.stderr)
