"""Every edit of the document is undoable and redoable; the dirty flag and the plan's
staleness follow; load issues stay on their rows."""

from __future__ import annotations

import dataclasses

import pytest

from planner.errors import Issue
from planner.gui.commands import (
    AddYearColumn,
    InsertRows,
    RemoveRows,
    RemoveYearColumn,
    SetCells,
    SetSetting,
)
from planner.gui.document import Document
from planner.gui.table_model import ScenarioTableModel
from planner.plan import Plan, Status
from planner.scenario import SheetLayout


def fleet_ids(document: Document) -> list[object]:
    return list(document.table("Fleet")["vessel_id"])


def test_edit_undo_redo_and_the_dirty_flag(qtbot, document) -> None:
    assert not document.is_dirty
    with qtbot.waitSignal(document.dirty_changed):
        document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Alpha II")]))
    assert document.is_dirty
    assert document.table("Fleet").at[0, "name"] == "Alpha II"
    document.undo_stack.undo()
    assert document.table("Fleet").at[0, "name"] == "Alpha"
    assert not document.is_dirty  # back at the saved state
    document.undo_stack.redo()
    assert document.table("Fleet").at[0, "name"] == "Alpha II"
    assert document.is_dirty


def test_a_block_edit_is_one_step(document) -> None:
    changes = [(0, "annual_fuel_t", 1.0), (1, "annual_fuel_t", 2.0), (2, "name", "Z")]
    document.undo_stack.push(SetCells(document, "Fleet", changes))
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert list(document.table("Fleet")["annual_fuel_t"]) == [12000.0, 15000.0, 6000.0]
    assert document.table("Fleet").at[2, "name"] == "Charlie"


def test_rows_insert_and_remove_undo_to_the_same_table(document) -> None:
    before = document.table("Fleet").copy()
    model = ScenarioTableModel(document, "Fleet")
    rows = model.blank_rows(2)
    rows["vessel_id"] = ["NEW1", "NEW2"]
    document.undo_stack.push(InsertRows(document, "Fleet", [1, 3], rows))
    assert fleet_ids(document) == ["IMO1000001", "NEW1", "IMO1000002", "NEW2", "IMO1000003"]
    document.undo_stack.push(RemoveRows(document, "Fleet", [0, 2, 4]))
    assert fleet_ids(document) == ["NEW1", "NEW2"]
    document.undo_stack.undo()
    assert fleet_ids(document) == ["IMO1000001", "NEW1", "IMO1000002", "NEW2", "IMO1000003"]
    document.undo_stack.undo()
    assert document.table("Fleet").equals(before)
    assert list(document.table("Fleet").index) == [0, 1, 2]
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert fleet_ids(document) == ["NEW1", "NEW2"]


def test_year_columns_are_added_in_order_and_removed_with_their_values(document) -> None:
    stack = document.undo_stack
    stack.push(AddYearColumn(document, "FuelPrices", 2028))
    assert list(document.table("FuelPrices").columns) == ["fuel", 2026, 2028, 2030, 2035]
    stack.push(RemoveYearColumn(document, "FuelPrices", 2035))
    assert list(document.table("FuelPrices").columns) == ["fuel", 2026, 2028, 2030]
    stack.undo()
    assert list(document.table("FuelPrices")[2035]) == [700.0, None]
    stack.undo()
    assert list(document.table("FuelPrices").columns) == ["fuel", 2026, 2030, 2035]


def test_a_setting_edit_undoes_and_a_missing_setting_row_is_added(document) -> None:
    stack = document.undo_stack
    stack.push(SetSetting(document, "discount_rate", 0.05))
    assert document.scenario.settings.discount_rate == 0.05
    table = document.table("Settings")
    document.replace_table("Settings", table[table["setting"] != "mip_gap"]
                           .reset_index(drop=True))
    rows = len(document.table("Settings"))
    stack.push(SetSetting(document, "mip_gap", 0.01))
    assert len(document.table("Settings")) == rows + 1
    assert document.scenario.settings.mip_gap == 0.01
    stack.undo()
    assert len(document.table("Settings")) == rows
    stack.undo()
    assert document.scenario.settings.discount_rate == 0.08


def test_the_plan_goes_out_of_date_with_an_edit_and_back_with_undo(qtbot, document) -> None:
    plan = Plan(Status.OPTIMAL, objective=1.0, input_fingerprint=document.fingerprint())
    document.set_plan(plan)
    assert not document.plan_stale
    with qtbot.waitSignal(document.plan_stale_changed) as stale:
        document.undo_stack.push(SetCells(document, "Fuels", [(0, "lcv_mj_per_kg", 40.0)]))
    assert stale.args == [True]
    assert document.plan_stale and plan.stale
    with qtbot.waitSignal(document.plan_changed):
        document.undo_stack.undo()
    assert not document.plan_stale and not plan.stale
    # Editing a note (not read by the optimizer) leaves the plan current.
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "note", "x")]))
    assert not document.plan_stale


