"""Bad robust input in the app: every Futures, Uncertainty and robust-setting problem of a
workbook is listed at once in the Issues panel by cell, and choosing one shows its table
(the Robust tab holds two) or marks its setting; nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_tiny_scenario

from planner import schema
from planner.scenario import Scenario, make_table
from planner.workbook.reader import read_workbook
from planner.workbook.writer import save_scenario

FUTURES = [{"case": None, "probability": 0.1},            # A2 blank case
           {"case": "Nowhere", "probability": 0.1},       # A3 unknown
           {"case": "Base", "probability": 0.1},
           {"case": "base", "probability": 0.1},          # A5 listed twice
           {"case": "Dear fuel", "probability": 25}]      # B6 "did you mean 25%?"
UNCERTAINTY = [
    {"parameter": "Fleet.build_year", "distribution": "uniform", "low": 0.9, "high": 1.1},
    {"parameter": "Fuels.nothing", "distribution": "uniform", "low": 0.9, "high": 1.1},
    {"parameter": "FuelPrices", "item": "Diesel", "distribution": "uniform", "low": 1,
     "high": 2},
    {"parameter": "Fuels.lcv_mj_per_kg", "distribution": "gamma"},
    {"parameter": "FuelPrices", "distribution": "triangular", "low": 0.9, "high": 1.2},
    {"parameter": "FuelPrices", "distribution": "uniform", "low": 0.9, "mode": 1, "high": 1.2},
    {"parameter": "FuelPrices", "distribution": "triangular", "low": -0.1, "mode": 1,
     "high": 1.2},
    {"parameter": "FuelPrices", "distribution": "normal", "mean": 1, "sd": -0.1},
    {"parameter": "FuelPrices", "distribution": "lognormal", "mean": 0, "sd": 0.1},
    {"parameter": "FuelPrices", "distribution": "uniform", "low": 1, "high": 1.1,
     "from_year": 2033, "to_year": 2030},
]
EXPECTED = {"Futures!A2", "Futures!A3", "Futures!A5", "Futures!B6",
            "Uncertainty!A2", "Uncertainty!A3", "Uncertainty!B4", "Uncertainty!C5",
            "Uncertainty!E6", "Uncertainty!E7", "Uncertainty!D8", "Uncertainty!H9",
            "Uncertainty!G10", "Uncertainty!J11"}


def bad_workbook(folder: Path) -> Path:
    scenario: Scenario = build_tiny_scenario()
    scenario.set_table("Cases", make_table(schema.CASES, [
        {"case": "Dear fuel", "parameter": "FuelPrices", "change": "scale", "value": 1.3}]))
    scenario.set_table("Futures", make_table(schema.FUTURES, FUTURES))
    scenario.set_table("Uncertainty", make_table(schema.UNCERTAINTY, UNCERTAINTY))
    scenario.present_sheets |= {"Cases", "Futures", "Uncertainty"}
    for name, value in (("commit_until_year", 2050), ("risk_weight", 2), ("cvar_alpha", 1)):
        scenario.set_setting(name, value)
    path = folder / "bad-robust.xlsx"
    save_scenario(scenario, path)
    return path


@pytest.fixture
def opened(main_window, tmp_path):  # noqa: ANN001
    path = bad_workbook(tmp_path)
    loaded = read_workbook(path)
    main_window.document.load(loaded.scenario, loaded.plan, str(path),
                              outputs=loaded.outputs)
    return main_window


def panel_rows(window) -> dict[str, int]:  # noqa: ANN001
    panel = window.issues_panel
    return {panel.issue_at(row).location: row for row in range(panel.tree.topLevelItemCount())
            if panel.issue_at(row).is_error}


def test_every_robust_problem_is_in_the_issues_panel_at_once(opened) -> None:
    rows = panel_rows(opened)
    assert set(rows) >= EXPECTED, EXPECTED - set(rows)
    panel = opened.issues_panel
    words = {panel.issue_at(row).location: panel.issue_at(row).message
             for row in rows.values()}
    assert "did you mean 25%?" in words["Futures!B6"]
    settings = [loc for loc in rows if loc.startswith("Settings!")]
    assert len(settings) == 3  # commit_until_year, risk_weight and cvar_alpha, each by cell
    assert "error" in panel.summary.text()


def test_choosing_a_problem_shows_its_table_in_the_robust_tab(opened) -> None:
    rows = panel_rows(opened)
    view = opened.robust_view
    view.inputs.setCurrentWidget(view.futures_editor)
    opened.issues_panel.activate_row(rows["Uncertainty!J11"])
    assert opened.tabs.currentWidget() is view
    assert view.inputs.currentWidget() is view.uncertainty_editor
    editor = view.uncertainty_editor
    current = editor.view.proxy.mapToSource(editor.view.currentIndex())
    assert (current.row(), current.column()) == (9, editor.model.column_index("to_year"))
    opened.issues_panel.activate_row(rows["Futures!B6"])
    assert view.inputs.currentWidget() is view.futures_editor


def test_a_bad_robust_setting_marks_its_box_in_the_robust_tab(opened) -> None:
    view = opened.robust_view
    assert "border" in view.risk_weight.styleSheet()  # the box shows 1, the file holds 2
    assert "Settings!" in view.risk_weight.toolTip()
    assert "border" in view.cvar_alpha.styleSheet()
    opened.document.scenario  # noqa: B018 - the document stays usable
