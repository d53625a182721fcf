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
    parser.add_argument(
        "--missing",
        action="store_true",
        help="DuckDB only: keep the results still fresh and compute the rest (a nightly job on "
        "current data computes the Campaigns form's 12 months before today, not everything)",
    )
    for option, what in (
        ("country", "countries"),
        ("channel", "channels"),
        ("category", "categories"),
    ):
        parser.add_argument(
            f"--{option}",
            dest=what,
            action="append",
            default=[],
            metavar=option.upper(),
            help=f"compute --from/--to for these {what} only, as a page narrowed to them asks "
            "(repeat for several)",
        )
    cli.add_period(parser)
    cli.add_common(parser)
    parser.set_defaults(handler=run)


def run(args) -> dict:
    """Compute and keep the tables; what ran where and how many rows came back."""
    from dashboard.errors import AnalysisError, StorageError
    from dashboard.store import computed, database
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
    segments = {
        what: tuple(getattr(args, what)) for what in ("countries", "channels", "categories")
    }
    if any(segments.values()) and not args.start:
        raise AnalysisError(
            "--country, --channel and --category narrow a period: give --from and --to too."
        )
    from dashboard.spark import compute
    from dashboard.spark import settings as spark_settings

    # Every setting and source is checked before the file is created or written: a wrong one
    # leaves no new file and changes nothing (not even --save).
    path = database.resolve_db_path(args.db)
    saved = spark_settings.SparkSettings()
    if path.exists():
        reading = cli.open_database(args, read_only=True)
        try:
            saved = spark_settings.load(reading)
        finally:
            reading.close()
    chosen = spark_settings.SparkSettings(
        engine=args.engine or saved.engine,
        master=args.master or saved.master,
        sources={**saved.sources, **dict(args.source)},
        conf={**saved.conf, **dict(args.conf)},
    )
    if args.missing and chosen.engine == "spark":
        raise AnalysisError(key="spark.missing_on_spark")
    spark = None
    if chosen.engine == "spark":
        from dashboard.spark import session, sources

        chosen.check()
        sources.check(chosen.sources)  # a path on this machine that no file matches
        spark = session.build(chosen.master, chosen.conf)
        sources.register(spark, chosen.sources)  # Spark reads each source (columns, access)
    elif not path.exists():
        raise StorageError(
            f"{path} does not exist: compute --engine duckdb computes from the file's own "
            "lines. Fix: import them first (python -m dashboard import FILE --db "
            f"{path}), or give --engine spark with --source transactions=WHERE."
        )
    conn = cli.open_database(args, create=chosen.engine == "spark")
    try:
        if args.save:
            spark_settings.save(conn, chosen)
        asked = [Filters(args.start, args.end, **segments)] if args.start else []
        return compute.compute(
            conn,
            engine=chosen.engine,
            spark=spark,
            settings=chosen,
            asked=asked,
            missing_only=args.missing,
        )
    finally:
        conn.close()
