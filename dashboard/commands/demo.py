"""`python -m dashboard demo`: replace the data with a generated demo business."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from dashboard import demo, storage


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from e


def register(subparsers) -> None:
    """Add the ``demo`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The sub-command registry of the main parser.
    """
    from dashboard.cli import add_common

    parser = subparsers.add_parser(
        "demo",
        help="replace all data with a generated demo business",
        description="Replace the customers, transactions, feedback and interactions with a "
        "seeded demo business (about 10 transaction lines per customer).",
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=demo.DEFAULT_CUSTOMERS,
        help=f"how many customers (default {demo.DEFAULT_CUSTOMERS:,})",
    )
    parser.add_argument("--seed", type=int, default=42, help="the same seed gives the same data")
    parser.add_argument(
        "--end-date",
        type=_iso_date,
        default=None,
        help="last day of data, YYYY-MM-DD (default: end of last month)",
    )
    add_common(parser)
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> dict:
    """Load the demo into the database of ``args.db`` and return what was loaded.

    Parameters
    ----------
    args : argparse.Namespace
        ``customers``, ``seed``, ``end_date``, ``db`` and ``json`` from the command line.
    """
    quiet = getattr(args, "json", False)
    started = time.perf_counter()
    conn = storage.connect(args.db, wait=args.wait)
    try:
        result = demo.load_demo(
            conn,
            customers=args.customers,
            seed=args.seed,
            end_date=args.end_date,
            progress=None if quiet else _print_progress,
        )
    finally:
        conn.close()
    return {
        **result,
        "database": str(storage.resolve_db_path(args.db)),
        "seconds": round(time.perf_counter() - started, 2),
    }


def _print_progress(fraction: float, step: str) -> None:
    print(f"{fraction:4.0%} {step}", file=sys.stderr)
