"""Issue 11, class "the command line checks its own arguments": a value out of range is a
usage error, exit 1 (2 means "caps cannot be met") with the allowed range, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_books import write_valid_book

from planner.cli import main

BAD = [
    (["solve", "--time-limit", "-5"], "--time-limit: must be greater than 0 and at most 1e+07"),
    (["solve", "--time-limit", "0"], "--time-limit: must be greater than 0"),
    (["solve", "--time-limit", "nan"], "--time-limit: 'nan' is not a finite number"),
    (["solve", "--time-limit", "inf"], "--time-limit: 'inf' is not a finite number"),
    (["solve", "--gap", "2"], "--gap: must be between 0 and 1, got 2"),
    (["solve", "--gap", "-1"], "--gap: must be between 0 and 1, got -1"),
    (["solve", "--gap", "nan"], "--gap: 'nan' is not a finite number"),
    (["cases", "--jobs", "0"], "--jobs: must be between 1 and 1024, got 0"),
    (["sweep", "--jobs", "-3"], "--jobs: must be between 1 and 1024, got -3"),
    (["robust", "--jobs", "two"], "--jobs: must be a whole number, got 'two'"),
    (["solve", "--solver", "gurobi"], "invalid choice: 'gurobi'"),
]


@pytest.mark.parametrize(("arguments", "expected"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_an_argument_out_of_range_is_a_usage_error_with_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str],
        expected: str) -> None:
    book = str(tmp_path / "never-read.xlsx")  # refused before the file is opened
    command, *options = arguments
    with pytest.raises(SystemExit) as stopped:
        main([command, book, *options])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert expected in err and err.startswith("usage: planner")


def test_arguments_inside_their_range_are_taken(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    book = write_valid_book(tmp_path / "book.xlsx")
    code = main(["solve", str(book), "--time-limit", "30", "--gap", "1%", "--json"])
    assert code in (0, 2)  # a plan, or caps that cannot be met: not a usage error
    assert capsys.readouterr().out.startswith('{\n  "status": ')
