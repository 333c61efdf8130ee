"""A case's retrofit schedule against Base: what moved, appeared or vanished, as a grid."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd
from PySide6.QtCore import QLineF, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from planner.convert import is_blank
from planner.gui.vessel_year_grid import (
    GRID_COLOR,
    MARGIN,
    VesselYearGrid,
    initials,
    stripe_rects,
)
from planner.scenario import Scenario

CELL_HEIGHT = 24
MARK_HEIGHT = 15  # a row with several marks in one year grows to fit them


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


# Which year of a change a cell shows, and how: (kind, the year it is marked in, style).
MARK_RULES = (
    (ChangeKind.UNCHANGED, "case_year", "unchanged"),
    (ChangeKind.APPEARED, "case_year", "appeared"),
    (ChangeKind.VANISHED, "base_year", "vanished"),
    (ChangeKind.MOVED, "case_year", "moved_to"),
    (ChangeKind.MOVED, "base_year", "moved_from"),
)


def mark_style(change: RetrofitChange, year: int) -> str | None:
    """The style of the mark a change puts in ``year``'s cell, None when it puts none."""
    for kind, field_name, style in MARK_RULES:
        if change.kind is kind and getattr(change, field_name) == year:
            return style
    return None


class ScheduleDiffGrid(VesselYearGrid):
    """Rows are vessels, columns years; each retrofit of Base or the case is a mark in
    its year: grey when unchanged, orange where it moved to (an arrow from its Base
    year, drawn dashed), green when it appears, dashed red where it vanished."""

    MAX_CELL_WIDTH = 64
    MIN_WIDTH = 520

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("schedule-vs-base", parent)
        self.case = ""
        self.changes: list[RetrofitChange] = []
        self.vessels: list[str] = []
        self._all_vessels: list[str] = []
        self.names: dict[str, str] = {}
        self.only_changes = False
        self.message = "Run the cases to compare their schedules with Base."

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
            style = mark_style(change, year) if change.vessel_id == vessel else None
            if style is not None:
                found.append(Mark(change, style))
        return found

    def technologies(self) -> list[str]:
        return sorted({c.technology for c in self.changes}, key=str.casefold)

    # --- geometry -------------------------------------------------------------------
    def _label(self, vessel: str) -> str:
        name = self.names.get(vessel, "")
        return f"{vessel}  {name}" if name else vessel

    def _row_labels(self) -> list[str]:
        return [self._label(vessel) for vessel in self.vessels]

    def _header_top(self) -> int:
        """Below the title and the summary line."""
        return MARGIN + QFontMetrics(self._title_font).height() + 6 + self._line_height() + 8

    def _summary(self) -> str:
        if self.message or not self.changes:
            return self.message or "Neither Base nor this case retrofits any vessel."
        return ("Against Base: " + summary_words(self.changes)
                + (" (vessels with a change only)" if self.only_changes else ""))

    def _heading_width(self) -> int:
        summary = 2 * MARGIN + QFontMetrics(self._font).horizontalAdvance(self._summary())
        return max(super()._heading_width(), summary, self.MIN_WIDTH)

    def _legend_entries(self) -> list[tuple[str, str | None]]:
        entries: list[tuple[str, str | None]] = [(STYLES[key].words, key) for key in (
            "unchanged", "moved_to", "moved_from", "appeared", "vanished")]
        entries += [(f"{initials(t)} = {t}", None) for t in self.technologies()]
        return entries

    def _legend_has_swatch(self, key: str | None) -> bool:
        return key is not None

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

    # --- painting -------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001 - Qt override
        painter = self._begin_paint()
        title_height = QFontMetrics(self._title_font).height()
        summary = QRect(MARGIN, MARGIN + title_height + 6, self.width() - 2 * MARGIN,
                        self._line_height())
        painter.drawText(summary, Qt.AlignmentFlag.AlignLeft, self._summary())
        if self.message or not self.changes:
            painter.end()
            return
        self._paint_header(painter)
        for row, vessel in enumerate(self.vessels):
            self._paint_row(painter, row, vessel)
        self._paint_legend(painter)
        painter.end()

    def _paint_row(self, painter: QPainter, row: int, vessel: str) -> None:
        self._paint_row_label(painter, row, self._label(vessel))
        for column, year in enumerate(self.years):
            rect = self.cell_rect(row, column)
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            marks = self.marks(vessel, year)
            for stripe, mark in zip(stripe_rects(rect, len(marks)), marks, strict=True):
                self._paint_mark(painter, stripe.adjusted(2, 2, -2, -2), mark, len(marks))
        for change in self.changes:
            if change.vessel_id == vessel and change.kind is ChangeKind.MOVED:
                self._paint_arrow(painter, row, change)

    def _paint_mark(self, painter: QPainter, rect: QRect, mark: Mark, count: int) -> None:
        style = STYLES[mark.style]
        self._paint_swatch(painter, rect, mark.style)
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

    @staticmethod
    def _paint_swatch(painter: QPainter, rect: QRect, key: str) -> None:
        """A box in the style of a kind of mark (a mark's background, a legend swatch)."""
        style = STYLES[key]
        painter.fillRect(rect, style.fill)
        border = QPen(style.border, 2 if style.dashed else 1)
        if style.dashed:
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
