"""Issue 11, class "a workbook must always open": damaged or stale Plan sheets (years of
1e300, fractional years, text in number columns) are warnings by cell; the inputs load."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hostile_books import write_valid_book
from openpyxl.utils import get_column_letter

from planner import schema
from planner.cli import main
from planner.workbook.reader import read_workbook

RESULT_NAMES = schema.CASES_RESULTS.column_names


def _damaged_plan_book(path: Path) -> Path:
    write_valid_book(path)
    book = openpyxl.load_workbook(path)
    annual = book.create_sheet(schema.PLAN_ANNUAL.name)
    annual.append(schema.PLAN_ANNUAL.column_names)
    annual.append([2026] + [1.0] * (len(schema.PLAN_ANNUAL.columns) - 1))
    annual.append([1e300] + [1e300] * (len(schema.PLAN_ANNUAL.columns) - 1))
    annual.append([2027.5, "x"])
    retrofits = book.create_sheet(schema.PLAN_RETROFITS.name)
    retrofits.append(schema.PLAN_RETROFITS.column_names)
    retrofits.append(["IMO9000001", "Rotor sails", -1e300, 5, 1e20])
    summary = book.create_sheet(schema.PLAN_SUMMARY.name)
    summary.append(schema.PLAN_SUMMARY.column_names)
    for metric, value in (("status", "optimal"), ("objective", 1e300), ("gap", "abc")):
        summary.append([metric, value])
    diagnosis = book.create_sheet(schema.PLAN_DIAGNOSIS.name)
    diagnosis.append(schema.PLAN_DIAGNOSIS.column_names)
    diagnosis.append([10**30, None, None, 1e308, -1e308, "nonsense", "x" * 10_000])
    results = book.create_sheet(schema.CASES_RESULTS.name)
    results.append(schema.CASES_RESULTS.column_names)
    up_to_retrofits = RESULT_NAMES.index("retrofits") + 1
    results.append(["A", "optimal"] + [1e300] * (up_to_retrofits - 2))  # a count of 1e300
    book.save(path)
    return path


def test_damaged_plan_sheets_are_warnings_by_cell_and_the_inputs_load(tmp_path: Path) -> None:
    loaded = read_workbook(_damaged_plan_book(tmp_path / "damaged_plan.xlsx"))
    issues = loaded.scenario.load_issues
    assert not [i for i in issues if i.is_error]
    found = {str(i) for i in issues}
    assert "Plan Annual!A3: year 1e+300 is no year a plan can have; it is read as blank" in found
    assert ("Plan Annual!A4: year must be a whole number, got 2027.5; it is read as blank"
            in found)
    assert "Plan Retrofits!C2: year -1e+300 is no year a plan can have; it is read as blank" \
        in found
    assert "Plan Diagnosis!A2: year 1e+30 is no year a plan can have; it is read as blank" in found
    retrofits = get_column_letter(RESULT_NAMES.index("retrofits") + 1)
    assert (f"Cases Results!{retrofits}2: retrofits 1e+300 is no count a plan can have; it is "
            "read as blank") in found
    assert len(loaded.scenario.table("Fleet")) == 3


def test_the_command_line_opens_it_too(tmp_path: Path) -> None:
    assert main(["validate", str(_damaged_plan_book(tmp_path / "damaged_plan.xlsx"))]) == 0
