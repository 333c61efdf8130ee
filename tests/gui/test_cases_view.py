"""The Cases view: editing the Cases sheet (undo, dropdowns, live validation), runs through
the worker (progress, cancel, failures), read-back results, staleness and saving."""

from __future__ import annotations

import threading

import pytest
from hand_cases import cases_scenario, hand_run
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

import planner
from planner import schema
from planner.cases.parameters import PARAMETERS
from planner.gui import dialogs
from planner.gui.cases_view import CasesView
from planner.gui.cases_worker import CasesRunner, CasesWorker, default_jobs
from planner.gui.document import Document
from planner.gui.table_model import ERROR_BRUSH
from planner.plan import Status
from planner.scenario import make_table
from planner.whatif.results import CaseResult, CasesRun

RUN_TIMEOUT_MS = 120_000
CASE_NAMES = ["Dear carbon", "Slow yard", "Tight caps"]


@pytest.fixture
def cases_document(qapp):  # noqa: ANN001, ARG001
    document = Document(cases_scenario())
    yield document
    document.deleteLater()


@pytest.fixture
def view(qtbot, cases_document):  # noqa: ANN001
    widget = CasesView(cases_document)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    yield widget
    widget.shutdown()


def column(view: CasesView, name: str) -> int:
    return view.editor.model.column_index(name)


def create_editor(view: CasesView, row: int, name: str):  # noqa: ANN201
    table = view.editor.view
    index = table.model().index(row, column(view, name))
    return table.itemDelegate().createEditor(table.viewport(), QStyleOptionViewItem(), index), \
        index


def combo_texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def case_list(view: CasesView) -> dict[str, str]:
    items = (view.case_list.topLevelItem(i) for i in range(view.case_list.topLevelItemCount()))
    return {item.text(0): item.text(1) for item in items}


# --- editing the Cases sheet ------------------------------------------------------------

def test_the_cases_table_shows_the_cases_sheet_and_the_list_its_cases(view) -> None:
    model = view.editor.model
    assert model.sheet is schema.CASES
    assert model.rowCount() == 3
    assert list(case_list(view)) == ["Base", *CASE_NAMES]
    assert set(case_list(view).values()) == {"Not run"}


def test_editing_a_case_is_one_undoable_step(view, cases_document) -> None:
    model = view.editor.model
    index = model.index(0, column(view, "value"))
    assert model.setData(index, "250%")
    assert model.data(index) == "250%"
    assert cases_document.undo_stack.count() == 1
    cases_document.undo_stack.undo()
    assert model.data(index, Qt.ItemDataRole.EditRole) == 2.0
    cases_document.undo_stack.redo()
    assert model.data(index) == "250%"


def test_renaming_a_case_updates_the_case_list(view) -> None:
    model = view.editor.model
    model.setData(model.index(1, column(view, "case")), "Very slow yard")
    assert list(case_list(view)) == ["Base", "Dear carbon", "Very slow yard", "Tight caps"]


def test_the_parameter_dropdown_offers_the_whole_catalogue(view) -> None:
    editor, _index = create_editor(view, 0, "parameter")
    assert isinstance(editor, QComboBox) and editor.isEditable()
    assert combo_texts(editor) == [p.name for p in PARAMETERS]
    tip = editor.itemData(combo_texts(editor).index("FuelPrices"), Qt.ItemDataRole.ToolTipRole)
    assert "EUR/t" in tip and "family:NAME" in tip and "yearly series" in tip


def test_picking_a_parameter_commits_it_at_once(view, cases_document) -> None:
    table = view.editor.view
    index = table.model().index(1, column(view, "parameter"))
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.indexWidget(index) or table.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo_texts(combo).index("Settings.capex_budget_per_year"))
    combo.activated.emit(combo.currentIndex())
    assert view.editor.model.data(index) == "Settings.capex_budget_per_year"
    assert cases_document.undo_stack.count() == 1
    assert table.state() != table.State.EditingState


