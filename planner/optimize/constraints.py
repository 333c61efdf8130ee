"""The constraints of model.md, one family per define_* function (numbers as in model.md).

Rows are built from coefficient lists (ModelHandles.add_row), never by operator
overloading, which is several times slower in PuLP. Energy is in TJ: a row's energy
coefficients and right-hand sides are divided by params.GJ_PER_UNIT where model.md
writes GJ.
"""

from __future__ import annotations

from pulp import LpConstraintEQ, LpConstraintLE, LpVariable

from planner.optimize.handles import ModelHandles
from planner.optimize.options import BuildOptions, Purpose
from planner.optimize.params import GJ_PER_UNIT, ModelParams

Terms = list[tuple[LpVariable, float]]


def define_install_once(handles: ModelHandles, params: ModelParams) -> None:
    """(1) sum_t x[v,k,t] <= 1 (conversions: implied by (2), so not repeated)."""
    technologies = params.data.technologies
    for (vessel, tech), years in params.install_years.items():
        if technologies[tech].is_conversion or len(years) < 2:
            continue
        terms = [(handles.install[vessel, tech, year], 1.0) for year in years]
        handles.add_row("install_once", (vessel, tech), terms, LpConstraintLE, 1.0)


def define_one_conversion(handles: ModelHandles, params: ModelParams) -> None:
    """(2) sum over conversions k and years t of x[v,k,t] <= 1."""
    technologies = params.data.technologies
    by_vessel: dict[int, Terms] = {}
    for (vessel, tech, _year), var in handles.install.items():
        if technologies[tech].is_conversion:
            by_vessel.setdefault(vessel, []).append((var, 1.0))
    for vessel, terms in by_vessel.items():
        if len(terms) > 1:
            handles.add_row("one_conversion", (vessel,), terms, LpConstraintLE, 1.0)


def define_installed_link(handles: ModelHandles, params: ModelParams) -> None:
    """s[v,k,t] = s[v,k,t-1] + x[v,k,t]: installed from the install year on."""
    for (vessel, tech, year), state in handles.installed.items():
        terms: Terms = [(state, 1.0)]
        before = handles.installed.get((vessel, tech, year - 1))
        if before is not None:
            terms.append((before, -1.0))
        install = handles.install.get((vessel, tech, year))
        if install is not None:
            terms.append((install, -1.0))
        handles.add_row("installed_link", (vessel, tech, year), terms, LpConstraintEQ, 0.0)


def define_energy_balance(handles: ModelHandles, params: ModelParams) -> None:
    """(3) sum_f e[v,f,t] = D[v,t] * (1 - sum_k saving_k * s[v,k,t]) for active (v,t)."""
    technologies = params.data.technologies
    savers: dict[int, list[int]] = {}
    for (vessel, tech) in params.needs_installed:
        if technologies[tech].energy_saving != 0.0:
            savers.setdefault(vessel, []).append(tech)
    for (vessel, year), demand in params.demand.items():
        units = demand / GJ_PER_UNIT
        terms: Terms = [(var, 1.0) for _fuel, var in
                        handles.energy_by_vessel_year.get((vessel, year), [])]
        for tech in savers.get(vessel, []):
            state = handles.installed.get((vessel, tech, year))
            if state is not None:
                terms.append((state, units * technologies[tech].energy_saving))
        handles.add_row("energy_balance", (vessel, year), terms, LpConstraintEQ, units)


def define_engine_compatibility(handles: ModelHandles, params: ModelParams) -> None:
    """(4) energy from a family the engines cannot burn <= Dmax * installed conversions.

    Written per family rather than per fuel (sum over the family's fuels): on integer
    plans it is the same limit, and it is tighter in the LP relaxation.
    """
    fuels = params.data.fuels
    for vessel, families in params.families_needing_conversion.items():
        for family in families:
            enabling = params.conversions_enabling(vessel, family)
            for year in params.active_years(vessel):
                energy = [(var, 1.0) for fuel, var in
                          handles.energy_by_vessel_year.get((vessel, year), [])
                          if fuels[fuel].family == family]
                if not energy:
                    continue
                bound = params.demand_max[vessel, year] / GJ_PER_UNIT
                states = [(handles.installed[vessel, tech, year], -bound)
                          for tech in enabling
                          if (vessel, tech, year) in handles.installed]
                handles.add_row("compatibility", (vessel, family, year), energy + states,
                                LpConstraintLE, 0.0)


def define_scarce_fuel_bounds(handles: ModelHandles, params: ModelParams) -> None:
    """Valid inequality: e[v,f,t] <= min(share_f * Dmax, supply_f * lcv_f) * installed conversions.

    For a fuel the vessel can burn only after a conversion, whose blend limit or
    supply is below the vessel's energy. On integer plans it follows from (4), (5)
    and (7); in the LP relaxation it stops a fraction of a conversion from unlocking
    a whole year's supply of a scarce fuel.
    """
    data = params.data
    fuels = data.fuels
    for (vessel, fuel, year), var in handles.energy.items():
        info = fuels[fuel]
        if info.family not in params.families_needing_conversion.get(vessel, ()):
            continue
        bound = params.demand_max[vessel, year] / GJ_PER_UNIT
        limit = info.max_blend_share * bound
        supply = data.supply[info.key].get(year)
        if supply is not None:
            limit = min(limit, supply * info.lcv_mj_per_kg / GJ_PER_UNIT)
        if limit >= 0.99 * bound:
            continue
        states = [(handles.installed[vessel, tech, year], -limit)
                  for tech in params.conversions_enabling(vessel, info.family)
                  if (vessel, tech, year) in handles.installed]
        handles.add_row("scarce_fuel", (vessel, fuel, year), [(var, 1.0)] + states,
                        LpConstraintLE, 0.0)


