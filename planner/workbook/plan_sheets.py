"""The sheets written after a solve or a what-if run, read back: the Plan and the Cases results.

These sheets are the program's own output, so a cell that does not read is a warning
(the value is left blank), never an error that would stop the inputs from loading.
"""

from __future__ import annotations

import math
from typing import SupportsFloat, cast

import pandas as pd

from planner import schema
from planner.convert import describe, parse_cell
from planner.errors import Issue, Severity
from planner.plan import LIMIT_NAMES, Diagnosis, Plan, Status, YearShortfall
from planner.scenario import column_letter
from planner.schema import ColumnType, Sheet, normalize, split_list
from planner.workbook.cells import HEADER_ROW, Grid, match_header

METRIC = schema.PLAN_SUMMARY.column_names[0]
METRIC_VALUE = schema.PLAN_SUMMARY.column_names[1]
# A summary metric with a unit is a number; the others (status, solver, solved_at,
# input_fingerprint, message) are text.
NUMERIC_METRICS = frozenset(name for name, _, unit in schema.PLAN_SUMMARY_METRICS if unit)
TEXT_METRIC = schema.Column("metric value", ColumnType.TEXT, "A text figure")
NUMBER_METRIC = schema.Column("metric value", ColumnType.NUMBER, "A number figure")
FINGERPRINT = schema.CASES_RESULTS.column("input_fingerprint").name
YEARS = (1900, 2300)  # the years any input may name (schema), so any a plan can have


def read_output_table(sheet: Sheet, grid: Grid) -> tuple[pd.DataFrame, list[Issue]]:
    """The sheet's schema columns as a typed table (numbers float, years and counts int).

    Columns the schema does not know are not read; a missing column is blank.
    """
    header = match_header(sheet, grid, sheet.name, warn_only=True)
    issues = list(header.issues)
    if grid.rows:
        for column in sheet.columns:
            if column.name not in header.columns \
                    and column.name not in schema.REGIME_ANNUAL_COLUMNS \
                    and column.name not in schema.REGIME_RESULTS_COLUMNS:  # without regimes
                issues.append(Issue(sheet=sheet.name, cell=column.name,
                                    severity=Severity.WARNING,
                                    message=f'the column "{column.name}" is missing; it is '
                                            "read as blank"))
    data: dict[str, list[object]] = {name: [] for name in sheet.column_names}
    for row_number in range(HEADER_ROW + 1, len(grid.rows) + 1):
        if grid.row_is_empty(row_number):
            continue
        position = len(data[sheet.columns[0].name])
        for column in sheet.columns:
            index = header.columns.get(column.name)
            value = None
            if index is not None:
                unsaved = grid.unsaved_issue(row_number, index, sheet.name, Severity.WARNING,
                                             position, column.name)
                parsed = parse_cell(grid.value(row_number, index), column,
                                    grid.is_percent(row_number, index))
                if unsaved is not None:
                    issues.append(unsaved)
                elif parsed.error:
                    issues.append(Issue(
                        sheet=sheet.name, cell=f"{column_letter(index)}{row_number}",
                        severity=Severity.WARNING, row=position, column=column.name,
                        message=f"{parsed.error}; it is read as blank"))
                elif _out_of_reach(parsed.value, column):
                    issues.append(Issue(
                        sheet=sheet.name, cell=f"{column_letter(index)}{row_number}",
                        severity=Severity.WARNING, row=position, column=column.name,
                        message=f"{column.name} {describe(parsed.value)} is no "
                                f"{'year' if column.type is ColumnType.YEAR else 'count'} a "
                                "plan can have; it is read as blank"))
                else:
                    value = parsed.value
            data[column.name].append(value)
    return _typed(sheet, data), issues


def _out_of_reach(value: object, column: schema.Column) -> bool:
    """A year or count no plan has (1e300 as a year would not fit a table's integers)."""
    if not column.is_whole or not isinstance(value, int):
        return False
    if column.type is ColumnType.YEAR:
        return not YEARS[0] <= value <= YEARS[1]
    return abs(value) > 2**53


def _typed(sheet: Sheet, data: dict[str, list[object]]) -> pd.DataFrame:
    columns = {}
    for column in sheet.columns:
        values = data[column.name]
        if column.is_whole:
            dtype = "int64" if all(v is not None for v in values) else "Int64"
            columns[column.name] = pd.Series(values, dtype=dtype)
        elif column.is_numeric:
            columns[column.name] = pd.Series(
                [math.nan if v is None else float(cast(SupportsFloat, v)) for v in values], dtype="float64")
        else:
            columns[column.name] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns, columns=sheet.column_names)


