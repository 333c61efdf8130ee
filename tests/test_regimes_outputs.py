"""The regime figures of a plan: Plan Annual lines and Plan Compliance written and read back,
the summary's compliance lines and the JSON keys of ``planner solve``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from planner import schema
from planner.cli import main
from planner.optimize.solve import solve
from planner.workbook.reader import read_workbook
from planner.workbook.writer import save_scenario

BOOK = "regimes-tiny-9471.xlsx"


@pytest.fixture(scope="module")
def solved(checks_dir: Path):  # noqa: ANN201
    scenario = read_workbook(checks_dir / BOOK).scenario
    return scenario, solve(scenario, mip_gap=1e-9, isolate=False)


def test_plan_annual_and_compliance_survive_save_and_load(solved, tmp_path: Path) -> None:
    scenario, plan = solved
    save_scenario(scenario, tmp_path / "p.xlsx", plan=plan)
    loaded = read_workbook(tmp_path / "p.xlsx")
    assert loaded.scenario.load_issues == []
    again = loaded.plan
    assert again is not None and not again.stale
    assert again.objective_literal == pytest.approx(plan.objective_literal)
    assert again.bau_objective_literal == pytest.approx(plan.bau_objective_literal)
    for name in schema.REGIME_ANNUAL_COLUMNS:
        assert list(again.annual[name]) == pytest.approx(list(plan.annual[name])), name
    assert len(again.compliance) == len(plan.compliance) > 0
    pd.testing.assert_frame_equal(again.compliance.fillna(0.0), plan.compliance.fillna(0.0),
                                  check_dtype=False)


def test_a_plan_without_regimes_is_written_as_before(checks_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    scenario = read_workbook(checks_dir / "tiny-9002.xlsx").scenario
    plan = solve(scenario, isolate=False)
    save_scenario(scenario, tmp_path / "plain.xlsx", plan=plan)
    book = load_workbook(tmp_path / "plain.xlsx")
    assert schema.PLAN_COMPLIANCE.name not in book.sheetnames
    headers = {cell.value for cell in book[schema.PLAN_ANNUAL.name][1]}
    assert not headers & schema.REGIME_ANNUAL_COLUMNS
    metrics = {row[0].value for row in book[schema.PLAN_SUMMARY.name].iter_rows(min_row=2)}
    assert not metrics & schema.REGIME_SUMMARY_METRICS
    loaded = read_workbook(tmp_path / "plain.xlsx")
    assert loaded.scenario.load_issues == []
    assert loaded.plan.objective_literal == pytest.approx(plan.objective)


def test_solve_json_has_the_literal_values_and_the_annual_lines(checks_dir: Path,
                                                                expected: dict,
                                                                capsys) -> None:
    assert main(["solve", str(checks_dir / BOOK), "--json", "--full", "--gap", "1e-9"]) == 0
    data = json.loads(capsys.readouterr().out)
    want = expected[BOOK]
    assert data["objective_literal"] == pytest.approx(want["objective_literal"], rel=1e-6)
    assert data["bau_objective_literal"] == pytest.approx(want["bau_objective_literal"],
                                                          rel=1e-6)
    for year, lines in want["annual"].items():
        assert set(lines) <= set(data["annual"][year])
        assert data["annual"][year]["total"] == pytest.approx(lines["total"], rel=1e-6)
    assert main(["solve", str(checks_dir / BOOK), "--gap", "1e-9"]) == 0
    summary = capsys.readouterr().out
    assert "Literal NPV" in summary and "FuelEU banked/borrowed" in summary
