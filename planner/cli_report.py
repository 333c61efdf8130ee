"""The ``planner report`` command: the board's PDF of a workbook's plan."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from planner.exit_codes import ExitCode


def add_report_command(commands: Any,
                       add_solver_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``report WORKBOOK -o PDF [--solve]`` to the command parser."""
    report = commands.add_parser("report", help="write the plan report (PDF) for the board")
    report.add_argument("workbook", help="a workbook holding a plan (planner solve -o)")
    report.add_argument("-o", "--out", required=True, metavar="PDF",
                        help="where to write the report, e.g. plan.pdf")
    report.add_argument("--solve", action="store_true",
                        help="solve the workbook first instead of reporting its saved plan")
    add_solver_options(report)


def cmd_report(args: argparse.Namespace) -> int:
    from planner.board_report import source_from_workbook, write_report
    from planner.board_report.build import check_target
    from planner.cli_output import stdout_to_stderr

    started = time.perf_counter()
    check_target(args.out)  # an unwritable path fails at once, not after a solve
    options = {"solver": args.solver, "time_limit": args.time_limit, "mip_gap": args.gap}
    if args.solve and sys.stderr.isatty():
        print(f"Solving {args.workbook}...", file=sys.stderr, flush=True)
    with stdout_to_stderr():  # solver banners never mix with what the command prints
        source = source_from_workbook(args.workbook, solve=args.solve, solver_options=options)
    if source.plan.stale:
        print("planner: note: the inputs changed after this plan was solved; the report "
              "says so on its title page (add --solve for a plan of the current inputs)",
              file=sys.stderr)
    result = write_report(source, args.out)
    print(f"Wrote the plan report ({result.pages} pages) to {args.out} "
          f"in {time.perf_counter() - started:.1f} s")
    return ExitCode.OK


REPORT_HANDLERS = {"report": cmd_report}
