"""`python -m dashboard summary`: what the database holds."""

from __future__ import annotations

from dashboard import cli
from dashboard.store import database


def register(subparsers) -> None:
    """Add the `summary` command."""
    parser = subparsers.add_parser(
        "summary", help="rows per table, customers, revenue and date range of the database"
    )
    cli.add_common(parser)
    parser.set_defaults(handler=run_summary)


def run_summary(args) -> dict:
    """Open the database (it must exist) and describe its contents."""
    conn = cli.open_database(args, read_only=True)
    try:
        result = database.summary(conn)
    finally:
        conn.close()
    result["database"] = str(database.resolve_db_path(args.db))
    return result
