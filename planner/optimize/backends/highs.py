"""The HiGHS backend: pulp.HiGHS with a whole-matrix model pass, callbacks and an
outcome read from HiGHS itself (PuLP calls a run stopped with a plan "Optimal")."""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pulp
from pulp import constants

from planner.optimize.backends.settings import (
    HIGHS,
    SolverMonitor,
    SolverSettings,
    credit,
    relative_gap,
)
from planner.optimize.outcomes import SolverOutcome, SolverStatus


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


def _run(highs: Any) -> None:
    """Run HiGHS; once more on a fresh thread scheduler if it refused to start.

    HiGHS keeps one global thread scheduler per process, sized by the first run: a later
    run asking for another thread count (the regimes' BAU uses one thread after a plan
    solved on the default) returns an error with the model status unset and no result.
    """
    import highspy

    if highs.run() == highspy.HighsStatus.kError \
            and highs.getModelStatus() == highspy.HighsModelStatus.kNotset:
        highspy.Highs.resetGlobalScheduler(True)
        highs.run()


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
        highs = lp.solverModel
        _run(highs)
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
        credit(outcome, HIGHS)
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
