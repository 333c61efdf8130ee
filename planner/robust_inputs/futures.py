"""The futures of a robust run: Base and cases with their probabilities (robust.md "Futures").

Without a Futures sheet (or one without data rows) the futures are Base and every
case, with equal probabilities. With one, only the listed futures take part; a blank
probability gets an equal share of what the given ones leave. Every problem of the
sheet is found at once and named by its cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.cases.sheet import BASE, read_cases
from planner.convert import format_value, is_blank
from planner.errors import Issue
from planner.scenario import Scenario
from planner.schema import FUTURES, normalize
from planner.typed_cells import typed_value

CASE, PROBABILITY = FUTURES.column_names
# How far the probabilities may add up beyond 1 (robust.md).
SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Future:
    """One future: Base or a case, its probability, and its Futures row (None: no sheet)."""

    name: str
    probability: float
    position: int | None = None

    @property
    def is_base(self) -> bool:
        return normalize(self.name) == normalize(BASE)


@dataclass
class FuturesSheet:
    """The futures read: those that take part (probability > 0), the excluded, the issues."""

    futures: list[Future] = field(default_factory=list)
    excluded: list[Future] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    from_sheet: bool = False

    @property
    def names(self) -> list[str]:
        return [future.name for future in self.futures]


def _data_rows(scenario: Scenario) -> list[tuple[int, object, object]]:
    table = scenario.tables[FUTURES.name]
    rows = []
    for position in range(len(table)):
        case = table[CASE].iloc[position] if CASE in table.columns else None
        probability = table[PROBABILITY].iloc[position] if PROBABILITY in table.columns \
            else None
        if is_blank(case) and is_blank(probability):
            continue
        rows.append((position, case, probability))
    return rows


def read_futures(scenario: Scenario) -> FuturesSheet:
    """The futures of the scenario and every problem of its Futures sheet."""
    cases = read_cases(scenario).cases
    rows = _data_rows(scenario)
    if not rows:
        names = [BASE] + [case.name for case in cases]
        share = 1.0 / len(names)
        return FuturesSheet(futures=[Future(name, share) for name in names])
    found = FuturesSheet(from_sheet=True)
    known = {normalize(BASE): BASE} | {case.key: case.name for case in cases}
    seen: set[str] = set()
    listed: list[tuple[int, str | None, float | None]] = []  # (row, name, probability)
    rule = FUTURES.column(PROBABILITY)
    for position, raw_case, raw_probability in rows:
        name: str | None = None
        if is_blank(raw_case):
            found.issues.append(scenario.issue(
                FUTURES.name, position, CASE, "case is required: Base or a case of the Cases "
                "sheet"))
        else:
            key = normalize(raw_case)
            if key not in known:
                choices = ", ".join(f'"{n}"' for n in known.values())
                found.issues.append(scenario.issue(
                    FUTURES.name, position, CASE, f'"{str(raw_case).strip()}" is neither Base '
                    f"nor a case of the Cases sheet; the futures can be: {choices}"))
            elif key in seen:
                found.issues.append(scenario.issue(
                    FUTURES.name, position, CASE, f'the future "{known[key]}" is listed twice; '
                    "list each future once"))
            else:
                seen.add(key)
                name = known[key]
        probability: float | None = None
        if not is_blank(raw_probability):
            typed = typed_value(raw_probability, rule)
            message = typed.error or ("" if typed.value is None else _range(typed.value))
            if message:
                found.issues.append(scenario.issue(FUTURES.name, position, PROBABILITY,
                                                   message))
                probability = float("nan")  # given, but unusable
            else:
                probability = float(typed.value)  # type: ignore[arg-type]
        listed.append((position, name, probability))
    found.issues += _sum_issues(scenario, listed)
    if found.issues:
        return found
    given = sum(p for _, _, p in listed if p is not None)
    blanks = sum(1 for _, _, p in listed if p is None)
    share = max(0.0, 1.0 - given) / blanks if blanks else 0.0
    for position, name, probability in listed:
        future = Future(str(name), share if probability is None else probability, position)
        (found.futures if future.probability > 0 else found.excluded).append(future)
    return found


def _range(value: object) -> str:
    from planner.convert import range_error

    return range_error(value, FUTURES.column(PROBABILITY))


def _sum_issues(scenario: Scenario, listed: list[tuple[int, str | None, float | None]]
                ) -> list[Issue]:
    """The running sum above 1 (at the first cell that passes it), or given ones short of 1
    with no blank left to take the rest (at the last given cell)."""
    usable = [(pos, p) for pos, _, p in listed if p is not None and p == p]
    if any(p is not None and p != p for _, _, p in listed):
        return []  # a bad probability is reported at its cell; no sum can be made
    running = 0.0
    for position, probability in usable:
        running += probability
        if running > 1.0 + SUM_TOLERANCE:
            return [scenario.issue(FUTURES.name, position, PROBABILITY,
                                   f"the probabilities add up to {running:.6g} by this row; "
                                   "together they must not be more than 1 (100%)")]
    blanks = any(p is None for _, _, p in listed)
    if usable and not blanks and running < 1.0 - SUM_TOLERANCE:
        return [scenario.issue(FUTURES.name, usable[-1][0], PROBABILITY,
                               f"the probabilities add up to {running:.6g} "
                               f"({format_value(running * 100)}%), not 1; make them add up "
                               "to 1, or leave one blank to take the rest")]
    return []
