"""Key and reference rules: unique ids, names and years; fuels, families and vessel types that exist;
a price for every fuel; only conversions enable families."""

from __future__ import annotations

import pandas as pd
import pytest
from test_validation import errors, messages, put, valid_scenario, warnings

from planner import schema
from planner.scenario import Scenario, make_table


def _append(scenario: Scenario, sheet: str, row: dict) -> None:
    table = scenario.table(sheet)
    added = make_table(schema.sheet(sheet), [row], extra_columns=list(table.columns))
    scenario.set_table(sheet, pd.concat([table, added[table.columns]], ignore_index=True))


# --- unique keys ----------------------------------------------------------------------------


def test_a_vessel_id_given_twice_is_an_error_at_the_later_one() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 2, "vessel_id", " imo9000001")
    assert errors(scenario) == ['Fleet!A4: vessel_id "imo9000001" is given twice (first at A2)']


def test_a_fuel_given_twice_is_an_error_at_the_later_name() -> None:
    scenario = valid_scenario()
    _append(scenario, "Fuels", {"fuel": " vlsfo ", "family": "oil", "lcv_mj_per_kg": 40,
                                "wtt_gco2e_per_mj": 13, "ttw_gco2e_per_mj": 76})
    assert errors(scenario) == ['Fuels!A5: fuel "vlsfo" is given twice (first at A2)']


def test_a_key_given_three_times_is_reported_twice_naming_the_first() -> None:
    scenario = valid_scenario()
    for spelling in ("rotor SAILS", "Rotor sails "):
        _append(scenario, "Technologies", {"technology": spelling, "kind": "efficiency"})
    assert errors(scenario) == [
        'Technologies!A4: technology "rotor SAILS" is given twice (first at A3)',
        'Technologies!A5: technology "Rotor sails" is given twice (first at A3)']


def test_a_targets_year_given_twice_is_an_error_at_the_later_year() -> None:
    scenario = valid_scenario()
    put(scenario, "Targets", 1, "year", 2030)
    assert errors(scenario) == ["Targets!A3: year 2030 appears more than once (first at A2)"]


def test_a_setting_given_twice_is_an_error_at_the_later_setting_name() -> None:
    scenario = valid_scenario()
    scenario.settings_table.loc[len(scenario.settings_table)] = [
        " Discount_Rate ", 0.05, None, None]
    assert errors(scenario) == ["Settings!A13: discount_rate is given twice (first at A4)"]


@pytest.mark.parametrize(("sheet", "row", "cell"), [
    ("FuelPrices", {"fuel": "lng", 2030: 560.0}, 'FuelPrices!A5: fuel "lng" is given twice '
                                                 "(first at A3)"),
    ("FuelSupply", {"fuel": "BIO-METHANOL", 2030: 1.0}, 'FuelSupply!A3: fuel "BIO-METHANOL" '
                                                        "is given twice (first at A2)"),
])
def test_a_series_row_given_twice_is_an_error_at_the_later_fuel(sheet, row, cell) -> None:
    scenario = valid_scenario()
    _append(scenario, sheet, row)
    assert errors(scenario) == [cell]


def test_distinct_keys_and_repeated_unknown_settings_pass() -> None:
    scenario = valid_scenario()
    _append(scenario, "Technologies", {"technology": "Rotor sails mk2", "kind": "efficiency"})
    _append(scenario, "Targets", {"year": 2035, "carbon_price_per_tco2e": 150})
    for _ in range(2):
        scenario.settings_table.loc[len(scenario.settings_table)] = ["note", "x", None, None]
    assert errors(scenario) == []


# --- references ---------------------------------------------------------------------------------


def test_a_baseline_fuel_not_in_fuels_is_an_error_with_a_suggestion() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 1, "baseline_fuel", "VLSF0")
    put(scenario, "Fleet", 2, "baseline_fuel", "Hydrogen")
    assert errors(scenario) == [
        'Fleet!G3: baseline_fuel "VLSF0" is not in Fuels; did you mean "VLSFO"?',
        'Fleet!G4: baseline_fuel "Hydrogen" is not in Fuels']


def test_names_match_case_insensitively_ignoring_surrounding_spaces() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 0, "baseline_fuel", " vlsfo ")
    put(scenario, "Fleet", 1, "fuel_families", " OIL ,Methanol")
    put(scenario, "Technologies", 0, "enables", "METHANOL ")
    put(scenario, "Technologies", 0, "vessel_types", " container,BULK")
    put(scenario, "FuelPrices", 1, "fuel", "lng ")
    put(scenario, "FuelSupply", 0, "fuel", " bio-METHANOL")
    assert messages(scenario) == []


