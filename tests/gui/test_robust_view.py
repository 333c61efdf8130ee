"""The Robust view: Futures and Uncertainty editors with undo, Sample futures (one undo
step), the robust settings through undo, a run through the worker, and the results at a
glance (what to sign now, the NPV distribution, the words, the heat map)."""

from __future__ import annotations

import pytest
from conftest import build_tiny_scenario

from planner import schema
from planner.gui import dialogs
from planner.gui.commands import SetCells
from planner.gui.document import Document
from planner.gui.robust_charts import histogram
from planner.gui.robust_view import RobustView, planner_words
from planner.plan import Status
from planner.robust.result import Frequency, FutureResult, RobustResult
from planner.scenario import make_table

RUN_TIMEOUT_MS = 180_000


@pytest.fixture
def document(qapp):  # noqa: ANN001, ARG001
    scenario = build_tiny_scenario()
    scenario.set_table("Uncertainty", make_table(schema.UNCERTAINTY, [
        {"parameter": "FuelPrices", "distribution": "uniform", "low": 0.8, "high": 1.3},
        {"parameter": "Targets.carbon_price_per_tco2e", "distribution": "triangular",
         "low": 0.5, "mode": 1.0, "high": 2.0}]))
    scenario.present_sheets.add("Uncertainty")
    document = Document(scenario)
    yield document
    document.deleteLater()


@pytest.fixture
def view(qtbot, document):  # noqa: ANN001
    widget = RobustView(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def made_result() -> RobustResult:
    result = RobustResult(Status.OPTIMAL, commit_until_year=2028)
    result.futures = {
        "Base": FutureResult("Base", 0.5, npv=100.0, alone_objective=99.0),
        "Dear": FutureResult("Dear", 0.3, npv=120.0, alone_objective=118.0),
        "Worst": FutureResult("Worst", 0.2, npv=160.0, alone_objective=160.0)}
    result.expected_npv, result.cvar, result.objective = 118.0, 160.0, 118.0
    result.evpi, result.vss, result.wait_and_see = 1.4, 3.0, 116.6
    result.committed_retrofits = [("IMO1", "Rotor sails", 2027)]
    result.frequencies = [Frequency("IMO1", "Rotor sails", 2027, True, 0.7, 1.0),
                          Frequency("IMO2", "Methanol", 2031, False, 0.2, 0.3)]
    result.message = "Robust plan (1 committed retrofit), proven."
    return result


def test_sampling_fills_cases_and_futures_in_one_undo_step(view, document) -> None:
    assert view.sample(8, 3)
    assert len(document.scenario.tables["Futures"]) == 8
    assert document.scenario.cases["case"].iloc[0] == "MC 001"
    assert view.futures_editor.model.rowCount() == 8
    document.undo_stack.undo()
    assert len(document.scenario.tables["Futures"]) == 0
    assert len(document.scenario.cases) == 0


def test_sampling_without_uncertainty_says_why(view, document, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda *args: shown.append(args))
    document.undo_stack.push(SetCells(document, "Uncertainty", [(0, "distribution", "gamma")]))
    assert not view.sample(5, 1)
    assert shown and "error" in shown[0][1]


def test_the_settings_go_through_undo(view, document) -> None:
    view.commit_year.setValue(2029)
    view.commit_year.editingFinished.emit()
    assert document.scenario.settings.commit_until_year == 2029
    view.risk_weight.setValue(40)
    view.risk_weight.editingFinished.emit()
    assert document.scenario.settings.risk_weight == pytest.approx(0.4)  # shown as 40 %
    view.cvar_alpha.setValue(5)  # "the worst 5 % of futures"
    view.cvar_alpha.editingFinished.emit()
    assert document.scenario.settings.cvar_alpha == pytest.approx(0.95)
    document.undo_stack.undo()
    assert view.cvar_alpha.value() == pytest.approx(10)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.scenario.settings.commit_until_year is None
    assert view.commit_year.value() == 2035  # blank: everything committed


def test_the_results_at_a_glance(view) -> None:
    result = made_result()
    view.show_result(result)
    assert view.committed.rowCount() == 1
    assert view.committed.item(0, 3).text() == "Rotor sails"
    assert "Knowing the future in advance would be worth 1 USD" in view.words.text()
    assert "(VSS)" in planner_words(result)
    assert view.frequencies.rowCount() == 2 and view.frequencies.columnCount() == 10  # 2026-35
    assert view.frequencies.item(0, 1).text() == "■"  # committed now, 2027
    assert "CVaR" in view.distribution.toolTip()
    view.distribution.grab()  # paints without error
    low, width, mass = histogram([100.0, 120.0, 160.0], [0.5, 0.3, 0.2], bins=3)
    assert (low, width) == (100.0, 20.0) and mass == pytest.approx([0.5, 0.3, 0.2])


def test_the_words_tell_hedging_from_knowing_the_future() -> None:
    """'Hedging costs X; knowing the future would be worth Y': X is what Base pays for the
    hedge, Y the EVPI; without Base among the futures hedging costs the EVPI on average."""
    result = made_result()
    words = planner_words(result)
    assert "If Base comes, hedging costs 1 USD more than Base's own best plan" in words
    assert "Knowing the future in advance would be worth 1 USD on average (EVPI)" in words
    assert "would cost 3 USD more on average (VSS)" in words
    assert "Sign now: 1 retrofit up to 2028" in words
    del result.futures["Base"]
    words = planner_words(result)
    assert "Hedging costs 1 USD on average" in words and "(EVPI)" in words
    assert "If Base comes" not in words


@pytest.mark.slow
def test_a_run_through_the_worker_shows_its_result(view, document, qtbot) -> None:
    view.sample(3, 2)
    view.runner.jobs = 2
    with qtbot.waitSignal(view.runner.finished, timeout=RUN_TIMEOUT_MS) as finished:
        view.run()
        assert not view.run_button.isEnabled() and view.stop_button.isEnabled()
    result = finished.args[0]
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE), result.message
    assert len(result.futures) == 3
    assert view.run_button.isEnabled() and not view.stop_button.isEnabled()
    assert view.words.text()
    assert document.robust_result is result and view.result is result  # kept to be saved
    assert document.is_dirty and not document.robust_stale


