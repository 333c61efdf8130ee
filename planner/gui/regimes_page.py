"""The Regimes tab: the planner's rows above the values in force each year.

A blank Regimes sheet means the regulations' values (regimes.md's default series), so the
tab shows, under the editor, every column filled onto the horizon by the filling rule:
the planner's own values in black, the defaults greyed, the NZF defaults after 2030
(prices) and 2035 (targets) marked as our extrapolations, the NZF as a draft.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.convert import parse_number
from planner.gui.input_tabs import TableEditor
from planner.gui.table_columns import display_text
from planner.regimes import rules
from planner.regimes.inputs import fill_regime_series, regime_points

DEFAULT_COLOR = QColor("#8C8C8C")  # as the other greyed defaults of the editors
EXTRAPOLATED_MARK = " *"
NOTE = ("Values in force each year. <span style='color:#8C8C8C'>Grey</span>: the "
        "regulations' values, used where the sheet above gives a column nowhere. "
        "<b>*</b> NZF values after {prices} (prices) and {targets} (targets) are our "
        "extrapolations, not IMO decisions; the IMO Net-Zero Framework itself is a draft, "
        "not adopted.")


def in_force(scenario: Any) -> tuple[list[int], dict[str, dict[int, float | None]],
                                     dict[str, bool]]:
    """Horizon years, each Regimes column filled onto them, and whether a column is the
    default series (given nowhere in the sheet)."""
    settings = scenario.settings
    span = settings.end_year - settings.start_year  # checked before a list is built
    years = list(settings.years) if span <= schema.MAX_HORIZON_YEARS else []  # else refused
    table = scenario.tables.get(schema.REGIMES.name)
    series = fill_regime_series(table, years, _positive(settings.currency_per_eur),
                                _positive(settings.currency_per_usd))
    default = {column: not regime_points(table, column) for column in rules.REGIME_SERIES}
    return years, series, default


def _positive(value: object) -> float:
    number = parse_number(value)
    return float(number) if number is not None and number > 0 else 1.0


class InForceTable(QTableWidget):
    """Read-only: one row per horizon year, one column per Regimes series."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)

    def show_scenario(self, scenario: Any) -> None:
        try:
            years, series, default = in_force(scenario)
        except (TypeError, ValueError):  # settings that do not read: the Issues panel says
            years, series, default = [], {}, {}
        currency = str(scenario.settings.currency or "USD")
        columns = [schema.REGIMES.column(name) for name in rules.REGIME_SERIES]
        self.clear()
        self.setColumnCount(1 + len(columns))
        self.setRowCount(len(years))
        self.setHorizontalHeaderLabels(["Year"] + [c.heading(currency).replace(" (", "\n(", 1)
                                                   for c in columns])
        italic = QFont(self.font())
        italic.setItalic(True)
        for row, year in enumerate(years):
            self.setItem(row, 0, QTableWidgetItem(str(year)))
            for position, column in enumerate(columns, start=1):
                value = series.get(column.name, {}).get(year)
                self.setItem(row, position,
                             self._cell(column.name, year, value, default.get(column.name),
                                        italic))
        self.resizeColumnsToContents()

    @staticmethod
    def _cell(column: str, year: int, value: float | None, is_default: bool | None,
              italic: QFont) -> QTableWidgetItem:
        text = "–" if value is None else display_text(value, schema.REGIMES.column(column))
        tips = []
        extrapolated = bool(is_default) and value is not None and rules.is_extrapolated(
            column, year)
        if extrapolated:
            text += EXTRAPOLATED_MARK
            tips.append("Our extrapolation of the IMO draft, not an IMO decision")
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if is_default:
            item.setForeground(DEFAULT_COLOR)
            tips.append(f"Default: {rules.default_label(column)}")
        else:
            tips.append("From the Regimes sheet (each value holds until the next row)")
        if extrapolated:
            item.setFont(italic)
        if value is None:
            tips.append("Not in force this year")
        item.setToolTip("\n".join(tips))
        return item


class RegimesPage(QSplitter):
    """The Regimes editor above the values in force each year."""

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.document = document
        self.editor = TableEditor(document, schema.REGIMES, self)
        lower = QWidget(self)
        self.note = QLabel(NOTE.format(prices=rules.NZF_PRICES_SET_UNTIL,
                                       targets=rules.NZF_TARGETS_SET_UNTIL), lower)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.in_force = InForceTable(lower)
        layout = QVBoxLayout(lower)
        layout.setContentsMargins(9, 0, 9, 9)  # aligned with the editor above
        layout.addWidget(self.note)
        layout.addWidget(self.in_force, 1)
        self.addWidget(self.editor)
        self.addWidget(lower)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)
        document.scenario_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.in_force.show_scenario(self.document.scenario)
