"""Cell editors fit the column: choices, fuel names, numbers, years, comma lists."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from planner.gui.delegates import BAD_TEXT_STYLE, CellDelegate, ListCompleter
from planner.gui.table_model import ScenarioTableModel


@pytest.fixture
def parent(qtbot) -> QWidget:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def editor_for(document, parent, sheet: str, row: int, key: str):  # noqa: ANN001, ANN201
    model = ScenarioTableModel(document, sheet, parent)
    index = model.index(row, model.column_index(key))
    delegate = CellDelegate(document, parent)
    editor = delegate.createEditor(parent, QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    return delegate, editor, model, index


def test_kind_is_a_choice_list(document, parent) -> None:
    _, editor, _, _ = editor_for(document, parent, "Technologies", 0, "kind")
    assert isinstance(editor, QComboBox) and not editor.isEditable()
    assert [editor.itemText(i) for i in range(editor.count())] == ["conversion", "efficiency"]
    assert editor.currentText() == "conversion"


def test_baseline_fuel_offers_the_fuels(document, parent) -> None:
    delegate, editor, model, index = editor_for(document, parent, "Fleet", 0, "baseline_fuel")
    assert isinstance(editor, QComboBox) and editor.isEditable()
    assert [editor.itemText(i) for i in range(editor.count())] == ["Bio-methanol", "VLSFO"]
    editor.setCurrentIndex(0)
    delegate.setModelData(editor, model, index)
    assert document.table("Fleet").at[0, "baseline_fuel"] == "Bio-methanol"


def test_family_offers_known_and_common_families(document, parent) -> None:
    _, editor, _, _ = editor_for(document, parent, "Fuels", 0, "family")
    items = [editor.itemText(i) for i in range(editor.count())]
    assert {"oil", "methanol", "ammonia", "lng"} <= set(items)


def test_numbers_and_years_have_numeric_editors(document, parent) -> None:
    _, editor, _, _ = editor_for(document, parent, "Fleet", 0, "annual_fuel_t")
    assert isinstance(editor, QLineEdit) and editor.text() == "12000"
    for text in ("1,200.5", "1.2e4"):
        editor.setText(text)
        assert editor.styleSheet() == ""
    _, year, _, _ = editor_for(document, parent, "Fleet", 0, "build_year")
    year.setText("2030")
    assert year.styleSheet() == ""
    year.setText("20x1")
    assert year.styleSheet() == BAD_TEXT_STYLE


def test_a_word_typed_into_a_number_cell_is_kept_and_marked_not_cut(qtbot, document,
                                                                     parent) -> None:
    """Issue 13: "cheap" used to become "e" (a validator dropped the other letters)."""
    delegate, editor, model, index = editor_for(document, parent, "Fleet", 0, "annual_fuel_t")
    editor.clear()
    qtbot.keyClicks(editor, "cheap")
    assert editor.text() == "cheap"
    assert editor.styleSheet() == BAD_TEXT_STYLE
    assert "cheap" in editor.toolTip() and "number" in editor.toolTip()
    delegate.setModelData(editor, model, index)
    assert document.table("Fleet").at[0, "annual_fuel_t"] == "cheap"
    document.revalidate()
    assert any(issue.is_error for issue in document.issues_at("Fleet", 0, "annual_fuel_t"))


def test_comma_lists_complete_the_last_name(document, parent) -> None:
    _, editor, _, _ = editor_for(document, parent, "Fleet", 0, "fuel_families")
    completer = editor.completer()
    assert isinstance(completer, ListCompleter)
    editor.setText("oil, meth")
    assert completer.splitPath(editor.text()) == ["meth"]
    completer.setCompletionPrefix("meth")
    assert completer.pathFromIndex(completer.currentIndex()) == "oil, methanol"


def test_picking_a_choice_commits_at_once(qtbot, document) -> None:
    from planner.gui.table_view import ScenarioTableView

    view = ScenarioTableView(ScenarioTableModel(document, "Technologies"))
    qtbot.addWidget(view)
    view.show()
    index = view.proxy.index(0, view.table_model.column_index("kind"))
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.indexWidget(index) or view.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("efficiency"))
    combo.activated.emit(combo.currentIndex())
    assert document.table("Technologies").at[0, "kind"] == "efficiency"
