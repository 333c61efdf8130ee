"""The Cases sheet read into cases, every Cases rule checked, and a case's scenario made.

Rows with the same case name (matched case-insensitively) form one case, applied in
row order to the Base (planner.cases.changes). Every problem of the sheet is found
at once and named by its cell and case: ``check_cases`` for validation,
``apply_case`` for the Python API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from planner.cases.changes import (
    ADD,
    CASE,
    CHANGE,
    DESCRIPTION,
    FROM_YEAR,
    ITEM,
    PARAMETER,
    SCALE,
    SET,
    TO_YEAR,
    VALUE,
    Case,
    Change,
    case_scenario,
    change_issue,
    without_cases,
)
from planner.cases.parameters import (
    ItemKind,
    Parameter,
    ParameterKind,
    find_parameter,
    unknown_parameter_hint,
)
from planner.convert import Percent, format_value, is_blank, parse_cell, parse_number, range_error
from planner.errors import Issue, Severity, WorkbookError
from planner.resolve import fill
from planner.scenario import Scenario
from planner.schema import CASES, normalize

BASE = "Base"  # the scenario as it stands: the case every other one is compared with


def is_base(name: object) -> bool:
    """``name`` spells the Base case (any case, spaces around)."""
    return normalize(str(name)) == normalize(BASE)

__all__ = [
    "ADD", "BASE", "CASE", "CHANGE", "DESCRIPTION", "FROM_YEAR", "ITEM", "PARAMETER", "SCALE",
    "SET", "TO_YEAR", "VALUE", "Case", "CasesSheet", "Change", "apply_case", "case_names", "is_base",
    "case_scenario", "change_issue", "check_cases", "filled_base", "find_case", "match_item",
    "read_cases", "read_change", "without_cases",
]

Report = Callable[[str, str], None]  # (Cases column, message) -> records an error there


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


def read_change(scenario: Scenario, fields: Mapping[str, object], report: Report,
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


def _read_years(scenario: Scenario, fields: Mapping[str, object], parameter: Parameter | None,
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
