"""What every validation rule reads: cell values typed by their column, names matched, the horizon.

A rule never re-implements parsing: ``typed_value`` says whether a cell holds a
usable value of its column's type (and, when it does not, the parser's message),
and ``Context`` caches each column's usable values so that a reference or year
rule never trips over a cell another rule already reports.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.convert import range_error
from planner.errors import Issue, Severity
from planner.scenario import Scenario, year_columns
from planner.schema import Column, Sheet, normalize
from planner.typed_cells import Typed, typed_value

WARNING = Severity.WARNING


def suggest(name: str, known: dict[str, str]) -> str:
    """'; did you mean "X"?' for a near miss among known names (normalized -> as written)."""
    close = difflib.get_close_matches(normalize(name), list(known), n=1, cutoff=0.75)
    return f'; did you mean "{known[close[0]]}"?' if close else ""


def sheet_index(sheet_name: str) -> int:
    """Position of an input sheet in schema.INPUT_SHEETS (unknown sheets last)."""
    for index, sheet in enumerate(schema.INPUT_SHEETS):
        if sheet.name == sheet_name:
            return index
    return len(schema.INPUT_SHEETS)


@dataclass
class Context:
    """One validation run's view of a scenario (cached per run, never stored)."""

    scenario: Scenario
    _typed: dict[tuple[str, str], list[Typed]] = field(default_factory=dict)
    _columns: dict[tuple[str, str], list[object]] = field(default_factory=dict)
    # Columns the reader reported missing: their cells are blank by absence, not by
    # the planner's hand, so no rule reports them again cell by cell.
    missing: set[tuple[str, str]] = field(default_factory=set)
    # Sheets the reader reported missing: nothing is said about them or against them.
    absent: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        loaded = self.scenario.load_issues
        self.missing = {(i.sheet, i.column) for i in loaded
                        if i.row is None and i.column is not None}
        self.absent = {i.sheet for i in loaded if i.is_error and i.sheet and not i.cell}

    def present(self, *sheets: Sheet) -> bool:
        """True when none of the sheets was reported missing by the reader."""
        return not any(sheet.name in self.absent for sheet in sheets)

    def columns(self, sheet: Sheet) -> list[Column]:
        """The sheet's schema columns that rules check (in the table, not reported missing)."""
        table = self.table(sheet)
        return [col for col in sheet.columns
                if col.name in table.columns and (sheet.name, col.name) not in self.missing]

    # --- tables ---------------------------------------------------------------------
    def table(self, sheet: Sheet) -> pd.DataFrame:
        return self.scenario.tables[sheet.name]

    def raw(self, sheet: Sheet, column: object) -> list[object]:
        """The cells of a column as stored (all None when the table lacks the column)."""
        table = self.table(sheet)
        if column not in table.columns:
            return [None] * len(table)
        return table[column].tolist()

    def typed(self, sheet: Sheet, column: str) -> list[Typed]:
        """Each cell of a schema column read by its column's rule, by row."""
        key = (sheet.name, column)
        if key not in self._typed:
            col = sheet.column(column)
            self._typed[key] = [typed_value(v, col) for v in self.raw(sheet, column)]
        return self._typed[key]

    def values(self, sheet: Sheet, column: str) -> list[object]:
        """The usable values of a schema column by row; None where blank or bad."""
        key = (sheet.name, column)
        if key not in self._columns:
            self._columns[key] = [typed.value for typed in self.typed(sheet, column)]
        return self._columns[key]

    def names(self, sheet: Sheet, column: str) -> list[str]:
        """A name column normalized by row ('' where blank)."""
        return [normalize(v) if v is not None else "" for v in self.values(sheet, column)]

    def year_columns(self, sheet: Sheet) -> list[int]:
        return year_columns(self.table(sheet))

    # --- names defined by the scenario ----------------------------------------------
    @property
    def fuels(self) -> set[str]:
        return {name for name in self.names(schema.FUELS, "fuel") if name}

    @property
    def families(self) -> set[str]:
        return {name for name in self.names(schema.FUELS, "family") if name}

    @property
    def vessel_types(self) -> set[str]:
        return {name for name in self.names(schema.FLEET, "type") if name}

    @property
    def baseline_fuels(self) -> set[str]:
        return {name for name in self.names(schema.FLEET, "baseline_fuel") if name}

    # --- settings -------------------------------------------------------------------
    def setting(self, name: str) -> object:
        """A setting's usable value, or None when blank, bad, out of range or absent."""
        column = schema.setting(name)
        typed = typed_value(self.scenario.raw_setting(name), column)
        if typed.error or typed.value is None or range_error(typed.value, column):
            return None
        return typed.value

    @property
    def horizon(self) -> tuple[int, int] | None:
        """(start_year, end_year) when both are usable and in order, else None."""
        start, end = self.setting("start_year"), self.setting("end_year")
        if not isinstance(start, int) or not isinstance(end, int) or end < start:
            return None
        return start, end

    # --- issues ---------------------------------------------------------------------
    def error(self, sheet: Sheet, row: int | None, column: object, message: str) -> Issue:
        return self.scenario.issue(sheet.name, row, column, message)

    def warning(self, sheet: Sheet, row: int | None, column: object, message: str) -> Issue:
        return self.scenario.issue(sheet.name, row, column, message, WARNING)
