"""Compliance regimes: the sample with every regime on (cold process) and generated fleets.

    .venv/bin/python benchmarks/bench_regimes.py                 # sample + 500 vessels
    .venv/bin/python benchmarks/bench_regimes.py --sizes 100 --skip-sample

Writes benchmarks/results/regimes.json (date, commit, machine, versions, load) with, per
run, the build time of the model without and with the regime rows (their difference is
the regime rows' build time), sizes, wall time, status and gap: the bundled sample as it
ships (every regime on, a FuelEU fleet pool) and with per-ship FuelEU (the defaults).
Targets (issue 14): the sample within 0.1% in under 5 s cold; 500 vessels within 1% in
under 90 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_solve import machine  # noqa: E402
from fleetgen import generate_fleet  # noqa: E402

from planner.optimize.build import build_model  # noqa: E402
from planner.optimize.params import derive_params  # noqa: E402
from planner.optimize.solve import solve  # noqa: E402
from planner.resolve import resolve  # noqa: E402
from planner.sample import regimes_switched, without_regimes  # noqa: E402
from planner.scenario import Scenario  # noqa: E402


def with_regimes(scenario: Scenario) -> Scenario:
    """Every regime on; a third of the ships call in Europe (30% intra, 40% extra)."""
    result = regimes_switched(scenario, "on")
    fleet = result.fleet
    for position in range(0, len(fleet), 3):
        fleet.at[fleet.index[position], "eu_intra_share"] = 0.3
        fleet.at[fleet.index[position], "eu_extra_share"] = 0.4
    return result


def build_seconds(scenario: Scenario) -> dict[str, float]:
    started = time.perf_counter()
    handles = build_model(derive_params(resolve(scenario)))
    counts = handles.counts()
    return {"build_s": time.perf_counter() - started, "variables": len(
        handles.problem.variables()), "rows": counts["rows"], "regime_variables": counts["regime"]}


def sample_run(gap: float, pooling: str | None = None) -> dict[str, object]:
    """The bundled sample (every regime on, a FuelEU fleet pool) solved by a cold
    `planner solve`; with ``pooling`` its fueleu_pooling changed first."""
    from planner.sample import build_sample  # (a late import: not needed for the fleets)
    from planner.workbook.writer import save_scenario

    with tempfile.TemporaryDirectory() as folder:
        path = ROOT / "resources" / "sample-fleet.xlsx"
        scenario = build_sample()
        case = "sample as bundled (every regime on, FuelEU fleet pool)"
        if pooling is not None:
            scenario.set_setting("fueleu_pooling", pooling)
            path = Path(folder) / "sample.xlsx"
            save_scenario(scenario, path)
            case = f"sample, every regime on, FuelEU pooling {pooling}"
        plain = without_regimes(scenario)
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "planner", "solve", str(path), "--gap",
                              str(gap), "--time-limit", "300", "--json"],
                             capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - started
        result = json.loads(out.stdout)
    return {"case": case, "cold_process_wall_s": wall, "load_after": os.getloadavg()[0],
            "status": result["status"], "gap": result["gap"],
            "objective": result["objective"], "objective_literal": result["objective_literal"],
            "plain_build": build_seconds(plain), "regime_build": build_seconds(scenario)}


def fleet_run(size: int, gap: float, time_limit: float) -> dict[str, object]:
    plain = generate_fleet(size, years=25, seed=1)
    scenario = with_regimes(plain)
    plan = solve(scenario, mip_gap=gap, time_limit=time_limit)
    return {"case": f"{size} generated vessels, every regime on", "wall_s": plan.solve_seconds,
            "status": str(plan.status), "gap": plan.gap, "objective": plan.objective,
            "plain_build": build_seconds(plain), "regime_build": build_seconds(scenario)}


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in ("pulp", "highspy", "pandas"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500])
    parser.add_argument("--skip-sample", action="store_true")
    parser.add_argument("--time-limit", type=float, default=90.0)
    parser.add_argument("--out", default=str(HERE / "results" / "regimes.json"))
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    runs = []
    if not args.skip_sample:
        for pooling in (None, "ship"):
            runs.append(sample_run(0.001, pooling))
            print(json.dumps(runs[-1]), flush=True)
    for size in args.sizes:
        runs.append(fleet_run(size, 0.01, args.time_limit))
        print(json.dumps(runs[-1]), flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "commit": commit,
        "machine": machine(), "versions": versions(), "load_average": os.getloadavg(),
        "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
