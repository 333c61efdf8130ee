"""The list of every problem in the scenario; double-click one to go to its cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import Issue
from planner.gui.document import Document

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1


class IssuesPanel(QWidget):
    """Errors and warnings with their location, errors first."""

    issue_activated = Signal(object)  # the Issue double-clicked (or Enter)

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["", "Where", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        document.issues_changed.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 160)

    def refresh(self) -> None:
        issues = sorted(self.document.issues, key=lambda i: (not i.is_error,))
        errors = sum(1 for issue in issues if issue.is_error)
        warnings = len(issues) - errors
        if not issues:
            self.summary.setText("No problems found: the scenario is ready to solve.")
        else:
            self.summary.setText(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
                                 " — double-click one to go to its cell."
                                 + (" Errors must be fixed before solving." if errors else ""))
        style = self.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.tree.clear()
        items = []
        for issue in issues:
            item = QTreeWidgetItem(["", issue.location or "(file)", issue.message])
            item.setIcon(0, error_icon if issue.is_error else warning_icon)
            item.setToolTip(0, "Error" if issue.is_error else "Warning")
            item.setToolTip(2, issue.message)
            item.setData(0, ISSUE_ROLE, issue)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def issue_at(self, row: int) -> Issue:
        return self.tree.topLevelItem(row).data(0, ISSUE_ROLE)

    def activate_row(self, row: int) -> None:
        """As a double-click on that row."""
        self._on_tree_item_activated(self.tree.topLevelItem(row), 0)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.issue_activated.emit(item.data(0, ISSUE_ROLE))


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"
