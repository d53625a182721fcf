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

from dashboard import db_lock
from dashboard.errors import DashboardError

#: Command modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "dashboard.commands.importing",
    "dashboard.commands.demo",
    "dashboard.commands.data",
    "dashboard.commands.customers",
    "dashboard.commands.tiers",
    "dashboard.commands.segment",
    "dashboard.commands.feedback",
    "dashboard.commands.export",
    "dashboard.commands.campaigns",
    "dashboard.commands.report",
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
        db_lock.withdraw()  # a dashboard waiting for the file may take it back now
    try:
        if getattr(args, "json", False):
            print(to_json(result))
        else:
            print_human(result)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped early (`... | head`): the work is done, nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
