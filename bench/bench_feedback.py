"""Benchmark of the Feedback and Loyalty queries on 1,000,000 feedback rows.

The demo business (40,000 customers by default) is generated, then its feedback is repeated in
SQL, spread over the same customers and dates (5% anonymous), until the table holds 1,000,000
rows. Each step runs in a child process of its own, three times; the median seconds and the
child's peak memory are reported. ``python bench/bench_feedback.py [--feedback N] [--customers N]``
"""

from __future__ import annotations

import argparse
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

from dashboard.store import database  # noqa: E402

OUT = ROOT / "bench" / "out" / "bench_feedback.json"
RUNS = 3
#: The steps the goal is about (under 3 s together): what `python -m dashboard feedback` does.
GOAL_STEPS = (
    "trend (month)",
    "iceberg (month + tier)",
    "NPS (summary + month + ratings)",
    "ladder (counts)",
)

GROW_SQL = """
INSERT INTO feedback
WITH src AS (SELECT *, row_number() OVER () - 1 AS k FROM feedback),
sizes AS (SELECT (SELECT count(*) FROM src) AS n, (SELECT count(*) FROM customers) AS m),
people AS (SELECT customer_id, row_number() OVER () - 1 AS k FROM customers),
draws AS (
    SELECT i, i % sizes.n AS src_k, hash(i) % sizes.m AS person_k,
           CAST(hash(i * 7 + 1) % 61 AS INTEGER) - 30 AS shift_days
    FROM range(?) r(i), sizes
)
SELECT 'B' || d.i, CASE WHEN hash(d.i * 3) % 20 = 0 THEN NULL ELSE p.customer_id END,
       s.order_id, s.created_at + to_days(d.shift_days), s.kind, s.score, s.scale, s.channel,
       s.text, s.resolved_at + to_days(d.shift_days), s.import_id
FROM draws d JOIN src s ON s.k = d.src_k JOIN people p ON p.k = d.person_k
"""


def build(path: Path, customers: int, feedback_rows: int) -> dict:
    """The demo business grown to ``feedback_rows`` feedback rows; returns rows per table."""
    from dashboard.demo import generator

    conn = database.connect(path)
    started = time.perf_counter()
    generator.load_demo(conn, customers=customers, seed=42)
    demo_seconds = time.perf_counter() - started
    have = conn.execute("SELECT count(*) FROM feedback").fetchone()[0]
    started = time.perf_counter()
    if feedback_rows > have:
        conn.execute(GROW_SQL, [feedback_rows - have])
        database.bump_data_version(conn)
    grow_seconds = time.perf_counter() - started
    counts = database.table_counts(conn)
    conn.close()
    return {"rows": counts, "demo_seconds": demo_seconds, "grow_seconds": grow_seconds}


def steps(conn) -> dict:
    """Each measured step as a callable on ``conn``."""
    from datetime import timedelta

    from dashboard.commands.feedback import report
    from dashboard.feedback import complaints, potential, text_terms, trends
    from dashboard.loyalty import ladder, retention
    from dashboard.store.filters import Filters

    everything = Filters()
    latest = ladder.latest_date(conn)
    rules = ladder.load_rules(conn)
    return {
        "trend (month)": lambda: trends.trend(conn, everything, "month"),
        "trend (week, by tier)": lambda: trends.trend(conn, everything, "week", "tier"),
        "iceberg (month + tier)": lambda: (
            complaints.complaint_iceberg(conn, everything),
            complaints.iceberg_by_tier(conn, everything),
        ),
        "NPS (summary + month + ratings)": lambda: (
            trends.nps_summary(conn, everything),
            trends.nps_trend(conn, everything),
            trends.rating_distribution(conn, everything),
        ),
        "ladder (counts)": lambda: ladder.ladder_counts(conn, everything, latest, rules),
        "ladder movement (3 months)": lambda: ladder.ladder_movement(
            conn, everything, latest - timedelta(days=91), latest, rules
        ),
        "resolution + open complaints": lambda: (
            complaints.resolution_summary(conn, everything),
            complaints.resolution_by_tier(conn, everything),
            complaints.open_complaints(conn, everything),
        ),
        "top terms (TF-IDF, 20,000 texts)": lambda: text_terms.top_terms(
            text_terms.feedback_texts(conn, everything)
        ),
        "potential per customer": lambda: potential.customer_potential(conn, everything),
        "rates + cohorts + valuable unhappy": lambda: (
            retention.loyalty_rates(conn, everything),
            retention.cohort_retention(conn, everything),
            retention.valuable_unhappy(conn, everything),
        ),
        "CLI report (all of the goal)": lambda: report(conn, everything),
    }


def child(db: str, name: str, out: str) -> None:
    """Run one step RUNS times in this (child) process; write the seconds and peak memory."""
    conn = database.connect(db)
    step = steps(conn)[name]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    conn.close()
    Path(out).write_text(
        json.dumps({"seconds": statistics.median(times), "runs": times, "peak_mb": peak_mb()})
    )


def measure(db: Path, name: str, workdir: Path) -> dict:
    """One step in a fresh child process."""
    out = workdir / "step.json"
    subprocess.run([sys.executable, __file__, "--child", str(db), name, str(out)], check=True)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feedback", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=40_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        db = workdir / "bench.duckdb"
        built = build(db, args.customers, args.feedback)
        feedback_rows = built["rows"]["feedback"]
        conn = database.connect(db)
        names = list(steps(conn))
        conn.close()
        results = {name: measure(db, name, workdir) for name in names}
    for result in results.values():
        result["feedback_rows_per_second"] = feedback_rows / result["seconds"]
    goal = sum(results[name]["seconds"] for name in GOAL_STEPS)
    print(
        f"Feedback rows {feedback_rows:,}; transactions {built['rows']['transactions']:,}; "
        f"customers {built['rows']['customers']:,}; data built in "
        f"{built['demo_seconds'] + built['grow_seconds']:.1f} s"
    )
    print(f"{'step':40} {'seconds':>8} {'rows/s':>14} {'peak MB':>8}")
    for name, r in results.items():
        print(
            f"{name:40} {r['seconds']:8.3f} {r['feedback_rows_per_second']:14,.0f} "
            f"{r['peak_mb']:8.0f}"
        )
    print(f"Goal (trend + iceberg + NPS + ladder): {goal:.2f} s (target under 3 s)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    "python": platform.python_version(),
                },
                "data": built,
                "steps": results,
                "goal_seconds": goal,
                "goal_steps": GOAL_STEPS,
            },
            indent=2,
            default=str,
        )
    )


if __name__ == "__main__":
    main()
