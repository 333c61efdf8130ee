"""The columns a table view shows: schema columns, year columns and unknown columns alike.

A year column of a series sheet and a column the program does not know get a
stand-in schema Column, so that headers, tooltips, parsing and formatting treat
every column the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from planner.convert import Parsed, Percent, format_value, is_blank, parse_cell, parse_number
from planner.scenario import known_columns
from planner.schema import Column, ColumnType, Sheet, SheetKind

UNKNOWN_DESCRIPTION = ("A column the planner does not use: it is kept, and saved back "
                       "as it is")


class ColumnRole(StrEnum):
    KNOWN = "known"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TableColumn:
    """One column of a table as the GUI shows it."""

    key: object  # the table's column key (schema name, year int, unknown header)
    column: Column
    role: ColumnRole

    @property
    def name(self) -> str:
        return str(self.key)

    @property
    def is_numeric(self) -> bool:
        return self.column.is_numeric

    def header(self, currency: str) -> str:
        """Label and unit on two lines, e.g. 'Annual fuel' over '(t per year)'."""
        unit = self.column.unit_label(currency)
        if self.role is not ColumnRole.KNOWN:
            return self.name
        if not unit or unit == "year":
            return self.column.title
        return f"{self.column.title}\n({unit})"

    def tooltip(self, currency: str) -> str:
        if self.role is ColumnRole.UNKNOWN:
            return f"{self.name}\n{UNKNOWN_DESCRIPTION}"
        if self.role is ColumnRole.YEAR:
            return f"{self.name}\n{self.column.tooltip(currency)}"
        return (f"{self.column.heading(currency)}\nWorkbook column name: {self.name}\n"
                f"{self.column.tooltip(currency)}")

    def parse(self, value: object) -> Parsed:
        """A typed or pasted value as the table keeps it (text kept when it fails)."""
        if self.role is ColumnRole.UNKNOWN:
            if is_blank(value):
                return Parsed(None)
            number = parse_number(value, allow_percent=True)
            if number is not None and not _leading_zero(value):
                return Parsed(number if isinstance(number, Percent) or not number.is_integer()
                              else int(number))
            return Parsed(value.strip() if isinstance(value, str) else value)
        return parse_cell(value, self.column)


def year_column(sheet: Sheet, year: int) -> Column:
    """The stand-in schema column of one year of a series sheet."""
    return Column(str(year), ColumnType.NUMBER, sheet.year_description, sheet.year_unit,
                  default_text="interpolated from the given years", minimum=0,
                  money="{currency}" in sheet.year_unit)


def table_columns(sheet: Sheet, table: pd.DataFrame) -> list[TableColumn]:
    """Every column of a table, in the table's order."""
    known = set(map(_key, known_columns(sheet, table)))
    result = []
    for key in table.columns:
        found = sheet.find(key) if isinstance(key, str) else None
        if found is not None and _key(key) in known:
            result.append(TableColumn(key, found, ColumnRole.KNOWN))
        elif sheet.kind is SheetKind.SERIES and isinstance(key, int) and _key(key) in known:
            result.append(TableColumn(key, year_column(sheet, key), ColumnRole.YEAR))
        else:
            result.append(TableColumn(key, Column(str(key), ColumnType.TEXT,
                                                  UNKNOWN_DESCRIPTION), ColumnRole.UNKNOWN))
    return result


def display_text(value: object, column: Column) -> str:
    """A cell as a planner reads it: thousands separators, percentages as typed."""
    if is_blank(value):
        return ""
    if isinstance(value, (bool, Percent)):
        return format_value(value, column)
    if column.type in (ColumnType.NUMBER, ColumnType.INTEGER, ColumnType.FRACTION) \
            and isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return format_value(value, column)
        return _number_text(value) if isinstance(value, float) else f"{value:,d}"
    return format_value(value, column)


def _number_text(value: float) -> str:
    """Six significant digits, more for a number with more whole digits (up to 6
    decimals, 12 digits in all): 1/6 reads 0.166667, 1234567.891 reads 1,234,567.891 and
    0.0001234567 reads 0.000123457. The edit keeps every digit."""
    whole_digits = math.floor(math.log10(abs(value))) + 1 if value else 1
    digits = min(12, max(6, whole_digits + 6))
    return f"{value:,.{digits}g}"


def sort_key(value: object) -> tuple[int, float, str]:
    """Numbers before text, blanks last; numbers by value, text case-insensitively."""
    if is_blank(value):
        return (2, 0.0, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value).casefold())


def _leading_zero(value: object) -> bool:
    """Text like "007" is an id, not the number 7."""
    text = value.strip() if isinstance(value, str) else ""
    return len(text) > 1 and text[0] == "0" and text[1].isdigit()


def _key(key: object) -> tuple[str, object]:
    return (type(key).__name__, key)
