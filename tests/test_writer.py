"""The workbook writer: sheets, values, formats, notes, dropdowns and atomic saving, read back
with openpyxl and from the raw XML."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import planner
from planner import schema
from planner.convert import Percent
from planner.errors import SaveError
from planner.plan import Diagnosis, Plan, Status, YearShortfall
from planner.scenario import ExtraSheet, Scenario, empty_table, make_table, new_scenario
from planner.workbook import atomic, writer
from planner.workbook.writer import save_scenario
from planner.workbook.writer_inputs import unused_regime_columns

# A plan without regimes is written without Plan Compliance and the regime lines.
PLAIN_PLAN_SHEETS = [s for s in schema.PLAN_SHEETS if s is not schema.PLAN_COMPLIANCE]

FORMULA_LOOKING = ["=SUM(A1:A3)", "+44 20 7946 0000", "-check", "@mention"]


# Plan Annual of a plan without regimes: the columns it had before the regimes
PLAIN_ANNUAL_COLUMNS = [name for name in schema.PLAN_ANNUAL.column_names
                        if name not in schema.REGIME_ANNUAL_COLUMNS]

def small_scenario() -> Scenario:
    """Two vessels, two fuels, one technology, targets, a case; odd values on purpose."""
    scenario = new_scenario(2026, 2035)
    scenario.set_setting("currency", "EUR")
    scenario.set_setting("discount_rate", Percent(0.0725))
    scenario.set_setting("emission_scope", "ttw")
    settings = scenario.settings_table
    scenario.tables["Settings"] = pd.concat([settings, pd.DataFrame(
        [{"setting": "analyst", "value": "=Jane", "unit": "person", "description": "-me"}],
        dtype=object)], ignore_index=True)
    scenario.tables["Fleet"] = make_table(schema.FLEET, [
        {"vessel_id": "IMO9300035", "name": "=SUM(A1:A3)", "type": "Container",
         "build_year": 2015, "baseline_fuel": "VLSFO", "annual_fuel_t": 15546.1,
         "ets_share": Percent(0.5), "main_engine_kw": 12000.0, "Notes ": "+44 20 7946 0000"},
        {"vessel_id": "IMO9300164", "name": "Ünïcødé ✓ 船", "type": "Bulk", "build_year": 2010,
         "retire_year": 2034, "baseline_fuel": "LNG", "annual_fuel_t": 9000.0,
         "ets_share": 0.7, "off_hire_cost_per_day": 8000.5, "Notes ": None},
        {"vessel_id": "IMO9300999", "build_year": "2015a", "baseline_fuel": "VLSFO",
         "annual_fuel_t": None, "Notes ": "@mention"},
    ])
    scenario.tables["Fuels"] = make_table(schema.FUELS, [
        {"fuel": "VLSFO", "family": "oil", "lcv_mj_per_kg": 41.0, "wtt_gco2e_per_mj": 13.2,
         "ttw_gco2e_per_mj": 76.4},
        {"fuel": "LNG", "family": "lng", "lcv_mj_per_kg": 49.1, "wtt_gco2e_per_mj": 18.5,
         "ttw_gco2e_per_mj": 70.0, "max_blend_share": Percent(0.3333)},
        {"fuel": "Bio-LNG", "family": "LNG", "lcv_mj_per_kg": 49.1, "wtt_gco2e_per_mj": -30.0,
         "ttw_gco2e_per_mj": 2.0, "available_from": 2030},
    ])
    scenario.tables["FuelPrices"] = make_table(schema.FUEL_PRICES, [
        {"fuel": "VLSFO", 2026: 600.0, 2030: 650.25, "source": "-check"},
        {"fuel": "LNG", 2026: 700},
        {"fuel": "Bio-LNG", 2035: 1500},
    ])
    scenario.tables["FuelSupply"] = make_table(schema.FUEL_SUPPLY, [{"fuel": "Bio-LNG", 2030: 50000}])
    scenario.tables["Technologies"] = make_table(schema.TECHNOLOGIES, [
        {"technology": "LNG conversion", "kind": "conversion", "enables": "lng",
         "capex_fixed": 2386000.0, "capex_per_kw": 300, "energy_saving": Percent(-0.01)},
        {"technology": "Air lubrication", "kind": "efficiency", "energy_saving": 0.04},
    ])
    scenario.tables["Targets"] = make_table(schema.TARGETS, [
        {"year": 2026, "cap_tco2e": 100000.0, "carbon_price_per_tco2e": 80},
        {"year": 2035, "cap_tco2e": 60000.0, "cap_penalty_per_tco2e": 300.0},
    ])
    scenario.tables["Cases"] = make_table(schema.CASES, [
        {"case": "High carbon", "parameter": "Targets.carbon_price_per_tco2e",
         "change": "scale", "value": Percent(1.5)},
    ])
    scenario.extra_sheets = [ExtraSheet("Notes", [["note", None, "=1+1"], [],
                                                  [None, 3.5, "-neg", Percent(0.125)]])]
    scenario.present_sheets = {s.name for s in schema.INPUT_SHEETS}
    return scenario


def small_plan(scenario: Scenario) -> Plan:
    years = [2026, 2027]
    annual = pd.DataFrame({
        "year": years, "energy_gj": [1.2e6, 1.1e6], "emissions_tco2e": [90000.5, 80000.25],
        "intensity_gco2e_per_mj": [75.0, 72.7], "cap_tco2e": [100000.0, None],
        "intensity_cap_gco2e_per_mj": [None, None], "capex": [0.0, 2.5e6],
        "offhire": [0.0, 1.2e5], "opex": [0.0, 5e4], "fuel": [7e6, 6.5e6],
        "carbon": [1e6, 9e5], "penalty": [0.0, 0.0], "salvage": [0.0, 1e6],
        "total": [8e6, 9.07e6], "discounted_total": [8e6, 8.4e6],
        "bau_emissions_tco2e": [90000.5, 91000.0],
    })
    retrofits = pd.DataFrame({"vessel_id": ["IMO9300035"], "technology": ["LNG conversion"],
                              "year": [2027], "capex": [2.5e6], "off_hire_days": [30.0]})
    fuel_use = pd.DataFrame({"vessel_id": ["IMO9300035", "=IMO"], "year": [2026, 2026],
                             "fuel": ["VLSFO", "LNG"], "energy_gj": [6e5, 6e5],
                             "tonnes": [14634.1, 12219.9], "cost": [8.8e6, 8.5e6]})
    diagnosis = Diagnosis(shortfall_total=1500.0, years=[YearShortfall(
        2027, 70000.0, None, 71500.0, 1500.0, ["yard_capacity", "fuel_supply"])])
    return Plan(status=Status.INFEASIBLE, objective=16.4e6, bau_objective=15e6, gap=0.004,
                solver="highs", solve_seconds=3.25, solved_at="2026-11-24T10:00:00Z",
                input_fingerprint=scenario.fingerprint(), annual=annual, retrofits=retrofits,
                fuel_use=fuel_use, diagnosis=diagnosis, message="=caps missed",
                currency="EUR")


def cases_tables() -> dict[str, pd.DataFrame]:
    results = pd.DataFrame([{"case": "Base", "status": "optimal", "objective": 1.5e7,
                             "retrofits": 2, "note": "-", "input_fingerprint": "0123456789"}])
    annual = pd.DataFrame([{"case": "Base", "year": 2026, "emissions_tco2e": 9e4,
                            "total": 8e6}])
    retrofits = pd.DataFrame([{"case": "@Base", "vessel_id": "IMO1", "technology": "LNG",
                               "year": 2030}])
    return {"Cases Retrofits": retrofits, "Cases Results": results, "cases annual": annual}


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Scenario, Path]:
    scenario = small_scenario()
    path = tmp_path / "fleet.xlsx"
    save_scenario(scenario, path)
    return scenario, path


def load(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def header(worksheet: object) -> list[object]:
    return [cell.value for cell in worksheet[1]]


def table_values(worksheet: object) -> list[list[object]]:
    return [[cell.value for cell in row] for row in worksheet.iter_rows(min_row=2)]


# --- sheets and values ------------------------------------------------------------------

def test_sheets_in_schema_order_then_extras_then_about(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    assert load(path).sheetnames == [s.name for s in schema.INPUT_SHEETS] + [
        "Notes", schema.ABOUT_SHEET_NAME]


def test_optional_sheets_only_when_present_or_filled(tmp_path: Path) -> None:
    scenario = small_scenario()
    scenario.present_sheets = {s.name for s in schema.INPUT_SHEETS if s.required}
    scenario.tables["Cases"] = scenario.tables["Cases"].iloc[0:0]
    save_scenario(scenario, tmp_path / "a.xlsx")
    names = load(tmp_path / "a.xlsx").sheetnames
    assert "FuelSupply" in names  # it has a row
    assert "Cases" not in names  # neither present nor filled
    scenario.tables["FuelSupply"] = empty_table(schema.FUEL_SUPPLY)
    scenario.present_sheets.add("Cases")
    save_scenario(scenario, tmp_path / "b.xlsx")
    names = load(tmp_path / "b.xlsx").sheetnames
    assert "FuelSupply" not in names and "Cases" in names
    # a year column typed into an empty FuelSupply is kept too
    scenario.tables["FuelSupply"] = make_table(schema.FUEL_SUPPLY, [], extra_columns=[2030])
    save_scenario(scenario, tmp_path / "c.xlsx")
    assert header(load(tmp_path / "c.xlsx")["FuelSupply"]) == ["fuel", 2030]


def written_columns(scenario: Scenario, sheet: schema.Sheet) -> list[object]:
    """The table's columns less the regime columns a scenario without regimes leaves out."""
    table = scenario.tables[sheet.name]
    unused = unused_regime_columns(scenario, sheet, table)
    return [column for column in table.columns if column not in unused]


