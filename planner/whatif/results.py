"""What a what-if run returns: each case's plan and figures against Base, as tables and JSON.

``CasesRun`` holds one ``CaseResult`` per case (Base first). Its ``summary`` has the
columns of the Cases Results sheet; ``output_tables`` gives the three Cases sheets
for the workbook writer; ``to_json`` gives the ``cases --json`` object of whatif.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner import schema
from planner.cases.sheet import is_base
from planner.convert import finite_number
from planner.errors import Issue
from planner.plan import Plan, Status
from planner.reports import has_values
from planner.scenario import Scenario
from planner.schema import normalize


@dataclass
class CaseResult:
    """One case solved: its own plan, and the Base plan held fixed under its inputs.

    ``base_plan_objective`` is the NPV of Base's retrofits with the fuel use
    re-optimised under the case's inputs; ``regret`` is that minus the case's own
    objective. Both are None where Base's plan cannot be held (``note`` says why).
    Generated cases (sensitivity, sweep) say what they vary in ``parameter``,
    ``item``, ``change`` and ``value``.
    """

    name: str
    status: Status
    plan: Plan | None = None
    base_plan_objective: float | None = None
    regret: float | None = None
    note: str = ""
    solve_seconds: float = 0.0
    held_plan: Plan | None = None  # Base's retrofits held, fuels re-optimised
    description: str = ""
    parameter: str = ""
    item: str = ""
    change: str = ""
    value: float | None = None
    issues: list[Issue] = field(default_factory=list)  # why a case is invalid
    details: str = ""  # a failed run's whole story (the worker's traceback)

    @property
    def is_base(self) -> bool:
        return is_base(self.name)

    @property
    def has_plan(self) -> bool:
        return self.plan is not None and self.plan.has_plan

    @property
    def has_result(self) -> bool:
        """Whatever the status, the case was answered (not a solver failure or cancel)."""
        return self.status is not Status.ERROR

    @property
    def objective(self) -> float | None:
        """The NPV of the case's own plan; None when its caps cannot be met or no plan."""
        if self.plan is None or not self.status.meets_caps:
            return None
        return finite_number(self.plan.objective)

    @property
    def objective_literal(self) -> float | None:
        """The objective with each year's FuelEU penalty by the literal formula
        (regimes.md); solve() sets it with the objective (equal without regimes)."""
        if self.objective is None or self.plan is None:
            return None
        return finite_number(self.plan.objective_literal)

    @property
    def has_regimes(self) -> bool:
        return self.plan is not None and self.plan.has_regimes

    @property
    def bau_objective(self) -> float | None:
        return None if self.plan is None else finite_number(self.plan.bau_objective)

    @property
    def bau_objective_literal(self) -> float | None:
        return None if self.plan is None else finite_number(self.plan.bau_objective_literal)

    @property
    def gap(self) -> float | None:
        return None if self.objective is None or self.plan is None else finite_number(self.plan.gap)

    @property
    def emissions_tco2e(self) -> float | None:
        """Cumulative emissions of the case's plan (the elastic plan when caps cannot be met)."""
        if self.plan is None or self.plan.annual.empty:
            return None
        return finite_number(self.plan.cumulative_emissions)

    @property
    def shortfall_total(self) -> float | None:
        if self.plan is None or self.plan.diagnosis is None:
            return None
        return finite_number(self.plan.diagnosis.shortfall_total)

    @property
    def abatement_cost(self) -> float | None:
        if self.objective is None or self.plan is None:
            return None
        return finite_number(self.plan.abatement_cost)

    @property
    def retrofits(self) -> list[dict[str, Any]]:
        """The case's retrofits as {vessel_id, technology, year}."""
        if self.plan is None or self.plan.retrofits.empty:
            return []
        return [{"vessel_id": str(row.vessel_id), "technology": str(row.technology),
                 "year": int(row.year)} for row in self.plan.retrofits.itertuples(index=False)]

    @property
    def is_generated(self) -> bool:
        return bool(self.parameter)


