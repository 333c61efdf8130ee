"""The what-if commands of ``planner``: cases, sensitivity, sweep (whatif.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from planner import cli_args
from planner.exit_codes import ExitCode


def add_whatif_commands(commands: Any,
                        add_solver_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``cases``, ``sensitivity`` and ``sweep`` to the command parser."""
    cases = commands.add_parser("cases", help="solve Base and the what-if cases side by side")
    cases.add_argument("workbook")
    cases.add_argument("--case", action="append", metavar="NAME",
                       help="run only this case (repeatable); default: every case")
    cli_args.add_run_options(cases, add_solver_options)

    sens = commands.add_parser("sensitivity", help="the tornado: each parameter scaled "
                               "down and up by the swing")
    sens.add_argument("workbook")
    sens.add_argument("--swing", type=float, default=0.2, metavar="F",
                      help="relative swing, default 0.2 (20%%)")
    sens.add_argument("--parameter", action="append", metavar="P[:ITEM]",
                      help="a parameter (Sheet.column, FuelPrices, ...) with an optional item; "
                      "repeatable; default: the list of whatif.md")
    cli_args.add_run_options(sens, add_solver_options)

    sweep = commands.add_parser("sweep", help="one parameter over a list of values")
    sweep.add_argument("workbook")
    sweep.add_argument("--parameter", required=True, metavar="P")
    sweep.add_argument("--item", metavar="I")
    sweep.add_argument("--change", choices=("scale", "add", "set"), default="set")
    sweep.add_argument("--values", required=True, metavar="V1,V2,...")
    sweep.add_argument("--from-year", type=int, metavar="Y")
    sweep.add_argument("--to-year", type=int, metavar="Y")
    cli_args.add_run_options(sweep, add_solver_options)


def _load(path: str) -> tuple[Any, list[Any]]:
    from planner.validation import validate
    from planner.workbook.reader import read_workbook

    scenario = read_workbook(path).scenario
    return scenario, [i for i in validate(scenario) if i.is_error]


def _run(args: argparse.Namespace, study: Callable[..., Any]) -> int:
    from planner.cli_output import print_issues, stdout_to_stderr
    from planner.whatif.cases_text import cases_json, format_cases_table

    scenario, errors = _load(args.workbook)
    if errors:
        if args.json:
            print(json.dumps({"cases": [], "errors": [
                {"sheet": i.sheet, "cell": i.cell, "message": i.message} for i in errors]},
                indent=2))
        else:
            print_issues(errors, sys.stderr)
            print("The workbook has errors; nothing was solved.", file=sys.stderr)
        return ExitCode.INPUT

    def progress(name: str, done: int, total: int, result: Any) -> None:
        if not args.json:
            print(f"[{done}/{total}] {name}: {result.status}", file=sys.stderr, flush=True)

    options = {"jobs": args.jobs, "scheduler": args.scheduler, "solver": args.solver,
               "time_limit": args.time_limit, "mip_gap": args.gap, "progress": progress}
    with stdout_to_stderr():
        run = study(scenario, options)
    if args.json:
        print(json.dumps(cases_json(run), indent=2))
    else:
        print(format_cases_table(run, scenario))
    if args.out:
        from planner.workbook.writer import save_scenario

        save_scenario(run.scenario, args.out, cases=run.output_tables())
        if not args.json:
            print(f"Wrote the inputs and the results to {args.out}")
    return ExitCode.NO_PLAN if run.any_without_result else ExitCode.OK


def _cmd_cases(args: argparse.Namespace) -> int:
    from planner.whatif.runner import run_cases

    return _run(args, lambda scenario, options: run_cases(scenario, cases=args.case, **options))


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from planner.whatif.studies import sensitivity

    return _run(args, lambda scenario, options: sensitivity(
        scenario, swing=args.swing, parameters=args.parameter, **options))


def _cmd_sweep(args: argparse.Namespace) -> int:
    from planner.whatif.studies import parse_values, sweep

    values = parse_values(args.values)
    return _run(args, lambda scenario, options: sweep(
        scenario, args.parameter, values, item=args.item, change=args.change,
        from_year=args.from_year, to_year=args.to_year, **options))


WHATIF_HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "cases": _cmd_cases, "sensitivity": _cmd_sensitivity, "sweep": _cmd_sweep,
}
