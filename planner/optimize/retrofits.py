"""Retrofits held fixed (a plan carried into another scenario): matched and checked."""

from __future__ import annotations

from collections.abc import Iterable

from planner.resolve import ModelData
from planner.schema import normalize


def fixed_retrofit_keys(data: ModelData, retrofits: Iterable[tuple[str, str, int]]
                        ) -> tuple[frozenset[tuple[int, int, int]], list[str]]:
    """(vessel, tech, year) positions of (vessel_id, technology, year), and why any fail."""
    vessels = {vessel.vessel_id.strip(): position for position, vessel in
               enumerate(data.vessels)}
    techs = {tech.key: position for position, tech in enumerate(data.technologies)}
    keys: set[tuple[int, int, int]] = set()
    problems: list[str] = []
    for vessel_id, technology, year in retrofits:
        vessel = vessels.get(str(vessel_id).strip())
        tech = techs.get(normalize(technology))
        if vessel is None or tech is None:
            missing = f"vessel {vessel_id}" if vessel is None else f"technology {technology}"
            problems.append(f"{vessel_id}: {technology} in {year} is not possible: there is no "
                            f"{missing}")
            continue
        reason = _why_not(data, vessel, tech, int(year))
        if reason:
            problems.append(f"{vessel_id}: {technology} in {year} is not possible: {reason}")
        else:
            keys.add((vessel, tech, int(year)))
    return frozenset(keys), problems


def _why_not(data: ModelData, vessel: int, tech: int, year: int) -> str:
    ship, info = data.vessels[vessel], data.technologies[tech]
    if year not in data.years:
        return "the year is outside the horizon"
    if not ship.active(year):
        return "the vessel is not in service that year"
    if year < info.available_from:
        return f"the technology is available only from {info.available_from}"
    if not info.fits(ship):
        return "the technology does not fit the vessel's type"
    if not ship.dock_year(year):
        return "it is not one of the vessel's docking years"
    return ""