@pytest.mark.parametrize(("parameter", "expected"), [
    ("Fleet.build_year", ["", "9401001", "9401002", "9401003", "type:Container"]),
    ("FuelPrices", ["", "VLSFO", "LNG", "Bio-methanol", "family:lng", "family:methanol",
                    "family:oil"]),
    ("Technologies.capex_fixed", ["", "Methanol dual-fuel conversion", "Air lubrication",
                                  "kind:conversion", "kind:efficiency"]),
    ("Settings.discount_rate", [""]),
])
def test_the_item_dropdown_offers_what_the_rows_parameter_takes(view, parameter, expected) -> None:
    model = view.editor.model
    model.setData(model.index(0, column(view, "parameter")), parameter)
    editor, _index = create_editor(view, 0, "item")
    assert combo_texts(editor) == expected
    if parameter.startswith("Settings"):
        assert "takes no item" in editor.toolTip()
    if parameter.startswith("Fleet"):  # a vessel id says which ship in its tooltip
        assert editor.itemData(1, Qt.ItemDataRole.ToolTipRole) == "Pacific Dawn, type: Container"


def test_the_item_dropdown_follows_an_edit_of_the_fleet(view) -> None:
    document = view.document
    fleet = document.table("Fleet")
    document.write_cells("Fleet", [(0, "type", "Tanker")])
    editor, _index = create_editor(view, 0, "item")  # row 0's parameter is Targets: none
    assert combo_texts(editor) == [""]
    view.editor.model.setData(view.editor.model.index(0, column(view, "parameter")),
                              "Fleet.annual_fuel_t")
    editor, _index = create_editor(view, 0, "item")
    assert "type:Tanker" in combo_texts(editor) and "type:Container" in combo_texts(editor)
    assert fleet is document.table("Fleet")


def test_the_case_dropdown_offers_the_names_written(view) -> None:
    editor, _index = create_editor(view, 0, "case")
    assert combo_texts(editor) == CASE_NAMES


def test_the_value_editor_explains_the_rows_change(view) -> None:
    editor, _index = create_editor(view, 0, "value")
    assert isinstance(editor, QLineEdit)
    assert "Targets.carbon_price_per_tco2e" in editor.toolTip()
    assert "scale: a multiplier" in editor.toolTip()
    editor.setText("cheap")
    assert editor.text() == "cheap" and "not a number" in editor.toolTip()


def test_a_bad_case_is_flagged_live_in_its_cell_and_above_the_list(view, cases_document) -> None:
    model = view.editor.model
    index = model.index(0, column(view, "parameter"))
    model.setData(index, "Fleet.colour")
    cases_document.revalidate()  # what the debounce timer does 250 ms later
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert "Fleet.colour" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert view.issue_label.isVisible()
    assert view.issue_label.text().startswith("1 error in the Cases table")
    cases_document.undo_stack.undo()
    cases_document.revalidate()
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    assert not view.issue_label.isVisible()


def test_a_run_with_errors_is_refused_in_plain_words(view, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        shown.append((headline, details)))
    model = view.editor.model
    model.setData(model.index(2, column(view, "change")), "double")
    assert view.run_cases(None) is False
    assert not view.runner.is_running
    assert shown and shown[0][0].startswith("The scenario has 1 error (the red cells")
    assert "Cases!D4" in shown[0][1]


def test_main_window_has_the_cases_tab_and_goes_to_a_cases_issue(main_window) -> None:
    view = main_window.cases_view
    assert main_window.tabs.tabText(main_window.tabs.indexOf(view)) == "Cases"
    model = view.editor.model
    model.insert_rows([0], model.blank_rows(1), "Add a row")
    model.setData(model.index(0, column(view, "case")), "Base")
    main_window.document.revalidate()
    issue = next(i for i in main_window.document.issues if i.sheet == "Cases")
    main_window.show_issue(issue)
    assert main_window.tabs.currentWidget() is view
    current = view.editor.view.currentIndex()
    assert current.row() == 0 and current.column() == column(view, "case")
    assert main_window.current_table_view() is view.editor.view


# --- runs through the worker ----------------------------------------------------------

