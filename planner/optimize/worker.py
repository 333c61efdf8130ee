"""Build and solve in a worker process that the caller can stop, and stream what it finds.

The caller (``WorkerSession.run``) sends a ``SolveJob``: the resolved model data, what
to build and how to solve. The worker derives the parameters, builds the PuLP model,
solves it and replies with messages on a queue:

- ``("phase", name, info)``: building, solving; info has incumbent, bound, gap;
- ``("incumbent", objective, values, found_by)``: a better plan (the LP dive, HiGHS),
  values as in the result, found_by a plan.Method;
- ``("result", JobResult)`` or ``("error", text)``.

Values travel as ``{family: {key: value}}`` of the nonzero variables, keyed by the
tuples of ModelHandles, so nothing is ever read back from PuLP's names. The caller's
side is worker_session.py. HiGHS prints a banner on file descriptor 1 when it starts:
the worker points its fd 1 at the null device, so the caller's standard output stays
clean (``planner solve --json``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.optimize.backends import CBC, SolverSettings, relative_gap
from planner.optimize.handles import Values
from planner.optimize.options import BuildOptions
from planner.optimize.outcomes import SolverOutcome, SolverStatus
from planner.plan import Method
from planner.processes import become_worker
from planner.resolve import ModelData

if TYPE_CHECKING:
    from planner.optimize.handles import ModelHandles
    from planner.optimize.heuristic import StartPlan
    from planner.optimize.params import ModelParams

ProgressCallback = Callable[[str, dict[str, Any]], None]

# A value below this is a zero of the solver (binaries within 1e-6, energy in TJ).
ZERO = 1e-9
PROGRESS_INTERVAL = 0.25
# From this many binary install variables on, a first plan is found by the LP dive.
HEURISTIC_MIN_INSTALLS = 400
INCUMBENT_INTERVAL = 0.5


@dataclass
class SolveJob:
    """One model to build and solve."""

    data: ModelData
    options: BuildOptions
    settings: SolverSettings
    fixed_retrofits: frozenset[tuple[int, int, int]] | None = None
    start_values: Values | None = None  # a feasible plan of this model to start from


@dataclass
class JobResult:
    """What a job found: the solver's outcome and the nonzero variable values."""

    outcome: SolverOutcome
    values: Values = field(default_factory=dict)
    build_seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)
    refused: str = ""  # why the model was not solved: numbers no solver can honour
    numeric_note: str = ""  # a warning on a model solved despite a very wide span


# --- worker side ---------------------------------------------------------------------

def read_values(handles: ModelHandles) -> Values:
    """Nonzero values of every variable family, binaries rounded."""
    from planner.optimize.handles import VARIABLE_FAMILIES

    values: Values = {}
    for name in VARIABLE_FAMILIES:
        family = handles.family(name)
        found = {}
        for key, var in family.items():
            value = var.varValue
            if value is None or abs(value) <= ZERO:
                continue
            found[key] = float(round(value)) if var.cat == "Integer" else float(value)
        values[name] = {k: v for k, v in found.items() if v != 0.0}
    return values


