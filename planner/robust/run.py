"""solve_robust: every future solved alone, then the robust plan over all of them (robust.md).

1. Base and every future case are solved alone, each with Base's plan held, by the
   what-if runner (its worker pool or Dask cluster).
2. A future whose inputs contradict each other makes the run invalid.
3. The extensive form (model.py) is solved; when it has no plan, the elastic robust
   problem: the least probability-weighted shortfall, then the best plan that keeps it.
   Alongside, each future is solved with Base's committed retrofits held (the VSS).
   Large runs go to the decomposition (decompose.py) on the same pool.
4. The figures: committed and adapted retrofits, NPV per future, CVaR, hedging cost,
   Base plan held and committed, VSS, EVPI, retrofit frequencies.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from planner.cases.changes import without_cases
from planner.cases.sheet import BASE
from planner.errors import Issue, PlannerError
from planner.optimize.backends import SolverSettings, SolverStatus
from planner.optimize.bau import business_as_usual
from planner.optimize.extract import PlanTables, extract_plan
from planner.optimize.params import derive_params
from planner.optimize.retrofits import fixed_retrofit_keys
from planner.optimize.solve import choose_solver
from planner.plan import Plan, Status
from planner.resolve import ModelData, resolve
from planner.robust.decompose import SUBPROBLEM_GAP_SHARE
from planner.robust.figures import all_known, cvar, expected, risk_objective
from planner.robust.futures import Future, read_futures
from planner.robust.model import ExtensiveDone, ExtensiveJob, FutureData, Key, Stage
from planner.robust.result import SHORT_TOLERANCE, Frequency, FutureResult, RobustResult
from planner.robust.settings import robust_settings
from planner.robust.tasks import run_task
from planner.scenario import Scenario
from planner.whatif.held import held_problems, not_possible_note, plan_retrofits
from planner.whatif.jobs import SolveOptions
from planner.whatif.results import CaseResult
from planner.whatif.runner import PreparedCase, prepare_cases, run_prepared

ProgressCallback = Callable[[str, dict[str, Any]], None]
POLL_SECONDS = 0.1
# Above this many futures times vessels the decomposition is used (docs/robust.md).
DECOMPOSE_FROM = 400


@dataclass
class RobustOptions:
    """How the run solves: solver, limits, parallel workers, and the method."""

    solver: str | None = None
    time_limit: float | None = None
    mip_gap: float | None = None
    jobs: int | None = None
    scheduler: str | None = None
    method: str = "auto"  # auto, extensive, decomposition


def solve_robust(scenario: Scenario, jobs: int | None = None, scheduler: str | None = None,
                 solver: str | None = None, time_limit: float | None = None,
                 mip_gap: float | None = None, method: str = "auto",
                 progress: ProgressCallback | None = None,
                 should_stop: Callable[[], bool] | None = None) -> RobustResult:
    """The robust plan over the scenario's futures; never raises for bad input."""
    started = time.perf_counter()
    options = RobustOptions(solver, time_limit, mip_gap, jobs, scheduler, method)
    result = _solve(scenario, options, progress, should_stop or (lambda: False))
    result.solve_seconds = time.perf_counter() - started
    result.solved_at = datetime.now(UTC).isoformat(timespec="seconds")
    result.input_fingerprint = scenario.fingerprint(include_robust=True)
    result.currency = str(scenario.settings.currency or "USD")
    return result


def _report(progress: ProgressCallback | None, phase: str, **info: Any) -> None:
    if progress is not None:
        progress(phase, info)


