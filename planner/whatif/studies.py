"""Sensitivity (tornado) and sweeps: generated cases run by the same runner (whatif.md).

A sensitivity scales each parameter of a list by ``1 - swing`` and ``1 + swing`` and
sorts the parameters by the width of their NPV range. A sweep sets (or scales, or
adds to) one parameter at each value of a list and reports, for each retrofit
(vessel and technology) of any case, the values at which the plan takes it up or
drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from planner.cases.parameters import FUEL_ITEMS, find_parameter
from planner.cases.sheet import (
    BASE,
    CHANGE,
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
    read_change,
)
from planner.convert import Percent, format_value, parse_number
from planner.errors import Issue, PlannerError, WorkbookError
from planner.reports import format_money, format_number
from planner.resolve import fill
from planner.scenario import Scenario
from planner.schema import CASE_CHANGES, normalize
from planner.whatif.jobs import SolveOptions
from planner.whatif.results import CaseResult, CasesRun
from planner.whatif.runner import PreparedCase, check_scenario, run_prepared
from planner.whatif.sweep_changes import SweepPlan
from planner.whatif.sweep_changes import retrofit_switches as switches_of

DEFAULT_SWING = 0.2


@dataclass(frozen=True)
class Varied:
    """What one tornado bar varies: one or more parameters (scaled together) and an item."""

    parameters: tuple[str, ...]
    item: str = ""

    @property
    def label(self) -> str:
        """``Technologies.capex_fixed+capex_per_kw``: a repeated sheet is written once."""
        parts, sheet = [], None
        for name in self.parameters:
            head, dot, column = name.partition(".")
            parts.append(column if dot and sheet is not None and normalize(head) == sheet
                         else name)
            sheet = normalize(head) if dot else None
        return "+".join(parts)

    @property
    def title(self) -> str:
        return f"{self.label} {self.item}".strip()


# --- parsing what the command line gives ---------------------------------------------

def parse_values(text: str) -> list[float]:
    """``"50,100,150"``, ``"50%,60%"`` or ``"50:200:25"`` (start:stop:step, stop included).

    Raises PlannerError naming every value that is not a number.
    """
    text = (text or "").strip()
    if text.count(":") == 2 and "," not in text:
        parts = [parse_number(part) for part in text.split(":")]
        if None in parts or not parts[2]:
            raise PlannerError(f'--values "{text}" must be START:STOP:STEP with numbers and '
                               "a step other than 0")
        start, stop, step = (float(p) for p in parts)  # type: ignore[arg-type]
        count = int((stop - start) / step + 1e-9) + 1
        if count < 1 or count > 1000:
            raise PlannerError(f'--values "{text}" gives {max(count, 0)} values; give 1 to 1000')
        return [round(start + i * step, 10) for i in range(count)]
    values, bad = [], []
    for part in text.split(","):
        number = parse_number(part.strip(), allow_percent=True)
        if number is None:
            bad.append(part.strip())
        else:
            values.append(number)
    if bad or not values:
        shown = ", ".join(f'"{b}"' for b in bad) or '""'
        raise PlannerError(f"--values must be numbers separated by commas (or START:STOP:STEP); "
                           f"not a number: {shown}")
    return values


def parse_parameter(text: str) -> Varied:
    """``P[:ITEM]``; P may join parameters with ``+`` to scale them together, a part
    without a sheet taking the previous part's (``Technologies.capex_fixed+capex_per_kw``)."""
    name, _, item = str(text).partition(":")
    parts: list[str] = []
    sheet = ""
    for part in (p.strip() for p in name.split("+")):
        if not part:
            continue
        if "." not in part and sheet and find_parameter(part) is None:
            part = f"{sheet}.{part}"
        sheet = part.partition(".")[0] if "." in part else ""
        parts.append(part)
    return Varied(tuple(parts), item.strip())


