"""The Uncertainty sheet read into distributions of a multiplier, every rule checked by cell.

Each row says how one input (as a Cases parameter and item) is uncertain: the
distribution of the multiplier of its Base value (robust.md "Monte Carlo futures").
The parameter, item and years follow the Cases rules (read by the what-if layer);
the multiplier's whole range, times every Base value it scales, must be valid for
the column, checked at both ends.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from planner.cases.changes import SCALE, Change, rule_problem, touched_values
from planner.cases.sheet import filled_base, read_change
from planner.convert import Percent, format_value, is_blank
from planner.errors import Issue, Severity
from planner.scenario import Scenario
from planner.schema import UNCERTAINTY, UNCERTAINTY_DISTRIBUTIONS, normalize
from planner.typed_cells import typed_value

(PARAMETER, ITEM, DISTRIBUTION, LOW, MODE, HIGH, MEAN, SD, FROM_YEAR, TO_YEAR, GROUP,
 DESCRIPTION) = UNCERTAINTY.column_names
NUMBERS = (LOW, MODE, HIGH, MEAN, SD)
TRIANGULAR, UNIFORM, NORMAL, LOGNORMAL = UNCERTAINTY_DISTRIBUTIONS
# What each distribution needs and what it may take (the rest is an error when given).
NEEDS = {TRIANGULAR: (LOW, MODE, HIGH), UNIFORM: (LOW, HIGH), NORMAL: (MEAN, SD),
         LOGNORMAL: (MEAN, SD)}
TAKES = {TRIANGULAR: (LOW, MODE, HIGH), UNIFORM: (LOW, HIGH), NORMAL: (LOW, HIGH, MEAN, SD),
         LOGNORMAL: (LOW, HIGH, MEAN, SD)}
# An unbounded upper end is checked as this multiplier (any finite rule breaks there).
UNBOUNDED = 1e12
# A lognormal's lower end without low: the multiplier comes as close to 0 as you like.
NEAR_ZERO = 1e-12


@dataclass(frozen=True)
class UncertainRow:
    """One valid Uncertainty row: the change it scales and its multiplier's distribution."""

    position: int  # row of the Uncertainty table
    number: int  # 1-based data row number, as the sampler's descriptions name it
    change: Change  # change scale; its value is the sampled multiplier
    distribution: str
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    group: str = ""  # normalized; '' = a group of its own
    description: str = ""

    @property
    def parameter_name(self) -> str:
        return self.change.parameter.name

    def support(self) -> tuple[float, float]:
        """The multiplier's smallest and largest values (inf where unbounded)."""
        if self.distribution in (TRIANGULAR, UNIFORM):
            return float(self.low), float(self.high)  # type: ignore[arg-type]
        low = self.low if self.low is not None else 0.0
        return max(0.0, low), self.high if self.high is not None else math.inf


@dataclass
class UncertaintySheet:
    """The rows read and every problem found."""

    rows: list[UncertainRow]
    issues: list[Issue]


def read_uncertainty(scenario: Scenario) -> UncertaintySheet:
    """Every Uncertainty row read, with every problem by cell (ranges at both ends)."""
    table = scenario.tables[UNCERTAINTY.name]
    issues: list[Issue] = []
    rows: list[UncertainRow] = []
    filled: Scenario | None = None  # Base with its series filled, read at the first row
    filled_read = False
    number = 0
    for position, record in enumerate(table.to_dict("records")):
        fields = {name: record.get(name) for name in UNCERTAINTY.column_names}
        if all(is_blank(value) for value in fields.values()):
            continue
        number += 1
        found: list[Issue] = []

        def report(column: str, message: str, severity: Severity = Severity.ERROR,
                   _position: int = position, _found: list[Issue] = found) -> None:
            _found.append(scenario.issue(UNCERTAINTY.name, _position, column, message,
                                         severity))

        row = _read_row(scenario, fields, position, number, report)
        issues += found
        if row is None or any(issue.is_error for issue in found):
            continue
        if not filled_read:
            filled, filled_read = filled_base(scenario), True
        if filled is not None:
            range_issues = _range_issues(scenario, filled, row)
            issues += range_issues
            if range_issues:
                continue
        rows.append(row)
    return UncertaintySheet(rows, issues)


def _read_row(scenario: Scenario, fields: dict[str, object], position: int, number: int,
              report: Callable) -> UncertainRow | None:
    change_fields = {PARAMETER: fields[PARAMETER], ITEM: fields[ITEM], "change": SCALE,
                     "value": 1.0, FROM_YEAR: fields[FROM_YEAR], TO_YEAR: fields[TO_YEAR]}
    errors: list[str] = []

    def relay(column: str, message: str, severity: Severity = Severity.ERROR) -> None:
        if severity is Severity.ERROR:
            errors.append(column)
        report(column, message, severity)

    change = read_change(scenario, change_fields, relay, position)
    if change is not None and change.parameter.is_whole:
        relay(PARAMETER, f"{change.parameter} is a year or a count: it cannot be uncertain "
              "by a multiplier; make it a case of the Cases sheet instead")
    distribution = _read_distribution(fields[DISTRIBUTION], relay)
    numbers = _read_numbers(fields, distribution, relay)
    if errors or change is None or distribution is None:
        return None
    group = "" if is_blank(fields[GROUP]) else normalize(fields[GROUP])
    description = "" if is_blank(fields[DESCRIPTION]) else str(fields[DESCRIPTION]).strip()
    return UncertainRow(position, number, change, distribution, group=group,
                        description=description, **numbers)


