"""Worker processes on this machine: tasks in, results out, and every one stoppable at once.

Each worker is a spawned process (safe from a GUI or a threaded parent) with a pipe of
its own: the parent hands a task to an idle worker only, so it always knows which task
each worker runs (a worker that dies is reported as that task's failure) and a task
submitted later with a higher priority overtakes those still waiting. A worker leads
its own process group, so stopping it also stops a solver it started as a subprocess
(CBC), and its standard output goes to the null device so that a solver banner never
mixes into a command's JSON or progress lines.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import multiprocessing
import signal
import time
import traceback
from collections.abc import Callable, Hashable
from multiprocessing.connection import wait
from typing import Any

from planner.errors import PlannerError
from planner.processes import become_worker, kill_group, main_module_hidden

Outcome = tuple[Any, bool, Any]  # (task key, succeeded, result or error text)


def _worker_main(function: Callable[[Any], Any], connection: Any) -> None:
    become_worker()
    while True:
        try:
            payload = connection.recv()
        except (EOFError, OSError):
            return  # the parent went away or closed the pipe
        if payload is None:
            return
        try:
            reply = (True, function(payload))
        except BaseException:  # reported to the parent as the task's failure, whole
            reply = (False, traceback.format_exc())
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    """One worker process, its end of the pipe, and the key of the task it runs."""

    def __init__(self, context: Any, function: Callable[[Any], Any]) -> None:
        self.connection, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(function, child),
                                       daemon=True, name="planner-case-worker")
        with main_module_hidden():
            self.process.start()
        child.close()
        self.task: Hashable | None = None
        self.busy = False
        self.worked = False  # has taken a task (a worker that never did may not start)


class ProcessPool:
    """``workers`` processes running ``function`` (a module-level function) on payloads."""

    def __init__(self, workers: int, function: Callable[[Any], Any]) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._function = function
        self._size = max(1, workers)
        self._workers: list[_Worker] = []
        self._queue: list[tuple[int, int, Hashable, Any]] = []  # waiting for a worker
        self._order = itertools.count()
        self._failed_starts = 0
        self._stopped = False
        for _ in range(self._size):
            self._workers.append(_Worker(self._context, function))

    @property
    def size(self) -> int:
        return self._size

    @property
    def busy(self) -> bool:
        return bool(self._queue) or any(w.busy for w in self._workers)

    def submit(self, key: Hashable, payload: Any, priority: int = 0) -> None:
        """Queue a task; a higher priority runs first among those not yet started."""
        heapq.heappush(self._queue, (-priority, next(self._order), key, payload))

    def _hand_out(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.busy or not worker.process.is_alive():
                continue
            _priority, _order, key, payload = heapq.heappop(self._queue)
            try:
                worker.connection.send(payload)
            except (OSError, ValueError):  # it died just now: the task waits for another
                heapq.heappush(self._queue, (_priority, _order, key, payload))
                continue
            worker.task, worker.busy, worker.worked = key, True, True

    def poll(self, timeout: float) -> list[Outcome]:
        """Tasks finished within ``timeout`` seconds (returns as soon as one is)."""
        # Idle workers get their next task only now, after the caller has submitted what
        # follows from the last results (so that those go first).
        self._hand_out()
        busy = [w for w in self._workers if w.busy]
        waitables = [w.connection for w in busy] + [w.process.sentinel for w in self._workers]
        ready = set(wait(waitables, timeout)) if waitables else set()
        finished: list[Outcome] = []
        for worker in list(self._workers):
            if worker.busy and (worker.connection in ready or worker.process.sentinel in ready):
                reply = self._receive(worker)
                if reply is not None:
                    finished.append(reply)
            if worker.process.sentinel in ready or not worker.process.is_alive():
                finished += self._replace(worker)
        return finished

    def _receive(self, worker: _Worker) -> Outcome | None:
        try:
            if not worker.connection.poll():
                return None
            ok, value = worker.connection.recv()
        except (EOFError, OSError):
            return None
        key, worker.task, worker.busy = worker.task, None, False
        return (key, ok, value)

    def _replace(self, worker: _Worker) -> list[Outcome]:
        """A dead worker: its task failed; a new worker takes its place."""
        worker.process.join(0.1)
        if worker.process.is_alive():
            return []
        lost: list[Outcome] = []
        if worker.busy:
            lost.append((worker.task, False, "the solver process stopped unexpectedly "
                                             f"(exit code {worker.process.exitcode})"))
        elif not worker.worked:
            self._failed_starts += 1
        worker.connection.close()
        self._workers.remove(worker)
        if self._failed_starts > self._size:
            self.stop()
            raise PlannerError("the worker processes stop as soon as they start (exit code "
                               f"{worker.process.exitcode}); run with --jobs 1 or check the "
                               "installation")
        if not self._stopped:
            self._workers.append(_Worker(self._context, self._function))
        return lost

    def stop(self) -> None:
        """Stop every worker now, with the solvers they run (within a second)."""
        self._stopped = True
        self._queue.clear()
        for worker in self._workers:
            kill_group(worker.process, signal.SIGTERM)
        deadline = time.monotonic() + 0.5
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in self._workers:
            if worker.process.is_alive():
                kill_group(worker.process)
                worker.process.join(0.3)
        self._release()

    def close(self) -> None:
        """Let the workers exit (after every task has been reported)."""
        self._stopped = True
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.connection.send(None)
        for worker in self._workers:
            worker.process.join(5)
        if any(w.process.is_alive() for w in self._workers):
            self.stop()
            return
        self._release()

    def _release(self) -> None:
        for worker in self._workers:
            worker.connection.close()
        self._workers.clear()
