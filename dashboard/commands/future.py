"""`python -m dashboard clv`: who will buy again and what each customer is worth ahead."""

from __future__ import annotations

from dashboard import cli
from dashboard.access import audit
from dashboard.errors import DashboardError
from dashboard.future import model
from dashboard.reporting import export
from dashboard.store.filters import Filters
from dashboard.value.cost_model import load_cost_model

#: The exit code when the data-sufficiency check refuses to predict (the JSON says why).
REFUSED = 3


def register(subparsers) -> None:
    """Add the `clv` command."""
    parser = subparsers.add_parser(
        "clv",
        help="fit BG/NBD and Gamma-Gamma, check them on a holdout and predict each customer's "
        "purchases, probability of being alive and value ahead",
        description="By default the model is checked on the last --holdout-weeks of the data "
        "(fitted on what came before, its predictions set against what happened), then fitted "
        "on the whole history up to --to and used to predict. With --calibration-end (and "
        "--holdout-end) it is fitted on the purchases up to that day and checked on those after "
        "it, and predicts as of that day. Time is in weeks; several purchases on one day are one "
        "transaction. When the data are not enough to trust the model, it says which condition "
        "failed, predicts nothing and exits with code 3.",
    )
    parser.add_argument("--calibration-end", type=cli.parse_day, help="YYYY-MM-DD")
    parser.add_argument("--holdout-end", type=cli.parse_day, help="YYYY-MM-DD")
    parser.add_argument(
        "--to",
        dest="end",
        type=cli.parse_day,
        help="the as-of day, YYYY-MM-DD (default: the last purchase day)",
    )
    parser.add_argument("--horizon-weeks", type=int, default=52, help="default 52")
    parser.add_argument("--holdout-weeks", type=int, default=26, help="default 26")
    parser.add_argument(
        "--discount", type=float, default=0.10, help="annual discount rate, default 0.10"
    )
    parser.add_argument("--level", type=float, default=0.80, help="interval level, default 0.80")
    parser.add_argument("--out", help="write one row per customer to this .csv or .xlsx")
    cli.add_common(parser)
    parser.set_defaults(handler=run_clv)


def run_clv(args) -> dict:
    """Run the forecast; the result is what the JSON holds."""
    if args.holdout_end and not args.calibration_end:
        raise DashboardError("--holdout-end needs --calibration-end: the holdout starts after it.")
    settings = model.Settings(
        horizon_weeks=args.horizon_weeks,
        discount_rate=args.discount,
        holdout_weeks=args.holdout_weeks,
        calibration_end=args.calibration_end,
        holdout_end=args.holdout_end,
        level=args.level,
    )
    conn = cli.open_database(args, read_only=not args.out)  # a file written goes in the audit log
    try:
        fc = model.forecast(conn, Filters(None, args.end), settings, load_cost_model(conn))
        path = None
        if args.out and fc.check.ok:
            path = export.write_table(fc.customers, args.out, sheet="future value")
            audit.record(conn, audit.command_actor(), "export", str(path), rows=len(fc.customers))
    finally:
        conn.close()
    return result(fc, path)


def result(fc: model.Forecast, path=None) -> dict:
    """The JSON of a forecast (what `clv --json` prints)."""
    out = {
        "time_unit": "week",
        "as_of": fc.as_of,
        "horizon_weeks": fc.settings.horizon_weeks,
        "discount_rate": fc.settings.discount_rate,
        "check": fc.check.as_dict(),
        "customers": int(fc.totals.get("customers", 0)),
        "bgnbd": fc.bgnbd,
        "gamma_gamma": fc.gamma_gamma,
    }
    if fc.holdout is not None:
        out["holdout"] = fc.holdout.as_dict()
    if fc.check.ok:
        level = fc.settings.level
        out["totals"] = {
            name: {
                "value": fc.totals[name],
                "low": fc.totals[f"{name}_low"],
                "high": fc.totals[f"{name}_high"],
            }
            for name in ("expected_purchases", "predicted_revenue", "predicted_value")
        }
        out["interval"] = {"level": level, "method": fc.method}
        out["at_risk"] = len(model.at_risk(fc))
    else:
        out[cli.EXIT_CODE] = REFUSED
    if path is not None:
        out["file"] = str(path)
    return out
