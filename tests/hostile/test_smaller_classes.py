"""Issue 11, the smaller classes: values echoed in messages are cut, "4 2" and full-width
digits are no numbers, and a far-off empty cell does not make reading slow."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_books import cell_of, issues_of, put_cells, write_valid_book

from planner.convert import MESSAGE_VALUE_CHARS, parse_number


@pytest.mark.parametrize("text", ["4 2", "１２", "٤٢", "1 2 3", "12 34", "1,2", "1e"])
def test_text_that_only_looks_like_a_number_is_none(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "number"), [(" 42 ", 42.0), ("1,200.5", 1200.5),
                                              ("1 200", 1200.0), ("1\u00a0200 000", 1200000.0),
                                              ("-5", -5.0), (".5e3", 500.0)])
def test_numbers_typed_as_text_still_read(text: str, number: float) -> None:
    assert parse_number(text) == number


def test_a_value_of_any_length_is_cut_in_its_message(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "long.xlsx")
    address = cell_of(path, "Fleet", "build_year")
    put_cells(path, {("Fleet", address): "4 2" + "x" * 30_000})
    [issue] = [i for i in issues_of(path) if i.location == f"Fleet!{address}"]
    assert issue.is_error and len(issue.message) < 2 * MESSAGE_VALUE_CHARS
    assert issue.message.startswith('build_year must be a whole number, got "4 2xxx')
    assert issue.message.endswith('…"')


def test_full_width_digits_are_an_error_at_their_cell(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "wide.xlsx")
    address = cell_of(path, "Fleet", "annual_fuel_t")
    put_cells(path, {("Fleet", address): "１２０００"})
    errors = [str(i) for i in issues_of(path) if i.is_error]
    assert errors == [f'Fleet!{address}: annual_fuel_t must be a number, got "１２０００"']
