"""A robust run is saved with the workbook and shown again on opening, without solving,
marked out of date when the inputs changed (the same rules as the other studies)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_tiny_scenario

from planner import schema
from planner.gui.commands import SetCells, SetSetting
from planner.gui.document import Document
from planner.gui.file_workers import write_workbook
from planner.gui.robust_view import RobustView
from planner.plan import Status
from planner.robust.result import Frequency, FutureResult, RobustResult
from planner.scenario import make_table
from planner.workbook.reader import read_workbook
from planner.workbook.writer_results import ROBUST_MATCH_WORDS

VESSEL = "IMO1000001"


def made_result(fingerprint: str) -> RobustResult:
    result = RobustResult(Status.OPTIMAL, commit_until_year=2028, risk_weight=0.25,
                          cvar_alpha=0.8, input_fingerprint=fingerprint,
                          solved_at="2026-12-05T14:00:00+00:00")
    result.futures = {
        "Base": FutureResult("Base", 0.5, npv=100e6, alone_objective=99e6,
                             base_commit_objective=101e6, base_plan_objective=102e6),
        "Dear": FutureResult("Dear", 0.3, npv=120e6, alone_objective=118e6,
                             base_commit_objective=126e6, base_plan_objective=127e6),
        "Worst": FutureResult("Worst", 0.2, npv=160e6, alone_objective=160e6,
                              base_commit_objective=161e6, base_plan_objective=165e6,
                              note="the carbon price doubles")}
    result.excluded_futures = ["Never"]
    result.expected_npv, result.cvar, result.objective = 118e6, 160e6, 128.5e6
    result.evpi, result.vss, result.wait_and_see = 1.4e6, 3.5e6, 116.6e6
    result.base_commit_expected_npv, result.base_plan_expected_npv = 121.5e6, 122.9e6
    result.committed_retrofits = [(VESSEL, "Methanol conversion", 2027)]
    result.frequencies = [Frequency(VESSEL, "Methanol conversion", 2027, True, 0.7, 1.0),
                          Frequency("IMO1000002", "Methanol conversion", 2031, False, 0.2, 0.3)]
    result.message = "Robust plan (1 committed retrofit), proven."
    return result


@pytest.fixture
def document(qapp):  # noqa: ANN001, ARG001
    document = Document(build_tiny_scenario())
    yield document
    document.deleteLater()


def view_of(qtbot, document: Document) -> RobustView:  # noqa: ANN001
    view = RobustView(document)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    return view


def save_and_open(document: Document, path: Path) -> Document:
    """Save as the app's Save does, open as its Open does."""
    write_workbook(document.scenario, str(path), document.plan, document.cases_result)
    document.mark_saved(str(path), document.plan, document.cases_result)
    loaded = read_workbook(path)
    opened = Document()
    opened.load(loaded.scenario, loaded.plan, str(path), outputs=loaded.outputs)
    return opened


def summary_value(path: Path, metric: str) -> object:
    summary = read_workbook(path).outputs[schema.ROBUST_SUMMARY.name]
    return dict(zip(summary["metric"], summary["value"], strict=True)).get(metric)


def test_a_robust_run_is_saved_and_shown_again_without_solving(qtbot, document,
                                                               tmp_path) -> None:
    document.set_robust_result(made_result(document.robust_fingerprint()))
    assert document.is_dirty
    for sheet in schema.ROBUST_OUTPUT_SHEETS:
        assert sheet.name in document.cases_result
    path = tmp_path / "robust.xlsx"
    opened = save_and_open(document, path)
    assert not document.is_dirty
    assert summary_value(path, "inputs_match") == ROBUST_MATCH_WORDS[True]

    view = view_of(qtbot, opened)
    shown = view.result
    assert shown is not None and not opened.robust_stale
    assert not view.stale_banner.isVisibleTo(view)
    assert shown.expected_npv == pytest.approx(118e6) and shown.cvar == pytest.approx(160e6)
    assert shown.vss == pytest.approx(3.5e6) and shown.evpi == pytest.approx(1.4e6)
    assert shown.commit_until_year == 2028 and shown.cvar_alpha == pytest.approx(0.8)
    assert view.committed.rowCount() == 1
    assert view.committed.item(0, 2).text() == "Alpha"  # the ship's name beside its id
    assert [f.npv for f in shown.futures.values()] == pytest.approx([100e6, 120e6, 160e6])
    assert shown.excluded_futures == ["Never"]
    assert view.futures_table.rowCount() == 4
    assert "Read from the workbook" in view.words.text()
    assert "Knowing the future in advance would be worth 1.4 M USD" in view.words.text()
    assert "If Base comes, hedging costs 1.0 M USD" in view.words.text()
    assert view.frequencies.rowCount() == 2
    assert view.frequencies.item(0, 1).text() == "■"  # the committed retrofit, in 2027
    assert view.frequencies.verticalHeaderItem(0).text() == "Alpha"
    assert len(view.distribution.markers()) == 3  # expected, CVaR, Base signed instead
    view.distribution.grab()
    # Saved again untouched, it is the same run (and still says it matches).
    again = tmp_path / "again.xlsx"
    save_and_open(opened, again)
    assert summary_value(again, "expected_npv") == pytest.approx(118e6)
    assert summary_value(again, "inputs_match") == ROBUST_MATCH_WORDS[True]


