"""A worksheet's cells as read (values, percent formats, unsaved formulas); its header matched."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from planner.convert import format_value, is_blank, parse_number
from planner.errors import Issue, Severity
from planner.scenario import column_letter
from planner.schema import Column, ColumnType, Sheet, SheetKind, normalize

HEADER_ROW = 1
# Cells of columns the schema does not know: read like a setting's value (numbers kept,
# text stripped, a percent-formatted number remembered as a percentage).
UNKNOWN_COLUMN = Column("value", ColumnType.VALUE, "A column the program does not know")
# The yearly values of FuelPrices and FuelSupply.
SERIES_VALUE_COLUMN = Column("value", ColumnType.NUMBER, "The value of that year")


@dataclass
class Grid:
    """One worksheet's cells: ``rows[i]`` is worksheet row i + 1 (trailing blanks cut).

    ``percent`` holds the (row, column) of numeric cells formatted as a percentage;
    ``unsaved`` the formula text of formula cells that have no saved value.
    Rows and columns are 1-based.
    """

    title: str
    rows: list[list[object]] = field(default_factory=list)
    percent: set[tuple[int, int]] = field(default_factory=set)
    unsaved: dict[tuple[int, int], str] = field(default_factory=dict)
    unsaved_rows: set[int] = field(default_factory=set)

    def value(self, row: int, column: int) -> object:
        if row > len(self.rows):
            return None
        values = self.rows[row - 1]
        return values[column - 1] if column <= len(values) else None

    def is_percent(self, row: int, column: int) -> bool:
        return (row, column) in self.percent

    def row_is_empty(self, row: int) -> bool:
        """Every cell of the row is blank (a formula without a saved value is not blank)."""
        values = self.rows[row - 1]
        if values and any(not is_blank(value) for value in values):
            return False
        return row not in self.unsaved_rows

    def unsaved_issue(self, row: int, column: int, sheet_name: str,
                      severity: Severity = Severity.ERROR, table_row: int | None = None,
                      key: object = None) -> Issue | None:
        """The issue of a formula cell without a saved value, None for any other cell."""
        formula = self.unsaved.get((row, column))
        if formula is None:
            return None
        # A cell sharing another cell's formula has no text of its own ("=").
        what = f"the formula {formula}" if formula.strip("= ") else "the formula"
        message = (f"{what} has no saved value; open the file in Excel and save it, or "
                   "type the value")
        if severity is not Severity.ERROR:
            message = (f"{what} has no saved value; it is read as blank (open the file in "
                       "Excel and save it to keep its result)")
        return Issue(sheet=sheet_name, cell=f"{column_letter(column)}{row}", message=message,
                     severity=severity, row=table_row,
                     column=None if key is None else str(key))


# OOXML writes a control character in text as _xHHHH_ (Excel: a carriage return is
# _x000D_, else the XML parser turns it into a line feed) and a literal "_x" as _x005F_x.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TO_ESCAPE = re.compile(r"\r|_(?=x[0-9A-Fa-f]{4}_)")


def unescape_text(text: str) -> str:
    """A cell's text as written in Excel: _x000D_ back to a carriage return."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


def escape_text(text: str) -> str:
    """Text for a cell, so that unescape_text gives it back exactly (CR kept)."""
    return _TO_ESCAPE.sub(lambda match: "_x000D_" if match.group(0) == "\r" else "_x005F_",
                          text)


def read_grid(worksheet: Any, formulas: Any = None) -> Grid:
    """The cells of a read-only worksheet; ``formulas`` is the same sheet loaded with
    ``data_only=False`` when the sheet has formulas (None when it has none)."""
    worksheet.reset_dimensions()  # some writers save a wrong dimension; read every row
    grid = Grid(title=worksheet.title)
    for row_number, cells in enumerate(worksheet.iter_rows(), start=HEADER_ROW):
        if not cells:  # a row missing from the file (a stray far cell leaves a million)
            grid.rows.append([])
            continue
        values: list[object] = []
        for column_number, cell in enumerate(cells, start=1):
            value = cell.value
            if isinstance(value, str) and "_x" in value:
                value = unescape_text(value)
            values.append(value)
            if (isinstance(value, (int, float)) and not isinstance(value, bool)
                    and cell.has_style and "%" in cell.number_format):
                grid.percent.add((row_number, column_number))
        while values and values[-1] is None:
            values.pop()
        grid.rows.append(values)
    if formulas is not None:
        _find_unsaved_formulas(grid, formulas)
    while grid.rows and not grid.rows[-1] and len(grid.rows) not in grid.unsaved_rows:
        grid.rows.pop()
    return grid


