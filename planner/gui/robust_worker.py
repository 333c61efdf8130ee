"""Robust runs off the GUI thread: solve_robust in a QThread with progress and cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from planner.gui.cases_worker import default_jobs
from planner.gui.worker_thread import ScenarioWorker, WorkerThreads
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


class RobustRunner(QObject):
    """One robust run at a time on a copy of the scenario. Signals: ``progress(phase,
    info)``, then ``finished(RobustResult)`` (also after a cancel) or ``failed``."""

    progress = Signal(str, object)
    finished = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads = WorkerThreads(SHUTDOWN_WAIT_MS, self)
        self.jobs = default_jobs()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def is_running(self) -> bool:
        return self._threads.is_running

    @property
    def elapsed(self) -> float:
        return self._threads.elapsed

    def start(self, scenario: Scenario) -> bool:
        if self.is_running:
            return False
        worker = RobustWorker(scenario.copy(), {"jobs": self.jobs})
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._threads.start(worker, "robust")
        return True

    @Slot()
    def cancel(self) -> None:
        self._threads.cancel()

    @Slot()
    def shutdown(self) -> None:
        self._threads.shutdown()

    @Slot(str, object)
    def _on_progress(self, phase: str, info: object) -> None:
        if self._threads.is_current(self.sender()):
            self.progress.emit(phase, info)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        if self._threads.is_current(self.sender()):
            self._threads.release()
            self.finished.emit(result)

    @Slot(str, str)
    def _on_failed(self, headline: str, details: str) -> None:
        if self._threads.is_current(self.sender()):
            self._threads.release()
            self.failed.emit(headline, details)