def default_parameters(scenario: Scenario) -> list[Varied]:
    """The default tornado of whatif.md: fuel prices per family, carbon price, capex,
    discount rate, fuel burn."""
    families: list[str] = []
    for value in scenario.fuels[FUEL_ITEMS.group]:
        family = str(value).strip() if value is not None else ""
        if family and normalize(family) not in {normalize(f) for f in families}:
            families.append(family)
    varied = [Varied(("FuelPrices",), f"{FUEL_ITEMS.group}:{family}") for family in families]
    varied.append(Varied(("Targets.carbon_price_per_tco2e",)))
    if not scenario.technologies.empty:
        varied.append(Varied(("Technologies.capex_fixed", "Technologies.capex_per_kw")))
    varied.append(Varied(("Settings.discount_rate",)))
    if not scenario.fleet.empty:
        varied.append(Varied(("Fleet.annual_fuel_t",)))
    return varied


# --- generated cases -----------------------------------------------------------------

def _changes(scenario: Scenario, varied: Varied, change: str, value: float,
             from_year: int | None, to_year: int | None, label: str,
             issues: list[Issue]) -> list[Change]:
    """The changes of one generated case, or [] with the problems added to ``issues``."""
    found: list[Change] = []
    for name in varied.parameters:
        fields_ = {PARAMETER: name, ITEM: varied.item or None, CHANGE: change, VALUE: value,
                   FROM_YEAR: from_year, TO_YEAR: to_year}

        def report(_column: str, message: str, severity: Any = None) -> None:
            if severity is None or str(severity) == "error":  # warnings are for the sheet
                issues.append(Issue("", "", f"{label}: {message}"))

        made = read_change(scenario, fields_, report)
        if made is not None:
            found.append(made)
    return found


def _prepare(scenario: Scenario, cases: list[Case]) -> list[PreparedCase]:
    """The generated cases applied; WorkbookError with every problem of every case."""
    filled = fill(scenario)
    prepared, problems = [], []
    for case in cases:
        result, issues = case_scenario(filled, case)
        problems += [issue for issue in issues if issue.is_error]
        prepared.append(PreparedCase(case, result))
    if problems:
        raise WorkbookError(problems, headline=f"{len(problems)} generated case"
                            f"{'s' * (len(problems) != 1)} cannot be applied; nothing was "
                            "solved")
    return prepared


def _percent_words(factor: float) -> str:
    return f"{(factor - 1) * 100:+g}%"


# --- sensitivity ---------------------------------------------------------------------

@dataclass
class SensitivityRun(CasesRun):
    """A tornado run: the cases (two per parameter) and the table sorted by NPV range."""

    varied: list[Varied] = field(default_factory=list)
    swing: float = DEFAULT_SWING
    bars: list[tuple[Varied, str, str]] = field(default_factory=list)  # (varied, low, high)

    @property
    def tornado(self) -> pd.DataFrame:
        """One row per parameter: NPV and cumulative emissions low and high, widest first."""
        rows: list[dict[str, Any]] = []
        for varied, low_name, high_name in self.bars:
            low, high = self[low_name], self[high_name]
            npv_range = None
            if low.objective is not None and high.objective is not None:
                npv_range = abs(high.objective - low.objective)
            rows.append({"parameter": varied.label, "item": varied.item,
                         "objective_low": low.objective, "objective_high": high.objective,
                         "objective_range": npv_range,
                         "emissions_low": low.emissions_tco2e,
                         "emissions_high": high.emissions_tco2e,
                         "case_low": low_name, "case_high": high_name})
        rows.sort(key=lambda r: (r["objective_range"] is None, -(r["objective_range"] or 0)))
        return pd.DataFrame(rows, columns=["parameter", "item", "objective_low",
                                           "objective_high", "objective_range",
                                           "emissions_low", "emissions_high", "case_low",
                                           "case_high"])

    def study_lines(self, currency: str) -> list[str]:
        base = self.base
        lines = [f"Tornado ({_percent_words(1 - self.swing)} / "
                 f"{_percent_words(1 + self.swing)}), widest NPV range first"
                 + (f"; Base NPV {format_money(base.objective, currency)}"
                    if base is not None and base.objective is not None else "") + ":"]
        for row in self.tornado.to_dict("records"):
            title = f"{row['parameter']} {row['item']}".strip()
            lines.append(
                f"  {title}: NPV {format_money(row['objective_low'], currency)} .. "
                f"{format_money(row['objective_high'], currency)} (range "
                f"{format_money(row['objective_range'], currency)}); emissions "
                f"{format_number(row['emissions_low'])} .. "
                f"{format_number(row['emissions_high'])} tCO2e")
        return lines


