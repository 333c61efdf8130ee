"""From solved values to the regime figures: Plan Annual's regime lines, Plan Compliance, literal penalty.

Money is recomputed from the decisions by regimes.md's cost lines, so the yearly totals
still add up to the NPV; the literal FuelEU penalty applies the rules' literal formula
(rules.literal_fueleu_penalty) to the plan's energy and borrowing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.optimize.handles import Values
from planner.optimize.params import GJ_PER_UNIT, ModelParams
from planner.optimize.regime_params import FLEET_UNIT, RegimeParams, derive_regime_params
from planner.regimes.rules import literal_fueleu_penalty

# The Plan Annual lines of regimes.md: money first, then quantities.
MONEY_LINES = ("fueleu_penalty", "fueleu_rfnbo_penalty", "nzf_tier1", "nzf_tier2")
ANNUAL_LINES = MONEY_LINES + (
    "fueleu_penalty_literal", "fueleu_balance_tco2e", "fueleu_balance_literal_tco2e",
    "fueleu_banked_tco2e", "fueleu_borrowed_tco2e", "fueleu_deficit_tco2e", "ets_tco2e",
    "nzf_tier1_units", "nzf_tier2_units", "nzf_surplus_earned", "nzf_surplus_used")


@dataclass
class RegimeReport:
    """A plan's regime figures: per year (Plan Annual) and per vessel and year (Plan Compliance)."""

    annual: dict[int, dict[str, float]] = field(default_factory=dict)
    compliance: list[dict[str, object]] = field(default_factory=list)

    def line(self, year: int, name: str) -> float:
        return self.annual.get(year, {}).get(name, 0.0)

    def literal_difference(self, params: ModelParams) -> float:
        """Discounted literal FuelEU penalty minus the model's, over the horizon."""
        return sum(params.discount[year] * (lines["fueleu_penalty_literal"]
                                            - lines["fueleu_penalty"])
                   for year, lines in self.annual.items())


def _sum(values: dict, name: str, year: int) -> float:
    return sum(value for key, value in values.items() if key[0] == name and key[-1] == year)


def regime_report(params: ModelParams, values: Values) -> RegimeReport:
    """The regime figures of the plan in ``values`` (energy in TJ, regime variables)."""
    regime = derive_regime_params(params)
    data = regime.data
    found = values.get("regime", {})
    energy = values.get("energy", {})
    report = RegimeReport(annual={year: dict.fromkeys(ANNUAL_LINES, 0.0)
                                  for year in params.years})
    rows: dict[tuple[int, int], dict[str, object]] = {}
    by_vessel_year: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for (vessel, fuel, year), units in energy.items():
        by_vessel_year.setdefault((vessel, year), []).append((fuel, units * GJ_PER_UNIT))

    def row(vessel: int, year: int) -> dict[str, object]:
        return rows.setdefault((vessel, year), {
            "vessel_id": params.vessels[vessel].vessel_id, "year": year})

    for (vessel, year), burnt in by_vessel_year.items():
        lines = report.annual[year]
        if data.ets:
            charged = sum(gj * data.ets_tco2e_per_gj(vessel, fuel, year) for fuel, gj in burnt)
            lines["ets_tco2e"] += charged
            if data.ets_in_force(year):
                cell = row(vessel, year)
                cell["ets_tco2e"] = charged
                cell["ets_cost"] = charged * params.data.carbon_price[year]
        if vessel in regime.nzf_years and year in regime.nzf_years[vessel]:
            gj = sum(g for _f, g in burnt) * data.imo_share[vessel]
            cell = row(vessel, year)
            cell["nzf_gfi_gco2e_per_mj"] = (sum(g * data.nzf_wtw[f] for f, g in burnt)
                                            * data.imo_share[vessel] / gj) if gj > 0 else 0.0
    _fueleu(params, regime, found, by_vessel_year, report, row)
    _nzf(params, regime, found, report, row)
    report.compliance = [rows[key] for key in sorted(rows, key=lambda k: (k[1], k[0]))]
    return report