def fake_function(results: list[CaseResult], gate: threading.Event | None = None,
                  cancelled: bool = False):  # noqa: ANN201
    """A run function that reports each result, optionally waits for a stop, and returns
    a CasesRun, as the core runner does."""
    calls = []

    def run(scenario, progress=None, should_stop=None, **options):  # noqa: ANN001, ANN202
        calls.append(options)
        for done, result in enumerate(results, start=1):
            progress(result.name, done, len(results) + (1 if gate else 0), result)
        if gate is not None:
            gate.set()
            while not should_stop():
                threading.Event().wait(0.01)
        return CasesRun(scenario=scenario, results=list(results), cancelled=cancelled,
                        seconds=0.5, jobs=options.get("jobs", 1))

    run.calls = calls  # type: ignore[attr-defined]
    return run


def test_a_run_reports_each_case_and_lands_in_the_document(qtbot, view, cases_document) -> None:
    run = hand_run(cases_document.scenario)
    function = fake_function(run.results)
    seen = []
    view.runner.case_finished.connect(lambda name, done, total, _r: seen.append((name, done,
                                                                                total)))
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        assert view.runner.start(cases_document.scenario, function, ["Base", *CASE_NAMES])
    assert seen == [("Base", 1, 4), ("Dear carbon", 2, 4), ("Slow yard", 3, 4),
                    ("Tight caps", 4, 4)]
    assert function.calls == [{"jobs": default_jobs()}]
    assert cases_document.cases_run is not None
    assert cases_document.is_dirty
    assert case_list(view) == {"Base": "optimal", "Dear carbon": "optimal",
                               "Slow yard": "optimal", "Tight caps": "infeasible"}
    assert view.results.summary_model.rowCount() == 4
    assert view.progress_label.text().startswith("Done: 4 runs")
    assert view.run_all_button.isEnabled() and not view.cancel_button.isEnabled()


def test_run_selected_runs_base_and_the_cases_chosen(qtbot, view, monkeypatch) -> None:
    started = {}
    monkeypatch.setattr(view.runner, "start", lambda scenario, function, names, options=None:
                        started.update(names=names) or True)
    assert not view.run_selected_button.isEnabled()
    for index in (1, 3):
        view.case_list.topLevelItem(index).setSelected(True)
    assert view.run_selected_button.isEnabled()
    assert view.run_selected()
    assert started["names"] == ["Base", "Dear carbon", "Tight caps"]


def test_run_selected_takes_the_cases_of_the_selected_table_rows(view) -> None:
    view.editor.view.select_source_cell(1, 0)
    assert view.selected_names() == ["Slow yard"]


