"""The open document: scenario, plan, file path, issues and the undo stack, as one QObject.

Every edit reaches the scenario through an undo command (planner.gui.commands) that
calls the mutators below; the mutators change the tables and emit fine-grained
signals the table models turn into Qt model signals. After each edit the plan is
checked for staleness and validation runs again, debounced.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from planner.errors import Issue
from planner.gui.study_shelf import CASES, STUDY_SHEET_NAMES, StudyShelf
from planner.plan import Plan
from planner.robust.read_back import ROBUST_SHEET_NAMES
from planner.scenario import Scenario, new_scenario

VALIDATION_DELAY_MS = 250

CellKey = tuple[str, int, str]  # (sheet, row position, str(column key))


def cell_key(sheet: str, row: int, column: object) -> CellKey:
    """How issues and cells are matched: column keys compare as text (years too)."""
    return (sheet, row, str(column))


class Document(QObject):
    """The scenario being edited, with its plan, path, issues and undo stack."""

    scenario_changed = Signal()
    plan_changed = Signal()
    issues_changed = Signal()
    path_changed = Signal()
    dirty_changed = Signal(bool)
    plan_stale_changed = Signal(bool)
    cases_changed = Signal()  # what-if results arrived (a run, a file) or were dropped
    robust_changed = Signal()  # a robust run arrived (a run, a file)
    # Fine-grained table signals for the table models (sheet name first).
    cells_changed = Signal(str, object)  # sheet, list[(row, column key)]
    rows_about_to_be_inserted = Signal(str, int, int)  # sheet, first, last
    rows_inserted = Signal(str, int, int)
    rows_about_to_be_removed = Signal(str, int, int)
    rows_removed = Signal(str, int, int)
    table_about_to_be_reset = Signal(str)  # '' = every table
    table_reset = Signal(str)

    def __init__(self, scenario: Scenario | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        # The reader's issues the last edit dropped (its cells changed): an undo restores them.
        self.dropped_load_issues: list[Issue] = []
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self._scenario = scenario if scenario is not None else new_scenario()
        self._plan: Plan | None = None
        self._path: str | None = None
        self._plan_unsaved = False
        self._fingerprint: str | None = None
        self._was_stale = False
        self._issues: list[Issue] = []
        self._issues_by_cell: dict[CellKey, list[Issue]] = {}
        self.untitled_name = "Untitled"  # the name shown while there is no path
        self.foreign_sheets: list[str] = []
        self.outputs: object = None  # output sheets read back (what-if results)
        self.cases_result: object = None  # what-if results to save with the plan
        self.cases_run: object = None  # the what-if run shown (CasesRun or a study)
        self.shelf = StudyShelf()  # each study of the session in its own place
        self._cases_fingerprint: str | None = None  # inputs the cases results are for
        self._cases_unsaved = False
        self._full_fingerprint: str | None = None
        self.robust_result: Any = None  # the robust run shown and saved (a RobustResult)
        self._robust_fingerprint: str | None = None
        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self.revalidate)
        self.revalidate()

    # --- state ----------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def plan(self) -> Plan | None:
        return self._plan

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def display_name(self) -> str:
        """The file's name, or what the scenario is called before its first save."""
        return Path(self._path).name if self._path else self.untitled_name

    @property
    def issues(self) -> list[Issue]:
        return list(self._issues)

    @property
    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean() or self._plan_unsaved or self._cases_unsaved

    @property
    def plan_stale(self) -> bool:
        """True when the plan was solved for other inputs than the scenario's."""
        if self._plan is None:
            return False
        return self._plan.input_fingerprint != self.fingerprint()

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = self._scenario.fingerprint()
        return self._fingerprint

    def full_fingerprint(self) -> str:
        """The fingerprint of every input sheet, Cases included (what-if results)."""
        if self._full_fingerprint is None:
            self._full_fingerprint = self._scenario.fingerprint(include_cases=True)
        return self._full_fingerprint

    @property
    def cases_stale(self) -> bool:
        """True when the what-if results were computed for other inputs (Cases included)."""
        if not isinstance(self.cases_result, dict) or \
                not STUDY_SHEET_NAMES.intersection(self.cases_result):
            return False  # no what-if study (robust results alone are not one)
        return self._cases_fingerprint != self.full_fingerprint()

    def robust_fingerprint(self) -> str:
        """The fingerprint robust results carry: every input sheet and the robust settings."""
        if self._robust_fingerprint is None:
            self._robust_fingerprint = self._scenario.fingerprint(include_robust=True)
        return self._robust_fingerprint

    @property
    def robust_stale(self) -> bool:
        """True when the robust run shown was made for other inputs."""
        result = self.robust_result
        if result is None:
            return False
        return result.input_fingerprint != self.robust_fingerprint()

    def table(self, sheet: str) -> pd.DataFrame:
        return self._scenario.tables[sheet]

    def issues_at(self, sheet: str, row: int, column: object) -> list[Issue]:
        return self._issues_by_cell.get(cell_key(sheet, row, column), [])

    @property
    def error_count(self) -> int:
        return sum(1 for issue in self._issues if issue.is_error)

    # --- whole-document changes -----------------------------------------------------
    def load(self, scenario: Scenario, plan: Plan | None = None, path: str | None = None,
             foreign_sheets: list[str] | None = None, outputs: object = None,
             untitled_name: str = "Untitled") -> None:
        """Show another scenario (New, Open): the undo history starts afresh."""
        self.table_about_to_be_reset.emit("")
        self._scenario = scenario
        self.untitled_name = untitled_name
        self._plan = plan
        self._path = path
        self._fingerprint = None
        self._full_fingerprint = None
        self._robust_fingerprint = None
        self.foreign_sheets = list(foreign_sheets or [])
        self.outputs = outputs
        # What-if results read back are saved again as they were until a new run.
        self.cases_result = outputs or None
        self.shelf.load(outputs if isinstance(outputs, dict) else {})
        current = self.shelf.current
        self.cases_run = current.run if current is not None else None
        self._cases_fingerprint = _read_back_fingerprint(scenario, self.cases_result)
        self.robust_result = _read_back_robust(scenario, outputs)
        self._plan_unsaved = False
        self._cases_unsaved = False
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._sync_stale_flag(emit=False)
        self.table_reset.emit("")
        self.scenario_changed.emit()
        self.plan_changed.emit()
        self.cases_changed.emit()
        self.robust_changed.emit()
        self.path_changed.emit()
        self.dirty_changed.emit(self.is_dirty)
        self.revalidate()

    def set_plan(self, plan: Plan | None) -> None:
        """A new plan (a solve finished); unsaved until the next save."""
        self._plan = plan
        self._plan_unsaved = True
        self._sync_stale_flag(emit=False)
        self.plan_changed.emit()
        self.dirty_changed.emit(self.is_dirty)

    def set_cases_run(self, run: Any) -> None:
        """A what-if run finished (a CasesRun): shown, and saved with the next save."""
        study = self.shelf.put(run)
        self.cases_run = run
        self._compose_results()
        cases = self.shelf.studies.get(CASES)
        self._cases_fingerprint = (cases or study).fingerprint
        self._cases_unsaved = True
        self.cases_changed.emit()
        self.dirty_changed.emit(self.is_dirty)

    def set_robust_result(self, result: Any) -> None:
        """A robust run with a plan finished: shown, and saved with the next save."""
        self.robust_result = result
        self._compose_results()
        self._cases_unsaved = True
        self.robust_changed.emit()
        self.dirty_changed.emit(self.is_dirty)

    def _compose_results(self) -> None:
        """The result sheets saved beside the plan: every study in its own sheets, the
        robust run's, and the other result sheets read back."""
        robust = self.robust_result.output_tables() if self.robust_result is not None else {}
        kept = {name: table for name, table in (self.outputs or {}).items()  # type: ignore[attr-defined]
                if name not in STUDY_SHEET_NAMES and name not in ROBUST_SHEET_NAMES}
        self.cases_result = {**kept, **self.shelf.sheets(), **robust} or None

    def show_study(self, kind: str) -> None:
        """Show another study of the session in the Cases tab."""
        if self.shelf.show(kind):
            self.cases_run = self.shelf.studies[kind].run
            self.cases_changed.emit()

    def shown_tables(self) -> dict[str, pd.DataFrame]:
        """The result tables the Cases tab shows: the shown study's, else those read back."""
        study = self.shelf.current
        if study is not None:
            return dict(study.tables)
        return dict(self.cases_result) if isinstance(self.cases_result, dict) else {}

    def case_tables(self) -> dict[str, pd.DataFrame]:
        """The cases' own results (a tornado or a sweep does not replace them)."""
        study = self.shelf.studies.get(CASES)
        return dict(study.tables) if study is not None else {}

    @property
    def shown_study_stale(self) -> bool:
        study = self.shelf.current
        if study is None:
            return self.cases_stale
        return study.fingerprint != self.full_fingerprint()

    def mark_saved(self, path: str, plan: Plan | None = None, cases: object = None) -> None:
        """The document was written to ``path`` with ``plan`` and what-if ``cases``: clean
        (unless another plan or run arrived meanwhile), cells stand where the writer put them."""
        self._scenario.forget_layout()
        self._scenario.source_path = path
        path_moved = path != self._path
        self._path = path
        self._plan_unsaved = self._plan is not plan
        self._cases_unsaved = self.cases_result is not cases
        self.undo_stack.setClean()
        if path_moved:
            self.path_changed.emit()
        self.dirty_changed.emit(self.is_dirty)
        self.revalidate()  # cell references follow the rewritten file

    # --- mutators (called by the undo commands only) ---------------------------------
    def write_cells(self, sheet: str, changes: list[tuple[int, object, object]],
                    restore: Sequence[Issue] = ()) -> list[object]:
        """Write (row, column key, value) cells; returns the values they replace.

        The reader's issues of those cells are dropped (kept in ``dropped_load_issues``);
        an undo passes them back as ``restore``.
        """
        table = self.table(sheet)
        positions = {key: pos for pos, key in enumerate(table.columns)}
        old = []
        for row, column, value in changes:
            col_pos = positions[column]
            old.append(table.iat[row, col_pos])
            table.iat[row, col_pos] = value
        edited = {(row, str(column)) for row, column, _ in changes}
        self._keep_load_issues(sheet, lambda issue: (issue.row, issue.column) not in edited)
        self._scenario.load_issues += list(restore)
        self.cells_changed.emit(sheet, [(row, column) for row, column, _ in changes])
        self._after_edit()
        return old

    def insert_rows(self, sheet: str, positions: list[int], rows: pd.DataFrame,
                    restore: Sequence[Issue] = ()) -> None:
        """Insert ``rows`` so that they end up at ``positions`` (ascending); ``restore``:
        the reader's issues of those rows, as removing them dropped them (undo)."""
        table = self.table(sheet)
        rows = rows.reindex(columns=table.columns).astype(object)
        rows = rows.where(rows.notna(), None)
        for first, last, block in _contiguous(positions):
            self.rows_about_to_be_inserted.emit(sheet, first, last)
            table = self.table(sheet)
            part = rows.iloc[block[0]:block[-1] + 1]
            self._scenario.tables[sheet] = pd.concat(
                [table.iloc[:first], part, table.iloc[first:]], ignore_index=True)
            self._shift_rows(sheet, first, last - first + 1)
            self.rows_inserted.emit(sheet, first, last)
        self._scenario.load_issues += list(restore)
        self._after_edit()

    def remove_rows(self, sheet: str, positions: list[int]) -> pd.DataFrame:
        """Remove the rows at ``positions``; returns them (ascending) for undo, and keeps
        the reader's issues of those rows in ``dropped_load_issues``."""
        positions = sorted(set(positions))
        self.dropped_load_issues = [issue for issue in self._scenario.load_issues
                                    if issue.sheet == sheet and issue.row in positions]
        removed = self.table(sheet).iloc[positions].reset_index(drop=True)
        blocks = list(_contiguous(positions))
        for first, last, _ in reversed(blocks):
            self.rows_about_to_be_removed.emit(sheet, first, last)
            table = self.table(sheet)
            self._scenario.tables[sheet] = pd.concat(
                [table.iloc[:first], table.iloc[last + 1:]], ignore_index=True)
            self._shift_rows(sheet, first, -(last - first + 1))
            self.rows_removed.emit(sheet, first, last)
        self._after_edit()
        return removed

    def insert_column(self, sheet: str, position: int, key: object,
                      values: list[object] | None = None) -> None:
        """Add a column (a year of a series sheet) at ``position``."""
        table = self.table(sheet)
        column = pd.Series(values if values is not None else [None] * len(table),
                           dtype=object, index=table.index)
        self.table_about_to_be_reset.emit(sheet)
        table = table.copy()
        table.insert(position, key, column)
        self._scenario.tables[sheet] = table
        layout = self._scenario.layouts.get(sheet)
        if layout is not None and key not in layout.columns:
            # A new column is named after the file's last one until the file is rewritten.
            layout.columns[key] = max(layout.columns.values(), default=0) + 1
        self.table_reset.emit(sheet)
        self._after_edit()

    def remove_column(self, sheet: str, key: object) -> tuple[int, list[object]]:
        """Drop a column; returns its position and values for undo."""
        table = self.table(sheet)
        position = list(table.columns).index(key)
        values = list(table[key])
        self.table_about_to_be_reset.emit(sheet)
        self._scenario.tables[sheet] = table.drop(columns=[key])
        self.table_reset.emit(sheet)
        self._keep_load_issues(sheet, lambda issue: issue.column != str(key))
        self._after_edit()
        return position, values

    def replace_table(self, sheet: str, table: pd.DataFrame,
                      restore: Sequence[Issue] = ()) -> pd.DataFrame:
        """Swap a whole table (small tables such as Settings); returns the old one.
        ``restore``: the reader's issues an earlier swap dropped (undo)."""
        old = self.table(sheet)
        self.table_about_to_be_reset.emit(sheet)
        self._scenario.tables[sheet] = table
        self.table_reset.emit(sheet)
        changed = _changed_cells(old, table)
        self._keep_load_issues(sheet, lambda issue: (issue.row, issue.column) not in changed)
        self._scenario.load_issues += list(restore)
        self._after_edit()
        return old

    # --- validation -----------------------------------------------------------------
    def schedule_validation(self) -> None:
        self._validation_timer.start()

    def revalidate(self) -> None:
        """Validate now; the scenario's load issues are the reader's findings that
        still apply (those of edited cells were dropped)."""
        from planner.validation import validate

        self._validation_timer.stop()
        self._issues = validate(self._scenario)
        index: dict[CellKey, list[Issue]] = {}
        for issue in self._issues:
            if issue.row is not None and issue.column is not None:
                index.setdefault(cell_key(issue.sheet, issue.row, issue.column), []).append(issue)
        self._issues_by_cell = index
        self.issues_changed.emit()

    # --- internals ------------------------------------------------------------------
    def _after_edit(self) -> None:
        self._fingerprint = None
        self._full_fingerprint = None
        self._robust_fingerprint = None
        self.scenario_changed.emit()
        self._sync_stale_flag(emit=True)
        self.schedule_validation()

    def _sync_stale_flag(self, emit: bool) -> None:
        stale = self.plan_stale
        if self._plan is not None and hasattr(self._plan, "stale"):
            self._plan.stale = stale
        if stale != self._was_stale:
            self._was_stale = stale
            if emit:
                self.plan_stale_changed.emit(stale)
                self.plan_changed.emit()

    def _keep_load_issues(self, sheet: str, keep: Callable[[Issue], bool]) -> None:
        """Drop the sheet's cell-located load issues that ``keep`` rejects: the reader's
        verdict no longer applies to a cell the planner changed (``dropped_load_issues``
        keeps them for an undo)."""
        kept, dropped = [], []
        for issue in self._scenario.load_issues:
            applies = issue.sheet != sheet or issue.row is None or keep(issue)
            (kept if applies else dropped).append(issue)
        self._scenario.load_issues = kept
        self.dropped_load_issues = dropped

    def _shift_rows(self, sheet: str, first: int, count: int) -> None:
        """Rows moved by ``count`` from ``first`` on (negative: removed). The file's row
        numbers of the other rows and the load issues follow their rows."""
        layout = self._scenario.layouts.get(sheet)
        if layout is not None:
            rows = list(layout.rows)
            if count > 0:
                rows[first:first] = [None] * count
            else:
                del rows[first:first - count]
            layout.rows = rows
        moved = []
        for issue in self._scenario.load_issues:
            if issue.sheet != sheet or issue.row is None or issue.row < first:
                moved.append(issue)
            elif count < 0 and issue.row < first - count:
                continue  # its row was removed
            else:
                moved.append(dataclasses.replace(issue, row=issue.row + count))
        self._scenario.load_issues = moved

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self.dirty_changed.emit(self.is_dirty)


