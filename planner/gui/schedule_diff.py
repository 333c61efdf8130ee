"""A case's retrofit schedule against Base: what moved, appeared or vanished, as a grid."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd
from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolTip, QWidget

from planner.convert import is_blank
from planner.gui.charts import add_export_actions, save_widget_png
from planner.gui.schedule_grid import initials
from planner.scenario import Scenario

CELL_HEIGHT = 24
MARK_HEIGHT = 15  # a row with several marks in one year grows to fit them
MIN_CELL_WIDTH = 40
MAX_CELL_WIDTH = 64
MARGIN = 12
SWATCH = 14
GRID_COLOR = QColor("#C8C8C8")


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    MOVED = "moved"
    APPEARED = "appeared"
    VANISHED = "vanished"


@dataclass(frozen=True)
class RetrofitChange:
    """One retrofit of Base or of the case, and what became of it."""

    vessel_id: str
    technology: str
    base_year: int | None  # None: not in Base's plan
    case_year: int | None  # None: not in the case's plan

    @property
    def kind(self) -> ChangeKind:
        if self.base_year is None:
            return ChangeKind.APPEARED
        if self.case_year is None:
            return ChangeKind.VANISHED
        return ChangeKind.UNCHANGED if self.base_year == self.case_year else ChangeKind.MOVED


def _years_by_retrofit(frame: pd.DataFrame | None) -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = {}
    if frame is None or frame.empty:
        return found
    for vessel, technology, year in zip(frame["vessel_id"], frame["technology"],
                                        frame["year"], strict=True):
        if is_blank(vessel) or is_blank(technology) or is_blank(year):
            continue
        found.setdefault((str(vessel).strip(), str(technology).strip()), []).append(int(year))
    return {key: sorted(years) for key, years in found.items()}


def schedule_diff(base: pd.DataFrame | None, case: pd.DataFrame | None) -> list[RetrofitChange]:
    """Base's and the case's retrofits (vessel_id, technology, year) paired up.

    The same vessel and technology in the same year is unchanged; left over, the
    earliest of Base pairs with the earliest of the case (moved); what is still
    left appeared (only in the case) or vanished (only in Base).
    """
    before, after = _years_by_retrofit(base), _years_by_retrofit(case)
    changes: list[RetrofitChange] = []
    for key in sorted(set(before) | set(after)):
        base_years = list(before.get(key, []))
        case_years = list(after.get(key, []))
        for year in [y for y in base_years if y in case_years]:
            base_years.remove(year)
            case_years.remove(year)
            changes.append(RetrofitChange(*key, year, year))
        for base_year, case_year in zip(base_years, case_years, strict=False):
            changes.append(RetrofitChange(*key, base_year, case_year))
        paired = min(len(base_years), len(case_years))
        changes += [RetrofitChange(*key, year, None) for year in base_years[paired:]]
        changes += [RetrofitChange(*key, None, year) for year in case_years[paired:]]
    return sorted(changes, key=lambda c: (c.vessel_id, min(y for y in (c.base_year, c.case_year)
                                                           if y is not None), c.technology))


def change_counts(changes: list[RetrofitChange]) -> dict[ChangeKind, int]:
    counts = dict.fromkeys(ChangeKind, 0)
    for change in changes:
        counts[change.kind] += 1
    return counts


def summary_words(changes: list[RetrofitChange]) -> str:
    """``'2 moved, 1 appeared, 0 vanished, 24 unchanged'``."""
    counts = change_counts(changes)
    return ", ".join(f"{counts[kind]} {kind}" for kind in (
        ChangeKind.MOVED, ChangeKind.APPEARED, ChangeKind.VANISHED, ChangeKind.UNCHANGED))


# How each mark is drawn: fill, border, text colour, dashed border.
@dataclass(frozen=True)
class MarkStyle:
    fill: QColor
    border: QColor
    text: QColor
    dashed: bool
    words: str


STYLES = {
    "unchanged": MarkStyle(QColor("#D9D9D9"), QColor("#A0A0A0"), QColor("#333333"), False,
                           "same as Base"),
    "moved_to": MarkStyle(QColor("#E8A33D"), QColor("#B57413"), QColor("#111111"), False,
                          "moved here"),
    "moved_from": MarkStyle(QColor("white"), QColor("#E8A33D"), QColor("#B57413"), True,
                            "moved away (Base's year)"),
    "appeared": MarkStyle(QColor("#2E9E5B"), QColor("#1F6E3F"), QColor("white"), False,
                          "only in this case"),
    "vanished": MarkStyle(QColor("white"), QColor("#D62728"), QColor("#D62728"), True,
                          "only in Base (dropped)"),
}


@dataclass
class Mark:
    change: RetrofitChange
    style: str  # a key of STYLES


class ScheduleDiffGrid(QWidget):
    """Rows are vessels, columns years; each retrofit of Base or the case is a mark in
    its year: grey when unchanged, orange where it moved to (an arrow from its Base
    year, drawn dashed), green when it appears, dashed red where it vanished."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.case = ""
        self.changes: list[RetrofitChange] = []
        self.vessels: list[str] = []
        self._all_vessels: list[str] = []
        self._row_tops: list[int] = [0]  # the grid's row offsets; the last is its height
        self.names: dict[str, str] = {}
        self.years: list[int] = []
        self.only_changes = False
        self.message = "Run the cases to compare their schedules with Base."
        self.stem = "schedule-vs-base"
        self._font = QFont(self.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._title_font = QFont(self._bold)
        self._title_font.setPointSizeF(self._font.pointSizeF() + 1.5)

    # --- data -----------------------------------------------------------------------
    def set_schedules(self, case: str, base: pd.DataFrame | None, retrofits: pd.DataFrame | None,
                      scenario: Scenario | None, message: str = "") -> None:
        """Compare ``retrofits`` (the case's) with ``base`` (Base's); a message instead
        when there is nothing to compare."""
        self.case = case
        self.message = message
        self.changes = schedule_diff(base, retrofits) if not message else []
        self.names = {}
        order: list[str] = []
        first, last = None, None
        if scenario is not None:
            fleet = scenario.fleet
            for vessel, name in zip(fleet["vessel_id"], fleet["name"], strict=True):
                if not is_blank(vessel):
                    key = str(vessel).strip()
                    order.append(key)
                    self.names[key] = "" if is_blank(name) else str(name).strip()
            first, last = scenario.settings.start_year, scenario.settings.end_year
        rank = {vessel: position for position, vessel in enumerate(order)}
        self._all_vessels = sorted({c.vessel_id for c in self.changes},
                                   key=lambda v: (rank.get(v, len(rank)), v))
        years = [y for c in self.changes for y in (c.base_year, c.case_year) if y is not None]
        if years:
            low = min([*years, first] if isinstance(first, int) else years)
            high = max([*years, last] if isinstance(last, int) else years)
            self.years = list(range(low, high + 1))
        else:
            self.years = []
        self._apply_filter()

    def set_only_changes(self, only: bool) -> None:
        self.only_changes = only
        self._apply_filter()

    def _apply_filter(self) -> None:
        changed = {c.vessel_id for c in self.changes if c.kind is not ChangeKind.UNCHANGED}
        self.vessels = [v for v in self._all_vessels
                        if not self.only_changes or v in changed]
        self._row_tops = [0]
        for vessel in self.vessels:
            most = max((len(self.marks(vessel, year)) for year in self.years), default=1)
            self._row_tops.append(self._row_tops[-1]
                                  + max(CELL_HEIGHT, 4 + MARK_HEIGHT * most))
        self.updateGeometry()
        self.adjustSize()
        self.update()

    @property
    def title(self) -> str:
        if not self.case:
            return "Retrofit schedule against Base"
        return f"Retrofit schedule of “{self.case}” against Base"

    def marks(self, vessel: str, year: int) -> list[Mark]:
        """What the cell of a vessel and year shows."""
        found = []
        for change in self.changes:
            if change.vessel_id != vessel:
                continue
            kind = change.kind
            if kind is ChangeKind.UNCHANGED and change.case_year == year:
                found.append(Mark(change, "unchanged"))
            elif kind is ChangeKind.APPEARED and change.case_year == year:
                found.append(Mark(change, "appeared"))
            elif kind is ChangeKind.VANISHED and change.base_year == year:
                found.append(Mark(change, "vanished"))
            elif kind is ChangeKind.MOVED and change.case_year == year:
                found.append(Mark(change, "moved_to"))
            elif kind is ChangeKind.MOVED and change.base_year == year:
                found.append(Mark(change, "moved_from"))
        return found

    def technologies(self) -> list[str]:
        return sorted({c.technology for c in self.changes}, key=str.casefold)

    # --- geometry -------------------------------------------------------------------
    def _label(self, vessel: str) -> str:
        name = self.names.get(vessel, "")
        return f"{vessel}  {name}" if name else vessel

    def _label_width(self) -> int:
        metrics = QFontMetrics(self._font)
        widest = max((metrics.horizontalAdvance(self._label(v)) for v in self.vessels),
                     default=60)
        return widest + 2 * MARGIN

    def _min_cell_width(self) -> int:
        return max(MIN_CELL_WIDTH, QFontMetrics(self._font).horizontalAdvance("2030") + 10)

    def _cell_width(self) -> int:
        smallest = self._min_cell_width()
        if not self.years:
            return smallest
        room = (self.width() - self._label_width() - MARGIN) // len(self.years)
        return max(smallest, min(MAX_CELL_WIDTH, room))

    def _line_height(self) -> int:
        return QFontMetrics(self._font).height()

    def _top(self) -> int:
        """Where the year header starts: below the title and the summary line."""
        return MARGIN + QFontMetrics(self._title_font).height() + 6 + self._line_height() + 8

    def _origin(self) -> QPoint:
        return QPoint(self._label_width(), self._top() + self._line_height() + 8)

    def _legend_lines(self, width: int) -> list[list[tuple[str, str | None]]]:
        metrics = QFontMetrics(self._font)
        entries: list[tuple[str, str | None]] = [(STYLES[key].words, key) for key in (
            "unchanged", "moved_to", "moved_from", "appeared", "vanished")]
        entries += [(f"{initials(t)} = {t}", None) for t in self.technologies()]
        lines: list[list[tuple[str, str | None]]] = [[]]
        used = MARGIN
        for text, key in entries:
            needed = (SWATCH + 6 if key else 0) + metrics.horizontalAdvance(text) + 18
            if lines[-1] and used + needed > width - MARGIN:
                lines.append([])
                used = MARGIN
            lines[-1].append((text, key))
            used += needed
        return lines

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        origin = self._origin()
        width = max(origin.x() + self._min_cell_width() * len(self.years) + MARGIN, 520)
        legend = len(self._legend_lines(width)) * (SWATCH + 10)
        return QSize(width, origin.y() + self._row_tops[-1] + 2 * MARGIN + legend)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def content_rect(self) -> QRect:
        """The part with something drawn in it (what a PNG export keeps)."""
        grid_right = self._origin().x() + self._cell_width() * len(self.years) + MARGIN
        title = 2 * MARGIN + QFontMetrics(self._title_font).horizontalAdvance(self.title)
        height = (self._origin().y() + self._row_tops[-1] + MARGIN
                  + len(self._legend_lines(self.width())) * (SWATCH + 10) + MARGIN)
        return QRect(0, 0, min(self.width(), max(grid_right, title, 520)),
                     min(self.height(), height))

    def cell_rect(self, row: int, column: int) -> QRect:
        origin = self._origin()
        width = self._cell_width()
        top = self._row_tops[row]
        return QRect(origin.x() + column * width, origin.y() + top, width,
                     self._row_tops[row + 1] - top)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        origin = self._origin()
        if pos.x() < origin.x() or pos.y() < origin.y():
            return None
        column = (pos.x() - origin.x()) // self._cell_width()
        row = bisect.bisect_right(self._row_tops, pos.y() - origin.y()) - 1
        if 0 <= row < len(self.vessels) and 0 <= column < len(self.years):
            return row, column
        return None

    # --- text -----------------------------------------------------------------------
    def cell_tooltip(self, row: int, column: int) -> str:
        vessel, year = self.vessels[row], self.years[column]
        lines = [f"{self._label(vessel).strip()}, {year}"]
        for mark in self.marks(vessel, year):
            change = mark.change
            words = {
                "unchanged": "as in Base",
                "appeared": "only in this case (not in Base's plan)",
                "vanished": "in Base's plan, not in this case's",
                "moved_to": f"moved here from {change.base_year} (Base's year)",
                "moved_from": f"Base's year; this case installs it in {change.case_year}",
            }[mark.style]
            lines.append(f"{change.technology}: {words}")
        if len(lines) == 1:
            lines.append("No retrofit in Base or in this case")
        return "\n".join(lines)

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
    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setFont(self._title_font)
        painter.setPen(QColor("#222222"))
        title_height = QFontMetrics(self._title_font).height()
        painter.drawText(QRect(MARGIN, MARGIN, self.width() - 2 * MARGIN, title_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.title)
        painter.setFont(self._font)
        summary = QRect(MARGIN, MARGIN + title_height + 6, self.width() - 2 * MARGIN,
                        self._line_height())
        if self.message or not self.changes:
            painter.drawText(summary, Qt.AlignmentFlag.AlignLeft,
                             self.message or "Neither Base nor this case retrofits any vessel.")
            painter.end()
            return
        painter.drawText(summary, Qt.AlignmentFlag.AlignLeft,
                         "Against Base: " + summary_words(self.changes)
                         + (" (vessels with a change only)" if self.only_changes else ""))
        self._paint_header(painter)
        for row, vessel in enumerate(self.vessels):
            self._paint_row(painter, row, vessel)
        self._paint_legend(painter)
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        painter.setPen(QColor("#333333"))
        for column, year in enumerate(self.years):
            rect = self.cell_rect(0, column)
            painter.drawText(QRect(rect.x(), self._top(), rect.width(), self._line_height() + 8),
                             Qt.AlignmentFlag.AlignCenter, str(year))

    def _paint_row(self, painter: QPainter, row: int, vessel: str) -> None:
        painter.setFont(self._font)
        painter.setPen(QColor("#222222"))
        label = self.cell_rect(row, 0)
        painter.drawText(QRect(MARGIN, label.y(), self._label_width() - MARGIN, label.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self._label(vessel))
        for column, year in enumerate(self.years):
            rect = self.cell_rect(row, column)
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            marks = self.marks(vessel, year)
            height = rect.height() / max(len(marks), 1)
            for position, mark in enumerate(marks):
                stripe = QRect(rect.x(), rect.y() + round(position * height), rect.width(),
                               round((position + 1) * height) - round(position * height))
                self._paint_mark(painter, stripe.adjusted(2, 2, -2, -2), mark, len(marks))
        for change in self.changes:
            if change.vessel_id == vessel and change.kind is ChangeKind.MOVED:
                self._paint_arrow(painter, row, change)

    def _paint_mark(self, painter: QPainter, rect: QRect, mark: Mark, count: int) -> None:
        style = STYLES[mark.style]
        painter.fillRect(rect, style.fill)
        border = QPen(style.border, 2 if style.dashed else 1)
        if style.dashed:
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        font = QFont(self._bold)
        if count > 1:
            font.setPixelSize(max(7, min(rect.height() - 1, 12)))
        font.setStrikeOut(mark.style == "vanished")
        painter.setFont(font)
        painter.setPen(style.text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(mark.change.technology))

    def _paint_arrow(self, painter: QPainter, row: int, change: RetrofitChange) -> None:
        """A thin arrow along the row from Base's year to the case's."""
        if change.base_year not in self.years or change.case_year not in self.years:
            return
        start = self.cell_rect(row, self.years.index(change.base_year))
        end = self.cell_rect(row, self.years.index(change.case_year))
        direction = 1 if end.x() > start.x() else -1
        y = start.bottom() - 3
        tail = QPointF(start.center().x() + direction * start.width() / 2, y)
        head = QPointF(end.center().x() - direction * end.width() / 2, y)
        painter.setPen(QPen(STYLES["moved_to"].border, 1.5))
        painter.drawLine(QLineF(tail, head))
        painter.setBrush(STYLES["moved_to"].border)
        painter.drawPolygon(QPolygonF([head, QPointF(head.x() - direction * 6, y - 3.5),
                                       QPointF(head.x() - direction * 6, y + 3.5)]))

    def _paint_legend(self, painter: QPainter) -> None:
        painter.setFont(self._font)
        metrics = QFontMetrics(self._font)
        top = self._origin().y() + self._row_tops[-1] + MARGIN
        for entries in self._legend_lines(self.width()):
            left = MARGIN
            for text, key in entries:
                if key is not None:
                    style = STYLES[key]
                    swatch = QRect(left, top, SWATCH, SWATCH)
                    painter.fillRect(swatch, style.fill)
                    border = QPen(style.border, 2 if style.dashed else 1)
                    if style.dashed:
                        border.setStyle(Qt.PenStyle.DashLine)
                    painter.setPen(border)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(swatch)
                    left += SWATCH + 6
                painter.setPen(QColor("#222222"))
                painter.drawText(left, top + SWATCH - 2, text)
                left += metrics.horizontalAdvance(text) + 18
            top += SWATCH + 10
