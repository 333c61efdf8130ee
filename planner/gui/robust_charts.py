"""The robust results drawn: the NPV of each future as a histogram with the expected value
and the CVaR marked, and the retrofit frequencies as a vessel-by-year heat map."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from planner.reports import format_money
from planner.robust.result import RobustResult

BAR = QColor("#0072B2")  # Okabe-Ito blue
EXPECTED = QColor("#009E73")  # green
TAIL = QColor("#D55E00")  # vermillion
BINS = 12


def histogram(values: list[float], weights: list[float], bins: int = BINS
              ) -> tuple[float, float, list[float]]:
    """(low, width, probability per bin) of weighted values."""
    low, high = min(values), max(values)
    width = (high - low) / bins if high > low else 1.0
    mass = [0.0] * bins
    for value, weight in zip(values, weights, strict=True):
        index = min(bins - 1, int((value - low) / width)) if high > low else 0
        mass[index] += weight
    return low, width, mass


class NpvDistribution(QWidget):
    """Probability of each NPV band over the futures; lines at the expected NPV and CVaR."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: RobustResult | None = None
        self.setMinimumHeight(100)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_result(self, result: RobustResult | None) -> None:
        self.result = result
        self.setToolTip(self._tooltip())
        self.update()

    def _points(self) -> tuple[list[float], list[float]]:
        if self.result is None:
            return [], []
        futures = [f for f in self.result.futures.values() if f.npv is not None]
        return [float(f.npv) for f in futures], [f.probability for f in futures]  # type: ignore

    def _tooltip(self) -> str:
        values, _ = self._points()
        if not values or self.result is None:
            return ""
        money = self.result.currency
        return (f"NPV over {len(values)} futures: from {format_money(min(values), money)} to "
                f"{format_money(max(values), money)}; expected "
                f"{format_money(self.result.expected_npv, money)}, CVaR "
                f"{format_money(self.result.cvar, money)}")

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(12, 24, -12, -28)
        values, weights = self._points()
        if not values or self.result is None:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "Run the robust plan to see "
                             "the NPV of each future.")
            return
        low, width, mass = histogram(values, weights)
        top = max(mass) or 1.0
        span = width * len(mass)
        bar_width = area.width() / len(mass)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(BAR))
        for index, share in enumerate(mass):
            height = area.height() * share / top
            painter.drawRect(QRectF(area.left() + index * bar_width + 1,
                                    area.bottom() - height, bar_width - 2, height))

        def x_of(value: float) -> float:
            return area.left() + (value - low) / span * area.width() if span else area.center().x()

        money = self.result.currency
        for value, colour, label, style in (
                (self.result.expected_npv, EXPECTED, "expected", Qt.PenStyle.SolidLine),
                (self.result.cvar, TAIL, f"CVaR {self.result.cvar_alpha:.0%}",
                 Qt.PenStyle.DashLine)):
            if value is None or not math.isfinite(value):
                continue
            x = x_of(float(value))
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(int(x), int(area.top()), int(x), int(area.bottom()))
            painter.drawText(int(x) + 4, int(area.top()) - 6,
                             f"{label} {format_money(value, money)}")
        painter.setPen(QPen(self.palette().text().color()))
        painter.drawText(int(area.left()), int(area.bottom()) + 18, format_money(low, money))
        high_text = format_money(low + span, money)
        painter.drawText(int(area.right()) - 8 * len(high_text), int(area.bottom()) + 18,
                         high_text)


class FrequencyMap(QTableWidget):
    """Vessel by year: shade = how often the futures solved alone take a retrofit there;
    the mark = the robust plan (filled square: committed now; circle: adapted in some)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setDefaultSectionSize(44)

    def show_result(self, result: RobustResult | None) -> None:
        self.clear()
        if result is None or not result.frequencies:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        vessels = sorted({f.vessel_id for f in result.frequencies})
        years = list(range(min(f.year for f in result.frequencies),
                           max(f.year for f in result.frequencies) + 1))
        self.setRowCount(len(vessels))
        self.setColumnCount(len(years))
        self.setVerticalHeaderLabels(vessels)
        self.setHorizontalHeaderLabels([str(y) for y in years])
        cells: dict[tuple[str, int], list] = {}
        for frequency in result.frequencies:
            cells.setdefault((frequency.vessel_id, frequency.year), []).append(frequency)
        for (vessel, year), found in cells.items():
            alone = min(1.0, sum(f.alone_frequency for f in found))
            robust = max(f.robust_frequency for f in found)
            committed = any(f.committed and f.robust_frequency > 0.5 for f in found)
            mark = "■" if committed else ("●" if robust > 0 else "")
            item = QTableWidgetItem(mark)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            shade = QColor(BAR)
            shade.setAlphaF(0.12 + 0.78 * alone)
            item.setBackground(QBrush(shade))
            lines = [f"{vessel}, {year}"]
            for f in found:
                lines.append(f"{f.technology}: alone in {f.alone_frequency:.0%} of "
                             f"probability, robust in {f.robust_frequency:.0%}"
                             + (" (committed now)" if f.committed and f.robust_frequency > 0.5
                                else ""))
            item.setToolTip("\n".join(lines))
            self.setItem(vessels.index(vessel), years.index(year), item)
