"""How a solver run and a diagnosis ended, as values (never strings compared by hand)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SolverStatus(StrEnum):
    """How one solver run ended."""

    OPTIMAL = "optimal"  # proven within the requested gap
    FEASIBLE = "feasible"  # a plan, stopped before the gap was proven
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"  # stopped before any plan was found
    ERROR = "error"

    @property
    def settled(self) -> bool:
        """The run answered its question: a proven plan or no plan at all."""
        return self in (SolverStatus.OPTIMAL, SolverStatus.INFEASIBLE)


class DiagnosisKind(StrEnum):
    """What the diagnosis of a model whose hard caps fail found."""

    INFEASIBLE = "infeasible"  # the elastic plan and the limits holding each year back
    INVALID = "invalid"  # no plan even with every cap softened: an input error
    ERROR = "error"  # stopped or failed before the smallest shortfall was found


@dataclass
class SolverOutcome:
    """How a run ended, with the figures the solver reported."""

    status: SolverStatus
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    stopped: bool = False  # ended by a stop request or the time limit
    message: str = ""
    details: str = ""  # a failure's whole story (the worker's traceback)
    seconds: float = 0.0
    found_by: str = ""  # plan.Method that found the plan ("" without one)
    proved_by: str = ""  # plan.Method whose bound proves the gap ("" when not proven)
