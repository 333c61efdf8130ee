"""Read a scenario workbook (.xlsx): input sheets, plan, what-if results, foreign sheets.

``read_workbook`` never raises for what a file holds: every problem becomes an Issue
in ``scenario.load_issues``. ``load_scenario`` adds validation and raises
``WorkbookError`` when anything is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import openpyxl
import pandas as pd

from planner import schema
from planner.convert import Percent, describe
from planner.errors import Issue, Severity, WorkbookError
from planner.plan import Plan
from planner.scenario import TABLE_SHEETS, ExtraSheet, Scenario
from planner.schema import Sheet, SheetKind
from planner.validation import validate
from planner.workbook.cells import Grid, read_grid
from planner.workbook.files import WorkbookFile, file_issue, open_workbook_file
from planner.workbook.input_sheets import read_input_sheet
from planner.workbook.plan_sheets import (
    build_plan,
    cases_stale,
    read_output_table,
    read_summary,
)


@dataclass
class LoadedWorkbook:
    """Everything a workbook held: the scenario (with its load issues), the plan saved
    with it, the what-if result sheets, and the titles of the sheets kept unread."""

    scenario: Scenario
    plan: Plan | None = None
    outputs: dict[str, pd.DataFrame] = field(default_factory=dict)
    cases_stale: bool | None = None
    foreign_sheets: list[str] = field(default_factory=list)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a workbook; raises WorkbookError listing every error."""
    scenario = read_workbook(path).scenario
    name = Path(path).name or str(path)
    unreadable = [issue for issue in scenario.load_issues
                  if issue.is_error and not issue.sheet and not issue.cell]
    if unreadable:
        raise WorkbookError(unreadable, headline=f'"{name}" cannot be opened')
    issues = validate(scenario)
    errors = sum(issue.is_error for issue in issues)
    if errors:
        raise WorkbookError(
            issues, headline=f'"{name}" has {errors} error{"s" if errors != 1 else ""}')
    return scenario


def read_workbook(path: str | Path) -> LoadedWorkbook:
    """Read every sheet of a workbook; problems become issues, never exceptions."""
    scenario = Scenario(source_path=str(path))
    loaded = LoadedWorkbook(scenario)
    opened = open_workbook_file(path)
    if isinstance(opened, Issue):
        scenario.load_issues.append(opened)
        return loaded
    read = _read_grids(opened)
    if isinstance(read, Issue):
        scenario.load_issues.append(read)
        return loaded
    grids, charts = read
    issues = [Issue(sheet=title, cell="", severity=Severity.WARNING,
                    message="this chart sheet is not kept: saving the scenario leaves it out")
              for title in charts]
    inputs, outputs, foreign, found = _sort_sheets(grids)
    issues += found
    # A second input sheet is kept as an unknown sheet, but the writer's own sheet of
    # that name replaces it: overwriting the file would lose it.
    scenario.unread += [issue for issue in found if issue.is_error]
    for sheet in TABLE_SHEETS:
        grid = inputs.get(sheet.name)
        if grid is None:
            if sheet.required:
                issues.append(Issue(sheet=sheet.name, cell="", message=(
                    f"the workbook has no {sheet.name} sheet; it is required "
                    f"({sheet.description})")))
            continue
        sheet_read = read_input_sheet(sheet, grid, scenario)
        scenario.tables[sheet.name] = sheet_read.table
        scenario.layouts[sheet.name] = sheet_read.layout
        scenario.present_sheets.add(sheet.name)
        issues += sheet_read.issues
        scenario.unread += sheet_read.unread
    try:
        issues += _read_outputs(loaded, outputs)
    except (ArithmeticError, ValueError, TypeError, KeyError) as error:
        # The program's own output sheets, damaged past reading: the inputs still load.
        loaded.plan = None
        loaded.outputs.clear()
        issues.append(Issue(sheet="", cell="", severity=Severity.WARNING, message=(
            f"the saved plan and results could not be read ({describe(str(error))}); "
            "the inputs are loaded, solve again for a plan")))
    for grid in foreign:
        scenario.extra_sheets.append(_extra_sheet(grid))
        loaded.foreign_sheets.append(grid.title)
        issues += [issue for row, column in sorted(grid.unsaved)
                   if (issue := grid.unsaved_issue(row, column, grid.title,
                                                   Severity.WARNING)) is not None]
    scenario.load_issues.extend(issues)
    if scenario.unread:
        scenario.unread_path = str(path)
    return loaded


def _is_generated_about(worksheet: Any) -> bool:
    """True for the About sheet the writer generates (recognised by its first cell, so a
    planner's own sheet called "About" is kept like any other)."""
    for row in worksheet.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True):
        return bool(row) and row[0] == schema.ABOUT_TITLE
    return False


