"""The extensive form of robust.md: one copy of model.md per future, linked by the committed installs.

Each future's model is built by the optimizer's own ``build_model`` on that future's
data; its rows and variables move into one problem. Non-anticipativity: for every
install (vessel, technology, year) with year <= commit_until_year, x is the same in
every future; an install that exists in some futures only is fixed at 0 in all of
them. The objective is ``(1 - lambda) sum_s p_s NPV_s + lambda CVaR_alpha`` in the
Rockafellar-Uryasev form, or, for the elastic robust problem's first stage, the
probability-weighted shortfall above the hard caps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from enum import StrEnum

import pulp

from planner.optimize.backends import CBC, CbcSolver, HighsSolver, SolverOutcome, SolverSettings
from planner.optimize.build import build_model
from planner.optimize.handles import ModelHandles
from planner.optimize.options import BuildOptions, Purpose
from planner.optimize.params import ModelParams, derive_params
from planner.optimize.worker import QuietMonitor, SolveJob, Values, read_values, solve_handles
from planner.resolve import ModelData

Key = tuple[int, int, int]  # (vessel, technology, year) positions, the same in every future
# The elastic robust problem holds the shortfall at its minimum with this slack (robust.md).
SHORTFALL_SLACK_REL, SHORTFALL_SLACK_ABS = 1e-9, 1e-6


class Stage(StrEnum):
    """What the extensive form is built for."""

    PLAN = "plan"  # hard caps hard; minimise the risk-weighted NPV
    SHORTFALL = "shortfall"  # hard caps elastic; minimise sum_s p_s shortfall_s
    ELASTIC = "elastic"  # hard caps elastic, shortfall held at its minimum; minimise the NPV


@dataclass
class FutureData:
    """One future's resolved data and probability."""

    name: str
    probability: float
    data: ModelData


@dataclass
class ExtensiveJob:
    """One extensive form to build and solve (in a worker of the pool)."""

    futures: list[FutureData]
    commit_until_year: int
    risk_weight: float
    cvar_alpha: float
    settings: SolverSettings
    stage: Stage = Stage.PLAN
    shortfall_limit: float | None = None  # ELASTIC: sum_s p_s shortfall_s at most this
    committed: dict[Key, int] | None = None  # first-stage installs fixed (0/1) in every future
    # Per future, a linear price on its committed installs (the decomposition's multipliers).
    prices: list[dict[Key, float]] | None = None
    label: str = ""


@dataclass
class ExtensiveDone:
    """The outcome and each future's nonzero variable values."""

    label: str
    outcome: SolverOutcome
    values: list[Values] = field(default_factory=list)
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)


@dataclass
class Extensive:
    """A built extensive form: the problem, each future's params and handles."""

    problem: pulp.LpProblem
    params: list[ModelParams]
    handles: list[ModelHandles]
    shared: list[Key]  # installs held equal across futures


def _purpose(stage: Stage) -> Purpose:
    return {Stage.PLAN: Purpose.PLAN, Stage.SHORTFALL: Purpose.SHORTFALL,
            Stage.ELASTIC: Purpose.ELASTIC_PLAN}[stage]


def build_extensive(job: ExtensiveJob) -> Extensive:
    """The extensive form of ``job`` as one PuLP problem."""
    problem = pulp.LpProblem(f"robust_{job.stage}", pulp.LpMinimize)
    options = BuildOptions(purpose=_purpose(job.stage))
    params_list: list[ModelParams] = []
    handles_list: list[ModelHandles] = []
    objective: list[tuple[pulp.LpVariable, float]] = []
    npv_terms: list[list[tuple[pulp.LpVariable, float]]] = []
    for index, future in enumerate(job.futures):
        params = derive_params(future.data)
        handles = build_model(params, options)
        for family, rows in handles.rows.items():
            for key, row in rows.items():
                problem.addConstraint(row, f"f{index}_{family}_{'_'.join(map(str, key))}")
        if job.stage is Stage.SHORTFALL:
            own = handles.excess_terms(params.hard_cap_years)
        else:
            own = list((handles.problem.objective or {}).items())
        npv_terms.append(own)
        params_list.append(params)
        handles_list.append(handles)
    if job.stage is Stage.ELASTIC and job.shortfall_limit is not None:
        terms = [(var, future.probability * coefficient)
                 for future, handles, params in zip(job.futures, handles_list, params_list,
                                                    strict=True)
                 for var, coefficient in handles.excess_terms(params.hard_cap_years)]
        if terms:
            limit = job.shortfall_limit * (1 + SHORTFALL_SLACK_REL) + SHORTFALL_SLACK_ABS
            problem.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms),
                                                    pulp.LpConstraintLE, rhs=limit),
                                  "robust_shortfall")
    shared = _link_first_stage(problem, job, handles_list)
    weight = 1.0 if job.stage is Stage.SHORTFALL else 1.0 - job.risk_weight
    for future, own in zip(job.futures, npv_terms, strict=True):
        if weight > 0:
            objective += [(var, weight * future.probability * c) for var, c in own]
    if job.stage is not Stage.SHORTFALL and job.risk_weight > 0:
        objective += _cvar_terms(problem, job, npv_terms)
    if job.prices:
        for handles, prices in zip(handles_list, job.prices, strict=True):
            objective += [(handles.install[key], price) for key, price in prices.items()
                          if key in handles.install and price != 0.0]
    problem.setObjective(pulp.LpAffineExpression(objective))
    return Extensive(problem, params_list, handles_list, shared)


