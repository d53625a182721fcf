"""Comparison: the archived `lifetimes` package on the same customers as bench_future.py.

lifetimes (archived since 2020) needs pandas < 2 and numpy < 2, so it runs in an environment of
its own, never the app's:

    python3 -m venv /tmp/lt && /tmp/lt/bin/pip install lifetimes "pandas<2" "numpy<2" "scipy<1.12"
    .venv/bin/python bench/bench_lifetimes.py --export     # our summary of the 1M demo, to CSV
    /tmp/lt/bin/python bench/bench_lifetimes.py            # lifetimes fits and predicts on it

The export is the input our model reads (frequency, recency and age in weeks, the mean repeat
spend), as of the demo's last day; lifetimes then fits BG/NBD and Gamma-Gamma on it and predicts
every customer's purchases over 52 weeks, probability alive and expected spend (no intervals).
Seconds and peak memory go to stdout and bench/out/bench_lifetimes.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CSV = OUT / "future_summary_1m.csv"


def export(customers: int, db: str | None = None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    import duckdb
    from common import demo_database

    from dashboard.future import summary
    from dashboard.store.filters import Filters

    conn = duckdb.connect(db or str(demo_database(customers)), read_only=True)
    _, last = summary.data_range(conn, Filters())
    frame = summary.full_rows(summary.customer_summary(conn, Filters(), last))
    frame["recency"] = frame["recency_days"] / 7
    frame["T"] = frame["age_days"] / 7
    frame[["frequency", "recency", "T", "monetary"]].to_csv(CSV, index=False)
    print(f"wrote {CSV} ({len(frame):,} customers)")


def run() -> None:
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    data = pd.read_csv(CSV)
    started = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(data["frequency"], data["recency"], data["T"])
    fitted = time.perf_counter()
    purchases = bgf.conditional_expected_number_of_purchases_up_to_time(
        52, data["frequency"], data["recency"], data["T"]
    )
    alive = bgf.conditional_probability_alive(data["frequency"], data["recency"], data["T"])
    repeat = data[(data["frequency"] > 0) & (data["monetary"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(repeat["frequency"], repeat["monetary"])
    spend = ggf.conditional_expected_average_profit(data["frequency"], data["monetary"].fillna(0))
    done = time.perf_counter()
    result = {
        "customers": len(data),
        "bgnbd_fit_s": round(fitted - started, 2),
        "all_s": round(done - started, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bgnbd": {k: float(v) for k, v in bgf.params_.items()},
        "gamma_gamma": {k: float(v) for k, v in ggf.params_.items()},
        "expected_purchases": float(purchases.sum()),
        "mean_p_alive": float(alive.mean()),
        "mean_spend": float(spend.mean()),
    }
    print(json.dumps(result, indent=2))
    (OUT / "bench_lifetimes.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--export", action="store_true")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--db", help="another database than the 1M demo")
    args = parser.parse_args()
    export(args.customers, args.db) if args.export else run()
