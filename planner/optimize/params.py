"""Derived data of model.md from the resolved scenario: demands, eligibility, costs, factors.

Everything here is plain Python data keyed by positions (vessel, technology and fuel
indexes into ``ModelData``'s lists) and calendar years; nothing imports PuLP. The model
builder (``build.py``), the plan extraction and the BAU reference all read the same
``ModelParams``, so every number follows from one set of formulas.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.plan import Limit
from planner.resolve import ModelData, Vessel

# Energy variables are in TJ (1,000 GJ): with emission factors in gCO2e/MJ (= t/TJ)
# the emissions of a variable are its value times the factor, and the coefficients
# of the model stay within a few orders of magnitude.
GJ_PER_UNIT = 1000.0



@dataclass
class ModelParams:
    """The index sets and derived data of model.md for one scenario."""

    data: ModelData
    years: list[int]
    start_year: int
    end_year: int
    discount: dict[int, float]  # year -> d_t
    emission_factor: list[float]  # per fuel: the caps' factor, gCO2e/MJ
    cost_per_gj: dict[tuple[int, int, int], float]  # (vessel, fuel, year) -> fuel + carbon
    demand: dict[tuple[int, int], float]  # (vessel, year) -> GJ, active years only
    demand_max: dict[tuple[int, int], float]  # (vessel, year) -> largest possible GJ
    install_years: dict[tuple[int, int], list[int]]  # (vessel, tech) -> years x exists
    capex: dict[tuple[int, int], float]  # (vessel, tech)
    fuel_years: dict[tuple[int, int], list[int]]  # (vessel, fuel) -> years e exists
    needs_installed: set[tuple[int, int]]  # (vessel, tech) whose s enters a constraint
    hard_cap_years: list[int]  # years with a cap and no penalty
    soft_cap_years: list[int]  # years with a cap and a penalty
    fixed_retrofits: frozenset[tuple[int, int, int]] | None = None
    families_needing_conversion: dict[int, list[str]] = field(default_factory=dict)

    @property
    def vessels(self) -> list[Vessel]:
        return self.data.vessels

    @property
    def horizon(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def active_years(self, vessel: int) -> list[int]:
        ship = self.data.vessels[vessel]
        first = max(ship.build_year, self.start_year)
        last = min(ship.retire_year, self.end_year)
        return list(range(first, last + 1))

    def has_caps(self, year: int) -> bool:
        return (self.data.cap.get(year) is not None
                or self.data.intensity_cap.get(year) is not None)

    def conversions_enabling(self, vessel: int, family: str) -> list[int]:
        """Technologies that let ``vessel`` burn ``family`` and can be installed on it."""
        return [tech for tech, info in enumerate(self.data.technologies)
                if info.is_conversion and family in info.enables
                and (vessel, tech) in self.install_years]

    def install_cost(self, vessel: int, tech: int, year: int) -> dict[str, float]:
        """Undiscounted cost lines of installing ``tech`` on ``vessel`` in ``year``."""
        info = self.data.technologies[tech]
        ship = self.data.vessels[vessel]
        capex = self.capex[vessel, tech]
        left = max(0, min(year + info.lifetime_years - 1, ship.retire_year) - self.end_year)
        return {
            "capex": capex,
            "offhire": info.off_hire_days * ship.off_hire_cost_per_day,
            "opex_per_year": info.opex_per_year,
            "salvage": capex * left / info.lifetime_years,
        }

    def install_objective(self, vessel: int, tech: int, year: int) -> float:
        """Discounted NPV of choosing x[vessel, tech, year]: capex, off-hire, OPEX, salvage."""
        lines = self.install_cost(vessel, tech, year)
        opex_years = [t for t in self.active_years(vessel) if t >= year]
        opex = lines["opex_per_year"] * sum(self.discount[t] for t in opex_years)
        return (self.discount[year] * (lines["capex"] + lines["offhire"]) + opex
                - self.discount[self.end_year] * lines["salvage"])


def discount_factors(data: ModelData) -> dict[int, float]:
    rate = data.settings.discount_rate
    start = data.settings.start_year
    return {year: (1.0 + rate) ** -(year - start) for year in data.years}


def cap_factors(data: ModelData) -> list[float]:
    """EF_f of the caps: wtt + ttw for the wtw scope, ttw alone for ttw."""
    return [fuel.cap_factor(data.settings.emission_scope) for fuel in data.fuels]


def vessel_demand(data: ModelData, vessel: Vessel) -> dict[int, float]:
    """D[v,t] in GJ for the vessel's active years on the horizon."""
    baseline = data.fuel(vessel.baseline_fuel)
    growth = data.settings.activity_growth
    first_year = max(data.settings.start_year, vessel.build_year)
    return {year: vessel.annual_fuel_t * baseline.lcv_mj_per_kg
            * (1.0 + growth) ** (year - first_year)
            for year in data.years if vessel.active(year)}


