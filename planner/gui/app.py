"""Start the desktop app: QApplication, the crash handler, the main window on a workbook or
the bundled sample."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from planner.errors import PlannerError
from planner.gui import dialogs
from planner.gui.main_window import MainWindow
from planner.gui.recovery import recovery_path, save_recovery_copy
from planner.paths import resource
from planner.scenario import new_scenario

ORGANIZATION = "Fleet Transition Planner"
APPLICATION = "Planner"
SAMPLE_NAME = "Sample fleet"


class CrashHandler:
    """sys.excepthook: an unexpected error shows a crash dialog that offers a recovery
    copy; the scenario stays open and the app carries on."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._handling = False

    def __call__(self, kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, trace))
        sys.stderr.write(details)
        if issubclass(kind, KeyboardInterrupt) or self._handling:
            return
        self._handling = True  # an error inside the dialog must not open another
        try:
            self.report(error, details)
        finally:
            self._handling = False

    def report(self, error: BaseException, details: str) -> None:
        document = self.window.document
        headline = f"An unexpected error occurred: {error}" if str(error) else \
            f"An unexpected error occurred ({type(error).__name__})."
        target = recovery_path(document.path).parent
        if not dialogs.show_crash(self.window, headline, details, str(target)):
            return
        try:
            saved = save_recovery_copy(document)
        except Exception as failure:  # the copy is the last resort: say why it failed
            dialogs.show_error(self.window, f"The recovery copy could not be saved: {failure}",
                               traceback.format_exc())
            return
        dialogs.show_info(self.window, f"Recovery copy saved to {saved}",
                          "The open scenario is unchanged; save it as usual when you "
                          "are done.")


def install_crash_handler(window: MainWindow) -> CrashHandler:
    handler = CrashHandler(window)
    sys.excepthook = handler
    return handler


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created once), named so that QSettings find the app's settings."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv if argv is not None else sys.argv))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Fleet Transition Planner")
    # Lets Wayland docks match the window to the menu entry (packaging/*.desktop).
    app.setDesktopFileName("fleet-transition-planner")
    icon = resource("icons/planner.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_sample(window: MainWindow) -> None:
    """Show the bundled sample (read-only source: Save asks where to write)."""
    from planner.sample import load_sample

    try:
        scenario = load_sample()
    except (PlannerError, OSError) as error:
        dialogs.show_error(window, "The bundled sample could not be read; starting with an "
                           "empty scenario.", str(error))
        window.document.load(new_scenario())
        return
    scenario.source_path = None
    window.document.load(scenario, untitled_name=SAMPLE_NAME)


def run(path: str | None = None) -> int:
    """Open the main window on ``path`` (a workbook) or on the bundled sample; returns the
    exit status when the window closes."""
    app = application()
    window = MainWindow()
    install_crash_handler(window)
    window.show()
    if path:
        if not Path(path).exists():
            dialogs.show_error(window, f"{path} does not exist; showing the sample instead.")
            open_sample(window)
        else:
            window.files.open(str(Path(path).resolve()))
    else:
        open_sample(window)
    return app.exec()


def main(argv: Sequence[str] | None = None) -> int:
    """``planner-gui [WORKBOOK]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    workbook = next((arg for arg in args if not arg.startswith("-")), None)
    return run(workbook)


if __name__ == "__main__":
    sys.exit(main())
