"""Open -> edit -> save -> reopen through the window, with the loads and saves in threads:
the plan comes back without solving, workbooks with errors still open, foreign sheets
are warned about, failures are reported and lose nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

import planner
from planner.gui import dialogs
from planner.gui.commands import SetCells
from planner.gui.table_model import ERROR_BRUSH
from planner.workbook.writer import save_scenario


def open_in(qtbot, window, path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.files.opened, timeout=10_000):
        window.files.open(str(path))


def save_in(qtbot, window) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.files.saved, timeout=10_000):
        assert window.files.save()


def test_open_edit_save_reopen(qtbot, main_window, tiny_scenario, tmp_path) -> None:
    path = tmp_path / "fleet.xlsx"
    save_scenario(tiny_scenario.copy(), str(path))
    open_in(qtbot, main_window, path)
    document = main_window.document
    assert main_window.windowTitle().startswith("fleet.xlsx[*]")
    assert [main_window.recent_menu.actions()[0].toolTip()] == [str(path)]
    model = main_window.editor_for("Fleet").model
    model.setData(model.index(1, model.column_index("annual_fuel_t")), "16,500")
    model.setData(model.index(0, model.column_index("note")), "renamed in the app")
    assert main_window.isWindowModified()
    save_in(qtbot, main_window)
    assert not main_window.isWindowModified()

    again = planner.load_scenario(str(path))
    assert again.fleet.at[1, "annual_fuel_t"] == 16500.0
    assert again.fleet.at[0, "note"] == "renamed in the app"
    assert again.fingerprint() == document.scenario.fingerprint()


def test_the_plan_is_saved_and_shown_again_without_solving(
        qtbot, main_window, tiny_scenario, monkeypatch, solved_plan, tmp_path) -> None:
    path = tmp_path / "planned.xlsx"
    document = main_window.document
    document.set_plan(solved_plan)
    assert not document.plan_stale
    monkeypatch.setattr(dialogs, "save_workbook_path", lambda *_args: str(path))
    save_in(qtbot, main_window)  # no path yet: Save asks where
    document.load(tiny_scenario.copy())
    assert document.plan is None
    open_in(qtbot, main_window, path)
    plan = document.plan
    assert plan is not None and not document.plan_stale
    assert plan.status == solved_plan.status
    assert plan.objective == pytest.approx(solved_plan.objective)
    assert list(plan.annual["year"]) == list(solved_plan.annual["year"])
    model = main_window.editor_for("Fuels").model
    model.setData(model.index(0, model.column_index("lcv_mj_per_kg")), "40")
    assert document.plan_stale
    assert "out of date" in main_window.plan_label.text()


def test_a_workbook_with_errors_opens_with_its_issues_on_the_cells(
        qtbot, main_window, tiny_scenario, tmp_path) -> None:
    path = tmp_path / "broken.xlsx"
    save_scenario(tiny_scenario.copy(), str(path))
    book = openpyxl.load_workbook(path)
    sheet = book["Fleet"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(3, headers.index("build_year") + 1).value = "2015a"
    book.save(path)

    open_in(qtbot, main_window, path)
    document = main_window.document
    [issue] = [i for i in document.issues if i.is_error]
    assert str(issue) == 'Fleet!D3: build_year must be a whole number, got "2015a"'
    model = main_window.editor_for("Fleet").model
    index = model.index(1, model.column_index("build_year"))
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert main_window.issue_label.text().startswith("1 error")
    model.setData(index, "2015")  # the planner fixes it in the app
    document.revalidate()
    assert document.error_count == 0


def test_a_file_that_is_no_workbook_is_refused_and_the_open_document_stays(
        qtbot, main_window, monkeypatch, tmp_path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("just some text")
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        shown.append(headline))
    before = main_window.document.scenario
    with qtbot.waitSignal(main_window.files.busy_changed, timeout=10_000,
                          check_params_cb=lambda busy: not busy):
        main_window.files.open(str(path))
    assert shown and shown[0].startswith("Cannot open notes.xlsx:")
    assert "not an Excel workbook" in shown[0]
    assert main_window.document.scenario is before


def test_overwriting_a_file_with_foreign_sheets_warns_first(
        qtbot, main_window, tiny_scenario, monkeypatch, tmp_path) -> None:
    path = tmp_path / "shared.xlsx"
    save_scenario(tiny_scenario.copy(), str(path))
    book = openpyxl.load_workbook(path)
    book.create_sheet("Budget notes")["A1"] = "kept by value"
    book.save(path)
    open_in(qtbot, main_window, path)
    assert main_window.document.foreign_sheets == ["Budget notes"]

    asked = []
    monkeypatch.setattr(dialogs, "confirm_foreign_sheets",
                        lambda _p, target, sheets: asked.append(sheets) or False)
    main_window.document.undo_stack.push(
        SetCells(main_window.document, "Fleet", [(0, "name", "x")]))
    assert not main_window.files.save()  # declined: nothing written
    assert asked == [["Budget notes"]]
    assert main_window.isWindowModified()

    monkeypatch.setattr(dialogs, "confirm_foreign_sheets", lambda *_args: True)
    save_in(qtbot, main_window)
    assert "Budget notes" in openpyxl.load_workbook(path).sheetnames
    main_window.document.undo_stack.push(
        SetCells(main_window.document, "Fleet", [(0, "name", "y")]))
    save_in(qtbot, main_window)  # asked once: the file now holds what the app wrote


def test_a_failed_save_is_reported_and_the_document_stays_modified(
        qtbot, main_window, monkeypatch, tmp_path) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        shown.append(headline))
    monkeypatch.setattr(dialogs, "save_workbook_path",
                        lambda *_args: str(tmp_path / "missing-folder" / "fleet.xlsx"))
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "x")]))
    with qtbot.waitSignal(main_window.files.busy_changed, timeout=10_000,
                          check_params_cb=lambda busy: not busy):
        main_window.files.save()
    assert shown and shown[0].startswith("Could not save fleet.xlsx")
    assert document.is_dirty and document.path is None
