"""Cell rules: types per column, required cells, ranges (settings by their own rule), series values."""

from __future__ import annotations

import numpy as np
import pytest
from test_validation import errors, messages, put, valid_scenario

from planner import schema
from planner.convert import Percent
from planner.errors import Issue
from planner.scenario import Scenario, make_table
from planner.validation import validate


def _with(sheet: str, row: int, column: object, value: object) -> Scenario:
    scenario = valid_scenario()
    put(scenario, sheet, row, column, value)
    return scenario


def _with_setting(name: str, value: object) -> Scenario:
    scenario = valid_scenario()
    scenario.set_setting(name, value)
    return scenario


# --- types ------------------------------------------------------------------------------------

BAD_TYPES = [
    ("Fleet", 1, "build_year", "2015a", 'Fleet!D3: build_year must be a whole number, got "2015a"'),
    ("Fleet", 0, "build_year", 2015.5, "Fleet!D2: build_year must be a whole number, got 2015.5"),
    ("Fleet", 0, "annual_fuel_t", "lots", 'Fleet!H2: annual_fuel_t must be a number, got "lots"'),
    ("Fleet", 0, "annual_fuel_t", "1,200",
     'Fleet!H2: annual_fuel_t must be stored as a number, got the text "1,200"'),
    ("Fleet", 0, "ets_share", "half",
     'Fleet!J2: ets_share must be a number or a percentage, got "half"'),
    ("Fleet", 0, "main_engine_kw", Percent(0.5), "Fleet!F2: main_engine_kw must be a number, got 50%"),
    ("Fleet", 0, "main_engine_kw", True, "Fleet!F2: main_engine_kw must be a number, got True"),
    ("Fleet", 0, "drydock_interval_years", 2.5,
     "Fleet!L2: drydock_interval_years must be a whole number, got 2.5"),
    ("Fuels", 2, "available_from", float("inf"),
     "Fuels!G4: available_from must be a whole number, got inf"),
    ("Technologies", 0, "kind", "retrofit",
     'Technologies!B2: kind must be one of conversion, efficiency, got "retrofit"'),
    ("Technologies", 1, "energy_saving", "6 percent",
     'Technologies!G3: energy_saving must be a number or a percentage, got "6 percent"'),
    ("Targets", 0, "year", "2030a", 'Targets!A2: year must be a whole number, got "2030a"'),
    ("Targets", 1, "carbon_price_per_tco2e", "n/a",
     'Targets!D3: carbon_price_per_tco2e must be a number, got "n/a"'),
]


@pytest.mark.parametrize(("sheet", "row", "column", "value", "expected"), BAD_TYPES)
def test_a_value_its_column_cannot_read_is_an_error_at_its_cell(sheet, row, column, value,
                                                                expected) -> None:
    assert errors(_with(sheet, row, column, value)) == [expected]


GOOD_TYPES = [
    ("Fleet", 0, "build_year", 2015.0),
    ("Fleet", 0, "build_year", np.int64(2015)),
    ("Fleet", 0, "annual_fuel_t", np.float64(12000.5)),
    ("Fleet", 0, "ets_share", Percent(0.8)),
    ("Technologies", 0, "kind", " Conversion "),
    ("Technologies", 0, "energy_saving", Percent(-0.03)),
    ("Fleet", 0, "vessel_id", 9300058),  # a text column takes a number as its text
]


@pytest.mark.parametrize(("sheet", "row", "column", "value"), GOOD_TYPES)
def test_values_of_the_right_type_pass(sheet, row, column, value) -> None:
    assert errors(_with(sheet, row, column, value)) == []  # unusual ones may warn


def test_unknown_columns_are_kept_and_not_checked() -> None:
    scenario = valid_scenario()
    scenario.fleet["notes"] = ["=see memo", 12, None]
    scenario.tables["FuelPrices"]["source"] = ["broker", None, "-x"]
    assert messages(scenario) == []


# --- required --------------------------------------------------------------------------------

BLANK_REQUIRED = [
    ("Fleet", 1, "baseline_fuel", None, "Fleet!G3: baseline_fuel is required"),
    ("Fleet", 0, "vessel_id", "   ", "Fleet!A2: vessel_id is required"),
    ("Fleet", 2, "annual_fuel_t", float("nan"), "Fleet!H4: annual_fuel_t is required"),
    ("Fuels", 1, "family", None, "Fuels!B3: family is required"),
    ("Fuels", 1, "ttw_gco2e_per_mj", None, "Fuels!E3: ttw_gco2e_per_mj is required"),
    ("FuelSupply", 0, "fuel", None, "FuelSupply!A2: fuel is required"),
    ("Technologies", 1, "kind", None, "Technologies!B3: kind is required"),
    ("Targets", 1, "year", None, "Targets!A3: year is required"),
]


