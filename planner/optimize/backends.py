"""The two MILP solvers behind PuLP, made stoppable and observable: HiGHS and CBC.

Both are PuLP solver classes with three things added: a ``SolverMonitor`` that is
asked whether to stop and told the incumbent, bound and gap as they change; a fast
hand-over of the model (HiGHS: one ``passModel`` of the whole matrix instead of a
call per row and column); and an honest outcome. PuLP reports "Optimal" for a run
stopped at its time limit with a plan, so the outcome here is read from the solver
itself (HiGHS model status and info, the CBC log) and never from PuLP's status alone.
"""

from __future__ import annotations

import math
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pulp
from pulp import constants

from planner.optimize.outcomes import SolverOutcome, SolverStatus

HIGHS = "highs"
CBC = "cbc"
SOLVER_NAMES = (HIGHS, CBC)


class SolverMonitor(Protocol):
    """What a running solver asks and tells its caller."""

    def stop_requested(self) -> bool: ...

    def progress(self, incumbent: float | None, bound: float | None,
                 gap: float | None) -> None: ...

    def improving_solution(self, objective: float, columns: np.ndarray) -> None: ...


@dataclass(frozen=True)
class SolverSettings:
    """Which solver and how long and how exactly it may search."""

    name: str = HIGHS
    time_limit: float | None = None
    mip_gap: float = 0.005
    threads: int | None = None
    abs_gap: float | None = None
    lp_dive: bool = True  # large models: start from the rounded LP relaxation (worker.py)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """(objective - bound) / |objective|, as HiGHS and CBC define the MIP gap."""
    if objective is None or bound is None or not math.isfinite(bound):
        return None
    if objective == bound:
        return 0.0
    return max(0.0, objective - bound) / max(abs(objective), 1e-10)


def _credit(outcome: SolverOutcome, solver: str) -> SolverOutcome:
    """The solver found the plan it reports, and proved it where it ended optimal."""
    outcome.found_by = solver if outcome.objective is not None else ""
    outcome.proved_by = solver if outcome.status is SolverStatus.OPTIMAL else ""
    return outcome


def available_solvers() -> list[str]:
    found = []
    if HighsSolver().available():
        found.append(HIGHS)
    if CbcSolver().available():
        found.append(CBC)
    return found


# --- HiGHS -----------------------------------------------------------------------------

def highs_lp(lp: pulp.LpProblem, integer: bool = True) -> tuple[Any, list[pulp.LpVariable]]:
    """The PuLP problem as one highspy.HighsLp (row-wise matrix); var.index = its column."""
    import highspy

    columns = lp.variables()
    for position, var in enumerate(columns):
        var.index = position
    objective = lp.objective or {}
    infinity = highspy.kHighsInf
    model = highspy.HighsLp()
    model.num_col_ = len(columns)
    model.col_cost_ = np.array([objective.get(var, 0.0) for var in columns], dtype=float)
    model.col_lower_ = np.array([-infinity if var.lowBound is None else var.lowBound
                                 for var in columns], dtype=float)
    model.col_upper_ = np.array([infinity if var.upBound is None else var.upBound
                                 for var in columns], dtype=float)
    rows = list(lp._constraints.values())
    starts = [0]
    indexes: list[int] = []
    values: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    for position, row in enumerate(rows):
        row.index = position
        for var, coefficient in row.items():
            indexes.append(var.index)
            values.append(coefficient)
        starts.append(len(indexes))
        low, high = row.getLb(), row.getUb()
        lower.append(-infinity if low is None else low)
        upper.append(infinity if high is None else high)
    model.num_row_ = len(rows)
    model.row_lower_ = np.array(lower, dtype=float)
    model.row_upper_ = np.array(upper, dtype=float)
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.num_col_ = len(columns)
    model.a_matrix_.num_row_ = len(rows)
    model.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    model.a_matrix_.index_ = np.array(indexes, dtype=np.int32)
    model.a_matrix_.value_ = np.array(values, dtype=float)
    if integer and any(var.cat == constants.LpInteger for var in columns):
        model.integrality_ = [highspy.HighsVarType.kInteger if var.cat == constants.LpInteger
                              else highspy.HighsVarType.kContinuous for var in columns]
    return model, columns


