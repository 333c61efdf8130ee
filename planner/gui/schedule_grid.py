"""ScheduleGrid: the retrofit schedule as a vessels-by-years grid coloured by technology."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolTip, QWidget

from planner import reports
from planner.convert import is_blank, parse_number
from planner.gui.charts import add_export_actions, save_widget_png, technology_colors
from planner.plan import Plan
from planner.reports import format_money, format_number
from planner.scenario import Scenario

TITLE = "Retrofit schedule: which vessel gets which technology in which year"
CELL_HEIGHT = 26
MIN_CELL_WIDTH = 40
MAX_CELL_WIDTH = 72
MARGIN = 12
LEGEND_SWATCH = 14
INACTIVE_COLOR = QColor("#D9D9D9")
GRID_COLOR = QColor("#C8C8C8")
INSTALLED_ALPHA = 70  # later years of an installed technology: a light tint


@dataclass
class Fitting:
    technology: str
    year: int
    capex: float
    off_hire_days: float


@dataclass
class VesselRow:
    vessel_id: str
    name: str
    first_year: int | None  # in service from (None: unknown)
    last_year: int | None
    fittings: list[Fitting] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.vessel_id}  {self.name}" if self.name else self.vessel_id

    def in_service(self, year: int) -> bool:
        if self.first_year is not None and year < self.first_year:
            return False
        return self.last_year is None or year <= self.last_year


def initials(technology: str) -> str:
    """'Methanol dual-fuel conversion' -> 'MDC': a short label that fits a cell."""
    words = technology.replace("-", " ").replace("/", " ").split()
    return "".join(word[0].upper() for word in words[:3]) or "?"


def _service_years(scenario: Scenario | None) -> dict[str, tuple[int | None, int | None]]:
    """First and last year in service per vessel (retire_year defaults to build + 25)."""
    years: dict[str, tuple[int | None, int | None]] = {}
    if scenario is None:
        return years
    for row in scenario.fleet.to_dict("records"):
        if is_blank(row["vessel_id"]):
            continue
        build = parse_number(row["build_year"])
        retire = parse_number(row["retire_year"])
        first = int(build) if build is not None else None
        last = int(retire) if retire is not None else (first + 25 if first is not None
                                                         else None)
        years[str(row["vessel_id"]).strip()] = (first, last)
    return years


class ScheduleGrid(QWidget):
    """Rows are vessels, columns years; a retrofit fills its year's cell with the
    technology's colour and initials, later years carry a light tint of it, years
    out of service are grey. A legend names the colours; hover a cell for details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.rows: list[VesselRow] = []
        self.years: list[int] = []
        self.colors: dict[str, QColor] = {}
        self.currency = "USD"
        self.stem = "retrofit-schedule"
        self._font = QFont(self.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._title_font = QFont(self._bold)
        self._title_font.setPointSizeF(self._font.pointSizeF() + 1.5)

    # --- data -----------------------------------------------------------------------
    def set_plan(self, plan: Plan | None, scenario: Scenario | None, currency: str) -> None:
        self.currency = currency
        self.rows, self.years, self.colors = [], [], {}
        if plan is not None and not plan.annual.empty:
            self.years = [int(y) for y in reports.annual(plan).index]
            service = _service_years(scenario)
            names = {}
            if scenario is not None:
                names = {str(v).strip(): ("" if is_blank(n) else str(n)) for v, n in
                         zip(scenario.fleet["vessel_id"], scenario.fleet["name"], strict=True)}
            self.rows = [VesselRow(v, names.get(v, ""), *service.get(v, (None, None)))
                         for v in reports.vessel_order(plan, scenario)]
            by_id = {row.vessel_id: row for row in self.rows}
            retrofits = plan.retrofits
            capex = pd.to_numeric(retrofits["capex"], errors="coerce").astype(float)
            days = pd.to_numeric(retrofits["off_hire_days"], errors="coerce").astype(float)
            for vessel, technology, year, cost, off_hire in zip(
                    retrofits["vessel_id"], retrofits["technology"], retrofits["year"], capex,
                    days, strict=True):
                by_id[str(vessel).strip()].fittings.append(
                    Fitting(str(technology), int(year), cost, off_hire))
            for row in self.rows:
                row.fittings.sort(key=lambda f: (f.year, f.technology))
            technologies = sorted({f.technology for row in self.rows for f in row.fittings})
            self.colors = technology_colors(technologies, scenario)
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def legend_entries(self) -> list[tuple[str, QColor]]:
        return sorted(self.colors.items(), key=lambda item: item[0].lower())

    def installs(self, vessel_id: str, year: int) -> list[str]:
        """Technologies installed on the vessel in that year."""
        for row in self.rows:
            if row.vessel_id == vessel_id:
                return [f.technology for f in row.fittings if f.year == year]
        raise KeyError(vessel_id)

    # --- geometry -------------------------------------------------------------------
    def _label_width(self) -> int:
        metrics = QFontMetrics(self._font)
        widest = max((metrics.horizontalAdvance(r.label) for r in self.rows), default=60)
        return widest + 2 * MARGIN

    def _min_cell_width(self) -> int:
        return max(MIN_CELL_WIDTH, QFontMetrics(self._font).horizontalAdvance("2030") + 10)

    def _cell_width(self) -> int:
        """Wider cells when there is room (few years), never narrower than the year labels."""
        smallest = self._min_cell_width()
        if not self.years:
            return smallest
        room = (self.width() - self._label_width() - MARGIN) // len(self.years)
        return max(smallest, min(MAX_CELL_WIDTH, room))

    def _title_height(self) -> int:
        return QFontMetrics(self._title_font).height() + MARGIN

    def _header_height(self) -> int:
        return QFontMetrics(self._font).height() + 8

    def _grid_origin(self) -> QPoint:
        return QPoint(self._label_width(), MARGIN + self._title_height() + self._header_height())

    def _legend_lines(self, width: int) -> list[list[tuple[str, QColor | None]]]:
        metrics = QFontMetrics(self._font)
        entries: list[tuple[str, QColor | None]] = [(f"{name} ({initials(name)})", color)
                                                    for name, color in self.legend_entries()]
        entries.append(("lighter shade: installed in an earlier year", None))
        entries.append(("not in service", INACTIVE_COLOR))
        lines: list[list[tuple[str, QColor | None]]] = [[]]
        used = MARGIN
        for text, color in entries:
            needed = LEGEND_SWATCH + 6 + metrics.horizontalAdvance(text) + 18
            if lines[-1] and used + needed > width - MARGIN:
                lines.append([])
                used = MARGIN
            lines[-1].append((text, color))
            used += needed
        return lines

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        origin = self._grid_origin()
        width = max(origin.x() + self._min_cell_width() * len(self.years) + MARGIN, 480)
        legend = len(self._legend_lines(width)) * (LEGEND_SWATCH + 10)
        height = origin.y() + CELL_HEIGHT * len(self.rows) + MARGIN + legend + MARGIN
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def content_rect(self) -> QRect:
        """The part of the widget with something drawn in it (what a PNG export keeps)."""
        metrics = QFontMetrics(self._font)
        lines = self._legend_lines(self.width())
        legend_width = max((MARGIN + sum(LEGEND_SWATCH + 6 + metrics.horizontalAdvance(text)
                                         + 18 for text, _ in line) for line in lines),
                           default=0)
        title_width = 2 * MARGIN + QFontMetrics(self._title_font).horizontalAdvance(TITLE)
        grid_right = self._grid_origin().x() + self._cell_width() * len(self.years) + MARGIN
        width = min(self.width(), max(grid_right, legend_width, title_width))
        height = (self._grid_origin().y() + CELL_HEIGHT * len(self.rows) + MARGIN
                  + len(lines) * (LEGEND_SWATCH + 10) + MARGIN)
        return QRect(0, 0, width, min(self.height(), height))

    def cell_rect(self, row: int, column: int) -> QRect:
        origin = self._grid_origin()
        width = self._cell_width()
        return QRect(origin.x() + column * width, origin.y() + row * CELL_HEIGHT, width,
                     CELL_HEIGHT)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        origin = self._grid_origin()
        column = (pos.x() - origin.x()) // self._cell_width()
        row = (pos.y() - origin.y()) // CELL_HEIGHT
        if pos.x() < origin.x() or pos.y() < origin.y():
            return None
        if 0 <= row < len(self.rows) and 0 <= column < len(self.years):
            return row, column
        return None

    # --- text -----------------------------------------------------------------------
    def cell_tooltip(self, row: int, column: int) -> str:
        vessel = self.rows[row]
        year = self.years[column]
        lines = [f"{vessel.label.strip()}, {year}"]
        if not vessel.in_service(year):
            lines.append("Not in service this year")
            return "\n".join(lines)
        for fit in vessel.fittings:
            if fit.year == year:
                lines.append(f"Installs {fit.technology}: "
                             f"{format_money(fit.capex, self.currency, compact=False)}, "
                             f"{format_number(fit.off_hire_days, 0)} days off hire")
        earlier = [f for f in vessel.fittings if f.year < year]
        if earlier:
            lines.append("Installed: " + ", ".join(f"{f.technology} ({f.year})"
                                                   for f in earlier))
        if len(lines) == 1:
            lines.append("No retrofit")
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

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        add_export_actions(menu, self, self.stem)
        menu.exec(event.globalPos())

    def save_png(self, path: str) -> None:
        save_widget_png(self, path)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setFont(self._title_font)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRect(MARGIN, MARGIN, self.width() - 2 * MARGIN, self._title_height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, TITLE)
        if not self.rows or not self.years:
            painter.setFont(self._font)
            painter.drawText(QRect(MARGIN, MARGIN + self._title_height(), 400, 30),
                             Qt.AlignmentFlag.AlignLeft, "No plan to show.")
            return
        self._paint_header(painter)
        for row_pos, vessel in enumerate(self.rows):
            self._paint_row(painter, row_pos, vessel)
        self._paint_legend(painter)
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        painter.setFont(self._font)
        painter.setPen(QColor("#333333"))
        origin = self._grid_origin()
        for column, year in enumerate(self.years):
            rect = self.cell_rect(0, column)
            header = QRect(rect.x(), origin.y() - self._header_height(), rect.width(),
                           self._header_height())
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, str(year))

    def _paint_row(self, painter: QPainter, row_pos: int, vessel: VesselRow) -> None:
        painter.setFont(self._font)
        painter.setPen(QColor("#222222"))
        label = QRect(MARGIN, self.cell_rect(row_pos, 0).y(), self._label_width() - MARGIN,
                      CELL_HEIGHT)
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         vessel.label)
        for column, year in enumerate(self.years):
            rect = self.cell_rect(row_pos, column)
            if not vessel.in_service(year):
                painter.fillRect(rect, QBrush(INACTIVE_COLOR, Qt.BrushStyle.SolidPattern))
            else:
                installed = [f for f in vessel.fittings if f.year < year]
                self._paint_stripes(painter, rect, [self._tint(f.technology)
                                                    for f in installed])
                new = [f for f in vessel.fittings if f.year == year]
                stripes = self._paint_stripes(painter, rect, [self.colors[f.technology]
                                                              for f in new])
                self._paint_initials(painter, stripes, [f.technology for f in new])
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)

    def _tint(self, technology: str) -> QColor:
        color = QColor(self.colors[technology])
        color.setAlpha(INSTALLED_ALPHA)
        return color

    @staticmethod
    def _paint_stripes(painter: QPainter, rect: QRect, colors: list[QColor]) -> list[QRect]:
        """One horizontal stripe per colour (several technologies in one cell)."""
        stripes = []
        height = rect.height() / max(len(colors), 1)
        for pos, color in enumerate(colors):
            top = rect.y() + round(pos * height)
            bottom = rect.y() + round((pos + 1) * height)
            stripe = QRect(rect.x(), top, rect.width(), bottom - top)
            painter.fillRect(stripe, color)
            stripes.append(stripe)
        return stripes

    def _paint_initials(self, painter: QPainter, stripes: list[QRect],
                        technologies: list[str]) -> None:
        if not stripes:
            return
        font = QFont(self._bold)
        if len(stripes) > 1:
            font.setPixelSize(max(7, stripes[0].height() - 2))
        painter.setFont(font)
        for stripe, technology in zip(stripes, technologies, strict=True):
            color = self.colors[technology]
            painter.setPen(QColor("white") if color.lightness() < 150 else QColor("#111111"))
            painter.drawText(stripe, Qt.AlignmentFlag.AlignCenter, initials(technology))

    def _paint_legend(self, painter: QPainter) -> None:
        painter.setFont(self._font)
        metrics = QFontMetrics(self._font)
        top = self._grid_origin().y() + CELL_HEIGHT * len(self.rows) + MARGIN
        sample = QColor("#3B75AF")
        for line in self._legend_lines(self.width()):
            left = MARGIN
            for text, color in line:
                swatch = QRect(left, top, LEGEND_SWATCH, LEGEND_SWATCH)
                if color is None:  # a technology's colour beside its tint
                    tint = QColor(sample)
                    tint.setAlpha(INSTALLED_ALPHA)
                    half = QRect(swatch.x(), swatch.y(), swatch.width() // 2, swatch.height())
                    painter.fillRect(half, sample)
                    painter.fillRect(swatch.adjusted(swatch.width() // 2, 0, 0, 0), tint)
                else:
                    painter.fillRect(swatch, color)
                painter.setPen(QPen(GRID_COLOR, 1))
                painter.drawRect(swatch)
                painter.setPen(QColor("#222222"))
                painter.drawText(left + LEGEND_SWATCH + 6, top + LEGEND_SWATCH - 2, text)
                left += LEGEND_SWATCH + 6 + metrics.horizontalAdvance(text) + 18
            top += LEGEND_SWATCH + 10
