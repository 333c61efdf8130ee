"""The input sheets to write: each table as stored, with notes, formats and dropdowns."""

from __future__ import annotations

import pandas as pd
from openpyxl.worksheet.datavalidation import DataValidation

from planner import schema
from planner.convert import is_blank
from planner.scenario import Scenario, column_letter, known_columns, year_columns
from planner.schema import Column, ColumnType, Sheet, SheetKind, normalize
from planner.workbook import styles
from planner.workbook.writer_cells import HEADER_ROW, TableSheet

SETTING_NAME = schema.SETTINGS_SHEET.key
SETTING_VALUE = schema.SETTINGS_SHEET.column("value")
SETTING_UNIT = schema.SETTINGS_SHEET.column("unit")
SETTING_DESCRIPTION = schema.SETTINGS_SHEET.column("description")
FUEL_FAMILY = schema.FUELS.column("family")


def is_written(scenario: Scenario, sheet: Sheet) -> bool:
    """Required sheets always; an optional one when the file had it or it holds anything
    (rows, or columns beyond the schema's: a year or a column of the planner's own)."""
    if sheet.required or sheet.name in scenario.present_sheets:
        return True
    table = scenario.tables[sheet.name]
    return len(table) > 0 or list(table.columns) != sheet.column_names


def input_sheet(scenario: Scenario, sheet: Sheet, currency: str) -> TableSheet:
    """An input table as it is stored: its columns in their order, values as they are,
    so that scenario.cell() names the cells where they are written."""
    if sheet.kind is SheetKind.SETTINGS:
        return settings_sheet(scenario, currency)
    table = scenario.tables[sheet.name]
    table = table.drop(columns=unused_regime_columns(scenario, sheet, table))
    years = set(year_columns(table)) if sheet.kind is SheetKind.SERIES else set()
    known = set(known_columns(sheet, table))
    headers = list(table.columns)
    notes, formats, known_flags = [], [], []
    year_format = styles.number_format(_series_value_column(sheet), output=False)
    for header in headers:
        if header in years:
            notes.append(styles.year_note(sheet, currency))
            formats.append(year_format)
        elif header in known:
            column = sheet.column(str(header))
            notes.append(column.tooltip(currency))
            formats.append(styles.number_format(column, output=False))
        else:
            notes.append(styles.UNKNOWN_COLUMN_NOTE)
            formats.append(styles.GENERAL)
        known_flags.append(header in known)
    return TableSheet(sheet.name, headers, notes, known_flags, formats, _rows(table),
                      freeze_first_column=keyed_by_name(sheet, headers),
                      validations=input_validations(scenario, sheet, headers, len(table)))


def unused_regime_columns(scenario: Scenario, sheet: Sheet, table: pd.DataFrame) -> list[str]:
    """The regime columns of Fleet and Fuels that hold nothing and were not in the file:
    left out, so that a workbook without regimes is written as before."""
    layout = scenario.layouts.get(sheet.name)
    had = set(layout.columns) if layout is not None else set()
    return [name for name in schema.REGIME_TABLE_COLUMNS.get(sheet.name, ())
            if name in table.columns and name not in had
            and table[name].map(is_blank).all()]


def _series_value_column(sheet: Sheet) -> Column:
    """What a year column of a series sheet holds, as a column (for its number format)."""
    return Column(SETTING_VALUE.name, ColumnType.NUMBER, sheet.year_description,
                  sheet.year_unit, money="{currency}" in sheet.year_unit)


def keyed_by_name(sheet: Sheet, headers: list[object]) -> bool:
    """Freeze the first column when it names the row (vessel, fuel, technology, case)."""
    if not headers or not isinstance(headers[0], str):
        return False
    first = sheet.find(headers[0])
    return first is not None and first.type in (ColumnType.TEXT, ColumnType.NAME) \
        and (first.name == sheet.key or first.required)


