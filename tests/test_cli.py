"""The ``planner`` command: exit codes, the --json object, plain-word errors (interfaces.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from planner.cli import main

SOLVE_KEYS = {"status", "objective", "bau_objective", "gap", "solver", "found_by",
              "proved_by", "solve_seconds",
              "emissions_by_year", "caps_by_year", "retrofits", "errors"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a planner runs it: a separate process, stdout and stderr apart."""
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, timeout=300)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from planner import __version__

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"planner {__version__}"


def test_example_writes_the_sample_and_it_validates(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.xlsx"
    assert main(["example", str(out)]) == 0
    assert out.is_file()
    assert main(["validate", str(out)]) == 0
    assert "is valid" in capsys.readouterr().out


def test_validate_lists_every_error_with_its_cell(tmp_path: Path, checks_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.load_workbook(checks_dir / "tiny-9002.xlsx")
    book["Fleet"]["B2"] = "2015a"  # build_year
    book["Settings"]["B4"] = 8  # discount_rate
    path = tmp_path / "broken.xlsx"
    book.save(path)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert 'error: Fleet!B2: build_year must be a whole number, got "2015a"' in out
    assert "error: Settings!B4: discount_rate must be between 0 and 1, got 8; did you " \
           "mean 8%?" in out


def test_a_file_that_is_no_workbook_gives_one_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "fleet.xlsx"
    path.write_text("vessel_id,name\n1,A\n")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.count("error:") == 1
    assert '"fleet.xlsx" is not an Excel workbook' in result.stdout


def test_solve_json_is_clean_and_complete(checks_dir: Path, expected: dict) -> None:
    result = run_cli("solve", str(checks_dir / "tiny-9002.xlsx"), "--json", "--gap", "1e-7")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # nothing but the object on standard output
    assert set(data) >= SOLVE_KEYS
    assert data["status"] == "optimal"
    assert data["objective"] == pytest.approx(expected["tiny-9002.xlsx"]["objective"],
                                              rel=1e-6)
    assert data["errors"] == []
    assert set(data["emissions_by_year"]) == {"2025", "2026", "2027", "2028"}
    assert data["caps_by_year"]["2025"] is None
    assert all(set(r) == {"vessel_id", "technology", "year"} for r in data["retrofits"])


@pytest.mark.parametrize("name", ["tiny-9021.xlsx", "fleet-8v-12y-9101.xlsx"])
def test_solve_when_caps_cannot_be_met_exits_2_with_the_shortfall(
        name: str, checks_dir: Path, expected: dict, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = run_cli("solve", str(checks_dir / name), "--json", "-o", str(out))
    assert result.returncode == 2, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "infeasible"
    assert data["objective"] is None
    assert sum(data["shortfall_by_year"].values()) == pytest.approx(
        expected[name]["shortfall_total"], rel=1e-5)
    assert isinstance(data["limits"], list)
    assert out.is_file()


def test_solve_prints_the_diagnosis_in_words(checks_dir: Path) -> None:
    result = run_cli("solve", str(checks_dir / "tiny-9021.xlsx"))
    assert result.returncode == 2
    assert "cannot be met" in result.stdout
    assert "short" in result.stdout
    assert "infeasible" in result.stdout and "Traceback" not in result.stderr


def test_solve_with_workbook_errors_exits_1_and_solves_nothing(tmp_path: Path,
                                                               checks_dir: Path) -> None:
    book = openpyxl.load_workbook(checks_dir / "tiny-9002.xlsx")
    book["Fleet"]["B2"] = "2015a"
    path = tmp_path / "broken.xlsx"
    book.save(path)
    result = run_cli("solve", str(path), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["status"] == "invalid"
    assert {"sheet": "Fleet", "cell": "B2",
            "message": 'build_year must be a whole number, got "2015a"'} in data["errors"]
    plain = run_cli("solve", str(path))
    assert plain.returncode == 1
    assert "Fleet!B2" in plain.stderr and "nothing was solved" in plain.stderr


def test_solve_writes_inputs_and_plan_that_read_back(tmp_path: Path, checks_dir: Path) -> None:
    from planner.workbook.reader import read_workbook

    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(checks_dir / "tiny-9005.xlsx"), "-o", str(out)]) == 0
    loaded = read_workbook(out)
    assert loaded.plan is not None and not loaded.plan.stale
    assert loaded.plan.status.value == "optimal"


def test_a_missing_file_is_a_plain_error() -> None:
    result = run_cli("solve", "no-such-fleet.xlsx")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no-such-fleet.xlsx" in result.stdout + result.stderr
