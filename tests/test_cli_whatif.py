"""``planner cases``, ``sensitivity`` and ``sweep`` on the command line (whatif.md)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from test_cli import run_cli

CASE_KEYS = {"case", "status", "objective", "bau_objective", "gap", "emissions_tco2e",
             "shortfall_total", "retrofits", "base_plan_objective", "regret", "note"}


def test_cases_json_matches_the_known_answers(checks_dir: Path, expected: dict,
                                              tmp_path: Path) -> None:
    out = tmp_path / "cases.xlsx"
    result = run_cli("cases", str(checks_dir / "cases-hand.xlsx"), "--json", "--gap", "1e-7",
                     "--jobs", "2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["errors"] == []
    names = [case["case"] for case in data["cases"]]
    assert names[0] == "Base"
    known = expected["cases-hand.xlsx"]["cases"]
    assert set(names) == set(known)
    for case in data["cases"]:
        assert set(case) >= CASE_KEYS
        assert case["status"] == known[case["case"]]["status"]
        if known[case["case"]]["objective"] is not None:
            assert case["objective"] == pytest.approx(known[case["case"]]["objective"],
                                                      rel=1e-6)
        if case["regret"] is not None:
            assert case["regret"] >= -1e-6
    from planner.workbook.reader import read_workbook

    loaded = read_workbook(out)
    assert "Cases Results" in loaded.outputs and loaded.cases_stale is False


def test_cases_named_runs_only_those(checks_dir: Path) -> None:
    result = run_cli("cases", str(checks_dir / "cases-hand.xlsx"), "--case", "high carbon",
                     "--json", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    names = [case["case"] for case in json.loads(result.stdout)["cases"]]
    assert names == ["Base", "High carbon"]


def test_a_bad_cases_sheet_is_reported_by_cell_and_nothing_runs(checks_dir: Path,
                                                                tmp_path: Path) -> None:
    book = openpyxl.load_workbook(checks_dir / "cases-hand.xlsx")
    book["Cases"]["B3"] = "Fuels.colour"
    path = tmp_path / "bad-cases.xlsx"
    book.save(path)
    result = run_cli("cases", str(path), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["cases"] == []
    assert any(e["sheet"] == "Cases" and e["cell"] == "B3" for e in data["errors"])


def test_sensitivity_and_sweep_give_generated_cases(checks_dir: Path) -> None:
    book = str(checks_dir / "cases-hand.xlsx")
    tornado = run_cli("sensitivity", book, "--parameter", "Targets.carbon_price_per_tco2e",
                      "--parameter", "FuelPrices:family:methanol", "--json", "--jobs", "2")
    assert tornado.returncode == 0, tornado.stderr
    cases = json.loads(tornado.stdout)["cases"]
    generated = [c for c in cases if c["case"] != "Base"]
    assert len(generated) == 4
    assert all({"parameter", "item", "change", "value"} <= set(c) for c in generated)

    sweep = run_cli("sweep", book, "--parameter", "Targets.carbon_price_per_tco2e",
                    "--change", "scale", "--values", "0.5,1,2", "--json", "--jobs", "2")
    assert sweep.returncode == 0, sweep.stderr
    values = [c["value"] for c in json.loads(sweep.stdout)["cases"] if c["case"] != "Base"]
    assert values == [0.5, 1.0, 2.0]
