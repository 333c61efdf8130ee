"""Sorting and filtering of a table view; the scenario's own row order never changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from planner.gui.table_columns import sort_key
from planner.gui.table_model import ScenarioTableModel


class TableSortProxy(QSortFilterProxyModel):
    """Numbers sort by value and text without case; the filter matches any column."""

    def __init__(self, model: ScenarioTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        # Rows stay where they are while the planner edits a sorted view.
        self.setDynamicSortFilter(False)
        self._keys: list[tuple[int, float, str]] = []

    @property
    def table_model(self) -> ScenarioTableModel:
        model = self.sourceModel()
        assert isinstance(model, ScenarioTableModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The keys of the sorted column are computed once, not in every comparison.
        model = self.table_model
        if 0 <= column < model.columnCount():
            self._keys = [sort_key(value) for value in model.table.iloc[:, column]]
        try:
            super().sort(column, order)
        finally:
            self._keys = []

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        if self._keys:
            return self._keys[left.row()] < self._keys[right.row()]
        model = self.table_model
        return (sort_key(model.value(left.row(), left.column()))
                < sort_key(model.value(right.row(), right.column())))

    def source_rows(self) -> list[int]:
        """The source rows shown, in view order."""
        return [self.mapToSource(self.index(row, 0)).row() for row in range(self.rowCount())]
