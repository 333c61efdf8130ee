"""Issue 11, smaller class "a cell at XFD1048576 makes reading take 11 s": the reader looks
at the cells the file holds, not at every cell of the rectangle up to the stray one (which
is still reported, as any value under no header is)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hostile_books import write_valid_book

from planner.workbook import cells
from planner.workbook.reader import read_workbook


def test_a_stray_cell_at_xfd1048576_is_reported_without_visiting_the_rectangle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_valid_book(tmp_path / "far.xlsx")
    book = openpyxl.load_workbook(path)
    book["Fleet"]["XFD1048576"] = "stray"
    book.save(path)
    book.close()
    looked_at = 0
    is_blank = cells.is_blank

    def counting(value: object) -> bool:
        nonlocal looked_at
        looked_at += 1
        return is_blank(value)

    monkeypatch.setattr(cells, "is_blank", counting)
    scenario = read_workbook(path).scenario
    # The file holds a few hundred cells and the stray row's 16384; the rectangle up to
    # the stray cell would be 16384 x 1048576 cells.
    assert looked_at < 200_000
    assert "Fleet!XFD1" in [issue.location for issue in scenario.load_issues]
    assert "Fleet!XFD1" in [issue.location for issue in scenario.unread]
    assert scenario.table("Fleet")["vessel_id"].iloc[0] == "IMO9000001"
