"""The LP dive that gives large models their first plan, and its use by solve()."""

from __future__ import annotations

import numpy as np
import pytest
from test_optimize_solve import generated_fleet

from planner.optimize.build import build_model
from planner.optimize.heuristic import find_start
from planner.optimize.params import derive_params
from planner.optimize.solve import solve
from planner.plan import Status
from planner.resolve import resolve


def test_the_dive_finds_a_feasible_integral_plan_above_the_bound() -> None:
    scenario = generated_fleet(40)
    params = derive_params(resolve(scenario))
    handles = build_model(params)
    start = find_start(handles, params, None, 60.0, None)
    assert start is not None
    assert start.bound <= start.objective
    installs = np.array([start.columns[var.index] for var in handles.install.values()])
    assert np.all(np.abs(installs - np.round(installs)) < 1e-9)
    retrofits = [(params.vessels[v].vessel_id, params.data.technologies[k].name, year)
                 for (v, k, year), var in handles.install.items()
                 if start.columns[var.index] > 0.5]
    # the same retrofits, fuel re-optimised by solve(): the same NPV, so it is feasible
    held = solve(scenario, fixed_retrofits=retrofits, mip_gap=1e-9)
    assert held.status is Status.OPTIMAL
    assert held.objective == pytest.approx(start.objective, rel=1e-7)


def test_a_plan_within_the_gap_of_the_relaxation_needs_no_branching() -> None:
    plan = solve(generated_fleet(60), mip_gap=0.05, time_limit=60)
    assert plan.status is Status.OPTIMAL
    assert plan.gap is not None and 0 < plan.gap <= 0.05
    assert plan.best_bound is not None and plan.best_bound < plan.objective
    assert (plan.found_by, plan.proved_by) == ("lp_dive", "lp_relaxation")