def _cvar_terms(problem: pulp.LpProblem, job: ExtensiveJob,
                npv_terms: list[list[tuple[pulp.LpVariable, float]]]
                ) -> list[tuple[pulp.LpVariable, float]]:
    """lambda (eta + 1/(1-alpha) sum_s p_s u_s), u_s >= NPV_s - eta, u_s >= 0, eta free."""
    eta = pulp.LpVariable("cvar_eta", None, None)
    terms = [(eta, job.risk_weight)]
    for index, (future, own) in enumerate(zip(job.futures, npv_terms, strict=True)):
        excess = pulp.LpVariable(f"cvar_u_{index}", 0, None)
        row = [(excess, 1.0), (eta, 1.0)] + [(var, -c) for var, c in own]
        problem.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(row),
                                                pulp.LpConstraintGE, rhs=0.0),
                              f"cvar_excess_{index}")
        terms.append((excess, job.risk_weight * future.probability / (1.0 - job.cvar_alpha)))
    return terms


def _link_first_stage(problem: pulp.LpProblem, job: ExtensiveJob,
                      handles_list: list[ModelHandles]) -> list[Key]:
    """x equal across futures for t <= commit_until_year; installs not in all futures at 0."""
    keys: set[Key] = set()
    for handles in handles_list:
        keys.update(key for key in handles.install if key[2] <= job.commit_until_year)
    shared = []
    for key in sorted(keys, key=lambda k: (k[2], k[0], k[1])):
        present = [handles.install[key] for handles in handles_list if key in handles.install]
        fixed = job.committed.get(key, 0) if job.committed is not None else None
        if len(present) < len(handles_list):
            fixed = 0
        if fixed is not None:
            for var in present:
                var.lowBound = var.upBound = fixed
            continue
        shared.append(key)
        first = present[0]
        for index, var in enumerate(present[1:], start=1):
            problem.addConstraint(pulp.LpConstraint(
                pulp.LpAffineExpression([(var, 1.0), (first, -1.0)]), pulp.LpConstraintEQ,
                rhs=0.0), f"nonanticipativity_{index}_{key[0]}_{key[1]}_{key[2]}")
    return shared


def _one_model(job: ExtensiveJob) -> bool:
    """A job whose extensive form is one future's model as built (probability 1, the
    plan's NPV as objective), with some installs fixed."""
    return (len(job.futures) == 1 and job.futures[0].probability == 1.0
            and job.stage is Stage.PLAN and job.risk_weight == 0 and not job.prices)


def solve_extensive(job: ExtensiveJob) -> ExtensiveDone:
    """Build and solve the extensive form in this process (a pool worker)."""
    started = time.perf_counter()
    model = build_extensive(job)
    settings = job.settings
    build_seconds = time.perf_counter() - started
    if settings.time_limit is not None:
        settings = replace(settings, time_limit=max(0.05, settings.time_limit - build_seconds))
    if _one_model(job):
        # one future, no price, no CVaR: its own model with the committed installs fixed,
        # solved as solve() solves one (the LP dive's first plan on large fleets)
        worker_job = SolveJob(job.futures[0].data, BuildOptions(purpose=Purpose.PLAN), settings)
        outcome = solve_handles(worker_job, model.handles[0], model.params[0], QuietMonitor(),
                                settings)
    else:
        solver = CbcSolver(settings) if settings.name == CBC else HighsSolver(settings)
        model.problem.solve(solver)
        outcome = solver.outcome
    values = ([read_values(handles) for handles in model.handles]
              if outcome.objective is not None else [])
    sizes = {"futures": len(job.futures), "shared_installs": len(model.shared),
             "variables": len(model.problem.variables()),
             "rows": sum(len(rows) for h in model.handles for rows in h.rows.values())}
    return ExtensiveDone(job.label, outcome, values, time.perf_counter() - started, sizes)
