"""Validation's hook for robust planning: the Futures, Uncertainty and robust Settings rules."""

from __future__ import annotations

from planner.errors import Issue
from planner.robust_inputs.futures import read_futures
from planner.robust_inputs.settings import check_commit_year
from planner.robust_inputs.uncertainty import check_uncertainty
from planner.scenario import Scenario
from planner.schema import FUTURES


def check_robust(scenario: Scenario) -> list[Issue]:
    """Every problem of the Futures sheet, the Uncertainty sheet and commit_until_year."""
    issues = check_commit_year(scenario)
    if not scenario.tables[FUTURES.name].empty:
        issues += read_futures(scenario).issues
    issues += check_uncertainty(scenario)
    return issues