def define_blend_limits(handles: ModelHandles, params: ModelParams) -> None:
    """(5) e[v,f,t] <= max_blend_share_f * sum_g e[v,g,t]."""
    fuels = params.data.fuels
    for (vessel, fuel, year), var in handles.energy.items():
        share = fuels[fuel].max_blend_share
        if share >= 1.0:
            continue
        terms: Terms = [(var, 1.0 - share)]
        terms += [(other, -share) for other_fuel, other in
                  handles.energy_by_vessel_year[vessel, year] if other_fuel != fuel]
        handles.add_row("blend", (vessel, fuel, year), terms, LpConstraintLE, 0.0)


def define_fuel_supply(handles: ModelHandles, params: ModelParams) -> None:
    """(7) sum_v e[v,f,t] / lcv_f <= supply[f,t] (tonnes), where a supply is given.

    (6) fuel availability needs no row: e exists only from the fuel's available year.
    """
    data = params.data
    for year, entries in handles.energy_by_year.items():
        by_fuel: dict[int, Terms] = {}
        for _vessel, fuel, var in entries:
            by_fuel.setdefault(fuel, []).append((var, GJ_PER_UNIT / data.fuels[fuel].lcv_mj_per_kg))
        for fuel, terms in by_fuel.items():
            supply = data.supply[data.fuels[fuel].key].get(year)
            if supply is not None:
                handles.add_row("supply", (fuel, year), terms, LpConstraintLE, supply)


def define_absolute_caps(handles: ModelHandles, params: ModelParams,
                         options: BuildOptions) -> None:
    """(8) E_t <= cap_t + X_t, with E_t = sum e * EF_f (TJ * gCO2e/MJ = tCO2e)."""
    factors = params.emission_factor
    for year in options.cap_years(params.hard_cap_years, params.soft_cap_years):
        cap = params.data.cap.get(year)
        if cap is None:
            continue
        terms: Terms = [(var, factors[fuel]) for _vessel, fuel, var in
                        handles.energy_by_year.get(year, []) if factors[fuel] != 0.0]
        if year in handles.over_cap:
            terms.append((handles.over_cap[year], -1.0))
        handles.add_row("cap", (year,), terms, LpConstraintLE, cap)


def define_intensity_caps(handles: ModelHandles, params: ModelParams,
                          options: BuildOptions) -> None:
    """(9) E_t - I_t * sum e / 1000 <= Y_t (sum e in GJ), i.e. sum (EF_f - I_t) e <= Y_t."""
    factors = params.emission_factor
    for year in options.cap_years(params.hard_cap_years, params.soft_cap_years):
        limit = params.data.intensity_cap.get(year)
        if limit is None:
            continue
        terms: Terms = [(var, factors[fuel] - limit) for _vessel, fuel, var in
                        handles.energy_by_year.get(year, []) if factors[fuel] != limit]
        if year in handles.over_intensity:
            terms.append((handles.over_intensity[year], -1.0))
        handles.add_row("intensity", (year,), terms, LpConstraintLE, 0.0)


def define_yard_capacity(handles: ModelHandles, params: ModelParams) -> None:
    """(10) sum_{v,k} x[v,k,t] <= yard_capacity_per_year."""
    capacity = params.data.settings.yard_capacity_per_year
    if capacity is None:
        return
    for year, entries in handles.install_by_year.items():
        if len(entries) > capacity:
            terms = [(var, 1.0) for _vessel, _tech, var in entries]
            handles.add_row("yard", (year,), terms, LpConstraintLE, float(capacity))


def define_capex_budget(handles: ModelHandles, params: ModelParams) -> None:
    """(11) sum_{v,k} capex[v,k] * x[v,k,t] <= capex_budget_per_year."""
    budget = params.data.settings.capex_budget_per_year
    if budget is None:
        return
    for year, entries in handles.install_by_year.items():
        terms = [(var, params.capex[vessel, tech]) for vessel, tech, var in entries
                 if params.capex[vessel, tech] != 0.0]
        if terms:
            handles.add_row("budget", (year,), terms, LpConstraintLE, float(budget))


def define_shortfall_limit(handles: ModelHandles, params: ModelParams,
                           options: BuildOptions) -> None:
    """Elastic plan: total tCO2e above the hard caps <= the smallest total (stage 1)."""
    if options.purpose is not Purpose.ELASTIC_PLAN or options.shortfall_limit is None:
        return
    terms = handles.excess_terms(params.hard_cap_years)
    if terms:
        handles.add_row("shortfall", (0,), terms, LpConstraintLE, options.shortfall_limit)