def _read_grids(opened: WorkbookFile) -> tuple[list[Grid], list[str]] | Issue:
    """The cells of every worksheet but the generated About sheet, and the titles of
    the chart sheets (openpyxl does the parsing; whatever it cannot parse makes the
    whole file unreadable)."""
    books = []
    try:
        values = openpyxl.load_workbook(opened.stream(), read_only=True, data_only=True,
                                        keep_links=False)
        books.append(values)
        formulas = None
        if opened.formula_parts:
            # The values book has each formula's saved value; this one has the formula.
            formulas = openpyxl.load_workbook(opened.stream(), read_only=True,
                                              data_only=False, keep_links=False)
            books.append(formulas)
        grids = []
        for worksheet in values.worksheets:
            if _is_generated_about(worksheet):
                continue
            part = str(getattr(worksheet, "_worksheet_path", "")).lstrip("/")
            with_formulas = None
            if formulas is not None and (not part or part in opened.formula_parts):
                with_formulas = formulas[worksheet.title]
            grids.append(read_grid(worksheet, with_formulas))
        kept = {worksheet.title for worksheet in values.worksheets}
        charts = [title for title in values.sheetnames if title not in kept]
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        return file_issue(opened.name, f"the file is damaged or not in the .xlsx format "
                                       f"({type(error).__name__}: {error})")
    finally:
        for book in books:
            book.close()
    return grids, charts


def _sort_sheets(grids: list[Grid]) -> tuple[dict[str, Grid], dict[str, Grid], list[Grid],
                                             list[Issue]]:
    """Input sheets and output sheets by schema name; the sheets kept unread; issues."""
    inputs: dict[str, Grid] = {}
    outputs: dict[str, Grid] = {}
    foreign: list[Grid] = []
    issues: list[Issue] = []
    for grid in grids:
        sheet = schema.find_sheet(grid.title)
        if sheet is None:
            foreign.append(grid)
            continue
        found = outputs if sheet.kind is SheetKind.OUTPUT else inputs
        if sheet.name in found:
            issues.append(_second_sheet_issue(sheet, grid, found[sheet.name]))
            if sheet.kind is not SheetKind.OUTPUT:
                foreign.append(grid)  # kept, so that nothing typed into it is lost
            continue
        found[sheet.name] = grid
    return inputs, outputs, foreign, issues


def _second_sheet_issue(sheet: Sheet, grid: Grid, first: Grid) -> Issue:
    output = sheet.kind is SheetKind.OUTPUT
    return Issue(sheet=grid.title, cell="",
                 severity=Severity.WARNING if output else Severity.ERROR,
                 message=f'"{grid.title}" is a second {sheet.name} sheet (after '
                         f'"{first.title}"; sheet names are compared ignoring case and '
                         "surrounding spaces); it is not read")


def _read_outputs(loaded: LoadedWorkbook, outputs: dict[str, Grid]) -> list[Issue]:
    """The Plan sheets into loaded.plan, the Cases result sheets into loaded.outputs."""
    scenario = loaded.scenario
    issues: list[Issue] = []
    tables: dict[str, pd.DataFrame] = {}
    for sheet in schema.OUTPUT_SHEETS:
        grid = outputs.get(sheet.name)
        if grid is None or sheet is schema.PLAN_SUMMARY:
            continue
        table, found = read_output_table(sheet, grid)
        tables[sheet.name] = table
        issues += found
    summary = outputs.get(schema.PLAN_SUMMARY.name)
    plan_tables = {s.name: tables[s.name] for s in schema.PLAN_SHEETS if s.name in tables}
    if summary is not None:
        metrics, found = read_summary(summary)
        issues += found
        if metrics:
            currency = str(scenario.setting("currency") or "USD")
            plan, found = build_plan(metrics, plan_tables, currency)
            plan.stale = plan.input_fingerprint != scenario.fingerprint()
            loaded.plan = plan
            issues += found
    elif plan_tables:
        issues.append(Issue(sheet=schema.PLAN_SUMMARY.name, cell="", severity=Severity.WARNING,
                            message="the workbook has Plan sheets but no Plan Summary sheet; "
                                    "the saved plan is not read"))
    for sheet in (schema.CASES_OUTPUT_SHEETS + schema.ROBUST_OUTPUT_SHEETS
                  + schema.STUDY_OUTPUT_SHEETS):
        if sheet.name in tables:
            loaded.outputs[sheet.name] = tables[sheet.name]
    results = loaded.outputs.get(schema.CASES_RESULTS.name)
    if results is not None:
        loaded.cases_stale = cases_stale(results, scenario.fingerprint(include_cases=True))
    return issues


def _extra_sheet(grid: Grid) -> ExtraSheet:
    """A sheet the program does not know, by value (a percent-formatted number stays a
    percentage); rows after the last value are dropped."""
    rows = []
    for row_number, values in enumerate(grid.rows, start=1):
        rows.append([Percent(cast(float, value)) if grid.is_percent(row_number, column) else value
                     for column, value in enumerate(values, start=1)])
    return ExtraSheet(title=grid.title, rows=rows)
