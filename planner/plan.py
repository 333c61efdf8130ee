"""What a solve returns: the plan, its status and figures, and the diagnosis when caps fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from planner import schema
from planner.errors import Issue


class Status(StrEnum):
    """Outcome of a solve, as reported everywhere (CLI, JSON, workbook, GUI)."""

    OPTIMAL = "optimal"  # proven within the requested gap
    FEASIBLE = "feasible"  # a plan, but stopped (time limit, cancel) before the gap was proven
    INFEASIBLE = "infeasible"  # the caps cannot be met; see Plan.diagnosis
    INVALID = "invalid"  # the inputs contradict each other or have errors
    ERROR = "error"  # no plan: solver failure, or stopped before any plan was found

    @property
    def has_plan(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE)

    @property
    def meets_caps(self) -> bool:
        """A plan that meets the hard caps (proven or the best found in the time)."""
        return self in MEETS_CAPS

    @property
    def failed(self) -> bool:
        """No plan that meets the caps: the caps, the inputs or the solver stood in the way."""
        return self in FAILED

    @property
    def short_words(self) -> str:
        """The status in a few words for a label, e.g. "caps cannot be met"."""
        return _SHORT_WORDS[self]

    @classmethod
    def parse(cls, text: object) -> Status | None:
        """The status written as ``text`` (any case, spaces around), or None."""
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            return None


class Method(StrEnum):
    """What found a plan, or proved how close it is to the best possible."""

    LP_DIVE = "lp_dive"  # found: the LP relaxation, rounded step by step (large models)
    LP_RELAXATION = "lp_relaxation"  # proved: the LP relaxation's bound
    START = "start"  # found: the plan the solve started from (an earlier stage's)
    HIGHS = "highs"
    CBC = "cbc"

    @property
    def words(self) -> str:
        """The method in a planner's words, e.g. "the LP dive"."""
        return _METHOD_WORDS[self]

    @classmethod
    def words_of(cls, text: str) -> str:
        """``text`` (a Plan's found_by or proved_by) in words; unknown text as written."""
        try:
            return cls(text).words
        except ValueError:
            return text


_METHOD_WORDS = {
    Method.LP_DIVE: "the LP dive",
    Method.LP_RELAXATION: "the LP relaxation's bound",
    Method.START: "the plan it started from",
    Method.HIGHS: "HiGHS",
    Method.CBC: "CBC",
}


class Limit(StrEnum):
    """A limit of model.md that can hold a year back, in the order reports list them."""

    YARD_CAPACITY = "yard_capacity"
    CAPEX_BUDGET = "capex_budget"
    FUEL_SUPPLY = "fuel_supply"
    FUEL_AVAILABILITY = "fuel_availability"
    TECHNOLOGY_AVAILABILITY = "technology_availability"
    DOCK_WINDOWS = "dock_windows"
    BLEND_LIMITS = "blend_limits"

    @property
    def words(self) -> str:
        """The limit in a planner's words, e.g. "yard capacity"."""
        return _LIMIT_WORDS.get(self, self.value.replace("_", " "))


_LIMIT_WORDS = {
    Limit.FUEL_AVAILABILITY: "fuel availability year",
    Limit.TECHNOLOGY_AVAILABILITY: "technology availability year",
}
_SHORT_WORDS = {
    Status.OPTIMAL: "optimal",
    Status.FEASIBLE: "best at the time limit",
    Status.INFEASIBLE: "caps cannot be met",
    Status.INVALID: "inputs contradict",
    Status.ERROR: "no result",
}
# The statuses by what they tell a planner; as strings too ("optimal" in MEETS_CAPS).
MEETS_CAPS = frozenset({Status.OPTIMAL, Status.FEASIBLE})
FAILED = frozenset({Status.INFEASIBLE, Status.INVALID, Status.ERROR})

LIMIT_NAMES: tuple[str, ...] = tuple(Limit)
LIMIT_WORDS: dict[str, str] = {limit.value: limit.words for limit in Limit}


@dataclass
class YearShortfall:
    """One year whose hard caps the elastic plan misses."""

    year: int
    cap_tco2e: float | None
    intensity_cap_gco2e_per_mj: float | None
    emissions_tco2e: float  # what the elastic plan emits
    shortfall_tco2e: float  # tCO2e above the hard caps (both caps added)
    limits: list[str] = field(default_factory=list)  # LIMIT_NAMES that hold this year back
    limit_details: list[str] = field(default_factory=list)  # the same in a planner's words
    alone_feasible: bool = False  # meets its caps on its own: short only through trade-offs
    explanation: str = ""  # the sentence as saved in a workbook (a plan read back)
    checked: bool = True  # False: the solve was stopped before every limit was tried


