"""Issue 11, class "numbers no ship has ... never a wrong optimal", the optimizer's side:
values each within their physical limit that together span more than a solver can honour
are refused with the range seen, never solved into an "optimal" plan."""

from __future__ import annotations

from pathlib import Path

import pulp
from hostile_books import cell_of, put_cells, setting_cell, write_valid_book

from planner.optimize.numerics import LARGEST, numeric_range
from planner.optimize.solve import solve
from planner.plan import Status
from planner.validation import validate
from planner.workbook.reader import load_scenario


def test_valid_inputs_the_solver_cannot_honour_are_refused_with_the_range(
        tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "dong.xlsx")
    # In a currency of many units per dollar, a price of 9e14 per tonne passes every cell
    # check (the money limit is 1e15), but per TJ of energy it becomes a cost past 1e15.
    put_cells(path, {("FuelPrices", cell_of(path, "FuelPrices", 2026)): 9e14,
                     ("Settings", setting_cell(path, "currency")): "VND"})
    scenario = load_scenario(path)
    assert not [i for i in validate(scenario) if i.is_error]
    plan = solve(scenario, time_limit=30, isolate=False)
    assert plan.status is Status.INVALID
    assert plan.message.startswith("The model's numbers span more than a solver can honour (")
    assert "costs " in plan.message and "e+16" in plan.message
    assert plan.objective is None


def test_a_model_of_real_numbers_is_solved_without_a_note(tmp_path: Path) -> None:
    plan = solve(load_scenario(write_valid_book(tmp_path / "plain.xlsx")), time_limit=30,
                 isolate=False)
    assert plan.status in (Status.OPTIMAL, Status.INFEASIBLE)
    assert "span" not in plan.message


def test_the_range_names_each_part_of_the_model() -> None:
    problem = pulp.LpProblem("hostile", pulp.LpMinimize)
    x = pulp.LpVariable("x", 0, 1e16)
    y = pulp.LpVariable("y", 0)
    problem += 3 * x + 1e-3 * y
    problem += 2e-10 * x + y <= 5
    found = numeric_range(problem)
    assert (found.matrix.smallest, found.matrix.largest) == (2e-10, 1)
    assert found.bounds.largest == 1e16 >= LARGEST
    assert "constraint coefficients 2e-10 to 1; costs 0.001 to 3; right-hand sides and " \
           "bounds 5 to 1e+16" in found.refusal
