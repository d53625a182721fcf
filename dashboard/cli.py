"""The command line: everything a scheduled job needs, with JSON output for machines.

Each command lives in its own module under ``dashboard/commands/`` and exposes
``register(subparsers)``; the module adds its parser and sets ``handler`` to a function that takes
the parsed arguments and returns a JSON-serialisable result.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb

from dashboard.errors import AnalysisError, DashboardError, StorageError
from dashboard.store import computed, database, file_lock
from dashboard.store.filters import Filters, default_period

#: Command modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "dashboard.commands.importing",
    "dashboard.commands.demo",
    "dashboard.commands.data",
    "dashboard.commands.customers",
    "dashboard.commands.tiers",
    "dashboard.commands.segment",
    "dashboard.commands.future",
    "dashboard.commands.feedback",
    "dashboard.commands.export",
    "dashboard.commands.campaigns",
    "dashboard.commands.report",
    "dashboard.commands.users",
    "dashboard.commands.spark",
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with one sub-command per registered module."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Customer Value Dashboard: import data, segment customers, export, report.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


#: Seconds a command waits for the database file by default.
DEFAULT_WAIT_S = 300


def add_common(parser: argparse.ArgumentParser) -> None:
    """The options every command takes: --db, --json and --wait."""
    parser.add_argument(
        "--db", help="the DuckDB file (default: $DASHBOARD_DB or data/dashboard.duckdb)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT_S,
        metavar="SECONDS",
        help="how long to wait while a running dashboard or another command holds the database "
        f"(a dashboard lets go when asked; default {DEFAULT_WAIT_S:g})",
    )


#: Where a DuckDB file says what it is: "DUCK" after the 8-byte checksum of its first block.
DUCKDB_MAGIC = b"DUCK"
DUCKDB_MAGIC_OFFSET = 8


def check_database(path: Path, *, create: bool = False) -> None:
    """Refuse a --db that is not a dashboard database, before DuckDB touches it.

    Only ``import`` and ``demo`` may create a database (``create=True``): for every other command
    a mistyped path must not leave a new, empty database behind. A file that exists but is not a
    DuckDB file (a CSV given as --db) is refused by every command, left exactly as it was.
    """
    if not path.exists():
        if create:
            return
        raise StorageError(
            f"no database at {path}: import a file "
            f"(python -m dashboard import FILE --table transactions --db {path}) "
            f"or load the demo first (python -m dashboard demo --db {path})."
        )
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a dashboard database: give the DuckDB file.")
    try:
        with path.open("rb") as file:
            head = file.read(DUCKDB_MAGIC_OFFSET + len(DUCKDB_MAGIC))
    except OSError as e:
        raise StorageError(f"Cannot read the database {path}: {e.strerror or e}.") from e
    if not head and create:
        return  # an empty file: DuckDB makes a new database in it
    if head[DUCKDB_MAGIC_OFFSET:] != DUCKDB_MAGIC:
        raise StorageError(
            f"{path} is not a dashboard database (DuckDB file). Fix: give the dashboard's "
            f"database with --db (or $DASHBOARD_DB); to load this file, import it: "
            f"python -m dashboard import {path} --table transactions."
        )


def open_database(
    args, *, create: bool = False, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """The database of ``--db`` (or $DASHBOARD_DB), checked by :func:`check_database` first.

    ``create``: the command may make a new database (``import`` and ``demo`` only).
    ``read_only``: the command only reads (summary, tiers, exports, reports...): the file is
    opened read-only, so such a command can never change it, and works in a read-only folder.
    A damaged file is refused either way (:func:`dashboard.store.database.check_intact`).
    """
    path = database.resolve_db_path(args.db)
    check_database(path, create=create)
    try:
        return database.connect(path, wait=args.wait, read_only=read_only and not create)
    except duckdb.Error as e:
        raise StorageError(
            f"{path} is not a dashboard database (DuckDB file): DuckDB says {e}"
        ) from e


def add_period(parser: argparse.ArgumentParser) -> None:
    """--from and --to, defaulting to the app's period: the last 12 months of the data."""
    parser.add_argument(
        "--from",
        dest="start",
        type=parse_day,
        help="first day, YYYY-MM-DD (default: 12 months before --to, as the app shows)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=parse_day,
        help="last day (inclusive), YYYY-MM-DD (default: the last day of the data)",
    )


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date from the command line."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD"
        ) from None


