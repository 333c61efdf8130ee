"""The one palette of every chart and grid: colour-blind-safe colours (Okabe-Ito, Paul
Tol's muted set) and distinct line styles, so that no two lines differ by hue alone.

Colours are fixed per cost kind, per fuel (by its family: oil grey, LNG sky blue,
methanol green, ammonia purple, ...), per technology and per case, so the same thing
has the same colour in every chart (the hex values live in planner.colors, which the
PDF report's charts use too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from planner.cases.sheet import is_base
from planner.colors import (  # noqa: F401 - the palette's colours, named here for the app
    BAU_COLOR,
    BLACK,
    BLUE,
    CAP_COLOR,
    CASE_COLORS,
    CHANGE_COLOR,
    COST_COLORS,
    EMISSIONS_COLOR,
    FAMILY_COLORS,
    GREEN,
    HIGH_COLOR,
    LOW_COLOR,
    ORANGE,
    OTHER_COLORS,
    PLAN_COLOR,
    PURPLE,
    SHORT_COLOR,
    SKY_BLUE,
    SOFT_COLOR,
    TOL_MUTED,
    VERMILLION,
    YELLOW,
)
from planner.scenario import Scenario
from planner.schema import normalize, split_list

LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
               Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)

# A family's further fuels: hue turned a little and lighter or darker (hue degrees, %).
_SHADE_STEPS = ((14, 155), (-14, 62), (28, 195), (-28, 48), (40, 225))


@dataclass(frozen=True)
class LineStyle:
    """How one case's line is drawn."""

    color: QColor
    style: Qt.PenStyle
    width: float


def case_styles(names: Sequence[str]) -> dict[str, LineStyle]:
    """Base thick solid blue; the other cases in order, colour and dash both changing."""
    styles: dict[str, LineStyle] = {}
    others = 0
    for name in names:
        if is_base(name):
            styles[name] = LineStyle(QColor(PLAN_COLOR), Qt.PenStyle.SolidLine, 3.4)
            continue
        color = CASE_COLORS[others % len(CASE_COLORS)]
        style = LINE_STYLES[others % len(LINE_STYLES)]
        styles[name] = LineStyle(QColor(color), style, 2.0)
        others += 1
    return styles


def case_colors(names: Sequence[str]) -> dict[str, QColor]:
    """The colour of each case's line (case_styles without the dashes)."""
    return {name: style.color for name, style in case_styles(names).items()}


def shade(base: QColor, rank: int) -> QColor:
    """The colour of a family's ``rank``-th fuel: the family's colour itself for rank 0."""
    if rank == 0:
        return QColor(base)
    hue_turn, factor = _SHADE_STEPS[(rank - 1) % len(_SHADE_STEPS)]
    color = QColor(base)
    hue, saturation, value, alpha = color.getHsv()
    if hue >= 0:  # greys have no hue to turn
        color.setHsv((hue + hue_turn) % 360, saturation, value, alpha)
    return color.lighter(factor) if factor > 100 else color.darker(int(10000 / factor))


def fuel_colors(fuels: Sequence[str], families: dict[str, str]) -> dict[str, QColor]:
    """A colour per fuel: its family's hue; a family's other fuels in other shades of it."""
    colors: dict[str, QColor] = {}
    seen_in_family: dict[str, int] = {}
    spare = iter(OTHER_COLORS * 3)
    spare_by_family: dict[str, str] = {}
    by_key = {normalize(name): family for name, family in families.items()}
    for fuel in fuels:
        family = by_key.get(normalize(fuel), "")
        if family in FAMILY_COLORS:
            base = QColor(FAMILY_COLORS[family])
        else:
            if family not in spare_by_family or not family:
                spare_by_family[family] = next(spare)
            base = QColor(spare_by_family[family])
        rank = seen_in_family.get(family, 0)
        seen_in_family[family] = rank + 1
        colors[fuel] = shade(base, rank)
    return colors


def technology_colors(technologies: Sequence[str],
                      scenario: Scenario | None = None) -> dict[str, QColor]:
    """A colour per technology: a conversion takes the colour of the family it enables
    (darker), an efficiency technology one of the other colours, in sheet order."""
    enables: dict[str, str] = {}
    order: list[str] = []
    if scenario is not None:
        for row in scenario.technologies.to_dict("records"):
            key = normalize(row["technology"])
            order.append(key)
            families = [normalize(f) for f in split_list(row["enables"])]
            if normalize(row["kind"]) == "conversion" and families:
                enables[key] = families[0]
    # Every technology of the sheet gets its colour, so a plan without one of them
    # does not shift the others' colours.
    keys = [normalize(t) for t in technologies]
    ranked = list(dict.fromkeys(order)) + sorted({k for k in keys if k not in order})
    colors_by_key: dict[str, QColor] = {}
    spare = 0
    for key in ranked:
        family = enables.get(key)
        if family in FAMILY_COLORS:
            colors_by_key[key] = QColor(FAMILY_COLORS[family]).darker(115)
        else:
            colors_by_key[key] = QColor(OTHER_COLORS[spare % len(OTHER_COLORS)])
            spare += 1
    return {name: colors_by_key[normalize(name)] for name in technologies}
