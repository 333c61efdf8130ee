"""The editing pages: one table editor per input sheet, and the fuel prices with their chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.gui import dialogs
from planner.gui.commands import AddYearColumn, RemoveYearColumn
from planner.gui.document import Document
from planner.gui.price_chart import PriceChart
from planner.gui.table_columns import ColumnRole
from planner.gui.table_model import ScenarioTableModel
from planner.gui.table_view import ScenarioTableView
from planner.scenario import year_columns
from planner.schema import SheetKind

# The input sheets edited as tables, in tab order, with their tab titles.
TABLE_PAGES = (
    (schema.FLEET, "Fleet"),
    (schema.FUELS, "Fuels"),
    (schema.FUEL_PRICES, "Fuel prices"),
    (schema.FUEL_SUPPLY, "Fuel supply"),
    (schema.TECHNOLOGIES, "Technologies"),
    (schema.TARGETS, "Targets"),
    (schema.REGIMES, "Regimes"),  # FuelEU, EU ETS and NZF by year (switches: Settings)
)


class TableEditor(QWidget):
    """A sheet's table with its row (and year column) buttons and a filter box."""

    def __init__(self, document: Document, sheet: schema.Sheet, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sheet = sheet
        self.model = ScenarioTableModel(document, sheet.name, self)
        self.view = ScenarioTableView(self.model, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter rows…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(260)
        self.filter_edit.textChanged.connect(self.view.set_filter)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for name, tip in (("add_row", "Add a blank row below the selection"),
                          ("duplicate_rows", "Copy the selected rows"),
                          ("delete_rows", "Delete the selected rows")):
            bar.addWidget(self._button(self.view.actions_by_name[name], tip))
        if sheet.kind is SheetKind.SERIES:
            add_year = QToolButton(self)
            add_year.setText("Add year…")
            add_year.setToolTip("Add a year column; years between given ones are "
                                "interpolated")
            add_year.clicked.connect(self.add_year)
            remove_year = QToolButton(self)
            remove_year.setText("Remove year")
            remove_year.setToolTip("Remove the year column of the current cell")
            remove_year.clicked.connect(self.remove_current_year)
            bar.addWidget(add_year)
            bar.addWidget(remove_year)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #555;")
        bar.addWidget(self.count_label)
        bar.addWidget(self.filter_edit)

        text = sheet.description
        if sheet.year_unit:
            currency = str(document.scenario.settings.currency or "USD")
            text += f". Values in {sheet.year_unit.replace('{currency}', currency)}."
        note = QLabel(text, self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        for signal in (self.view.proxy.rowsInserted, self.view.proxy.rowsRemoved,
                       self.view.proxy.modelReset, self.view.proxy.layoutChanged):
            signal.connect(self._update_count)
        self._update_count()
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _update_count(self, *_args: object) -> None:
        total = self.model.rowCount()
        shown = self.view.proxy.rowCount()
        words = f"{total} row{'s' if total != 1 else ''}"
        self.count_label.setText(words if shown == total else f"{shown} of {words} shown")

    def _button(self, action: Any, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(action.text().split("\t")[0].replace("&", ""))
        button.setToolTip(tip)
        button.clicked.connect(action.trigger)
        return button

    def add_year(self) -> None:
        table = self.document.table(self.sheet.name)
        years = year_columns(table)
        start = self.document.scenario.settings.start_year
        suggestion = (max(years) + 5) if years else start
        year = dialogs.ask_year(self, f"Add a year to {self.sheet.name}", suggestion, years)
        if year is not None and year not in years:
            self.document.undo_stack.push(AddYearColumn(self.document, self.sheet.name, year))
            if self.model.rowCount():
                self.view.select_source_cell(0, self.model.column_index(year))

    def remove_current_year(self) -> None:
        current = self.view.currentIndex()
        if not current.isValid():
            dialogs.show_error(self, "Select a cell in the year column to remove first.")
            return
        column = self.model.column_at(current.column())
        if column.role is not ColumnRole.YEAR:
            dialogs.show_error(self, f"{column.name} is not a year column.")
            return
        year = column.key
        assert isinstance(year, int)
        self.document.undo_stack.push(RemoveYearColumn(self.document, self.sheet.name, year))


class FuelPricesPage(QSplitter):
    """The fuel prices table beside a chart of the price paths."""

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.editor = TableEditor(document, schema.FUEL_PRICES, self)
        self.chart = PriceChart(document, self)
        self.addWidget(self.editor)
        self.addWidget(self.chart)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.editor.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _on_current_row_changed(self, current: object, _previous: object) -> None:
        view = self.editor.view
        index = view.currentIndex()
        if not index.isValid():
            self.chart.highlight("")
            return
        row = view.proxy.mapToSource(index).row()
        fuel = self.editor.model.value(row, self.editor.model.column_index("fuel"))
        self.chart.highlight(str(fuel).strip() if fuel is not None else "")


@dataclass
class InputPage:
    """One tab: its title, widget, and the table editor inside (None for Settings)."""

    title: str
    widget: QWidget
    editor: TableEditor | None


def table_pages(document: Document, parent: Any = None) -> list[InputPage]:
    """The table tabs, in order."""
    pages = []
    for sheet, title in TABLE_PAGES:
        if sheet is schema.FUEL_PRICES:
            page = FuelPricesPage(document, parent)
            pages.append(InputPage(title, page, page.editor))
        elif sheet is schema.REGIMES:  # the editor above the values in force each year
            from planner.gui.regimes_page import RegimesPage

            regimes = RegimesPage(document, parent)
            pages.append(InputPage(title, regimes, regimes.editor))
        else:
            editor = TableEditor(document, sheet, parent)
            pages.append(InputPage(title, editor, editor))
    return pages
