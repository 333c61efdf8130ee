"""The extensive form of robust.md is exact: it equals solve() for one future, the weighted
sum of the futures alone with nothing committed, and a brute-force enumeration of the
committed installs; CVaR as hand-worked."""

from __future__ import annotations

import itertools
import math

import pytest
from known_answers import CHECKS_DIR, checks_available

from planner.cases.sheet import apply_case
from planner.optimize.backends import SolverSettings
from planner.optimize.bau import business_as_usual
from planner.optimize.extract import extract_plan
from planner.optimize.params import derive_params
from planner.optimize.solve import solve
from planner.resolve import resolve
from planner.robust.figures import cvar, risk_objective
from planner.robust.model import ExtensiveJob, FutureData, Stage, solve_extensive
from planner.robust_inputs.futures import read_futures
from planner.workbook import load_scenario

pytestmark = pytest.mark.skipif(not checks_available(), reason="no known-answer workbooks")
EXACT = SolverSettings("highs", time_limit=60, mip_gap=1e-9)


def futures_of(name: str) -> tuple[list[FutureData], object]:
    scenario = load_scenario(str(CHECKS_DIR / name))
    futures = [FutureData(f.name, f.probability, resolve(apply_case(scenario, f.name)))
               for f in read_futures(scenario).futures]
    return futures, scenario


def npvs(job: ExtensiveJob) -> tuple[list[float], float]:
    """Each future's NPV (recomputed by model.md) and the solver's objective."""
    done = solve_extensive(job)
    assert done.outcome.objective is not None, done.outcome
    values = []
    for future, found in zip(job.futures, done.values, strict=True):
        params = derive_params(future.data)
        values.append(extract_plan(params, found, business_as_usual(params)).objective)
    return values, done.outcome.objective


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6)


def test_cvar_by_hand() -> None:
    # worst 25%: 0.2 at 400 and 0.05 of the 0.3 at 200 -> (80 + 10) / 0.25
    assert cvar([100.0, 200.0, 400.0], [0.5, 0.3, 0.2], 0.75) == pytest.approx(360.0)
    assert cvar([7.0], [1.0], 0.9) == 7.0  # the CVaR of one value is that value
    assert risk_objective([100.0, 200.0, 400.0], [0.5, 0.3, 0.2], 1.0, 0.75) == \
        pytest.approx(360.0)
    assert risk_objective([100.0, 200.0], [0.5, 0.5], 0.0, 0.9) == 150.0


@pytest.mark.parametrize("risk_weight", [0.0, 0.6, 1.0])
def test_one_future_equals_solve(risk_weight: float) -> None:
    futures, scenario = futures_of("robust-tiny-9523.xlsx")
    base = futures[0]
    plan = solve(apply_case(scenario, base.name), mip_gap=1e-9, isolate=False)
    job = ExtensiveJob([FutureData(base.name, 1.0, base.data)], 2026, risk_weight, 0.9, EXACT)
    values, objective = npvs(job)
    assert close(values[0], plan.objective) and close(objective, plan.objective)


def test_nothing_committed_equals_the_weighted_sum_of_the_futures_alone() -> None:
    futures, scenario = futures_of("robust-9501.xlsx")
    start = scenario.settings.start_year
    alone = [solve(apply_case(scenario, f.name), mip_gap=1e-9, isolate=False).objective
             for f in futures]
    values, objective = npvs(ExtensiveJob(futures, start - 1, 0.0, 0.9, EXACT))
    expected = sum(f.probability * a for f, a in zip(futures, alone, strict=True))
    assert close(objective, expected)
    assert all(close(v, a) for v, a in zip(values, alone, strict=True))


