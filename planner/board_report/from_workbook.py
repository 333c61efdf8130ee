"""A report's source from a workbook file: its saved plan, or a plan solved now."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner import schema
from planner.board_report.build import Progress, ReportResult, check_target, write_report
from planner.board_report.source import ReportSource, from_loaded
from planner.errors import PlannerError, WorkbookError


def source_from_workbook(path: str | Path, solve: bool = False,
                         solver_options: dict[str, Any] | None = None,
                         progress: Callable[[str, dict], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> ReportSource:
    """The ReportSource of a workbook; raises PlannerError in a planner's words when there
    is no plan to report (none saved and ``solve`` false, or the solve found none)."""
    from planner.workbook.reader import read_workbook

    name = Path(path).name or str(path)
    loaded = read_workbook(path)
    scenario = loaded.scenario
    unreadable = [i for i in scenario.load_issues if i.is_error and not i.sheet and not i.cell]
    if unreadable:
        raise PlannerError(str(unreadable[0]))
    if not solve:
        plan = loaded.plan
        if plan is None:
            raise PlannerError(f"{name} holds no plan: solve it first (planner solve {name} "
                               f"-o {name}) or add --solve")
        if not plan.has_plan:
            raise PlannerError(f"{name} holds no plan to report (its saved solve ended "
                               f"{plan.status}): solve it again, or add --solve")
        return from_loaded(loaded, workbook=path)
    from planner.optimize.solve import solve as solve_scenario
    from planner.validation import validate

    errors = [i for i in scenario.load_issues + validate(scenario) if i.is_error]
    if errors:
        raise WorkbookError(errors, headline=f"{name} has {len(errors)} error"
                                             f"{'s' if len(errors) != 1 else ''}; nothing "
                                             "was solved")
    plan = solve_scenario(scenario, progress=progress, should_stop=cancelled,
                          **(solver_options or {}))
    if not plan.has_plan:
        raise PlannerError(f"{name}: the solve found no plan to report ({plan.message or plan.status})")
    # What-if and robust results of other inputs would not belong beside a plan solved now.
    source = from_loaded(loaded, plan=plan, workbook=path)
    if loaded.cases_stale is not False:
        for sheet in schema.CASES_OUTPUT_SHEETS:
            source.cases.pop(sheet.name, None)
    robust = source.cases.get(schema.ROBUST_SUMMARY.name)
    if robust is not None and _fingerprint(robust) != scenario.fingerprint(include_robust=True):
        for sheet in schema.ROBUST_OUTPUT_SHEETS:
            source.cases.pop(sheet.name, None)
    return source


def _fingerprint(summary: Any) -> object:
    """The input fingerprint a metric/value summary sheet names."""
    for metric, value in zip(summary["metric"], summary["value"], strict=True):
        if schema.normalize(metric) == "input_fingerprint":
            return value
    return None


def report_workbook(path: str | Path, out: str | Path, solve: bool = False,
                    solver_options: dict[str, Any] | None = None,
                    progress: Progress | None = None) -> ReportResult:
    """Read ``path`` (solving it first with ``solve``) and write its report to ``out``."""
    check_target(out)  # an unwritable path fails before the solve, not after it
    source = source_from_workbook(path, solve=solve, solver_options=solver_options)
    return write_report(source, out, progress=progress)