def read_summary(grid: Grid) -> tuple[dict[str, object], list[Issue]]:
    """The Plan Summary's metric -> value (numbers as float, the rest as text)."""
    sheet = schema.PLAN_SUMMARY
    header = match_header(sheet, grid, sheet.name, warn_only=True)
    issues = list(header.issues)
    metric_index = header.columns.get(METRIC)
    value_index = header.columns.get(METRIC_VALUE)
    if metric_index is None or value_index is None:
        issues.append(Issue(sheet=sheet.name, cell="", severity=Severity.WARNING,
                            message=f'the sheet needs the columns "{METRIC}" and '
                                    f'"{METRIC_VALUE}"; the plan is not read'))
        return {}, issues
    metrics: dict[str, object] = {}
    for row_number in range(HEADER_ROW + 1, len(grid.rows) + 1):
        name = normalize(grid.value(row_number, metric_index))
        if not name or name in metrics:
            continue
        unsaved = grid.unsaved_issue(row_number, value_index, sheet.name, Severity.WARNING)
        if unsaved is not None:
            issues.append(unsaved)
            metrics[name] = None
            continue
        column = NUMBER_METRIC if name in NUMERIC_METRICS else TEXT_METRIC
        parsed = parse_cell(grid.value(row_number, value_index), column,
                            grid.is_percent(row_number, value_index))
        if parsed.error:
            issues.append(Issue(sheet=sheet.name,
                                cell=f"{column_letter(value_index)}{row_number}",
                                severity=Severity.WARNING,
                                message=f"{name} must be a number, got "
                                        f"{describe(parsed.value)}; it is read as blank"))
        metrics[name] = None if parsed.error else parsed.value
    return metrics, issues


def build_plan(metrics: dict[str, object], tables: dict[str, pd.DataFrame],
               currency: str) -> tuple[Plan, list[Issue]]:
    """The Plan of the summary metrics and the Plan tables read (absent tables empty)."""
    issues: list[Issue] = []
    status_text = normalize(metrics.get("status"))
    try:
        status = Status(status_text)
    except ValueError:
        status = Status.ERROR
        issues.append(Issue(sheet=schema.PLAN_SUMMARY.name, cell="status",
                            severity=Severity.WARNING,
                            message=f'the plan status "{metrics.get("status") or ""}" is not '
                                    f"one of {', '.join(s.value for s in Status)}; the plan is "
                                    "read as status error"))
    plan = Plan(
        status=status,
        objective=_number(metrics.get("objective")),
        bau_objective=_number(metrics.get("bau_objective")),
        objective_literal=_number(metrics.get("objective_literal",
                                              metrics.get("objective"))),
        bau_objective_literal=_number(metrics.get("bau_objective_literal",
                                                  metrics.get("bau_objective"))),
        gap=_number(metrics.get("gap")),
        solver=_text(metrics.get("solver")),
        found_by=_text(metrics.get("found_by")),
        proved_by=_text(metrics.get("proved_by")),
        solve_seconds=_number(metrics.get("solve_seconds")) or 0.0,
        solved_at=_text(metrics.get("solved_at")),
        input_fingerprint=_text(metrics.get("input_fingerprint")),
        message=_text(metrics.get("message")),
        currency=currency,
    )
    for sheet, attribute in ((schema.PLAN_ANNUAL, "annual"),
                             (schema.PLAN_RETROFITS, "retrofits"),
                             (schema.PLAN_FUEL_USE, "fuel_use"),
                             (schema.PLAN_COMPLIANCE, "compliance")):
        if sheet.name in tables:
            setattr(plan, attribute, tables[sheet.name])
    diagnosis_table = tables.get(schema.PLAN_DIAGNOSIS.name)
    shortfall_total = _number(metrics.get("shortfall_total"))
    if shortfall_total is not None or (diagnosis_table is not None
                                       and not diagnosis_table.empty):
        diagnosis, found = _diagnosis(diagnosis_table, shortfall_total)
        diagnosis.elastic_objective = _number(metrics.get("elastic_objective"))
        plan.diagnosis = diagnosis
        issues += found
    return plan, issues


def _diagnosis(table: pd.DataFrame | None,
               shortfall_total: float | None) -> tuple[Diagnosis, list[Issue]]:
    issues: list[Issue] = []
    years: list[YearShortfall] = []
    sheet = schema.PLAN_DIAGNOSIS
    limits_column = sheet.column("limits")
    rows = [] if table is None else table.to_dict("records")
    for position, row in enumerate(rows):
        if pd.isna(row["year"]):
            continue
        limits = []
        for name in split_list(row["limits"]):
            key = normalize(name)
            if key in LIMIT_NAMES:
                limits.append(key)
            else:
                issues.append(Issue(sheet=sheet.name, cell="", severity=Severity.WARNING,
                                    row=position, column=limits_column.name,
                                    message=f'{row["year"]}: "{name}" is not a limit the '
                                            f"planner knows ({', '.join(LIMIT_NAMES)}); it "
                                            "is left out"))
        years.append(YearShortfall(
            year=int(row["year"]),
            cap_tco2e=_number(row["cap_tco2e"]),
            intensity_cap_gco2e_per_mj=_number(row["intensity_cap_gco2e_per_mj"]),
            emissions_tco2e=_number(row["emissions_tco2e"]) or 0.0,
            shortfall_tco2e=_number(row["shortfall_tco2e"]) or 0.0,
            limits=limits,
            explanation=_text(row["explanation"]) if "explanation" in row else "",
        ))
    if shortfall_total is None:
        shortfall_total = sum(year.shortfall_tco2e for year in years)
    return Diagnosis(shortfall_total=shortfall_total, years=years), issues


def cases_stale(results: pd.DataFrame, fingerprint: str) -> bool:
    """True unless every fingerprint the Cases Results rows carry is ``fingerprint``."""
    given = [_text(value) for value in results[FINGERPRINT]]
    given = [value for value in given if value]
    return not given or any(value != fingerprint for value in given)


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if math.isnan(float(value)) else float(value)
    return None


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()
