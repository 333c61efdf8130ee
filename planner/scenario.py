"""The scenario: every input sheet as a table, kept as the planner wrote it.

A ``Scenario`` holds the Settings, Fleet, Fuels, FuelPrices, FuelSupply, Technologies,
Targets and Cases sheets as pandas DataFrames of parsed cell values (object dtype:
``int``, ``float``, ``Percent``, ``str`` or ``None`` for blank; a cell that did not
parse keeps its text, so nothing is lost and validation can name it). Columns are
the schema's columns in schema order, then the sheet's unknown columns as they
were headed. Series sheets (FuelPrices, FuelSupply) have a ``fuel`` column, then
one ``int`` column per year, then unknown columns. Blanks stay blank: defaults
and interpolation are applied by ``planner.resolve``, not here, so that saving
writes back what was read.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner import schema
from planner.convert import is_blank
from planner.errors import Issue
from planner.schema import Column, Sheet, SheetKind, normalize

TABLE_SHEETS: tuple[Sheet, ...] = schema.INPUT_SHEETS


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetLayout:
    """Where a table's cells stand in the file it was read from.

    ``columns`` maps a column key (schema name, unknown header, or year) to its
    1-based column index; ``rows`` gives the worksheet row of each table row
    (None for rows added since). Cells not in the layout fall back to where the
    writer would put them.
    """

    title: str
    columns: dict[object, int] = field(default_factory=dict)
    rows: list[int | None] = field(default_factory=list)
    header_row: int = 1


@dataclass
class ExtraSheet:
    """A sheet the program does not know, kept by value and written back."""

    title: str
    rows: list[list[object]]


def empty_table(sheet: Sheet) -> pd.DataFrame:
    """A table with the sheet's schema columns and no rows."""
    return pd.DataFrame({name: pd.Series([], dtype=object) for name in sheet.column_names})


def make_table(sheet: Sheet, rows: Sequence[Mapping[Any, Any]],
               extra_columns: list[object] | None = None) -> pd.DataFrame:
    """A table of ``sheet`` from row dicts; schema columns first, then the others.

    For series sheets, ``int`` keys are years and are sorted between the name column
    and the unknown columns.
    """
    keys: list[object] = list(sheet.column_names)
    seen = set(keys)
    years: set[int] = set()
    others: list[object] = []
    for key in list(extra_columns or []) + [k for row in rows for k in row]:
        if key in seen:
            continue
        seen.add(key)
        if sheet.kind is SheetKind.SERIES and isinstance(key, int):
            years.add(key)
        else:
            others.append(key)
    keys += sorted(years) + others
    data = {key: pd.Series([row.get(key) for row in rows], dtype=object) for key in keys}
    return pd.DataFrame(data, columns=keys)


def year_columns(table: pd.DataFrame) -> list[int]:
    """The year columns of a series table, in order."""
    return [c for c in table.columns if isinstance(c, int) and not isinstance(c, bool)]


def known_columns(sheet: Sheet, table: pd.DataFrame) -> list[object]:
    """The columns of a table that the program reads (schema columns and years)."""
    names = set(sheet.column_names)
    cols: list[object] = [c for c in table.columns if c in names]
    if sheet.kind is SheetKind.SERIES:
        cols += year_columns(table)
    return cols


def unknown_columns(sheet: Sheet, table: pd.DataFrame) -> list[object]:
    known = set(known_columns(sheet, table))
    return [c for c in table.columns if c not in known]


@dataclass
class Settings:
    """The settings with their defaults filled in (read-only view for the core)."""

    start_year: int
    end_year: int
    discount_rate: float = 0.08
    currency: str = "USD"
    emission_scope: str = "wtw"
    activity_growth: float = 0.0
    yard_capacity_per_year: int | None = None
    capex_budget_per_year: float | None = None
    solver: str = "auto"
    time_limit_s: float = 60.0
    mip_gap: float = 0.005
    commit_until_year: int | None = None  # None = end_year (robust.md)
    risk_weight: float = 0.0
    cvar_alpha: float = 0.9
    fueleu: str = "off"
    fueleu_pooling: str = "ship"
    fueleu_banking: str = "on"
    fueleu_borrowing: str = "off"
    ets: str = "off"
    nzf: str = "off"
    nzf_surplus_units: str = "fleet"
    nzf_surplus_life_years: int = 2
    currency_per_eur: float = 1.0
    currency_per_usd: float = 1.0

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