def test_a_new_plan_makes_the_document_dirty_until_saved(document, tmp_path) -> None:
    first = Plan(Status.OPTIMAL, input_fingerprint=document.fingerprint())
    document.set_plan(first)
    assert document.is_dirty
    document.mark_saved(str(tmp_path / "fleet.xlsx"), first)
    assert not document.is_dirty
    assert document.display_name == "fleet.xlsx"
    # A plan that arrives while the file is written is not in the file.
    document.set_plan(Plan(Status.OPTIMAL, input_fingerprint=document.fingerprint()))
    document.mark_saved(str(tmp_path / "fleet.xlsx"), first)
    assert document.is_dirty


def test_a_new_plan_is_not_an_undo_step(document) -> None:
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "note", "edited")]))
    plan = Plan(Status.OPTIMAL, input_fingerprint=document.fingerprint())
    document.set_plan(plan)
    assert document.undo_stack.count() == 1  # the edit only
    document.undo_stack.undo()  # undoes the edit, keeps the plan
    assert document.plan is plan
    assert document.table("Fleet").at[0, "note"] != "edited"


def test_what_if_results_that_arrive_while_saving_stay_unsaved(document, tmp_path) -> None:
    saved_tables = {"Cases Results": object()}
    document.cases_result = saved_tables
    document.mark_saved(str(tmp_path / "fleet.xlsx"), document.plan, saved_tables)
    assert not document.is_dirty
    document.cases_result = {"Cases Results": object()}  # a later run, not in the file
    document.mark_saved(str(tmp_path / "fleet.xlsx"), document.plan, saved_tables)
    assert document.is_dirty


def test_validation_runs_debounced_after_edits(qtbot, document) -> None:
    assert document.issues == []
    document.undo_stack.push(SetCells(document, "Fleet", [(1, "baseline_fuel", "Diesel")]))
    assert document.issues == []  # not yet: debounced
    with qtbot.waitSignal(document.issues_changed, timeout=2000):
        pass
    [issue] = document.issues
    assert (issue.sheet, issue.row, issue.column) == ("Fleet", 1, "baseline_fuel")
    assert document.issues_at("Fleet", 1, "baseline_fuel") == [issue]


def test_load_issues_follow_their_rows_and_go_once_the_cell_is_edited(tiny_scenario) -> None:
    unsaved = Issue("Fleet", "D4", "build_year is a formula without a saved value",
                    row=2, column="build_year")
    tiny_scenario.load_issues = [unsaved]
    tiny_scenario.layouts["Fleet"] = SheetLayout("Fleet", {"build_year": 4}, rows=[2, 3, 4])
    document = Document(tiny_scenario)
    assert unsaved in document.issues
    document.undo_stack.push(RemoveRows(document, "Fleet", [0]))
    document.revalidate()
    moved = dataclasses.replace(unsaved, row=1)
    assert moved in document.issues
    assert document.scenario.cell("Fleet", 1, "build_year") == "D4"  # the file's row
    document.undo_stack.undo()
    document.revalidate()
    assert unsaved in document.issues
    document.undo_stack.push(SetCells(document, "Fleet", [(2, "build_year", 2019)]))
    document.revalidate()
    assert all("formula" not in issue.message for issue in document.issues)
    document.undo_stack.undo()  # the edit undone: the reader's verdict on the cell is back
    document.revalidate()
    assert unsaved in document.issues


def test_undoing_a_removal_brings_back_the_reader_issues_of_the_rows(tiny_scenario) -> None:
    unsaved = Issue("Fleet", "D4", "build_year is a formula without a saved value",
                    row=2, column="build_year")
    tiny_scenario.load_issues = [unsaved]
    tiny_scenario.layouts["Fleet"] = SheetLayout("Fleet", {"build_year": 4}, rows=[2, 3, 4])
    document = Document(tiny_scenario)
    document.undo_stack.push(RemoveRows(document, "Fleet", [1, 2]))
    document.revalidate()
    assert all("formula" not in issue.message for issue in document.issues)
    document.undo_stack.undo()
    document.revalidate()
    assert unsaved in document.issues
    document.undo_stack.redo()
    document.revalidate()
    assert all("formula" not in issue.message for issue in document.issues)


@pytest.mark.parametrize("positions", [[0], [2], [0, 2], [0, 1, 2]])
def test_removing_rows_then_undoing_restores_every_row(document, positions) -> None:
    before = document.table("Fleet").copy()
    document.undo_stack.push(RemoveRows(document, "Fleet", positions))
    assert len(document.table("Fleet")) == 3 - len(positions)
    document.undo_stack.undo()
    assert document.table("Fleet").equals(before)
