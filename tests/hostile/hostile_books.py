"""Hostile workbook files for the tests of issue 11: a valid book written, then damaged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from test_validation import valid_scenario

from planner import schema
from planner.errors import Issue, WorkbookError
from planner.validation import validate
from planner.workbook.reader import load_scenario
from planner.workbook.writer import save_scenario


def write_valid_book(path: Path) -> Path:
    """The validation tests' valid scenario as a workbook file (no error, no warning)."""
    save_scenario(valid_scenario(), path)
    return path


def cell_of(path: Path, sheet: str, header: object, row: int = 0) -> str:
    """The A1 address of a data cell (row 0 is the first data row) found by its header."""
    book = openpyxl.load_workbook(path)
    try:
        sheet_ws = book[sheet]
        for cell in sheet_ws[1]:
            if schema.normalize(cell.value) == schema.normalize(header):
                return f"{get_column_letter(cell.column)}{row + 2}"
    finally:
        book.close()
    raise KeyError(f"{sheet} has no header {header!r}")


def setting_cell(path: Path, name: str) -> str:
    """The A1 address of a setting's value cell."""
    book = openpyxl.load_workbook(path)
    try:
        for row in book["Settings"].iter_rows(min_row=2):
            if schema.normalize(row[0].value) == name:
                return f"B{row[0].row}"
    finally:
        book.close()
    raise KeyError(name)


def put_cells(path: Path, changes: dict[tuple[str, str], object]) -> None:
    """Write values into cells given as (sheet, A1) and save the file in place."""
    book = openpyxl.load_workbook(path)
    for (sheet, address), value in changes.items():
        book[sheet][address] = value
    book.save(path)
    book.close()


def issues_of(path: Path) -> list[Issue]:
    """Every issue opening and validating the file gives (errors and warnings)."""
    try:
        return validate(load_scenario(path))
    except WorkbookError as error:
        return error.issues
