"""The results of a what-if run: comparison table, charts by case, schedule against Base,
tornado and sweep, from a run of this session or from the workbook's Cases sheets."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner import schema
from planner.cases.parameters import case_words, find_parameter, parameter_words
from planner.cases.sheet import BASE, is_base
from planner.convert import finite_number
from planner.gui import cases_charts, sweep_chart
from planner.gui.results_parts import (
    ChartTabs,
    chart_page,
    clear_page,
    empty_state_label,
    escape_html,
    page_export_target,
    stale_banner,
)
from planner.gui.results_tables import ReadOnlyFrameModel, make_table_view
from planner.gui.schedule_diff import ScheduleDiffGrid
from planner.gui.study_shelf import STUDY_TITLES, ReadBackSensitivity, ReadBackSweep
from planner.plan import FAILED, MEETS_CAPS, Status
from planner.reports import format_number
from planner.schema import Column, normalize
from planner.whatif.results import has_literal_npv
from planner.whatif.studies import SensitivityRun, SweepRun

STALE_TEXT = ("Out of date: the inputs (the Cases sheet included) have changed since these "
              "cases were run. Run them again to update.")
EMPTY_TEXT = ("No what-if results yet. Write cases in the table above, then Run all cases "
              "to compare them with Base.")
RUNNING_TEXT = "Solving… the comparison and the charts appear here when every run has finished."
TAB_NPV, TAB_EMISSIONS, TAB_SCHEDULE, TAB_TORNADO, TAB_SWEEP = (
    "NPV by case", "Emissions by case", "Schedule vs Base", "Tornado", "Sweep")
RESULTS = schema.CASES_RESULTS
MILLIONS = "M {currency}"

# The comparison table: (column, header); money in millions of the currency.
# The most telling columns first: the table often shows only its left part.
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("case", "Case"), ("status", "Status"), ("objective", "NPV"),
    ("objective_literal", "NPV, literal\nFuelEU penalty"),
    ("difference_to_base", "vs Base"), ("regret", "Regret"),
    ("emissions_tco2e", "Emissions"), ("shortfall_total", "Shortfall"),
    ("abatement_cost", "Abatement\ncost"), ("retrofits", "Retrofits"),
    ("bau_objective", "BAU NPV"), ("base_plan_objective", "Base plan\nhere"), ("gap", "Gap"),
    ("solve_seconds", "Solve\ntime"), ("note", "Note"),
)
BAD, GOOD, WARN = QColor("#B3261E"), QColor("#1E7B34"), QColor("#8A5A00")
READING_NOTE = ("<b>vs Base</b>: the case's NPV minus Base's. <b>Regret</b>: what Base's "
                "plan (its retrofits held, fuels re-optimised) costs in the case, minus the "
                "case's own plan: how much keeping today's plan would cost if the case came "
                "true. Blank when Base's plan cannot be held there; the note says why.")


class CasesSummaryModel(ReadOnlyFrameModel):
    """The Cases Results table as a planner compares cases: money in millions, the
    differences to Base coloured, statuses other than optimal flagged."""

    def __init__(self, parent: QWidget | None = None) -> None:
        columns = [RESULTS.column(name) for name, _ in SUMMARY_COLUMNS]
        super().__init__(columns, parent=parent)
        self.headers = dict(SUMMARY_COLUMNS)
        self._bold = QFont()
        self._bold.setBold(True)

    def _in_millions(self, column: Column) -> bool:
        return column.unit == "{currency}"

    def row_value(self, row: int, name: str) -> Any:
        return self.frame.iloc[row][name]

    def case_at(self, row: int) -> str:
        return str(self.row_value(row, "case"))

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._values[index.column()][index.row()]
        if role == Qt.ItemDataRole.DisplayRole and self._in_millions(column):
            number = finite_number(value)
            if number is None:
                return ""
            signed = column.name in ("difference_to_base",) and number > 0.05e6
            return ("+" if signed else "") + format_number(number / 1e6, 1)
        if role == Qt.ItemDataRole.DisplayRole and column.name == "case":
            return case_words(value)
        if role == Qt.ItemDataRole.DisplayRole and column.name == "solve_seconds":
            number = finite_number(value)
            return "" if number is None else f"{number:,.1f}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(index.row(), column.name, value)
        if role == Qt.ItemDataRole.FontRole and normalize(self.case_at(index.row())) == \
                normalize(BASE):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            note = str(self.row_value(index.row(), "note") or "")
            if column.name in ("case", "status", "note", "regret", "base_plan_objective") \
                    and note:
                return f"{self.case_at(index.row())}: {note}"
        return super().data(index, role)

    def _foreground(self, row: int, name: str, value: object) -> QBrush | None:
        if name == "status":
            status = normalize(value)
            if status in FAILED:
                return QBrush(BAD)
            return QBrush(WARN) if status == Status.FEASIBLE else None
        number = finite_number(value)
        if name == "difference_to_base" and number is not None and abs(number) >= 0.05e6:
            return QBrush(BAD if number > 0 else GOOD)
        if name == "regret" and number is not None and number >= 0.05e6:
            return QBrush(BAD)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return super().headerData(section, orientation, role)
        column = self.columns[section]
        unit = MILLIONS.format(currency=self.currency) if self._in_millions(column) \
            else column.unit_label(self.currency)
        if column.name == "gap":
            unit = ""
        if role == Qt.ItemDataRole.DisplayRole:
            title = self.headers[column.name]
            return f"{title}\n({unit})" if unit and unit != "year" else title
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{self.headers[column.name]} — {column.name} in the Cases Results sheet\n"
                    f"{column.description}" + (f"\nUnit: {unit}" if unit else ""))
        return None


class CasesResultsPanel(QWidget):
    """The comparison table over the charts; shows the document's what-if results."""

    case_selected = Signal(str)

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.chart_views: dict[str, QWidget] = {}
        self._build()
        document.cases_changed.connect(self.refresh)
        document.scenario_changed.connect(self._update_banner)
        self.refresh()

    # --- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        self.stale_banner = stale_banner(STALE_TEXT, "casesStaleBanner", self)
        self.headline_label = QLabel(self)
        self.headline_label.setWordWrap(True)
        self.headline_label.setStyleSheet("font-weight: bold;")
        self.study_choice = QComboBox(self)  # the session's studies: cases, tornado, sweep
        self.study_choice.setToolTip("Each study keeps its own results: show another one")
        self.study_choice.activated.connect(self._on_study_choice_activated)
        self.empty_label = empty_state_label(EMPTY_TEXT, self)
        self.empty_label.setWordWrap(True)
        self.summary_model = CasesSummaryModel(self)
        self.summary_view: QTableView = make_table_view(self.summary_model, self)
        self.summary_view.horizontalHeader().setStretchLastSection(True)
        self.summary_view.selectionModel().currentRowChanged.connect(
            self._on_summary_current_row_changed)

        self.tabs = ChartTabs(self.exportable_widget, self)
        self.save_png_button = self.tabs.save_png_button
        self.pages: dict[str, QWidget] = {}
        for name in (TAB_NPV, TAB_EMISSIONS):
            page = chart_page()
            self.pages[name] = page
            self.tabs.addTab(page, name)
        self.tabs.addTab(self._schedule_page(), TAB_SCHEDULE)
        for name in (TAB_TORNADO, TAB_SWEEP):
            page = chart_page()
            self.pages[name] = page
            self.tabs.addTab(page, name)

        self.notes_box = QTextBrowser(self)
        self.notes_box.setObjectName("casesNotes")
        self.notes_box.setOpenLinks(False)
        self.notes_box.setStyleSheet("#casesNotes { background: #FAFAFA; border: 1px solid "
                                     "#D8D8D8; }")
        table_side = QSplitter(Qt.Orientation.Vertical)
        table_side.setChildrenCollapsible(False)
        table_side.addWidget(self.summary_view)
        table_side.addWidget(self.notes_box)
        table_side.setStretchFactor(0, 3)
        table_side.setStretchFactor(1, 2)
        # Side by side: both get the full height left under the Cases table.
        self.content = QSplitter(Qt.Orientation.Horizontal, self)
        self.content.setChildrenCollapsible(False)
        self.content.addWidget(table_side)
        self.content.addWidget(self.tabs)
        self.content.setStretchFactor(0, 4)
        self.content.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stale_banner)
        heading = QHBoxLayout()
        heading.addWidget(self.headline_label, 1)
        heading.addWidget(self.study_choice)
        layout.addLayout(heading)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.content, 1)

    def set_running(self, running: bool) -> None:
        """While a run goes, the empty state says results are on their way."""
        self.empty_label.setText(RUNNING_TEXT if running else EMPTY_TEXT)

    def fit_split(self) -> None:
        """The comparison table wide enough for its first columns, the charts the rest."""
        width = max(self.content.width(), 800)
        table = min(600, int(width * 0.45))
        self.content.setSizes([table, width - table])

    def _schedule_page(self) -> QWidget:
        page = QWidget()
        self.schedule_case = QComboBox(page)
        self.schedule_case.setToolTip("The case whose retrofit schedule is compared with Base")
        self.schedule_case.setMinimumContentsLength(24)
        self.schedule_case.currentTextChanged.connect(self._show_schedule)
        self.only_changes = QCheckBox("Only vessels with a change", page)
        self.only_changes.toggled.connect(lambda on: self.schedule_grid.set_only_changes(on))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Case:", page))
        bar.addWidget(self.schedule_case)
        bar.addWidget(self.only_changes)
        bar.addStretch(1)
        self.schedule_grid = ScheduleDiffGrid()
        scroll = QScrollArea(page)
        scroll.setWidget(self.schedule_grid)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: white; }")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        return page

    # --- state ----------------------------------------------------------------------
    @property
    def currency(self) -> str:
        return str(self.document.scenario.settings.currency or "USD")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The shown results: the latest run's tables, or those read from the workbook."""
        shown = getattr(self.document, "shown_tables", None)
        if shown is not None:
            return shown()
        found = self.document.cases_result
        return dict(found) if isinstance(found, dict) else {}

    @property
    def run(self) -> Any:
        return self.document.cases_run

    def _on_study_choice_activated(self, index: int) -> None:
        self.document.show_study(self.study_choice.itemData(index))

    def _fill_study_choice(self) -> None:
        shelf = getattr(self.document, "shelf", None)
        kinds = shelf.kinds if shelf is not None else []
        self.study_choice.blockSignals(True)
        self.study_choice.clear()
        for kind in kinds:
            self.study_choice.addItem(STUDY_TITLES[kind], kind)
        if shelf is not None and shelf.shown in kinds:
            self.study_choice.setCurrentIndex(kinds.index(shelf.shown))
        self.study_choice.blockSignals(False)
        self.study_choice.setVisible(len(kinds) > 1)

    def refresh(self) -> None:
        self._fill_study_choice()
        tables = self.tables()
        results = tables.get(RESULTS.name)
        shown = results is not None and not results.empty
        self.empty_label.setVisible(not shown)
        self.content.setVisible(shown)
        self._update_banner()
        currency = self.currency
        if not shown:
            self.headline_label.hide()
            self.summary_model.set_frame(None, currency)
            self._clear_charts()
            self.schedule_case.clear()
            self.schedule_grid.set_schedules("", None, None, None)
            return
        self.headline_label.show()
        self.headline_label.setText(self._headline(results))
        self.summary_model.set_frame(results, currency)
        self.summary_view.resizeColumnsToContents()
        literal = [c.name for c in self.summary_model.columns].index("objective_literal")
        self.summary_view.setColumnHidden(literal, not has_literal_npv(results))
        for column in range(self.summary_model.columnCount()):
            width = self.summary_view.columnWidth(column)
            self.summary_view.setColumnWidth(column, min(max(width, 64), 260))
        self._show_charts(tables)
        self.notes_box.setHtml(notes_html(results))
        names = [str(name) for name in results["case"]]
        current = self.schedule_case.currentText()
        self.schedule_case.blockSignals(True)
        self.schedule_case.clear()
        self.schedule_case.addItems([n for n in names if not is_base(n)])
        found = self.schedule_case.findText(current)
        self.schedule_case.setCurrentIndex(found if found >= 0 else 0)
        self.schedule_case.blockSignals(False)
        self._show_schedule(self.schedule_case.currentText())
        self.tabs.update_save_button()

    def _headline(self, results: pd.DataFrame) -> str:
        run = self.run
        count = len(results)
        words = f"{count} run{'s' if count != 1 else ''} (Base and {count - 1} "
        words += f"case{'s' if count != 2 else ''})"
        if isinstance(run, SensitivityRun | ReadBackSensitivity):
            words = f"Sensitivity (tornado, ±{run.swing * 100:g}%): {words}"
        elif isinstance(run, SweepRun | ReadBackSweep):
            words = f"Sweep of {parameter_words(run.parameter, run.item)}: {words}"
        if run is None or not hasattr(run, "seconds"):  # read back from the workbook
            return f"Read from the workbook: {words}"
        where = (f"on this computer, {run.jobs} at a time" if run.backend == "local"
                 else f"on {run.backend}")
        text = f"{words}, solved in {run.seconds:,.1f} s {where}"
        if run.cancelled:
            done = sum(1 for r in run.results if r.has_result)
            text += f". Stopped: {done} of {len(run.results)} finished"
        return text

    def _update_banner(self) -> None:
        stale = getattr(self.document, "shown_study_stale", self.document.cases_stale)
        self.stale_banner.setVisible(bool(stale))

    def _clear_charts(self) -> None:
        for page in self.pages.values():
            clear_page(page)
        self.chart_views = {}
        for name in (TAB_TORNADO, TAB_SWEEP):
            self.tabs.setTabEnabled(self.tabs.indexOf(self.pages[name]), False)

    def _show_charts(self, tables: dict[str, pd.DataFrame]) -> None:
        self._clear_charts()
        currency = self.currency
        results = tables[RESULTS.name]
        order = [str(name) for name in results["case"]]
        built: dict[str, QWidget] = {"npv": cases_charts.npv_chart(results, currency)}
        annual = tables.get(schema.CASES_ANNUAL.name)
        if annual is not None and not annual.empty:
            built["emissions"] = cases_charts.emissions_chart(annual, order)
        self.pages[TAB_NPV].addWidget(built["npv"])
        if "emissions" in built:
            self.pages[TAB_EMISSIONS].addWidget(built["emissions"])
        run = self.run
        base = self._base_row(results)
        if isinstance(run, SensitivityRun | ReadBackSensitivity) and base is not None:
            table = run.tornado
            for metric, key, value in (("objective", "tornado_npv", base["objective"]),
                                       ("emissions", "tornado_emissions",
                                        base["emissions_tco2e"])):
                view = cases_charts.tornado_chart(table, finite_number(value), metric, run.swing,
                                                  currency)
                built[key] = view
                self.pages[TAB_TORNADO].addWidget(view)
            self.tabs.setTabEnabled(self.tabs.indexOf(self.pages[TAB_TORNADO]), True)
        if isinstance(run, SweepRun | ReadBackSweep):
            retrofits = tables.get(schema.CASES_RETROFITS.name, pd.DataFrame(
                columns=schema.CASES_RETROFITS.column_names))
            view = sweep_chart.sweep_chart(run.by_value, retrofits, sweep_title(run),
                                            sweep_unit(run, currency), currency)
            built["sweep"] = view
            self.pages[TAB_SWEEP].addWidget(view)
            self.tabs.setTabEnabled(self.tabs.indexOf(self.pages[TAB_SWEEP]), True)
        self.chart_views = built

    @staticmethod
    def _base_row(results: pd.DataFrame) -> pd.Series | None:
        for _, row in results.iterrows():
            if is_base(row["case"]):
                return row
        return None

    @Slot(str)
    def _show_schedule(self, case: str) -> None:
        tables = self.tables()
        retrofits = tables.get(schema.CASES_RETROFITS.name)
        results = tables.get(RESULTS.name)
        scenario = self.document.scenario
        if not case or retrofits is None or results is None:
            self.schedule_grid.set_schedules(case, None, None, scenario,
                                             "No case to compare with Base." if results
                                             is not None else "")
            return
        statuses = {normalize(c): normalize(s) for c, s in zip(results["case"],
                                                               results["status"], strict=True)}
        message = ""
        for name, who in ((BASE, "Base"), (case, "This case")):
            if statuses.get(normalize(name)) not in MEETS_CAPS:
                status = statuses.get(normalize(name)) or "not run"
                message = (f"{who} has no plan that meets its caps (status {status}): "
                           "there is no schedule to compare.")
                break
        keys = retrofits["case"].map(normalize)
        self.schedule_grid.set_schedules(case, retrofits[keys == normalize(BASE)],
                                         retrofits[keys == normalize(case)], scenario, message)

    def select_case(self, case: str) -> None:
        """Show a case: its row in the table, its schedule against Base."""
        for row in range(self.summary_model.rowCount()):
            if normalize(self.summary_model.case_at(row)) == normalize(case):
                proxy = self.summary_view.model()
                source = self.summary_model.index(row, 0)
                index = proxy.mapFromSource(source)  # type: ignore[attr-defined]
                self.summary_view.selectRow(index.row())
                break
        found = self.schedule_case.findText(case, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            self.schedule_case.setCurrentIndex(found)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.tabs.widget(
            [self.tabs.tabText(i) for i in range(self.tabs.count())].index(name)))

    def exportable_widget(self) -> tuple[QWidget, str] | None:
        """The current tab's chart (or charts) and a file name stem."""
        name = self.tabs.tabText(self.tabs.currentIndex())
        if name == TAB_SCHEDULE:
            return (self.schedule_grid, self.schedule_grid.stem) if self.content.isVisible() \
                else None
        return page_export_target(self.pages.get(name), "tornado")

    # --- slots ----------------------------------------------------------------------
    def _on_summary_current_row_changed(self, current: QModelIndex, _previous: object) -> None:
        if not current.isValid():
            return
        proxy = self.summary_view.model()
        row = proxy.mapToSource(current).row()  # type: ignore[attr-defined]
        case = self.summary_model.case_at(row)
        if not is_base(case):
            found = self.schedule_case.findText(case, Qt.MatchFlag.MatchFixedString)
            if found >= 0:
                self.schedule_case.setCurrentIndex(found)
        self.case_selected.emit(case)


def notes_html(results: pd.DataFrame) -> str:
    """How to read the table, then each case's note (why a figure is blank, ...)."""
    items = []
    for case, status, note in zip(results["case"], results["status"], results["note"],
                                  strict=True):
        text = "" if note is None or (isinstance(note, float) and note != note) else str(note)
        if text.strip():
            items.append(f"<li><b>{escape_html(case_words(case))}</b> "
                         f"({escape_html(str(status))}): "
                         f"{escape_html(text.strip())}</li>")
    notes = f"<ul style='margin-left: 10px'>{''.join(items)}</ul>" if items else \
        "<p>No case has a note.</p>"
    return f"<p style='color: #444'>{READING_NOTE}</p>{notes}"


def sweep_title(run: SweepRun) -> str:
    return parameter_words(run.parameter, run.item)


def sweep_unit(run: SweepRun, currency: str) -> str:
    """The unit of the swept value: a factor for scale, the parameter's unit otherwise."""
    if normalize(run.change) == "scale":
        return "factor"
    parameter = find_parameter(run.parameter)
    unit = parameter.rule.unit_label(currency) if parameter is not None else ""
    return f"{'added, ' if normalize(run.change) == 'add' else ''}{unit}".strip(", ")
