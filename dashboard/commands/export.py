"""`python -m dashboard export`: audiences as CSV or Excel files for a campaign or a colleague."""

from __future__ import annotations

from dashboard import cli, export, loyalty_rates, pyramid, storage
from dashboard.commands.tiers import _date
from dashboard.cost_model import load_cost_model
from dashboard.errors import DashboardError
from dashboard.filters import Filters

WHAT = ("tier", "clusters", "pick", "unhappy")


def register(subparsers) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser(
        "export",
        help="write an audience (a tier, clusters of a run, a kept pick, valuable-and-unhappy) "
        "to .csv or .xlsx",
        description="Examples: `export tier 1 --out top.xlsx`; `export clusters 3 --clusters 0,2 "
        "--out campaign.csv` (run 3); `export pick 5 --out audience.csv`; "
        "`export unhappy --out call_them.xlsx`.",
    )
    parser.add_argument("what", choices=WHAT, help="which audience")
    parser.add_argument("id", nargs="?", help="the tier (1-4, inactive), run id or pick id")
    parser.add_argument("--clusters", help="with `clusters`: the cluster numbers, e.g. 0,2")
    parser.add_argument("--out", required=True, help="the file to write: .csv or .xlsx")
    parser.add_argument("--by", choices=pyramid.MEASURES, default="revenue", help="tier ranking")
    parser.add_argument("--from", dest="start", type=_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=_date, help="last day (inclusive), YYYY-MM-DD")
    cli.add_common(parser)
    parser.set_defaults(handler=run_export)


def _audience(conn, args):
    from dashboard.clustering import runs  # scikit-learn loads only when clusters are asked for

    filters = Filters(start=args.start, end=args.end)
    if args.what == "unhappy":
        return loyalty_rates.valuable_unhappy(conn, filters)
    if args.id is None:
        raise DashboardError(f"export {args.what}: say which one, e.g. `export {args.what} 1`.")
    if args.what == "tier":
        if args.id not in pyramid.ALL_TIERS:
            raise DashboardError(f"Tier {args.id!r} does not exist: use 1, 2, 3, 4 or inactive.")
        return pyramid.tier_customers(
            conn, filters, args.id, args.by, pyramid.load_tier_rule(conn), load_cost_model(conn)
        )
    number = _number(args.id, "run id" if args.what == "clusters" else "pick id")
    if args.what == "pick":
        return runs.pick_customers(conn, number)
    if not args.clusters:
        raise DashboardError("export clusters: name the clusters with --clusters, e.g. 0,2.")
    clusters = [_number(c, "cluster") for c in args.clusters.split(",")]
    return runs.picked_customers(conn, number, clusters)


def _number(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DashboardError(f"{text!r} is not a {what}: give a whole number.") from None


def run_export(args) -> dict:
    """Write the audience to the file and say how many customers it holds."""
    conn = storage.connect(args.db, wait=args.wait)
    try:
        audience = _audience(conn, args)
    finally:
        conn.close()
    path = export.write_table(audience, args.out, sheet=args.what)
    return {"file": str(path), "customers": len(audience), "columns": list(audience.columns)}