def period_filters(
    conn: duckdb.DuckDBPyConnection,
    start: date | None,
    end: date | None,
    countries: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
) -> Filters:
    """The period a command works on, as the app chooses it, refusing one without purchases.

    Without ``end``: the last transaction date; without ``start``: 12 months before the end (not
    before the first transaction), the app's default view (:func:`dashboard.store.filters.default_period`,
    which the report uses too).

    Raises
    ------
    AnalysisError
        When the dates are backwards, the database holds no transactions, or no purchase falls
        in the period (and segment) asked for: a scheduled job must not write an empty result.
    """
    if start and end and start > end:
        raise AnalysisError("--from is after --to: swap the two dates.")
    # computed on Spark when the lines live there
    kept = computed.served(conn, database.SUMMARY_SQL, [])
    first, last = conn.execute(
        f"SELECT CAST(date_from AS DATE), CAST(date_to AS DATE) FROM ({kept[0]})"
        if kept
        else "SELECT CAST(min(ordered_at) AS DATE), CAST(max(ordered_at) AS DATE) FROM transactions"
    ).fetchone()
    if first is None:
        raise AnalysisError(
            "The database has no transactions. Fix: import them (python -m dashboard import FILE "
            "--table transactions) or load the demo (python -m dashboard demo)."
        )
    used_end = end or default_period(first, last)[1]  # never a date beyond next year
    used_start = start or default_period(first, max(used_end, first))[0]
    filters = Filters(used_start, used_end, countries, channels, categories)
    if used_start <= used_end:
        from dashboard.value.pyramid import coverage_sql

        where, params = filters.transaction_sql("t")
        kept = computed.served(conn, *coverage_sql(filters), filters)
        bought = conn.execute(
            f"SELECT purchases FROM ({kept[0]})"
            if kept
            else f"SELECT count(*) FROM transactions t WHERE {where} AND t.revenue > 0",
            [] if kept else params,
        ).fetchone()[0]
        if bought:
            return filters
    if start and end or used_start <= used_end:
        asked = f"between {used_start} and {used_end}"
    else:
        asked = f"from {start} on" if start else f"up to {end}"
    narrowed = (
        " for the countries, channels or categories chosen"
        if (countries or channels or categories)
        else ""
    )
    raise AnalysisError(
        f"no purchases {asked}{narrowed}; the data cover {first} to {last}. Fix: choose "
        "--from and --to inside that range, or leave them out for the last 12 months of the data."
    )


def period_dict(filters: Filters) -> dict:
    """The period a result covers, as every JSON result states it."""
    return {"from": filters.start, "to": filters.end}


def _default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"not serialisable: {type(value).__name__}")


#: Significant digits of a number in JSON: every digit of any amount or share, none of the binary
#: noise of a sum (24726489.83, not 24726489.829999976).
FLOAT_DIGITS = 12


def _tidy(value):
    """``value`` with floats at :data:`FLOAT_DIGITS` digits and NaN or infinity as null (which
    JSON has no word for)."""
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_tidy(v) for v in value]
    if isinstance(value, float):
        return float(f"{value:.{FLOAT_DIGITS}g}") if math.isfinite(value) else None
    return value


#: The key of a result holding the command's exit code (taken out before printing).
EXIT_CODE = "_exit_code"


def to_json(result) -> str:
    """JSON text of a command's result (dates as ISO strings, numpy scalars as numbers)."""
    return json.dumps(_tidy(result), default=_default, ensure_ascii=False, indent=2)


def print_human(result, indent: int = 0) -> None:
    """A readable, indented rendering of a result for a person at a terminal."""
    pad = "  " * indent
    if isinstance(result, dict):
        for key, value in result.items():
            if isinstance(value, (dict, list)):
                print(f"{pad}{key}:")
                print_human(value, indent + 1)
            else:
                print(f"{pad}{key}: {value}")
    elif isinstance(result, list):
        for item in result:
            if isinstance(item, dict):
                print(pad + ", ".join(f"{k}={v}" for k, v in item.items()))
            else:
                print(f"{pad}- {item}")
    else:
        print(f"{pad}{result}")


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 on success, 2 with a message on stderr when the input is bad."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.handler(args)
    except DashboardError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        file_lock.withdraw()  # a dashboard waiting for the file may take it back now
    # A command whose answer is "no" (the future-value check refused the data) says so in its
    # result and exits with its own code, after printing it.
    code = result.pop(EXIT_CODE, 0) if isinstance(result, dict) else 0
    try:
        if getattr(args, "json", False):
            print(to_json(result))
        else:
            print_human(result)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped early (`... | head`): the work is done, nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code
