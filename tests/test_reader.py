"""The workbook reader: every reading rule of workbook.md, on small workbooks built here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from reader_books import save_formula_result, valid_sheets, write_book

from planner import schema
from planner.convert import Percent
from planner.errors import Issue, Severity, WorkbookError
from planner.scenario import year_columns
from planner.workbook import load_scenario, read_workbook


def read(tmp_path: Path, sheets: dict, **kwargs: object):
    return read_workbook(write_book(tmp_path / "fleet.xlsx", sheets, **kwargs))


def errors(issues: list[Issue]) -> list[str]:
    return [str(issue) for issue in issues if issue.is_error]


# --- the known-answer workbooks -------------------------------------------------------

def test_every_known_answer_workbook_reads_without_a_load_issue(checks_dir: Path) -> None:
    books = sorted(checks_dir.glob("*.xlsx"))
    assert len(books) >= 10
    for path in books:
        if "-bad-" in path.name:
            continue  # meant to be invalid: tests/test_regimes_inputs.py
        loaded = read_workbook(path)
        assert loaded.scenario.load_issues == [], path.name
        scenario = load_scenario(path)  # validation finds no error either
        assert len(scenario.fleet) > 0, path.name


def test_known_answer_values_read_by_their_columns(checks_dir: Path) -> None:
    scenario = read_workbook(checks_dir / "tiny-9002.xlsx").scenario
    ets_share = scenario.fleet["ets_share"].iloc[0]  # typed as "100%"
    assert ets_share == 1.0 and isinstance(ets_share, Percent)
    assert scenario.fleet["ets_share"].iloc[1] == 0.5
    assert not isinstance(scenario.fleet["ets_share"].iloc[1], Percent)
    fuels = scenario.fuels.set_index("fuel")
    blend = fuels.loc["Bio-methanol", "max_blend_share"]  # a percent-formatted 0.25
    assert blend == 0.25 and isinstance(blend, Percent)
    assert fuels.loc["e-Methanol", "available_from"] == 2025  # typed " 2025 "
    assert scenario.raw_setting("solver") == "highs"  # typed "HiGHS"
    prices = scenario.fuel_prices
    assert year_columns(prices) == [2025, 2026, 2027, 2028, 2029, 2033]
    assert all(type(year) is int for year in year_columns(prices))  # noqa: E721
    row = list(prices["fuel"]).index("Bio-methanol")
    assert prices[2027].iloc[row] == pytest.approx(1225.35)  # typed " 1225.35 "
    assert scenario.layouts["FuelPrices"].title == "FUELPRICES"
    assert scenario.layouts["Technologies"].title == "technologies"


def test_known_answer_workbook_keeps_its_notes_sheet(checks_dir: Path) -> None:
    loaded = read_workbook(checks_dir / "fleet-10v-10y-9103.xlsx")
    assert loaded.foreign_sheets == ["Notes"]
    assert [sheet.title for sheet in loaded.scenario.extra_sheets] == ["Notes"]
    assert any(value is not None for row in loaded.scenario.extra_sheets[0].rows
               for value in row)


# --- values -----------------------------------------------------------------------------

def test_numeric_text_is_read_as_numbers(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][1][3:6] = [" 2012 ", "VLSFO", "1,200.5"]
    sheets["Fleet"][2][5] = " 42 "
    sheets["FuelPrices"][1][1] = " 1,225.35 "
    scenario = read(tmp_path, sheets).scenario
    assert scenario.fleet["build_year"].tolist() == [2012, 2015]
    assert type(scenario.fleet["build_year"].iloc[0]) is int
    assert scenario.fleet["annual_fuel_t"].tolist() == [1200.5, 42.0]
    assert scenario.fuel_prices[2026].iloc[0] == pytest.approx(1225.35)


def test_percent_text_and_percent_cells_are_fractions(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Settings"][3][1] = "8%"
    sheets["Fleet"][0].append("ets_share")
    sheets["Fleet"][1].append(0.5)  # formatted as percent below
    sheets["Fleet"][2].append(0.5)  # a plain number
    sheets["Fuels"][2][5] = " 80 % "
    scenario = read(tmp_path, sheets, formats={("Fleet", "G2"): "0%"}).scenario
    rate = scenario.raw_setting("discount_rate")
    assert rate == pytest.approx(0.08) and isinstance(rate, Percent)
    first, second = scenario.fleet["ets_share"]
    assert first == 0.5 and isinstance(first, Percent)
    assert second == 0.5 and not isinstance(second, Percent)
    blend = scenario.fuels["max_blend_share"].iloc[1]
    assert blend == pytest.approx(0.8) and isinstance(blend, Percent)


def test_a_value_that_does_not_parse_is_kept_as_written(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][1][3] = "2015a"
    sheets["FuelPrices"][2][2] = "n/a"
    loaded = read(tmp_path, sheets)
    assert loaded.scenario.load_issues == []  # the reader keeps it; validation reports it
    assert loaded.scenario.fleet["build_year"].iloc[0] == "2015a"
    assert loaded.scenario.fuel_prices[2030].iloc[1] == "n/a"
    with pytest.raises(WorkbookError) as raised:
        load_scenario(tmp_path / "fleet.xlsx")
    assert any(str(issue).startswith("Fleet!D2: build_year must be a whole number")
               for issue in raised.value.errors)


def test_text_that_looks_like_a_formula_is_text(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][0].append("note")
    sheets["Fleet"][1].append("=not a formula")
    loaded = read(tmp_path, sheets, text_cells={("Fleet", "G2")})
    assert loaded.scenario.load_issues == []
    assert loaded.scenario.fleet["note"].iloc[0] == "=not a formula"


# --- sheets and headers -----------------------------------------------------------------

def test_sheet_names_and_headers_match_ignoring_case_and_spaces(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["FLEET"] = sheets.pop("Fleet")
    sheets[" fuels "] = sheets.pop("Fuels")
    sheets["FLEET"][0] = [" Vessel_ID", "NAME ", "Type", " build_year ", "BASELINE_FUEL",
                          "Annual_Fuel_T"]
    sheets["Settings"][0] = ["SETTING", " Value ", "unit", "description"]
    loaded = read(tmp_path, sheets)
    scenario = loaded.scenario
    assert loaded.scenario.load_issues == []
    assert loaded.foreign_sheets == []
    assert scenario.fleet["vessel_id"].tolist() == ["IMO1", "IMO2"]
    assert scenario.fleet["build_year"].tolist() == [2012, 2015]
    assert scenario.fuels["fuel"].tolist() == ["VLSFO", "Bio-methanol"]
    assert scenario.layouts["Fleet"].title == "FLEET"
    assert scenario.layouts["Fuels"].title == " fuels "
    assert scenario.settings.start_year == 2026
    assert {"Settings", "Fleet", "Fuels"} <= scenario.present_sheets


def test_columns_in_any_order_and_unknown_columns_kept(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"] = [
        [" Owner ", "annual_fuel_t", "vessel_id", "baseline_fuel", "Comment", "build_year"],
        ["Acme", 9000, "IMO1", "VLSFO", None, 2012],
        [None, 6000, "IMO2", "VLSFO", 7, 2015],
    ]
    scenario = read(tmp_path, sheets).scenario
    fleet = scenario.fleet
    assert list(fleet.columns) == schema.FLEET.column_names + [" Owner ", "Comment"]
    assert fleet[" Owner "].tolist() == ["Acme", None]
    assert fleet["Comment"].tolist() == [None, 7]
    assert fleet["annual_fuel_t"].tolist() == [9000.0, 6000.0]
    assert fleet["name"].tolist() == [None, None]  # an optional column may be absent
    assert scenario.cell("Fleet", 1, "build_year") == "F3"
    assert scenario.cell("Fleet", 0, " Owner ") == "A2"
    assert scenario.cell("Fleet", 0, "vessel_id") == "C2"


def test_settings_values_read_by_each_setting_and_unknown_settings_kept(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Settings"][0].append("source")
    sheets["Settings"] += [
        ["solver", " HiGHS ", None, None, "memo"],
        ["time_limit_s", " 120 ", None, None],
        ["my_own_setting", " keep me ", None, None],
        ["activity_growth", 0.02, None, None],
    ]
    scenario = read(tmp_path, sheets, formats={("Settings", "B8"): "0.0%"}).scenario
    assert scenario.load_issues == []
    assert scenario.raw_setting("solver") == "highs"
    assert scenario.raw_setting("time_limit_s") == 120.0
    assert isinstance(scenario.raw_setting("activity_growth"), Percent)
    table = scenario.settings_table
    row = scenario.setting_row("my_own_setting")
    assert table["value"].iloc[row] == "keep me"
    assert table["source"].tolist() == [None, None, None, "memo", None, None, None]
    assert scenario.settings.time_limit_s == 120.0


def test_unknown_sheet_kept_with_all_its_rows_about_and_outputs_not(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Memo"] = [["Notes on the fleet", None], [None, None], ["cost", 12.5],
                      [None, "  indented"]]
    sheets[schema.ABOUT_SHEET_ALTERNATIVE] = [[schema.ABOUT_TITLE], ["Written by the planner"]]
    sheets["Cases Results"] = [["case", "status"], ["Base", "optimal"]]
    loaded = read(tmp_path, sheets)
    assert loaded.foreign_sheets == ["Memo"]
    (memo,) = loaded.scenario.extra_sheets
    assert memo.title == "Memo"
    assert memo.rows == [["Notes on the fleet"], [], ["cost", 12.5], [None, "  indented"]]
    assert "Cases Results" in loaded.outputs


def test_a_planners_own_about_sheet_is_kept(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["About"] = [["Fleet plan for the board, March"]]
    loaded = read(tmp_path, sheets)
    assert [extra.title for extra in loaded.scenario.extra_sheets] == ["About"]


def test_empty_rows_skipped_and_cells_named_where_they_stand(tmp_path: Path) -> None:
    sheets = valid_sheets()
    header, first, second = sheets["Fleet"]
    bad = list(second)
    bad[3] = "2015a"
    sheets["Fleet"] = [header, first, [None] * 6, ["  ", None, None, None, None, " "],
                       [None] * 6, bad]
    scenario = read(tmp_path, sheets).scenario
    assert scenario.fleet["vessel_id"].tolist() == ["IMO1", "IMO2"]
    assert scenario.layouts["Fleet"].rows == [2, 6]
    assert scenario.cell("Fleet", 1, "build_year") == "D6"
    with pytest.raises(WorkbookError) as raised:
        load_scenario(tmp_path / "fleet.xlsx")
    assert "Fleet!D6: build_year must be a whole number, got \"2015a\"" in errors(
        raised.value.issues)


def test_a_header_given_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][0].append(" Build_Year")
    sheets["Fleet"][1].append(1999)
    sheets["Fleet"][2].append(1999)
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert issue.is_error and (issue.sheet, issue.cell) == ("Fleet", "G1")
    assert "given twice (first in D1)" in issue.message
    assert loaded.scenario.fleet["build_year"].tolist() == [2012, 2015]
    with pytest.raises(WorkbookError):
        load_scenario(tmp_path / "fleet.xlsx")


def test_a_missing_required_sheet_is_an_error_naming_it(tmp_path: Path) -> None:
    sheets = valid_sheets()
    del sheets["Technologies"]
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert issue.is_error and (issue.sheet, issue.cell) == ("Technologies", "")
    assert "no Technologies sheet" in issue.message
    assert "Technologies" not in loaded.scenario.present_sheets
    assert "FuelSupply" not in loaded.scenario.present_sheets  # optional, absent: no issue
    with pytest.raises(WorkbookError) as raised:
        load_scenario(tmp_path / "fleet.xlsx")
    assert str(raised.value.errors[0]).startswith("Technologies: the workbook has no")


def test_a_missing_required_column_names_sheet_and_column(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"] = [[row[0], row[1], row[2], row[4], row[5]] for row in sheets["Fleet"]]
    sheets["Fuels"] = [row[:5] for row in sheets["Fuels"]]  # max_blend_share is optional
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert issue.is_error
    assert (issue.sheet, issue.cell, issue.column, issue.row) == (
        "Fleet", "build_year", "build_year", None)
    assert str(issue) == 'Fleet!build_year: the required column "build_year" is missing'


def test_a_header_that_looks_like_a_column_is_named_in_the_issue(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][0][3] = "Build Year"
    sheets["Fleet"][0].append("Main Engine kW")
    sheets["Fleet"][1].append(20000)
    sheets["Fleet"][0].append("Owner")
    loaded = read(tmp_path, sheets)
    missing, misspelt = loaded.scenario.load_issues
    assert missing.is_error and missing.cell == "build_year"
    assert missing.message == ('the required column "build_year" is missing; is "Build Year" '
                               "in D1 meant to be it?")
    assert misspelt.severity is Severity.WARNING and misspelt.cell == "G1"
    assert misspelt.message.endswith('did you mean "main_engine_kw"?')
    fleet = loaded.scenario.fleet
    assert fleet["Main Engine kW"].tolist() == [20000, None]  # kept as written
    assert fleet["main_engine_kw"].tolist() == [None, None]


def test_a_sheet_without_any_cell_is_an_empty_table(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Technologies"] = []
    loaded = read(tmp_path, sheets)
    assert loaded.scenario.load_issues == []
    assert loaded.scenario.technologies.empty
    assert "Technologies" in loaded.scenario.present_sheets


def test_values_without_a_header_are_reported_not_read(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][1] += [None, "stray"]
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert issue.severity is Severity.WARNING and issue.cell == "H1"
    assert list(loaded.scenario.fleet.columns) == schema.FLEET.column_names


def test_a_second_sheet_of_the_same_name_is_an_error_and_kept(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["FLEET "] = [["vessel_id"], ["IMO9"]]
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert issue.is_error and issue.sheet == "FLEET "
    assert loaded.scenario.fleet["vessel_id"].tolist() == ["IMO1", "IMO2"]
    assert loaded.foreign_sheets == ["FLEET "]


# --- series sheets ----------------------------------------------------------------------

def test_series_year_headers(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["FuelPrices"] = [
        ["fuel", 2026, "2028", " 2030 ", 2032.0, 2033.5, "unit"],
        ["VLSFO", 600, 650, 700, None, 9, "USD/t"],
        ["Bio-methanol", 1200, None, 1000, 990, 9, "USD/t"],
    ]
    loaded = read(tmp_path, sheets)
    prices = loaded.scenario.fuel_prices
    assert year_columns(prices) == [2026, 2028, 2030, 2032]
    assert list(prices.columns[5:]) == ["2033.5", "unit"]
    assert prices[2028].tolist() == [650.0, None]
    (issue,) = loaded.scenario.load_issues
    assert issue.is_error and (issue.sheet, issue.cell) == ("FuelPrices", "F1")
    assert '"2033.5" is not a whole year' in issue.message
    layout = loaded.scenario.layouts["FuelPrices"]
    assert layout.columns[2030] == 4 and layout.columns["2033.5"] == 6


def test_fractional_year_text_header_is_an_error(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["FuelSupply"] = [["fuel", "2029.5", 2030], ["VLSFO", 1, 2]]
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert (issue.sheet, issue.cell) == ("FuelSupply", "B1") and issue.is_error
    assert list(loaded.scenario.fuel_supply.columns) == ["fuel", 2030, "2029.5"]


def test_the_same_year_twice_is_a_duplicate_header(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["FuelPrices"][0].append("2030")
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert (issue.sheet, issue.cell) == ("FuelPrices", "D1") and issue.is_error


# --- formulas ---------------------------------------------------------------------------

def test_a_formula_without_a_saved_value_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][0].append("main_engine_kw")
    sheets["Fleet"][1].append("=A1*2")
    sheets["Fleet"] += [[None] * 6, [None, None, None, None, None, None, "=SUM(G2:G3)"]]
    loaded = read(tmp_path, sheets)
    messages = [str(issue) for issue in loaded.scenario.load_issues]
    assert messages == [
        "Fleet!G2: the formula =A1*2 has no saved value; open the file in Excel and save "
        "it, or type the value",
        "Fleet!G5: the formula =SUM(G2:G3) has no saved value; open the file in Excel and "
        "save it, or type the value",
    ]
    assert [issue.row for issue in loaded.scenario.load_issues] == [0, 2]
    assert len(loaded.scenario.fleet) == 3  # the row holding only a formula is not empty
    assert loaded.scenario.fleet["main_engine_kw"].iloc[0] is None


def test_a_formula_is_read_through_its_saved_value(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][0].append("main_engine_kw")
    sheets["Fleet"][1].append("=1000*12")
    sheets["Settings"][3][1] = "=4%*2"
    path = write_book(tmp_path / "fleet.xlsx", sheets)
    save_formula_result(path, "Fleet", "1000*12", "12000")
    save_formula_result(path, "Settings", "4%*2", "0.08")
    scenario = read_workbook(path).scenario
    assert scenario.load_issues == []
    assert scenario.fleet["main_engine_kw"].iloc[0] == 12000.0
    assert scenario.raw_setting("discount_rate") == pytest.approx(0.08)


def test_a_formula_without_value_in_a_foreign_sheet_is_a_warning(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Memo"] = [["total", "=1+1"]]
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert issue.severity is Severity.WARNING and (issue.sheet, issue.cell) == ("Memo", "B1")
    assert loaded.scenario.extra_sheets[0].rows == [["total"]]
    load_scenario(tmp_path / "fleet.xlsx")  # a warning does not stop the load


def test_a_formula_header_without_value_is_an_error(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Targets"][0][1] = '="cap_"&"tco2e"'
    loaded = read(tmp_path, sheets)
    (issue,) = loaded.scenario.load_issues
    assert (issue.sheet, issue.cell) == ("Targets", "B1") and issue.is_error


# --- load_scenario ----------------------------------------------------------------------

def test_load_scenario_returns_a_valid_scenario(tmp_path: Path) -> None:
    path = write_book(tmp_path / "fleet.xlsx", valid_sheets())
    scenario = load_scenario(path)
    assert scenario.source_path == str(path)
    assert scenario.settings.end_year == 2030
    assert scenario.fleet["vessel_id"].tolist() == ["IMO1", "IMO2"]


def test_load_scenario_reports_every_error_with_its_cell(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][1][3] = "2015a"
    sheets["Fleet"][2][5] = "-"
    del sheets["Targets"]
    with pytest.raises(WorkbookError) as raised:
        load_scenario(write_book(tmp_path / "fleet.xlsx", sheets))
    found = errors(raised.value.issues)
    assert found[0].startswith("Targets: the workbook has no Targets sheet")
    assert any(message.startswith("Fleet!D2: build_year") for message in found)
    assert any(message.startswith("Fleet!F3: annual_fuel_t") for message in found)
    assert raised.value.headline == '"fleet.xlsx" has 3 errors'


def test_a_shared_formula_without_saved_values_names_each_cell(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Fleet"][0].append("main_engine_kw")
    sheets["Fleet"][1].append("=F2*2")
    sheets["Fleet"][2].append("=F3*2")
    path = write_book(tmp_path / "fleet.xlsx", sheets)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    part = "xl/worksheets/sheet2.xml"  # Fleet, the second sheet written
    xml = parts[part].replace(b"<f>F2*2</f>", b'<f t="shared" ref="G2:G3" si="0">F2*2</f>')
    parts[part] = xml.replace(b"<f>F3*2</f>", b'<f t="shared" si="0" />')
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    issues = read_workbook(path).scenario.load_issues
    assert [str(issue) for issue in issues] == [
        "Fleet!G2: the formula =F2*2 has no saved value; open the file in Excel and save "
        "it, or type the value",
        "Fleet!G3: the formula =F3*2 has no saved value; open the file in Excel and save "
        "it, or type the value",
    ]


def test_a_chart_sheet_is_named_as_not_kept(tmp_path: Path) -> None:
    path = write_book(tmp_path / "fleet.xlsx", valid_sheets() | {"Memo": [["share", 0.25]]},
                      formats={("Memo", "B1"): "0%"})
    book = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(book["Targets"], min_col=3, min_row=1, max_row=3))
    book.create_chartsheet("Emissions chart").add_chart(chart)
    book.save(path)
    loaded = read_workbook(path)
    (issue,) = loaded.scenario.load_issues
    assert issue.severity is Severity.WARNING and issue.sheet == "Emissions chart"
    assert loaded.foreign_sheets == ["Memo"]
    share = loaded.scenario.extra_sheets[0].rows[0][1]
    assert share == 0.25 and isinstance(share, Percent)  # written back as a percentage
