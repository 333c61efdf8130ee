"""Model build and solve time by fleet size and solver; writes a Markdown table and JSON.

    .venv/bin/python benchmarks/bench_solve.py                  # 20, 100, 500, 1000 vessels
    .venv/bin/python benchmarks/bench_solve.py --sizes 20 100 --time-limit 60

Each fleet comes from benchmarks/fleetgen.py (25 years, 9 fuels, 7 technologies). Build
time is measured in this process (resolve, derived data, PuLP model); the solve goes
through planner.optimize.solve.solve exactly as the app and the command line call it,
so its wall time includes the worker process and the extraction of the plan.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fleetgen import generate_fleet  # noqa: E402

from planner.optimize.build import build_model  # noqa: E402
from planner.optimize.params import derive_params  # noqa: E402
from planner.optimize.solve import solve  # noqa: E402
from planner.resolve import resolve  # noqa: E402


def machine() -> str:
    """One line about the machine the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


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
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 500, 1000])
    parser.add_argument("--solvers", nargs="+", default=["highs", "cbc"])
    parser.add_argument("--gap", type=float, default=0.01)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--out", default=str(HERE / "results" / "solve.json"))
    args = parser.parse_args(argv)

    rows = []
    print(f"machine: {machine()}")
    print("| vessels | variables (binary) | rows | build s | solver | wall s | status | gap |"
          " NPV |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        scenario = generate_fleet(size, years=25, seed=1)
        size_info = measure_build(scenario)
        for solver in args.solvers:
            plan = solve(scenario, solver=solver, time_limit=args.time_limit, mip_gap=args.gap)
            row = {"vessels": size, "solver": solver, **size_info,
                   "wall_s": plan.solve_seconds, "status": str(plan.status),
                   "gap": plan.gap, "objective": plan.objective}
            rows.append(row)
            gap = "-" if plan.gap is None else f"{plan.gap:.2%}"
            npv = "-" if plan.objective is None else f"{plan.objective:,.0f}"
            print(f"| {size} | {size_info['variables']:,} ({size_info['binaries']:,}) | "
                  f"{size_info['constraints']:,} | {size_info['derive_s'] + size_info['build_s']:.2f}"
                  f" | {solver} | {plan.solve_seconds:.1f} | {plan.status} | {gap} | {npv} |",
                  flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine(), "gap": args.gap,
                               "time_limit": args.time_limit, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
