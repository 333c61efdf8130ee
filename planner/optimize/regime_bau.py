"""Business as usual under the regimes: baseline fuels only, flexibility chosen at least cost.

regimes.md: no technology, every vessel only its baseline fuel (caps and limits ignored,
as in model.md), costed by the same lines; its banking, borrowing and surplus-unit use are
chosen at least cost by the model's own regime families, solved here in this process.
"""

from __future__ import annotations

import copy
import dataclasses

from planner.optimize.backends import (
    CBC,
    HIGHS,
    CbcSolver,
    HighsSolver,
    SolverSettings,
    available_solvers,
)
from planner.optimize.bau import BusinessAsUsual, business_as_usual
from planner.optimize.build import build_model
from planner.optimize.params import ModelParams, _derive_fuel_costs, derive_params
from planner.optimize.regime_extract import MONEY_LINES, RegimeReport, regime_report
from planner.optimize.worker import _swallow_highs_banner, read_values

# BAU is a reference, proven to the known answers' precision.
BAU_GAP = 1e-9
BAU_TIME_LIMIT = 120.0


def baseline_params(params: ModelParams) -> ModelParams:
    """The model of business as usual: each vessel its baseline fuel, nothing else."""
    data = copy.copy(params.data)
    data.technologies = []
    data.fuels = [dataclasses.replace(fuel, max_blend_share=1.0) for fuel in data.fuels]
    data.supply = {key: dict.fromkeys(series) for key, series in data.supply.items()}
    data.cap = dict.fromkeys(data.cap)
    data.intensity_cap = dict.fromkeys(data.intensity_cap)
    baseline = derive_params(data)
    position = {fuel.key: index for index, fuel in enumerate(data.fuels)}
    baseline.fuel_years = {
        (vessel, position[ship.baseline_fuel]): baseline.active_years(vessel)
        for vessel, ship in enumerate(data.vessels) if baseline.active_years(vessel)}
    baseline.families_needing_conversion = {v: [] for v in range(len(data.vessels))}
    baseline.cost_per_gj = {}
    _derive_fuel_costs(baseline)
    return baseline


def regime_business_as_usual(params: ModelParams) -> tuple[BusinessAsUsual, RegimeReport]:
    """BAU with its regime lines: the NPV, the literal NPV and its regime figures."""
    bau = business_as_usual(params)
    baseline = baseline_params(params)
    handles = build_model(baseline)
    name = HIGHS if HIGHS in available_solvers() else CBC
    _swallow_highs_banner()  # in the caller's process: keep its standard output clean
    settings = SolverSettings(name=name, time_limit=BAU_TIME_LIMIT, mip_gap=BAU_GAP,
                              threads=1)
    solver = (HighsSolver if name == HIGHS else CbcSolver)(settings)
    handles.problem.solve(solver)
    if solver.outcome.objective is None:  # a BAU without its regime lines would be wrong
        raise RuntimeError("business as usual under the regimes was not solved "
                           f"({solver.outcome.status}: {solver.outcome.message})")
    values = read_values(handles)
    report = regime_report(baseline, values)
    for year in params.years:
        bau.total_by_year[year] += sum(report.line(year, line) for line in MONEY_LINES)
    bau.objective = sum(params.discount[year] * total
                        for year, total in bau.total_by_year.items())
    bau.objective_literal = bau.objective + report.literal_difference(params)
    return bau, report


def reference_business_as_usual(params: ModelParams) -> BusinessAsUsual:
    """model.md's BAU, or with a regime on, BAU under the regimes."""
    if params.data.regimes.any_on:
        return regime_business_as_usual(params)[0]
    return business_as_usual(params)
