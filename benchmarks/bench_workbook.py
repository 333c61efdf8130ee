"""The workbook and the app: read, save, validate, a large plan saved, the app's open,
paste, undo and results redraw; writes benchmarks/results/workbook.json.

    .venv/bin/python benchmarks/bench_workbook.py              # the sizes of docs/performance.md
    .venv/bin/python benchmarks/bench_workbook.py --repeat 1 --plan-vessels 100

Fleets come from benchmarks/fleetgen.py. The "plan with 50,000 fuel-use rows" is the
generated fleet's scenario with Plan tables of that many rows made up here (the save's
cost depends on the rows, not on the numbers; a solve of that size takes minutes). The
app's steps run offscreen in this process, on the app's own Document, table model and
results view; the app does the open and the save in the background, so these are the
waits behind a progress indicator, not frozen windows.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pandas as pd  # noqa: E402
from fleetgen import generate_fleet  # noqa: E402
from provenance import machine, write_results  # noqa: E402

from planner import schema  # noqa: E402
from planner.optimize.solve import solve  # noqa: E402
from planner.plan import Plan, Status  # noqa: E402
from planner.validation import validate  # noqa: E402
from planner.workbook.reader import read_workbook  # noqa: E402
from planner.workbook.writer import save_scenario  # noqa: E402


def best_of(repeat: int, task: Callable[[], object]) -> list[float]:
    """Wall seconds of ``repeat`` runs of ``task``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return times


def plan_with_fuel_rows(rows: int) -> Plan:
    """A plan whose Plan Fuel Use sheet has ``rows`` rows (values made up, see above)."""
    fuel_use = pd.DataFrame({"vessel_id": [f"V{i // 100:04d}" for i in range(rows)],
                             "year": [2026 + i % 25 for i in range(rows)],
                             "fuel": [("VLSFO", "LNG", "Bio-methanol", "HVO")[i % 4]
                                      for i in range(rows)],
                             "energy_gj": [1000.5 + i for i in range(rows)],
                             "tonnes": [24.1 + i for i in range(rows)],
                             "cost": [15000.25 + i for i in range(rows)]})
    return Plan(status=Status.OPTIMAL, objective=1e9, fuel_use=fuel_use)


def workbook_steps(folder: Path, repeat: int, vessels: int, validate_sizes: list[int],
                   fuel_rows: int) -> dict[str, object]:
    scenario = generate_fleet(vessels, years=25, seed=1)
    path = folder / f"fleet-{vessels}.xlsx"
    save_s = best_of(repeat, lambda: save_scenario(scenario, path))
    read_s = best_of(repeat, lambda: read_workbook(path))
    validate_s = {}
    for size in validate_sizes:
        fleet = generate_fleet(size, years=25, seed=1)
        validate_s[str(size)] = best_of(repeat, lambda fleet=fleet: validate(fleet))
    plan_path = folder / "plan.xlsx"
    plan = plan_with_fuel_rows(fuel_rows)
    plan_save_s = best_of(repeat, lambda: save_scenario(scenario, plan_path, plan=plan))
    return {"vessels": vessels, "file_bytes": path.stat().st_size, "read_s": read_s,
            "save_s": save_s, "validate_s": validate_s, "fuel_use_rows": fuel_rows,
            "save_plan_s": plan_save_s, "plan_file_bytes": plan_path.stat().st_size}


def app_steps(folder: Path, repeat: int, open_vessels: int, paste_rows: int,
              plan_vessels: int) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from planner.gui.document import Document
    from planner.gui.results_view import ResultsView
    from planner.gui.table_model import ScenarioTableModel

    app = QApplication.instance() or QApplication([])
    path = folder / f"fleet-{open_vessels}.xlsx"
    save_scenario(generate_fleet(open_vessels, years=25, seed=1), path)
    document = Document()
    model = ScenarioTableModel(document, schema.FLEET.name)

    def open_workbook() -> None:
        loaded = read_workbook(path)
        document.load(loaded.scenario, loaded.plan, str(path))
        app.processEvents()

    open_s = best_of(repeat, open_workbook)
    columns = [model.column_index(name) for name in ("annual_fuel_t", "ets_share",
                                                     "main_engine_kw")]
    cells = [(row, column, "0.5" if column == columns[1] else str(1000 + row))
             for row in range(paste_rows) for column in columns]
    paste_s, undo_s = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        model.write_cells(cells)
        app.processEvents()
        paste_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        document.undo_stack.undo()
        app.processEvents()
        undo_s.append(time.perf_counter() - started)
    plan_scenario = generate_fleet(plan_vessels, years=25, seed=1)
    # any plan will do (the redraw is timed, not the solve): the LP dive's, within 5%
    plan = solve(plan_scenario, mip_gap=0.05, time_limit=600)
    document.load(plan_scenario)
    view = ResultsView(document)
    view.resize(1400, 900)
    view.show()  # a hidden view would skip its drawing

    def redraw() -> None:
        document.set_plan(plan)
        app.processEvents()

    # no plan (a loaded machine, a short time limit): nothing to redraw, said as such
    redraw_s = best_of(repeat, redraw) if plan.has_plan else []
    return {"open_vessels": open_vessels, "open_s": open_s, "paste_cells": len(cells),
            "paste_s": paste_s, "undo_s": undo_s, "plan_vessels": plan_vessels,
            "plan_status": str(plan.status), "plan_retrofits": len(plan.retrofits),
            "redraw_s": redraw_s}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--vessels", type=int, default=1000)
    parser.add_argument("--validate-sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--fuel-rows", type=int, default=50_000)
    parser.add_argument("--open-vessels", type=int, default=2000)
    parser.add_argument("--paste-rows", type=int, default=500)
    parser.add_argument("--plan-vessels", type=int, default=300)
    parser.add_argument("--out", help="results file (default benchmarks/results/workbook.json)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        books = workbook_steps(folder, args.repeat, args.vessels, args.validate_sizes,
                               args.fuel_rows)
        app = app_steps(folder, args.repeat, args.open_vessels, args.paste_rows,
                        args.plan_vessels)
    print("| task | time, best of the repeats |\n|---|---|")
    print(f"| read a {books['vessels']:,}-vessel workbook | {min(books['read_s']):.2f} s |")
    print(f"| save it ({books['file_bytes'] // 1000:,} KB) | {min(books['save_s']):.2f} s |")
    for size, times in books["validate_s"].items():  # type: ignore[attr-defined]
        print(f"| validate {int(size):,} vessels | {min(times) * 1000:.0f} ms |")
    print(f"| save a plan with {books['fuel_use_rows']:,} fuel-use rows | "
          f"{min(books['save_plan_s']):.1f} s |")
    print(f"| app: open a {app['open_vessels']:,}-vessel workbook | {min(app['open_s']):.2f} s |")
    print(f"| app: paste {app['paste_cells']:,} cells / undo | {min(app['paste_s']):.2f} s / "
          f"{min(app['undo_s']):.2f} s |")
    redraw = app["redraw_s"]
    print(f"| app: redraw the results of a {app['plan_vessels']}-vessel plan | "
          + (f"{min(redraw):.2f} s |" if redraw else  # type: ignore[arg-type]
             f"not measured: the solve ended {app['plan_status']} |"))
    write_results("workbook", {"repeat": args.repeat, "workbook": books, "app": app}, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
