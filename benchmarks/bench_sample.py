"""The bundled sample's plain model: wall time to a proven 0.1% gap per solver, cold
process; writes benchmarks/results/sample.json.

    .venv/bin/python benchmarks/bench_sample.py --repeat 3

Each run is a fresh ``planner solve`` process (what a planner waits for on the command
line: start-up, reading the workbook, building, solving, extracting, the summary); the
best and median of the repeats are reported, with what found and proved each plan.
The sample ships with its compliance regimes on; this times it with the three switches
off (the model of model.md); bench_regimes.py times it as it ships.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from provenance import load_average, machine, write_results  # noqa: E402

SAMPLE = ROOT / "resources" / "sample-fleet.xlsx"


def plain_sample(folder: str) -> Path:
    """The bundled workbook with its regime switches off, written into ``folder``."""
    from planner.sample import without_regimes
    from planner.workbook.reader import load_scenario
    from planner.workbook.writer import save_scenario

    path = Path(folder) / "sample-plain.xlsx"
    save_scenario(without_regimes(load_scenario(str(SAMPLE))), path)
    return path


def run_once(workbook: Path, solver: str, gap: float) -> dict:
    load = load_average()
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "planner", "solve", str(workbook), "--solver",
                          solver, "--gap", f"{gap:g}", "--json"], capture_output=True,
                         text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    plan = json.loads(out.stdout)
    return {"process_wall_s": wall, "load_average_1min": load, "exit": out.returncode,
            **{key: plan.get(key) for key in ("status", "gap", "objective", "solve_seconds",
                                              "found_by", "proved_by")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gap", type=float, default=0.001)
    parser.add_argument("--out", help="results file (default benchmarks/results/sample.json)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print("| solver | process wall s (best / median) | solve s (best) | status | gap |"
          " found by | proved by |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    folder = tempfile.mkdtemp()
    workbook = plain_sample(folder)
    for solver in ("highs", "cbc"):
        runs = [run_once(workbook, solver, args.gap) for _ in range(args.repeat)]
        rows.append({"solver": solver, "runs": runs})
        walls = [run["process_wall_s"] for run in runs]
        best = min(runs, key=lambda run: run["process_wall_s"])
        print(f"| {solver} | {min(walls):.2f} / {statistics.median(walls):.2f} | "
              f"{min(run['solve_seconds'] for run in runs):.2f} | {best['status']} | "
              f"{best['gap']:.3%} | {best['found_by']} | {best['proved_by']} |", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    write_results("sample", {"workbook": SAMPLE.name, "regimes": "off", "gap": args.gap, "repeat": args.repeat,
                             "rows": rows}, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