def test_the_tables_read_in_words_with_dropdowns(view, document) -> None:
    """Uncertainty: parameter and item in the planner's words, as in the Cases table;
    Futures: the case cell offers Base and the cases."""
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    editor = view.uncertainty_editor
    index = editor.view.proxy.index(1, editor.model.column_index("parameter"))
    option = QStyleOptionViewItem()
    editor.view.itemDelegate().initStyleOption(option, index)
    assert option.text != "Targets.carbon_price_per_tco2e" and "arbon price" in option.text
    view.sample(3, 1)
    futures = view.futures_editor
    cell = futures.view.proxy.index(0, futures.model.column_index("case"))
    combo = futures.view.itemDelegate().createEditor(futures.view.viewport(), option, cell)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Base", "MC 001", "MC 002",
                                                                 "MC 003"]


@pytest.mark.slow
def test_stop_ends_a_run_and_keeps_the_results_shown(view, document, qtbot) -> None:
    shown = made_result()
    document.set_robust_result(shown)
    view.sample(3, 2)
    view.runner.jobs = 1
    with qtbot.waitSignal(view.runner.progress, timeout=RUN_TIMEOUT_MS):
        view.run()
    with qtbot.waitSignal(view.runner.finished, timeout=RUN_TIMEOUT_MS) as finished:
        view.stop_button.click()
    assert finished.args[0].cancelled
    assert document.robust_result is shown and view.result is shown
    assert view.run_button.isEnabled() and not view.stop_button.isEnabled()
    assert view.progress.format().startswith("stopped")


def test_progress_says_what_is_being_solved(view) -> None:
    view._on_progress("alone", {"done": 2, "total": 7, "future": "MC 002"})
    assert view.progress.maximum() == 7 and view.progress.value() == 2
    assert view.progress.format().startswith("solving Base and each future alone: 2 of 7 done")
    view._on_progress("decomposition", {"message": "round 3, gap 0.8%"})
    assert "progressive hedging: round 3, gap 0.8%" in view.progress.format()
