"""`python -m dashboard export`: audiences as CSV or Excel files for a campaign or a colleague."""

from __future__ import annotations

from dashboard import cli
from dashboard.access import audit
from dashboard.errors import DashboardError
from dashboard.loyalty import retention
from dashboard.reporting import export
from dashboard.value import pyramid
from dashboard.value.cost_model import load_cost_model

WHAT = ("tier", "clusters", "pick", "unhappy")


def register(subparsers) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser(
        "export",
        help="write an audience (a tier, clusters of a run, a kept pick, valuable-and-unhappy) "
        "to .csv or .xlsx",
        description="Examples: `export tier 1 --out top.xlsx`; `export clusters 3 --clusters 0,2 "
        "--out campaign.csv` (run 3); `export pick 5 --out audience.csv`; "
        "`export unhappy --out call_them.xlsx`. A tier and the valuable-and-unhappy list cover "
        "--from/--to, by default the last 12 months of the data as the app shows them; clusters "
        "and picks keep the period of their run.",
    )
    parser.add_argument("what", choices=WHAT, help="which audience")
    parser.add_argument("id", nargs="?", help="the tier (1-4, inactive), run id or pick id")
    parser.add_argument("--clusters", help="with `clusters`: the cluster numbers, e.g. 0,2")
    parser.add_argument("--out", required=True, help="the file to write: .csv or .xlsx")
    parser.add_argument("--by", choices=pyramid.MEASURES, default="revenue", help="tier ranking")
    cli.add_period(parser)
    cli.add_common(parser)
    parser.set_defaults(handler=run_export)


def _check(args) -> None:
    """Refuse what does not fit together, before the database is opened."""
    if args.what != "unhappy" and args.id is None:
        raise DashboardError(f"export {args.what}: say which one, e.g. `export {args.what} 1`.")
    if args.what == "tier" and args.id not in pyramid.ALL_TIERS:
        raise DashboardError(f"Tier {args.id!r} does not exist: use 1, 2, 3, 4 or inactive.")
    if args.what in ("clusters", "pick") and (args.start or args.end):
        raise DashboardError(
            f"export {args.what} takes no --from/--to: the customers are those of the saved "
            "run, over the run's own period. Run `segment --from ... --to ...` for another period."
        )
    if args.start and args.end and args.start > args.end:
        raise DashboardError("--from is after --to: swap the two dates.")


def _audience(conn, args):
    """The audience and the period it covers."""
    from dashboard.clustering import runs  # scikit-learn loads only when clusters are asked for

    if args.what in ("unhappy", "tier"):
        filters = cli.period_filters(conn, args.start, args.end)
        if args.what == "unhappy":
            return retention.valuable_unhappy(conn, filters), filters
        rule, model = pyramid.load_tier_rule(conn), load_cost_model(conn)
        return pyramid.tier_customers(conn, filters, args.id, args.by, rule, model), filters
    number = _number(args.id, "run id" if args.what == "clusters" else "pick id")
    if args.what == "pick":
        run_id = runs.read_pick(conn, number)["run_id"]
        return runs.pick_customers(conn, number), runs.load_run(conn, run_id)["filters"]
    if not args.clusters:
        raise DashboardError("export clusters: name the clusters with --clusters, e.g. 0,2.")
    clusters = [_number(c, "cluster") for c in args.clusters.split(",")]
    audience = runs.picked_customers(conn, number, clusters)
    return audience, runs.load_run(conn, number)["filters"]


def _number(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise DashboardError(f"{text!r} is not a {what}: give a whole number.") from None


def run_export(args) -> dict:
    """Write the audience to the file and say how many customers it holds."""
    _check(args)
    conn = cli.open_database(args)  # not read-only: the download is written to the audit log
    try:
        audience, filters = _audience(conn, args)
        path = export.write_table(audience, args.out, sheet=args.what)
        audit.record(conn, audit.command_actor(), "export", str(path), rows=len(audience))
    finally:
        conn.close()
    return {
        "file": str(path),
        "customers": len(audience),
        "period": cli.period_dict(filters),
        "columns": list(audience.columns),
    }
