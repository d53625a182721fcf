"""`python -m dashboard tiers`: the customer pyramid's shares and the whale curve as numbers."""

from __future__ import annotations

from dashboard import cli
from dashboard.errors import AnalysisError
from dashboard.value import pyramid, whale
from dashboard.value.cost_model import load_cost_model

SHARE_FIELDS = (
    "tier",
    "customers",
    "revenue",
    "cost",
    "profit",
    "share_customers",
    "share_revenue",
    "share_cost",
    "share_profit",
)


def register(subparsers) -> None:
    """Add the `tiers` command."""
    parser = subparsers.add_parser(
        "tiers",
        help="tier shares of customers, revenue, cost and profit, and the whale curve",
        description="Rank customers by revenue or profit, cut them into tiers 1-4 (the saved "
        "rule, by default the top 1%, next 10%, next 24%, the rest) and report "
        "each tier's share; costs follow the saved cost model. Without --from/--to: the last "
        "12 months of the data, as the app shows them.",
    )
    parser.add_argument(
        "--by",
        choices=pyramid.MEASURES,
        default="revenue",
        help="rank customers by revenue (default) or profit",
    )
    cli.add_period(parser)
    parser.add_argument(
        "--rule",
        choices=pyramid.RULE_MODES,
        help="cut by share of customers or by cumulative share of the measure",
    )
    parser.add_argument(
        "--cuts", help="upper bounds of tiers 1-3 as fractions, e.g. 0.01,0.11,0.35"
    )
    for name in ("country", "channel", "category"):
        parser.add_argument(
            f"--{name}", action="append", default=[], help=f"only this {name} (repeat for several)"
        )
    cli.add_common(parser)
    parser.set_defaults(handler=run_tiers)


def _rule(conn, args) -> pyramid.TierRule:
    saved = pyramid.load_tier_rule(conn)
    mode = args.rule or saved.mode
    if args.cuts:
        try:
            cuts = tuple(float(c) for c in args.cuts.split(","))
        except ValueError:
            raise AnalysisError(
                f"--cuts {args.cuts!r}: give three fractions such as 0.01,0.11,0.35"
            ) from None
        return pyramid.TierRule(mode, cuts)
    return saved if mode == saved.mode else pyramid.TierRule.default(mode)


def _clean(number):
    return None if number is None or number != number else float(number)


def run_tiers(args) -> dict:
    """Compute the tier shares and the whale curve's summary for the period asked."""
    conn = cli.open_database(args, read_only=True)
    try:
        filters = cli.period_filters(
            conn,
            args.start,
            args.end,
            tuple(args.country),
            tuple(args.channel),
            tuple(args.category),
        )
        model, rule = load_cost_model(conn), _rule(conn, args)
        shares = pyramid.tier_shares(conn, filters, by=args.by, rule=rule, cost_model=model)
        curve = whale.whale_curve(conn, filters, model, points=50)
    finally:
        conn.close()
    tiers = [
        {
            k: (row[k] if k == "tier" else int(row[k]) if k == "customers" else _clean(row[k]))
            for k in SHARE_FIELDS
        }
        for _, row in shares[shares.tier != "inactive"].iterrows()
    ]
    inactive = int(shares.loc[shares.tier == "inactive", "customers"].iloc[0])
    return {
        "by": args.by,
        "rule": {"mode": rule.mode, "cuts": list(rule.cuts)},
        "period": cli.period_dict(filters),
        "from": filters.start,
        "to": filters.end,
        "tiers": tiers,
        "inactive": inactive,
        "whale": whale.whale_summary(curve),
    }
