"""The Cases sheet read into cases, every Cases rule checked, and a case applied to the scenario.

A case is the Base scenario (the other sheets) with its changes applied in row order
(whatif.md). Changes work on the scenario as read with every default filled in and
every yearly series filled onto the horizon (``planner.resolve.fill``), so a change to
a series touches the yearly values the model reads, year by year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.convert import (
    Percent,
    format_value,
    is_blank,
    parse_cell,
    parse_number,
    range_error,
)
from planner.errors import Issue, Severity, WorkbookError
from planner.resolve import fill
from planner.scenario import Scenario, empty_table
from planner.schema import CASES, Column, normalize
from planner.whatif.parameters import (
    ItemKind,
    Parameter,
    ParameterKind,
    find_parameter,
    unknown_parameter_hint,
)

BASE = "Base"
SCALE, ADD, SET = schema.CASE_CHANGES

# Column names of the Cases sheet, from the schema.
CASE, PARAMETER, ITEM, CHANGE, VALUE, FROM_YEAR, TO_YEAR, DESCRIPTION = CASES.column_names

Report = Callable[[str, str], None]  # (Cases column, message) -> records an error there


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


@dataclass
class CasesSheet:
    """The Cases sheet read: its cases in order of first appearance and the problems found."""

    cases: list[Case]
    issues: list[tuple[str, Issue]]  # (case key, issue); key '' for a row without a name

    def find(self, name: str) -> Case | None:
        key = normalize(name)
        return next((case for case in self.cases if case.key == key), None)

    def issues_of(self, case: Case) -> list[Issue]:
        return [issue for key, issue in self.issues if key == case.key]

    @property
    def all_issues(self) -> list[Issue]:
        return [issue for _, issue in self.issues]


# --- reading -------------------------------------------------------------------------

def read_cases(scenario: Scenario) -> CasesSheet:
    """Every Cases row read into its case, with every static problem (no case applied)."""
    by_key: dict[str, Case] = {}
    issues: list[tuple[str, Issue]] = []
    table = scenario.cases
    for position, row in enumerate(table.to_dict("records")):
        fields = {name: row.get(name) for name in CASES.column_names}
        if all(is_blank(fields[name]) for name in CASES.column_names):
            continue
        raw_name = fields[CASE]
        name = "" if is_blank(raw_name) else str(parse_cell(raw_name, CASES.column(CASE)).value)
        key = normalize(name)
        prefix = f'case "{name}": ' if name else ""

        def report(column: str, message: str, severity: Severity = Severity.ERROR,
                   _position: int = position, _prefix: str = prefix, _key: str = key) -> None:
            issues.append((_key, scenario.issue(CASES.name, _position, column,
                                                _prefix + message, severity)))

        if not name:
            report(CASE, "case is required: the name of the case this change belongs to")
        elif key == normalize(BASE):
            report(CASE, f'"{name}" is reserved for the unchanged scenario; give this case '
                   "another name")
        change = read_change(scenario, fields, report, position)
        if not name or key == normalize(BASE):
            continue
        case = by_key.setdefault(key, Case(name=name))
        case.positions.append(position)
        if not is_blank(fields[DESCRIPTION]):
            case.descriptions.append(str(fields[DESCRIPTION]).strip())
        if change is not None:
            case.changes.append(change)
    return CasesSheet(list(by_key.values()), issues)


def read_change(scenario: Scenario, fields: dict[str, object], report: Report,
                position: int | None = None) -> Change | None:
    """One change from the values of a Cases row; None (and reports) when it is not valid.

    ``fields`` holds the parameter, item, change, value, from_year and to_year cells.
    """
    errors: list[str] = []

    def fail(column: str, message: str) -> None:
        errors.append(message)
        report(column, message)

    parameter = _read_parameter(fields.get(PARAMETER), fail)
    change = _read_choice(fields.get(CHANGE), fail)
    value = _read_value(fields.get(VALUE), change, parameter, fail)
    item, matches = _read_item(scenario, fields.get(ITEM), parameter, fail)
    from_year, to_year = _read_years(scenario, fields, parameter, fail, report)
    if errors or parameter is None or change is None or value is None:
        return None
    return Change(parameter=parameter, change=change, value=value, item=item,
                  matches=matches, from_year=from_year, to_year=to_year, position=position)


def _read_parameter(raw: object, fail: Report) -> Parameter | None:
    if is_blank(raw):
        fail(PARAMETER, "parameter is required: what the case changes, e.g. "
             "Targets.carbon_price_per_tco2e or FuelPrices")
        return None
    found = find_parameter(raw)
    if found is None:
        fail(PARAMETER, f'unknown parameter "{str(raw).strip()}"; '
             f"{unknown_parameter_hint(raw)}")
    return found


def _read_choice(raw: object, fail: Report) -> str | None:
    if is_blank(raw):
        fail(CHANGE, "change is required: scale, add or set")
        return None
    parsed = parse_cell(raw, CASES.column(CHANGE))
    if not parsed.ok:
        fail(CHANGE, f"change must be scale, add or set, got \"{str(raw).strip()}\"")
        return None
    return str(parsed.value)


def _read_value(raw: object, change: str | None, parameter: Parameter | None,
                fail: Report) -> float | None:
    if is_blank(raw):
        fail(VALUE, "value is required: the number to scale by, add or set")
        return None
    number = parse_number(raw, allow_percent=True)
    if number is None:
        fail(VALUE, f"value must be a number or a percentage, got {_quoted(raw)}")
        return None
    if (isinstance(number, Percent) and change in (ADD, SET) and parameter is not None
            and not parameter.is_fraction):
        fail(VALUE, f"value {format_value(number)} is a percentage, but {parameter} is not a "
             f"fraction: a percentage goes with scale (e.g. scale "
             f"{format_value(Percent(1 + float(number)))}), or with add and set on a fraction "
             "column; write the number itself")
        return None
    return number


def _read_item(scenario: Scenario, raw: object, parameter: Parameter | None,
               fail: Report) -> tuple[str, tuple[object, ...]]:
    item = "" if is_blank(raw) else str(parse_cell(raw, CASES.column(ITEM)).value).strip()
    if parameter is None:
        return item, ()
    if parameter.items is None:
        if item:
            fail(ITEM, f"{parameter} takes no item; leave item blank")
        return item, ()
    matches = match_item(scenario, parameter, item)
    if item and not matches:
        fail(ITEM, f'item "{item}" matches no row; {parameter} takes '
             f"{parameter.items.words}")
    return item, matches


def _read_years(scenario: Scenario, fields: dict[str, object], parameter: Parameter | None,
                fail: Report, report: Callable[..., None]) -> tuple[int | None, int | None]:
    years: dict[str, int | None] = {}
    for column in (FROM_YEAR, TO_YEAR):
        raw = fields.get(column)
        years[column] = None
        if is_blank(raw):
            continue
        rule = CASES.column(column)
        parsed = parse_cell(raw, rule)
        if not parsed.ok:
            fail(column, parsed.error)
            continue
        out_of_range = range_error(parsed.value, rule)
        if out_of_range:
            fail(column, out_of_range)
            continue
        years[column] = parsed.value  # type: ignore[assignment]
        if parameter is not None and not parameter.is_yearly:
            fail(column, f"{column} applies only to a yearly series (FuelPrices, FuelSupply "
                 f"or a Targets column); {parameter} is not one: leave it blank")
    low, high = years[FROM_YEAR], years[TO_YEAR]
    if low is not None and high is not None and high < low:
        fail(TO_YEAR, f"to_year {high} is before from_year {low}")
    elif parameter is not None and parameter.is_yearly and (low is not None or high is not None):
        horizon = scenario.settings.years
        touched = [y for y in horizon if (low is None or y >= low) and (high is None or y <= high)]
        if horizon and not touched:
            column = FROM_YEAR if low is not None and low > horizon[-1] else TO_YEAR
            report(column, f"the years of this change lie outside the horizon "
                   f"{horizon[0]}..{horizon[-1]}: it changes nothing", Severity.WARNING)
    return years[FROM_YEAR], years[TO_YEAR]


def match_item(scenario: Scenario, parameter: Parameter, item: str) -> tuple[object, ...]:
    """The rows an item picks: table row positions, or fuel names for a series sheet."""
    kind = parameter.items
    if kind is None:
        return ()
    positions = _item_positions(scenario, kind, item)
    if parameter.kind is ParameterKind.SERIES:
        names = scenario.table(kind.sheet.name)[kind.sheet.key]
        return tuple(str(names.iloc[pos]).strip() for pos in positions)
    return tuple(positions)


def _item_positions(scenario: Scenario, kind: ItemKind, item: str) -> list[int]:
    table = scenario.table(kind.sheet.name)
    keys = [normalize(value) for value in table[kind.sheet.key]]
    if not item:
        return [pos for pos, key in enumerate(keys) if key]
    wanted = normalize(item)
    exact = [pos for pos, key in enumerate(keys) if key == wanted]
    if exact:
        return exact
    prefix, colon, group = item.partition(":")
    if not colon or normalize(prefix) != kind.group:
        return []
    return [pos for pos, value in enumerate(table[kind.group])
            if normalize(value) == normalize(group)]


def _quoted(raw: object) -> str:
    return f'"{str(raw).strip()}"' if isinstance(raw, str) else format_value(raw)


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
    """A copy of the scenario with an empty Cases sheet (a case is never a case of cases)."""
    result = scenario.copy()
    result.tables[CASES.name] = empty_table(CASES)
    result.present_sheets.discard(CASES.name)
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
    table = scenario.tables[schema.TARGETS.name]
    years = set(change.years(scenario.years))
    touched: list[Cell] = []
    for position, year in enumerate(table[schema.TARGETS.key]):
        if year not in years:
            continue
        index = table.index[position]
        new = _new_value(table.at[index, column], change)
        if new is None:
            continue
        table.at[index, column] = new
        touched.append((schema.TARGETS.name, position, column))
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
    if not range_error(value, rule):
        return ""
    low, high = rule.minimum, rule.maximum
    if low is not None and high is not None:
        between = "strictly between" if rule.min_exclusive else "between"
        return f"{between} {low:g} and {high:g}"
    if low is not None:
        return f"{'greater than' if rule.min_exclusive else 'at least'} {low:g}"
    return f"{'less than' if rule.max_exclusive else 'at most'} {high:g}"


def _what(scenario: Scenario, parameter: Parameter, cell: Cell) -> str:
    """The changed value in words: 'Fuels.max_blend_share of HVO', 'FuelPrices of HVO in 2030'."""
    _sheet_name, row, column = cell
    if parameter.kind is ParameterKind.SETTING:
        return parameter.name
    if parameter.kind is ParameterKind.TARGET:
        table = scenario.tables[schema.TARGETS.name]
        return f"{parameter.name} in {table[schema.TARGETS.key].iloc[row]}"  # type: ignore[call-overload]
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


# --- public entry points -------------------------------------------------------------

def filled_base(scenario: Scenario) -> Scenario | None:
    """``fill(scenario)``, or None when the Base has errors of its own (reported elsewhere)."""
    try:
        return fill(scenario)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        return None


def check_cases(scenario: Scenario) -> list[Issue]:
    """Every problem of the Cases sheet, by cell: the rows as written and every changed value.

    The changed values are checked only when the Base itself can be read (its own errors
    are reported by the rest of validation).
    """
    sheet = read_cases(scenario)
    issues = sheet.all_issues
    if any(case.changes for case in sheet.cases):
        filled = filled_base(scenario)
        if filled is not None:
            for case in sheet.cases:
                issues += case_scenario(filled, case, scenario)[1]
    order = {name: pos for pos, name in enumerate(CASES.column_names)}
    return sorted(issues, key=lambda issue: (-1 if issue.row is None else issue.row,
                                             order.get(issue.column or "", len(order))))


def case_names(scenario: Scenario) -> list[str]:
    """The names of the cases of the Cases sheet, in order of first appearance."""
    return [case.name for case in read_cases(scenario).cases]


def find_case(scenario: Scenario, name: str) -> tuple[Case, CasesSheet]:
    """The case of a name (case-insensitive); WorkbookError when there is none."""
    sheet = read_cases(scenario)
    case = sheet.find(name)
    if case is None:
        names = ", ".join(f'"{c.name}"' for c in sheet.cases) or "none"
        raise WorkbookError([Issue(CASES.name, "", f'no case named "{name}"; the cases '
                                   f"are: {names}")], headline=f'No case named "{name}"')
    return case, sheet


def apply_case(scenario: Scenario, name: str) -> Scenario:
    """The scenario of one case: the filled Base with the case's changes applied in order.

    ``Base`` gives the filled Base. Raises WorkbookError naming every Cases cell at fault.
    """
    filled = filled_base(scenario)
    if filled is None:
        raise WorkbookError([Issue("", "", "the scenario has errors of its own; "
                                   "planner.validate(scenario) lists them")],
                            headline="The scenario has errors; no case can be applied")
    if normalize(name) == normalize(BASE):
        return without_cases(filled)
    case, sheet = find_case(scenario, name)
    result, problems = case_scenario(filled, case, scenario)
    errors = [i for i in sheet.issues_of(case) + problems if i.is_error]
    if errors:
        raise WorkbookError(errors, headline=f'Case "{case.name}" has '
                            f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
    return result
