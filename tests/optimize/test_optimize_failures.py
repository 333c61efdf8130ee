"""A failure keeps its story: the worker's traceback reaches the plan (--debug, Details)."""

from __future__ import annotations

import pytest
from test_optimize_solve import small_plan_scenario

from planner.optimize import build
from planner.optimize.solve import solve
from planner.plan import Status


def test_a_worker_error_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the model could not be built")

    monkeypatch.setattr(build, "build_model", broken)  # a thread worker sees the patch
    plan = solve(small_plan_scenario(), isolate=False)
    assert plan.status is Status.ERROR
    assert plan.message == "The solver failed: RuntimeError: the model could not be built"
    assert plan.details.startswith("Traceback (most recent call last)")
    assert "in broken" in plan.details and "run_job" in plan.details


def test_the_apps_details_show_it() -> None:
    pytest.importorskip("PySide6")  # a third-party package: the app's words need Qt
    from planner.gui.solve_panel import _no_plan_words
    from planner.plan import Plan

    plan = Plan(Status.ERROR, message="The solver failed: KeyError: 3",
                details="Traceback (most recent call last):\n  ...\nKeyError: 3")
    headline, details = _no_plan_words(plan)
    assert headline == plan.message
    assert details.endswith("KeyError: 3") and "Traceback" in details
