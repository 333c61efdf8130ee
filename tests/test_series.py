"""The two fill rules of model.md: prices flat outward, targets absent before their first year."""

from __future__ import annotations

from planner.series import fill_flat, fill_targets

POINTS = {2030: 10.0, 2040: 20.0}
YEARS = [2028, 2030, 2035, 2040, 2042]


def test_prices_and_supplies_are_flat_before_the_first_and_after_the_last_year() -> None:
    assert fill_flat(POINTS, YEARS) == {2028: 10.0, 2030: 10.0, 2035: 15.0, 2040: 20.0,
                                        2042: 20.0}


def test_targets_are_absent_before_their_first_year_and_flat_after_the_last() -> None:
    assert fill_targets(POINTS, YEARS) == {2028: None, 2030: 10.0, 2035: 15.0, 2040: 20.0,
                                           2042: 20.0}


def test_no_given_year_leaves_every_year_blank() -> None:
    assert fill_flat({}, [2030]) == fill_targets({}, [2030]) == {2030: None}
