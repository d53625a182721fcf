"""`python -m dashboard report`: the period's story to send after a meeting: the HTML report, or
the presenter's deck (``--slides``), as HTML or PDF."""

from __future__ import annotations

from pathlib import Path

from dashboard import cli, i18n
from dashboard.errors import DashboardError
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
        "--from 2024-07-01 --to 2024-09-30 --lang ru`; the deck as a PDF: `report --slides "
        "--format pdf --out deck.pdf`.",
    )
    parser.add_argument(
        "--out", required=True, help="the file to write, ending in .html or .pdf (as --format)"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="html or pdf (default: from the --out file's ending); a PDF is printed by Chromium",
    )
    parser.add_argument(
        "--slides",
        action="store_true",
        help="the presenter's deck (one 16:9 slide a page, one finding a slide) "
        "instead of the report",
    )
    cli.add_period(parser)
    parser.add_argument(
        "--lang", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT_LANGUAGE, help="language"
    )
    cli.add_common(parser)
    parser.set_defaults(handler=run_report)


FORMATS = ("html", "pdf")


def _format(args) -> str:
    """The output format: --format, else the --out file's ending; a mismatch is refused."""
    suffix = Path(args.out).suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    chosen = args.format or suffix
    if chosen not in FORMATS or suffix != chosen:
        raise DashboardError(
            f"{Path(args.out).name}: a {chosen if chosen in FORMATS else 'report'} file ends in "
            f".{chosen if chosen in FORMATS else 'html or .pdf'}. Fix: name the output file "
            f"{'.pdf' if chosen == 'pdf' else '.html'}, e.g. --out report."
            f"{'pdf' if chosen == 'pdf' else 'html'}, or give the --format of its ending."
        )
    return chosen


def _write(conn, args, filters, source: str) -> tuple[Path, int | None]:
    """Write the chosen document; return its path and its number of slides (None: the report)."""
    path, kind = Path(args.out), _format(args)
    if args.slides:
        from dashboard.presenting import deck, document, pdf

        built = deck.build_deck(conn, filters, args.lang)
        data = pdf.deck_pdf(built) if kind == "pdf" else document.deck_html(built).encode()
        slides = len(built.slides)
    else:
        html = report.build_html(conn, filters, args.lang, source=source)
        if kind == "pdf":
            from dashboard.presenting import pdf

            data = pdf.report_pdf(html)
        else:
            data = html.encode()
        slides = None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path, slides


def run_report(args) -> dict:
    """Write the report or the deck and say where, for which period and how big it is."""
    _format(args)  # a wrong ending is refused before any work
    db = database.resolve_db_path(args.db)
    conn = cli.open_database(args, read_only=True)
    try:
        chosen = report.report_filters(conn, args.start, args.end)  # the app's default period
        filters = cli.period_filters(conn, chosen.start, chosen.end)  # refused when empty
        written, slides = _write(conn, args, filters, str(db))
    finally:
        conn.close()
    result = {
        "file": str(written),
        "format": _format(args),
        "period": cli.period_dict(filters),
        "from": filters.start,
        "to": filters.end,
        "lang": args.lang,
        "bytes": written.stat().st_size,
    }
    if slides is not None:
        result["slides"] = slides
    return result
