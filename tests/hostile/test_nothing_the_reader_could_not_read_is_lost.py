"""Issue 11, class "nothing the reader could not read is lost on save": text with CR, or
text that looks like OOXML's own _xHHHH_ escape, survives a save exactly (the inputs'
fingerprint does not change); a file holding regions the reader could not read (a shifted
header, a title row above the header, a duplicate or merged header, a second sheet whose
name differs only in case or spaces) is not saved over: SaveError names the region, the
file stays as it was, and a Save As to another file writes what was read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hostile_books import cell_of, put_cells, write_valid_book
from openpyxl.worksheet.worksheet import Worksheet

from planner.cli import main
from planner.errors import SaveError
from planner.workbook.reader import read_workbook
from planner.workbook.writer import save_scenario

TEXTS = ["Line one\r\nline two", "old\rMac", "_x000D_ typed by hand", "a_x005F_b", "tab\there"]


@pytest.mark.parametrize("text", TEXTS)
def test_text_with_a_carriage_return_survives_a_save_exactly(tmp_path: Path, text: str) -> None:
    path = write_valid_book(tmp_path / "cr.xlsx")
    scenario = read_workbook(path).scenario
    fleet = scenario.table("Fleet")
    fleet.at[fleet.index[0], "name"] = text
    before = scenario.fingerprint()
    save_scenario(scenario, path)
    again = read_workbook(path).scenario
    assert again.table("Fleet")["name"].iloc[0] == text
    assert again.fingerprint() == before


def test_a_carriage_return_written_by_excel_reads_as_one(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "excel.xlsx")
    put_cells(path, {("Fleet", cell_of(path, "Fleet", "name")): "North_x000D_\nSouth"})
    scenario = read_workbook(path).scenario
    assert scenario.table("Fleet")["name"].iloc[0] == "North\r\nSouth"
    save_scenario(scenario, path)
    book = openpyxl.load_workbook(path)
    assert book["Fleet"][cell_of(path, "Fleet", "name")].value == "North_x000D_\nSouth"


# --- regions the reader could not read -----------------------------------------------

def _shifted_header(book: openpyxl.Workbook) -> str:
    sheet = book["Fleet"]
    sheet.move_range(f"A1:{sheet.cell(1, sheet.max_column).coordinate}", cols=1)
    return "Fleet!A1"  # column A keeps its values, its header moved to B1


def _title_row_above_header(book: openpyxl.Workbook) -> str:
    sheet = book["Fleet"]
    sheet.insert_rows(1)
    sheet["A1"] = "Our fleet, 2026"
    return "Fleet!B1"  # row 1 is the title: columns B on have values but no header


def _duplicate_header(book: openpyxl.Workbook) -> str:
    sheet = book["Fleet"]
    column = sheet.max_column + 1
    _column(sheet, column, sheet.cell(1, 1).value, "copy")
    return f"Fleet!{sheet.cell(1, column).coordinate}"


def _merged_header(book: openpyxl.Workbook) -> str:
    sheet = book["Fleet"]
    column = sheet.max_column + 1
    _column(sheet, column, "remarks", "left")
    _column(sheet, column + 1, None, "right")
    sheet.merge_cells(start_row=1, start_column=column, end_row=1, end_column=column + 1)
    return f"Fleet!{sheet.cell(1, column + 1).coordinate}"


def _second_sheet_by_case_and_spaces(book: openpyxl.Workbook) -> str:
    copy = book.copy_worksheet(book["Fuels"])
    copy.title = " fuels "
    return " fuels "


def _column(sheet: Worksheet, column: int, header: object, text: str) -> None:
    sheet.cell(1, column, header)
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column, f"{text} {row}")


DAMAGES: dict[str, Callable[[openpyxl.Workbook], str]] = {
    "shifted header": _shifted_header,
    "title row above the header": _title_row_above_header,
    "duplicate header": _duplicate_header,
    "merged header": _merged_header,
    "second sheet differing in case or spaces": _second_sheet_by_case_and_spaces,
}


def _hostile_book(path: Path, damage: Callable[[openpyxl.Workbook], str]) -> str:
    write_valid_book(path)
    book = openpyxl.load_workbook(path)
    region = damage(book)
    book.save(path)
    book.close()
    return region


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_a_file_with_unread_regions_is_not_saved_over(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "hostile.xlsx"
    region = _hostile_book(path, DAMAGES[kind])
    before = path.read_bytes()
    scenario = read_workbook(path).scenario
    assert region in [issue.location for issue in scenario.unread]
    with pytest.raises(SaveError) as raised:
        save_scenario(scenario, path)
    message = str(raised.value)
    assert region in message and "another name" in message
    assert path.read_bytes() == before
    # Save As writes what was read; the original keeps everything; the new file is
    # the planner's own, so saving it again is allowed.
    other = tmp_path / "saved as.xlsx"
    save_scenario(scenario, other)
    scenario.source_path = str(other)
    save_scenario(scenario, other)
    assert path.read_bytes() == before


def test_a_readable_file_is_saved_over_as_before(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "fine.xlsx")
    scenario = read_workbook(path).scenario
    assert scenario.unread == []
    save_scenario(scenario, path)


def test_solve_over_the_input_file_with_unread_regions_says_so_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hostile.xlsx"
    book_path = write_valid_book(path)
    book = openpyxl.load_workbook(book_path)
    fleet = book["Fleet"]
    _column(fleet, fleet.max_column + 1, None, "note")  # values without a header: a warning
    book.save(path)
    book.close()
    before = path.read_bytes()
    assert main(["solve", str(path), "-o", str(path)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(errors) == 1 and "could not read" in errors[0] and "Fleet!" in errors[0]
    assert path.read_bytes() == before
