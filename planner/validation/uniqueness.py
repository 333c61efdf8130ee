"""Rules on keys: vessel ids, fuels, technologies, Targets years, settings and series rows are unique."""

from __future__ import annotations

from planner import schema
from planner.convert import describe, is_blank
from planner.errors import Issue
from planner.schema import Column, normalize
from planner.validation.context import Context


def _key(value: object, column: Column) -> object:
    """What two cells are compared by: names case- and space-insensitively, years as numbers."""
    if value is None:
        return None
    return value if column.is_numeric else normalize(value) or None


def _shown(value: object) -> str:
    return describe(value.strip() if isinstance(value, str) else value)


def check_unique_keys(ctx: Context) -> list[Issue]:
    """A key given twice: reported at the later cell, naming the first."""
    issues = []
    for sheet in schema.INPUT_SHEETS:
        if sheet is schema.SETTINGS_SHEET:
            continue
        for col in ctx.columns(sheet):
            if not col.unique:
                continue
            first: dict[object, int] = {}
            for row, value in enumerate(ctx.values(sheet, col.name)):
                key = _key(value, col)
                if key is None:
                    continue
                if key in first:
                    earlier = ctx.scenario.cell(sheet.name, first[key], col.name)
                    said = "appears more than once" if col.is_numeric else "is given twice"
                    issues.append(ctx.error(
                        sheet, row, col.name,
                        f"{col.name} {_shown(value)} {said} (first at {earlier})"))
                else:
                    first[key] = row
    return issues


def check_unique_settings(ctx: Context) -> list[Issue]:
    """A setting given on two rows: reported at the later setting-name cell.

    Only known settings count: rows the program does not know are kept and ignored.
    """
    sheet = schema.SETTINGS_SHEET
    issues = []
    first: dict[str, int] = {}
    for row, name in enumerate(ctx.raw(sheet, "setting")):
        column = None if is_blank(name) else schema.find_setting(name)
        if column is None:
            continue
        if column.name in first:
            earlier = ctx.scenario.cell(sheet.name, first[column.name], "setting")
            issues.append(ctx.error(sheet, row, "setting",
                                    f"{column.name} is given twice (first at {earlier})"))
        else:
            first[column.name] = row
    return issues