def settings_sheet(scenario: Scenario, currency: str) -> TableSheet:
    """Settings rows as read, with unit and description of known settings from the schema;
    unknown settings and unknown columns as read."""
    sheet = schema.SETTINGS_SHEET
    table = scenario.settings_table.copy()
    for column in (SETTING_UNIT, SETTING_DESCRIPTION):
        if column.name not in table.columns:
            table[column.name] = pd.Series([None] * len(table), dtype=object,
                                           index=table.index)
    headers = list(table.columns)
    name_index = headers.index(SETTING_NAME)
    value_index = headers.index(SETTING_VALUE.name)
    unit_index = headers.index(SETTING_UNIT.name)
    description_index = headers.index(SETTING_DESCRIPTION.name)
    rows = [list(row) for row in _rows(table)]
    base_formats = [styles.GENERAL] * len(headers)
    result = TableSheet(sheet.name, headers, [], [], base_formats, rows,
                        freeze_first_column=name_index == 0)
    for position, row in enumerate(rows):
        setting = schema.find_setting(row[name_index])
        if setting is None:
            continue  # an unknown setting is written back exactly as read
        row[unit_index] = setting.unit_label(currency) or None
        row[description_index] = setting.description
        formats = list(base_formats)
        formats[value_index] = styles.number_format(setting, output=False)
        result.row_formats[position] = formats
        result.cell_notes[(position, name_index)] = setting.tooltip(currency)
        if setting.choices:
            cell = f"{column_letter(value_index + 1)}{HEADER_ROW + 1 + position}"
            validation = styles.list_validation(
                list(setting.choices), cell, strict=True, title=setting.name,
                message=f"{setting.name} is one of {', '.join(setting.choices)}.")
            if validation is not None:
                result.validations.append(validation)
    for header in headers:
        found = sheet.find(header) if isinstance(header, str) else None
        known = found is not None and found.name == header
        result.notes.append(found.tooltip(currency) if known and found
                            else styles.UNKNOWN_COLUMN_NOTE)
        result.known.append(known)
    return result


def input_validations(scenario: Scenario, sheet: Sheet, headers: list[object],
                      row_count: int) -> list[DataValidation]:
    """Dropdowns: a column's choices, the fuels of the Fuels sheet, the families in it."""
    found: list[DataValidation] = []
    last_row = HEADER_ROW + row_count + styles.ROOM_FOR_ROWS
    fuels = scenario.fuels
    for index, header in enumerate(headers, start=1):
        column = sheet.find(header) if isinstance(header, str) else None
        if column is None:
            continue
        letter = column_letter(index)
        cells = f"{letter}{HEADER_ROW + 1}:{letter}{last_row}"
        validation: DataValidation | None = None
        if column.choices:
            validation = styles.list_validation(
                list(column.choices), cells, strict=True, title=column.name,
                message=f"{column.name} is one of {', '.join(column.choices)}.")
        elif column.refers_to == "fuel" and sheet.kind is SheetKind.TABLE:
            fuel_index = list(fuels.columns).index(schema.FUELS.key) + 1
            validation = styles.range_validation(
                schema.FUELS.name, fuel_index, HEADER_ROW + len(fuels) + styles.ROOM_FOR_ROWS,
                cells, strict=True, title=column.name,
                message=f"{column.name} names a fuel of the {schema.FUELS.name} sheet.")
        elif column.refers_to == "family" or column is FUEL_FAMILY:
            validation = styles.list_validation(families(scenario), cells, strict=False)
        if validation is not None:
            found.append(validation)
    return found


def families(scenario: Scenario) -> list[str]:
    """The engine families of the Fuels sheet, as first written, once each."""
    fuels = scenario.fuels
    seen: dict[str, str] = {}
    for value in fuels[FUEL_FAMILY.name] if FUEL_FAMILY.name in fuels.columns else []:
        if isinstance(value, str) and value.strip():
            seen.setdefault(normalize(value), value.strip())
    return list(seen.values())


def _rows(table: pd.DataFrame) -> list[tuple[object, ...]]:
    return list(table.itertuples(index=False, name=None))
