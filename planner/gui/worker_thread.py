"""Background work for the GUI: a cancellable scenario worker and the QThreads it runs in."""

from __future__ import annotations

import threading
import time
import traceback
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from planner.errors import PlannerError, SolverError, WorkbookError


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


def format_elapsed(seconds: float) -> str:
    """``67.3`` -> ``'1:07'``; hours shown when needed."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ScenarioWorker(QObject):
    """Calls a core function once (``run``) in the thread the worker was moved to.

    The function is called as ``function(scenario, progress=self._report,
    should_stop=..., **options)``; subclasses define ``_function()`` and
    ``_report`` (and the progress signal it emits). Then exactly one of
    ``finished(result)`` or ``failed(headline, details)``. ``cancel()`` is
    thread-safe; the core polls it.
    """

    finished = Signal(object)
    failed = Signal(str, str)  # headline in plain words, details (traceback)

    def __init__(self, scenario: Any, options: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._scenario = scenario
        self._options = dict(options or {})
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the core to stop at its next poll (thread-safe)."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _function(self) -> Any:
        raise NotImplementedError

    def _report(self, *args: Any) -> None:
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        try:
            result = self._function()(self._scenario, progress=self._report,
                                      should_stop=self._stop.is_set, **self._options)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            headline, details = describe_failure(error)
            self.failed.emit(headline, details)
            return
        self.finished.emit(result)


class WorkerThreads(QObject):
    """One ScenarioWorker at a time, each in its own QThread; keeps a thread (and its
    worker) until the thread ends, so that a superseded run can still finish."""

    def __init__(self, shutdown_wait_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: ScenarioWorker | None = None
        self._threads: list[tuple[QThread, ScenarioWorker]] = []
        self._started_at = 0.0
        self._shutdown_wait_ms = shutdown_wait_ms

    @property
    def is_running(self) -> bool:
        return self.current is not None

    @property
    def elapsed(self) -> float:
        """Seconds since the current worker started (0 when none runs)."""
        return time.monotonic() - self._started_at if self.is_running else 0.0

    def start(self, worker: ScenarioWorker, name: str) -> QThread:
        """Run ``worker`` in a new thread and make it the current one. Connect the
        worker's signals before calling this."""
        thread = QThread()
        thread.setObjectName(name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Quit from the worker thread itself, so shutdown() can wait without events.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self._threads.append((thread, worker))
        self.current = worker
        self._started_at = time.monotonic()
        thread.start()
        return thread

    def is_current(self, worker: object) -> bool:
        return worker is not None and worker is self.current

    def release(self) -> None:
        """The current worker has reported its end; another may start."""
        self.current = None

    def cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()

    @Slot()
    def shutdown(self) -> None:
        """Cancel every worker and wait for its thread (the window or the app closes)."""
        for thread, worker in list(self._threads):
            worker.cancel()
            thread.wait(self._shutdown_wait_ms)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        for pair in list(self._threads):
            if pair[0] is thread:
                self._threads.remove(pair)
                pair[1].deleteLater()
                pair[0].deleteLater()


class WorkerRunner(QObject):
    """The shell every view's runner shares: one worker at a time (``WorkerThreads``),
    its end forwarded only from the current run, cancel, and a wait when the app quits.

    Subclasses start a worker with ``_launch`` (after connecting its progress signal,
    whose slot checks ``_from_current()``) and may override ``_finish``/``_fail``;
    by default they emit ``finished(result)`` / ``failed(headline, details)``.
    ``last_elapsed`` holds the seconds the last run took when it ended.
    """

    finished = Signal(object)
    failed = Signal(str, str)  # headline in plain words, details (traceback)

    def __init__(self, shutdown_wait_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads = WorkerThreads(shutdown_wait_ms, self)
        self.last_elapsed = 0.0
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def is_running(self) -> bool:
        return self._threads.is_running

    @property
    def cancel_requested(self) -> bool:
        worker = self._threads.current
        return worker is not None and worker.cancel_requested

    @property
    def elapsed(self) -> float:
        """Seconds since the current run started (0 when none runs)."""
        return self._threads.elapsed

    def _launch(self, worker: ScenarioWorker, name: str) -> None:
        """Run ``worker`` in its own thread as the current run."""
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self._threads.start(worker, name)

    def _from_current(self) -> bool:
        """Inside a slot: the signal came from the current run (not a superseded one)."""
        return self._threads.is_current(self.sender())

    @Slot()
    def cancel(self) -> None:
        """Ask the current run to stop; what it has done so far still arrives."""
        self._threads.cancel()

    @Slot()
    def shutdown(self) -> None:
        """Cancel and wait for every run's thread (the window or the app closes)."""
        self._threads.shutdown()

    def _end_run(self) -> bool:
        """The current run reported its end: note its time and let another start."""
        if not self._from_current():
            return False
        self.last_elapsed = self._threads.elapsed
        self._threads.release()
        return True

    @Slot(object)
    def _on_worker_finished(self, result: object) -> None:
        if self._end_run():
            self._finish(result)

    @Slot(str, str)
    def _on_worker_failed(self, headline: str, details: str) -> None:
        if self._end_run():
            self._fail(headline, details)

    def _finish(self, result: Any) -> None:
        self.finished.emit(result)

    def _fail(self, headline: str, details: str) -> None:
        self.failed.emit(headline, details)
