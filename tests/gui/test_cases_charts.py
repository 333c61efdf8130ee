"""What-if charts and tables from hand-made runs: NPV by case, emissions against the caps,
schedule against Base, tornado, sweep with plan changes, the comparison table, PNG export,
and the study dialogs."""

from __future__ import annotations

import pandas as pd
import pytest
from hand_cases import cases_scenario, hand_run, hand_sensitivity, hand_sweep
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries, QLineSeries, QValueAxis
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from planner import schema
from planner.gui import cases_charts, cases_view, chart_export, study_dialog, sweep_chart
from planner.gui.cases_results import (
    TAB_EMISSIONS,
    TAB_NPV,
    TAB_SCHEDULE,
    TAB_SWEEP,
    TAB_TORNADO,
    CasesResultsPanel,
    CasesSummaryModel,
)
from planner.gui.document import Document
from planner.gui.schedule_diff import (
    ChangeKind,
    RetrofitChange,
    ScheduleDiffGrid,
    schedule_diff,
    summary_words,
)

EUR = "EUR"


@pytest.fixture
def scenario():
    return cases_scenario()


@pytest.fixture
def run(scenario):
    return hand_run(scenario)


@pytest.fixture
def tables(run, scenario):
    return run.output_tables(scenario)


@pytest.fixture
def panel(qtbot, scenario):
    document = Document(scenario)
    widget = CasesResultsPanel(document)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    yield widget
    document.deleteLater()


def bar_series(view) -> QHorizontalBarSeries:
    return next(s for s in view.chart().series() if isinstance(s, QHorizontalBarSeries))


def categories(view) -> list[str]:
    axis = next(a for a in view.chart().axes() if isinstance(a, QBarCategoryAxis))
    return list(axis.categories())


def lines(view) -> dict[str, list[QLineSeries]]:
    found: dict[str, list[QLineSeries]] = {}
    for series in view.chart().series():
        if isinstance(series, QLineSeries):
            found.setdefault(series.name(), []).append(series)
    return found


def axis_titles(view) -> list[str]:
    return [axis.titleText() for axis in view.chart().axes()]


# --- NPV by case ----------------------------------------------------------------------

def test_npv_bars_show_each_case_beside_bau_first_case_on_top(qapp, tables, run) -> None:
    results = tables[schema.CASES_RESULTS.name]
    view = cases_charts.npv_chart(results, EUR)
    plan_set, bau_set = bar_series(view).barSets()
    assert (plan_set.label(), bau_set.label()) == ("Case's least-cost plan",
                                                   "Business as usual")
    assert categories(view) == ["Tight caps (caps cannot be met)",
                                f"Slow yard ({cases_charts.format_money(run['Slow yard'].objective - run['Base'].objective, EUR, signed=True)})",
                                "Dear carbon (+26.4 M EUR)", "Base"]
    assert cases_charts.short_label("Cheap e-methanol from 2035") == "Cheap e-methanol from…"
    expected = [0.0, run["Slow yard"].objective, run["Dear carbon"].objective,
                run["Base"].objective]
    assert [plan_set.at(i) for i in range(4)] == pytest.approx([v / 1e6 for v in expected])
    assert bau_set.at(0) == pytest.approx(run["Tight caps"].bau_objective / 1e6)
    assert "Net present cost (million EUR)" in axis_titles(view)
    base_line = lines(view)["Base NPV"][0]
    assert [point.x() for point in base_line.points()] == pytest.approx(
        [run["Base"].objective / 1e6] * 2)


def test_npv_bar_tooltip_gives_the_case_its_npv_and_the_difference(qapp, tables) -> None:
    view = cases_charts.npv_chart(tables[schema.CASES_RESULTS.name], EUR)
    series = bar_series(view)
    series.hovered.emit(True, 2, series.barSets()[0])  # the first case is on top
    assert view.last_tooltip.startswith("Dear carbon\nNPV: ")
    assert "Against Base: +26.4 M EUR" in view.last_tooltip
    series.hovered.emit(True, 0, series.barSets()[0])
    assert "No NPV: status infeasible" in view.last_tooltip


