"""The bundled sample: wall time to a proven 0.1% gap per solver, build included, cold process.

    .venv/bin/python benchmarks/bench_sample.py --repeat 3

Each run is a fresh ``planner solve`` process (what a planner waits for on the command
line); the best and median of the repeats are reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(solver: str) -> tuple[float, dict]:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "planner", "solve",
                          str(ROOT / "resources" / "sample-fleet.xlsx"), "--solver", solver,
                          "--gap", "0.001", "--json"], capture_output=True, text=True)
    return time.perf_counter() - started, json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| solver | process wall s (best / median) | solve s (best) | status | gap |")
    print("|---|---|---|---|---|")
    for solver in ("highs", "cbc"):
        runs = [run_once(solver) for _ in range(args.repeat)]
        walls = [wall for wall, _ in runs]
        best = min(runs, key=lambda run: run[0])[1]
        print(f"| {solver} | {min(walls):.2f} / {statistics.median(walls):.2f} | "
              f"{min(r['solve_seconds'] for _, r in runs):.2f} | {best['status']} | "
              f"{best['gap']:.3%} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
