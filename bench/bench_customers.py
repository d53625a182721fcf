"""Benchmark of the Customers page's queries: search, profile, identification quality, duplicates.

Two databases: the demo (20,000 customers) and the real Online Retail II (1,067,370 lines, loaded
straight into the transactions table by SQL, with a customers table of ids and countries, as an
import of transactions alone leaves it). Each query runs in a child process of its own, three
times; the median is reported, with the child's peak memory.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from common import peak_mb  # noqa: E402 (bench/ is on sys.path)

from dashboard.identify import customers, identification  # noqa: E402
from dashboard.store import database  # noqa: E402
from dashboard.store.filters import Filters  # noqa: E402

OUT = ROOT / "bench" / "out" / "bench_customers.json"
ONLINE_RETAIL = ROOT.parent / "shared" / "data" / "online_retail_ii.parquet"
DEMO_CUSTOMERS = 20_000
RUNS = 3


def build_demo(path: Path) -> None:
    """The demo business with 20,000 customers."""
    from dashboard.demo import generator

    conn = database.connect(path)
    generator.load_demo(conn, customers=DEMO_CUSTOMERS)
    conn.close()


def build_online_retail(path: Path) -> None:
    """Online Retail II lines with a customer, and a customers table of ids and countries."""
    conn = database.connect(path)
    source = str(ONLINE_RETAIL)
    conn.execute(
        f"""
        INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, quantity, product)
        SELECT CAST(CAST("Customer ID" AS BIGINT) AS VARCHAR), Invoice,
               CAST(InvoiceDate AS TIMESTAMP), Quantity * Price, Quantity, StockCode
        FROM read_parquet('{source}') WHERE "Customer ID" IS NOT NULL
        """
    )
    conn.execute(
        f"""
        INSERT INTO customers (customer_id, country)
        SELECT CAST(CAST("Customer ID" AS BIGINT) AS VARCHAR), any_value(Country)
        FROM read_parquet('{source}') WHERE "Customer ID" IS NOT NULL GROUP BY 1
        """
    )
    conn.close()


def _queries(conn) -> dict:
    """The page's queries, each a callable, on a database's own customers."""
    everything = Filters()
    best = customers.search_customers(conn, "", everything, limit=1)["customer_id"].iloc[0]
    name = conn.execute("SELECT max(name) FROM customers").fetchone()[0] or best
    return {
        "search: empty (top customers)": lambda: customers.search_customers(conn, "", everything),
        "search: part of an id": lambda: customers.search_customers(conn, best[1:4], everything),
        "search: a name": lambda: customers.search_customers(conn, name.split()[-1], everything),
        "search: a phone": lambda: customers.search_customers(conn, "+44 20", everything),
        "profile + history": lambda: (
            customers.customer_profile(conn, best, everything),
            customers.monthly_revenue(conn, best, everything),
            customers.customer_channels(conn, best, everything),
            customers.customer_feedback(conn, best, everything),
            customers.customer_contacts(conn, best, everything),
        ),
        "identification quality": lambda: (
            identification.identification_quality(conn, everything),
            identification.attribute_quality(conn),
        ),
        "likely duplicates": lambda: identification.duplicate_groups(conn, everything),
    }


def child(db: str, query: str) -> None:
    """Run one query RUNS times; print seconds (median) and this process's peak memory."""
    conn = database.connect(db)
    run = _queries(conn)[query]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(json.dumps({"seconds": statistics.median(times), "peak_mb": peak_mb()}))


def measure(db: Path, query: str) -> dict:
    """One query in a fresh child process."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), query],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Build both databases, time every query, print a table and write JSON."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for label, build in (
            ("demo 20k customers", build_demo),
            ("Online Retail II", build_online_retail),
        ):
            db = Path(folder) / f"{build.__name__}.duckdb"
            start = time.perf_counter()
            build(db)
            print(f"{label}: built in {time.perf_counter() - start:.1f} s")
            conn = database.connect(db)
            lines = database.table_counts(conn)["transactions"]
            names = list(_queries(conn))
            conn.close()
            for query in names:
                found = measure(db, query)
                results.append(
                    {
                        "data": label,
                        "query": query,
                        "transactions": lines,
                        "seconds": found["seconds"],
                        "peak_mb": found["peak_mb"],
                        "rows_per_second": lines / found["seconds"],
                    }
                )
    _print(results)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "note": "shared 2-core machine, other jobs running",
    }
    OUT.write_text(json.dumps({"machine": machine, "results": results}, indent=2))
    print(f"written {OUT}")


def _print(results: list[dict]) -> None:
    print(f"{'data':20} {'query':32} {'seconds':>8} {'rows/s':>12} {'peak MB':>8}")
    for r in results:
        print(
            f"{r['data']:20} {r['query']:32} {r['seconds']:8.3f} "
            f"{r['rows_per_second']:12,.0f} {r['peak_mb']:8.0f}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