class HighsSolver(pulp.HiGHS):  # type: ignore[misc,valid-type]
    """pulp.HiGHS with a whole-matrix model pass, callbacks and an honest outcome."""

    def __init__(self, settings: SolverSettings | None = None,
                 monitor: SolverMonitor | None = None) -> None:
        settings = settings or SolverSettings()
        super().__init__(msg=False, gapRel=settings.mip_gap, gapAbs=settings.abs_gap,
                         threads=settings.threads, timeLimit=settings.time_limit)
        self.monitor = monitor
        self.outcome = SolverOutcome(status=SolverStatus.ERROR)
        self.start: np.ndarray | None = None  # a plan to start from, by column

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:  # noqa: N802 - PuLP's name
        model, _columns = highs_lp(lp, integer=self.mip)
        lp.solverModel.passModel(model)
        if self.start is not None:
            lp.solverModel.setSolution(len(self.start), np.arange(len(self.start),
                                                                  dtype=np.int32), self.start)

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:  # noqa: N802
        super().createAndConfigureSolver(lp)
        highs = lp.solverModel
        if self.monitor is not None:
            highs.cbSimplexInterrupt.subscribe(self._on_interrupt_check)
            highs.cbIpmInterrupt.subscribe(self._on_interrupt_check)
            highs.cbMipInterrupt.subscribe(self._on_mip_interrupt)
            highs.cbMipImprovingSolution.subscribe(self._on_improving_solution)

    def _on_interrupt_check(self, event: object) -> None:
        if self.monitor is not None and self.monitor.stop_requested():
            event.interrupt()  # type: ignore[attr-defined]

    def _on_mip_interrupt(self, event: object) -> None:
        out = event.data_out  # type: ignore[attr-defined]
        incumbent = out.mip_primal_bound if math.isfinite(out.mip_primal_bound) else None
        bound = out.mip_dual_bound if math.isfinite(out.mip_dual_bound) else None
        assert self.monitor is not None
        self.monitor.progress(incumbent, bound, relative_gap(incumbent, bound))
        self._on_interrupt_check(event)

    def _on_improving_solution(self, event: object) -> None:
        out = event.data_out  # type: ignore[attr-defined]
        assert self.monitor is not None
        self.monitor.improving_solution(float(out.objective_function_value),
                                        np.array(out.mip_solution, dtype=float))

    def actualSolve(self, lp: pulp.LpProblem) -> int:  # noqa: N802
        import highspy

        started = time.perf_counter()
        self.createAndConfigureSolver(lp)
        self.buildSolverModel(lp)
        lp.solverModel.run()
        highs = lp.solverModel
        status = highs.getModelStatus()
        info = highs.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        statuses = highspy.HighsModelStatus
        objective = float(info.objective_function_value) if has_solution else None
        integer = self.mip and any(var.cat == constants.LpInteger for var in lp.variables())
        bound = float(info.mip_dual_bound) if integer else objective
        if bound is not None and not math.isfinite(bound):
            bound = None
        outcome = SolverOutcome(status=SolverStatus.ERROR, objective=objective, bound=bound,
                                message=highs.modelStatusToString(status))
        if status == statuses.kOptimal:
            outcome.status = SolverStatus.OPTIMAL
            if not integer:
                outcome.bound = objective
        elif status in (statuses.kInfeasible, statuses.kUnboundedOrInfeasible):
            outcome.status = SolverStatus.INFEASIBLE
            outcome.objective = None
        elif status == statuses.kModelEmpty:
            outcome.status, outcome.objective, outcome.bound = SolverStatus.OPTIMAL, 0.0, 0.0
        elif status in (statuses.kTimeLimit, statuses.kInterrupt, statuses.kHighsInterrupt,  # type: ignore[attr-defined]  # not in the stubs
                        statuses.kIterationLimit, statuses.kSolutionLimit,
                        statuses.kObjectiveBound, statuses.kObjectiveTarget,
                        statuses.kMemoryLimit):
            outcome.stopped = True
            outcome.status = SolverStatus.FEASIBLE if has_solution else SolverStatus.NO_SOLUTION
        outcome.gap = relative_gap(outcome.objective, outcome.bound)
        _credit(outcome, HIGHS)
        if has_solution:
            values = highs.getSolution().col_value
            for var in lp.variables():
                var.varValue = values[var.index]
        outcome.seconds = time.perf_counter() - started
        self.outcome = outcome
        lp.assignStatus(constants.LpStatusOptimal if has_solution
                        else constants.LpStatusNotSolved,
                        constants.LpSolutionOptimal if outcome.status == SolverStatus.OPTIMAL
                        else constants.LpSolutionIntegerFeasible if has_solution
                        else constants.LpSolutionNoSolutionFound)
        return lp.status


# --- CBC -------------------------------------------------------------------------------

_CBC_PROGRESS = re.compile(
    r"(?P<best>-?[\d.e+-]+) best solution, best possible (?P<bound>-?[\d.e+-]+)")
_CBC_SOLUTION = re.compile(r"Integer solution of (?P<best>-?[\d.e+-]+) found")
_CBC_BOUND = re.compile(r"Continuous objective value is (?P<bound>-?[\d.e+-]+)")


def bundled_cbc_path() -> str:
    """The CBC binary that ships with PuLP (read without instantiating the deprecated class)."""
    return pulp.PULP_CBC_CMD.pulp_cbc_path


