"""Every known-answer workbook of tests/data/checks reproduces expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.optimize.solve import solve
from planner.plan import Status
from planner.workbook.reader import load_scenario

CHECKS = Path(__file__).resolve().parent.parent / "data" / "checks"
EXPECTED = json.loads((CHECKS / "expected.json").read_text())
# regimes-*, robust-* and uncertainty-* have tests of their own (their models differ).
PLAN_FILES = sorted(name for name in EXPECTED if name.startswith(("tiny-", "fleet-")))
CASE_FILES = sorted(name for name in EXPECTED if name.startswith("cases-"))
GAP = 1e-7
RELATIVE = 1e-6


def _close(actual: float | None, expected: float) -> bool:
    return actual is not None and abs(actual - expected) <= RELATIVE * max(1.0, abs(expected))


@pytest.fixture(scope="module")
def solved() -> dict[tuple[str, str], object]:
    return {}


def _solve(solved: dict, name: str, solver: str = "highs"):
    if (name, solver) not in solved:
        scenario = load_scenario(str(CHECKS / name))
        solved[name, solver] = solve(scenario, solver=solver, mip_gap=GAP, time_limit=120)
    return solved[name, solver]


@pytest.mark.parametrize("name", PLAN_FILES)
def test_objective_and_bau_match(solved: dict, name: str) -> None:
    expected = EXPECTED[name]
    plan = _solve(solved, name)
    assert plan.status == Status(expected["status"]), plan.message
    assert _close(plan.bau_objective, expected["bau_objective"])
    if expected["status"] == "optimal":
        assert _close(plan.objective, expected["objective"]), (plan.objective,
                                                               expected["objective"])
    else:
        assert plan.objective is None


@pytest.mark.parametrize("name", [n for n in PLAN_FILES if EXPECTED[n]["status"] == "optimal"])
def test_discounted_totals_and_bau_emissions_by_year(solved: dict, name: str) -> None:
    expected = EXPECTED[name]
    plan = _solve(solved, name)
    annual = plan.annual.set_index("year")
    for year, value in expected["discounted_total_by_year"].items():
        assert annual.loc[int(year), "discounted_total"] == pytest.approx(
            value, rel=RELATIVE, abs=1e-3), year
    for year, value in expected["bau_emissions_by_year"].items():
        assert annual.loc[int(year), "bau_emissions_tco2e"] == pytest.approx(
            value, rel=1e-9, abs=1e-6), year
    # the independent answer's NPV is the sum of this plan's years
    assert annual["discounted_total"].sum() == pytest.approx(expected["objective"],
                                                             rel=RELATIVE)


@pytest.mark.parametrize("name", [n for n in PLAN_FILES
                                  if EXPECTED[n]["status"] == "infeasible"])
def test_infeasible_shortfall_and_elastic_objective(solved: dict, name: str) -> None:
    expected = EXPECTED[name]
    plan = _solve(solved, name)
    assert plan.diagnosis is not None
    assert _close(plan.diagnosis.shortfall_total, expected["shortfall_total"])
    assert _close(plan.diagnosis.elastic_objective, expected["elastic_objective"])
    # the short years found add up to the independent total; the plan tables are the
    # elastic plan, whose years add up to the independent elastic NPV
    assert sum(y.shortfall_tco2e for y in plan.diagnosis.years) == pytest.approx(
        expected["shortfall_total"], rel=RELATIVE, abs=1e-6)
    assert plan.annual["discounted_total"].sum() == pytest.approx(
        expected["elastic_objective"], rel=RELATIVE)
    assert all(sentence.startswith(str(y.year)) for sentence, y in
               zip(plan.diagnosis.sentences(), plan.diagnosis.years, strict=True))


@pytest.mark.parametrize("name", CASE_FILES)
def test_base_of_case_workbooks(name: str) -> None:
    expected = EXPECTED[name]["cases"]["Base"]
    plan = solve(load_scenario(str(CHECKS / name)), mip_gap=GAP, time_limit=120)
    assert plan.status == Status(expected["status"])
    assert _close(plan.objective, expected["objective"])
    assert _close(plan.bau_objective, expected["bau_objective"])


@pytest.mark.parametrize("name", PLAN_FILES)
def test_cbc_agrees_with_highs(solved: dict, name: str) -> None:
    highs = _solve(solved, name, "highs")
    cbc = _solve(solved, name, "cbc")
    assert cbc.status == highs.status
    assert cbc.solver == "cbc" and highs.solver == "highs"
    if highs.objective is not None:
        # CBC writes its plan with 8 significant digits, hence not 1e-12
        assert cbc.objective == pytest.approx(highs.objective, rel=1e-7)
    if highs.diagnosis is not None:
        assert cbc.diagnosis is not None
        assert cbc.diagnosis.shortfall_total == pytest.approx(
            highs.diagnosis.shortfall_total, rel=1e-6)
        assert cbc.diagnosis.elastic_objective == pytest.approx(
            highs.diagnosis.elastic_objective, rel=1e-6)