def test_a_family_no_fuel_has_is_an_error_in_fuel_families_and_enables() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 1, "fuel_families", "oil, metanol")
    put(scenario, "Technologies", 0, "enables", "amonia, hydrogen")
    assert errors(scenario) == [
        'Fleet!I3: fuel_families names "metanol", which is not the family of any fuel in '
        'Fuels; did you mean "methanol"?',
        'Technologies!C2: enables names "amonia" and "hydrogen", which are not families of '
        "any fuel in Fuels"]


def test_a_series_row_for_a_fuel_not_in_fuels_is_an_error_at_its_name() -> None:
    scenario = valid_scenario()
    _append(scenario, "FuelPrices", {"fuel": "HFO", 2026: 450.0})
    put(scenario, "FuelSupply", 0, "fuel", "Bio-methanool")
    assert errors(scenario) == [
        'FuelPrices!A5: fuel "HFO" is not in Fuels',
        'FuelSupply!A2: fuel "Bio-methanool" is not in Fuels; did you mean "Bio-methanol"?']


def test_a_fuel_without_a_prices_row_is_an_error_at_its_fuels_name() -> None:
    scenario = valid_scenario()
    prices = scenario.fuel_prices
    scenario.tables["FuelPrices"] = prices[prices["fuel"] != "LNG"].reset_index(drop=True)
    assert errors(scenario) == ["Fuels!A3: LNG has no price: add a FuelPrices row for it"]


def test_a_prices_row_with_no_value_is_an_error_at_its_prices_name() -> None:
    scenario = valid_scenario()
    put(scenario, "FuelPrices", 1, 2026, None)
    assert errors(scenario) == [
        "FuelPrices!A3: LNG has no price: give it a price in at least one year"]


def test_a_fuel_priced_in_one_year_only_passes() -> None:
    scenario = valid_scenario()
    put(scenario, "FuelPrices", 0, 2026, None)
    put(scenario, "FuelPrices", 0, 2040, None)
    put(scenario, "FuelPrices", 0, 2030, 640.0)
    assert messages(scenario) == []


# --- what a technology may enable -----------------------------------------------------------------


def test_an_efficiency_technology_with_enables_is_an_error_at_the_enables_cell() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 1, "enables", "methanol")
    assert errors(scenario) == [
        "Technologies!C3: enables must be blank for an efficiency technology (only a "
        'conversion adds fuel families), got "methanol"']


def test_an_efficiency_technology_enabling_an_unknown_family_gets_one_message() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 1, "enables", "wind")
    assert errors(scenario) == [
        "Technologies!C3: enables must be blank for an efficiency technology (only a "
        'conversion adds fuel families), got "wind"']


def test_a_conversion_that_enables_nothing_is_a_warning_at_the_enables_cell() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 0, "enables", " ")
    assert errors(scenario) == []
    assert warnings(scenario) == [
        "Technologies!C2: this conversion enables no fuel family, so it changes nothing; "
        "name the families it adds in enables"]


# --- vessel types (warnings: a typo would make a technology fit nothing) --------------------------


def test_a_vessel_type_no_vessel_has_is_a_warning() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 0, "vessel_types", "Container, Bulkk")
    assert errors(scenario) == []
    assert warnings(scenario) == [
        'Technologies!J2: vessel_types names "Bulkk", a type no vessel has; did you mean '
        '"Bulk"?']


def test_a_technology_whose_every_type_is_unknown_fits_no_vessel() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 0, "vessel_types", "Contaner")
    put(scenario, "Technologies", 1, "vessel_types", "Ferry, RoRo")
    assert warnings(scenario) == [
        'Technologies!J2: vessel_types names "Contaner", a type no vessel has, so the '
        'technology fits no vessel; did you mean "Container"?',
        'Technologies!J3: vessel_types names "Ferry" and "RoRo", types no vessel has, so the '
        "technology fits no vessel"]


def test_vessel_types_are_not_judged_against_an_empty_fleet() -> None:
    scenario = valid_scenario()
    scenario.tables["Fleet"] = make_table(schema.FLEET, [])
    assert messages(scenario) == []