# --- emissions by case --------------------------------------------------------------------

def test_emissions_per_case_with_base_cap_and_a_cases_own_caps(qapp, tables, run) -> None:
    annual = tables[schema.CASES_ANNUAL.name]
    view = cases_charts.emissions_chart(annual, list(run.names))
    found = lines(view)
    assert {"Base", "Dear carbon", "Slow yard", "Tight caps", "Cap",
            "Cap in Tight caps"} == set(found)
    base = run["Base"].plan.annual
    points = found["Base"][0].points()
    assert [p.x() for p in points] == list(base["year"])
    assert [p.y() for p in points] == pytest.approx(list(base["emissions_tco2e"] / 1e3))
    caps = found["Cap in Tight caps"][0].points()
    assert caps[0].y() == pytest.approx(0.9 * base["cap_tco2e"].iloc[0] / 1e3)
    assert "Emissions (kt CO2e/year)" in axis_titles(view)
    assert view.chart().legend().alignment() == Qt.AlignmentFlag.AlignRight


def test_emissions_tooltip_names_case_year_and_cap(qapp, tables, run) -> None:
    view = cases_charts.emissions_chart(tables[schema.CASES_ANNUAL.name], list(run.names))
    series = lines(view)["Dear carbon"][0]
    first = series.points()[0]
    series.hovered.emit(first, True)
    assert view.last_tooltip.startswith("Dear carbon, 2026\nEmissions: ")
    assert "Cap: 200,000 tCO2e" in view.last_tooltip


def test_clicking_a_legend_entry_hides_its_line(qapp, tables, run) -> None:
    view = cases_charts.emissions_chart(tables[schema.CASES_ANNUAL.name], list(run.names))
    series = lines(view)["Slow yard"][0]
    marker = view.chart().legend().markers(series)[0]
    marker.clicked.emit()
    assert not series.isVisible()
    marker.clicked.emit()
    assert series.isVisible()


# --- tornado ----------------------------------------------------------------------------

def test_tornado_bars_are_differences_to_base_widest_on_top(qapp) -> None:
    study = hand_sensitivity()
    base = study["Base"].objective
    view = cases_charts.tornado_chart(study.tornado, base, "objective", study.swing, EUR)
    assert categories(view) == ["Discount rate", "Fuel price, oil fuels"]
    low, high = bar_series(view).barSets()
    assert (low.label(), high.label()) == ("Parameter −20%", "Parameter +20%")
    oil_low = study["FuelPrices family:oil -20%"].objective
    oil_high = study["FuelPrices family:oil +20%"].objective
    assert low.at(1) == pytest.approx((oil_low - base) / 1e6)
    assert high.at(1) == pytest.approx((oil_high - base) / 1e6)
    axis = next(a for a in view.chart().axes() if isinstance(a, QValueAxis))
    assert axis.titleText() == "vs Base (million EUR)"
    assert axis.min() == pytest.approx(-axis.max())
    bar_series(view).hovered.emit(True, 1, high)
    assert view.last_tooltip.startswith("FuelPrices family:oil +20%\nNPV: ")
    assert "Case: FuelPrices family:oil +20%" in view.last_tooltip


def test_bar_labels_are_the_schema_words_not_identifiers() -> None:
    assert cases_charts.bar_label("Technologies.capex_fixed+capex_per_kw", "") == \
        "Capex per vessel and capex per kW"
    assert cases_charts.bar_label("Targets.carbon_price_per_tco2e", "") == "Carbon price"
    assert cases_charts.bar_label("FuelPrices", "family:ammonia") == "Fuel price, ammonia fuels"
    assert cases_charts.bar_label("Fleet.annual_fuel_t", "IMO1") == "Annual fuel, IMO1"


# --- sweep ------------------------------------------------------------------------------

