"""The report's charts: emissions against caps and BAU, the cost stack, the fuel mix, the cases.

Drawn with matplotlib into a rectangle of a report page. They must read on a
black-and-white printout: every series differs by line style and marker or by hatch,
not only by colour (the colours are the Okabe-Ito set, which colour-blind readers
tell apart too); numbers carry thousands separators and every axis names its unit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from planner import colors
from planner.board_report.layout import fit_axes, plain

Rect = tuple[float, float, float, float]

# The app's colours (planner.colors), distinguishable with any colour vision; hatches
# and dashes carry the series on a grey printout.
COLOURS = (colors.BLUE, colors.ORANGE, colors.GREEN, colors.PURPLE, colors.SKY_BLUE,
           colors.VERMILLION, colors.YELLOW, "#999999")
HATCHES = ("", "///", "...", "xx", "\\\\\\", "--", "++", "oo", "||")
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 3)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
MOST_STACKED = 7  # series in a stack before the smallest are put together as "Other"
TEXT_SIZE = 8.0


def _scaled(axes: Axes) -> FuncFormatter:
    """Thousands separators, with the decimals the axis's range needs (0.5, not 0 and 1)."""
    def label(value: float, _position: object = None) -> str:
        low, high = axes.get_ylim()
        span = abs(high - low)
        decimals = 0 if span >= 10 else 1 if span >= 1 else 2
        text = f"{value:,.{decimals}f}"
        return text[1:] if text.startswith("-") and float(text.replace(",", "")) == 0 else text

    return FuncFormatter(label)


def _style_axes(axes: Axes, ylabel: str, years: Sequence[int]) -> None:
    axes.set_ylabel(ylabel, fontsize=TEXT_SIZE)
    axes.tick_params(labelsize=TEXT_SIZE - 0.5)
    axes.yaxis.set_major_formatter(_scaled(axes))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}"))
    if len(years):
        axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
    axes.grid(axis="y", color="0.85", linewidth=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _legend_below(axes: Axes, columns: int = 4) -> None:
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=columns,
                fontsize=TEXT_SIZE - 0.5, frameon=False, handlelength=2.6, columnspacing=1.4)


def emissions_chart(figure: Figure, rect: Rect, annual: pd.DataFrame,
                    over_cap: Sequence[int]) -> None:
    """Emissions per year against the absolute cap and business as usual (tCO2e)."""
    axes = figure.add_axes(rect)
    years = [int(y) for y in annual.index]
    axes.plot(years, annual["bau_emissions_tco2e"], linestyle="--", color=colors.BAU_COLOR,
              linewidth=1.6, label="Business as usual")
    caps = annual["cap_tco2e"]
    if caps.notna().any():
        axes.plot(years, caps, linestyle="-.", color=colors.CAP_COLOR, linewidth=1.3,
                  drawstyle="steps-mid", label="Emissions cap")
    axes.plot(years, annual["emissions_tco2e"], linestyle="-", color=colors.PLAN_COLOR,
              linewidth=2.2, marker="o", markersize=3.2, label="Plan")
    if over_cap:
        over = annual.loc[[y for y in over_cap if y in annual.index], "emissions_tco2e"]
        axes.plot(list(over.index), list(over), linestyle="none", marker="X", color="black",
                  markersize=7, label="Above a cap (penalty paid or short)")
    axes.set_ylim(bottom=0)
    _style_axes(axes, "Emissions (tCO2e per year)", years)
    _legend_below(axes)
    fit_axes(axes, rect)


def intensity_chart(figure: Figure, rect: Rect, annual: pd.DataFrame) -> None:
    """The fleet's emission intensity against the intensity cap (gCO2e/MJ)."""
    axes = figure.add_axes(rect)
    years = [int(y) for y in annual.index]
    axes.plot(years, annual["intensity_cap_gco2e_per_mj"], linestyle="-.",
              color=colors.CAP_COLOR, linewidth=1.3, drawstyle="steps-mid",
              label="Intensity cap")
    axes.plot(years, annual["intensity_gco2e_per_mj"], linestyle="-", color=colors.PLAN_COLOR,
              linewidth=2.2, marker="o", markersize=3.2, label="Plan")
    axes.set_ylim(bottom=0)
    _style_axes(axes, "Intensity (gCO2e/MJ)", years)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.1f}"))
    _legend_below(axes)
    fit_axes(axes, rect)


