"""VesselYearGrid: the painted vessels-by-years grid both schedule views are built on."""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolTip, QWidget

from planner.gui.chart_export import add_export_actions, save_widget_png

MIN_CELL_WIDTH = 34
MARGIN = 12
LEGEND_SWATCH = 14
GRID_COLOR = QColor("#C8C8C8")
TEXT_COLOR = QColor("#222222")


def initials(technology: str) -> str:
    """'Methanol dual-fuel conversion' -> 'MDC': a short label that fits a cell."""
    words = technology.replace("-", " ").replace("/", " ").split()
    return "".join(word[0].upper() for word in words[:3]) or "?"


def stripe_rects(rect: QRect, count: int) -> list[QRect]:
    """``rect`` cut into ``count`` horizontal stripes of (nearly) equal height."""
    height = rect.height() / max(count, 1)
    stripes = []
    for position in range(count):
        top = rect.y() + round(position * height)
        bottom = rect.y() + round((position + 1) * height)
        stripes.append(QRect(rect.x(), top, rect.width(), bottom - top))
    return stripes


class VesselYearGrid(QWidget):
    """Rows are vessels, columns years, a title above and a wrapped legend below;
    hover a cell for its tooltip, right-click to export it.

    A subclass sets ``_row_tops`` (row offsets; the last is the grid's height),
    ``years`` and ``title``, and provides ``_row_labels``, ``_header_top``,
    ``_legend_entries``, ``_paint_swatch`` and ``cell_tooltip``.
    """

    MAX_CELL_WIDTH = 72
    MIN_WIDTH = 480  # of the size hint
    title = ""

    def __init__(self, stem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.stem = stem
        self.years: list[int] = []
        self._row_tops: list[int] = [0]
        self._font = QFont(self.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._title_font = QFont(self._bold)
        self._title_font.setPointSizeF(self._font.pointSizeF() + 1.5)

    # --- what a subclass says -------------------------------------------------------
    def _row_labels(self) -> list[str]:
        raise NotImplementedError

    def _header_top(self) -> int:
        """Where the year header starts."""
        raise NotImplementedError

    def _legend_entries(self) -> list[tuple[str, Any]]:
        """(text, key) pairs; the key tells ``_paint_swatch`` what to draw."""
        raise NotImplementedError

    def _legend_has_swatch(self, key: Any) -> bool:
        return True

    def _paint_swatch(self, painter: QPainter, rect: QRect, key: Any) -> None:
        raise NotImplementedError

    def cell_tooltip(self, row: int, column: int) -> str:
        raise NotImplementedError

    # --- geometry -------------------------------------------------------------------
    def _line_height(self) -> int:
        return QFontMetrics(self._font).height()

    def _header_height(self) -> int:
        return self._line_height() + 8

    def _label_width(self) -> int:
        metrics = QFontMetrics(self._font)
        widest = max((metrics.horizontalAdvance(text) for text in self._row_labels()),
                     default=60)
        return widest + 2 * MARGIN

    def _min_cell_width(self) -> int:
        """The year label, or three bold initials, with a little room on each side."""
        bold = QFontMetrics(self._bold).horizontalAdvance("MMD")
        return max(MIN_CELL_WIDTH, QFontMetrics(self._font).horizontalAdvance("2030") + 6,
                   bold + 4)

    def _cell_width(self) -> int:
        """Wider cells when there is room (few years), never narrower than the year labels."""
        smallest = self._min_cell_width()
        if not self.years:
            return smallest
        room = (self.width() - self._label_width() - MARGIN) // len(self.years)
        return max(smallest, min(self.MAX_CELL_WIDTH, room))

    def _grid_origin(self) -> QPoint:
        return QPoint(self._label_width(), self._header_top() + self._header_height())

    def _legend_top(self) -> int:
        return self._grid_origin().y() + self._row_tops[-1] + MARGIN

    def _legend_entry_width(self, text: str, key: Any) -> int:
        swatch = LEGEND_SWATCH + 6 if self._legend_has_swatch(key) else 0
        return swatch + QFontMetrics(self._font).horizontalAdvance(text) + 18

    def _legend_lines(self, width: int) -> list[list[tuple[str, Any]]]:
        lines: list[list[tuple[str, Any]]] = [[]]
        used = MARGIN
        for text, key in self._legend_entries():
            needed = self._legend_entry_width(text, key)
            if lines[-1] and used + needed > width - MARGIN:
                lines.append([])
                used = MARGIN
            lines[-1].append((text, key))
            used += needed
        return lines

    def _legend_height(self, width: int) -> int:
        return len(self._legend_lines(width)) * (LEGEND_SWATCH + 10)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        origin = self._grid_origin()
        width = max(origin.x() + self._min_cell_width() * len(self.years) + MARGIN,
                    self.MIN_WIDTH)
        return QSize(width, origin.y() + self._row_tops[-1] + MARGIN
                     + self._legend_height(width) + MARGIN)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def _heading_width(self) -> int:
        """How wide the text above the grid is."""
        return 2 * MARGIN + QFontMetrics(self._title_font).horizontalAdvance(self.title)

    def content_rect(self) -> QRect:
        """The part of the widget with something drawn in it (what a PNG export keeps)."""
        legend_width = max((MARGIN + sum(self._legend_entry_width(text, key)
                                         for text, key in line)
                            for line in self._legend_lines(self.width())), default=0)
        grid_right = self._grid_origin().x() + self._cell_width() * len(self.years) + MARGIN
        width = min(self.width(), max(grid_right, legend_width, self._heading_width()))
        height = self._legend_top() + self._legend_height(self.width()) + MARGIN
        return QRect(0, 0, width, min(self.height(), height))

    def cell_rect(self, row: int, column: int) -> QRect:
        origin = self._grid_origin()
        width = self._cell_width()
        top = self._row_tops[row]
        return QRect(origin.x() + column * width, origin.y() + top, width,
                     self._row_tops[row + 1] - top)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        origin = self._grid_origin()
        if pos.x() < origin.x() or pos.y() < origin.y():
            return None
        column = (pos.x() - origin.x()) // self._cell_width()
        row = bisect.bisect_right(self._row_tops, pos.y() - origin.y()) - 1
        if 0 <= row < len(self._row_tops) - 1 and 0 <= column < len(self.years):
            return row, column
        return None

    # --- events ---------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.cell_tooltip(*cell), self)
            return True
        return super().event(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        menu = QMenu(self)
        add_export_actions(menu, self, self.stem)
        menu.exec(event.globalPos())

    def save_png(self, path: str) -> None:
        save_widget_png(self, path)

    # --- painting -------------------------------------------------------------------
    def _begin_paint(self) -> QPainter:
        """A painter on a white widget with the title drawn."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setFont(self._title_font)
        painter.setPen(TEXT_COLOR)
        painter.drawText(QRect(MARGIN, MARGIN, self.width() - 2 * MARGIN,
                               QFontMetrics(self._title_font).height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.title)
        painter.setFont(self._font)
        return painter

    def _paint_header(self, painter: QPainter) -> None:
        painter.setFont(self._font)
        painter.setPen(QColor("#333333"))
        for column, year in enumerate(self.years):
            rect = self.cell_rect(0, column)
            painter.drawText(QRect(rect.x(), self._header_top(), rect.width(),
                                   self._header_height()),
                             Qt.AlignmentFlag.AlignCenter, str(year))

    def _paint_row_label(self, painter: QPainter, row: int, text: str) -> None:
        painter.setFont(self._font)
        painter.setPen(TEXT_COLOR)
        cell = self.cell_rect(row, 0)
        painter.drawText(QRect(MARGIN, cell.y(), self._label_width() - MARGIN, cell.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_legend(self, painter: QPainter) -> None:
        painter.setFont(self._font)
        metrics = QFontMetrics(self._font)
        top = self._legend_top()
        for line in self._legend_lines(self.width()):
            left = MARGIN
            for text, key in line:
                if self._legend_has_swatch(key):
                    self._paint_swatch(painter, QRect(left, top, LEGEND_SWATCH, LEGEND_SWATCH),
                                       key)
                    left += LEGEND_SWATCH + 6
                painter.setPen(TEXT_COLOR)
                painter.drawText(left, top + LEGEND_SWATCH - 2, text)
                left += metrics.horizontalAdvance(text) + 18
            top += LEGEND_SWATCH + 10
