"""When the caps cannot be met: elastic plan, the limits named per year, contradictory inputs."""

from __future__ import annotations

import pytest
from optimize_scenarios import CONVERSION, METHANOL, VLSFO, scenario, vessel

from planner.optimize.solve import solve
from planner.plan import Plan, Status

AMMONIA = {"fuel": "e-Ammonia", "family": "ammonia", "lcv_mj_per_kg": 18.6,
           "wtt_gco2e_per_mj": 0.0, "ttw_gco2e_per_mj": 0.0, "available_from": 2032}
AMMONIA_CONVERSION = {"technology": "Ammonia conversion", "kind": "conversion",
                      "enables": "ammonia", "capex_fixed": 1_000_000.0}


def diagnosed(sc: object) -> Plan:
    plan = solve(sc, solver="highs", mip_gap=1e-9, time_limit=60)  # type: ignore[arg-type]
    assert plan.status is Status.INFEASIBLE, plan.message
    assert plan.objective is None
    assert plan.diagnosis is not None
    return plan


def test_yard_and_dock_windows_hold_a_year_back() -> None:
    # both ships must burn e-methanol in 2031; they dock only in 2031 and the yard
    # takes one ship a year
    sc = scenario(2030, 2031, fuels=[VLSFO, METHANOL], technologies=[CONVERSION],
                  fleet=[vessel("A", next_drydock_year=2031),
                         vessel("B", next_drydock_year=2031)],
                  targets=[{"year": 2031, "cap_tco2e": 400.0}], yard_capacity_per_year=1)
    plan = diagnosed(sc)
    diagnosis = plan.diagnosis
    assert diagnosis is not None
    assert [y.year for y in diagnosis.years] == [2031]
    year = diagnosis.years[0]
    # one ship converted (200 t on e-methanol), the other on VLSFO (3,600 t)
    assert year.emissions_tco2e == pytest.approx(3800.0)
    assert year.shortfall_tco2e == pytest.approx(3400.0)
    assert diagnosis.shortfall_total == pytest.approx(3400.0)
    assert year.limits == ["yard_capacity", "dock_windows"]
    assert not year.alone_feasible
    assert year.limit_details[0] == "yard capacity (1 retrofit per year)"
    assert diagnosis.limits == ["yard_capacity", "dock_windows"]
    sentence = diagnosis.sentences()[0]
    assert sentence.startswith("2031: cap 400 tCO2e, the fleet can reach 3,800 tCO2e at "
                               "best (3,400 short); held back by: yard capacity")
    assert list(plan.retrofits["technology"]) == ["Methanol conversion"]
    assert "cannot be met" in plan.message
    # Another road to the same plan: the cap made soft at a price no saving outweighs is
    # met as far as it can be, then at least cost; less its penalty, that is the elastic
    # plan's NPV (no discounting here), and the tables show the elastic plan.
    penalty = 1e6
    soft = scenario(2030, 2031, fuels=[VLSFO, METHANOL], technologies=[CONVERSION],
                    fleet=[vessel("A", next_drydock_year=2031),
                           vessel("B", next_drydock_year=2031)],
                    targets=[{"year": 2031, "cap_tco2e": 400.0,
                              "cap_penalty_per_tco2e": penalty}], yard_capacity_per_year=1)
    priced = solve(soft, solver="highs", mip_gap=1e-12, time_limit=60)
    assert priced.status is Status.OPTIMAL
    assert priced.objective - penalty * 3400.0 == pytest.approx(diagnosis.elastic_objective,
                                                                 rel=1e-9, abs=0.01)
    assert plan.annual["discounted_total"].sum() == pytest.approx(
        priced.annual["discounted_total"].sum() - penalty * 3400.0, rel=1e-9, abs=0.01)


def test_a_year_short_only_through_trade_offs_names_no_limit() -> None:
    # 2031 needs methanol (ammonia comes in 2032), 2032 needs ammonia (no methanol
    # supply then); one conversion per ship: each year alone can meet its cap
    sc = scenario(2031, 2032, fuels=[VLSFO, METHANOL, AMMONIA],
                  prices={"VLSFO": {2031: 500.0}, "e-Methanol": {2031: 700.0},
                          "e-Ammonia": {2031: 800.0}},
                  supply={"e-Methanol": {2031: 100_000.0, 2032: 0.0}},
                  technologies=[CONVERSION, AMMONIA_CONVERSION],
                  targets=[{"year": 2031, "cap_tco2e": 1000.0}])
    plan = diagnosed(sc)
    diagnosis = plan.diagnosis
    assert diagnosis is not None
    assert diagnosis.shortfall_total == pytest.approx(2600.0)
    assert len(diagnosis.years) == 1
    year = diagnosis.years[0]
    assert year.alone_feasible
    assert year.limits == []
    assert "other years' caps compete" in diagnosis.sentences()[0]


