"""The robust run's units of work as a worker (local process or Dask) runs them.

``run_task`` is module-level so that the what-if layer's ProcessPool and DaskPool carry
it to any worker by reference. One pool serves the whole run: the what-if jobs (each
future solved alone, Base's plan held) and the robust layer's extensive forms (the
robust plan, a future with Base's committed retrofits, a decomposition's subproblem).
"""

from __future__ import annotations

from typing import Any

from planner.robust.model import ExtensiveJob, solve_extensive


def run_task(job: Any) -> Any:
    """Solve one job in this process (the worker is the process that can be stopped)."""
    if isinstance(job, ExtensiveJob):
        return solve_extensive(job)
    from planner.whatif.jobs import run_job

    return run_job(job)
