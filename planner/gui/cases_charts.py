"""Charts of a what-if run (QtCharts): NPV by case beside BAU, emissions by case against
the caps, and the tornado (the sweep's chart is in sweep_chart.py).

Every chart is built from the run's tables (the Cases Results, Cases Annual and Cases
Retrofits frames, or a study's tornado and by-value frames), so results read back
from a workbook draw exactly as a run made in this session. Titles, axis units,
legends and hover tooltips follow planner.gui.charts; each chart saves as PNG.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from planner.cases.parameters import case_words, parameter_words
from planner.cases.sheet import is_base
from planner.convert import finite_number
from planner.gui.chart_axes import (
    AxisScale,
    add_year_axes,
    axis_scale,
    emission_scale,
    value_axis,
)
from planner.gui.chart_parts import (
    PlanChartView,
    attach,
    connect_line_tooltip,
    line_series,
    make_pen,
    new_chart,
    scaled_points,
    toggle_on_legend_click,
    year_runs,
)
from planner.gui.palette import (
    BAU_COLOR,
    CAP_COLOR,
    HIGH_COLOR,
    LOW_COLOR,
    PLAN_COLOR,
    case_styles,
)
from planner.plan import Status
from planner.reports import format_money, format_number
from planner.schema import normalize

# --- NPV by case ------------------------------------------------------------------------

def _attach_bars(chart: QChart, series: QHorizontalBarSeries, labels: list[str],
                 x_axis: QValueAxis) -> QBarCategoryAxis:
    """Horizontal bars: one labelled row each on the left, the values along the bottom."""
    chart.addSeries(series)
    y_axis = QBarCategoryAxis()
    y_axis.append(labels)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    return y_axis


LABEL_CHARACTERS = 24  # a bar's name beside its figure still fits a 1280 px window


def short_label(text: str, limit: int = LABEL_CHARACTERS) -> str:
    """The text cut at a word before ``limit`` characters, with an ellipsis (the tooltip
    has it whole)."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(" ,(-") + "…"


def npv_label(case: str, difference: float | None, status: str, currency: str) -> str:
    """A category label: the case and its NPV against Base, or why it has no NPV."""
    if is_base(case):
        return case
    case = short_label(case_words(case))
    if difference is None:
        known = Status.parse(status)
        words = known.short_words if known is not None else normalize(status) or "no NPV"
        return f"{case} ({words})"
    return f"{case} ({format_money(difference, currency, signed=True)})"


def npv_chart(results: pd.DataFrame, currency: str) -> PlanChartView:
    """Each case's NPV beside its business-as-usual NPV, Base's NPV as a line."""
    chart = new_chart("Net present cost by case, beside business as usual")
    view = PlanChartView(chart, "cases-npv")
    rows = results.to_dict("records")[::-1]  # the first case on top
    npv = [finite_number(r["objective"]) for r in rows]
    bau = [finite_number(r["bau_objective"]) for r in rows]
    largest = max([abs(v) for v in npv + bau if v is not None], default=0.0)
    scale = axis_scale(largest, currency, money=True)
    series = QHorizontalBarSeries()
    plan_set = QBarSet("Case's least-cost plan")
    plan_set.setColor(QColor(PLAN_COLOR))
    bau_set = QBarSet("Business as usual")
    bau_set.setColor(QColor(BAU_COLOR))
    bau_set.setLabelColor(QColor(0, 0, 0, 0))  # values only on the plans' bars
    for bar_set, values in ((plan_set, npv), (bau_set, bau)):
        bar_set.append([0.0 if v is None else v / scale.divisor for v in values])
        series.append(bar_set)
    series.setBarWidth(0.75)
    series.setLabelsVisible(True)
    series.setLabelsPrecision(4)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
    labels = [npv_label(str(r["case"]), finite_number(r["difference_to_base"]), str(r["status"] or ""),
                        currency) for r in rows]

    def on_hovered(status: bool, index: int, _bar_set: QBarSet) -> None:
        if not status or not 0 <= index < len(rows):
            view.hide_tooltip()
            return
        row = rows[index]
        lines = [str(row["case"]), f"NPV: {format_money(npv[index], currency)}",
                 f"Business as usual: {format_money(bau[index], currency)}"]
        difference = finite_number(row["difference_to_base"])
        if difference is not None and not is_base(row["case"]):
            lines.append(f"Against Base: {format_money(difference, currency, signed=True)}")
        if npv[index] is None:
            lines.append(f"No NPV: status {row['status']}")
        view.show_tooltip("\n".join(lines))

    series.hovered.connect(on_hovered)
    x_axis = value_axis(f"Net present cost ({scale.unit})", 0.0,
                        max(largest, 1.0) * 1.04 / scale.divisor)
    y_axis = _attach_bars(chart, series, labels, x_axis)
    base = next((r for r in rows if is_base(r["case"])), None)
    base_npv = None if base is None else finite_number(base["objective"])
    if base_npv is not None:
        marker = line_series("Base NPV", [(base_npv / scale.divisor, -0.5),
                                          (base_npv / scale.divisor, len(rows) - 0.5)],
                             make_pen(CAP_COLOR, 1.5, Qt.PenStyle.DashLine))
        attach(chart, marker, x_axis, y_axis)
    return view


# --- emissions by case --------------------------------------------------------------------

def emissions_chart(annual: pd.DataFrame, order: Sequence[str]) -> PlanChartView:
    """Each case's emissions per year; Base's cap as a red band, a case's own cap (when a
    case changes the caps) dashed in the case's colour."""
    chart = new_chart("Emissions per year by case, against the caps")
    view = PlanChartView(chart, "cases-emissions")
    frame = annual.copy()
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce")
    frame = frame.dropna(subset=["year"])
    frame["year"] = frame["year"].astype(int)
    for column in ("emissions_tco2e", "cap_tco2e"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    names = [n for n in order if (frame["case"] == n).any()]
    years = sorted(frame["year"].unique().tolist())
    largest = float(pd.concat([frame["emissions_tco2e"], frame["cap_tco2e"]]).abs().max()) \
        if not frame.empty else 0.0
    largest = 0.0 if largest != largest else largest
    scale = emission_scale(axis_scale(largest, "tCO2e"))
    x_axis, y_axis = add_year_axes(chart, years, f"Emissions ({scale.unit}/year)",
                                   max(largest, 1.0) * 1.04 / scale.divisor)
    styles = case_styles(names)
    by_case = {name: frame[frame["case"] == name].set_index("year").sort_index()
               for name in names}
    base_caps = by_case[names[0]]["cap_tco2e"] if names else pd.Series(dtype=float)

    def tooltip_for(name: str):  # noqa: ANN202
        def text(year: int) -> str:
            table = by_case[name]
            if year not in table.index:
                return f"{name}, {year}: no value"
            row = table.loc[year]
            lines = [f"{name}, {year}",
                     f"Emissions: {format_number(row['emissions_tco2e'], 0, 'tCO2e')}"]
            if not pd.isna(row["cap_tco2e"]):
                lines.append(f"Cap: {format_number(row['cap_tco2e'], 0, 'tCO2e')}")
                if row["emissions_tco2e"] > row["cap_tco2e"] * (1 + 1e-6) + 1e-3:
                    lines.append("Above the cap")
            return "\n".join(lines)
        return text

    for name in names:
        table = by_case[name]
        emissions = table["emissions_tco2e"].dropna()
        series = line_series(case_words(name), scaled_points(emissions.items(), scale.divisor),
                             make_pen(styles[name].color.name(), styles[name].width,
                                      styles[name].style))
        series.setPointsVisible(False)
        attach(chart, series, x_axis, y_axis)
        connect_line_tooltip(view, series, tooltip_for(name), years)
    cap_sources = [(names[0], base_caps, QColor(CAP_COLOR), "Cap")] if names else []
    for name in names[1:]:
        caps = by_case[name]["cap_tco2e"]
        if not _same_series(caps, base_caps):
            cap_sources.append((name, caps, styles[name].color, f"Cap in {case_words(name)}"))
    for number, source in enumerate(cap_sources):
        _draw_cap(view, source, number == 0, (x_axis, y_axis), scale, tooltip_for, years)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    toggle_on_legend_click(chart)
    return view


def _draw_cap(view: PlanChartView, source: tuple[str, pd.Series, QColor, str], base: bool,
              axes: tuple[QValueAxis, QValueAxis], scale: AxisScale,
              tooltip_for: Callable[[str], Callable[[int], str]], years: list[int]) -> None:
    """Base's cap: a wide translucent band, so that emissions riding it stay visible on
    it; a case's own cap: a dashed line in the case's colour."""
    name, caps, color, label = source
    chart = view.chart()
    band = QColor(color)
    band.setAlpha(80)
    cap_pen = make_pen(band.name(QColor.NameFormat.HexArgb), 7.0) if base else \
        make_pen(color.name(), 1.6, Qt.PenStyle.DashLine)
    for position, run in enumerate(year_runs(caps)):
        series = line_series(label, scaled_points(run, scale.divisor), cap_pen)
        attach(chart, series, *axes)
        connect_line_tooltip(view, series, tooltip_for(name), years)
        if position > 0:
            chart.legend().markers(series)[0].setVisible(False)


def _same_series(first: pd.Series, second: pd.Series) -> bool:
    joined = pd.concat([first.rename("a"), second.rename("b")], axis=1)
    for a_value, b_value in zip(joined["a"], joined["b"], strict=True):
        if pd.isna(a_value) != pd.isna(b_value):
            return False
        if not pd.isna(a_value) and abs(a_value - b_value) > 1e-9 * max(1.0, abs(b_value)):
            return False
    return True


# --- tornado --------------------------------------------------------------------------

def tornado_chart(tornado: pd.DataFrame, base_value: float | None, metric: str,
                  swing: float, currency: str) -> PlanChartView:
    """Bars of each parameter's low and high case against Base, widest NPV range on top.

    ``metric`` is ``"objective"`` (NPV) or ``"emissions"`` (cumulative emissions).
    """
    money = metric == "objective"
    title = ("Tornado: net present cost against Base" if money
             else "Tornado: cumulative emissions against Base")
    chart = new_chart(title)
    view = PlanChartView(chart, "tornado-npv" if money else "tornado-emissions")
    rows = tornado.to_dict("records")[::-1]  # the widest on top
    low_key, high_key = (("objective_low", "objective_high") if money
                         else ("emissions_low", "emissions_high"))
    unit = currency if money else "tCO2e"

    def delta(value: object) -> float | None:
        number = finite_number(value)
        return None if number is None or base_value is None else number - base_value

    lows = [delta(r[low_key]) for r in rows]
    highs = [delta(r[high_key]) for r in rows]
    largest = max([abs(v) for v in lows + highs if v is not None], default=0.0)
    scale = axis_scale(largest, unit, money=money)
    if not money:
        scale = emission_scale(scale)
    percent = f"{swing * 100:g}%"
    series = _low_high_bars(lows, highs, percent, scale)
    labels = [bar_label(str(r["parameter"]), str(r["item"] or "")) for r in rows]

    def on_hovered(status: bool, index: int, bar_set: QBarSet) -> None:
        if not status or not 0 <= index < len(rows):
            view.hide_tooltip()
            return
        row = rows[index]
        title = f"{row['parameter']} {row['item'] or ''}".strip()
        high = bar_set.label().endswith(f"+{percent}")
        value = finite_number(row[high_key if high else low_key])
        change = delta(row[high_key if high else low_key])
        shown = (format_money(value, currency) if money else format_number(value, 0, "tCO2e"))
        against = (format_money(change, currency, signed=True) if money
                   else (("+" if change and change > 0 else "")
                         + format_number(change, 0, "tCO2e")))
        view.show_tooltip(f"{title} {'+' if high else '−'}{percent}\n"
                          f"{'NPV' if money else 'Cumulative emissions'}: {shown}\n"
                          f"Against Base: {against}\nCase: "
                          f"{row['case_high' if high else 'case_low']}")

    series.hovered.connect(on_hovered)
    bound = max(largest, 1.0) * 1.08 / scale.divisor
    x_axis = value_axis(f"vs Base ({scale.unit})", -bound, bound)
    y_axis = _attach_bars(chart, series, labels, x_axis)
    zero = line_series("Base", [(0.0, -0.5), (0.0, len(rows) - 0.5)], make_pen(PLAN_COLOR, 1.5))
    attach(chart, zero, x_axis, y_axis)
    return view


def _low_high_bars(lows: list[float | None], highs: list[float | None], percent: str,
                   scale: AxisScale) -> QHorizontalBarSeries:
    """The tornado's two bar sets: the parameter lowered (blue), raised (orange)."""
    series = QHorizontalBarSeries()
    for label, values, color in ((f"Parameter −{percent}", lows, LOW_COLOR),
                                 (f"Parameter +{percent}", highs, HIGH_COLOR)):
        bar_set = QBarSet(label)
        bar_set.setColor(QColor(color))
        bar_set.append([0.0 if v is None else v / scale.divisor for v in values])
        series.append(bar_set)
    series.setBarWidth(0.8)
    return series


def bar_label(parameter: str, item: str) -> str:
    """A tornado bar's label in the schema's words (``Fuel price, oil fuels``); the
    tooltip keeps the workbook's name of the parameter."""
    return parameter_words(parameter, item)
