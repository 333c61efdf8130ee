"""Issue 11, class "nothing the reader could not read is lost on save" (the carriage-return
part): text with CR, or text that looks like OOXML's own _xHHHH_ escape, survives a save
exactly, so the inputs' fingerprint does not change."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hostile_books import cell_of, put_cells, write_valid_book

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
