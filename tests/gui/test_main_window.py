"""The main window: title and modified mark, close prompt, issues jump, Edit menu, drag
and drop, recent files and layout kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from planner.gui import dialogs
from planner.gui.commands import SetCells
from planner.gui.dialogs import SaveChoice
from planner.gui.main_window import MainWindow, dropped_workbook
from planner.gui.recent_files import MAX_RECENT, RecentFiles
from planner.gui.results_view import STATUS_LABELS, ResultsView
from planner.workbook.writer import save_scenario


def test_tabs_are_the_settings_the_input_sheets_and_the_results(main_window) -> None:
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert titles == ["Settings", "Fleet", "Fuels", "Fuel prices", "Fuel supply",
                      "Technologies", "Targets", "Regimes", "Results", "Cases",
                      "Robust"]
    assert isinstance(main_window.tabs.widget(8), ResultsView)


def test_title_shows_the_name_and_a_modified_mark(main_window) -> None:
    assert main_window.windowTitle().startswith("Tiny fleet[*]")
    assert not main_window.isWindowModified()
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Renamed")]))
    assert main_window.isWindowModified()
    document.undo_stack.undo()
    assert not main_window.isWindowModified()


def test_standard_shortcuts(main_window) -> None:
    actions = main_window.actions_by_name
    assert actions["open"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert actions["save"].shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert actions["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Y") in actions["redo"].shortcuts()
    assert actions["copy"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert actions["paste"].shortcut() == QKeySequence(QKeySequence.StandardKey.Paste)
    assert actions["solve"].shortcut() == QKeySequence(Qt.Key.Key_F5)


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(
        qtbot, main_window, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes",
                        lambda _parent, name: asked.append(name) or SaveChoice.CANCEL)
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Renamed")]))
    assert not main_window.close()
    assert asked == ["Tiny fleet"]
    assert main_window.isVisible()


def test_closing_and_discarding_closes(main_window, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: SaveChoice.DISCARD)
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Renamed")]))
    assert main_window.close()


def test_closing_a_clean_document_does_not_ask(main_window) -> None:
    assert main_window.close()  # the autouse fixture fails on any dialog


def test_closing_and_saving_writes_the_file_then_closes(qtbot, main_window, monkeypatch,
                                                       tmp_path) -> None:
    target = tmp_path / "fleet.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: SaveChoice.SAVE)
    monkeypatch.setattr(dialogs, "save_workbook_path", lambda *_args: str(target))
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Renamed")]))
    assert not main_window.close()  # waits for the save
    qtbot.waitUntil(lambda: not main_window.isVisible(), timeout=10_000)
    assert target.is_file()
    assert not document.is_dirty


def test_double_clicking_an_issue_selects_its_cell(qtbot, main_window) -> None:
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(2, "annual_fuel_t", "lots")]))
    document.revalidate()
    panel = main_window.issues_panel
    row = next(i for i in range(panel.tree.topLevelItemCount())
               if panel.issue_at(i).column == "annual_fuel_t")
    panel.activate_row(row)
    editor = main_window.editor_for("Fleet")
    assert main_window.tabs.currentWidget() is editor
    current = editor.view.proxy.mapToSource(editor.view.currentIndex())
    assert (current.row(), current.column()) == (2, editor.model.column_index("annual_fuel_t"))


def test_a_settings_issue_goes_to_the_settings_form(main_window) -> None:
    main_window.settings_form.commit("discount_rate", "8")
    main_window.document.revalidate()
    panel = main_window.issues_panel
    [row] = [i for i in range(panel.tree.topLevelItemCount())
             if panel.issue_at(i).sheet == "Settings"]
    assert "did you mean 8%?" in panel.issue_at(row).message
    panel.activate_row(row)
    assert main_window.tabs.currentWidget() is main_window.settings_form


def test_the_edit_menu_acts_on_the_current_table(main_window) -> None:
    editor = main_window.editor_for("Fuels")
    main_window.tabs.setCurrentWidget(editor)
    editor.view.setCurrentIndex(editor.view.proxy.index(1, 0))
    main_window.actions_by_name["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "Bio-methanol\n"
    main_window.actions_by_name["add_row"].trigger()
    assert len(main_window.document.table("Fuels")) == 3
    main_window.actions_by_name["undo"].trigger()
    assert len(main_window.document.table("Fuels")) == 2


def test_status_bar_counts_issues_and_says_when_the_plan_is_out_of_date(main_window) -> None:
    from planner.plan import Plan, Status

    document = main_window.document
    assert main_window.issue_label.text() == "0 errors, 0 warnings"
    assert "No plan" in main_window.plan_label.text()
    document.set_plan(Plan(Status.OPTIMAL, input_fingerprint=document.fingerprint()))
    assert main_window.plan_label.text() == "Least-cost plan"
    document.undo_stack.push(SetCells(document, "Fuels", [(0, "lcv_mj_per_kg", 40.0)]))
    assert "out of date" in main_window.plan_label.text()


def test_dropping_a_workbook_opens_it(qtbot, main_window, tiny_scenario, tmp_path) -> None:
    path = tmp_path / "dropped.xlsx"
    tiny_scenario.fleet.at[0, "name"] = "Dropped"
    save_scenario(tiny_scenario, str(path))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt")), QUrl.fromLocalFile(str(path))])
    assert dropped_workbook(mime) == str(path)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(main_window.files.opened, timeout=10_000):
        main_window.dropEvent(event)
    assert main_window.document.path == str(path)
    assert main_window.document.table("Fleet").at[0, "name"] == "Dropped"


def test_recent_files_and_layout_persist(qtbot, settings, tmp_path) -> None:
    recent = RecentFiles(settings)
    for number in range(MAX_RECENT + 2):
        recent.add(str(tmp_path / f"f{number}.xlsx"))
    recent.add(str(tmp_path / "f3.xlsx"))
    paths = recent.paths()
    assert len(paths) == MAX_RECENT
    assert Path(paths[0]).name == "f3.xlsx" and len(set(paths)) == len(paths)

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert [a.toolTip() for a in window.recent_menu.actions()] == paths
    window.show()
    window.resize(window.width(), 590)
    window.issues_dock.hide()
    assert window.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert again.height() == 590  # (the offscreen screen is too narrow to test widths)
    assert not again.issues_dock.isVisible()
    QApplication.processEvents()


def test_editing_and_undo_pause_while_a_file_is_written(main_window) -> None:
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Renamed")]))
    main_window.files.busy_changed.emit(True)
    actions = main_window.actions_by_name
    assert not main_window.tabs.isEnabled()
    assert not actions["undo"].isEnabled() and not actions["undo_button"].isEnabled()
    assert not actions["save"].isEnabled()
    main_window.files.busy_changed.emit(False)
    assert main_window.tabs.isEnabled() and actions["undo"].isEnabled()
    assert not actions["redo"].isEnabled()  # nothing to redo


def test_no_other_scenario_opens_while_a_solve_runs(main_window, monkeypatch) -> None:
    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda _p, headline, details="":
                        told.append(headline))
    monkeypatch.setattr(type(main_window.solver), "is_running", property(lambda _self: True))
    scenario = main_window.document.scenario
    main_window.files.new()
    main_window.files.open("/nowhere/fleet.xlsx")
    assert len(told) == 2 and told[0].startswith("A solve is running.")
    assert main_window.document.scenario is scenario


def test_f5_solves_and_shows_the_results(qtbot, main_window) -> None:
    document = main_window.document
    with qtbot.waitSignal(main_window.solver.finished, timeout=60_000):
        main_window.actions_by_name["solve"].trigger()
    assert document.plan is not None and not document.plan_stale
    assert main_window.tabs.currentWidget() is main_window.results_view
    assert main_window.isWindowModified()  # the new plan is not saved yet
    assert main_window.plan_label.text() == STATUS_LABELS[document.plan.status]
