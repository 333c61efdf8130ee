"""RobustView: the robust-planning tab beside Cases. The Futures and Uncertainty sheets
edited as tables (undo like every table), "Sample futures…", the commit year and risk
settings, the run off the GUI thread with progress and Stop, then at a glance: what to
sign now, the NPV of each future with its expected value and CVaR, what hedging costs and
what knowing the future would be worth, and how often each retrofit is chosen."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.gui import dialogs
from planner.gui.commands import SetSetting
from planner.gui.input_tabs import TableEditor
from planner.gui.robust_charts import FrequencyMap, NpvDistribution
from planner.gui.robust_worker import RobustRunner
from planner.gui.worker_thread import format_elapsed
from planner.reports import format_money
from planner.robust.result import RobustResult
from planner.robust.settings import robust_settings

ELAPSED_TICK_MS = 250
PHASE_WORDS = {"alone": "solving each future alone", "robust": "solving the robust plan",
               "decomposition": "progressive hedging"}


class SampleFutures(QUndoCommand):
    """Replace the Cases and Futures sheets by a sampling's (undo puts them back)."""

    def __init__(self, document: Any, sampled: Any, n: int) -> None:
        super().__init__(f"Sample {n} futures")
        self._document = document
        self._new = {name: sampled.tables[name].copy()
                     for name in (schema.CASES.name, schema.FUTURES.name)}
        self._old: dict[str, pd.DataFrame] = {}

    def redo(self) -> None:
        for name, table in self._new.items():
            self._old[name] = self._document.replace_table(name, table.copy())
            self._document.scenario.present_sheets.add(name)

    def undo(self) -> None:
        for name, table in self._old.items():
            self._document.replace_table(name, table)


def planner_words(result: RobustResult) -> str:
    """The run's outcome as a planner reads it."""
    money = result.currency
    if not result.futures:
        return result.message
    lines = [result.message]
    if result.evpi is not None:
        lines.append(f"Hedging costs {format_money(result.evpi, money)} on average against "
                     "planning each future with hindsight: knowing the future would be worth "
                     f"{format_money(result.evpi, money)} (EVPI).")
    if result.vss is not None:
        if result.vss >= 0:
            lines.append(f"Committing Base's retrofits of these years instead, and adapting "
                         f"later, would cost {format_money(result.vss, money)} more on average "
                         "(VSS).")
        else:
            lines.append(f"Base's retrofits would cost {format_money(-result.vss, money)} less "
                         "on average, but the robust plan cuts the worst futures' cost "
                         "(risk weight above 0).")
    return "\n".join(lines)