class _QueueMonitor:
    """SolverMonitor of a worker: polls the stop Event, throttles what it sends."""

    def __init__(self, replies: Any, stop: Any, handles: ModelHandles) -> None:
        self.replies = replies
        self.stop = stop
        self.handles = handles
        self.started = time.perf_counter()
        self.last_progress = 0.0
        self.last_incumbent = 0.0
        self.pending: tuple[float, np.ndarray, str] | None = None
        self.source = ""  # plan.Method of the plans it is told of now
        self.best: float | None = None  # the best objective told so far
        self.columns: dict[str, tuple[list, np.ndarray, np.ndarray]] | None = None

    def stop_requested(self) -> bool:
        return self.stop.is_set()

    def progress(self, incumbent: float | None, bound: float | None,
                 gap: float | None) -> None:
        now = time.perf_counter()
        if self.pending is not None and now - self.last_incumbent >= INCUMBENT_INTERVAL:
            self._send_incumbent(now)
        if now - self.last_progress < PROGRESS_INTERVAL:
            return
        self.last_progress = now
        self.replies.put(("phase", "solving", {"incumbent": incumbent, "bound": bound,
                                               "gap": gap}))

    def improving_solution(self, objective: float, columns: np.ndarray) -> None:
        if self.best is not None and objective >= self.best - 1e-9 * abs(self.best):
            return  # no better (a solver handing back the plan it started from)
        self.best = objective
        self.pending = (objective, columns, self.source)
        now = time.perf_counter()
        if now - self.last_incumbent >= INCUMBENT_INTERVAL:
            self._send_incumbent(now)

    def _send_incumbent(self, now: float) -> None:
        assert self.pending is not None
        objective, columns, source = self.pending
        self.pending = None
        self.last_incumbent = now
        self.replies.put(("incumbent", objective, self._values(columns), source))

    def _values(self, columns: np.ndarray) -> Values:
        if self.columns is None:  # column positions are known once the model is passed
            self.columns = {}
            from planner.optimize.handles import VARIABLE_FAMILIES

            for name in VARIABLE_FAMILIES:
                family = self.handles.family(name)
                keys = list(family)
                index = np.array([family[key].index for key in keys], dtype=np.int64)
                integer = np.array([family[key].cat == "Integer" for key in keys], dtype=bool)
                self.columns[name] = (keys, index, integer)
        values: Values = {}
        for name, (keys, index, integer) in self.columns.items():
            picked = columns[index] if len(index) else np.zeros(0)
            picked = np.where(integer, np.round(picked), picked)
            values[name] = {keys[i]: float(picked[i]) for i in np.flatnonzero(
                np.abs(picked) > ZERO)}
        return values


def run_job(job: SolveJob, replies: Any, stop: Any) -> None:
    """Build and solve one job, replying on ``replies`` (runs in the worker)."""
    from planner.optimize.build import build_model
    from planner.optimize.numerics import numeric_range
    from planner.optimize.params import derive_params

    try:
        replies.put(("phase", "building", {}))
        started = time.perf_counter()
        params = derive_params(job.data, job.fixed_retrofits)
        handles = build_model(params, job.options)
        span = numeric_range(handles.problem)
        build_seconds = time.perf_counter() - started
        if span.refusal:
            replies.put(("result", JobResult(SolverOutcome(SolverStatus.ERROR,
                                                           message=span.refusal),
                                             build_seconds=build_seconds,
                                             refused=span.refusal)))
            return
        sizes = handles.counts()
        replies.put(("phase", "solving", {"build_seconds": build_seconds, **sizes}))
        monitor = _QueueMonitor(replies, stop, handles)
        settings = job.settings
        if settings.time_limit is not None:  # the build ate part of the time
            remaining = max(0.05, settings.time_limit - build_seconds)
            settings = replace(settings, time_limit=remaining)
        outcome = solve_handles(job, handles, params, monitor, settings)
        values = read_values(handles) if outcome.objective is not None else {}
        replies.put(("result", JobResult(outcome, values, build_seconds, sizes,
                                         numeric_note=span.warning)))
    except Exception:  # reported to the caller, who turns it into a plan with status error
        replies.put(("error", traceback.format_exc()))


def solve_handles(job: SolveJob, handles: ModelHandles, params: ModelParams,
                  monitor: Any, settings: SolverSettings) -> SolverOutcome:
    """Solve a built model: its first plan (the caller's, or the LP dive's on large
    models), accepted when it is within the gap of its bound, else the solver from it."""
    from planner.optimize.backends import CbcSolver, HighsSolver

    started = time.perf_counter()
    start = _first_plan(job, handles, params, monitor, settings)
    if start is not None and start_is_good_enough(start, settings.mip_gap):
        return _accept_start(handles, start)
    if settings.time_limit is not None:  # the first plan's search, found or not, took its part
        spent = time.perf_counter() - started
        settings = replace(settings, time_limit=max(0.05, settings.time_limit - spent))
    solver_class = CbcSolver if settings.name == CBC else HighsSolver
    monitor.source = settings.name
    unwatched = isinstance(monitor, QuietMonitor) and monitor.stop is None
    solver = solver_class(settings, None if unwatched else monitor)  # no callbacks to serve
    solver.mip = not job.options.relax
    solver.start = None if start is None else start.columns
    handles.problem.solve(solver)
    outcome: SolverOutcome = solver.outcome
    if start is not None:
        outcome = _best_of(handles, start, outcome, settings.mip_gap)
    return outcome


