"""Read-only tables of a plan: a sortable model over a DataFrame, formatted for reading."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from planner.convert import is_blank
from planner.reports import format_number, format_share
from planner.schema import Column, ColumnType

SORT_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


def _decimals(column: Column) -> int:
    return 2 if column.unit in ("gCO2e/MJ",) else 0


def shown_unit(column: Column, currency: str) -> str:
    """The unit a read-only table shows: shares read in % (cell_text writes them so)."""
    return "%" if column.unit == "fraction" else column.unit_label(currency)


def cell_text(value: object, column: Column) -> str:
    """A plan value as a planner reads it: thousands separators, shares in %."""
    if is_blank(value):
        return ""
    if column.type in (ColumnType.YEAR, ColumnType.INTEGER):
        try:
            return str(int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return str(value)
    if column.is_numeric:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return str(value)
        if column.unit == "fraction":
            return format_share(number, 2)
        return format_number(number, _decimals(column))
    return str(value)


def sort_value(value: object, column: Column) -> object:
    """Numbers sort as numbers (blanks first), text case-insensitively."""
    if column.is_numeric:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return -math.inf
        return -math.inf if math.isnan(number) else number
    return "" if is_blank(value) else str(value).lower()


class ReadOnlyFrameModel(QAbstractTableModel):
    """A plan table (or a report frame) shown through schema columns, never edited."""

    def __init__(self, columns: Sequence[Column], frame: pd.DataFrame | None = None,
                 currency: str = "USD", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.currency = currency
        self._frame = self._aligned(frame)

    def _aligned(self, frame: pd.DataFrame | None) -> pd.DataFrame:
        names = [c.name for c in self.columns]
        aligned = (pd.DataFrame(columns=names) if frame is None
                   else frame.reindex(columns=names).reset_index(drop=True))
        # Plain lists per column: data() is called for every visible cell.
        self._values = [aligned[name].tolist() for name in names]
        return aligned

    def set_frame(self, frame: pd.DataFrame | None, currency: str | None = None) -> None:
        self.beginResetModel()
        self._frame = self._aligned(frame)
        if currency:
            self.currency = currency
        self.endResetModel()

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._values[index.column()][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, column)
        if role == SORT_ROLE:
            return sort_value(value, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.is_numeric
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and not column.is_numeric:
            text = cell_text(value, column)
            return text if len(text) > 30 else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        column = self.columns[section]
        unit = shown_unit(column, self.currency)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title if not unit or unit == "year" else f"{column.title}\n({unit})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{column.heading(self.currency, unit)}\n{column.description}"
                    + (f"\nUnit: {unit}" if unit else "")
                    + f"\nWorkbook column name: {column.name}")
        return None


def make_table_view(model: ReadOnlyFrameModel, parent: QWidget | None = None) -> QTableView:
    """A sortable, read-only view of the model."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the plan's own order until clicked
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(200)  # widths from the first rows of long tables
    view.verticalHeader().setDefaultSectionSize(22)
    return view
