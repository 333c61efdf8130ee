"""Reading CBC's log and solution file: its progress, its bound and its honest outcome."""

from __future__ import annotations

import re

from pulp import constants

from planner.optimize.backends.settings import SolverMonitor, relative_gap
from planner.optimize.outcomes import SolverOutcome, SolverStatus

_CBC_PROGRESS = re.compile(
    r"(?P<best>-?[\d.e+-]+) best solution, best possible (?P<bound>-?[\d.e+-]+)")
_CBC_SOLUTION = re.compile(r"Integer solution of (?P<best>-?[\d.e+-]+) found")
_CBC_BOUND = re.compile(r"Continuous objective value is (?P<bound>-?[\d.e+-]+)")


def read_new(path: str, text: str, read: int,
              monitor: SolverMonitor | None) -> tuple[str, int]:
    try:
        with open(path, errors="replace") as log:
            log.seek(read)
            new = log.read()
    except OSError:
        return text, read
    if not new:
        return text, read
    if monitor is not None:
        incumbent = bound = None
        for line in new.splitlines():
            if found := _CBC_PROGRESS.search(line):
                incumbent, bound = float(found["best"]), float(found["bound"])
            elif found := _CBC_SOLUTION.search(line):
                incumbent = float(found["best"])
            elif found := _CBC_BOUND.search(line):
                bound = float(found["bound"])
        if incumbent is not None or bound is not None:
            if incumbent is not None and incumbent > 1e49:
                incumbent = None
            monitor.progress(incumbent, bound, relative_gap(incumbent, bound))
    return text + new, read + len(new.encode("utf-8", errors="replace"))


def completed_bound(log_text: str, objective: float, ratio: float) -> float:
    """The bound CBC proved when its search completed (it prints none then).

    Nodes within the ratio gap of the incumbent were pruned, so the bound is at least
    objective - ratio * |objective|; a later "best possible" in the log may be higher.
    """
    proven = objective - ratio * abs(objective)
    seen = [float(found["bound"]) for found in _CBC_PROGRESS.finditer(log_text)]
    if seen:
        proven = max(proven, min(seen[-1], objective))
    return proven


def solution_objective(path: str) -> float | None:
    """The objective on the first line of a CBC solution file."""
    try:
        with open(path) as solution:
            first = solution.readline()
    except OSError:
        return None
    found = re.search(r"objective value\s+(-?[\d.eE+-]+)", first)
    return float(found[1]) if found else None


def _log_number(text: str, label: str) -> float | None:
    found = re.findall(rf"^{label}:\s+(-?[\d.eE+-]+)", text, re.MULTILINE)
    return float(found[-1]) if found else None


def cbc_outcome(log_text: str, status: int, sol_status: int) -> SolverOutcome:
    """The outcome from CBC's solution-file status and its log.

    The first word of the solution file says Optimal (within the gap), Infeasible,
    Integer infeasible, Unbounded or Stopped (time, nodes, ctrl-c) with or without an
    objective. PuLP folds "Stopped ... objective" into its "Optimal" status; here it
    stays a stopped run with a plan.
    """
    result = re.findall(r"^Result - (.*)$", log_text, re.MULTILINE)
    headline = result[-1].strip() if result else ""
    objective = _log_number(log_text, "Objective value")
    bound = _log_number(log_text, "Lower bound")
    outcome = SolverOutcome(status=SolverStatus.ERROR, message=headline)
    if sol_status == constants.LpSolutionOptimal:
        outcome.status = SolverStatus.OPTIMAL
        outcome.objective = objective
        outcome.bound = bound
    elif sol_status == constants.LpSolutionIntegerFeasible:
        outcome.status, outcome.stopped = SolverStatus.FEASIBLE, True
        outcome.objective, outcome.bound = objective, bound
    elif status == constants.LpStatusInfeasible or sol_status == constants.LpSolutionInfeasible:
        outcome.status = SolverStatus.INFEASIBLE
    elif status == constants.LpStatusUnbounded:
        outcome.status = SolverStatus.ERROR
        outcome.message = "the model is unbounded"
    elif status == constants.LpStatusNotSolved:
        outcome.status, outcome.stopped = SolverStatus.NO_SOLUTION, True
    return outcome


def timed_out_not_infeasible(outcome: SolverOutcome, log_text: str,
                             time_limit: float | None) -> SolverOutcome:
    """A time limit hit in CBC's pre-processing is no proof of infeasibility.

    CBC 2.10 then prints "Pre-processing says infeasible or unbounded" and writes
    "Integer infeasible" (seen on a feasible 40-vessel model stopped at 1.2 s): when the
    run used up its time, the honest outcome is "no plan found in the time", not
    "no plan exists".
    """
    if outcome.status != SolverStatus.INFEASIBLE or time_limit is None:
        return outcome
    wall = re.findall(r"\(Wallclock seconds\):\s+([\d.]+)", log_text)
    if wall and float(wall[-1]) >= time_limit:
        outcome.status, outcome.stopped = SolverStatus.NO_SOLUTION, True
        outcome.message = "stopped at the time limit before a plan was found"
    return outcome