@pytest.mark.parametrize("name,commit,risk_weight,alpha", [
    ("robust-tiny-9523.xlsx", 2026, 0.0, 0.9),
    ("robust-9501.xlsx", 2028, 0.0, 0.9),
    ("robust-9501.xlsx", 2028, 0.5, 0.75),
    ("robust-9504.xlsx", 2027, 1.0, 0.5),
])
def test_the_extensive_form_equals_a_brute_force_over_the_committed_installs(
        name: str, commit: int, risk_weight: float, alpha: float) -> None:
    futures, _scenario = futures_of(name)
    _values, objective = npvs(ExtensiveJob(futures, commit, risk_weight, alpha, EXACT))
    keys = _shared_keys(futures, commit)
    assert 1 <= len(keys) <= 6, keys  # a real choice, small enough to enumerate
    best = math.inf
    for chosen in itertools.product((0, 1), repeat=len(keys)):
        committed = dict(zip(keys, chosen, strict=True))
        values = []
        for future in futures:
            job = ExtensiveJob([FutureData(future.name, 1.0, future.data)], commit, 0.0, alpha,
                               EXACT, committed=committed)
            done = solve_extensive(job)
            if done.outcome.objective is None:
                break
            params = derive_params(future.data)
            values.append(extract_plan(params, done.values[0],
                                       business_as_usual(params)).objective)
        else:
            best = min(best, risk_objective(values, [f.probability for f in futures],
                                            risk_weight, alpha))
    assert close(objective, best)


def _shared_keys(futures: list[FutureData], commit: int) -> list[tuple[int, int, int]]:
    """Installs of the committed years that exist in every future (the others are 0)."""
    sets = []
    for future in futures:
        params = derive_params(future.data)
        sets.append({(v, k, t) for (v, k), years in params.install_years.items()
                     for t in years if t <= commit})
    return sorted(set.intersection(*sets))


def test_the_elastic_stages_give_the_unique_shortfall_of_9505() -> None:
    import json

    expected = json.loads((CHECKS_DIR / "expected.json").read_text())["robust-9505.xlsx"]
    futures, scenario = futures_of("robust-9505.xlsx")
    commit = 2030
    plain = solve_extensive(ExtensiveJob(futures, commit, 0.0, 0.9, EXACT))
    assert plain.outcome.status == "infeasible"
    stage1 = solve_extensive(ExtensiveJob(futures, commit, 0.0, 0.9, EXACT,
                                          stage=Stage.SHORTFALL))
    assert close(stage1.outcome.objective, expected["shortfall_total"])
    values, _objective = npvs(ExtensiveJob(futures, commit, 0.0, 0.9, EXACT,
                                           stage=Stage.ELASTIC,
                                           shortfall_limit=stage1.outcome.objective))
    weighted = sum(f.probability * v for f, v in zip(futures, values, strict=True))
    assert close(weighted, expected["elastic_objective"])


@pytest.mark.parametrize("dive", [False, True])
def test_a_one_future_job_with_regimes_keeps_its_commitment(dive: bool, monkeypatch) -> None:
    """A one-future job (a future with committed installs held) is solved as solve()
    solves a model, first plans included: with the LP dive (forced on this small fleet)
    its regime binaries are solved with the dive's retrofits held, which must keep the
    commitment, or a cheaper plan that breaks it would be taken for the job's."""
    import planner.optimize.worker as worker
    from planner.optimize.backends import HighsSolver
    from planner.robust.model import build_extensive

    repaired: list[object] = []
    if dive:
        monkeypatch.setattr(worker, "HEURISTIC_MIN_INSTALLS", 0)
        repair = worker._with_regime_binaries

        def counted(*args: object) -> object:
            repaired.append(repair(*args))  # type: ignore[arg-type]
            return repaired[-1]

        monkeypatch.setattr(worker, "_with_regime_binaries", counted)
    scenario = load_scenario(str(CHECKS_DIR / "regimes-8v-12y-9444.xlsx"))
    data = resolve(scenario)
    free = solve_extensive(ExtensiveJob([FutureData("Base", 1.0, data)], 2026, 0.0, 0.9,
                                        EXACT))
    first_year = min(key[2] for key, value in free.values[0]["install"].items() if value)
    job = ExtensiveJob([FutureData("Base", 1.0, data)], first_year, 0.0, 0.9, EXACT,
                       committed={})  # nothing installed up to the free plan's first year
    reference = build_extensive(job)
    solver = HighsSolver(EXACT)
    reference.problem.solve(solver)
    assert solver.outcome.objective is not None
    assert solver.outcome.objective > free.outcome.objective * (1 + 1e-6)
    repaired.clear()
    done = solve_extensive(job)
    assert done.outcome.objective == pytest.approx(solver.outcome.objective, rel=1e-6)
    assert len(repaired) == dive and all(plan is not None for plan in repaired)
    assert not [key for key, value in done.values[0]["install"].items()
                if value and key[2] <= first_year]
