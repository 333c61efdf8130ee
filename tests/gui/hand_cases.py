"""Hand-made what-if runs for the GUI tests: real CasesRun objects built from hand plans
(no solver), so the numbers the charts and tables show are known exactly."""

from __future__ import annotations

from hand_plans import DEFAULT_RETROFITS, Retrofit, default_caps, hand_plan, hand_scenario

from planner import schema
from planner.plan import Status
from planner.scenario import Scenario, make_table
from planner.whatif.results import CaseResult, CasesRun
from planner.whatif.studies import SensitivityRun, SweepRun, Varied

CASE_ROWS = [  # case, parameter, item, change, value
    ("Dear carbon", "Targets.carbon_price_per_tco2e", None, "scale", 2.0),
    ("Slow yard", "Settings.yard_capacity_per_year", None, "set", 1),
    ("Tight caps", "Targets.cap_tco2e", None, "scale", 0.9),
]
# Slow yard: the methanol conversion of 9401001 moves 2028 -> 2030, the air lubrication
# of 9401003 vanishes, a methanol conversion of 9401003 appears in 2033.
SLOW_YARD_RETROFITS = [
    Retrofit("9401001", "Methanol dual-fuel conversion", 2030),
    Retrofit("9401002", "Air lubrication", 2027),
    Retrofit("9401002", "Methanol dual-fuel conversion", 2031),
    Retrofit("9401003", "Methanol dual-fuel conversion", 2033),
]


def cases_scenario() -> Scenario:
    """The hand scenario with a Cases sheet of CASE_ROWS."""
    scenario = hand_scenario()
    names = schema.CASES.column_names
    scenario.tables["Cases"] = make_table(schema.CASES, [
        dict(zip(names, row, strict=False)) for row in CASE_ROWS])
    return scenario


def _result(name: str, scenario: Scenario, retrofits: list[Retrofit] | None = None,
            scale: float = 1.0, caps: dict[int, float | None] | None = None,
            status: Status = Status.OPTIMAL, **fields: object) -> CaseResult:
    plan = hand_plan(scenario, retrofits, caps)
    plan.objective = None if plan.objective is None else plan.objective * scale
    plan.status = status
    if status is Status.INFEASIBLE:
        plan.objective = None
    return CaseResult(name, status, plan=plan, solve_seconds=1.5, **fields)  # type: ignore[arg-type]


def hand_run(scenario: Scenario | None = None) -> CasesRun:
    """Base and the three cases: one dearer, one with another schedule, one infeasible."""
    scenario = scenario if scenario is not None else cases_scenario()
    base = _result("Base", scenario)
    base.base_plan_objective, base.regret = base.objective, 0.0
    dear = _result("Dear carbon", scenario, scale=1.05)
    dear.base_plan_objective, dear.regret = dear.objective, 0.0
    slow = _result("Slow yard", scenario, SLOW_YARD_RETROFITS, scale=1.02,
                   note="Base's plan cannot be held here: the yard takes 1 a year here.")
    tight_caps = {year: None if cap is None else cap * 0.9 for year, cap in default_caps().items()}
    tight = _result("Tight caps", scenario, caps=tight_caps, status=Status.INFEASIBLE,
                    note="The case's caps cannot be met.")
    return CasesRun(scenario=scenario, results=[base, dear, slow, tight], seconds=12.5, jobs=2)


def hand_sensitivity(scenario: Scenario | None = None) -> SensitivityRun:
    """A tornado of two parameters at ±20%: fuel prices (wide) and discount rate (narrow)."""
    scenario = scenario if scenario is not None else cases_scenario()
    results = [_result("Base", scenario)]
    bars = []
    for varied, low, high in ((Varied(("FuelPrices",), "family:oil"), 0.90, 1.12),
                              (Varied(("Settings.discount_rate",)), 1.03, 0.98)):
        names = []
        for factor, label in ((low, "-20%"), (high, "+20%")):
            name = f"{varied.title} {label}"
            results.append(_result(name, scenario, scale=factor))
            names.append(name)
        bars.append((varied, names[0], names[1]))
    return SensitivityRun(scenario=scenario, results=results, seconds=9.0, jobs=2, swing=0.2,
                          varied=[b[0] for b in bars], bars=bars)


def hand_sweep(scenario: Scenario | None = None) -> SweepRun:
    """A carbon-price sweep at 50, 100, 150: the plan changes at 150 (a retrofit moves)."""
    scenario = scenario if scenario is not None else cases_scenario()
    results = [_result("Base", scenario)]
    points = []
    moved = [Retrofit(r.vessel_id, r.technology, 2029 if r.year == 2028 else r.year)
             for r in DEFAULT_RETROFITS]
    for value, retrofits, scale in ((50.0, None, 0.98), (100.0, None, 1.0),
                                    (150.0, moved, 1.02)):
        name = f"Targets.carbon_price_per_tco2e set {value:g}"
        results.append(_result(name, scenario, retrofits, scale=scale,
                               parameter="Targets.carbon_price_per_tco2e", change="set",
                               value=value))
        points.append((value, name))
    return SweepRun(scenario=scenario, results=results, seconds=7.0, jobs=2,
                    parameter="Targets.carbon_price_per_tco2e", change="set", points=points)
