"""Axis maths of the charts: round tick ranges, thousands/millions scales, year axes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis, QChart, QValueAxis
from PySide6.QtCore import Qt


@dataclass(frozen=True)
class AxisScale:
    """Values are divided by ``divisor`` and the axis title says ``unit``."""

    divisor: float
    unit: str


def axis_scale(largest: float, unit: str, money: bool = False) -> AxisScale:
    """Thousands or millions so that axis labels stay short; 'million EUR', 'thousand tCO2e'."""
    largest = abs(largest) if largest == largest else 0.0
    if largest >= 2e9 and money:
        return AxisScale(1e9, f"billion {unit}")
    if largest >= 2e6:
        return AxisScale(1e6, f"million {unit}")
    if largest >= 2e3:
        return AxisScale(1e3, f"thousand {unit}")
    return AxisScale(1.0, unit)


def energy_scale(largest: float) -> AxisScale:
    """GJ, TJ or PJ for an energy axis."""
    largest = abs(largest) if largest == largest else 0.0
    if largest >= 2e6:
        return AxisScale(1e6, "PJ")
    if largest >= 2e3:
        return AxisScale(1e3, "TJ")
    return AxisScale(1.0, "GJ")


@dataclass(frozen=True)
class Ticks:
    """A round axis range: ``count`` ticks from ``low`` to ``high``, labels with ``decimals``."""

    low: float
    high: float
    count: int
    decimals: int


def nice_ticks(low: float, high: float, intervals: int = 5) -> Ticks:
    """A range covering low..high in about ``intervals`` steps of 1, 2, 2.5 or 5 x 10^n."""
    if not high > low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / intervals
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if not math.isclose(step * 10 ** decimals % 1, 0.0, abs_tol=1e-6):
        decimals += 1  # 2.5, 0.25, ...
    return Ticks(first, last, int(round((last - first) / step)) + 1, decimals)


def largest_value(frame: pd.DataFrame | pd.Series) -> float:
    values = frame.to_numpy(dtype=float).ravel()
    values = values[~pd.isna(values)]
    return float(abs(values).max()) if values.size else 0.0


def value_axis(title: str, low: float, high: float) -> QValueAxis:
    ticks = nice_ticks(low, high)
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setLabelFormat(f"%.{ticks.decimals}f")
    axis.setRange(ticks.low, ticks.high)
    axis.setTickCount(ticks.count)
    return axis


def year_category_axis(years: Sequence[int]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append([str(y) for y in years])
    axis.setTitleText("Year")
    if len(years) > 16:
        axis.setLabelsAngle(-90)
    return axis


def sparse_year_axis(years: list[int]) -> QCategoryAxis:
    """Years under bars at positions 0..n-1, labelled every 1, 2 or 5 years so that a
    chart a third of the window wide does not elide them."""
    axis = QCategoryAxis()
    axis.setTitleText("Year")
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-0.5, len(years) - 0.5)
    step = 1 if len(years) <= 8 else 2 if len(years) <= 14 else 5
    for position, year in enumerate(years):
        if year % step == 0 or (position == 0 and years[-1] - year >= step):
            axis.append(str(year), position)
    axis.setGridLineVisible(False)
    return axis


def year_value_axis(years: Sequence[int]) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText("Year")
    axis.setLabelFormat("%.0f")
    first, last = (years[0], years[-1]) if years else (0, 1)
    axis.setRange(first - 0.5, last + 0.5)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(first)
    span = last - first
    axis.setTickInterval(1 if span <= 15 else 2 if span <= 30 else 5)
    if span > 15:
        axis.setLabelsAngle(-90)
    return axis


def add_year_axes(chart: QChart, years: Sequence[int], y_title: str,
                  y_high: float) -> tuple[QValueAxis, QValueAxis]:
    """Years along the bottom, a value axis from 0 to ``y_high`` on the left."""
    x_axis = year_value_axis(years)
    y_axis = value_axis(y_title, 0.0, y_high)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    return x_axis, y_axis


def emission_scale(scale: AxisScale) -> AxisScale:
    """kt CO2e and Mt CO2e: the units planners use, short enough for an axis title."""
    words = {"thousand tCO2e": "kt CO2e", "million tCO2e": "Mt CO2e"}
    return AxisScale(scale.divisor, words.get(scale.unit, scale.unit))
