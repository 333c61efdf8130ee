"""Validation of a scenario: every rule of workbook.md at once, each issue at its sheet and cell.

``validate(scenario)`` returns the issues the reader found while loading, then every
rule's errors and warnings in sheet order (schema.INPUT_SHEETS), then row, then
column. Each rule is a ``check_*`` function of one concern that returns a list of
issues and never stops at the first. The GUI calls ``validate`` after every edit,
so the rules read each column once and touch no solver.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from planner.cases import sheet as case_sheet
from planner.errors import Issue
from planner.robust_inputs.checks import check_robust
from planner.scenario import Scenario
from planner.validation.cells import (
    check_ranges,
    check_required,
    check_required_settings,
    check_series_values,
    check_setting_values,
    check_types,
)
from planner.validation.context import Context, sheet_index
from planner.validation.plausible import (
    check_unusual_series,
    check_unusual_settings,
    check_unusual_values,
)
from planner.validation.references import (
    check_baseline_fuels,
    check_enables_by_kind,
    check_families,
    check_prices_given,
    check_series_fuels,
    check_vessel_types,
)
from planner.validation.regimes import REGIME_RULES
from planner.validation.uniqueness import check_unique_keys, check_unique_settings
from planner.validation.warnings import (
    check_empty_target_rows,
    check_inactive_vessels,
    check_late_fuels,
    check_late_technologies,
    check_unknown_settings,
    check_zero_supply_of_baseline_fuels,
)
from planner.validation.years import check_horizon, check_retire_year

__all__ = ["RULES", "check_cases_sheet", "check_robust_sheets", "validate"]

Rule = Callable[[Context], list[Issue]]

# Every rule, in the order its issues come for one cell (a cell's type error before
# anything else about it).
RULES: tuple[Rule, ...] = (
    check_types,
    check_required,
    check_ranges,
    check_setting_values,
    check_required_settings,
    check_series_values,
    check_unique_keys,
    check_unique_settings,
    check_enables_by_kind,
    check_baseline_fuels,
    check_families,
    check_series_fuels,
    check_prices_given,
    check_vessel_types,
    check_horizon,
    check_retire_year,
    check_inactive_vessels,
    check_late_fuels,
    check_late_technologies,
    check_empty_target_rows,
    check_zero_supply_of_baseline_fuels,
    check_unknown_settings,
    check_unusual_values,
    check_unusual_settings,
    check_unusual_series,
    *REGIME_RULES,
)

_A1 = re.compile(r"^([A-Z]+)(\d+)$")


def validate(scenario: Scenario) -> list[Issue]:
    """Every error and warning of a scenario: the load issues, then each rule's, in order."""
    loaded = list(scenario.load_issues)
    if any(issue.is_error and not issue.sheet and not issue.cell for issue in loaded):
        return loaded  # no workbook could be read: nothing else to say
    ctx = Context(scenario)
    found: list[Issue] = []
    for rule in RULES:
        found += rule(ctx)
    found.sort(key=_order)  # stable: at one cell, the rules' order decides
    found = _first_per_cell(found)
    # The Cases semantics come from the what-if module; at a Cases cell it reports,
    # its messages (which name the case) replace the generic one.
    from_cases = check_cases_sheet(scenario)
    found = _not_at(found, from_cases) + from_cases
    from_robust = check_robust_sheets(scenario)  # likewise for Futures, Uncertainty (robust.md)
    found = _not_at(found, from_robust) + from_robust
    found = [issue for issue in _not_at(found, loaded) if issue.sheet not in ctx.absent]
    found.sort(key=_order)
    return loaded + found


def check_cases_sheet(scenario: Scenario) -> list[Issue]:
    """The Cases semantics (parameters, items, year ranges, applied values) by
    planner.cases, called only when the Cases table has rows; the generic per-column rules
    above cover its types, required cells and change choices."""
    if scenario.cases.empty:
        return []
    return case_sheet.check_cases(scenario)


def check_robust_sheets(scenario: Scenario) -> list[Issue]:
    """The Futures, Uncertainty and commit_until_year rules of the robust inputs."""
    return check_robust(scenario)


def _not_at(issues: list[Issue], reported: list[Issue]) -> list[Issue]:
    """The issues not at a cell that ``reported`` already names (one message per cell)."""
    taken = {(issue.sheet, issue.cell) for issue in reported if issue.cell}
    return [issue for issue in issues if (issue.sheet, issue.cell) not in taken]


def _first_per_cell(issues: list[Issue]) -> list[Issue]:
    """One message per cell, the first found (an efficiency technology's enables is not
    also checked for family names)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for issue in issues:
        where = (issue.sheet, issue.cell)
        if where not in seen:
            seen.add(where)
            kept.append(issue)
    return kept


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _order(issue: Issue) -> tuple[int, int, int]:
    """Sheet order, then row, then column; issues without a cell (a missing setting or
    column) first in their sheet."""
    match = _A1.match(issue.cell)
    row = issue.row if issue.row is not None else (int(match.group(2)) - 2 if match else -1)
    column = _column_number(match.group(1)) if match else 0
    return sheet_index(issue.sheet), row, column

