"""The MILP's optimum equals the best of every admissible retrofit set, each costed alone.

Random tiny scenarios (fixed seeds): every set of retrofits that model.md admits
(each technology at most once, one conversion per vessel, dock years, yard capacity)
is held fixed and its fuel plan solved; the cheapest feasible one must be the
optimizer's NPV, and infeasible everywhere must mean the optimizer finds no plan.
"""

from __future__ import annotations

import itertools
import random

import pytest
from optimize_scenarios import BIO, METHANOL, VLSFO, scenario, vessel

from planner.optimize.backends import HighsSolver, SolverSettings
from planner.optimize.build import build_model
from planner.optimize.params import derive_params
from planner.optimize.solve import solve
from planner.plan import Status
from planner.resolve import resolve


def random_scenario(seed: int):  # noqa: ANN201 - a Scenario
    rng = random.Random(seed)
    fleet = [vessel(f"V{i}", annual_fuel_t=rng.choice([800.0, 1000.0, 1500.0]),
                    ets_share=rng.choice([0.5, 1.0]),
                    next_drydock_year=rng.choice([None, 2030, 2031]),
                    drydock_interval_years=2, build_year=rng.choice([2015, 2031]))
             for i in range(2)]
    technologies = [
        {"technology": "Conversion", "kind": "conversion", "enables": "methanol",
         "capex_fixed": rng.uniform(2e5, 2e6), "opex_per_year": rng.uniform(0, 5e4),
         "energy_saving": rng.choice([0.0, -0.02]), "lifetime_years": rng.choice([3, 20])},
        {"technology": "Sails", "kind": "efficiency", "capex_fixed": rng.uniform(5e4, 5e5),
         "energy_saving": rng.uniform(0.02, 0.15), "off_hire_days": 5.0,
         "available_from": rng.choice([2030, 2031])},
    ]
    caps = rng.uniform(0.3, 0.9) * 3600 * 2
    return scenario(
        2030, 2032, fleet=fleet, fuels=[VLSFO, {**BIO, "max_blend_share": 0.5}, METHANOL],
        prices={"VLSFO": {2030: 500.0}, "Bio-diesel": {2030: rng.uniform(900, 2000)},
                "e-Methanol": {2030: rng.uniform(400, 1200)}},
        supply={"e-Methanol": {2030: rng.uniform(500, 3000)}},
        technologies=technologies, discount_rate=0.08,
        yard_capacity_per_year=rng.choice([None, 1]),
        targets=[{"year": 2031, "cap_tco2e": caps, "carbon_price_per_tco2e": 90.0}])


def admissible_sets(params):  # noqa: ANN001, ANN201
    """Every retrofit set model.md allows, as frozensets of (vessel, tech, year)."""
    options = []
    for key, years in sorted(params.install_years.items()):
        options.append([None] + [(key[0], key[1], year) for year in years])
    capacity = params.data.settings.yard_capacity_per_year
    for choice in itertools.product(*options):
        chosen = frozenset(item for item in choice if item is not None)
        conversions = [v for v, k, _ in chosen if params.data.technologies[k].is_conversion]
        if len(conversions) != len(set(conversions)):
            continue
        if capacity is not None and any(
                sum(1 for item in chosen if item[2] == year) > capacity
                for year in params.years):
            continue
        yield chosen


@pytest.mark.parametrize("seed", range(6))
def test_optimum_equals_the_best_admissible_retrofit_set(seed: int) -> None:
    sc = random_scenario(seed)
    data = resolve(sc)
    best = None
    for chosen in admissible_sets(derive_params(data)):
        handles = build_model(derive_params(data, chosen))
        solver = HighsSolver(SolverSettings(mip_gap=1e-9))
        handles.problem.solve(solver)
        if solver.outcome.objective is not None:
            best = solver.outcome.objective if best is None else min(best, solver.outcome.objective)
    plan = solve(sc, mip_gap=1e-9)
    if best is None:
        assert plan.status in (Status.INFEASIBLE, Status.INVALID)
    else:
        assert plan.status is Status.OPTIMAL
        assert plan.objective == pytest.approx(best, rel=1e-9)
