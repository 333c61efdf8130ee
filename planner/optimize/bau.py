"""Business as usual: no retrofit, every vessel on its baseline fuel, whatever the limits.

Costed by the plan's own formulas (fuel and carbon; caps and penalties ignored), so it is
the yardstick of the plan: the BAU NPV and the BAU emissions by the caps' scope.
A baseline fuel that is not yet available is still burnt here: BAU is what the fleet
would do today, carried forward.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.optimize.params import ModelParams, carbon_per_gj


@dataclass
class BusinessAsUsual:
    objective: float
    emissions_by_year: dict[int, float] = field(default_factory=dict)
    energy_by_year: dict[int, float] = field(default_factory=dict)  # GJ
    total_by_year: dict[int, float] = field(default_factory=dict)  # undiscounted
    objective_literal: float | None = None  # with the literal FuelEU penalty (regimes.md)


def business_as_usual(params: ModelParams) -> BusinessAsUsual:
    """The BAU NPV and yearly emissions of model.md "Reference plans"."""
    data = params.data
    fuel_index = {fuel.key: position for position, fuel in enumerate(data.fuels)}
    bau = BusinessAsUsual(objective=0.0,
                          emissions_by_year=dict.fromkeys(params.years, 0.0),
                          energy_by_year=dict.fromkeys(params.years, 0.0),
                          total_by_year=dict.fromkeys(params.years, 0.0))
    for (vessel, year), gj in params.demand.items():
        ship = data.vessels[vessel]
        position = fuel_index[ship.baseline_fuel]
        fuel = data.fuels[position]
        fuel_cost = gj / fuel.lcv_mj_per_kg * data.price[fuel.key][year]
        carbon = carbon_per_gj(data, vessel, position, year) * gj
        bau.total_by_year[year] += fuel_cost + carbon
        bau.emissions_by_year[year] += gj * params.emission_factor[position] / 1000.0
        bau.energy_by_year[year] += gj
    bau.objective = sum(params.discount[year] * total
                        for year, total in bau.total_by_year.items())
    bau.objective_literal = bau.objective
    return bau
