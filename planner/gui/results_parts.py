"""Widgets both results panels (the plan's and the what-if cases') are built from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QTableView, QTabWidget, QWidget

from planner.gui.chart_export import export_png

ExportTarget = tuple[QWidget, str]
# Rows of a table under charts that stay in view however the splitter is dragged.
TABLE_ROWS_UNDER_CHARTS = 6


def escape_html(text: str) -> str:
    """Text safe inside a rich-text label or browser."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def stale_banner(text: str, object_name: str, parent: QWidget) -> QLabel:
    """The yellow 'out of date' strip above results."""
    banner = QLabel(text, parent)
    banner.setObjectName(object_name)
    banner.setWordWrap(True)
    banner.setStyleSheet(
        f"#{object_name} {{ background: #FFF4CE; color: #5C4400; border: 1px solid #E5C34B;"
        " border-radius: 4px; padding: 6px 10px; font-weight: bold; }")
    return banner


def empty_state_label(text: str, parent: QWidget) -> QLabel:
    """The grey centred words shown instead of results that do not exist yet."""
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: #5F5F5F; font-size: 14px;")
    return label


def chart_page() -> QSplitter:
    """A tab page that holds one chart, or several side by side."""
    page = QSplitter(Qt.Orientation.Horizontal)
    page.setChildrenCollapsible(False)
    return page


def charts_over_table(charts: QSplitter, table: QTableView) -> QSplitter:
    """A tab page with a chart page above a table; an empty chart page takes no room, and
    a few rows of the table stay readable under the charts."""
    page = QSplitter(Qt.Orientation.Vertical)
    page.setChildrenCollapsible(False)
    page.addWidget(charts)
    page.addWidget(table)
    rows = TABLE_ROWS_UNDER_CHARTS + 1  # and the header
    table.setMinimumHeight(rows * table.verticalHeader().defaultSectionSize())
    page.setStretchFactor(0, 3)
    page.setStretchFactor(1, 2)
    return page


def clear_page(page: QSplitter) -> None:
    """Remove and delete the charts of a page."""
    for index in reversed(range(page.count())):
        widget = page.widget(index)
        widget.hide()
        widget.setParent(None)
        widget.deleteLater()


def page_export_target(page: QWidget | None, several_stem: str) -> ExportTarget | None:
    """What a PNG export of a chart page saves: its one chart (with the chart's own file
    name stem), all of its charts (``several_stem``), or nothing when it is empty."""
    if not isinstance(page, QSplitter) or page.count() == 0:
        return None
    if page.count() == 1:
        view = page.widget(0)
        return view, view.stem  # type: ignore[attr-defined]
    return page, several_stem


class ChartTabs(QTabWidget):
    """Tabs with a 'Save chart as PNG…' button in the corner, enabled when
    ``exportable()`` (the owner's: widget and file name stem, or None) has something."""

    def __init__(self, exportable: Callable[[], ExportTarget | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exportable = exportable
        self.save_png_button = QPushButton("Save chart as PNG…", self)
        self.save_png_button.setToolTip("Save the chart of this tab as a PNG image")
        self.save_png_button.clicked.connect(self.save_png)
        self.setCornerWidget(self.save_png_button, Qt.Corner.TopRightCorner)
        self.currentChanged.connect(self.update_save_button)

    def current_name(self) -> str:
        return self.tabText(self.currentIndex())

    def update_save_button(self) -> None:
        self.save_png_button.setEnabled(self._exportable() is not None)

    def save_png(self) -> None:
        target = self._exportable()
        if target is not None:
            export_png(*target)
