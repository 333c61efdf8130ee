"""The main window: menus, toolbar, the tabs of the scenario, the issues panel; wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)

from planner import schema
from planner.errors import Issue
from planner.gui import dialogs
from planner.gui.cases_view import CasesView
from planner.gui.dialogs import SaveChoice
from planner.gui.document import Document
from planner.gui.file_controller import FileController
from planner.gui.help_pages import HelpPage
from planner.gui.input_tabs import InputPage, TableEditor, table_pages
from planner.gui.issues_panel import IssuesPanel
from planner.gui.recent_files import RecentFiles
from planner.gui.report_export import ReportExporter
from planner.gui.results_view import STATUS_LABELS, ResultsView
from planner.gui.settings_form import SettingsForm
from planner.gui.solve_panel import SolveController
from planner.gui.table_view import ScenarioTableView

APP_TITLE = "Fleet Transition Planner"
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"


class MainWindow(QMainWindow):
    """One window per document."""

    def __init__(self, document: Document | None = None, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document if document is not None else Document(parent=self)
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.files = FileController(self.document, self, self.recent)
        self.solver = SolveController(self.document, self)
        self.report = ReportExporter(self.document, self)
        self.files.replace_blocker = self._replace_blocker
        self.files.solve_first = self._solve_then
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.pages: dict[str, InputPage] = {}
        self._add_tabs()

        self.issues_panel = IssuesPanel(self.document, self)
        self.issues_panel.issue_activated.connect(self.show_issue)
        self.issues_dock = QDockWidget("Issues", self)
        self.issues_dock.setObjectName("issues_dock")
        self.issues_dock.setWidget(self.issues_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.issues_dock)

        self.issue_label = QLabel(self)
        self.plan_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.plan_label)
        self.statusBar().addPermanentWidget(self.issue_label)

        self.actions_by_name: dict[str, QAction] = {}
        self.help_pages: dict[str, HelpPage] = {}
        self._make_actions()
        self._make_menus()
        self._make_toolbar()

        self.document.path_changed.connect(self._update_title)
        self.document.dirty_changed.connect(self._update_title)
        self.document.issues_changed.connect(self._update_issue_label)
        self.document.plan_changed.connect(self._update_plan_label)
        self.document.scenario_changed.connect(self._update_plan_label)
        self.solver.finished.connect(lambda _plan: self.tabs.setCurrentWidget(self.results_view))
        self.files.busy_changed.connect(self._on_files_busy_changed)
        self.files.message.connect(self._show_message)
        self.report.message.connect(self._show_message)
        self.files.opened.connect(lambda _path: self._fill_recent_menu())
        self.files.saved.connect(lambda _path: self._fill_recent_menu())
        self._update_title()
        self._update_issue_label()
        self._update_plan_label()
        self._restore_layout()

    # --- tabs (every tab is added here, in order) -------------------------------------
    def _add_tabs(self) -> None:
        self.settings_form = SettingsForm(self.document, self)
        self.tabs.addTab(self.settings_form, "Settings")
        for page in table_pages(self.document, self):
            self.pages[page.editor.sheet.name if page.editor else page.title] = page
            self.tabs.addTab(page.widget, page.title)
            if page.editor is not None:
                page.editor.view.message.connect(self._show_message)
        self.results_view = ResultsView(self.document, self)
        self.tabs.addTab(self.results_view, "Results")
        self.cases_view = CasesView(self.document, self)
        self.pages[schema.CASES.name] = InputPage("Cases", self.cases_view, self.cases_view.editor)
        self.tabs.addTab(self.cases_view, "Cases")
        self.cases_view.editor.view.message.connect(self._show_message)
        from planner.gui.robust_view import RobustView

        self.robust_view = RobustView(self.document, self)
        self.tabs.addTab(self.robust_view, "Robust")
        for editor in (self.robust_view.futures_editor, self.robust_view.uncertainty_editor):
            self.pages[editor.sheet.name] = InputPage(editor.sheet.name, self.robust_view, editor)
            editor.view.message.connect(self._show_message)

    def editor_for(self, sheet: str) -> TableEditor | None:
        page = self.pages.get(sheet)
        return page.editor if page else None

    def current_table_view(self) -> ScenarioTableView | None:
        """The table the Edit menu acts on: the focused one, else the current tab's."""
        widget = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, ScenarioTableView):
                return widget
            widget = widget.parentWidget()
        current = self.tabs.currentWidget()
        for page in self.pages.values():
            if page.widget is current and page.editor is not None:
                return page.editor.view
        return None

    # --- actions --------------------------------------------------------------------
    def _action(self, name: str, text: str, slot: Any, shortcut: Any = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(key) for key in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.actions_by_name[name] = action
        return action

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self._action("new", "&New", self.files.new, key.New, "Start an empty scenario")
        self._action("open", "&Open…", lambda: self.files.open(), key.Open,
                     "Open a scenario workbook")
        self._action("save", "&Save", lambda: self.files.save(), key.Save,
                     "Save the scenario and its plan")
        self._action("save_as", "Save &As…", lambda: self.files.save_as(), key.SaveAs,
                     "Save the scenario and its plan to another workbook")
        self._action("quit", "&Quit", self.close, key.Quit)
        undo = self.document.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence(key.Undo)])
        redo = self.document.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(key.Redo)])
        self.actions_by_name.update(undo=undo, redo=redo)
        # The toolbar's buttons keep a short label; the menu items name the step.
        stack = self.document.undo_stack
        for name, text, slot, can_signal, can in (
                ("undo_button", "Undo", stack.undo, stack.canUndoChanged, stack.canUndo),
                ("redo_button", "Redo", stack.redo, stack.canRedoChanged, stack.canRedo)):
            button = self._action(name, text, slot)
            button.setEnabled(can())
            can_signal.connect(button.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: self.actions_by_name["undo_button"].setToolTip(f"Undo {text}"))
        stack.redoTextChanged.connect(
            lambda text: self.actions_by_name["redo_button"].setToolTip(f"Redo {text}"))
        self._action("cut", "Cu&t", lambda: self._edit("cut"), key.Cut)
        self._action("copy", "&Copy", lambda: self._edit("copy"), key.Copy)
        self._action("paste", "&Paste", lambda: self._edit("paste"), key.Paste)
        self._action("clear", "C&lear cells", lambda: self._edit("clear"), None,
                     "Empty the selected cells (Del)")
        self._action("fill_down", "Fill &down", lambda: self._edit("fill_down"), "Ctrl+D",
                     "Copy the top cell of the selection down")
        self._action("add_row", "&Add row", lambda: self._edit("add_row"), "Ctrl+Shift+=",
                     "Add a blank row below the selection")
        self._action("duplicate_rows", "D&uplicate rows",
                     lambda: self._edit("duplicate_rows"), None, "Copy the selected rows")
        self._action("delete_rows", "D&elete rows", lambda: self._edit("delete_rows"),
                     "Ctrl+-", "Delete the selected rows")
        self.actions_by_name["solve"] = self.solver.solve_action
        self.actions_by_name["cancel_solve"] = self.solver.cancel_action
        self.actions_by_name["export_report"] = self.report.action
        self._action("about", "&About", self._show_about)
        self._action("guide", "&User guide", lambda: self.show_help("guide"), "F1",
                     "How to edit, solve, compare and save a scenario")
        self._action("shortcuts", "&Keyboard shortcuts", lambda: self.show_help("shortcuts"))
        cases = self.cases_view
        for name, text, slot, tip in (
                ("run_cases", "Run all &cases", lambda: cases.run_cases(None),
                 "Solve Base and every case of the Cases tab"),
                ("sensitivity", "&Sensitivity (tornado)…", cases.run_sensitivity,
                 "Vary each input down and up; rank them by their effect on the cost"),
                ("sweep", "S&weep…", cases.run_sweep,
                 "Solve one input at a list of values")):
            self._action(name, text, lambda _c=False, run=slot: self._run_study(run), None, tip)

    def _make_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for name in ("new", "open"):
            file_menu.addAction(self.actions_by_name[name])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._fill_recent_menu()
        for name in ("save", "save_as", None, "export_report", None, "quit"):
            if name is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(self.actions_by_name[name])
        edit_menu = menus.addMenu("&Edit")
        for name in ("undo", "redo", None, "cut", "copy", "paste", "clear", "fill_down", None,
                     "add_row", "duplicate_rows", "delete_rows"):
            if name is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(self.actions_by_name[name])
        plan_menu = menus.addMenu("&Plan")
        plan_menu.addAction(self.actions_by_name["solve"])
        plan_menu.addAction(self.actions_by_name["cancel_solve"])
        plan_menu.addSeparator()
        for name in ("run_cases", "sensitivity", "sweep"):
            plan_menu.addAction(self.actions_by_name[name])
        view_menu = menus.addMenu("&View")
        view_menu.addAction(self.issues_dock.toggleViewAction())
        help_menu = menus.addMenu("&Help")
        for name in ("guide", "shortcuts", "about"):
            help_menu.addAction(self.actions_by_name[name])

    def _make_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("main_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("new", "open", "save", None, "undo_button", "redo_button", None,
                     "solve", "cancel_solve"):
            if name is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions_by_name[name])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.files.open(p))
        self.recent_menu.setEnabled(bool(paths))

    def _edit(self, operation: str) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and operation in ("cut", "copy", "paste"):
            getattr(focus, operation)()
            return
        view = self.current_table_view()
        if view is None:
            return
        handlers = {
            "cut": view.cut_selection, "copy": view.copy_selection, "paste": view.paste,
            "clear": view.clear_selection, "fill_down": view.fill_down,
            "add_row": view.add_row, "duplicate_rows": view.duplicate_selected_rows,
            "delete_rows": view.delete_selected_rows,
        }
        handlers[operation]()

    # --- issues ---------------------------------------------------------------------
    def show_issue(self, issue: Issue) -> None:
        """Go to the tab and cell an issue names."""
        if issue.sheet == schema.SETTINGS_SHEET.name:
            self.tabs.setCurrentWidget(self.settings_form)
            self.settings_form.focus_issue(issue)
            return
        page = self.pages.get(issue.sheet)
        if page is None:
            self._show_message(str(issue))
            return
        self.tabs.setCurrentWidget(page.widget)
        editor = page.editor
        reveal = getattr(page.widget, "reveal", None)
        if editor is not None and callable(reveal):
            reveal(editor)  # a tab holding several tables (Robust: Futures, Uncertainty)
        if editor is None or issue.row is None or issue.row >= editor.model.rowCount():
            return
        column = editor.model.column_index(issue.column) if issue.column is not None else 0
        editor.view.select_source_cell(issue.row, max(column, 0))
        editor.view.setFocus()

    # --- status ---------------------------------------------------------------------
    def _update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.is_dirty)

    def _update_issue_label(self) -> None:
        errors = self.document.error_count
        warnings = len(self.document.issues) - errors
        self.issue_label.setText(f"{errors} error{'s' if errors != 1 else ''}, "
                                 f"{warnings} warning{'s' if warnings != 1 else ''}")
        self.issue_label.setStyleSheet("color: #b00020;" if errors else "")

    def _update_plan_label(self) -> None:
        plan = self.document.plan
        if plan is None:
            self.plan_label.setText("No plan yet (F5 to solve)")
        elif self.document.plan_stale:
            self.plan_label.setText(f"{STATUS_LABELS[plan.status]} — out of date, F5 to "
                                    "solve again")
        else:
            self.plan_label.setText(STATUS_LABELS[plan.status])

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _on_files_busy_changed(self, busy: bool) -> None:
        self.tabs.setEnabled(not busy)
        for name in ("new", "open", "save", "save_as"):
            self.actions_by_name[name].setEnabled(not busy)
        # No undo while a file is written: the saved state must stay the clean one.
        stack = self.document.undo_stack
        for name, can in (("undo", stack.canUndo), ("undo_button", stack.canUndo),
                          ("redo", stack.canRedo), ("redo_button", stack.canRedo)):
            self.actions_by_name[name].setEnabled(not busy and can())
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _run_study(self, run: Any) -> None:
        """A Plan menu study: shown in the Cases tab, where its progress and results are."""
        self.tabs.setCurrentWidget(self.cases_view)
        run()

    def show_help(self, page: str) -> HelpPage:
        window = self.help_pages.get(page)
        if window is None:
            window = self.help_pages[page] = HelpPage(page, self)
        window.show()
        window.raise_()
        return window

    def _show_about(self) -> None:
        from planner.version import __version__

        dialogs.show_info(self, f"{APP_TITLE} {__version__}",
                          "Least-cost retrofit schedules and fuel mixes that meet a "
                          "fleet's emission caps.")

    # --- window events --------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_workbook(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = dropped_workbook(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.files.open(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.files.busy:
            event.ignore()
            self._show_message("Wait until the file is written")
            return
        if self.document.is_dirty:
            choice = dialogs.ask_save_changes(self, self.document.display_name)
            if choice is SaveChoice.CANCEL:
                event.ignore()
                return
            if choice is SaveChoice.SAVE:
                event.ignore()
                # Close again once the save is through; a failed save keeps the window.
                self.files.save(then=self._close_clean)
                return
        self._save_layout()
        self.solver.shutdown()
        self.cases_view.shutdown()
        self.robust_view.shutdown()
        self.report.shutdown()
        event.accept()

    def _solve_then(self, after: Any) -> None:
        """Solve, then call ``after`` once the plan is in; nothing after a failed solve."""
        def done(_plan: object) -> None:
            disconnect()
            after()

        def failed(*_args: object) -> None:
            disconnect()

        def disconnect() -> None:
            self.solver.finished.disconnect(done)
            self.solver.failed.disconnect(failed)

        self.solver.finished.connect(done)
        self.solver.failed.connect(failed)
        if not self.solver.start():
            disconnect()

    def _replace_blocker(self) -> str:
        if self.solver.is_running:
            return ("A solve is running. Cancel it, or wait for its plan, before opening "
                    "another scenario.")
        if self.cases_view.runner.is_running:
            return ("What-if cases are running. Cancel them, or wait for their results, "
                    "before opening another scenario.")
        return ""

    def _close_clean(self) -> None:
        if not self.document.is_dirty:
            self.close()

    def _save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.sync()

    def _restore_layout(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        state = self.settings.value(STATE_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:  # first start: a low issues panel, most of the height for the tables
            QTimer.singleShot(0, lambda: self.resizeDocks(
                [self.issues_dock], [150], Qt.Orientation.Vertical))


def dropped_workbook(mime: Any) -> str | None:
    """The first local .xlsx file of a drag, or None."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".xlsx"):
            return url.toLocalFile()
    return None
