"""The numeric range of a built model, and whether a MILP solver can honour it.

Validation checks each cell against its physical limit; this checks what no single
cell shows: numbers that are each possible but together span more than a solver's
double precision and tolerances tell apart (HiGHS and CBC: feasibility 1e-7 absolute,
1e20 taken as infinity, matrix values past 1e15 refused or below 1e-9 dropped).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pulp

# Past these the solver cannot honour the model: a value >= 1e15 is refused by HiGHS
# (large_matrix_value) or, from 1e20, silently taken as infinite; a coefficient below
# 1e-9 is dropped as zero.
LARGEST = 1e15
SMALLEST = 1e-9
# A matrix whose largest nonzero is more than this many times its smallest is solved, but
# the plan is flagged (real models span 1e-1 to 1e4: docs/model-notes.md).
WIDE_SPAN = 1e9


@dataclass(frozen=True)
class Span:
    """The smallest and largest nonzero magnitude of one part of the model (0, 0 if none)."""

    smallest: float = 0.0
    largest: float = 0.0

    def words(self) -> str:
        return "none" if self.largest == 0 else f"{self.smallest:.3g} to {self.largest:.3g}"


@dataclass(frozen=True)
class NumericRange:
    """What the model's coefficients, costs and right-hand sides span."""

    matrix: Span
    objective: Span
    bounds: Span  # right-hand sides and variable bounds

    @property
    def refusal(self) -> str:
        """Why the solver cannot honour the model, '' when it can."""
        parts = {"constraint coefficients": self.matrix, "costs": self.objective,
                 "right-hand sides and bounds": self.bounds}
        too_large = [name for name, span in parts.items() if span.largest >= LARGEST]
        too_small = self.matrix.smallest != 0 and self.matrix.smallest < SMALLEST
        if not too_large and not too_small:
            return ""
        seen = "; ".join(f"{name} {span.words()}" for name, span in parts.items())
        return (f"The model's numbers span more than a solver can honour ({seen}; a solver "
                f"takes values from {SMALLEST:g} to {LARGEST:g}): check the inputs with the "
                "largest values (caps, prices, fuel, money) for a wrong unit or a typo")

    @property
    def warning(self) -> str:
        """A note for a plan solved from a model whose coefficients span very widely."""
        if self.refusal or self.matrix.smallest == 0:
            return ""
        if self.matrix.largest / self.matrix.smallest <= WIDE_SPAN:
            return ""
        return (f"The model's constraint coefficients span {self.matrix.words()}, more than "
                f"{WIDE_SPAN:.0e} apart: the solver's tolerances may blur small figures")


def _span(values: list[float]) -> Span:
    magnitudes = [abs(v) for v in values if v and math.isfinite(v)]
    infinite = any(not math.isfinite(v) for v in values if v)
    if not magnitudes and not infinite:
        return Span()
    largest = math.inf if infinite else max(magnitudes)
    return Span(min(magnitudes) if magnitudes else largest, largest)


def numeric_range(problem: pulp.LpProblem) -> NumericRange:
    """Scan the model once: every coefficient, cost, right-hand side and bound."""
    matrix: list[float] = []
    bounds: list[float] = []
    for constraint in problem.constraints.values():
        matrix.extend(constraint.values())
        bounds.append(-constraint.constant)
    for variable in problem.variables():
        bounds.extend(b for b in (variable.lowBound, variable.upBound) if b is not None)
    objective = list((problem.objective or {}).values())
    return NumericRange(_span(matrix), _span(objective), _span(bounds))
