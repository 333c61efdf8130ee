"""Base's plan held in a case: can its retrofits be done there, and what it costs (regret).

Before the held solve, Base's retrofits are checked against the case's inputs in a
planner's words: the vessel in service, the technology available and fitting, a dock
year (the optimizer's checks), and the yard capacity and capex budget of each year.
"""

from __future__ import annotations

from collections import defaultdict

from planner.optimize.retrofits import fixed_retrofit_keys
from planner.plan import Plan, Status
from planner.reports import format_money
from planner.resolve import ModelData
from planner.schema import normalize
from planner.whatif.jobs import Retrofit

# Relative slack on the budget, so that a plan exactly at the budget is not refused.
BUDGET_TOLERANCE = 1e-9


def plan_retrofits(plan: Plan) -> tuple[Retrofit, ...]:
    """A plan's retrofits as (vessel_id, technology, year)."""
    return tuple((str(r.vessel_id), str(r.technology), int(r.year))
                 for r in plan.retrofits.itertuples(index=False))


def held_problems(data: ModelData, retrofits: tuple[Retrofit, ...]) -> list[str]:
    """Why Base's retrofits cannot be done in the case's inputs; [] when they can."""
    problems = list(fixed_retrofit_keys(data, retrofits)[1])
    settings = data.settings
    by_year: dict[int, list[Retrofit]] = defaultdict(list)
    for retrofit in retrofits:
        by_year[retrofit[2]].append(retrofit)
    capacity = settings.yard_capacity_per_year
    budget = settings.capex_budget_per_year
    vessels = {v.vessel_id.strip(): v for v in data.vessels}
    techs = {t.key: t for t in data.technologies}
    for year in sorted(by_year):
        done = by_year[year]
        if capacity is not None and len(done) > capacity:
            problems.append(f"Base does {len(done)} retrofit{'s' * (len(done) != 1)} in "
                            f"{year}; the yard takes {capacity} a year here")
        if budget is None:
            continue
        spent = 0.0
        for vessel_id, technology, _year in done:
            vessel, tech = vessels.get(vessel_id.strip()), techs.get(normalize(technology))
            if vessel is not None and tech is not None:
                spent += tech.capex_for(vessel)
        if spent > budget * (1 + BUDGET_TOLERANCE) + BUDGET_TOLERANCE:
            currency = settings.currency
            problems.append(f"Base's retrofits in {year} cost "
                            f"{format_money(spent, currency)}; the capex budget is "
                            f"{format_money(budget, currency)} a year here")
    return problems


def not_possible_note(problems: list[str], shown: int = 3) -> str:
    """The note of a case where Base's plan cannot be held."""
    text = "; ".join(problems[:shown])
    if len(problems) > shown:
        text += f"; and {len(problems) - shown} more"
    return f"Base's plan cannot be held here: {text}."


def held_note(held: Plan) -> str:
    """The note of a case whose held solve found no plan."""
    if held.status is Status.INFEASIBLE:
        return "Base's retrofits cannot meet this case's caps, whatever fuels they burn."
    if held.status is Status.INVALID:
        detail = held.message or "; ".join(i.message for i in held.issues)
        return f"Base's plan cannot be held here: {detail}"
    return f"Base's plan could not be evaluated here: {held.message or held.status}."
