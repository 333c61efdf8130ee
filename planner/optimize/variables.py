"""The decision variables of model.md, one family per define_* function."""

from __future__ import annotations

import pulp

from planner.optimize.handles import ModelHandles
from planner.optimize.options import BuildOptions
from planner.optimize.params import ModelParams


def define_install_variables(handles: ModelHandles, params: ModelParams) -> None:
    """x[v,k,t] binary where installing is allowed (active, available, fits, dock year).

    With fixed retrofits (a plan held fixed) every x is fixed: 1 for the given
    retrofits, 0 otherwise.
    """
    problem = handles.problem
    fixed = params.fixed_retrofits
    for (vessel, tech), years in params.install_years.items():
        for year in years:
            low, high = 0, 1
            if fixed is not None:
                low = high = int((vessel, tech, year) in fixed)
            variable = problem.add_variable(f"x_{vessel}_{tech}_{year}", low, high,
                                            pulp.LpBinary)
            # PuLP resets a binary's bounds to 0..1 whatever it is given: fix them after.
            variable.lowBound, variable.upBound = low, high
            handles.install[vessel, tech, year] = variable


def define_installed_variables(handles: ModelHandles, params: ModelParams) -> None:
    """s[v,k,t] in [0, 1] from the first install year on, where a constraint reads it.

    s is implied integer by its link to x (define_installed_link), so it stays continuous.
    """
    problem = handles.problem
    for (vessel, tech) in sorted(params.needs_installed):
        first = params.install_years[vessel, tech][0]
        for year in params.active_years(vessel):
            if year >= first:
                handles.installed[vessel, tech, year] = problem.add_variable(
                    f"s_{vessel}_{tech}_{year}", 0, 1, pulp.LpContinuous)


def define_energy_variables(handles: ModelHandles, params: ModelParams) -> None:
    """e[v,f,t] >= 0 (TJ) where the fuel can be burnt: available, burnable, not zero-capped."""
    problem = handles.problem
    for (vessel, fuel), years in params.fuel_years.items():
        for year in years:
            handles.energy[vessel, fuel, year] = problem.add_variable(
                f"e_{vessel}_{fuel}_{year}", 0, None, pulp.LpContinuous)


def define_excess_variables(handles: ModelHandles, params: ModelParams,
                            options: BuildOptions) -> None:
    """X_t, Y_t >= 0: tCO2e above the absolute and the intensity cap, where they are elastic."""
    problem = handles.problem
    data = params.data
    for year in options.elastic_years(params.hard_cap_years, params.soft_cap_years):
        if data.cap.get(year) is not None:
            handles.over_cap[year] = problem.add_variable(
                f"X_{year}", 0, None, pulp.LpContinuous)
        if data.intensity_cap.get(year) is not None:
            handles.over_intensity[year] = problem.add_variable(
                f"Y_{year}", 0, None, pulp.LpContinuous)