def _read_distribution(raw: object, report: Callable) -> str | None:
    choices = ", ".join(UNCERTAINTY_DISTRIBUTIONS)
    if is_blank(raw):
        report(DISTRIBUTION, f"distribution is required: {choices}")
        return None
    key = normalize(raw)
    if key not in UNCERTAINTY_DISTRIBUTIONS:
        report(DISTRIBUTION, f'unknown distribution "{str(raw).strip()}"; it must be one of '
               f"{choices}")
        return None
    return key


def _read_numbers(fields: dict[str, object], distribution: str | None,
                  report: Callable) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for name in NUMBERS:
        raw = fields[name]
        values[name] = None
        if is_blank(raw):
            continue
        typed = typed_value(raw, UNCERTAINTY.column(name))
        if typed.error:
            report(name, typed.error)
            continue
        values[name] = float(typed.value)  # type: ignore[arg-type]
    if distribution is None:
        return values
    for name in NUMBERS:
        if values[name] is None and is_blank(fields[name]) and name in NEEDS[distribution]:
            report(name, f"{name} is required for a {distribution} distribution "
                   f"({', '.join(NEEDS[distribution])})")
        elif not is_blank(fields[name]) and name not in TAKES[distribution]:
            report(name, f"a {distribution} distribution takes no {name}; leave it blank "
                   f"(it takes {', '.join(TAKES[distribution])})")
            values[name] = None
    low, mode, high = values[LOW], values[MODE], values[HIGH]
    if low is not None and low < 0:
        report(LOW, f"low must be at least 0: a multiplier is never negative, got {_shown(low)}")
    if mode is not None and low is not None and mode < low:
        report(MODE, f"mode {_shown(mode)} is below low {_shown(low)}")
    if high is not None and mode is not None and high < mode:
        report(HIGH, f"high {_shown(high)} is below mode {_shown(mode)}")
    elif high is not None and low is not None and high < low:
        report(HIGH, f"high {_shown(high)} is below low {_shown(low)}")
    sd, mean = values[SD], values[MEAN]
    if sd is not None and sd < 0:
        report(SD, f"sd must be at least 0, got {_shown(sd)}")
    if distribution == LOGNORMAL and mean is not None and mean <= 0:
        report(MEAN, f"a lognormal mean must be greater than 0, got {_shown(mean)}")
    return values


def _shown(value: float | None) -> str:
    return format_value(value)


def _range_issues(scenario: Scenario, filled: Scenario, row: UncertainRow) -> list[Issue]:
    """Each end of the multiplier's range times every Base value the row scales, by its rule."""
    rule = row.change.parameter.rule
    low, high = row.support()
    if row.distribution == LOGNORMAL and row.low is None:
        low = NEAR_ZERO
    ends = ((LOW, row.low, low), (HIGH, row.high, high))
    issues: list[Issue] = []
    cells = touched_values(filled, row.change)
    for column, given, multiplier in ends:
        bounded = given is not None
        if not bounded and any(issue.column == DISTRIBUTION for issue in issues):
            continue  # one message per cell: both ends unbounded and both break the rule
        factor = multiplier if math.isfinite(multiplier) else UNBOUNDED
        for what, base in cells:
            if is_blank(base) or not isinstance(base, (int, float)):
                continue
            value = float(base) * factor
            problem = rule_problem(value, rule)
            if not problem:
                continue
            if bounded:
                prefix = f"with {column} {format_value(given)},"
                reach = format_value(_tidy(value))
            elif column == HIGH:
                prefix = f"with no high, a {row.distribution} multiplier is unbounded:"
                reach = "any size"
            else:
                prefix = f"with no low, a {row.distribution} multiplier can reach 0:"
                reach = format_value(_tidy(float(base) * max(0.0, multiplier)))
                if row.distribution == LOGNORMAL:
                    reach = "as close to 0 as you like"
            cell = column if bounded else DISTRIBUTION
            base_text = format_value(base.__float__() if isinstance(base, Percent) else base)
            issues.append(scenario.issue(
                UNCERTAINTY.name, row.position, cell,
                f"{prefix} {what} ({base_text} in Base) could be {reach}; it must be {problem}"))
            break
    return issues


def _tidy(value: float) -> float:
    return float(f"{value:.12g}")


def check_uncertainty(scenario: Scenario) -> list[Issue]:
    """Every problem of the Uncertainty sheet (validation's hook)."""
    if scenario.tables[UNCERTAINTY.name].empty:
        return []
    return read_uncertainty(scenario).issues
