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


def _described(study):  # noqa: ANN001, ANN202
    """The hand tornado's runs say what they vary, as sensitivity() writes them."""
    for varied, low, high in study.bars:
        for name, factor in ((low, 1 - study.swing), (high, 1 + study.swing)):
            result = study[name]
            result.parameter, result.item = varied.label, varied.item
            result.change, result.value = "scale", factor
    return study


def test_every_study_survives_save_and_reopen_in_its_own_sheets(qtbot, view,
                                                                tmp_path) -> None:
    from planner.workbook import read_workbook
    from planner.workbook.writer import save_scenario

    document = view.document
    scenario = document.scenario
    sensitivity = _described(hand_sensitivity(scenario))
    for run in (hand_run(scenario), sensitivity, hand_sweep(scenario)):
        document.set_cases_run(run)
    path = tmp_path / "studies.xlsx"
    save_scenario(scenario, path, cases=document.cases_result)
    loaded = read_workbook(path)
    for sheet in ("Cases Results", "Sensitivity Results", "Sweep Results", "Sweep Retrofits"):
        assert sheet in loaded.outputs
    document.load(loaded.scenario, None, str(path), outputs=loaded.outputs)
    assert document.shelf.kinds == [CASES, SENSITIVITY, SWEEP]
    assert "not run" not in _statuses(view)["Slow yard"].lower()
    panel = view.results
    document.show_study(SENSITIVITY)
    tornado_tab = panel.tabs.indexOf(panel.pages["Tornado"])
    assert panel.tabs.isTabEnabled(tornado_tab)
    tornado = document.cases_run.tornado
    assert list(tornado["parameter"]) == [varied.label for varied, _, _ in
                                          sorted(sensitivity.bars, key=lambda b: -abs(
                                              sensitivity[b[2]].objective
                                              - sensitivity[b[1]].objective))]
    assert document.cases_run.swing == pytest.approx(0.2)
    document.show_study(SWEEP)
    assert panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.pages["Sweep"]))
    assert list(document.cases_run.by_value["value"]) == [50.0, 100.0, 150.0]
    assert not document.shown_study_stale
