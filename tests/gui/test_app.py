"""Starting the app: the bundled sample, or an empty scenario when it cannot be read."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

import planner.sample
from planner.gui import app, dialogs
from planner.gui.main_window import MainWindow


def test_the_app_opens_on_the_bundled_sample(qtbot, settings) -> None:
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    app.open_sample(window)
    document = window.document
    assert document.path is None  # Save asks where: the bundled file is not overwritten
    assert window.windowTitle().startswith("Sample fleet[*]")
    assert len(document.table("Fleet")) > 0 and len(document.table("Fuels")) > 0
    assert document.error_count == 0
    assert not document.is_dirty


def test_an_unreadable_sample_leaves_an_empty_scenario(qtbot, settings, monkeypatch) -> None:
    def broken() -> None:
        raise OSError("sample-fleet.xlsx is missing")

    monkeypatch.setattr(planner.sample, "load_sample", broken)
    said = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, headline, details="":
                        said.append((headline, details)))
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    app.open_sample(window)
    assert said == [("The bundled sample could not be read; starting with an empty "
                     "scenario.", "sample-fleet.xlsx is missing")]
    assert window.document.table("Fleet").empty
    assert window.document.scenario.settings.start_year == 2026


def test_the_application_is_named_for_its_settings(qapp) -> None:
    before = (qapp.organizationName(), qapp.applicationName())
    try:
        application = app.application([])
        assert application is QApplication.instance()
        assert application.organizationName() == app.ORGANIZATION
        assert application.applicationName() == app.APPLICATION
    finally:
        qapp.setOrganizationName(before[0])
        qapp.setApplicationName(before[1])
