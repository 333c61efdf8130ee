"""What a robust run returns: the committed retrofits, each future's plan and figures,
the comparisons (Base plan held and committed, VSS, EVPI) and the retrofit frequencies,
as tables for the workbook's Robust sheets and as the ``robust --json`` object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner import schema
from planner.convert import finite_number
from planner.errors import Issue
from planner.plan import Plan, Status

Retrofit = tuple[str, str, int]  # (vessel_id, technology, year)


@dataclass
class FutureResult:
    """One future in the robust plan, and the same future solved alone."""

    name: str
    probability: float
    plan: Plan | None = None  # its part of the robust plan (committed + adapted)
    npv: float | None = None
    emissions_by_year: dict[int, float] = field(default_factory=dict)
    shortfall_by_year: dict[int, float] = field(default_factory=dict)
    alone_status: str = ""
    alone_objective: float | None = None
    alone_retrofits: list[Retrofit] = field(default_factory=list)
    alone_plan: Plan | None = None
    base_plan_objective: float | None = None
    base_commit_objective: float | None = None
    note: str = ""

    @property
    def emissions_tco2e(self) -> float | None:
        return sum(self.emissions_by_year.values()) if self.emissions_by_year else None

    @property
    def shortfall_total(self) -> float:
        return sum(self.shortfall_by_year.values())

    @property
    def hedging_cost(self) -> float | None:
        if self.npv is None or self.alone_objective is None:
            return None
        return self.npv - self.alone_objective

    @property
    def retrofits(self) -> list[Retrofit]:
        if self.plan is None:
            return []
        return [(str(r.vessel_id), str(r.technology), int(r.year))
                for r in self.plan.retrofits.itertuples(index=False)]


@dataclass
class Frequency:
    """How often a retrofit is taken: by the futures solved alone, by the robust plan."""

    vessel_id: str
    technology: str
    year: int
    committed: bool
    alone_frequency: float
    robust_frequency: float


@dataclass
class RobustResult:
    """The robust plan over the futures (robust.md "Figures")."""

    status: Status
    risk_weight: float = 0.0
    cvar_alpha: float = 0.9
    commit_until_year: int | None = None
    futures: dict[str, FutureResult] = field(default_factory=dict)
    excluded_futures: list[str] = field(default_factory=list)
    invalid_futures: list[str] = field(default_factory=list)
    committed_retrofits: list[Retrofit] = field(default_factory=list)
    objective: float | None = None
    elastic_objective: float | None = None
    expected_npv: float | None = None
    cvar: float | None = None
    gap: float | None = None
    bound: float | None = None
    shortfall_total: float = 0.0
    base_plan_retrofits: list[Retrofit] = field(default_factory=list)
    base_plan_expected_npv: float | None = None
    base_plan_cvar: float | None = None
    base_commit_expected_npv: float | None = None
    base_commit_cvar: float | None = None
    vss: float | None = None
    vss_risk_adjusted: float | None = None
    wait_and_see: float | None = None
    evpi: float | None = None
    evpi_risk_adjusted: float | None = None
    frequencies: list[Frequency] = field(default_factory=list)
    message: str = ""
    method: str = "extensive form"
    solve_seconds: float = 0.0
    solved_at: str = ""
    input_fingerprint: str = ""
    currency: str = "USD"
    issues: list[Issue] = field(default_factory=list)
    cancelled: bool = False

    def __getitem__(self, name: str) -> FutureResult:
        key = schema.normalize(name)
        for future_name, future in self.futures.items():
            if schema.normalize(future_name) == key:
                return future
        raise KeyError(name)

    @property
    def short_futures(self) -> list[str]:
        return [name for name, future in self.futures.items()
                if future.shortfall_total > SHORT_TOLERANCE]

    @property
    def has_plan(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE) and \
            bool(self.futures) and all(f.plan is not None for f in self.futures.values())

    @property
    def committed(self) -> pd.DataFrame:
        """The committed retrofits: what to sign now."""
        return pd.DataFrame(self.committed_retrofits,
                            columns=["vessel_id", "technology", "year"])

    # --- the workbook's Robust sheets -----------------------------------------------
    @property
    def summary(self) -> pd.DataFrame:
        """metric, value: the Robust Summary sheet."""
        values = {
            "status": str(self.status), "objective": self.objective,
            "expected_npv": self.expected_npv, "cvar": self.cvar,
            "risk_weight": self.risk_weight, "cvar_alpha": self.cvar_alpha,
            "commit_until_year": self.commit_until_year, "futures": len(self.futures),
            "shortfall_total": self.shortfall_total,
            "base_plan_expected_npv": self.base_plan_expected_npv,
            "base_commit_expected_npv": self.base_commit_expected_npv,
            "base_commit_cvar": self.base_commit_cvar, "vss": self.vss,
            "wait_and_see": self.wait_and_see, "evpi": self.evpi, "gap": self.gap,
            "solve_seconds": self.solve_seconds, "solved_at": self.solved_at,
            "input_fingerprint": self.input_fingerprint,
        }
        rows = [{"metric": name, "value": values.get(name)}
                for name, _words, _unit in schema.ROBUST_SUMMARY_METRICS]
        return pd.DataFrame(rows, columns=schema.ROBUST_SUMMARY.column_names)

    def futures_table(self) -> pd.DataFrame:
        rows = []
        for name, future in self.futures.items():
            status = "short" if future.shortfall_total > SHORT_TOLERANCE else "solved"
            rows.append({
                "future": name, "probability": future.probability, "status": status,
                "npv": future.npv, "emissions_tco2e": future.emissions_tco2e,
                "shortfall_total": future.shortfall_total,
                "alone_objective": future.alone_objective,
                "hedging_cost": future.hedging_cost,
                "base_plan_objective": future.base_plan_objective,
                "base_commit_objective": future.base_commit_objective,
                "retrofits": len(future.retrofits), "note": future.note})
        for name in self.excluded_futures:
            rows.append({"future": name, "probability": 0.0, "status": "excluded",
                         "note": "Probability 0: not solved."})
        return pd.DataFrame(rows, columns=schema.ROBUST_FUTURES.column_names)

    def retrofits_table(self) -> pd.DataFrame:
        rows = [{"future": "all", "vessel_id": v, "technology": k, "year": t, "committed": True}
                for v, k, t in self.committed_retrofits]
        committed = set(self.committed_retrofits)
        for name, future in self.futures.items():
            rows += [{"future": name, "vessel_id": v, "technology": k, "year": t,
                      "committed": False}
                     for v, k, t in future.retrofits if (v, k, t) not in committed]
        return pd.DataFrame(rows, columns=schema.ROBUST_RETROFITS.column_names)

    def frequencies_table(self) -> pd.DataFrame:
        rows = [vars(f).copy() for f in self.frequencies]
        return pd.DataFrame(rows, columns=schema.ROBUST_FREQUENCIES.column_names)

    def output_tables(self) -> dict[str, pd.DataFrame]:
        """The four Robust sheets for the workbook writer."""
        return {schema.ROBUST_SUMMARY.name: self.summary,
                schema.ROBUST_FUTURES.name: self.futures_table(),
                schema.ROBUST_RETROFITS.name: self.retrofits_table(),
                schema.ROBUST_FREQUENCIES.name: self.frequencies_table()}

    # --- robust --json --------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The ``robust --json`` object of robust.md."""
        def retrofit(item: Retrofit) -> dict[str, Any]:
            return {"vessel_id": item[0], "technology": item[1], "year": item[2]}

        committed = set(self.committed_retrofits)
        futures = []
        for name, future in self.futures.items():
            futures.append({
                "future": name, "probability": future.probability,
                "npv": finite_number(future.npv),
                "emissions_tco2e": finite_number(future.emissions_tco2e),
                "emissions_by_year": {str(y): v for y, v in future.emissions_by_year.items()},
                "shortfall_total": future.shortfall_total,
                "shortfall_by_year": {str(y): v for y, v in future.shortfall_by_year.items()},
                "adapted_retrofits": [retrofit(r) for r in future.retrofits
                                      if r not in committed],
                "alone_status": future.alone_status,
                "alone_objective": finite_number(future.alone_objective),
                "alone_retrofits": [retrofit(r) for r in future.alone_retrofits],
                "hedging_cost": finite_number(future.hedging_cost),
                "base_plan_objective": finite_number(future.base_plan_objective),
                "base_commit_objective": finite_number(future.base_commit_objective),
                "note": future.note})
        out: dict[str, Any] = {
            "status": str(self.status), "objective": finite_number(self.objective)}
        if self.status is Status.INFEASIBLE:
            out["elastic_objective"] = finite_number(self.elastic_objective)
        out.update({
            "expected_npv": finite_number(self.expected_npv), "cvar": finite_number(self.cvar),
            "risk_weight": self.risk_weight, "cvar_alpha": self.cvar_alpha,
            "commit_until_year": self.commit_until_year, "gap": finite_number(self.gap),
            "bound": finite_number(self.bound), "shortfall_total": self.shortfall_total,
            "short_futures": self.short_futures,
            "committed_retrofits": [retrofit(r) for r in self.committed_retrofits],
            "futures": futures, "excluded_futures": list(self.excluded_futures)})
        if self.status is Status.INVALID:
            out["invalid_futures"] = list(self.invalid_futures)
        out.update({
            "base_plan_retrofits": [retrofit(r) for r in self.base_plan_retrofits],
            "base_plan_expected_npv": finite_number(self.base_plan_expected_npv),
            "base_plan_cvar": finite_number(self.base_plan_cvar),
            "base_commit_expected_npv": finite_number(self.base_commit_expected_npv),
            "base_commit_cvar": finite_number(self.base_commit_cvar),
            "vss": finite_number(self.vss),
            "vss_risk_adjusted": finite_number(self.vss_risk_adjusted),
            "wait_and_see": finite_number(self.wait_and_see), "evpi": finite_number(self.evpi),
            "evpi_risk_adjusted": finite_number(self.evpi_risk_adjusted),
            "frequencies": [vars(f).copy() for f in self.frequencies],
            "solve_seconds": self.solve_seconds, "message": self.message,
            "errors": [issue.as_dict() for issue in self.issues if issue.is_error]})
        return out


# A future's shortfall below this (tCO2e) is solver noise: it meets its caps.
SHORT_TOLERANCE = 1e-3
