"""Charts of a what-if run (QtCharts): NPV by case beside BAU, emissions by case against
the caps, the tornado, and the sweep with markers where the plan changes.

Every chart is built from the run's tables (the Cases Results, Cases Annual and Cases
Retrofits frames, or a study's tornado and by-value frames), so results read back
from a workbook draw exactly as a run made in this session. Titles, axis units,
legends and hover tooltips follow planner.gui.charts; each chart saves as PNG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from planner.convert import finite_number
from planner.gui.charts import (
    BAU_COLOR,
    CAP_COLOR,
    PLAN_COLOR,
    AxisScale,
    PlanChartView,
    add_year_axes,
    attach,
    axis_scale,
    connect_line_tooltip,
    line_series,
    make_pen,
    new_chart,
    nice_ticks,
    scaled_points,
    value_axis,
    year_runs,
)
from planner.plan import MEETS_CAPS
from planner.reports import format_money, format_number
from planner.schema import normalize
from planner.whatif.cases import is_base
from planner.whatif.parameters import case_words, parameter_words

# Cases other than Base, in order; no red (the caps) and no navy (Base).
CASE_PALETTE = ("#E8A33D", "#2E9E5B", "#7B5EA7", "#2BB3C0", "#D4609A", "#8C564B",
                "#A5A83A", "#3B75AF", "#937860", "#E377C2", "#17BECF", "#BCBD22")
LOW_COLOR, HIGH_COLOR = "#3B75AF", "#E8A33D"
EMISSIONS_COLOR = "#2E9E5B"
CHANGE_COLOR = "#7F7F7F"


def case_colors(names: Sequence[str]) -> dict[str, QColor]:
    """Base navy, the other cases from CASE_PALETTE in order."""
    colors: dict[str, QColor] = {}
    others = 0
    for name in names:
        if is_base(name):
            colors[name] = QColor(PLAN_COLOR)
        else:
            colors[name] = QColor(CASE_PALETTE[others % len(CASE_PALETTE)])
            others += 1
    return colors


def _toggle_on_legend_click(chart: QChart) -> None:
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


def npv_label(case: str, difference: float | None, status: str, currency: str) -> str:
    """A category label: the case and its NPV against Base, or why it has no NPV."""
    if is_base(case):
        return case
    case = case_words(case)
    if difference is None:
        words = {"infeasible": "caps cannot be met", "invalid": "inputs contradict",
                 "error": "no result"}.get(normalize(status), normalize(status) or "no NPV")
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
    scale = _emission_scale(axis_scale(largest, "tCO2e"))
    x_axis, y_axis = add_year_axes(chart, years, f"Emissions ({scale.unit}/year)",
                                   max(largest, 1.0) * 1.04 / scale.divisor)
    colors = case_colors(names)
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
        base_line = is_base(name)
        emissions = table["emissions_tco2e"].dropna()
        series = line_series(case_words(name), scaled_points(emissions.items(), scale.divisor),
                             make_pen(colors[name].name(), 3.4 if base_line else 1.6))
        series.setPointsVisible(False)
        attach(chart, series, x_axis, y_axis)
        connect_line_tooltip(view, series, tooltip_for(name), years)
    cap_sources = [(names[0], base_caps, QColor(CAP_COLOR), "Cap")] if names else []
    for name in names[1:]:
        caps = by_case[name]["cap_tco2e"]
        if not _same_series(caps, base_caps):
            cap_sources.append((name, caps, colors[name], f"Cap in {case_words(name)}"))
    for number, (name, caps, color, label) in enumerate(cap_sources):
        # Base's cap: a wide translucent band, so that emissions riding it stay visible
        # on it; a case's own cap: a dashed line in the case's colour.
        band = QColor(color)
        band.setAlpha(80)
        cap_pen = make_pen(band.name(QColor.NameFormat.HexArgb), 7.0) if number == 0 else \
            make_pen(color.name(), 1.6, Qt.PenStyle.DashLine)
        for position, run in enumerate(year_runs(caps)):
            series = line_series(label, scaled_points(run, scale.divisor), cap_pen)
            attach(chart, series, x_axis, y_axis)
            connect_line_tooltip(view, series, tooltip_for(name), years)
            if position > 0:
                chart.legend().markers(series)[0].setVisible(False)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    _toggle_on_legend_click(chart)
    return view


def _emission_scale(scale: AxisScale) -> AxisScale:
    """kt CO2e and Mt CO2e: the units planners use, short enough for an axis title."""
    words = {"thousand tCO2e": "kt CO2e", "million tCO2e": "Mt CO2e"}
    return AxisScale(scale.divisor, words.get(scale.unit, scale.unit))


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
        scale = _emission_scale(scale)
    percent = f"{swing * 100:g}%"
    series = QHorizontalBarSeries()
    for label, values, color in ((f"Parameter −{percent}", lows, LOW_COLOR),
                                 (f"Parameter +{percent}", highs, HIGH_COLOR)):
        bar_set = QBarSet(label)
        bar_set.setColor(QColor(color))
        bar_set.append([0.0 if v is None else v / scale.divisor for v in values])
        series.append(bar_set)
    series.setBarWidth(0.8)
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


def bar_label(parameter: str, item: str) -> str:
    """A tornado bar's label in the schema's words (``Fuel price, oil fuels``); the
    tooltip keeps the workbook's name of the parameter."""
    return parameter_words(parameter, item)


