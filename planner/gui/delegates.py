"""Cell editors that fit the column: choice lists, name pickers, numbers, years, comma lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner import schema
from planner.convert import Parsed, format_value, is_blank
from planner.gui.table_columns import TableColumn
from planner.gui.table_model import COLUMN_ROLE
from planner.schema import ColumnType, normalize, split_list

if TYPE_CHECKING:
    from planner.gui.document import Document

AnyIndex = QModelIndex | QPersistentModelIndex

BAD_TEXT_STYLE = "background: #ffcdcd;"
COMMON_FAMILIES = ("oil", "lng", "methanol", "ammonia", "hydrogen")


def name_choices(document: Document, refers_to: str) -> list[str]:
    """The names a NAME or LIST cell may refer to, as written in the scenario."""
    scenario = document.scenario
    if refers_to == "fuel":
        return _distinct(scenario.fuels["fuel"])
    if refers_to == "family":
        return _distinct(list(scenario.fuels["family"]) + list(COMMON_FAMILIES))
    if refers_to == "vessel_type":
        types = list(scenario.fleet["type"])
        for cell in scenario.technologies["vessel_types"]:
            types += split_list(cell)
        return _distinct(types)
    return []


def _distinct(values: Any) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if is_blank(value):
            continue
        seen.setdefault(normalize(value), str(value).strip())
    return sorted(seen.values(), key=str.casefold)


def refers_to(column: TableColumn) -> str:
    """What a column's names refer to (Fuels.family lists families too)."""
    if column.column.refers_to:
        return column.column.refers_to
    if column.column is schema.FUELS.column("family"):
        return "family"
    return ""


class ListCompleter(QCompleter):
    """Completes the last name of a comma list ("oil, meth" -> "oil, methanol")."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = [part.strip() for part in text.split(",")[:-1] if part.strip()]
        return ", ".join(head + [str(index.data())])


def check_as_typed(editor: QLineEdit, parse: Callable[[str], Parsed], tip: str) -> None:
    """Mark text that is not a number while it is typed, keeping every character (a
    validator would drop letters silently: "cheap" became "e"). What is committed
    anyway is kept and marked as an error in the table, with the reason."""
    def on_text_changed(text: str) -> None:
        parsed = parse(text)
        editor.setStyleSheet("" if parsed.ok else BAD_TEXT_STYLE)
        editor.setToolTip(tip if parsed.ok else f"{parsed.error}\n\n{tip}")

    editor.textChanged.connect(on_text_changed)


class CellDelegate(QStyledItemDelegate):
    """Creates the editor a cell's schema column asks for."""

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: AnyIndex) -> QWidget:
        column: TableColumn = index.data(COLUMN_ROLE)
        kind = column.column.type
        if kind is ColumnType.CHOICE:
            combo = QComboBox(parent)
            if not column.column.required:
                combo.addItem("")
            combo.addItems(list(column.column.choices))
            # Picking an item is the whole edit: commit and close at once.
            combo.activated.connect(lambda _index, box=combo: self._commit_and_close(box))
            return combo
        target = refers_to(column)
        if kind is ColumnType.NAME and target:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(name_choices(self._document, target))
            if combo.completer() is not None:
                combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if kind is ColumnType.LIST and target:
            completer = ListCompleter(editor)
            completer.setModel(QStringListModel(name_choices(self._document, target), completer))
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCompleter(completer)
        tip = column.tooltip(self._document.scenario.settings.currency)
        if column.is_numeric:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            check_as_typed(editor, column.parse, tip)
        editor.setToolTip(tip)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        column: TableColumn = index.data(COLUMN_ROLE)
        text = format_value(index.data(Qt.ItemDataRole.EditRole), column.column)
        if isinstance(editor, QComboBox):
            found = editor.findText(text, Qt.MatchFlag.MatchFixedString)
            if found >= 0:
                editor.setCurrentIndex(found)
            elif editor.isEditable():
                editor.setEditText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:
            return
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: AnyIndex) -> None:
        editor.setGeometry(option.rect)
