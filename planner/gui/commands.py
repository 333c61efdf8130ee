"""Undo commands: the only way the GUI changes a document's scenario.

Each command keeps what it needs to go both ways and calls the Document's
mutators; QUndoStack.push runs redo() at once. Positions are table row
positions, valid because the stack replays commands in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtGui import QUndoCommand

from planner import schema
from planner.errors import Issue
from planner.scenario import Scenario, year_columns

if TYPE_CHECKING:
    from planner.gui.document import Document

CellChange = tuple[int, object, object]  # (row position, column key, new value)


class SetCells(QUndoCommand):
    """Set one cell or a block of cells (an edit, a paste, a fill down, a clear)."""

    def __init__(self, document: Document, sheet: str, changes: list[CellChange],
                 text: str = "") -> None:
        super().__init__(text or _cells_text(sheet, changes))
        self._document = document
        self._sheet = sheet
        self._changes = list(changes)
        self._old: list[object] = []
        self._dropped: list[Issue] = []  # the reader's issues of the cells, back on undo

    def redo(self) -> None:
        self._old = self._document.write_cells(self._sheet, self._changes)
        self._dropped = list(self._document.dropped_load_issues)

    def undo(self) -> None:
        back = [(row, column, old) for (row, column, _), old in
                zip(self._changes, self._old, strict=True)]
        self._document.write_cells(self._sheet, list(reversed(back)), restore=self._dropped)


class InsertRows(QUndoCommand):
    """Insert rows so that they stand at the given positions (add, duplicate, paste)."""

    def __init__(self, document: Document, sheet: str, positions: list[int],
                 rows: pd.DataFrame, text: str = "") -> None:
        count = len(positions)
        super().__init__(text or f"Add {count} row{'s' if count != 1 else ''} to {sheet}")
        self._document = document
        self._sheet = sheet
        self._positions = sorted(positions)
        self._rows = rows.reset_index(drop=True)

    def redo(self) -> None:
        self._document.insert_rows(self._sheet, self._positions, self._rows)

    def undo(self) -> None:
        self._document.remove_rows(self._sheet, self._positions)


class RemoveRows(QUndoCommand):
    """Delete rows; undo puts them back where they were."""

    def __init__(self, document: Document, sheet: str, positions: list[int],
                 text: str = "") -> None:
        count = len(set(positions))
        super().__init__(text or f"Delete {count} row{'s' if count != 1 else ''} "
                                 f"from {sheet}")
        self._document = document
        self._sheet = sheet
        self._positions = sorted(set(positions))
        self._removed: pd.DataFrame | None = None
        self._dropped: list[Issue] = []  # the reader's issues of the rows, back on undo

    def redo(self) -> None:
        self._removed = self._document.remove_rows(self._sheet, self._positions)
        self._dropped = list(self._document.dropped_load_issues)

    def undo(self) -> None:
        assert self._removed is not None
        self._document.insert_rows(self._sheet, self._positions, self._removed,
                                   restore=self._dropped)


class AddYearColumn(QUndoCommand):
    """Add a year column to a series sheet (FuelPrices, FuelSupply), in year order."""

    def __init__(self, document: Document, sheet: str, year: int) -> None:
        super().__init__(f"Add year {year} to {sheet}")
        self._document = document
        self._sheet = sheet
        self._year = year

    def redo(self) -> None:
        table = self._document.table(self._sheet)
        self._document.insert_column(self._sheet, year_position(table, self._year), self._year)

    def undo(self) -> None:
        self._document.remove_column(self._sheet, self._year)


class RemoveYearColumn(QUndoCommand):
    """Remove a year column of a series sheet, with its values."""

    def __init__(self, document: Document, sheet: str, year: int) -> None:
        super().__init__(f"Remove year {year} from {sheet}")
        self._document = document
        self._sheet = sheet
        self._year = year
        self._position = 0
        self._values: list[object] = []

    def redo(self) -> None:
        self._position, self._values = self._document.remove_column(self._sheet, self._year)

    def undo(self) -> None:
        self._document.insert_column(self._sheet, self._position, self._year, self._values)


class SetSetting(QUndoCommand):
    """Set one setting's value (adding its row when the workbook lacked it)."""

    def __init__(self, document: Document, name: str, value: object) -> None:
        super().__init__(f"Set {schema.setting(name).name}")
        self._document = document
        self._name = name
        self._value = value
        self._old_table: pd.DataFrame | None = None
        self._dropped: list[Issue] = []  # the reader's issues of the cell, back on undo

    def redo(self) -> None:
        sheet = schema.SETTINGS_SHEET.name
        self._old_table = self._document.table(sheet).copy()
        # A scratch scenario holding only a copy of the settings reuses set_setting's
        # rules (row added when absent) without copying the other tables.
        scratch = Scenario(tables={sheet: self._old_table.copy()})
        scratch.set_setting(self._name, self._value)
        self._document.replace_table(sheet, scratch.settings_table)
        self._dropped = list(self._document.dropped_load_issues)

    def undo(self) -> None:
        assert self._old_table is not None
        self._document.replace_table(schema.SETTINGS_SHEET.name, self._old_table,
                                     restore=self._dropped)


def year_position(table: pd.DataFrame, year: int) -> int:
    """Where a new year column goes: among the years in order, before unknown columns."""
    columns = list(table.columns)
    years = year_columns(table)
    later = [y for y in years if y > year]
    if later:
        return columns.index(later[0])
    if years:
        return columns.index(years[-1]) + 1
    return 1 if columns else 0


def _cells_text(sheet: str, changes: list[CellChange]) -> str:
    if len(changes) == 1:
        return f"Edit {sheet} {changes[0][1]}"
    return f"Edit {len(changes)} cells in {sheet}"