def test_headers_are_the_table_columns_with_int_years(saved: tuple[Scenario, Path]) -> None:
    scenario, path = saved
    book = load(path)
    for sheet in schema.INPUT_SHEETS:
        if sheet is schema.SETTINGS_SHEET:
            continue
        assert header(book[sheet.name]) == written_columns(scenario, sheet)
    prices = header(book["FuelPrices"])
    assert prices == ["fuel", 2026, 2030, 2035, "source"]
    assert all(type(h) is int for h in prices[1:4])
    assert header(book["Fleet"])[-1] == "Notes "


def test_values_as_stored(saved: tuple[Scenario, Path]) -> None:
    scenario, path = saved
    book = load(path)
    fleet = table_values(book["Fleet"])
    columns = written_columns(scenario, schema.FLEET)
    for position, row in enumerate(fleet):
        for column, value in zip(columns, row, strict=True):
            stored = scenario.fleet[column].iloc[position]
            expected = None if stored is None else stored
            assert value == expected, (column, position)
    # whole numbers are ints, fractions floats, blanks empty, bad text kept as text
    assert type(fleet[0][columns.index("main_engine_kw")]) is int
    assert fleet[0][columns.index("annual_fuel_t")] == 15546.1
    assert fleet[2][columns.index("build_year")] == "2015a"
    assert fleet[2][columns.index("annual_fuel_t")] is None
    prices = table_values(book["FuelPrices"])
    assert prices[0][:3] == ["VLSFO", 600, 650.25] and type(prices[0][1]) is int


