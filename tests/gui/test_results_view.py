"""The results view: key figures, diagnosis, out-of-date banner, charts, schedule grid, tables, PNG."""

from __future__ import annotations

import pytest
from hand_plans import (
    FUELS,
    FakeDocument,
    Retrofit,
    hand_plan,
    hand_scenario,
    infeasible_plan,
)
from PySide6.QtCharts import QLineSeries, QScatterSeries, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage

from planner import reports
from planner.gui import chart_axes, chart_export, chart_parts, palette
from planner.gui.results_view import (
    BAD,
    NEUTRAL,
    TAB_COSTS,
    TAB_EMISSIONS,
    TAB_SCHEDULE,
    TAB_VESSELS,
    TAB_YEARS,
    ResultsView,
    solved_at_words,
    year_ranges,
)
from planner.gui.schedule_grid import initials
from planner.plan import LIMIT_WORDS, Plan, Status
from planner.reports import format_money


@pytest.fixture
def scenario():
    return hand_scenario()


@pytest.fixture
def make_view(qtbot):
    def make(document):
        view = ResultsView(document)
        qtbot.addWidget(view)
        view.resize(1300, 850)
        view.show()
        return view

    return make


def select_tab(view: ResultsView, name: str) -> None:
    for index in range(view.tabs.count()):
        if view.tabs.tabText(index) == name:
            view.tabs.setCurrentIndex(index)
            return
    raise KeyError(name)


def axis_titles(chart_view) -> list[str]:
    return [axis.titleText() for axis in chart_view.chart().axes()]


# --- empty, figures, diagnosis, staleness ---------------------------------------------

def test_without_a_plan_the_view_invites_a_solve(make_view, scenario):
    view = make_view(FakeDocument(scenario))
    assert view.empty_label.isVisible() and "Solve (F5)" in view.empty_label.text()
    assert not view.content.isVisible()
    assert not view.stale_banner.isVisible()


def test_a_solve_without_a_plan_shows_its_message(make_view, scenario):
    document = FakeDocument(scenario, Plan(status=Status.ERROR,
                                           message="The solver found no plan in 60 s."))
    view = make_view(document)
    assert view.empty_label.text().startswith("The solver found no plan in 60 s.")
    assert not view.content.isVisible()


def test_key_figures_read_in_the_scenarios_currency(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    figures = reports.key_figures(plan)

    assert view.content.isVisible() and not view.empty_label.isVisible()
    assert view.cards["npv"].value == format_money(figures["npv"], "EUR") == "527.7 M EUR"
    assert view.cards["npv"].note == "BAU: 490.7 M EUR"
    assert view.cards["vs_bau"].value == "+36.9 M EUR"
    assert view.cards["vs_bau"].note == "7.5% more than BAU"
    assert view.cards["abatement"].value == f"{figures['abatement_cost']:,.0f} EUR/tCO2e"
    assert view.cards["emissions"].value == \
        f"{figures['cumulative_emissions_tco2e']:,.0f} tCO2e"
    assert view.cards["emissions"].note == "25.8% below BAU"
    assert view.cards["short"].value == "None"
    assert view.cards["retrofits"].value == "4"
    assert view.cards["retrofits"].note == "21.0 M EUR invested"
    assert "Least-cost plan" in view.headline_label.text()
    assert "HiGHS" in view.headline_label.text()
    assert not view.diagnosis_box.isVisible()


def test_a_currency_edit_relabels_the_money(make_view, scenario):
    document = FakeDocument(scenario, hand_plan(scenario))
    view = make_view(document)
    scenario.set_setting("currency", "USD")
    document.scenario_changed.emit()
    assert view.cards["npv"].value == "527.7 M USD"
    assert "USD" in " ".join(axis_titles(view.chart_views["costs"]))


def test_caps_that_cannot_be_met_are_diagnosed_in_plain_words_per_year(make_view, scenario):
    plan = infeasible_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))

    assert view.diagnosis_box.isVisible()
    text = view.diagnosis_box.toPlainText()
    assert "The caps cannot be met" in text
    assert f"{plan.diagnosis.shortfall_total:,.0f} tCO2e" in text
    for sentence in plan.diagnosis.sentences("EUR"):
        assert sentence in text
    assert "Limits to lift: " + LIMIT_WORDS["yard_capacity"] in text
    assert view.cards["short"].value == "2 hard · 0 soft"
    assert view.cards["short"].value_label.styleSheet() == f"color: {BAD};"
    assert view.cards["short"].note == "short of a hard cap: 2026–2027"
    assert "cannot be met" in view.headline_label.text()
    assert view.cards["npv"].value == format_money(plan.diagnosis.elastic_objective, "EUR")
    assert view.cards["npv"].note.startswith("closest plan")
    figures = reports.key_figures(plan)
    assert figures["abatement_cost"] == pytest.approx(
        (figures["npv"] - figures["bau_npv"]) / figures["emissions_avoided_tco2e"])
    assert view.cards["abatement"].note == "per tCO2e avoided (closest plan)"
    # The short years are marked on the emissions chart.
    names = [series.name() for series in view.chart_views["emissions"].chart().series()]
    assert "Short of a hard cap" in names


