"""What every benchmark shares: where results go, the demo database, and peak memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    """This process's peak resident memory in MB.

    Linux carries ``ru_maxrss`` across exec, so a child started by a big parent would report the
    parent's peak; the kernel's high-water mark of this process image (VmHWM) is read instead.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def demo_database(customers: int, seed: int = 42) -> Path:
    """The demo database of ``customers`` customers under bench/out/, generated once and reused."""
    path = OUT / f"demo_{customers}_seed{seed}.duckdb"
    if path.exists():
        return path
    from dashboard.demo import generator
    from dashboard.store import database

    OUT.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    conn = database.connect(partial)
    started = time.perf_counter()
    generator.load_demo(conn, customers=customers, seed=seed)
    conn.execute("CHECKPOINT")
    conn.close()
    partial.rename(path)
    print(f"generated {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def run_child(script: str, name: str, path: Path) -> dict:
    """Run ``script --route name --db path`` in a child process of its own (so its peak memory
    is its own) and return the JSON of its last line."""
    done = subprocess.run(
        [sys.executable, script, "--route", name, "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode:
        raise RuntimeError(f"{name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])