@dataclass
class Scenario:
    """One planning scenario: the input sheets as tables, plus what else the file held."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    extra_sheets: list[ExtraSheet] = field(default_factory=list)
    layouts: dict[str, SheetLayout] = field(default_factory=dict)
    load_issues: list[Issue] = field(default_factory=list)
    present_sheets: set[str] = field(default_factory=set)
    # True for a scenario whose defaults and yearly series are already filled onto
    # the horizon (the result of planner.resolve.fill or a what-if case): its series
    # are read year by year as they stand, a blank meaning "none" rather than
    # "interpolate".
    filled: bool = False
    source_path: str | None = None
    # Regions of a file the reader could not read (one issue each) and that file:
    # overwriting it would lose them, so the writer refuses (docs/decisions.md).
    unread: list[Issue] = field(default_factory=list)
    unread_path: str | None = None

    def __post_init__(self) -> None:
        for sheet in TABLE_SHEETS:
            if sheet.name not in self.tables:
                self.tables[sheet.name] = empty_table(sheet)

    # --- tables ---------------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        return self.tables[schema.sheet(name).name]

    def set_table(self, name: str, table: pd.DataFrame) -> None:
        self.tables[schema.sheet(name).name] = table

    @property
    def settings_table(self) -> pd.DataFrame:
        return self.tables["Settings"]

    @property
    def fleet(self) -> pd.DataFrame:
        return self.tables["Fleet"]

    @property
    def fuels(self) -> pd.DataFrame:
        return self.tables["Fuels"]

    @property
    def fuel_prices(self) -> pd.DataFrame:
        return self.tables["FuelPrices"]

    @property
    def fuel_supply(self) -> pd.DataFrame:
        return self.tables["FuelSupply"]

    @property
    def technologies(self) -> pd.DataFrame:
        return self.tables["Technologies"]

    @property
    def targets(self) -> pd.DataFrame:
        return self.tables["Targets"]

    @property
    def cases(self) -> pd.DataFrame:
        return self.tables["Cases"]

    # --- settings -------------------------------------------------------------------
    def setting_row(self, name: str) -> int | None:
        """Row position of a setting in the Settings table, or None."""
        key = normalize(name)
        for pos, value in enumerate(self.settings_table["setting"]):
            if normalize(value) == key:
                return pos
        return None

    def raw_setting(self, name: str) -> object:
        """The setting's cell value as read (None when blank or absent)."""
        pos = self.setting_row(name)
        if pos is None:
            return None
        value = self.settings_table["value"].iloc[pos]
        return None if is_blank(value) else value

    def setting(self, name: str) -> object:
        """The setting's value, its default when blank; a value that did not parse
        or lies outside its range also gives the default (validation reports it)."""
        from planner.convert import range_error

        col = schema.setting(name)
        value = self.raw_setting(name)
        if value is None:
            return col.default
        if col.is_numeric:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return col.default
            if range_error(value, col):
                return col.default
            return int(value) if col.is_whole else float(value)
        if col.choices:
            text = normalize(value)
            return text if text in col.choices else col.default
        return str(value)

    def set_setting(self, name: str, value: object) -> None:
        """Set a setting's value, adding its row when absent."""
        col = schema.setting(name)
        pos = self.setting_row(name)
        table = self.settings_table
        if pos is None:
            row: dict[str, object] = {c: None for c in table.columns}
            row.update(setting=col.name, value=value, unit=col.unit_label(
                str(self.raw_setting("currency") or "USD")), description=col.description)
            self.tables["Settings"] = pd.concat(
                [table, pd.DataFrame([row], columns=table.columns, dtype=object)],
                ignore_index=True)
        else:
            table.at[table.index[pos], "value"] = value

    @property
    def settings(self) -> Settings:
        values = {col.name: self.setting(col.name) for col in schema.SETTINGS}
        start = values["start_year"]
        end = values["end_year"]
        values["start_year"] = start if isinstance(start, int) else 0
        values["end_year"] = end if isinstance(end, int) else values["start_year"]
        return Settings(**values)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        # Settings read as attributes (scenario.start_year), as the Python API promises.
        if name.startswith("_") or schema.find_setting(name) is None:
            raise AttributeError(name)
        return getattr(self.settings, name)

    @property
    def years(self) -> list[int]:
        return self.settings.years

    # --- locating cells -------------------------------------------------------------
    def cell(self, sheet_name: str, row: int | None, column: object) -> str:
        """The A1 reference of a table cell (``row`` is the row position, ``column``
        the column key), where the file had it or where the writer puts it."""
        sheet = schema.sheet(sheet_name)
        table = self.tables[sheet.name]
        layout = self.layouts.get(sheet.name)
        col_index = None
        if layout is not None:
            col_index = layout.columns.get(column)
        if col_index is None:
            try:
                col_index = list(table.columns).index(column) + 1
            except ValueError:
                col_index = len(table.columns) + 1
        if row is None:
            row_number = layout.header_row if layout else 1
        else:
            row_number = None
            if layout is not None and row < len(layout.rows):
                row_number = layout.rows[row]
            if row_number is None:
                row_number = row + 2
        return f"{column_letter(col_index)}{row_number}"

    def issue(self, sheet_name: str, row: int | None, column: object, message: str,
              severity: object = None) -> Issue:
        """An issue located at a table cell of this scenario."""
        from planner.errors import Severity

        return Issue(
            sheet=schema.sheet(sheet_name).name,
            cell=self.cell(sheet_name, row, column),
            message=message,
            severity=severity if isinstance(severity, Severity) else Severity.ERROR,
            row=row,
            column=column if isinstance(column, str) else (
                None if column is None else str(column)),
        )

    def forget_layout(self, sheet_name: str | None = None) -> None:
        """Drop where cells stood in the source file (after the file is rewritten)."""
        if sheet_name is None:
            self.layouts.clear()
        else:
            self.layouts.pop(schema.sheet(sheet_name).name, None)

    # --- identity -------------------------------------------------------------------
    def copy(self) -> Scenario:
        """A deep copy that shares nothing with this scenario."""
        return copy.deepcopy(self)

    def fingerprint(self, include_cases: bool = False, include_robust: bool = False) -> str:
        """A hash of every value the optimizer reads (not notes, units or layout).

        A plan records the fingerprint of the inputs it was solved for; a changed
        fingerprint marks the plan out of date. What-if results include the Cases;
        robust results (``include_robust``) also the Futures and Uncertainty sheets.
        """
        payload: dict[str, object] = {"filled": self.filled}
        for sheet in TABLE_SHEETS:
            if sheet is schema.CASES and not (include_cases or include_robust):
                continue
            if sheet in (schema.FUTURES, schema.UNCERTAINTY) and not include_robust:
                continue
            table = self.tables[sheet.name]
            if sheet.kind is SheetKind.SETTINGS:
                known = {c.name for c in schema.SETTINGS
                         if include_robust or c.name not in schema.ROBUST_SETTING_NAMES}
                rows = [
                    [normalize(s), _canonical(v)]
                    for s, v in zip(table["setting"], table["value"], strict=True)
                    if normalize(s) in known
                ]
                payload[sheet.name] = sorted(rows)
                continue
            if sheet is schema.REGIMES and table.empty:
                continue  # a workbook from before the regimes keeps its fingerprint
            cols = [c for c in known_columns(sheet, table)
                    if c not in schema.REGIME_TABLE_COLUMNS.get(sheet.name, ())
                    or not table[c].map(is_blank).all()]
            payload[sheet.name] = [
                [str(c) for c in cols],
                [[_canonical(v) for v in row] for row in table[cols].itertuples(index=False)],
            ]
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def issue_for_column(self, sheet_name: str, column: Column, message: str) -> Issue:
        """An issue about a whole column (a missing one): names the sheet and column."""
        return Issue(sheet=schema.sheet(sheet_name).name, cell=column.name, message=message,
                     column=column.name)


def _canonical(value: object) -> object:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        number = float(value)
        return None if math.isnan(number) else repr(number)
    return str(value)


def new_scenario(start_year: int = 2026, end_year: int = 2050) -> Scenario:
    """An empty scenario with every setting row present at its default (the robust ones,
    read only by robust runs, and the regime switches are added when first set)."""
    rows = []
    for col in schema.CORE_SETTINGS:
        if col.name in schema.ROBUST_SETTING_NAMES:
            continue
        value = {"start_year": start_year, "end_year": end_year}.get(col.name)
        rows.append({"setting": col.name, "value": value, "unit": col.unit_label(),
                     "description": col.description})
    scenario = Scenario()
    scenario.tables["Settings"] = make_table(schema.SETTINGS_SHEET, rows)
    scenario.present_sheets = {s.name for s in TABLE_SHEETS}
    return scenario
