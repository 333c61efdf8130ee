"""Save a scenario (and a plan, and what-if results) to an .xlsx workbook, atomically."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from planner import schema
from planner.errors import SaveError
from planner.plan import Plan
from planner.scenario import (
    ExtraSheet,
    Scenario,
    column_letter,
    known_columns,
    year_columns,
)
from planner.schema import Column, ColumnType, Sheet, SheetKind, normalize
from planner.version import __version__
from planner.workbook import styles
from planner.workbook.about import PLAN_SUMMARY_COLUMNS, AboutRow, about_rows
from planner.workbook.atomic import resolve_target, write_atomically
from planner.workbook.styles import CellProblem

# Rows looked at to size a column (a 1,000-vessel fleet need not be measured row by row).
WIDTH_SAMPLE_ROWS = 300
SETTING_UNIT = schema.SETTINGS_SHEET.column("unit")
SETTING_DESCRIPTION = schema.SETTINGS_SHEET.column("description")


@dataclass
class TableSheet:
    """A sheet to write as a table: headers with notes, then rows of values."""

    title: str
    headers: list[object]
    notes: list[str]
    known: list[bool]
    formats: list[str]  # number format of each column's numbers
    rows: Sequence[Sequence[object]]
    row_formats: dict[int, list[str]] = field(default_factory=dict)  # row position -> formats
    cell_notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> note
    freeze_first_column: bool = False
    validations: list[DataValidation] = field(default_factory=list)


def save_scenario(scenario: Scenario, path: str | os.PathLike[str], plan: Plan | None = None,
                  cases: Mapping[str, pd.DataFrame] | None = None) -> None:
    """Write the scenario's input sheets, its unknown sheets, the plan and the what-if
    results (when given) and an About sheet to ``path``, replacing it atomically.

    Raises SaveError with a planner-facing message; the old file is then untouched.
    """
    given = Path(path)
    name = given.name or str(given)
    if given.suffix.lower() != ".xlsx":
        raise SaveError(f"Cannot save {name}: the planner writes Excel workbooks; give the "
                        "file the .xlsx extension.")
    target = resolve_target(given)
    workbook = build_workbook(scenario, plan, cases, name)
    try:
        write_atomically(target, workbook.save, shown_name=name)
    finally:
        discard(workbook)


def build_workbook(scenario: Scenario, plan: Plan | None,
                   cases: Mapping[str, pd.DataFrame] | None, name: str = "the workbook",
                   written_at: dt.datetime | None = None) -> Workbook:
    """The workbook to save, built in memory (streamed sheets, written on save)."""
    currency = str(scenario.setting("currency") or "USD")
    workbook = Workbook(write_only=True)
    workbook.properties.creator = f"Fleet Transition Planner {__version__}"
    written_sheets: list[Sheet] = []
    sheets: list[TableSheet] = []
    for sheet in schema.INPUT_SHEETS:
        if _is_written(scenario, sheet):
            sheets.append(input_sheet(scenario, sheet, currency))
            written_sheets.append(sheet)
    outputs: list[tuple[Sheet, TableSheet]] = []
    if plan is not None:
        outputs += plan_sheets(plan, currency)
    outputs += cases_sheets(cases or {}, currency, name)
    taken = {normalize(s.title) for s in sheets}
    taken |= {normalize(s.title) for _, s in outputs} | {normalize(schema.ABOUT_SHEET_NAME)}
    extras = [extra for extra in scenario.extra_sheets if normalize(extra.title) not in taken]
    try:
        for table in sheets:
            _write_table(workbook, table)
        for extra in extras:
            _write_extra(workbook, extra, name)
        for sheet, table in outputs:
            _write_table(workbook, table)
            written_sheets.append(sheet)
        _write_about(workbook, about_rows(
            written_sheets, [extra.title for extra in extras], currency, __version__,
            written_at or dt.datetime.now(dt.UTC)))
    except CellProblem as problem:
        discard(workbook)
        raise SaveError(f"Cannot save {name}: {problem}") from problem
    except BaseException:
        discard(workbook)
        raise
    return workbook


def discard(workbook: Workbook) -> None:
    """Close the streamed sheets a workbook did not save and delete their temporary files
    (left open, they would be closed out of order when garbage-collected)."""
    for worksheet in workbook.worksheets:
        if not isinstance(worksheet, WriteOnlyWorksheet) or worksheet.closed:
            continue
        sheet_writer = worksheet._writer
        try:
            if worksheet._rows is not None:
                worksheet._rows.close()
            if sheet_writer is not None:
                sheet_writer.close()
                sheet_writer.cleanup()
        except (OSError, ValueError):
            pass  # only temporary files are at stake


def _is_written(scenario: Scenario, sheet: Sheet) -> bool:
    """Required sheets always; an optional one when the file had it or it holds anything
    (rows, or columns beyond the schema's: a year or a column of the planner's own)."""
    if sheet.required or sheet.name in scenario.present_sheets:
        return True
    table = scenario.tables[sheet.name]
    return len(table) > 0 or list(table.columns) != sheet.column_names


# --- input sheets ----------------------------------------------------------------------

def input_sheet(scenario: Scenario, sheet: Sheet, currency: str) -> TableSheet:
    """An input table as it is stored: its columns in order, values as they are."""
    table = scenario.tables[sheet.name]
    if sheet.kind is SheetKind.SETTINGS:
        return settings_sheet(scenario, currency)
    years = set(year_columns(table)) if sheet.kind is SheetKind.SERIES else set()
    known = set(known_columns(sheet, table))
    headers = list(table.columns)
    notes, formats, known_flags = [], [], []
    year_format = styles.number_format(_series_value_column(sheet), output=False)
    for header in headers:
        if header in years:
            notes.append(styles.year_note(sheet, currency))
            formats.append(year_format)
            known_flags.append(True)
        elif header in known:
            column = sheet.column(str(header))
            notes.append(column.tooltip(currency))
            formats.append(styles.number_format(column, output=False))
            known_flags.append(True)
        else:
            notes.append(styles.UNKNOWN_COLUMN_NOTE)
            formats.append(styles.GENERAL)
            known_flags.append(False)
    result = TableSheet(sheet.name, headers, notes, known_flags, formats, _rows(table),
                        freeze_first_column=_keyed_by_name(sheet, headers))
    result.validations = input_validations(scenario, sheet, headers, len(table))
    return result


def _series_value_column(sheet: Sheet) -> Column:
    return Column("value", ColumnType.NUMBER, sheet.year_description, sheet.year_unit,
                  money="{currency}" in sheet.year_unit)


def _keyed_by_name(sheet: Sheet, headers: list[object]) -> bool:
    """Freeze the first column when it names the row (vessel, fuel, technology, case)."""
    if not headers or not isinstance(headers[0], str):
        return False
    first = sheet.find(headers[0])
    return first is not None and first.type in (ColumnType.TEXT, ColumnType.NAME) \
        and (first.name == sheet.key or first.required)


def settings_sheet(scenario: Scenario, currency: str) -> TableSheet:
    """Settings rows as read, with unit and description filled from the schema."""
    sheet = schema.SETTINGS_SHEET
    table = scenario.settings_table.copy()
    for column in (SETTING_UNIT, SETTING_DESCRIPTION):
        if column.name not in table.columns:
            table[column.name] = pd.Series([None] * len(table), dtype=object,
                                           index=table.index)
    headers = list(table.columns)
    known = set(sheet.column_names)
    name_index = headers.index("setting")
    value_index = headers.index("value")
    unit_index = headers.index(SETTING_UNIT.name)
    description_index = headers.index(SETTING_DESCRIPTION.name)
    rows = [list(row) for row in _rows(table)]
    row_formats: dict[int, list[str]] = {}
    cell_notes: dict[tuple[int, int], str] = {}
    validations: list[DataValidation] = []
    base_formats = [styles.GENERAL] * len(headers)
    for position, row in enumerate(rows):
        setting = schema.find_setting(row[name_index])
        if setting is None:
            continue  # an unknown setting is written back exactly as read
        row[unit_index] = setting.unit_label(currency) or None
        row[description_index] = setting.description
        formats = list(base_formats)
        formats[value_index] = styles.number_format(setting, output=False)
        row_formats[position] = formats
        cell_notes[(position, name_index)] = setting.tooltip(currency)
        if setting.choices:
            cell = f"{column_letter(value_index + 1)}{position + 2}"
            validation = styles.list_validation(
                list(setting.choices), cell, strict=True, title=setting.name,
                message=f"{setting.name} is one of {', '.join(setting.choices)}.")
            if validation is not None:
                validations.append(validation)
    notes = [sheet.find(h).tooltip(currency) if h in known else styles.UNKNOWN_COLUMN_NOTE
             for h in headers]  # type: ignore[union-attr]
    return TableSheet(sheet.name, headers, notes, [h in known for h in headers],
                      base_formats, rows, row_formats=row_formats, cell_notes=cell_notes,
                      freeze_first_column=name_index == 0, validations=validations)


def input_validations(scenario: Scenario, sheet: Sheet, headers: list[object],
                      row_count: int) -> list[DataValidation]:
    """Dropdowns: choices, fuels of the Fuels sheet, families present in Fuels."""
    found: list[DataValidation] = []
    last_row = row_count + 1 + styles.ROOM_FOR_ROWS
    fuels = scenario.fuels
    for index, header in enumerate(headers, start=1):
        column = sheet.find(header) if isinstance(header, str) else None
        if column is None:
            continue
        letter = column_letter(index)
        cells = f"{letter}2:{letter}{last_row}"
        validation: DataValidation | None = None
        if column.choices:
            validation = styles.list_validation(
                list(column.choices), cells, strict=True, title=column.name,
                message=f"{column.name} is one of {', '.join(column.choices)}.")
        elif column.refers_to == "fuel" and sheet is not schema.FUELS \
                and sheet.kind is not SheetKind.SERIES:
            fuel_index = list(fuels.columns).index("fuel") + 1
            validation = styles.range_validation(
                schema.FUELS.name, fuel_index, len(fuels) + 1 + styles.ROOM_FOR_ROWS, cells,
                strict=True, title=column.name,
                message=f"{column.name} names a fuel of the {schema.FUELS.name} sheet.")
        elif column.refers_to == "family" or (sheet is schema.FUELS
                                              and column is schema.FUELS.column("family")):
            validation = styles.list_validation(_families(scenario), cells, strict=False)
        if validation is not None:
            found.append(validation)
    return found


def _families(scenario: Scenario) -> list[str]:
    """The engine families of the Fuels sheet, as first written, once each."""
    seen: dict[str, str] = {}
    for value in scenario.fuels["family"] if "family" in scenario.fuels.columns else []:
        if isinstance(value, str) and value.strip():
            seen.setdefault(normalize(value), value.strip())
    return list(seen.values())


def _rows(table: pd.DataFrame) -> list[tuple[object, ...]]:
    return list(table.itertuples(index=False, name=None))


# --- output sheets ---------------------------------------------------------------------

def plan_sheets(plan: Plan, currency: str) -> list[tuple[Sheet, TableSheet]]:
    """The Plan Summary, Plan Annual, Plan Retrofits, Plan Fuel Use and Plan Diagnosis."""
    return [
        (schema.PLAN_SUMMARY, plan_summary_sheet(plan, currency)),
        (schema.PLAN_ANNUAL, output_sheet(schema.PLAN_ANNUAL, plan.annual, currency)),
        (schema.PLAN_RETROFITS, output_sheet(schema.PLAN_RETROFITS, plan.retrofits,
                                             currency)),
        (schema.PLAN_FUEL_USE, output_sheet(schema.PLAN_FUEL_USE, plan.fuel_use, currency)),
        (schema.PLAN_DIAGNOSIS, output_sheet(schema.PLAN_DIAGNOSIS, diagnosis_table(plan),
                                             currency)),
    ]


def plan_figures(plan: Plan) -> dict[str, object]:
    """The value of every Plan Summary metric."""
    diagnosis = plan.diagnosis
    return {
        "status": str(plan.status), "solver": plan.solver, "objective": plan.objective,
        "bau_objective": plan.bau_objective, "abatement_cost": plan.abatement_cost,
        "gap": plan.gap, "solve_seconds": plan.solve_seconds, "solved_at": plan.solved_at,
        "input_fingerprint": plan.input_fingerprint,
        "shortfall_total": None if diagnosis is None else diagnosis.shortfall_total,
        "message": plan.message,
    }


def plan_summary_sheet(plan: Plan, currency: str) -> TableSheet:
    sheet = schema.PLAN_SUMMARY
    columns = list(PLAN_SUMMARY_COLUMNS)
    figures = plan_figures(plan)
    rows, row_formats = [], {}
    for position, (metric, meaning, unit) in enumerate(schema.PLAN_SUMMARY_METRICS):
        unit_text = unit.replace("{currency}", currency or "USD")
        rows.append([metric, figures.get(metric), unit_text or None, meaning])
        figure = Column(metric, ColumnType.NUMBER, meaning, unit, money="{currency}" in unit)
        row_formats[position] = [styles.GENERAL, styles.number_format(figure, output=True),
                                 styles.GENERAL, styles.GENERAL]
    return TableSheet(sheet.name, [c.name for c in columns],
                      [c.tooltip(currency) for c in columns], [True] * len(columns),
                      [styles.GENERAL] * len(columns), rows, row_formats=row_formats,
                      freeze_first_column=True)


def diagnosis_table(plan: Plan) -> pd.DataFrame:
    """Plan Diagnosis rows: one per year whose hard caps the best plan misses."""
    sheet = schema.PLAN_DIAGNOSIS
    diagnosis = plan.diagnosis
    if diagnosis is None or not diagnosis.years:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in sheet.column_names})
    sentences = diagnosis.sentences(plan.currency)
    rows = [{
        "year": year.year, "cap_tco2e": year.cap_tco2e,
        "intensity_cap_gco2e_per_mj": year.intensity_cap_gco2e_per_mj,
        "emissions_tco2e": year.emissions_tco2e, "shortfall_tco2e": year.shortfall_tco2e,
        "limits": ", ".join(year.limits) or None, "explanation": sentence,
    } for year, sentence in zip(diagnosis.years, sentences, strict=True)]
    return pd.DataFrame(rows, columns=sheet.column_names, dtype=object)


def cases_sheets(cases: Mapping[str, pd.DataFrame], currency: str,
                 name: str) -> list[tuple[Sheet, TableSheet]]:
    """The what-if result sheets given, in schema order."""
    given: dict[str, pd.DataFrame] = {}
    for key, table in cases.items():
        sheet = schema.find_sheet(key)
        if sheet is None or sheet not in schema.CASES_OUTPUT_SHEETS:
            expected = ", ".join(s.name for s in schema.CASES_OUTPUT_SHEETS)
            raise SaveError(f"Cannot save {name}: {key!r} is not a what-if result sheet "
                            f"(expected {expected}).")
        given[sheet.name] = table
    return [(sheet, output_sheet(sheet, given[sheet.name], currency))
            for sheet in schema.CASES_OUTPUT_SHEETS if sheet.name in given]


def output_sheet(sheet: Sheet, table: pd.DataFrame, currency: str) -> TableSheet:
    """A result table: the schema's columns (blank where the table lacks one), then any
    further columns of the table."""
    headers: list[object] = list(sheet.column_names)
    headers += [c for c in table.columns if c not in set(sheet.column_names)]
    notes, formats, known = [], [], []
    for header in headers:
        column = sheet.find(header) if isinstance(header, str) else None
        known.append(column is not None)
        notes.append(column.tooltip(currency) if column else styles.UNKNOWN_COLUMN_NOTE)
        formats.append(styles.number_format(column, output=True))
    present = [h for h in headers if h in table.columns]
    positions = [present.index(h) if h in table.columns else None for h in headers]
    rows = [tuple(None if p is None else values[p] for p in positions)
            for values in table[present].itertuples(index=False, name=None)]
    return TableSheet(sheet.name, headers, notes, known, formats, rows,
                      freeze_first_column=_keyed_by_name(sheet, headers))


# --- writing ---------------------------------------------------------------------------

def _write_table(workbook: Workbook, table: TableSheet) -> None:
    worksheet: WriteOnlyWorksheet = workbook.create_sheet(table.title)
    width = len(table.headers)
    values = [[_value(table.title, r, c, v) for c, v in enumerate(row)]
              for r, row in enumerate(table.rows)]
    headers = [_value(table.title, None, c, h) for c, h in enumerate(table.headers)]
    _set_widths(worksheet, headers, values)
    last_column = column_letter(max(width, 1))
    worksheet.freeze_panes = "B2" if table.freeze_first_column else "A2"
    worksheet.auto_filter.ref = f"A1:{last_column}{len(values) + 1}"
    for validation in table.validations:
        worksheet.data_validations.append(validation)
    worksheet.append([_header_cell(worksheet, header, note, known)
                      for (header, _), note, known in zip(headers, table.notes, table.known,
                                                          strict=True)])
    for position, row in enumerate(values):
        formats = table.row_formats.get(position, table.formats)
        cells = []
        for index, (value, own_format) in enumerate(row):
            note = table.cell_notes.get((position, index))
            cells.append(_data_cell(worksheet, value, formats[index], own_format, note))
        worksheet.append(cells)


def _value(title: str, row: int | None, column: int, value: object) -> tuple[object, str | None]:
    try:
        return styles.cell_value(value)
    except CellProblem as problem:
        cell = f"{column_letter(column + 1)}{1 if row is None else row + 2}"
        raise CellProblem(f"{title}!{cell} {problem}.") from problem


def _set_widths(worksheet: WriteOnlyWorksheet, headers: list[tuple[object, str | None]],
                values: list[list[tuple[object, str | None]]]) -> None:
    sample = values[:WIDTH_SAMPLE_ROWS]
    for index, (header, _) in enumerate(headers):
        longest = max((styles.display_length(row[index][0]) for row in sample
                       if index < len(row)), default=0)
        width = styles.column_width(styles.display_length(header), longest)
        worksheet.column_dimensions[column_letter(index + 1)].width = width


def _header_cell(worksheet: WriteOnlyWorksheet, value: object, note: str,
                 known: bool) -> WriteOnlyCell:
    cell = _text_safe(WriteOnlyCell(worksheet, value=value), value)
    cell.font = styles.HEADER_FONT
    cell.fill = styles.HEADER_FILL if known else styles.UNKNOWN_HEADER_FILL
    cell.border = styles.HEADER_BORDER
    cell.alignment = styles.HEADER_ALIGNMENT
    if isinstance(value, int) and not isinstance(value, bool):
        cell.number_format = styles.WHOLE  # a year header, without a thousands separator
    if note:
        cell.comment = styles.header_note(note)
    return cell


def _data_cell(worksheet: WriteOnlyWorksheet, value: object, column_format: str,
               own_format: str | None, note: str | None) -> object:
    if value is None and note is None:
        return None
    cell_format = styles.value_format(value, column_format, own_format)
    exact = styles.exact_number_text(value)
    if cell_format == styles.GENERAL and note is None and exact is None \
            and not isinstance(value, str):
        return value  # a plain number, kept as it is, without a cell object
    cell = _text_safe(WriteOnlyCell(worksheet, value=value), value)
    if cell_format != styles.GENERAL:
        cell.number_format = cell_format
    if note is not None:
        cell.comment = styles.header_note(note)
    if exact is not None:
        # openpyxl writes numbers with 16 significant digits; this one needs all 17.
        # The cell stays a number (data type "n"); only the digits written change.
        cell._value = exact
    return cell


def _text_safe(cell: WriteOnlyCell, value: object) -> WriteOnlyCell:
    """Text stays text: openpyxl would store "=..." as a formula."""
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _write_extra(workbook: Workbook, extra: ExtraSheet, name: str) -> None:
    problem = styles.title_problem(extra.title)
    if problem:
        raise SaveError(f"Cannot save {name}: the sheet {extra.title!r} cannot be written: "
                        f"{problem}. Rename it.")
    worksheet: WriteOnlyWorksheet = workbook.create_sheet(extra.title)
    for position, row in enumerate(extra.rows):
        cells = []
        for index, raw in enumerate(row):
            value, own_format = _value(extra.title, position, index, raw)
            cells.append(_data_cell(worksheet, value, styles.GENERAL, own_format, None))
        worksheet.append(cells)


def _write_about(workbook: Workbook, rows: Iterable[AboutRow]) -> None:
    worksheet: WriteOnlyWorksheet = workbook.create_sheet(schema.ABOUT_SHEET_NAME)
    for letter, width in zip("ABCDE", (34, 80, 18, 24, 24), strict=True):
        worksheet.column_dimensions[letter].width = width
    fonts = {"title": styles.TITLE_FONT, "section": styles.SECTION_FONT,
             "sheet": styles.HEADER_FONT, "heading": styles.HEADER_FONT}
    for row in rows:
        cells = []
        for value in row.values:
            if value is None or value == "":
                cells.append(None)
                continue
            cell = _text_safe(WriteOnlyCell(worksheet, value=value), value)
            if row.style in fonts:
                cell.font = fonts[row.style]
            if row.style == "heading":
                cell.fill = styles.HEADER_FILL
            cells.append(cell)
        worksheet.append(cells)
