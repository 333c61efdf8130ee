"""GUI fixtures: a small scenario built in code, a document, a main window whose modal
dialogs fail the test unless the test patches them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from planner import schema
from planner.convert import Percent
from planner.gui import dialogs
from planner.scenario import Scenario, make_table, new_scenario

DIALOG_FUNCTIONS = ("open_workbook_path", "save_workbook_path", "ask_save_changes",
                    "confirm_foreign_sheets", "show_error", "show_info", "show_crash",
                    "ask_year", "report_pdf_path", "ask_stale_plan")


def build_tiny_scenario() -> Scenario:
    """Two fuels, three vessels, one conversion, caps: small but valid."""
    scenario = new_scenario(2026, 2035)
    scenario.set_table("Fleet", make_table(schema.FLEET, [
        {"vessel_id": "IMO1000001", "name": "Alpha", "type": "Container", "build_year": 2010,
         "main_engine_kw": 20000.0, "baseline_fuel": "VLSFO", "annual_fuel_t": 12000.0,
         "ets_share": Percent(0.5), "note": "chartered"},
        {"vessel_id": "IMO1000002", "name": "Bravo", "type": "Container", "build_year": 2015,
         "main_engine_kw": 25000.0, "baseline_fuel": "VLSFO", "annual_fuel_t": 15000.0,
         "note": None},
        {"vessel_id": "IMO1000003", "name": "Charlie", "type": "Bulk", "build_year": 2018,
         "main_engine_kw": 9000.0, "baseline_fuel": "VLSFO", "annual_fuel_t": 6000.0,
         "note": "owned"},
    ]))
    scenario.set_table("Fuels", make_table(schema.FUELS, [
        {"fuel": "VLSFO", "family": "oil", "lcv_mj_per_kg": 41.0, "wtt_gco2e_per_mj": 13.2,
         "ttw_gco2e_per_mj": 78.2},
        {"fuel": "Bio-methanol", "family": "methanol", "lcv_mj_per_kg": 19.9,
         "wtt_gco2e_per_mj": 10.0, "ttw_gco2e_per_mj": 1.0},
    ]))
    scenario.set_table("FuelPrices", make_table(schema.FUEL_PRICES, [
        {"fuel": "VLSFO", 2026: 600.0, 2035: 700.0},
        {"fuel": "Bio-methanol", 2026: 1200.0, 2030: 1000.0},
    ]))
    scenario.set_table("Technologies", make_table(schema.TECHNOLOGIES, [
        {"technology": "Methanol conversion", "kind": "conversion", "enables": "methanol",
         "capex_fixed": 5_000_000.0},
    ]))
    scenario.set_table("Targets", make_table(schema.TARGETS, [
        {"year": 2026, "cap_tco2e": 200_000.0},
        {"year": 2035, "cap_tco2e": 150_000.0},
    ]))
    return scenario


@pytest.fixture
def tiny_scenario() -> Scenario:
    return build_tiny_scenario()


@pytest.fixture(scope="session")
def solved_plan():  # noqa: ANN201
    """The tiny scenario's plan, solved once for the session."""
    import planner

    return planner.solve(build_tiny_scenario())


@pytest.fixture
def document(qapp, tiny_scenario):  # noqa: ANN001
    from planner.gui.document import Document

    doc = Document(tiny_scenario)
    yield doc
    doc.deleteLater()


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog a test did not expect fails it instead of blocking the run."""
    for name in DIALOG_FUNCTIONS:
        def unexpected(*args: object, _name: str = name, **kwargs: object) -> None:
            raise AssertionError(f"unexpected dialog {_name}{args[1:]}")
        monkeypatch.setattr(dialogs, name, unexpected)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "planner.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def main_window(qtbot, monkeypatch, settings, tiny_scenario) -> Iterator:  # noqa: ANN001
    from planner.gui.dialogs import SaveChoice
    from planner.gui.main_window import MainWindow

    def discard_on_close(_window: object) -> None:
        # pytest-qt closes the window after the test: unsaved edits are dropped.
        monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: SaveChoice.DISCARD)

    window = MainWindow(settings=settings)
    window.document.load(tiny_scenario, untitled_name="Tiny fleet")
    qtbot.addWidget(window, before_close_func=discard_on_close)
    window.show()
    yield window
