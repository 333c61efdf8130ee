"""Compliance at a glance (QtCharts): per regime in force, its lines year by year.

FuelEU: the balance (surplus above zero, deficit below), what was banked or borrowed and
the deficit that pays the penalty; EU ETS: the emissions charged; NZF: Tier 1 and Tier 2
units bought and surplus units earned and used. Every chart has units on its axes and a
tooltip per year with the regime's payments, the FuelEU penalty as modelled and by the
literal formula side by side (regimes.md). The numbers come from planner.regimes.glance.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarSeries, QBarSet
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from planner.gui.chart_axes import (
    axis_scale,
    emission_scale,
    largest_value,
    sparse_year_axis,
    value_axis,
)
from planner.gui.chart_parts import PlanChartView, add_year_bars, new_chart
from planner.gui.palette import BLUE, COST_COLORS, GREEN, ORANGE, SKY_BLUE, VERMILLION
from planner.plan import Plan
from planner.regimes import rules
from planner.regimes.glance import RegimeLines, drawn_columns, line_title, regime_lines
from planner.reports import ETS_LABEL, format_money, format_number

# Okabe-Ito colours (palette.py); the NZF tiers take their cost-stack colours.
LINE_COLORS = {
    "fueleu_balance_tco2e": BLUE, "fueleu_banked_tco2e": GREEN,
    "fueleu_borrowed_tco2e": ORANGE, "fueleu_deficit_tco2e": VERMILLION,
    "ets_tco2e": COST_COLORS["carbon"],
    "nzf_tier1_units": COST_COLORS["nzf_tier1"], "nzf_tier2_units": COST_COLORS["nzf_tier2"],
    "nzf_surplus_earned": GREEN, "nzf_surplus_used": SKY_BLUE,
}
PAYMENT_WORDS = {"fueleu_penalty": "FuelEU penalty (as modelled)",
                 "fueleu_penalty_literal": "FuelEU penalty (literal formula)",
                 "fueleu_rfnbo_penalty": "RFNBO penalty", "carbon": ETS_LABEL,
                 "nzf_tier1": "Tier 1 units cost", "nzf_tier2": "Tier 2 units cost"}
DRAWN_BELOW_ZERO = ("fueleu_deficit_tco2e",)  # regime glance signs it -1


def compliance_charts(plan: Plan, currency: str) -> list[PlanChartView]:
    """One chart per regime in force (none without regimes)."""
    return [regime_chart(lines, currency) for lines in regime_lines(plan)]


def year_tooltip(lines: RegimeLines, year: int, currency: str) -> str:
    """A year of one regime: every line (the deficit as a positive amount) and payment."""
    words = [str(year)]
    row = lines.lines.loc[year]
    for name in lines.lines.columns:
        value = abs(row[name]) if name in DRAWN_BELOW_ZERO else row[name]
        words.append(f"{line_title(name)}: {format_number(value, 0, 'tCO2e')}")
    for name in lines.payments.columns:
        amount = lines.payments.at[year, name]
        words.append(f"{PAYMENT_WORDS[name]}: {format_money(amount, currency, compact=False)}")
    if lines.key == "nzf":
        words += extrapolation_note(year)
    return "\n".join(words)


def extrapolation_note(year: int) -> list[str]:
    """The NZF defaults of a year that are our extrapolation of the IMO draft."""
    guessed = rules.extrapolated_defaults(year)
    if not guessed:
        return []
    return [f"Default {' and '.join(guessed)} of {year} are our extrapolation of the IMO "
            "draft, not IMO decisions (unless set on the Regimes sheet)"]


def regime_chart(lines: RegimeLines, currency: str) -> PlanChartView:
    """Grouped bars per year of one regime's drawn lines, tCO2e on the value axis."""
    chart = new_chart(lines.title)
    view = PlanChartView(chart, f"compliance-{lines.key}")
    view.setMinimumSize(340, 230)  # with the table's six rows in an 800-pixel window
    drawn = lines.lines[list(drawn_columns(lines.key))]
    scale = emission_scale(axis_scale(largest_value(drawn), "tCO2e"))  # kt CO2e: fits
    years = [int(y) for y in drawn.index]
    series = QBarSeries()
    for name in drawn.columns:
        bar_set = QBarSet(line_title(name, short=True))
        color = QColor(LINE_COLORS[name])
        bar_set.setColor(color)
        bar_set.setBorderColor(color.darker(115))
        bar_set.append([float(v) / scale.divisor for v in drawn[name]])
        series.append(bar_set)
    x_axis = sparse_year_axis(years)
    add_year_bars(chart, view, series, years, x_axis, 0.85,
                  lambda year, _bar_set: year_tooltip(lines, year, currency))
    low = min(0.0, float(drawn.to_numpy().min()) if drawn.size else 0.0) / scale.divisor
    high = max(0.0, float(drawn.to_numpy().max()) if drawn.size else 0.0) / scale.divisor
    y_axis = value_axis(scale.unit, low * 1.04, high * 1.04 or 1.0)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    return view
