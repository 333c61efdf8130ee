"""From solved variable values to the Plan sheets: annual lines, retrofits, fuel use.

Every money figure is recomputed from the decisions by model.md's cost formulas, so
the discounted totals add up to the NPV reported as the plan's objective.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.optimize.bau import BusinessAsUsual
from planner.optimize.handles import Values
from planner.optimize.params import GJ_PER_UNIT, ModelParams, carbon_per_gj
from planner.optimize.regime_extract import (
    ANNUAL_LINES,
    MONEY_LINES,
    RegimeReport,
    regime_report,
)

COST_LINES = ("capex", "offhire", "opex", "fuel", "carbon", "penalty", "salvage")
# Below this a fuel's energy in a vessel-year is solver noise, not a plan (GJ).
MIN_ENERGY_GJ = 1e-6


@dataclass
class PlanTables:
    """The extracted plan: its NPV and the three Plan tables, plus the yearly figures."""

    objective: float
    annual: pd.DataFrame
    retrofits: pd.DataFrame
    fuel_use: pd.DataFrame
    emissions_by_year: dict[int, float] = field(default_factory=dict)
    energy_by_year: dict[int, float] = field(default_factory=dict)  # GJ
    objective_literal: float | None = None  # FuelEU penalty by the literal formula
    regimes: RegimeReport | None = None  # the regime figures, when a regime is on

    def cap_excess(self, params: ModelParams, year: int) -> float:
        """tCO2e above the year's caps (absolute and intensity added)."""
        return cap_excess(params, year, self.emissions_by_year.get(year, 0.0),
                          self.energy_by_year.get(year, 0.0))


def cap_excess(params: ModelParams, year: int, emissions: float, energy_gj: float) -> float:
    data = params.data
    excess = 0.0
    cap = data.cap.get(year)
    if cap is not None:
        excess += max(0.0, emissions - cap)
    limit = data.intensity_cap.get(year)
    if limit is not None:
        excess += max(0.0, emissions - limit * energy_gj / 1000.0)
    return excess


def retrofit_list(values: Values) -> list[tuple[int, int, int]]:
    """(vessel, tech, year) of every installed technology, in install order."""
    chosen = [key for key, value in values.get("install", {}).items() if value > 0.5]
    return sorted(chosen, key=lambda key: (key[2], key[0], key[1]))


Lines = dict[int, dict[str, float]]  # year -> cost line -> money


def extract_plan(params: ModelParams, values: Values, bau: BusinessAsUsual) -> PlanTables:
    """The plan of ``values`` costed by model.md.

    Penalties apply to the years that have one; excess over hard caps (the elastic
    plan's) is not priced, as in the second stage of model.md's elastic problem.
    """
    lines = {year: dict.fromkeys(COST_LINES, 0.0) for year in params.years}
    retrofit_rows = _cost_retrofits(params, values, lines)
    use = _cost_fuel_use(params, values, lines)
    report = regime_report(params, values) if params.data.regimes.any_on else None
    annual_rows, objective = _annual_rows(params, bau, lines, use, report)
    literal = objective + (report.literal_difference(params) if report is not None else 0.0)
    return PlanTables(
        objective=objective, objective_literal=literal, regimes=report,
        annual=_frame(schema.PLAN_ANNUAL, annual_rows),
        retrofits=_frame(schema.PLAN_RETROFITS, retrofit_rows),
        fuel_use=_frame(schema.PLAN_FUEL_USE, use.rows),
        emissions_by_year=use.emissions, energy_by_year=use.energy,
    )


def _cost_retrofits(params: ModelParams, values: Values, lines: Lines) -> list[dict]:
    """Capex, off-hire, opex and salvage of each retrofit into ``lines``; its Plan row."""
    data = params.data
    rows = []
    for vessel, tech, year in retrofit_list(values):
        cost = params.install_cost(vessel, tech, year)
        lines[year]["capex"] += cost["capex"]
        lines[year]["offhire"] += cost["offhire"]
        for active in params.active_years(vessel):
            if active >= year:
                lines[active]["opex"] += cost["opex_per_year"]
        lines[params.end_year]["salvage"] += cost["salvage"]
        rows.append({
            "vessel_id": data.vessels[vessel].vessel_id,
            "technology": data.technologies[tech].name, "year": year,
            "capex": cost["capex"], "off_hire_days": data.technologies[tech].off_hire_days,
        })
    return rows


@dataclass
class _FuelUse:
    """The fuel-use rows and each year's emissions (tCO2e) and energy (GJ)."""

    rows: list[dict]
    emissions: dict[int, float]
    energy: dict[int, float]


def _cost_fuel_use(params: ModelParams, values: Values, lines: Lines) -> _FuelUse:
    """Fuel and carbon cost of each vessel-year's fuels into ``lines``; emissions, energy."""
    data = params.data
    use = _FuelUse([], dict.fromkeys(params.years, 0.0), dict.fromkeys(params.years, 0.0))
    for (vessel, fuel, year), units in sorted(values.get("energy", {}).items()):
        gj = units * GJ_PER_UNIT
        if gj < MIN_ENERGY_GJ:
            continue
        info = data.fuels[fuel]
        tonnes = gj / info.lcv_mj_per_kg
        fuel_cost = tonnes * data.price[info.key][year]
        lines[year]["fuel"] += fuel_cost
        lines[year]["carbon"] += carbon_per_gj(data, vessel, fuel, year) * gj
        use.emissions[year] += gj * params.emission_factor[fuel] / 1000.0
        use.energy[year] += gj
        use.rows.append({"vessel_id": data.vessels[vessel].vessel_id, "year": year,
                         "fuel": info.name, "energy_gj": gj, "tonnes": tonnes,
                         "cost": fuel_cost})
    return use


def _annual_rows(params: ModelParams, bau: BusinessAsUsual, lines: Lines, use: _FuelUse,
                 report: RegimeReport | None) -> tuple[list[dict], float]:
    """Each year's Plan Annual row (penalty, total, discounted) and the NPV they add to."""
    data = params.data
    rows = []
    objective = 0.0
    for year in params.years:
        line = lines[year]
        emissions, energy = use.emissions[year], use.energy[year]
        penalty = data.penalty.get(year)
        if penalty is not None and params.has_caps(year):
            line["penalty"] = penalty * cap_excess(params, year, emissions, energy)
        total = sum(line[name] for name in COST_LINES if name != "salvage") - line["salvage"]
        regime_lines = report.annual[year] if report is not None else {}
        total += sum(regime_lines.get(name, 0.0) for name in MONEY_LINES)
        discounted = params.discount[year] * total
        objective += discounted
        rows.append({
            "year": year, "energy_gj": energy, "emissions_tco2e": emissions,
            "intensity_gco2e_per_mj": 1000.0 * emissions / energy if energy > 0 else math.nan,
            "cap_tco2e": _number(data.cap.get(year)),
            "intensity_cap_gco2e_per_mj": _number(data.intensity_cap.get(year)),
            **line, "total": total, "discounted_total": discounted,
            "bau_emissions_tco2e": bau.emissions_by_year.get(year, 0.0),
            **(regime_lines or dict.fromkeys(ANNUAL_LINES, 0.0)),
        })
    return rows, objective


def _number(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _frame(sheet: schema.Sheet, rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=sheet.column_names)
    for column in sheet.columns:
        if column.type in (schema.ColumnType.YEAR, schema.ColumnType.INTEGER):
            frame[column.name] = frame[column.name].astype("int64")
        elif column.type is schema.ColumnType.NUMBER:
            frame[column.name] = frame[column.name].astype("float64")
    return frame
