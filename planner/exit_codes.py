"""The exit status of every ``planner`` command (interfaces.md, whatif.md), in one place."""

from __future__ import annotations

from enum import IntEnum

from planner.plan import Status


class ExitCode(IntEnum):
    """What a command's exit status tells a script."""

    OK = 0  # done: a plan (proven, or the best at the time limit), a file written
    INPUT = 1  # the workbook or the arguments have errors; nothing was solved
    INFEASIBLE = 2  # the caps cannot be met (the plan that comes closest is reported)
    NO_PLAN = 3  # no plan or no result: the solver failed or was stopped first


_BY_STATUS = {
    Status.OPTIMAL: ExitCode.OK,
    Status.FEASIBLE: ExitCode.OK,
    Status.INVALID: ExitCode.INPUT,
    Status.INFEASIBLE: ExitCode.INFEASIBLE,
    Status.ERROR: ExitCode.NO_PLAN,
}


def exit_code_of(status: Status) -> ExitCode:
    """0 a plan (proven or best at the limit), 1 bad input, 2 caps not met, 3 no plan."""
    return _BY_STATUS[status]
