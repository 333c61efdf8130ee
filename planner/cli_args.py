"""The command line's own checks: arguments in range (exit 1 if not), output any console encodes."""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
from collections.abc import Callable
from typing import NoReturn

from planner.exit_codes import ExitCode

TIME_LIMIT_MAX = 1e7  # seconds: the schema's physical limit of time_limit_s (~4 months)
JOBS_MAX = 1024


class UsageParser(argparse.ArgumentParser):
    """argparse with exit status 1 for a bad argument (2 means "caps cannot be met")."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(int(ExitCode.INPUT), f"{self.prog}: error: {message}\n")


def replace_unencodable_output() -> None:
    """A character the console cannot encode (cp1252, ascii) becomes "?" instead of
    losing the whole message to a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def time_limit(text: str) -> float:
    """--time-limit: seconds, greater than 0 and at most 1e7."""
    value = _number(text)
    if not 0 < value <= TIME_LIMIT_MAX:
        raise argparse.ArgumentTypeError(
            f"must be greater than 0 and at most {TIME_LIMIT_MAX:g} seconds, got {text}")
    return value


def gap(text: str) -> float:
    """--gap: a relative gap between 0 and 1 (a percentage such as 1% allowed)."""
    stripped = text.strip()
    value = _number(stripped[:-1]) / 100 if stripped.endswith("%") else _number(stripped)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def jobs(text: str) -> int:
    """--jobs: a whole number of parallel runs, 1 to 1024."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if not 1 <= value <= JOBS_MAX:
        raise argparse.ArgumentTypeError(f"must be between 1 and {JOBS_MAX}, got {text}")
    return value


def add_run_options(parser: argparse.ArgumentParser,
                    add_solver_options: Callable[[argparse.ArgumentParser], None],
                    parallel: str = "parallel runs on this machine") -> None:
    """-o/--out, --json, --jobs, --scheduler and the solver options of a command that runs
    many solves (the what-if and robust commands)."""
    parser.add_argument("-o", "--out", help="write the inputs and the results to this workbook")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object on standard output and nothing else")
    parser.add_argument("--jobs", type=jobs, metavar="N",
                        help=f"{parallel} (default: number of cores)")
    parser.add_argument("--scheduler", metavar="ADDR",
                        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786")
    add_solver_options(parser)
