"""A plan of a model with regimes from given retrofits: the LP dive's, made feasible.

The dive rounds the retrofits only; with them held, the model without NZF surplus units
(where the NZF terms are linear and exact, regimes.md row 8) is solved, and each ship's
tiers and states are set from its fuel use (surplus units not used), which is a plan of
the full model. (As every solve's first plan it cost the sample 11 s and a 10-vessel
fleet half its progress: HiGHS finds better plans itself since the disaggregated tier
states, docs/performance.md.)
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from planner.optimize.handles import Values
from planner.optimize.params import GJ_PER_UNIT, ModelParams, derive_params
from planner.optimize.regime_nzf_hull import HULL_NAMES, hull_values
from planner.optimize.regime_params import derive_regime_params

# Below this a tier quantity is solver noise (tCO2e).
NOISE = 1e-6


def needs_regime_start(params: ModelParams) -> bool:
    regimes = params.data.regimes
    return regimes.nzf and regimes.surplus_units in ("fleet", "ship")


def without_surplus_units(params: ModelParams) -> ModelParams:
    data = copy.copy(params.data)
    data.regimes = dataclasses.replace(data.regimes, surplus_units="off")
    return derive_params(data, params.fixed_retrofits)


def with_exact_tiers(params: ModelParams, values: Values) -> Values:
    """The plan of ``values`` with every NZF ship-year's S, Z1, Z2, y and w exact."""
    regime = derive_regime_params(params)
    result = {name: dict(family) for name, family in values.items()}
    found = result.setdefault("regime", {})
    for key in [k for k in found if k[0] in ("Z1", "Z2RU", "Z2SU", "S", "y", "w", "W")
                or k[0] in HULL_NAMES]:
        del found[key]
    energy: dict[tuple[int, int], float] = {}
    for (vessel, fuel, year), units in values.get("energy", {}).items():
        if vessel in regime.nzf_years and year in regime.nzf_years[vessel]:
            energy[vessel, year] = energy.get((vessel, year), 0.0) + units * \
                regime.nzf_coefficient(vessel, fuel, year)
            energy.setdefault((vessel, -year), 0.0)
            energy[vessel, -year] += units  # total TJ, keyed by -year
    for vessel, years in regime.nzf_years.items():
        for year in years:
            gap = energy.get((vessel, year), 0.0)
            band = regime.band_coefficient(vessel, year) * energy.get((vessel, -year), 0.0)
            surplus, tier1, tier2 = max(0.0, -gap), min(max(0.0, gap), band), \
                max(0.0, gap - band)
            for name, value in (("S", surplus), ("Z1", tier1), ("Z2RU", tier2),
                                ("y", float(surplus > NOISE)), ("w", float(tier2 > NOISE))):
                if value > 0.0:
                    found[name, vessel, year] = value
            copies = hull_values(surplus > NOISE, tier2 > NOISE, gap,
                                 energy.get((vessel, -year), 0.0))
            for name, value in copies.items():
                found[name, vessel, year] = value
    return result


def regime_start(params: ModelParams, solve_model: Any) -> Values | None:
    """A feasible plan of the full model, from ``solve_model(params) -> Values | None``
    run on the model without surplus units."""
    values = solve_model(without_surplus_units(params))
    if not values:
        return None
    return with_exact_tiers(params, values)


def held_start(params: ModelParams, retrofits: frozenset[tuple[int, int, int]],
               solve_model: Any) -> Values | None:
    """A feasible plan of the full model with exactly ``retrofits`` installed (the LP
    dive's): the model with them held, solved exactly (without surplus units, then with
    exact tiers, where they are in use)."""
    held = derive_params(params.data, retrofits)
    if needs_regime_start(held):
        return regime_start(held, solve_model)
    values: Values | None = solve_model(held)
    return values


__all__ = ["GJ_PER_UNIT", "held_start", "needs_regime_start", "regime_start",
           "with_exact_tiers"]
