"""Warnings for values that are allowed but unusual: outside a column's usual range (schema)."""

from __future__ import annotations

from planner import schema
from planner.convert import describe
from planner.errors import Issue
from planner.schema import Column, ColumnType
from planner.validation.cells import (
    SERIES_VALUE,
    _checked_columns,
    _series_cells,
    _series_column,
    _setting_rows,
)
from planner.validation.context import Context, typed_value

# The usual ranges of money columns are in US dollars; they hold for currencies worth
# about as much. In any other currency (yen, won, ...) money values get no such warning.
DOLLAR_LIKE = frozenset({"", "usd", "us$", "$", "eur", "€", "gbp", "£", "chf", "cad", "aud",
                         "nzd", "sgd"})


def unusual(value: object, column: Column, name: str = "") -> str:
    """The warning for a number outside its column's usual range, '' when inside."""
    if column.usual is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return ""
    low, high = column.usual
    number = float(value)
    if (low is None or number >= low) and (high is None or number <= high):
        return ""
    unit = f" {column.unit_label()}" if column.unit and not column.money else ""
    return (f"{name or column.name} is {describe(value)}, outside the usual range "
            f"{column.usual_label}{unit}; please check it")


def _applies(ctx: Context, column: Column) -> bool:
    if not column.money:
        return True
    currency = ctx.scenario.raw_setting("currency")
    return str(currency or "").strip().lower() in DOLLAR_LIKE


def check_unusual_values(ctx: Context) -> list[Issue]:
    """A value that is allowed but outside what ships, fuels and markets usually have."""
    issues = []
    for sheet, col in _checked_columns(ctx):
        if col.usual is None or not _applies(ctx, col):
            continue
        for row, value in enumerate(ctx.values(sheet, col.name)):
            message = unusual(value, col)
            if message:
                issues.append(ctx.warning(sheet, row, col.name, message))
    return issues


def check_unusual_settings(ctx: Context) -> list[Issue]:
    """A setting's value outside its usual range, at the value cell."""
    sheet = schema.SETTINGS_SHEET
    if (sheet.name, "value") in ctx.missing:
        return []
    issues = []
    for row, column, value in _setting_rows(ctx):
        if column.usual is None or column.type is ColumnType.CHOICE or not _applies(ctx, column):
            continue
        typed = typed_value(value, column)
        message = "" if typed.error else unusual(typed.value, column)
        if message:
            issues.append(ctx.warning(sheet, row, "value", message))
    return issues


def check_unusual_series(ctx: Context) -> list[Issue]:
    """A fuel price or supply outside its usual range, at its cell."""
    issues = []
    for sheet, row, year, fuel, value in _series_cells(ctx):
        column = _series_column(sheet, fuel, year)
        if not _applies(ctx, SERIES_VALUE[sheet.name]):
            continue
        typed = typed_value(value, column)
        message = "" if typed.error else unusual(typed.value, column)
        if message:
            issues.append(ctx.warning(sheet, row, year, message))
    return issues
