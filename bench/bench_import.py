"""Benchmark the importer against DuckDB's own bare read of the same file.

Cases: Online Retail II as Parquet, the same data as CSV, a generated transactions CSV of
BENCH_IMPORT_ROWS lines (default 10,000,000) and the same lines as a folder of ten Parquet files
(imported as one table, all or nothing). The generated files are made once under bench/out/ and
reused. BENCH_IMPORT_CASES (comma-separated: retail, csv, parquet) picks the cases.

Each run happens in a child process of its own, which reports its seconds and peak memory
(VmHWM); the bare read is ``CREATE TABLE AS SELECT * FROM read_csv/read_parquet`` of the same
file(s). The import's child also reports when each step began (from its progress messages), so
the time beyond the bare read can be laid at each step's door. Prints a table and writes
bench/out/import.json (import_<rows>.json for other sizes).
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
BIG_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 10_000_000))
OUT = (
    ROOT
    / "bench"
    / "out"
    / ("import.json" if BIG_ROWS == 10_000_000 else f"import_{BIG_ROWS}.json")
)
CASES = os.environ.get("BENCH_IMPORT_CASES", "retail,csv,parquet").split(",")
PARQUET_PARTS = 10

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
    folder = Path(path).is_dir()
    start = time.perf_counter()
    steps: dict[str, float] = {}

    def progress(fraction: float, message: str) -> None:
        step = message.split(":")[0].split(" (")[0]
        steps.setdefault(step, round(time.perf_counter() - start, 2))

    if kind == "bare":
        parquet = folder or path.endswith(".parquet")
        reader = "read_parquet" if parquet else "read_csv"
        target = f"{path}/*.parquet" if folder else path
        conn.execute(f"CREATE TABLE bare AS SELECT * FROM {reader}('{target}')")
        rows = conn.execute("SELECT count(*) FROM bare").fetchone()[0]
    else:
        target = sorted(Path(path).glob("*.parquet")) if folder else path
        result = importer.import_file(conn, target, "transactions", progress=progress)
        rows = result.rows_imported + result.rows_set_aside
    seconds = time.perf_counter() - start
    conn.close()
    peak = peak_mb()
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak, "steps": steps}))


def measure(kind: str, path: Path, workdir: Path) -> dict:
    """Run ``kind`` ('bare' or 'import') on ``path`` in a fresh child process and database."""
    db = workdir / f"{kind}-{path.stem}.duckdb"
    db.unlink(missing_ok=True)
    print(f"{kind} {path.name}...", file=sys.stderr, flush=True)
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


def generated(kind: str) -> Path:
    """The generated file ('csv') or folder of Parquet files ('parquet') of BIG_ROWS lines under
    bench/out/, made once (the same lines either way) and reused."""
    import duckdb

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    target = out / (f"transactions_{BIG_ROWS}.csv" if kind == "csv" else
                    f"transactions_{BIG_ROWS}_parquet")  # fmt: skip
    if target.exists():
        return target
    conn = duckdb.connect()
    conn.execute("SET preserve_insertion_order = false")
    if kind == "csv":
        partial = target.with_suffix(".partial")
        conn.execute(GENERATE_SQL.format(rows=BIG_ROWS, path=partial))
        partial.rename(target)
    else:
        partial = target.with_suffix(".partial")
        partial.mkdir(exist_ok=True)
        for k in range(PARQUET_PARTS):
            lines = f"range({k * BIG_ROWS // PARQUET_PARTS}, {(k + 1) * BIG_ROWS // PARQUET_PARTS})"
            sql = GENERATE_SQL.format(rows=BIG_ROWS, path=partial / f"part-{k:02d}.parquet")
            conn.execute(sql.replace(f"range({BIG_ROWS})", lines).replace(
                "(HEADER, DELIMITER ',')", "(FORMAT parquet)"))  # fmt: skip
        partial.rename(target)
    conn.close()
    return target


def prepare(workdir: Path) -> dict[str, Path]:
    """The cases' files: Online Retail II as Parquet and CSV, the generated CSV and Parquet
    folder."""
    import duckdb

    cases = {}
    if "retail" in CASES:
        retail_csv = workdir / "online_retail_ii.csv"
        conn = duckdb.connect()
        conn.execute(f"COPY (SELECT * FROM '{ONLINE_RETAIL}') TO '{retail_csv}' (HEADER)")
        conn.close()
        cases |= {"online_retail_parquet": ONLINE_RETAIL, "online_retail_csv": retail_csv}
    if "csv" in CASES:
        cases[f"generated_csv_{BIG_ROWS}"] = generated("csv")
    if "parquet" in CASES:
        cases[f"parquet_folder_{BIG_ROWS}"] = generated("parquet")
    return cases


def size_mb(path: Path) -> float:
    """A file's size, or a folder's files' together, in MB."""
    files = path.glob("*") if path.is_dir() else [path]
    return sum(f.stat().st_size for f in files) / 2**20


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
                    "file_mb": size_mb(path),
                    "bare": bare,
                    "import": imported,
                    "ratio": imported["seconds"] / bare["seconds"],
                }
            )
    print(
        f"{'case':<30}{'file MB':>9}{'bare s':>9}{'import s':>10}{'ratio':>7}"
        f"{'rows/s':>12}{'peak MB':>9}{'bare MB':>9}"
    )
    for r in results:
        print(
            f"{r['case']:<30}{r['file_mb']:>9.0f}{r['bare']['seconds']:>9.2f}"
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
    for r in results:
        print(f"{r['case']}: steps began at {r['import']['steps']}")
    print(f"machine: {machine}; written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        main()
