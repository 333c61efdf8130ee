"""How long the plan report (PDF) takes by fleet size; writes the raw results as JSON.

    .venv/bin/python benchmarks/bench_report.py                  # 20 and 500 vessels
    .venv/bin/python benchmarks/bench_report.py --sizes 500 --repeat 3

Each fleet comes from benchmarks/fleetgen.py and is solved once (1% gap) into a workbook,
as `planner solve -o` leaves it. Then, per repeat: `planner report WORKBOOK -o PDF` in a
fresh process (what a planner waits for: start-up, reading the workbook, drawing,
writing), and the same steps in this process, timed one by one.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from fleetgen import generate_fleet  # noqa: E402
from provenance import machine, write_results  # noqa: E402

from planner.board_report import source_from_workbook  # noqa: E402
from planner.board_report.build import build_document  # noqa: E402
from planner.optimize.solve import solve  # noqa: E402
from planner.workbook.writer import save_scenario  # noqa: E402


def solved_workbook(size: int, folder: Path, gap: float, time_limit: float) -> tuple[Path, dict]:
    """The generated fleet solved into a workbook (reused when ``folder`` has it)."""
    path = folder / f"fleet-{size}.xlsx"
    if path.exists():
        plan = source_from_workbook(path).plan
    else:
        scenario = generate_fleet(size, years=25, seed=1)
        plan = solve(scenario, mip_gap=gap, time_limit=time_limit)
        if not plan.has_plan:
            raise SystemExit(f"{size} vessels: no plan to report ({plan.message})")
        save_scenario(scenario, path, plan=plan)
    return path, {"status": str(plan.status), "gap": plan.gap, "solve_s": plan.solve_seconds,
                  "retrofits": len(plan.retrofits)}


def in_process(workbook: Path, out: Path) -> dict[str, float]:
    started = time.perf_counter()
    source = source_from_workbook(workbook)
    read = time.perf_counter()
    doc, _contents = build_document(source)
    drawn = time.perf_counter()
    with out.open("wb") as stream:
        doc.write(stream, {})
    written = time.perf_counter()
    return {"read_s": read - started, "draw_s": drawn - read, "write_s": written - drawn,
            "pages": len(doc.pages)}


def command_line(workbook: Path, out: Path) -> tuple[float, float]:
    """Wall seconds of the command, and its processor seconds (user + system): on a
    shared machine the wall time grows with the others' load, the processor time not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "planner", "report", str(workbook), "-o",
                           str(out)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"planner report exited {done.returncode}: {done.stderr}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 500])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gap", type=float, default=0.01)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--out", help="results file (default benchmarks/results/report.json)")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep the solved workbooks here (and reuse them next time)")
    args = parser.parse_args(argv)
    rows = []
    print(f"machine: {machine()}")
    print("| vessels | retrofits | pages | command line s (best / median) | its CPU s (best) |"
          " load | read s | draw s | write s |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        kept = Path(args.keep) if args.keep else folder
        kept.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            workbook, plan = solved_workbook(size, kept, args.gap, args.time_limit)
            walls, cpus, loads, phases = [], [], [], []
            for number in range(args.repeat):
                loads.append(os.getloadavg()[0])
                wall, cpu = command_line(workbook, folder / f"cli-{size}-{number}.pdf")
                walls.append(wall)
                cpus.append(cpu)
                phases.append(in_process(workbook, folder / f"in-{size}-{number}.pdf"))
            best = {key: min(p[key] for p in phases) for key in ("read_s", "draw_s",
                                                                  "write_s")}
            row = {"vessels": size, "plan": plan, "pages": phases[0]["pages"],
                   "command_line_s": walls, "command_line_cpu_s": cpus,
                   "load_average_1min": loads, "in_process": phases,
                   "pdf_bytes": (folder / f"cli-{size}-0.pdf").stat().st_size}
            rows.append(row)
            print(f"| {size} | {plan['retrofits']:,} | {row['pages']} | {min(walls):.1f} / "
                  f"{statistics.median(walls):.1f} | {min(cpus):.1f} | "
                  f"{statistics.median(loads):.1f} | {best['read_s']:.2f} | "
                  f"{best['draw_s']:.2f} | {best['write_s']:.2f} |", flush=True)
    write_results("report", {"gap": args.gap, "repeat": args.repeat, "rows": rows}, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
