"""Hand-computed NPVs: one and two vessels, salvage, interpolation, newbuilds, retirements, docks.

Every expected number is worked out here from model.md's formulas, not by the code.
"""

from __future__ import annotations

import pytest
from optimize_scenarios import BIO, SAILS, VLSFO, scenario, vessel

from planner.optimize.solve import solve
from planner.plan import Plan, Status


def exact(sc: object) -> Plan:
    plan = solve(sc, solver="highs", mip_gap=1e-9, time_limit=60)  # type: ignore[arg-type]
    assert plan.status is Status.OPTIMAL, plan.message
    return plan


def by_year(plan: Plan, column: str) -> dict[int, float]:
    return dict(zip(plan.annual["year"].astype(int), plan.annual[column], strict=True))


def test_one_vessel_fuel_carbon_and_discounting() -> None:
    sc = scenario(2030, 2032, fleet=[vessel(ets_share=0.5)], discount_rate=0.1,
                  targets=[{"year": 2031, "carbon_price_per_tco2e": 100.0}])
    plan = exact(sc)
    # fuel 1,000 t * 500 = 500,000 a year; from 2031 carbon 100 * 0.5 * 3,200 t ttw
    expected = 500_000 + 660_000 / 1.1 + 660_000 / 1.1**2
    assert plan.objective == pytest.approx(expected, rel=1e-12)
    assert plan.bau_objective == pytest.approx(expected, rel=1e-12)
    assert by_year(plan, "carbon") == pytest.approx({2030: 0.0, 2031: 160_000.0,
                                                     2032: 160_000.0})
    assert by_year(plan, "discounted_total")[2032] == pytest.approx(660_000 / 1.21)
    assert by_year(plan, "emissions_tco2e") == pytest.approx(dict.fromkeys(
        (2030, 2031, 2032), 3600.0))
    assert plan.abatement_cost is None  # nothing avoided


def test_retrofit_with_opex_offhire_and_salvage() -> None:
    sails = {**SAILS, "capex_fixed": 200_000.0, "opex_per_year": 1_000.0,
             "off_hire_days": 10.0, "lifetime_years": 10}
    plan = exact(scenario(2030, 2032, fleet=[vessel(off_hire_cost_per_day=1_000.0)],
                          technologies=[sails]))
    # installed 2030: capex 200,000 + off-hire 10,000 + opex 3,000 + fuel 3 * 450,000
    # - salvage 200,000 * (2039 - 2032) / 10 = 140,000 (2031 would give 1,452,000)
    assert plan.objective == pytest.approx(1_423_000.0, rel=1e-12)
    assert list(plan.retrofits["year"]) == [2030]
    assert plan.retrofits.iloc[0]["capex"] == 200_000.0
    assert by_year(plan, "salvage") == pytest.approx({2030: 0.0, 2031: 0.0, 2032: 140_000.0})
    assert by_year(plan, "opex") == pytest.approx({2030: 1000.0, 2031: 1000.0, 2032: 1000.0})
    assert by_year(plan, "offhire")[2030] == pytest.approx(10_000.0)
    # abatement: 1,500,000 BAU; 3 * 360 tCO2e avoided
    assert plan.abatement_cost == pytest.approx((1_423_000.0 - 1_500_000.0) / 1080.0)


def test_retirement_limits_salvage_and_ends_service() -> None:
    sails = {**SAILS, "capex_fixed": 200_000.0, "opex_per_year": 1_000.0,
             "off_hire_days": 10.0, "lifetime_years": 10}
    # retiring 2034 leaves salvage 200,000 * 2 / 10 = 40,000: 1,523,000 > BAU 1,500,000
    plan = exact(scenario(2030, 2032, technologies=[sails],
                          fleet=[vessel(retire_year=2034, off_hire_cost_per_day=1_000.0)]))
    assert plan.retrofits.empty
    assert plan.objective == pytest.approx(1_500_000.0)
    retired = exact(scenario(2030, 2032, fleet=[vessel(retire_year=2031)]))
    assert by_year(retired, "energy_gj")[2032] == 0.0
    assert retired.objective == pytest.approx(1_000_000.0)


