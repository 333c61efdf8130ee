"""validate(): the contract (load issues first, then sheet/row/column order), cell references
from the file's layout, the Cases call site, the known-answer workbooks, and speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import planner
from planner import schema
from planner.convert import Percent
from planner.errors import Issue, Severity
from planner.resolve import fill
from planner.scenario import Scenario, SheetLayout, column_letter, make_table, new_scenario
from planner.validation import validate

# --- scenarios built in code (shared by every tests/test_validation_*.py) ----------------

FLEET_ROWS = [
    {"vessel_id": "IMO9000001", "name": "Aurora", "type": "Container", "build_year": 2015,
     "retire_year": 2045, "main_engine_kw": 20000, "baseline_fuel": "VLSFO",
     "annual_fuel_t": 12000, "ets_share": 1, "next_drydock_year": 2027,
     "drydock_interval_years": 5, "off_hire_cost_per_day": 20000},
    {"vessel_id": "IMO9000002", "name": "Borealis", "type": "Bulk", "build_year": 2012,
     "baseline_fuel": "VLSFO", "annual_fuel_t": 8000, "fuel_families": "oil"},
    {"vessel_id": "IMO9000003", "name": "Cygnus", "type": "Tanker", "build_year": 2028,
     "baseline_fuel": "LNG", "annual_fuel_t": 9000.5, "ets_share": Percent(0.5)},
]
FUELS_ROWS = [
    {"fuel": "VLSFO", "family": "oil", "lcv_mj_per_kg": 41.0, "wtt_gco2e_per_mj": 13.2,
     "ttw_gco2e_per_mj": 76.4},
    {"fuel": "LNG", "family": "lng", "lcv_mj_per_kg": 48.0, "wtt_gco2e_per_mj": 18.5,
     "ttw_gco2e_per_mj": 79.0},
    {"fuel": "Bio-methanol", "family": "methanol", "lcv_mj_per_kg": 19.9,
     "wtt_gco2e_per_mj": -50.0, "ttw_gco2e_per_mj": 1.0, "max_blend_share": 0.5,
     "available_from": 2030},
]
PRICE_ROWS = [
    {"fuel": "VLSFO", 2026: 620.0, 2040: 700.0},
    {"fuel": "LNG", 2026: 550.0},
    {"fuel": "Bio-methanol", 2030: 1500.0, 2040: 1100.0},
]
SUPPLY_ROWS = [{"fuel": "Bio-methanol", 2030: 20000.0, 2040: 80000.0}]
TECH_ROWS = [
    {"technology": "Methanol conversion", "kind": "conversion", "enables": "methanol",
     "capex_fixed": 2_000_000, "capex_per_kw": 250, "opex_per_year": 40000,
     "energy_saving": -0.02, "off_hire_days": 30, "available_from": 2028,
     "vessel_types": "Container, bulk", "lifetime_years": 25},
    {"technology": "Rotor sails", "kind": "efficiency", "capex_fixed": 900_000,
     "energy_saving": 0.06, "off_hire_days": 10},
]
TARGET_ROWS = [
    {"year": 2030, "cap_tco2e": 90000, "carbon_price_per_tco2e": 100},
    {"year": 2040, "cap_tco2e": 50000, "intensity_cap_gco2e_per_mj": 60,
     "cap_penalty_per_tco2e": 400},
]


def valid_scenario() -> Scenario:
    """A small scenario that breaks no rule and raises no warning."""
    scenario = new_scenario(2026, 2040)
    scenario.set_setting("discount_rate", Percent(0.06))
    scenario.set_setting("yard_capacity_per_year", 2)
    scenario.tables["Fleet"] = make_table(schema.FLEET, [dict(r) for r in FLEET_ROWS])
    scenario.tables["Fuels"] = make_table(schema.FUELS, [dict(r) for r in FUELS_ROWS])
    scenario.tables["FuelPrices"] = make_table(schema.FUEL_PRICES,
                                               [dict(r) for r in PRICE_ROWS])
    scenario.tables["FuelSupply"] = make_table(schema.FUEL_SUPPLY,
                                               [dict(r) for r in SUPPLY_ROWS])
    scenario.tables["Technologies"] = make_table(schema.TECHNOLOGIES,
                                                 [dict(r) for r in TECH_ROWS])
    scenario.tables["Targets"] = make_table(schema.TARGETS, [dict(r) for r in TARGET_ROWS])
    return scenario


def large_scenario(vessels: int = 1000) -> Scenario:
    """A valid scenario with a fleet of ``vessels`` vessels (for timing live validation)."""
    scenario = valid_scenario()
    rows = []
    for number in range(vessels):
        row = dict(FLEET_ROWS[number % len(FLEET_ROWS)])
        row["vessel_id"] = f"IMO{9_100_000 + number}"
        row["name"] = f"Vessel {number}"
        rows.append(row)
    scenario.tables["Fleet"] = make_table(schema.FLEET, rows)
    return scenario


def messages(scenario: Scenario, severity: Severity | None = None) -> list[str]:
    """Every issue as a planner reads it (``Fleet!D7: ...``), optionally of one severity."""
    return [str(i) for i in validate(scenario) if severity is None or i.severity is severity]


def errors(scenario: Scenario) -> list[str]:
    return messages(scenario, Severity.ERROR)


def warnings(scenario: Scenario) -> list[str]:
    return messages(scenario, Severity.WARNING)


def put(scenario: Scenario, sheet: str, row: int, column: object, value: object) -> None:
    """Set one cell of a table by row position and column key."""
    table = scenario.table(sheet)
    table.at[table.index[row], column] = value


# --- the contract -------------------------------------------------------------------------


def test_a_valid_scenario_has_no_issue() -> None:
    assert validate(valid_scenario()) == []


def test_the_public_api_validates_through_this_module() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 1, "build_year", "2015a")
    assert [str(i) for i in planner.validate(scenario)] == [
        'Fleet!D3: build_year must be a whole number, got "2015a"']


def test_load_issues_come_first_then_rules_in_sheet_row_column_order() -> None:
    scenario = valid_scenario()
    loaded = Issue(sheet="Targets", cell="Z9", message="from the reader")
    scenario.load_issues = [loaded]
    put(scenario, "Targets", 0, "cap_penalty_per_tco2e", -1)  # Targets!E2
    put(scenario, "Fleet", 2, "annual_fuel_t", 0)  # Fleet!H4
    put(scenario, "Fleet", 2, "build_year", "x")  # Fleet!D4
    put(scenario, "Fleet", 0, "ets_share", 2)  # Fleet!J2
    put(scenario, "Fuels", 1, "lcv_mj_per_kg", -4)  # Fuels!C3
    scenario.set_setting("mip_gap", 3)  # Settings!B12
    found = validate(scenario)
    assert found[0] is loaded
    assert [i.location for i in found[1:]] == [
        "Settings!B12", "Fleet!J2", "Fleet!D4", "Fleet!H4", "Fuels!C3", "Targets!E2"]


def test_a_rule_issue_at_a_cell_the_reader_already_reported_is_not_repeated() -> None:
    scenario = valid_scenario()
    put(scenario, "Fleet", 0, "baseline_fuel", None)
    scenario.load_issues = [Issue(sheet="Fleet", cell="G2",
                                  message="the formula in this cell has no saved value")]
    assert [str(i) for i in validate(scenario)] == [
        "Fleet!G2: the formula in this cell has no saved value"]


def test_a_column_the_reader_reported_missing_is_not_reported_cell_by_cell() -> None:
    scenario = valid_scenario()
    scenario.fleet["annual_fuel_t"] = None
    missing = scenario.issue_for_column("Fleet", schema.FLEET.column("annual_fuel_t"),
                                        "the column annual_fuel_t is missing")
    scenario.load_issues = [missing]
    assert validate(scenario) == [missing]


def test_a_file_that_could_not_be_read_gives_only_the_readers_issue() -> None:
    scenario = Scenario()  # what the reader returns for a file that is no workbook
    unreadable = Issue(sheet="", cell="", message='"fleet.xlsx" is not an Excel workbook')
    scenario.load_issues = [unreadable]
    assert validate(scenario) == [unreadable]


@pytest.mark.parametrize("missing", ["Settings", "Fuels", "FuelPrices", "Fleet"])
def test_a_missing_sheet_is_reported_once_not_again_by_every_rule_that_reads_it(
        missing: str) -> None:
    scenario = valid_scenario()
    scenario.tables[missing] = make_table(schema.sheet(missing), [])
    absent = Issue(sheet=missing, cell="", message=f"the workbook has no {missing} sheet")
    scenario.load_issues = [absent]
    assert [i for i in validate(scenario) if i.is_error] == [absent]


def test_cells_are_named_where_the_file_had_them() -> None:
    scenario = valid_scenario()
    names = scenario.fleet.columns.tolist()
    columns = {name: index for index, name in enumerate(reversed(names), start=1)}
    scenario.layouts["Fleet"] = SheetLayout("Fleet", columns=columns, rows=[4, 7, 9])
    put(scenario, "Fleet", 1, "build_year", "2015a")
    put(scenario, "Fleet", 2, "vessel_id", "imo9000002 ")
    # The columns stand in reverse order; the second vessel is on row 7.
    build, vessel = (column_letter(columns[name]) for name in ("build_year", "vessel_id"))
    assert errors(scenario) == [
        f'Fleet!{build}7: build_year must be a whole number, got "2015a"',
        f'Fleet!{vessel}9: vessel_id "imo9000002" is given twice (first at {vessel}7)']
    issue = validate(scenario)[0]
    assert (issue.row, issue.column) == (1, "build_year")


def test_warnings_carry_the_warning_severity() -> None:
    scenario = valid_scenario()
    put(scenario, "Technologies", 0, "vessel_types", "Contaner")
    (issue,) = validate(scenario)
    assert issue.severity is Severity.WARNING and not issue.is_error


# --- the Cases call site --------------------------------------------------------------------


def _cases_scenario() -> Scenario:
    scenario = valid_scenario()
    scenario.tables["Cases"] = make_table(schema.CASES, [
        {"case": "Dear fuel", "parameter": "FuelPrices", "item": "VLSFO", "change": "scale",
         "value": Percent(1.5)},
        {"case": "Dear fuel", "parameter": "Fuels.colour", "change": "sideways", "value": 1},
        {"case": "Late", "parameter": "Fuels.max_blend_share", "item": "LNG", "change": "set",
         "value": 1.2},
        {"case": "Later", "parameter": "Targets.carbon_price_per_tco2e", "change": "add",
         "value": 10, "from_year": "soon"},
    ])
    return scenario


def test_cases_semantics_are_not_asked_for_without_case_rows(monkeypatch) -> None:
    import planner.cases.sheet

    called = []
    monkeypatch.setattr(planner.cases.sheet, "check_cases", lambda s: called.append(s) or [])
    assert validate(valid_scenario()) == []
    assert called == []


def test_cases_semantics_come_from_the_whatif_module_one_message_per_cell() -> None:
    found = [i for i in validate(_cases_scenario()) if i.is_error]
    assert [i.location for i in found] == ["Cases!B3", "Cases!D3", "Cases!E4", "Cases!F5"]
    by_cell = {i.location: i.message for i in found}
    # The what-if module's messages name the case and replace the generic ones.
    assert by_cell["Cases!D3"].startswith('case "Dear fuel": ')
    assert by_cell["Cases!F5"].startswith('case "Later": ')
    # A value the case would give its column is judged by the column's own rule.
    assert "max_blend_share" in by_cell["Cases!E4"] and "1.2" in by_cell["Cases!E4"]


def test_every_whatif_message_at_one_cell_is_kept(monkeypatch) -> None:
    import planner.cases.sheet

    scenario = _cases_scenario()
    both = [scenario.issue("Cases", 2, "value", "VLSFO would cost -1"),
            scenario.issue("Cases", 2, "value", "LNG would cost -1")]
    monkeypatch.setattr(planner.cases.sheet, "check_cases", lambda s: both)
    assert [i for i in validate(scenario) if i.location == "Cases!E4"] == both


def test_the_generic_cases_rules_stand_where_the_whatif_module_is_silent(monkeypatch) -> None:
    import planner.cases.sheet

    monkeypatch.setattr(planner.cases.sheet, "check_cases", lambda s: [])
    assert errors(_cases_scenario()) == [
        'Cases!D3: change must be one of scale, add, set, got "sideways"',
        'Cases!F5: from_year must be a whole number, got "soon"']


# --- the known-answer workbooks ---------------------------------------------------------------


def _reader():
    import planner.workbook.reader

    return planner.workbook.reader


def test_every_known_answer_workbook_validates_without_errors(checks_dir: Path) -> None:
    reader = _reader()
    for path in sorted(checks_dir.glob("*.xlsx")):
        if "-bad-" in path.name:
            continue  # meant to be invalid: tests/test_regimes_inputs.py
        scenario = reader.read_workbook(str(path)).scenario
        found = [str(i) for i in validate(scenario) if i.is_error]
        assert found == [], path.name


def test_errors_in_a_workbook_name_the_cells_where_the_file_has_them(checks_dir: Path,
                                                                      tmp_path: Path) -> None:
    import openpyxl

    reader = _reader()
    book = openpyxl.load_workbook(checks_dir / "fleet-8v-12y-9101.xlsx")
    # The file's Fleet columns are shuffled: build_year is C and vessel_id is I.
    assert book["Fleet"]["C1"].value.strip().lower() == "build_year"
    assert book["Fleet"]["I1"].value == "vessel_id"
    assert book["Settings"]["C4"].value == "discount_rate"
    book["Fleet"]["C3"] = "2015a"
    book["Fleet"]["I9"] = book["Fleet"]["I2"].value
    book["Settings"]["B4"] = 8
    path = tmp_path / "broken.xlsx"
    book.save(path)
    scenario = reader.read_workbook(str(path)).scenario
    assert [str(i) for i in validate(scenario) if i.is_error] == [
        "Settings!B4: discount_rate must be between 0 and 1, got 8; did you mean 8%?",
        'Fleet!C3: build_year must be a whole number, got "2015a"',
        'Fleet!I9: vessel_id "IMO9300058" is given twice (first at I2)']


# --- speed ----------------------------------------------------------------------------------------


def test_validating_a_thousand_vessels_is_fast_enough_for_live_editing() -> None:
    scenario = large_scenario(1000)
    assert validate(scenario) == []
    put(scenario, "Fleet", 500, "build_year", "20x5")
    best = min(_seconds(validate, scenario) for _ in range(3))
    assert best < 0.25, f"validate() took {best:.3f} s on 1,000 vessels"


def _seconds(function, *args) -> float:
    began = time.perf_counter()
    function(*args)
    return time.perf_counter() - began


# --- robustness: the GUI validates after every edit, whatever was typed ------------------------

_ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-2, 2).map(Percent), st.text(max_size=12),
    st.sampled_from(["8%", "1,200.5", " 2030 ", "oil, lng", "VLSFO", "efficiency", "=1+1"]),
    st.datetimes(),
)
_CELLS = [(sheet.name, column) for sheet in schema.INPUT_SHEETS for column in sheet.column_names
          if sheet is not schema.CASES] + [("FuelPrices", 2030), ("FuelSupply", 2040)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from(_CELLS), st.integers(0, 2), _ANY_VALUE),
                      max_size=6))
def test_any_typed_value_gives_issues_at_cells_and_no_error_means_the_model_reads_it(
        edits) -> None:
    scenario = valid_scenario()
    for (sheet, column), row, value in edits:
        table = scenario.table(sheet)
        if row < len(table):
            put(scenario, sheet, row, column, value)
    found = validate(scenario)
    for issue in found:
        assert issue.sheet in {sheet.name for sheet in schema.INPUT_SHEETS}
        assert issue.cell and issue.message
    if not any(issue.is_error for issue in found):
        fill(scenario)  # no error: the model's reader takes every value as it stands
