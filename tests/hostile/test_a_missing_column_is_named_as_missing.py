"""Issue 11, class "a missing column is named as missing": a Settings sheet without its value
column gets one error naming the column, not "is required" at every row."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hostile_books import issues_of, write_valid_book

from planner import schema


@pytest.mark.parametrize("sheet", [s for s in schema.INPUT_SHEETS if s.required])
def test_a_sheet_without_its_key_or_value_column_names_that_column_once(
        tmp_path: Path, sheet: schema.Sheet) -> None:
    path = write_valid_book(tmp_path / "missing.xlsx")
    name = "value" if sheet is schema.SETTINGS_SHEET else sheet.key
    book = openpyxl.load_workbook(path)
    worksheet = book[sheet.name]
    column = next(cell.column for cell in worksheet[1]
                  if schema.normalize(cell.value) == name)
    worksheet.delete_cols(column)
    book.save(path)
    errors = [str(issue) for issue in issues_of(path) if issue.is_error]
    assert errors[0] == f'{sheet.name}!{name}: the required column "{name}" is missing'
    assert not [e for e in errors if e.startswith(f"{sheet.name}!") and "is required" in e]