def test_no_single_limit_is_named_when_none_would_do() -> None:
    plan = diagnosed(scenario(2030, 2030, targets=[{"year": 2030, "cap_tco2e": 0.0}],
                              yard_capacity_per_year=1))
    year = plan.diagnosis.years[0]  # type: ignore[union-attr]
    assert year.limits == [] and not year.alone_feasible
    assert year.shortfall_tco2e == pytest.approx(3600.0)
    assert "no single limit" in plan.diagnosis.sentences()[0]  # type: ignore[union-attr]


def test_fuel_supply_and_availability_named_with_their_numbers() -> None:
    late = {**METHANOL, "available_from": 2031}
    sc = scenario(2030, 2031, fuels=[VLSFO, late], technologies=[CONVERSION],
                  supply={"e-Methanol": {2030: 1e6, 2031: 100.0}},
                  targets=[{"year": 2030, "cap_tco2e": 3000.0},
                           {"year": 2031, "cap_tco2e": 1000.0}])
    plan = diagnosed(sc)
    years = {y.year: y for y in plan.diagnosis.years}  # type: ignore[union-attr]
    assert years[2030].limits == ["fuel_availability"]
    assert years[2030].limit_details == ["fuel availability year (e-Methanol not before 2031)"]
    assert years[2031].limits == ["fuel_supply"]
    assert years[2031].limit_details == ["fuel supply (e-Methanol 100 t in 2031)"]


def test_contradictory_inputs_are_invalid_with_one_issue_without_a_cell() -> None:
    late_baseline = {**VLSFO, "available_from": 2031}
    plan = solve(scenario(2030, 2031, fuels=[late_baseline]), solver="highs")
    assert plan.status is Status.INVALID
    assert plan.objective is None
    assert len(plan.issues) == 1
    issue = plan.issues[0]
    assert issue.sheet == "" and issue.cell == ""
    assert "V1 has no fuel it can burn in 2030" in issue.message
    assert "fuel availability year (VLSFO not before 2031)" in issue.message


def test_cbc_gives_the_same_diagnosis() -> None:
    sc = scenario(2030, 2031, fuels=[VLSFO, METHANOL], technologies=[CONVERSION],
                  fleet=[vessel("A", next_drydock_year=2031),
                         vessel("B", next_drydock_year=2031)],
                  targets=[{"year": 2031, "cap_tco2e": 400.0}], yard_capacity_per_year=1)
    plan = solve(sc, solver="cbc", mip_gap=1e-9)
    assert plan.status is Status.INFEASIBLE
    assert plan.diagnosis is not None
    assert plan.diagnosis.limits == ["yard_capacity", "dock_windows"]
    assert plan.diagnosis.shortfall_total == pytest.approx(3400.0, rel=1e-7)


def test_a_diagnosis_stopped_early_says_which_years_were_not_checked() -> None:
    sc = scenario(2030, 2031, fuels=[VLSFO, METHANOL], technologies=[CONVERSION],
                  fleet=[vessel("A", next_drydock_year=2031),
                         vessel("B", next_drydock_year=2031)],
                  targets=[{"year": 2031, "cap_tco2e": 400.0}], yard_capacity_per_year=1)
    asked: list[str] = []

    def progress(phase: str, info: dict) -> None:
        asked.append(str(info.get("message", "")))

    plan = solve(sc, mip_gap=1e-9, progress=progress,
                 should_stop=lambda: any("on its own" in text for text in asked))
    assert plan.status is Status.INFEASIBLE
    assert plan.diagnosis is not None
    year = plan.diagnosis.years[0]
    assert not year.checked and year.limits == []
    assert "stopped before the limits holding this year back were found" in \
        plan.diagnosis.sentences()[0]
    assert "stopped before every limit was tried" in plan.message
