"""Robust runs off the GUI thread: solve_robust in a QThread with progress and cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from planner.gui.cases_worker import default_jobs
from planner.gui.worker_thread import ScenarioWorker, WorkerRunner
from planner.scenario import Scenario

SHUTDOWN_WAIT_MS = 15_000


class RobustWorker(ScenarioWorker):
    """Calls planner.robust.run.solve_robust once; ``progress(phase, info)`` as it goes."""

    progress = Signal(str, object)

    def _function(self) -> Any:
        from planner.robust.run import solve_robust

        return solve_robust

    def _report(self, phase: str, info: dict[str, Any]) -> None:
        self.progress.emit(str(phase), dict(info))


class RobustRunner(WorkerRunner):
    """One robust run at a time on a copy of the scenario. Signals: ``progress(phase,
    info)``, then ``finished(RobustResult)`` (also after a cancel) or ``failed``."""

    progress = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SHUTDOWN_WAIT_MS, parent)
        self.jobs = default_jobs()

    def start(self, scenario: Scenario) -> bool:
        if self.is_running:
            return False
        worker = RobustWorker(scenario.copy(), {"jobs": self.jobs})
        worker.progress.connect(self._on_progress)
        self._launch(worker, "robust")
        return True

    @Slot(str, object)
    def _on_progress(self, phase: str, info: object) -> None:
        if self._from_current():
            self.progress.emit(phase, info)
