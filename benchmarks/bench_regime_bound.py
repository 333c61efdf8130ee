"""Where the regime sample's time goes: its bound, not its search for a plan.

    .venv/bin/python benchmarks/bench_regime_bound.py

Builds the bundled sample's model (every regime on) and hands it to HiGHS directly
(highspy, one thread, no planner around it): the LP relaxation's bound, a solve to 0.1%
from nothing, a solve to 0.01% (the near-optimum), then a solve to 0.1% that starts from
that near-optimum. The last one's time is what proving the gap costs even with the best
plan known from the start: no first-plan heuristic can save more. Writes
benchmarks/results/regime-bound.json. Takes about five minutes on two idle cores.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import highspy  # noqa: E402
from provenance import header, write_results  # noqa: E402

from planner.optimize.build import build_model  # noqa: E402
from planner.optimize.params import derive_params  # noqa: E402
from planner.resolve import resolve  # noqa: E402
from planner.workbook.reader import read_workbook  # noqa: E402

SAMPLE = HERE.parent / "resources" / "sample-fleet.xlsx"


def highs(model: Path, **options: Any) -> highspy.Highs:
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.readModel(str(model))
    solver.setOptionValue("threads", 1)
    for name, value in options.items():
        solver.setOptionValue(name, value)
    return solver


def timed(solver: highspy.Highs) -> dict[str, Any]:
    started = time.perf_counter()
    solver.run()
    info = solver.getInfo()
    return {"seconds": time.perf_counter() - started,
            "objective": info.objective_function_value,
            "bound": info.mip_dual_bound, "gap": info.mip_gap, "nodes": info.mip_node_count}


def main() -> int:
    started = header()
    handles = build_model(derive_params(resolve(read_workbook(SAMPLE).scenario)))
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "sample.mps"
        handles.problem.writeMPS(str(model))
        relaxation = highs(model, solve_relaxation=True)
        lp = timed(relaxation)
        plain = timed(highs(model, mip_rel_gap=0.001))
        tight_solver = highs(model, mip_rel_gap=0.0001)
        tight = timed(tight_solver)
        warm_solver = highs(model, mip_rel_gap=0.001)
        warm_solver.setSolution(tight_solver.getSolution())
        warm = timed(warm_solver)
    optimum = tight["objective"]
    runs = {"lp_relaxation": {"seconds": lp["seconds"], "bound": lp["objective"],
                              "below_optimum": 1 - lp["objective"] / optimum},
            "to_0.1%": plain, "to_0.01%": tight, "to_0.1%_from_the_optimum": warm}
    for name, run in runs.items():
        print(f"{name}: {run}")
    write_results("regime-bound", {"started": started["date"],
                                    "load_average_1min_at_start":
                                        started["load_average_1min_at_start"],
                                    "model": SAMPLE.name, "runs": runs})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
