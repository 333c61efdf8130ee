"""The pieces every chart is built from: the view (tooltips, PNG menu), a titled chart,
pens, line series and their tooltips."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
    QStackedBarSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from planner.gui.chart_export import add_export_actions, save_widget_png


class PlanChartView(QChartView):
    """A chart with hover tooltips and a 'Save as PNG…' context menu."""

    def __init__(self, chart: QChart, stem: str, parent: QWidget | None = None) -> None:
        super().__init__(chart, parent)
        self.stem = stem  # file name suggested on export
        self.last_tooltip = ""
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(420, 300)

    def show_tooltip(self, text: str) -> None:
        self.last_tooltip = text
        QToolTip.showText(QCursor.pos(), text, self)

    def hide_tooltip(self) -> None:
        QToolTip.hideText()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        add_export_actions(menu, self, self.stem)
        menu.exec(event.globalPos())

    def save_png(self, path: str) -> None:
        save_widget_png(self, path)


def new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1.5)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(6, 6, 6, 6))
    return chart


def line_legend(chart: QChart, series: object) -> None:
    """The legend entry of a line series drawn as a short line in its pen (a cap dashed,
    BAU dotted); bars keep their filled box, points their dot."""
    if isinstance(series, QLineSeries):  # a QScatterSeries is no QLineSeries
        for marker in chart.legend().markers(series):
            marker.setShape(QLegend.MarkerShape.MarkerShapeFromSeries)


def make_pen(color: str, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(color))
    pen.setWidthF(width)
    pen.setStyle(style)
    return pen


def line_series(name: str, points: Sequence[tuple[float, float]], pen: QPen) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    series.setPen(pen)
    for x_value, y_value in points:
        series.append(QPointF(float(x_value), float(y_value)))
    return series


def scaled_points(pairs: Iterable[tuple[float, float]],
                  divisor: float) -> list[tuple[float, float]]:
    """(x, value) pairs with the values in an axis's unit."""
    return [(x_value, value / divisor) for x_value, value in pairs]


def attach(chart: QChart, series, x_axis, y_axis) -> None:
    chart.addSeries(series)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    line_legend(chart, series)


def year_runs(values: pd.Series) -> list[list[tuple[int, float]]]:
    """Contiguous runs of non-blank values (a cap missing in some years has gaps)."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for year, value in values.items():
        if pd.isna(value):
            if current:
                runs.append(current)
            current = []
        else:
            current.append((int(year), float(value)))
    if current:
        runs.append(current)
    return runs


def connect_line_tooltip(view: PlanChartView, series: QLineSeries,
                          text_for_year: Callable[[int], str], years: Sequence[int]) -> None:
    def on_hovered(point: QPointF, state: bool) -> None:
        if not state or not years:
            view.hide_tooltip()
            return
        year = min(years, key=lambda y: abs(y - point.x()))
        view.show_tooltip(text_for_year(year))

    series.hovered.connect(on_hovered)


def add_year_bars(chart: QChart, view: PlanChartView, series: QAbstractBarSeries,
                  years: Sequence[int], x_axis: QAbstractAxis, width: float,
                  text: Callable[[int, QBarSet], str]) -> None:
    """Add bars of one value a year on x_axis, with a tooltip of text(year, bar set)."""
    def on_hovered(status: bool, index: int, bar_set: QBarSet) -> None:
        if not status or not 0 <= index < len(years):
            view.hide_tooltip()
            return
        view.show_tooltip(text(years[index], bar_set))

    series.hovered.connect(on_hovered)
    series.setBarWidth(width)
    chart.addSeries(series)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)


def bar_sets(view: QChartView) -> list[QBarSet]:
    """The bar sets of a chart's stacked bar series (for tests and export)."""
    sets: list[QBarSet] = []
    for series in view.chart().series():
        if isinstance(series, QStackedBarSeries):
            sets.extend(series.barSets())
    return sets


def toggle_on_legend_click(chart: QChart) -> None:
    """Clicking a legend entry hides or shows its series (dims the entry)."""
    for marker in chart.legend().markers():
        def on_clicked(marker=marker) -> None:  # noqa: ANN001
            series = marker.series()
            series.setVisible(not series.isVisible())
            marker.setVisible(True)
            color = marker.labelBrush().color()
            color.setAlphaF(1.0 if series.isVisible() else 0.4)
            marker.setLabelBrush(color)

        marker.clicked.connect(on_clicked)
