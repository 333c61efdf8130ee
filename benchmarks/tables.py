"""The tables of docs/performance.md, printed from the raw results in benchmarks/results.

    .venv/bin/python benchmarks/tables.py            # every results file there is
    .venv/bin/python benchmarks/tables.py sample solve solve-20-dive-on

Each table starts with the run it comes from (date, commit, load), so a number in the
docs can be traced to its file.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def _source(name: str, data: dict[str, Any]) -> str:
    load = data.get("load_average_1min_at_start", (data.get("load_average") or [None])[0])
    where = f"load {load:.1f} at the start" if isinstance(load, (int, float)) else "load not kept"
    return (f"`benchmarks/results/{name}.json`: {data.get('date', '?')}, commit "
            f"{data.get('commit', '?')}, {data.get('machine', '?')}, {where}")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.2%}"


def sample(data: dict[str, Any]) -> list[str]:
    lines = ["| solver | process wall s (best / median) | solve s (best) | status | gap |"
             " found by | proved by | load |", "|---|---|---|---|---|---|---|---|"]
    for row in data["rows"]:
        runs = row["runs"]
        walls = [run["process_wall_s"] for run in runs]
        best = min(runs, key=lambda run: run["process_wall_s"])
        loads = [run["load_average_1min"] for run in runs if run["load_average_1min"]]
        lines.append(f"| {row['solver']} | {min(walls):.1f} / {statistics.median(walls):.1f} |"
                     f" {min(run['solve_seconds'] for run in runs):.1f} | {best['status']} |"
                     f" {_percent(best['gap'])} | {best['found_by']} | {best['proved_by']} |"
                     f" {statistics.median(loads):.1f} |")
    return lines


def solve(data: dict[str, Any]) -> list[str]:
    lines = ["| vessels | variables (binary) | rows | build s | LP dive | solver | wall s |"
             " status | gap | found by | proved by |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in data["rows"]:
        lines.append(f"| {row['vessels']:,} | {row['variables']:,} ({row['binaries']:,}) |"
                     f" {row['constraints']:,} | {row['derive_s'] + row['build_s']:.2f} |"
                     f" {'on' if row.get('lp_dive', True) else 'off'} | {row['solver']} |"
                     f" {row['wall_s']:.1f} | {row['status']} | {_percent(row['gap'])} |"
                     f" {row.get('found_by') or '-'} | {row.get('proved_by') or '-'} |")
    return lines


def cases(data: dict[str, Any]) -> list[str]:
    lines = ["| jobs | wall s | load |", "|---|---|---|"]
    for row in data["rows"]:
        lines.append(f"| {row['jobs']} | {row['wall_s']:.1f} | {row['load_average_1min']:.1f} |")
    lines.append(f"\nSpeed-up {data['speed_up']:.2f}x; same results: {data['same_results']}.")
    return lines


def workbook(data: dict[str, Any]) -> list[str]:
    books, app = data["workbook"], data["app"]
    # a redraw timed without a plan drew nothing (older results did so): not a figure
    redraw = app["redraw_s"] if app["plan_status"] in ("optimal", "feasible") else []
    rows = [
        (f"read a {books['vessels']:,}-vessel workbook", f"{min(books['read_s']):.2f} s"),
        (f"save a {books['vessels']:,}-vessel scenario ({books['file_bytes'] // 1000:,} KB)",
         f"{min(books['save_s']):.2f} s"),
        *[(f"validate a {int(size):,}-vessel scenario", f"{min(times) * 1000:,.0f} ms")
          for size, times in books["validate_s"].items()],
        (f"save a plan with {books['fuel_use_rows']:,} fuel-use rows",
         f"{min(books['save_plan_s']):.1f} s"),
        (f"app: open a {app['open_vessels']:,}-vessel workbook", f"{min(app['open_s']):.2f} s"),
        (f"app: paste {app['paste_cells']:,} cells / undo it",
         f"{min(app['paste_s']):.2f} s / {min(app['undo_s']):.2f} s"),
        (f"app: redraw the results of a {app['plan_vessels']}-vessel plan",
         f"{min(redraw):.2f} s" if redraw else
         f"not measured (its solve ended {app['plan_status']})"),
    ]
    return ["| task | time (best of the repeats) |", "|---|---|",
            *[f"| {task} | {time} |" for task, time in rows]]


def robust(data: dict[str, Any]) -> list[str]:
    """robust-sample, robust-growth, robust-large (bench_robust.py)."""
    lines = ["| run | wall s | decomposition started at s | status | objective | bound | gap |"
             " committed retrofits | VSS | EVPI | load before / after |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in data["rows"]:
        started = row.get("phase_start_s", {}).get("decomposition")
        lines.append(f"| {row['label']} | {row['wall_s']:.0f} |"
                     f" {'-' if started is None else f'{started:.0f}'} | {row['status']} |"
                     f" {_whole(row.get('objective'))} | {_whole(row.get('bound'))} |"
                     f" {_percent(row.get('gap'))} | {row.get('committed_retrofits', '-')} |"
                     f" {_whole(row.get('vss'))} | {_whole(row.get('evpi'))} |"
                     f" {row['load_1min_before']:.1f} / {row['load_1min_after']:.1f} |")
    return lines


def regimes(data: dict[str, Any]) -> list[str]:
    """regimes (bench_regimes.py): the sample cold and generated fleets."""
    lines = ["| case | build s, plain / with regimes | variables, plain / with regimes (regime) |"
             " rows, plain / with regimes | wall s | status | gap |",
             "|---|---|---|---|---|---|---|"]
    for run in data["runs"]:
        plain, full = run["plain_build"], run["regime_build"]
        wall = run.get("cold_process_wall_s", run.get("wall_s"))
        lines.append(f"| {run['case']} | {plain['build_s']:.2f} / {full['build_s']:.2f} |"
                     f" {plain['variables']:,} / {full['variables']:,}"
                     f" ({full['regime_variables']:,}) | {plain['rows']:,} / {full['rows']:,} |"
                     f" {wall:.1f} | {run['status']} | {_percent(run.get('gap'))} |")
    return lines


def regime(data: dict[str, Any]) -> list[str]:
    """regime-bound (bench_regime_bound.py): the regime sample's bound against its plan."""
    runs = data["runs"]
    lp = runs["lp_relaxation"]
    lines = ["| HiGHS run (one thread) | seconds | objective | bound | gap | nodes |",
             "|---|---|---|---|---|---|",
             f"| LP relaxation | {lp['seconds']:.1f} | - | {_whole(lp['bound'])} |"
             f" {_percent(lp['below_optimum'])} below the optimum | - |"]
    for name, label in (("to_0.1%", "to 0.1%"), ("to_0.01%", "to 0.01% (the near-optimum)"),
                        ("to_0.1%_from_the_optimum", "to 0.1%, starting from that plan")):
        run = runs[name]
        lines.append(f"| {label} | {run['seconds']:.1f} | {_whole(run['objective'])} |"
                     f" {_whole(run['bound'])} | {_percent(run['gap'])} | {run['nodes']:,} |")
    return lines


def _whole(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


TABLES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "sample": sample, "solve": solve, "cases": cases, "workbook": workbook, "robust": robust,
    "regimes": regimes, "regime": regime}


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or sorted(
        path.stem for path in RESULTS.glob("*.json") if path.stem.split("-")[0] in TABLES)
    for name in names:
        path = RESULTS / f"{name}.json"
        if not path.exists():
            print(f"{name}: no results file at {path}\n")
            continue
        data = json.loads(path.read_text())
        print(f"{name} ({_source(name, data)})\n")
        print("\n".join(TABLES[name.split("-")[0]](data)) + "\n")  # solve-20-...: solve
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