def test_plan_changes_name_what_moved_between_values(scenario) -> None:
    study = hand_sweep(scenario)
    retrofits = study.output_tables()[schema.CASES_RETROFITS.name]
    changes = sweep_chart.plan_changes(study.by_value, retrofits)
    assert [(c.value, c.previous) for c in changes] == [(150.0, 100.0)]
    assert changes[0].moved == ["9401001 Methanol dual-fuel conversion 2028 → 2029"]
    assert changes[0].taken_up == [] and changes[0].dropped == []
    assert changes[0].words() == "Moved: 9401001 Methanol dual-fuel conversion 2028 → 2029"


def test_plan_changes_skip_values_without_a_plan_and_see_take_up_and_drop() -> None:
    by_value = pd.DataFrame({"value": [10.0, 20.0, 30.0, 40.0],
                             "case": ["a", "b", "c", "d"],
                             "status": ["optimal", "infeasible", "optimal", "feasible"]})
    retrofits = pd.DataFrame({"case": ["a", "b", "c", "d"],
                              "vessel_id": ["V1", "V9", "V2", "V2"],
                              "technology": ["Sails", "Sails", "Sails", "Sails"],
                              "year": [2030, 2030, 2031, 2031]})
    changes = sweep_chart.plan_changes(by_value, retrofits)
    assert [(c.value, c.previous, c.taken_up, c.dropped) for c in changes] == [
        (30.0, 10.0, ["V2 Sails (2031)"], ["V1 Sails (2030)"])]


def test_sweep_chart_has_npv_and_emissions_axes_and_a_marker_per_change(qapp, scenario) -> None:
    study = hand_sweep(scenario)
    retrofits = study.output_tables()[schema.CASES_RETROFITS.name]
    view = sweep_chart.sweep_chart(study.by_value, retrofits, "carbon price", "EUR/tCO2e",
                                    EUR)
    found = lines(view)
    npv = [p.y() for p in found["Net present cost"][0].points()]
    assert npv == pytest.approx([v / 1e6 for v in study.by_value["objective"]])
    assert [p.x() for p in found["Net present cost"][0].points()] == [50.0, 100.0, 150.0]
    assert {p.x() for p in found["Plan changes"][0].points()} == {150.0}
    titles = axis_titles(view)
    assert "carbon price (EUR/tCO2e)" in titles
    # the side axes say their units only (a full title would be clipped at this height)
    npv_axis = next(a for a in view.chart().axes() if a.titleText() == "million EUR")
    assert npv_axis.alignment() == Qt.AlignmentFlag.AlignLeft
    emissions_axis = next(a for a in view.chart().axes() if a.titleText() == "kt CO2e")
    assert emissions_axis.alignment() == Qt.AlignmentFlag.AlignRight
    assert emissions_axis.max() > emissions_axis.min()  # equal values still get a range
    found["Net present cost"][0].hovered.emit(found["Net present cost"][0].points()[2], True)
    assert "The plan changes from 100:" in view.last_tooltip
    assert "Moved: 9401001" in view.last_tooltip


# --- schedule against Base ------------------------------------------------------------

def frame(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["vessel_id", "technology", "year"])


def test_schedule_diff_pairs_retrofits_by_vessel_and_technology() -> None:
    base = frame([("V1", "Sails", 2028), ("V1", "Sails", 2035), ("V2", "LNG", 2030),
                  ("V3", "Hull", 2027)])
    case = frame([("V1", "Sails", 2035), ("V1", "Sails", 2040), ("V2", "LNG", 2030),
                  ("V4", "Hull", 2029)])
    changes = schedule_diff(base, case)
    assert changes == [
        RetrofitChange("V1", "Sails", 2028, 2040), RetrofitChange("V1", "Sails", 2035, 2035),
        RetrofitChange("V2", "LNG", 2030, 2030), RetrofitChange("V3", "Hull", 2027, None),
        RetrofitChange("V4", "Hull", None, 2029)]
    assert [c.kind for c in changes] == [ChangeKind.MOVED, ChangeKind.UNCHANGED,
                                         ChangeKind.UNCHANGED, ChangeKind.VANISHED,
                                         ChangeKind.APPEARED]
    assert summary_words(changes) == "1 moved, 1 appeared, 1 vanished, 2 unchanged"


