"""`customer` (find a customer, show their profile) and `duplicates` (likely duplicate customers)."""

from __future__ import annotations

import argparse
import math
from datetime import date, datetime

import pandas as pd

from dashboard import cli
from dashboard.access import audit
from dashboard.errors import AnalysisError
from dashboard.identify import customers, identification
from dashboard.reporting import export
from dashboard.store.filters import Filters


def register(subparsers) -> None:
    """Add the `customer` and `duplicates` sub-commands."""
    find = subparsers.add_parser(
        "customer",
        help="find customers by id, name, e-mail or phone; one match shows its profile",
        description="Find customers by id, name, e-mail or phone (case-insensitive, partial; "
        "phones on digits). When one customer matches (or the query is an exact id), "
        "print their profile for the period too.",
    )
    find.add_argument("query", help="an id, a name, an e-mail or a phone number (or part of one)")
    find.add_argument("--limit", type=int, default=20, help="at most this many matches (20)")
    _add_period(find)
    cli.add_common(find)
    find.set_defaults(handler=run_customer)

    duplicates = subparsers.add_parser(
        "duplicates",
        help="groups of customer ids that probably are one person",
        description="Customers sharing an e-mail (lower-case, trimmed), a phone (last 10 digits) "
        "or a name in the same country, with their revenue in the period.",
    )
    duplicates.add_argument("--csv", metavar="FILE", help="also write the table to this CSV file")
    duplicates.add_argument(
        "--contact-only",
        action="store_true",
        help="leave out ids that share only a name and country (weak evidence)",
    )
    _add_period(duplicates)
    cli.add_common(duplicates)
    duplicates.set_defaults(handler=run_duplicates)


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_day, help="first day, YYYY-MM-DD (all time)")
    parser.add_argument("--to", dest="end", type=_day, help="last day, YYYY-MM-DD (all time)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD") from e


def _filters(args) -> Filters:
    if args.start and args.end and args.start > args.end:
        raise AnalysisError("--from is after --to: swap the two dates.")
    return Filters(start=args.start, end=args.end)


def records(table: pd.DataFrame) -> list[dict]:
    """Rows of a table as JSON-ready dicts (missing values as None, timestamps as datetimes)."""
    return [
        {key: _plain(value) for key, value in row.items()}
        for row in table.to_dict(orient="records")
    ]


def _plain(value):
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (datetime, date)):
        return _plain(value.item())
    return value


def run_customer(args) -> dict:
    """Matches of the query and, for a single (or exact id) match, the customer's profile."""
    if args.limit < 1:
        raise AnalysisError("--limit must be at least 1.")
    if not args.query.strip():
        raise AnalysisError("Give something to search for: an id, a name, an e-mail or a phone.")
    conn = cli.open_database(args, read_only=True)
    filters = _filters(args)
    matches = customers.search_customers(conn, args.query, filters, limit=args.limit)
    total = int(matches["total_matches"].iloc[0]) if len(matches) else 0
    result = {
        "query": args.query,
        "total_matches": total,
        "matches": records(matches.drop(columns="total_matches")),
    }
    chosen = _single_match(matches, args.query)
    if chosen is not None:
        result["profile"] = _plain_dict(customers.customer_profile(conn, chosen, filters))
    return result


def _single_match(matches: pd.DataFrame, query: str) -> str | None:
    if len(matches) == 1:
        return str(matches["customer_id"].iloc[0])
    exact = matches[matches["customer_id"].str.lower() == query.strip().lower()]
    return str(exact["customer_id"].iloc[0]) if len(exact) == 1 else None


def _plain_dict(record: dict) -> dict:
    return {key: _plain(value) for key, value in record.items()}


def run_duplicates(args) -> dict:
    """Likely duplicate groups with a summary; optionally written to a CSV file."""
    conn = cli.open_database(args, read_only=not args.csv)  # a CSV is written to the audit log
    groups = identification.duplicate_groups(
        conn, _filters(args), include_name_only=not args.contact_only
    )
    result = identification.duplicate_summary(groups)
    if args.csv:
        export.neutralise(groups).to_csv(args.csv, index=False)  # formula-like text inert
        result["csv"] = args.csv
        audit.record(conn, audit.command_actor(), "export", str(args.csv), rows=len(groups))
    result["duplicates"] = records(groups)
    return result
