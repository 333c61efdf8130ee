"""Charts of a plan (QtCharts): emissions against the caps, costs by kind, fuel mix, PNG export.

Every chart has a title, axis titles with units (money in the scenario's currency,
scaled to thousands or millions so the axis labels stay short), a legend, and
tooltips: hovering a bar or a point shows its year and value. Colours are fixed
per cost kind, per fuel (by its family: oil grey, LNG blue, methanol green, ...)
and per technology, so the same thing has the same colour in every chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QFileDialog, QMenu, QToolTip, QWidget

from planner import reports
from planner.errors import SaveError
from planner.plan import Plan, Status
from planner.reports import format_money, format_number
from planner.scenario import Scenario
from planner.schema import normalize, split_list

# --- colours -------------------------------------------------------------------------

COST_COLORS = {
    "capex": "#3B75AF", "offhire": "#9DC3E6", "opex": "#F28E2B", "fuel": "#8C8C8C",
    "carbon": "#8C564B", "penalty": "#D62728", "salvage": "#59A14F",
}
FAMILY_COLORS = {
    "oil": "#5B4636", "lng": "#3B75AF", "methanol": "#2E9E5B", "ammonia": "#7B5EA7",
    "hydrogen": "#2BB3C0", "electricity": "#E3B505", "battery": "#E3B505",
}
# For families without a colour of their own and for efficiency technologies: hues
# away from the families' (no blue, green, purple or cyan).
OTHER_COLORS = ("#E8A33D", "#D4609A", "#A5A83A", "#C44E52", "#937860", "#E377C2",
                "#B5651D", "#7F7F7F", "#F2CF5B", "#8C2D19")
PLAN_COLOR = "#1F3A68"
BAU_COLOR = "#8C8C8C"
CAP_COLOR = "#D62728"
SOFT_COLOR = "#F28E2B"
# A family's further fuels: hue turned a little and lighter or darker (hue degrees, %).
_SHADE_STEPS = ((14, 155), (-14, 62), (28, 195), (-28, 48), (40, 225))


def shade(base: QColor, rank: int) -> QColor:
    """The colour of a family's ``rank``-th fuel: the family's colour itself for rank 0."""
    if rank == 0:
        return QColor(base)
    hue_turn, factor = _SHADE_STEPS[(rank - 1) % len(_SHADE_STEPS)]
    color = QColor(base)
    hue, saturation, value, alpha = color.getHsv()
    if hue >= 0:  # greys have no hue to turn
        color.setHsv((hue + hue_turn) % 360, saturation, value, alpha)
    return color.lighter(factor) if factor > 100 else color.darker(int(10000 / factor))


def fuel_colors(fuels: Sequence[str], families: dict[str, str]) -> dict[str, QColor]:
    """A colour per fuel: its family's hue; a family's other fuels in other shades of it."""
    colors: dict[str, QColor] = {}
    seen_in_family: dict[str, int] = {}
    spare = iter(OTHER_COLORS * 3)
    spare_by_family: dict[str, str] = {}
    by_key = {normalize(name): family for name, family in families.items()}
    for fuel in fuels:
        family = by_key.get(normalize(fuel), "")
        if family in FAMILY_COLORS:
            base = QColor(FAMILY_COLORS[family])
        else:
            if family not in spare_by_family or not family:
                spare_by_family[family] = next(spare)
            base = QColor(spare_by_family[family])
        rank = seen_in_family.get(family, 0)
        seen_in_family[family] = rank + 1
        colors[fuel] = shade(base, rank)
    return colors


def technology_colors(technologies: Sequence[str],
                      scenario: Scenario | None = None) -> dict[str, QColor]:
    """A colour per technology: a conversion takes the colour of the family it enables
    (darker), an efficiency technology one of the other colours, in sheet order."""
    enables: dict[str, str] = {}
    order: list[str] = []
    if scenario is not None:
        for row in scenario.technologies.to_dict("records"):
            key = normalize(row["technology"])
            order.append(key)
            families = [normalize(f) for f in split_list(row["enables"])]
            if normalize(row["kind"]) == "conversion" and families:
                enables[key] = families[0]
    # Every technology of the sheet gets its colour, so a plan without one of them
    # does not shift the others' colours.
    keys = [normalize(t) for t in technologies]
    ranked = list(dict.fromkeys(order)) + sorted({k for k in keys if k not in order})
    colors_by_key: dict[str, QColor] = {}
    spare = 0
    for key in ranked:
        family = enables.get(key)
        if family in FAMILY_COLORS:
            colors_by_key[key] = QColor(FAMILY_COLORS[family]).darker(115)
        else:
            colors_by_key[key] = QColor(OTHER_COLORS[spare % len(OTHER_COLORS)])
            spare += 1
    return {name: colors_by_key[normalize(name)] for name in technologies}


# --- scales and formatting -----------------------------------------------------------

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


def _largest(frame: pd.DataFrame | pd.Series) -> float:
    values = frame.to_numpy(dtype=float).ravel()
    values = values[~pd.isna(values)]
    return float(abs(values).max()) if values.size else 0.0


# --- PNG export ----------------------------------------------------------------------

def ask_png_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save a chart; None when the planner cancels (patched in tests)."""
    path, _selected = QFileDialog.getSaveFileName(parent, "Save chart as PNG", suggested,
                                                  "PNG image (*.png)")
    if not path:
        return None
    return path if path.lower().endswith(".png") else path + ".png"


def save_widget_png(widget: QWidget, path: str) -> None:
    """Write what the widget shows to a PNG file; SaveError when it cannot be written."""
    if widget.width() < 50 or widget.height() < 50:
        widget.resize(widget.sizeHint().expandedTo(widget.minimumSizeHint()))
    content_rect = getattr(widget, "content_rect", None)
    pixmap = widget.grab(content_rect()) if content_rect is not None else widget.grab()
    if not pixmap.save(path, "PNG"):
        raise SaveError(f"Could not write the image {path}: check the folder exists and "
                        "is writable.")