def derive_params(data: ModelData,
                  fixed_retrofits: frozenset[tuple[int, int, int]] | None = None) -> ModelParams:
    """ModelParams of a resolved scenario (model.md "Derived data")."""
    years = list(data.years)
    start, end = data.settings.start_year, data.settings.end_year
    discount = discount_factors(data)
    factors = cap_factors(data)
    technologies = data.technologies

    demand: dict[tuple[int, int], float] = {}
    demand_max: dict[tuple[int, int], float] = {}
    install_years: dict[tuple[int, int], list[int]] = {}
    capex: dict[tuple[int, int], float] = {}
    for vessel, ship in enumerate(data.vessels):
        for tech, info in enumerate(technologies):
            capex[vessel, tech] = info.capex_for(ship)
            if not info.fits(ship):
                continue
            allowed = [year for year in years if ship.active(year)
                       and year >= info.available_from and ship.dock_year(year)]
            if allowed:
                install_years[vessel, tech] = allowed
        # Dmax over the technologies this vessel can take (model.md sums over all k;
        # on integer plans both bound nothing the energy balance does not already bound).
        penalty = sum(-technologies[tech].energy_saving for tech in range(len(technologies))
                      if (vessel, tech) in install_years
                      and technologies[tech].energy_saving < 0)
        for year, gj in vessel_demand(data, ship).items():
            demand[vessel, year] = gj
            demand_max[vessel, year] = gj * (1.0 + penalty)

    params = ModelParams(
        data=data, years=years, start_year=start, end_year=end, discount=discount,
        emission_factor=factors, cost_per_gj={}, demand=demand, demand_max=demand_max,
        install_years=install_years, capex=capex, fuel_years={}, needs_installed=set(),
        hard_cap_years=[y for y in years if _has_cap(data, y) and data.penalty.get(y) is None],
        soft_cap_years=[y for y in years if _has_cap(data, y)
                        and data.penalty.get(y) is not None],
        fixed_retrofits=fixed_retrofits,
    )
    _derive_fuel_years(params)
    _derive_needs_installed(params)
    _derive_fuel_costs(params)
    return params


def _has_cap(data: ModelData, year: int) -> bool:
    return data.cap.get(year) is not None or data.intensity_cap.get(year) is not None


def _first_enabling_year(params: ModelParams, vessel: int, family: str) -> int | None:
    firsts = [params.install_years[vessel, tech][0]
              for tech in params.conversions_enabling(vessel, family)]
    return min(firsts) if firsts else None


def _derive_fuel_years(params: ModelParams) -> None:
    """Years in which e[v,f,t] can be positive: active, available, burnable, not zero-capped."""
    data = params.data
    for vessel, ship in enumerate(data.vessels):
        active = params.active_years(vessel)
        needing: list[str] = []
        for fuel, info in enumerate(data.fuels):
            if info.max_blend_share <= 0.0:
                continue
            if info.family in ship.families:
                first = info.available_from
            else:
                enabled_from = _first_enabling_year(params, vessel, info.family)
                if enabled_from is None:
                    continue
                first = max(info.available_from, enabled_from)
                if info.family not in needing:
                    needing.append(info.family)
            supply = data.supply[info.key]
            fuel_years = [year for year in active if year >= first
                          and ((limit := supply.get(year)) is None or limit > 0.0)]
            if fuel_years:
                params.fuel_years[vessel, fuel] = fuel_years
        params.families_needing_conversion[vessel] = needing


