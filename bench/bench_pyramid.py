"""Benchmark: the customer value table and tier shares in DuckDB vs pandas vs lifetimes (RFM part).

Run ``python bench/bench_pyramid.py [--customers 1000000]``. The demo data is generated once into
``bench/out/`` (shared with the other benches) and reused. Each route runs in a child process
of its own and reports its time and its peak resident memory (VmHWM), so runs do not pollute each
other. Results go to ``bench/out/bench_pyramid.json`` and a table on stdout.

Routes:
- ``duckdb``: ``value.value_table.customer_value`` (1 row per customer, fetched into pandas) then
  ``pyramid.tier_shares``: cold (first queries of a fresh process; the value table is computed
  once and kept by ``value.cache``), warm cached (the same again) and warm without the cache
  (both calls compute the value table again; DuckDB's buffers are warm).
- ``pandas``: every transaction, contact and complaint loaded into pandas, then the same value
  table and tier shares computed there (the loading is timed: it is part of that route).
- ``rfm``: our RFM scores in DuckDB vs ``lifetimes.utils.summary_data_from_transaction_data``
  (run by the interpreter given in ``--lifetimes-python``, e.g. a venv with an older pandas).
- ``page``: the pyramid page through AppTest on the same data: first run, then a rerun with
  profit ranking (every loader recomputes, DuckDB warm).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, demo_database, peak_mb  # noqa: E402 (bench/ is on sys.path)


def cpu_s() -> float:
    """CPU seconds used by this process so far (user + system, all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- routes, each run in a child process ---


def route_duckdb_cold(path: Path) -> dict:
    """Value table + tier shares in a fresh process: its peak memory is the cold route's alone."""
    return route_duckdb(path, runs=("cold",))


def route_duckdb(path: Path, runs=("cold", "warm_cached", "warm_uncached")) -> dict:
    """Value table + tier shares: cold, again (value table cached), again with the cache off."""
    import duckdb

    from dashboard.store.filters import Filters
    from dashboard.value import cache, pyramid

    result, conn = {}, None
    for run in runs:
        cache.MAX_TABLES = 0 if run == "warm_uncached" else 4
        started, cpu = time.perf_counter(), cpu_s()
        conn = conn or duckdb.connect(str(path), read_only=True)
        table = cache.customer_value(conn, Filters())
        shares = pyramid.tier_shares(conn, Filters())
        result[f"{run}_s"] = time.perf_counter() - started
        result[f"{run}_cpu_s"] = cpu_s() - cpu
    conn.close()
    result.update(
        customers=len(table),
        tiered=int(shares.customers.iloc[:4].sum()),
        revenue=float(table.revenue.sum()),
        profit=float(table.profit.sum()),
    )
    return result


def _pandas_value(tx, customers, contacts, feedback, model):
    import numpy as np
    import pandas as pd

    margin = tx["category"].map(dict(model.category_margins)).fillna(model.default_margin)
    tx = tx.assign(
        product_cost=np.where(
            tx["cost"].notna(),
            np.sign(tx["revenue"]) * tx["cost"].abs(),
            tx["revenue"] * (1 - margin),
        ),
        order_key=tx["order_id"].fillna(tx["ordered_at"].astype(str)),
        is_return=tx["revenue"] < 0,
        is_positive=tx["revenue"] > 0,
    )
    orders = (
        tx.groupby(["customer_id", "order_key", "is_return"], sort=False)
        .agg(
            revenue=("revenue", "sum"),
            product_cost=("product_cost", "sum"),
            ordered_at=("ordered_at", "min"),
            is_purchase=("is_positive", "any"),
        )
        .reset_index()
    )
    purchases = orders[orders.is_purchase]
    sales = orders.groupby("customer_id").agg(
        revenue=("revenue", "sum"),
        product_cost=("product_cost", "sum"),
        returns=("is_return", "sum"),
    )
    sales = sales.join(
        purchases.groupby("customer_id").agg(
            orders=("ordered_at", "size"),
            first_purchase_at=("ordered_at", "min"),
            last_purchase_at=("ordered_at", "max"),
        )
    )
    contacts = contacts[~contacts["kind"].isin(model.free_contact_kinds)]
    service = (
        contacts.assign(cost=contacts["cost"].fillna(model.cost_per_contact))
        .groupby("customer_id")
        .agg(service_contacts=("cost", "size"), service_cost=("cost", "sum"))
    )
    complaints = feedback[feedback["kind"] == "complaint"].groupby("customer_id").size()
    known = pd.Index(customers["customer_id"]).union(pd.Index(tx["customer_id"].unique()))
    table = (
        pd.DataFrame(index=known).join(sales).join(service).join(complaints.rename("complaints"))
    )
    table = table.fillna(
        {
            c: 0
            for c in (
                "revenue",
                "product_cost",
                "returns",
                "orders",
                "service_contacts",
                "service_cost",
                "complaints",
            )
        }
    )
    as_of = tx["ordered_at"].max().normalize()
    table["recency_days"] = (as_of - table.last_purchase_at.dt.normalize()).dt.days
    table["tenure_days"] = (as_of - table.first_purchase_at.dt.normalize()).dt.days
    table["cost_to_serve"] = (
        table.orders * model.cost_per_order
        + table.returns * model.cost_per_return
        + table.service_cost
        + table.complaints * model.cost_per_complaint
        + np.where(table.orders > 0, model.marketing_per_customer, 0)
    )
    table["cost"] = table.product_cost + table.cost_to_serve
    table["profit"] = table.revenue - table.cost
    table["is_active"] = table.orders > 0
    return table.rename_axis("customer_id").reset_index()


def _pandas_shares(table, cuts=(0.01, 0.11, 0.35)):
    import math

    import numpy as np

    active = table[table.is_active].sort_values(["revenue", "customer_id"], ascending=[False, True])
    n = len(active)
    position = np.arange(1, n + 1)
    bounds = [math.ceil(round(c * n, 9)) for c in cuts]
    tiers = np.select([position <= b for b in bounds], ["1", "2", "3"], "4")
    table = table.assign(tier="inactive")
    table.loc[active.index, "tier"] = tiers
    shares = table.groupby("tier").agg(
        customers=("customer_id", "size"),
        revenue=("revenue", "sum"),
        cost=("cost", "sum"),
        profit=("profit", "sum"),
    )
    tiered = shares.drop(index="inactive", errors="ignore")
    for column in ("customers", "revenue", "cost", "profit"):
        shares[f"share_{column}"] = tiered[column] / tiered[column].sum()
    return shares


def route_pandas(path: Path) -> dict:
    import duckdb

    from dashboard.value.cost_model import CostModel

    started = time.perf_counter()
    conn = duckdb.connect(str(path), read_only=True)
    tx = conn.execute(
        "SELECT customer_id, order_id, ordered_at, revenue, cost, category FROM transactions"
    ).df()
    customers = conn.execute("SELECT customer_id FROM customers").df()
    contacts = conn.execute("SELECT customer_id, kind, cost FROM interactions").df()
    feedback = conn.execute("SELECT customer_id, kind FROM feedback").df()
    conn.close()
    loaded = time.perf_counter() - started
    table = _pandas_value(tx, customers, contacts, feedback, CostModel())
    shares = _pandas_shares(table)
    return {
        "total_s": time.perf_counter() - started,
        "total_cpu_s": cpu_s(),
        "load_s": loaded,
        "rows": len(tx),
        "customers": len(table),
        "tiered": int(shares.customers.drop("inactive", errors="ignore").sum()),
        "revenue": float(table.revenue.sum()),
        "profit": float(table.profit.sum()),
    }


def route_rfm(path: Path) -> dict:
    import duckdb

    from dashboard.store.filters import Filters
    from dashboard.value import rfm

    result, conn = {}, None
    for run in ("cold", "warm"):
        started = time.perf_counter()
        conn = conn or duckdb.connect(str(path), read_only=True)
        scores = rfm.rfm_scores(conn, Filters(), segments=rfm.DEFAULT_SEGMENTS)
        result[f"{run}_s"] = time.perf_counter() - started
    conn.close()
    result["customers"] = len(scores)
    return result


LIFETIMES_SCRIPT = """
import json, resource, sys, time
started = time.perf_counter()
import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data
tx = pd.read_parquet(sys.argv[1])
loaded = time.perf_counter() - started
summary = summary_data_from_transaction_data(
    tx, "customer_id", "ordered_at", monetary_value_col="revenue",
    observation_period_end=tx["ordered_at"].max())
print(json.dumps({"total_s": time.perf_counter() - started, "load_s": loaded,
                  "customers": len(summary), "pandas": pd.__version__,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def route_lifetimes(path: Path, python: str) -> dict:
    """lifetimes in its own interpreter, on the purchases exported once to Parquet."""
    import duckdb

    parquet = path.with_suffix(".purchases.parquet")
    if not parquet.exists():
        conn = duckdb.connect(str(path), read_only=True)
        conn.execute(
            f"COPY (SELECT customer_id, ordered_at, revenue FROM transactions "
            f"WHERE revenue > 0) TO '{parquet}' (FORMAT parquet)"
        )
        conn.close()
    done = subprocess.run(
        [python, "-c", LIFETIMES_SCRIPT, str(parquet)], capture_output=True, text=True
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def route_page(path: Path) -> dict:
    """The pyramid page through AppTest on a copy of the data: first run, then a full rerun."""
    copy = OUT / "pyramid_page.duckdb"
    shutil.copy(path, copy)
    os.environ["DASHBOARD_DB"] = str(copy)
    os.chdir(ROOT)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "pyramid.py"), default_timeout=900)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    errors = [str(e.value) for e in at.exception]
    started = time.perf_counter()
    at.radio(key="pyramid_by").set_value("profit").run()
    rerun = time.perf_counter() - started
    started = time.perf_counter()
    at.radio(key="pyramid_by").set_value("revenue").run()
    cached = time.perf_counter() - started
    copy.unlink(missing_ok=True)
    return {
        "first_s": first,
        "new_ranking_s": rerun,
        "cached_s": cached,
        "errors": errors + [str(e.value) for e in at.exception],
    }


ROUTES = {
    "duckdb_cold": route_duckdb_cold,
    "duckdb": route_duckdb,
    "pandas": route_pandas,
    "rfm": route_rfm,
    "page": route_page,
}


def child(route: str, path: Path) -> None:
    result = ROUTES[route](path)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def run_child(route: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", route, "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: dict, rows: int) -> None:
    print(f"\n{'route':<34}{'seconds':>10}{'CPU s':>8}{'rows/s':>14}{'peak MB':>10}")
    lines = [
        ("duckdb value+tiers, cold (own proc)", results["duckdb_cold"], "cold_s"),
        ("duckdb value+tiers, cold", results["duckdb"], "cold_s"),
        ("duckdb value+tiers, warm cached", results["duckdb"], "warm_cached_s"),
        ("duckdb value+tiers, warm no cache", results["duckdb"], "warm_uncached_s"),
        ("pandas value+tiers (with load)", results["pandas"], "total_s"),
        ("  of which loading", results["pandas"], "load_s"),
        ("duckdb RFM scores, cold", results["rfm"], "cold_s"),
        ("duckdb RFM scores, warm", results["rfm"], "warm_s"),
        ("lifetimes summary (with load)", results["lifetimes"], "total_s"),
        ("page first run (AppTest)", results["page"], "first_s"),
        ("page rerun, new ranking", results["page"], "new_ranking_s"),
        ("page rerun, cached", results["page"], "cached_s"),
    ]
    for name, result, key in lines:
        seconds = result.get(key)
        if seconds is None:
            print(f"{name:<34}{'error: ' + str(result.get('error', ''))[:60]}")
            continue
        cpu = result.get(key.replace("_s", "_cpu_s"))
        cpu_text = f"{cpu:>8.1f}" if cpu is not None else " " * 8
        peak = result.get("peak_mb", 0)
        print(f"{name:<34}{seconds:>10.2f}{cpu_text}{rows / seconds:>14,.0f}{peak:>10,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--routes", default="duckdb_cold,duckdb,pandas,rfm,lifetimes,page")
    parser.add_argument("--lifetimes-python", default="/tmp/lifetimes-venv/bin/python")
    parser.add_argument("--child")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        return child(args.child, Path(args.db))
    path = demo_database(args.customers)
    import duckdb

    conn = duckdb.connect(str(path), read_only=True)
    rows = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
    conn.close()
    results = {"customers": args.customers, "transactions": rows, "cpus": os.cpu_count()}
    for route in args.routes.split(","):
        print(f"running {route}...", flush=True)
        results[route] = (
            route_lifetimes(path, args.lifetimes_python)
            if route == "lifetimes"
            else run_child(route, path)
        )
    for missing in ("duckdb_cold", "duckdb", "pandas", "rfm", "lifetimes", "page"):
        results.setdefault(missing, {"error": "not run"})
    report(results, rows)
    (OUT / "bench_pyramid.json").write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
