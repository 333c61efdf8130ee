"""The ``planner`` command: open the app, write the sample, validate, solve, what-if, report.

Errors reach the terminal in plain words on standard error; ``--debug`` shows the
traceback. Exit codes follow interfaces.md and whatif.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from planner import cli_args
from planner.cli_args import UsageParser
from planner.cli_output import print_issues, stdout_to_stderr
from planner.errors import Issue, PlannerError
from planner.exit_codes import ExitCode
from planner.scenario import Scenario
from planner.version import __version__


def _parser() -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="planner",
        description="Fleet Transition Planner: the least-cost retrofit schedule and fuel "
                    "mix that meets a fleet's emission caps.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="open the desktop app on a workbook")
    gui.add_argument("workbook", nargs="?", help="scenario workbook (.xlsx); "
                     "default: the bundled sample")

    example = commands.add_parser("example", help="write the bundled sample scenario")
    example.add_argument("out", help="where to write the sample workbook (.xlsx)")

    validate = commands.add_parser("validate", help="check a workbook; list every problem")
    validate.add_argument("workbook")

    solve = commands.add_parser("solve", help="find the least-cost plan that meets the caps")
    solve.add_argument("workbook")
    solve.add_argument("-o", "--out", help="write the inputs and the plan to this workbook")
    _add_solver_options(solve)
    solve.add_argument("--json", action="store_true",
                       help="print one JSON object on standard output and nothing else")
    solve.add_argument("--full", action="store_true",
                       help="with --json: add every Plan Annual line per year under annual")

    from planner.cli_whatif import add_whatif_commands

    add_whatif_commands(commands, _add_solver_options)
    from planner.cli_report import add_report_command

    add_report_command(commands, _add_solver_options)
    from planner.cli_robust import add_robust_commands

    add_robust_commands(commands, _add_solver_options)
    return parser


def _add_solver_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--solver", choices=("auto", "highs", "cbc"),
                        help="MILP solver (default: the workbook's setting)")
    parser.add_argument("--time-limit", type=cli_args.time_limit, metavar="S",
                        help="solver time limit in seconds")
    parser.add_argument("--gap", type=cli_args.gap, metavar="G",
                        help="relative optimality gap at which to stop, e.g. 0.005")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    cli_args.replace_unencodable_output()
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # accepted anywhere on the line, not only before COMMAND
    args = parser.parse_args([a for a in argv if a != "--debug"])
    args.debug = debug
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: _cmd_gui, "gui": _cmd_gui, "example": _cmd_example,
        "validate": _cmd_validate, "solve": _cmd_solve,
    }
    from planner.cli_whatif import WHATIF_HANDLERS

    handlers.update(WHATIF_HANDLERS)
    from planner.cli_report import REPORT_HANDLERS

    handlers.update(REPORT_HANDLERS)
    from planner.cli_robust import ROBUST_HANDLERS

    handlers.update(ROBUST_HANDLERS)
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``planner solve ... | head``): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except PlannerError as error:
        print(f"planner: {error}", file=sys.stderr)
        return ExitCode.INPUT
    except Exception as error:  # the last line of defence: plain words, never a traceback
        if args.debug:
            traceback.print_exc()
        else:
            print(f"planner: unexpected error: {error}\n(run with --debug to see the "
                  "details, and please report it)", file=sys.stderr)
        if getattr(args, "json", False):  # a script reading standard output still gets
            from planner.cli_output import plan_json  # its one object
            from planner.plan import Plan, Status

            failed = Plan(status=Status.ERROR, message=f"unexpected error: {error}")
            print(json.dumps(plan_json(failed), indent=2))
        return ExitCode.NO_PLAN


def _cmd_gui(args: argparse.Namespace) -> int:
    from planner.gui.app import run

    return run(getattr(args, "workbook", None))


def _cmd_example(args: argparse.Namespace) -> int:
    from planner.paths import resource

    source = resource("sample-fleet.xlsx")
    out = Path(args.out)
    if out.is_dir():
        out = out / "sample-fleet.xlsx"
    try:
        temp = out.with_name(f".{out.name}.tmp")
        shutil.copyfile(source, temp)
        os.replace(temp, out)
    except OSError as error:
        print(f"planner: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return ExitCode.INPUT
    print(f"Wrote the sample corridor fleet to {out}")
    return ExitCode.OK


def _read(path: str) -> tuple[Scenario, list[Issue]]:
    """The scenario of a workbook and every issue found (load and validation)."""
    from planner.validation import validate
    from planner.workbook.reader import read_workbook

    loaded = read_workbook(path)
    return loaded.scenario, validate(loaded.scenario)


def _cmd_validate(args: argparse.Namespace) -> int:
    _scenario, issues = _read(args.workbook)
    print_issues(issues)
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    name = Path(args.workbook).name
    if errors:
        print(f"{name}: {errors} error{'s' * (errors != 1)}, "
              f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
        return ExitCode.INPUT
    print(f"{name} is valid" + (f" ({warnings} warning{'s' * (warnings != 1)})"
                                if warnings else ""))
    return ExitCode.OK


def _cmd_solve(args: argparse.Namespace) -> int:
    from planner.cli_output import plan_json, print_plan_summary, solve_exit_code
    from planner.optimize.solve import solve
    from planner.plan import Plan, Status

    scenario, issues = _read(args.workbook)
    errors = [i for i in issues if i.is_error]
    if errors:
        if args.json:
            print(json.dumps(plan_json(Plan(status=Status.INVALID, issues=errors)), indent=2))
        else:
            print_issues(issues, sys.stderr)
            print(f"{Path(args.workbook).name} has errors; nothing was solved.",
                  file=sys.stderr)
        return ExitCode.INPUT

    progress = None if args.json else _terminal_progress()
    guard = stdout_to_stderr() if args.json else contextlib.nullcontext()
    with guard:
        plan = solve(scenario, solver=args.solver, time_limit=args.time_limit,
                     mip_gap=args.gap, progress=progress)
    if progress is not None:
        progress.finish()
    if args.debug and plan.details:  # the solver worker's traceback
        print(plan.details, file=sys.stderr)
    if args.json:
        print(json.dumps(plan_json(plan, full=args.full), indent=2))
    else:
        print_plan_summary(plan, scenario)
    if args.out and plan.status is not Status.INVALID:
        from planner.workbook.writer import save_scenario

        save_scenario(scenario, args.out, plan=plan if plan.has_plan else None)
        if not args.json:
            print(f"Wrote the inputs and the plan to {args.out}")
    return solve_exit_code(plan)


class _terminal_progress:  # noqa: N801 - used like a function
    """Shows the solve's phase on standard error while it runs (only on a terminal)."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.width = 0

    def __call__(self, phase: str, info: dict) -> None:
        if not self.live:
            return
        text = f"{phase}... {info.get('elapsed', 0.0):5.1f} s"
        if info.get("incumbent") is not None:
            text += f"  best plan {info['incumbent']:,.0f}"
        if info.get("bound") is not None:
            text += f"  bound {info['bound']:,.0f}"
        self.width = max(self.width, len(text))
        print("\r" + text.ljust(self.width), end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.live and self.width:
            print("\r" + " " * self.width + "\r", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
