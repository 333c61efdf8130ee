"""Open and save off the GUI thread: a QThread runs one core call and reports by signals."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from planner.plan import Plan
from planner.scenario import Scenario


def read_workbook(path: str) -> Any:
    """The core reader (never raises for a bad workbook): a LoadedWorkbook."""
    from planner.workbook.reader import read_workbook as core_read

    return core_read(path)


def write_workbook(scenario: Scenario, path: str, plan: Plan | None, cases: Any) -> str:
    """The core writer (atomic); returns the path written."""
    from planner.workbook.writer import save_scenario

    save_scenario(scenario, path, plan=plan, cases=cases)
    return path


class FileTask(QThread):
    """Runs ``function(*args)`` in its own thread; then ``succeeded(result)`` or
    ``failed(error, details)`` arrive on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object, str)  # the exception, its traceback text

    def __init__(self, function: Callable[..., Any], *args: Any,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._function = function
        self._args = args

    def run(self) -> None:
        try:
            result = self._function(*self._args)
        except Exception as error:  # reported to the planner, never lost
            self.failed.emit(error, traceback.format_exc())
        else:
            self.succeeded.emit(result)


def load_task(path: str, parent: QObject | None = None) -> FileTask:
    return FileTask(read_workbook, path, parent=parent)


def save_task(scenario: Scenario, path: str, plan: Plan | None, cases: Any,
              parent: QObject | None = None) -> FileTask:
    """A save of a copy of the scenario, so that the thread never reads live tables."""
    return FileTask(write_workbook, scenario.copy(), path, plan, cases, parent=parent)
