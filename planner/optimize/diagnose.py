"""When the caps cannot be met: the elastic plan and the limits that hold each year back.

model.md: first the total tCO2e above the hard caps is minimised; then, with that total
held, the NPV (soft caps priced as usual). Each year the elastic plan leaves short is
then solved on its own (every other cap dropped): a year that can meet its caps alone is
short through trade-offs and names no limit; otherwise each limit is lifted alone
(params.lift_limit) and named when that lets the year meet its caps. Inputs with no plan
even with every cap softened are an input error naming the limits whose lifting would
allow a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.errors import Issue
from planner.optimize.bau import BusinessAsUsual
from planner.optimize.extract import PlanTables, extract_plan
from planner.optimize.options import BuildOptions, Purpose
from planner.optimize.outcomes import DiagnosisKind, SolverStatus
from planner.optimize.params import (
    ModelParams,
    lift_limit,
    lift_limits,
    present_limits,
    truncate,
)
from planner.optimize.solve_context import SolveContext
from planner.optimize.words import describe_limit, join_words, stranded_vessels
from planner.plan import LIMIT_WORDS, Diagnosis, YearShortfall
from planner.resolve import ModelData

# Of the time left, stage 1 may take this share, then stage 2 this share of the rest;
# the per-year checks get what remains.
STAGE_SHARES = (0.4, 0.6)
# Stage 2 may exceed the stage-1 total by this share (solver tolerances); if that is
# too tight for the solver's tolerances, the looser one is tried.
SHORTFALL_SLACKS = (1e-9, 1e-6)
YEAR_CHECK_GAP = 1e-4


@dataclass
class DiagnosisOutcome:
    """The diagnosis's result: the elastic plan and its diagnosis, or an input error."""

    kind: DiagnosisKind
    tables: PlanTables | None = None
    diagnosis: Diagnosis | None = None
    issues: list[Issue] = field(default_factory=list)
    message: str = ""
    gap: float | None = None
    best_bound: float | None = None
    shortfall_proven: bool = True  # stage 1 proved its total within the requested gap
    shortfall_gap: float | None = None
    checked: bool = True  # every short year's limits were tried
    details: str = ""  # a failure's whole story (the worker's traceback)
    found_by: str = ""  # plan.Method that found the elastic plan
    proved_by: str = ""  # plan.Method whose bound proves its gap ("" when not proven)


def year_tolerance(bau: BusinessAsUsual, year: int) -> float:
    """Excess below this is solver noise: a year within it meets its caps (tCO2e)."""
    return max(1e-3, 1e-6 * abs(bau.emissions_by_year.get(year, 0.0)))


def diagnose(context: SolveContext, data: ModelData, params: ModelParams,
             bau: BusinessAsUsual) -> DiagnosisOutcome:
    """The elastic re-solve and the per-year limits, for a model whose hard caps fail."""
    context.report("diagnosing", message="finding the smallest shortfall")
    stage1 = context.run(data, BuildOptions(Purpose.SHORTFALL), phase="diagnosing",
                         abs_gap=1e-6, share=STAGE_SHARES[0])
    if stage1.outcome.status == SolverStatus.INFEASIBLE:
        return invalid_inputs(context, data, params)
    if stage1.outcome.objective is None:
        return DiagnosisOutcome(DiagnosisKind.ERROR,
                                message=_stopped_words(context, stage1.outcome.message),
                                details=stage1.outcome.details)
    smallest = stage1.outcome.objective
    shortfall_proven = stage1.outcome.status == SolverStatus.OPTIMAL

    context.report("diagnosing", message="costing the plan that comes closest")
    for slack in SHORTFALL_SLACKS:
        limit = smallest * (1.0 + slack) + 1e-6
        stage2 = context.run(data, BuildOptions(Purpose.ELASTIC_PLAN, shortfall_limit=limit),
                             phase="diagnosing", start_values=stage1.values,
                             share=STAGE_SHARES[1])
        if stage2.outcome.status != SolverStatus.INFEASIBLE:
            break
    chosen = stage2 if stage2.outcome.objective is not None else stage1
    tables = extract_plan(params, chosen.values, bau)

    checked = True
    short_years = [year for year in params.hard_cap_years
                   if tables.cap_excess(params, year) > year_tolerance(bau, year)]
    years = []
    for year in short_years:
        entry = YearShortfall(
            year=year, cap_tco2e=data.cap.get(year),
            intensity_cap_gco2e_per_mj=data.intensity_cap.get(year),
            emissions_tco2e=tables.emissions_by_year.get(year, 0.0),
            shortfall_tco2e=tables.cap_excess(params, year))
        entry.checked = not context.check_stop() and _check_year(context, data, params, bau,
                                                                 tables, entry)
        checked = checked and entry.checked
        years.append(entry)
    diagnosis = Diagnosis(shortfall_total=sum(y.shortfall_tco2e for y in years), years=years,
                          elastic_objective=tables.objective)
    return DiagnosisOutcome(DiagnosisKind.INFEASIBLE, tables=tables, diagnosis=diagnosis,
                            gap=chosen.outcome.gap, best_bound=chosen.outcome.bound,
                            found_by=chosen.outcome.found_by,
                            proved_by=chosen.outcome.proved_by,
                            shortfall_proven=shortfall_proven,
                            shortfall_gap=stage1.outcome.gap, checked=checked)


