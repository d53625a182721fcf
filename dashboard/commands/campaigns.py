"""`python -m dashboard campaign`: create, list, export, measure and delete campaigns."""

from __future__ import annotations

import argparse
import math

from dashboard import cli

#: The same as dashboard.value.pyramid.ALL_TIERS (not imported: --help stays quick).
TIERS = ("1", "2", "3", "4", "inactive")


def _share(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--control takes a fraction such as 0.1, not {text!r}"
        ) from None


def register(subparsers) -> None:
    """Add the ``campaign`` command and its sub-commands."""
    parser = subparsers.add_parser(
        "campaign",
        help="campaigns with a control group: create, list, export the target group, measure",
        description="Turn a kept pick of clusters or a value tier into a campaign with a random "
        "control group, export the customers to contact, and measure the response against the "
        "control group. Examples: `campaign create --tier 4 --name 'Spring coupon'`; "
        "`campaign create --at-risk --start 2026-12-01` (win-back); "
        "`campaign export 1 --out target.csv`; `campaign measure 1 --json`.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    create = actions.add_parser("create", help="create a campaign and hold out its control group")
    audience = create.add_mutually_exclusive_group(required=True)
    audience.add_argument("--pick", type=int, help="a kept pick of clusters (its id)")
    audience.add_argument(
        "--tier", choices=TIERS, help="a value tier, ranked on the 12 months before the start"
    )
    audience.add_argument(
        "--at-risk",
        action="store_true",
        help="the valuable customers at risk (the future-value model as of the day before the "
        "start; refused, with the reasons, when its data check fails)",
    )
    audience.add_argument(
        "--wallet",
        action="store_true",
        help="the customers of high wallet and low share in the 12 months before the start "
        "(the saved share-of-wallet limits and estimates; refused when no category spend is "
        "known)",
    )
    create.add_argument("--name", help="what to call it (default: the audience and the start)")
    create.add_argument(
        "--control",
        type=_share,
        default=0.1,
        help="the share held out as a control group, above 0 and up to 0.5 (default 0.1)",
    )
    create.add_argument(
        "--start", type=cli.parse_day, help="first day, YYYY-MM-DD (default: today)"
    )
    create.add_argument(
        "--window", type=int, default=30, help="the response window in days (default 30)"
    )
    create.add_argument("--seed", type=int, help="draws the control group (default: the id)")
    create.add_argument("--cost-per-contact", type=float, help="what one contact costs (for ROI)")
    create.add_argument("--channel", help="how the offer goes out, e.g. e-mail")
    create.add_argument("--offer", help="what is offered")
    create.add_argument(
        "--by", choices=("revenue", "profit"), default="revenue", help="what a tier is ranked by"
    )
    cli.add_common(create)
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help="the saved campaigns, newest first")
    cli.add_common(listing)
    listing.set_defaults(handler=run_list)

    export = actions.add_parser("export", help="write the target group to .csv or .xlsx")
    export.add_argument("id", type=int, help="the campaign id")
    export.add_argument("--out", required=True, help="the file to write: .csv or .xlsx")
    export.add_argument("--lang", choices=("en", "ru"), default="en", help="cluster names")
    cli.add_common(export)
    export.set_defaults(handler=run_export)

    measure = actions.add_parser("measure", help="the response of target against control")
    measure.add_argument("id", type=int, help="the campaign id")
    measure.add_argument("--curve", action="store_true", help="add the day-by-day response")
    cli.add_common(measure)
    measure.set_defaults(handler=run_measure)

    delete = actions.add_parser("delete", help="delete a campaign and its control group")
    delete.add_argument("id", type=int, help="the campaign id")
    cli.add_common(delete)
    delete.set_defaults(handler=run_delete)


def _plain(value):
    """A value as JSON writes it: NaN as null, numpy numbers as numbers."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _campaign_dict(campaign: dict) -> dict:
    return {k: _plain(v) for k, v in campaign.items() if k != "data_version"}


def run_create(args) -> dict:
    """Create the campaign and return its settings and group sizes."""
    from dashboard.campaigns import design

    conn = cli.open_database(args)
    try:
        campaign_id = design.create_campaign(
            conn,
            name=args.name,
            pick_id=args.pick,
            tier=args.tier,
            control_share=args.control,
            start=args.start,
            window_days=args.window,
            seed=args.seed,
            cost_per_contact=args.cost_per_contact,
            channel=args.channel,
            offer=args.offer,
            by=args.by,
            at_risk=args.at_risk,
            wallet=args.wallet,
        )
        return _campaign_dict(design.read_campaign(conn, campaign_id))
    finally:
        conn.close()


def run_list(args) -> list[dict]:
    """Every campaign: id, name, audience, window and group sizes."""
    from dashboard.campaigns import design

    conn = cli.open_database(args, read_only=True)
    try:
        saved = design.list_campaigns(conn)
    finally:
        conn.close()
    fields = (
        "campaign_id",
        "name",
        "source",
        "pick_id",
        "tier",
        "start_date",
        "end_date",
        "window_days",
        "control_share",
        "target_customers",
        "control_customers",
    )
    return [
        {
            f: _plain(row[f]) if f not in ("start_date", "end_date") else row[f].date()
            for f in fields
        }
        for row in saved.to_dict(orient="records")
    ]


def run_export(args) -> dict:
    """Write the target group (the customers to contact) to the file."""
    from dashboard.campaigns import design
    from dashboard.reporting import export

    conn = cli.open_database(args)
    try:
        audience = design.campaign_audience(conn, args.id, args.lang)
    finally:
        conn.close()
    path = export.write_table(audience, args.out, sheet="target")
    return {"file": str(path), "customers": len(audience), "columns": list(audience.columns)}


def run_measure(args) -> dict:
    """The response of both groups, the uplift with its interval, incremental revenue, ROI."""
    from dashboard.campaigns import response

    conn = cli.open_database(args, read_only=True)
    try:
        result = response.measure_campaign(conn, args.id)
    finally:
        conn.close()
    curve = result.pop("curve")
    out = {k: _plain(v) for k, v in result.items() if k not in ("campaign", "groups")}
    out = {
        "campaign": _campaign_dict(result["campaign"]),
        "groups": {g: {k: _plain(v) for k, v in d.items()} for g, d in result["groups"].items()},
        **out,
    }
    if args.curve:
        out["curve"] = [
            {k: _plain(v) if k != "date" else v.date() for k, v in row.items()}
            for row in curve.to_dict(orient="records")
        ]
    return out


def run_delete(args) -> dict:
    """Delete the campaign; say which."""
    from dashboard.campaigns import design

    conn = cli.open_database(args)
    try:
        campaign = design.read_campaign(conn, args.id)
        design.delete_campaign(conn, args.id)
    finally:
        conn.close()
    return {"deleted": args.id, "name": campaign["name"]}
