"""solve(scenario) -> Plan: validate, build, solve in a worker, extract, diagnose.

The one entry point of the optimizer. It never raises for bad input: a scenario with
errors gives status ``invalid`` with its issues; caps that cannot be met give
``infeasible`` with the elastic plan and a diagnosis; a stop or time limit keeps the
best plan found (``feasible``, with its gap). It knows nothing of Qt: the GUI passes
``progress(phase, info)`` and ``should_stop()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from planner.errors import Issue
from planner.optimize.backends import SolverSettings, choose_solver
from planner.optimize.bau import BusinessAsUsual
from planner.optimize.diagnose import diagnose
from planner.optimize.extract import PlanTables, extract_plan
from planner.optimize.options import BuildOptions
from planner.optimize.outcomes import DiagnosisKind, SolverStatus
from planner.optimize.params import ModelParams, derive_params
from planner.optimize.regime_bau import reference_business_as_usual
from planner.optimize.regime_extract import compliance_table
from planner.optimize.retrofits import fixed_retrofit_keys
from planner.optimize.solve_context import ProgressCallback, SolveContext
from planner.optimize.worker_session import WorkerSession
from planner.plan import Plan, Status
from planner.resolve import ModelData, resolve
from planner.scenario import Scenario
from planner.validation import validate


def solve(scenario: Scenario, solver: str | None = None, time_limit: float | None = None,
          mip_gap: float | None = None, progress: ProgressCallback | None = None,
          should_stop: Callable[[], bool] | None = None, threads: int | None = None,
          fixed_retrofits: Iterable[tuple[str, str, int]] | None = None,
          isolate: bool | None = None, lp_dive: bool = True) -> Plan:
    """The least-cost plan of model.md for ``scenario``.

    Parameters
    ----------
    solver, time_limit, mip_gap
        Default to the scenario's settings (``auto``, 60 s, 0.005). The time limit
        covers the whole call, the diagnosis included.
    progress
        ``progress(phase, info)`` with phase in validating, building, solving,
        extracting, diagnosing; info may hold elapsed, incumbent, bound, gap, message.
    should_stop
        Polled at least every 0.2 s; True stops the solve, keeping the best plan found.
    threads
        Solver threads (None = the solver's default; the what-if runner passes 1).
    fixed_retrofits
        (vessel_id, technology, year) held fixed, every other retrofit forbidden: the
        fuel use is re-optimised around them (what-if "Base plan held").
    isolate
        Solve in a worker process that can be killed (default: yes, unless this is a
        daemonic process, which may not start one).
    lp_dive
        Let large models start from the LP dive's plan (benchmarks turn it off to
        compare the solvers themselves). ``Plan.found_by`` says what found the plan.
    """
    started = time.perf_counter()
    solved_at = datetime.now(UTC).isoformat(timespec="seconds")
    fingerprint = scenario.fingerprint()
    currency = str(scenario.settings.currency or "USD")

    def finish(plan: Plan) -> Plan:
        plan.solve_seconds = time.perf_counter() - started
        plan.solved_at = solved_at
        plan.input_fingerprint = fingerprint
        plan.currency = currency
        return plan

    if progress is not None:
        progress("validating", {"elapsed": 0.0})
    if isinstance(prepared := _model_inputs(scenario, fixed_retrofits), Plan):
        return finish(prepared)
    data, params, fixed = prepared
    settings = data.settings
    bau = reference_business_as_usual(params)
    chosen = SolverSettings(name=choose_solver(solver or settings.solver),
                            mip_gap=float(mip_gap if mip_gap is not None else settings.mip_gap),
                            threads=threads, lp_dive=lp_dive)
    limit = float(time_limit if time_limit is not None else settings.time_limit_s)
    with WorkerSession(isolate) as session:
        context = SolveContext(session=session, progress=progress, should_stop=should_stop,
                               time_limit=limit, settings=chosen)
        plan = _solve_in(context, data, params, bau, fixed)
    plan.solver = chosen.name
    plan.bau_objective = bau.objective
    plan.bau_objective_literal = bau.objective_literal
    return finish(plan)


def _model_inputs(scenario: Scenario, fixed_retrofits: Iterable[tuple[str, str, int]] | None,
                  ) -> tuple[ModelData, ModelParams, frozenset[tuple[int, int, int]] | None] | Plan:
    """The resolved scenario, its model parameters and the held retrofits, or the
    ``invalid`` plan that says why the scenario cannot be solved."""
    errors = [issue for issue in validate(scenario) if issue.is_error]
    if errors:
        return Plan(status=Status.INVALID, issues=errors,
                    message=f"The scenario has {len(errors)} error"
                            f"{'s' * (len(errors) != 1)}; nothing was solved.")
    try:
        data = resolve(scenario)
        fixed = None
        if fixed_retrofits is not None:
            fixed, problems = fixed_retrofit_keys(data, fixed_retrofits)
            if problems:
                return Plan(status=Status.INVALID, message=problems[0],
                            issues=[Issue(sheet="", cell="", message=p) for p in problems])
        return data, derive_params(data, fixed), fixed
    except (ArithmeticError, KeyError, TypeError, ValueError) as exc:
        # validation passed, yet the inputs cannot be turned into a model: say so
        message = f"The scenario cannot be turned into a model: {exc}"
        return Plan(status=Status.INVALID, message=message,
                    issues=[Issue(sheet="", cell="", message=message)])


def _solve_in(context: SolveContext, data: ModelData, params: ModelParams,
              bau: BusinessAsUsual, fixed: frozenset[tuple[int, int, int]] | None) -> Plan:
    context.report("building")
    result = context.run(data, BuildOptions(), fixed_retrofits=fixed)
    outcome = result.outcome
    if result.refused:  # never a wrong "optimal": the inputs must change first
        return Plan(status=Status.INVALID, message=result.refused,
                    issues=[Issue(sheet="", cell="", message=result.refused)])
    if outcome.objective is not None:
        context.report("extracting")
        tables = extract_plan(params, result.values, bau)
        status = Status.OPTIMAL if outcome.status == SolverStatus.OPTIMAL else Status.FEASIBLE
        plan = _with_tables(Plan(status=status, gap=outcome.gap, best_bound=outcome.bound,
                                 found_by=outcome.found_by, proved_by=outcome.proved_by),
                            tables)
        plan.message = _plan_message(plan, context, tables)
        if result.numeric_note:
            plan.message += f" {result.numeric_note}."
        return plan
    if outcome.status == SolverStatus.INFEASIBLE:
        if fixed is not None:  # a plan held fixed: say so, no limits to look for
            return Plan(status=Status.INFEASIBLE,
                        message="The caps cannot be met with these retrofits held fixed.")
        return _diagnosed(context, data, params, bau)
    if outcome.status == SolverStatus.NO_SOLUTION:
        return Plan(status=Status.ERROR, message=_no_plan_words(context))
    return Plan(status=Status.ERROR, message=f"The solver failed: {outcome.message or 'no details'}",
                details=outcome.details)


def _diagnosed(context: SolveContext, data: ModelData, params: ModelParams,
               bau: BusinessAsUsual) -> Plan:
    found = diagnose(context, data, params, bau)
    if found.kind is DiagnosisKind.INVALID:
        return Plan(status=Status.INVALID, issues=found.issues, message=found.message)
    if found.kind is DiagnosisKind.ERROR or found.tables is None or found.diagnosis is None:
        return Plan(status=Status.INFEASIBLE, message=found.message, details=found.details)
    plan = _with_tables(Plan(status=Status.INFEASIBLE, objective=None, gap=found.gap,
                             best_bound=found.best_bound, diagnosis=found.diagnosis,
                             found_by=found.found_by, proved_by=found.proved_by),
                        found.tables)
    plan.objective = plan.objective_literal = None
    diagnosis = found.diagnosis
    short = len(diagnosis.years)
    message = (f"The caps cannot be met: the plan that comes closest is "
               f"{diagnosis.shortfall_total:,.0f} tCO2e above the hard caps in {short} "
               f"year{'s' * (short != 1)}.")
    if not found.shortfall_proven:
        gap = found.shortfall_gap
        message += (" It is the closest plan found in the time: the smallest shortfall may be "
                    + (f"up to {gap:.1%} lower." if gap is not None else "lower."))
    if not found.checked:
        message += (" The solve was stopped before every limit was tried for every year."
                    if context.cancelled else " The time limit ended the search for the "
                    "limits that hold the years back before every one was tried.")
    plan.message = message
    return plan


def _with_tables(plan: Plan, tables: PlanTables) -> Plan:
    plan.objective = tables.objective
    plan.objective_literal = tables.objective_literal
    if tables.regimes is not None:
        plan.compliance = compliance_table(tables.regimes)
    plan.annual = tables.annual
    plan.retrofits = tables.retrofits
    plan.fuel_use = tables.fuel_use
    return plan


def _plan_message(plan: Plan, context: SolveContext, tables: PlanTables) -> str:
    retrofits = len(tables.retrofits)
    what = f"{retrofits} retrofit{'s' * (retrofits != 1)}"
    gap = "" if plan.gap is None else f"{plan.gap:.2%}"
    if plan.status is Status.OPTIMAL:
        return f"Optimal plan ({what}), proven within a gap of {gap or 'the requested gap'}."
    why = ("Stopped" if context.cancelled else
           f"Time limit of {context.time_limit:g} s reached" if context.timed_out else
           "The solver stopped")
    within = f"; it is within {gap} of the best possible" if gap else \
        "; how far it is from the best possible is not known"
    return f"{why}: the best plan found so far ({what}){within}."


def _no_plan_words(context: SolveContext) -> str:
    if context.cancelled:
        return "Stopped before any plan was found"
    if context.timed_out:
        return (f"No plan was found within the time limit of {context.time_limit:g} s; "
                "allow more time or a larger gap")
    return "The solver stopped before any plan was found"
