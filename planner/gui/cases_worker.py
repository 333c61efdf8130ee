"""What-if runs off the GUI thread: a worker in a QThread around run_cases (or a study),
with per-case progress, cancel, and one run at a time."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from planner.gui.worker_thread import ScenarioWorker, WorkerRunner
from planner.scenario import Scenario

# run_cases(scenario, progress=..., should_stop=..., jobs=..., **options) -> CasesRun, and
# planner.whatif.studies.sensitivity / sweep with the same keywords.
RunFunction = Callable[..., Any]
SHUTDOWN_WAIT_MS = 15_000


def default_jobs() -> int:
    """Worker processes per run: one per core (whatif.md)."""
    return os.cpu_count() or 1


def run_cases_function(cases: list[str] | None = None) -> RunFunction:
    """The core runner for all cases (``cases`` None) or the named ones."""
    from planner.whatif.runner import run_cases

    def run(scenario: Scenario, **options: Any) -> Any:
        return run_cases(scenario, cases=cases, **options)

    return run


class CasesWorker(ScenarioWorker):
    """Calls a run function once (``run``) in the thread the worker was moved to.

    Signals: ``case_finished(name, done, total, CaseResult)`` as each case finishes,
    then exactly one of ``finished(CasesRun)`` (also after a cancel: the run says
    ``cancelled``) or ``failed(headline, details)``. ``cancel()`` is thread-safe; the
    runner polls it and stops every worker process.
    """

    case_finished = Signal(str, int, int, object)

    def __init__(self, scenario: Scenario, function: RunFunction,
                 options: dict[str, Any] | None = None) -> None:
        super().__init__(scenario, options)
        self._run_function = function

    def _function(self) -> RunFunction:
        return self._run_function

    def _report(self, name: str, done: int, total: int, result: Any) -> None:
        self.case_finished.emit(str(name), int(done), int(total), result)


class CasesRunner(WorkerRunner):
    """Starts what-if runs on a copy of the scenario, one at a time, and reports back.

    Signals: ``started(names)`` (the cases the run will report, Base first),
    ``case_finished(name, done, total, CaseResult)``, ``finished(CasesRun)`` and
    ``failed(headline, details)``. A cancelled run still arrives through
    ``finished`` with the cases that were done.
    """

    started = Signal(object)
    case_finished = Signal(str, int, int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SHUTDOWN_WAIT_MS, parent)
        self.jobs = default_jobs()

    def start(self, scenario: Scenario, function: RunFunction, names: list[str],
              options: dict[str, Any] | None = None) -> bool:
        """Run ``function`` on a copy of ``scenario``; False while a run is going."""
        if self.is_running:
            return False
        settings = {"jobs": self.jobs, **(options or {})}
        worker = CasesWorker(scenario.copy(), function, settings)
        worker.case_finished.connect(self._on_worker_case_finished)
        self._launch(worker, "cases")
        self.started.emit(list(names))
        return True

    @Slot(str, int, int, object)
    def _on_worker_case_finished(self, name: str, done: int, total: int, result: Any) -> None:
        if self._from_current():
            self.case_finished.emit(name, done, total, result)
