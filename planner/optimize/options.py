"""What a model is built for: the plan itself, or one of the diagnosis's questions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Purpose(StrEnum):
    """The objective and the treatment of the caps (model.md, "When the caps cannot be met")."""

    PLAN = "plan"  # hard caps hard, soft caps priced; minimise the NPV
    SHORTFALL = "shortfall"  # hard caps elastic; minimise total tCO2e above them
    ELASTIC_PLAN = "elastic_plan"  # hard caps elastic, total excess bounded; minimise the NPV
    YEAR_ALONE = "year_alone"  # one year's caps only, elastic; minimise that year's excess
    FEASIBILITY = "feasibility"  # no caps at all; any plan will do


@dataclass(frozen=True)
class BuildOptions:
    """How to build one model from the same ModelParams."""

    purpose: Purpose = Purpose.PLAN
    year: int | None = None  # YEAR_ALONE: the year whose caps are kept
    shortfall_limit: float | None = None  # ELASTIC_PLAN: most total tCO2e above hard caps
    relax: bool = False  # solve the LP relaxation (x continuous in [0, 1])

    def cap_years(self, hard: list[int], soft: list[int]) -> list[int]:
        """Years whose cap rows are built."""
        if self.purpose is Purpose.FEASIBILITY:
            return []
        if self.purpose is Purpose.YEAR_ALONE:
            return [self.year] if self.year is not None else []
        return sorted(hard + soft)

    def elastic_years(self, hard: list[int], soft: list[int]) -> list[int]:
        """Years that get excess variables (soft caps always; hard ones when elastic)."""
        if self.purpose is Purpose.PLAN:
            return list(soft)
        return self.cap_years(hard, soft)
