"""Derived data of model.md: demand, Dmax, eligibility, fuel years, factors, lifting limits."""

from __future__ import annotations

import pytest
from optimize_scenarios import BIO, CONVERSION, METHANOL, SAILS, VLSFO, scenario, vessel

from planner.optimize.params import (
    cap_factors,
    derive_params,
    lift_limit,
    present_limits,
)
from planner.plan import LIMIT_NAMES
from planner.resolve import resolve


def test_demand_grows_from_start_or_from_the_build_year() -> None:
    data = resolve(scenario(2030, 2032, activity_growth=0.1,
                            fleet=[vessel("OLD"), vessel("NEW", build_year=2031),
                                   vessel("GONE", retire_year=2031)]))
    params = derive_params(data)
    assert params.demand[0, 2030] == pytest.approx(40_000.0)
    assert params.demand[0, 2032] == pytest.approx(40_000.0 * 1.21)
    assert (1, 2030) not in params.demand
    assert params.demand[1, 2031] == pytest.approx(40_000.0)
    assert params.demand[1, 2032] == pytest.approx(44_000.0)
    assert (2, 2032) not in params.demand


def test_dmax_counts_the_negative_savings_a_vessel_can_take() -> None:
    heavy = {"technology": "Scrubber", "kind": "efficiency", "energy_saving": -0.05,
             "vessel_types": "Tanker"}
    light = {**CONVERSION, "energy_saving": -0.02}
    data = resolve(scenario(2030, 2030, technologies=[heavy, light, SAILS],
                            fuels=[VLSFO, METHANOL],
                            fleet=[vessel("T", type="tanker"), vessel("B", type="Bulk")]))
    params = derive_params(data)
    assert params.demand_max[0, 2030] == pytest.approx(40_000.0 * 1.07)
    assert params.demand_max[1, 2030] == pytest.approx(40_000.0 * 1.02)  # no scrubber


def test_install_years_need_service_availability_fit_and_a_dock() -> None:
    late = {**SAILS, "available_from": 2032}
    data = resolve(scenario(2030, 2036, technologies=[late],
                            fleet=[vessel(next_drydock_year=2031, drydock_interval_years=2,
                                          retire_year=2035)]))
    params = derive_params(data)
    assert params.install_years[0, 0] == [2033, 2035]


def test_fuel_years_follow_availability_conversions_blend_and_supply() -> None:
    late_bio = {**BIO, "available_from": 2031}
    no_blend = {**METHANOL, "fuel": "Blocked", "max_blend_share": 0.0}
    data = resolve(scenario(2030, 2033, fuels=[VLSFO, late_bio, METHANOL, no_blend],
                            technologies=[CONVERSION],
                            fleet=[vessel(next_drydock_year=2032)],
                            supply={"VLSFO": {2030: 100.0, 2031: 0.0, 2032: 50.0}}))
    params = derive_params(data)
    assert params.fuel_years[0, 0] == [2030, 2032, 2033]  # no VLSFO supply in 2031
    assert params.fuel_years[0, 1] == [2031, 2032, 2033]
    assert params.fuel_years[0, 2] == [2032, 2033]  # from the conversion's dock year
    assert (0, 3) not in params.fuel_years
    assert params.families_needing_conversion[0] == ["methanol"]
    assert (0, 0) in params.needs_installed  # the conversion's s enters (4)


def test_cap_factors_by_scope() -> None:
    assert cap_factors(resolve(scenario(2030, 2030))) == [90.0]
    assert cap_factors(resolve(scenario(2030, 2030, emission_scope="ttw"))) == [80.0]


def test_discount_and_hard_or_soft_cap_years() -> None:
    params = derive_params(resolve(scenario(2030, 2032, discount_rate=0.1, targets=[
        {"year": 2030, "cap_tco2e": 100.0}, {"year": 2032, "cap_penalty_per_tco2e": 5.0}])))
    assert params.discount[2032] == pytest.approx(1 / 1.21)
    assert params.hard_cap_years == [2030, 2031]
    assert params.soft_cap_years == [2032]


def test_salvage_is_limited_by_lifetime_and_retirement() -> None:
    sails = {**SAILS, "capex_fixed": 100_000.0, "lifetime_years": 4}
    params = derive_params(resolve(scenario(2030, 2032, technologies=[sails],
                                            fleet=[vessel(retire_year=2040)])))
    assert params.install_cost(0, 0, 2031)["salvage"] == pytest.approx(100_000.0 * 2 / 4)
    assert params.install_cost(0, 0, 2030)["salvage"] == pytest.approx(100_000.0 * 1 / 4)
    short = derive_params(resolve(scenario(2030, 2032, technologies=[sails],
                                           fleet=[vessel(retire_year=2033)])))
    assert short.install_cost(0, 0, 2031)["salvage"] == pytest.approx(100_000.0 * 1 / 4)
    gone = derive_params(resolve(scenario(2030, 2032, technologies=[sails],
                                          fleet=[vessel(retire_year=2032)])))
    assert gone.install_cost(0, 0, 2031)["salvage"] == 0.0


def test_lifting_each_limit() -> None:
    sc = scenario(2030, 2032, fuels=[VLSFO, {**BIO, "available_from": 2031,
                                             "max_blend_share": 0.5}],
                  technologies=[{**SAILS, "available_from": 2032}],
                  fleet=[vessel(next_drydock_year=2031)], supply={"Bio-diesel": {2030: 10.0}},
                  yard_capacity_per_year=1, capex_budget_per_year=1e6)
    data = resolve(sc)
    assert present_limits(data) == list(LIMIT_NAMES)
    assert lift_limit(data, "yard_capacity").settings.yard_capacity_per_year is None
    assert lift_limit(data, "capex_budget").settings.capex_budget_per_year is None
    assert lift_limit(data, "fuel_supply").supply["bio-diesel"][2031] is None
    assert lift_limit(data, "fuel_availability").fuels[1].available_from == 2030
    assert lift_limit(data, "technology_availability").technologies[0].available_from == 2030
    assert lift_limit(data, "dock_windows").vessels[0].next_drydock_year is None
    assert lift_limit(data, "blend_limits").fuels[1].max_blend_share == 1.0
    for limit in LIMIT_NAMES:
        assert present_limits(lift_limit(data, limit)) == [n for n in LIMIT_NAMES if n != limit]
    assert data.settings.yard_capacity_per_year == 1  # lifting copies
