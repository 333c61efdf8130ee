"""Year rules (the horizon, retire_year) and the warnings a planner wants before solving."""

from __future__ import annotations

import pytest
from test_validation import errors, messages, put, valid_scenario, warnings

from planner import schema
from planner.scenario import Scenario, make_table


def _with_setting(name: str, value: object) -> Scenario:
    scenario = valid_scenario()
    scenario.set_setting(name, value)
    return scenario


# --- the horizon -----------------------------------------------------------------------------


def test_an_end_year_before_the_start_year_is_an_error_at_the_end_year_value() -> None:
    assert errors(_with_setting("end_year", 2020)) == [
        "Settings!B3: end_year must not be before start_year 2026, got 2020"]


def test_a_horizon_longer_than_sixty_years_is_an_error_at_the_end_year_value() -> None:
    assert errors(_with_setting("end_year", 2087)) == [
        "Settings!B3: end_year must be at most 60 years after start_year 2026 (that is 2086), "
        "got 2087"]


@pytest.mark.parametrize("end_year", [2026, 2086])
def test_horizons_of_one_to_sixty_one_years_pass(end_year: int) -> None:
    assert errors(_with_setting("end_year", end_year)) == []


def test_the_horizon_is_not_judged_when_a_year_is_unreadable() -> None:
    scenario = _with_setting("start_year", "next year")
    scenario.set_setting("end_year", 1990)
    assert errors(scenario) == [
        'Settings!B2: start_year must be a whole number, got "next year"']


# --- service life ---------------------------------------------------------------------------------


def test_a_retire_year_before_the_build_year_is_an_error_at_the_retire_year() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 0, "retire_year", 2014)
    assert errors(scenario) == [
        "Fleet!E2: retire_year must not be before build_year 2015, got 2014"]
    assert warnings(scenario) == []


def test_a_vessel_retiring_in_its_build_year_passes() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 2, "retire_year", 2028)
    assert messages(scenario) == []


# --- warnings --------------------------------------------------------------------------------------


def test_a_vessel_that_retired_before_the_horizon_is_a_warning() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 0, "retire_year", 2025)
    put(scenario, "Fleet", 1, "build_year", 1995)  # blank retire_year: 1995 + 25 = 2020
    assert errors(scenario) == []
    assert warnings(scenario) == [
        "Fleet!E2: IMO9000001 retires in 2025, before start_year 2026, so it takes no part "
        "in the plan",
        "Fleet!D3: IMO9000002 retires in 2020 (build_year + 25), before start_year 2026, so "
        "it takes no part in the plan"]


def test_a_vessel_built_after_the_horizon_is_a_warning() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 2, "build_year", 2041)
    assert warnings(scenario) == [
        "Fleet!D4: IMO9000003 is built in 2041, after end_year 2040, so it takes no part in "
        "the plan"]


def test_vessels_in_service_in_the_first_or_last_year_pass() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 0, "retire_year", 2026)
    put(scenario, "Fleet", 2, "build_year", 2040)
    put(scenario, "Fleet", 1, "build_year", 2001)  # retires 2026
    assert messages(scenario) == []


def test_a_fuel_available_only_after_the_horizon_is_a_warning() -> None:
    scenario = valid_scenario()
    put(scenario, "Fuels", 2, "available_from", 2041)
    assert warnings(scenario) == [
        "Fuels!G4: Bio-methanol is available from 2041, after end_year 2040, so it is never "
        "used"]
    put(scenario, "Fuels", 2, "available_from", 2040)
    assert messages(scenario) == []


def test_a_technology_available_only_after_the_horizon_is_a_warning() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 0, "available_from", 2050)
    assert warnings(scenario) == [
        "Technologies!I2: Methanol conversion is available from 2050, after end_year 2040, "
        "so it is never installed"]
    put(scenario, "Technologies", 0, "available_from", 2040)
    assert messages(scenario) == []


def test_a_targets_row_that_gives_nothing_is_a_warning_at_its_year() -> None:
    scenario = valid_scenario()
    rows = [dict(r) for r in scenario.targets.to_dict("records")]
    rows += [{"year": 2035}, {"year": 2045, "cap_penalty_per_tco2e": 500}]
    scenario.tables["Targets"] = make_table(schema.TARGETS, rows)
    assert warnings(scenario) == [
        "Targets!A4: the row for 2035 gives no cap, intensity cap, carbon price or penalty, "
        "so it changes nothing"]


def test_no_supply_of_a_baseline_fuel_is_a_warning_at_that_cell() -> None:
    scenario = valid_scenario()
    scenario.tables["FuelSupply"] = make_table(schema.FUEL_SUPPLY, [
        {"fuel": "Bio-methanol", 2030: 0.0, 2040: 80000.0},
        {"fuel": "vlsfo", 2030: 1_000_000.0, 2040: 0},
        {"fuel": "LNG", 2030: 0.0},
    ])
    assert errors(scenario) == []
    assert warnings(scenario) == [
        "FuelSupply!C3: the supply of vlsfo in 2040 is 0, but it is the baseline fuel of 2 "
        "vessels; unless they can burn another fuel that year, no plan is possible",
        "FuelSupply!B4: the supply of LNG in 2030 is 0, but it is the baseline fuel of 1 "
        "vessel; unless they can burn another fuel that year, no plan is possible"]


@pytest.mark.parametrize(("written", "meant"), [
    ("discount rte", "discount_rate"), ("Time limit", "time_limit_s"),
    ("yard capacity", "yard_capacity_per_year"), ("budget", "capex_budget_per_year"),
    ("currencey", "currency"), ("start-year ", "start_year")])
def test_a_misspelt_setting_is_a_warning_naming_the_setting_meant(written, meant) -> None:
    scenario = valid_scenario()
    table = scenario.settings_table
    table.loc[len(table)] = [written, 5, None, None]
    assert errors(scenario) == []
    assert warnings(scenario) == [
        f'Settings!A13: "{written.strip()}" is not a setting, so it is ignored; did you mean '
        f'"{meant}"?']


@pytest.mark.parametrize("written", ["owner", "notes", "scenario", "description", "region"])
def test_a_planners_own_settings_row_passes_without_a_word(written) -> None:
    scenario = valid_scenario()
    table = scenario.settings_table
    table.loc[len(table)] = [written, "Fleet team", None, None]
    assert messages(scenario) == []


def test_no_horizon_warning_is_given_while_the_horizon_is_wrong() -> None:
    scenario = _with_setting("end_year", 2020)
    put(scenario, "Fuels", 2, "available_from", 2041)
    assert warnings(scenario) == []
