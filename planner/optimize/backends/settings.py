"""What every solver backend shares: the solver names, its settings, the monitor it
reports to, the MIP gap and who gets the credit for a plan."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from planner.optimize.outcomes import SolverOutcome, SolverStatus

HIGHS = "highs"
CBC = "cbc"
SOLVER_NAMES = (HIGHS, CBC)


class SolverMonitor(Protocol):
    """What a running solver asks and tells its caller."""

    def stop_requested(self) -> bool: ...

    def progress(self, incumbent: float | None, bound: float | None,
                 gap: float | None) -> None: ...

    def improving_solution(self, objective: float, columns: np.ndarray) -> None: ...


@dataclass(frozen=True)
class SolverSettings:
    """Which solver and how long and how exactly it may search."""

    name: str = HIGHS
    time_limit: float | None = None
    mip_gap: float = 0.005
    threads: int | None = None
    abs_gap: float | None = None
    lp_dive: bool = True  # large models: start from the rounded LP relaxation (worker.py)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """(objective - bound) / |objective|, as HiGHS and CBC define the MIP gap."""
    if objective is None or bound is None or not math.isfinite(bound):
        return None
    if objective == bound:
        return 0.0
    return max(0.0, objective - bound) / max(abs(objective), 1e-10)


def credit(outcome: SolverOutcome, solver: str) -> SolverOutcome:
    """The solver found the plan it reports, and proved it where it ended optimal."""
    outcome.found_by = solver if outcome.objective is not None else ""
    outcome.proved_by = solver if outcome.status is SolverStatus.OPTIMAL else ""
    return outcome
