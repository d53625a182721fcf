"""`python -m dashboard report`: the period's story as one HTML file to send after a meeting."""

from __future__ import annotations

from dashboard import cli, i18n
from dashboard.reporting import report
from dashboard.store import database


def register(subparsers) -> None:
    """Add the `report` command."""
    parser = subparsers.add_parser(
        "report",
        help="write the period's KPIs, pyramid, whale curve and feedback to one HTML file",
        description="One self-contained HTML file (it opens without the internet) telling the "
        "period's story: KPIs against the previous period, the pyramid and each tier's "
        "strategy, the whale curve, feedback, the complaint iceberg and NPS. Without "
        "--from/--to: the last 12 months of the data. Example: `report --out q3.html "
        "--from 2024-07-01 --to 2024-09-30 --lang ru`.",
    )
    parser.add_argument("--out", required=True, help="the file to write, ending in .html")
    cli.add_period(parser)
    parser.add_argument(
        "--lang", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT_LANGUAGE, help="language"
    )
    cli.add_common(parser)
    parser.set_defaults(handler=run_report)


def run_report(args) -> dict:
    """Write the report and say where, for which period and how big it is."""
    path = report.check_output(args.out)
    db = database.resolve_db_path(args.db)
    conn = cli.open_database(args, read_only=True)
    try:
        chosen = report.report_filters(conn, args.start, args.end)  # the app's default period
        filters = cli.period_filters(conn, chosen.start, chosen.end)  # refused when empty
        written = report.write_report(conn, path, filters, args.lang, source=str(db))
    finally:
        conn.close()
    return {
        "file": str(written),
        "period": cli.period_dict(filters),
        "from": filters.start,
        "to": filters.end,
        "lang": args.lang,
        "bytes": written.stat().st_size,
    }