@dataclass
class Diagnosis:
    """Why the caps cannot be met, per year, in words a planner acts on."""

    shortfall_total: float
    years: list[YearShortfall] = field(default_factory=list)
    elastic_objective: float | None = None

    @property
    def shortfall_by_year(self) -> dict[int, float]:
        return {y.year: y.shortfall_tco2e for y in self.years}

    @property
    def limits(self) -> list[str]:
        found = {name for y in self.years for name in y.limits}
        return [name for name in LIMIT_NAMES if name in found]

    def sentences(self, currency: str = "USD") -> list[str]:
        """One line per short year, e.g. '2032: cap 410,000 tCO2e, ...'."""
        lines = []
        for y in self.years:
            if y.explanation:
                lines.append(y.explanation)
                continue
            caps = []
            if y.cap_tco2e is not None:
                caps.append(f"cap {y.cap_tco2e:,.0f} tCO2e")
            if y.intensity_cap_gco2e_per_mj is not None:
                caps.append(f"intensity cap {y.intensity_cap_gco2e_per_mj:,.2f} gCO2e/MJ")
            line = (f"{y.year}: {' and '.join(caps) or 'caps'}, the fleet can reach "
                    f"{y.emissions_tco2e:,.0f} tCO2e at best ({y.shortfall_tco2e:,.0f} short)")
            if y.limit_details or y.limits:
                words = y.limit_details or [LIMIT_WORDS[n] for n in y.limits]
                line += "; held back by: " + ", ".join(words)
                if not y.checked:
                    line += " (the solve was stopped before every limit was tried)"
            elif not y.checked:
                line += "; the solve was stopped before the limits holding this year back " \
                        "were found"
            elif y.alone_feasible:
                line += "; on its own this year could meet its caps: it is short because " \
                        "other years' caps compete for the same retrofits and fuels"
            else:
                line += "; no single limit would let this year meet its caps: lifting " \
                        "several, or cleaner fuels and technologies, are needed"
            lines.append(line)
        return lines


@dataclass
class Plan:
    """A solved plan: status, figures and the tables of the Plan sheets.

    ``annual``, ``retrofits`` and ``fuel_use`` have the columns of the Plan Annual,
    Plan Retrofits and Plan Fuel Use sheets (schema.PLAN_*). A plan read back from a
    workbook has ``stale`` set when the inputs changed since it was solved.
    """

    status: Status
    objective: float | None = None
    bau_objective: float | None = None
    # The same plans with each year's FuelEU penalty replaced by its literal value
    # (regimes.md); equal to objective and bau_objective when no regime is on.
    objective_literal: float | None = None
    bau_objective_literal: float | None = None
    gap: float | None = None
    best_bound: float | None = None
    solver: str = ""  # the MILP solver run (or asked for)
    found_by: str = ""  # Method that found the plan ("" when there is none)
    proved_by: str = ""  # Method whose bound proves the gap ("" when not proven)
    solve_seconds: float = 0.0
    solved_at: str = ""
    input_fingerprint: str = ""
    annual: pd.DataFrame = field(default_factory=lambda: _empty(schema.PLAN_ANNUAL))
    retrofits: pd.DataFrame = field(default_factory=lambda: _empty(schema.PLAN_RETROFITS))
    fuel_use: pd.DataFrame = field(default_factory=lambda: _empty(schema.PLAN_FUEL_USE))
    diagnosis: Diagnosis | None = None
    # Plan Compliance: per vessel and year, with a regime on (empty otherwise).
    compliance: pd.DataFrame = field(default_factory=lambda: _empty(schema.PLAN_COMPLIANCE))
    message: str = ""  # the headline in plain words
    details: str = ""  # a failure's whole story (the solver worker's traceback), not saved
    issues: list[Issue] = field(default_factory=list)  # input errors (status invalid)
    stale: bool = False
    currency: str = "USD"

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan and not self.annual.empty

    @property
    def emissions_avoided(self) -> float | None:
        """tCO2e of business as usual minus the plan's, over the horizon."""
        if self.annual.empty:
            return None
        def total(column: str) -> float:
            return float(pd.to_numeric(self.annual[column], errors="coerce").sum())

        return total("bau_emissions_tco2e") - total("emissions_tco2e")

    @property
    def has_regimes(self) -> bool:
        """True when the plan carries regime figures (a regime was on)."""
        if not self.compliance.empty:
            return True
        lines = [name for name in schema.REGIME_ANNUAL_COLUMNS if name in self.annual]
        return bool(lines) and bool(self.annual[lines].fillna(0.0).ne(0.0).to_numpy().any())

    @property
    def abatement_cost(self) -> float | None:
        """(NPV plan - NPV BAU) / (BAU emissions - plan emissions), where that is positive."""
        return abatement_cost(self.objective, self.bau_objective, self.emissions_avoided)

    @property
    def provenance(self) -> str:
        """What found and what proved the plan, e.g. "found by the LP dive, proved by
        HiGHS" ('' for a plan that says neither, such as one saved before they were kept)."""
        parts = []
        if self.found_by:
            parts.append(f"found by {Method.words_of(self.found_by)}")
        if self.proved_by:
            parts.append(f"proved by {Method.words_of(self.proved_by)}")
        elif self.found_by and self.status is Status.FEASIBLE:
            parts.append("not proved")
        return ", ".join(parts)

    @property
    def cumulative_emissions(self) -> float | None:
        if self.annual.empty:
            return None
        return float(self.annual["emissions_tco2e"].sum())

    @property
    def emissions_by_year(self) -> dict[int, float]:
        return {int(y): float(e) for y, e in
                zip(self.annual["year"], self.annual["emissions_tco2e"], strict=True)}

    @property
    def caps_by_year(self) -> dict[int, float | None]:
        return {int(y): (None if pd.isna(c) else float(c)) for y, c in
                zip(self.annual["year"], self.annual["cap_tco2e"], strict=True)}

    @property
    def shortfall_years(self) -> list[int]:
        return [] if self.diagnosis is None else [y.year for y in self.diagnosis.years]


def abatement_cost(npv: float | None, bau_npv: float | None,
                   avoided_tco2e: float | None) -> float | None:
    """Extra cost per tCO2e avoided against business as usual; None where nothing is
    avoided (or a figure is missing)."""
    if npv is None or bau_npv is None or avoided_tco2e is None or avoided_tco2e <= 1e-9:
        return None
    return (npv - bau_npv) / avoided_tco2e


def _empty(sheet: schema.Sheet) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([], dtype=object) for name in sheet.column_names})
