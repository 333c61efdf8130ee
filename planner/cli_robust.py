"""The robust-planning commands of ``planner``: robust and futures (robust.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from planner import cli_args
from planner.exit_codes import ExitCode, exit_code_of


def add_robust_commands(commands: Any,
                        add_solver_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``robust`` and ``futures`` to the command parser."""
    robust = commands.add_parser("robust", help="one retrofit schedule to commit to now, "
                                 "good across the futures")
    robust.add_argument("workbook")
    robust.add_argument("--method", choices=("auto", "extensive", "decomposition"),
                        default="auto", help="the extensive form, the decomposition, or "
                        "auto (by size; docs/robust.md)")
    cli_args.add_run_options(robust, add_solver_options, "parallel solves on this machine")

    futures = commands.add_parser("futures", help="sample futures from the Uncertainty sheet "
                                  "into Cases and Futures rows")
    futures.add_argument("workbook")
    futures.add_argument("--n", type=int, required=True, metavar="N", help="number of samples")
    futures.add_argument("--seed", type=int, required=True, metavar="S", help="random seed")
    futures.add_argument("-o", "--out", required=True, help="the workbook to write")
    futures.add_argument("--prefix", default="MC", metavar="P",
                         help="case names P 001 ... P N (default MC)")


def _cmd_futures(args: argparse.Namespace) -> int:
    from planner.cli_output import print_issues
    from planner.errors import WorkbookError
    from planner.robust.sampler import sample_futures
    from planner.workbook.reader import read_workbook
    from planner.workbook.writer import save_scenario

    scenario = read_workbook(args.workbook).scenario
    try:
        sampled = sample_futures(scenario, args.n, args.seed, args.prefix)
    except WorkbookError as error:
        print_issues(error.issues, sys.stderr)
        print(f"{error.headline}.", file=sys.stderr)
        return ExitCode.INPUT
    save_scenario(sampled, args.out)
    print(f"Wrote {args.n} sampled futures ({args.prefix} 1 to {args.n}, seed {args.seed}) "
          f"to {args.out}")
    return ExitCode.OK


def _cmd_robust(args: argparse.Namespace) -> int:
    from planner.cli_output import print_issues, stdout_to_stderr
    from planner.robust.run import solve_robust
    from planner.robust.text import format_robust
    from planner.workbook.reader import read_workbook

    scenario = read_workbook(args.workbook).scenario

    def progress(phase: str, info: dict[str, Any]) -> None:
        if args.json:
            return
        if phase == "alone" and info.get("future"):
            print(f"[{info['done']}/{info['total']}] {info['future']} solved alone",
                  file=sys.stderr, flush=True)
        elif phase == "robust":
            print(f"robust plan: {info.get('stage', '')}", file=sys.stderr, flush=True)
        elif phase == "decomposition":
            print(f"decomposition: {info.get('message', '')}", file=sys.stderr, flush=True)

    with stdout_to_stderr():
        result = solve_robust(scenario, jobs=args.jobs, scheduler=args.scheduler,
                              solver=args.solver, time_limit=args.time_limit, mip_gap=args.gap,
                              method=args.method, progress=progress)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        if result.issues:
            print_issues(result.issues, sys.stderr)
        print(format_robust(result))
    if args.out and result.has_plan:
        from planner.workbook.writer import save_scenario

        save_scenario(scenario, args.out, cases=result.output_tables())
        if not args.json:
            print(f"Wrote the inputs and the robust results to {args.out}")
    return exit_code_of(result.status)


ROBUST_HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "robust": _cmd_robust, "futures": _cmd_futures,
}
__all__ = ["ROBUST_HANDLERS", "ExitCode", "add_robust_commands"]