def test_the_grid_marks_each_change_in_its_year(qtbot, tables, scenario) -> None:
    retrofits = tables[schema.CASES_RETROFITS.name]
    grid = ScheduleDiffGrid()
    qtbot.addWidget(grid)
    grid.set_schedules("Slow yard", retrofits[retrofits["case"] == "Base"],
                       retrofits[retrofits["case"] == "Slow yard"], scenario)
    grid.resize(grid.sizeHint())
    assert grid.vessels == ["9401001", "9401002", "9401003"]
    assert grid.years == list(range(2026, 2036))
    assert [m.style for m in grid.marks("9401001", 2028)] == ["moved_from"]
    assert [m.style for m in grid.marks("9401001", 2030)] == ["moved_to"]
    assert [m.style for m in grid.marks("9401003", 2030)] == ["vanished"]
    assert [m.style for m in grid.marks("9401003", 2033)] == ["appeared"]
    assert [m.style for m in grid.marks("9401002", 2027)] == ["unchanged"]
    row, column = grid.vessels.index("9401001"), grid.years.index(2030)
    assert grid.cell_at(grid.cell_rect(row, column).center()) == (row, column)
    assert grid.cell_tooltip(row, column) == (
        "9401001  Pacific Dawn, 2030\nMethanol dual-fuel conversion: moved here from 2028 "
        "(Base's year)")
    grid.set_only_changes(True)
    assert grid.vessels == ["9401001", "9401003"]


def test_the_grid_paints_without_error_and_says_when_there_is_nothing(qtbot, scenario) -> None:
    grid = ScheduleDiffGrid()
    qtbot.addWidget(grid)
    grid.set_schedules("X", None, None, scenario, "This case has no plan.")
    assert grid.vessels == [] and grid.message == "This case has no plan."
    assert not grid.grab().isNull()


# --- the panel --------------------------------------------------------------------------

def test_the_panel_shows_a_run_with_its_comparison_and_charts(panel, run) -> None:
    panel.document.set_cases_run(run)
    assert panel.content.isVisible() and not panel.empty_label.isVisible()
    assert panel.headline_label.text() == ("4 runs (Base and 3 cases), solved in 12.5 s on "
                                           "this computer, 2 at a time")
    assert set(panel.chart_views) == {"npv", "emissions"}
    assert not panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.pages[TAB_TORNADO]))
    assert [panel.schedule_case.itemText(i) for i in range(panel.schedule_case.count())] == \
        ["Dear carbon", "Slow yard", "Tight caps"]
    panel.select_case("slow yard")
    assert panel.schedule_grid.case == "Slow yard"
    assert panel.summary_view.currentIndex().row() == 2
    notes = panel.notes_box.toPlainText()
    assert "Regret: what Base's plan" in notes
    assert "Slow yard (optimal): Base's plan cannot be held here" in notes
    assert "Tight caps (infeasible): The case's caps cannot be met." in notes
    assert "Dear carbon" not in notes
    panel.schedule_case.setCurrentText("Tight caps")
    assert panel.schedule_grid.message.startswith("This case has no plan that meets its caps "
                                                  "(status infeasible)")


def test_the_panel_shows_a_tornado_and_a_sweep(panel, scenario) -> None:
    panel.document.set_cases_run(hand_sensitivity(scenario))
    assert {"tornado_npv", "tornado_emissions"} <= set(panel.chart_views)
    assert panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.pages[TAB_TORNADO]))
    assert panel.headline_label.text().startswith("Sensitivity (tornado, ±20%): 5 runs")
    panel.show_tab(TAB_TORNADO)
    assert panel.exportable_widget()[1] == "tornado"
    panel.document.set_cases_run(hand_sweep(scenario))
    assert "sweep" in panel.chart_views and "tornado_npv" not in panel.chart_views
    assert not panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.pages[TAB_TORNADO]))
    assert panel.headline_label.text().startswith(
        "Sweep of Carbon price: 4 runs")