def sensitivity(scenario: Scenario, swing: float = DEFAULT_SWING,
                parameters: list[str] | list[Varied] | None = None, jobs: int | None = None,
                scheduler: str | None = None,
                progress: Callable[[str, int, int, CaseResult], None] | None = None,
                should_stop: Callable[[], bool] | None = None, solver: str | None = None,
                time_limit: float | None = None, mip_gap: float | None = None
                ) -> SensitivityRun:
    """The tornado: each parameter scaled by 1 - swing and 1 + swing (whatif.md).

    ``parameters`` are ``"P[:ITEM]"`` texts (P may join parameters with ``+``) or
    ``Varied``; default: the list of whatif.md.
    """
    check_scenario(scenario)
    if not 0 < swing < 1:
        raise PlannerError(f"the swing must lie between 0 and 1 (e.g. 0.2 for 20%), got "
                           f"{swing:g}")
    varied = [parse_parameter(p) if isinstance(p, str) else p for p in parameters] \
        if parameters else default_parameters(scenario)
    cases: list[Any] = []
    bars: list[Any] = []
    issues: list[Issue] = []
    for item in varied:
        names = []
        for factor in (1 - swing, 1 + swing):
            name = f"{item.title} {_percent_words(factor)}"
            changes = _changes(scenario, item, SCALE, factor, None, None,
                               f"sensitivity of {item.title}", issues)
            cases.append(Case(name=name, changes=changes, parameter=item.label,
                              item=item.item, change=SCALE, value=factor))
            names.append(name)
        bars.append((item, names[0], names[1]))
    if issues:
        raise WorkbookError(_unique(issues), headline="The sensitivity cannot be run")
    run = run_prepared(scenario, _prepare(scenario, cases), jobs=jobs, scheduler=scheduler,
                       progress=progress, should_stop=should_stop,
                       options=SolveOptions(solver, time_limit, mip_gap))
    return SensitivityRun(**_run_fields(run), varied=varied, swing=swing, bars=bars)


# --- sweep ---------------------------------------------------------------------------

@dataclass
class SweepRun(CasesRun):
    """A sweep: one case per value, and where each retrofit is taken up or dropped."""

    parameter: str = ""
    item: str = ""
    change: str = SET
    points: list[tuple[float, str]] = field(default_factory=list)  # (value, case name)

    @property
    def by_value(self) -> pd.DataFrame:
        """NPV, cumulative emissions and retrofits per value, in the order given."""
        rows = []
        for value, name in self.points:
            result = self[name]
            rows.append({"value": float(value), "case": name, "status": str(result.status),
                         "objective": result.objective,
                         "emissions_tco2e": result.emissions_tco2e,
                         "retrofits": len(result.retrofits),
                         "plan": "; ".join(f"{r['vessel_id']} {r['technology']} {r['year']}"
                                           for r in result.retrofits)})
        return pd.DataFrame(rows, columns=["value", "case", "status", "objective",
                                           "emissions_tco2e", "retrofits", "plan"])

    @property
    def switches(self) -> pd.DataFrame:
        """For each retrofit (vessel, technology) of any case: the values, in ascending
        order, at which the plan takes it up and at which it drops it.

        Only values whose case has a plan that meets its caps (optimal or feasible) count.
        """
        return retrofit_switches([(value, self[name]) for value, name in self.points])

    def study_lines(self, currency: str) -> list[str]:
        what = f"{self.parameter} {self.item}".strip()
        lines = [f"Sweep of {what} ({self.change}):"]
        for row in self.by_value.to_dict("records"):
            lines.append(f"  {format_value(row['value'])}: {row['status']}, NPV "
                         f"{format_money(row['objective'], currency)}, emissions "
                         f"{format_number(row['emissions_tco2e'])} tCO2e, "
                         f"{row['retrofits']} retrofit{'s' * (row['retrofits'] != 1)}")
        table = self.switches
        if table.empty:
            lines.append("No case takes up any retrofit.")
            return lines
        lines.append("Retrofits taken up and dropped along the values:")
        for row in table.to_dict("records"):
            parts = []
            if row["in_plan_at_lowest"]:
                parts.append("in the plan at the lowest value")
            if row["taken_up_at"]:
                parts.append("taken up at " + ", ".join(map(format_value, row["taken_up_at"])))
            if row["dropped_at"]:
                parts.append("dropped at " + ", ".join(map(format_value, row["dropped_at"])))
            lines.append(f"  {row['vessel_id']} {row['technology']}: " + "; ".join(parts))
        return lines


