"""The caller's side of the worker: start it, send jobs, relay progress, stop or kill it.

``WorkerSession.run`` sends a ``SolveJob`` to the worker (worker.py) and reads its
replies until the result, a stop request or the deadline. A stop is an Event the
worker's solver polls; a worker that does not answer in time is killed, with its
process group (CBC runs as a grandchild), and the last plan it streamed is kept. Where
a process is not allowed (a daemonic pool worker) or cannot be started, the worker is
a thread of this process: it cannot be killed, only asked to stop.
"""

from __future__ import annotations

import multiprocessing
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.errors import last_line
from planner.optimize.backends import relative_gap
from planner.optimize.handles import Values
from planner.optimize.outcomes import SolverOutcome, SolverStatus
from planner.optimize.worker import JobResult, ProgressCallback, SolveJob, serve
from planner.processes import kill_group, main_module_hidden


def _context() -> Any:  # a start method's context: Queue, Event, Process
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["planner.optimize.worker", "planner.optimize.build",
                                        "planner.optimize.backends"])
        return context
    return multiprocessing.get_context("spawn")


def can_isolate() -> bool:
    """A daemonic process (a pool worker) may not start processes of its own."""
    return not multiprocessing.current_process().daemon


@dataclass
class StopReason:
    cancelled: bool = False
    timed_out: bool = False


class _JobWatch:
    """What a running job has told: its last figures and best plan; its result."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        self.progress = progress
        self.best: tuple[float, Values, str] | None = None  # objective, values, found_by
        self.last: dict[str, Any] = {}

    def take(self, message: tuple) -> JobResult | None:
        """Take one message of the worker (worker.py); the job's result when it ends."""
        kind = message[0]
        if kind == "phase":
            self.last = {**self.last, **message[2]}
            if self.progress is not None:
                self.progress(message[1], dict(message[2]))
        elif kind == "incumbent":
            self.best = (message[1], message[2], message[3])
        elif kind == "result":
            return message[1]
        elif kind == "error":
            return JobResult(SolverOutcome(SolverStatus.ERROR, message=last_line(message[1]),
                                           details=message[1]))
        return None


class WorkerSession:
    """One worker (a process, or a thread where processes are not allowed) for many jobs."""

    CANCEL_GRACE = 0.6  # seconds a worker has to answer a cancel before it is killed
    DEADLINE_GRACE = 0.8  # ... to answer the time limit

    def __init__(self, isolate: bool | None = None) -> None:
        self.isolate = can_isolate() if isolate is None else isolate
        self._process: Any = None
        self._thread: threading.Thread | None = None
        self._jobs: Any = None
        self._replies: Any = None
        self._stop: Any = None
        self._scratch: str | None = None  # the worker process's temporary directory

    def __enter__(self) -> WorkerSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        if self.isolate:
            try:
                self._start_process()
                return
            except OSError:  # no process to be had (limits, sandbox): solve in a thread
                self.isolate = False
        self._jobs, self._replies = queue.Queue(), queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=serve, name="planner-solver", daemon=True,
                                        args=(self._jobs, self._replies, self._stop, False))
        self._thread.start()

    def _start_process(self) -> None:
        context = _context()
        self._jobs, self._replies = context.Queue(), context.Queue()
        self._stop = context.Event()
        self._remove_scratch()  # a worker that died on its own left its directory
        self._scratch = tempfile.mkdtemp(prefix="planner-solver-")
        self._process = context.Process(target=serve, name="planner-solver",
                                        args=(self._jobs, self._replies, self._stop, True,
                                              self._scratch),
                                        daemon=True)
        with main_module_hidden():
            try:
                self._process.start()
            except OSError:
                self._remove_scratch()
                raise

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _alive(self) -> bool:
        if self._process is not None:
            return bool(self._process.is_alive())
        return self._thread is not None and self._thread.is_alive()

    def run(self, job: SolveJob, deadline: float | None = None,
            should_stop: Callable[[], bool] | None = None,
            progress: ProgressCallback | None = None) -> tuple[JobResult, StopReason]:
        """Run a job to its end, a stop request, or the deadline (time.monotonic())."""
        if not self._alive():
            self._start()
        self._stop.clear()
        self._jobs.put(job)
        watch = _JobWatch(progress)
        reason = StopReason()
        stop_sent: float | None = None
        while True:
            message = self._next_message()
            result = watch.take(message) if message is not None else None
            if result is not None:
                return result, reason
            now = time.monotonic()
            if stop_sent is None:
                reason.cancelled = should_stop is not None and bool(should_stop())
                reason.timed_out = not reason.cancelled and deadline is not None \
                    and now >= deadline
                if reason.cancelled or reason.timed_out:
                    self._stop.set()
                    stop_sent = now
            elif now - stop_sent > (self.CANCEL_GRACE if reason.cancelled
                                    else self.DEADLINE_GRACE):
                return self._abandon(watch.best, watch.last), reason
            if message is None and not self._alive():
                return JobResult(SolverOutcome(
                    SolverStatus.ERROR, message="the solver process ended unexpectedly")), reason

    def _next_message(self) -> tuple | None:
        try:
            return self._replies.get(timeout=0.05)
        except queue.Empty:
            return None

    def _abandon(self, best: tuple[float, Values, str] | None,
                 last: dict[str, Any]) -> JobResult:
        """The worker did not answer a stop in time: kill it, keep the last incumbent."""
        self.kill()
        if best is None:
            return JobResult(SolverOutcome(SolverStatus.NO_SOLUTION, stopped=True,
                                           message="the solver did not answer in time"))
        objective, values, found_by = best
        bound = last.get("bound")
        return JobResult(SolverOutcome(SolverStatus.FEASIBLE, objective=objective, bound=bound,
                                       gap=relative_gap(objective, bound), stopped=True,
                                       found_by=found_by), values)

    def kill(self) -> None:
        """End the worker now (with CBC, if it runs one)."""
        if self._process is not None:
            kill_group(self._process)
            self._process.join(timeout=2)
            self._process = None
            self._remove_scratch()  # what a solve killed midway left there
        if self._thread is not None:  # a thread cannot be killed: it ends after its solve
            self._jobs.put(None)
            self._thread = None

    def close(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._jobs.put(None)
            self._process.join(timeout=1)
            if self._process.is_alive():
                self.kill()
        elif self._thread is not None and self._thread.is_alive():
            self._stop.set()
            self._jobs.put(None)
        self._process = None
        self._thread = None
        self._remove_scratch()
