"""For every constraint family of model.md, a tiny case in which that limit binds.

Fuels (builders.py): VLSFO 500/t at 40 MJ/kg = 12.5 per GJ, 90 gCO2e/MJ wtw; one
vessel burns 1,000 t = 40,000 GJ a year (3,600 tCO2e). Discount rate 0 unless said.
"""

from __future__ import annotations

import pytest
from optimize_scenarios import BIO, CONVERSION, METHANOL, SAILS, VLSFO, scenario, vessel

from planner.optimize.solve import solve
from planner.plan import Plan, Status

GJ = 40_000.0  # one vessel's energy per year


def exact(sc: object, **kwargs: object) -> Plan:
    plan = solve(sc, solver="highs", mip_gap=1e-9, time_limit=60, **kwargs)  # type: ignore[arg-type]
    assert plan.status is Status.OPTIMAL, plan.message
    return plan


def energy(plan: Plan, fuel: str, year: int | None = None, vessel_id: str | None = None) -> float:
    use = plan.fuel_use
    rows = use[use["fuel"] == fuel]
    if year is not None:
        rows = rows[rows["year"] == year]
    if vessel_id is not None:
        rows = rows[rows["vessel_id"] == vessel_id]
    return float(rows["energy_gj"].sum())


def annual(plan: Plan, year: int, column: str) -> float:
    table = plan.annual.set_index("year")
    return float(table.loc[year, column])


def test_install_once_even_when_each_install_pays() -> None:
    grant = {"technology": "Grant", "kind": "efficiency", "capex_fixed": -100_000.0,
             "lifetime_years": 1}
    plan = exact(scenario(2030, 2032, technologies=[grant]))
    assert len(plan.retrofits) == 1
    assert plan.objective == pytest.approx(plan.bau_objective - 100_000.0)


def test_at_most_one_conversion_per_vessel() -> None:
    lng = {"fuel": "LNG", "family": "lng", "lcv_mj_per_kg": 50.0, "wtt_gco2e_per_mj": 18.0,
           "ttw_gco2e_per_mj": 57.0}
    conversions = [
        {**CONVERSION, "capex_fixed": -100_000.0, "lifetime_years": 1},
        {"technology": "LNG conversion", "kind": "conversion", "enables": "lng",
         "capex_fixed": -150_000.0, "lifetime_years": 1},
    ]
    plan = exact(scenario(2030, 2032, fuels=[VLSFO, METHANOL, lng], technologies=conversions))
    assert list(plan.retrofits["technology"]) == ["LNG conversion"]


def test_energy_balance_takes_the_saving() -> None:
    sails = {**SAILS, "capex_fixed": 10_000.0}
    plan = exact(scenario(2030, 2032, technologies=[sails]))
    assert list(plan.retrofits["year"]) == [2030]
    for year in (2030, 2031, 2032):
        assert annual(plan, year, "energy_gj") == pytest.approx(0.9 * GJ)
        assert energy(plan, "VLSFO", year) == pytest.approx(0.9 * GJ)


def test_a_negative_saving_raises_energy_and_dmax_allows_it() -> None:
    # e-methanol at 200/t is 10 per GJ, cheaper than VLSFO: the vessel converts at once
    conversion = {**CONVERSION, "capex_fixed": 1.0, "energy_saving": -0.05}
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, METHANOL],
                          prices={"VLSFO": {2030: 500.0}, "e-Methanol": {2030: 200.0}},
                          technologies=[conversion]))
    assert list(plan.retrofits["year"]) == [2030]
    for year in (2030, 2031):
        assert energy(plan, "e-Methanol", year) == pytest.approx(1.05 * GJ)
        assert energy(plan, "VLSFO", year) == pytest.approx(0.0, abs=1e-6)


def test_engine_compatibility_needs_the_conversion() -> None:
    prices = {"VLSFO": {2030: 500.0}, "e-Methanol": {2030: 200.0}}  # methanol 10 per GJ
    costly = {**CONVERSION, "capex_fixed": 1e9}
    plan = exact(scenario(2030, 2032, fuels=[VLSFO, METHANOL], prices=prices,
                          technologies=[costly]))
    assert plan.retrofits.empty
    assert energy(plan, "e-Methanol") == 0.0
    docked = scenario(2030, 2032, fuels=[VLSFO, METHANOL], prices=prices,
                      fleet=[vessel(next_drydock_year=2031, drydock_interval_years=5)],
                      technologies=[{**CONVERSION, "capex_fixed": 1.0}])
    plan = exact(docked)
    assert list(plan.retrofits["year"]) == [2031]
    assert energy(plan, "e-Methanol", 2030) == 0.0
    assert energy(plan, "e-Methanol", 2031) == pytest.approx(GJ)


def test_blend_limit_caps_the_cheap_fuel_share() -> None:
    cheap = {**BIO, "max_blend_share": 0.3}
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, cheap],
                          prices={"VLSFO": {2030: 500.0}, "Bio-diesel": {2030: 300.0}}))
    for year in (2030, 2031):
        assert energy(plan, "Bio-diesel", year) == pytest.approx(0.3 * GJ)


def test_fuel_availability_year() -> None:
    late = {**BIO, "available_from": 2031}
    plan = exact(scenario(2030, 2032, fuels=[VLSFO, late],
                          prices={"VLSFO": {2030: 500.0}, "Bio-diesel": {2030: 300.0}}))
    assert energy(plan, "Bio-diesel", 2030) == 0.0
    assert energy(plan, "Bio-diesel", 2031) == pytest.approx(GJ)


