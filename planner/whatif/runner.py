"""run_cases: Base and every case solved in parallel, each also with Base's plan held (whatif.md).

Every case is solved exactly as ``planner solve`` solves its scenario. As soon as Base
and a case both have a plan, the case gets a second job: Base's retrofits held fixed
and the fuel use re-optimised under the case's inputs (``base_plan_objective``,
``regret``). Jobs run in worker processes on this machine (one solver thread each) or
on a Dask cluster; progress is reported as each case finishes; ``should_stop`` is
polled every 0.1 s and stops every run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from planner.cases.sheet import (
    BASE,
    Case,
    case_scenario,
    is_base,
    read_cases,
    without_cases,
)
from planner.errors import Issue, PlannerError, WorkbookError, last_line
from planner.plan import Plan, Status
from planner.resolve import fill, resolve
from planner.scenario import Scenario
from planner.schema import CASES, normalize
from planner.validation import validate
from planner.whatif.held import held_note, held_problems, not_possible_note, plan_retrofits
from planner.whatif.jobs import HELD, OWN, Job, JobDone, Retrofit, SolveOptions, run_job
from planner.whatif.results import CaseResult, CasesRun

ProgressCallback = Callable[[str, int, int, CaseResult], None]
POLL_SECONDS = 0.1
# A held plan cheaper than the case's own by less than this (relative) is the same plan.
SAME_COST = 1e-7


class Pool(Protocol):
    """What the runner needs of a backend (local processes or a Dask cluster)."""

    def submit(self, key: Any, payload: Any, priority: int = 0) -> None: ...

    def poll(self, timeout: float) -> list[tuple[Any, bool, Any]]: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


@dataclass
class PreparedCase:
    """A case and its scenario, ready to solve."""

    case: Case
    scenario: Scenario


def run_cases(scenario: Scenario, cases: list[str] | None = None, jobs: int | None = None,
              scheduler: str | None = None, progress: ProgressCallback | None = None,
              should_stop: Callable[[], bool] | None = None, solver: str | None = None,
              time_limit: float | None = None, mip_gap: float | None = None) -> CasesRun:
    """Solve Base and the cases of the Cases sheet (all, or those named), in parallel.

    Raises WorkbookError, listing every problem, when the scenario or its Cases sheet
    has errors (nothing is solved then).
    """
    prepared = prepare_cases(scenario, cases)
    return run_prepared(scenario, prepared, jobs=jobs, scheduler=scheduler, progress=progress,
                        should_stop=should_stop,
                        options=SolveOptions(solver=solver, time_limit=time_limit,
                                             mip_gap=mip_gap))


def check_scenario(scenario: Scenario) -> None:
    """WorkbookError with every error of the scenario (its Cases sheet included)."""
    errors = [issue for issue in validate(scenario) if issue.is_error]
    if errors:
        raise WorkbookError(errors, headline=f"The workbook has {len(errors)} error"
                            f"{'s' if len(errors) != 1 else ''}; nothing was solved")


def prepare_cases(scenario: Scenario, names: list[str] | None = None) -> list[PreparedCase]:
    """The scenarios of the chosen cases (all when ``names`` is None), Base excluded."""
    check_scenario(scenario)
    sheet = read_cases(scenario)
    chosen = sheet.cases
    if names is not None:
        wanted = [name for name in names if not is_base(name)]
        missing = [name for name in wanted if sheet.find(name) is None]
        if missing:
            known = ", ".join(f'"{c.name}"' for c in sheet.cases) or "none"
            raise WorkbookError([Issue(CASES.name, "", f'no case named "{name}"; the cases '
                                       f"are: {known}") for name in missing],
                                headline="Unknown case" + ("s" if len(missing) > 1 else ""))
        keys = {normalize(name) for name in wanted}
        chosen = [case for case in sheet.cases if case.key in keys]
    filled = fill(scenario)
    prepared = []
    for case in chosen:
        result, problems = case_scenario(filled, case, scenario)
        errors = [issue for issue in problems if issue.is_error]
        if errors:  # validation reports these too; kept for a scenario it did not see
            raise WorkbookError(errors)
        prepared.append(PreparedCase(case, result))
    return prepared


def run_prepared(scenario: Scenario, prepared: list[PreparedCase], jobs: int | None = None,
                 scheduler: str | None = None, progress: ProgressCallback | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 options: SolveOptions | None = None, pool: Pool | None = None) -> CasesRun:
    """Solve Base and the prepared cases; the result has Base first, then the cases in order.

    ``pool`` is a pool the caller owns and keeps using (its function must run a what-if
    Job, e.g. planner.robust.tasks.run_task); it is stopped on cancel, never closed here.
    """
    options = options or SolveOptions()
    names = [p.case.name for p in prepared]
    if len({normalize(n) for n in names} | {normalize(BASE)}) != len(names) + 1:
        raise PlannerError("case names must be unique and other than Base")
    if jobs is not None and jobs < 1:
        raise PlannerError(f"the number of jobs must be 1 or more, got {jobs}")
    started = time.perf_counter()
    tracker = _Tracker(scenario, prepared, options, progress)
    owned = pool is None
    if pool is not None:
        workers = getattr(pool, "size", 1)
    elif scheduler:
        from planner.whatif.cluster import DaskPool

        pool = DaskPool(scheduler, run_job)
        workers = pool.size
    else:
        from planner.whatif.pool import ProcessPool

        workers = min(jobs or os.cpu_count() or 1, len(prepared) + 1)
        pool = ProcessPool(workers, run_job)
    cancelled = False
    try:
        for job in tracker.first_jobs():
            pool.submit((job.kind, job.case), job)
        while tracker.unfinished:
            if should_stop is not None and should_stop():
                cancelled = True
                break
            for (kind, name), ok, payload in pool.poll(POLL_SECONDS):
                for job in tracker.record(kind, name, ok, payload):
                    # a held job completes its case: it goes before the cases not started
                    pool.submit((job.kind, job.case), job, priority=1)
    except BaseException:
        pool.stop()
        raise
    if cancelled:
        pool.stop()
    elif owned:
        pool.close()
    return CasesRun(scenario=scenario, results=tracker.results(cancelled), cancelled=cancelled,
                    seconds=time.perf_counter() - started, jobs=workers,
                    backend=scheduler or "local")


class _Tracker:
    """Which jobs are done, which follow, and each case's result once complete."""

    def __init__(self, scenario: Scenario, prepared: list[PreparedCase], options: SolveOptions,
                 progress: ProgressCallback | None) -> None:
        self.base_scenario = without_cases(scenario)
        self.prepared = {p.case.name: p for p in prepared}
        self.order = [BASE, *self.prepared]
        self.options = options
        self.progress = progress
        self.own: dict[str, JobDone | str] = {}  # a job's result, or why it failed
        self.finished: dict[str, CaseResult] = {}
        self.waiting_held: dict[str, CaseResult] = {}  # own plan done, held job running
        self.base_retrofits: tuple[Retrofit, ...] | None = None

    @property
    def unfinished(self) -> bool:
        return len(self.finished) < len(self.order)

    def first_jobs(self) -> list[Job]:
        jobs = [Job(BASE, OWN, self.base_scenario, self.options)]
        jobs += [Job(name, OWN, p.scenario, self.options) for name, p in self.prepared.items()]
        return jobs

    def record(self, kind: str, name: str, ok: bool, payload: Any) -> list[Job]:
        """Take a finished job; return the jobs that follow from it."""
        outcome: JobDone | str = payload if ok else str(payload)
        if kind == HELD:
            self._finish_held(name, outcome)
            return []
        self.own[name] = outcome
        if name == BASE:
            self._finish_base(outcome)
            waiting = [n for n in self.prepared if n in self.own and n not in self.finished]
            return [job for n in waiting if (job := self._next(n)) is not None]
        if BASE not in self.finished:
            return []  # waits for Base's plan
        job = self._next(name)
        return [] if job is None else [job]

    # --- Base -----------------------------------------------------------------------
    def _finish_base(self, outcome: JobDone | str) -> None:
        if isinstance(outcome, str):
            self._done(CaseResult(BASE, Status.ERROR, note=f"No result: {last_line(outcome)}",
                                  details=outcome))
            return
        plan = outcome.plan
        result = _result(BASE, plan, outcome.seconds)
        if plan.status.meets_caps:
            self.base_retrofits = plan_retrofits(plan)
            result.base_plan_objective = result.objective
            result.regret = 0.0
        elif plan.status is Status.INFEASIBLE:
            result.note = (f"{_short_words(plan, 'Base')}; there is no Base plan to hold in "
                           "the cases.")
        self._done(result)

    # --- a case ---------------------------------------------------------------------
    def _next(self, name: str) -> Job | None:
        """The held job of a case whose own solve and Base are done, or its final result."""
        outcome = self.own[name]
        prepared = self.prepared[name]
        if isinstance(outcome, str):
            self._done(_generated(CaseResult(name, Status.ERROR,
                                             note=f"No result: {last_line(outcome)}",
                                             details=outcome), prepared.case))
            return None
        result = _generated(_result(name, outcome.plan, outcome.seconds), prepared.case)
        if not outcome.plan.status.meets_caps:
            if outcome.plan.status is Status.INFEASIBLE:
                result.note = (f"{_short_words(outcome.plan, 'The case')}, so Base's plan "
                               "cannot meet them either.")
            self._done(result)
            return None
        if self.base_retrofits is None:
            base = self.finished[BASE]
            result.note = _join(result.note, "Base's caps cannot be met: there is no Base "
                                "plan to hold." if base.status is Status.INFEASIBLE else
                                "Base has no plan to hold.")
            self._done(result)
            return None
        problems = held_problems(resolve(prepared.scenario), self.base_retrofits)
        if problems:
            result.note = _join(result.note, not_possible_note(problems))
            self._done(result)
            return None
        self.waiting_held[name] = result
        return Job(name, HELD, prepared.scenario, self.options, self.base_retrofits)

    def _finish_held(self, name: str, outcome: JobDone | str) -> None:
        result = self.waiting_held.pop(name)
        if isinstance(outcome, str):
            result.note = _join(result.note, f"Base's plan could not be evaluated here: "
                                f"{last_line(outcome)}.")
            result.details = outcome
            self._done(result)
            return
        held = outcome.plan
        result.held_plan = held
        result.solve_seconds += outcome.seconds
        own = result.objective
        if held.status.meets_caps and held.objective is not None \
                and own is not None:
            result.base_plan_objective = float(held.objective)
            regret = float(held.objective) - own
            if regret < -SAME_COST * max(1.0, abs(own)):
                result.note = _join(result.note, "Base's plan costs less here than the plan "
                                    "the solver found for the case within its gap, so the "
                                    "regret is 0.")
            result.regret = max(0.0, regret)
        else:
            result.note = _join(result.note, held_note(held))
        self._done(result)

    # --- results --------------------------------------------------------------------
    def _done(self, result: CaseResult) -> None:
        self.finished[result.name] = result
        if self.progress is not None:
            self.progress(result.name, len(self.finished), len(self.order), result)

    def results(self, cancelled: bool) -> list[CaseResult]:
        found = []
        for name in self.order:
            if name in self.finished:
                found.append(self.finished[name])
                continue
            result = CaseResult(name, Status.ERROR, note="Stopped before it finished." if
                                cancelled else "No result.")
            if name in self.prepared:
                _generated(result, self.prepared[name].case)
            found.append(result)
        return found


def _result(name: str, plan: Plan, seconds: float) -> CaseResult:
    result = CaseResult(name, plan.status, plan=plan, solve_seconds=seconds)
    if plan.status is Status.INVALID:
        result.note = plan.message or "The case's inputs contradict each other."
        result.issues = [Issue(i.sheet, i.cell, f'case "{name}": {i.message}', i.severity,
                               i.row, i.column) for i in plan.issues]
        if not result.issues:
            result.issues = [Issue("", "", f'case "{name}": {result.note}')]
    elif plan.status is Status.ERROR:
        result.note = f"No result: {plan.message or 'the solver found no plan'}"
    elif plan.status is Status.FEASIBLE:
        result.note = plan.message
    return result


def _generated(result: CaseResult, case: Case) -> CaseResult:
    result.description = case.description
    result.parameter, result.item, result.change, result.value = (
        case.parameter, case.item, case.change, case.value)
    return result


def _short_words(plan: Plan, who: str) -> str:
    if plan.diagnosis is None:
        return f"{who}'s caps cannot be met"
    return (f"{who}'s caps cannot be met: {plan.diagnosis.shortfall_total:,.0f} tCO2e short "
            "at best")


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first else second
