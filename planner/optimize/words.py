"""The diagnosis in a planner's words: each limit with the numbers that make it bind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.optimize.params import GJ_PER_UNIT, ModelParams
from planner.plan import Limit

if TYPE_CHECKING:
    from planner.optimize.extract import PlanTables

MAX_LISTED = 3
# A supply at least this much used in the elastic plan counts as exhausted.
EXHAUSTED_SHARE = 0.999


def join_words(parts: list[str]) -> str:
    return "; ".join(parts)


def _listed(items: list[str]) -> str:
    shown = items[:MAX_LISTED]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def describe_limit(limit: str, params: ModelParams, year: int | None,
                   tables: PlanTables | None) -> str:
    """One limit with its numbers, e.g. "yard capacity (2 retrofits per year)"."""
    data = params.data
    settings = data.settings
    label = Limit(limit).words
    detail = ""
    if limit == Limit.YARD_CAPACITY:
        capacity = settings.yard_capacity_per_year
        detail = f"{capacity} retrofit{'s' * (capacity != 1)} per year"
    elif limit == Limit.CAPEX_BUDGET:
        detail = f"{settings.capex_budget_per_year:,.0f} {settings.currency} per year"
    elif limit == Limit.FUEL_SUPPLY:
        detail = _supply_detail(params, year, tables)
    elif limit == Limit.FUEL_AVAILABILITY:
        late = [fuel for fuel in data.fuels if fuel.available_from > settings.start_year]
        relevant = [fuel for fuel in late if year is None or fuel.available_from > year] or late
        detail = _listed([f"{fuel.name} not before {fuel.available_from}" for fuel in
                          sorted(relevant, key=lambda f: f.available_from)])
    elif limit == Limit.TECHNOLOGY_AVAILABILITY:
        later = [tech for tech in data.technologies
                 if tech.available_from > settings.start_year]
        waited = [tech for tech in later if year is None or tech.available_from > year] or later
        detail = _listed([f"{tech.name} not before {tech.available_from}" for tech in
                          sorted(waited, key=lambda t: t.available_from)])
    elif limit == Limit.DOCK_WINDOWS:
        docked = [vessel for vessel in data.vessels if vessel.next_drydock_year is not None]
        detail = (f"{len(docked)} vessel{'s' * (len(docked) != 1)} can be retrofitted only "
                  "in docking years")
    elif limit == Limit.BLEND_LIMITS:
        blended = [fuel for fuel in data.fuels if fuel.max_blend_share < 1.0]
        detail = _listed([f"{fuel.name} at most {fuel.max_blend_share:.0%} of a vessel's "
                          "energy" for fuel in blended])
    return f"{label} ({detail})" if detail else label


def _supply_detail(params: ModelParams, year: int | None, tables: PlanTables | None) -> str:
    """The fuels whose supply the elastic plan uses up in the year, with their tonnes."""
    data = params.data
    if year is None:
        limited = [fuel for fuel in data.fuels
                   if any(v is not None for v in data.supply[fuel.key].values())]
        return _listed([fuel.name for fuel in limited])
    used: dict[str, float] = {}
    if tables is not None and not tables.fuel_use.empty:
        rows = tables.fuel_use[tables.fuel_use["year"] == year]
        for name, tonnes in zip(rows["fuel"], rows["tonnes"], strict=True):
            used[name] = used.get(name, 0.0) + float(tonnes)
    supplies = [(fuel, supply) for fuel in data.fuels
                if (supply := data.supply[fuel.key].get(year)) is not None]
    exhausted = [(fuel, supply) for fuel, supply in supplies
                 if used.get(fuel.name, 0.0) >= EXHAUSTED_SHARE * supply]
    shown = exhausted or supplies
    return _listed([f"{fuel.name} {supply:,.0f} t in {year}" for fuel, supply in shown])


def stranded_vessels(params: ModelParams) -> str:
    """Vessel-years with energy demand and no fuel they could burn, in words ('' if none)."""
    data = params.data
    burnable: dict[tuple[int, int], bool] = {}
    for (vessel, _fuel), years in params.fuel_years.items():
        for year in years:
            burnable[vessel, year] = True
    stranded: dict[int, list[int]] = {}
    for (vessel, year), demand in params.demand.items():
        if demand / GJ_PER_UNIT > 0 and not burnable.get((vessel, year)):
            stranded.setdefault(vessel, []).append(year)
    if not stranded:
        return ""
    parts = []
    for vessel, years in stranded.items():
        ship = data.vessels[vessel]
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        parts.append(f"{ship.vessel_id} has no fuel it can burn in {span} "
                     f"(baseline {data.fuel(ship.baseline_fuel).name})")
    return _listed(parts) + "."
