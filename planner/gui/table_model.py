"""A schema-driven Qt table model over one scenario table; it holds no data of its own.

Reads come from the Document's table; every edit becomes an undo command. Cells
with issues are tinted and say what is wrong in their tooltip.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand

from planner import schema
from planner.convert import is_blank
from planner.errors import Issue
from planner.gui.commands import InsertRows, SetCells
from planner.gui.document import Document
from planner.gui.table_columns import ColumnRole, TableColumn, display_text, table_columns

COLUMN_ROLE = Qt.ItemDataRole.UserRole + 1  # the TableColumn of a cell
ISSUES_ROLE = Qt.ItemDataRole.UserRole + 2  # list[Issue] of a cell

ERROR_BRUSH = QBrush(QColor(255, 205, 205))
WARNING_BRUSH = QBrush(QColor(255, 240, 190))
UNKNOWN_BRUSH = QBrush(QColor(244, 244, 244))
DEFAULT_BRUSH = QBrush(QColor(140, 140, 140))

LONG_TEXT = 24  # characters beyond which a cell's tooltip repeats its text
AnyIndex = QModelIndex | QPersistentModelIndex
Cell = tuple[int, int, object]  # (row, column index, value typed or pasted)


class ScenarioTableModel(QAbstractTableModel):
    """One input sheet (Fleet, Fuels, FuelPrices, ...) as a Qt table model."""

    def __init__(self, document: Document, sheet_name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sheet = schema.sheet(sheet_name)
        self._columns: list[TableColumn] = []
        self._rows = 0  # kept in step with the document's signals: Qt asks very often
        self._refresh_columns()
        self._italic = QFont()
        self._italic.setItalic(True)
        document.cells_changed.connect(self._on_document_cells_changed)
        document.rows_about_to_be_inserted.connect(self._on_rows_about_to_be_inserted)
        document.rows_inserted.connect(self._on_rows_inserted)
        document.rows_about_to_be_removed.connect(self._on_rows_about_to_be_removed)
        document.rows_removed.connect(self._on_rows_removed)
        document.table_about_to_be_reset.connect(self._on_table_about_to_be_reset)
        document.table_reset.connect(self._on_table_reset)
        document.issues_changed.connect(self._on_document_issues_changed)

    # --- reading --------------------------------------------------------------------
    @property
    def table(self) -> pd.DataFrame:
        return self.document.table(self.sheet.name)

    @property
    def columns(self) -> list[TableColumn]:
        return list(self._columns)

    def column_at(self, column: int) -> TableColumn:
        return self._columns[column]

    def column_index(self, key: object) -> int:
        """The position of a column key; -1 when absent. Matches str keys to years too."""
        for position, col in enumerate(self._columns):
            if col.key == key and type(col.key) is type(key):
                return position
        for position, col in enumerate(self._columns):
            if col.name == str(key):
                return position
        return -1

    def value(self, row: int, column: int) -> object:
        value = self.table.iat[row, column]
        return None if is_blank(value) else value

    def sheet_row(self, row: int) -> int:
        """The row's number in the workbook (where the file had it or the writer puts it)."""
        reference = self.document.scenario.cell(self.sheet.name, row, self.table.columns[0])
        return int(reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))

    def currency(self) -> str:
        return str(self.document.scenario.settings.currency or "USD")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        col = self._columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.value(row, column)
            if value is None and col.column.default is not None:
                return display_text(col.column.default, col.column)
            return display_text(value, col.column)
        if role == Qt.ItemDataRole.EditRole:
            return self.value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            issues = self.document.issues_at(self.sheet.name, row, col.key)
            if issues:
                return ERROR_BRUSH if any(i.is_error for i in issues) else WARNING_BRUSH
            return UNKNOWN_BRUSH if col.role is ColumnRole.UNKNOWN else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return DEFAULT_BRUSH if self._shows_default(row, column) else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if self._shows_default(row, column) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.is_numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == COLUMN_ROLE:
            return col
        if role == ISSUES_ROLE:
            return self.document.issues_at(self.sheet.name, row, col.key)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            # The workbook's row number, as in the issues' cell references (Fleet!D7).
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.sheet_row(section))
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Row {self.sheet_row(section)} of the {self.sheet.name} sheet"
            return None
        if not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.header(self.currency())
        if role == Qt.ItemDataRole.ToolTipRole:
            letters = self.document.scenario.cell(self.sheet.name, None, col.key).rstrip(
                "0123456789")
            return f"{col.tooltip(self.currency())}\nColumn {letters} of the {self.sheet.name} sheet"
        if role == Qt.ItemDataRole.FontRole and col.role is ColumnRole.UNKNOWN:
            return self._italic
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    # --- editing --------------------------------------------------------------------
    def setData(self, index: AnyIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        return self.write_cells([(index.row(), index.column(), value)])

    def write_cells(self, cells: list[Cell], new_rows: int = 0, text: str = "") -> bool:
        """Parse typed or pasted values and write them as one undoable step.

        ``new_rows`` blank rows are appended first (a paste below the last row); the
        cells may address them. Returns False when nothing changed.
        """
        changes = []
        count = len(self.table)
        for row, column, value in cells:
            col = self._columns[column]
            parsed = col.parse(value).value
            old = self.value(row, column) if row < count else None
            if not _same(old, parsed):
                changes.append((row, col.key, parsed))
        if not changes and not new_rows:
            return False
        commands: list[QUndoCommand] = []
        if new_rows:
            positions = list(range(count, count + new_rows))
            commands.append(InsertRows(self.document, self.sheet.name, positions,
                                       self.blank_rows(new_rows)))
        if changes:
            commands.append(SetCells(self.document, self.sheet.name, changes))
        self._push(commands, text or (commands[-1].text() if len(commands) == 1 else "Paste"))
        return True

    def insert_rows(self, positions: list[int], rows: pd.DataFrame, text: str) -> None:
        self._push([InsertRows(self.document, self.sheet.name, positions, rows, text)], text)

    def blank_rows(self, count: int) -> pd.DataFrame:
        return pd.DataFrame([dict.fromkeys(self.table.columns) for _ in range(count)],
                            columns=self.table.columns, dtype=object)

    def _push(self, commands: list[QUndoCommand], text: str) -> None:
        stack = self.document.undo_stack
        if len(commands) == 1:
            stack.push(commands[0])
            return
        stack.beginMacro(text)
        for command in commands:
            stack.push(command)
        stack.endMacro()

    # --- helpers --------------------------------------------------------------------
    def _shows_default(self, row: int, column: int) -> bool:
        col = self._columns[column]
        return col.column.default is not None and self.value(row, column) is None

    def _tooltip(self, row: int, col: TableColumn) -> str:
        issues: list[Issue] = self.document.issues_at(self.sheet.name, row, col.key)
        about = col.tooltip(self.currency())
        value = self.value(row, self.column_index(col.key))
        if isinstance(value, str) and len(value) > LONG_TEXT:
            about = f"{value}\n\n{about}"  # the whole text of a cell shown cut short
        if not issues:
            return about
        problems = "\n".join(f"{'Error' if i.is_error else 'Warning'}: {i.message}"
                             for i in issues)
        return f"{problems}\n\n{about}"

    def _refresh_columns(self) -> None:
        self._columns = table_columns(self.sheet, self.table)
        self._rows = len(self.table)

    def _mine(self, sheet: str) -> bool:
        return sheet in ("", self.sheet.name)

    # --- document signals -----------------------------------------------------------
    def _on_document_cells_changed(self, sheet: str, cells: list[tuple[int, object]]) -> None:
        if sheet == schema.SETTINGS_SHEET.name and self.sheet is not schema.SETTINGS_SHEET:
            self._on_settings_changed()
        if sheet != self.sheet.name or not cells:
            return
        rows = [row for row, _ in cells]
        columns = [self.column_index(key) for _, key in cells]
        self.dataChanged.emit(self.index(min(rows), max(0, min(columns))),
                              self.index(max(rows), max(columns)))

    def _on_rows_about_to_be_inserted(self, sheet: str, first: int, last: int) -> None:
        if sheet == self.sheet.name:
            self.beginInsertRows(QModelIndex(), first, last)

    def _on_rows_inserted(self, sheet: str, _first: int, _last: int) -> None:
        if sheet == self.sheet.name:
            self._rows = len(self.table)
            self.endInsertRows()

    def _on_rows_about_to_be_removed(self, sheet: str, first: int, last: int) -> None:
        if sheet == self.sheet.name:
            self.beginRemoveRows(QModelIndex(), first, last)

    def _on_rows_removed(self, sheet: str, _first: int, _last: int) -> None:
        if sheet == self.sheet.name:
            self._rows = len(self.table)
            self.endRemoveRows()

    def _on_table_about_to_be_reset(self, sheet: str) -> None:
        if self._mine(sheet):
            self.beginResetModel()

    def _on_table_reset(self, sheet: str) -> None:
        if self._mine(sheet):
            self._refresh_columns()
            self.endResetModel()
        elif sheet == schema.SETTINGS_SHEET.name:
            self._on_settings_changed()

    def _on_settings_changed(self) -> None:
        # The currency labels money headers.
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def _on_document_issues_changed(self) -> None:
        # Issues are recomputed after a save too, when the workbook row numbers change.
        if self._rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self._rows - 1)
        if self.rowCount() and self._columns:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(self._columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])


def _same(old: object, new: object) -> bool:
    """Equal values of the same kind (8% and 0.08 differ: they save differently)."""
    if is_blank(old) and is_blank(new):
        return True
    return type(old) is type(new) and old == new