@dataclass
class CasesRun:
    """Base and every case of one run, Base first; indexable by case name."""

    scenario: Scenario  # the Base scenario as given (inputs written with the results)
    results: list[CaseResult]
    cancelled: bool = False
    seconds: float = 0.0  # wall time of the whole run
    jobs: int = 1
    backend: str = "local"  # local or the Dask scheduler's address

    def __getitem__(self, name: str) -> CaseResult:
        key = normalize(name)
        for result in self.results:
            if normalize(result.name) == key:
                return result
        raise KeyError(f'no case named "{name}" in this run; the cases are: '
                       + ", ".join(f'"{r.name}"' for r in self.results))

    def __contains__(self, name: object) -> bool:
        return any(normalize(r.name) == normalize(name) for r in self.results)

    def __iter__(self) -> Iterator[CaseResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.results]

    @property
    def base(self) -> CaseResult | None:
        return next((r for r in self.results if r.is_base), None)

    @property
    def any_without_result(self) -> bool:
        """Some case has no result (solver failure, time limit with no plan, cancelled)."""
        return self.cancelled or any(not r.has_result for r in self.results)

    @property
    def currency(self) -> str:
        return self.scenario.settings.currency

    # --- tables ---------------------------------------------------------------------
    @property
    def summary(self) -> pd.DataFrame:
        """One row per case (Base first), with the columns of the Cases Results sheet."""
        return self.results_table(self.scenario.fingerprint(include_cases=True))

    def results_table(self, fingerprint: str = "") -> pd.DataFrame:
        base = self.base
        base_objective = None if base is None else base.objective
        regimes = any(result.has_regimes for result in self.results)
        rows = []
        for result in self.results:
            difference = None
            if result.objective is not None and base_objective is not None:
                difference = result.objective - base_objective
            rows.append({
                "case": result.name,
                "status": str(result.status),
                "objective": result.objective,
                # blank without regimes: the sheet is then written as before (writer)
                "objective_literal": result.objective_literal if regimes else None,
                "bau_objective": result.bau_objective,
                "difference_to_base": difference,
                "abatement_cost": result.abatement_cost,
                "emissions_tco2e": result.emissions_tco2e,
                "shortfall_total": result.shortfall_total,
                "retrofits": len(result.retrofits) if result.plan is not None else None,
                "base_plan_objective": result.base_plan_objective,
                "regret": result.regret,
                "gap": result.gap,
                "solve_seconds": result.solve_seconds,
                "note": result.note,
                "input_fingerprint": fingerprint,
            })
        return _frame(schema.CASES_RESULTS, rows)

    def annual_table(self) -> pd.DataFrame:
        """Cases Annual: each case's plan year by year."""
        columns = schema.CASES_ANNUAL.column_names
        rows = []
        for result in self.results:
            if result.plan is None or result.plan.annual.empty:
                continue
            for record in result.plan.annual.to_dict("records"):
                row = {name: record.get(name) for name in columns if name != "case"}
                rows.append({"case": result.name, **row})
        return _frame(schema.CASES_ANNUAL, rows)

    def retrofits_table(self) -> pd.DataFrame:
        """Cases Retrofits: each case's retrofits."""
        rows = [{"case": result.name, **retrofit} for result in self.results
                for retrofit in result.retrofits]
        return _frame(schema.CASES_RETROFITS, rows)

    def output_tables(self, scenario: Scenario | None = None) -> dict[str, pd.DataFrame]:
        """The Cases Results, Cases Annual and Cases Retrofits sheets for the writer.

        The results carry the fingerprint of ``scenario`` (default: the run's Base), Cases
        included, so that a changed input marks them out of date when read back.
        """
        source = scenario if scenario is not None else self.scenario
        return {
            schema.CASES_RESULTS.name: self.results_table(source.fingerprint(include_cases=True)),
            schema.CASES_ANNUAL.name: self.annual_table(),
            schema.CASES_RETROFITS.name: self.retrofits_table(),
        }

    # --- JSON -----------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The ``cases --json`` object: ``cases`` (Base first) and ``errors``."""
        cases = [case_json(result) for result in self.results]
        errors = [{"sheet": issue.sheet, "cell": issue.cell, "message": issue.message}
                  for result in self.results for issue in result.issues if issue.is_error]
        return {"cases": cases, "errors": errors}


def has_literal_npv(results: pd.DataFrame) -> bool:
    """Whether a Cases Results table has the literal NPV filled: some case ran with a
    regime on (results_table leaves the column blank otherwise)."""
    return has_values(results, "objective_literal")


def case_json(result: CaseResult) -> dict[str, Any]:
    """One case with the keys of whatif.md (and parameter, item, change, value if generated)."""
    data: dict[str, Any] = {
        "case": result.name,
        "status": str(result.status),
        "objective": result.objective,
        "objective_literal": result.objective_literal,  # regimes.md, as solve --json
        "bau_objective": result.bau_objective,
        "bau_objective_literal": result.bau_objective_literal,
        "gap": result.gap,
        "emissions_tco2e": result.emissions_tco2e,
        "shortfall_total": result.shortfall_total,
        "retrofits": result.retrofits,
        "base_plan_objective": result.base_plan_objective,
        "regret": result.regret,
        "note": result.note,
    }
    if result.is_generated:
        data.update(parameter=result.parameter, item=result.item or None,
                    change=result.change, value=result.value)
    return data


def results_are_current(results: pd.DataFrame, scenario: Scenario) -> bool:
    """Whether Cases Results read back were computed for these inputs (Cases included)."""
    column = "input_fingerprint"
    if results is None or results.empty or column not in results.columns:
        return False
    stored = {str(value) for value in results[column] if isinstance(value, str) and value}
    return stored == {scenario.fingerprint(include_cases=True)}


def _frame(sheet: schema.Sheet, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = sheet.column_names
    return pd.DataFrame({name: pd.Series([row.get(name) for row in rows], dtype=object)
                         for name in columns}, columns=columns)
