"""CasesView: the what-if tab. The Cases sheet edited as a table (undo, dropdowns, live
validation), runs of all or the selected cases off the GUI thread with per-case progress
and Cancel, sensitivity and sweep launchers, and the results below."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.cases.parameters import case_words
from planner.cases.sheet import BASE, case_names, is_base
from planner.convert import finite_number, is_blank
from planner.gui import dialogs, study_dialog
from planner.gui.cases_delegate import CasesDelegate
from planner.gui.cases_results import CasesResultsPanel
from planner.gui.cases_worker import CasesRunner, RunFunction, run_cases_function
from planner.gui.input_tabs import TableEditor
from planner.gui.worker_thread import format_elapsed
from planner.plan import FAILED, Status
from planner.reports import format_money
from planner.schema import normalize
from planner.whatif.studies import default_parameters

CASES = schema.CASES
COLUMN_CASE, COLUMN_STATUS, COLUMN_NPV, COLUMN_TIME = range(4)
ELAPSED_TICK_MS = 250
BAD, WARN, MUTED = QColor("#B3261E"), QColor("#8A5A00"), QColor("#7A7A7A")


def sensitivity_function(request: study_dialog.SensitivityRequest) -> RunFunction:
    from planner.whatif.studies import sensitivity

    def run(scenario: Any, **options: Any) -> Any:
        return sensitivity(scenario, swing=request.swing, parameters=request.parameters,
                           **options)

    return run


def sweep_function(request: study_dialog.SweepRequest) -> RunFunction:
    from planner.whatif.studies import sweep

    def run(scenario: Any, **options: Any) -> Any:
        return sweep(scenario, request.parameter, request.values, item=request.item or None,
                     change=request.change, from_year=request.from_year,
                     to_year=request.to_year, **options)

    return run


def study_names(request: Any, scenario: Any) -> list[str]:
    """The runs a study will report, Base first, so that its progress counts "n of N"
    from the start (a tornado of 8 parameters: 17 runs)."""
    if isinstance(request, study_dialog.SensitivityRequest):
        varied = request.parameters or default_parameters(scenario)
        return [BASE] + [f"{item.title} {sign}" for item in varied for sign in ("-", "+")]
    return [BASE] + [f"{request.parameter} {value:g}" for value in request.values]


class CasesView(QWidget):
    """The Cases table and the run panel on top, the comparison and charts below."""

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.runner = CasesRunner(self)
        self._outcomes: dict[str, dict[str, Any]] = {}  # case key -> status, npv, seconds, note
        self._waiting: set[str] = set()
        self._study = ""  # 'sensitivity' or 'sweep' while one runs
        self._progress_prefix = ""
        self._last_finished = ""
        self._build()
        self.runner.started.connect(self._on_runner_started)
        self.runner.case_finished.connect(self._on_runner_case_finished)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        document.scenario_changed.connect(self._refresh_case_list)
        document.cases_changed.connect(self._on_document_cases_changed)
        document.issues_changed.connect(self._update_issue_label)
        self._on_document_cases_changed()
        self._update_issue_label()

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        self.editor = TableEditor(self.document, CASES, self)
        self.editor.view.setItemDelegate(CasesDelegate(self.document, self.editor.view))
        self.editor.view.selectionModel().currentRowChanged.connect(
            self._on_table_current_row_changed)
        self.editor.view.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons())
        self.results = CasesResultsPanel(self.document, self)
        self.results.case_selected.connect(self._select_in_list)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        top.addWidget(self.editor)
        top.addWidget(self._run_panel())
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized:  # first show: room for about eight cases, the rest for results
            self._sized = True
            height = max(self.splitter.height(), 400)
            top = min(300, int(height * 0.42))
            self.splitter.setSizes([top, height - top])
            self.results.fit_split()

    def _run_panel(self) -> QWidget:
        panel = QWidget(self)
        buttons, studies = self._run_buttons(panel)
        self._make_progress(panel)
        self._make_case_list(panel)
        self._timer = QTimer(self)
        self._timer.setInterval(ELAPSED_TICK_MS)
        self._timer.timeout.connect(self._show_elapsed)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(studies)
        layout.addWidget(self.issue_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.case_list, 1)
        self._set_running(False)
        return panel

    def _run_buttons(self, panel: QWidget) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Run all, Run selected, Cancel; Sensitivity, Sweep and the cases at a time."""
        self.run_all_button = QPushButton("Run all cases", panel)
        self.run_all_button.setToolTip("Solve Base and every case, in parallel; each case "
                                       "is also asked what Base's plan would cost in it")
        self.run_all_button.clicked.connect(lambda: self.run_cases(None))
        self.run_selected_button = QPushButton("Run selected", panel)
        self.run_selected_button.setToolTip("Solve Base and the cases selected in the list "
                                            "below (or in the table)")
        self.run_selected_button.clicked.connect(self.run_selected)
        self.cancel_button = QPushButton("Cancel", panel)
        self.cancel_button.setToolTip("Stop every case; those already finished are kept")
        self.cancel_button.clicked.connect(self.cancel)
        self.sensitivity_button = QPushButton("Sensitivity…", panel)
        self.sensitivity_button.setToolTip("Tornado: scale each parameter down and up and "
                                           "see how much the NPV moves")
        self.sensitivity_button.clicked.connect(self.run_sensitivity)
        self.sweep_button = QPushButton("Sweep…", panel)
        self.sweep_button.setToolTip("One parameter over a list of values: where does the "
                                     "plan change?")
        self.sweep_button.clicked.connect(self.run_sweep)
        self.jobs = QSpinBox(panel)
        cores = os.cpu_count() or 1
        self.jobs.setRange(1, max(2 * cores, 2))
        self.jobs.setValue(self.runner.jobs)
        self.jobs.setToolTip(f"How many cases are solved at once (this computer has {cores} "
                             "cores)")
        self.jobs.setSuffix(" at a time")
        self.jobs.valueChanged.connect(lambda value: setattr(self.runner, "jobs", value))
        buttons = QHBoxLayout()
        for widget in (self.run_all_button, self.run_selected_button, self.cancel_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        studies = QHBoxLayout()
        for widget in (self.sensitivity_button, self.sweep_button):
            studies.addWidget(widget)
        studies.addStretch(1)
        studies.addWidget(self.jobs)
        return buttons, studies

    def _make_progress(self, panel: QWidget) -> None:
        self.progress_bar = QProgressBar(panel)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setFormat("%v of %m done")
        self.progress_bar.hide()
        self.progress_label = QLabel(panel)
        self.progress_label.setWordWrap(True)
        self.progress_label.setStyleSheet("color: #444;")
        # Two lines always: a label that wraps must not be squeezed to one line and cut.
        self.progress_label.setMinimumHeight(2 * self.progress_label.fontMetrics().lineSpacing()
                                             + 2)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.issue_label = QLabel(panel)
        self.issue_label.setWordWrap(True)

    def _make_case_list(self, panel: QWidget) -> None:
        self.case_list = QTreeWidget(panel)
        self.case_list.setHeaderLabels(["Case", "Status", "NPV", "Time"])
        self.case_list.setRootIsDecorated(False)
        self.case_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.case_list.setToolTip("Base and the cases of the table; select some to run only "
                                  "those")
        self.case_list.itemSelectionChanged.connect(self._on_case_list_selection_changed)
        header = self.case_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_CASE, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_STATUS, COLUMN_NPV, COLUMN_TIME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    # --- the case list ----------------------------------------------------------------
    def names(self) -> list[str]:
        """Base and the cases of the Cases sheet, in order."""
        return [BASE, *case_names(self.document.scenario)]

    @Slot()
    def _refresh_case_list(self) -> None:
        names = self.names()
        selected = {normalize(item.text(COLUMN_CASE)) for item in self.case_list.selectedItems()}
        shown = [self.case_list.topLevelItem(i).text(COLUMN_CASE)
                 for i in range(self.case_list.topLevelItemCount())]
        if shown != names:
            self.case_list.blockSignals(True)
            self.case_list.clear()
            for name in names:
                item = QTreeWidgetItem([name, "", "", ""])
                for column in (COLUMN_NPV, COLUMN_TIME):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.case_list.addTopLevelItem(item)
                item.setSelected(normalize(name) in selected)
            self.case_list.blockSignals(False)
        for index in range(self.case_list.topLevelItemCount()):
            self._show_outcome(self.case_list.topLevelItem(index))
        self._update_buttons()

    def _show_outcome(self, item: QTreeWidgetItem) -> None:
        key = normalize(item.text(COLUMN_CASE))
        italic = QFont(item.font(COLUMN_CASE))
        italic.setItalic(key in self._waiting)
        item.setFont(COLUMN_STATUS, italic)
        outcome = self._outcomes.get(key)
        if key in self._waiting:
            texts, color, tip = ["In progress…", "", ""], MUTED, "Not finished yet"
        elif outcome is None:
            texts, color, tip = ["Not run", "", ""], MUTED, "No result in the results shown"
        else:
            status = str(outcome["status"] or "")
            seconds = outcome["seconds"]
            texts = [status, format_money(outcome["npv"], self.currency),
                     "" if seconds is None else f"{seconds:,.1f} s"]
            color = BAD if normalize(status) in FAILED else \
                WARN if normalize(status) == Status.FEASIBLE else None
            tip = outcome["note"] or status
        for column, text in zip((COLUMN_STATUS, COLUMN_NPV, COLUMN_TIME), texts, strict=True):
            item.setText(column, text)
            item.setToolTip(column, tip)
        item.setForeground(COLUMN_STATUS, QBrush(color) if color is not None else QBrush())
        item.setToolTip(COLUMN_CASE, tip)

    @property
    def currency(self) -> str:
        return str(self.document.scenario.settings.currency or "USD")

    def selected_names(self) -> list[str]:
        """The cases chosen for Run selected: the list's selection, else the table's rows."""
        chosen = [item.text(COLUMN_CASE) for item in self.case_list.selectedItems()]
        if not chosen:
            model = self.editor.model
            column = model.column_index("case")
            table = self.editor.view
            rows = sorted({table.proxy.mapToSource(index).row()
                           for index in table.selectionModel().selectedIndexes()})
            for row in rows:
                value = model.value(row, column)
                if not is_blank(value) and str(value).strip() not in chosen:
                    chosen.append(str(value).strip())
        known = {normalize(name): name for name in self.names()}
        return [known[normalize(name)] for name in chosen if normalize(name) in known]

    # --- running --------------------------------------------------------------------
    def run_cases(self, names: list[str] | None) -> bool:
        """Run Base and the named cases (all when None); False when nothing started."""
        if self.runner.is_running or not self._inputs_ready():
            return False
        cases = [n for n in (names if names is not None else self.names())
                 if not is_base(n)]
        if names is None and not cases:
            self.progress_label.setText("No cases to run yet: add a row to the Cases table "
                                        "(case, parameter, change, value).")
            return False
        self._study = ""
        return self.runner.start(self.document.scenario,
                                 run_cases_function(None if names is None else cases),
                                 [BASE, *cases])

    @Slot()
    def run_selected(self) -> bool:
        names = self.selected_names()
        if not names:
            self.progress_label.setText("Select cases in the list (or rows in the table) "
                                        "first.")
            return False
        return self.run_cases(names)

    @Slot()
    def run_sensitivity(self) -> bool:
        return self._run_study("sensitivity", study_dialog.ask_sensitivity, sensitivity_function)

    @Slot()
    def run_sweep(self) -> bool:
        return self._run_study("sweep", study_dialog.ask_sweep, sweep_function)

    def _run_study(self, study: str, ask: Callable[..., Any],
                   function_for: Callable[[Any], RunFunction]) -> bool:
        """Ask for the study's settings, then run it; False when nothing was started."""
        if self.runner.is_running or not self._inputs_ready():
            return False
        request = ask(self, self.document.scenario)
        if request is None:
            return False
        self._study = study
        return self.runner.start(self.document.scenario, function_for(request),
                                 study_names(request, self.document.scenario))

    @Slot()
    def cancel(self) -> None:
        if self.runner.is_running:
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Stopping every case…")

    def shutdown(self) -> None:
        """Stop any run and wait for it (the window closes)."""
        self.runner.shutdown()

    def _inputs_ready(self) -> bool:
        """True when the scenario has no errors; otherwise the planner is told why."""
        self.document.revalidate()
        errors = [issue for issue in self.document.issues if issue.is_error]
        if not errors:
            return True
        count = len(errors)
        in_cases = sum(1 for issue in errors if issue.sheet == CASES.name)
        where = (" (the red cells of the Cases table say why)" if in_cases == count
                 else " (see the Issues panel)")
        dialogs.show_error(self, f"The scenario has {count} error{'s' if count != 1 else ''}"
                           f"{where}; nothing was run.", "\n".join(str(i) for i in errors))
        return False

    def _set_running(self, running: bool) -> None:
        for button in (self.run_all_button, self.sensitivity_button, self.sweep_button):
            button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.jobs.setEnabled(not running)
        self.progress_bar.setVisible(running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.runner.is_running
        self.run_selected_button.setEnabled(not running and bool(self.selected_names()))

    # --- runner signals -------------------------------------------------------------
    @Slot(object)
    def _on_runner_started(self, names: list[str]) -> None:
        self._waiting = {normalize(name) for name in names}
        self.progress_bar.setRange(0, len(names))  # 0..0 = busy until the total is known
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(bool(names))  # no "0 of 0" while busy
        what = {"sensitivity": "Sensitivity", "sweep": "Sweep"}.get(self._study, "Cases")
        self._progress_prefix = f"{what}: "
        self.progress_label.setText(f"{what}: starting the solvers…")
        self.results.set_running(True)
        self._set_running(True)
        self._timer.start()
        self._refresh_case_list()

    @Slot(str, int, int, object)
    def _on_runner_case_finished(self, name: str, done: int, total: int, result: Any) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_bar.setTextVisible(True)
        key = normalize(name)
        self._waiting.discard(key)
        if not self._study:
            self._outcomes[key] = {"status": str(result.status), "npv": result.objective,
                                   "seconds": result.solve_seconds, "note": result.note}
        self._last_finished = f"{done} of {total} done; last: {case_words(name)} ({result.status})"
        self._show_elapsed()
        for index in range(self.case_list.topLevelItemCount()):
            item = self.case_list.topLevelItem(index)
            if normalize(item.text(COLUMN_CASE)) == key:
                self._show_outcome(item)

    @Slot(object)
    def _on_runner_finished(self, run: Any) -> None:
        self._end_run()
        finished = sum(1 for result in run.results if result.has_result)
        if run.cancelled and finished == 0:
            self.progress_label.setText("Cancelled before any case finished; the previous "
                                        "results are kept.")
            self._on_document_cases_changed()
            return
        if run.cancelled:
            self.progress_label.setText(f"Stopped: {finished} of {len(run.results)} finished "
                                        f"in {run.seconds:,.1f} s. The others show as error.")
        else:
            self.progress_label.setText(f"Done: {len(run.results)} runs in "
                                        f"{run.seconds:,.1f} s.")
        self.document.set_cases_run(run)
        failed = [result for result in run.results if result.details]
        if failed:  # a case whose solve broke: its story, as a failed solve tells it
            dialogs.show_error(self, *failed_cases_words(failed))

    @Slot(str, str)
    def _on_runner_failed(self, headline: str, details: str) -> None:
        self._end_run()
        self.progress_label.setText(headline)
        self._errors_headline = headline if self.document.error_count else ""
        self._on_document_cases_changed()
        dialogs.show_error(self, headline, details)

    def _end_run(self) -> None:
        self.results.set_running(False)
        self._timer.stop()
        self._waiting = set()
        self._study = ""
        self._set_running(False)

    @Slot()
    def _show_elapsed(self) -> None:
        if not self.runner.is_running:
            return
        elapsed = format_elapsed(self.runner.elapsed)
        last = self._last_finished
        stopping = "stopping… " if self.runner.cancel_requested else ""
        self.progress_label.setText(f"{self._progress_prefix}{stopping}{elapsed} elapsed"
                                    + (f"; {last}" if last else ""))

    # --- document signals -----------------------------------------------------------
    @Slot()
    def _on_document_cases_changed(self) -> None:
        """Statuses from the shown results (a run, or the workbook's Cases Results)."""
        self._last_finished = ""
        self._outcomes = {}
        found = self.document.case_tables()  # a tornado or a sweep keeps the cases' statuses
        results = found.get(schema.CASES_RESULTS.name)
        if results is not None:
            for row in results.to_dict("records"):
                self._outcomes[normalize(row["case"])] = {
                    "status": row["status"], "npv": finite_number(row["objective"]),
                    "seconds": finite_number(row["solve_seconds"]),
                    "note": "" if is_blank(row["note"]) else str(row["note"])}
        self._refresh_case_list()

    @Slot()
    def _update_issue_label(self) -> None:
        errors = [issue for issue in self.document.issues if issue.is_error]
        if not errors and getattr(self, "_errors_headline", "") and \
                self.progress_label.text() == self._errors_headline:
            self.progress_label.setText("")  # the errors that stopped the run are gone
            self._errors_headline = ""
        in_cases = [issue for issue in self.document.issues if issue.sheet == CASES.name]
        case_errors = sum(1 for issue in in_cases if issue.is_error)
        parts = []
        if case_errors:
            parts.append(f"{case_errors} error{'s' if case_errors != 1 else ''} in the Cases "
                         "table: the red cells say why")
        elif in_cases:
            parts.append(f"{len(in_cases)} warning{'s' if len(in_cases) != 1 else ''} in the "
                         "Cases table")
        others = len(errors) - case_errors
        if others:
            parts.append(f"{others} error{'s' if others != 1 else ''} in other sheets (see "
                         "Issues)")
        self.issue_label.setText("; ".join(parts) + ("." if parts else ""))
        self.issue_label.setStyleSheet("color: #B3261E;" if errors else "color: #8A5A00;")
        self.issue_label.setVisible(bool(parts))

    # --- selection sync -------------------------------------------------------------
    def _on_table_current_row_changed(self, current: QModelIndex, _previous: object) -> None:
        if not current.isValid():
            return
        model = self.editor.model
        row = self.editor.view.proxy.mapToSource(current).row()
        value = model.value(row, model.column_index("case"))
        if not is_blank(value):
            self.results.select_case(str(value).strip())
        self._update_buttons()

    @Slot(str)
    def _select_in_list(self, case: str) -> None:
        if self.runner.is_running:
            return
        for index in range(self.case_list.topLevelItemCount()):
            item = self.case_list.topLevelItem(index)
            if normalize(item.text(COLUMN_CASE)) == normalize(case):
                self.case_list.setCurrentItem(item)

    @Slot()
    def _on_case_list_selection_changed(self) -> None:
        items = self.case_list.selectedItems()
        if len(items) == 1:
            self.results.blockSignals(True)
            self.results.select_case(items[0].text(COLUMN_CASE))
            self.results.blockSignals(False)
        self._update_buttons()


def failed_cases_words(failed: list[Any]) -> tuple[str, str]:
    """Headline and Details of the cases (CaseResults) whose solve broke: each one's
    note, then its whole story (the worker's traceback)."""
    if len(failed) == 1:
        headline = f"{case_words(failed[0].name)}: {failed[0].note}"
    else:
        names = ", ".join(case_words(result.name) for result in failed)
        headline = f"{len(failed)} cases have no result ({names}); see the details."
    details = "\n\n".join(f"{case_words(result.name)}: {result.note}\n{result.details}"
                           for result in failed)
    return headline, details
