"""What a change of a case is, what it does to a filled scenario, and the check of its values.

A case is the Base with its changes applied in order (whatif.md). Changes work on the
scenario as the model reads it, every default filled in and every yearly series filled
onto the horizon (``planner.resolve.fill``): a change to a series touches the values
of its years and leaves the others as they are; an absent value stays absent under
scale and add. Every changed value is then checked against its column's rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.cases.parameters import Parameter, ParameterKind
from planner.convert import format_value, is_blank, range_words
from planner.errors import Issue, Severity
from planner.scenario import Scenario, empty_table
from planner.schema import CASES, Column, normalize

SCALE, ADD, SET = schema.CASE_CHANGES

# Column names of the Cases sheet, from the schema.
CASE, PARAMETER, ITEM, CHANGE, VALUE, FROM_YEAR, TO_YEAR, DESCRIPTION = CASES.column_names


@dataclass(frozen=True)
class Change:
    """One change of a case, read and checked: a Cases row or a generated change."""

    parameter: Parameter
    change: str  # scale, add or set
    value: float  # a Percent when typed as a percentage
    item: str = ""  # as written; '' = every row
    matches: tuple[object, ...] = ()  # row positions (tables) or fuel names (series)
    from_year: int | None = None
    to_year: int | None = None
    position: int | None = None  # row of the Cases table; None for a generated change

    def years(self, horizon: Iterable[int]) -> list[int]:
        """The horizon years a yearly change touches."""
        low = -10**9 if self.from_year is None else self.from_year
        high = 10**9 if self.to_year is None else self.to_year
        return [year for year in horizon if low <= year <= high]


@dataclass
class Case:
    """A named set of changes; ``positions`` are all its Cases rows, even broken ones.

    Generated cases (sensitivity, sweep) carry what they vary in ``parameter``,
    ``item``, ``change`` and ``value``.
    """

    name: str
    changes: list[Change] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    parameter: str = ""
    item: str = ""
    change: str = ""
    value: float | None = None

    @property
    def key(self) -> str:
        return normalize(self.name)

    @property
    def description(self) -> str:
        return "; ".join(self.descriptions)


# --- applying ------------------------------------------------------------------------

# A changed value: (sheet name, row position / fuel name / None, column key or year).
Cell = tuple[str, object, object]


def case_scenario(filled: Scenario, case: Case,
                  source: Scenario | None = None) -> tuple[Scenario, list[Issue]]:
    """The case's scenario from the filled Base, and the problems of its changed values.

    ``filled`` is ``planner.resolve.fill(base)``; it is not modified. ``source`` is the
    scenario whose Cases cells the problems name (default: ``filled``).
    """
    result = without_cases(filled)
    touched: dict[Cell, int] = {}
    for index, change in enumerate(case.changes):
        for cell in _apply_change(result, change):
            touched[cell] = index
    return result, _check_values(result, case, touched, source or filled)


def without_cases(scenario: Scenario) -> Scenario:
    """A copy of the scenario without its Cases, Futures and Uncertainty (a case is never a
    case of cases)."""
    result = scenario.copy()
    for sheet in schema.STUDY_SHEETS:
        result.tables[sheet.name] = empty_table(sheet)
        result.present_sheets.discard(sheet.name)
    return result


def _new_value(old: object, change: Change) -> object:
    """The changed value; an absent value stays absent under scale and add."""
    if change.change == SET:
        return change.value if change.parameter.is_fraction else float(change.value)
    if is_blank(old):
        return None
    if change.change == SCALE:
        return float(old) * float(change.value)  # type: ignore[arg-type]
    return float(old) + float(change.value)  # type: ignore[arg-type]


def _stored(value: object, parameter: Parameter) -> object:
    """Whole values of year and count columns as int (the rest is checked later)."""
    if isinstance(value, float) and parameter.is_whole and abs(value - round(value)) < 1e-9:
        return int(round(value))
    return value


def _apply_change(scenario: Scenario, change: Change) -> list[Cell]:
    parameter = change.parameter
    if parameter.kind is ParameterKind.SETTING:
        return _apply_setting(scenario, change)
    if parameter.kind is ParameterKind.TABLE:
        return _apply_table(scenario, change)
    if parameter.kind is ParameterKind.TARGET:
        return _apply_targets(scenario, change)
    return _apply_series(scenario, change)


def _apply_setting(scenario: Scenario, change: Change) -> list[Cell]:
    name = change.parameter.rule.name
    old = scenario.raw_setting(name)
    new = _new_value(old, change)
    if new is None:
        return []
    scenario.set_setting(name, _stored(new, change.parameter))
    return [(schema.SETTINGS_SHEET.name, None, name)]


def _apply_table(scenario: Scenario, change: Change) -> list[Cell]:
    sheet = change.parameter.sheet
    column = change.parameter.rule.name
    table = scenario.tables[sheet.name]
    touched: list[Cell] = []
    for position in change.matches:
        index = table.index[position]  # type: ignore[index]
        new = _new_value(table.at[index, column], change)
        if new is None:
            continue
        table.at[index, column] = _stored(new, change.parameter)
        touched.append((sheet.name, position, column))
    return touched


def _apply_targets(scenario: Scenario, change: Change) -> list[Cell]:
    column = change.parameter.rule.name
    sheet = change.parameter.sheet  # Targets or Regimes: one row per year
    table = scenario.tables[sheet.name]
    years = set(change.years(scenario.years))
    touched: list[Cell] = []
    for position, year in enumerate(table[sheet.key]):
        if year not in years:
            continue
        index = table.index[position]
        new = _new_value(table.at[index, column], change)
        if new is None:
            continue
        table.at[index, column] = new
        touched.append((sheet.name, position, column))
    return touched


def _apply_series(scenario: Scenario, change: Change) -> list[Cell]:
    sheet = change.parameter.sheet
    years = change.years(scenario.years)
    touched: list[Cell] = []
    for fuel in change.matches:
        table = scenario.tables[sheet.name]
        positions = [pos for pos, name in enumerate(table[sheet.key])
                     if normalize(name) == normalize(fuel)]
        if not positions:
            if change.change != SET or not years:
                continue  # no row: no value in any year, and absent stays absent
            row = dict.fromkeys(table.columns)
            row[sheet.key] = fuel
            table = pd.concat([table, pd.DataFrame([row], columns=table.columns, dtype=object)],
                              ignore_index=True)
            scenario.tables[sheet.name] = table
            positions = [len(table) - 1]
        index = table.index[positions[0]]
        for year in years:
            new = _new_value(table.at[index, year], change)
            if new is None:
                continue
            table.at[index, year] = new
            touched.append((sheet.name, fuel, year))
    return touched


# --- checking changed values ---------------------------------------------------------

def _check_values(scenario: Scenario, case: Case, touched: dict[Cell, int],
                  source: Scenario) -> list[Issue]:
    """Every changed value against its column's rules, named at the last change that set it."""
    problems: dict[int, list[str]] = {}
    for cell, index in touched.items():
        change = case.changes[index]
        value = _read_cell(scenario, cell)
        message = _rule_problem(value, change.parameter.rule)
        if message:
            problems.setdefault(index, []).append(
                f"{_what(scenario, change.parameter, cell)} would be {format_value(value)}; "
                f"it must be {message}")
    for index, message in _retirement_problems(scenario, touched):
        problems.setdefault(index, []).append(message)
    issues = []
    for index in sorted(problems):
        first, *others = problems[index]
        if others:
            first += f" (and {len(others)} more value{'s' if len(others) > 1 else ''} of " \
                     "this change)"
        issues.append(change_issue(source, case, case.changes[index], first))
    return issues


