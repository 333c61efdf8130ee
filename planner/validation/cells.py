"""Rules on single cells: each value has its column's type, required cells are filled, numbers lie in range."""

from __future__ import annotations

from dataclasses import replace

from planner import schema
from planner.convert import is_blank, range_error
from planner.errors import Issue
from planner.schema import Column, ColumnType, SheetKind
from planner.validation.context import Context, typed_value

# The yearly values of the series sheets have no schema column of their own: these
# give their type and range; the message names the fuel and the year.
SERIES_VALUE = {
    schema.FUEL_PRICES.name: Column("price", ColumnType.NUMBER, "Price per tonne", minimum=0,
                                    maximum=schema.MONEY_LIMIT, money=True, usual=(None, 1e4)),
    schema.FUEL_SUPPLY.name: Column("supply", ColumnType.NUMBER, "Most tonnes per year",
                                    "t per year", minimum=0, maximum=1e10, usual=(None, 3e8)),
}

REQUIRED_SETTINGS = tuple(col for col in schema.SETTINGS if col.required)


def _checked_columns(ctx: Context) -> list[tuple[schema.Sheet, Column]]:
    """(sheet, column) of every table column read cell by cell (setting values aside)."""
    return [(sheet, col) for sheet in schema.INPUT_SHEETS for col in ctx.columns(sheet)
            if col.type is not ColumnType.VALUE]


def check_types(ctx: Context) -> list[Issue]:
    """A value a column cannot read (text in a number column, a choice not offered)."""
    issues = []
    for sheet, col in _checked_columns(ctx):
        if not (col.is_numeric or col.type is ColumnType.CHOICE):
            continue
        for row, typed in enumerate(ctx.typed(sheet, col.name)):
            if typed.error:
                issues.append(ctx.error(sheet, row, col.name, typed.error))
    return issues


def check_required(ctx: Context) -> list[Issue]:
    """A blank cell in a required column, reported at the blank cell."""
    issues = []
    for sheet in schema.INPUT_SHEETS:
        for col in ctx.columns(sheet):
            if not col.required:
                continue
            for row, value in enumerate(ctx.raw(sheet, col.name)):
                if is_blank(value):
                    issues.append(ctx.error(sheet, row, col.name, f"{col.name} is required"))
    return issues


def check_ranges(ctx: Context) -> list[Issue]:
    """A number outside its column's range (fractions with the percentage hint)."""
    issues = []
    for sheet, col in _checked_columns(ctx):
        if col.minimum is None and col.maximum is None:
            continue
        for row, value in enumerate(ctx.values(sheet, col.name)):
            message = range_error(value, col) if value is not None else ""
            if message:
                issues.append(ctx.error(sheet, row, col.name, message))
    return issues


def _setting_rows(ctx: Context) -> list[tuple[int, Column, object]]:
    """(row, setting column, value cell) of every Settings row that names a known setting."""
    sheet = schema.SETTINGS_SHEET
    rows = []
    for row, (name, value) in enumerate(zip(ctx.raw(sheet, "setting"), ctx.raw(sheet, "value"),
                                            strict=True)):
        column = schema.find_setting(name) if not is_blank(name) else None
        if column is not None:
            rows.append((row, column, value))
    return rows


def check_setting_values(ctx: Context) -> list[Issue]:
    """A setting's value read by its own rule: type, then range; named at the value cell."""
    sheet = schema.SETTINGS_SHEET
    if (sheet.name, "value") in ctx.missing:
        return []
    issues = []
    for row, column, value in _setting_rows(ctx):
        typed = typed_value(value, column)
        message = typed.error or (range_error(typed.value, column)
                                  if typed.value is not None else "")
        if message:
            issues.append(ctx.error(sheet, row, "value", message))
    return issues


def check_required_settings(ctx: Context) -> list[Issue]:
    """start_year and end_year need a row and a value."""
    sheet = schema.SETTINGS_SHEET
    issues = []
    present = {column.name: (row, value) for row, column, value in reversed(_setting_rows(ctx))}
    for column in REQUIRED_SETTINGS:
        if column.name not in present:
            issues.append(Issue(sheet=sheet.name, cell=column.name, column="setting",
                                message=f"{column.name} is required, but Settings has no "
                                        f"{column.name} row"))
            continue
        row, value = present[column.name]
        if is_blank(value) and (sheet.name, "value") not in ctx.missing:
            issues.append(ctx.error(sheet, row, "value", f"{column.name} is required"))
    return issues


def _series_cells(ctx: Context) -> list[tuple[schema.Sheet, int, int, str, object]]:
    """(sheet, row, year, fuel as written, value) of every filled yearly cell."""
    cells = []
    for sheet in schema.INPUT_SHEETS:
        if sheet.kind is not SheetKind.SERIES:
            continue
        table = ctx.table(sheet)
        fuels = ctx.raw(sheet, "fuel")
        for year in ctx.year_columns(sheet):
            for row, value in enumerate(table[year].tolist()):
                if not is_blank(value):
                    fuel = "" if is_blank(fuels[row]) else str(fuels[row]).strip()
                    cells.append((sheet, row, year, fuel, value))
    return cells


def _series_column(sheet: schema.Sheet, fuel: str, year: int) -> Column:
    what = SERIES_VALUE[sheet.name].name
    name = f"{what} of {fuel} in {year}" if fuel else f"{what} in {year}"
    return replace(SERIES_VALUE[sheet.name], name=name)


def check_series_values(ctx: Context) -> list[Issue]:
    """A FuelPrices or FuelSupply value that is no number, or a negative one."""
    issues = []
    for sheet, row, year, fuel, value in _series_cells(ctx):
        column = _series_column(sheet, fuel, year)
        typed = typed_value(value, column)
        message = typed.error or range_error(typed.value, column)
        if message:
            issues.append(ctx.error(sheet, row, year, message))
    return issues


def series_number(sheet: schema.Sheet, value: object) -> float | None:
    """A yearly cell's usable number (None when blank or bad), for the other rules."""
    return typed_value(value, SERIES_VALUE[sheet.name]).value  # type: ignore[return-value]
