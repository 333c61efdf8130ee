"""Streaming a sheet into a write-only workbook: headers with notes, cells with formats."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from planner import schema
from planner.scenario import ExtraSheet, column_letter
from planner.workbook import styles
from planner.workbook.about import AboutRow
from planner.workbook.cells import escape_text
from planner.workbook.styles import CellProblem

HEADER_ROW = 1
# Rows looked at to size a column (a 1,000-vessel fleet need not be measured row by row).
WIDTH_SAMPLE_ROWS = 300
ABOUT_WIDTHS = (34, 80, 18, 24, 24)


@dataclass
class TableSheet:
    """A sheet to write as a table: headers with notes on row 1, then rows of values."""

    title: str
    headers: list[object]
    notes: list[str]
    known: list[bool]  # False for a column the planner does not use
    formats: list[str]  # number format of each column's numbers
    rows: Sequence[Sequence[object]]
    row_formats: dict[int, list[str]] = field(default_factory=dict)  # row position -> formats
    cell_notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> note
    freeze_first_column: bool = False
    validations: list[DataValidation] = field(default_factory=list)


def write_table(workbook: Workbook, table: TableSheet) -> None:
    """The table as a sheet: bold, filled, annotated headers; frozen, filtered, sized."""
    worksheet: WriteOnlyWorksheet = workbook.create_sheet(table.title)
    headers = [_value(table.title, HEADER_ROW, index, header)
               for index, header in enumerate(table.headers)]
    values = [[_value(table.title, HEADER_ROW + 1 + position, index, value)
               for index, value in enumerate(row)] for position, row in enumerate(table.rows)]
    # A write-only sheet takes widths, panes, filter and dropdowns before its first row.
    _set_widths(worksheet, headers, values)
    worksheet.freeze_panes = "B2" if table.freeze_first_column else "A2"
    last_column = column_letter(max(len(headers), 1))
    worksheet.auto_filter.ref = f"A1:{last_column}{len(values) + HEADER_ROW}"
    for validation in table.validations:
        worksheet.data_validations.append(validation)
    worksheet.append([_header_cell(worksheet, header, note, known)
                      for (header, _), note, known in zip(headers, table.notes, table.known,
                                                          strict=True)])
    for position, row in enumerate(values):
        formats = table.row_formats.get(position, table.formats)
        worksheet.append([
            data_cell(worksheet, value, formats[index], own_format,
                      table.cell_notes.get((position, index)))
            for index, (value, own_format) in enumerate(row)])


def write_extra(workbook: Workbook, extra: ExtraSheet) -> None:
    """A sheet the planner does not know, by value, cell for cell where it was."""
    worksheet: WriteOnlyWorksheet = workbook.create_sheet(extra.title)
    for position, row in enumerate(extra.rows):
        cells = []
        for index, raw in enumerate(row):
            value, own_format = _value(extra.title, position + 1, index, raw)
            cells.append(data_cell(worksheet, value, styles.GENERAL, own_format, None))
        worksheet.append(cells)


def write_about(workbook: Workbook, rows: Iterable[AboutRow],
                title: str = schema.ABOUT_SHEET_NAME) -> None:
    worksheet: WriteOnlyWorksheet = workbook.create_sheet(title)
    for index, width in enumerate(ABOUT_WIDTHS, start=1):
        worksheet.column_dimensions[column_letter(index)].width = width
    fonts = {"title": styles.TITLE_FONT, "section": styles.SECTION_FONT,
             "sheet": styles.HEADER_FONT, "heading": styles.HEADER_FONT}
    for row in rows:
        cells: list[WriteOnlyCell | None] = []
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


def data_cell(worksheet: WriteOnlyWorksheet, value: object, column_format: str,
              own_format: str | None, note: str | None) -> object:
    """What to append for one cell: nothing, the plain value, or a cell with a format,
    a note, text kept as text, or all the digits of its number."""
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


def _value(title: str, row_number: int, index: int, value: object) -> tuple[object, str | None]:
    """The cell value and its own format; a value a file cannot hold names its cell."""
    try:
        return styles.cell_value(value)
    except CellProblem as problem:
        raise CellProblem(f"{title}!{column_letter(index + 1)}{row_number} {problem}.") \
            from problem


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


def _text_safe(cell: WriteOnlyCell, value: object) -> WriteOnlyCell:
    """Text stays text: openpyxl would store "=..." as a formula."""
    if isinstance(value, str):
        cell.data_type = "s"
        if "\r" in value or "_x" in value:
            cell.value = escape_text(value)
    return cell