@pytest.mark.parametrize(("sheet", "row", "column", "value", "expected"), BLANK_REQUIRED)
def test_a_blank_required_cell_is_an_error_at_that_cell(sheet, row, column, value,
                                                       expected) -> None:
    assert errors(_with(sheet, row, column, value)) == [expected]


def test_blank_optional_cells_take_their_defaults_and_pass() -> None:
    scenario = valid_scenario()
    for column in ("name", "type", "retire_year", "main_engine_kw", "fuel_families",
                   "ets_share", "next_drydock_year", "drydock_interval_years",
                   "off_hire_cost_per_day"):
        put(scenario, "Fleet", 0, column, None)
    for column in ("max_blend_share", "available_from"):
        put(scenario, "Fuels", 2, column, None)
    put(scenario, "Technologies", 0, "vessel_types", None)
    assert messages(scenario) == []


def test_start_year_and_end_year_need_a_value() -> None:
    scenario = _with_setting("start_year", None)
    assert errors(scenario) == ["Settings!B2: start_year is required"]


def test_start_year_and_end_year_need_a_row() -> None:
    scenario = valid_scenario()
    settings = scenario.settings_table
    scenario.tables["Settings"] = settings[settings["setting"] != "end_year"].reset_index(
        drop=True)
    found = [i for i in validate(scenario) if i.is_error]
    assert found == [Issue(sheet="Settings", cell="end_year", column="setting",
                           message="end_year is required, but Settings has no end_year row")]
    assert str(found[0]) == ("Settings!end_year: end_year is required, but Settings has no "
                             "end_year row")


def test_a_settings_row_with_a_value_needs_a_setting_name() -> None:
    scenario = valid_scenario()
    scenario.tables["Settings"].loc[len(scenario.settings_table)] = [None, 7, None, None]
    assert errors(scenario) == ["Settings!A13: setting is required"]


def test_cases_rows_need_case_parameter_change_and_value(monkeypatch) -> None:
    import planner.cases.sheet

    monkeypatch.setattr(planner.cases.sheet, "check_cases", lambda s: [])  # generic rules only
    scenario = valid_scenario()
    scenario.tables["Cases"] = make_table(schema.CASES, [
        {"case": None, "parameter": None, "change": None, "value": None, "from_year": "soon"},
    ])
    assert errors(scenario) == [
        "Cases!A2: case is required", "Cases!B2: parameter is required",
        "Cases!D2: change is required", "Cases!E2: value is required",
        'Cases!F2: from_year must be a whole number, got "soon"']


# --- ranges ------------------------------------------------------------------------------------

OUT_OF_RANGE = [
    ("Fleet", 0, "ets_share", 80,
     "Fleet!J2: ets_share must be between 0 and 1, got 80; did you mean 80%?"),
    ("Fleet", 0, "ets_share", -0.1, "Fleet!J2: ets_share must be between 0 and 1, got -0.1"),
    ("Fleet", 2, "annual_fuel_t", 0, "Fleet!H4: annual_fuel_t must be greater than 0, got 0"),
    ("Fleet", 0, "main_engine_kw", -1, "Fleet!F2: main_engine_kw must be at least 0, got -1"),
    ("Fleet", 0, "drydock_interval_years", 0,
     "Fleet!L2: drydock_interval_years must be greater than 0, got 0"),
    ("Fleet", 0, "off_hire_cost_per_day", -5,
     "Fleet!M2: off_hire_cost_per_day must be at least 0, got -5"),
    ("Fleet", 0, "build_year", 1800, "Fleet!D2: build_year must be between 1900 and 2260, got 1800"),
    ("Fuels", 0, "lcv_mj_per_kg", 0, "Fuels!C2: lcv_mj_per_kg must be greater than 0, got 0"),
    ("Fuels", 0, "ttw_gco2e_per_mj", -1, "Fuels!E2: ttw_gco2e_per_mj must be at least 0, got -1"),
    ("Fuels", 2, "max_blend_share", 50,
     "Fuels!F4: max_blend_share must be between 0 and 1, got 50; did you mean 50%?"),
    ("Technologies", 0, "energy_saving", -1,
     "Technologies!G2: energy_saving must be strictly between -1 and 1, got -1"),
    ("Technologies", 1, "energy_saving", 6,
     "Technologies!G3: energy_saving must be strictly between -1 and 1, got 6; did you mean 6%?"),
    ("Technologies", 0, "off_hire_days", -2,
     "Technologies!H2: off_hire_days must be at least 0, got -2"),
    ("Technologies", 0, "lifetime_years", 0,
     "Technologies!K2: lifetime_years must be greater than 0, got 0"),
    ("Targets", 1, "cap_penalty_per_tco2e", -1,
     "Targets!E3: cap_penalty_per_tco2e must be at least 0, got -1"),
    ("FuelPrices", 0, 2030, -5.0, "FuelPrices!C2: price of VLSFO in 2030 must be at least 0, got -5"),
    ("FuelSupply", 0, 2040, -1, "FuelSupply!C2: supply of Bio-methanol in 2040 must be at least 0, got -1"),
]


