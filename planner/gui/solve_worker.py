"""SolveWorker: runs the optimizer on a copy of the scenario in a QThread, reports by signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal

from planner.gui.worker_thread import ScenarioWorker, describe_failure

if TYPE_CHECKING:
    from planner.plan import Plan
    from planner.scenario import Scenario

# solve(scenario, progress=..., should_stop=...) -> Plan, as planner.optimize.solve.solve
SolveFunction = Callable[..., "Plan"]
__all__ = ["SolveFunction", "SolveWorker", "default_solve_function", "describe_failure"]


def default_solve_function() -> SolveFunction:
    """The core optimizer, imported when a solve starts (keeps the app's start fast)."""
    from planner.optimize.solve import solve

    return solve


class SolveWorker(ScenarioWorker):
    """Calls the optimizer once (``run``), in whatever thread the worker was moved to.

    Signals: ``progress(phase, info)`` with the core's phases ('validating',
    'building', 'solving', 'extracting', 'diagnosing') and its info dict (elapsed,
    incumbent, bound, gap, message); then exactly one of ``finished(Plan)`` or
    ``failed(headline, details)``. ``cancel()`` may be called from any thread; the
    optimizer polls it and returns the best plan found so far (or none).
    """

    progress = Signal(str, object)  # phase, info dict

    def __init__(self, scenario: Scenario, solve_function: SolveFunction | None = None,
                 options: dict[str, Any] | None = None) -> None:
        super().__init__(scenario, options)
        self._solve_function = solve_function

    def _function(self) -> SolveFunction:
        return self._solve_function or default_solve_function()

    def _report(self, phase: str, info: dict[str, Any] | None = None) -> None:
        self.progress.emit(str(phase), dict(info or {}))
