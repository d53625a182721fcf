"""`python -m dashboard feedback`: feedback trend, complaint iceberg, NPS and the loyalty ladder."""

from __future__ import annotations

import math
from datetime import date

from dashboard import cli
from dashboard.errors import AnalysisError
from dashboard.feedback import complaints, trends
from dashboard.loyalty import ladder
from dashboard.store.filters import Filters


def register(subparsers) -> None:
    """Add the `feedback` command."""
    parser = subparsers.add_parser(
        "feedback",
        help="feedback per period and kind, the complaint iceberg, NPS and the loyalty ladder",
    )
    parser.add_argument(
        "--freq",
        choices=trends.FREQUENCIES,
        default="month",
        help="period length (default: month)",
    )
    cli.add_period(parser)
    parser.add_argument(
        "--complaint-share",
        type=float,
        default=complaints.DEFAULT_COMPLAINT_SHARE,
        help="share of dissatisfied customers who complain (default: 0.04)",
    )
    cli.add_common(parser)
    parser.set_defaults(handler=run_feedback)


def period(conn, start: date | None, end: date | None) -> Filters:
    """The app's period (the last 12 months of the data) unless --from/--to say otherwise.

    Feedback needs no purchase in the period, so a period without one is not refused here;
    without any transactions the whole feedback history is used.
    """
    try:
        return cli.period_filters(conn, start, end)
    except AnalysisError:
        if start and end and start > end:
            raise
        return Filters(start=start, end=end)


def _period(value, freq: str) -> str:
    return value.strftime("%Y-%m") if freq == "month" else value.strftime("%Y-%m-%d")


def _number(value) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


def report(
    conn,
    filters: Filters,
    freq: str = "month",
    complaint_share: float = complaints.DEFAULT_COMPLAINT_SHARE,
) -> dict:
    """The command's result: trend, iceberg, nps (per period), ladder (saved rules), resolution."""
    trend = trends.trend(conn, filters, freq)
    iceberg = complaints.complaint_iceberg(conn, filters, freq, complaint_share)
    nps = trends.nps_trend(conn, filters, freq)
    return {
        "trend": [
            {
                "period": _period(r.period, freq),
                "kind": r.kind,
                "count": int(r.count),
                "per_1000_active": _number(r.per_1000_active),
            }
            for r in trend.itertuples()
        ],
        "iceberg": [
            {
                "period": _period(r.period, freq),
                "complaints": int(r.complaints),
                "complaining_customers": int(r.complaining_customers),
                "estimated_dissatisfied": int(r.estimated_dissatisfied),
                "capped": bool(r.capped),
            }
            for r in iceberg.itertuples()
        ],
        "iceberg_total": complaints.iceberg_summary(conn, filters, complaint_share),
        "nps": [
            {
                "period": _period(r.period, freq),
                "responses": int(r.responses),
                "nps": _number(r.nps),
            }
            for r in nps.itertuples()
        ],
        "ladder": ladder.ladder_counts(conn, filters, rules=ladder.load_rules(conn)),
        "resolution": complaints.resolution_summary(conn, filters),
        "complaint_share": complaint_share,
        "period": cli.period_dict(filters),
    }


def run_feedback(args) -> dict:
    """Open the database and report on feedback and loyalty."""
    conn = cli.open_database(args, read_only=True)
    try:
        return report(conn, period(conn, args.start, args.end), args.freq, args.complaint_share)
    finally:
        conn.close()