def _read_back_fingerprint(scenario: Scenario, outputs: object) -> str | None:
    """The inputs' fingerprint when what-if results read back were computed for them."""
    if not isinstance(outputs, dict):
        return None
    from planner import schema
    from planner.whatif.results import results_are_current

    results = outputs.get(schema.CASES_RESULTS.name)
    if results is None or not results_are_current(results, scenario):
        return None
    return scenario.fingerprint(include_cases=True)


def _read_back_robust(scenario: Scenario, outputs: object) -> Any:
    """The robust run a workbook's Robust sheets hold, or None."""
    if not isinstance(outputs, dict):
        return None
    from planner.robust.read_back import read_back

    return read_back(outputs, str(scenario.setting("currency") or "USD"))


def _contiguous(positions: list[int]) -> Iterator[tuple[int, int, list[int]]]:
    """(first, last, indexes into positions) for each run of consecutive positions."""
    start = 0
    for index in range(1, len(positions) + 1):
        if index == len(positions) or positions[index] != positions[index - 1] + 1:
            yield positions[start], positions[index - 1], list(range(start, index))
            start = index


def _changed_cells(old: pd.DataFrame, new: pd.DataFrame) -> set[tuple[int, str]]:
    """(row, str(column)) of the cells that differ between two versions of a table."""
    changed = set()
    for column in set(old.columns) | set(new.columns):
        for row in range(max(len(old), len(new))):
            before = old[column].iloc[row] if column in old and row < len(old) else None
            after = new[column].iloc[row] if column in new and row < len(new) else None
            if type(before) is not type(after) or before != after:
                changed.add((row, str(column)))
    return changed