def test_fuel_supply_is_shared_by_the_fleet() -> None:
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, BIO],
                          fleet=[vessel("A"), vessel("B", annual_fuel_t=2000.0)],
                          prices={"VLSFO": {2030: 500.0}, "Bio-diesel": {2030: 300.0}},
                          supply={"Bio-diesel": {2030: 100.0}}))
    for year in (2030, 2031):
        tonnes = plan.fuel_use[(plan.fuel_use["fuel"] == "Bio-diesel")
                               & (plan.fuel_use["year"] == year)]["tonnes"].sum()
        assert tonnes == pytest.approx(100.0)


def test_absolute_cap_binds() -> None:
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, BIO],
                          targets=[{"year": 2031, "cap_tco2e": 3000.0}]))
    assert annual(plan, 2030, "emissions_tco2e") == pytest.approx(3600.0)
    assert annual(plan, 2031, "emissions_tco2e") == pytest.approx(3000.0)
    # 600 t less at 80 kg per GJ switched: 7,500 GJ of bio-diesel at 25 per GJ more
    assert energy(plan, "Bio-diesel", 2031) == pytest.approx(7500.0)
    assert plan.objective == pytest.approx(plan.bau_objective + 7500.0 * 25.0)


def test_intensity_cap_binds() -> None:
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, BIO],
                          targets=[{"year": 2031, "intensity_cap_gco2e_per_mj": 80.0}]))
    assert annual(plan, 2031, "intensity_gco2e_per_mj") == pytest.approx(80.0)
    assert energy(plan, "Bio-diesel", 2031) == pytest.approx(GJ / 8)


def test_yard_capacity_spreads_retrofits() -> None:
    sails = {**SAILS, "capex_fixed": 10_000.0}
    fleet = [vessel("A"), vessel("B"), vessel("C")]
    free = exact(scenario(2030, 2032, fleet=fleet, technologies=[sails]))
    assert list(free.retrofits["year"]) == [2030, 2030, 2030]
    plan = exact(scenario(2030, 2032, fleet=fleet, technologies=[sails],
                          yard_capacity_per_year=1))
    assert sorted(plan.retrofits["year"]) == [2030, 2031, 2032]
    assert plan.objective > free.objective


def test_capex_budget_spreads_retrofits() -> None:
    sails = {**SAILS, "capex_fixed": 10_000.0}
    plan = exact(scenario(2030, 2032, fleet=[vessel("A"), vessel("B")],
                          technologies=[sails], capex_budget_per_year=15_000.0))
    assert sorted(plan.retrofits["year"]) == [2030, 2031]


@pytest.mark.parametrize(("penalty", "abates"), [(100.0, False), (1000.0, True)])
def test_soft_cap_is_paid_or_met_by_price(penalty: float, abates: bool) -> None:
    # abating costs 25 per GJ / 0.08 t per GJ = 312.5 per tCO2e
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, BIO], targets=[
        {"year": 2031, "cap_tco2e": 3000.0, "cap_penalty_per_tco2e": penalty}]))
    emissions = annual(plan, 2031, "emissions_tco2e")
    if abates:
        assert emissions == pytest.approx(3000.0)
        assert annual(plan, 2031, "penalty") == pytest.approx(0.0, abs=1e-3)
    else:
        assert emissions == pytest.approx(3600.0)
        assert annual(plan, 2031, "penalty") == pytest.approx(600.0 * penalty)
        assert plan.objective == pytest.approx(plan.bau_objective + 600.0 * penalty)


def test_caps_before_the_first_penalty_are_hard() -> None:
    targets = [{"year": 2030, "cap_tco2e": 3000.0},
               {"year": 2031, "cap_penalty_per_tco2e": 1.0}]
    plan = exact(scenario(2030, 2031, fuels=[VLSFO, BIO], targets=targets))
    assert annual(plan, 2030, "emissions_tco2e") == pytest.approx(3000.0)  # hard
    assert annual(plan, 2031, "emissions_tco2e") == pytest.approx(3600.0)  # soft, cheap
    assert annual(plan, 2031, "penalty") == pytest.approx(600.0)


def test_carbon_price_on_ttw_times_ets_share() -> None:
    plan = exact(scenario(2030, 2030, fleet=[vessel(ets_share=0.5)],
                          targets=[{"year": 2030, "carbon_price_per_tco2e": 100.0}]))
    # 40,000 GJ * 80 kg/GJ ttw = 3,200 t, half of it priced
    assert annual(plan, 2030, "carbon") == pytest.approx(100.0 * 0.5 * 3200.0)


def test_technology_availability_year_and_vessel_types() -> None:
    sails = {**SAILS, "capex_fixed": 10_000.0, "available_from": 2031}
    plan = exact(scenario(2030, 2032, technologies=[sails]))
    assert list(plan.retrofits["year"]) == [2031]
    tanker_only = {**SAILS, "capex_fixed": 10_000.0, "vessel_types": "Tanker"}
    fleet = [vessel("T", type=" tanker "), vessel("B", type="Bulk"), vessel("X")]
    plan = exact(scenario(2030, 2032, fleet=fleet, technologies=[tanker_only]))
    assert list(plan.retrofits["vessel_id"]) == ["T"]
