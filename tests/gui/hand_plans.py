"""Hand-built scenarios and plans for the GUI tests (fast, deterministic), and a fake Document."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import QObject, Signal

from planner import schema
from planner.plan import Diagnosis, Plan, Status, YearShortfall
from planner.scenario import Scenario, make_table, new_scenario

START, END = 2026, 2035
FUELS = {  # name: family, lcv MJ/kg, wtt, ttw gCO2e/MJ, price per t
    "VLSFO": ("oil", 41.0, 13.2, 77.3, 620.0),
    "LNG": ("lng", 49.1, 18.5, 69.0, 700.0),
    "Bio-methanol": ("methanol", 19.9, -40.0, 69.1, 1100.0),
}
TECHNOLOGIES = {  # name: kind, enables, capex, opex/year, saving, off-hire days
    "Methanol dual-fuel conversion": ("conversion", "methanol", 9_000_000.0, 80_000.0, 0.0,
                                      30.0),
    "Air lubrication": ("efficiency", "", 1_500_000.0, 20_000.0, 0.05, 7.0),
}
VESSELS = [  # id, name, type, build year, annual VLSFO t, off-hire cost per day
    ("9401001", "Pacific Dawn", "Container", 2012, 21_000.0, 30_000.0),
    ("9401002", "Pacific Dusk", "Container", 2014, 19_500.0, 30_000.0),
    ("9401003", "Coral Bay", "Container", 2018, 12_000.0, 22_000.0),
]
CARBON_PRICE = 90.0


def hand_scenario() -> Scenario:
    """Three container ships, three fuels, two retrofits, a cap that tightens yearly."""
    scenario = new_scenario(START, END)
    scenario.set_setting("currency", "EUR")
    scenario.set_setting("discount_rate", 0.08)
    scenario.tables["Fleet"] = make_table(schema.FLEET, [
        {"vessel_id": vid, "name": name, "type": kind, "build_year": built,
         "baseline_fuel": "VLSFO", "annual_fuel_t": tonnes, "fuel_families": "oil",
         "off_hire_cost_per_day": offhire}
        for vid, name, kind, built, tonnes, offhire in VESSELS])
    scenario.tables["Fuels"] = make_table(schema.FUELS, [
        {"fuel": name, "family": family, "lcv_mj_per_kg": lcv, "wtt_gco2e_per_mj": wtt,
         "ttw_gco2e_per_mj": ttw}
        for name, (family, lcv, wtt, ttw, _price) in FUELS.items()])
    scenario.tables["FuelPrices"] = make_table(schema.FUEL_PRICES, [
        {"fuel": name, START: price} for name, (*_rest, price) in FUELS.items()])
    scenario.tables["Technologies"] = make_table(schema.TECHNOLOGIES, [
        {"technology": name, "kind": kind, "enables": enables or None, "capex_fixed": capex,
         "opex_per_year": opex, "energy_saving": saving, "off_hire_days": days}
        for name, (kind, enables, capex, opex, saving, days) in TECHNOLOGIES.items()])
    scenario.tables["Targets"] = make_table(schema.TARGETS, [
        {"year": START, "cap_tco2e": 200_000.0, "carbon_price_per_tco2e": CARBON_PRICE},
        {"year": 2028, "cap_tco2e": 200_000.0},
        {"year": 2029, "cap_tco2e": 170_000.0},
        {"year": END, "cap_tco2e": 110_000.0}])
    return scenario


@dataclass
class Retrofit:
    vessel_id: str
    technology: str
    year: int


DEFAULT_RETROFITS = [
    Retrofit("9401001", "Methanol dual-fuel conversion", 2028),
    Retrofit("9401002", "Air lubrication", 2027),
    Retrofit("9401002", "Methanol dual-fuel conversion", 2031),
    Retrofit("9401003", "Air lubrication", 2030),
]


def default_caps() -> dict[int, float | None]:
    """The caps of hand_scenario's Targets on the horizon (flat, then 10,000 t less a year)."""
    return {y: 200_000.0 if y <= 2028 else 170_000.0 - 10_000.0 * (y - 2029)
            for y in range(START, END + 1)}


def _methanol_share(retrofits: list[Retrofit], vessel_id: str, year: int) -> float:
    for fit in retrofits:
        if (fit.vessel_id == vessel_id and fit.technology.startswith("Methanol")
                and year >= fit.year):
            return min(1.0, 0.3 + 0.15 * (year - fit.year))
    return 0.0


