"""One solve() call's running state: the worker, the clock, the deadline, stop and progress."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from planner.optimize.backends import SolverSettings
from planner.optimize.handles import Values
from planner.optimize.options import BuildOptions
from planner.optimize.worker import JobResult, ProgressCallback, SolveJob
from planner.optimize.worker_session import WorkerSession
from planner.resolve import ModelData

# Seconds the solver's own time limit leaves before the deadline, to hand its plan back.
SOLVER_MARGIN = 0.3


@dataclass
class SolveContext:
    """Runs the jobs of one solve() against a shared deadline, reporting progress."""

    session: WorkerSession
    settings: SolverSettings
    time_limit: float
    progress: ProgressCallback | None = None
    should_stop: Callable[[], bool] | None = None
    started: float = field(default_factory=time.monotonic)
    cancelled: bool = False
    timed_out: bool = False
    jobs_run: int = 0

    @property
    def deadline(self) -> float:
        return self.started + self.time_limit

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    @property
    def stopped(self) -> bool:
        return self.cancelled or self.timed_out

    def report(self, phase: str, **info: Any) -> None:
        if self.progress is not None:
            self.progress(phase, {"elapsed": self.elapsed(), **info})

    def check_stop(self) -> bool:
        """Poll the caller's stop request and the deadline between jobs."""
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
        if self.remaining() <= 0:
            self.timed_out = True
        return self.stopped

    def run(self, data: ModelData, options: BuildOptions, *, phase: str = "solving",
            mip_gap: float | None = None, abs_gap: float | None = None,
            fixed_retrofits: frozenset[tuple[int, int, int]] | None = None,
            start_values: Values | None = None, share: float = 1.0) -> JobResult:
        """Build and solve one model in the worker, within ``share`` of the time left.

        A job that uses up its share ends with its best plan; only the whole call's
        deadline counts as the time limit reached.
        """
        base = self.settings
        allowed = max(0.05, self.remaining() * share)
        job_deadline = min(self.deadline, time.monotonic() + allowed)
        settings = replace(  # the solver's own limit ends a little before ours
            base, time_limit=max(0.05, allowed - SOLVER_MARGIN),
            mip_gap=base.mip_gap if mip_gap is None else mip_gap,
            abs_gap=abs_gap if abs_gap is not None else base.abs_gap)
        job = SolveJob(data=data, options=options, settings=settings,
                       fixed_retrofits=fixed_retrofits, start_values=start_values)

        def relay(worker_phase: str, info: dict[str, Any]) -> None:
            if phase == "solving":  # the plan's job: building, then solving with its figures
                self.report(worker_phase, **info)
            else:  # a diagnosis job: its objective is no plan's cost, so only the clock
                self.report(phase)

        result, reason = self.session.run(job, deadline=job_deadline,
                                          should_stop=self.should_stop, progress=relay)
        self.jobs_run += 1
        self.cancelled = self.cancelled or reason.cancelled
        # the solver's own limit ends SOLVER_MARGIN early: a stop then is the time limit
        at_the_end = self.remaining() <= SOLVER_MARGIN + 0.2
        self.timed_out = self.timed_out or (at_the_end and (
            reason.timed_out or (result.outcome.stopped and not reason.cancelled)))
        return result
