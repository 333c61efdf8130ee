"""The same runs on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

dask.distributed is imported only here and only when a scheduler is given; it comes
with the package's optional extra ``cluster``. Every machine of the cluster needs the
planner installed (docs/cluster.md).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Hashable
from typing import Any

from planner.errors import PlannerError
from planner.whatif.pool import Outcome


class ClusterError(PlannerError):
    """The Dask cluster cannot be used (not installed, not reachable)."""


class DaskPool:
    """Tasks on a Dask cluster, with the interface of the local ProcessPool."""

    def __init__(self, address: str, function: Callable[[Any], Any],
                 connect_timeout: float = 10.0) -> None:
        try:
            from dask.distributed import Client
        except ImportError as missing:
            raise ClusterError(
                "running on a Dask cluster needs dask.distributed: install the planner "
                "with its cluster extra (pip install 'fleet-transition-planner[cluster]')"
            ) from missing
        self.address = address
        self._function = function
        try:
            self._client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") \
                from error
        self._futures: dict[Any, Hashable] = {}  # future -> task key

    @property
    def size(self) -> int:
        """Threads the cluster's workers offer (parallel tasks)."""
        info = self._client.scheduler_info()
        return sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()) or 1

    def submit(self, key: Hashable, payload: Any, priority: int = 0) -> None:
        future = self._client.submit(self._function, payload, pure=False, priority=priority,
                                     key=f"planner-case-{uuid.uuid4().hex}")
        self._futures[future] = key

    @property
    def busy(self) -> bool:
        return bool(self._futures)

    def poll(self, timeout: float) -> list[Outcome]:
        if not self._futures:
            return []
        deadline = time.monotonic() + timeout
        done = [f for f in self._futures if f.done()]
        while not done and time.monotonic() < deadline:
            time.sleep(0.02)
            done = [f for f in self._futures if f.done()]
        finished: list[Outcome] = []
        for future in done:
            key = self._futures.pop(future)
            if future.status == "finished":
                finished.append((key, True, future.result()))
            else:
                error = future.exception() if future.status == "error" else future.status
                finished.append((key, False, f"{type(error).__name__}: {error}"
                                 if isinstance(error, BaseException) else str(error)))
            future.release()
        return finished

    def stop(self) -> None:
        """Cancel every task; Dask cannot interrupt a task already running on a worker,
        so those finish there in the background and their results are dropped."""
        if self._futures:
            self._client.cancel(list(self._futures), force=True)
        self._futures.clear()
        self._client.close(timeout=2)

    def close(self) -> None:
        self._futures.clear()
        self._client.close(timeout=5)
