"""The three robust Settings rows read with their defaults, and commit_until_year's own check."""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import Issue
from planner.scenario import Scenario
from planner.schema import SETTINGS_SHEET

COMMIT, RISK, ALPHA = "commit_until_year", "risk_weight", "cvar_alpha"


@dataclass(frozen=True)
class RobustSettings:
    """commit_until_year (end_year when blank), lambda and alpha of robust.md."""

    commit_until_year: int
    risk_weight: float = 0.0
    cvar_alpha: float = 0.9


def robust_settings(scenario: Scenario) -> RobustSettings:
    """The robust settings of a scenario (defaults where blank or invalid)."""
    settings = scenario.settings
    commit = settings.commit_until_year
    if commit is None or not settings.start_year - 1 <= commit <= settings.end_year:
        commit = settings.end_year
    return RobustSettings(int(commit), float(settings.risk_weight), float(settings.cvar_alpha))


def check_commit_year(scenario: Scenario) -> list[Issue]:
    """commit_until_year from start_year - 1 (nothing shared) to end_year, at its value cell."""
    row = scenario.setting_row(COMMIT)
    value = scenario.settings.commit_until_year
    if row is None or value is None:
        return []
    start, end = scenario.settings.start_year, scenario.settings.end_year
    if start - 1 <= value <= end or not start or end < start:
        return []
    return [scenario.issue(SETTINGS_SHEET.name, row, "value",
                           f"{COMMIT} must be between start_year - 1 ({start - 1}: nothing "
                           f"committed) and end_year ({end}), got {value}")]