def change_issue(scenario: Scenario, case: Case, change: Change, message: str,
                 severity: Severity = Severity.ERROR) -> Issue:
    """An issue about a change: at its Cases value cell, or without a cell when generated."""
    text = f'case "{case.name}": {message}'
    if change.position is None:
        return Issue(sheet="", cell="", message=text, severity=severity)
    return scenario.issue(CASES.name, change.position, VALUE, text, severity)


def _read_cell(scenario: Scenario, cell: Cell) -> object:
    sheet_name, row, column = cell
    if sheet_name == schema.SETTINGS_SHEET.name:
        return scenario.raw_setting(str(column))
    table = scenario.tables[sheet_name]
    if isinstance(row, int):
        return table.at[table.index[row], column]
    sheet = schema.sheet(sheet_name)
    for position, name in enumerate(table[sheet.key]):
        if normalize(name) == normalize(row):
            return table.at[table.index[position], column]
    return None


def _rule_problem(value: object, rule: Column) -> str:
    """What the value must be, in words, when it breaks the rule; '' when it is valid."""
    if is_blank(value) or not isinstance(value, (int, float)):
        return ""
    if rule.is_whole and abs(float(value) - round(float(value))) >= 1e-9:
        return "a whole number"
    return range_words(value, rule)


def _what(scenario: Scenario, parameter: Parameter, cell: Cell) -> str:
    """The changed value in words: 'Fuels.max_blend_share of HVO', 'FuelPrices of HVO in 2030'."""
    _sheet_name, row, column = cell
    if parameter.kind is ParameterKind.SETTING:
        return parameter.name
    if parameter.kind is ParameterKind.TARGET:
        table = scenario.tables[parameter.sheet.name]
        return f"{parameter.name} in {table[parameter.sheet.key].iloc[row]}"  # type: ignore[call-overload]
    if parameter.kind is ParameterKind.SERIES:
        return f"{parameter.name} of {row} in {column}"
    table = scenario.tables[parameter.sheet.name]
    return f"{parameter.name} of {table[parameter.sheet.key].iloc[row]}"  # type: ignore[call-overload]


def _retirement_problems(scenario: Scenario, touched: dict[Cell, int]) -> list[tuple[int, str]]:
    """retire_year before build_year on a vessel whose years a change moved."""
    fleet = schema.FLEET
    build, retire = fleet.column("build_year").name, fleet.column("retire_year").name
    last: dict[int, int] = {}
    for (sheet_name, row, column), index in touched.items():
        if sheet_name == fleet.name and column in (build, retire) and isinstance(row, int):
            last[row] = max(index, last.get(row, -1))
    table = scenario.tables[fleet.name]
    found = []
    for row, index in sorted(last.items()):
        built, retired = table.at[table.index[row], build], table.at[table.index[row], retire]
        if isinstance(built, (int, float)) and isinstance(retired, (int, float)) \
                and retired < built:
            vessel = table[fleet.key].iloc[row]
            found.append((index, f"Fleet.{retire} of {vessel} would be {format_value(retired)}, "
                                 f"before its {build} {format_value(built)}; it must be at least "
                                 f"the {build}"))
    return found


def touched_values(filled: Scenario, change: Change) -> list[tuple[str, object]]:
    """(the value in words, its value in ``filled``) of every cell ``change`` touches.

    For checks made before a change is applied with a value not yet known (the
    Uncertainty sheet's ranges, robust.md).
    """
    probe = without_cases(filled)
    cells = _apply_change(probe, Change(change.parameter, SCALE, 1.0, change.item,
                                        change.matches, change.from_year, change.to_year))
    return [(_what(probe, change.parameter, cell), _read_cell(filled, cell)) for cell in cells]


def rule_problem(value: object, rule: Column) -> str:
    """What a value must be, in words, when it breaks its column's rule; '' when valid."""
    return _rule_problem(value, rule)