def _derive_needs_installed(params: ModelParams) -> None:
    """s[v,k,t] exists where it enters the energy balance or enables a new family."""
    data = params.data
    for (vessel, tech) in params.install_years:
        info = data.technologies[tech]
        enables_used = info.is_conversion and any(
            family in info.enables for family in params.families_needing_conversion[vessel])
        if info.energy_saving != 0.0 or enables_used:
            params.needs_installed.add((vessel, tech))


def _derive_fuel_costs(params: ModelParams) -> None:
    """Fuel plus carbon cost per GJ of (vessel, fuel, year), undiscounted."""
    data = params.data
    for (vessel, fuel), fuel_years in params.fuel_years.items():
        for year in fuel_years:
            params.cost_per_gj[vessel, fuel, year] = (
                data.price[data.fuels[fuel].key][year] / data.fuels[fuel].lcv_mj_per_kg
                + carbon_per_gj(data, vessel, fuel, year))


def carbon_per_gj(data: ModelData, vessel: int, fuel: int, year: int) -> float:
    """C_t per GJ: the ETS of regimes.md when it is on, else model.md's carbon price."""
    if data.regimes.ets:
        return data.carbon_price[year] * data.regimes.ets_tco2e_per_gj(vessel, fuel, year)
    return (data.carbon_price[year] * data.vessels[vessel].ets_share
            * data.fuels[fuel].ttw_gco2e_per_mj / 1000.0)


def lift_limit(data: ModelData, name: str) -> ModelData:
    """A copy of the model data with one limit lifted, as model.md defines lifting."""
    limit = Limit(name)  # a ValueError for an unknown limit
    lifted = copy.deepcopy(data)
    start = lifted.settings.start_year
    if limit is Limit.YARD_CAPACITY:
        lifted.settings.yard_capacity_per_year = None
    elif limit is Limit.CAPEX_BUDGET:
        lifted.settings.capex_budget_per_year = None
    elif limit is Limit.FUEL_SUPPLY:
        lifted.supply = {key: dict.fromkeys(series) for key, series in lifted.supply.items()}
    elif limit is Limit.FUEL_AVAILABILITY:
        for fuel in lifted.fuels:
            fuel.available_from = min(fuel.available_from, start)
    elif limit is Limit.TECHNOLOGY_AVAILABILITY:
        for tech in lifted.technologies:
            tech.available_from = min(tech.available_from, start)
    elif limit is Limit.DOCK_WINDOWS:
        for vessel in lifted.vessels:
            vessel.next_drydock_year = None
    elif limit is Limit.BLEND_LIMITS:
        for fuel in lifted.fuels:
            fuel.max_blend_share = 1.0
    return lifted


def lift_limits(data: ModelData, limits: Iterable[str]) -> ModelData:
    for limit in limits:
        data = lift_limit(data, limit)
    return data


def truncate(data: ModelData, last_year: int) -> ModelData:
    """The model data on start_year .. last_year (a year's own question needs no later one)."""
    short = copy.copy(data)
    short.settings = dataclasses.replace(data.settings, end_year=last_year)
    short.years = [year for year in data.years if year <= last_year]
    return short


def present_limits(data: ModelData) -> list[Limit]:
    """The limits (plan.Limit) that restrict anything in this scenario."""
    start = data.settings.start_year
    found: list[Limit] = []
    if data.settings.yard_capacity_per_year is not None:
        found.append(Limit.YARD_CAPACITY)
    if data.settings.capex_budget_per_year is not None:
        found.append(Limit.CAPEX_BUDGET)
    if any(value is not None for series in data.supply.values() for value in series.values()):
        found.append(Limit.FUEL_SUPPLY)
    if any(fuel.available_from > start for fuel in data.fuels):
        found.append(Limit.FUEL_AVAILABILITY)
    if any(tech.available_from > start for tech in data.technologies):
        found.append(Limit.TECHNOLOGY_AVAILABILITY)
    if any(not vessel.dock_year(year) for vessel in data.vessels for year in data.years
           if vessel.active(year)):
        found.append(Limit.DOCK_WINDOWS)
    if any(fuel.max_blend_share < 1.0 for fuel in data.fuels):
        found.append(Limit.BLEND_LIMITS)
    return found