def retrofit_switches(points: list[tuple[float, CaseResult]]) -> pd.DataFrame:
    """Where each (vessel, technology) enters and leaves the plan as the value rises
    (sweep_changes.retrofit_switches over the results that meet their caps)."""
    plans: list[tuple[float, SweepPlan]] = []
    for value, result in points:
        if not result.status.meets_caps:
            continue
        chosen: SweepPlan = {}
        for retrofit in result.retrofits:
            chosen.setdefault((str(retrofit["vessel_id"]), str(retrofit["technology"])),
                              []).append(int(retrofit["year"]))
        plans.append((float(value), chosen))
    return switches_of(plans)


def sweep(scenario: Scenario, parameter: str, values: list[float], item: str | None = None,
          change: str = SET, from_year: int | None = None, to_year: int | None = None,
          jobs: int | None = None, scheduler: str | None = None,
          progress: Callable[[str, int, int, CaseResult], None] | None = None,
          should_stop: Callable[[], bool] | None = None, solver: str | None = None,
          time_limit: float | None = None, mip_gap: float | None = None) -> SweepRun:
    """One parameter (with item, change, years) at each value: one case per value."""
    check_scenario(scenario)
    if normalize(change) not in CASE_CHANGES:
        raise PlannerError(f'change must be scale, add or set, got "{change}"')
    change = normalize(change)
    unique: list[float] = []
    for value in values:
        if all(float(value) != float(seen) for seen in unique):
            unique.append(value)
    if not unique:
        raise PlannerError("a sweep needs at least one value")
    found = find_parameter(parameter)
    label = found.name if found is not None else str(parameter).strip()
    varied = Varied((str(parameter).strip(),), (item or "").strip())
    cases: list[Any] = []
    points: list[Any] = []
    issues: list[Issue] = []
    for value in unique:
        name = f"{label} {varied.item + ' ' if varied.item else ''}{change} " \
               f"{format_value(value)}"
        changes = _changes(scenario, varied, change, value, from_year, to_year, "sweep",
                           issues)
        cases.append(Case(name=name, changes=changes, parameter=label, item=varied.item,
                          change=change, value=float(value)))
        points.append((value, name))
    if issues:  # the same problem for every value is said once
        raise WorkbookError(_unique(issues), headline="The sweep cannot be run")
    run = run_prepared(scenario, _prepare(scenario, cases), jobs=jobs, scheduler=scheduler,
                       progress=progress, should_stop=should_stop,
                       options=SolveOptions(solver, time_limit, mip_gap))
    return SweepRun(**_run_fields(run), parameter=label, item=varied.item, change=change,
                    points=[(float(v) if not isinstance(v, Percent) else v, n)
                            for v, n in points])


def _unique(issues: list[Issue]) -> list[Issue]:
    seen, kept = set(), []
    for issue in issues:
        if issue.message not in seen:
            seen.add(issue.message)
            kept.append(issue)
    return kept


def _run_fields(run: CasesRun) -> dict[str, Any]:
    return {f.name: getattr(run, f.name) for f in fields(CasesRun)}


__all__ = ["BASE", "DEFAULT_SWING", "SensitivityRun", "SweepRun", "Varied", "default_parameters",
           "parse_parameter", "parse_values", "retrofit_switches", "sensitivity", "sweep"]