def _find_unsaved_formulas(grid: Grid, formulas: Any) -> None:
    formulas.reset_dimensions()
    for row_number, cells in enumerate(formulas.iter_rows(), start=HEADER_ROW):
        for column_number, cell in enumerate(cells, start=1):
            if cell.data_type != "f" or grid.value(row_number, column_number) is not None:
                continue
            # An ArrayFormula has .text; a data-table formula has no text to show.
            text = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "")
            grid.unsaved[(row_number, column_number)] = str(text or "")
            grid.unsaved_rows.add(row_number)
            while len(grid.rows) < row_number:
                grid.rows.append([])


# --- headers -------------------------------------------------------------------------

@dataclass
class Header:
    """Where a sheet's columns stand: key -> 1-based column, and the issues of row 1.

    A key is the schema column's name, a year (``int``, series sheets), or the header
    text of a column the schema does not know, as written.
    """

    columns: dict[object, int] = field(default_factory=dict)
    schema_columns: dict[object, Column] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # The issues of columns not read (no header, a header given twice, an unsaved
    # formula as header): a save would drop their cells.
    unread: list[Issue] = field(default_factory=list)

    def column_for(self, key: object) -> Column | None:
        return self.schema_columns.get(key)


def match_header(sheet: Sheet, grid: Grid, sheet_name: str,
                 warn_only: bool = False) -> Header:
    """Match row 1 against the sheet's columns (case- and space-insensitive, any order).

    A header given twice is an error at the second one (its column is not read); a
    fractional year in a series sheet is an error and the column is kept as unknown.
    ``warn_only`` makes these warnings (sheets the program writes itself).
    """
    severity = Severity.WARNING if warn_only else Severity.ERROR
    header = Header()
    first_seen: dict[object, int] = {}
    width = max((len(values) for values in grid.rows), default=0)
    with_data = _columns_with_data(grid)
    for index in range(1, width + 1):
        cell = f"{column_letter(index)}{HEADER_ROW}"
        unsaved = grid.unsaved_issue(HEADER_ROW, index, sheet_name, severity)
        if unsaved is not None:
            header.issues.append(unsaved)
            header.unread.append(unsaved)
            continue
        text = grid.value(HEADER_ROW, index)
        if is_blank(text):
            if index in with_data:
                header.issues.append(Issue(
                    sheet=sheet_name, cell=cell, severity=Severity.WARNING,
                    message=f"column {column_letter(index)} has values but no header; "
                            "it is not read (type a header in row 1 to keep it)"))
                header.unread.append(header.issues[-1])
            continue
        key, column, problem = _header_key(sheet, text)
        if problem:
            header.issues.append(Issue(sheet=sheet_name, cell=cell, message=problem,
                                       severity=severity))
        same = normalize(key) if isinstance(key, str) else key
        if same in first_seen:
            first = f"{column_letter(first_seen[same])}{HEADER_ROW}"
            header.issues.append(Issue(
                sheet=sheet_name, cell=cell, severity=severity,
                message=f"the column {_shown(text)} is given twice (first in {first}); "
                        "this one is not read"))
            header.unread.append(header.issues[-1])
            continue
        first_seen[same] = index
        header.columns[key] = index
        if column is not None:
            header.schema_columns[key] = column
    return header


def _header_key(sheet: Sheet, text: object) -> tuple[object, Column | None, str]:
    """The key, the schema column (None when unknown) and a problem ('' when none)."""
    column = sheet.find(text) if isinstance(text, str) else None
    if column is not None:
        return column.name, column, ""
    if sheet.kind is SheetKind.SERIES and not isinstance(text, bool):
        number = parse_number(text) if isinstance(text, (int, float, str)) else None
        if number is not None:
            if float(number).is_integer():
                return int(number), SERIES_VALUE_COLUMN, ""
            key = text if isinstance(text, str) else format_value(text)
            return key, None, (f"the column header {_shown(text)} is not a whole year; the "
                               "column is kept but not read")
    key = text if isinstance(text, str) else format_value(text)
    return key, None, ""


def _shown(text: object) -> str:
    return f'"{text}"' if isinstance(text, str) else f'"{format_value(text)}"'


def _columns_with_data(grid: Grid) -> set[int]:
    """The columns with a value or an unsaved formula below the header, found in one pass
    over the cells (a stray cell at XFD1048576 must not make it 16384 passes)."""
    found = {column for row, column in grid.unsaved if row > HEADER_ROW}
    for values in grid.rows[HEADER_ROW:]:
        if values:
            found.update(index for index, value in enumerate(values, start=1)
                         if not is_blank(value))
    return found


def near_miss(header: object, names: list[str]) -> str:
    """The column name a header most likely means ("Main Engine kW" -> main_engine_kw),
    '' when it looks like none of ``names``."""
    key = normalize(header).replace(" ", "_").replace("-", "_")
    while "__" in key:
        key = key.replace("__", "_")
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
    return close[0] if close else ""
