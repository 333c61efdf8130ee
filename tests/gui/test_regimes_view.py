"""The app with regimes: the Regimes editor tab, compliance at a glance in the results."""

from __future__ import annotations

import pytest
from hand_plans import FakeDocument

from planner import reports
from planner.gui.input_tabs import TABLE_PAGES
from planner.gui.results_view import TAB_COMPLIANCE, TAB_YEARS, ResultsView
from planner.optimize.solve import solve
from planner.workbook.reader import read_workbook


@pytest.fixture(scope="module")
def regimes_plan(checks_dir):  # noqa: ANN001, ANN201
    scenario = read_workbook(checks_dir / "regimes-tiny-9471.xlsx").scenario
    return scenario, solve(scenario, mip_gap=1e-9, isolate=False)


def test_the_regimes_sheet_has_its_editor_tab() -> None:
    assert "Regimes" in [title for _sheet, title in TABLE_PAGES]


def test_compliance_at_a_glance(qtbot, regimes_plan) -> None:
    scenario, plan = regimes_plan
    view = ResultsView(FakeDocument(scenario, plan))
    qtbot.addWidget(view)
    view.refresh()
    compliance = view.table_models[TAB_COMPLIANCE]
    assert compliance.rowCount() == len(plan.compliance) > 0
    years = view.table_models[TAB_YEARS].frame
    for line in ("fueleu_balance_tco2e", "fueleu_borrowed_tco2e", "fueleu_penalty_literal",
                 "nzf_tier1_units", "nzf_surplus_earned"):
        assert line in years.columns
    # the regime lines are their own kinds in the cost stack and still add up to the total
    costs = reports.costs_by_kind(plan)
    assert costs["fueleu_rfnbo_penalty"].sum() == pytest.approx(
        plan.annual["fueleu_rfnbo_penalty"].sum())
    assert list(costs[reports.TOTAL]) == pytest.approx(list(plan.annual["total"]))
    assert "literal FuelEU penalty" in view.cards["npv"].note_label.text()