def test_every_case_of_a_real_run_is_solved_off_the_gui_thread(qtbot, document) -> None:
    """The tiny scenario with two cases, solved by the core runner in worker processes."""
    document.scenario.tables["Cases"] = make_table(schema.CASES, [
        {"case": "Cheap methanol", "parameter": "FuelPrices", "item": "Bio-methanol",
         "change": "scale", "value": 0.5},
        {"case": "Tight caps", "parameter": "Targets.cap_tco2e", "change": "scale",
         "value": 0.8}])
    document.load(document.scenario)
    view = CasesView(document)
    qtbot.addWidget(view)
    view.runner.jobs = 2
    progress = []
    view.runner.case_finished.connect(lambda name, done, total, result: progress.append(
        (name, done, total, threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(view.runner.finished, timeout=RUN_TIMEOUT_MS) as blocker:
        assert view.run_cases(None)
        assert view.runner.is_running and view.cancel_button.isEnabled()
        assert case_list(view)["Tight caps"] == "In progress…"
    run = blocker.args[0]
    assert sorted(p[0] for p in progress) == ["Base", "Cheap methanol", "Tight caps"]
    assert [p[1] for p in progress] == [1, 2, 3] and {p[2] for p in progress} == {3}
    assert all(p[3] for p in progress)  # signals arrive on the GUI thread
    assert document.cases_run is run and not run.cancelled
    assert [r.status for r in run.results] == [Status.OPTIMAL] * 3
    summary = document.cases_result[schema.CASES_RESULTS.name]
    assert list(summary["case"]) == ["Base", "Cheap methanol", "Tight caps"]
    assert set(summary["input_fingerprint"]) == {document.full_fingerprint()}
    direct = planner.run_cases(document.scenario, jobs=1)
    assert [r.objective for r in run.results] == pytest.approx(
        [r.objective for r in direct.results], rel=1e-6)
    assert not document.cases_stale


def test_cancel_before_any_case_finished_keeps_the_previous_results(qtbot, view,
                                                                   cases_document) -> None:
    cases_document.set_cases_run(hand_run(cases_document.scenario))
    previous = cases_document.cases_run
    gate = threading.Event()
    function = fake_function([], gate=gate, cancelled=True)
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        view.runner.start(cases_document.scenario, function, ["Base", *CASE_NAMES])
        assert gate.wait(5)
        view.cancel()
        assert view.progress_label.text() == "Stopping every case…"
        assert not view.cancel_button.isEnabled()
    assert cases_document.cases_run is previous
    assert view.progress_label.text().startswith("Cancelled before any case finished")
    assert case_list(view)["Slow yard"] == "optimal"


def test_cancel_keeps_the_cases_that_finished(qtbot, view, cases_document) -> None:
    run = hand_run(cases_document.scenario)
    finished = run.results[:2]
    stopped = [CaseResult(r.name, Status.ERROR, note="Stopped before it finished.")
               for r in run.results[2:]]
    gate = threading.Event()

    def function(scenario, progress=None, should_stop=None, **_options):  # noqa: ANN001, ANN202
        for done, result in enumerate(finished, start=1):
            progress(result.name, done, 4, result)
        gate.set()
        while not should_stop():
            threading.Event().wait(0.01)
        return CasesRun(scenario=scenario, results=finished + stopped, cancelled=True)

    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        view.runner.start(cases_document.scenario, function, ["Base", *CASE_NAMES])
        assert gate.wait(5)
        qtbot.waitUntil(lambda: case_list(view)["Dear carbon"] == "optimal")
        assert case_list(view)["Slow yard"] == "In progress…"
        view.cancel()
    assert view.progress_label.text().startswith("Stopped: 2 of 4 finished")
    assert case_list(view) == {"Base": "optimal", "Dear carbon": "optimal",
                               "Slow yard": "error", "Tight caps": "error"}
    assert "Stopped: 2 of 4 finished" in view.results.headline_label.text()


def test_a_failed_run_is_told_in_plain_words(qtbot, view, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        shown.append(headline))

    def function(scenario, **_options):  # noqa: ANN001, ANN202
        raise planner.WorkbookError([planner.errors.Issue("Cases", "B3", "bad")],
                                    headline="The workbook has 1 error; nothing was solved")

    with qtbot.waitSignal(view.runner.failed, timeout=10_000):
        view.runner.start(view.document.scenario, function, ["Base"])
    assert shown == ["The workbook has 1 error; nothing was solved."]
    assert view.progress_label.text() == shown[0]
    assert view.run_all_button.isEnabled()


def test_a_case_whose_solve_broke_shows_its_story_in_details(qtbot, view, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        shown.append((headline, details)))
    run = hand_run(view.document.scenario)
    story = "Traceback (most recent call last):\n  File \"worker.py\"\nMemoryError: out of memory"
    broken = CaseResult("Slow yard", Status.ERROR, note="No result: MemoryError: out of memory",
                        details=story)
    results = [run.results[0], run.results[1], broken, run.results[3]]
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        view.runner.start(view.document.scenario, fake_function(results), ["Base", *CASE_NAMES])
    assert shown == [("Slow yard: No result: MemoryError: out of memory",
                      "Slow yard: No result: MemoryError: out of memory\n" + story)]


def test_a_run_without_broken_cases_shows_no_dialog(qtbot, view, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda *args: shown.append(args))
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        view.runner.start(view.document.scenario, fake_function(hand_run().results),
                          ["Base", *CASE_NAMES])
    assert shown == []


def test_one_run_at_a_time(qtbot, view) -> None:
    gate = threading.Event()
    function = fake_function([], gate=gate)
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        assert view.runner.start(view.document.scenario, function, ["Base"])
        assert not view.runner.start(view.document.scenario, function, ["Base"])
        assert view.run_cases(None) is False
        assert not view.run_all_button.isEnabled()
        assert gate.wait(5)
        view.cancel()


def test_the_worker_passes_progress_and_stop_to_the_run_function(qapp) -> None:
    seen = {}

    def function(scenario, progress=None, should_stop=None, **options):  # noqa: ANN001, ANN202
        seen.update(options, stop_before=should_stop())
        progress("Base", 1, 1, "result")
        return "run"

    worker = CasesWorker("scenario", function, {"jobs": 3})  # type: ignore[arg-type]
    reports, outcomes = [], []
    worker.case_finished.connect(lambda *args: reports.append(args))
    worker.finished.connect(outcomes.append)
    worker.run()
    assert seen == {"jobs": 3, "stop_before": False}
    assert reports == [("Base", 1, 1, "result")] and outcomes == ["run"]
    worker.cancel()
    assert worker.cancel_requested


def test_the_runner_runs_on_a_copy_of_the_scenario(qtbot, cases_document) -> None:
    runner = CasesRunner()
    got = []

    def function(scenario, **_options):  # noqa: ANN001, ANN202
        got.append(scenario)
        return CasesRun(scenario=scenario, results=[])

    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.start(cases_document.scenario, function, [])
    assert got[0] is not cases_document.scenario
    assert got[0].fingerprint(include_cases=True) == cases_document.full_fingerprint()
    runner.shutdown()


# --- results read back, staleness, saving ---------------------------------------------

def test_results_read_from_a_workbook_are_shown_and_go_stale_on_edit(qtbot, cases_document,
                                                                      view) -> None:
    scenario = cases_document.scenario
    tables = hand_run(scenario).output_tables(scenario)
    cases_document.load(scenario, outputs=tables)
    panel = view.results
    assert panel.headline_label.text().startswith("Read from the workbook: 4 runs")
    assert not cases_document.cases_stale and not panel.stale_banner.isVisible()
    assert case_list(view)["Tight caps"] == "infeasible"
    assert panel.summary_model.rowCount() == 4
    model = view.editor.model
    model.setData(model.index(0, column(view, "value")), 3)
    assert cases_document.cases_stale and panel.stale_banner.isVisible()
    cases_document.undo_stack.undo()
    assert not cases_document.cases_stale and not panel.stale_banner.isVisible()


def test_results_saved_for_other_inputs_are_stale_when_read(cases_document, view) -> None:
    scenario = cases_document.scenario
    other = scenario.copy()
    other.cases.iat[0, 4] = 3.0
    cases_document.load(scenario, outputs=hand_run(other).output_tables(other))
    assert cases_document.cases_stale and view.results.stale_banner.isVisible()


def test_save_writes_the_latest_runs_tables(qtbot, main_window, monkeypatch, tmp_path) -> None:
    from planner.workbook.reader import read_workbook

    document = main_window.document
    scenario = cases_scenario()
    document.load(scenario)
    document.set_cases_run(hand_run(scenario.copy()))
    assert document.is_dirty
    path = tmp_path / "with-cases.xlsx"
    monkeypatch.setattr(dialogs, "save_workbook_path", lambda *_args: str(path))
    with qtbot.waitSignal(main_window.files.saved, timeout=30_000):
        main_window.files.save()
    assert not document.is_dirty
    loaded = read_workbook(str(path))
    results = loaded.outputs[schema.CASES_RESULTS.name]
    assert list(results["case"]) == ["Base", *CASE_NAMES]
    assert loaded.cases_stale is False
    retrofits = loaded.outputs[schema.CASES_RETROFITS.name]
    assert len(retrofits[retrofits["case"] == "Slow yard"]) == 4


def test_opening_another_scenario_waits_for_a_run(qtbot, main_window, monkeypatch) -> None:
    gate = threading.Event()
    infos = []
    monkeypatch.setattr(dialogs, "show_info", lambda _p, text, *_a: infos.append(text))
    view = main_window.cases_view
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        view.runner.start(main_window.document.scenario, fake_function([], gate=gate), [])
        assert gate.wait(5)
        main_window.files.new()
        view.cancel()
    assert infos and infos[0].startswith("What-if cases are running")
