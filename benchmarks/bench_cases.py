"""What-if runs in parallel: 8 cases of a 30-vessel fleet with 1 job and with 2 jobs;
writes benchmarks/results/cases.json.

    .venv/bin/python benchmarks/bench_cases.py [--years 12]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fleetgen import generate_fleet, with_eight_cases  # noqa: E402
from provenance import load_average, machine, write_results  # noqa: E402

from planner.whatif.runner import run_cases  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vessels", type=int, default=30)
    parser.add_argument("--years", type=int, default=12)
    parser.add_argument("--out", help="results file (default benchmarks/results/cases.json)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    scenario = with_eight_cases(generate_fleet(args.vessels, years=args.years, seed=1))
    timings = {}
    runs = {}
    loads = {}
    for jobs in (1, 2):
        loads[jobs] = load_average()
        started = time.perf_counter()
        runs[jobs] = run_cases(scenario, jobs=jobs)
        timings[jobs] = time.perf_counter() - started
        print(f"{jobs} job{'s' * (jobs > 1)}: {timings[jobs]:.1f} s "
              f"({len(runs[jobs].results)} runs: Base, 8 cases, Base plan held in each)",
              flush=True)
    same = all(a.status == b.status and (a.objective is None or b.objective is None
               or abs(a.objective - b.objective) <= 1e-6 * abs(a.objective))
               for a, b in zip(runs[1].results, runs[2].results, strict=True))
    print(f"speed-up {timings[1] / timings[2]:.2f}x; same results: {same}")
    write_results("cases", {
        "vessels": args.vessels, "years": args.years, "same_results": same,
        "speed_up": timings[1] / timings[2],
        "rows": [{"jobs": jobs, "wall_s": timings[jobs], "load_average_1min": loads[jobs],
                  "runs": len(runs[jobs].results),
                  "statuses": [str(r.status) for r in runs[jobs].results]}
                 for jobs in (1, 2)]}, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
