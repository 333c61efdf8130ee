"""Studies are kept, not replaced (issue 13): a tornado after "Run all cases" leaves the
cases' results and statuses alone; each study is shown, and goes out of date, on its own."""

from __future__ import annotations

import pytest
from hand_cases import cases_scenario, hand_run, hand_sensitivity, hand_sweep

from planner import schema
from planner.gui.cases_view import COLUMN_CASE, COLUMN_STATUS, CasesView
from planner.gui.document import Document
from planner.gui.study_shelf import CASES, SENSITIVITY, SWEEP


@pytest.fixture
def view(qtbot, qapp):  # noqa: ANN001, ARG001
    document = Document(cases_scenario())
    widget = CasesView(document)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    widget.shutdown()


def _statuses(view: CasesView) -> dict[str, str]:
    items = [view.case_list.topLevelItem(i) for i in range(view.case_list.topLevelItemCount())]
    return {item.text(COLUMN_CASE): item.text(COLUMN_STATUS) for item in items}


def test_a_tornado_after_the_cases_keeps_their_results(view) -> None:
    document = view.document
    scenario = document.scenario
    document.set_cases_run(hand_run(scenario))
    before = _statuses(view)
    assert before["Slow yard"] and "not run" not in before["Slow yard"].lower()
    document.set_cases_run(hand_sensitivity(scenario))
    assert _statuses(view) == before  # the tornado did not reset the cases
    panel = view.results
    assert panel.tables()[schema.CASES_RESULTS.name]["case"].iloc[1] == "FuelPrices family:oil -20%"
    assert [panel.study_choice.itemData(i) for i in range(panel.study_choice.count())] == \
        [CASES, SENSITIVITY]
    assert panel.study_choice.isVisible()
    # The workbook's Cases sheets keep the cases run.
    saved = document.cases_result[schema.CASES_RESULTS.name]
    assert list(saved["case"]) == ["Base", "Dear carbon", "Slow yard", "Tight caps"]
    document.show_study(CASES)
    assert list(panel.tables()[schema.CASES_RESULTS.name]["case"]) == list(saved["case"])
    document.set_cases_run(hand_sweep(scenario))
    assert document.shelf.kinds == [CASES, SENSITIVITY, SWEEP]


def test_each_study_goes_out_of_date_on_its_own(view) -> None:
    document = view.document
    document.set_cases_run(hand_run(document.scenario))
    document.set_cases_run(hand_sensitivity(document.scenario.copy()))
    assert not document.shown_study_stale
    document.write_cells("Fleet", [(0, "annual_fuel_t", 30_000.0)])
    assert document.shown_study_stale
    assert view.results.stale_banner.isVisible()