class QuietMonitor:
    """SolverMonitor that streams nothing (a robust subproblem, the solve behind a first
    plan); it stops when ``stop`` says so, never without one."""

    source = ""

    def __init__(self, stop: Callable[[], bool] | None = None) -> None:
        self.stop = stop

    def stop_requested(self) -> bool:
        return self.stop is not None and bool(self.stop())

    def progress(self, incumbent: float | None, bound: float | None,
                 gap: float | None) -> None:
        pass

    def improving_solution(self, objective: float, columns: np.ndarray) -> None:
        pass


def _first_plan(job: SolveJob, handles: ModelHandles, params: ModelParams,
                monitor: Any, settings: SolverSettings) -> StartPlan | None:
    """The plan to start from: the caller's, or for large models the LP dive's.

    It is streamed as an incumbent, so a worker killed later still leaves a plan.
    """
    from planner.optimize.heuristic import find_start
    from planner.optimize.options import Purpose

    if job.options.relax:
        return None
    start: StartPlan | None
    if job.start_values is not None:
        start = _start_of(handles, job.start_values, time.perf_counter())
    elif job.options.purpose in (Purpose.PLAN, Purpose.ELASTIC_PLAN, Purpose.SHORTFALL) \
            and settings.lp_dive and len(handles.install) >= HEURISTIC_MIN_INSTALLS \
            and _highs_available():
        start = find_start(handles, params, monitor, settings.time_limit, settings.threads)
        if start is not None and _has_regime_binaries(handles):
            start = _with_regime_binaries(job, handles, params, settings, start, monitor)
    else:
        return None
    if start is not None:
        gap = relative_gap(start.objective, start.bound)
        monitor.progress(start.objective, start.bound, gap)
        monitor.source = start.found_by
        monitor.improving_solution(start.objective, start.columns)
    return start


def _has_regime_binaries(handles: ModelHandles) -> bool:
    return any(var.cat == "Integer" for var in handles.regime.values())


def _held_model_solver(job: SolveJob, settings: SolverSettings,
                       monitor: Any) -> Callable[[Any], Values | None]:
    """``solve_model(params) -> Values | None``: build ``params``' model (every retrofit
    held) and solve it with HiGHS within a third of the time left; the caller's Stop
    stops it, its plans are not the caller's to stream."""
    from planner.optimize.backends import HighsSolver
    from planner.optimize.build import build_model

    def solve_model(simpler: Any) -> Values | None:
        model = build_model(simpler, job.options)
        limit = None if settings.time_limit is None else settings.time_limit / 3
        solver = HighsSolver(replace(settings, time_limit=limit),
                             QuietMonitor(monitor.stop_requested))
        model.problem.solve(solver)
        return read_values(model) if solver.outcome.objective is not None else None

    return solve_model


def _start_of(handles: ModelHandles, values: Values, started: float,
              bound: float | None = None, rounds: int = 0,
              found_by: str = Method.START) -> StartPlan:
    from planner.optimize.heuristic import StartPlan

    start = StartPlan(objective=0.0, columns=_columns_of(handles, values), bound=bound,
                      seconds=time.perf_counter() - started, rounds=rounds, found_by=found_by)
    start.objective = float(sum(coefficient * start.columns[var.index] for var, coefficient
                                in (handles.problem.objective or {}).items()))
    return start


def _with_regime_binaries(job: SolveJob, handles: ModelHandles, params: ModelParams,
                          settings: SolverSettings, dive: StartPlan,
                          monitor: Any) -> StartPlan | None:
    """The dive's plan made feasible: it rounds the retrofits only, so the regimes'
    binaries (NZF tiers, FuelEU switches) are still fractional in its last LP, and their
    surplus units and deficits are not the plan's. Hold its retrofits and solve the rest
    exactly; the dive's LP bound stays valid."""
    from planner.optimize.regime_start import held_start

    started = time.perf_counter() - dive.seconds
    retrofits = frozenset(key for key, var in handles.install.items()
                          if dive.columns[var.index] > 0.5)
    if settings.time_limit is not None:
        settings = replace(settings, time_limit=max(0.05, settings.time_limit - dive.seconds))
    values = held_start(params, retrofits, _held_model_solver(job, settings, monitor))
    if values is None:
        return None
    return _start_of(handles, values, started, bound=dive.bound, rounds=dive.rounds,
                     found_by=dive.found_by)


