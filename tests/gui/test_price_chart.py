"""The fuel price chart: paths as the model reads them, following every edit."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QLineSeries

from planner.gui.commands import AddYearColumn, SetCells
from planner.gui.price_chart import PriceChart, hover_text, price_paths


def test_paths_are_interpolated_and_held_flat_on_the_horizon(document) -> None:
    vlsfo, methanol = price_paths(document)
    assert vlsfo.fuel == "VLSFO" and vlsfo.given == {2026: 600.0, 2035: 700.0}
    assert list(vlsfo.path) == list(range(2026, 2036))
    assert vlsfo.path[2030] == pytest.approx(600 + 100 * 4 / 9)
    assert methanol.path[2028] == pytest.approx(1100.0)
    assert methanol.path[2035] == 1000.0  # flat after the last given year


def test_fuels_without_a_valid_price_are_left_out(document) -> None:
    document.undo_stack.push(SetCells(document, "FuelPrices",
                                      [(0, 2026, "n/a"), (0, 2035, None)]))
    assert [path.fuel for path in price_paths(document)] == ["Bio-methanol"]


def test_the_chart_follows_edits(qtbot, document) -> None:
    chart = PriceChart(document)
    qtbot.addWidget(chart)
    lines = [s for s in chart.chart.series() if isinstance(s, QLineSeries)
             and s.name()]
    assert [line.name() for line in lines] == ["VLSFO", "Bio-methanol"]
    assert chart.price_axis.titleText() == "Price (USD/t)"
    document.undo_stack.push(AddYearColumn(document, "FuelPrices", 2031))
    document.undo_stack.push(SetCells(document, "FuelPrices", [(0, 2031, 1500.0)]))
    qtbot.waitUntil(lambda: chart.paths[0].path[2031] == 1500.0, timeout=2000)
    assert chart.paths[0].given == {2026: 600.0, 2031: 1500.0, 2035: 700.0}
    assert chart.price_axis.max() >= 1500


def test_hover_text_names_fuel_year_price_and_whether_given(document) -> None:
    vlsfo = price_paths(document)[0]
    assert hover_text(vlsfo, 2026, "USD") == "VLSFO, 2026: 600 USD/t (given)"
    assert hover_text(vlsfo, 2030, "EUR") == "VLSFO, 2030: 644 EUR/t (interpolated)"
