"""New, Open, Save, Save As and the unsaved-changes prompt, with loads and saves off the
GUI thread; one file job at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from planner.errors import PlannerError, SaveError
from planner.gui import dialogs
from planner.gui.dialogs import SaveChoice
from planner.gui.document import Document
from planner.gui.file_workers import FileTask, load_task, save_task
from planner.gui.recent_files import RecentFiles
from planner.scenario import new_scenario

Then = Callable[[], None]


def file_level_error(issues: list[Any]) -> Any:
    """The error that makes a file no workbook at all (no sheet named), or None."""
    for issue in issues:
        if issue.is_error and not issue.sheet:
            return issue
    return None


def sheet_names(sheets: Any) -> list[str]:
    """Names of foreign sheets, whether given as names or as ExtraSheet records."""
    return [sheet if isinstance(sheet, str) else str(sheet.title) for sheet in (sheets or [])]


class FileController(QObject):
    """Runs the File menu's commands against a Document."""

    busy_changed = Signal(bool)
    opened = Signal(str)
    saved = Signal(str)
    message = Signal(str)  # for the status bar

    def __init__(self, document: Document, window: QWidget, recent: RecentFiles) -> None:
        super().__init__(window)
        self.document = document
        self.window = window
        self.recent = recent
        self._task: FileTask | None = None
        self._job: tuple[str, Then | None] = ("", None)
        self._saved_plan: Any = None  # the plan being written by the running save
        self._saved_cases: Any = None  # the what-if results being written by that save
        # Says why the document may not be replaced now ('' = it may), e.g. a solve runs.
        self.replace_blocker: Callable[[], str] = lambda: ""
        # Solves, then runs the callable once the new plan is in (set by the window).
        self.solve_first: Callable[[Callable[[], object]], None] | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    # --- commands -------------------------------------------------------------------
    def new(self) -> None:
        if not self._may_replace():
            return
        self.after_saving_changes(lambda: self.document.load(new_scenario()))

    def open(self, path: str | None = None) -> None:
        if self.busy or not self._may_replace():
            return
        if path is None:
            start = str(Path(self.document.path).parent) if self.document.path else ""
            path = dialogs.open_workbook_path(self.window, start)
            if path is None:
                return
        chosen = path
        self.after_saving_changes(lambda: self._start_open(chosen))

    def save(self, then: Then | None = None) -> bool:
        """Save to the document's file (Save As when it has none); ``then`` runs after
        a successful save. False when nothing was started."""
        if self.document.path is None:
            return self.save_as(then)
        return self._start_save(self.document.path, then)

    def save_as(self, then: Then | None = None) -> bool:
        suggested = self.document.path or str(Path.home() / f"{self.document.display_name}.xlsx")
        path = dialogs.save_workbook_path(self.window, suggested)
        if path is None:
            return False
        return self._start_save(path, then)

    def _may_replace(self) -> bool:
        """False (and the planner told why) when something holds on to the document."""
        reason = self.replace_blocker()
        if reason:
            dialogs.show_info(self.window, reason)
        return not reason

    def after_saving_changes(self, action: Then) -> bool:
        """Run ``action`` once the planner has saved or discarded the changes.

        False when the planner cancelled (or the save could not start); the action
        then does not run. A save runs in the background and the action follows it.
        """
        if self.busy:
            return False
        if not self.document.is_dirty:
            action()
            return True
        choice = dialogs.ask_save_changes(self.window, self.document.display_name)
        if choice is SaveChoice.DISCARD:
            action()
            return True
        if choice is SaveChoice.SAVE:
            return self.save(then=action)
        return False

    # --- open -----------------------------------------------------------------------
    def _start_open(self, path: str) -> None:
        task = load_task(path, self)
        task.succeeded.connect(self._on_loaded)
        task.failed.connect(self._on_load_failed)
        self._run(task, path, None, f"Opening {Path(path).name}…")

    def _on_loaded(self, loaded: Any) -> None:
        path, _ = self._done()
        scenario = loaded.scenario
        fatal = file_level_error(scenario.load_issues)
        name = Path(path).name
        if fatal is not None:
            dialogs.show_error(self.window, f"Cannot open {name}: {fatal.message}",
                               "\n".join(str(i) for i in scenario.load_issues))
            self.recent.remove(path)
            self.message.emit(f"{name} was not opened")
            return
        self.document.load(scenario, loaded.plan, path, sheet_names(loaded.foreign_sheets),
                           getattr(loaded, "outputs", None))
        self.recent.add(path)
        errors = self.document.error_count
        note = f" with {errors} error{'s' if errors != 1 else ''}: see the Issues panel" \
            if errors else ""
        self.message.emit(f"Opened {name}{note}")
        self.opened.emit(path)

    def _on_load_failed(self, error: BaseException, details: str) -> None:
        path, _ = self._done()
        headline = f"Cannot open {Path(path).name}: {_plain(error)}"
        dialogs.show_error(self.window, headline, details)
        self.message.emit(headline)

    # --- save -----------------------------------------------------------------------
    def _start_save(self, path: str, then: Then | None) -> bool:
        if self.busy:
            return False
        same_file = self.document.path is not None and \
            Path(path).resolve() == Path(self.document.path).resolve()
        if same_file and self.document.foreign_sheets and not dialogs.confirm_foreign_sheets(
                self.window, path, self.document.foreign_sheets):
            return False
        if not self._settle_stale_plan(path, then):
            return False
        document = self.document
        self._saved_plan = document.plan
        self._saved_cases = document.cases_result
        task = save_task(document.scenario, path, document.plan, document.cases_result, self)
        task.succeeded.connect(self._on_saved)
        task.failed.connect(self._on_save_failed)
        self._run(task, path, then, f"Saving {Path(path).name}…")
        return True

    def _settle_stale_plan(self, path: str, then: Then | None) -> bool:
        """An out-of-date plan is saved only as the planner says; False: not now."""
        if self.document.plan is None or not self.document.plan_stale:
            return True
        choice = dialogs.ask_stale_plan(self.window, Path(path).name)
        if choice is dialogs.StalePlanChoice.DROP:
            self.document.set_plan(None)
        elif choice is dialogs.StalePlanChoice.SOLVE:
            if self.solve_first is not None:
                self.solve_first(lambda: self._start_save(path, then))
            return False
        return choice is not dialogs.StalePlanChoice.CANCEL

    def _on_saved(self, _result: object) -> None:
        path, then = self._done()
        self.document.foreign_sheets = []  # the file now holds what the planner saw
        self.document.mark_saved(path, self._saved_plan, self._saved_cases)
        self.recent.add(path)
        self.message.emit(f"Saved {Path(path).name}")
        self.saved.emit(path)
        if then is not None:
            then()

    def _on_save_failed(self, error: BaseException, details: str) -> None:
        path, _ = self._done()
        headline = f"Could not save {Path(path).name}: {_plain(error)}"
        if not isinstance(error, SaveError):
            headline += ". The previous file is unchanged."
        dialogs.show_error(self.window, headline, details)
        self.message.emit(headline)

    # --- jobs -----------------------------------------------------------------------
    def _run(self, task: FileTask, path: str, then: Then | None, note: str) -> None:
        self._task = task
        self._job = (path, then)
        task.finished.connect(task.deleteLater)
        self.busy_changed.emit(True)
        self.message.emit(note)
        task.start()

    def _done(self) -> tuple[str, Then | None]:
        """A job reported back: the controller is free before its result is handled,
        so that what follows (close, open after save) may start another job. Returns
        the job's path and what runs after it."""
        job = self._job
        self._task = None
        self._job = ("", None)
        self.busy_changed.emit(False)
        return job

    def wait(self, milliseconds: int = 30_000) -> None:
        """Block until a running job is done (the app is closing)."""
        if self._task is not None:
            self._task.wait(milliseconds)


def _plain(error: BaseException) -> str:
    if isinstance(error, PlannerError):
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__
