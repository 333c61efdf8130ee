"""The smaller points of a first real use (issue 13): errors messages that go with the
errors, ship names in the plan's tables, a study's "n of N", the Plan and Help menus."""

from __future__ import annotations

import re
from pathlib import Path

from hand_plans import hand_plan, hand_scenario
from PySide6.QtCore import Qt

from planner.gui import cases_view as cases_view_module
from planner.gui import dialogs, study_dialog
from planner.gui.help_pages import HelpPage
from planner.gui.results_view import TAB_FUEL_USE, TAB_RETROFITS
from planner.whatif.studies import Varied

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_errors_message_goes_once_the_errors_are_undone(qtbot, main_window,
                                                            monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, headline, _details="":
                        shown.append(headline))
    document = main_window.document
    document.write_cells("Fleet", [(0, "annual_fuel_t", "cheap")])
    document.revalidate()
    with qtbot.waitSignal(main_window.solver.failed, timeout=30_000):
        main_window.actions_by_name["solve"].trigger()
    bar = main_window.statusBar()
    assert "nothing was solved" in bar.currentMessage()
    document.write_cells("Fleet", [(0, "annual_fuel_t", 12_000.0)])
    document.revalidate()
    assert document.error_count == 0
    assert bar.currentMessage() == ""
    assert shown  # the dialog said it once


def test_the_plan_tables_show_ship_names_beside_the_ids(qtbot, main_window) -> None:
    scenario = hand_scenario()
    main_window.document.load(scenario, hand_plan(scenario), untitled_name="Hand")
    view = main_window.results_view
    for tab in (TAB_RETROFITS, TAB_FUEL_USE):
        model = view.table_models[tab]
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
        assert headers[:2] == ["Vessel", "Name"]
        pairs = {(model.data(model.index(r, 0)), model.data(model.index(r, 1)))
                 for r in range(model.rowCount())}
        assert ("9401001", "Pacific Dawn") in pairs


def test_a_tornado_counts_n_of_n_from_its_start(qtbot, main_window, monkeypatch) -> None:
    cases = main_window.cases_view
    request = study_dialog.SensitivityRequest(0.2, [Varied(("Settings.discount_rate",)),
                                                    Varied(("FuelPrices",), "family:oil")])
    names = cases_view_module.study_names(request, main_window.document.scenario)
    assert len(names) == 5  # Base and two runs per parameter
    started = []
    monkeypatch.setattr(study_dialog, "ask_sensitivity", lambda *_args: request)
    monkeypatch.setattr(cases.runner, "start",
                        lambda _scenario, _function, names: started.append(names) or True)
    main_window.actions_by_name["sensitivity"].trigger()  # from the Plan menu
    assert main_window.tabs.currentWidget() is cases
    assert len(started[0]) == 5
    cases._on_runner_started(started[0])
    assert cases.progress_bar.text() == "0 of 5 done"
    cases._end_run()


def test_the_plan_menu_runs_the_studies_and_help_shows_the_guide(qtbot, main_window) -> None:
    menus = {action.text().replace("&", ""): action.menu()
             for action in main_window.menuBar().actions()}
    plan = [a.text().replace("&", "") for a in menus["Plan"].actions() if a.text()]
    assert {"Run all cases", "Sensitivity (tornado)…", "Sweep…"} <= set(plan)
    help_items = [a.text().replace("&", "") for a in menus["Help"].actions()]
    assert help_items == ["User guide", "Keyboard shortcuts", "About"]
    main_window.actions_by_name["guide"].trigger()
    page = main_window.help_pages["guide"]
    assert isinstance(page, HelpPage) and page.isVisible()
    assert "Solve" in page.browser.toPlainText()
    main_window.show_help("shortcuts")
    assert "F5" in main_window.help_pages["shortcuts"].browser.toPlainText()


def test_the_shortcuts_page_lists_every_shortcut_of_the_menus(main_window) -> None:
    text = (DOCS / "shortcuts.md").read_text(encoding="utf-8")
    listed = {key.strip() for row in re.findall(r"^\| ([^|]+) \|", text, re.M)
              for key in row.split(",")}
    for name, action in main_window.actions_by_name.items():
        for sequence in action.shortcuts():
            keys = sequence.toString()
            if not keys:  # a standard key this platform does not bind
                continue
            assert keys in listed, f"{name}: {keys} is not in docs/shortcuts.md"
