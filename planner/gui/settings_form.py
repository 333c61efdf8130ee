"""The Settings sheet as a form: one editor per setting, with its unit and meaning."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.convert import format_value, is_blank, parse_cell
from planner.errors import Issue
from planner.gui.commands import SetSetting
from planner.gui.document import Document
from planner.schema import Column, ColumnType, normalize

ERROR_STYLE = "background: #ffcdcd;"
WARNING_STYLE = "background: #fff0be;"
SETTINGS_SHEET = schema.SETTINGS_SHEET.name


class SettingsForm(QScrollArea):
    """Edits the settings through SetSetting commands; marks the ones with issues."""

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self._units: dict[str, QLabel] = {}
        body = QWidget(self)
        grid = QGridLayout()
        for column, title in enumerate(("Setting", "Value", "Unit", "Meaning")):
            label = QLabel(f"<b>{title}</b>", body)
            grid.addWidget(label, 0, column)
        for row, setting in enumerate(schema.SETTINGS, start=1):
            name_label = QLabel(setting.title, body)
            name_label.setToolTip(setting.screen_tooltip(sheet=SETTINGS_SHEET))
            editor = self._make_editor(setting, body)
            unit = QLabel(body)
            default = "Required." if setting.required else f"Default: {setting.default_label}."
            meaning = QLabel(schema.in_words(f"{setting.description}. {default}"), body)
            meaning.setWordWrap(True)
            meaning.setStyleSheet("color: #555;")
            grid.addWidget(name_label, row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(unit, row, 2)
            grid.addWidget(meaning, row, 3)
            self.editors[setting.name] = editor
            self._units[setting.name] = unit
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(1, 160)
        self.other_rows = QLabel(body)
        self.other_rows.setWordWrap(True)
        self.other_rows.setStyleSheet("color: #555;")
        layout = QVBoxLayout(body)
        layout.addLayout(grid)
        layout.addWidget(self.other_rows)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        document.table_reset.connect(self._on_document_table_reset)
        document.issues_changed.connect(self._on_document_issues_changed)
        self.refresh()

    def _make_editor(self, setting: Column, parent: QWidget) -> QLineEdit | QComboBox:
        if setting.type is ColumnType.CHOICE:
            combo = QComboBox(parent)
            combo.addItems(list(setting.choices))
            combo.activated.connect(lambda _i, s=setting, c=combo: self.commit(s.name,
                                                                            c.currentText()))
            return combo
        edit = QLineEdit(parent)
        if setting.is_numeric:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        if setting.default is not None:
            edit.setPlaceholderText(format_value(setting.default, setting))
        elif setting.default_text:
            edit.setPlaceholderText(setting.default_text)
        edit.editingFinished.connect(lambda s=setting, e=edit: self.commit(s.name, e.text()))
        return edit

    def commit(self, name: str, text: str) -> bool:
        """Push a SetSetting when the typed value differs from the stored one."""
        setting = schema.setting(name)
        value = parse_cell(text, setting).value
        old = self.document.scenario.raw_setting(name)
        if (is_blank(old) and is_blank(value)) or (type(old) is type(value) and old == value):
            return False
        self.document.undo_stack.push(SetSetting(self.document, name, value))
        return True

    def refresh(self) -> None:
        """Show the stored values (after an undo, an open, a new file)."""
        scenario = self.document.scenario
        currency = str(scenario.settings.currency or "USD")
        for setting in schema.SETTINGS:
            editor = self.editors[setting.name]
            value = scenario.raw_setting(setting.name)
            text = format_value(value, setting)
            if isinstance(editor, QComboBox):
                found = editor.findText(normalize(text or setting.default))
                editor.setCurrentIndex(max(found, 0))
            elif editor.text() != text:
                editor.setText(text)
            self._units[setting.name].setText(setting.unit_label(currency))
        known = {s.name for s in schema.SETTINGS}
        others = [f"{name} = {format_value(value)}" for name, value in
                  zip(scenario.settings_table["setting"], scenario.settings_table["value"],
                      strict=True) if normalize(name) not in known and not is_blank(name)]
        self.other_rows.setText("Other rows of the Settings sheet, kept and saved as they "
                                "are: " + "; ".join(others) if others else "")
        self._on_document_issues_changed()

    def issues_for(self, name: str) -> list[Issue]:
        row = self.document.scenario.setting_row(name)
        return [issue for issue in self.document.issues if issue.sheet == SETTINGS_SHEET
                and ((row is not None and issue.row == row)
                     or normalize(issue.cell) == name)]

    def focus_issue(self, issue: Issue) -> None:
        """Put the cursor in the editor of the setting an issue is about."""
        for setting in schema.SETTINGS:
            if issue in self.issues_for(setting.name):
                editor = self.editors[setting.name]
                self.ensureWidgetVisible(editor)
                editor.setFocus()
                return

    def _on_document_table_reset(self, sheet: str) -> None:
        if sheet in ("", SETTINGS_SHEET):
            self.refresh()

    def _on_document_issues_changed(self) -> None:
        for setting in schema.SETTINGS:
            editor = self.editors[setting.name]
            issues = self.issues_for(setting.name)
            if not issues:
                editor.setStyleSheet("")
                editor.setToolTip(setting.screen_tooltip(self._currency(), SETTINGS_SHEET))
                continue
            error = any(issue.is_error for issue in issues)
            editor.setStyleSheet(ERROR_STYLE if error else WARNING_STYLE)
            editor.setToolTip("\n".join(issue.message for issue in issues) + "\n\n"
                              + setting.screen_tooltip(self._currency(), SETTINGS_SHEET))

    def _currency(self) -> str:
        return str(self.document.scenario.settings.currency or "USD")
