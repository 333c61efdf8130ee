"""Derived data of regimes.md: compliance units, in-force years, coefficients, prices, bounds.

Plain Python keyed like ModelParams (vessel and fuel positions, calendar years); no PuLP.
Energy coefficients are per TJ (the unit of e): with factors in gCO2e/MJ (= tCO2e/TJ) a
balance coefficient is a factor difference times a share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.optimize.params import GJ_PER_UNIT, ModelParams
from planner.regimes import rules
from planner.regimes.inputs import RegimeData

FLEET_UNIT = -1  # the key of the fleet's FuelEU pool


@dataclass
class RegimeParams:
    """What the regime families read, derived once from ModelParams."""

    data: RegimeData
    units: dict[int, list[int]] = field(default_factory=dict)  # unit -> its vessels
    unit_years: dict[int, list[int]] = field(default_factory=dict)  # FuelEU in-force years
    price: dict[tuple[int, int], float] = field(default_factory=dict)  # pi_{u,t}
    reference: dict[tuple[int, int], float] = field(default_factory=dict)  # Gref_{u,t}
    nzf_years: dict[int, list[int]] = field(default_factory=dict)  # vessel -> NZF years

    @property
    def fueleu_units(self) -> list[int]:
        return list(self.units)

    def limit(self, year: int) -> float:
        return self.data.value("fueleu_limit_gco2e_per_mj", year)  # type: ignore[return-value]

    def penalty(self, year: int) -> float:
        return self.data.value("fueleu_penalty_per_t_vlsfo", year) or 0.0

    def vessels_in(self, unit: int, year: int, params: ModelParams) -> list[int]:
        return [v for v in self.units[unit] if (v, year) in params.demand]

    def balance_coefficient(self, vessel: int, fuel: int, year: int) -> float:
        """tCO2e per TJ of CB[v,t]: q_v (L_t RWD_{f,t} - EF^FE_f)."""
        data = self.data
        return data.eu_share[vessel] * (self.limit(year) * data.reward(fuel, year)
                                         - data.fueleu_wtw[fuel])

    def nzf_coefficient(self, vessel: int, fuel: int, year: int) -> float:
        """tCO2e per TJ of g[v,t]: p_v (EF^N_f - TD_t)."""
        data = self.data
        direct = data.value("nzf_direct_target_gco2e_per_mj", year)
        return data.imo_share[vessel] * (data.nzf_wtw[fuel] - direct)  # type: ignore[operator]

    def band_coefficient(self, vessel: int, year: int) -> float:
        """tCO2e per TJ of band[v,t]: p_v (TB_t - TD_t)."""
        data = self.data
        base = data.value("nzf_base_target_gco2e_per_mj", year)
        direct = data.value("nzf_direct_target_gco2e_per_mj", year)
        return data.imo_share[vessel] * (base - direct)  # type: ignore[operator]

    def next_unit_year(self, unit: int, year: int) -> bool:
        """True when the unit takes part in FuelEU in year + 1."""
        return year + 1 in self.unit_years.get(unit, ())


def derive_regime_params(params: ModelParams) -> RegimeParams:
    """RegimeParams of a scenario whose regimes are resolved in params.data.regimes."""
    data = params.data.regimes
    found = RegimeParams(data=data)
    if data.fueleu:
        _derive_fueleu(params, found)
    if data.nzf:
        for vessel in range(len(params.vessels)):
            years = [year for year in params.active_years(vessel)
                     if data.nzf_in_force(year) and (vessel, year) in params.demand]
            if years:
                found.nzf_years[vessel] = years
    return found


def _derive_fueleu(params: ModelParams, found: RegimeParams) -> None:
    data = found.data
    if data.pooling == "fleet":
        found.units = {FLEET_UNIT: list(range(len(params.vessels)))}
    else:
        found.units = {vessel: [vessel] for vessel in range(len(params.vessels))}
    baseline = {fuel.key: position for position, fuel in enumerate(params.data.fuels)}
    for unit, vessels in found.units.items():
        years = []
        for year in params.years:
            if not data.fueleu_in_force(year):
                continue
            members = [v for v in vessels if (v, year) in params.demand]
            if not members:
                continue
            years.append(year)
            limit = found.limit(year)
            emitted = rewarded = 0.0
            for vessel in members:
                fuel = baseline[params.vessels[vessel].baseline_fuel]
                energy = data.eu_share[vessel] * params.demand[vessel, year]
                emitted += energy * data.fueleu_wtw[fuel]
                rewarded += energy * data.reward(fuel, year)
            reference = max(limit, emitted / rewarded) if rewarded > 0 else limit
            found.reference[unit, year] = reference
            found.price[unit, year] = rules.fueleu_price_per_tco2e(found.penalty(year),
                                                                   reference)
        if years:
            found.unit_years[unit] = years


def demand_max_tj(params: ModelParams, vessel: int, year: int) -> float:
    return params.demand_max[vessel, year] / GJ_PER_UNIT
