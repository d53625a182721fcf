"""`python -m dashboard compute`: the customer-level tables computed on Spark (or DuckDB) and
kept in the database file, so the pages read them where the transactions do not live here."""

from __future__ import annotations

import argparse

from dashboard import cli

ENGINES = ("duckdb", "spark")  # dashboard.spark.settings.ENGINES (not imported: --help stays quick)


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"give NAME=VALUE, not {text!r}")
    return key.strip(), value.strip()


def register(subparsers) -> None:
    """Add the ``compute`` command."""
    parser = subparsers.add_parser(
        "compute",
        help="compute the customer-level tables on Spark and keep them in the database",
        description="Run the value table (tiers, whale curve, RFM, migration), the period "
        "bounds and the sidebar's choices on the engine of the settings (or --engine) and keep "
        "the results in the database file, which the pages then read. On Spark the "
        "transactions, customers, feedback and contacts are read from the sources of the "
        "settings (or --source), and only customer-level and aggregate results come back. "
        "Periods: the app's default (the last 12 months of the data), the one before it, the "
        "whole history, and --from/--to with the one before it.",
    )
    parser.add_argument("--engine", choices=ENGINES, help="spark or duckdb (default: the setting)")
    parser.add_argument(
        "--master",
        help="local[N], spark://host:7077, yarn, k8s://https://host, or sc://host:15002 for "
        "Spark Connect (default: the setting, else local[2])",
    )
    parser.add_argument(
        "--source",
        type=_pair,
        action="append",
        default=[],
        metavar="TABLE=WHERE",
        help="where a table lives: a Parquet path or glob, or a Spark table name "
        "(transactions=/lake/tx/*.parquet; repeat for customers, feedback, interactions)",
    )
    parser.add_argument(
        "--conf",
        type=_pair,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra Spark configuration (spark.executor.memory=8g; repeat)",
    )
    parser.add_argument(
        "--save", action="store_true", help="keep engine, master, sources and conf as the settings"
    )
    parser.add_argument(
        "--list", action="store_true", help="only list the kept results (what, where, when)"
    )
    cli.add_period(parser)
    cli.add_common(parser)
    parser.set_defaults(handler=run)


def run(args) -> dict:
    """Compute and keep the tables; what ran where and how many rows came back."""
    from dashboard.errors import AnalysisError
    from dashboard.store import computed
    from dashboard.store.filters import Filters

    if args.list:
        conn = cli.open_database(args, read_only=True)
        try:
            return {"results": computed.catalog(conn)}
        finally:
            conn.close()
    if (args.start is None) != (args.end is None):
        raise AnalysisError(
            "Give both --from and --to (the lines may not be here to choose the other day)."
        )
    if args.start and args.start > args.end:
        raise AnalysisError("--from is after --to: swap the two dates.")
    from dashboard.spark import compute
    from dashboard.spark import settings as spark_settings

    conn = cli.open_database(args, create=True)
    try:
        saved = spark_settings.load(conn)
        chosen = spark_settings.SparkSettings(
            engine=args.engine or saved.engine,
            master=args.master or saved.master,
            sources={**saved.sources, **dict(args.source)},
            conf={**saved.conf, **dict(args.conf)},
        )
        if chosen.engine == "spark":
            chosen.check()
        if args.save:
            spark_settings.save(conn, chosen)
        asked = [Filters(args.start, args.end)] if args.start else []
        return compute.compute(conn, engine=chosen.engine, settings=chosen, asked=asked)
    finally:
        conn.close()
