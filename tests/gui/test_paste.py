"""Copy and paste of rectangular blocks to and from Excel, fill down, clear, row actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from planner.convert import Percent
from planner.gui.clipboard import parse_tsv, to_tsv
from planner.gui.table_model import ScenarioTableModel
from planner.gui.table_view import ScenarioTableView


@pytest.fixture
def fleet_view(qtbot, document) -> ScenarioTableView:  # noqa: ANN001
    view = ScenarioTableView(ScenarioTableModel(document, "Fleet"))
    qtbot.addWidget(view)
    view.show()
    return view


def select(view: ScenarioTableView, top: int, left: int, bottom: int, right: int) -> None:
    """Select a block of view cells, the top-left one current."""
    proxy = view.proxy
    view.setCurrentIndex(proxy.index(top, left))
    view.selectionModel().select(
        QItemSelection(proxy.index(top, left), proxy.index(bottom, right)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect)


def col(view: ScenarioTableView, key: str) -> int:
    return view.table_model.column_index(key)


def test_parse_tsv_reads_excel_clipboard_text() -> None:
    assert parse_tsv("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert parse_tsv("1,200\t8%\n") == [["1,200", "8%"]]
    assert parse_tsv('"two\nlines"\t"say ""hi"""\n') == [["two\nlines", 'say "hi"']]
    assert parse_tsv("a\t\n\tb") == [["a", ""], ["", "b"]]
    assert parse_tsv("only") == [["only"]]
    assert parse_tsv("") == []


def test_to_tsv_quotes_what_excel_would_split() -> None:
    grid = [["a", "tab\there"], ['quote "q"', "line\nbreak"]]
    text = to_tsv(grid)
    assert text == 'a\t"tab\there"\n"quote ""q"""\t"line\nbreak"\n'
    assert parse_tsv(text) == grid


def test_paste_a_block_parses_every_cell_in_one_undo_step(fleet_view, document) -> None:
    QGuiApplication.clipboard().setText("1,500\tVLSFO\t9,000\r\n2,500\tvlsfo\t7,000.5\r\n")
    select(fleet_view, 1, col(fleet_view, "main_engine_kw"), 1, col(fleet_view, "main_engine_kw"))
    fleet_view.paste()
    table = document.table("Fleet")
    assert list(table["main_engine_kw"]) == [20000.0, 1500.0, 2500.0]
    assert list(table["baseline_fuel"]) == ["VLSFO", "VLSFO", "vlsfo"]
    assert list(table["annual_fuel_t"]) == [12000.0, 9000.0, 7000.5]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert list(document.table("Fleet")["annual_fuel_t"]) == [12000.0, 15000.0, 6000.0]


def test_paste_below_the_last_row_adds_rows_undone_together(fleet_view, document) -> None:
    QGuiApplication.clipboard().setText("IMO3\tDelta\nIMO4\tEcho\nIMO5\tFoxtrot\n")
    select(fleet_view, 2, 0, 2, 0)
    fleet_view.paste()
    assert list(document.table("Fleet")["vessel_id"]) == \
        ["IMO1000001", "IMO1000002", "IMO3", "IMO4", "IMO5"]
    assert list(document.table("Fleet")["name"])[2:] == ["Delta", "Echo", "Foxtrot"]
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Paste"
    document.undo_stack.undo()
    assert list(document.table("Fleet")["vessel_id"]) == \
        ["IMO1000001", "IMO1000002", "IMO1000003"]
    document.undo_stack.redo()
    assert len(document.table("Fleet")) == 5


def test_one_value_pasted_into_a_selection_fills_it(fleet_view, document) -> None:
    share = col(fleet_view, "ets_share")
    QGuiApplication.clipboard().setText("25%\r\n")
    select(fleet_view, 0, share, 2, share)
    fleet_view.paste()
    shares = list(document.table("Fleet")["ets_share"])
    assert all(isinstance(s, Percent) and s == pytest.approx(0.25) for s in shares)


def test_columns_beyond_the_last_are_dropped_with_a_note(qtbot, fleet_view, document) -> None:
    last = fleet_view.proxy.columnCount() - 1
    QGuiApplication.clipboard().setText("a\tb\tc\n")
    select(fleet_view, 0, last, 0, last)
    with qtbot.waitSignal(fleet_view.message) as note:
        fleet_view.paste()
    assert "Pasted 1 of 3 columns" in note.args[0]
    assert document.table("Fleet").iat[0, last] == "a"