def _solve(scenario: Scenario, options: RobustOptions, progress: ProgressCallback | None,
           should_stop: Callable[[], bool]) -> RobustResult:
    from planner.validation import validate

    settings = robust_settings(scenario)
    result = RobustResult(Status.INVALID, settings.risk_weight, settings.cvar_alpha,
                          settings.commit_until_year)
    errors = [issue for issue in validate(scenario) if issue.is_error]
    if errors:
        result.issues = errors
        result.message = f"The workbook has {len(errors)} error{'s' * (len(errors) != 1)}; " \
                         "nothing was solved."
        return result
    sheet = read_futures(scenario)
    result.excluded_futures = [future.name for future in sheet.excluded]
    futures = sheet.futures
    if not futures:
        result.message = "No future has a probability above 0; nothing was solved."
        result.issues = [Issue("Futures", "", result.message)]
        return result
    gap = float(options.mip_gap if options.mip_gap is not None else scenario.settings.mip_gap)
    limit = float(options.time_limit if options.time_limit is not None
                  else scenario.settings.time_limit_s)
    name = choose_solver(options.solver or scenario.settings.solver)
    solve_options = SolveOptions(solver=name, time_limit=limit, mip_gap=gap)

    # 1. every future alone, with Base's plan held (the what-if runner)
    _report(progress, "alone", done=0, total=len(futures) + 1)
    cases = [future.name for future in futures if not future.is_base]
    prepared = prepare_cases(scenario, cases)

    def relay(case: str, done: int, total: int, _result: Any) -> None:
        _report(progress, "alone", done=done, total=total, future=case)

    pool = _pool(options, len(futures) + 1)
    try:
        result = _solve_with(scenario, options, progress, should_stop, result, futures,
                             prepared, solve_options, relay, pool)
    except BaseException:
        pool.stop()
        raise
    if not result.cancelled:  # a cancelled run has stopped the pool already
        pool.close()
    return result


def _pool(options: RobustOptions, tasks: int) -> Any:
    """One pool for the whole run (run_task runs what-if and robust jobs alike)."""
    if options.scheduler:
        from planner.whatif.cluster import DaskPool

        return DaskPool(options.scheduler, run_task)
    from planner.whatif.pool import ProcessPool

    return ProcessPool(max(1, min(options.jobs or os.cpu_count() or 1, tasks)), run_task)


def _solve_with(scenario: Scenario, options: RobustOptions, progress: ProgressCallback | None,
                should_stop: Callable[[], bool], result: RobustResult, futures: list[Future],
                prepared: list[PreparedCase], solve_options: SolveOptions,
                relay: Callable[..., None], pool: Any) -> RobustResult:
    settings = robust_settings(scenario)
    name, limit, gap = solve_options.solver, solve_options.time_limit, solve_options.mip_gap
    assert name is not None and gap is not None  # _solve chose both
    run = run_prepared(scenario, prepared, progress=relay, should_stop=should_stop,
                       options=solve_options, pool=pool)
    if run.cancelled:  # the runner has stopped the pool
        result.status, result.cancelled = Status.ERROR, True
        result.message = "Stopped before every future was solved alone."
        return result
    alone = {r.name: r for r in run.results}
    invalid = [f.name for f in futures if alone[f.name].status is Status.INVALID]
    if invalid:
        result.invalid_futures = invalid
        result.issues = [issue for f in invalid for issue in alone[f].issues]
        result.message = ("The inputs of " + _names(invalid) + " contradict each other (no "
                          "plan even with every cap softened); nothing else was solved.")
        return result
    failed = [f.name for f in futures if alone[f.name].status is Status.ERROR]
    if failed:
        result.status = Status.ERROR
        result.message = "No result for " + _names(failed) + ": " + \
            "; ".join(alone[f].note for f in failed)
        return result

    data = {f.name: resolve(_future_scenario(scenario, f, prepared)) for f in futures}
    base_result = alone[BASE]
    base_plan = base_result.plan if base_result.status.meets_caps else None
    base_retrofits = plan_retrofits(base_plan) if base_plan is not None and \
        base_plan.has_plan else None
    result.base_plan_retrofits = list(base_retrofits or [])

    # 2. the robust plan, and each future with Base's committed retrofits held
    # One thread per solve, like the what-if jobs on the same workers: HiGHS cannot change
    # its thread count within a process once it has run.
    solver_settings = SolverSettings(name=name, time_limit=limit, mip_gap=gap, threads=1)
    context = _Context(futures, data, settings, solver_settings, options, progress, should_stop)
    _alone_figures(context, alone)
    commit_jobs = _base_commit_jobs(context, base_retrofits, result)
    done = _RobustSolve(context, pool).run(commit_jobs)
    if done is None:
        result.status, result.cancelled = Status.ERROR, True
        result.message = "Stopped before the robust plan was found."
        return result
    _fill(result, context, done, alone, base_retrofits)
    return result


