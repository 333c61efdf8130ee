"""The regime families of regimes.md, added to a built model only where a regime is in force."""

from __future__ import annotations

from planner.optimize import regime_fueleu, regime_nzf
from planner.optimize.handles import ModelHandles
from planner.optimize.options import Purpose
from planner.optimize.params import ModelParams
from planner.optimize.regime_params import derive_regime_params

# Regime lines are part of the NPV: the plan and the elastic plan's second phase carry
# them; the diagnosis's excess questions do not need them (they add no hard limit).
REGIME_PURPOSES = (Purpose.PLAN, Purpose.ELASTIC_PLAN)


def define_regimes(handles: ModelHandles, params: ModelParams) -> None:
    """Every FuelEU and NZF family, in the order of regimes.md (the ETS is a cost per GJ)."""
    regime = derive_regime_params(params)
    if regime.unit_years:
        regime_fueleu.define_fueleu_variables(handles, params, regime)
        regime_fueleu.define_fueleu_balance(handles, params, regime)
        regime_fueleu.define_borrowing_cap(handles, params, regime)
        regime_fueleu.define_borrowing_not_twice(handles, params, regime)
        regime_fueleu.define_borrowing_covers_deficit(handles, params, regime)
        regime_fueleu.define_deficit_not_banked(handles, params, regime)
        regime_fueleu.define_rfnbo_subtarget(handles, params, regime)
        regime_fueleu.define_fueleu_costs(handles, params, regime)
    if regime.nzf_years:
        regime_nzf.define_nzf_variables(handles, params, regime)
        regime_nzf.define_nzf_balance(handles, params, regime)
        regime_nzf.define_nzf_tiers(handles, params, regime)
        regime_nzf.define_surplus_use(handles, params, regime)
        regime_nzf.define_nzf_costs(handles, params, regime)
