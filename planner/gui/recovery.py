"""A recovery copy of the open scenario after an unexpected error: beside the file, or in
the user's documents when there is no file or its folder cannot be written."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths

if TYPE_CHECKING:
    from planner.gui.document import Document


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def recovery_path(document_path: str | None, when: datetime | None = None) -> Path:
    """Where a recovery copy goes: ``fleet-recovery-20261124-0930.xlsx``."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    if document_path:
        source = Path(document_path)
        name = f"{source.stem}-recovery-{stamp}.xlsx"
        if os.access(source.parent, os.W_OK):
            return source.with_name(name)
        return documents_folder() / name
    return documents_folder() / f"scenario-recovery-{stamp}.xlsx"


def save_recovery_copy(document: Document) -> Path:
    """Write the scenario and its plan as they are now; the document stays as it is
    (still modified, same path). Falls back to the documents folder."""
    from planner.workbook.writer import save_scenario

    target = recovery_path(document.path)
    try:
        save_scenario(document.scenario.copy(), str(target), plan=document.plan)
    except Exception:
        fallback = documents_folder() / target.name
        if fallback == target:
            raise
        fallback.parent.mkdir(parents=True, exist_ok=True)
        save_scenario(document.scenario.copy(), str(fallback), plan=document.plan)
        return fallback
    return target
