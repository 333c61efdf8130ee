"""Fleet Transition Planner: least-cost retrofit schedules and fuel mixes under emission caps.

The Python API (interfaces.md)::

    import planner
    scenario = planner.load_scenario("fleet.xlsx")   # raises planner.WorkbookError
    plan = planner.solve(scenario, solver="highs", time_limit=60, mip_gap=0.005)
    planner.save_scenario(scenario, "fleet-plan.xlsx", plan=plan)
"""

from __future__ import annotations

from typing import Any

from planner.errors import Issue, PlannerError, SaveError, Severity, SolverError, WorkbookError
from planner.plan import Diagnosis, Plan, Status
from planner.scenario import Scenario, new_scenario
from planner.version import __version__

__all__ = [
    "Diagnosis", "Issue", "Plan", "PlannerError", "SaveError", "Scenario", "Severity",
    "SolverError", "Status", "WorkbookError", "__version__", "apply_case", "load_sample",
    "load_scenario", "new_scenario", "run_cases", "save_scenario", "sensitivity", "solve",
    "sample_futures", "solve_robust", "sweep", "validate",
]


def load_scenario(path: str) -> Scenario:
    """Read a scenario workbook; raises WorkbookError listing every problem."""
    from planner.workbook.reader import load_scenario as _load

    return _load(path)


def save_scenario(scenario: Scenario, path: str, plan: Plan | None = None,
                  cases: Any = None) -> None:
    """Write the scenario (and a plan, and what-if results) to an .xlsx, atomically."""
    from planner.workbook.writer import save_scenario as _save

    _save(scenario, path, plan=plan, cases=cases)


def validate(scenario: Scenario) -> list[Issue]:
    """Every error and warning of a scenario, each with its sheet and cell."""
    from planner.validation import validate as _validate

    return _validate(scenario)


def solve(scenario: Scenario, solver: str | None = None, time_limit: float | None = None,
          mip_gap: float | None = None, **kwargs: Any) -> Plan:
    """The least-cost plan that meets the caps (model.md); never raises for bad input."""
    from planner.optimize.solve import solve as _solve

    return _solve(scenario, solver=solver, time_limit=time_limit, mip_gap=mip_gap, **kwargs)


def load_sample() -> Scenario:
    """The bundled trans-Pacific corridor sample fleet."""
    from planner.sample import load_sample as _load_sample

    return _load_sample()


def apply_case(scenario: Scenario, name: str) -> Scenario:
    """The scenario of one what-if case (whatif.md)."""
    from planner.cases.sheet import apply_case as _apply

    return _apply(scenario, name)


def run_cases(scenario: Scenario, cases: list[str] | None = None, jobs: int | None = None,
              scheduler: str | None = None, **kwargs: Any) -> Any:
    """Solve Base and the cases, in parallel; see planner.whatif.runner."""
    from planner.whatif.runner import run_cases as _run

    return _run(scenario, cases=cases, jobs=jobs, scheduler=scheduler, **kwargs)


def sensitivity(scenario: Scenario, **kwargs: Any) -> Any:
    """The tornado of whatif.md."""
    from planner.whatif.studies import sensitivity as _sensitivity

    return _sensitivity(scenario, **kwargs)


def sweep(scenario: Scenario, parameter: str, values: list[float], **kwargs: Any) -> Any:
    """One parameter over a list of values (whatif.md)."""
    from planner.whatif.studies import sweep as _sweep

    return _sweep(scenario, parameter, values, **kwargs)




def solve_robust(scenario: Scenario, jobs: int | None = None, scheduler: str | None = None,
                 **kwargs: Any) -> Any:
    """The robust plan over the futures of the Futures sheet (robust.md); see
    planner.robust.run."""
    from planner.robust.run import solve_robust as _solve_robust

    return _solve_robust(scenario, jobs=jobs, scheduler=scheduler, **kwargs)


def sample_futures(scenario: Scenario, n: int, seed: int, prefix: str = "MC") -> Scenario:
    """A copy of the scenario with N futures sampled from its Uncertainty sheet as Cases
    rows and a Futures sheet (robust.md "Sampling")."""
    from planner.robust.sampler import sample_futures as _sample

    return _sample(scenario, n, seed, prefix)
