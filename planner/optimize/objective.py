"""The objective: the net present cost of model.md, or the excess the diagnosis minimises."""

from __future__ import annotations

import pulp

from planner.optimize.handles import ModelHandles
from planner.optimize.options import BuildOptions, Purpose
from planner.optimize.params import GJ_PER_UNIT, ModelParams


def define_objective(handles: ModelHandles, params: ModelParams, options: BuildOptions) -> None:
    """Set the problem's objective for the purpose of the build."""
    if options.purpose in (Purpose.PLAN, Purpose.ELASTIC_PLAN):
        terms = npv_terms(handles, params)
    elif options.purpose is Purpose.SHORTFALL:
        terms = handles.excess_terms(params.hard_cap_years)
    elif options.purpose is Purpose.YEAR_ALONE and options.year is not None:
        terms = handles.excess_terms([options.year])
    else:
        terms = []
    handles.problem.setObjective(pulp.LpAffineExpression(terms))


def npv_terms(handles: ModelHandles, params: ModelParams) -> list[tuple[pulp.LpVariable, float]]:
    """NPV = sum_t d_t (CAPEX + OFFHIRE + OPEX + FUEL + CARBON + PENALTY - SALVAGE).

    OPEX and SALVAGE are folded into x: s[v,k,t] = sum over tau <= t of x[v,k,tau],
    so x[v,k,tau] carries opex_k times the discount factors of the vessel's active
    years from tau on, and its salvage credited in end_year.
    """
    terms: list[tuple[pulp.LpVariable, float]] = []
    for (vessel, tech, year), var in handles.install.items():
        terms.append((var, params.install_objective(vessel, tech, year)))
    for key, var in handles.energy.items():
        terms.append((var, params.discount[key[2]] * params.cost_per_gj[key] * GJ_PER_UNIT))
    penalty = params.data.penalty
    for family in (handles.over_cap, handles.over_intensity):
        for year, var in family.items():
            price = penalty.get(year)
            if price is not None:  # hard caps made elastic are not priced
                terms.append((var, params.discount[year] * price))
    terms += handles.regime_costs  # FUELEU_t and NZF_t of regimes.md (none without regimes)
    return terms
