"""`customer` (find a customer, show their profile), `duplicates` (likely duplicate customers) and
`customers merge|merges|unmerge` (merge duplicates into one id, and undo it)."""

from __future__ import annotations

import argparse
import math
from datetime import date, datetime

import pandas as pd

from dashboard import cli
from dashboard.access import audit
from dashboard.errors import AnalysisError
from dashboard.identify import customers, identification, merge
from dashboard.reporting import export
from dashboard.store.filters import Filters


def register(subparsers) -> None:
    """Add the `customer`, `duplicates` and `customers` sub-commands."""
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

    _register_merges(subparsers)


def _register_merges(subparsers) -> None:
    parser = subparsers.add_parser(
        "customers",
        help="merge duplicate customers into one id, list the merges, undo one",
        description="Merge customer ids that are one person: their transactions, feedback, "
        "service contacts and campaign membership move to the surviving id, their customer "
        "records go (kept for an undo). Examples: `customers merge --into C1 C7 C9`; "
        "`customers merges`; `customers unmerge 3`.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    merging = actions.add_parser("merge", help="merge ids into the surviving one (--into)")
    merging.add_argument("--into", required=True, metavar="ID", help="the surviving id")
    merging.add_argument("ids", nargs="+", metavar="ID", help="the ids merged into it")
    merging.add_argument(
        "--dry-run", action="store_true", help="only show what would move, change nothing"
    )
    cli.add_common(merging)
    merging.set_defaults(handler=run_merge)

    listing = actions.add_parser("merges", help="the merges, newest first")
    cli.add_common(listing)
    listing.set_defaults(handler=run_merges)

    undo = actions.add_parser("unmerge", help="undo a merge: every row back under its old id")
    undo.add_argument("merge_id", type=int, metavar="MERGE_ID", help="the merge's number")
    cli.add_common(undo)
    undo.set_defaults(handler=run_unmerge)


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


def run_merge(args) -> dict:
    """Merge the ids into --into (or, with --dry-run, only say what would move)."""
    conn = cli.open_database(args, read_only=args.dry_run)
    try:
        preview = merge.merge_preview(conn, args.into, args.ids)
        result = {
            "into": preview["into"],
            "merged": preview["merged"],
            "per_id": records(preview["per_id"]),
            "moves": preview["moves"],
        }
        if args.dry_run:
            return result | {"dry_run": True}
        actor = audit.command_actor()
        done = merge.merge_customers(conn, args.into, args.ids, actor=actor)
        audit.record(
            conn,
            actor,
            "customer_merge",
            f"#{done['merge_id']} {', '.join(done['merged'])} → {done['into']}",
            rows=sum(done["moved"].values()),
        )
        return result | {"merge_id": done["merge_id"], "moved": done["moved"]}
    finally:
        conn.close()


def run_merges(args) -> list[dict]:
    """Every merge, newest first, with what it moved and whether it was undone."""
    conn = cli.open_database(args, read_only=True)
    try:
        return records(merge.list_merges(conn))
    finally:
        conn.close()


def run_unmerge(args) -> dict:
    """Undo one merge."""
    conn = cli.open_database(args)
    try:
        actor = audit.command_actor()
        undone = merge.undo_merge(conn, args.merge_id, actor=actor)
        audit.record(
            conn,
            actor,
            "customer_unmerge",
            f"#{undone['merge_id']} {', '.join(undone['merged'])} ← {undone['into']}",
            rows=sum(undone["restored"].values()),
        )
        return {k: v for k, v in undone.items() if k != "data_version"}
    finally:
        conn.close()