def test_changed_inputs_mark_the_run_out_of_date_in_the_view_and_the_file(qtbot, document,
                                                                          tmp_path) -> None:
    view = view_of(qtbot, document)
    document.set_robust_result(made_result(document.robust_fingerprint()))
    assert view.result is document.robust_result
    assert not view.stale_banner.isVisibleTo(view)
    # The commit year is a robust input (it does not touch the plan's fingerprint).
    document.undo_stack.push(SetSetting(document, "commit_until_year", 2030))
    assert document.robust_stale and view.stale_banner.isVisibleTo(view)
    assert not document.plan_stale
    path = tmp_path / "stale.xlsx"
    opened = save_and_open(document, path)
    assert str(summary_value(path, "inputs_match")).startswith("NO, OUT OF DATE")
    reopened = view_of(qtbot, opened)
    assert opened.robust_stale and reopened.stale_banner.isVisibleTo(reopened)
    assert reopened.result is not None and reopened.committed.rowCount() == 1
    document.undo_stack.undo()
    assert not document.robust_stale and not view.stale_banner.isVisibleTo(view)


def test_an_edit_of_the_futures_sheet_marks_it_too(qtbot, qapp) -> None:  # noqa: ARG001
    scenario = build_tiny_scenario()
    scenario.set_table("Futures", make_table(schema.FUTURES, [{"case": "Base"}]))
    document = Document(scenario)
    view = view_of(qtbot, document)
    document.set_robust_result(made_result(document.robust_fingerprint()))
    assert not view.stale_banner.isVisibleTo(view)
    document.undo_stack.push(SetCells(document, "Futures", [(0, "probability", 0.5)]))
    assert view.stale_banner.isVisibleTo(view)
    assert not document.plan_stale


def test_a_stopped_run_keeps_the_results_shown(qtbot, document) -> None:
    view = view_of(qtbot, document)
    first = made_result(document.robust_fingerprint())
    document.set_robust_result(first)
    stopped = RobustResult(Status.ERROR, cancelled=True, message="Stopped.")
    view._on_finished(stopped)
    assert document.robust_result is first and view.result is first
    assert "previous run" in view.progress.format()


def test_robust_results_alone_do_not_mark_the_cases_out_of_date(document) -> None:
    document.set_robust_result(made_result(document.robust_fingerprint()))
    assert not document.cases_stale


def test_a_cases_run_and_a_robust_run_are_saved_side_by_side(qapp, tmp_path) -> None:  # noqa: ARG001
    from hand_cases import cases_scenario, hand_run

    document = Document(cases_scenario())
    document.set_robust_result(made_result(document.robust_fingerprint()))
    document.set_cases_run(hand_run(document.scenario))  # does not drop the robust sheets
    tables = document.cases_result
    assert schema.ROBUST_SUMMARY.name in tables and schema.CASES_RESULTS.name in tables
    opened = save_and_open(document, tmp_path / "both.xlsx")
    assert opened.robust_result is not None and opened.shelf.kinds == ["cases"]
    # A new robust run replaces the one read back, and the cases stay.
    opened.set_robust_result(made_result("another"))
    assert opened.robust_result.input_fingerprint == "another"
    assert schema.CASES_RESULTS.name in opened.cases_result
    assert opened.robust_stale
