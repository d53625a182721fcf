"""`python -m dashboard feedback`: feedback trend, complaint iceberg, NPS and the loyalty ladder."""

from __future__ import annotations

import argparse
import math
from datetime import date

from dashboard import cli, feedback, feedback_complaints, loyalty
from dashboard.filters import Filters


def register(subparsers) -> None:
    """Add the `feedback` command."""
    parser = subparsers.add_parser(
        "feedback",
        help="feedback per period and kind, the complaint iceberg, NPS and the loyalty ladder",
    )
    parser.add_argument(
        "--freq",
        choices=feedback.FREQUENCIES,
        default="month",
        help="period length (default: month)",
    )
    parser.add_argument("--from", dest="start", type=_day, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=_day, help="last day, YYYY-MM-DD")
    parser.add_argument(
        "--complaint-share",
        type=float,
        default=feedback_complaints.DEFAULT_COMPLAINT_SHARE,
        help="share of dissatisfied customers who complain (default: 0.04)",
    )
    cli.add_common(parser)
    parser.set_defaults(handler=run_feedback)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day: write it as YYYY-MM-DD") from e


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
    complaint_share: float = feedback_complaints.DEFAULT_COMPLAINT_SHARE,
) -> dict:
    """The command's result: trend, iceberg, nps (per period), ladder (saved rules), resolution."""
    trend = feedback.trend(conn, filters, freq)
    iceberg = feedback_complaints.complaint_iceberg(conn, filters, freq, complaint_share)
    nps = feedback.nps_trend(conn, filters, freq)
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
                "estimated_dissatisfied": int(r.estimated_dissatisfied),
            }
            for r in iceberg.itertuples()
        ],
        "nps": [
            {
                "period": _period(r.period, freq),
                "responses": int(r.responses),
                "nps": _number(r.nps),
            }
            for r in nps.itertuples()
        ],
        "ladder": loyalty.ladder_counts(conn, filters, rules=loyalty.load_rules(conn)),
        "resolution": feedback_complaints.resolution_summary(conn, filters),
        "complaint_share": complaint_share,
    }


def run_feedback(args) -> dict:
    """Open the database and report on feedback and loyalty."""
    conn = cli.open_database(args)
    try:
        return report(
            conn, Filters(start=args.start, end=args.end), args.freq, args.complaint_share
        )
    finally:
        conn.close()
