"""Cases and sweeps over the regime inputs, end to end through ``planner sweep`` (the code
the app's sweep runs too): the objective moves as the Tier 2 price says it must, and the
literal FuelEU penalty is in every case's results (JSON, Cases Results, the text table)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner import schema
from planner.cli import main
from planner.optimize.solve import solve
from planner.whatif.cases_text import format_cases_table
from planner.whatif.runner import run_cases
from planner.workbook.reader import read_workbook

# Every regime on; NZF Tier 2 units bought in 2028, the one horizon year with NZF prices
# (the default series starts in 2028 at 380 USD, currency_per_usd 1).
BOOK = "regimes-tiny-9402.xlsx"
PRICES = (100.0, 380.0, 1000.0)  # 100: the Tier 1 price (Tier 2 may not be below it)


@pytest.fixture(scope="module")
def swept(checks_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    out = tmp_path_factory.mktemp("sweep") / "swept.xlsx"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["sweep", str(checks_dir / BOOK), "--parameter",
                     "Regimes.nzf_tier2_price_per_tco2e", "--values",
                     ",".join(f"{p:g}" for p in PRICES), "--from-year", "2028", "--json",
                     "--jobs", "1", "--gap", "1e-9", "-o", str(out)])
    return code, out, printed.getvalue()


def test_a_tier2_price_sweep_moves_the_objective_as_the_price_must(swept, expected) -> None:
    code, _out, printed = swept
    assert code == 0
    data = json.loads(printed)
    by_case = {case["case"]: case for case in data["cases"]}
    base = by_case["Base"]
    want = expected[BOOK]
    assert base["objective"] == pytest.approx(want["objective"], rel=1e-6)
    assert base["objective_literal"] == pytest.approx(want["objective_literal"], rel=1e-6)
    assert base["bau_objective_literal"] == pytest.approx(want["bau_objective_literal"],
                                                          rel=1e-6)
    cases = {case["value"]: case for case in data["cases"] if case["case"] != "Base"}
    assert sorted(cases) == list(PRICES)
    assert all(case["status"] == "optimal" for case in cases.values())
    npv = {price: cases[price]["objective"] for price in PRICES}
    # 380 from 2028 is the default series: the Base itself
    assert npv[380.0] == pytest.approx(base["objective"], rel=1e-7)
    # Base's plan bought Tier 2 units in 2028 (the known answer's annual line)
    tier2_paid = want["annual"]["2028"]["nzf_tier2"]
    assert tier2_paid > 0
    units = tier2_paid / 380.0
    discount = (1 + 0.08) ** -(2028 - 2025)
    # The NPV is the least over plans of lines in the price, each rising by its units:
    # never falling with the price, at most Base's plan repriced, concave.
    assert npv[100.0] <= npv[380.0] <= npv[1000.0]
    for price in (100.0, 1000.0):
        repriced = npv[380.0] + (price - 380.0) * discount * units
        assert npv[price] <= repriced * (1 + 1e-9)
    assert npv[1000.0] > npv[380.0] + 1.0  # units still bought at 1000 (nothing clean enough)
    assert npv[380.0] >= (npv[100.0] * 620 + npv[1000.0] * 280) / 900 * (1 - 1e-9)
    # every case reports its literal NPV; at 380 it is Base's (the same inputs)
    assert all(case["objective_literal"] is not None for case in cases.values())
    assert cases[380.0]["objective_literal"] == pytest.approx(base["objective_literal"],
                                                              rel=1e-6)


def test_the_sweep_results_sheet_has_the_literal_npv(swept, checks_dir) -> None:
    _code, out, _printed = swept
    loaded = read_workbook(out)
    results = loaded.outputs[schema.CASES_RESULTS.name]
    assert loaded.scenario.load_issues == []
    assert results["objective_literal"].notna().all()
    base = results[results["case"] == "Base"].iloc[0]
    plan = solve(read_workbook(checks_dir / BOOK).scenario, mip_gap=1e-9, isolate=False)
    assert float(base["objective_literal"]) == pytest.approx(plan.objective_literal, rel=1e-6)


def test_without_regimes_the_results_are_written_as_before(checks_dir: Path,
                                                           tmp_path: Path) -> None:
    run = run_cases(read_workbook(checks_dir / "cases-hand.xlsx").scenario, jobs=1)
    assert run.summary["objective_literal"].isna().all()
    from planner.workbook.writer import save_scenario

    save_scenario(run.scenario, tmp_path / "plain.xlsx", cases=run.output_tables())
    headers = [c.value for c in load_workbook(tmp_path / "plain.xlsx")
               [schema.CASES_RESULTS.name][1]]
    assert "objective_literal" not in headers
    assert read_workbook(tmp_path / "plain.xlsx").scenario.load_issues == []
    assert "literal NPV" not in format_cases_table(run)
    # JSON keeps one shape: the literal value is the objective without regimes
    for case in run.to_json()["cases"]:
        assert case["objective_literal"] == case["objective"]


def test_a_tornado_over_the_fueleu_penalty(checks_dir: Path, expected) -> None:
    """Sensitivity takes a Regimes column too: the FuelEU penalty scaled by 0.5 and 1.5."""
    from planner.whatif.studies import sensitivity

    scenario = read_workbook(checks_dir / BOOK).scenario
    run = sensitivity(scenario, swing=0.5, parameters=["Regimes.fueleu_penalty_per_t_vlsfo"],
                      jobs=1, mip_gap=1e-9)
    npv = {result.name: result.objective for result in run}
    assert len(npv) == 3 and all(value is not None for value in npv.values())
    low, high = (value for name, value in npv.items() if name != "Base")
    base = npv["Base"]
    assert base == pytest.approx(expected[BOOK]["objective"], rel=1e-6)
    # Base pays a FuelEU penalty: half the price costs less, one and a half more, and
    # never more than Base's plan with its penalty repriced
    rate = 0.08
    penalty = sum(lines["fueleu_penalty"] / (1 + rate) ** (int(year) - 2025)
                  for year, lines in expected[BOOK]["annual"].items())
    assert penalty > 0
    assert min(low, high) < base < max(low, high)
    assert max(low, high) <= base + 0.5 * penalty * (1 + 1e-9)
    assert min(low, high) <= base - 0.5 * penalty * (1 - 1e-9) + 1e-6 * base


@pytest.mark.parametrize(("parameter", "words"), [
    ("Settings.fueleu_pooling", "fueleu_pooling is a choice (ship/fleet)"),
    ("Settings.nzf", "nzf is a choice (on/off)"),
    ("Fuels.rfnbo", "rfnbo is a choice (yes/no)")])
def test_a_regime_switch_is_no_case_parameter_and_says_so(parameter: str, words: str) -> None:
    """regimes.md: the on/off and choice settings are not case parameters."""
    from whatif_scenarios import two_ship_scenario, with_cases

    from planner.cases.sheet import check_cases

    issues = check_cases(with_cases(two_ship_scenario(), [("X", parameter, None, "set", 1)]))
    assert [str(issue) for issue in issues] == [
        f'Cases!B2: case "X": unknown parameter "{parameter}"; {words}, not a number a case '
        "can change; compare its choices in two workbooks"]
