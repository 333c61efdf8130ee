"""Every column carries a planner's label beside its workbook name (issue 13)."""

from __future__ import annotations

import pytest

from planner import schema


def _all_columns() -> list[tuple[str, schema.Column]]:
    found = [(sheet.name, column) for sheet in schema.ALL_SHEETS for column in sheet.columns]
    return found + [("Settings", setting) for setting in schema.SETTINGS]


@pytest.mark.parametrize(("sheet", "column"), _all_columns(),
                         ids=lambda item: item if isinstance(item, str) else item.name)
def test_every_column_has_words_not_its_identifier(sheet: str, column: schema.Column) -> None:
    assert column.label, f"{sheet}.{column.name} has no label"
    assert "_" not in column.label
    assert column.label[0].isupper()


def test_labels_are_unique_within_a_sheet() -> None:
    for sheet in schema.ALL_SHEETS:
        labels = [column.label for column in sheet.columns]
        assert len(labels) == len(set(labels)), sheet.name
    settings = [setting.label for setting in schema.SETTINGS]
    assert len(settings) == len(set(settings))


def test_heading_puts_the_unit_beside_the_label_in_the_scenario_currency() -> None:
    price = schema.TARGETS.column("carbon_price_per_tco2e")
    assert price.heading("EUR") == "Carbon price (EUR/tCO2e)"
    assert schema.FLEET.column("build_year").heading() == "Build year"  # "year" goes unsaid
    assert schema.FLEET.column("name").heading() == "Name"
    assert schema.setting("mip_gap").heading(unit="%") == "Optimality gap (%)"


def test_screen_tooltip_names_the_workbook_column() -> None:
    tip = schema.FLEET.column("annual_fuel_t").screen_tooltip("USD", "Fleet")
    first, second = tip.splitlines()[:2]
    assert first == "Annual fuel (t per year)"
    assert second == "Workbook column: annual_fuel_t in the Fleet sheet"


def test_robust_descriptions_are_words_not_formulas() -> None:
    """What the app's tooltips and the report say of the robust figures and settings:
    no formula names (expected_npv - wait_and_see) where a planner reads."""
    import re

    texts = [(c.name, c.description) for sheet in schema.ROBUST_OUTPUT_SHEETS
             for c in sheet.columns]
    texts += [(name, words) for name, words, _unit in schema.ROBUST_SUMMARY_METRICS]
    texts += [(name, schema.setting(name).description) for name in schema.ROBUST_SETTING_NAMES]
    for name, text in texts:
        assert not re.search(r"\b[a-z]+_[a-z_]+\b|\w - \w", text), (name, text)
