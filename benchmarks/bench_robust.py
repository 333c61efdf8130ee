"""Robust planning at scale: the sample with sampled futures, a generated fleet with many
futures (local pool and local Dask cluster), and how the time grows with futures and vessels.

    .venv/bin/python benchmarks/bench_robust.py sample [--futures 20]
    .venv/bin/python benchmarks/bench_robust.py large [--vessels 100 --futures 50 --dask]
    .venv/bin/python benchmarks/bench_robust.py growth [--vessels 10 20 --futures 5 10 20]

Each writes its raw results to benchmarks/results/robust-<what>.json (provenance.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fleetgen import generate_fleet  # noqa: E402
from provenance import header, load_average, write_results  # noqa: E402

from planner import schema  # noqa: E402
from planner.robust.run import solve_robust  # noqa: E402
from planner.robust.sampler import sample_futures  # noqa: E402
from planner.sample import build_sample  # noqa: E402
from planner.scenario import Scenario, make_table  # noqa: E402

# Uncertainty of a generated fleet (multipliers of its paths; illustrative).
GENERATED_UNCERTAINTY = [
    {"parameter": "FuelPrices", "distribution": "triangular", "low": 0.8, "mode": 1.0,
     "high": 1.4, "group": "fuel"},
    {"parameter": "Targets.carbon_price_per_tco2e", "distribution": "lognormal", "mean": 1.0,
     "sd": 0.35, "high": 3.0},
    {"parameter": "Technologies.capex_fixed", "distribution": "uniform", "low": 0.85,
     "high": 1.3, "group": "capex"},
]


def generated(vessels: int, futures: int, years: int, commit: int, seed: int = 1) -> Scenario:
    scenario = generate_fleet(vessels, years=years, seed=seed)
    scenario.set_table("Uncertainty", make_table(schema.UNCERTAINTY, GENERATED_UNCERTAINTY))
    scenario.present_sheets.add("Uncertainty")
    scenario.set_setting("commit_until_year", commit)
    return sample_futures(scenario, futures, seed)


def run(label: str, scenario: Scenario, partial: Any = None, **options: Any) -> dict[str, Any]:
    """One robust run; ``partial(row)`` is given what it has reached so far (saved)."""
    phases: dict[str, float] = {}
    steps: list[str] = []
    load_before = load_average()
    started = time.perf_counter()
    last_saved = [0.0]

    def progress(phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter() - started
        phases.setdefault(phase, now)
        if phase == "decomposition":
            steps.append(f"{now:.1f} s {info.get('message')}")
            print(f"  {steps[-1]}", flush=True)
        if partial is not None and (phase == "decomposition" or now - last_saved[0] > 15):
            last_saved[0] = now
            partial({"label": label, "finished": False, "elapsed_s": now,
                     "phase_start_s": dict(phases), "last_phase": phase,
                     "last_info": {k: v for k, v in info.items() if k != "message"},
                     "decomposition_steps": list(steps), "load_1min_now": load_average()})

    result = solve_robust(scenario, progress=progress, **options)
    wall = time.perf_counter() - started
    row = {"label": label, "finished": True,
           **{k: v for k, v in options.items() if k != "scheduler"},
           "dask": bool(options.get("scheduler")), "futures": len(result.futures),
           "vessels": len(scenario.fleet), "years": len(scenario.years),
           "commit_until_year": result.commit_until_year, "wall_s": wall,
           "phase_start_s": phases, "status": str(result.status), "method": result.method,
           "objective": result.objective, "bound": result.bound, "gap": result.gap,
           "committed_retrofits": len(result.committed_retrofits), "vss": result.vss,
           "evpi": result.evpi, "message": result.message, "decomposition_steps": steps,
           "load_1min_before": load_before, "load_1min_after": load_average()}
    print(f"{label}: {wall:.1f} s, {result.status}, {result.method}, gap "
          f"{result.gap if result.gap is None else f'{result.gap:.3%}'}", flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("sample", "large", "growth"))
    parser.add_argument("--futures", type=int, nargs="+", default=None)
    parser.add_argument("--vessels", type=int, nargs="+", default=None)
    parser.add_argument("--years", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds per solve and for the decomposition (default: sample 60, "
                             "large 300, growth 300); another limit than the default writes "
                             "robust-<what>-<limit>s.json")
    parser.add_argument("--dask", action="store_true", help="also on a local Dask cluster")
    parser.add_argument("--methods", nargs="+", default=["decomposition", "extensive"],
                        choices=("extensive", "decomposition"),
                        help="sample and growth: which methods")
    args = parser.parse_args()
    # The file is rewritten after every run, so a long benchmark stopped early keeps what it
    # reached ("complete": false until the last run is in).
    rows: list[dict[str, Any]] = []
    started = header()
    default_limit = 60.0 if args.what == "sample" else 300.0
    limit = args.time_limit or default_limit
    name = f"robust-{args.what}" + ("" if limit == default_limit else f"-{limit:g}s")

    def save(complete: bool = False) -> None:
        write_results(name, {**started, "what": args.what, "complete": complete,
                             "rows": rows})

    def add(row: dict[str, Any]) -> None:
        rows.append(row)
        save()

    def partial(row: dict[str, Any]) -> None:  # a run not finished yet: what it reached
        write_results(name, {**started, "what": args.what, "complete": False,
                             "rows": [*rows, row]})

    if args.what == "sample":
        futures = (args.futures or [20])[0]
        scenario = sample_futures(build_sample(), futures, 1)
        for method in args.methods:
            add(run(f"sample {futures} futures {method}", scenario, partial, jobs=args.jobs,
                    method=method, mip_gap=0.005, time_limit=limit))
    elif args.what == "large":
        vessels, futures = (args.vessels or [100])[0], (args.futures or [50])[0]
        start = 2026
        scenario = generated(vessels, futures, args.years, start + 4)
        # 300 s for the decomposition after the futures alone: the whole run near 10 minutes
        options = {"method": "decomposition", "mip_gap": 0.01, "time_limit": limit}
        add(run(f"{vessels} vessels x {futures} futures, {args.jobs} jobs", scenario,
                partial, jobs=args.jobs, **options))
        if args.dask:
            from dask.distributed import LocalCluster

            with LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True,
                              dashboard_address=None, silence_logs=50) as cluster:
                add(run(f"{vessels} vessels x {futures} futures, local Dask",
                        scenario, partial, scheduler=cluster.scheduler_address, **options))
    else:
        for vessels in args.vessels or [10, 20]:
            for futures in args.futures or [5, 10, 20]:
                scenario = generated(vessels, futures, args.years, 2030)
                for method in args.methods:
                    add(run(f"{vessels} vessels x {futures} futures {method}",
                            scenario, partial, jobs=args.jobs, method=method, mip_gap=0.005,
                            time_limit=limit))
    save(complete=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