def test_an_edit_marks_the_plan_out_of_date_until_solved_again(make_view, scenario):
    document = FakeDocument(scenario, hand_plan(scenario))
    view = make_view(document)
    assert not view.stale_banner.isVisible()

    document.edit_fleet(0, "annual_fuel_t", 25_000.0)
    assert view.stale_banner.isVisible()
    assert "out of date" in view.stale_banner.text().lower()
    assert view.content.isVisible()  # the old plan stays readable

    document.set_plan(hand_plan(document.scenario))
    assert not view.stale_banner.isVisible()


def test_the_apps_document_drives_the_stale_banner(make_view, scenario, qtbot):
    from planner.gui.document import Document

    document = Document(scenario)
    view = make_view(document)
    document.set_plan(hand_plan(scenario))
    assert view.content.isVisible() and not view.stale_banner.isVisible()

    document.write_cells("Fleet", [(0, "annual_fuel_t", 25_000.0)])
    assert view.stale_banner.isVisible()
    document.write_cells("Fleet", [(0, "annual_fuel_t", 21_000.0)])  # back as solved
    assert not view.stale_banner.isVisible()


# --- charts ---------------------------------------------------------------------------

def test_charts_have_titles_and_axes_with_units(make_view, scenario):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    built = view.chart_views

    assert set(built) == {"emissions", "costs", "fuel_mix"}
    assert built["emissions"].chart().title() == "Emissions against the caps"
    assert axis_titles(built["emissions"]) == ["Year",
                                               "kt CO2e/year"]
    assert built["costs"].chart().title() == "Costs per year by kind (undiscounted)"
    assert axis_titles(built["costs"]) == ["Year", "Cost per year (million EUR)"]
    assert built["fuel_mix"].chart().title() == "Fuel mix: energy by fuel per year"
    assert axis_titles(built["fuel_mix"]) == ["Year", "Energy (PJ per year)"]
    # Round axis ends that cover every value.
    y_axis = next(a for a in built["emissions"].chart().axes()
                  if isinstance(a, QValueAxis) and a.titleText().startswith("kt CO2e"))
    assert y_axis.min() == 0.0 and y_axis.max() == 250.0