def _names(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _future_scenario(scenario: Scenario, future: Future,
                     prepared: list[PreparedCase]) -> Scenario:
    if future.is_base:
        return without_cases(scenario)
    return next(p.scenario for p in prepared if p.case.name == future.name)


@dataclass
class _Context:
    futures: list[Future]
    data: dict[str, ModelData]
    settings: Any
    solver: SolverSettings
    options: RobustOptions
    progress: ProgressCallback | None
    should_stop: Callable[[], bool]
    commit_notes: dict[str, str] = field(default_factory=dict)  # why Base's part is not held
    alone_bounds: list[float] | None = None  # each future's proven lower bound alone
    alone_committed: list[set[Key]] = field(default_factory=list)  # their committed installs
    alone_objectives: list[float] = field(default_factory=list)  # their objectives alone

    def future_data(self, names: list[str] | None = None) -> list[FutureData]:
        return [FutureData(f.name, f.probability, self.data[f.name]) for f in self.futures
                if names is None or f.name in names]

    def job(self, stage: Stage = Stage.PLAN, names: list[str] | None = None,
            **extra: Any) -> ExtensiveJob:
        return ExtensiveJob(self.future_data(names), self.settings.commit_until_year,
                            self.settings.risk_weight, self.settings.cvar_alpha, self.solver,
                            stage=stage, **extra)


def _alone_figures(context: _Context, alone: dict[str, CaseResult]) -> None:
    """Each future's proven bound alone and its own committed installs (the decomposition's
    start); no bounds when a future has no plan that meets its caps alone."""
    bounds: list[float] = []
    for future in context.futures:
        own = alone[future.name]
        plan = own.plan
        objective = own.objective
        if plan is None or objective is None:
            context.alone_bounds = None
            return
        if plan.best_bound is not None:
            bounds.append(min(objective, float(plan.best_bound)))
        elif plan.status is Status.OPTIMAL:  # proven within the gap, bound not reported
            bounds.append(objective - context.solver.mip_gap * abs(objective))
        else:  # a plan at the time limit without a bound proves nothing (decompose.py)
            bounds.append(-math.inf)
        keys, _ = fixed_retrofit_keys(context.data[future.name], [
            r for r in plan_retrofits(plan) if r[2] <= context.settings.commit_until_year])
        context.alone_committed.append(set(keys))
        context.alone_objectives.append(objective)
    context.alone_bounds = bounds


def decomposition_wanted(context: _Context) -> bool:
    """The decomposition when asked for, or (auto) for large runs whose futures all meet
    their caps alone (the elastic robust problem is solved as the extensive form)."""
    method = context.options.method
    if method == "extensive" or context.alone_bounds is None:
        return False
    if method == "decomposition":
        return True
    vessels = len(next(iter(context.data.values())).vessels)
    return len(context.futures) * vessels > DECOMPOSE_FROM


def _base_commit_jobs(context: _Context, base_retrofits: tuple | None,
                      result: RobustResult) -> dict[str, ExtensiveJob]:
    """Per future: solved alone with Base's retrofits of the committed years held."""
    jobs: dict[str, ExtensiveJob] = {}
    notes = context.commit_notes
    if base_retrofits is None:
        notes.update({f.name: "Base's caps cannot be met: there is no Base plan to commit."
                      for f in context.futures})
        return jobs
    commit_year = context.settings.commit_until_year
    committed = tuple(r for r in base_retrofits if r[2] <= commit_year)
    solver = context.solver
    if decomposition_wanted(context):  # they are one of its candidate plans: priced as such
        solver = replace(solver, mip_gap=solver.mip_gap * SUBPROBLEM_GAP_SHARE)
    for future in context.futures:
        data = context.data[future.name]
        problems = held_problems(data, committed)
        if problems:
            notes[future.name] = not_possible_note(problems).replace(
                "Base's plan cannot be held", "Base's committed retrofits cannot be held")
            continue
        keys, _ = fixed_retrofit_keys(data, committed)
        fixed: dict[Key, int] = dict.fromkeys(keys, 1)
        jobs[future.name] = ExtensiveJob(
            [FutureData(future.name, 1.0, data)], commit_year, 0.0, context.settings.cvar_alpha,
            solver, committed=fixed, label=f"commit:{future.name}")
    return jobs


class _RobustSolve:
    """The extensive form (and the elastic stages) beside the Base-commit jobs, on one pool."""

    def __init__(self, context: _Context, pool: Any) -> None:
        self.context = context
        self.pool = pool
        self.results: dict[Any, ExtensiveDone | str] = {}

    def run(self, commit_jobs: dict[str, ExtensiveJob]) -> dict[str, Any] | None:
        """The robust outcome and the commit outcomes; None when stopped."""
        pool = self.pool
        pending: set = set()
        decompose = decomposition_wanted(self.context)
        try:
            for name, job in commit_jobs.items():
                # in the decomposition Base's committed part is the first candidate plan
                pool.submit(("commit", name), job, priority=2 if decompose else 0)
                pending.add(("commit", name))
            if decompose:
                robust = self._decompose(pool, pending, commit_jobs)
            else:
                robust = self._solve_stages(pool, pending)
            if robust is None:
                pool.stop()
                return None
            if not self._wait(pool, pending):
                pool.stop()
                return None
        except BaseException:
            pool.stop()
            raise
        if robust.label == "no common plan":
            robust.sizes["without"] = self.leave_one_out()  # type: ignore[assignment]
        return {"robust": robust, "commit": {k[1]: v for k, v in self.results.items()
                                             if isinstance(k, tuple) and k[0] == "commit"}}

    def _decompose(self, pool: Any, pending: set,
                   commit_jobs: dict[str, ExtensiveJob]) -> ExtensiveDone | None:
        from planner.robust.decompose import Decomposition

        context = self.context
        assert context.alone_bounds is not None
        limit = context.solver.time_limit or 60.0
        run = Decomposition(context, pool, lambda p, keys: self._collect(p, keys, pending),
                            self.results, context.alone_bounds, context.alone_committed,
                            time.monotonic() + limit)
        run.use_base_commit({name: (("commit", name), frozenset(
            key for key, value in (job.committed or {}).items() if value))
            for name, job in commit_jobs.items()})
        return run.run(lambda words: _report(context.progress, "decomposition", message=words))

    def _collect(self, pool: Any, *pending: set) -> bool:
        """Take finished tasks (off every pending set given); False when stopped."""
        if self.context.should_stop():
            return False
        for key, ok, payload in pool.poll(POLL_SECONDS):
            for keys in pending:
                keys.discard(key)
            self.results[key] = payload if ok else str(payload)
        return True

    def _wait(self, pool: Any, pending: set, key: Any = None) -> bool:
        while (key in pending) if key is not None else pending:
            if not self._collect(pool, pending):
                return False
        return True

    def _one(self, pool: Any, pending: set, key: Any, job: ExtensiveJob) -> ExtensiveDone | None:
        pool.submit(key, job, priority=1)
        pending.add(key)
        if not self._wait(pool, pending, key):
            return None
        done = self.results[key]
        if isinstance(done, str):
            raise PlannerError(f"the robust model could not be solved: {done}")
        return done

    def _solve_stages(self, pool: Any, pending: set) -> ExtensiveDone | None:
        context = self.context
        _report(context.progress, "robust", stage="plan")
        done = self._one(pool, pending, "plan", context.job(label="plan"))
        if done is None or done.outcome.status != SolverStatus.INFEASIBLE:
            return done
        _report(context.progress, "robust", stage="shortfall")
        shortfall = self._one(pool, pending, "shortfall",
                              context.job(Stage.SHORTFALL, label="shortfall"))
        if shortfall is None:
            return None
        if shortfall.outcome.objective is None:
            shortfall.label = "no common plan"
            return shortfall
        _report(context.progress, "robust", stage="elastic")
        elastic = self._one(pool, pending, "elastic", context.job(
            Stage.ELASTIC, shortfall_limit=shortfall.outcome.objective, label="elastic"))
        if elastic is not None:
            elastic.sizes["shortfall_objective"] = shortfall.outcome.objective  # type: ignore
        return elastic

    def leave_one_out(self) -> list[str]:
        """The futures whose leaving out alone leaves the others a common softened plan."""
        context = self.context
        names = [f.name for f in context.futures]
        pool, pending = self.pool, set()
        for name in names:
            others = [n for n in names if n != name]
            pool.submit(("without", name), context.job(Stage.SHORTFALL, names=others))
            pending.add(("without", name))
        if not self._wait(pool, pending):
            return []
        found = []
        for name in names:
            done = self.results.get(("without", name))
            if isinstance(done, ExtensiveDone) and done.outcome.objective is not None:
                found.append(name)
        return found


def _tables(data: ModelData, values: dict) -> tuple[PlanTables, Any]:
    params = derive_params(data)
    bau = business_as_usual(params)
    return extract_plan(params, values, bau), params


def _fill(result: RobustResult, context: _Context, done: dict[str, Any],
          alone: dict[str, CaseResult], base_retrofits: tuple | None) -> None:
    robust: ExtensiveDone = done["robust"]
    if _without_plan(result, robust):
        return
    futures = context.futures
    commit_year = context.settings.commit_until_year
    elastic = robust.label == "elastic"
    npvs: list[float] = []
    for future, values in zip(futures, robust.values, strict=True):
        entry = _future_entry(future, values, context, done, alone[future.name], elastic)
        result.futures[future.name] = entry
        npvs.append(entry.npv)  # type: ignore[arg-type]
    result.committed_retrofits = sorted(
        {r for f in result.futures.values() for r in f.retrofits if r[2] <= commit_year},
        key=lambda r: (r[2], r[0], r[1]))
    probabilities = [f.probability for f in futures]
    result.expected_npv = expected(npvs, probabilities)
    result.cvar = cvar(npvs, probabilities, context.settings.cvar_alpha)
    weighted = risk_objective(npvs, probabilities, context.settings.risk_weight,
                              context.settings.cvar_alpha)
    result.gap, result.bound = robust.outcome.gap, robust.outcome.bound
    result.method = robust.sizes.get("method", "extensive form")  # type: ignore[assignment]
    if elastic:
        _fill_short(result, weighted, alone)
    else:
        result.status = Status.OPTIMAL if robust.outcome.status == SolverStatus.OPTIMAL \
            else Status.FEASIBLE
        result.objective = weighted
        result.message = _plan_words(result, robust)
    _comparisons(result, context, alone, base_retrofits)
    result.frequencies = _frequencies(result, commit_year)


def _without_plan(result: RobustResult, robust: ExtensiveDone) -> bool:
    """No robust plan (the futures have no common plan, or none was found): say why."""
    outcome = robust.outcome
    if robust.label == "no common plan":
        result.status = Status.INVALID
        result.invalid_futures = list(robust.sizes.get("without", []))  # type: ignore[arg-type]
        who = _names(result.invalid_futures) if result.invalid_futures else "no single future"
        result.message = ("Each future has a plan with every cap softened, but not together: "
                          "the committed retrofits leave one of them none. Leaving out "
                          f"{who} would leave the others a common plan.")
        result.issues = [Issue("Futures", "", result.message)]
        return True
    if outcome.objective is None or not robust.values:
        result.status = Status.ERROR
        result.message = ("No robust plan was found within the time limit; allow more time or "
                          "a larger gap." if outcome.status == SolverStatus.NO_SOLUTION else
                          f"The solver failed: {outcome.message}")
        return True
    return False


def _future_entry(future: Future, values: dict, context: _Context, done: dict[str, Any],
                  own: CaseResult, elastic: bool) -> FutureResult:
    """One future's part of the robust plan, beside its plan alone and Base's held."""
    data = context.data[future.name]
    tables, params = _tables(data, values)
    plan = Plan(status=Status.INFEASIBLE if elastic else Status.OPTIMAL,
                objective=tables.objective, annual=tables.annual,
                retrofits=tables.retrofits, fuel_use=tables.fuel_use)
    entry = FutureResult(future.name, future.probability, plan=plan, npv=tables.objective,
                         emissions_by_year=dict(tables.emissions_by_year),
                         alone_status=str(own.status), alone_objective=own.objective,
                         alone_plan=own.plan,
                         alone_retrofits=list(plan_retrofits(own.plan)) if own.plan
                         is not None and own.plan.has_plan else [],  # elastic ones too
                         base_plan_objective=own.base_plan_objective)
    shortfall = {year: tables.cap_excess(params, year) for year in params.hard_cap_years}
    entry.shortfall_by_year = {y: v for y, v in shortfall.items() if v > SHORT_TOLERANCE}
    notes = []
    if own.status is Status.INFEASIBLE:
        notes.append("Its caps cannot be met even alone.")
    if own.base_plan_objective is None and own.note:
        notes.append(own.note)
    commit = done["commit"].get(future.name)
    if isinstance(commit, ExtensiveDone) and commit.outcome.objective is not None:
        commit_tables, _ = _tables(data, commit.values[0])
        entry.base_commit_objective = commit_tables.objective
    elif future.name in context.commit_notes:
        notes.append(context.commit_notes[future.name])
    elif isinstance(commit, ExtensiveDone) and \
            commit.outcome.status == SolverStatus.INFEASIBLE:
        notes.append("Base's committed retrofits cannot meet this future's caps, "
                     "whatever is adapted later.")
    elif commit is not None:
        notes.append("Base's committed retrofits could not be evaluated here.")
    entry.note = " ".join(dict.fromkeys(notes))
    return entry


def _fill_short(result: RobustResult, weighted: float, alone: dict[str, CaseResult]) -> None:
    """The elastic robust plan: how far above the hard caps, and in which futures."""
    result.status = Status.INFEASIBLE
    result.elastic_objective = weighted
    result.shortfall_total = sum(f.probability * f.shortfall_total
                                 for f in result.futures.values())
    short = result.short_futures
    alone_short = [n for n in short if alone[n].status is Status.INFEASIBLE]
    result.message = (f"The caps cannot be met in every future: the robust plan that "
                      f"comes closest is {result.shortfall_total:,.0f} tCO2e (probability-"
                      f"weighted) above the hard caps, in {_names(short) or 'no future'}.")
    if alone_short:
        whose = "its" if len(alone_short) == 1 else "their"
        result.message += f" {_names(alone_short)} cannot meet {whose} caps even alone."


def _plan_words(result: RobustResult, robust: ExtensiveDone) -> str:
    count = len(result.committed_retrofits)
    what = f"{count} committed retrofit{'s' * (count != 1)}"
    if result.status is Status.OPTIMAL:
        gap = "" if result.gap is None else f" within a gap of {result.gap:.2%}"
        return f"Robust plan ({what}), proven{gap}."
    gap = "" if result.gap is None else f"; it is within {result.gap:.2%} of the best possible"
    return f"Time limit reached: the best robust plan found ({what}){gap}."


def _comparisons(result: RobustResult, context: _Context, alone: dict[str, CaseResult],
                 base_retrofits: tuple | None) -> None:
    futures = list(result.futures.values())
    p = [f.probability for f in futures]
    weight, alpha = context.settings.risk_weight, context.settings.cvar_alpha
    held = [f.base_plan_objective for f in futures]
    if all_known(held):
        result.base_plan_expected_npv = expected(held, p)  # type: ignore[arg-type]
        result.base_plan_cvar = cvar(held, p, alpha)  # type: ignore[arg-type]
    commit = [f.base_commit_objective for f in futures]
    if all_known(commit):
        result.base_commit_expected_npv = expected(commit, p)  # type: ignore[arg-type]
        result.base_commit_cvar = cvar(commit, p, alpha)  # type: ignore[arg-type]
    short = result.status is Status.INFEASIBLE
    if not short and result.base_commit_expected_npv is not None \
            and result.expected_npv is not None and result.objective is not None:
        result.vss = result.base_commit_expected_npv - result.expected_npv
        result.vss_risk_adjusted = ((1 - weight) * result.base_commit_expected_npv
                                    + weight * result.base_commit_cvar) - result.objective
    own = [f.alone_objective for f in futures]
    if not short and all_known(own) and result.expected_npv is not None \
            and result.objective is not None:
        result.wait_and_see = expected(own, p)  # type: ignore[arg-type]
        result.evpi = result.expected_npv - result.wait_and_see
        result.evpi_risk_adjusted = result.objective - (
            (1 - weight) * result.wait_and_see + weight * cvar(own, p, alpha))  # type: ignore


def _frequencies(result: RobustResult, commit_year: int) -> list[Frequency]:
    alone: dict[tuple, float] = {}
    robust: dict[tuple, float] = {}
    for future in result.futures.values():
        plan = future.alone_plan
        if plan is not None and plan.has_plan:
            for retrofit in plan_retrofits(plan):
                alone[retrofit] = alone.get(retrofit, 0.0) + future.probability
        for retrofit in future.retrofits:
            robust[retrofit] = robust.get(retrofit, 0.0) + future.probability
    keys = sorted(set(alone) | set(robust), key=lambda r: (r[0], r[2], r[1]))
    return [Frequency(v, k, t, t <= commit_year, alone.get((v, k, t), 0.0),
                      robust.get((v, k, t), 0.0)) for v, k, t in keys]