def test_percent_values_get_an_exact_percent_format(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    book = load(path)
    cells = {
        "ets_share": book["Fleet"]["J2"], "plain": book["Fleet"]["J3"],
        "blend": book["Fuels"]["F3"], "saving": book["Technologies"]["G2"],
        "case": book["Cases"]["E2"], "extra": book["Notes"]["D3"],
    }
    assert cells["ets_share"].value == 0.5 and cells["ets_share"].number_format == "0.0%"
    assert cells["blend"].value == 0.3333 and cells["blend"].number_format == "0.00%"
    assert cells["saving"].value == -0.01 and "%" in cells["saving"].number_format
    assert cells["case"].value == 1.5 and "%" in cells["case"].number_format
    assert cells["extra"].value == 0.125 and cells["extra"].number_format == "0.0%"
    # a fraction typed as a plain number is not shown as a percentage (it would read back
    # as one)
    assert cells["plain"].value == 0.7 and "%" not in cells["plain"].number_format
    rate = next(row for row in book["Settings"].iter_rows(min_row=2)
                if row[0].value == "discount_rate")[1]
    assert rate.value == 0.0725 and rate.number_format == "0.00%"


def test_percent_format_shows_every_digit() -> None:
    from planner.workbook.styles import percent_format

    assert percent_format(0.08) == "0.0%"
    assert percent_format(0.0825) == "0.00%"
    assert percent_format(0.123456) == "0.0000%"
    assert percent_format(1e-9) == "0.0000000%"


def test_settings_units_and_descriptions_from_schema(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    rows = {row[0]: row for row in table_values(load(path)["Settings"])}
    assert header(load(path)["Settings"]) == ["setting", "value", "unit", "description"]
    budget = schema.setting("capex_budget_per_year")
    assert rows["capex_budget_per_year"][2] == "EUR per year"
    assert rows["capex_budget_per_year"][3] == budget.description
    assert rows["start_year"][1:3] == [2026, "year"]
    assert rows["currency"][1] == "EUR" and rows["currency"][2] is None
    assert rows["emission_scope"][1] == "ttw"
    # an unknown setting is written back as read, unit and description included
    assert rows["analyst"] == ["analyst", "=Jane", "person", "-me"]


def test_settings_unknown_columns_written_back(tmp_path: Path) -> None:
    scenario = small_scenario()
    scenario.tables["Settings"]["Owner"] = ["=x"] + [None] * (len(scenario.settings_table) - 1)
    save_scenario(scenario, tmp_path / "s.xlsx")
    sheet = load(tmp_path / "s.xlsx")["Settings"]
    assert header(sheet) == ["setting", "value", "unit", "description", "Owner"]
    assert sheet["E2"].value == "=x" and sheet["E2"].data_type == "s"


def test_cells_stand_where_scenario_cell_says(saved: tuple[Scenario, Path]) -> None:
    scenario, path = saved
    book = load(path)
    for sheet_name, position, column in [("Fleet", 2, "build_year"), ("Fuels", 1, "family"),
                                         ("FuelPrices", 0, 2030), ("Targets", 1, "cap_tco2e"),
                                         ("Settings", 2, "value")]:
        table = scenario.tables[sheet_name]
        expected = table[column].iloc[position]
        assert book[sheet_name][scenario.cell(sheet_name, position, column)].value == expected


def test_extra_sheets_written_by_value(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    notes = load(path)["Notes"]
    assert [[c.value for c in row] for row in notes.iter_rows()] == [
        ["note", None, "=1+1", None], [None, None, None, None], [None, 3.5, "-neg", 0.125]]


def test_a_planners_own_about_sheet_is_kept_and_ours_steps_aside(tmp_path: Path) -> None:
    scenario = small_scenario()
    scenario.extra_sheets.append(ExtraSheet("ABOUT", [["the planner's own text"]]))
    save_scenario(scenario, tmp_path / "a.xlsx")
    book = load(tmp_path / "a.xlsx")
    assert book["ABOUT"]["A1"].value == "the planner's own text"
    assert book[schema.ABOUT_SHEET_ALTERNATIVE]["A1"].value == schema.ABOUT_TITLE
    from planner.workbook.reader import read_workbook

    again = read_workbook(tmp_path / "a.xlsx").scenario
    titles = [extra.title for extra in again.extra_sheets]
    assert "ABOUT" in titles and schema.ABOUT_SHEET_ALTERNATIVE not in titles


def test_numbers_keep_every_digit(tmp_path: Path) -> None:
    """openpyxl alone writes 16 significant digits; a value must come back bit for bit (the
    plan's input fingerprint depends on it)."""
    numbers = [0.1 + 0.2, 1234.5678901234567, -0.0, 12345678901234567, 1 / 3, 2.5e-300]
    scenario = small_scenario()
    scenario.tables["Targets"] = make_table(schema.TARGETS, [
        {"year": 2026 + i, "cap_tco2e": number, "extra": number}
        for i, number in enumerate(numbers)])
    save_scenario(scenario, tmp_path / "n.xlsx")
    rows = table_values(load(tmp_path / "n.xlsx")["Targets"])
    for number, row in zip(numbers, rows, strict=True):
        for value in (row[1], row[-1]):
            assert repr(value) == repr(number)


def test_values_of_other_kinds() -> None:
    from planner.workbook.styles import cell_value

    assert cell_value(float("nan")) == (None, None)
    assert cell_value(pd.NA) == (None, None)
    assert cell_value("   ") == (None, None)
    assert cell_value(float("inf")) == ("inf", None)
    assert cell_value(2.0) == (2, None) and type(cell_value(2.0)[0]) is int
    assert cell_value(1e20) == (1e20, None)
    assert cell_value(True) == (True, None)
    import numpy as np

    assert cell_value(np.int64(7)) == (7, None) and type(cell_value(np.int64(7))[0]) is int
    stamp = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert cell_value(stamp)[0] == dt.datetime(2026, 1, 2, 1, 4, 5)
    assert cell_value(dt.date(2026, 1, 2))[1] == "yyyy-mm-dd"


# --- text that looks like a formula -----------------------------------------------------

def test_formula_looking_text_is_text_in_the_xml(tmp_path: Path) -> None:
    scenario = small_scenario()
    plan = small_plan(scenario)
    path = tmp_path / "t.xlsx"
    save_scenario(scenario, path, plan=plan, cases=cases_tables())
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(n).decode("utf-8") for n in parts)
    assert not re.search(r"<(\w+:)?f[\s>/]", xml), "a cell was written as a formula"
    for text in FORMULA_LOOKING + ["=Jane", "=1+1", "=IMO", "=caps missed", "@Base"]:
        assert f"<t>{text}</t>" in xml, text
    book = load(path)
    found = {cell.value: cell.data_type for sheet in book.worksheets
             for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    for text in FORMULA_LOOKING:
        assert found[text] == "s"


def test_formula_looking_headers_and_sheet_rows_are_text(tmp_path: Path) -> None:
    scenario = small_scenario()
    scenario.tables["Fuels"]["=odd header"] = ["-1", "@x", "+y"]
    scenario.extra_sheets = [ExtraSheet("Memo", [["=A1", "+1", "-1", "@1"]])]
    save_scenario(scenario, tmp_path / "h.xlsx")
    book = load(tmp_path / "h.xlsx")
    assert book["Fuels"]["H1"].value == "=odd header"
    assert book["Fuels"]["H1"].data_type == "s"
    assert [c.value for c in book["Memo"][1]] == ["=A1", "+1", "-1", "@1"]
    assert all(c.data_type == "s" for c in book["Memo"][1])


# --- plan and what-if results -----------------------------------------------------------

def test_plan_sheets_after_the_inputs(tmp_path: Path) -> None:
    scenario = small_scenario()
    save_scenario(scenario, tmp_path / "p.xlsx", plan=small_plan(scenario),
                  cases=cases_tables())
    names = load(tmp_path / "p.xlsx").sheetnames
    inputs = [s.name for s in schema.INPUT_SHEETS]
    assert names == inputs + ["Notes"] + [s.name for s in PLAIN_PLAN_SHEETS] + [
        s.name for s in schema.CASES_OUTPUT_SHEETS] + [schema.ABOUT_SHEET_NAME]


def test_plan_summary_metrics_values_and_units(tmp_path: Path) -> None:
    scenario = small_scenario()
    plan = small_plan(scenario)
    save_scenario(scenario, tmp_path / "p.xlsx", plan=plan)
    sheet = load(tmp_path / "p.xlsx")["Plan Summary"]
    assert header(sheet) == ["metric", "value", "unit", "description"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert list(rows) == [name for name, _, _ in schema.PLAN_SUMMARY_METRICS
                          if name not in schema.REGIME_SUMMARY_METRICS]
    assert rows["status"][1].value == "infeasible"
    assert rows["objective"][1].value == 16400000 and rows["objective"][2].value == "EUR"
    assert rows["objective"][1].number_format == "#,##0"
    assert rows["abatement_cost"][1].value == pytest.approx(plan.abatement_cost)
    assert rows["abatement_cost"][2].value == "EUR/tCO2e"
    assert rows["gap"][1].value == 0.004
    assert rows["input_fingerprint"][1].value == scenario.fingerprint()
    assert rows["input_fingerprint"][1].data_type == "s"
    assert rows["shortfall_total"][1].value == 1500
    assert rows["message"][1].value == "=caps missed"


def test_plan_tables_and_diagnosis(tmp_path: Path) -> None:
    scenario = small_scenario()
    plan = small_plan(scenario)
    save_scenario(scenario, tmp_path / "p.xlsx", plan=plan)
    book = load(tmp_path / "p.xlsx")
    annual = book["Plan Annual"]
    assert header(annual) == PLAIN_ANNUAL_COLUMNS
    values = table_values(annual)
    assert values[0][:3] == [2026, 1200000, 90000.5]
    assert values[1][schema.PLAN_ANNUAL.column_names.index("cap_tco2e")] is None
    assert annual["G3"].number_format == "#,##0"  # capex in money
    assert table_values(book["Plan Retrofits"]) == [
        ["IMO9300035", "LNG conversion", 2027, 2500000, 30]]
    assert table_values(book["Plan Fuel Use"])[1][0] == "=IMO"
    diagnosis = table_values(book["Plan Diagnosis"])
    assert diagnosis[0][:6] == [2027, 70000, None, 71500, 1500, "yard_capacity, fuel_supply"]
    assert diagnosis[0][6] == plan.diagnosis.sentences("EUR")[0]


def test_plan_without_diagnosis_has_an_empty_diagnosis_sheet(tmp_path: Path) -> None:
    scenario = small_scenario()
    plan = small_plan(scenario)
    plan.diagnosis = None
    plan.status = Status.OPTIMAL
    save_scenario(scenario, tmp_path / "p.xlsx", plan=plan)
    book = load(tmp_path / "p.xlsx")
    assert header(book["Plan Diagnosis"]) == schema.PLAN_DIAGNOSIS.column_names
    assert table_values(book["Plan Diagnosis"]) == []
    summary = {row[0]: row[1] for row in table_values(book["Plan Summary"])}
    assert summary["shortfall_total"] is None and summary["status"] == "optimal"


def test_cases_results_in_schema_order_with_all_columns(tmp_path: Path) -> None:
    scenario = small_scenario()
    save_scenario(scenario, tmp_path / "c.xlsx", cases=cases_tables())
    book = load(tmp_path / "c.xlsx")
    assert [n for n in book.sheetnames if n.startswith("Cases ")] == [
        "Cases Results", "Cases Annual", "Cases Retrofits"]
    results = book["Cases Results"]
    # without a regime in any run, objective_literal is not written (regimes.md)
    assert header(results) == [name for name in schema.CASES_RESULTS.column_names
                               if name not in schema.REGIME_RESULTS_COLUMNS]
    row = dict(zip(header(results), table_values(results)[0], strict=True))
    assert row["objective"] == 15000000 and row["regret"] is None
    assert row["input_fingerprint"] == "0123456789"
    assert results["J2"].data_type != "s"  # numbers stay numbers
    assert results.cell(2, header(results).index("input_fingerprint") + 1).data_type == "s"


def test_unknown_cases_sheet_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="not a what-if result sheet"):
        save_scenario(small_scenario(), tmp_path / "c.xlsx", cases={"Results": pd.DataFrame()})
    assert not (tmp_path / "c.xlsx").exists()


# --- what a planner sees in Excel -------------------------------------------------------

def test_header_notes_explain_each_column(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    book = load(path)
    fleet = book["Fleet"]
    for cell in fleet[1]:
        column = schema.FLEET.find(cell.value)
        assert cell.comment is not None, cell.value
        if column is not None:
            assert cell.comment.text == column.tooltip("EUR")
    assert "EUR per day" in fleet["M1"].comment.text  # off_hire_cost_per_day
    assert "does not use" in fleet["N1"].comment.text  # the unknown column
    prices = book["FuelPrices"]
    assert "EUR/t" in prices["B1"].comment.text
    assert "interpolated" in prices["B1"].comment.text
    settings = book["Settings"]
    rate_row = next(r for r in settings.iter_rows(min_row=2) if r[0].value == "discount_rate")
    assert rate_row[0].comment.text == schema.setting("discount_rate").tooltip("EUR")


def test_output_headers_have_notes(tmp_path: Path) -> None:
    scenario = small_scenario()
    save_scenario(scenario, tmp_path / "p.xlsx", plan=small_plan(scenario),
                  cases=cases_tables())
    book = load(tmp_path / "p.xlsx")
    for sheet in PLAIN_PLAN_SHEETS + list(schema.CASES_OUTPUT_SHEETS):  # the sheets written here
        for cell in book[sheet.name][1]:
            assert cell.comment is not None, (sheet.name, cell.value)
            assert cell.font.bold
            assert "Default:" not in cell.comment.text  # results have no defaults
    assert book["Plan Annual"]["G1"].comment.text == "Retrofit investment\nUnit: EUR"
    assert book["Plan Summary"]["C1"].comment.text == "Unit of the figure"


def test_headers_bold_filled_frozen_filtered(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    book = load(path)
    for sheet in schema.INPUT_SHEETS:
        worksheet = book[sheet.name]
        for cell in worksheet[1]:
            assert cell.font.bold and cell.fill.fill_type == "solid"
        assert worksheet.auto_filter.ref.startswith("A1:")
    assert book["Fleet"].freeze_panes == "B2"
    assert book["Fuels"].freeze_panes == "B2"
    assert book["FuelPrices"].freeze_panes == "B2"
    assert book["Targets"].freeze_panes == "A2"
    assert book["Fleet"].auto_filter.ref == "A1:N4"
    # unknown columns are told apart by their header colour
    assert book["Fleet"]["N1"].fill.fgColor.rgb != book["Fleet"]["A1"].fill.fgColor.rgb


def test_column_widths_fit_headers_and_values(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    fleet = load(path)["Fleet"]
    widths = {cell.value: fleet.column_dimensions[cell.column_letter].width
              for cell in fleet[1]}
    assert widths["drydock_interval_years"] >= len("drydock_interval_years")
    assert widths["name"] >= len("=SUM(A1:A3)")
    assert widths["type"] < widths["drydock_interval_years"]
    assert all(8 <= width <= 60 for width in widths.values())


def test_number_formats(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    book = load(path)
    fleet = book["Fleet"]
    assert fleet["D2"].number_format == "0"  # build_year: plain year
    assert fleet["H2"].number_format == "#,##0"  # annual_fuel_t: tonnes
    assert fleet["M3"].number_format == "#,##0.00"  # off_hire_cost_per_day: money
    assert book["Fuels"]["C2"].number_format == "0.00"  # lcv: a factor
    assert book["FuelPrices"]["B2"].number_format == "#,##0.00"  # price per tonne
    assert book["FuelPrices"]["B1"].number_format == "0"  # a year header
    assert book["FuelSupply"]["B2"].number_format == "#,##0"  # tonnes per year
    assert book["Technologies"]["D2"].number_format == "#,##0.00"  # capex
    assert book["Targets"]["A2"].number_format == "0"
    assert book["Targets"]["B2"].number_format == "#,##0"  # tCO2e


def validations(worksheet: object) -> dict[str, object]:
    return {str(v.sqref).split(":")[0]: v for v in worksheet.data_validations.dataValidation}


def test_dropdowns_for_choice_and_reference_columns(saved: tuple[Scenario, Path]) -> None:
    _, path = saved
    book = load(path)
    fleet = validations(book["Fleet"])
    assert fleet["G2"].formula1 == "Fuels!$A$2:$A$1004"  # baseline_fuel: the Fuels names
    assert fleet["G2"].showErrorMessage
    assert fleet["I2"].formula1 == '"oil,lng"'  # fuel_families: a suggestion
    assert not fleet["I2"].showErrorMessage
    assert validations(book["Fuels"])["B2"].formula1 == '"oil,lng"'
    technologies = validations(book["Technologies"])
    assert technologies["B2"].formula1 == '"conversion,efficiency"'
    assert technologies["C2"].formula1 == '"oil,lng"'
    assert validations(book["Cases"])["D2"].formula1 == '"scale,add,set"'
    settings = book["Settings"]
    rows = {row[0].value: row[1].coordinate for row in settings.iter_rows(min_row=2)}
    by_cell = {str(v.sqref): v.formula1 for v in settings.data_validations.dataValidation}
    assert by_cell == {rows["emission_scope"]: '"wtw,ttw"', rows["solver"]: '"auto,highs,cbc"'}


def test_family_dropdown_left_out_when_too_long_for_excel(tmp_path: Path) -> None:
    scenario = small_scenario()
    scenario.tables["Fuels"] = make_table(schema.FUELS, [
        {"fuel": f"F{i}", "family": f"family-with-a-long-name-{i}"} for i in range(20)])
    save_scenario(scenario, tmp_path / "f.xlsx")
    formulas = [v.formula1 for v in load(tmp_path / "f.xlsx")["Fuels"].data_validations
                .dataValidation]
    assert formulas == []


def test_about_sheet_explains_sheets_columns_rules_and_version(tmp_path: Path) -> None:
    scenario = small_scenario()
    before = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    save_scenario(scenario, tmp_path / "a.xlsx", plan=small_plan(scenario))
    about = load(tmp_path / "a.xlsx")[schema.ABOUT_SHEET_NAME]
    text = [[c.value for c in row] for row in about.iter_rows()]
    flat = "\n".join(str(v) for row in text for v in row if v is not None)
    assert planner.__version__ in flat
    written = re.search(r"Written (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", flat)
    assert written is not None
    stamp = dt.datetime.strptime(written.group(1), "%Y-%m-%d %H:%M").replace(
        tzinfo=dt.UTC)
    assert before <= stamp <= dt.datetime.now(dt.UTC)
    for phrase in ("blank cell means the column's default", "8%", "interpolated",
                   "stored as text"):
        assert phrase in flat
    names = [row[0] for row in text]
    for sheet in list(schema.INPUT_SHEETS) + list(PLAIN_PLAN_SHEETS):
        assert sheet.name in names
    assert "Notes" in names
    fleet_rows = {row[0]: row for row in text[names.index("Fleet"):]}
    assert fleet_rows["off_hire_cost_per_day"][2] == "EUR per day"
    assert fleet_rows["retire_year"][3] == "build_year + 25"
    assert fleet_rows["ets_share"][4] == ">= 0 and <= 1"
    assert "discount_rate" in names and "input_fingerprint" in names


# --- saving safely ----------------------------------------------------------------------

OLD_BYTES = b"PK\x03\x04 the old workbook"


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_save_replaces_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)
    os.chmod(path, 0o640)
    save_scenario(small_scenario(), path)
    assert path.read_bytes() != OLD_BYTES
    assert zipfile.is_zipfile(path)
    assert folder_listing(tmp_path) == ["fleet.xlsx"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the old file's permissions kept


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.xlsx"
    save_scenario(small_scenario(), path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_public_api_saves(tmp_path: Path) -> None:
    planner.save_scenario(small_scenario(), str(tmp_path / "api.xlsx"))
    assert load(tmp_path / "api.xlsx")["Fleet"]["A2"].value == "IMO9300035"


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)

    def half_written(self: object, stream: object) -> None:
        stream.write(b"PK\x03\x04 half")  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, "save_workbook", half_written)
    with pytest.raises(SaveError, match=r"^Cannot save fleet.xlsx: the disk is full"):
        save_scenario(small_scenario(), path)
    assert path.read_bytes() == OLD_BYTES
    assert folder_listing(tmp_path) == ["fleet.xlsx"]


def test_unexpected_error_while_writing_removes_the_temp(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)

    def broken(self: object, stream: object) -> None:
        stream.write(b"partial")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "save_workbook", broken)
    with pytest.raises(KeyboardInterrupt):
        save_scenario(small_scenario(), path)
    assert path.read_bytes() == OLD_BYTES
    assert folder_listing(tmp_path) == ["fleet.xlsx"]


def test_bug_while_writing_is_a_save_error(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)

    def broken(self: object, stream: object) -> None:
        stream.write(b"partial")  # type: ignore[attr-defined]
        raise RuntimeError("unexpected")

    monkeypatch.setattr(writer, "save_workbook", broken)
    with pytest.raises(SaveError, match=r"^Cannot save fleet.xlsx: writing the file failed "
                                        r"\(RuntimeError: unexpected\)"):
        save_scenario(small_scenario(), path)
    assert path.read_bytes() == OLD_BYTES
    assert folder_listing(tmp_path) == ["fleet.xlsx"]


def test_locked_file_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)

    def locked(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file", str(target))

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(SaveError) as caught:
        save_scenario(small_scenario(), path)
    assert str(caught.value) == ("Cannot save fleet.xlsx: the file is open in another program "
                                 "or read-only. Close it there, or save under another name.")
    assert path.read_bytes() == OLD_BYTES
    assert folder_listing(tmp_path) == ["fleet.xlsx"]


def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)
    os.chmod(path, 0o444)
    try:
        with pytest.raises(SaveError) as caught:
            save_scenario(small_scenario(), path)
    finally:
        os.chmod(path, 0o644)
    assert str(caught.value) == ("Cannot save fleet.xlsx: the file is read-only. Save under "
                                 "another name.")
    assert path.read_bytes() == OLD_BYTES
    assert folder_listing(tmp_path) == ["fleet.xlsx"]


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)
    real_open = os.open

    def refuse_new_files(file: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT and Path(file).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(atomic.os, "open", refuse_new_files)
    with pytest.raises(SaveError, match=f"^Cannot save fleet.xlsx: the folder {tmp_path} is "
                                        "read-only. Save in another folder."):
        save_scenario(small_scenario(), path)
    assert path.read_bytes() == OLD_BYTES


def test_folder_at_the_path(tmp_path: Path) -> None:
    path = tmp_path / "fleet.xlsx"
    path.mkdir()
    with pytest.raises(SaveError, match="^Cannot save fleet.xlsx: .* is a folder"):
        save_scenario(small_scenario(), path)
    assert path.is_dir() and folder_listing(tmp_path) == ["fleet.xlsx"]


def test_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "fleet.xlsx"
    with pytest.raises(SaveError, match=f"^Cannot save fleet.xlsx: the folder "
                                        f"{tmp_path / 'missing'} does not exist."):
        save_scenario(small_scenario(), path)


def test_not_an_xlsx_name(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="^Cannot save fleet.xls: .*xlsx"):
        save_scenario(small_scenario(), tmp_path / "fleet.xls")
    assert folder_listing(tmp_path) == []


def test_symbolic_link_saves_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.xlsx"
    real.write_bytes(OLD_BYTES)
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    save_scenario(small_scenario(), link)
    assert link.is_symlink() and zipfile.is_zipfile(real)


def test_control_character_names_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_bytes(OLD_BYTES)
    scenario = small_scenario()
    scenario.fleet.at[1, "name"] = "bad\x01name"
    with pytest.raises(SaveError, match=r"^Cannot save fleet.xlsx: Fleet!B3 holds a character that an .xlsx file cannot store \(U\+0001"):
        save_scenario(scenario, path)
    assert path.read_bytes() == OLD_BYTES
    assert folder_listing(tmp_path) == ["fleet.xlsx"]


def test_control_character_in_a_kept_sheet_names_its_cell(tmp_path: Path) -> None:
    scenario = small_scenario()
    scenario.extra_sheets = [ExtraSheet("Memo", [["ok", None], [None, "vertical\x0btab"]])]
    with pytest.raises(SaveError, match=r"^Cannot save fleet.xlsx: Memo!B2 holds a character "
                                        r"that an .xlsx file cannot store \(U\+000B"):
        save_scenario(scenario, tmp_path / "fleet.xlsx")
    assert folder_listing(tmp_path) == []


@pytest.mark.parametrize(("title", "reason"), [
    ("x" * 32, "at most 31 characters"), ("a/b", "cannot contain /"),
    ("'quoted'", "apostrophe"), ("History", "reserves"), ("bell\x07", "cannot store")])
def test_extra_sheet_title_excel_refuses(tmp_path: Path, title: str, reason: str) -> None:
    scenario = small_scenario()
    scenario.extra_sheets = [ExtraSheet(title, [["a"]])]
    with pytest.raises(SaveError, match=f"^Cannot save fleet.xlsx: the sheet .*{reason}"):
        save_scenario(scenario, tmp_path / "fleet.xlsx")
    assert folder_listing(tmp_path) == []


# --- size and speed --------------------------------------------------------------------

def big_fleet(vessels: int) -> Scenario:
    scenario = small_scenario()
    scenario.tables["Fleet"] = make_table(schema.FLEET, [
        {"vessel_id": f"IMO{9300000 + i}", "name": f"Vessel {i}", "type": "Container",
         "build_year": 2000 + i % 25, "main_engine_kw": 8000.0 + i, "baseline_fuel": "VLSFO",
         "annual_fuel_t": 5000.0 + i * 3.5, "ets_share": Percent(0.5 + (i % 2) / 2),
         "next_drydock_year": 2026 + i % 5, "off_hire_cost_per_day": 12000.0}
        for i in range(vessels)])
    return scenario


def test_thousand_vessels_write_in_seconds(tmp_path: Path) -> None:
    import time

    scenario = big_fleet(1000)
    started = time.perf_counter()
    save_scenario(scenario, tmp_path / "big.xlsx")
    seconds = time.perf_counter() - started
    assert seconds < 15, seconds  # about 0.5 s on the project machine; generous for CI
    assert load(tmp_path / "big.xlsx")["Fleet"].max_row == 1001


# --- LibreOffice -----------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_file(tmp_path: Path) -> None:
    scenario = small_scenario()
    path = tmp_path / "fleet.xlsx"
    save_scenario(scenario, path, plan=small_plan(scenario), cases=cases_tables())
    out = tmp_path / "csv"
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,"
         "false,false,-1", "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    fleet = (out / "fleet-Fleet.csv").read_text(encoding="utf-8")
    assert "=SUM(A1:A3)" in fleet and "Err:" not in fleet and "#NAME" not in fleet
    assert ",50%," in fleet  # the percent format shows
    assert (out / "fleet-About.csv").exists() and (out / "fleet-Plan Summary.csv").exists()