def hand_plan(scenario: Scenario, retrofits: list[Retrofit] | None = None,
              caps: dict[int, float | None] | None = None) -> Plan:
    """An optimal-looking plan whose tables agree with each other (not solved)."""
    retrofits = DEFAULT_RETROFITS if retrofits is None else retrofits
    years = list(range(START, END + 1))
    caps = caps or default_caps()
    use_rows, annual_rows, fit_rows = [], [], []
    for fit in retrofits:
        kind, _en, capex, _opex, _saving, days = TECHNOLOGIES[fit.technology]
        fit_rows.append((fit.vessel_id, fit.technology, fit.year, capex, days))
    for year in years:
        energy = emissions = bau = fuel_cost = carbon = opex = 0.0
        for vid, _name, _kind, _built, tonnes, _offhire in VESSELS:
            demand = tonnes * FUELS["VLSFO"][1]
            bau += demand * (FUELS["VLSFO"][2] + FUELS["VLSFO"][3]) / 1000.0
            for fit in retrofits:
                if fit.vessel_id == vid and year >= fit.year:
                    demand *= 1.0 - TECHNOLOGIES[fit.technology][4]
                    opex += TECHNOLOGIES[fit.technology][3]
            share = _methanol_share(retrofits, vid, year)
            for fuel, part in (("VLSFO", 1.0 - share), ("Bio-methanol", share)):
                if part <= 0:
                    continue
                _family, lcv, wtt, ttw, price = FUELS[fuel]
                gj = demand * part
                cost = gj / lcv * price
                use_rows.append((vid, year, fuel, gj, gj / lcv, cost))
                energy += gj
                emissions += gj * (wtt + ttw) / 1000.0
                fuel_cost += cost
                carbon += CARBON_PRICE * gj * ttw / 1000.0
        capex = sum(TECHNOLOGIES[f.technology][2] for f in retrofits if f.year == year)
        offhire = sum(TECHNOLOGIES[f.technology][5] * dict(
            (v[0], v[5]) for v in VESSELS)[f.vessel_id] for f in retrofits if f.year == year)
        salvage = 0.6 * sum(TECHNOLOGIES[f.technology][2] for f in retrofits) \
            if year == END else 0.0
        total = capex + offhire + opex + fuel_cost + carbon - salvage
        annual_rows.append({
            "year": year, "energy_gj": energy, "emissions_tco2e": emissions,
            "intensity_gco2e_per_mj": 1000.0 * emissions / energy,
            "cap_tco2e": caps.get(year), "intensity_cap_gco2e_per_mj": None,
            "capex": capex, "offhire": offhire, "opex": opex, "fuel": fuel_cost,
            "carbon": carbon, "penalty": 0.0, "salvage": salvage, "total": total,
            "discounted_total": total / 1.08 ** (year - START), "bau_emissions_tco2e": bau})
    annual = pd.DataFrame(annual_rows, columns=schema.PLAN_ANNUAL.column_names)
    return Plan(
        status=Status.OPTIMAL, objective=float(annual["discounted_total"].sum()),
        bau_objective=float(annual["discounted_total"].sum()) * 0.93, gap=0.001,
        solver="highs", solve_seconds=1.25, input_fingerprint=scenario.fingerprint(),
        annual=annual,
        retrofits=pd.DataFrame(fit_rows, columns=schema.PLAN_RETROFITS.column_names),
        fuel_use=pd.DataFrame(use_rows, columns=schema.PLAN_FUEL_USE.column_names),
        message="The least-cost plan meets every cap.", currency="EUR")


def infeasible_plan(scenario: Scenario) -> Plan:
    """The elastic plan of caps that cannot be met, with a diagnosis for two years."""
    caps = default_caps() | {2026: 190_000.0, 2027: 185_000.0}
    plan = hand_plan(scenario, caps=caps)
    plan.status = Status.INFEASIBLE
    plan.objective = None  # as the optimizer reports it: the NPV is the elastic plan's
    emitted = dict(zip(plan.annual["year"], plan.annual["emissions_tco2e"], strict=True))
    short = [y for y in caps if emitted[y] > caps[y]]
    plan.diagnosis = Diagnosis(
        shortfall_total=sum(emitted[y] - caps[y] for y in short),
        years=[YearShortfall(
            year=y, cap_tco2e=caps[y], intensity_cap_gco2e_per_mj=None,
            emissions_tco2e=emitted[y], shortfall_tco2e=emitted[y] - caps[y],
            limits=["yard_capacity"] if pos == 0 else [],
            alone_feasible=pos == 1) for pos, y in enumerate(short)],
        elastic_objective=float(plan.annual["discounted_total"].sum()))
    plan.message = "The caps cannot be met."
    return plan


class FakeDocument(QObject):
    """The part of planner.gui.document.Document the results side uses."""

    scenario_changed = Signal()
    plan_changed = Signal()
    issues_changed = Signal()

    def __init__(self, scenario: Scenario, plan: Plan | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.plan = plan
        self.issues: list = []

    @property
    def plan_stale(self) -> bool:
        return self.plan is not None and (
            self.plan.stale or self.plan.input_fingerprint != self.scenario.fingerprint())

    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.plan_changed.emit()

    def edit_fleet(self, row: int, column: str, value: object) -> None:
        self.scenario.fleet.at[row, column] = value
        self.scenario_changed.emit()
