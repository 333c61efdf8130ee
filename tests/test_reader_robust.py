"""The reader never raises for what cells hold: any headers and values give issues, not errors."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_books import valid_sheets, write_book

from planner import schema
from planner.errors import WorkbookError
from planner.workbook import load_scenario, read_workbook

TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F,
                                      exclude_characters="\x7f"), max_size=12)
NUMERIC_TEXT = st.sampled_from([" 2030 ", "1,200.5", "8%", "-3", "2026.5", "1e3", "%", ",",
                                "=A1*2", "=SUM(", "-", "."])
VALUES = st.one_of(
    st.none(), TEXT, NUMERIC_TEXT, st.booleans(),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
NAMES = [column.name for sheet in schema.INPUT_SHEETS for column in sheet.columns]
HEADERS = st.one_of(
    st.sampled_from(NAMES).map(str.upper), st.sampled_from(NAMES).map(lambda n: f" {n} "),
    st.integers(min_value=1990, max_value=2060), st.sampled_from([2026.5, "2031", " x "]),
    VALUES,
)


def grid(width: int) -> st.SearchStrategy[list[list[object]]]:
    row = st.lists(VALUES, min_size=0, max_size=width)
    header = st.lists(HEADERS, min_size=0, max_size=width)
    return st.tuples(header, st.lists(row, max_size=6)).map(lambda t: [t[0], *t[1]])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fleet=grid(8), prices=grid(6), settings_rows=grid(4),
       sheet_name=st.sampled_from(["Fleet", "FLEET", " fleet ", "Memo", "Plan Annual"]))
def test_any_cells_give_issues_never_an_exception(fleet: list, prices: list,
                                                   settings_rows: list, sheet_name: str) -> None:
    sheets = valid_sheets()
    del sheets["Fleet"]
    sheets[sheet_name] = fleet
    sheets["FuelPrices"] = prices
    sheets["Settings"] = sheets["Settings"] + settings_rows
    with tempfile.TemporaryDirectory() as folder:
        path = write_book(Path(folder) / "fleet.xlsx", sheets)
        loaded = read_workbook(path)
        for issue in loaded.scenario.load_issues:
            assert issue.sheet, issue  # every problem of a readable file names its sheet
            assert issue.message
        try:
            load_scenario(path)
        except WorkbookError as error:
            assert error.errors
