"""The MILP's optimum equals the best of every admissible retrofit set, each costed alone.

Random tiny scenarios (fixed seeds): every set of retrofits that model.md admits
(each technology at most once, one conversion per vessel, dock years, yard capacity)
is costed by this file's own reading of model.md (retrofit costs by hand, the fuel use
as a small LP), never by the optimizer's model; the cheapest feasible one must be the
optimizer's NPV, and infeasible everywhere must mean the optimizer finds no plan.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import pulp
import pytest
from optimize_scenarios import BIO, METHANOL, VLSFO, scenario, vessel

from planner.optimize.solve import solve
from planner.plan import Status
from planner.resolve import ModelData, resolve


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


def admissible_sets(data: ModelData) -> Iterator[frozenset[tuple[int, int, int]]]:
    """Every retrofit set model.md allows, as frozensets of (vessel, tech, year), read
    from the resolved data (not from the model's own derived data)."""
    options = []
    for v, ship in enumerate(data.vessels):
        for k, tech in enumerate(data.technologies):
            years = [t for t in data.years if ship.active(t) and t >= tech.available_from
                     and tech.fits(ship) and ship.dock_year(t)]
            options.append([None] + [(v, k, t) for t in years])
    capacity = data.settings.yard_capacity_per_year
    for choice in itertools.product(*options):
        chosen = frozenset(item for item in choice if item is not None)
        conversions = [v for v, k, _ in chosen if data.technologies[k].is_conversion]
        if len(conversions) != len(set(conversions)):
            continue
        if capacity is not None and any(
                sum(1 for item in chosen if item[2] == year) > capacity for year in data.years):
            continue
        yield chosen


def npv_of(data: ModelData, chosen: frozenset[tuple[int, int, int]]) -> float | None:
    """The least NPV with exactly ``chosen`` installed, written from model.md's formulas:
    the retrofits' costs by hand, the fuel use as a small LP of its own (None: the caps
    cannot be met with these retrofits)."""
    settings = data.settings
    start, end = settings.start_year, settings.end_year
    discount = {t: (1 + settings.discount_rate) ** -(t - start) for t in data.years}
    fixed = 0.0
    for v, k, tau in chosen:
        ship, tech = data.vessels[v], data.technologies[k]
        capex = tech.capex_fixed + tech.capex_per_kw * ship.main_engine_kw
        fixed += discount[tau] * (capex + tech.off_hire_days * ship.off_hire_cost_per_day)
        fixed += sum(discount[t] * tech.opex_per_year for t in data.years
                     if t >= tau and ship.active(t))
        left = max(0, min(tau + tech.lifetime_years - 1, ship.retire_year) - end)
        fixed -= discount[end] * capex * left / tech.lifetime_years
    lp = pulp.LpProblem("fuel", pulp.LpMinimize)
    cost: list[tuple[pulp.LpVariable, float]] = []
    emitted: dict[int, list[tuple[pulp.LpVariable, float]]] = {t: [] for t in data.years}
    by_fuel: dict[tuple[int, int], list[pulp.LpVariable]] = {}
    wtw = settings.emission_scope.strip().lower() != "ttw"
    for v, ship in enumerate(data.vessels):
        baseline = data.fuel(ship.baseline_fuel)
        for t in data.years:
            if not ship.active(t):
                continue
            first = max(start, ship.build_year)
            demand = ship.annual_fuel_t * baseline.lcv_mj_per_kg * (  # t * GJ/t
                1 + settings.activity_growth) ** (t - first)
            installed = [k for k in range(len(data.technologies))
                         if any((v, k, tau) in chosen for tau in data.years if tau <= t)]
            need = demand * (1 - sum(data.technologies[k].energy_saving for k in installed))
            burnable = set(ship.families).union(*(data.technologies[k].enables
                                                  for k in installed))
            energy = []
            for f, fuel in enumerate(data.fuels):
                if fuel.family not in burnable or t < fuel.available_from:
                    continue
                e = pulp.LpVariable(f"e_{v}_{f}_{t}", lowBound=0)
                energy.append((e, fuel))
                by_fuel.setdefault((f, t), []).append(e)
                tonnes = 1 / fuel.lcv_mj_per_kg  # t per GJ
                carbon = data.carbon_price[t] * ship.ets_share * fuel.ttw_gco2e_per_mj / 1000
                cost.append((e, discount[t] * (tonnes * data.price[fuel.key][t] + carbon)))
                factor = fuel.ttw_gco2e_per_mj + (fuel.wtt_gco2e_per_mj if wtw else 0.0)
                emitted[t].append((e, factor / 1000))
            lp += pulp.lpSum(e for e, _ in energy) == need
            for e, fuel in energy:
                lp += e <= fuel.max_blend_share * pulp.lpSum(g for g, _ in energy)
    for (f, t), variables in by_fuel.items():
        fuel = data.fuels[f]
        limit = data.supply[fuel.key].get(t)
        if limit is not None:
            lp += pulp.lpSum(variables) * (1 / fuel.lcv_mj_per_kg) <= limit
    for t in data.years:
        if data.cap.get(t) is not None:
            assert data.penalty.get(t) is None  # hard caps only in these scenarios
            lp += pulp.lpSum(e * c for e, c in emitted[t]) <= data.cap[t]
    lp += pulp.lpSum(e * c for e, c in cost)
    lp.solve(pulp.HiGHS(msg=False))
    if pulp.LpStatus[lp.status] != "Optimal":
        return None
    return fixed + float(pulp.value(lp.objective) or 0.0)


@pytest.mark.parametrize("seed", range(6))
def test_optimum_equals_the_best_admissible_retrofit_set(seed: int) -> None:
    sc = random_scenario(seed)
    data = resolve(sc)
    costs = [npv_of(data, chosen) for chosen in admissible_sets(data)]
    feasible = [cost for cost in costs if cost is not None]
    plan = solve(sc, mip_gap=1e-9)
    if not feasible:
        assert plan.status in (Status.INFEASIBLE, Status.INVALID)
    else:
        assert plan.status is Status.OPTIMAL
        assert plan.objective == pytest.approx(min(feasible), rel=1e-7)