def _fueleu(params: ModelParams, regime: RegimeParams, found: dict,
            by_vessel_year: dict, report: RegimeReport, row: object) -> None:
    data = regime.data
    per_ship = data.pooling == "ship"
    for unit, years in regime.unit_years.items():
        sequence = []
        for year in years:
            n = dr = e = model = 0.0
            for vessel in regime.vessels_in(unit, year, params):
                q = data.eu_share[vessel]
                vn = vdr = ve = vmodel = 0.0
                for fuel, gj in by_vessel_year.get((vessel, year), []):
                    vn += q * gj * data.fueleu_wtw[fuel]
                    vdr += q * gj * data.reward(fuel, year)
                    ve += q * gj
                    vmodel += gj * regime.balance_coefficient(vessel, fuel, year) / GJ_PER_UNIT
                literal = (regime.limit(year) - vn / vdr) * ve / 1000.0 if vdr > 0 else 0.0
                cell = row(vessel, year)  # type: ignore[operator]
                cell.update(fueleu_energy_gj=ve,
                            fueleu_intensity_gco2e_per_mj=vn / vdr if vdr > 0 else 0.0,
                            fueleu_limit=regime.limit(year), fueleu_balance_tco2e=vmodel,
                            fueleu_balance_literal_tco2e=literal)
                n, dr, e, model = n + vn, dr + vdr, e + ve, model + vmodel
            lines = report.annual[year]
            lines["fueleu_balance_tco2e"] += model
            banked = found.get(("B", unit, year), 0.0)
            borrowed = found.get(("A", unit, year), 0.0)
            deficit = found.get(("U", unit, year), 0.0)
            penalty = regime.price[unit, year] * deficit
            shortfall = found.get(("R", unit, year), 0.0) * GJ_PER_UNIT
            rfnbo = shortfall * (data.value("fueleu_rfnbo_penalty_per_gj", year) or 0.0)
            lines["fueleu_banked_tco2e"] += banked
            lines["fueleu_borrowed_tco2e"] += borrowed
            lines["fueleu_deficit_tco2e"] += deficit
            lines["fueleu_penalty"] += penalty
            lines["fueleu_rfnbo_penalty"] += rfnbo
            sequence.append({"limit": regime.limit(year), "n": n, "dr": dr, "e": e,
                             "penalty_per_t": regime.penalty(year), "borrowed": borrowed})
            if per_ship and unit != FLEET_UNIT:
                row(unit, year).update(  # type: ignore[operator]
                    fueleu_banked_tco2e=banked, fueleu_borrowed_tco2e=borrowed,
                    fueleu_deficit_tco2e=deficit, fueleu_penalty=penalty)
        for year, outcome in zip(years, literal_fueleu_penalty(sequence, data.banking),
                                 strict=True):
            lines = report.annual[year]
            lines["fueleu_balance_literal_tco2e"] += outcome["balance"]
            lines["fueleu_penalty_literal"] += outcome["penalty"]
            if per_ship and unit != FLEET_UNIT:
                row(unit, year)["fueleu_penalty_literal"] = outcome["penalty"]  # type: ignore[operator]


def _nzf(params: ModelParams, regime: RegimeParams, found: dict, report: RegimeReport,
         row: object) -> None:
    data = regime.data
    used_by: dict[tuple[int, int], float] = {}
    for key, value in found.items():
        if key[0] == "Z2SU":
            used_by[key[1], key[2]] = value
    for vessel, years in regime.nzf_years.items():
        for year in years:
            tier1 = found.get(("Z1", vessel, year), 0.0)
            tier2 = found.get(("Z2RU", vessel, year), 0.0)
            earned = found.get(("S", vessel, year), 0.0)
            used = used_by.get((vessel, year), 0.0)
            lines = report.annual[year]
            lines["nzf_tier1_units"] += tier1
            lines["nzf_tier2_units"] += tier2
            lines["nzf_surplus_earned"] += earned
            lines["nzf_surplus_used"] += used
            lines["nzf_tier1"] += tier1 * (data.value("nzf_tier1_price_per_tco2e", year) or 0.0)
            lines["nzf_tier2"] += tier2 * (data.value("nzf_tier2_price_per_tco2e", year) or 0.0)
            row(vessel, year).update(  # type: ignore[operator]
                nzf_tier1_units=tier1, nzf_tier2_units=tier2, nzf_surplus_earned=earned,
                nzf_surplus_used=used)


def compliance_table(report: RegimeReport) -> pd.DataFrame:
    """Plan Compliance: one row per vessel and year a regime is in force for it."""
    sheet = schema.PLAN_COMPLIANCE
    frame = pd.DataFrame(report.compliance, columns=sheet.column_names)
    for column in sheet.columns:
        if column.type is schema.ColumnType.YEAR:
            frame[column.name] = frame[column.name].astype("int64")
        elif column.type is schema.ColumnType.NUMBER:
            frame[column.name] = frame[column.name].astype("float64")
    return frame