class CbcSolver(pulp.COIN_CMD):  # type: ignore[misc,valid-type]
    """PuLP's CBC (the bundled binary) run so that it can be stopped and watched.

    The command line is PuLP's own (MPS in, solution file out); the process is kept
    so that a stop request sends it SIGINT, on which CBC ends its search and writes
    the best plan it has. Its log is read while it runs for the incumbent and bound.
    """

    def __init__(self, settings: SolverSettings | None = None,
                 monitor: SolverMonitor | None = None) -> None:
        settings = settings or SolverSettings(name=CBC)
        super().__init__(path=bundled_cbc_path(), msg=False, gapRel=settings.mip_gap,
                         gapAbs=settings.abs_gap, threads=settings.threads,
                         timeLimit=settings.time_limit, timeMode="elapsed")
        self.monitor = monitor
        self.outcome = SolverOutcome(status=SolverStatus.ERROR)
        self.start: np.ndarray | None = None  # a plan to start from, by var.index

    def actualSolve(self, lp: pulp.LpProblem, **_ignored: object) -> int:  # noqa: N802
        started = time.perf_counter()
        mps, solution, log_path, start = self.create_tmp_files(lp.name, "mps", "sol", "log",
                                                               "mst")
        names = lp.writeMPS(mps, rename=1)
        columns, variable_names, constraint_names, _objective = names
        args = [self.path, mps]
        if self.start is not None:
            for var in columns:
                var.varValue = float(self.start[var.index])
            self.writesol(start, lp, columns, variable_names, constraint_names)
            args += ["-mips", start]
        if self.timeLimit is not None:
            args += ["-sec", f"{max(self.timeLimit, 0.01):g}"]
        for option in self.getOptions():  # "ratio 0.005" -> -ratio 0.005
            name, *value = option.split()
            args += [f"-{name}", *value]
        args += ["-solve" if self.mip else "-initialSolve", "-solution", solution]
        log_text = self._run(args, log_path)
        status, sol_status = constants.LpStatusNotSolved, constants.LpSolutionNoSolutionFound
        if os.path.exists(solution) and os.path.getsize(solution) > 0:
            status, values, _dj, _pi, _slack, sol_status = self.readsol_MPS(
                solution, lp, columns, variable_names, constraint_names)
            lp.assignVarsVals(values)
        outcome = _cbc_outcome(log_text, status, sol_status)
        if outcome.status in (SolverStatus.OPTIMAL, SolverStatus.FEASIBLE):
            # The solution file gives the objective to 8 decimals (its values only to
            # 8 significant digits, so the objective is not recomputed from them).
            outcome.objective = _solution_objective(solution)
            if outcome.objective is None and lp.objective is not None:
                outcome.objective = float(lp.objective.value() or 0.0)
            if outcome.status == SolverStatus.OPTIMAL and outcome.bound is None \
                    and outcome.objective is not None:
                integer = self.mip and any(var.cat == constants.LpInteger
                                           for var in columns)
                ratio = float(self.optionsDict.get("gapRel") or 0.0) if integer else 0.0
                outcome.bound = _completed_bound(log_text, outcome.objective, ratio)
            outcome.gap = relative_gap(outcome.objective, outcome.bound)
        self.outcome = _credit(outcome, CBC)
        self.outcome.seconds = time.perf_counter() - started
        self.delete_tmp_files(mps, solution, log_path, start)
        has_solution = self.outcome.objective is not None
        lp.assignStatus(constants.LpStatusOptimal if has_solution
                        else constants.LpStatusNotSolved,
                        constants.LpSolutionOptimal if self.outcome.status == SolverStatus.OPTIMAL
                        else constants.LpSolutionIntegerFeasible if has_solution
                        else constants.LpSolutionNoSolutionFound)
        return lp.status

    def _run(self, args: list[str], log_path: str) -> str:
        """Run CBC to its end, relaying progress and turning a stop request into SIGINT."""
        with open(log_path, "w") as log:
            process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL)
        interrupted = False
        read = 0
        text = ""
        try:
            while process.poll() is None:
                time.sleep(0.05)
                text, read = _read_new(log_path, text, read, self.monitor)
                if not interrupted and self.monitor is not None \
                        and self.monitor.stop_requested():
                    interrupted = True
                    _interrupt(process)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        text, read = _read_new(log_path, text, read, self.monitor)
        return text


def _interrupt(process: subprocess.Popen) -> None:
    if os.name == "nt":  # no SIGINT for a process without a console
        process.terminate()
    else:
        process.send_signal(signal.SIGINT)


def _read_new(path: str, text: str, read: int,
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


def _completed_bound(log_text: str, objective: float, ratio: float) -> float:
    """The bound CBC proved when its search completed (it prints none then).

    Nodes within the ratio gap of the incumbent were pruned, so the bound is at least
    objective - ratio * |objective|; a later "best possible" in the log may be higher.
    """
    proven = objective - ratio * abs(objective)
    seen = [float(found["bound"]) for found in _CBC_PROGRESS.finditer(log_text)]
    if seen:
        proven = max(proven, min(seen[-1], objective))
    return proven


def _solution_objective(path: str) -> float | None:
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


def _cbc_outcome(log_text: str, status: int, sol_status: int) -> SolverOutcome:
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
