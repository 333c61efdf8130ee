"""SolveWorker: runs the optimizer on a copy of the scenario in a QThread, reports by signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from planner.errors import PlannerError, SolverError, WorkbookError

if TYPE_CHECKING:
    from planner.plan import Plan
    from planner.scenario import Scenario

# solve(scenario, progress=..., should_stop=...) -> Plan, as planner.optimize.solve.solve
SolveFunction = Callable[..., "Plan"]


def default_solve_function() -> SolveFunction:
    """The core optimizer, imported when a solve starts (keeps the app's start fast)."""
    from planner.optimize.solve import solve

    return solve


def describe_failure(error: BaseException) -> tuple[str, str]:
    """A planner's headline and the technical details of an exception from a solve."""
    details = "".join(traceback.format_exception(error))
    if isinstance(error, WorkbookError):
        return error.headline + ".", "\n".join(str(i) for i in error.issues) + "\n\n" + details
    if isinstance(error, SolverError):
        return f"The solver could not be run: {error}", details
    if isinstance(error, PlannerError):
        return str(error), details
    if isinstance(error, ImportError):
        return "The optimizer is not available in this installation.", details
    if isinstance(error, MemoryError):
        return "The computer ran out of memory while solving; try a shorter horizon or " \
               "fewer vessels.", details
    return f"The solve stopped with an unexpected error: {error}", details


class SolveWorker(QObject):
    """Calls the optimizer once (``run``), in whatever thread the worker was moved to.

    Signals: ``progress(phase, info)`` with the core's phases ('validating',
    'building', 'solving', 'extracting', 'diagnosing') and its info dict (elapsed,
    incumbent, bound, gap, message); then exactly one of ``finished(Plan)`` or
    ``failed(headline, details)``. ``cancel()`` may be called from any thread; the
    optimizer polls it and returns the best plan found so far (or none).
    """

    progress = Signal(str, object)  # phase, info dict
    finished = Signal(object)  # Plan
    failed = Signal(str, str)  # headline in plain words, details (traceback)

    def __init__(self, scenario: Scenario, solve_function: SolveFunction | None = None,
                 options: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._scenario = scenario
        self._solve_function = solve_function
        self._options = dict(options or {})
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the optimizer to stop at its next poll (thread-safe)."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _report(self, phase: str, info: dict[str, Any] | None = None) -> None:
        self.progress.emit(str(phase), dict(info or {}))

    @Slot()
    def run(self) -> None:
        try:
            solve = self._solve_function or default_solve_function()
            plan = solve(self._scenario, progress=self._report,
                         should_stop=self._stop.is_set, **self._options)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            headline, details = describe_failure(error)
            self.failed.emit(headline, details)
            return
        self.finished.emit(plan)
