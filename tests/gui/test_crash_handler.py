"""An unexpected exception shows the crash dialog and never loses the open scenario."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

import planner
from planner.gui import app, dialogs, recovery
from planner.gui.commands import SetCells


def raise_and_catch() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError:
        kind, error, trace = sys.exc_info()
    assert kind is not None and error is not None
    return kind, error, trace


@pytest.fixture
def documents(monkeypatch, tmp_path) -> Path:  # noqa: ANN001
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(recovery, "documents_folder", lambda: folder)
    return folder


def test_recovery_copy_goes_beside_the_file_or_into_documents(documents, tmp_path) -> None:
    when = datetime(2026, 11, 24, 9, 30, 5)
    beside = recovery.recovery_path(str(tmp_path / "fleet.xlsx"), when)
    assert beside == tmp_path / "fleet-recovery-20261124-093005.xlsx"
    assert recovery.recovery_path(None, when) == \
        documents / "scenario-recovery-20261124-093005.xlsx"


def test_the_crash_dialog_offers_a_recovery_copy_and_keeps_the_document(
        main_window, monkeypatch, documents, capsys) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    handler = app.install_crash_handler(main_window)
    assert sys.excepthook is handler
    document = main_window.document
    document.undo_stack.push(SetCells(document, "Fleet", [(0, "name", "Unsaved edit")]))
    crashes, infos = [], []
    monkeypatch.setattr(dialogs, "show_crash", lambda _parent, headline, details, target:
                        crashes.append((headline, details, target)) or True)
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, headline, details="":
                        infos.append(headline))

    sys.excepthook(*raise_and_catch())

    [(headline, details, target)] = crashes
    assert headline == "An unexpected error occurred: division by zero in a slot"
    assert "Traceback" in details and "ZeroDivisionError" in details
    assert target == str(documents)
    [saved] = list(documents.glob("scenario-recovery-*.xlsx"))
    assert infos == [f"Recovery copy saved to {saved}"]
    assert planner.load_scenario(str(saved)).fleet.at[0, "name"] == "Unsaved edit"
    assert document.is_dirty and document.path is None  # the scenario is still open
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_declining_the_recovery_copy_writes_nothing(main_window, monkeypatch, documents) -> None:
    monkeypatch.setattr(dialogs, "show_crash", lambda *_args: False)
    app.CrashHandler(main_window)(*raise_and_catch())
    assert list(documents.iterdir()) == []


def test_a_failed_recovery_copy_says_why(main_window, monkeypatch, documents) -> None:
    monkeypatch.setattr(dialogs, "show_crash", lambda *_args: True)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, headline, details="":
                        errors.append(headline))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise planner.SaveError("Cannot save: the disk is full")

    monkeypatch.setattr("planner.workbook.writer.save_scenario", broken)
    app.CrashHandler(main_window)(*raise_and_catch())
    assert errors == ["The recovery copy could not be saved: Cannot save: the disk is full"]
