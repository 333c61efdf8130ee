"""Charts of a plan (QtCharts): emissions and intensity against the caps, costs by kind,
fuel mix.

Every chart has a title, axis titles with units (money in the scenario's currency,
scaled to thousands or millions so the axis labels stay short), a legend, and
tooltips: hovering a bar or a point shows its year and value. Colours and line
styles come from gui/palette.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from planner import reports
from planner.gui.chart_axes import (
    AxisScale,
    add_year_axes,
    axis_scale,
    emission_scale,
    energy_scale,
    largest_value,
    value_axis,
    year_category_axis,
)
from planner.gui.chart_parts import (
    PlanChartView,
    add_year_bars,
    attach,
    connect_line_tooltip,
    line_series,
    make_pen,
    new_chart,
    scaled_points,
    year_runs,
)
from planner.gui.palette import (
    BAU_COLOR,
    CAP_COLOR,
    COST_COLORS,
    PLAN_COLOR,
    SHORT_COLOR,
    SOFT_COLOR,
    fuel_colors,
)
from planner.plan import Plan, Status
from planner.reports import format_money, format_number


def _add_cap_lines(chart: QChart, view: PlanChartView, caps: pd.Series, scale: AxisScale,
                   x_axis: QValueAxis, y_axis: QValueAxis, name: str,
                   tooltip: Callable[[int], str], years: list[int]) -> None:
    for pos, run in enumerate(year_runs(caps)):
        # Dashed black, added after the plan: where the cap binds, both stay visible.
        pen = make_pen(CAP_COLOR, 1.6, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([4.0, 3.0])
        series = line_series(name, scaled_points(run, scale.divisor), pen)
        attach(chart, series, x_axis, y_axis)
        connect_line_tooltip(view, series, tooltip, years)
        if pos > 0:  # one legend entry for all of a cap's pieces
            chart.legend().markers(series)[0].setVisible(False)


def emissions_chart(plan: Plan) -> PlanChartView:
    """Plan emissions per year against the absolute cap, with business as usual."""
    table = reports.annual(plan)
    years = [int(y) for y in table.index]
    chart = new_chart("Emissions against the caps")
    view = PlanChartView(chart, "emissions")
    columns = ["emissions_tco2e", "bau_emissions_tco2e", "cap_tco2e"]
    scale = emission_scale(axis_scale(largest_value(table[columns]), "tCO2e"))
    # The chart title says "Emissions": the axis gives the unit, short enough for any height.
    x_axis, y_axis = add_year_axes(chart, years, f"{scale.unit}/year",
                                   largest_value(table[columns]) * 1.04 / scale.divisor)
    short = set(plan.shortfall_years) if plan.status is Status.INFEASIBLE else set()
    over = set(reports.years_over_cap(plan)) - short

    def tooltip(year: int) -> str:
        row = table.loc[year]
        lines = [f"{year}", f"Plan: {format_number(row['emissions_tco2e'], 0, 'tCO2e')}",
                 f"Business as usual: {format_number(row['bau_emissions_tco2e'], 0, 'tCO2e')}"]
        if not pd.isna(row["cap_tco2e"]):
            lines.append(f"Cap: {format_number(row['cap_tco2e'], 0, 'tCO2e')}")
        if year in short:
            lines.append("Short of a hard cap")
        elif year in over:
            lines.append("Above a soft cap (penalty paid)")
        return "\n".join(lines)

    bau = line_series("Business as usual",
                      scaled_points(table["bau_emissions_tco2e"].items(), scale.divisor),
                      make_pen(BAU_COLOR, 2.0, Qt.PenStyle.DotLine))
    planned = line_series("Plan", scaled_points(table["emissions_tco2e"].items(), scale.divisor),
                          make_pen(PLAN_COLOR, 4.0))
    planned.setPointsVisible(True)
    for series in (planned, bau):
        attach(chart, series, x_axis, y_axis)
        connect_line_tooltip(view, series, tooltip, years)
    _add_cap_lines(chart, view, table["cap_tco2e"], scale, x_axis, y_axis, "Cap", tooltip,
                   years)
    circle, square = (QScatterSeries.MarkerShape.MarkerShapeCircle,
                      QScatterSeries.MarkerShape.MarkerShapeRectangle)
    for marked, name, color, shape in ((short, "Short of a hard cap", SHORT_COLOR, circle),
                                       (over, "Above a soft cap", SOFT_COLOR, square)):
        if not marked:
            continue
        dots = QScatterSeries()
        dots.setName(name)
        dots.setMarkerShape(shape)
        dots.setColor(QColor(color))
        dots.setBorderColor(QColor(color).darker(130))
        dots.setMarkerSize(11.0)
        for year in sorted(marked):
            dots.append(QPointF(year, table.loc[year, "emissions_tco2e"] / scale.divisor))
        attach(chart, dots, x_axis, y_axis)
        connect_line_tooltip(view, dots, tooltip, years)
    return view


def has_intensity_caps(plan: Plan) -> bool:
    table = reports.annual(plan)
    return not table.empty and bool(table["intensity_cap_gco2e_per_mj"].notna().any())


def intensity_chart(plan: Plan) -> PlanChartView:
    """Fleet emission intensity per year against the intensity cap."""
    table = reports.annual(plan)
    years = [int(y) for y in table.index]
    chart = new_chart("Emission intensity against the intensity cap")
    view = PlanChartView(chart, "intensity")
    largest = max(largest_value(table[["intensity_gco2e_per_mj",
                                  "intensity_cap_gco2e_per_mj"]]), 1.0)
    scale = AxisScale(1.0, "gCO2e/MJ")
    x_axis, y_axis = add_year_axes(chart, years, "Intensity (gCO2e/MJ)", largest * 1.04)

    def tooltip(year: int) -> str:
        row = table.loc[year]
        lines = [f"{year}", f"Plan: {format_number(row['intensity_gco2e_per_mj'], 2)} gCO2e/MJ"]
        if not pd.isna(row["intensity_cap_gco2e_per_mj"]):
            lines.append(f"Intensity cap: "
                         f"{format_number(row['intensity_cap_gco2e_per_mj'], 2)} gCO2e/MJ")
        return "\n".join(lines)

    planned = line_series("Plan", list(table["intensity_gco2e_per_mj"].items()),
                          make_pen(PLAN_COLOR, 2.5))
    planned.setPointsVisible(True)
    attach(chart, planned, x_axis, y_axis)
    connect_line_tooltip(view, planned, tooltip, years)
    _add_cap_lines(chart, view, table["intensity_cap_gco2e_per_mj"], scale, x_axis, y_axis,
                   "Intensity cap", tooltip, years)
    return view


def _stacked_bars(chart: QChart, view: PlanChartView, frame: pd.DataFrame,
                  labels: dict[str, str], colors: dict[str, QColor], scale: AxisScale,
                  tooltip: Callable[[int, str], str]) -> tuple[QBarCategoryAxis, QStackedBarSeries]:
    series = QStackedBarSeries()
    names = {}
    for column in frame.columns:
        bar_set = QBarSet(labels.get(column, str(column)))
        bar_set.setColor(colors[column])
        bar_set.setBorderColor(colors[column].darker(115))
        bar_set.append([float(v) / scale.divisor for v in frame[column]])
        series.append(bar_set)
        names[bar_set.label()] = column
    years = [int(y) for y in frame.index]
    x_axis = year_category_axis(years)
    add_year_bars(chart, view, series, years, x_axis, 0.7,
                  lambda year, bar_set: tooltip(year, names[bar_set.label()]))
    return x_axis, series


def costs_chart(plan: Plan, currency: str) -> PlanChartView:
    """Undiscounted costs per year stacked by kind, salvage below zero, and the net total."""
    costs = reports.costs_by_kind(plan)
    kinds = [k for k in reports.COST_KINDS if costs[k].abs().sum() > 0] or ["fuel"]
    chart = new_chart("Costs per year by kind (undiscounted)")
    view = PlanChartView(chart, "costs")
    positive = costs[kinds].clip(lower=0).sum(axis=1)
    negative = costs[kinds].clip(upper=0).sum(axis=1)
    scale = axis_scale(max(largest_value(positive), largest_value(negative)), currency, money=True)

    labels = reports.cost_labels(plan)
    literal = reports.annual(plan).get("fueleu_penalty_literal")

    def tooltip(year: int, kind: str) -> str:
        lines = [f"{year}", f"{labels[kind]}: "
                 f"{format_money(costs.loc[year, kind], currency, compact=False)}"]
        if kind == "fueleu_penalty" and literal is not None:  # regimes.md: both, side by side
            lines.append("By the literal formula: "
                         f"{format_money(literal.get(year), currency, compact=False)}")
        lines.append(f"Net total: "
                     f"{format_money(costs.loc[year, reports.TOTAL], currency, compact=False)}")
        return "\n".join(lines)

    colors = {k: QColor(COST_COLORS[k]) for k in kinds}
    x_axis, series = _stacked_bars(chart, view, costs[kinds], labels, colors, scale, tooltip)
    low = min(0.0, float(negative.min()) if len(negative) else 0.0) / scale.divisor
    high = float(positive.max()) / scale.divisor * 1.04 if len(positive) else 1.0
    y_axis = value_axis(f"Cost per year ({scale.unit})", low * 1.04, high)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    total = line_series("Net total", scaled_points(enumerate(costs[reports.TOTAL]),
                                                   scale.divisor),
                        make_pen("#111111", 2.0))
    total.setPointsVisible(True)
    attach(chart, total, x_axis, y_axis)
    _connect_total_tooltip(view, total, costs, currency)
    return view


def _connect_total_tooltip(view: PlanChartView, total: QLineSeries, costs: pd.DataFrame,
                           currency: str) -> None:
    """The total line sits on category positions 0..n-1, not on years."""
    years = [int(y) for y in costs.index]

    def on_hovered(point: QPointF, state: bool) -> None:
        if not state or not years:
            view.hide_tooltip()
            return
        index = min(range(len(years)), key=lambda i: abs(i - point.x()))
        view.show_tooltip(f"{years[index]}\nNet total: " + format_money(
            costs.iloc[index][reports.TOTAL], currency, compact=False))

    total.hovered.connect(on_hovered)


def fuel_mix_chart(plan: Plan, families: dict[str, str]) -> PlanChartView:
    """Energy per year stacked by fuel."""
    mix = reports.fuel_mix(plan)
    chart = new_chart("Fuel mix: energy by fuel per year")
    view = PlanChartView(chart, "fuel-mix")
    if mix.columns.empty:
        mix = mix.assign(**{"No fuel": 0.0})
    totals = mix.sum(axis=1)
    scale = energy_scale(largest_value(totals))
    colors = fuel_colors(list(mix.columns), families)

    def tooltip(year: int, fuel: str) -> str:
        energy = mix.loc[year, fuel]
        share = energy / totals[year] if totals[year] else 0.0
        return (f"{year}\n{fuel}: {format_number(energy, 0, 'GJ')} "
                f"({reports.format_share(share)} of the year's energy)")

    _x_axis, series = _stacked_bars(chart, view, mix, {}, colors, scale, tooltip)
    y_axis = value_axis(f"Energy ({scale.unit} per year)", 0.0,
                         largest_value(totals) * 1.04 / scale.divisor)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    return view
