"""Every Cases rule of whatif.md: reported by cell, with the case, all problems at once."""

from __future__ import annotations

import pytest
from whatif_scenarios import two_ship_scenario, with_cases

from planner.cases.sheet import apply_case, check_cases
from planner.errors import Severity, WorkbookError
from planner.scenario import SheetLayout


def messages(rows: list[tuple]) -> list[str]:
    return [str(issue) for issue in check_cases(with_cases(two_ship_scenario(), rows))]


def test_the_example_of_whatif_md_word_for_word() -> None:
    rows = [("Other", "FuelPrices", None, "scale", 1.1)] * 5 + [
        ("Cheap e-fuels", "Fuels.max_blend_share", "HVO", "scale", 4)]
    assert messages(rows) == ['Cases!E7: case "Cheap e-fuels": Fuels.max_blend_share of HVO '
                              "would be 1.2; it must be between 0 and 1"]


def test_a_valid_sheet_has_no_issue() -> None:
    assert messages([
        ("A", "Targets.carbon_price_per_tco2e", None, "scale", "150%", 2030, 2035, "note"),
        ("A", "FuelPrices", "family:oil", "add", -50, None, 2031),
        ("B", "Fleet.ets_share", "type:Bulk", "set", "50%"),
        ("B", "Technologies.available_from", "kind:efficiency", "add", 2),
        ("C", "Settings.yard_capacity_per_year", None, "set", 1),
    ]) == []


@pytest.mark.parametrize("row,expected", [
    (("X", "Fuels.price", "HVO", "set", 1),
     'Cases!B2: case "X": unknown parameter "Fuels.price"; a case can change these columns '
     "of Fuels: lcv_mj_per_kg, wtt_gco2e_per_mj, ttw_gco2e_per_mj, max_blend_share, "
     "available_from, fueleu_wtw_gco2e_per_mj, nzf_wtw_gco2e_per_mj, ets_co2_gco2e_per_mj, "
     "ets_ghg_gco2e_per_mj"),
    (("X", "Settings.end_year", None, "set", 2040),
     'Cases!B2: case "X": unknown parameter "Settings.end_year"; a case can change these '
     "settings: discount_rate, activity_growth, yard_capacity_per_year, capex_budget_per_year, "
     "nzf_surplus_life_years, currency_per_eur, currency_per_usd"),
    (("X", "Prices", None, "set", 1),
     'Cases!B2: case "X": unknown parameter "Prices"; a parameter is Sheet.column (e.g. '
     "Fuels.max_blend_share, Targets.carbon_price_per_tco2e, Settings.discount_rate), "
     "FuelPrices or FuelSupply"),
    (("X", "Fuels.max_blend_share", "Diesel", "set", 0.5),
     'Cases!C2: case "X": item "Diesel" matches no row; Fuels.max_blend_share takes a fuel '
     "of Fuels or family:NAME"),
    (("X", "Fleet.annual_fuel_t", "family:oil", "scale", 2),
     'Cases!C2: case "X": item "family:oil" matches no row; Fleet.annual_fuel_t takes a '
     "vessel_id of Fleet or type:NAME"),
    (("X", "Technologies.capex_fixed", "kind:hybrid", "scale", 2),
     'Cases!C2: case "X": item "kind:hybrid" matches no row; Technologies.capex_fixed takes '
     "a technology of Technologies or kind:conversion or kind:efficiency"),
    (("X", "Targets.cap_tco2e", "IMO1", "scale", 0.9),
     'Cases!C2: case "X": Targets.cap_tco2e takes no item; leave item blank'),
    (("X", "Settings.discount_rate", "all", "set", 0.1),
     'Cases!C2: case "X": Settings.discount_rate takes no item; leave item blank'),
    (("X", "Fleet.annual_fuel_t", "IMO1", "scale", 2, 2030),
     'Cases!F2: case "X": from_year applies only to a yearly series (FuelPrices, FuelSupply '
     "or a Targets column); Fleet.annual_fuel_t is not one: leave it blank"),
    (("X", "Settings.discount_rate", None, "set", 0.1, None, 2030),
     'Cases!G2: case "X": to_year applies only to a yearly series (FuelPrices, FuelSupply '
     "or a Targets column); Settings.discount_rate is not one: leave it blank"),
    (("X", "FuelPrices", None, "scale", 2, 2033, 2030),
     'Cases!G2: case "X": to_year 2030 is before from_year 2033'),
    (("X", "FuelPrices", None, "double", 2),
     'Cases!D2: case "X": change must be scale, add or set, got "double"'),
    (("X", "FuelPrices", None, None, 2),
     'Cases!D2: case "X": change is required: scale, add or set'),
    (("X", "FuelPrices", None, "scale", "two"),
     'Cases!E2: case "X": value must be a number or a percentage, got "two"'),
    (("X", "FuelPrices", None, "scale", None),
     'Cases!E2: case "X": value is required: the number to scale by, add or set'),
    (("X", "Targets.cap_tco2e", None, "add", "5%"),
     'Cases!E2: case "X": value 5% is a percentage, but Targets.cap_tco2e is not a fraction: '
     "a percentage goes with scale (e.g. scale 105%), or with add and set on a fraction "
     "column; write the number itself"),
    (("X", "FuelPrices", "HVO", "set", "80%"),
     'Cases!E2: case "X": value 80% is a percentage, but FuelPrices is not a fraction: a '
     "percentage goes with scale (e.g. scale 180%), or with add and set on a fraction column; "
     "write the number itself"),
    (("Base", "FuelPrices", None, "scale", 2),
     'Cases!A2: case "Base": "Base" is reserved for the unchanged scenario; give this case '
     "another name"),
    ((" BASE ", "FuelPrices", None, "scale", 2),
     'Cases!A2: case "BASE": "BASE" is reserved for the unchanged scenario; give this case '
     "another name"),
    ((None, "FuelPrices", None, "scale", 2),
     "Cases!A2: case is required: the name of the case this change belongs to"),
    (("X", None, None, "scale", 2),
     'Cases!B2: case "X": parameter is required: what the case changes, e.g. '
     "Targets.carbon_price_per_tco2e or FuelPrices"),
    (("X", "FuelPrices", None, "scale", 2, "2030a"),
     'Cases!F2: case "X": from_year must be a whole number, got "2030a"'),
])
def test_each_rule_names_its_cell_and_case(row: tuple, expected: str) -> None:
    assert messages([row]) == [expected]


