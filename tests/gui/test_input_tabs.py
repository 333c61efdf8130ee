"""The table editors: row numbers as in the workbook, year columns added and removed,
the row count, the fuel price chart following the current row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner import schema
from planner.gui import dialogs
from planner.gui.input_tabs import FuelPricesPage, TableEditor
from planner.scenario import SheetLayout


def test_rows_are_numbered_as_in_the_workbook(qtbot, document) -> None:
    document.scenario.layouts["Fleet"] = SheetLayout("Fleet", {"vessel_id": 1},
                                                     rows=[2, 4, 5])  # row 3 was empty
    editor = TableEditor(document, schema.FLEET)
    qtbot.addWidget(editor)
    header = [editor.model.headerData(row, Qt.Orientation.Vertical) for row in range(3)]
    assert header == ["2", "4", "5"]
    tip = editor.model.headerData(editor.model.column_index("build_year"),
                                  Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Column D of the Fleet sheet")


def test_add_and_remove_a_year_column(qtbot, document, monkeypatch) -> None:
    editor = TableEditor(document, schema.FUEL_PRICES)
    qtbot.addWidget(editor)
    offered = []
    monkeypatch.setattr(dialogs, "ask_year", lambda _p, _title, suggestion, taken:
                        offered.append((suggestion, taken)) or 2040)
    editor.add_year()
    assert offered == [(2040, [2026, 2030, 2035])]
    assert list(document.table("FuelPrices").columns) == ["fuel", 2026, 2030, 2035, 2040]
    assert editor.model.column_at(editor.view.currentIndex().column()).key == 2040

    editor.view.setCurrentIndex(editor.view.proxy.index(0, editor.model.column_index(2030)))
    editor.remove_current_year()
    assert list(document.table("FuelPrices").columns) == ["fuel", 2026, 2035, 2040]
    document.undo_stack.undo()
    assert list(document.table("FuelPrices")[2030]) == [None, 1000.0]


def test_removing_a_column_that_is_not_a_year_is_refused(qtbot, document, monkeypatch) -> None:
    editor = TableEditor(document, schema.FUEL_PRICES)
    qtbot.addWidget(editor)
    said = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        said.append(headline))
    editor.view.setCurrentIndex(editor.view.proxy.index(0, 0))
    editor.remove_current_year()
    assert said == ["fuel is not a year column."]
    assert document.undo_stack.count() == 0


def test_the_row_count_follows_the_filter_and_edits(qtbot, document) -> None:
    editor = TableEditor(document, schema.FLEET)
    qtbot.addWidget(editor)
    assert editor.count_label.text() == "3 rows"
    editor.filter_edit.setText("container")
    assert editor.count_label.text() == "2 of 3 rows shown"
    editor.filter_edit.clear()
    editor.view.add_row()
    assert editor.count_label.text() == "4 rows"


def test_the_current_fuel_is_drawn_bold(qtbot, document) -> None:
    page = FuelPricesPage(document)
    qtbot.addWidget(page)
    view = page.editor.view
    view.setCurrentIndex(view.proxy.index(1, 0))
    widths = {name: line.pen().widthF() for name, line in page.chart.lines.items()}
    assert widths == {"vlsfo": 2.0, "bio-methanol": 4.0}
