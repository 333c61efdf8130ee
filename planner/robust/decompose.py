"""Progressive hedging for large robust runs: one subproblem per future, on the run's pool.

The extensive form grows with futures times vessels; here each future is solved on its
own, in parallel on the worker pool (``--jobs``) or a Dask cluster (``--scheduler``):

- **Bound (proven).** Every future's robust NPV is at least its NPV solved alone, and
  the objective ``(1 - lambda) E + lambda CVaR`` grows with every NPV, so the objective
  of the futures' own lower bounds (the wait-and-see bound) is a lower bound of the
  robust optimum.
- **Plans (feasible).** A candidate set of committed installs (x for t <=
  commit_until_year) is evaluated by solving every future with it fixed: the result
  satisfies non-anticipativity exactly, and its objective is an upper bound.
- **Progressive hedging** (Rockafellar and Wets; Watson and Woodruff for MILPs) moves the
  futures' committed decisions together: future s minimises ``NPV_s + w_s x + rho/2
  |x - xbar|^2``; on binaries the square is linear (``x (1 - 2 xbar) + xbar^2``), so each
  subproblem stays a MILP of the optimizer's own model with a price per committed install.
  ``rho`` is proportional to each install's cost. After each round the rounded average
  ``xbar`` is evaluated as a candidate.

It stops when the best candidate is within the gap of the bound, when the futures agree,
at the round limit, or at the time limit (the best candidate is kept, with its gap).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from planner.optimize.backends import SolverOutcome, SolverSettings, SolverStatus, relative_gap
from planner.optimize.bau import business_as_usual
from planner.optimize.extract import extract_plan
from planner.optimize.params import derive_params
from planner.robust.figures import risk_objective
from planner.robust.model import ExtensiveDone, ExtensiveJob, FutureData, Key

# rho per install, as a share of its own cost (Watson and Woodruff's cost-proportional rho).
RHO_SHARE = 0.3
# The proven bound is built from each future's bound alone (solved at the requested gap, as
# what-if cases are); where the bound's own slack is what keeps the gap open, the futures
# with the most slack are solved again at TIGHT_GAP_SHARE of the gap, each within an equal
# share of the time left (a bound at a time limit is still a bound). Candidate plans are
# priced by solves with the committed installs fixed at SUBPROBLEM_GAP_SHARE of the gap
# (their slack adds to the gap directly).
TIGHT_GAP_SHARE = 0.25
SUBPROBLEM_GAP_SHARE = 0.25
MAX_ROUNDS = 12


class Decomposition:
    """One progressive-hedging run over ``context``'s futures on ``pool``."""

    def __init__(self, context: Any, pool: Any, collect: Callable[[Any, set], bool],
                 results: dict[Any, Any], alone_bounds: list[float],
                 alone_committed: list[set[Key]], deadline: float) -> None:
        self.context = context
        self.pool = pool
        self.collect = collect  # takes finished tasks into ``results``; False when stopped
        self.results = results
        self.futures = context.futures
        self.settings = context.settings
        self.bounds = list(alone_bounds)
        self.objectives = list(context.alone_objectives)
        self.tightened = 0  # futures whose bound alone was proven again, more exactly
        self.retried: set[int] = set()  # futures solved again for it
        self.alone_committed = alone_committed
        self.deadline = deadline
        self.evaluated: dict[frozenset[Key], tuple[float, list[dict]] | None] = {}
        self.best: tuple[float, frozenset[Key], list[dict]] | None = None
        self.base_candidate: frozenset[Key] | None = None  # Base's committed installs
        self.base_keys: list[Any] = []  # their solves' result keys, by future
        self.rounds = 0
        self.tasks = 0
        self.stopped = False
        first = context.data[self.futures[0].name]
        self.params = [derive_params(context.data[f.name]) for f in self.futures]
        self.keys = sorted(set.intersection(*[
            {(v, k, t) for (v, k), years in params.install_years.items() for t in years
             if t <= self.settings.commit_until_year} for params in self.params]))
        base_params = derive_params(first)
        self.rho = {key: RHO_SHARE * max(abs(base_params.install_objective(*key)), 1.0)
                    for key in self.keys}

    # --- the pool -------------------------------------------------------------------
    def _run_all(self, jobs: dict[Any, ExtensiveJob]) -> dict[Any, ExtensiveDone | str] | None:
        pending = set()
        for key, job in jobs.items():
            # before the Base-commit jobs still waiting: the plan is what the run is for
            self.pool.submit(key, job, priority=2)
            pending.add(key)
            self.tasks += 1
        found: dict[Any, ExtensiveDone | str] = {}
        while pending:
            before = set(pending)
            if not self.collect(self.pool, pending):
                self.stopped = True
                return None
            for key in before - pending:
                found[key] = self.results.pop(key)
        return found

    def _time_left(self) -> float:
        return self.deadline - time.monotonic()

    def _settings(self, gap_share: float = 1.0, seconds: float | None = None
                  ) -> SolverSettings:
        base = self.context.solver
        limit = self._time_left() if seconds is None else min(seconds, self._time_left())
        return replace(base, time_limit=max(1.0, limit), mip_gap=base.mip_gap * gap_share,
                       threads=1)

    def _share_of_time(self, solves: int) -> float:
        """Each of ``solves`` parallel solves' equal share of the time left (at least 5 s):
        a priced plan at a time limit is still a plan, and a bound still a bound."""
        workers = max(1, int(getattr(self.pool, "size", 1)))
        return max(5.0, self._time_left() * workers / max(1, solves))

    def use_base_commit(self, jobs: dict[str, tuple[Any, frozenset[Key]]]) -> None:
        """Base's committed installs, already being solved in every future (the VSS's
        solves), are a candidate whose evaluation is those very solves."""
        if len(jobs) != len(self.futures) or any(f.name not in jobs for f in self.futures):
            return  # not possible in some future: not a candidate
        sets = {installs for _key, installs in jobs.values()}
        candidate = next(iter(sets))
        if len(sets) == 1 and candidate <= set(self.keys):
            self.base_candidate = candidate
            self.base_keys = [jobs[f.name][0] for f in self.futures]

    # --- candidates -----------------------------------------------------------------
    def evaluate(self, committed: frozenset[Key]) -> float | None:
        """The risk-weighted objective of every future with these installs committed."""
        if committed in self.evaluated:
            found = self.evaluated[committed]
            return None if found is None else found[0]
        if committed == self.base_candidate:
            done = self._base_commit_outcomes()
        else:
            fixed = dict.fromkeys(committed, 1)
            jobs = {("evaluate", self.tasks, index): ExtensiveJob(
                [FutureData(f.name, 1.0, self.context.data[f.name])],
                self.settings.commit_until_year, 0.0, self.settings.cvar_alpha,
                self._settings(SUBPROBLEM_GAP_SHARE), committed=fixed, label="evaluate")
                for index, f in enumerate(self.futures)}
            outcomes = self._run_all(jobs)
            done = None if outcomes is None else [outcomes[key] for key in sorted(
                outcomes, key=lambda k: k[2])]
        if done is None:
            return None
        npvs, values = [], []
        for index, outcome in enumerate(done):
            if isinstance(outcome, str) or outcome.outcome.objective is None:
                self.evaluated[committed] = None
                return None
            params = self.params[index]
            npvs.append(extract_plan(params, outcome.values[0],
                                     business_as_usual(params)).objective)
            values.append(outcome.values[0])
        objective = risk_objective(npvs, [f.probability for f in self.futures],
                                   self.settings.risk_weight, self.settings.cvar_alpha)
        self.evaluated[committed] = (objective, values)
        if self.best is None or objective < self.best[0]:
            self.best = (objective, committed, values)
        return objective

    def tighten(self) -> bool:
        """Solve again, more exactly, the futures whose bound alone is furthest below their
        objective, as many as the gap needs (twice the missing amount of slack), each future
        once; True when any was. Only worth it while the slack is what keeps the gap open."""
        if self.best is None:
            return False
        probabilities = [f.probability for f in self.futures]
        # a future alone stopped without a bound (-inf) is always solved again
        chosen = [i for i, bound in enumerate(self.bounds)
                  if not math.isfinite(bound) and i not in self.retried]
        slack = [0.0 if index in self.retried or index in chosen else
                 p * max(0.0, objective - bound) for index, (p, objective, bound) in
                 enumerate(zip(probabilities, self.objectives, self.bounds, strict=True))]
        missing = self.best[0] * (1 - self.context.solver.mip_gap) - risk_objective(
            [b if math.isfinite(b) else o for b, o in zip(self.bounds, self.objectives,
                                                         strict=True)],
            probabilities, self.settings.risk_weight, self.settings.cvar_alpha)
        if not chosen and (missing <= 0 or sum(slack) < missing):
            return False  # closing every bound alone would not be enough: hedging is
        covered = 0.0
        for index in sorted(range(len(slack)), key=lambda i: -slack[i]):
            if covered >= 2 * missing or slack[index] <= 0:
                break
            chosen.append(index)
            covered += slack[index]
        self.retried.update(chosen)
        jobs = {("bound", self.tasks, index): ExtensiveJob(
            [FutureData(self.futures[index].name, 1.0,
                        self.context.data[self.futures[index].name])],
            self.settings.commit_until_year, 0.0, self.settings.cvar_alpha,
            self._settings(TIGHT_GAP_SHARE, max(5.0, self._share_of_time(len(chosen)) / 2)),
            label="bound") for index in chosen}
        done = self._run_all(jobs)
        if done is None:
            return False  # stopped (self.stopped says so)
        for key, outcome in done.items():
            if isinstance(outcome, ExtensiveDone) and outcome.outcome.bound is not None:
                index = key[2]
                self.bounds[index] = max(self.bounds[index], outcome.outcome.bound)
                self.tightened += 1
        return True

    def _base_commit_outcomes(self) -> list[Any] | None:
        """The Base-commit solves' outcomes, by future, once all are in (left in results)."""
        pending = {key for key in self.base_keys if key not in self.results}
        while pending:
            if not self.collect(self.pool, pending):
                self.stopped = True
                return None
        return [self.results[key] for key in self.base_keys]

    def bound(self) -> float:
        if not all(math.isfinite(b) for b in self.bounds):
            return -math.inf  # some future alone has no proven bound (yet)
        return risk_objective(self.bounds, [f.probability for f in self.futures],
                              self.settings.risk_weight, self.settings.cvar_alpha)

    def gap(self) -> float | None:
        return None if self.best is None else relative_gap(self.best[0], self.bound())

    def _close_enough(self) -> bool:
        gap = self.gap()
        return gap is not None and gap <= self.context.solver.mip_gap

    def _average(self, decisions: list[set[Key]]) -> dict[Key, float]:
        return {key: sum(f.probability for f, chosen in zip(self.futures, decisions,
                                                             strict=True) if key in chosen)
                for key in self.keys}

    # --- the run --------------------------------------------------------------------
    def _first_candidates(self, decisions: list[set[Key]],
                          average: dict[Key, float]) -> list[frozenset[Key]]:
        """Base's commitments, the rounded average and the most likely futures' own."""
        candidates = [frozenset(k for k, v in average.items() if v > 0.5)]
        if self.base_candidate is not None:  # solved first, for the VSS: evaluated first
            candidates.insert(0, self.base_candidate)
        by_weight: dict[frozenset[Key], float] = {}
        for future, chosen in zip(self.futures, decisions, strict=True):
            taken = frozenset(chosen)
            by_weight[taken] = by_weight.get(taken, 0.0) + future.probability
        return candidates + sorted(by_weight, key=lambda c: -by_weight[c])[:2]

    def _finished(self, progress: Callable[[str], None]) -> bool:
        """After a candidate: the bounds tightened where that could close the gap; True when
        the gap is met or the time is up."""
        if not self._close_enough() and self._time_left() > 0 and self.tighten():
            progress(self._words())
        return self._close_enough() or self._time_left() <= 0

    def run(self, progress: Callable[[str], None]) -> ExtensiveDone | None:
        started = time.perf_counter()
        decisions = [set(c) & set(self.keys) for c in self.alone_committed]
        average = self._average(decisions)
        prices = [dict.fromkeys(self.keys, 0.0) for _ in self.futures]
        for candidate in self._first_candidates(decisions, average):
            if self.evaluate(candidate) is None and self.stopped:
                return None
            progress(self._words())
            if self._close_enough() or self._time_left() <= 0:
                return self._done(started)
        # the bounds are tightened only once the cheap candidates are in
        finished = self._finished(progress)
        if self.stopped:
            return None
        if finished:
            return self._done(started)
        while self.rounds < MAX_ROUNDS and self._time_left() > 0:
            self.rounds += 1
            found = self._hedge_round(decisions, average, prices)
            if found is None:
                return None
            decisions = found
            average = self._average(decisions)
            agreed = all(decisions[0] == chosen for chosen in decisions)
            self.evaluate(frozenset(k for k, v in average.items() if v > 0.5))
            if self.stopped:
                return None
            progress(self._words())
            finished = self._finished(progress)
            if self.stopped:
                return None
            if agreed or finished:
                break
        return self._done(started)

    def _hedge_round(self, decisions: list[set[Key]], average: dict[Key, float],
                     prices: list[dict[Key, float]]) -> list[set[Key]] | None:
        """One progressive-hedging round: prices moved, each future solved with them; its
        installs (the previous ones where it found no plan), or None when stopped."""
        for index, chosen in enumerate(decisions):  # w_s += rho (x_s - xbar)
            for key in self.keys:
                prices[index][key] += self.rho[key] * (float(key in chosen) - average[key])
        jobs = {("hedge", self.tasks, index): ExtensiveJob(
            [FutureData(f.name, 1.0, self.context.data[f.name])],
            self.settings.commit_until_year, 0.0, self.settings.cvar_alpha,
            self._settings(), label="hedge",
            prices=[{key: prices[index][key] + self.rho[key] * (0.5 - average[key])
                     for key in self.keys}])
            for index, f in enumerate(self.futures)}
        done = self._run_all(jobs)
        if done is None:
            return None
        new = []
        for key in sorted(done, key=lambda k: k[2]):
            outcome = done[key]
            if isinstance(outcome, str) or outcome.outcome.objective is None:
                new.append(decisions[key[2]])
                continue
            installs = outcome.values[0].get("install", {})
            new.append({k for k in self.keys if installs.get(k, 0.0) > 0.5})
        return new

    def _words(self) -> str:
        gap = self.gap()
        best = "none yet" if self.best is None else f"{self.best[0]:,.0f}"
        return (f"round {self.rounds}: best {best}, bound {self.bound():,.0f}" +
                ("" if gap is None else f", gap {gap:.3%}"))

    def _done(self, started: float) -> ExtensiveDone | None:
        if self.best is None:
            outcome = SolverOutcome(SolverStatus.NO_SOLUTION, message="no candidate plan")
            return ExtensiveDone("decomposition", outcome, [], time.perf_counter() - started,
                                 {"method": "progressive hedging"})  # type: ignore[dict-item]
        objective, _committed, values = self.best
        found = self.bound()
        bound = found if math.isfinite(found) else None  # none proven: null gap (robust.md)
        gap = relative_gap(objective, bound)
        status = SolverStatus.OPTIMAL if gap is not None and \
            gap <= self.context.solver.mip_gap else SolverStatus.FEASIBLE
        outcome = SolverOutcome(status, objective=objective, bound=bound, gap=gap,
                                stopped=status == SolverStatus.FEASIBLE)
        sizes: dict[str, Any] = {"method": "progressive hedging", "rounds": self.rounds,
                                 "subproblems": self.tasks, "shared_installs": len(self.keys),
                                 "bounds_tightened": self.tightened}
        return ExtensiveDone("decomposition", outcome, values, time.perf_counter() - started,
                             sizes)
