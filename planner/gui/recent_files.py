"""The recently opened workbooks, kept in the app's QSettings."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

RECENT_KEY = "recent_files"
MAX_RECENT = 8


class RecentFiles:
    """Most recent first, no duplicates, at most MAX_RECENT."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[str]:
        value = self._settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings gives a lone entry back as a string
            value = [value]
        return [str(path) for path in (value or []) if path]

    def add(self, path: str) -> None:
        path = os.path.abspath(path)
        paths = [path] + [p for p in self.paths() if os.path.abspath(p) != path]
        self._store(paths[:MAX_RECENT])

    def remove(self, path: str) -> None:
        self._store([p for p in self.paths() if p != path])

    def _store(self, paths: list[str]) -> None:
        self._settings.setValue(RECENT_KEY, paths)
        self._settings.sync()
