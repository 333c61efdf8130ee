"""Where a sweep's plan changes as the value rises: retrofits taken up, dropped or moved.

One comparison of consecutive plans serves the sweep's text table (studies.py) and the
app's sweep chart, whether the plans come from a run or from a workbook read back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from planner.plan import MEETS_CAPS
from planner.schema import normalize

Retrofit = tuple[str, str]  # (vessel_id, technology)
SweepPlan = dict[Retrofit, list[int]]  # a plan's retrofits and their years
SHOWN = 6  # items listed in words before "and N more"


@dataclass
class PlanChange:
    """How the plan at ``value`` differs from the plan at the value before it."""

    value: float
    previous: float
    taken_up: list[str] = field(default_factory=list)  # "vessel technology (year)"
    dropped: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # "vessel technology 2028 → 2031"
    taken_up_keys: list[Retrofit] = field(default_factory=list)
    dropped_keys: list[Retrofit] = field(default_factory=list)

    def words(self) -> str:
        parts = []
        for title, items in (("Taken up", self.taken_up), ("Dropped", self.dropped),
                             ("Moved", self.moved)):
            if items:
                shown = items[:SHOWN] + ([f"and {len(items) - SHOWN} more"]
                                         if len(items) > SHOWN else [])
                parts.append(f"{title}: " + "; ".join(shown))
        return "\n".join(parts)


def sweep_plans(by_value: pd.DataFrame, retrofits: pd.DataFrame) -> list[tuple[float, SweepPlan]]:
    """Each value's plan (ascending), from the sweep's tables (case, value, status; case,
    vessel_id, technology, year); only cases with a plan that meets its caps."""
    usable = by_value[by_value["status"].map(lambda s: normalize(s) in MEETS_CAPS)]
    usable = usable.assign(value=usable["value"].astype(float)).sort_values("value",
                                                                            kind="stable")
    plans = []
    for value, case in zip(usable["value"], usable["case"], strict=True):
        chosen: SweepPlan = {}
        for row in retrofits[retrofits["case"] == case].itertuples(index=False):
            chosen.setdefault((str(row.vessel_id), str(row.technology)), []).append(
                int(row.year))
        plans.append((float(value), {key: sorted(years) for key, years in chosen.items()}))
    return plans


def changes_along(plans: Iterable[tuple[float, SweepPlan]]) -> list[PlanChange]:
    """The values (ascending) whose plan differs from the plan of the value before."""
    ordered = sorted(plans, key=lambda plan: plan[0])
    changes = []
    for (before_value, before), (value, after) in zip(ordered, ordered[1:], strict=False):
        change = PlanChange(value, before_value)
        for key in sorted(set(before) | set(after)):
            title = f"{key[0]} {key[1]}"
            if key not in before:
                change.taken_up.append(f"{title} ({', '.join(map(str, after[key]))})")
                change.taken_up_keys.append(key)
            elif key not in after:
                change.dropped.append(f"{title} ({', '.join(map(str, before[key]))})")
                change.dropped_keys.append(key)
            elif before[key] != after[key]:
                change.moved.append(f"{title} {', '.join(map(str, before[key]))} → "
                                    f"{', '.join(map(str, after[key]))}")
        if change.taken_up or change.dropped or change.moved:
            changes.append(change)
    return changes


def plan_changes(by_value: pd.DataFrame, retrofits: pd.DataFrame) -> list[PlanChange]:
    """Where the plan changes along a sweep, from its tables."""
    return changes_along(sweep_plans(by_value, retrofits))


def retrofit_switches(plans: Iterable[tuple[float, SweepPlan]]) -> pd.DataFrame:
    """Where each (vessel, technology) enters and leaves the plan as the value rises."""
    ordered = sorted(plans, key=lambda plan: plan[0])
    present: dict[Retrofit, list[float]] = {}
    for value, plan in ordered:
        for key in plan:
            present.setdefault(key, []).append(value)
    taken: dict[Retrofit, list[float]] = {}
    dropped: dict[Retrofit, list[float]] = {}
    for change in changes_along(ordered):
        for key in change.taken_up_keys:
            taken.setdefault(key, []).append(change.value)
        for key in change.dropped_keys:
            dropped.setdefault(key, []).append(change.value)
    lowest = ordered[0][1] if ordered else {}
    rows = [{"vessel_id": vessel, "technology": tech, "in_plan_at_lowest": (vessel, tech) in lowest,
             "taken_up_at": taken.get((vessel, tech), []),
             "dropped_at": dropped.get((vessel, tech), []),
             "in_plan_at": sorted(values)} for (vessel, tech), values in sorted(present.items())]
    return pd.DataFrame(rows, columns=["vessel_id", "technology", "in_plan_at_lowest",
                                       "taken_up_at", "dropped_at", "in_plan_at"])
