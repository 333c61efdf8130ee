"""ScheduleGrid: the retrofit schedule as a vessels-by-years grid coloured by technology."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from planner import reports
from planner.gui.palette import technology_colors
from planner.gui.vessel_year_grid import (
    GRID_COLOR,
    MARGIN,
    VesselYearGrid,
    initials,
    stripe_rects,
)
from planner.plan import Plan
from planner.reports import format_money, format_number
from planner.resolve import service_years
from planner.scenario import Scenario

__all__ = ["Fitting", "ScheduleGrid", "VesselRow", "initials"]

TITLE = "Retrofit schedule: which vessel gets which technology in which year"
CELL_HEIGHT = 26
INACTIVE_COLOR = QColor("#D9D9D9")
INSTALLED_ALPHA = 70  # later years of an installed technology: a light tint
TINT_SAMPLE = QColor("#3B75AF")  # the legend's example of a colour beside its tint


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
        """The row's label: the ship's name (the id in the tooltip), the id without one."""
        return self.name or self.vessel_id

    @property
    def full_label(self) -> str:
        return f"{self.name} ({self.vessel_id})" if self.name else self.vessel_id

    @property
    def most_in_a_year(self) -> int:
        """The most retrofits the vessel gets in one year (the stripes a cell needs)."""
        years = [f.year for f in self.fittings]
        return max((years.count(year) for year in set(years)), default=0)

    def in_service(self, year: int) -> bool:
        if self.first_year is not None and year < self.first_year:
            return False
        return self.last_year is None or year <= self.last_year


class ScheduleGrid(VesselYearGrid):
    """Rows are vessels, columns years; a retrofit fills its year's cell with the
    technology's colour and initials, later years carry a light tint of it, years
    out of service are grey. A legend names the colours; hover a cell for details."""

    title = TITLE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("retrofit-schedule", parent)
        self.rows: list[VesselRow] = []
        self.colors: dict[str, QColor] = {}
        self.currency = "USD"

    # --- data -----------------------------------------------------------------------
    def set_plan(self, plan: Plan | None, scenario: Scenario | None, currency: str) -> None:
        self.currency = currency
        self.rows, self.years, self.colors = [], [], {}
        if plan is not None and not plan.annual.empty:
            self.years = [int(y) for y in reports.annual(plan).index]
            service = {} if scenario is None else service_years(scenario)
            names = reports.vessel_names(scenario)
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
        # A row is as tall as its busiest year needs: each retrofit's initials stay
        # at the normal font size, however many share a year.
        stripe = self._line_height() + 2
        self._row_tops = [0]
        for row in self.rows:
            self._row_tops.append(self._row_tops[-1]
                                  + max(CELL_HEIGHT, stripe * row.most_in_a_year))
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
    def _row_labels(self) -> list[str]:
        return [row.label for row in self.rows]

    def _title_height(self) -> int:
        return QFontMetrics(self._title_font).height() + MARGIN

    def _header_top(self) -> int:
        return MARGIN + self._title_height()

    def _legend_entries(self) -> list[tuple[str, QColor | None]]:
        entries: list[tuple[str, QColor | None]] = [(f"{name} ({initials(name)})", color)
                                                    for name, color in self.legend_entries()]
        entries.append(("lighter shade: installed in an earlier year", None))
        entries.append(("not in service", INACTIVE_COLOR))
        return entries

    # --- text -----------------------------------------------------------------------
    def cell_tooltip(self, row: int, column: int) -> str:
        vessel = self.rows[row]
        year = self.years[column]
        lines = [f"{vessel.full_label}, {year}"]
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

    # --- painting -----------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001 - Qt override
        painter = self._begin_paint()
        if not self.rows or not self.years:
            painter.drawText(QRect(MARGIN, MARGIN + self._title_height(), 400, 30),
                             Qt.AlignmentFlag.AlignLeft, "No plan to show.")
            painter.end()
            return
        self._paint_header(painter)
        for row_pos, vessel in enumerate(self.rows):
            self._paint_row(painter, row_pos, vessel)
        self._paint_legend(painter)
        painter.end()

    def _paint_row(self, painter: QPainter, row_pos: int, vessel: VesselRow) -> None:
        self._paint_row_label(painter, row_pos, vessel.label)
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
        stripes = stripe_rects(rect, len(colors))
        for stripe, color in zip(stripes, colors, strict=True):
            painter.fillRect(stripe, color)
        return stripes

    def _paint_initials(self, painter: QPainter, stripes: list[QRect],
                        technologies: list[str]) -> None:
        if not stripes:
            return
        painter.setFont(QFont(self._bold))
        for stripe, technology in zip(stripes, technologies, strict=True):
            color = self.colors[technology]
            painter.setPen(QColor("white") if color.lightness() < 150 else QColor("#111111"))
            painter.drawText(stripe, Qt.AlignmentFlag.AlignCenter, initials(technology))

    def _paint_swatch(self, painter: QPainter, rect: QRect, color: QColor | None) -> None:
        if color is None:  # a technology's colour beside its tint
            tint = QColor(TINT_SAMPLE)
            tint.setAlpha(INSTALLED_ALPHA)
            half = QRect(rect.x(), rect.y(), rect.width() // 2, rect.height())
            painter.fillRect(half, TINT_SAMPLE)
            painter.fillRect(rect.adjusted(rect.width() // 2, 0, 0, 0), tint)
        else:
            painter.fillRect(rect, color)
        painter.setPen(QPen(GRID_COLOR, 1))
        painter.drawRect(rect)
