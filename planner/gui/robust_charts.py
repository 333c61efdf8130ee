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
BASE = QColor("#555555")  # Base's retrofits signed instead: grey outline
BINS = 12


def fine_money(value: float, currency: str) -> str:
    """Money to 0.1 M: the marked NPVs differ by millions on billions (the VSS)."""
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.1f} M {currency}"
    return format_money(value, currency)


def histogram_on(values: list[float], weights: list[float], low: float, width: float,
                 bins: int = BINS) -> list[float]:
    """Probability per bin of weighted values on bins of ``width`` from ``low``."""
    mass = [0.0] * bins
    for value, weight in zip(values, weights, strict=True):
        mass[max(0, min(bins - 1, int((value - low) / width)))] += weight
    return mass


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
    """Probability of each NPV band over the futures (filled: the robust plan; outlined:
    Base's retrofits signed instead, then adapted); lines at the expected NPVs and CVaR."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: RobustResult | None = None
        self.setMinimumHeight(180)
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

    def _base_points(self) -> tuple[list[float], list[float]]:
        """Base's committed retrofits held in each future (only when every future has one)."""
        if self.result is None or self.result.base_commit_expected_npv is None:
            return [], []
        futures = list(self.result.futures.values())
        if any(f.base_commit_objective is None for f in futures):
            return [], []
        return ([float(f.base_commit_objective) for f in futures],  # type: ignore[arg-type]
                [f.probability for f in futures])

    def markers(self) -> list[tuple[float, QColor, str, Qt.PenStyle]]:
        """The lines drawn: (value, colour, label, style)."""
        result = self.result
        if result is None:
            return []
        money = result.currency
        found = []
        for value, colour, label, style in (
                (result.expected_npv, EXPECTED, "Expected", Qt.PenStyle.SolidLine),
                (result.cvar, TAIL, f"CVaR, worst {1 - result.cvar_alpha:.0%}",
                 Qt.PenStyle.DashLine),
                (result.base_commit_expected_npv if self._base_points()[0] else None, BASE,
                 "Base signed instead, expected", Qt.PenStyle.DotLine)):
            if value is not None and math.isfinite(value):
                found.append((float(value), colour, f"{label}: {fine_money(value, money)}",
                              style))
        return found

    def _tooltip(self) -> str:
        values, _ = self._points()
        if not values or self.result is None:
            return ""
        money = self.result.currency
        text = (f"NPV of the robust plan over {len(values)} futures: from "
                f"{format_money(min(values), money)} to {format_money(max(values), money)}; "
                f"expected {format_money(self.result.expected_npv, money)}, CVaR "
                f"{format_money(self.result.cvar, money)}")
        if self._base_points()[0]:
            text += (f"\nOutlined: Base's retrofits signed instead, then adapted (expected "
                     f"{format_money(self.result.base_commit_expected_npv, money)})")
        return text

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        values, weights = self._points()
        if not values or self.result is None:
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter,
                             "Run the robust plan to see the NPV of each future.")
            return
        base_values, base_weights = self._base_points()
        markers = self.markers()
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(16, 10 + line * len(markers), -16, -(2 * line + 12))
        everything = values + base_values + [m[0] for m in markers]
        low, high = min(everything), max(everything)
        if high <= low:
            low, high = low - 0.5, high + 0.5
        width = (high - low) / BINS
        mass = histogram_on(values, weights, low, width)
        base_mass = histogram_on(base_values, base_weights, low, width) if base_values else []
        top = max(mass + base_mass) or 1.0
        bar_width = area.width() / BINS
        painter.setBrush(QBrush(BAR))
        for index, share in enumerate(mass):
            height = area.height() * share / top
            box = QRectF(area.left() + index * bar_width + 2, area.bottom() - height,
                         bar_width - 4, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(box)
            if share > 0:  # the probability, inside the bar's top
                painter.setPen(QPen(QColor("white")))
                painter.drawText(box.adjusted(0, 2, 0, 0),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 f"{share:.0%}")
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(BASE, 1.5))
        for index, share in enumerate(base_mass):
            if share > 0:
                height = area.height() * share / top
                painter.drawRect(QRectF(area.left() + index * bar_width + 1,
                                        area.bottom() - height, bar_width - 2, height))

        def x_of(value: float) -> float:
            return area.left() + (value - low) / (high - low) * area.width()

        for row, (value, colour, label, style) in enumerate(markers):
            x = x_of(value)
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(int(x), int(area.top()) - 2, int(x), int(area.bottom()))
            text_width = metrics.horizontalAdvance(label)
            left = x + 4 if x + 4 + text_width <= self.width() - 4 else x - 4 - text_width
            painter.drawText(int(max(4.0, left)), int(6 + line * (row + 1) - metrics.descent()),
                             label)
        painter.setPen(QPen(self.palette().text().color()))
        painter.drawLine(int(area.left()), int(area.bottom()), int(area.right()),
                         int(area.bottom()))
        money = self.result.currency
        baseline = int(area.bottom()) + line
        painter.drawText(int(area.left()), baseline, fine_money(low, money))
        high_text = fine_money(high, money)
        painter.drawText(int(area.right() - metrics.horizontalAdvance(high_text)), baseline,
                         high_text)
        title = (f"NPV of the robust plan in each future ({money}); bar: the futures' "
                 "probability"
                 + ("; outlined: Base's retrofits signed instead" if base_values else ""))
        painter.drawText(QRectF(area.left(), baseline + 4, area.width(), line + 4),
                         Qt.AlignmentFlag.AlignHCenter, title)


