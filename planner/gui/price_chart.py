"""A line chart of the fuel price paths as the model reads them, following every edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from planner import schema
from planner.convert import is_blank
from planner.gui.chart_parts import attach
from planner.gui.document import Document
from planner.scenario import year_columns
from planner.schema import normalize
from planner.series import fill_flat

REDRAW_DELAY_MS = 150
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")


@dataclass
class PricePath:
    """One fuel's given prices and its yearly path on the horizon."""

    fuel: str
    given: dict[int, float]
    path: dict[int, float]


def price_paths(document: Document) -> list[PricePath]:
    """The fuels with at least one valid price: given points and the filled path."""
    table = document.table(schema.FUEL_PRICES.name)
    years = year_columns(table)
    settings = document.scenario.settings
    horizon = settings.years if 0 < settings.start_year <= settings.end_year else []
    paths = []
    for _, row in table.iterrows():
        fuel = row.get("fuel")
        if is_blank(fuel):
            continue
        given = {year: float(row[year]) for year in years
                 if isinstance(row[year], (int, float)) and not isinstance(row[year], bool)
                 and not is_blank(row[year]) and float(row[year]) >= 0}
        if not given:
            continue
        span = horizon or list(range(min(given), max(given) + 1))
        filled = fill_flat(given, span)
        paths.append(PricePath(str(fuel).strip(), given,
                               {y: v for y, v in filled.items() if v is not None}))
    return paths


class PriceChart(QWidget):
    """Price per tonne by year for every fuel; hover a line for the value."""

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.chart = QChart()
        self.chart.setTitle("Fuel price paths")
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.year_axis = QValueAxis()
        self.year_axis.setTitleText("Year")
        self.year_axis.setLabelFormat("%d")
        self.year_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.year_axis.setTickAnchor(2000)
        self.price_axis = QValueAxis()
        self.price_axis.setLabelFormat("%.0f")
        self.chart.addAxis(self.year_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.price_axis, Qt.AlignmentFlag.AlignLeft)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumWidth(320)
        self.note = QLabel("Dots are the prices given; lines are interpolated between them "
                           "and held flat before the first and after the last.", self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self._paths: list[PricePath] = []
        self._highlighted = ""
        self._lines: dict[str, QLineSeries] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)
        document.scenario_changed.connect(self._timer.start)
        self.redraw()

    @property
    def paths(self) -> list[PricePath]:
        return list(self._paths)

    @property
    def lines(self) -> dict[str, QLineSeries]:
        """The line of each fuel, by normalized name."""
        return dict(self._lines)

    def redraw(self) -> None:
        self._timer.stop()
        self.chart.removeAllSeries()
        self._lines = {}
        self._paths = price_paths(self.document)
        currency = str(self.document.scenario.settings.currency or "USD")
        self.price_axis.setTitleText(f"Price ({currency}/t)")
        for number, path in enumerate(self._paths):
            color = QColor(PALETTE[number % len(PALETTE)])
            line = QLineSeries()
            line.setName(path.fuel)
            line.setPen(QPen(color, 2))
            self._lines[normalize(path.fuel)] = line
            for year, value in path.path.items():
                line.append(QPointF(year, value))
            dots = QScatterSeries()
            dots.setColor(color)
            dots.setBorderColor(color)
            dots.setMarkerSize(7)
            for year, value in path.given.items():
                if year in path.path:
                    dots.append(QPointF(year, value))
            for series in (line, dots):
                attach(self.chart, series, self.year_axis, self.price_axis)
            for marker in self.chart.legend().markers(dots):
                marker.setVisible(False)
            line.hovered.connect(lambda point, state, p=path: self._on_line_hovered(p, point, state))
        self._set_ranges()
        self.highlight(self._highlighted)

    def highlight(self, fuel: str) -> None:
        """Draw one fuel's line bold (the fuel of the table's current row)."""
        self._highlighted = fuel
        for key, line in self._lines.items():
            pen = line.pen()
            pen.setWidthF(4.0 if key == normalize(fuel) and fuel else 2.0)
            line.setPen(pen)

    def _set_ranges(self) -> None:
        years = [year for path in self._paths for year in path.path]
        values = [value for path in self._paths for value in path.path.values()]
        if not years:
            settings = self.document.scenario.settings
            self.year_axis.setRange(settings.start_year or 2026, (settings.end_year or 2050))
            self.price_axis.setRange(0, 1000)
            return
        low, high = min(years), max(years)
        self.year_axis.setRange(low, high if high > low else low + 1)
        span = high - low
        self.year_axis.setTickInterval(1 if span <= 6 else 5 if span <= 40 else 10)
        self.price_axis.setRange(0, max(values) * 1.1 if max(values) > 0 else 1)
        self.price_axis.applyNiceNumbers()

    def _on_line_hovered(self, path: PricePath, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        year = round(point.x())
        if year not in path.path:
            return
        currency = str(self.document.scenario.settings.currency or "USD")
        QToolTip.showText(QCursor.pos(), hover_text(path, year, currency), self.view)


def hover_text(path: PricePath, year: int, currency: str) -> str:
    """What the tooltip over a price line says, e.g. 'VLSFO, 2030: 650 USD/t (given)'."""
    how = "given" if year in path.given else "interpolated"
    return f"{path.fuel}, {year}: {path.path[year]:,.0f} {currency}/t ({how})"
