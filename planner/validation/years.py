"""Rules on years that depend on each other: the planning horizon and each vessel's service life."""

from __future__ import annotations

from planner import schema
from planner.errors import Issue
from planner.schema import MAX_HORIZON_YEARS
from planner.validation.context import Context


def check_horizon(ctx: Context) -> list[Issue]:
    """end_year is not before start_year and at most 60 years after it (at the end_year value)."""
    start, end = ctx.setting("start_year"), ctx.setting("end_year")
    row = ctx.scenario.setting_row("end_year")
    if not isinstance(start, int) or not isinstance(end, int) or row is None:
        return []
    sheet = schema.SETTINGS_SHEET
    if end < start:
        return [ctx.error(sheet, row, "value",
                          f"end_year must not be before start_year {start}, got {end}")]
    if end > start + MAX_HORIZON_YEARS:
        return [ctx.error(sheet, row, "value",
                          f"end_year must be at most {MAX_HORIZON_YEARS} years after "
                          f"start_year {start} (that is {start + MAX_HORIZON_YEARS}), "
                          f"got {end}")]
    return []


def check_retire_year(ctx: Context) -> list[Issue]:
    """A vessel does not retire before it is built (at the retire_year cell)."""
    sheet = schema.FLEET
    issues = []
    for row, (build, retire) in enumerate(zip(ctx.values(sheet, "build_year"),
                                              ctx.values(sheet, "retire_year"), strict=True)):
        if isinstance(build, int) and isinstance(retire, int) and retire < build:
            issues.append(ctx.error(sheet, row, "retire_year",
                                    f"retire_year must not be before build_year {build}, "
                                    f"got {retire}"))
    return issues
