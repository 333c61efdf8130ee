"""The schema-driven table model: Qt's model contract, headers, display, parsing, issues."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner import schema
from planner.convert import Percent
from planner.gui.commands import SetSetting
from planner.gui.table_model import ERROR_BRUSH, ScenarioTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def cell(model: ScenarioTableModel, row: int, key: object):  # noqa: ANN201
    return model.index(row, model.column_index(key))


@pytest.mark.parametrize("sheet", ["Fleet", "Fuels", "FuelPrices", "FuelSupply",
                                   "Technologies", "Targets"])
def test_every_input_model_passes_the_qt_model_tester(qtmodeltester, document, sheet) -> None:
    model = ScenarioTableModel(document, sheet)
    qtmodeltester.check(model, force_py=True)


def test_model_tester_holds_through_row_and_column_edits(qtmodeltester, document) -> None:
    from planner.gui.commands import AddYearColumn, InsertRows, RemoveRows

    model = ScenarioTableModel(document, "FuelPrices")
    qtmodeltester.check(model, force_py=True)
    stack = document.undo_stack
    stack.push(InsertRows(document, "FuelPrices", [1], model.blank_rows(1)))
    stack.push(AddYearColumn(document, "FuelPrices", 2040))
    stack.push(RemoveRows(document, "FuelPrices", [0, 2]))
    assert model.rowCount() == 1
    stack.undo()
    stack.undo()
    stack.undo()
    assert model.rowCount() == 2
    assert [model.column_at(i).key for i in range(model.columnCount())] == \
        ["fuel", 2026, 2030, 2035]


def test_headers_carry_units_and_the_schema_meaning(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    column = model.column_index("annual_fuel_t")
    assert model.headerData(column, Qt.Orientation.Horizontal, DISPLAY) == \
        "Annual fuel\n(t per year)"
    tooltip = model.headerData(column, Qt.Orientation.Horizontal, TOOLTIP)
    assert schema.FLEET.column("annual_fuel_t").description in tooltip
    assert "Workbook column name: annual_fuel_t" in tooltip  # the workbook keeps its name
    money = model.column_index("off_hire_cost_per_day")
    assert model.headerData(money, Qt.Orientation.Horizontal, DISPLAY) == \
        "Off-hire cost\n(USD per day)"


def test_money_headers_follow_the_currency_setting(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    money = model.column_index("off_hire_cost_per_day")
    changed = []
    model.headerDataChanged.connect(lambda *args: changed.append(args))
    document.undo_stack.push(SetSetting(document, "currency", "EUR"))
    assert changed
    assert model.headerData(money, Qt.Orientation.Horizontal, DISPLAY) == \
        "Off-hire cost\n(EUR per day)"


def test_display_has_thousands_separators_edit_role_is_raw(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    fuel = cell(model, 0, "annual_fuel_t")
    assert model.data(fuel, DISPLAY) == "12,000"
    assert model.data(fuel, EDIT) == 12000.0
    assert model.data(cell(model, 0, "build_year"), DISPLAY) == "2010"  # a year, no comma
    assert model.data(cell(model, 0, "ets_share"), DISPLAY) == "50%"
    assert model.data(cell(model, 0, "ets_share"), EDIT) == Percent(0.5)
    align = model.data(fuel, Qt.ItemDataRole.TextAlignmentRole)
    assert align & int(Qt.AlignmentFlag.AlignRight)


def test_a_blank_cell_shows_its_default_greyed(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    blank_share = cell(model, 1, "ets_share")
    assert model.data(blank_share, EDIT) is None
    assert model.data(blank_share, DISPLAY) == "1"
    assert model.data(blank_share, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(cell(model, 0, "ets_share"), Qt.ItemDataRole.ForegroundRole) is None


def test_set_data_parses_like_the_workbook_reader(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    assert model.setData(cell(model, 0, "annual_fuel_t"), " 1,200.5 ")
    assert document.table("Fleet").at[0, "annual_fuel_t"] == 1200.5
    assert model.setData(cell(model, 1, "ets_share"), "8%")
    share = document.table("Fleet").at[1, "ets_share"]
    assert isinstance(share, Percent) and share == pytest.approx(0.08)
    assert model.setData(cell(model, 0, "build_year"), "2012")
    assert document.table("Fleet").at[0, "build_year"] == 2012
    assert model.setData(cell(model, 0, "name"), "")
    assert document.table("Fleet").at[0, "name"] is None


def test_set_data_with_the_same_value_pushes_nothing(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    assert not model.setData(cell(model, 0, "annual_fuel_t"), "12,000")
    assert document.undo_stack.count() == 0


def test_a_bad_value_is_kept_marked_and_explained(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    build_year = cell(model, 0, "build_year")
    assert model.setData(build_year, "2015a")
    assert document.table("Fleet").at[0, "build_year"] == "2015a"  # nothing typed is lost
    document.revalidate()
    assert model.data(build_year, BACKGROUND) == ERROR_BRUSH
    tooltip = model.data(build_year, TOOLTIP)
    assert 'build_year must be a whole number, got "2015a"' in tooltip
    assert model.data(build_year, DISPLAY) == "2015a"
    document.undo_stack.undo()
    document.revalidate()
    assert model.data(build_year, BACKGROUND) is None


def test_unknown_columns_are_shown_and_editable(document) -> None:
    model = ScenarioTableModel(document, "Fleet")
    note = model.column_index("note")
    assert note == model.columnCount() - 1
    assert model.headerData(note, Qt.Orientation.Horizontal, DISPLAY) == "note"
    assert "does not use" in model.headerData(note, Qt.Orientation.Horizontal, TOOLTIP)
    assert model.flags(model.index(0, note)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, note), "sold 2031")
    assert document.table("Fleet").at[1, "note"] == "sold 2031"
    assert model.setData(model.index(2, note), "42")
    assert document.table("Fleet").at[2, "note"] == 42  # numbers stay numbers
    assert model.setData(model.index(0, note), "007")
    assert document.table("Fleet").at[0, "note"] == "007"  # an id keeps its zeros


def test_series_year_columns_are_money_per_tonne(document) -> None:
    model = ScenarioTableModel(document, "FuelPrices")
    column = model.column_index(2026)
    assert model.headerData(column, Qt.Orientation.Horizontal, DISPLAY) == "2026"
    assert "USD/t" in model.headerData(column, Qt.Orientation.Horizontal, TOOLTIP)
    assert model.data(model.index(1, column), DISPLAY) == "1,200"
    assert model.setData(model.index(0, model.column_index(2030)), "650")
    assert document.table("FuelPrices").at[0, 2030] == 650.0


def test_long_fractions_are_shown_short_and_edited_whole(document) -> None:
    """A sampled probability of 1/6 reads 0.166667; the edit keeps every digit."""
    from planner.gui.table_columns import display_text

    column = schema.FLEET.column("annual_fuel_t")
    assert display_text(1 / 6, column) == "0.166667"
    assert display_text(1234567.891, column) == "1,234,567.891"
    assert display_text(0.0001234567, column) == "0.000123457"
    assert display_text(12000.0, column) == "12,000"
    assert display_text(-2.5, column) == "-2.5"
    probability = schema.FUTURES.column("probability")  # a fraction column, as sampled
    assert display_text(1 / 6, probability) == "0.166667"
    assert display_text(Percent(0.25), probability) == "25%"  # a percentage as typed
    model = ScenarioTableModel(document, "Fleet")
    fuel = cell(model, 0, "annual_fuel_t")
    assert model.setData(fuel, "1234.56789012", EDIT)
    assert model.data(fuel, DISPLAY) == "1,234.56789"
    assert model.data(fuel, EDIT) == 1234.56789012