@pytest.mark.parametrize(("sheet", "row", "column", "value", "expected"), OUT_OF_RANGE)
def test_a_number_outside_its_range_is_an_error_at_its_cell(sheet, row, column, value,
                                                           expected) -> None:
    assert errors(_with(sheet, row, column, value)) == [expected]


IN_RANGE = [
    ("Fleet", 0, "ets_share", 0), ("Fleet", 0, "ets_share", 1),
    ("Fleet", 0, "main_engine_kw", 0), ("Fleet", 0, "annual_fuel_t", 0.001),
    ("Fuels", 0, "wtt_gco2e_per_mj", -80), ("Fuels", 0, "ttw_gco2e_per_mj", 0),
    ("Technologies", 0, "energy_saving", -0.99), ("Technologies", 0, "energy_saving", 0.99),
    ("Technologies", 0, "capex_fixed", -100),  # money may be any number
    ("Targets", 0, "cap_tco2e", -10), ("Targets", 0, "carbon_price_per_tco2e", -5),
    ("Targets", 1, "cap_penalty_per_tco2e", 0),
    ("FuelPrices", 0, 2030, 0), ("FuelSupply", 0, 2040, 0),
]


@pytest.mark.parametrize(("sheet", "row", "column", "value"), IN_RANGE)
def test_numbers_inside_their_range_pass(sheet, row, column, value) -> None:
    assert errors(_with(sheet, row, column, value)) == []  # unusual ones may warn


def test_series_values_that_are_no_numbers_name_the_fuel_and_year() -> None:
    scenario = _with("FuelPrices", 1, 2040, "cheap")
    assert errors(scenario) == ['FuelPrices!D3: price of LNG in 2040 must be a number, got "cheap"']


# --- settings, each by its own rule -------------------------------------------------------------

BAD_SETTINGS = [
    ("discount_rate", 8,
     "Settings!B4: discount_rate must be between 0 and 1, got 8; did you mean 8%?"),
    ("discount_rate", "eight", 'Settings!B4: discount_rate must be a number or a percentage, '
                               'got "eight"'),
    ("start_year", "soon", 'Settings!B2: start_year must be a whole number, got "soon"'),
    ("emission_scope", "both", 'Settings!B6: emission_scope must be one of wtw, ttw, got "both"'),
    ("activity_growth", 1, "Settings!B7: activity_growth must be strictly between -1 and 1, got 1"),
    ("yard_capacity_per_year", -1, "Settings!B8: yard_capacity_per_year must be at least 0, got -1"),
    ("yard_capacity_per_year", 1.5,
     "Settings!B8: yard_capacity_per_year must be a whole number, got 1.5"),
    ("capex_budget_per_year", -1, "Settings!B9: capex_budget_per_year must be at least 0, got -1"),
    ("solver", "gurobi", 'Settings!B10: solver must be one of auto, highs, cbc, got "gurobi"'),
    ("time_limit_s", 0, "Settings!B11: time_limit_s must be greater than 0, got 0"),
    ("mip_gap", Percent(1.5), "Settings!B12: mip_gap must be between 0 and 1, got 150%"),
]


@pytest.mark.parametrize(("name", "value", "expected"), BAD_SETTINGS)
def test_a_bad_setting_is_an_error_at_its_value_cell(name, value, expected) -> None:
    assert errors(_with_setting(name, value)) == [expected]


GOOD_SETTINGS = [
    ("discount_rate", Percent(0.08)), ("discount_rate", 0), ("discount_rate", None),
    ("activity_growth", -0.5), ("yard_capacity_per_year", 0), ("capex_budget_per_year", 0),
    ("solver", "HiGHS"), ("emission_scope", " TTW "), ("currency", "EUR"),
    ("time_limit_s", 0.5), ("mip_gap", 1),
]


@pytest.mark.parametrize(("name", "value"), GOOD_SETTINGS)
def test_good_settings_pass(name, value) -> None:
    assert errors(_with_setting(name, value)) == []  # unusual ones may warn
