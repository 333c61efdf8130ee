"""A first plan for large models: dive on the LP relaxation, then solve the fuels with x fixed.

On fleets of a hundred ships and more, both MILP solvers spend most of their time at
the root before their own heuristics find any plan (CBC 50 s, HiGHS none in 60 s on
100 generated ships). This dive finds one in a few LP re-solves: solve the relaxation,
fix to 1 the most-installed fifth of the fractional retrofits (closing the vessel's
other years of that technology, and its other conversions; never beyond a year's
yard capacity or budget), re-solve warm, repeat until every x is integral. The last
LP is then the fuel plan of those retrofits, so the plan is feasible by construction,
unless the model has other binaries (the regimes' NZF states and FuelEU switches): the
dive leaves those fractional, and the worker solves them with its retrofits held
(worker._with_regime_binaries) before the plan is used.
It starts the MILP, and the relaxation's objective is a valid bound: when the two are
within the requested gap the plan is proven good enough without branching.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.optimize.handles import ModelHandles
from planner.optimize.params import ModelParams
from planner.plan import Method

IPM_MIN_INSTALLS = 5000

Key = tuple[int, int, int]


@dataclass
class StartPlan:
    """A feasible plan by column (PuLP's variables() order) and the LP bound, if known."""

    objective: float
    columns: np.ndarray
    bound: float | None
    seconds: float
    rounds: int
    found_by: str = Method.LP_DIVE


def _new_highs(threads: int | None, time_limit: float | None, monitor: Any) -> Any:
    import highspy

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    if threads is not None:
        highs.setOptionValue("threads", threads)
    if time_limit is not None:
        highs.setOptionValue("time_limit", max(0.05, float(time_limit)))
    if monitor is not None:
        def check(event: Any) -> None:
            if monitor.stop_requested():
                event.interrupt()

        highs.cbSimplexInterrupt.subscribe(check)
        highs.cbIpmInterrupt.subscribe(check)
    return highs


class _Dive:
    """Fix the relaxation's most-installed retrofits to 1 in batches until x is integral."""

    BATCH_SHARE = 0.2

    def __init__(self, handles: ModelHandles, params: ModelParams, highs: Any,
                 lower: np.ndarray, upper: np.ndarray) -> None:
        self.params = params
        self.highs = highs
        self.keys = list(handles.install)
        self.columns = np.array([handles.install[key].index for key in self.keys],
                                dtype=np.int32)
        self.position = {key: i for i, key in enumerate(self.keys)}
        self.lower = lower.copy()
        self.upper = upper.copy()
        self.by_vessel_tech: dict[tuple[int, int], list[int]] = {}
        self.conversions_of: dict[int, list[int]] = {}
        technologies = params.data.technologies
        for i, (vessel, tech, _year) in enumerate(self.keys):
            self.by_vessel_tech.setdefault((vessel, tech), []).append(i)
            if technologies[tech].is_conversion:
                self.conversions_of.setdefault(vessel, []).append(i)

    def _fix(self, index: int) -> None:
        vessel, tech, _year = self.keys[index]
        siblings = self.by_vessel_tech[vessel, tech]
        if self.params.data.technologies[tech].is_conversion:
            siblings = self.conversions_of[vessel]
        for other in siblings:
            self.upper[other] = 0.0
        self.lower[index] = self.upper[index] = 1.0

    def _room(self) -> tuple[dict[int, int], dict[int, float]]:
        """Retrofits and capex already fixed in each year."""
        count: dict[int, int] = {}
        spent: dict[int, float] = {}
        for i in np.flatnonzero(self.lower > 0.5):
            vessel, tech, year = self.keys[i]
            count[year] = count.get(year, 0) + 1
            spent[year] = spent.get(year, 0.0) + self.params.capex[vessel, tech]
        return count, spent

    def step(self, values: np.ndarray, share: float) -> list[int] | None:
        """Fix a batch (``share`` of the fractional x); None when x is already integral."""
        x = values[self.columns]
        batch: list[int] = []
        free = self.upper > self.lower
        for column in np.flatnonzero(free & (x >= 1.0 - 1e-6)):
            if self.upper[column] > 0.5:
                self._fix(int(column))
                batch.append(int(column))
        fractional = [int(i) for i in np.flatnonzero((self.upper > self.lower)
                                                     & (x > 1e-6) & (x < 1.0 - 1e-6))]
        if not fractional:
            return None
        fractional.sort(key=lambda i: -x[i])
        settings = self.params.data.settings
        count, spent = self._room()
        wanted = max(1, int(share * len(fractional)))
        taken = 0
        for i in fractional:
            if self.upper[i] < 0.5:  # closed by an earlier pick of this batch
                continue
            vessel, tech, year = self.keys[i]
            capex = self.params.capex[vessel, tech]
            if settings.yard_capacity_per_year is not None \
                    and count.get(year, 0) + 1 > settings.yard_capacity_per_year:
                continue
            if settings.capex_budget_per_year is not None \
                    and spent.get(year, 0.0) + capex > settings.capex_budget_per_year + 1e-6:
                continue
            self._fix(i)
            batch.append(i)
            count[year] = count.get(year, 0) + 1
            spent[year] = spent.get(year, 0.0) + capex
            taken += 1
            if taken >= wanted:
                break
        if taken == 0:  # no room left for the wanted ones: close the least wanted
            self.upper[fractional[-1]] = 0.0
            batch.append(fractional[-1])
        return batch

    def snapshot(self) -> tuple[np.ndarray, np.ndarray]:
        return self.lower.copy(), self.upper.copy()

    def restore(self, saved: tuple[np.ndarray, np.ndarray]) -> None:
        self.lower, self.upper = saved[0].copy(), saved[1].copy()

    def ban(self, index: int) -> None:
        self.upper[index] = self.lower[index]

    def apply(self) -> None:
        self.highs.changeColsBounds(len(self.columns), self.columns, self.lower, self.upper)


def find_start(handles: ModelHandles, params: ModelParams, monitor: Any,
               time_limit: float | None, threads: int | None) -> StartPlan | None:
    """A feasible plan from the LP relaxation (dive), or None; with the relaxation bound."""
    import highspy

    from planner.optimize.backends import highs_lp

    started = time.perf_counter()
    deadline = None if time_limit is None else started + time_limit
    model, _columns = highs_lp(handles.problem, integer=False)
    highs = _new_highs(threads, time_limit, monitor)
    highs.passModel(model)
    if len(handles.install) >= IPM_MIN_INSTALLS:  # large LPs: interior point, then crossover
        highs.setOptionValue("solver", "ipm")
    highs.run()
    highs.setOptionValue("solver", "choose")  # the dive re-solves warm with simplex
    optimal = highspy.HighsModelStatus.kOptimal
    if highs.getModelStatus() != optimal:
        return None
    bound = float(highs.getInfo().objective_function_value)
    install_columns = np.array([handles.install[key].index for key in handles.install],
                               dtype=np.int32)
    lower = np.asarray(model.col_lower_, dtype=float)[install_columns]
    upper = np.asarray(model.col_upper_, dtype=float)[install_columns]
    dive = _Dive(handles, params, highs, lower, upper)
    rounds = 0
    share = _Dive.BATCH_SHARE
    values = np.array(highs.getSolution().col_value, dtype=float)
    while True:
        if (monitor is not None and monitor.stop_requested()) or \
                (deadline is not None and time.perf_counter() > deadline):
            return None
        saved = dive.snapshot()
        batch = dive.step(values, share)
        if batch is None:
            values[install_columns] = np.round(values[install_columns])
            return StartPlan(objective=float(highs.getInfo().objective_function_value),
                             columns=values, bound=bound,
                             seconds=time.perf_counter() - started, rounds=rounds)
        dive.apply()
        highs.run()
        rounds += 1
        if highs.getModelStatus() == optimal:
            values = np.array(highs.getSolution().col_value, dtype=float)
            share = _Dive.BATCH_SHARE
            continue
        # The batch left no feasible plan (early caps need what it closed): take it
        # back, then try a smaller batch, or forbid a single retrofit that did it.
        dive.restore(saved)
        if len(batch) > 1:
            share /= 4.0
        else:
            dive.ban(batch[0])
        dive.apply()
        highs.run()
        if highs.getModelStatus() != optimal:
            return None
        values = np.array(highs.getSolution().col_value, dtype=float)
