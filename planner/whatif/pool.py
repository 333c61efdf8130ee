"""Worker processes on this machine: tasks in, results out, and every one stoppable at once.

Each worker is a spawned process (safe from a GUI or a threaded parent) that runs one
task at a time. It leads its own process group, so stopping it also stops a solver
it started as a subprocess (CBC), and its standard output goes to the null device so
that a solver banner never mixes into a command's JSON or progress lines.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import multiprocessing
import os
import queue
import signal
import sys
import time
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from planner.errors import PlannerError

Outcome = tuple[Hashable, bool, Any]  # (task key, succeeded, result or error text)

_STOP = None


def _worker_main(function: Callable[[Any], Any], tasks: Any, results: Any) -> None:
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    try:  # a solver's banner must not reach the command's standard output (JSON)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.close(quiet)
    except OSError:
        pass
    while True:
        try:
            item = tasks.get()
        except (EOFError, OSError):
            return  # the parent went away
        if item is _STOP:
            return
        key, payload = item
        results.put(("start", os.getpid(), key))
        try:
            outcome: Outcome = (key, True, function(payload))
        except BaseException as error:  # reported to the parent as the task's failure
            outcome = (key, False, f"{type(error).__name__}: {error}")
        results.put(("done", os.getpid(), outcome))


class ProcessPool:
    """``workers`` processes running ``function`` (a module-level function) on payloads."""

    def __init__(self, workers: int, function: Callable[[Any], Any]) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._function = function
        self._tasks = self._context.Queue()
        self._results = self._context.Queue()
        self._processes: dict[int, Any] = {}
        self._running: dict[int, Hashable] = {}  # worker pid -> key of its task
        self._waiting = 0  # tasks submitted and not yet reported
        self._held_back: list[tuple[int, int, Hashable, Any]] = []  # not yet handed out
        self._handed_out = 0  # tasks on the queue or running
        self._order = itertools.count()
        self._size = max(1, workers)
        self._closed = False
        self._failed_starts = 0
        for _ in range(self._size):
            self._start_worker()

    @property
    def size(self) -> int:
        return self._size

    def _start_worker(self) -> None:
        process = self._context.Process(target=_worker_main, daemon=True,
                                        args=(self._function, self._tasks, self._results),
                                        name="planner-case-worker")
        with _main_not_inherited():
            process.start()
        self._processes[process.pid] = process

    def submit(self, key: Hashable, payload: Any, priority: int = 0) -> None:
        """Queue a task; a higher priority runs first among those not yet started."""
        heapq.heappush(self._held_back, (-priority, next(self._order), key, payload))
        self._waiting += 1
        self._hand_out()

    def _hand_out(self) -> None:
        # Tasks go to the workers only as they can start them, so that a task submitted
        # later with a higher priority overtakes those still waiting.
        while self._held_back and self._handed_out < self._size:
            _priority, _order, key, payload = heapq.heappop(self._held_back)
            self._tasks.put((key, payload))
            self._handed_out += 1

    @property
    def busy(self) -> bool:
        return self._waiting > 0

    def poll(self, timeout: float) -> list[Outcome]:
        """Tasks finished within ``timeout`` seconds (at least one waited for, if any)."""
        # Free workers get their next task only now, after the caller has submitted what
        # follows from the last results (so that those go first).
        self._hand_out()
        finished: list[Outcome] = []
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                message = self._results.get(timeout=max(0.0, remaining)) if not finished \
                    else self._results.get_nowait()
            except queue.Empty:
                break
            kind, pid, body = message
            if kind == "start":
                self._running[pid] = body
                continue
            self._running.pop(pid, None)
            self._waiting -= 1
            self._handed_out -= 1
            finished.append(body)
        finished += self._lost_tasks()
        return finished

    def _lost_tasks(self) -> list[Outcome]:
        """Tasks whose worker died (killed by the system, out of memory, a crash)."""
        lost: list[Outcome] = []
        for pid, process in list(self._processes.items()):
            if process.is_alive():
                continue
            del self._processes[pid]
            if pid in self._running:
                key = self._running.pop(pid)
                self._waiting -= 1
                self._handed_out -= 1
                lost.append((key, False, "the solver process stopped unexpectedly "
                                         f"(exit code {process.exitcode})"))
            else:
                self._failed_starts += 1
                if self._failed_starts > self._size:
                    self.stop()
                    raise PlannerError("the worker processes stop as soon as they start "
                                       f"(exit code {process.exitcode}); run with --jobs 1 "
                                       "or check the installation")
            if self._waiting > 0 and not self._closed:
                self._start_worker()
        return lost

    def stop(self) -> None:
        """Stop every worker now, with the solvers they run (within a second)."""
        self._closed = True
        for process in self._processes.values():
            _kill(process, signal.SIGTERM)
        deadline = time.monotonic() + 0.5
        for process in self._processes.values():
            process.join(max(0.0, deadline - time.monotonic()))
        for process in self._processes.values():
            if process.is_alive():
                _kill(process, getattr(signal, "SIGKILL", signal.SIGTERM))
                process.join(0.3)
        self._release()

    def close(self) -> None:
        """Let the workers finish and exit (after every task has been reported)."""
        self._closed = True
        for _ in self._processes:
            self._tasks.put(_STOP)
        for process in self._processes.values():
            process.join(5)
        if any(p.is_alive() for p in self._processes.values()):
            self.stop()
            return
        self._release()

    def _release(self) -> None:
        for channel in (self._tasks, self._results):
            channel.cancel_join_thread()
            channel.close()
        self._processes.clear()


@contextlib.contextmanager
def _main_not_inherited() -> Iterator[None]:
    """Start a worker without the parent's main script.

    A spawned process re-runs the parent's ``__main__`` (a script, ``python -m
    planner``, the GUI's launcher) unless that module has neither a file nor a spec;
    the workers need only the planner's own modules, so both are hidden while the
    process starts. A notebook or a script without a ``__main__`` guard then works too.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__")
             if name in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def _kill(process: Any, sig: int) -> None:
    """Signal a worker and the solver processes it started (its process group)."""
    pid = process.pid
    if pid is None or not process.is_alive():
        return
    if hasattr(os, "killpg"):
        try:
            if os.getpgid(pid) == pid:
                os.killpg(pid, sig)
                return
        except (ProcessLookupError, PermissionError):
            pass
    try:
        if sig == signal.SIGTERM:
            process.terminate()
        else:
            process.kill()
    except (ProcessLookupError, OSError):
        pass