def test_two_vessels_share_a_cap_by_their_carbon_cost() -> None:
    sc = scenario(2030, 2031, fuels=[VLSFO, BIO],
                  fleet=[vessel("A", ets_share=1.0), vessel("B", annual_fuel_t=2000.0,
                                                           ets_share=0.0)],
                  targets=[{"year": 2031, "cap_tco2e": 6000.0,
                            "carbon_price_per_tco2e": 100.0}])
    plan = exact(sc)
    # 2031: 10,800 t BAU must fall 4,800 t, at 80 kg per GJ switched: 60,000 GJ of
    # bio-diesel; A takes all its 40,000 GJ (that also saves A's carbon), B 20,000 GJ.
    needed = 4800.0 / 0.08
    bio_cost = needed / 40 * 1500 + (120_000 - needed) / 40 * 500
    expected = 1_500_000 + bio_cost  # A pays no carbon on bio; B's ets_share is 0
    assert plan.objective == pytest.approx(expected, rel=1e-12)
    use = plan.fuel_use
    a_bio = use[(use.vessel_id == "A") & (use.fuel == "Bio-diesel") & (use.year == 2031)]
    assert float(a_bio["energy_gj"].sum()) == pytest.approx(40_000.0)
    assert by_year(plan, "carbon")[2031] == pytest.approx(0.0, abs=1e-6)


def test_interpolated_prices_targets_and_absent_carbon_price() -> None:
    sc = scenario(2030, 2032, fuels=[VLSFO, BIO],
                  prices={"VLSFO": {2030: 400.0, 2032: 600.0}, "Bio-diesel": {2030: 1500.0}},
                  targets=[{"year": 2029, "cap_tco2e": 4000.0},
                           {"year": 2033, "cap_tco2e": 2000.0},
                           {"year": 2031, "carbon_price_per_tco2e": 50.0}])
    plan = exact(sc)
    caps = by_year(plan, "cap_tco2e")
    assert caps == pytest.approx({2030: 3500.0, 2031: 3000.0, 2032: 2500.0})
    fuel = by_year(plan, "fuel")
    # 2031: VLSFO 500/t; cap 3,000 means 7,500 GJ bio (187.5 t) and 812.5 t VLSFO
    assert fuel[2031] == pytest.approx(187.5 * 1500 + 812.5 * 500)
    carbon = by_year(plan, "carbon")
    assert carbon[2030] == 0.0  # before the first carbon price: none
    assert carbon[2031] == pytest.approx(50.0 * 812.5 * 40 * 80 / 1000)


def test_newbuild_joins_in_its_build_year_with_growth() -> None:
    sc = scenario(2030, 2032, fleet=[vessel("NB", build_year=2031)], activity_growth=0.1)
    plan = exact(sc)
    energy = by_year(plan, "energy_gj")
    assert energy == pytest.approx({2030: 0.0, 2031: 40_000.0, 2032: 44_000.0})
    assert plan.objective == pytest.approx(500_000.0 + 550_000.0)
    grown = exact(scenario(2030, 2031, activity_growth=0.1))  # existing: grows from start
    assert by_year(grown, "energy_gj") == pytest.approx({2030: 40_000.0, 2031: 44_000.0})


def test_dock_windows_restrict_install_years() -> None:
    sails = {**SAILS, "capex_fixed": 10_000.0, "lifetime_years": 25}
    sc = scenario(2030, 2033, technologies=[sails],
                  fleet=[vessel(next_drydock_year=2031, drydock_interval_years=2)])
    plan = exact(sc)
    assert list(plan.retrofits["year"]) == [2031]
    energy = by_year(plan, "energy_gj")
    assert energy[2030] == pytest.approx(40_000.0)
    assert energy[2031] == pytest.approx(36_000.0)


def test_ttw_scope_for_the_caps() -> None:
    plan = exact(scenario(2030, 2030, emission_scope="ttw"))
    assert by_year(plan, "emissions_tco2e")[2030] == pytest.approx(3200.0)
    assert by_year(plan, "bau_emissions_tco2e")[2030] == pytest.approx(3200.0)
    assert by_year(plan, "intensity_gco2e_per_mj")[2030] == pytest.approx(80.0)