def stacked_bars(figure: Figure, rect: Rect, table: pd.DataFrame, labels: dict[str, str],
                 ylabel: str, total: pd.Series | None = None,
                 total_label: str = "Total", percent: bool = False,
                 fills: dict[str, str] | None = None) -> None:
    """One bar per year (the index), a hatched segment per column (filled with
    ``fills[column]`` when given); negatives below zero."""
    axes = figure.add_axes(rect)
    years = [int(y) for y in table.index]
    positive = [0.0] * len(years)
    negative = [0.0] * len(years)
    # The largest series gets the plain fill: a dense hatch over most of the chart
    # would drown the others.
    ranks = {column: rank for rank, column in enumerate(
        table.abs().sum().sort_values(ascending=False, kind="stable").index)}
    for column in table.columns:
        number = ranks[column]
        values = [float(v) for v in table[column]]
        bottoms = [negative[i] if v < 0 else positive[i] for i, v in enumerate(values)]
        axes.bar(years, values, bottom=bottoms, width=0.78,
                 color=(fills or {}).get(column, COLOURS[number % len(COLOURS)]),
                 hatch=HATCHES[number % len(HATCHES)],
                 edgecolor="black", linewidth=0.4, label=plain(labels.get(column, str(column))))
        for i, v in enumerate(values):
            if v < 0:
                negative[i] += v
            else:
                positive[i] += v
    if total is not None:
        axes.plot(years, list(total), linestyle="none", marker="D", markersize=3.5,
                  color="black", label=total_label)
    _style_axes(axes, ylabel, years)
    if percent:
        axes.set_ylim(0, 100)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0f}%"))
    if any(v < 0 for v in negative):
        axes.axhline(0, color="black", linewidth=0.6)
    _legend_below(axes)
    fit_axes(axes, rect)


def largest(table: pd.DataFrame, keep: int = MOST_STACKED, other: str = "Other") -> pd.DataFrame:
    """The ``keep`` - 1 largest columns (by total) and the rest added up as ``other``."""
    if len(table.columns) <= keep:
        return table
    order = table.abs().sum().sort_values(ascending=False, kind="stable").index
    kept = list(order[: keep - 1])
    result = table[kept].copy()
    result[other] = table.drop(columns=kept).sum(axis=1)
    return result


def lines_chart(figure: Figure, rect: Rect, series: dict[str, pd.Series], ylabel: str,
                reference: pd.Series | None = None, reference_label: str = "") -> None:
    """One line per named series (years as the index), each with its own dash and marker."""
    axes = figure.add_axes(rect)
    years: set[int] = set()
    if reference is not None and reference.notna().any():
        axes.plot([int(y) for y in reference.index], list(reference), linestyle="-.",
                  color=colors.CAP_COLOR, linewidth=1.1, drawstyle="steps-mid", label=plain(reference_label))
    for number, (name, values) in enumerate(series.items()):
        xs = [int(y) for y in values.index]
        years.update(xs)
        axes.plot(xs, list(values), linestyle=LINE_STYLES[number % len(LINE_STYLES)],
                  marker=MARKERS[number % len(MARKERS)], markersize=3.0,
                  color=(colors.CASE_COLORS[(number - 1) % len(colors.CASE_COLORS)]
                         if number else colors.PLAN_COLOR),
                  linewidth=2.0 if number == 0 else 1.3, label=plain(name))
    axes.set_ylim(bottom=0)
    _style_axes(axes, ylabel, sorted(years))
    _legend_below(axes, columns=3)
    fit_axes(axes, rect)
