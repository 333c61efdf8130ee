"""A table view of one input sheet: copy, paste and fill down like Excel, row actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from planner.convert import format_value, is_blank
from planner.gui.clipboard import parse_tsv, to_tsv
from planner.gui.commands import RemoveRows
from planner.gui.delegates import CellDelegate
from planner.gui.row_templates import duplicate_rows
from planner.gui.table_model import ScenarioTableModel
from planner.gui.table_proxy import TableSortProxy

MIN_COLUMN_WIDTH = 70
MAX_COLUMN_WIDTH = 260


class ScenarioTableView(QTableView):
    """Shows a ScenarioTableModel through a sort/filter proxy."""

    message = Signal(str)  # a short note for the status bar

    def __init__(self, model: ScenarioTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.table_model = model
        self.proxy = TableSortProxy(model, self)
        self.setModel(self.proxy)
        self.setItemDelegate(CellDelegate(model.document, self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(24)
        self.actions_by_name = self._make_actions()
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()

    # --- layout ---------------------------------------------------------------------
    def fit_columns(self) -> None:
        """Widths that fit the header and the cells, within sensible bounds."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(self.proxy.columnCount()):
            width = header.sectionSize(column)
            header.resizeSection(column, max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, width + 12)))

    def set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)

    # --- positions ------------------------------------------------------------------
    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(index).row() for index in self.selectedIndexes()}
        current = self.currentIndex()
        if not rows and current.isValid():
            rows.add(self.proxy.mapToSource(current).row())
        return sorted(rows)

    def select_source_cell(self, row: int, column: int) -> None:
        """Make a cell of the model current and visible (clears the filter if it hides it)."""
        source = self.table_model.index(row, column)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.proxy.setFilterFixedString("")
            index = self.proxy.mapFromSource(source)
        self.setCurrentIndex(index)
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    # --- clipboard ------------------------------------------------------------------
    def copy_selection(self) -> None:
        """The selected block as tab-separated text, values as a planner types them."""
        indexes = self.selectedIndexes() or ([self.currentIndex()]
                                             if self.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = sorted({index.row() for index in indexes})
        columns = sorted({index.column() for index in indexes})
        chosen = {(index.row(), index.column()) for index in indexes}
        grid = []
        for row in range(rows[0], rows[-1] + 1):
            line = []
            for column in range(columns[0], columns[-1] + 1):
                line.append(self._cell_text(row, column) if (row, column) in chosen else "")
            grid.append(line)
        QGuiApplication.clipboard().setText(to_tsv(grid))

    def cut_selection(self) -> None:
        self.copy_selection()
        self.clear_selection("Cut")

    def paste(self) -> None:
        """Paste a block from Excel at the current cell; rows below the end are added."""
        grid = parse_tsv(QGuiApplication.clipboard().text())
        if not grid or not grid[0]:
            return
        selection = self.selectedIndexes()
        if len(grid) == 1 and len(grid[0]) == 1 and len(selection) > 1:
            # One value into a selection fills every selected cell, as Excel does.
            cells = [(self.proxy.mapToSource(index).row(), index.column(), grid[0][0])
                     for index in selection]
            self.table_model.write_cells(cells, text="Paste")
            return
        current = self.currentIndex()
        top = min((i.row() for i in selection), default=current.row() if current.isValid() else 0)
        left = min((i.column() for i in selection),
                   default=current.column() if current.isValid() else 0)
        top, left = max(top, 0), max(left, 0)
        shown = self.proxy.source_rows()
        count = self.table_model.rowCount()
        width = self.proxy.columnCount() - left
        cells, new_rows = [], 0
        for offset, line in enumerate(grid):
            view_row = top + offset
            if view_row < len(shown):
                row = shown[view_row]
            else:
                row = count + new_rows
                new_rows += 1
            for column_offset, text in enumerate(line[:width]):
                cells.append((row, left + column_offset, text))
        if any(len(line) > width for line in grid):
            self.message.emit(f"Pasted {width} of {max(map(len, grid))} columns: "
                              "the others fall beyond the last column")
        self.table_model.write_cells(cells, new_rows=new_rows, text="Paste")

    def clear_selection(self, text: str = "Clear cells") -> None:
        cells = [(self.proxy.mapToSource(index).row(), index.column(), None)
                 for index in self.selectedIndexes()]
        if cells:
            self.table_model.write_cells(cells, text=text)

    def fill_down(self) -> None:
        """Copy the top selected cell of each column down the selection (Ctrl+D).

        With a single row selected, the cell above is copied into it.
        """
        by_column: dict[int, list[int]] = {}
        for index in self.selectedIndexes():
            by_column.setdefault(index.column(), []).append(index.row())
        cells = []
        for column, rows in by_column.items():
            rows.sort()
            source_row = rows[0] - 1 if len(rows) == 1 else rows[0]
            if source_row < 0:
                continue
            value = self._source_value(source_row, column)
            targets = rows if len(rows) == 1 else rows[1:]
            cells += [(self._source_row(row), column, value) for row in targets]
        if cells:
            self.table_model.write_cells(cells, text="Fill down")

    # --- rows -----------------------------------------------------------------------
    def add_row(self) -> None:
        """A blank row below the current one (at the end when none is current)."""
        rows = self.selected_source_rows()
        position = rows[-1] + 1 if rows else self.table_model.rowCount()
        self.table_model.insert_rows([position], self.table_model.blank_rows(1),
                                     f"Add a row to {self.table_model.sheet.name}")
        self.select_source_cell(position, 0)

    def duplicate_selected_rows(self) -> None:
        rows = self.selected_source_rows()
        if not rows:
            return
        model = self.table_model
        copies = duplicate_rows(model.sheet, model.table, rows)
        positions = list(range(rows[-1] + 1, rows[-1] + 1 + len(rows)))
        model.insert_rows(positions, copies,
                          f"Duplicate {len(rows)} row{'s' if len(rows) != 1 else ''}")
        self.select_source_cell(positions[0], 0)

    def delete_selected_rows(self) -> None:
        rows = self.selected_source_rows()
        if rows:
            model = self.table_model
            model.document.undo_stack.push(RemoveRows(model.document, model.sheet.name, rows))

    # --- events ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() != QAbstractItemView.State.EditingState:
            for sequence, handler in (
                (QKeySequence.StandardKey.Copy, self.copy_selection),
                (QKeySequence.StandardKey.Paste, self.paste),
                (QKeySequence.StandardKey.Cut, self.cut_selection),
            ):
                if event.matches(sequence):
                    handler()
                    return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection()
                return
            if (event.key() == Qt.Key.Key_D
                    and event.modifiers() == Qt.KeyboardModifier.ControlModifier):
                self.fill_down()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        for name in ("cut", "copy", "paste", "clear", "fill_down", None, "add_row",
                     "duplicate_rows", "delete_rows"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        menu.exec(event.globalPos())

    def _make_actions(self) -> dict[str, QAction]:
        # The shortcut after the tab is only shown: the main window's Edit menu and
        # keyPressEvent handle the keys, so no shortcut is registered twice.
        specs = {
            "cut": ("Cu&t\tCtrl+X", self.cut_selection),
            "copy": ("&Copy\tCtrl+C", self.copy_selection),
            "paste": ("&Paste\tCtrl+V", self.paste),
            "clear": ("C&lear cells\tDel", self.clear_selection),
            "fill_down": ("Fill &down\tCtrl+D", self.fill_down),
            "add_row": ("&Add row", self.add_row),
            "duplicate_rows": ("D&uplicate rows", self.duplicate_selected_rows),
            "delete_rows": ("D&elete rows", self.delete_selected_rows),
        }
        actions = {}
        for name, (text, slot) in specs.items():
            action = QAction(text, self)
            action.triggered.connect(slot)
            actions[name] = action
        return actions

    # --- helpers --------------------------------------------------------------------
    def _source_row(self, view_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(view_row, 0)).row()

    def _source_value(self, view_row: int, column: int) -> object:
        return self.table_model.value(self._source_row(view_row), column)

    def _cell_text(self, view_row: int, column: int) -> str:
        value = self._source_value(view_row, column)
        if is_blank(value):
            return ""
        return format_value(value, self.table_model.column_at(column).column)

