"""Every modal dialog of the app, each behind a module-level function tests can patch."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

WORKBOOK_FILTER = "Excel workbooks (*.xlsx);;All files (*)"


class SaveChoice(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class StalePlanChoice(StrEnum):
    KEEP = "keep"  # save it, marked as out of date in the workbook
    DROP = "drop"  # save the inputs without a plan
    SOLVE = "solve"  # solve first, then save
    CANCEL = "cancel"


def ask_stale_plan(parent: QWidget | None, name: str) -> StalePlanChoice:
    """Saving a plan that belongs to other inputs: keep it marked, drop it, or solve first."""
    box = QMessageBox(QMessageBox.Icon.Question, "The plan is out of date",
                      f"The plan in {name} was solved before the last changes to the inputs.",
                      parent=parent)
    box.setInformativeText("Keep it (the Plan Summary sheet then says it is out of date), "
                           "save without it, or solve first and save the new plan?")
    keep = box.addButton("Keep, marked out of date", QMessageBox.ButtonRole.AcceptRole)
    drop = box.addButton("Save without the plan", QMessageBox.ButtonRole.DestructiveRole)
    solve = box.addButton("Solve first", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(solve)
    box.exec()
    clicked = box.clickedButton()
    return {keep: StalePlanChoice.KEEP, drop: StalePlanChoice.DROP,
            solve: StalePlanChoice.SOLVE}.get(clicked, StalePlanChoice.CANCEL)


def open_workbook_path(parent: QWidget | None, directory: str = "") -> str | None:
    """The workbook the planner picks to open, or None."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open scenario workbook", directory,
                                          WORKBOOK_FILTER)
    return path or None


def save_workbook_path(parent: QWidget | None, suggested: str = "") -> str | None:
    """Where to save the workbook (with .xlsx added when missing), or None."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save scenario workbook", suggested,
                                          WORKBOOK_FILTER)
    if not path:
        return None
    return path if path.lower().endswith(".xlsx") else path + ".xlsx"


PDF_FILTER = "PDF documents (*.pdf);;All files (*)"


def report_pdf_path(parent: QWidget | None, suggested: str = "") -> str | None:
    """Where to write the plan report (with .pdf added when missing), or None."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export plan report", suggested, PDF_FILTER)
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else path + ".pdf"


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Save, discard or cancel before the document is closed or replaced."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                      f"Save the changes to {name}?", parent=parent)
    box.setInformativeText("Your changes are lost if you don't save them.")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def confirm_foreign_sheets(parent: QWidget | None, path: str, sheets: list[str]) -> bool:
    """Warn before overwriting a workbook whose other sheets keep only their values."""
    names = ", ".join(sheets)
    box = QMessageBox(QMessageBox.Icon.Question, "Other sheets in the workbook",
                      f"{Path(path).name} has sheets the planner does not use: {names}.",
                      parent=parent)
    box.setInformativeText("Their values are saved, but their formatting (colours, "
                           "column widths, charts) may be lost. Save anyway?")
    box.setStandardButtons(QMessageBox.StandardButton.Save
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box.exec() == QMessageBox.StandardButton.Save


def show_error(parent: QWidget | None, headline: str, details: str = "") -> None:
    """A short headline; the details (the full list, a traceback) on request."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Fleet Transition Planner", headline,
                      parent=parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_info(parent: QWidget | None, headline: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "Fleet Transition Planner", headline,
                      parent=parent)
    if details:
        box.setInformativeText(details)
    box.exec()


def show_crash(parent: QWidget | None, headline: str, details: str,
               recovery_target: str) -> bool:
    """An unexpected error; True when the planner wants a recovery copy saved."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong", headline,
                      parent=parent)
    box.setInformativeText(
        "Your scenario is still open. You can save a recovery copy to "
        f"{recovery_target} and carry on; please report the details below.")
    box.setDetailedText(details)
    save = box.addButton("Save recovery copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Continue", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    return box.clickedButton() is save


def ask_year(parent: QWidget | None, title: str, suggestion: int,
             taken: list[int]) -> int | None:
    """A year for a new column of a series sheet, or None."""
    note = f"Years given now: {', '.join(map(str, taken))}" if taken else "No years yet"
    year, ok = QInputDialog.getInt(parent, title, f"Year:\n({note})", suggestion, 1900, 2300)
    return year if ok else None


__all__ = [
    "SaveChoice", "ask_save_changes", "ask_year", "confirm_foreign_sheets",
    "open_workbook_path", "save_workbook_path", "show_crash", "show_error", "show_info",
]
