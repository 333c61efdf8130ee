"""build_model: the PuLP model of model.md, assembled from the define_* families in order."""

from __future__ import annotations

import pulp

from planner.optimize import constraints, variables
from planner.optimize.handles import ModelHandles
from planner.optimize.objective import define_objective
from planner.optimize.options import BuildOptions
from planner.optimize.params import ModelParams
from planner.optimize.regime_model import REGIME_PURPOSES, define_regimes


def build_model(params: ModelParams, options: BuildOptions | None = None) -> ModelHandles:
    """The model for ``options.purpose``; every variable and row kept in ModelHandles."""
    options = options or BuildOptions()
    handles = ModelHandles(problem=pulp.LpProblem(f"fleet_{options.purpose}", pulp.LpMinimize))

    variables.define_install_variables(handles, params)
    variables.define_installed_variables(handles, params)
    variables.define_energy_variables(handles, params)
    variables.define_excess_variables(handles, params, options)
    handles.group_variables()

    constraints.define_install_once(handles, params)
    constraints.define_one_conversion(handles, params)
    constraints.define_installed_link(handles, params)
    constraints.define_energy_balance(handles, params)
    constraints.define_engine_compatibility(handles, params)
    constraints.define_blend_limits(handles, params)
    constraints.define_scarce_fuel_bounds(handles, params)
    constraints.define_fuel_supply(handles, params)
    constraints.define_absolute_caps(handles, params, options)
    constraints.define_intensity_caps(handles, params, options)
    constraints.define_yard_capacity(handles, params)
    constraints.define_capex_budget(handles, params)
    constraints.define_shortfall_limit(handles, params, options)
    if params.data.regimes.any_on and options.purpose in REGIME_PURPOSES:
        define_regimes(handles, params)

    define_objective(handles, params, options)
    return handles
