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
from planner.gui.cases_delegate import CasesDelegate, case_name_choices
from planner.gui.commands import SetSetting
from planner.gui.input_tabs import TableEditor
from planner.gui.results_parts import stale_banner
from planner.gui.robust_charts import FrequencyMap, NpvDistribution, fine_money
from planner.gui.robust_worker import RobustRunner
from planner.gui.table_model import COLUMN_ROLE
from planner.gui.worker_thread import format_elapsed
from planner.reports import format_number, format_share, vessel_names
from planner.robust.result import RobustResult
from planner.robust.settings import robust_settings
from planner.robust.words import planner_words

__all__ = ["RobustView", "SampleFutures", "planner_words"]

ELAPSED_TICK_MS = 250
BASE = "Base"
STALE_TEXT = ("Out of date: the inputs (Cases, Futures, Uncertainty or the robust settings "
              "included) have changed since this robust run. Run the robust plan again for "
              "results of these inputs.")
FREQUENCY_LEGEND = ("Shade: how much of the probability lies with futures whose own plan "
                    "(each solved alone, with hindsight) takes a retrofit there. "
                    "■ signed now (committed) · ● the robust plan takes it later in some "
                    "futures. Bold years are signed now.")
# The Futures table: each future's figures, money columns in the currency.
FUTURE_COLUMNS = ("future", "probability", "status", "npv", "alone_objective", "hedging_cost",
                  "base_commit_objective", "base_plan_objective", "note")
# How each robust setting is shown in its box, and back: fractions as percentages, and
# cvar_alpha as the share of worst futures the CVaR averages (90% -> "the worst 10 %").
TO_BOX = {"commit_until_year": lambda v: v, "risk_weight": lambda v: 100.0 * v,
          "cvar_alpha": lambda v: 100.0 * (1.0 - v)}
FROM_BOX = {"commit_until_year": lambda v: v, "risk_weight": lambda v: v / 100.0,
            "cvar_alpha": lambda v: 1.0 - v / 100.0}
