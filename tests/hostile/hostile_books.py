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


def header_letters(path: Path) -> dict[tuple[str, str], str]:
    """(sheet, header as normalized) -> column letter, for every sheet of the file."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {(ws.title, schema.normalize(cell.value)): get_column_letter(index + 1)
                for ws in book.worksheets for row in ws.iter_rows(max_row=1)
                for index, cell in enumerate(row) if cell.value is not None}
    finally:
        book.close()


def cell_of(path: Path, sheet: str, header: object, row: int = 0) -> str:
    """The A1 address of a data cell (row 0 is the first data row) found by its header."""
    letter = header_letters(path).get((sheet, schema.normalize(header)))
    if letter is None:
        raise KeyError(f"{sheet} has no header {header!r}")
    return f"{letter}{row + 2}"


def setting_cell(path: Path, name: str) -> str:
    """The A1 address of a setting's value cell (a row for it added when it has none)."""
    book = openpyxl.load_workbook(path)
    try:
        settings = book["Settings"]
        for row in settings.iter_rows(min_row=2):
            if schema.normalize(row[0].value) == name:
                return f"B{row[0].row}"
        settings.append([name])
        book.save(path)
        return f"B{settings.max_row}"
    finally:
        book.close()


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
