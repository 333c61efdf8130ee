"""What-if runs off the GUI thread: a worker in a QThread around run_cases (or a study),
with per-case progress, cancel, and one run at a time."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from planner.gui.solve_worker import describe_failure
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


class CasesWorker(QObject):
    """Calls a run function once (``run``) in the thread the worker was moved to.

    Signals: ``case_finished(name, done, total, CaseResult)`` as each case finishes,
    then exactly one of ``finished(CasesRun)`` (also after a cancel: the run says
    ``cancelled``) or ``failed(headline, details)``. ``cancel()`` is thread-safe; the
    runner polls it and stops every worker process.
    """

    case_finished = Signal(str, int, int, object)
    finished = Signal(object)
    failed = Signal(str, str)

    def __init__(self, scenario: Scenario, function: RunFunction,
                 options: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._scenario = scenario
        self._function = function
        self._options = dict(options or {})
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _report(self, name: str, done: int, total: int, result: Any) -> None:
        self.case_finished.emit(str(name), int(done), int(total), result)

    @Slot()
    def run(self) -> None:
        try:
            result = self._function(self._scenario, progress=self._report,
                                    should_stop=self._stop.is_set, **self._options)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            headline, details = describe_failure(error)
            self.failed.emit(headline, details)
            return
        self.finished.emit(result)


class CasesRunner(QObject):
    """Starts what-if runs on a copy of the scenario, one at a time, and reports back.

    Signals: ``started(names)`` (the cases the run will report, Base first),
    ``case_finished(name, done, total, CaseResult)``, ``finished(CasesRun)`` and
    ``failed(headline, details)``. A cancelled run still arrives through
    ``finished`` with the cases that were done.
    """

    started = Signal(object)
    case_finished = Signal(str, int, int, object)
    finished = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: CasesWorker | None = None
        self._threads: list[tuple[QThread, CasesWorker]] = []
        self._started_at = 0.0
        self.jobs = default_jobs()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def is_running(self) -> bool:
        return self._worker is not None

    @property
    def cancel_requested(self) -> bool:
        return self._worker is not None and self._worker.cancel_requested

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started_at if self.is_running else 0.0

    def start(self, scenario: Scenario, function: RunFunction, names: list[str],
              options: dict[str, Any] | None = None) -> bool:
        """Run ``function`` on a copy of ``scenario``; False while a run is going."""
        if self.is_running:
            return False
        settings = {"jobs": self.jobs, **(options or {})}
        worker = CasesWorker(scenario.copy(), function, settings)
        thread = QThread()
        thread.setObjectName("cases")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.case_finished.connect(self._on_worker_case_finished)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        # Quit from the worker thread itself, so shutdown() can wait without events.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self._threads.append((thread, worker))
        self._worker = worker
        self._started_at = time.monotonic()
        thread.start()
        self.started.emit(list(names))
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop every case of the running run; the cases already done are kept."""
        if self._worker is not None:
            self._worker.cancel()

    @Slot()
    def shutdown(self) -> None:
        """Cancel and wait for every run's thread (the window or the app closes)."""
        for thread, worker in list(self._threads):
            worker.cancel()
            thread.wait(SHUTDOWN_WAIT_MS)

    @Slot(str, int, int, object)
    def _on_worker_case_finished(self, name: str, done: int, total: int, result: Any) -> None:
        if self.sender() is self._worker:
            self.case_finished.emit(name, done, total, result)

    @Slot(object)
    def _on_worker_finished(self, run: Any) -> None:
        if self.sender() is not self._worker:
            return
        self._worker = None
        self.finished.emit(run)

    @Slot(str, str)
    def _on_worker_failed(self, headline: str, details: str) -> None:
        if self.sender() is not self._worker:
            return
        self._worker = None
        self.failed.emit(headline, details)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        for pair in list(self._threads):
            if pair[0] is thread:
                self._threads.remove(pair)
                pair[1].deleteLater()
                pair[0].deleteLater()