PHASE_WORDS = {"alone": "solving Base and each future alone", "robust": "solving the robust plan",
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


class FuturesDelegate(CasesDelegate):
    """The Futures table's case cell: a dropdown of Base and the Cases sheet's cases."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:  # noqa: N802
        column = index.data(COLUMN_ROLE)
        if getattr(column, "key", None) == "case":
            names = case_name_choices(self.parent_document.scenario)
            return self._combo(parent, [BASE] + [n for n in names if n.strip().lower() != "base"],
                               commit_on_pick=True)
        return super().createEditor(parent, option, index)

    @property
    def parent_document(self) -> Any:
        return self._cases_document


class RobustView(QWidget):
    """The Robust tab."""

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.runner = RobustRunner(self)
        self.result: RobustResult | None = None
        self._build_inputs()
        form = self._build_settings()
        buttons = self._build_buttons()
        self._build_results()
        self._lay_out(form, buttons)
        self._connect()

    def _build_inputs(self) -> None:
        """The Futures and Uncertainty editors, as tabs."""
        document = self.document
        self.futures_editor = TableEditor(document, schema.FUTURES, self)
        self.uncertainty_editor = TableEditor(document, schema.UNCERTAINTY, self)
        # As in the Cases table: parameters and items read in words, with dropdowns.
        self.uncertainty_editor.view.setItemDelegate(
            CasesDelegate(document, self.uncertainty_editor.view))
        self.futures_editor.view.setItemDelegate(
            FuturesDelegate(document, self.futures_editor.view))
        inputs = QTabWidget(self)
        inputs.addTab(self.futures_editor, "Futures")
        inputs.addTab(self.uncertainty_editor, "Uncertainty")
        self.inputs = inputs

    def _build_settings(self) -> QHBoxLayout:
        """The commit year, risk weight and CVaR level, in a planner's terms."""
        self.commit_year = QSpinBox(self)
        self.commit_year.setSpecialValueText("nothing now")  # start_year - 1: all adapt
        # The fractions are shown as percentages, as everywhere in the app.
        self.risk_weight = QDoubleSpinBox(self)
        self.risk_weight.setRange(0.0, 100.0)
        self.risk_weight.setSingleStep(10.0)
        self.cvar_alpha = QDoubleSpinBox(self)
        self.cvar_alpha.setRange(1.0, 99.0)
        self.cvar_alpha.setSingleStep(5.0)
        for box in (self.risk_weight, self.cvar_alpha):
            box.setDecimals(1)
        self.risk_weight.setSuffix(" %")
        self.cvar_alpha.setSuffix(" % of futures")
        self.setting_boxes = {"commit_until_year": self.commit_year,
                              "risk_weight": self.risk_weight, "cvar_alpha": self.cvar_alpha}
        for name, box in self.setting_boxes.items():
            box.setToolTip(schema.setting(name).tooltip())
            box.editingFinished.connect(
                lambda n=name, b=box: self._set_setting(n, FROM_BOX[n](b.value())))
        form = QHBoxLayout()
        for label, box in (("Sign retrofits now up to", self.commit_year),
                           ("Weight on the worst futures (0 % = expected cost only)",
                            self.risk_weight),
                           ("CVaR: the cost of the worst", self.cvar_alpha)):
            form.addWidget(QLabel(label, self))
            form.addWidget(box)
        form.addStretch(1)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """Sample futures, Run, Stop and the progress bar."""
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
        return buttons

    def _build_results(self) -> None:
        """The words, the out-of-date strip and the result tabs."""
        self.words = QLabel("", self)
        self.words.setWordWrap(True)
        self.words.setObjectName("robustWords")
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale_banner = stale_banner(STALE_TEXT, "robustStaleBanner", self)
        self.stale_banner.hide()
        self.committed = QTableWidget(0, 4, self)
        self.committed.setHorizontalHeaderLabels(["Year", "Vessel", "Name", "Technology"])
        self.committed.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.futures_table = QTableWidget(0, len(FUTURE_COLUMNS), self)
        self.futures_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.distribution = NpvDistribution(self)
        self.frequencies = FrequencyMap(self)
        heat_map = QWidget(self)
        heat_layout = QVBoxLayout(heat_map)
        heat_layout.setContentsMargins(0, 4, 0, 0)
        legend = QLabel(FREQUENCY_LEGEND, heat_map)
        legend.setWordWrap(True)
        heat_layout.addWidget(legend)
        heat_layout.addWidget(self.frequencies)
        results = QTabWidget(self)
        results.addTab(self.committed, "Sign now")
        results.addTab(self.distribution, "NPV of the futures")
        results.addTab(self.futures_table, "Each future")
        results.addTab(heat_map, "How often each retrofit is chosen")
        self.results = results

    def _lay_out(self, form: QHBoxLayout, buttons: QHBoxLayout) -> None:
        """Inputs above the results, the words beside the charts, all in a scroll area."""
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.inputs)
        top_layout.addLayout(form)
        top_layout.addLayout(buttons)
        for table in (self.committed, self.frequencies):
            table.setMinimumHeight(60)
        self.committed.horizontalHeader().setStretchLastSection(True)
        # Four rows of the Futures table stay in sight above the results.
        self.inputs.setMinimumHeight(200)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.stale_banner)
        # The words beside the charts, so that the charts keep the height they need.
        self.words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.words.setMinimumWidth(260)
        self.words.setContentsMargins(8, 4, 4, 4)
        side = QSplitter(Qt.Orientation.Horizontal, bottom)
        words_area = QScrollArea(side)  # never clipped, however narrow the window
        words_area.setWidgetResizable(True)
        words_area.setFrameShape(QScrollArea.Shape.NoFrame)
        words_area.setWidget(self.words)
        side.addWidget(self.results)
        side.addWidget(words_area)
        side.setStretchFactor(0, 2)
        side.setStretchFactor(1, 1)
        side.setChildrenCollapsible(False)
        bottom_layout.addWidget(side)
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

    def _connect(self) -> None:
        """The runner's and the document's signals; the first fill."""
        self._tick = QTimer(self)
        self._tick.setInterval(ELAPSED_TICK_MS)
        self._tick.timeout.connect(self._show_elapsed)
        self._phase = ""
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.document.scenario_changed.connect(self.refresh_settings)
        self.document.scenario_changed.connect(self._update_banner)
        self.document.table_reset.connect(lambda _sheet: self.refresh_settings())
        self.document.robust_changed.connect(self.refresh_result)
        self.document.issues_changed.connect(self._mark_setting_issues)
        self.refresh_settings()
        self._mark_setting_issues()
        self.refresh_result()

    # --- settings -------------------------------------------------------------------
    @Slot()
    def refresh_settings(self) -> None:
        scenario = self.document.scenario
        settings = scenario.settings
        chosen = robust_settings(scenario)
        for name, box in self.setting_boxes.items():
            box.blockSignals(True)
            if box is self.commit_year:
                box.setRange(settings.start_year - 1, max(settings.end_year,
                                                          settings.start_year))
            box.setValue(TO_BOX[name](getattr(chosen, name)))
            box.blockSignals(False)

    def reveal(self, editor: QWidget) -> None:
        """Show the Futures or the Uncertainty table (an issue there was chosen)."""
        self.inputs.setCurrentWidget(editor)

    @Slot()
    def _mark_setting_issues(self) -> None:
        """A robust setting with a problem in the workbook: its box red, the reason in its
        tooltip (a box cannot hold the bad value itself, e.g. a risk weight of 2)."""
        scenario = self.document.scenario
        for name, box in self.setting_boxes.items():
            row = scenario.setting_row(name)
            found = [issue for issue in self.document.issues
                     if issue.sheet == schema.SETTINGS_SHEET.name
                     and ((row is not None and issue.row == row)
                          or schema.normalize(issue.cell) == name)]
            tooltip = schema.setting(name).tooltip()
            if not found:
                box.setStyleSheet("")
                box.setToolTip(tooltip)
                continue
            error = any(issue.is_error for issue in found)
            colour = "#b00020" if error else "#b26a00"
            box.setStyleSheet(f"border: 2px solid {colour};")
            box.setToolTip("\n".join(f"{issue.location}: {issue.message}" for issue in found)
                           + "\n\n" + tooltip)

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
            words += f": {details.get('done', 0)} of {details['total']} done"
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
        if not isinstance(result, RobustResult):
            return
        if result.has_plan:
            self.progress.setFormat("done")
            self.document.set_robust_result(result)  # shown through robust_changed
            return
        kept = " (the results shown are the previous run's)" if self.result else ""
        if result.cancelled:
            self.progress.setFormat("stopped" + kept)
            return
        self.progress.setFormat("no robust plan" + kept)
        dialogs.show_error(self, f"No robust plan: {result.message}",
                           "\n".join(str(issue) for issue in result.issues))

    @Slot(str, str)
    def _on_failed(self, headline: str, details: str) -> None:
        self._end_run()
        self.progress.setFormat("failed")
        dialogs.show_error(self, headline, details)

    @Slot()
    def refresh_result(self) -> None:
        """Show the document's robust run (a run of this session or read from the file)."""
        self.show_result(getattr(self.document, "robust_result", None))

    def _update_banner(self) -> None:
        self.stale_banner.setVisible(bool(getattr(self.document, "robust_stale", False)))

    def vessel_names(self) -> dict[str, str]:
        return vessel_names(self.document.scenario)

    def show_result(self, result: RobustResult | None) -> None:
        """What to sign now, the NPV distribution, the futures, the words, the heat map."""
        self.result = result
        self._update_banner()
        names = self.vessel_names()
        self.words.setText("" if result is None else planner_words(result).replace("\n", "\n\n"))
        committed = result.committed_retrofits if result is not None else []
        self.committed.setRowCount(len(committed))
        for row, (vessel, technology, year) in enumerate(sorted(committed,
                                                                key=lambda r: (r[2], r[0]))):
            for column, value in enumerate((str(year), vessel, names.get(vessel, ""),
                                            technology)):
                self.committed.setItem(row, column, QTableWidgetItem(value))
        self.committed.resizeColumnsToContents()
        self._fill_futures(result)
        self.distribution.show_result(result)
        settings = self.document.scenario.settings
        self.frequencies.show_result(result, names, (settings.start_year, settings.end_year))

    def _fill_futures(self, result: RobustResult | None) -> None:
        table = self.futures_table
        currency = result.currency if result is not None else "USD"
        sheet = schema.ROBUST_FUTURES
        columns = [sheet.column(name) for name in FUTURE_COLUMNS]
        table.setHorizontalHeaderLabels([c.heading(currency, "%" if c.unit == "fraction" else None)
                                         for c in columns])
        for index, column in enumerate(columns):
            header = table.horizontalHeaderItem(index)
            if header is not None:
                header.setToolTip(column.screen_tooltip(currency, sheet.name))
        frame = result.futures_table() if result is not None else None
        records = [] if frame is None else frame.to_dict("records")
        table.setRowCount(len(records))
        for row, record in enumerate(records):
            for index, column in enumerate(columns):
                item = QTableWidgetItem(_cell_text(record.get(column.name), column, currency))
                if column.is_numeric:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, index, item)
        table.resizeColumnsToContents()

    def shutdown(self) -> None:
        self.runner.shutdown()


def _cell_text(value: object, column: schema.Column, currency: str) -> str:
    """A Robust Futures cell as the app shows it: money compact, shares as %."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if column.money:
        return fine_money(float(value), currency)  # type: ignore[arg-type]
    if column.unit == "fraction":
        return format_share(float(value))  # type: ignore[arg-type]
    if column.is_numeric:
        return format_number(float(value))  # type: ignore[arg-type]
    return str(value)