@pytest.mark.parametrize("row,expected", [
    (("X", "Fleet.ets_share", "IMO1", "add", 0.5),
     "Fleet.ets_share of IMO1 would be 1.5; it must be between 0 and 1"),
    (("X", "Fleet.drydock_interval_years", "IMO1", "scale", 1.5),
     "Fleet.drydock_interval_years of IMO1 would be 4.5; it must be a whole number"),
    (("X", "Fleet.drydock_interval_years", "IMO1", "set", 0),
     "Fleet.drydock_interval_years of IMO1 would be 0; it must be greater than 0"),
    (("X", "Fleet.annual_fuel_t", "type:Bulk", "scale", 0),
     "Fleet.annual_fuel_t of IMO2 would be 0; it must be greater than 0"),
    (("X", "Fleet.retire_year", "IMO2", "set", 2028),
     "Fleet.retire_year of IMO2 would be 2028, before its build_year 2029; it must be at "
     "least the build_year"),
    (("X", "Fleet.build_year", "IMO1", "add", 30),
     "Fleet.retire_year of IMO1 would be 2037, before its build_year 2042; it must be at "
     "least the build_year"),
    (("X", "Technologies.energy_saving", "Rotor sails", "set", 1),
     "Technologies.energy_saving of Rotor sails would be 1; it must be strictly between -1 "
     "and 1"),
    (("X", "Technologies.lifetime_years", None, "add", 0.5),
     "Technologies.lifetime_years of Methanol conversion would be 20.5; it must be a whole "
     "number (and 1 more value of this change)"),
    (("X", "Settings.discount_rate", None, "set", 8),
     "Settings.discount_rate would be 8; it must be between 0 and 1"),
    (("X", "Settings.yard_capacity_per_year", None, "set", 1.5),
     "Settings.yard_capacity_per_year would be 1.5; it must be a whole number"),
    (("X", "Settings.capex_budget_per_year", None, "set", -1),
     "Settings.capex_budget_per_year would be -1; it must be at least 0"),
    (("X", "Targets.cap_penalty_per_tco2e", None, "add", -500),
     "Targets.cap_penalty_per_tco2e in 2035 would be -100; it must be at least 0"),
    (("X", "FuelPrices", "HVO", "add", -1800, 2034),
     "FuelPrices of HVO in 2034 would be -100; it must be at least 0 (and 1 more value of "
     "this change)"),
    (("X", "FuelSupply", "family:methanol", "set", -5, 2035),
     "FuelSupply of Bio-methanol in 2035 would be -5; it must be at least 0"),
    (("X", "Fuels.available_from", "LNG", "add", 300),
     "Fuels.available_from of LNG would be 2326; it must be between 1900 and 2300"),
])
def test_every_changed_value_is_checked_against_its_column(row: tuple, expected: str) -> None:
    assert messages([row]) == [f'Cases!E2: case "X": {expected}']


def test_negative_caps_and_carbon_prices_are_allowed() -> None:
    assert messages([("X", "Targets.cap_tco2e", None, "add", -50_000),
                     ("X", "Targets.carbon_price_per_tco2e", None, "add", -500)]) == []


