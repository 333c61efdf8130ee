"""Charts a planner can read (issue 13): a colour-blind-safe palette where no two lines
differ by hue alone, the cap drawn over the plan, legible schedule labels at 1280x800."""

from __future__ import annotations

from hand_plans import Retrofit, hand_plan, hand_scenario
from PySide6.QtCharts import QLegend, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics

from planner.gui import charts, palette
from planner.gui.schedule_grid import ScheduleGrid


def test_the_cap_and_a_missed_hard_cap_have_their_own_colours() -> None:
    colours = {palette.CAP_COLOR, palette.SHORT_COLOR, palette.SOFT_COLOR, palette.PLAN_COLOR,
               palette.BAU_COLOR}
    assert len(colours) == 5


def test_six_cases_differ_in_colour_and_in_line_style() -> None:
    names = ["Base", "A", "B", "C", "D", "E", "F"]
    styles = palette.case_styles(names)
    others = [styles[name] for name in names[1:]]
    assert len({style.color.name() for style in others}) == 6
    assert len({style.style for style in others[:5]}) == 5  # dashes change with the colour
    assert styles["Base"].width > max(style.width for style in others)
    assert all(style.color != QColor(palette.PLAN_COLOR) for style in others)
    assert all(style.color != QColor(palette.CAP_COLOR) for style in others)


def test_oil_and_ammonia_fuels_are_far_apart() -> None:
    colours = palette.fuel_colors(["VLSFO", "e-Ammonia", "LNG"],
                                  {"VLSFO": "oil", "e-Ammonia": "ammonia", "LNG": "lng"})
    oil, ammonia = colours["VLSFO"], colours["e-Ammonia"]
    assert abs(oil.hue() - ammonia.hue()) > 60 or oil.saturation() < 40


def test_the_cap_is_drawn_dashed_over_the_plan_line(qapp) -> None:
    scenario = hand_scenario()
    view = charts.emissions_chart(hand_plan(scenario))
    lines = [s for s in view.chart().series() if isinstance(s, QLineSeries)]
    names = [s.name() for s in lines]
    assert names.index("Cap") > names.index("Plan")  # added later: painted on top
    cap, plan = lines[names.index("Cap")].pen(), lines[names.index("Plan")].pen()
    assert cap.style() != Qt.PenStyle.SolidLine and cap.widthF() < plan.widthF()
    title = next(a.titleText() for a in view.chart().axes() if "CO2e" in a.titleText())
    assert title == "kt CO2e/year"  # fits beside the chart at any height; the title says what
    # the legend draws each entry like its series: the cap's entry is a dashed line too
    legend = view.chart().legend()
    from_series = QLegend.MarkerShape.MarkerShapeFromSeries
    assert legend.markers(lines[names.index("Cap")])[0].shape() == from_series
    assert all(marker.shape() != from_series for marker in legend.markers()
               if not isinstance(marker.series(), QLineSeries))  # bars keep their box


def test_several_retrofits_in_a_year_keep_their_labels_at_the_normal_size(qapp) -> None:
    scenario = hand_scenario()
    busy = [Retrofit("9401001", "Methanol dual-fuel conversion", 2028),
            Retrofit("9401001", "Air lubrication", 2028),
            Retrofit("9401002", "Air lubrication", 2027)]
    grid = ScheduleGrid()
    grid.set_plan(hand_plan(scenario, busy), scenario, "EUR")
    line = QFontMetrics(grid.font()).height()
    busy_row = grid.cell_rect(0, 2)  # 9401001 in 2028: two stripes
    quiet_row = grid.cell_rect(2, 2)
    assert busy_row.height() >= 2 * line
    assert quiet_row.height() < busy_row.height()
    assert grid.rows[0].label == "Pacific Dawn"  # the name; the id is in the tooltip
    assert grid.cell_tooltip(0, 2).startswith("Pacific Dawn (9401001), 2028")


def test_a_25_year_schedule_fits_a_1280_wide_window(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtCore import QSettings

    from planner.gui import dialogs
    from planner.gui.dialogs import SaveChoice
    from planner.gui.main_window import MainWindow
    from planner.scenario import new_scenario

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: SaveChoice.DISCARD)
    scenario = hand_scenario()
    long = new_scenario(2026, 2050)
    scenario.tables["Settings"] = long.tables["Settings"]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    grid = window.results_view.schedule_grid
    grid.set_plan(hand_plan(scenario), scenario, "EUR")
    grid.years = list(range(2026, 2051))
    grid.updateGeometry()
    window.show()
    window.tabs.setCurrentWidget(window.results_view)
    qtbot.wait(20)
    assert grid.sizeHint().width() <= window.width() - 40


def test_a_narrow_year_axis_labels_every_1_2_or_5_years(qapp) -> None:
    from planner.gui.chart_axes import sparse_year_axis

    def labels(years: list[int]) -> list[str]:
        return sparse_year_axis(years).categoriesLabels()

    assert labels([2025, 2026, 2027]) == ["2025", "2026", "2027"]
    assert labels(list(range(2025, 2037))) == [str(y) for y in range(2025, 2037)
                                                if y % 2 == 0 or y == 2025]
    assert labels(list(range(2025, 2051))) == ["2025", "2030", "2035", "2040", "2045", "2050"]
