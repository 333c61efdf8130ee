"""ModelHandles: the PuLP problem and its variables and rows, in dicts keyed by tuples."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pulp

# Variable families, the keys of their dicts:
#   install   (vessel, tech, year)  x, binary: the technology is installed that year
#   installed (vessel, tech, year)  s, in [0, 1]: installed in or before that year
#   energy    (vessel, fuel, year)  e, >= 0, in TJ (params.GJ_PER_UNIT)
#   over_cap / over_intensity (year) X_t / Y_t, >= 0, tCO2e above the caps
#   regime    (name, ...)           the regime variables of regimes.md, e.g. ("U", unit, year)
VARIABLE_FAMILIES = ("install", "installed", "energy", "over_cap", "over_intensity", "regime")

# A plan's nonzero variable values by family and key (what a worker sends back).
Values = dict[str, dict[Any, float]]


@dataclass
class ModelHandles:
    """A built model: the problem plus every variable and row by family and key."""

    problem: pulp.LpProblem
    install: dict[tuple[int, int, int], pulp.LpVariable] = field(default_factory=dict)
    installed: dict[tuple[int, int, int], pulp.LpVariable] = field(default_factory=dict)
    energy: dict[tuple[int, int, int], pulp.LpVariable] = field(default_factory=dict)
    over_cap: dict[int, pulp.LpVariable] = field(default_factory=dict)
    over_intensity: dict[int, pulp.LpVariable] = field(default_factory=dict)
    regime: dict[tuple, pulp.LpVariable] = field(default_factory=dict)
    # The regime lines' NPV terms (discounted), added to the objective by npv_terms.
    regime_costs: list[tuple[pulp.LpVariable, float]] = field(default_factory=list)
    rows: dict[str, dict[tuple, pulp.LpConstraint]] = field(default_factory=dict)
    # Variables grouped for the rows that sum them, filled once by group_variables().
    energy_by_vessel_year: dict[tuple[int, int], list[tuple[int, pulp.LpVariable]]] = field(
        default_factory=dict)
    energy_by_year: dict[int, list[tuple[int, int, pulp.LpVariable]]] = field(
        default_factory=dict)
    install_by_year: dict[int, list[tuple[int, int, pulp.LpVariable]]] = field(
        default_factory=dict)

    def group_variables(self) -> None:
        """Index e by (vessel, year) and by year, and x by year."""
        for (vessel, fuel, year), var in self.energy.items():
            self.energy_by_vessel_year.setdefault((vessel, year), []).append((fuel, var))
            self.energy_by_year.setdefault(year, []).append((vessel, fuel, var))
        for (vessel, tech, year), var in self.install.items():
            self.install_by_year.setdefault(year, []).append((vessel, tech, var))

    def family(self, name: str) -> dict:
        if name not in VARIABLE_FAMILIES:
            raise KeyError(name)
        return getattr(self, name)

    def add_row(self, family: str, key: tuple, terms: list[tuple[pulp.LpVariable, float]],
                sense: int, rhs: float) -> pulp.LpConstraint:
        """Add ``sum coef * var  (sense)  rhs`` built from a coefficient list (fast path).

        ``terms`` must not repeat a variable (LpAffineExpression keeps the last one).
        """
        expression = pulp.LpAffineExpression(terms)
        constraint = pulp.LpConstraint(expression, sense, rhs=rhs)
        name = family + "_" + "_".join(str(part) for part in key)
        self.problem.addConstraint(constraint, name)
        self.rows.setdefault(family, {})[key] = constraint
        return constraint

    def excess_terms(self, years: Iterable[int]) -> list[tuple[pulp.LpVariable, float]]:
        """X_t + Y_t (tCO2e above the caps) over ``years``."""
        return [(family[year], 1.0) for year in years
                for family in (self.over_cap, self.over_intensity) if year in family]

    def counts(self) -> dict[str, int]:
        sizes = {name: len(self.family(name)) for name in VARIABLE_FAMILIES}
        sizes["rows"] = sum(len(rows) for rows in self.rows.values())
        sizes["nonzeros"] = sum(len(row) for rows in self.rows.values() for row in rows.values())
        return sizes