def _year_meets(context: SolveContext, data: ModelData, bau: BusinessAsUsual,
                year: int) -> bool | None:
    """Can ``year`` meet its caps on its own under ``data``? None: not known (stopped).

    Cheapest first: the horizon cut at the year (later years cannot help it) is a
    relaxation, and so is its LP; either finding the caps out of reach settles it.
    Only a "yes" on the cut horizon is confirmed on the whole one (a later year's own
    needs, say a fuel whose supply ends, could forbid that way of meeting them).
    """
    tolerance = year_tolerance(bau, year)
    options = BuildOptions(Purpose.YEAR_ALONE, year=year)
    cut = truncate(data, year)
    checks = [(cut, BuildOptions(Purpose.YEAR_ALONE, year=year, relax=True)), (cut, options)]
    if year < data.settings.end_year:
        checks.append((data, options))
    for checked_data, checked_options in checks:
        result = context.run(checked_data, checked_options, phase="diagnosing",
                             mip_gap=YEAR_CHECK_GAP, abs_gap=tolerance / 2)
        outcome = result.outcome
        if outcome.objective is not None and outcome.objective <= tolerance:
            continue  # reachable here: ask the stricter question
        if outcome.status in (SolverStatus.OPTIMAL, SolverStatus.INFEASIBLE):
            return False
        if outcome.bound is not None and outcome.bound > tolerance:
            return False
        return None
    return True


def _check_year(context: SolveContext, data: ModelData, params: ModelParams,
                bau: BusinessAsUsual, tables: PlanTables, entry: YearShortfall) -> bool:
    """Fill entry.alone_feasible, limits and limit_details; False if a check was cut short."""
    year = entry.year
    context.report("diagnosing", message=f"{year}: can it meet its caps on its own?")
    alone = _year_meets(context, data, bau, year)
    if alone is None:
        return False
    if alone:
        entry.alone_feasible = True
        return True
    candidates = present_limits(data)
    if not candidates:
        return True
    if len(candidates) > 1:
        everything = _year_meets(context, lift_limits(data, candidates), bau, year)
        if everything is None:
            return False
        if not everything:  # lifting all of them together does not help: no single one does
            return True
    for limit in candidates:
        if context.check_stop():
            return False
        context.report("diagnosing", message=f"{year}: does lifting the "
                                             f"{LIMIT_WORDS[limit]} help?")
        lifted = _year_meets(context, lift_limit(data, limit), bau, year)
        if lifted is None:
            return False
        if lifted:
            entry.limits.append(limit)
            entry.limit_details.append(describe_limit(limit, params, year, tables))
    return True


def invalid_inputs(context: SolveContext, data: ModelData,
                   params: ModelParams) -> DiagnosisOutcome:
    """No plan even with every cap softened: one input error naming what would allow one."""
    named = []
    for limit in present_limits(data):
        if context.check_stop():
            break
        context.report("diagnosing", message=f"would lifting the {LIMIT_WORDS[limit]} "
                                             "allow a plan?")
        result = context.run(lift_limit(data, limit), BuildOptions(Purpose.FEASIBILITY),
                             phase="diagnosing")
        if result.outcome.objective is not None:
            named.append(limit)
    message = "No plan is possible even with every cap softened: the inputs contradict " \
              "each other."
    stranded = stranded_vessels(params)
    if stranded:
        message += " " + stranded
    if named:
        words = join_words([describe_limit(limit, params, None, None) for limit in named])
        message += f" Lifting one of these would allow a plan: {words}."
    elif not context.stopped:
        message += " No single limit's lifting would allow a plan."
    issue = Issue(sheet="", cell="", message=message)
    return DiagnosisOutcome(DiagnosisKind.INVALID, issues=[issue], message=message)


def _stopped_words(context: SolveContext, detail: str) -> str:
    if context.cancelled:
        return "The caps cannot be met; stopped before the diagnosis found the closest plan."
    if context.timed_out:
        return ("The caps cannot be met; the time limit was reached before the diagnosis "
                "found the closest plan.")
    return f"The caps cannot be met, and the diagnosis failed: {detail}"
