"""File > Export report...: the board's PDF of the open plan, written off the GUI thread."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressDialog, QWidget

from planner.gui import dialogs
from planner.gui.document import Document
from planner.gui.worker_thread import ScenarioWorker, WorkerThreads

SHUTDOWN_WAIT_MS = 10_000
STEPS = 1000  # the progress bar's resolution


def _write(source: Any, progress: Any, should_stop: Any, path: str) -> Any:
    from planner.board_report import write_report

    return write_report(source, path, progress=progress, cancelled=should_stop)


class ReportWorker(ScenarioWorker):
    """Draws and writes one report; ``progressed(fraction, words)`` as it goes."""

    progressed = Signal(float, str)

    def _function(self) -> Any:
        return _write

    def _report(self, fraction: float, words: str) -> None:
        self.progressed.emit(fraction, words)


class ReportExporter(QObject):
    """The Export report action, its progress dialog and its worker thread."""

    message = Signal(str)  # for the status bar
    written = Signal(str)  # the PDF's path

    def __init__(self, document: Document, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._document = document
        self._parent_widget = parent_widget
        self._threads = WorkerThreads(SHUTDOWN_WAIT_MS, self)
        self._dialog: QProgressDialog | None = None
        self._path = ""
        self.action = QAction("Export &report…", self)
        self.action.setStatusTip("Write the plan report for the board (PDF): key figures, "
                                 "charts, schedule, assumptions")
        self.action.triggered.connect(lambda: self.export())
        document.plan_changed.connect(self._update_action)
        document.scenario_changed.connect(self._update_action)
        self._update_action()

    @property
    def is_running(self) -> bool:
        return self._threads.is_running

    def _update_action(self) -> None:
        plan = self._document.plan
        self.action.setEnabled(plan is not None and plan.has_plan and not self.is_running)

    def _suggested_path(self) -> str:
        path = self._document.path
        if path:
            return str(Path(path).with_name(Path(path).stem + " report.pdf"))
        return f"{self._document.display_name} report.pdf"

    def export(self, path: str | None = None) -> None:
        """Ask where (unless ``path`` is given), then write the report in a worker thread."""
        plan = self._document.plan
        if self.is_running or plan is None or not plan.has_plan:
            return
        path = path or dialogs.report_pdf_path(self._parent_widget, self._suggested_path())
        if not path:
            return
        from planner.board_report import ReportSource

        document = self._document
        source = ReportSource(
            scenario=document.scenario.copy(),
            plan=dataclasses.replace(plan, stale=document.plan_stale),
            workbook_name=document.display_name,
            cases=dict(document.cases_result or {}),  # type: ignore[call-overload]
            cases_stale=document.cases_stale)
        worker = ReportWorker(source, {"path": path})
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._path = path
        self._show_dialog()
        self._threads.start(worker, "report")
        self._update_action()
        self.message.emit(f"Writing the plan report to {Path(path).name}…")

    def _show_dialog(self) -> None:
        dialog = QProgressDialog("Drawing the report…", "Cancel", 0, STEPS,
                                 self._parent_widget)
        dialog.setWindowTitle("Export report")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        self._dialog = dialog

    @Slot()
    def cancel(self) -> None:
        if self.is_running:
            self._threads.cancel()
            if self._dialog is not None:
                self._dialog.setLabelText("Stopping…")

    @Slot(float, str)
    def _on_progress(self, fraction: float, words: str) -> None:
        dialog = self._dialog
        if dialog is not None and self._threads.is_current(self.sender()):
            # a modal QProgressDialog's setValue runs the event loop, where the run's end
            # may close the dialog and clear self._dialog: keep this one until done
            dialog.setLabelText(words + "…")
            dialog.setValue(round(fraction * STEPS))

    def _end(self) -> None:
        self._threads.release()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self._update_action()

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        if not self._threads.is_current(self.sender()):
            return
        self._end()
        self.message.emit(f"Wrote the plan report ({result.pages} pages) to "
                          f"{Path(self._path).name}")
        self.written.emit(self._path)

    @Slot(str, str)
    def _on_failed(self, headline: str, details: str) -> None:
        worker = self.sender()
        if not self._threads.is_current(worker):
            return
        cancelled = getattr(worker, "cancel_requested", False)
        self._end()
        if cancelled:
            self.message.emit("The report was stopped; no file was written")
        else:
            dialogs.show_error(self._parent_widget, headline, details)

    @Slot()
    def shutdown(self) -> None:
        """Stop a report being written and wait for its thread (the window closes)."""
        self._threads.shutdown()
