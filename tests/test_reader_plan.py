"""The reader's output sheets: the Plan sheets into a Plan, the Cases results into tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from reader_books import valid_sheets, write_book

from planner import schema
from planner.errors import Severity
from planner.plan import Status
from planner.workbook import load_scenario, read_workbook

# Plan Annual of a plan without regimes: the columns it had before the regimes
PLAIN_ANNUAL_COLUMNS = [name for name in schema.PLAN_ANNUAL.column_names
                        if name not in schema.REGIME_ANNUAL_COLUMNS]

def input_fingerprint(tmp_path: Path, sheets: dict, include_cases: bool = False) -> str:
    scenario = read_workbook(write_book(tmp_path / "inputs.xlsx", sheets)).scenario
    return scenario.fingerprint(include_cases=include_cases)


def plan_sheets(fingerprint: str) -> dict[str, list[list[object]]]:
    return {
        "Plan Summary": [
            ["metric", "value", "unit", "description"],
            ["status", "optimal", None, None],
            ["solver", "highs", None, None],
            ["objective", 1_234_567.5, "USD", None],
            ["bau_objective", "1,300,000", "USD", None],
            ["abatement_cost", 55.2, "USD/tCO2e", None],
            ["gap", 0.004, "fraction", None],
            ["solve_seconds", 2.5, "s", None],
            ["solved_at", "2026-11-24T05:00:00Z", None, None],
            ["input_fingerprint", fingerprint, None, None],
            ["message", "Optimal plan", None, None],
        ],
        "Plan Annual": [
            PLAIN_ANNUAL_COLUMNS + ["my note"],
            [2026, 1e6, 80000, 80.0, None, None, 0, 0, 0, 6e6, 1e5, 0, 0, 6.1e6, 6.1e6, 80000,
             "x"],
            [2027, 1e6, 70000, 70.0, 75000, None, 2e6, 1e4, 3e4, 5e6, 1e5, 0, 0, 7.1e6, 6.5e6,
             80000, None],
        ],
        "Plan Retrofits": [
            ["vessel_id", "technology", "year", "capex", "off_hire_days"],
            ["IMO1", "Methanol conversion", 2027, 2e6, 20],
        ],
        "Plan Fuel Use": [
            ["vessel_id", "year", "fuel", "energy_gj", "tonnes", "cost"],
            ["IMO1", 2026, "VLSFO", 369000, 9000, 5.4e6],
            ["IMO1", 2027, "Bio-methanol", 100000, 5025.1, 6e6],
        ],
    }


def test_a_saved_plan_is_read_back_with_typed_tables(tmp_path: Path) -> None:
    sheets = valid_sheets()
    fingerprint = input_fingerprint(tmp_path, sheets)
    loaded = read_workbook(write_book(tmp_path / "plan.xlsx", sheets | plan_sheets(fingerprint)))
    assert loaded.scenario.load_issues == []
    assert loaded.foreign_sheets == [] and loaded.scenario.extra_sheets == []
    plan = loaded.plan
    assert plan is not None
    assert plan.status is Status.OPTIMAL and plan.solver == "highs"
    assert plan.objective == 1_234_567.5 and plan.bau_objective == 1_300_000.0
    assert plan.gap == 0.004 and plan.solve_seconds == 2.5
    assert plan.solved_at == "2026-11-24T05:00:00Z" and plan.message == "Optimal plan"
    assert plan.input_fingerprint == fingerprint and plan.stale is False
    assert plan.currency == "USD" and plan.diagnosis is None
    assert list(plan.annual.columns) == schema.PLAN_ANNUAL.column_names
    assert plan.annual["year"].dtype == "int64" and plan.annual["year"].tolist() == [2026, 2027]
    assert plan.annual["capex"].dtype == "float64"
    assert pd.isna(plan.annual["cap_tco2e"].iloc[0])
    assert plan.annual["cap_tco2e"].iloc[1] == 75000.0
    assert plan.emissions_by_year == {2026: 80000.0, 2027: 70000.0}
    assert plan.retrofits.to_dict("records") == [{
        "vessel_id": "IMO1", "technology": "Methanol conversion", "year": 2027,
        "capex": 2e6, "off_hire_days": 20.0}]
    assert plan.fuel_use["tonnes"].dtype == "float64"
    assert plan.fuel_use["fuel"].tolist() == ["VLSFO", "Bio-methanol"]
    assert plan.has_plan


def test_a_plan_of_other_inputs_is_stale(tmp_path: Path) -> None:
    sheets = valid_sheets()
    fingerprint = input_fingerprint(tmp_path, sheets)
    sheets["Fleet"][1][5] = 9500  # the inputs changed after the solve
    loaded = read_workbook(write_book(tmp_path / "plan.xlsx", sheets | plan_sheets(fingerprint)))
    assert loaded.plan is not None and loaded.plan.stale is True


def test_a_plan_whose_caps_cannot_be_met_reads_its_diagnosis(tmp_path: Path) -> None:
    sheets = valid_sheets()
    plan = plan_sheets(input_fingerprint(tmp_path, sheets))
    plan["Plan Summary"][1][1] = "Infeasible"
    plan["Plan Summary"].append(["shortfall_total", 1500.5, "tCO2e", None])
    plan["Plan Diagnosis"] = [
        schema.PLAN_DIAGNOSIS.column_names,
        [2029, 40000, None, 41000, 1000, "yard_capacity, Fuel_Supply ", "2029: ..."],
        [2030, None, 60.0, 40500.5, 500.5, None, "2030: ..."],
    ]
    loaded = read_workbook(write_book(tmp_path / "plan.xlsx", sheets | plan))
    assert loaded.scenario.load_issues == []
    diagnosis = loaded.plan.diagnosis
    assert loaded.plan.status is Status.INFEASIBLE
    assert diagnosis.shortfall_total == 1500.5
    assert diagnosis.shortfall_by_year == {2029: 1000.0, 2030: 500.5}
    first, second = diagnosis.years
    assert first.limits == ["yard_capacity", "fuel_supply"] and second.limits == []
    assert first.cap_tco2e == 40000.0 and first.intensity_cap_gco2e_per_mj is None
    assert second.intensity_cap_gco2e_per_mj == 60.0 and second.emissions_tco2e == 40500.5
    assert loaded.plan.shortfall_years == [2029, 2030]


def test_bad_cells_of_output_sheets_are_warnings_read_as_blank(tmp_path: Path) -> None:
    sheets = valid_sheets()
    plan = plan_sheets(input_fingerprint(tmp_path, sheets))
    plan["Plan Summary"][1][1] = "great"
    plan["Plan Summary"][3][1] = "lots"
    plan["Plan Annual"][1][6] = "n/a"
    path = write_book(tmp_path / "plan.xlsx", sheets | plan)
    loaded = read_workbook(path)
    issues = loaded.scenario.load_issues
    assert all(issue.severity is Severity.WARNING for issue in issues)
    assert {(issue.sheet, issue.cell) for issue in issues} == {
        ("Plan Annual", "G2"), ("Plan Summary", "B4"), ("Plan Summary", "status")}
    assert loaded.plan.status is Status.ERROR and loaded.plan.objective is None
    assert pd.isna(loaded.plan.annual["capex"].iloc[0])
    load_scenario(path)  # warnings do not stop the load


def test_plan_sheets_without_a_summary_are_not_read(tmp_path: Path) -> None:
    sheets = valid_sheets()
    plan = plan_sheets("")
    del plan["Plan Summary"]
    loaded = read_workbook(write_book(tmp_path / "plan.xlsx", sheets | plan))
    assert loaded.plan is None
    (issue,) = loaded.scenario.load_issues
    assert issue.severity is Severity.WARNING and issue.sheet == "Plan Summary"
    assert loaded.foreign_sheets == []


def cases_results(fingerprint: str) -> dict[str, list[list[object]]]:
    return {
        "cases results": [
            [" Case ", "status", "objective", "retrofits", "input_fingerprint"],
            ["Base", "optimal", 1.5e6, 2, fingerprint],
            ["High carbon", "optimal", "1,700,000", 3, fingerprint],
        ],
        "Cases Annual": [
            ["case", "year", "emissions_tco2e"],
            ["Base", 2026, 80000],
            ["Base", "2027", 70000],
        ],
    }


def test_cases_results_are_read_as_typed_tables(tmp_path: Path) -> None:
    sheets = valid_sheets()
    fingerprint = input_fingerprint(tmp_path, sheets, include_cases=True)
    loaded = read_workbook(write_book(tmp_path / "cases.xlsx",
                                      sheets | cases_results(fingerprint)))
    assert loaded.cases_stale is False
    results = loaded.outputs["Cases Results"]
    assert list(results.columns) == schema.CASES_RESULTS.column_names
    assert results["case"].tolist() == ["Base", "High carbon"]
    assert results["objective"].tolist() == [1.5e6, 1.7e6]
    assert results["retrofits"].dtype == "int64"
    assert results["regret"].isna().all()
    annual = loaded.outputs["Cases Annual"]
    assert annual["year"].tolist() == [2026, 2027] and annual["year"].dtype == "int64"
    assert "Cases Retrofits" not in loaded.outputs
    warnings = {issue.cell for issue in loaded.scenario.load_issues}
    assert "regret" in warnings and "cap_tco2e" in warnings  # missing columns, blank
    assert all(not issue.is_error for issue in loaded.scenario.load_issues)


def test_cases_results_of_other_inputs_are_stale(tmp_path: Path) -> None:
    sheets = valid_sheets()
    loaded = read_workbook(write_book(tmp_path / "cases.xlsx",
                                      sheets | cases_results("0123456789abcdef")))
    assert loaded.cases_stale is True
    assert read_workbook(write_book(tmp_path / "plain.xlsx", sheets)).cases_stale is None


def test_what_the_writer_saves_the_reader_reads_back(tmp_path: Path) -> None:
    from planner.workbook import writer
    sheets = valid_sheets()
    scenario = load_scenario(write_book(tmp_path / "inputs.xlsx", sheets))
    source = read_workbook(write_book(tmp_path / "plan.xlsx",
                                      sheets | plan_sheets(scenario.fingerprint()))).plan
    writer.save_scenario(scenario, tmp_path / "saved.xlsx", plan=source)
    loaded = read_workbook(tmp_path / "saved.xlsx")
    assert [issue for issue in loaded.scenario.load_issues if issue.is_error] == []
    assert loaded.foreign_sheets == []
    assert loaded.plan.stale is False
    for name in ("status", "objective", "bau_objective", "gap", "solver", "solved_at",
                 "input_fingerprint", "message"):
        assert getattr(loaded.plan, name) == getattr(source, name), name
    pd.testing.assert_frame_equal(loaded.plan.annual, source.annual)
    pd.testing.assert_frame_equal(loaded.plan.retrofits, source.retrofits)
    pd.testing.assert_frame_equal(loaded.plan.fuel_use, source.fuel_use)


def test_a_limit_the_planner_does_not_know_is_left_out_with_a_warning(tmp_path: Path) -> None:
    sheets = valid_sheets()
    plan = plan_sheets(input_fingerprint(tmp_path, sheets))
    plan["Plan Diagnosis"] = [schema.PLAN_DIAGNOSIS.column_names,
                              [2029, 40000, None, 41000, 1000, "dock_windows, magic", None]]
    loaded = read_workbook(write_book(tmp_path / "plan.xlsx", sheets | plan))
    (issue,) = loaded.scenario.load_issues
    assert issue.severity is Severity.WARNING and issue.sheet == "Plan Diagnosis"
    assert issue.message.startswith('2029: "magic" is not a limit')
    assert loaded.plan.diagnosis.years[0].limits == ["dock_windows"]
    assert loaded.plan.diagnosis.shortfall_total == 1000.0  # no summary figure: the rows' sum
