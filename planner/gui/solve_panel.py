"""SolveController: one solve at a time off the GUI thread, with a progress panel and Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)

from planner.convert import finite_number
from planner.gui import dialogs
from planner.gui.solve_worker import SolveFunction, SolveWorker
from planner.gui.worker_thread import WorkerRunner, format_elapsed
from planner.plan import Status
from planner.reports import format_money, format_share

__all__ = ["SolveController", "SolveProgressPanel", "format_elapsed", "show_error"]

if TYPE_CHECKING:
    from planner.plan import Plan

PHASE_WORDS = {
    "starting": "Starting the optimizer",
    "validating": "Checking the inputs",
    "building": "Building the model",
    "solving": "Searching for the least-cost plan",
    "extracting": "Reading the plan",
    "diagnosing": "Finding why the caps cannot be met",
}
ELAPSED_TICK_MS = 200
SHUTDOWN_WAIT_MS = 10_000


def show_error(parent: QWidget | None, headline: str, details: str) -> None:
    """The app's error dialog, looked up when called (tests replace either name)."""
    dialogs.show_error(parent, headline, details)


class SolveProgressPanel(QFrame):
    """Phase, elapsed time, best plan's cost, bound and a Cancel button in one row."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("solveProgressPanel")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # busy: a MIP has no honest percentage
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.phase_label = QLabel(self)
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setToolTip("Time since the solve started")
        self.incumbent_label = QLabel(self)
        self.incumbent_label.setToolTip("Net present cost of the best plan found so far")
        self.bound_label = QLabel(self)
        self.bound_label.setToolTip("No plan can cost less than this bound; the gap is how "
                                    "far the best plan may still be from the optimum")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the solve; the best plan found so far is kept")
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(12)
        for widget in (self.busy_bar, self.phase_label, self.elapsed_label,
                       self.incumbent_label, self.bound_label, self.cancel_button):
            layout.addWidget(widget)
        self.reset()

    def reset(self) -> None:
        self.phase_label.setText(PHASE_WORDS["starting"] + "…")
        self.set_elapsed(0.0)
        self.incumbent_label.clear()
        self.incumbent_label.hide()
        self.bound_label.clear()
        self.bound_label.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")

    def set_elapsed(self, seconds: float) -> None:
        self.elapsed_label.setText(f"{format_elapsed(seconds)} elapsed")

    def set_stopping(self) -> None:
        self.phase_label.setText("Stopping…")
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Stopping")

    def show_progress(self, phase: str, info: dict[str, Any], currency: str) -> None:
        """Show a progress report of the optimizer (phase words, incumbent, bound, gap)."""
        if self.cancel_button.isEnabled():
            words = PHASE_WORDS.get(phase, phase.capitalize())
            message = str(info.get("message") or "").strip()
            self.phase_label.setText(f"{words}…" + (f" ({message})" if message else ""))
        incumbent = finite_number(info.get("incumbent"))
        bound = finite_number(info.get("bound"))
        gap = finite_number(info.get("gap"))
        if gap is None and incumbent is not None and bound is not None and incumbent:
            gap = abs(incumbent - bound) / abs(incumbent)
        if incumbent is not None:
            self.incumbent_label.setText(f"Best plan {format_money(incumbent, currency)}")
            self.incumbent_label.show()
        elif phase == "solving":
            self.incumbent_label.setText("No plan found yet")
            self.incumbent_label.show()
        if bound is not None:
            text = f"Bound {format_money(bound, currency)}"
            if gap is not None:
                text += f" (gap {format_share(gap, 2)})"
            self.bound_label.setText(text)
            self.bound_label.show()


class SolveController(WorkerRunner):
    """Starts the optimizer on a copy of the document's scenario, shows its progress, cancels.

    One solve runs at a time. A plan (optimal, feasible at a limit or cancel, or
    infeasible with its diagnosis) goes to ``document.set_plan``; a solve without a
    plan (input errors, solver failure) is shown with ``show_error`` and the
    previous plan stays. Signals: ``started()``, ``finished(Plan)``,
    ``failed(headline, details)`` (also emitted, without a dialog, when the planner
    cancels before any plan was found).
    """

    started = Signal()

    def __init__(self, document: Any, parent_widget: QWidget | None,
                 solve_function: SolveFunction | None = None) -> None:
        super().__init__(SHUTDOWN_WAIT_MS, parent_widget)
        self._document = document
        self._parent_widget = parent_widget
        self._solve_function = solve_function
        self._currency = "USD"
        self._cancelled = False
        self.panel = SolveProgressPanel()
        self.panel.cancel_requested.connect(self.cancel)
        self._place_panel(parent_widget)
        self._timer = QTimer(self)
        self._timer.setInterval(ELAPSED_TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.solve_action = QAction("Solve", self)
        self.solve_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.solve_action.setToolTip("Find the least-cost plan for the scenario (F5)")
        self.solve_action.triggered.connect(self.start)
        self.cancel_action = QAction("Cancel solve", self)
        self.cancel_action.setToolTip("Stop the solve; the best plan found so far is kept")
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self.cancel)
        self._errors_message = ""  # "… errors; nothing was solved" while it is shown
        if hasattr(document, "issues_changed"):
            document.issues_changed.connect(self._on_document_issues_changed)

    def _place_panel(self, parent_widget: QWidget | None) -> None:
        if isinstance(parent_widget, QMainWindow):
            parent_widget.statusBar().addPermanentWidget(self.panel)
        else:  # a small floating window beside the parent
            self.panel.setParent(parent_widget, Qt.WindowType.Tool)
            self.panel.setWindowTitle("Solving")
        self.panel.hide()

    @Slot()
    def start(self) -> bool:
        """Start a solve; False (and nothing done) while one is already running."""
        if self.is_running:
            return False
        scenario = self._document.scenario.copy()  # the worker never sees live data
        self._currency = str(scenario.settings.currency or "USD")
        self._cancelled = False
        worker = SolveWorker(scenario, self._solve_function)
        worker.progress.connect(self._on_worker_progress)
        self.panel.reset()
        self.panel.show()
        self._timer.start()
        self.solve_action.setEnabled(False)
        self.cancel_action.setEnabled(True)
        self._launch(worker, "solve")
        self.started.emit()
        return True

    @Slot()
    def cancel(self) -> None:
        """Ask the running solve to stop; the best plan found so far is kept."""
        if not self.is_running:
            return
        self._cancelled = True
        super().cancel()
        self.panel.set_stopping()
        self.cancel_action.setEnabled(False)

    def _end(self) -> None:
        self._timer.stop()
        self.panel.hide()
        self.solve_action.setEnabled(True)
        self.cancel_action.setEnabled(False)

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.panel.set_elapsed(self.elapsed)

    @Slot(str, object)
    def _on_worker_progress(self, phase: str, info: dict[str, Any]) -> None:
        if self._from_current():
            self.panel.show_progress(phase, info, self._currency)

    def _finish(self, plan: Plan) -> None:
        seconds = self.last_elapsed
        self._end()
        if plan.status.has_plan:
            self._document.set_plan(plan)
            self._say(_outcome_words(plan, seconds, self._currency))
            self.finished.emit(plan)
            return
        if self._cancelled:
            headline = "Solve cancelled before any plan was found; the previous plan is kept."
            self._say(headline)
            self.failed.emit(headline, plan.message)
            return
        headline, details = _no_plan_words(plan)
        self._say(headline)
        if plan.status is Status.INVALID:
            self._errors_message = headline
        show_error(self._parent_widget, headline, details)
        self.failed.emit(headline, details)

    def _fail(self, headline: str, details: str) -> None:
        self._end()
        self._say(headline)
        show_error(self._parent_widget, headline, details)
        self.failed.emit(headline, details)

    def _say(self, text: str) -> None:
        self._errors_message = ""
        if isinstance(self._parent_widget, QMainWindow):
            self._parent_widget.statusBar().showMessage(text, 15_000)

    def _on_document_issues_changed(self) -> None:
        """The errors a solve refused are undone or fixed: their message goes."""
        if not self._errors_message or self._document.error_count:
            return
        if isinstance(self._parent_widget, QMainWindow):
            bar = self._parent_widget.statusBar()
            if bar.currentMessage() == self._errors_message:
                bar.clearMessage()
        self._errors_message = ""


def _outcome_words(plan: Plan, seconds: float, currency: str) -> str:
    npv = format_money(plan.objective, currency)
    if plan.status is Status.OPTIMAL:
        return f"Solved in {seconds:.1f} s: least-cost plan, net present cost {npv}."
    if plan.status is Status.FEASIBLE:
        gap = f" (within {format_share(plan.gap, 2)} of the optimum)" if plan.gap else ""
        return f"Stopped after {seconds:.1f} s with the best plan found{gap}: {npv}."
    return f"Solved in {seconds:.1f} s: the caps cannot be met; see the diagnosis."


def _no_plan_words(plan: Plan) -> tuple[str, str]:
    """Headline and details of a solve that returned no plan."""
    if plan.status is Status.INVALID:
        errors = [issue for issue in plan.issues if issue.is_error]
        count = len(errors)
        headline = plan.message or (
            f"The scenario has {count} error{'s' if count != 1 else ''}; nothing was "
            "solved. Fix them (see Issues) and solve again.")
        return headline, "\n".join(str(issue) for issue in plan.issues)
    details = [str(issue) for issue in plan.issues]
    if plan.details:  # the solver worker's traceback
        details.append(plan.details)
    return plan.message or "The solver found no plan.", "\n".join(details)