def _highs_available() -> bool:
    """The dive solves its LPs with HiGHS; without highspy, CBC starts on its own."""
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


def _columns_of(handles: ModelHandles, values: Values) -> np.ndarray:
    """Values by family and key as a column vector (var.index = PuLP's variables() order)."""
    columns = handles.problem.variables()
    for position, var in enumerate(columns):
        var.index = position
    vector = np.zeros(len(columns))
    for name, family_values in values.items():
        family = handles.family(name)
        for key, value in family_values.items():
            if key in family:
                vector[family[key].index] = value
    return vector


def start_is_good_enough(start: StartPlan, mip_gap: float) -> bool:
    gap = relative_gap(start.objective, start.bound)
    return gap is not None and gap <= mip_gap


def _accept_start(handles: ModelHandles, start: StartPlan,
                  stopped: bool = False) -> SolverOutcome:
    """The first plan as the outcome: its values on the variables, its LP bound.

    Accepted without a solver run (not ``stopped``), the LP relaxation's bound proves it.
    """
    for var in handles.problem.variables():
        var.varValue = float(start.columns[var.index])
    gap = relative_gap(start.objective, start.bound)
    status = SolverStatus.FEASIBLE if stopped else SolverStatus.OPTIMAL
    return SolverOutcome(status, objective=start.objective, bound=start.bound, gap=gap,
                         stopped=stopped, message="plan from the LP relaxation",
                         seconds=start.seconds, found_by=start.found_by,
                         proved_by="" if stopped else Method.LP_RELAXATION)


def _best_of(handles: ModelHandles, start: StartPlan, outcome: SolverOutcome,
             mip_gap: float) -> SolverOutcome:
    """The solver's plan where it beats the first plan, else the first plan; best bound.

    Both bounds are valid, so the better one counts; a plan within the requested gap
    of it is proven, whichever found it. A solver that only hands the first plan back
    (within 1e-9) did not find it: ``found_by`` stays the first plan's.
    """
    if outcome.status == SolverStatus.INFEASIBLE:
        return outcome
    solver_found = outcome.objective is not None and outcome.objective < start.objective - \
        1e-9 * abs(start.objective)
    chosen = outcome if solver_found else _accept_start(handles, start,
                                                        stopped=outcome.stopped)
    candidates = [(b, who) for b, who in ((outcome.bound, outcome.proved_by or
                                            outcome.found_by), (start.bound,
                                                                Method.LP_RELAXATION))
                  if b is not None]
    chosen.bound, bound_by = max(candidates, key=lambda c: c[0]) if candidates else (None, "")
    chosen.gap = relative_gap(chosen.objective, chosen.bound)
    proven = chosen.gap is not None and chosen.gap <= mip_gap
    # an optimal solver proves the first plan too, which is at least as good as its own
    solver_proved = outcome.status is SolverStatus.OPTIMAL
    chosen.status = SolverStatus.OPTIMAL if proven or solver_proved else SolverStatus.FEASIBLE
    chosen.proved_by = bound_by if proven else outcome.proved_by if solver_proved else ""
    return chosen


def serve(jobs: Any, replies: Any, stop: Any, isolated: bool,
          scratch: str | None = None) -> None:
    """The worker's loop: one job after another until a None arrives.

    A worker process keeps its temporary files (CBC's model and solution files) in
    ``scratch``, a directory its session removes: a worker killed mid-solve cannot.
    """
    if isolated:
        become_worker(exit_with_parent=True)
        if scratch is not None:
            for name in ("TMPDIR", "TMP", "TEMP"):  # PuLP reads TMP over TMPDIR
                os.environ[name] = scratch
            tempfile.tempdir = scratch
    else:
        _swallow_highs_banner()
    while True:
        job = jobs.get()
        if job is None:
            return
        run_job(job, replies, stop)


_banner_lock = threading.Lock()
_banner_swallowed = False


def _swallow_highs_banner() -> None:
    """HiGHS prints its banner on fd 1 once per process, at the first Highs(): take it
    there with fd 1 pointed at the null device (a worker thread shares the caller's
    standard output, which may be carrying JSON)."""
    global _banner_swallowed
    with _banner_lock:
        if _banner_swallowed:
            return
        _banner_swallowed = True
        try:
            import highspy
        except ImportError:
            return
        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
