"""planner solve --debug shows the story of a failed solve (the solver worker's traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main
from planner.exit_codes import ExitCode
from planner.optimize import solve as solve_module
from planner.plan import Plan, Status

TRACEBACK = "Traceback (most recent call last):\n  File \"build.py\"\nKeyError: 'x'"


@pytest.fixture
def failing_solve(monkeypatch: pytest.MonkeyPatch) -> None:
    def failed(*_args: object, **_kwargs: object) -> Plan:
        return Plan(Status.ERROR, message="The solver failed: KeyError: 'x'", details=TRACEBACK)

    monkeypatch.setattr(solve_module, "solve", failed)


@pytest.mark.usefixtures("failing_solve")
def test_debug_prints_the_workers_traceback(checks_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    book = str(checks_dir / "tiny-9002.xlsx")
    assert main(["solve", book, "--debug"]) == ExitCode.NO_PLAN
    err = capsys.readouterr().err
    assert TRACEBACK in err


@pytest.mark.usefixtures("failing_solve")
def test_without_debug_only_the_headline(checks_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(checks_dir / "tiny-9002.xlsx")]) == ExitCode.NO_PLAN
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "The solver failed: KeyError: 'x'" in captured.out + captured.err
