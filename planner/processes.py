"""The worker processes the planner starts (a solve's worker, the what-if pool's workers):
started without the caller's script, each in a process group of its own with a silent
standard output, and killed together with the solver processes they started."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def main_module_hidden() -> Iterator[None]:
    """Start processes without re-running the caller's main script in them.

    spawn and forkserver import the parent's ``__main__`` in the child (a script,
    ``python -m planner``, the GUI's launcher) unless that module has neither a file nor
    a spec; the workers need only the planner's own modules, so both are hidden while
    the process starts. A notebook or a script without a ``__main__`` guard works too.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved: dict[str, object] = {name: main.__dict__[name] for name in ("__file__", "__spec__")
                                if name in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def become_worker(exit_with_parent: bool = False) -> None:
    """In a new worker: its own process group (to be killed with the solvers it starts)
    and file descriptor 1 on the null device (a solver's banner must not reach the
    command's standard output, which may carry JSON); optionally exit with the parent."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.close(quiet)
    except OSError:
        pass
    parent = multiprocessing.parent_process() if exit_with_parent else None
    if parent is not None:
        def watch() -> None:
            parent.join()
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def kill_group(process: Any, sig: int = getattr(signal, "SIGKILL", signal.SIGTERM)) -> None:
    """Signal a worker and the solver processes it started (its process group, once the
    worker leads one; the worker alone before that)."""
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