class FrequencyMap(QTableWidget):
    """Vessel by year: shade = how often the futures solved alone take a retrofit there;
    the mark = the robust plan (filled square: committed now; circle: adapted in some)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setDefaultSectionSize(44)

    def show_result(self, result: RobustResult | None,
                    names: dict[str, str] | None = None,
                    horizon: tuple[int, int] | None = None) -> None:
        """Fill the map; ``names``: ship names by vessel id (rows show the name);
        ``horizon``: the first and last year shown (else the years with a retrofit)."""
        self.clear()
        if result is None or not result.frequencies:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        names = names or {}
        vessels = sorted({f.vessel_id for f in result.frequencies},
                         key=lambda v: (names.get(v) or v).lower())
        first = min(f.year for f in result.frequencies)
        last = max(f.year for f in result.frequencies)
        if horizon is not None:
            first, last = min(first, horizon[0]), max(last, horizon[1])
        years = list(range(first, last + 1))
        self.setRowCount(len(vessels))
        self.setColumnCount(len(years))
        for row, vessel in enumerate(vessels):
            header = QTableWidgetItem(names.get(vessel) or vessel)
            header.setToolTip(f"{names.get(vessel) or vessel} (vessel {vessel})")
            self.setVerticalHeaderItem(row, header)
        commit = result.commit_until_year
        for column, year in enumerate(years):
            header = QTableWidgetItem(str(year))
            if commit is not None and year <= commit:
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setToolTip(f"{year}: signed now (committed up to {commit})")
            else:
                header.setToolTip(f"{year}: decided later, in each future")
            self.setHorizontalHeaderItem(column, header)
        cells: dict[tuple[str, int], list] = {}
        for frequency in result.frequencies:
            cells.setdefault((frequency.vessel_id, frequency.year), []).append(frequency)
        for (vessel, year), found in cells.items():
            self.setItem(vessels.index(vessel), years.index(year),
                         self._cell(names.get(vessel) or vessel, year, found))

    @staticmethod
    def _cell(vessel: str, year: int, found: list) -> QTableWidgetItem:
        alone = min(1.0, sum(f.alone_frequency for f in found))
        robust = max(f.robust_frequency for f in found)
        committed = any(f.committed and f.robust_frequency > 0.5 for f in found)
        mark = "■" if committed else ("●" if robust > 0 else "")
        item = QTableWidgetItem(mark)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        shade = QColor(BAR)
        shade.setAlphaF(0.12 + 0.78 * alone)
        item.setBackground(QBrush(shade))
        if alone > 0.55:
            item.setForeground(QBrush(QColor("white")))
        lines = [f"{vessel}, {year}"]
        for f in found:
            lines.append(f"{f.technology}: chosen alone in futures holding {f.alone_frequency:.0%}"
                         f" of the probability; in the robust plan in {f.robust_frequency:.0%}"
                         + (" (signed now)" if f.committed and f.robust_frequency > 0.5
                            else ""))
        item.setToolTip("\n".join(lines))
        return item
