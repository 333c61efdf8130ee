"""The sweep's chart: NPV and cumulative emissions against the swept value, with a
marker at each value where the plan changes (and what changes, in the tooltip)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCharts import QChart, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from planner.convert import finite_number
from planner.gui.chart_axes import AxisScale, axis_scale, emission_scale, nice_ticks, value_axis
from planner.gui.chart_parts import (
    PlanChartView,
    attach,
    line_series,
    make_pen,
    new_chart,
    toggle_on_legend_click,
)
from planner.gui.palette import CHANGE_COLOR, EMISSIONS_COLOR, PLAN_COLOR
from planner.reports import format_money, format_number
from planner.whatif.sweep_changes import PlanChange, plan_changes


def sweep_chart(by_value: pd.DataFrame, retrofits: pd.DataFrame, what: str, unit: str,
                currency: str) -> PlanChartView:
    """NPV (left axis) and cumulative emissions (right axis) against the swept value,
    with a dashed marker at each value where the plan changes."""
    chart = new_chart(f"Sweep of {what}: cost and emissions against the value")
    view = PlanChartView(chart, "sweep")
    frame = by_value.assign(value=by_value["value"].astype(float)).sort_values(
        "value", kind="stable").reset_index(drop=True)
    npv = pd.to_numeric(frame["objective"], errors="coerce").astype(float)
    emissions = pd.to_numeric(frame["emissions_tco2e"], errors="coerce").astype(float)
    values = frame["value"].tolist()
    money = axis_scale(float(npv.abs().max()) if npv.notna().any() else 0.0, currency,
                       money=True)
    mass = emission_scale(axis_scale(float(emissions.abs().max())
                                     if emissions.notna().any() else 0.0, "tCO2e"))
    x_axis = _value_axis(chart, values, f"{what} ({unit})" if unit else what)
    # Each side axis is titled by its unit only, in its line's colour (the legend names the
    # lines): "Net present cost (billion USD)" is longer than the chart is high.
    npv_axis = _side_axis(chart, money.unit, npv, money, PLAN_COLOR, Qt.AlignmentFlag.AlignLeft)
    emissions_axis = _side_axis(chart, mass.unit, emissions, mass, EMISSIONS_COLOR,
                                Qt.AlignmentFlag.AlignRight)
    changes = plan_changes(by_value, retrofits)
    text = _tooltip_text(frame, values, what, currency, changes)
    for name, series_values, scale, axis, color, style in (
            ("Net present cost", npv, money, npv_axis, PLAN_COLOR, Qt.PenStyle.SolidLine),
            ("Cumulative emissions", emissions, mass, emissions_axis, EMISSIONS_COLOR,
             Qt.PenStyle.DashLine)):
        points = [(x, y / scale.divisor) for x, y in zip(values, series_values, strict=True)
                  if not pd.isna(y)]
        series = line_series(name, points, make_pen(color, 2.4, style))
        series.setPointsVisible(True)
        attach(chart, series, x_axis, axis)
        _connect_value_tooltip(view, series, values, text)
    _add_change_marks(chart, view, changes, (x_axis, npv_axis), values, npv / money.divisor,
                      text)
    toggle_on_legend_click(chart)
    return view


def _value_axis(chart: QChart, values: list[float], title: str) -> QValueAxis:
    """The swept values along the bottom, on round ticks."""
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    ticks = nice_ticks(low, high if high > low else low + 1.0)
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setLabelFormat(f"%.{ticks.decimals}f")
    axis.setRange(ticks.low, ticks.high)
    axis.setTickCount(ticks.count)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    return axis


def _side_axis(chart: QChart, title: str, values: pd.Series, scale: AxisScale, color: str,
               side: Qt.AlignmentFlag) -> QValueAxis:
    axis = _fitted_axis(title, values, scale)
    axis.setLinePenColor(QColor(color))
    axis.setTitleBrush(QColor(color))  # the unit in its line's colour says whose axis it is
    chart.addAxis(axis, side)
    return axis


def _tooltip_text(frame: pd.DataFrame, values: list[float], what: str, currency: str,
                  changes: list[PlanChange]) -> Callable[[int], str]:
    change_at = {change.value: change for change in changes}

    def text(index: int) -> str:
        row = frame.iloc[index]
        emissions = format_number(finite_number(row["emissions_tco2e"]), 0, "tCO2e")
        lines = [f"{what} = {_value_text(values[index])}", f"Case: {row['case']}",
                 f"Status: {row['status']}",
                 f"NPV: {format_money(finite_number(row['objective']), currency)}",
                 f"Cumulative emissions: {emissions}",
                 f"Retrofits: {format_number(finite_number(row['retrofits']))}"]
        change = change_at.get(values[index])
        if change is not None:
            lines.append(f"The plan changes from {_value_text(change.previous)}:")
            lines.append(change.words())
        return "\n".join(lines)

    return text


def _add_change_marks(chart: QChart, view: PlanChartView, changes: list[PlanChange],
                      axes: tuple[QValueAxis, QValueAxis], values: list[float],
                      npv: pd.Series, text: Callable[[int], str]) -> None:
    """A dashed vertical line at each value where the plan changes, a dot on the NPV."""
    x_axis, npv_axis = axes
    for position, change in enumerate(changes):
        marker = line_series("Plan changes", [(change.value, npv_axis.min()),
                                              (change.value, npv_axis.max())],
                             make_pen(CHANGE_COLOR, 1.4, Qt.PenStyle.DashLine))
        attach(chart, marker, x_axis, npv_axis)
        _connect_value_tooltip(view, marker, values, text)
        if position > 0:
            chart.legend().markers(marker)[0].setVisible(False)
    if not changes:
        return
    dots = QScatterSeries()
    dots.setName("Plan at the value")
    dots.setColor(QColor(CHANGE_COLOR))
    dots.setMarkerSize(10.0)
    for change in changes:
        index = values.index(change.value)
        if not pd.isna(npv[index]):
            dots.append(QPointF(change.value, npv[index]))
    attach(chart, dots, x_axis, npv_axis)
    _connect_value_tooltip(view, dots, values, text)
    chart.legend().markers(dots)[0].setVisible(False)


def _fitted_axis(title: str, values: pd.Series, scale: AxisScale) -> QValueAxis:
    """A value axis around the values (not from zero: a sweep shows how they move)."""
    present = values.dropna() / scale.divisor
    if present.empty:
        return value_axis(title, 0.0, 1.0)
    low, high = float(present.min()), float(present.max())
    spread = high - low
    # Equal values (to rounding) get a band around them, not a range of zero width.
    margin = spread * 0.08 if spread > 1e-9 * max(1.0, abs(high)) else abs(high) * 0.02 or 1.0
    return value_axis(title, low - margin, high + margin)


def _value_text(value: float) -> str:
    return f"{value:,.6g}"


def _connect_value_tooltip(view: PlanChartView, series, values: list[float], text) -> None:  # noqa: ANN001
    def on_hovered(point: QPointF, state: bool) -> None:
        if not state or not values:
            view.hide_tooltip()
            return
        index = min(range(len(values)), key=lambda i: abs(values[i] - point.x()))
        view.show_tooltip(text(index))

    series.hovered.connect(on_hovered)