# --- sweep ----------------------------------------------------------------------------

@dataclass
class PlanChange:
    """How the plan at ``value`` differs from the plan at the value before it."""

    value: float
    previous: float
    taken_up: list[str] = field(default_factory=list)  # "vessel technology (year)"
    dropped: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # "vessel technology 2028 → 2031"

    def words(self) -> str:
        parts = []
        for title, items in (("Taken up", self.taken_up), ("Dropped", self.dropped),
                             ("Moved", self.moved)):
            if items:
                shown = items[:6] + ([f"and {len(items) - 6} more"] if len(items) > 6 else [])
                parts.append(f"{title}: " + "; ".join(shown))
        return "\n".join(parts)


def plan_changes(by_value: pd.DataFrame, retrofits: pd.DataFrame) -> list[PlanChange]:
    """Where the plan changes along a sweep: the values (ascending) whose retrofits
    differ from those of the value before; only cases with a plan that meets its caps."""
    usable = by_value[by_value["status"].map(lambda s: normalize(s) in MEETS_CAPS)]
    usable = usable.assign(value=usable["value"].astype(float)).sort_values("value",
                                                                            kind="stable")
    plans: list[tuple[float, dict[tuple[str, str], list[int]]]] = []
    for value, case in zip(usable["value"], usable["case"], strict=True):
        chosen: dict[tuple[str, str], list[int]] = {}
        for row in retrofits[retrofits["case"] == case].itertuples(index=False):
            chosen.setdefault((str(row.vessel_id), str(row.technology)), []).append(
                int(row.year))
        plans.append((float(value), {key: sorted(v) for key, v in chosen.items()}))
    changes = []
    for (before_value, before), (value, after) in zip(plans, plans[1:], strict=False):
        change = PlanChange(value, before_value)
        for key in sorted(set(before) | set(after)):
            title = f"{key[0]} {key[1]}"
            if key not in before:
                change.taken_up.append(f"{title} ({', '.join(map(str, after[key]))})")
            elif key not in after:
                change.dropped.append(f"{title} ({', '.join(map(str, before[key]))})")
            elif before[key] != after[key]:
                change.moved.append(f"{title} {', '.join(map(str, before[key]))} → "
                                    f"{', '.join(map(str, after[key]))}")
        if change.taken_up or change.dropped or change.moved:
            changes.append(change)
    return changes


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
    mass = _emission_scale(axis_scale(float(emissions.abs().max())
                                      if emissions.notna().any() else 0.0, "tCO2e"))
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    ticks = nice_ticks(low, high if high > low else low + 1.0)
    x_axis = QValueAxis()
    x_axis.setTitleText(f"{what} ({unit})" if unit else what)
    x_axis.setLabelFormat(f"%.{ticks.decimals}f")
    x_axis.setRange(ticks.low, ticks.high)
    x_axis.setTickCount(ticks.count)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    npv_axis = _fitted_axis(f"Net present cost ({money.unit})", npv, money)
    npv_axis.setLinePenColor(QColor(PLAN_COLOR))
    chart.addAxis(npv_axis, Qt.AlignmentFlag.AlignLeft)
    emissions_axis = _fitted_axis(f"Cumulative emissions ({mass.unit})", emissions, mass)
    emissions_axis.setLinePenColor(QColor(EMISSIONS_COLOR))
    chart.addAxis(emissions_axis, Qt.AlignmentFlag.AlignRight)
    changes = plan_changes(by_value, retrofits)
    change_at = {change.value: change for change in changes}

    def text(index: int) -> str:
        row = frame.iloc[index]
        lines = [f"{what} = {_value_text(values[index])}", f"Case: {row['case']}",
                 f"Status: {row['status']}",
                 f"NPV: {format_money(finite_number(row['objective']), currency)}",
                 f"Cumulative emissions: {format_number(finite_number(row['emissions_tco2e']), 0, 'tCO2e')}",
                 f"Retrofits: {format_number(finite_number(row['retrofits']))}"]
        change = change_at.get(values[index])
        if change is not None:
            lines.append(f"The plan changes from {_value_text(change.previous)}:")
            lines.append(change.words())
        return "\n".join(lines)

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
    for position, change in enumerate(changes):
        marker = line_series("Plan changes", [(change.value, npv_axis.min()),
                                              (change.value, npv_axis.max())],
                             make_pen(CHANGE_COLOR, 1.4, Qt.PenStyle.DashLine))
        attach(chart, marker, x_axis, npv_axis)
        _connect_value_tooltip(view, marker, values, text)
        if position > 0:
            chart.legend().markers(marker)[0].setVisible(False)
    if changes:
        dots = QScatterSeries()
        dots.setName("Plan at the value")
        dots.setColor(QColor(CHANGE_COLOR))
        dots.setMarkerSize(10.0)
        for change in changes:
            index = values.index(change.value)
            if not pd.isna(npv[index]):
                dots.append(QPointF(change.value, npv[index] / money.divisor))
        attach(chart, dots, x_axis, npv_axis)
        _connect_value_tooltip(view, dots, values, text)
        chart.legend().markers(dots)[0].setVisible(False)
    _toggle_on_legend_click(chart)
    return view


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
