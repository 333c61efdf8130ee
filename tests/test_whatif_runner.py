"""run_cases: every case solved as `planner solve` would, Base's plan held, results in every form."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import time

import pytest
from whatif_scenarios import two_ship_scenario, with_cases

import planner
from planner import schema
from planner.cases.sheet import apply_case, case_names
from planner.errors import WorkbookError
from planner.plan import Status
from planner.resolve import resolve
from planner.whatif.cases_text import format_cases_table
from planner.whatif.held import plan_retrofits
from planner.whatif.results import results_are_current
from planner.whatif.runner import run_cases

CASE_FILES = ("cases-hand", "cases-9302", "cases-9315")
JSON_KEYS = {"case", "status", "objective", "bau_objective", "gap", "emissions_tco2e",
             "objective_literal", "bau_objective_literal",  # regimes.md, as solve --json
             "shortfall_total", "retrofits", "base_plan_objective", "regret", "note"}


@pytest.fixture(scope="module")
def runs(checks_dir):
    """Each known-answer workbook with cases, run with 2 jobs at a tight gap."""
    found = {}
    for name in CASE_FILES:
        scenario = planner.load_scenario(str(checks_dir / f"{name}.xlsx"))
        seen: list[tuple[str, int, int]] = []
        run = run_cases(scenario, jobs=2, mip_gap=1e-7,
                        progress=lambda case, done, total, _r, seen=seen:
                        seen.append((case, done, total)))
        found[name] = (scenario, run, seen)
    return found


def close(actual: float | None, expected: float | None, rel: float = 1e-6) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=rel, abs_tol=1e-6)


@pytest.mark.parametrize("name", CASE_FILES)
def test_every_case_reproduces_the_known_answers(runs, expected, name: str) -> None:
    _scenario, run, _seen = runs[name]
    known = expected[f"{name}.xlsx"]["cases"]
    assert run.names[0] == "Base" and sorted(run.names) == sorted(known)
    for case, answer in known.items():
        result = run[case]
        assert str(result.status) == answer["status"], case
        assert close(result.objective, answer["objective"]), case
        assert close(result.bau_objective, answer["bau_objective"]), case
        # no regime in these books: the literal NPVs are the NPVs themselves
        assert close(result.objective_literal, answer["objective"]), case
        assert close(result.bau_objective_literal, answer["bau_objective"]), case
        assert close(result.shortfall_total, answer.get("shortfall_total")), case


@pytest.mark.parametrize("name", CASE_FILES)
def test_base_plan_held_is_base_retrofits_with_fuels_reoptimised(runs, name: str) -> None:
    _scenario, run, _seen = runs[name]
    base = run["Base"]
    assert base.base_plan_objective == base.objective and base.regret == 0.0
    held_cases = [r for r in run.results if not r.is_base and r.base_plan_objective is not None]
    assert held_cases, "some case must hold Base's plan"
    for result in held_cases:
        assert set(plan_retrofits(result.held_plan)) == set(plan_retrofits(base.plan))
        assert result.base_plan_objective == pytest.approx(result.held_plan.objective)
        # the case's own plan is optimal (gap 1e-7), so holding Base's cannot be cheaper
        assert result.base_plan_objective >= result.objective * (1 - 1e-6)
        assert result.regret == pytest.approx(
            max(0.0, result.base_plan_objective - result.objective), abs=1e-6)


def test_regret_is_positive_where_the_case_changes_the_best_plan(runs) -> None:
    _scenario, run, _seen = runs["cases-9302"]
    stress = run["Case 2 stress"]
    assert set(plan_retrofits(stress.plan)) != set(plan_retrofits(run["Base"].plan))
    assert stress.regret > 1e5


def test_base_plan_held_under_dearer_conversions_costs_the_extra_capex_by_hand(runs) -> None:
    # Case 4 scales only the capex of conversions by 1.3: the fuel use that is best for
    # Base's retrofits does not change, so holding Base's plan costs Base's NPV plus the
    # discounted extra capex of its conversions, less the extra salvage at the end year.
    scenario, run, _seen = runs["cases-9302"]
    data = resolve(scenario)
    rate, start, end = data.settings.discount_rate, data.settings.start_year, data.settings.end_year
    techs = {t.name: t for t in data.technologies}
    vessels = {v.vessel_id: v for v in data.vessels}
    extra = 0.0
    for vessel_id, tech_name, year in plan_retrofits(run["Base"].plan):
        tech, vessel = techs[tech_name], vessels[vessel_id]
        if tech.kind != "conversion":
            continue
        more = 0.3 * (tech.capex_fixed + tech.capex_per_kw * vessel.main_engine_kw)
        left = max(0, min(year + tech.lifetime_years - 1, vessel.retire_year) - end)
        extra += more * (1 + rate) ** -(year - start)
        extra -= more * left / tech.lifetime_years * (1 + rate) ** -(end - start)
    assert extra > 0
    assert run["Case 4 tight yard"].base_plan_objective == pytest.approx(
        run["Base"].objective + extra, rel=1e-9)


def test_notes_say_why_base_plan_cannot_be_held(runs) -> None:
    _scenario, run, _seen = runs["cases-hand"]
    late = run["Late newbuild"]
    assert late.status is Status.OPTIMAL and late.base_plan_objective is None
    assert late.regret is None
    assert late.note.startswith("Base's plan cannot be held here: IMO2: Rotor sails in 2029 "
                                "is not possible: the vessel is not in service that year")
    short = run["No methanol before 2033"]
    assert short.base_plan_objective is None and short.regret is None
    assert short.note == ("The case's caps cannot be met: 23,444 tCO2e short at best, so "
                          "Base's plan cannot meet them either.")


def test_an_invalid_case_says_why_and_the_others_still_run(runs) -> None:
    _scenario, run, _seen = runs["cases-9315"]
    invalid = run["Case 1 what if"]
    assert invalid.status is Status.INVALID and invalid.objective is None
    assert "contradict each other" in invalid.note and "blend limits" in invalid.note
    errors = run.to_json()["errors"]
    assert errors and all(e["message"].startswith('case "Case 1 what if": ') for e in errors)
    assert all(r.status is not Status.ERROR for r in run.results)
    assert not run.any_without_result


def test_progress_reports_each_case_once_as_it_finishes(runs) -> None:
    for _scenario, run, seen in runs.values():
        assert sorted(case for case, _done, _total in seen) == sorted(run.names)
        assert [done for _case, done, _total in seen] == list(range(1, len(run) + 1))
        assert {total for _case, _done, total in seen} == {len(run)}
        assert seen[0][0] == "Base"  # a case waits for Base before holding its plan


def test_json_has_the_keys_of_whatif_md(runs) -> None:
    _scenario, run, _seen = runs["cases-hand"]
    data = json.loads(json.dumps(run.to_json()))
    assert set(data) == {"cases", "errors"}
    assert [c["case"] for c in data["cases"]] == run.names
    for case in data["cases"]:
        assert set(case) == JSON_KEYS
    high = data["cases"][run.names.index("High carbon")]
    assert high["retrofits"] == [{"vessel_id": r["vessel_id"], "technology": r["technology"],
                                  "year": r["year"]} for r in run["High carbon"].retrofits]
    assert high["retrofits"] and isinstance(high["retrofits"][0]["year"], int)


def test_summary_and_output_sheets_have_the_schema_columns(runs) -> None:
    scenario, run, _seen = runs["cases-hand"]
    summary = run.summary
    assert list(summary.columns) == schema.CASES_RESULTS.column_names
    assert list(summary["case"]) == run.names
    base_npv = run["Base"].objective
    high = summary.set_index("case").loc["High carbon"]
    assert high["difference_to_base"] == pytest.approx(run["High carbon"].objective - base_npv)
    assert high["retrofits"] == len(run["High carbon"].retrofits)
    tables = run.output_tables(scenario)
    assert list(tables) == ["Cases Results", "Cases Annual", "Cases Retrofits"]
    for sheet in schema.CASES_OUTPUT_SHEETS:
        assert list(tables[sheet.name].columns) == sheet.column_names
    annual = tables["Cases Annual"]
    with_plan = [r.name for r in run.results if r.plan is not None and not r.plan.annual.empty]
    assert sorted(set(annual["case"])) == sorted(with_plan)
    base_rows = annual[annual["case"] == "Base"]
    assert base_rows["discounted_total"].sum() == pytest.approx(base_npv)
    retrofits = tables["Cases Retrofits"]
    assert len(retrofits[retrofits["case"] == "Late newbuild"]) == len(
        run["Late newbuild"].retrofits)


def test_results_are_out_of_date_once_an_input_or_a_case_changes(runs) -> None:
    scenario, run, _seen = runs["cases-hand"]
    results = run.output_tables(scenario)["Cases Results"]
    assert results_are_current(results, scenario)
    changed = scenario.copy()
    changed.cases.at[0, "value"] = "300%"
    assert not results_are_current(results, changed)
    changed = scenario.copy()
    changed.set_setting("discount_rate", 0.05)
    assert not results_are_current(results, changed)


def test_the_comparison_table_shows_every_case_and_its_note(runs) -> None:
    _scenario, run, _seen = runs["cases-hand"]
    text = format_cases_table(run)
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["case", "status", "NPV"]
    for name in run.names:
        assert any(line.startswith(name) for line in lines[2:]), name
    assert "114.2 M USD" in lines[2]  # Base's NPV
    assert "Late newbuild: Base's plan cannot be held here" in text


def test_a_chosen_case_runs_with_base_only(checks_dir) -> None:
    scenario = planner.load_scenario(str(checks_dir / "cases-hand.xlsx"))
    run = run_cases(scenario, cases=["high CARBON", "Base"], jobs=1)
    assert run.names == ["Base", "High carbon"]
    assert run_cases(scenario, jobs=1, mip_gap=0.01).names == ["Base", *case_names(scenario)]
    with pytest.raises(WorkbookError, match='no case named "Nope"'):
        run_cases(scenario, cases=["Nope"])


def test_bad_cases_stop_the_run_before_anything_is_solved() -> None:
    scenario = with_cases(two_ship_scenario(), [
        ("Good", "FuelPrices", None, "scale", 0.9),
        ("Bad", "Fuels.max_blend_share", "HVO", "add", 1),
        ("Base", "Settings.discount_rate", None, "set", 0.1)])
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as raised:
        run_cases(scenario, jobs=1)
    assert time.perf_counter() - started < 5
    messages = [str(issue) for issue in raised.value.issues]
    assert 'Cases!E3: case "Bad": Fuels.max_blend_share of HVO would be 1.3; it must be ' \
           "between 0 and 1" in messages
    assert any(m.startswith('Cases!A4: case "Base": "Base" is reserved') for m in messages)
    assert not multiprocessing.active_children()


def test_a_case_is_solved_exactly_as_its_scenario_alone(checks_dir) -> None:
    scenario = planner.load_scenario(str(checks_dir / "cases-hand.xlsx"))
    run = run_cases(scenario, cases=["Cheap methanol"], mip_gap=1e-7)
    alone = planner.solve(apply_case(scenario, "Cheap methanol"), mip_gap=1e-7)
    assert run["Cheap methanol"].objective == pytest.approx(alone.objective, rel=1e-9)
    assert run.jobs == min(os.cpu_count(), 2)  # default: the cores, at most one per run


def test_held_problems_name_yard_capacity_budget_availability_and_dock_years() -> None:
    from planner.whatif.held import held_problems

    scenario = two_ship_scenario()
    scenario.set_setting("yard_capacity_per_year", 1)
    scenario.set_setting("capex_budget_per_year", 5_000_000)
    retrofits = (("IMO1", "Methanol conversion", 2030),  # 2,000,000 + 200 * 20,000 kW
                 ("IMO3", "Methanol conversion", 2030),  # 2,000,000 + 200 * 15,000 kW
                 ("IMO2", "Rotor sails", 2029), ("IMO1", "Rotor sails", 2031))
    scenario.technologies.at[1, "available_from"] = 2030
    assert held_problems(resolve(scenario), retrofits) == [
        "IMO2: Rotor sails in 2029 is not possible: the technology is available only from "
        "2030",
        "IMO1: Rotor sails in 2031 is not possible: the technology does not fit the vessel's "
        "type",
        "Base does 2 retrofits in 2030; the yard takes 1 a year here",
        "Base's retrofits in 2030 cost 11.0 M USD; the capex budget is 5.0 M USD a year here",
    ]
    # IMO1 docks every 3 years from 2027: 2030 is a dock year, 2031 is not
    assert held_problems(resolve(scenario), (("IMO1", "Methanol conversion", 2031),)) == [
        "IMO1: Methanol conversion in 2031 is not possible: it is not one of the vessel's "
        "docking years", "Base's retrofits in 2031 cost 6.0 M USD; the capex budget is "
        "5.0 M USD a year here"]


def test_without_a_base_plan_the_cases_say_there_is_none(checks_dir) -> None:
    scenario = planner.load_scenario(str(checks_dir / "cases-hand.xlsx"))
    fuels = scenario.fuels
    fuels.loc[fuels["fuel"] == "Bio-methanol", "available_from"] = 2033  # Base cannot meet
    scenario = with_cases(scenario, [("Soft caps", "Targets.cap_penalty_per_tco2e", None,
                                      "set", 400)])
    run = run_cases(scenario, jobs=2)
    assert run["Base"].status is Status.INFEASIBLE
    assert run["Base"].note.startswith("Base's caps cannot be met: 23,444 tCO2e short at best")
    soft = run["Soft caps"]
    assert soft.status is Status.OPTIMAL and soft.base_plan_objective is None
    assert soft.note == "Base's caps cannot be met: there is no Base plan to hold."

