"""What found and what proved a plan is recorded truthfully (Plan.found_by, proved_by)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from test_optimize_solve import small_plan_scenario

from planner.optimize import worker
from planner.optimize.outcomes import SolverOutcome, SolverStatus
from planner.optimize.solve import solve
from planner.optimize.worker import _best_of
from planner.plan import Method, Plan, Status

NO_VARIABLES = SimpleNamespace(problem=SimpleNamespace(variables=list))


def _start(objective: float, bound: float | None) -> SimpleNamespace:
    return SimpleNamespace(objective=objective, columns=np.zeros(0), bound=bound, seconds=0.1,
                           found_by=Method.LP_DIVE)


def test_a_solver_that_hands_the_first_plan_back_did_not_find_it() -> None:
    solver = SolverOutcome(SolverStatus.OPTIMAL, objective=100.0, bound=99.9, gap=0.001,
                           found_by="highs", proved_by="highs")
    chosen = _best_of(NO_VARIABLES, _start(100.0, 99.8), solver, mip_gap=0.005)
    assert chosen.status is SolverStatus.OPTIMAL
    assert (chosen.found_by, chosen.proved_by) == (Method.LP_DIVE, "highs")  # its bound 99.9
    assert chosen.bound == 99.9


def test_a_better_plan_is_the_solvers_and_the_better_bound_proves_it() -> None:
    solver = SolverOutcome(SolverStatus.FEASIBLE, objective=99.95, bound=99.0, stopped=True,
                           found_by="cbc")
    chosen = _best_of(NO_VARIABLES, _start(100.0, 99.8), solver, mip_gap=0.005)
    assert chosen.objective == 99.95 and chosen.bound == 99.8
    assert chosen.status is SolverStatus.OPTIMAL  # (99.95 - 99.8) / 99.95 < 0.005
    assert (chosen.found_by, chosen.proved_by) == ("cbc", Method.LP_RELAXATION)


def test_a_plan_stopped_outside_the_gap_is_proved_by_nothing() -> None:
    solver = SolverOutcome(SolverStatus.FEASIBLE, objective=None, stopped=True)
    chosen = _best_of(NO_VARIABLES, _start(100.0, 90.0), solver, mip_gap=0.005)
    assert chosen.status is SolverStatus.FEASIBLE
    assert (chosen.found_by, chosen.proved_by) == (Method.LP_DIVE, "")


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_a_small_model_is_found_and_proved_by_the_solver_run(solver: str) -> None:
    plan = solve(small_plan_scenario(), solver=solver)
    assert plan.status is Status.OPTIMAL
    assert (plan.solver, plan.found_by, plan.proved_by) == (solver, solver, solver)
    assert plan.provenance == f"found by {Method(solver).words}, proved by {Method(solver).words}"


def test_with_the_dive_off_the_solver_finds_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    # every model counts as large here (a thread shares the patched threshold)
    monkeypatch.setattr(worker, "HEURISTIC_MIN_INSTALLS", 0)
    scenario = small_plan_scenario()
    dived = solve(scenario, mip_gap=0.5, isolate=False)  # the dive's plan is close enough
    assert (dived.found_by, dived.proved_by) == (Method.LP_DIVE, Method.LP_RELAXATION)
    alone = solve(scenario, mip_gap=0.5, isolate=False, lp_dive=False)
    assert (alone.found_by, alone.proved_by) == ("highs", "highs")


def test_provenance_words() -> None:
    assert Plan(Status.FEASIBLE, found_by="lp_dive").provenance == \
        "found by the LP dive, not proved"
    assert Plan(Status.OPTIMAL, found_by="start", proved_by="lp_relaxation").provenance == \
        "found by the plan it started from, proved by the LP relaxation's bound"
    assert Plan(Status.OPTIMAL).provenance == ""  # a plan saved before they were kept


def test_an_incumbent_no_better_than_the_last_keeps_its_finder() -> None:
    class Replies:
        def __init__(self) -> None:
            self.sent: list[tuple] = []

        def put(self, message: tuple) -> None:
            self.sent.append(message)

    replies = Replies()
    monitor = worker._QueueMonitor(replies, None, None)
    monitor._values = lambda columns: {}  # type: ignore[method-assign]
    monitor.source = Method.LP_DIVE
    monitor.improving_solution(100.0, np.zeros(0))
    monitor.source = "highs"
    monitor.improving_solution(100.0, np.zeros(0))  # HiGHS tells the start plan back
    assert [message[3] for message in replies.sent] == [Method.LP_DIVE]
    assert monitor.pending is None
