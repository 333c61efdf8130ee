"""The About sheet: what each sheet and column means, the reading rules, who wrote the file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from planner import schema
from planner.schema import Column, Sheet, SheetKind

HEADINGS = ("column", "meaning", "unit", "default", "allowed")

# The Plan Summary sheet has the unit and description columns of the Settings sheet.
PLAN_SUMMARY_COLUMNS: tuple[Column, ...] = schema.PLAN_SUMMARY.columns + (
    replace(schema.SETTINGS_SHEET.column("unit"), description="Unit of the figure"),
    replace(schema.SETTINGS_SHEET.column("description"), description="What the figure means"))
PENALTY = schema.TARGETS.column("cap_penalty_per_tco2e").name

READING_RULES = (
    "Headers are on row 1 and data start on row 2; empty rows are skipped. Sheet names and "
    "column headers match whatever their case and surrounding spaces; column order is free.",
    "A blank cell means the column's default (listed below); 'blank' as a default means "
    "'none' (no cap, no limit, any year).",
    "Fractions can be typed as numbers (0.08), as percentages (8%) or in a cell formatted "
    "as a percentage: all three mean 0.08.",
    "Numbers may also be typed as text with thousands separators (\"1,200.5\").",
    "FuelPrices and FuelSupply have one column per year, headed by the year. A blank cell "
    "is 'not given': years between two given values are interpolated, and the first and "
    "last given values are held flat outward.",
    "Targets: each column is filled on its own. Years between two given values are "
    "interpolated, years after the last are held at it, years before the first have none "
    f"(no cap, carbon price 0, no penalty). Caps are hard until the first year with a "
    f"{PENALTY}, soft from then on: each tCO2e above them costs the penalty.",
    "Names (fuels, families, vessel types, technologies) match case-insensitively, ignoring "
    "surrounding spaces; comma lists separate names with commas.",
    "Columns and sheets the planner does not know are kept and written back on save "
    "(values only: their formatting may be lost).",
    "Text that starts with = + - or @ is stored as text, never as a formula.",
    "The Plan and Cases result sheets are written after a solve; editing them changes "
    "nothing. When the inputs change after a solve, the planner says the results are "
    "out of date.",
)


@dataclass(frozen=True)
class AboutRow:
    """One row of the About sheet and how it looks."""

    values: tuple[object, ...]
    style: str = ""  # "", "title", "section", "sheet", "heading"


def about_rows(written: list[Sheet], extra_titles: list[str], currency: str,
               version: str, written_at: dt.datetime) -> list[AboutRow]:
    """The About sheet, top to bottom, for the sheets this file holds."""
    stamp = written_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = [
        AboutRow((schema.ABOUT_TITLE,), "title"),
        AboutRow((f"Written {stamp} by Fleet Transition Planner {version}.",)),
        AboutRow((f"Money columns are in {currency or 'USD'} (the currency setting).",)),
        AboutRow(("Hover over a column header to see its meaning, unit, default and range.",)),
        AboutRow(()),
        AboutRow(("How the planner reads this workbook",), "section"),
    ]
    rows += [AboutRow((f"- {rule}",)) for rule in READING_RULES]
    rows += [AboutRow(()), AboutRow(("Sheets",), "section")]
    for sheet in written:
        rows += _sheet_rows(sheet, currency)
    for title in extra_titles:
        rows += [AboutRow(()), AboutRow((title, "A sheet the planner does not use: kept and "
                                         "written back by value."), "sheet")]
    return rows


def _sheet_rows(sheet: Sheet, currency: str) -> list[AboutRow]:
    rows = [AboutRow(()), AboutRow((sheet.name, _sheet_purpose(sheet)), "sheet"),
            AboutRow(HEADINGS, "heading")]
    if sheet.kind is SheetKind.SETTINGS:
        rows += [_column_row(col, currency) for col in sheet.columns[:2]]
        rows.append(AboutRow(("(settings)", "One row per setting, named in the setting "
                              "column:")))
        rows += [_column_row(col, currency) for col in schema.SETTINGS]
        return rows
    if sheet is schema.PLAN_SUMMARY:
        rows += [_column_row(col, currency, output=True) for col in PLAN_SUMMARY_COLUMNS]
        rows.append(AboutRow(("(metrics)", "One row per figure, named in the metric "
                              "column:")))
        rows += [AboutRow((name, meaning, unit.replace("{currency}", currency or "USD")))
                 for name, meaning, unit in schema.PLAN_SUMMARY_METRICS]
        return rows
    output = sheet.kind is SheetKind.OUTPUT
    rows += [_column_row(col, currency, output) for col in sheet.columns]
    if sheet.kind is SheetKind.SERIES:
        unit = sheet.year_unit.replace("{currency}", currency or "USD")
        rows.append(AboutRow(("one column per year (e.g. 2030)", sheet.year_description,
                              unit, "blank = not given (interpolated)", "whole year")))
    return rows


def _sheet_purpose(sheet: Sheet) -> str:
    if sheet.kind is SheetKind.OUTPUT:
        return sheet.description + " (a result: written by the planner)"
    if not sheet.required:
        return sheet.description + " (optional sheet)"
    return sheet.description


def _column_row(column: Column, currency: str, output: bool = False) -> AboutRow:
    default = "" if output else column.default_label  # results have no defaults
    return AboutRow((column.name, column.description, column.unit_label(currency), default,
                     column.range_label))


def output_note(column: Column, currency: str) -> str:
    """A result column's header note: its meaning and unit (no default, no range)."""
    unit = column.unit_label(currency)
    return column.description + (f"\nUnit: {unit}" if unit else "")