class RobustView(QWidget):
    """The Robust tab."""

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.runner = RobustRunner(self)
        self.result: RobustResult | None = None
        self.futures_editor = TableEditor(document, schema.FUTURES, self)
        self.uncertainty_editor = TableEditor(document, schema.UNCERTAINTY, self)
        inputs = QTabWidget(self)
        inputs.addTab(self.futures_editor, "Futures")
        inputs.addTab(self.uncertainty_editor, "Uncertainty")
        self.inputs = inputs

        self.commit_year = QSpinBox(self)
        self.risk_weight = QDoubleSpinBox(self)
        self.risk_weight.setRange(0.0, 1.0)
        self.risk_weight.setSingleStep(0.1)
        self.cvar_alpha = QDoubleSpinBox(self)
        self.cvar_alpha.setRange(0.01, 0.99)
        self.cvar_alpha.setSingleStep(0.05)
        for box, name in ((self.commit_year, "commit_until_year"),
                          (self.risk_weight, "risk_weight"), (self.cvar_alpha, "cvar_alpha")):
            box.setToolTip(schema.setting(name).tooltip())
            box.editingFinished.connect(lambda n=name, b=box: self._set_setting(n, b.value()))
        form = QHBoxLayout()
        for label, box in (("Commit until", self.commit_year),
                           ("Risk weight (0 = expected NPV, 1 = CVaR)", self.risk_weight),
                           ("CVaR level", self.cvar_alpha)):
            form.addWidget(QLabel(label, self))
            form.addWidget(box)
        form.addStretch(1)

        self.sample_button = QPushButton("Sample futures…", self)
        self.sample_button.setToolTip("Draw futures from the Uncertainty sheet into the "
                                      "Cases and Futures sheets (undo puts them back)")
        self.sample_button.clicked.connect(self.sample_futures)
        self.run_button = QPushButton("Run robust plan", self)
        self.run_button.clicked.connect(self.run)
        self.stop_button = QPushButton("Stop", self)
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.runner.cancel)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        buttons = QHBoxLayout()
        for widget in (self.sample_button, self.run_button, self.stop_button, self.progress):
            buttons.addWidget(widget)

        self.words = QLabel("", self)
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.committed = QTableWidget(0, 3, self)
        self.committed.setHorizontalHeaderLabels(["Year", "Vessel", "Technology"])
        self.committed.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.distribution = NpvDistribution(self)
        self.frequencies = FrequencyMap(self)
        results = QTabWidget(self)
        results.addTab(self.committed, "Sign now")
        results.addTab(self.distribution, "NPV of the futures")
        results.addTab(self.frequencies, "How often each retrofit is chosen")
        self.results = results

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(inputs)
        top_layout.addLayout(form)
        top_layout.addLayout(buttons)
        for table in (self.committed, self.frequencies):
            table.setMinimumHeight(60)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.words)
        bottom_layout.addWidget(results)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        # In a scroll area, so that the tab never makes the window taller than the others do.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._tick = QTimer(self)
        self._tick.setInterval(ELAPSED_TICK_MS)
        self._tick.timeout.connect(self._show_elapsed)
        self._phase = ""
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        document.scenario_changed.connect(self.refresh_settings)
        document.table_reset.connect(lambda _sheet: self.refresh_settings())
        self.refresh_settings()

    # --- settings -------------------------------------------------------------------
    @Slot()
    def refresh_settings(self) -> None:
        scenario = self.document.scenario
        settings = scenario.settings
        chosen = robust_settings(scenario)
        for box, value in ((self.commit_year, chosen.commit_until_year),
                           (self.risk_weight, chosen.risk_weight),
                           (self.cvar_alpha, chosen.cvar_alpha)):
            box.blockSignals(True)
            if box is self.commit_year:
                box.setRange(settings.start_year - 1, max(settings.end_year,
                                                          settings.start_year))
            box.setValue(value)
            box.blockSignals(False)

    def _set_setting(self, name: str, value: float) -> None:
        current = getattr(robust_settings(self.document.scenario), name)
        if abs(float(current) - float(value)) < 1e-12:
            return
        stored: object = int(value) if name == "commit_until_year" else round(float(value), 6)
        self.document.undo_stack.push(SetSetting(self.document, name, stored))

    # --- sampling -------------------------------------------------------------------
    @Slot()
    def sample_futures(self) -> None:
        n, ok = QInputDialog.getInt(self, "Sample futures", "How many futures?", 20, 1, 1000)
        if not ok:
            return
        seed, ok = QInputDialog.getInt(self, "Sample futures", "Seed (the same seed gives "
                                       "the same futures):", 1, 0, 2**31 - 1)
        if ok:
            self.sample(n, seed)

    def sample(self, n: int, seed: int) -> bool:
        """Sample n futures into the document (one undo step); False with a message."""
        from planner.errors import WorkbookError
        from planner.robust.sampler import sample_futures

        try:
            sampled = sample_futures(self.document.scenario, n, seed)
        except WorkbookError as error:
            dialogs.show_error(self, f"No futures sampled: {error.headline}.",
                               "\n".join(str(i) for i in error.issues))
            return False
        self.document.undo_stack.push(SampleFutures(self.document, sampled, n))
        self.inputs.setCurrentWidget(self.futures_editor)
        return True

    # --- the run --------------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        if not self.runner.start(self.document.scenario):
            return
        self._phase = "starting"
        self.run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self._tick.start()
        self._show_elapsed()

    @Slot(str, object)
    def _on_progress(self, phase: str, info: object) -> None:
        details = info if isinstance(info, dict) else {}
        words = PHASE_WORDS.get(phase, phase)
        if phase == "alone" and details.get("total"):
            self.progress.setRange(0, int(details["total"]))
            self.progress.setValue(int(details.get("done", 0)))
            words += f" ({details.get('done', 0)} of {details['total']})"
        elif phase == "decomposition" and details.get("message"):
            self.progress.setRange(0, 0)
            words += f": {details['message']}"
        else:
            self.progress.setRange(0, 0)
        self._phase = words
        self._show_elapsed()

    def _show_elapsed(self) -> None:
        self.progress.setFormat(f"{self._phase} · {format_elapsed(self.runner.elapsed)}")

    def _end_run(self) -> None:
        self._tick.stop()
        self.run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._end_run()
        self.progress.setFormat("stopped" if getattr(result, "cancelled", False) else "done")
        if isinstance(result, RobustResult):
            self.show_result(result)

    @Slot(str, str)
    def _on_failed(self, headline: str, details: str) -> None:
        self._end_run()
        self.progress.setFormat("failed")
        dialogs.show_error(self, headline, details)

    def show_result(self, result: RobustResult) -> None:
        """What to sign now, the NPV distribution, the words, the heat map."""
        self.result = result
        self.words.setText(planner_words(result))
        self.committed.setRowCount(len(result.committed_retrofits))
        for row, (vessel, technology, year) in enumerate(result.committed_retrofits):
            for column, value in enumerate((str(year), vessel, technology)):
                self.committed.setItem(row, column, QTableWidgetItem(value))
        self.committed.resizeColumnsToContents()
        self.distribution.show_result(result)
        self.frequencies.show_result(result)

    def shutdown(self) -> None:
        self.runner.shutdown()
