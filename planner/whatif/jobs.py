"""One unit of work of a what-if run, as a worker (local process or Dask) runs it.

A job is a case's own solve or the Base plan held in a case; ``run_job`` is a
module-level function so that it travels to any worker by reference.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from planner.optimize.solve import solve
from planner.plan import Plan
from planner.scenario import Scenario

OWN = "own"  # the case's own best plan
HELD = "held"  # Base's retrofits held fixed, fuel use re-optimised

Retrofit = tuple[str, str, int]  # (vessel_id, technology, year)


@dataclass(frozen=True)
class SolveOptions:
    """How every solve of a run is made: solver, limits, and one thread per solve."""

    solver: str | None = None
    time_limit: float | None = None
    mip_gap: float | None = None
    threads: int | None = 1


@dataclass
class Job:
    """Solve ``scenario`` (with ``retrofits`` held fixed for a HELD job)."""

    case: str
    kind: str
    scenario: Scenario
    options: SolveOptions
    retrofits: tuple[Retrofit, ...] = ()


@dataclass
class JobDone:
    """A job's plan and the wall time it took in the worker."""

    case: str
    kind: str
    plan: Plan
    seconds: float


def run_job(job: Job) -> JobDone:
    """Solve one job in this process (the worker is already the process that can be stopped)."""
    started = time.perf_counter()
    plan = solve(job.scenario, solver=job.options.solver, time_limit=job.options.time_limit,
                 mip_gap=job.options.mip_gap, threads=job.options.threads,
                 fixed_retrofits=list(job.retrofits) if job.kind == HELD else None,
                 isolate=False)
    return JobDone(job.case, job.kind, plan, time.perf_counter() - started)
