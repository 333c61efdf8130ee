"""An input sheet's grid -> its scenario table, the layout of its cells and the issues of reading.

Every cell goes through ``convert.parse_cell`` with its column; a value that does not
parse is kept as written (validation reports it). Empty rows are skipped, and the
layout remembers the worksheet row of each table row so that messages name real cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.convert import parse_cell
from planner.errors import Issue, Severity
from planner.scenario import Scenario, SheetLayout, column_letter, make_table
from planner.schema import Column, Sheet, SheetKind
from planner.workbook.cells import (
    HEADER_ROW,
    UNKNOWN_COLUMN,
    Grid,
    Header,
    match_header,
    near_miss,
)

SETTING_NAME = schema.SETTINGS_SHEET.key  # the Settings column naming the row's setting
SETTING_VALUE = schema.SETTINGS_SHEET.column("value")


@dataclass
class ReadSheet:
    """One input sheet as read: the table, where its cells stand, what went wrong."""

    table: pd.DataFrame
    layout: SheetLayout
    issues: list[Issue] = field(default_factory=list)
    unread: list[Issue] = field(default_factory=list)  # columns a save would drop


def read_input_sheet(sheet: Sheet, grid: Grid, scenario: Scenario) -> ReadSheet:
    """Read a Settings, table or series sheet; never raises for what the cells hold."""
    header = match_header(sheet, grid, sheet.name)
    issues = list(header.issues)
    # A sheet without a single cell is an empty table, not a table missing its columns.
    if grid.rows:
        issues += _missing_columns(sheet, header, scenario)
    rows: list[dict[object, object]] = []
    positions: list[int | None] = []
    for row_number in range(HEADER_ROW + 1, len(grid.rows) + 1):
        if grid.row_is_empty(row_number):
            continue
        position = len(rows)
        record: dict[object, object] = {}
        value_column = _setting_column(sheet, header, grid, row_number)
        for key, index in header.columns.items():
            unsaved = grid.unsaved_issue(row_number, index, sheet.name, table_row=position,
                                         key=key)
            if unsaved is not None:
                issues.append(unsaved)
                record[key] = None
                continue
            column = header.column_for(key) or UNKNOWN_COLUMN
            if value_column is not None and key == SETTING_VALUE.name:
                column = value_column
            record[key] = parse_cell(grid.value(row_number, index), column,
                                     grid.is_percent(row_number, index)).value
        rows.append(record)
        positions.append(row_number)
    table = make_table(sheet, rows, extra_columns=list(header.columns))
    layout = SheetLayout(title=grid.title, columns=dict(header.columns), rows=positions,
                         header_row=HEADER_ROW)
    return ReadSheet(table, layout, issues, list(header.unread))


def _setting_column(sheet: Sheet, header: Header, grid: Grid, row_number: int) -> Column | None:
    """For a Settings row, the column its value is read by (the setting's own, or the
    generic value column for a setting the program does not know); None elsewhere."""
    if sheet.kind is not SheetKind.SETTINGS:
        return None
    index = header.columns.get(SETTING_NAME)
    name = grid.value(row_number, index) if index is not None else None
    return schema.find_setting(name) or SETTING_VALUE


def _needed(sheet: Sheet, column: Column) -> bool:
    """A column the sheet cannot do without: a required one, or the Settings values (each
    may be blank, but without the column no setting has a value)."""
    return column.required or (sheet.kind is SheetKind.SETTINGS
                               and column.name == SETTING_VALUE.name)


def _missing_columns(sheet: Sheet, header: Header, scenario: Scenario) -> list[Issue]:
    """An error per missing required column; a warning per header that looks like a
    missing column's misspelling (it is kept, but not read as that column)."""
    issues = []
    absent = [column.name for column in sheet.columns if column.name not in header.columns]
    meant: dict[str, tuple[object, int]] = {}
    for key, index in header.columns.items():
        if header.column_for(key) is None and isinstance(key, str):
            name = near_miss(key, absent)
            if name and name not in meant:
                meant[name] = (key, index)
    for column in sheet.columns:
        near = meant.get(column.name)
        hint = "" if near is None else (
            f'; is "{near[0]}" in {column_letter(near[1])}{HEADER_ROW} meant to be it?')
        if _needed(sheet, column) and column.name not in header.columns:
            issues.append(scenario.issue_for_column(
                sheet.name, column, f'the required column "{column.name}" is missing{hint}'))
        elif near is not None:
            issues.append(Issue(
                sheet=sheet.name, cell=f"{column_letter(near[1])}{HEADER_ROW}",
                severity=Severity.WARNING,
                message=f'"{near[0]}" is not a column the planner reads, so it is kept but '
                        f'ignored; did you mean "{column.name}"?'))
    return issues
