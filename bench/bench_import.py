"""Benchmark the importer against DuckDB's own bare read of the same file.

Cases: Online Retail II as Parquet, the same data as CSV, and a generated 10,000,000-row
transactions CSV. Each run happens in a child process of its own, which reports its seconds and
peak memory (ru_maxrss); the bare read is ``CREATE TABLE AS SELECT * FROM read_csv/read_parquet``.
Prints a table and writes bench/out/import.json.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from common import peak_mb  # noqa: E402 (bench/ is on sys.path)

ONLINE_RETAIL = ROOT.parent / "shared" / "data" / "online_retail_ii.parquet"
OUT = ROOT / "bench" / "out" / "import.json"
BIG_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 10_000_000))

GENERATE_SQL = """
COPY (
    SELECT 'INV' || (i // 4)::VARCHAR AS order_id,
           CASE WHEN i % 50 = 0 THEN NULL ELSE (10000 + hash(i // 4) % 200000)::VARCHAR END
               AS customer_id,
           strftime(TIMESTAMP '2022-01-01' + to_seconds((i * 7) % 94608000), '%Y-%m-%d %H:%M:%S')
               AS ordered_at,
           'SKU' || (i % 5000)::VARCHAR AS product,
           (1 + i % 12)::INTEGER AS quantity,
           round(0.5 + (i % 997) / 10.0, 2) AS unit_price,
           ['United Kingdom', 'France', 'Germany', 'Spain'][1 + (i % 4)] AS country
    FROM range({rows}) t(i)
) TO '{path}' (HEADER, DELIMITER ',')
"""


def child(kind: str, path: str, db: str) -> None:
    """Run one measured step in this (child) process and print its figures as JSON."""

    from dashboard import importer
    from dashboard.store import database

    conn = database.connect(db)
    start = time.perf_counter()
    if kind == "bare":
        reader = "read_parquet" if path.endswith(".parquet") else "read_csv"
        conn.execute(f"CREATE TABLE bare AS SELECT * FROM {reader}('{path}')")
        rows = conn.execute("SELECT count(*) FROM bare").fetchone()[0]
    else:
        result = importer.import_file(conn, path, "transactions")
        rows = result.rows_imported + result.rows_set_aside
    seconds = time.perf_counter() - start
    conn.close()
    peak = peak_mb()
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak}))


def measure(kind: str, path: Path, workdir: Path) -> dict:
    """Run ``kind`` ('bare' or 'import') on ``path`` in a fresh child process and database."""
    db = workdir / f"{kind}-{path.stem}.duckdb"
    db.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    db.unlink(missing_ok=True)
    figures["rows_per_second"] = figures["rows"] / figures["seconds"]
    return figures


def prepare(workdir: Path) -> dict[str, Path]:
    """The three files: Online Retail II as Parquet and CSV, and the generated big CSV."""
    import duckdb

    retail_csv = workdir / "online_retail_ii.csv"
    big_csv = workdir / f"transactions_{BIG_ROWS}.csv"
    conn = duckdb.connect()
    conn.execute(f"COPY (SELECT * FROM '{ONLINE_RETAIL}') TO '{retail_csv}' (HEADER)")
    conn.execute(GENERATE_SQL.format(rows=BIG_ROWS, path=big_csv))
    conn.close()
    return {
        "online_retail_parquet": ONLINE_RETAIL,
        "online_retail_csv": retail_csv,
        f"generated_csv_{BIG_ROWS}": big_csv,
    }


def main() -> None:
    """Measure every case, print the table and write the JSON."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as temp:
        workdir = Path(temp)
        for case, path in prepare(workdir).items():
            bare, imported = measure("bare", path, workdir), measure("import", path, workdir)
            results.append(
                {
                    "case": case,
                    "file_mb": path.stat().st_size / 2**20,
                    "bare": bare,
                    "import": imported,
                    "ratio": imported["seconds"] / bare["seconds"],
                }
            )
    print(
        f"{'case':<28}{'file MB':>9}{'bare s':>9}{'import s':>10}{'ratio':>7}"
        f"{'rows/s':>12}{'peak MB':>9}{'bare MB':>9}"
    )
    for r in results:
        print(
            f"{r['case']:<28}{r['file_mb']:>9.0f}{r['bare']['seconds']:>9.2f}"
            f"{r['import']['seconds']:>10.2f}{r['ratio']:>7.2f}"
            f"{r['import']['rows_per_second']:>12,.0f}{r['import']['peak_mb']:>9.0f}"
            f"{r['bare']['peak_mb']:>9.0f}"
        )
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"machine": machine, "results": results}, indent=2))
    print(f"machine: {machine}; written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        main()
