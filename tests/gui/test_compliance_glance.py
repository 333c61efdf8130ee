"""Compliance at a glance: a chart per regime in the Compliance tab (FuelEU balance, banked,
borrowed; ETS emissions; NZF units bought, surplus earned and used) beside the table, and
the regime payments as their own lines of the cost chart with the literal FuelEU penalty."""

from __future__ import annotations

import pandas as pd
import pytest
from hand_plans import FakeDocument
from PySide6.QtCharts import QBarSeries

from planner import reports
from planner.gui.chart_parts import bar_sets
from planner.gui.compliance_charts import year_tooltip
from planner.gui.results_view import TAB_COMPLIANCE, ResultsView
from planner.optimize.solve import solve
from planner.regimes.glance import RegimeLines, regime_lines
from planner.workbook.reader import read_workbook


@pytest.fixture(scope="module")
def solved(checks_dir):  # noqa: ANN001, ANN201
    """Every regime on and every payment used (regimes-tiny-9402); borrowing used (9444)."""
    plans = {}
    for name in ("regimes-tiny-9402.xlsx", "regimes-8v-12y-9444.xlsx"):
        scenario = read_workbook(checks_dir / name).scenario
        plans[name] = scenario, solve(scenario, mip_gap=1e-9, isolate=False)
    return plans


def _view(qtbot, scenario, plan) -> ResultsView:  # noqa: ANN001
    view = ResultsView(FakeDocument(scenario, plan))
    qtbot.addWidget(view)
    view.refresh()
    return view


def _grouped_sets(chart_view) -> dict[str, list[float]]:  # noqa: ANN001
    found = {}
    for series in chart_view.chart().series():
        if isinstance(series, QBarSeries):
            for bar_set in series.barSets():
                found[bar_set.label()] = [bar_set.at(i) for i in range(bar_set.count())]
    return found


def test_a_chart_per_regime_in_force_beside_the_table(qtbot, solved) -> None:
    scenario, plan = solved["regimes-8v-12y-9444.xlsx"]
    view = _view(qtbot, scenario, plan)
    page = view.chart_pages[TAB_COMPLIANCE]
    assert not page.isHidden() and page.count() == 3
    stems = [page.widget(i).stem for i in range(page.count())]
    assert stems == ["compliance-fueleu", "compliance-ets", "compliance-nzf"]
    assert view.table_models[TAB_COMPLIANCE].rowCount() == len(plan.compliance) > 0
    table = view.table_views[TAB_COMPLIANCE]  # six rows and the header stay in view
    assert table.minimumHeight() >= 7 * table.verticalHeader().defaultSectionSize()
    fueleu = _grouped_sets(view.chart_views["compliance-fueleu"])
    years = sorted(int(y) for y in plan.annual["year"])
    annual = plan.annual.assign(year=[int(y) for y in plan.annual["year"]]).set_index("year")
    # thousand tCO2e or tCO2e: compare after the axis's scale
    axis = view.chart_views["compliance-fueleu"].chart().axes()[1].titleText()
    divisor = 1e3 if axis.startswith("kt") else 1.0
    assert axis in ("tCO2e", "kt CO2e")
    balance = fueleu["Balance"]
    assert balance == pytest.approx([annual.at[y, "fueleu_balance_tco2e"] / divisor
                                     for y in years])
    borrowed = fueleu["Borrowed"]
    assert sum(borrowed) * divisor == pytest.approx(annual["fueleu_borrowed_tco2e"].sum())
    assert sum(borrowed) > 0  # 9444 borrows
    deficit = fueleu["Deficit paid"]
    assert all(value <= 0 for value in deficit)  # drawn below zero
    nzf = _grouped_sets(view.chart_views["compliance-nzf"])
    assert set(nzf) == {"Tier 1", "Tier 2", "Surplus earned", "Used"}
    nzf_axis = view.chart_views["compliance-nzf"].chart().axes()[1].titleText()
    nzf_divisor = 1e3 if nzf_axis.startswith("kt") else 1.0
    assert sum(nzf["Surplus earned"]) * nzf_divisor == pytest.approx(
        annual["nzf_surplus_earned"].sum())
    assert sum(nzf["Tier 2"]) > 0


