"""The settings form: typed values go through SetSetting, undo shows in the form, problems
are marked on the editor."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

from planner.convert import Percent
from planner.gui.settings_form import ERROR_STYLE, SettingsForm


@pytest.fixture
def form(qtbot, document) -> SettingsForm:  # noqa: ANN001
    widget = SettingsForm(document)
    qtbot.addWidget(widget)
    return widget


def test_every_setting_has_an_editor_that_fits(form) -> None:
    assert isinstance(form.editors["solver"], QComboBox)
    assert [form.editors["emission_scope"].itemText(i) for i in range(2)] == ["wtw", "ttw"]
    assert isinstance(form.editors["discount_rate"], QLineEdit)
    assert form.editors["start_year"].text() == "2026"
    assert form.editors["time_limit_s"].placeholderText() == "60"  # blank shows the default
    assert form.editors["yard_capacity_per_year"].placeholderText() == "blank = unlimited"


def test_typed_values_are_parsed_undone_and_shown(form, document) -> None:
    edit = form.editors["discount_rate"]
    edit.setText("6.5%")
    edit.editingFinished.emit()
    value = document.scenario.raw_setting("discount_rate")
    assert isinstance(value, Percent) and value == pytest.approx(0.065)
    assert document.undo_stack.count() == 1
    edit.editingFinished.emit()  # unchanged: no second step
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert edit.text() == ""
    assert document.scenario.settings.discount_rate == 0.08


def test_a_choice_is_committed_from_the_combo(form, document) -> None:
    combo = form.editors["solver"]
    combo.setCurrentIndex(combo.findText("cbc"))
    combo.activated.emit(combo.currentIndex())
    assert document.scenario.settings.solver == "cbc"


def test_currency_relabels_the_units(form, document) -> None:
    assert form.commit("currency", "EUR")
    assert form._units["capex_budget_per_year"].text() == "EUR per year"


def test_a_bad_setting_is_marked_with_its_message(form, document) -> None:
    form.commit("end_year", "2020")
    document.revalidate()
    editor = form.editors["end_year"]
    assert editor.styleSheet() == ERROR_STYLE
    assert "end_year" in editor.toolTip()
    document.undo_stack.undo()
    document.revalidate()
    assert editor.styleSheet() == ""