def export_png(widget: QWidget, stem: str) -> str | None:
    """Ask where, then save; a failure is shown to the planner. Returns the path written."""
    path = ask_png_path(widget, f"{stem}.png")
    if path is None:
        return None
    try:
        save_widget_png(widget, path)
    except SaveError as error:
        from planner.gui.solve_panel import show_error

        show_error(widget, str(error), "")
        return None
    return path


def add_export_actions(menu: QMenu, widget: QWidget, stem: str) -> None:
    """'Save as PNG…' and 'Copy image' in a context menu."""
    menu.addAction("Save as PNG…", lambda: export_png(widget, stem))
    menu.addAction("Copy image", lambda: QGuiApplication.clipboard().setPixmap(widget.grab()))


# --- the chart view ------------------------------------------------------------------

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


def value_axis(title: str, low: float, high: float) -> QValueAxis:
    ticks = nice_ticks(low, high)
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setLabelFormat(f"%.{ticks.decimals}f")
    axis.setRange(ticks.low, ticks.high)
    axis.setTickCount(ticks.count)
    return axis


def _year_category_axis(years: Sequence[int]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append([str(y) for y in years])
    axis.setTitleText("Year")
    if len(years) > 16:
        axis.setLabelsAngle(-90)
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


def add_year_axes(chart: QChart, years: Sequence[int], y_title: str,
                  y_high: float) -> tuple[QValueAxis, QValueAxis]:
    """Years along the bottom, a value axis from 0 to ``y_high`` on the left."""
    x_axis = year_value_axis(years)
    y_axis = value_axis(y_title, 0.0, y_high)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    return x_axis, y_axis


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


def _add_cap_lines(chart: QChart, view: PlanChartView, caps: pd.Series, scale: AxisScale,
                   x_axis: QValueAxis, y_axis: QValueAxis, name: str,
                   tooltip: Callable[[int], str], years: list[int]) -> None:
    for pos, run in enumerate(year_runs(caps)):
        series = line_series(name, scaled_points(run, scale.divisor),
                             make_pen(CAP_COLOR, 2.0, Qt.PenStyle.DashLine))
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
    scale = axis_scale(_largest(table[columns]), "tCO2e")
    x_axis, y_axis = add_year_axes(chart, years, f"Emissions ({scale.unit} per year)",
                                   _largest(table[columns]) * 1.04 / scale.divisor)
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
                          make_pen(PLAN_COLOR, 2.5))
    planned.setPointsVisible(True)
    for series in (planned, bau):
        attach(chart, series, x_axis, y_axis)
        connect_line_tooltip(view, series, tooltip, years)
    _add_cap_lines(chart, view, table["cap_tco2e"], scale, x_axis, y_axis, "Cap", tooltip,
                   years)
    for marked, name, color in ((short, "Short of a hard cap", CAP_COLOR),
                                (over, "Above a soft cap", SOFT_COLOR)):
        if not marked:
            continue
        dots = QScatterSeries()
        dots.setName(name)
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
    largest = max(_largest(table[["intensity_gco2e_per_mj",
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

    def on_hovered(status: bool, index: int, bar_set: QBarSet) -> None:
        if not status or not 0 <= index < len(years):
            view.hide_tooltip()
            return
        view.show_tooltip(tooltip(years[index], names[bar_set.label()]))

    series.hovered.connect(on_hovered)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    x_axis = _year_category_axis(years)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    return x_axis, series


def costs_chart(plan: Plan, currency: str) -> PlanChartView:
    """Undiscounted costs per year stacked by kind, salvage below zero, and the net total."""
    costs = reports.costs_by_kind(plan)
    kinds = [k for k in reports.COST_KINDS if costs[k].abs().sum() > 0] or ["fuel"]
    chart = new_chart("Costs per year by kind (undiscounted)")
    view = PlanChartView(chart, "costs")
    positive = costs[kinds].clip(lower=0).sum(axis=1)
    negative = costs[kinds].clip(upper=0).sum(axis=1)
    scale = axis_scale(max(_largest(positive), _largest(negative)), currency, money=True)

    def tooltip(year: int, kind: str) -> str:
        return (f"{year}\n{reports.COST_LABELS[kind]}: "
                f"{format_money(costs.loc[year, kind], currency, compact=False)}\n"
                f"Net total: {format_money(costs.loc[year, reports.TOTAL], currency, compact=False)}")

    colors = {k: QColor(COST_COLORS[k]) for k in kinds}
    x_axis, series = _stacked_bars(chart, view, costs[kinds], reports.COST_LABELS, colors,
                                   scale, tooltip)
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
    scale = energy_scale(_largest(totals))
    colors = fuel_colors(list(mix.columns), families)

    def tooltip(year: int, fuel: str) -> str:
        energy = mix.loc[year, fuel]
        share = energy / totals[year] if totals[year] else 0.0
        return (f"{year}\n{fuel}: {format_number(energy, 0, 'GJ')} "
                f"({reports.format_share(share)} of the year's energy)")

    _x_axis, series = _stacked_bars(chart, view, mix, {}, colors, scale, tooltip)
    y_axis = value_axis(f"Energy ({scale.unit} per year)", 0.0,
                         _largest(totals) * 1.04 / scale.divisor)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    return view


def bar_sets(view: QChartView) -> list[QBarSet]:
    """The bar sets of a chart's stacked bar series (for tests and export)."""
    sets: list[QBarSet] = []
    for series in view.chart().series():
        if isinstance(series, QStackedBarSeries):
            sets.extend(series.barSets())
    return sets

