"""Benchmark: the share-of-wallet sections of the Customer pyramid page at scale.

Run ``python bench/bench_wallet.py [--db bench/out/scale_10000000.duckdb]`` (the file is only
read). Each route runs cold, in a child process of its own, on the page's default period (the
last 12 months of data) with the saved tier rule and cost model, ranked by revenue, and reports
its times and its peak resident memory (VmHWM). The period's value table is computed first and
timed apart (``value_table_s``): the goal is the wallet work once it exists.

Routes:
- ``page``: what the page's wallet section asks for on a first view: ``status`` (the column
  found and how many customers state a spend), ``tier_summary`` with ``period_days``,
  ``top_opportunities`` (the listed rows, the count, the untapped sum); then the same list with
  other limits (a user changing them: ``recut_s``).
- ``audience``: the whole opportunity list (``opportunities``), as the campaign audience and the
  downloads get it.

Results go to ``bench/out/bench_wallet.json`` and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import OUT, peak_mb, run_child  # noqa: E402 (bench/ is on sys.path)

DEFAULT_DB = OUT / "scale_10000000.duckdb"


def _setup(path: Path):
    from dashboard.store import database
    from dashboard.store import filters as filters_module
    from dashboard.value import cache, cost_model, pyramid

    conn = database.connect(path, read_only=True)
    first, last = conn.execute(
        "SELECT CAST(min(ordered_at) AS DATE), CAST(max(ordered_at) AS DATE) FROM transactions"
    ).fetchone()
    filters = filters_module.Filters(*filters_module.default_period(first, last))
    model = cost_model.load_cost_model(conn)
    tiers = {"by": "revenue", "rule": pyramid.load_tier_rule(conn), "cost_model": model}
    started = time.perf_counter()
    cache.source(conn, filters, model)
    return conn, filters, tiers, {"value_table_s": time.perf_counter() - started}


def _timed(result: dict, name: str, work):
    started = time.perf_counter()
    answer = work()
    result[name] = time.perf_counter() - started
    return answer


def route_page(path: Path) -> dict:
    """The wallet section's first view, then other limits."""
    from dashboard.wallet import share

    conn, filters, tiers, result = _setup(path)
    known = _timed(result, "status_s", lambda: share.status(conn))
    _timed(
        result,
        "tier_summary_s",
        lambda: (share.tier_summary(conn, filters, **tiers), share.period_days(conn, filters)),
    )
    cuts = share.load_opportunity(conn)
    top = _timed(
        result, "opportunities_s", lambda: share.top_opportunities(conn, filters, cuts, **tiers)
    )
    result["section_s"] = result["status_s"] + result["tier_summary_s"] + result["opportunities_s"]
    other = share.Opportunity(top_share=0.5, max_share=0.3)
    _timed(result, "recut_s", lambda: share.top_opportunities(conn, filters, other, **tiers))
    return result | {
        "stated": known["stated"],
        "qualifying": top.customers,
        "listed": len(top.rows),
        "peak_mb": peak_mb(),
    }


def route_audience(path: Path) -> dict:
    """Every qualifying customer, as the campaign and the downloads get them."""
    from dashboard.wallet import share

    conn, filters, tiers, result = _setup(path)
    rows = _timed(result, "full_list_s", lambda: share.opportunities(conn, filters, **tiers))
    return result | {"qualifying": len(rows), "peak_mb": peak_mb()}


ROUTES = {"page": route_page, "audience": route_audience}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB))
    parser.add_argument("--route", help="run one route here (the parent runs each in a child)")
    parser.add_argument("--only", default="", help="comma-separated route names")
    args = parser.parse_args()
    path = Path(args.db)
    if args.route:
        print(json.dumps(ROUTES[args.route](path), default=str), flush=True)
        return
    wanted = [r for r in ROUTES if not args.only or r in args.only.split(",")]
    out_path = OUT / "bench_wallet.json"
    results = json.loads(out_path.read_text()) if out_path.exists() else {}
    for route in wanted:
        r = run_child(__file__, route, path)
        results[f"{path.name}:{route}"] = r
        figures = "  ".join(f"{k} {v:.2f}" for k, v in r.items() if k.endswith("_s"))
        counts = "  ".join(f"{k} {v:,}" for k, v in r.items() if isinstance(v, int))
        print(f"{route:<9} {figures}  {counts}  peak {r['peak_mb']:,.0f} MB", flush=True)
        out_path.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