def test_the_comparison_table_reads_in_millions_with_differences_coloured(qtmodeltester,
                                                                          tables) -> None:
    model = CasesSummaryModel()
    model.set_frame(tables[schema.CASES_RESULTS.name], EUR)
    qtmodeltester.check(model)
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    # the literal NPV beside the NPV (the view hides it when no case had a regime on)
    assert names[:6] == ["Case", "Status", "NPV\n(M EUR)", "NPV, literal\nFuelEU penalty\n(M EUR)",
                         "vs Base\n(M EUR)", "Regret\n(M EUR)"]

    def cell(row: int, name: str, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN202
        return model.data(model.index(row, [c.name for c in model.columns].index(name)), role)

    assert cell(1, "difference_to_base") == "+26.4"
    assert cell(1, "difference_to_base", Qt.ItemDataRole.ForegroundRole).color().name() == \
        "#b3261e"
    assert cell(3, "status", Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert cell(3, "objective") == ""
    assert cell(2, "regret") == ""
    assert "the yard takes 1 a year" in cell(2, "case", Qt.ItemDataRole.ToolTipRole)
    assert cell(0, "case", Qt.ItemDataRole.FontRole).bold()
    assert cell(0, "abatement_cost") == f"{tables['Cases Results']['abatement_cost'][0]:,.0f}"


# --- PNG export -----------------------------------------------------------------------

@pytest.mark.parametrize("tab", [TAB_NPV, TAB_EMISSIONS, TAB_SCHEDULE])
def test_each_chart_saves_as_png(panel, run, monkeypatch, tmp_path, tab) -> None:
    panel.document.set_cases_run(run)
    panel.show_tab(tab)
    assert panel.save_png_button.isEnabled()
    path = tmp_path / "chart.png"
    monkeypatch.setattr(chart_export, "ask_png_path", lambda _parent, suggested: str(path))
    panel.save_png_button.click()
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 300 and image.height() > 150
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # something drawn, not a blank image


def test_without_results_there_is_nothing_to_export(panel) -> None:
    assert panel.empty_label.isVisible()
    panel.show_tab(TAB_SWEEP)
    assert not panel.save_png_button.isEnabled()


# --- the study dialogs and launchers ----------------------------------------------------

def test_the_sweep_dialog_reads_parameter_item_values_and_years(qtbot, scenario) -> None:
    dialog = study_dialog.SweepDialog(scenario)
    qtbot.addWidget(dialog)
    dialog.parameter.setCurrentText("FuelPrices")
    assert dialog.item.isEnabled() and dialog.from_year.isEnabled()
    dialog.item.setCurrentText("family:methanol")
    dialog.change.setCurrentText("scale")
    dialog.values.setText("50%, 75%, 100%")
    dialog.from_year.setText("2030")
    request = dialog.request()
    assert (request.parameter, request.item, request.change, request.from_year,
            request.to_year) == ("FuelPrices", "family:methanol", "scale", 2030, None)
    assert request.values == pytest.approx([0.5, 0.75, 1.0])
    dialog.parameter.setCurrentText("Settings.discount_rate")
    assert not dialog.item.isEnabled() and not dialog.from_year.isEnabled()
    assert dialog.request().item == ""


def test_the_sweep_dialog_says_what_is_wrong_and_stays_open(qtbot, scenario) -> None:
    dialog = study_dialog.SweepDialog(scenario)
    qtbot.addWidget(dialog)
    dialog.values.setText("50, lots")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0
    assert dialog.error.text().startswith("The values must be numbers")
    assert '"lots"' in dialog.error.text()


def test_the_sensitivity_dialog_ticks_the_default_parameters(qtbot, scenario) -> None:
    dialog = study_dialog.SensitivityDialog(scenario)
    qtbot.addWidget(dialog)
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert titles == ["Fuel price, oil fuels", "Fuel price, LNG fuels",
                      "Fuel price, methanol fuels", "Carbon price",
                      "Capex per vessel and capex per kW", "Discount rate", "Annual fuel"]
    assert dialog.list.item(0).toolTip() == "In the workbook: FuelPrices family:oil"
    dialog.swing.setValue(10)
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.parameter.setCurrentText("Fuels.max_blend_share")
    dialog.item.setCurrentText("Bio-methanol")
    dialog._on_add_clicked()
    request = dialog.request()
    assert request.swing == pytest.approx(0.1)
    assert [v.title for v in request.parameters][-1] == "Fuels.max_blend_share Bio-methanol"
    assert len(request.parameters) == 7
    for index in range(dialog.list.count()):
        dialog.list.item(index).setCheckState(Qt.CheckState.Unchecked)
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "Tick at least one parameter."


def test_the_launchers_run_what_the_dialog_asked(qtbot, monkeypatch, scenario) -> None:
    document = Document(scenario)
    view = cases_view.CasesView(document)
    qtbot.addWidget(view)
    requests = []

    def fake_sweep(request):  # noqa: ANN001, ANN202
        requests.append(request)

        def run(scenario, **_options):  # noqa: ANN001, ANN202
            return hand_sweep(scenario)

        return run

    monkeypatch.setattr(study_dialog, "ask_sweep", lambda _parent, _scenario: None)
    assert view.run_sweep() is False and not view.runner.is_running
    asked = study_dialog.SweepRequest("Targets.carbon_price_per_tco2e", [50.0, 100.0])
    monkeypatch.setattr(study_dialog, "ask_sweep", lambda _parent, _scenario: asked)
    monkeypatch.setattr(cases_view, "sweep_function", fake_sweep)
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        assert view.run_sweep()
    assert requests == [asked]
    assert view.results.tabs.isTabEnabled(view.results.tabs.indexOf(
        view.results.pages[TAB_SWEEP]))
    assert document.cases_run.parameter == "Targets.carbon_price_per_tco2e"
    view.shutdown()


def test_the_tooltip_of_a_schedule_cell_shows_on_hover(qtbot, panel, run) -> None:
    panel.document.set_cases_run(run)
    panel.show_tab(TAB_SCHEDULE)
    panel.schedule_case.setCurrentText("Slow yard")
    grid = panel.schedule_grid
    row, column = grid.vessels.index("9401003"), grid.years.index(2030)
    center: QPoint = grid.cell_rect(row, column).center()
    assert grid.cell_at(center) == (row, column)
    assert "Air lubrication: in Base's plan, not in this case's" in grid.cell_tooltip(row, column)


def test_the_schedule_against_base_exports_its_whole_legend(qtbot, run, scenario) -> None:
    # A wide grid puts the legend on one line, wider than the grid itself.
    grid = ScheduleDiffGrid()
    qtbot.addWidget(grid)
    base, slow = run.results[0], run.results[2]
    grid.set_schedules(slow.name, base.plan.retrofits, slow.plan.retrofits, scenario)
    grid.resize(1400, grid.sizeHint().height())
    lines = grid._legend_lines(grid.width())
    assert len(lines) == 1
    legend_right = 12 + sum(grid._legend_entry_width(text, key) for text, key in lines[0])
    assert grid.content_rect().width() >= legend_right


def test_a_study_case_note_names_the_case_in_words() -> None:
    from planner.gui.cases_results import notes_html

    results = pd.DataFrame({"case": ["Settings.discount_rate -20%"], "status": ["optimal"],
                            "note": ["the regret is 0 within the gap"]})
    html = notes_html(results)
    assert "<b>Discount rate -20%</b>" in html
    assert "Settings.discount_rate" not in html
