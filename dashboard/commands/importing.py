"""`python -m dashboard import FILE --table T`: import a CSV/TSV, Excel or Parquet file; or a set
of related files (several files, a folder or a zip) together."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from dashboard import cli, importer
from dashboard.access import audit
from dashboard.commands import prepare
from dashboard.errors import ImportFailed
from dashboard.importer import parts, related


def register(subparsers) -> None:
    """Add the `import` command."""
    parser = subparsers.add_parser(
        "import",
        help="import a CSV/TSV, Excel (.xlsx) or Parquet file into one table",
        description="Import a file all or nothing. Columns are mapped from the headers (English "
        "or Russian, common exports such as Online Retail II); correct the mapping "
        "with --map. Rows without a customer id, exact duplicates and rows dated before "
        "1990 or more than a year ahead (--dates-from/--dates-to) are set aside and "
        "counted. Amounts that are NaN, infinite or beyond ±1e12 are refused. Importing the "
        "same content twice adds nothing.",
    )
    parser.add_argument(
        "file",
        nargs="+",
        help="the file to import; or the parts of one table (files with the same columns: "
        "several files, a folder or a pattern such as 'parts/*.parquet'), imported as one; or "
        "several related files of one export (orders, order items, payments, customers, "
        "reviews, products), a folder or a zip of them, imported together",
    )
    parser.add_argument(
        "--table",
        choices=list(importer.FIELDS),
        help="the table the file fills (needed for one file; a set of related files fills "
        "transactions, customers and feedback)",
    )
    parser.add_argument(
        "--relations",
        action="append",
        default=[],
        metavar="ROLE.COLUMN=ROLE.COLUMN",
        help="of a set: correct a relation's key columns, e.g. "
        "items.order_id=orders.order_id; repeat for several",
    )
    parser.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="FILE=ROLE",
        help="of a set: the role of a file (orders, items, payments, customers, reviews, "
        "products; empty to leave it out), when the guess is wrong",
    )
    parser.add_argument(
        "--freight",
        choices=list(related.FREIGHT_CHOICES),
        default="separate",
        help="of a set: keep freight apart from revenue (default) or add it to the item's",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SOURCE=FIELD",
        help="map a file column to a field (FIELD empty to ignore the column); repeat for several",
    )
    parser.add_argument(
        "--mode",
        choices=["append", "replace"],
        default="append",
        help="append to the table (default) or replace its rows",
    )
    parser.add_argument(
        "--date-format",
        metavar="FMT",
        help="DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY... when the dates are ambiguous",
    )
    parser.add_argument(
        "--keep-duplicates", action="store_true", help="keep rows that repeat another row exactly"
    )
    parser.add_argument(
        "--sheet", help="of a workbook, the sheet to import (default: the first with any cells)"
    )
    for bound, side, default in (
        ("from", "before", "1990-01-01"),
        ("to", "after", "a year after today"),
    ):
        parser.add_argument(
            f"--dates-{bound}",
            type=date.fromisoformat,
            metavar="YYYY-MM-DD",
            help=f"rows dated {side} this day are set aside (default {default})",
        )
    cli.add_common(parser)
    prepare.add_option(parser)
    parser.set_defaults(handler=lambda args: prepare.after(args, run_import(args)))


def parse_map(items: list[str], table: str) -> dict[str, str]:
    """{source: field} from SOURCE=FIELD items (the last '=' separates them)."""
    pairs = {}
    for item in items:
        if "=" not in item:
            raise ImportFailed(
                f"--map {item!r} is not SOURCE=FIELD.",
                fix=f"write it as 'Column name=field', a field of {table}.",
            )
        source, target = item.rsplit("=", 1)
        pairs[source.strip()] = target.strip()
    return pairs


def _merged_mapping(
    conn, path: Path, table: str, overrides: dict[str, str], sheet: str | None = None
) -> dict[str, str]:
    base = importer.preview_file(path, table=table, conn=conn, sheet=sheet).mapping
    taken = {f for f in overrides.values() if f}
    merged = {c: f for c, f in base.items() if f not in taken and c not in overrides}
    merged.update({c: f for c, f in overrides.items() if f})
    return merged


def summary_text(result: importer.ImportResult) -> str:
    """One sentence for a person: what was imported, what was set aside and why."""
    if result.already_imported:
        return (
            f"{result.file_name} was already imported into {result.table} (import "
            f"#{result.import_id}): nothing added. Use --mode replace to load it again."
        )
    text = f"Imported {_rows(result.rows_imported)} from {result.file_name} into {result.table}"
    if result.customers_added:
        text += f", adding {_count(result.customers_added, 'new customer')}"
    if result.rows_removed:
        text += f", replacing the {_rows(result.rows_removed)} it held"
    if result.rows_set_aside:
        reasons = ", ".join(f"{k}: {v:,}" for k, v in result.set_aside_reasons.items())
        text += f"; set aside {_rows(result.rows_set_aside)} ({reasons})"
    return text + "."


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _rows(n: int) -> str:
    return _count(n, "row")


def _progress_printer():
    """A progress callback printing each step of the import on stderr ('10% Reading
    orders.csv'), and while DuckDB reads a large file how far it got ('45% Reading lines: 36%
    (about 36,000,000 of 100,000,000)'), each line once: a long import shows it works, and the
    result stays alone on stdout."""
    last = [""]

    def show(fraction: float, message: str) -> None:
        line = f"{fraction:4.0%} {message}"
        if line != last[0]:
            last[0] = line
            print(line, file=sys.stderr, flush=True)

    return show


def run_import(args) -> dict:
    """Import the file named on the command line; the result as a dict."""
    paths = parts.expand(args.file)
    if len(paths) > 1 or paths[0].is_dir() or paths[0].suffix.lower() == ".zip":
        for path in paths:
            if not path.exists():
                raise ImportFailed("There is no such file.", file=str(path), fix="check the path.")
        with tempfile.TemporaryDirectory(prefix="dashboard-set-") as folder:
            files = related.gather(paths, Path(folder))
            if parts.same_table(files):  # the parts of one table
                return run_parts(args, files, parts.name_of(args.file, files))
        return run_related(args, paths)
    path = paths[0]
    if args.table is None:
        raise ImportFailed(
            "One file needs the table it fills.",
            file=str(path),
            fix="add --table transactions (or customers, feedback, interactions), or give "
            "several related files.",
        )
    if not path.is_file():
        raise ImportFailed("There is no such file.", file=str(path), fix="check the path.")
    return _import_one(args, path, path.name)


def run_parts(args, files: list[tuple[Path, str]], name: str) -> dict:
    """Import files with the same columns (a folder, a pattern) as one table, all or nothing."""
    if args.table is None:
        conn = cli.open_database(args, create=True)
        try:  # the table the first part looks like (or was last imported into)
            args.table = importer.preview_file(
                files[0][0], conn=conn, file_name=files[0][1]
            ).suggested_table
        finally:
            conn.close()
    return _import_one(args, files, name)


def _import_one(args, path, name: str) -> dict:
    """Import one file, or the parts of one table (``path`` a list of (path, name))."""
    first = path[0][0] if isinstance(path, list) else path
    conn = cli.open_database(args, create=True)
    try:
        overrides = parse_map(args.map, args.table)
        mapping = (
            _merged_mapping(conn, first, args.table, overrides, args.sheet) if overrides else None
        )
        result = importer.import_file(
            conn,
            path,
            args.table,
            file_name=name,
            mapping=mapping,
            mode=args.mode,
            date_format=args.date_format,
            keep_duplicates=args.keep_duplicates,
            dates=(args.dates_from, args.dates_to),
            sheet=args.sheet,
            progress=_progress_printer(),
        )
        if not result.already_imported:
            audit.record(
                conn,
                audit.command_actor(),
                "import",
                f"{result.file_name} → {args.table} ({args.mode})",
                rows=result.rows_imported,
            )
    finally:
        conn.close()
    return {"message": summary_text(result), **result.as_dict()}


def _roles(items: list[str]) -> dict:
    roles = {}
    for item in items:
        name, sep, role = item.rpartition("=")
        if not sep:
            raise ImportFailed(
                f"--role {item!r} is not FILE=ROLE.",
                fix="write it as 'orders.csv=orders', the file's name and its role.",
            )
        roles[name.strip()] = role.strip() or None
    return roles


def related_text(result: related.RelatedResult) -> str:
    """One sentence for a person: what a set of related files gave."""
    if result.already_imported:
        return "This set was imported before: nothing added."
    text = (
        f"Imported {_count(result.transactions, 'transaction line')} of "
        f"{_count(result.orders, 'order')} ({result.revenue:,.2f} revenue), "
        f"{_count(result.feedback, 'feedback row')} and "
        f"{_count(result.customers_added, 'new customer')}"
    )
    if result.cancelled_orders:
        text += f"; {_count(result.cancelled_orders, 'canceled order')}"
    differing = result.payments.get("orders_differing")
    if differing:
        text += (
            f"; payments differ from the items for {_count(differing, 'order')} "
            f"({result.payments['difference']:+,.2f} in all)"
        )
    return text + "."


def run_related(args, paths: list[Path]) -> dict:
    """Import a set of related files (several files, a folder or a zip) together."""
    for path in paths:
        if not path.exists():
            raise ImportFailed("There is no such file.", file=str(path), fix="check the path.")
    roles = _roles(args.role)
    conn = cli.open_database(args, create=True)
    try:
        with tempfile.TemporaryDirectory(prefix="dashboard-set-") as folder:
            files = related.gather(paths, Path(folder))
            result = related.import_related(
                conn,
                files,
                roles=roles,
                overrides=args.relations,
                freight=args.freight,
                date_format=args.date_format,
                dates=(args.dates_from, args.dates_to),
            )
        if not result.already_imported:
            audit.record(
                conn,
                audit.command_actor(),
                "import",
                f"{len(files)} related files → transactions, customers, feedback",
                rows=result.transactions + result.feedback,
            )
    finally:
        conn.close()
    report = result.as_dict()
    for file in report["files"]:
        file["left_out"] = {
            code: {"rows": n, "why": related.REASONS[code]} for code, n in file["left_out"].items()
        }
    return {"message": related_text(result), **report}
