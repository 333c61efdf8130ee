"""Yearly series given at some years, filled onto every year of the horizon (model.md).

Two rules: fuel prices and supplies are held flat before the first and after the
last given year; Targets columns are held flat after the last given year and are
absent before the first. Between given years both interpolate linearly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def _interpolate(points: Mapping[int, float], year: int) -> float:
    """Linear interpolation inside the given years (caller handles the outside)."""
    given = sorted(points)
    for low, high in zip(given, given[1:], strict=False):
        if low <= year <= high:
            if high == low:
                return float(points[low])
            share = (year - low) / (high - low)
            return float(points[low]) + share * (float(points[high]) - float(points[low]))
    return float(points[given[-1]])


def fill_flat(points: Mapping[int, float], years: Iterable[int]) -> dict[int, float | None]:
    """Prices and supplies: flat outward from the first and last given values.

    With no given value at all every year is None (no price; unlimited supply).
    """
    return _fill(points, years, flat_before=True)


def fill_targets(points: Mapping[int, float], years: Iterable[int]) -> dict[int, float | None]:
    """Targets columns: absent (None) before the first given year, flat after the last."""
    return _fill(points, years, flat_before=False)


def _fill(points: Mapping[int, float], years: Iterable[int],
          flat_before: bool) -> dict[int, float | None]:
    """Every year: before the first given year its value (``flat_before``) or None, flat
    after the last, linear between."""
    years = list(years)
    if not points:
        return dict.fromkeys(years)
    first, last = min(points), max(points)
    filled: dict[int, float | None] = {}
    for year in years:
        if year < first:
            filled[year] = float(points[first]) if flat_before else None
        elif year >= last:
            filled[year] = float(points[last])
        else:
            filled[year] = _interpolate(points, year)
    return filled
