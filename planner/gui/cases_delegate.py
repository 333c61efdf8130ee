"""Cell editors of the Cases sheet: dropdowns of case names, parameters and the items a
parameter takes (the scenario's vessels, fuels, families, types, technologies)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from planner import schema
from planner.cases.parameters import (
    PARAMETERS,
    ItemKind,
    Parameter,
    find_parameter,
    item_words,
    parameter_words,
)
from planner.convert import Parsed, is_blank, parse_number
from planner.gui.delegates import CellDelegate, check_as_typed
from planner.gui.table_columns import TableColumn
from planner.gui.table_model import COLUMN_ROLE
from planner.schema import normalize

if TYPE_CHECKING:
    from planner.gui.document import Document
    from planner.scenario import Scenario

AnyIndex = QModelIndex | QPersistentModelIndex
CASE, PARAMETER, ITEM, CHANGE, VALUE = schema.CASES.column_names[:5]
ITEM_KINDS: tuple[ItemKind, ...] = tuple(dict.fromkeys(
    p.items for p in PARAMETERS if p.items is not None))


def _distinct(values: Any) -> list[str]:
    """Non-blank texts, first spelling of each, in order of appearance."""
    seen: dict[str, str] = {}
    for value in values:
        if not is_blank(value):
            seen.setdefault(normalize(value), str(value).strip())
    return list(seen.values())


def parameter_tooltip(parameter: Parameter, currency: str) -> str:
    """What a parameter is, its unit, whether it takes an item and years."""
    rule = parameter.rule
    lines = [parameter.name, rule.description]
    unit = rule.unit_label(currency)
    if unit:
        lines.append(f"Unit: {unit}")
    if rule.range_label:
        lines.append(f"Allowed: {rule.range_label}")
    lines.append(f"Item: {parameter.items.words}" if parameter.items is not None
                 else "Item: none (leave blank)")
    lines.append("A yearly series: from_year and to_year apply" if parameter.is_yearly
                 else "Not a yearly series: leave from_year and to_year blank")
    return "\n".join(lines)


def item_choices(scenario: Scenario, kind: ItemKind) -> list[str]:
    """The rows an item of this kind may name, then its groups (``type:Container``)."""
    table = scenario.tables[kind.sheet.name]
    names = _distinct(table[kind.sheet.key]) if kind.sheet.key in table else []
    group_column = kind.sheet.column(kind.group)
    groups = list(group_column.choices) if group_column.choices else \
        sorted(_distinct(table[kind.group]) if kind.group in table else [], key=str.casefold)
    return names + [f"{kind.group}:{group}" for group in groups]


def item_tooltips(scenario: Scenario, kind: ItemKind) -> dict[str, str]:
    """What each row an item names is (a vessel id alone says little): name and group."""
    table = scenario.tables[kind.sheet.name]
    key = kind.sheet.key
    tips: dict[str, str] = {}
    if key not in table:
        return tips
    name_column = "name" if "name" in table else None
    for record in table.to_dict("records"):
        if is_blank(record.get(key)):
            continue
        parts = [str(record[name_column]).strip()] if name_column and not is_blank(
            record.get(name_column)) else []
        if not is_blank(record.get(kind.group)):
            parts.append(f"{kind.group}: {str(record[kind.group]).strip()}")
        tips.setdefault(str(record[key]).strip(), ", ".join(parts))
    return tips


def items_for(scenario: Scenario, parameter_text: object) -> list[str]:
    """The items offered for a row's parameter: none when it takes none, every kind's
    items when the parameter is blank or unknown."""
    parameter = find_parameter(parameter_text) if not is_blank(parameter_text) else None
    if parameter is not None:
        return [] if parameter.items is None else item_choices(scenario, parameter.items)
    found: list[str] = []
    for kind in ITEM_KINDS:
        found += item_choices(scenario, kind)
    return found


def case_name_choices(scenario: Scenario) -> list[str]:
    """The case names written so far, in order of first appearance."""
    return _distinct(scenario.cases[CASE]) if CASE in scenario.cases else []


def value_tooltip(parameter_text: object, change_text: object, currency: str) -> str:
    """How the value of a row is read, for its parameter and change."""
    parameter = find_parameter(parameter_text) if not is_blank(parameter_text) else None
    change = normalize(change_text) if not is_blank(change_text) else ""
    hints = {"scale": "a multiplier: 1.5 or 150% raises the value by half",
             "add": "added to the value", "set": "replaces the value"}
    lines = [f"{change}: {hints[change]}"] if change in hints else \
        ["scale multiplies, add adds, set replaces"]
    if parameter is not None:
        lines.insert(0, parameter.name)
        unit = parameter.rule.unit_label(currency)
        if unit and change in ("add", "set"):
            lines.append(f"Unit: {unit}")
        if parameter.rule.range_label:
            lines.append(f"The changed value must be {parameter.rule.range_label}")
    return "\n".join(lines)


class CasesDelegate(CellDelegate):
    """CellDelegate with dropdowns for the case, parameter and item columns."""

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(document, parent)
        self._cases_document = document

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802
                        index: AnyIndex) -> None:
        """A parameter and an item read in the schema's words (``Carbon price``,
        ``oil fuels``); the cell keeps, and its editor shows, the workbook's name."""
        super().initStyleOption(option, index)
        column = index.data(COLUMN_ROLE)
        key = getattr(column, "key", None)
        if key == PARAMETER and option.text and find_parameter(option.text) is not None:
            option.text = parameter_words(option.text)
        elif key == ITEM and option.text:
            option.text = item_words(option.text)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: AnyIndex) -> QWidget:
        column: TableColumn = index.data(COLUMN_ROLE)
        scenario = self._cases_document.scenario
        currency = str(scenario.settings.currency or "USD")
        if column.key == CASE:
            return self._combo(parent, case_name_choices(scenario), commit_on_pick=True)
        if column.key == PARAMETER:
            combo = self._combo(parent, [], commit_on_pick=True)
            for parameter in PARAMETERS:
                combo.addItem(parameter.name)
                combo.setItemData(combo.count() - 1, parameter_tooltip(parameter, currency),
                                  Qt.ItemDataRole.ToolTipRole)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 28)
            return combo
        if column.key == ITEM:
            parameter_text = _sibling(index, PARAMETER)
            parameter = find_parameter(parameter_text) if not is_blank(parameter_text) else None
            combo = self._combo(parent, [""] + items_for(scenario, parameter_text),
                                commit_on_pick=True)
            tips: dict[str, str] = {}
            for kind in ([parameter.items] if parameter is not None and parameter.items
                         else ITEM_KINDS if parameter is None else []):
                tips.update(item_tooltips(scenario, kind))
            for position in range(combo.count()):
                tip = tips.get(combo.itemText(position))
                if tip:
                    combo.setItemData(position, tip, Qt.ItemDataRole.ToolTipRole)
            if parameter is not None and parameter.items is None:
                combo.setToolTip(f"{parameter.name} takes no item: leave this blank")
            elif parameter is not None and parameter.items is not None:
                combo.setToolTip(f"Blank = every row; or {parameter.items.words}")
            return combo
        editor = super().createEditor(parent, option, index)
        if column.key == VALUE and isinstance(editor, QLineEdit):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            tip = value_tooltip(_sibling(index, PARAMETER), _sibling(index, CHANGE), currency)
            check_as_typed(editor, _number_text, tip)
            editor.setToolTip(tip)
        return editor

    def _combo(self, parent: QWidget, choices: list[str], commit_on_pick: bool) -> QComboBox:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(20)
        combo.addItems(choices)
        # The list as wide as its longest entry, not as narrow as the cell.
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 28)
        if combo.completer() is not None:
            combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        if commit_on_pick:
            # Picking from the list is the whole edit; typed text commits on Enter.
            combo.activated.connect(lambda _index, box=combo: self._commit_and_close(box))
        return combo


def _sibling(index: AnyIndex, key: str) -> object:
    """The edit value of another column of the index's row (through any proxy)."""
    model = index.model()
    for column in range(model.columnCount()):
        sibling = model.index(index.row(), column)
        found: TableColumn | None = sibling.data(COLUMN_ROLE)
        if found is not None and found.key == key:
            return sibling.data(Qt.ItemDataRole.EditRole)
    return None


def _number_text(text: str) -> Parsed:
    """A case's value as typed: a number, or a percentage."""
    if is_blank(text) or parse_number(text, allow_percent=True) is not None:
        return Parsed(text)
    return Parsed(text, f"{text.strip()!r} is not a number")