def test_copy_gives_the_values_as_typed(fleet_view) -> None:
    select(fleet_view, 0, col(fleet_view, "build_year"), 1, col(fleet_view, "main_engine_kw"))
    fleet_view.copy_selection()
    text = QGuiApplication.clipboard().text()
    # build_year, retire_year (blank), main_engine_kw: no thousands separators
    assert text == "2010\t\t20000\n2015\t\t25000\n"
    select(fleet_view, 0, col(fleet_view, "ets_share"), 0, col(fleet_view, "ets_share"))
    fleet_view.copy_selection()
    assert QGuiApplication.clipboard().text() == "50%\n"


def test_copy_then_paste_round_trips_a_block(fleet_view, document) -> None:
    first, last = col(fleet_view, "name"), col(fleet_view, "main_engine_kw")
    select(fleet_view, 0, first, 0, last)
    fleet_view.copy_selection()
    select(fleet_view, 2, first, 2, first)
    fleet_view.paste()
    table = document.table("Fleet")
    assert list(table.iloc[2, first:last + 1]) == list(table.iloc[0, first:last + 1])


def test_fill_down_copies_the_top_cell(fleet_view, document) -> None:
    kind = col(fleet_view, "type")
    select(fleet_view, 0, kind, 2, kind)
    fleet_view.fill_down()
    assert list(document.table("Fleet")["type"]) == ["Container"] * 3
    document.undo_stack.undo()
    assert list(document.table("Fleet")["type"]) == ["Container", "Container", "Bulk"]
    select(fleet_view, 2, kind, 2, kind)  # one cell: takes the one above
    QTest.keyClick(fleet_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert document.table("Fleet").at[2, "type"] == "Container"


def test_delete_key_clears_the_selected_cells(fleet_view, document) -> None:
    select(fleet_view, 0, col(fleet_view, "name"), 1, col(fleet_view, "name"))
    QTest.keyClick(fleet_view, Qt.Key.Key_Delete)
    assert list(document.table("Fleet")["name"]) == [None, None, "Charlie"]


def test_ctrl_c_and_ctrl_v_reach_the_view(fleet_view, document) -> None:
    select(fleet_view, 0, col(fleet_view, "name"), 0, col(fleet_view, "name"))
    QTest.keyClick(fleet_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Alpha\n"
    select(fleet_view, 1, col(fleet_view, "name"), 1, col(fleet_view, "name"))
    QTest.keyClick(fleet_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.table("Fleet").at[1, "name"] == "Alpha"


def test_paste_into_a_sorted_view_goes_to_the_rows_shown(fleet_view, document) -> None:
    fleet_view.sortByColumn(col(fleet_view, "annual_fuel_t"), Qt.SortOrder.AscendingOrder)
    # Shown order by annual_fuel_t: Charlie (6,000), Alpha (12,000), Bravo (15,000).
    QGuiApplication.clipboard().setText("first\nsecond\n")
    select(fleet_view, 0, col(fleet_view, "name"), 0, col(fleet_view, "name"))
    fleet_view.paste()
    assert list(document.table("Fleet")["name"]) == ["second", "Bravo", "first"]


def test_filter_hides_rows_and_a_cell_jump_clears_it(fleet_view) -> None:
    fleet_view.set_filter("bulk")
    assert fleet_view.proxy.rowCount() == 1
    fleet_view.select_source_cell(0, 1)
    assert fleet_view.proxy.rowCount() == 3
    assert fleet_view.proxy.mapToSource(fleet_view.currentIndex()).row() == 0


def test_add_duplicate_and_delete_rows(fleet_view, document) -> None:
    select(fleet_view, 0, 0, 0, 0)
    fleet_view.duplicate_selected_rows()
    table = document.table("Fleet")
    assert list(table["vessel_id"]) == ["IMO1000001", "IMO1000001 copy", "IMO1000002",
                                        "IMO1000003"]
    assert table.at[1, "name"] == "Alpha"
    fleet_view.add_row()  # below the new current row
    assert len(document.table("Fleet")) == 5
    assert document.table("Fleet").at[2, "vessel_id"] is None
    select(fleet_view, 1, 0, 2, 0)
    fleet_view.delete_selected_rows()
    assert list(document.table("Fleet")["vessel_id"]) == \
        ["IMO1000001", "IMO1000002", "IMO1000003"]
    for _ in range(3):
        document.undo_stack.undo()
    assert len(document.table("Fleet")) == 3


def test_duplicating_a_target_year_takes_the_next_free_year(qtbot, document) -> None:
    view = ScenarioTableView(ScenarioTableModel(document, "Targets"))
    qtbot.addWidget(view)
    select(view, 0, 0, 1, 0)
    view.duplicate_selected_rows()
    assert list(document.table("Targets")["year"]) == [2026, 2035, 2027, 2036]
