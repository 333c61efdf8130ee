"""The result sheets to write: the Plan sheets of a solve and the what-if Cases results."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from enum import Enum

import pandas as pd

from planner import schema
from planner.errors import SaveError
from planner.plan import Plan
from planner.reports import has_values
from planner.scenario import Scenario
from planner.schema import Column, ColumnType, Sheet
from planner.workbook import styles
from planner.workbook.about import PLAN_SUMMARY_COLUMNS, output_note
from planner.workbook.writer_cells import TableSheet
from planner.workbook.writer_inputs import keyed_by_name

EXPLANATION = schema.PLAN_DIAGNOSIS.column("explanation").name


INPUTS_MATCH = "inputs_match"
MATCH_WORDS = {
    True: "Yes: the plan was solved for the inputs in this workbook.",
    False: "NO, OUT OF DATE: the inputs were changed after this plan was solved; the Plan "
           "sheets describe other inputs. Solve again for a plan of these inputs.",
    None: "Unknown: the plan carries no fingerprint of its inputs.",
}


def plan_sheets(plan: Plan, currency: str,
                inputs_match: bool | None = True) -> list[tuple[Sheet, TableSheet]]:
    """The Plan Summary, Plan Annual, Plan Retrofits, Plan Fuel Use and Plan Diagnosis;
    ``inputs_match`` says whether the plan belongs to the inputs saved beside it."""
    annual, annual_table = leaving_out(schema.PLAN_ANNUAL, plan.annual, () if plan.has_regimes
                                       else schema.REGIME_ANNUAL_COLUMNS)
    sheets = [
        (schema.PLAN_SUMMARY, plan_summary_sheet(plan, currency, inputs_match)),
        (annual, output_sheet(annual, annual_table, currency)),
        (schema.PLAN_RETROFITS, output_sheet(schema.PLAN_RETROFITS, plan.retrofits,
                                             currency)),
        (schema.PLAN_FUEL_USE, output_sheet(schema.PLAN_FUEL_USE, plan.fuel_use, currency)),
        (schema.PLAN_DIAGNOSIS, output_sheet(schema.PLAN_DIAGNOSIS, diagnosis_table(plan),
                                             currency)),
    ]
    if not plan.compliance.empty:
        sheets.append((schema.PLAN_COMPLIANCE, output_sheet(schema.PLAN_COMPLIANCE,
                                                            plan.compliance, currency)))
    return sheets


def plan_figure(plan: Plan, metric: str) -> object:
    """A Plan Summary metric: the plan's attribute of that name, else its diagnosis's."""
    if hasattr(plan, metric):
        value = getattr(plan, metric)
    else:
        value = getattr(plan.diagnosis, metric, None) if plan.diagnosis else None
    return str(value.value) if isinstance(value, Enum) else value


def plan_summary_sheet(plan: Plan, currency: str, inputs_match: bool | None = True) -> TableSheet:
    """One row per metric: its name, value, unit (with the currency) and meaning."""
    columns = list(PLAN_SUMMARY_COLUMNS)
    rows, row_formats = [], {}
    metrics = [m for m in schema.PLAN_SUMMARY_METRICS
               if plan.has_regimes or m[0] not in schema.REGIME_SUMMARY_METRICS]
    for position, (metric, meaning, unit) in enumerate(metrics):
        figure = Column(metric, ColumnType.NUMBER, meaning, unit, money="{currency}" in unit)
        value = MATCH_WORDS[inputs_match] if metric == INPUTS_MATCH else plan_figure(plan, metric)
        rows.append([metric, value, figure.unit_label(currency) or None, meaning])
        row_formats[position] = [styles.GENERAL, styles.number_format(figure, output=True),
                                 styles.GENERAL, styles.GENERAL]
    return TableSheet(schema.PLAN_SUMMARY.name, [c.name for c in columns],
                      [output_note(c, currency) for c in columns], [True] * len(columns),
                      [styles.GENERAL] * len(columns), rows, row_formats=row_formats,
                      freeze_first_column=True)


def diagnosis_table(plan: Plan) -> pd.DataFrame:
    """Plan Diagnosis rows: one per year whose hard caps the best plan misses."""
    sheet = schema.PLAN_DIAGNOSIS
    diagnosis = plan.diagnosis
    rows = []
    if diagnosis is not None:
        sentences = diagnosis.sentences(plan.currency)
        for year, sentence in zip(diagnosis.years, sentences, strict=True):
            row: dict[str, object] = {}
            for name in sheet.column_names:
                value = getattr(year, name, None)
                row[name] = (", ".join(value) or None) if isinstance(value, list) else value
            row[EXPLANATION] = sentence
            rows.append(row)
    return pd.DataFrame(rows, columns=sheet.column_names, dtype=object)


def cases_sheets(cases: Mapping[str, pd.DataFrame], currency: str,
                 name: str) -> list[tuple[Sheet, TableSheet]]:
    """The what-if and robust result sheets given (keyed by sheet name), in schema order."""
    allowed = schema.CASES_OUTPUT_SHEETS + schema.ROBUST_OUTPUT_SHEETS + schema.STUDY_OUTPUT_SHEETS
    given: dict[str, pd.DataFrame] = {}
    for key, table in cases.items():
        sheet = schema.find_sheet(key)
        if sheet is None or sheet not in allowed:
            expected = ", ".join(s.name for s in allowed)
            raise SaveError(f"Cannot save {name}: {key!r} is not a what-if result sheet "
                            f"(expected {expected}).")
        given[sheet.name] = table
    sheets = []
    for sheet in allowed:
        if sheet.name in given:
            shown, table = _without_blank_regime_columns(sheet, given[sheet.name])
            sheets.append((shown, output_sheet(shown, table, currency)))
    return sheets


def _without_blank_regime_columns(sheet: Sheet,
                                  table: pd.DataFrame) -> tuple[Sheet, pd.DataFrame]:
    """Without objective_literal when no run had a regime on, so that results without
    regimes are written as before."""
    return leaving_out(sheet, table, [name for name in schema.REGIME_RESULTS_COLUMNS
                                      if not has_values(table, name)])


def leaving_out(sheet: Sheet, table: pd.DataFrame,
                names: Iterable[str]) -> tuple[Sheet, pd.DataFrame]:
    """The sheet and its table without the columns ``names`` (a plan or results without
    regimes keep the columns they had before the regimes)."""
    left_out = set(names) & (set(sheet.column_names) | set(table.columns))
    if not left_out:
        return sheet, table
    return (dataclasses.replace(sheet, columns=tuple(c for c in sheet.columns
                                                     if c.name not in left_out)),
            table.drop(columns=list(left_out), errors="ignore"))


def output_sheet(sheet: Sheet, table: pd.DataFrame, currency: str) -> TableSheet:
    """A result table: the schema's columns (blank where the table lacks one), then any
    further columns of the table."""
    names = set(sheet.column_names)
    headers: list[object] = list(sheet.column_names)
    headers += [c for c in table.columns if c not in names]
    notes, formats, known = [], [], []
    for header in headers:
        column = sheet.find(header) if isinstance(header, str) else None
        known.append(column is not None)
        notes.append(output_note(column, currency) if column else styles.UNKNOWN_COLUMN_NOTE)
        formats.append(styles.number_format(column, output=True))
    present = [h for h in headers if h in table.columns]
    positions = [present.index(h) if h in table.columns else None for h in headers]
    rows = [tuple(None if p is None else values[p] for p in positions)
            for values in table[present].itertuples(index=False, name=None)]
    return TableSheet(sheet.name, headers, notes, known, formats, rows,
                      freeze_first_column=keyed_by_name(sheet, headers))


# The Robust Summary row that says in words whether the run belongs to the inputs beside it.
ROBUST_MATCH_WORDS = {
    True: "Yes: this robust run was made for the inputs in this workbook (Cases, Futures, "
          "Uncertainty and the robust settings included).",
    False: "NO, OUT OF DATE: the inputs were changed after this robust run; the Robust "
           "sheets describe other inputs. Run the robust plan again for these inputs.",
    None: "Unknown: the robust run carries no fingerprint of its inputs.",
}


def mark_robust_inputs(results: Mapping[str, pd.DataFrame],
                       scenario: Scenario) -> dict[str, pd.DataFrame]:
    """The result sheets with Robust Summary's inputs_match row saying in words whether the
    run was made for the scenario's inputs, robust ones included (as Plan Summary's)."""
    marked = dict(results)
    key = next((k for k in marked if schema.find_sheet(k) is schema.ROBUST_SUMMARY), None)
    if key is None:
        return marked
    summary = marked[key]
    metrics = [schema.normalize(str(m)) for m in summary["metric"]]
    stamps = [v for m, v in zip(metrics, summary["value"], strict=True)
              if m == "input_fingerprint" and isinstance(v, str) and v]
    match = stamps[0] == scenario.fingerprint(include_robust=True) if stamps else None
    kept = summary[[m != INPUTS_MATCH for m in metrics]]
    row = pd.DataFrame([{"metric": INPUTS_MATCH, "value": ROBUST_MATCH_WORDS[match]}])
    marked[key] = pd.concat([kept, row], ignore_index=True)
    return marked
