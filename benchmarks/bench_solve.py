"""Model build and solve time by fleet size and solver; writes benchmarks/results/solve.json.

    .venv/bin/python benchmarks/bench_solve.py                  # 20, 100, 500 vessels
    .venv/bin/python benchmarks/bench_solve.py --sizes 20 100 --time-limit 60

Each fleet comes from benchmarks/fleetgen.py (25 years, 9 fuels, 7 technologies). Build
time is measured in this process (resolve, derived data, PuLP model); the solve goes
through planner.optimize.solve.solve exactly as the app and the command line call it,
so its wall time includes the worker process and the extraction of the plan.

Two runs per size: the solvers compared with the LP dive off (each solver finds and
proves its own plan), and as the app solves (the dive on: large models start from the
rounded LP relaxation, which may leave the solver nothing to do). Each row says what
found the plan and what proved it (Plan.found_by, Plan.proved_by).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fleetgen import generate_fleet  # noqa: E402
from provenance import machine, write_results  # noqa: E402

from planner.optimize.build import build_model  # noqa: E402
from planner.optimize.params import derive_params  # noqa: E402
from planner.optimize.solve import solve  # noqa: E402
from planner.resolve import resolve  # noqa: E402

__all__ = ["machine", "main", "measure_build"]


def measure_build(scenario: object) -> dict[str, float]:
    started = time.perf_counter()
    params = derive_params(resolve(scenario))  # type: ignore[arg-type]
    derived = time.perf_counter()
    handles = build_model(params)
    built = time.perf_counter()
    problem = handles.problem
    return {"derive_s": derived - started, "build_s": built - derived,
            "variables": problem.numVariables(), "binaries": len(handles.install),
            "constraints": problem.numConstraints()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 500])
    parser.add_argument("--solvers", nargs="+", default=["highs", "cbc"])
    parser.add_argument("--dive", choices=["off", "on", "both"], default="both",
                        help="off: compare the solvers alone; on: as the app solves")
    parser.add_argument("--gap", type=float, default=0.01)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--out", help="results file (default benchmarks/results/solve.json)")
    args = parser.parse_args(argv)
    dives = {"off": [False], "on": [True], "both": [False, True]}[args.dive]

    rows = []
    print(f"machine: {machine()}")
    print("| vessels | variables (binary) | rows | build s | LP dive | solver | wall s | status"
          " | gap | found by | proved by | NPV |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        scenario = generate_fleet(size, years=25, seed=1)
        size_info = measure_build(scenario)
        for lp_dive in dives:
            for solver in args.solvers:
                plan = solve(scenario, solver=solver, time_limit=args.time_limit,
                             mip_gap=args.gap, lp_dive=lp_dive)
                row = {"vessels": size, "solver": solver, "lp_dive": lp_dive, **size_info,
                       "wall_s": plan.solve_seconds, "status": str(plan.status),
                       "gap": plan.gap, "objective": plan.objective,
                       "found_by": plan.found_by, "proved_by": plan.proved_by}
                rows.append(row)
                gap = "-" if plan.gap is None else f"{plan.gap:.2%}"
                npv = "-" if plan.objective is None else f"{plan.objective:,.0f}"
                print(f"| {size} | {size_info['variables']:,} ({size_info['binaries']:,}) | "
                      f"{size_info['constraints']:,} | "
                      f"{size_info['derive_s'] + size_info['build_s']:.2f} | "
                      f"{'on' if lp_dive else 'off'} | {solver} | {plan.solve_seconds:.1f} | "
                      f"{plan.status} | {gap} | {plan.found_by or '-'} | "
                      f"{plan.proved_by or '-'} | {npv} |", flush=True)
    write_results("solve", {"gap": args.gap, "time_limit": args.time_limit, "rows": rows},
                  args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