def test_emissions_chart_draws_plan_business_as_usual_and_cap(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    lines = {series.name(): series for series in view.chart_views["emissions"].chart().series()
             if isinstance(series, QLineSeries)}

    assert set(lines) == {"Plan", "Business as usual", "Cap"}
    points = lines["Plan"].points()
    assert [p.x() for p in points] == [float(y) for y in plan.annual["year"]]
    assert [p.y() for p in points] == pytest.approx(
        [e / 1000.0 for e in plan.annual["emissions_tco2e"]])
    assert lines["Cap"].points()[0].y() == pytest.approx(200.0)


def test_costs_chart_stacks_each_kind_with_salvage_below_zero(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    sets = {s.label(): s for s in chart_parts.bar_sets(view.chart_views["costs"])}
    costs = reports.costs_by_kind(plan)

    # Kinds that are zero in every year (the cap penalty here) are left out of the legend.
    assert list(sets) == ["Capex", "Off-hire", "Opex", "Fuel", "Carbon price",
                          "Salvage (credit)"]
    last = len(costs) - 1
    assert sets["Salvage (credit)"].at(last) == pytest.approx(costs["salvage"].iloc[-1] / 1e6)
    assert sets["Salvage (credit)"].at(last) < 0
    year_sum = sum(s.at(last) for s in sets.values())
    assert year_sum == pytest.approx(costs["total"].iloc[-1] / 1e6)


def test_fuel_mix_colours_follow_the_fuel_family(make_view, scenario):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    sets = {s.label(): s for s in chart_parts.bar_sets(view.chart_views["fuel_mix"])}

    assert list(sets) == ["VLSFO", "Bio-methanol"]
    assert sets["VLSFO"].color() == QColor(palette.FAMILY_COLORS["oil"])
    assert sets["Bio-methanol"].color() == QColor(palette.FAMILY_COLORS["methanol"])
    families = {name: family for name, (family, *_rest) in FUELS.items()}
    again = palette.fuel_colors(["Bio-methanol", "VLSFO"], families)
    assert again["VLSFO"] == sets["VLSFO"].color()  # same fuel, same colour, any order


def test_fuels_of_one_family_get_distinct_shades_of_its_colour():
    colors = palette.fuel_colors(["Grey methanol", "Bio-methanol", "e-Methanol"],
                                {"Grey methanol": "methanol", "Bio-methanol": "methanol",
                                 "e-Methanol": "methanol"})
    assert len({c.name() for c in colors.values()}) == 3
    assert colors["Grey methanol"] == QColor(palette.FAMILY_COLORS["methanol"])


def test_an_intensity_cap_adds_an_intensity_chart(make_view, scenario):
    plan = hand_plan(scenario)
    plan.annual["intensity_cap_gco2e_per_mj"] = 80.0
    view = make_view(FakeDocument(scenario, plan))
    assert "intensity" in view.chart_views
    assert axis_titles(view.chart_views["intensity"]) == ["Year", "Intensity (gCO2e/MJ)"]


def test_hovering_a_bar_shows_its_year_and_value(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    costs_view = view.chart_views["costs"]
    series = next(s for s in costs_view.chart().series() if isinstance(s, QStackedBarSeries))
    fuel = next(s for s in series.barSets() if s.label() == "Fuel")

    series.hovered.emit(True, 4, fuel)

    fuel_2030 = reports.costs_by_kind(plan).loc[2030, "fuel"]
    assert costs_view.last_tooltip.splitlines()[0] == "2030"
    assert f"Fuel: {fuel_2030:,.0f} EUR" in costs_view.last_tooltip


def test_hovering_a_line_shows_the_nearest_years_values(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    emissions_view = view.chart_views["emissions"]
    planned = next(s for s in emissions_view.chart().series() if s.name() == "Plan")

    planned.hovered.emit(QPointF(2030.3, 150.0), True)

    emitted = float(plan.annual.set_index("year").loc[2030, "emissions_tco2e"])
    lines = emissions_view.last_tooltip.splitlines()
    assert lines[0] == "2030"
    assert f"Plan: {emitted:,.0f} tCO2e" in lines
    assert "Cap: 160,000 tCO2e" in lines


# --- PNG export ------------------------------------------------------------------------

def test_save_chart_as_png_writes_the_current_tabs_chart(make_view, scenario, monkeypatch,
                                                         tmp_path):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    target = tmp_path / "costs.png"
    asked = []
    monkeypatch.setattr(chart_export, "ask_png_path",
                        lambda parent, suggested: asked.append(suggested) or str(target))
    select_tab(view, TAB_COSTS)

    view.save_png_button.click()

    assert asked == ["costs.png"]
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 300 and image.height() > 200


def test_the_schedule_grid_exports_only_what_it_draws(make_view, scenario, monkeypatch,
                                                      tmp_path):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    target = tmp_path / "grid.png"
    monkeypatch.setattr(chart_export, "ask_png_path", lambda parent, suggested: str(target))
    select_tab(view, TAB_SCHEDULE)
    view.save_png_button.click()

    image = QImage(str(target))
    content = view.schedule_grid.content_rect()
    assert (image.width(), image.height()) == (content.width(), content.height())
    assert image.height() < view.schedule_grid.height()


def test_png_export_is_off_for_table_tabs(make_view, scenario):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    select_tab(view, TAB_YEARS)
    assert not view.save_png_button.isEnabled()
    select_tab(view, TAB_EMISSIONS)
    assert view.save_png_button.isEnabled()


def test_a_chart_saves_itself_from_its_context_menu_action(make_view, scenario, tmp_path):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    path = tmp_path / "emissions.png"
    view.chart_views["emissions"].save_png(str(path))
    assert not QImage(str(path)).isNull()


# --- schedule grid and tables ---------------------------------------------------------

def test_schedule_grid_places_each_retrofit_in_its_vessel_and_year(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    grid = view.schedule_grid

    assert [row.vessel_id for row in grid.rows] == ["9401001", "9401002", "9401003"]
    assert grid.years == list(range(2026, 2036))
    assert grid.installs("9401002", 2027) == ["Air lubrication"]
    assert grid.installs("9401002", 2031) == ["Methanol dual-fuel conversion"]
    assert grid.installs("9401002", 2030) == []
    assert [name for name, _ in grid.legend_entries()] == [
        "Air lubrication", "Methanol dual-fuel conversion"]
    # A conversion takes the colour of the family it enables.
    conversion = dict(grid.legend_entries())["Methanol dual-fuel conversion"]
    assert conversion == QColor(palette.FAMILY_COLORS["methanol"]).darker(115)
    tooltip = grid.cell_tooltip(1, grid.years.index(2031))
    assert tooltip.splitlines() == [
        "Pacific Dusk (9401002), 2031",
        "Installs Methanol dual-fuel conversion: 9,000,000 EUR, 30 days off hire",
        "Installed: Air lubrication (2027)"]
    assert initials("Methanol dual-fuel conversion") == "MDF"


def test_schedule_grid_greys_out_years_out_of_service(make_view, scenario):
    scenario.fleet.at[2, "retire_year"] = 2033
    plan = hand_plan(scenario, retrofits=[Retrofit("9401003", "Air lubrication", 2030)])
    view = make_view(FakeDocument(scenario, plan))
    grid = view.schedule_grid

    assert grid.cell_tooltip(2, grid.years.index(2034)).endswith("Not in service this year")
    assert grid.cell_tooltip(0, 0).endswith("No retrofit")
    # Hovering a cell shows its tooltip; the grid maps positions to cells.
    rect = grid.cell_rect(2, grid.years.index(2030))
    assert grid.cell_at(rect.center()) == (2, grid.years.index(2030))


def test_vessels_table_lists_each_vessel_with_units_and_separators(make_view, scenario):
    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    model = view.table_models[TAB_VESSELS]
    expected = reports.per_vessel(plan, scenario)

    assert model.rowCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Fuel cost\n(EUR)" in headers and "Emissions\n(tCO2e)" in headers
    column = reports.PER_VESSEL_NAMES.index("fuel_cost")
    assert model.data(model.index(0, column)) == f"{expected['fuel_cost'].iloc[0]:,.0f}"
    retrofits = reports.PER_VESSEL_NAMES.index("retrofits")
    assert model.data(model.index(1, retrofits)) == \
        "Air lubrication (2027); Methanol dual-fuel conversion (2031)"


def test_tables_sort_numbers_by_value(make_view, scenario):
    view = make_view(FakeDocument(scenario, hand_plan(scenario)))
    table = view.table_views[TAB_VESSELS]
    column = reports.PER_VESSEL_NAMES.index("energy_gj")
    table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    proxy = table.model()
    shown = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    assert shown == ["9401001", "9401002", "9401003"]
    table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "9401003"


def test_axis_ticks_are_round_numbers():
    ticks = chart_axes.nice_ticks(0.0, 216.0)
    assert (ticks.low, ticks.high, ticks.count, ticks.decimals) == (0.0, 250.0, 6, 0)
    ticks = chart_axes.nice_ticks(0.0, 2.24)
    assert (ticks.low, ticks.high, ticks.count, ticks.decimals) == (0.0, 2.5, 6, 1)
    ticks = chart_axes.nice_ticks(-13.3, 111.0)
    assert (ticks.low, ticks.high, ticks.decimals) == (-25.0, 125.0, 0)
    assert chart_axes.nice_ticks(0.0, 0.0).high > 0.0


def test_a_plan_of_the_real_optimizer_fills_every_part_of_the_view(make_view, scenario):
    from planner.optimize.solve import solve

    plan = solve(scenario)
    assert plan.status is Status.OPTIMAL, plan.message
    view = make_view(FakeDocument(scenario, plan))

    assert view.cards["npv"].value == format_money(plan.objective, "EUR")
    assert set(view.chart_views) == {"emissions", "costs", "fuel_mix"}
    for fit in plan.retrofits.itertuples(index=False):
        assert fit.technology in view.schedule_grid.installs(fit.vessel_id, int(fit.year))
    assert view.table_models[TAB_VESSELS].rowCount() == len(scenario.fleet)
    assert view.table_models[TAB_YEARS].rowCount() == len(scenario.years)


def test_years_above_a_soft_cap_are_named_with_the_penalty(make_view, scenario):
    plan = hand_plan(scenario)
    annual = plan.annual
    for year in (2030, 2031, 2033):
        row = annual.index[annual["year"] == year][0]
        annual.at[row, "cap_tco2e"] = annual.at[row, "emissions_tco2e"] - 1000.0
        annual.at[row, "penalty"] = 100_000.0
    view = make_view(FakeDocument(scenario, plan))
    assert view.cards["short"].value == "0 hard · 3 soft"
    assert view.cards["short"].note == "above a soft cap: 2030–2031, 2033 (penalty 300,000 EUR)"
    # no hard cap missed: the count in the normal colour, not the red of a missed cap
    assert view.cards["short"].value_label.styleSheet() == f"color: {NEUTRAL};"
    names = [series.name() for series in view.chart_views["emissions"].chart().series()]
    assert "Above a soft cap" in names and "Short of a hard cap" not in names


def test_year_lists_and_solve_times_read_as_words():
    assert year_ranges([2046, 2040, 2041, 2042, 2049, 2050]) == "2040–2042, 2046, 2049–2050"
    assert year_ranges([]) == ""
    assert solved_at_words("2026-11-24T05:14:42+00:00") == "24 Nov 2026 05:14 UTC"
    assert solved_at_words("yesterday") == "yesterday"


def test_a_technology_keeps_its_colour_whichever_others_the_plan_installs(scenario):
    alone = palette.technology_colors(["Air lubrication"], scenario)
    both = palette.technology_colors(["Methanol dual-fuel conversion", "Air lubrication"],
                                    scenario)
    assert alone["Air lubrication"] == both["Air lubrication"]
    assert alone["Air lubrication"] == QColor(palette.OTHER_COLORS[0])


def test_moving_the_mouse_onto_a_bar_shows_its_tooltip(make_view, scenario, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    plan = hand_plan(scenario)
    view = make_view(FakeDocument(scenario, plan))
    select_tab(view, TAB_COSTS)
    costs_view = view.chart_views["costs"]
    chart = costs_view.chart()
    series = next(s for s in chart.series() if isinstance(s, QStackedBarSeries))
    fuel = next(s for s in series.barSets() if s.label() == "Fuel")
    middle = chart.mapToPosition(QPointF(4, fuel.at(4) / 2 + 1.0), series)  # inside the bar
    target = costs_view.mapFromScene(chart.mapToScene(middle))

    QTest.mouseMove(costs_view.viewport(), QPoint(target.x(), 5))
    QTest.mouseMove(costs_view.viewport(), target)
    qtbot.waitUntil(lambda: costs_view.last_tooltip != "", timeout=2000)

    fuel_2030 = reports.costs_by_kind(plan).loc[2030, "fuel"]
    assert costs_view.last_tooltip.startswith(f"2030\nFuel: {fuel_2030:,.0f} EUR")


def test_one_card_counts_hard_and_soft_cap_years_as_the_chart_marks_them(make_view, scenario):
    """Issue 13: caps that cannot be met and a soft cap paid in another year: both counts,
    named, and the chart's markers on exactly those years."""
    plan = infeasible_plan(scenario)
    annual = plan.annual
    row = annual.index[annual["year"] == 2033][0]
    annual.at[row, "cap_tco2e"] = annual.at[row, "emissions_tco2e"] - 1000.0
    annual.at[row, "penalty"] = 50_000.0
    view = make_view(FakeDocument(scenario, plan))
    assert view.cards["short"].value == "2 hard · 1 soft"
    assert view.cards["short"].note == ("short of a hard cap: 2026–2027; above a soft cap: "
                                        "2033 (penalty 50,000 EUR)")
    marked = {series.name(): sorted(int(p.x()) for p in series.points())
              for series in view.chart_views["emissions"].chart().series()
              if isinstance(series, QScatterSeries)}
    assert marked == {"Short of a hard cap": [2026, 2027], "Above a soft cap": [2033]}