def test_a_year_tooltip_has_the_payments_and_the_literal_penalty(solved) -> None:
    _scenario, plan = solved["regimes-tiny-9402.xlsx"]
    fueleu = next(lines for lines in regime_lines(plan) if lines.key == "fueleu")
    annual = plan.annual.assign(year=[int(y) for y in plan.annual["year"]]).set_index("year")
    year = int(annual["fueleu_penalty"].astype(float).idxmax())
    text = year_tooltip(fueleu, year, "USD")
    model = reports.format_money(annual.at[year, "fueleu_penalty"], "USD", compact=False)
    literal = reports.format_money(annual.at[year, "fueleu_penalty_literal"], "USD",
                                   compact=False)
    assert model != literal
    assert f"FuelEU penalty (as modelled): {model}" in text
    assert f"FuelEU penalty (literal formula): {literal}" in text
    assert "Deficit that pays the penalty" in text and "-" not in text.split("penalty:")[1][:3]


def test_no_regime_no_compliance_chart(qtbot, checks_dir) -> None:
    scenario = read_workbook(checks_dir / "tiny-9002.xlsx").scenario
    view = _view(qtbot, scenario, solve(scenario, isolate=False))
    assert view.chart_pages[TAB_COMPLIANCE].isHidden()
    assert not [name for name in view.chart_views if name.startswith("compliance")]


def test_the_cost_chart_stacks_each_regime_payment_and_names_the_ets(qtbot, solved) -> None:
    scenario, plan = solved["regimes-tiny-9402.xlsx"]
    view = _view(qtbot, scenario, plan)
    costs_view = view.chart_views["costs"]
    labels = [bar_set.label() for bar_set in bar_sets(costs_view)]
    for label in ("EU ETS", "FuelEU penalty", "FuelEU RFNBO penalty", "NZF Tier 1 units",
                  "NZF Tier 2 units"):
        assert label in labels
    assert "Carbon price" not in labels  # with the ETS on, the carbon line is the ETS
    penalty = next(s for s in bar_sets(costs_view) if s.label() == "FuelEU penalty")
    index = max(range(penalty.count()), key=penalty.at)
    series = next(s for s in costs_view.chart().series() if penalty in s.barSets())
    series.hovered.emit(True, index, penalty)
    assert "By the literal formula:" in costs_view.last_tooltip
    # the stacked kinds of each year still add up to the year's total
    costs = reports.costs_by_kind(plan)
    shown = [bar_set for bar_set in bar_sets(costs_view)]
    divisor = costs[reports.TOTAL].abs().max() / max(
        abs(sum(s.at(i) for s in shown)) for i in range(penalty.count()))
    for position, total in enumerate(costs[reports.TOTAL]):
        assert sum(s.at(position) for s in shown) * divisor == pytest.approx(total, rel=1e-6)


def test_the_cases_table_shows_the_literal_npv_only_with_regimes(qtbot, solved,
                                                                checks_dir) -> None:
    from planner.gui.cases_results import CasesResultsPanel
    from planner.gui.document import Document
    from planner.whatif.runner import run_cases

    for name, shown in (("regimes-tiny-9402.xlsx", True), ("cases-hand.xlsx", False)):
        scenario = read_workbook(checks_dir / name).scenario
        document = Document(scenario)
        panel = CasesResultsPanel(document)
        qtbot.addWidget(panel)
        document.set_cases_run(run_cases(scenario, jobs=1))
        panel.refresh()
        model = panel.summary_model
        column = [c.name for c in model.columns].index("objective_literal")
        assert panel.summary_view.isColumnHidden(column) is not shown, name
        if shown:
            base = model.frame.iloc[0]
            assert float(base["objective_literal"]) == pytest.approx(
                solved[name][1].objective_literal, rel=1e-6)


def test_nzf_tooltips_mark_the_years_of_extrapolated_defaults() -> None:
    from planner.gui.compliance_charts import extrapolation_note
    from planner.regimes import rules

    assert extrapolation_note(rules.NZF_PRICES_SET_UNTIL) == []
    prices_only = extrapolation_note(rules.NZF_PRICES_SET_UNTIL + 1)
    assert len(prices_only) == 1 and "tier prices" in prices_only[0]
    assert "targets" not in prices_only[0]
    both = extrapolation_note(rules.NZF_TARGETS_SET_UNTIL + 1)[0]
    assert "tier prices and targets" in both and "extrapolation" in both
    years = [rules.NZF_PRICES_SET_UNTIL, rules.NZF_TARGETS_SET_UNTIL + 1]
    frame = pd.DataFrame({"nzf_tier1_units": [1.0, 2.0]}, index=years)
    nzf = RegimeLines("nzf", "IMO NZF units (draft)", frame, pd.DataFrame(index=years))
    assert "extrapolation" not in year_tooltip(nzf, years[0], "USD")
    assert "extrapolation" in year_tooltip(nzf, years[1], "USD")