def test_every_problem_at_once_in_row_order() -> None:
    found = messages([
        ("Good", "FuelPrices", None, "scale", 0.9),
        ("Bad", "Fleet.nothing", None, "scale", 2),
        ("Bad", "Fuels.max_blend_share", "HVO", "add", 1),
        ("base", "Targets.cap_tco2e", "x", "grow", "lots", 2040, 2030),
    ])
    assert found == [
        'Cases!B3: case "Bad": unknown parameter "Fleet.nothing"; a case can change these '
        "columns of Fleet: build_year, retire_year, main_engine_kw, annual_fuel_t, ets_share, "
        "next_drydock_year, drydock_interval_years, off_hire_cost_per_day, eu_intra_share, "
        "eu_extra_share, imo_share",
        'Cases!E4: case "Bad": Fuels.max_blend_share of HVO would be 1.3; it must be between '
        "0 and 1",
        'Cases!A5: case "base": "base" is reserved for the unchanged scenario; give this case '
        "another name",
        'Cases!C5: case "base": Targets.cap_tco2e takes no item; leave item blank',
        'Cases!D5: case "base": change must be scale, add or set, got "grow"',
        'Cases!E5: case "base": value must be a number or a percentage, got "lots"',
        'Cases!G5: case "base": to_year 2030 is before from_year 2040',
    ]


def test_years_outside_the_horizon_warn_that_nothing_changes() -> None:
    issues = check_cases(with_cases(two_ship_scenario(),
                                    [("X", "FuelPrices", None, "scale", 2, 2040)]))
    assert [(str(i), i.severity) for i in issues] == [
        ('Cases!F2: case "X": the years of this change lie outside the horizon 2026..2035: '
         "it changes nothing", Severity.WARNING)]


def test_cells_follow_the_layout_of_the_file_read() -> None:
    scenario = with_cases(two_ship_scenario(), [
        ("A", "FuelPrices", None, "scale", 1),
        ("B", "Fuels.max_blend_share", "HVO", "scale", 4)])
    # as read from a sheet with value in column H and an empty row between the two
    scenario.layouts["Cases"] = SheetLayout("Cases", {"case": 1, "parameter": 2, "item": 3,
                                                      "change": 4, "value": 8}, [2, 4])
    assert [str(i) for i in check_cases(scenario)] == [
        'Cases!H4: case "B": Fuels.max_blend_share of HVO would be 1.2; it must be between 0 '
        "and 1"]


def test_apply_case_raises_every_error_of_the_case_and_only_of_that_case() -> None:
    scenario = with_cases(two_ship_scenario(), [
        ("Good", "FuelPrices", None, "scale", 0.9),
        ("Bad", "Fuels.max_blend_share", "HVO", "add", 1),
        ("Bad", "Settings.discount_rate", "x", "set", 0.1)])
    with pytest.raises(WorkbookError) as raised:
        apply_case(scenario, "bad")
    assert [str(i) for i in raised.value.issues] == [
        'Cases!C4: case "Bad": Settings.discount_rate takes no item; leave item blank',
        'Cases!E3: case "Bad": Fuels.max_blend_share of HVO would be 1.3; it must be between '
        "0 and 1"]
    assert str(raised.value).startswith('Case "Bad" has 2 errors')
    apply_case(scenario, "Good")  # the other case is fine


def test_apply_case_of_an_unknown_name_lists_the_cases() -> None:
    scenario = with_cases(two_ship_scenario(), [("Good", "FuelPrices", None, "scale", 0.9)])
    with pytest.raises(WorkbookError, match='no case named "Nope"; the cases are: "Good"'):
        apply_case(scenario, "Nope")


def test_changed_values_are_not_checked_on_a_base_that_cannot_be_read() -> None:
    scenario = with_cases(two_ship_scenario(),
                          [("X", "Fuels.max_blend_share", "HVO", "scale", 4),
                           ("X", "Fleet.bogus", None, "scale", 4)])
    scenario.fleet.at[0, "annual_fuel_t"] = "lots"  # validation reports this cell
    assert [str(i) for i in check_cases(scenario)] == [
        'Cases!B3: case "X": unknown parameter "Fleet.bogus"; a case can change these columns '
        "of Fleet: build_year, retire_year, main_engine_kw, annual_fuel_t, ets_share, "
        "next_drydock_year, drydock_interval_years, off_hire_cost_per_day, eu_intra_share, "
        "eu_extra_share, imo_share"]
    with pytest.raises(WorkbookError, match="the scenario has errors of its own"):
        apply_case(scenario, "X")


def test_validate_reports_cases_problems_with_every_other_problem() -> None:
    import planner

    scenario = with_cases(two_ship_scenario(),
                          [("X", "Fuels.max_blend_share", "HVO", "scale", 4)])
    scenario.fleet.at[0, "annual_fuel_t"] = -5.0
    assert [str(issue) for issue in planner.validate(scenario) if issue.is_error] == [
        "Fleet!H2: annual_fuel_t must be greater than 0, got -5",
        'Cases!E2: case "X": Fuels.max_blend_share of HVO would be 1.2; it must be between '
        "0 and 1"]


@pytest.mark.parametrize("name", ["cases-hand", "cases-9302", "cases-9315"])
def test_the_known_answer_cases_sheets_have_no_problem(checks_dir, name: str) -> None:
    from planner.workbook.reader import read_workbook

    scenario = read_workbook(checks_dir / f"{name}.xlsx").scenario
    assert check_cases(scenario) == []
