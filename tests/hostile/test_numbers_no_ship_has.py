"""Issue 11, class "numbers no ship has": every numeric column has a physical limit (an error
at its cell naming the limit) and a usual range (a warning at its cell naming the range)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_books import (
    cell_of,
    header_letters,
    issues_of,
    put_cells,
    setting_cell,
    write_valid_book,
)
from openpyxl.utils import get_column_letter

from planner import schema
from planner.convert import bound
from planner.errors import Severity
from planner.schema import ColumnType
from planner.validation.cells import SERIES_VALUE

NUMERIC_TABLE_COLUMNS = [
    (sheet, col) for sheet in schema.INPUT_SHEETS if sheet.kind is schema.SheetKind.TABLE
    for col in sheet.columns if col.is_numeric
    and sheet is not schema.CASES  # a case's year columns are checked like any other year
] + [(schema.CASES, schema.CASES.column("from_year"))]
NUMERIC_SETTINGS = [col for col in schema.SETTINGS if col.is_numeric]


def _ids(pairs: list) -> list[str]:
    return [f"{sheet.name}.{col.name}" for sheet, col in pairs]


def test_every_numeric_column_has_a_physical_limit_and_a_usual_range() -> None:
    columns = ([col for sheet in schema.INPUT_SHEETS for col in sheet.columns if col.is_numeric]
               + NUMERIC_SETTINGS + list(SERIES_VALUE.values()))
    for col in columns:
        assert col.minimum is not None or col.type is ColumnType.FRACTION, col.name
        assert col.maximum is not None, f"{col.name} has no physical limit"
        whole_range = (col.minimum, col.maximum) == (0, 1)  # a share: 0 to 1 is all usual
        if not whole_range and col.name != "yard_capacity_per_year":
            assert col.usual is not None, f"{col.name} has no usual range"
            low, high = col.usual
            assert low is None or col.minimum is None or low >= col.minimum
            assert high is None or high <= col.maximum


def _beyond(col: schema.Column) -> float:
    """A value past the column's physical upper limit, such as a careless script writes."""
    assert col.maximum is not None
    return 1e20 if col.maximum < 1e20 else 1e300  # past the money limit of 1e15 too


@pytest.fixture(scope="module")
def past_every_limit(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    """One hostile book with every numeric table column and setting past its limit:
    the addresses written and the issues found, by location."""
    path = write_valid_book(tmp_path_factory.mktemp("hostile") / "past_every_limit.xlsx")
    put_cells(path, {("Cases", "A2"): "case", ("Cases", "B2"): "Fleet.annual_fuel_t",
                     ("Cases", "D2"): "scale", ("Cases", "E2"): 1})
    letters = header_letters(path)
    headers = {}
    for sheet, col in NUMERIC_TABLE_COLUMNS:  # optional columns (regimes) the book lacks
        if (sheet.name, col.name) not in letters:
            used = sum(1 for name, _ in letters if name == sheet.name)
            letters[(sheet.name, col.name)] = get_column_letter(used + 1)
            headers[(sheet.name, f"{get_column_letter(used + 1)}1")] = col.name
    put_cells(path, headers)
    written = {(sheet.name, col.name): f"{sheet.name}!{letters[(sheet.name, col.name)]}2"
               for sheet, col in NUMERIC_TABLE_COLUMNS}
    for col in NUMERIC_SETTINGS:
        written[("Settings", col.name)] = f"Settings!{setting_cell(path, col.name)}"
    changes = {}
    for (sheet_name, name), location in written.items():
        col = schema.sheet(sheet_name).column(name) if sheet_name != "Settings" else \
            schema.setting(name)
        changes[(sheet_name, location.split("!")[1])] = _beyond(col)
    put_cells(path, changes)
    found: dict = {}
    for issue in issues_of(path):
        found.setdefault(issue.location, issue)
    return written, found


@pytest.mark.parametrize(("sheet", "col"), NUMERIC_TABLE_COLUMNS, ids=_ids(NUMERIC_TABLE_COLUMNS))
def test_a_table_value_past_its_physical_limit_is_an_error_at_its_cell(
        past_every_limit: tuple[dict, dict], sheet: schema.Sheet, col: schema.Column) -> None:
    written, found = past_every_limit
    issue = found.get(written[(sheet.name, col.name)])
    assert issue is not None and issue.is_error, f"{sheet.name}.{col.name} = 1e20 passed"
    assert bound(col.maximum) in issue.message
    assert issue.message.endswith(f"got {_beyond(col):g}")


@pytest.mark.parametrize("col", NUMERIC_SETTINGS, ids=[c.name for c in NUMERIC_SETTINGS])
def test_a_setting_past_its_physical_limit_is_an_error_at_its_value_cell(
        past_every_limit: tuple[dict, dict], col: schema.Column) -> None:
    written, found = past_every_limit
    issue = found.get(written[("Settings", col.name)])
    assert issue is not None and issue.is_error
    assert f"{bound(col.maximum)}, got 1e+" in issue.message  # 1e+22% where shown as %


@pytest.mark.parametrize(("sheet", "limit"), [("FuelPrices", "1e+15"), ("FuelSupply", "1e+10")])
def test_a_yearly_value_past_its_physical_limit_is_an_error_at_its_cell(
        tmp_path: Path, sheet: str, limit: str) -> None:
    path = write_valid_book(tmp_path / "hostile.xlsx")
    address = cell_of(path, sheet, 2040)
    put_cells(path, {(sheet, address): 1e300})
    issues = [i for i in issues_of(path) if i.location == f"{sheet}!{address}"]
    assert issues and issues[0].is_error
    assert f"must be at most {limit}, got 1e+300" in issues[0].message


def test_the_values_of_issue_11_are_errors_with_the_cell_and_the_limit(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "hostile.xlsx")
    target, fuel = cell_of(path, "Targets", "cap_tco2e"), cell_of(path, "Fleet", "annual_fuel_t")
    price = cell_of(path, "FuelPrices", 2026)
    put_cells(path, {("Targets", target): -1e20, ("Fleet", fuel): 1e20,
                     ("FuelPrices", price): 1e300})
    errors = [str(i) for i in issues_of(path) if i.is_error]
    assert errors == [
        f"Fleet!{fuel}: annual_fuel_t must be at most 1,000,000, got 1e+20",
        f"FuelPrices!{price}: price of VLSFO in 2026 must be at most 1e+15, got 1e+300",
        f"Targets!{target}: cap_tco2e must be at least -1e+11, got -1e+20",
    ]


UNUSUAL = [("Fleet", "annual_fuel_t", 250_000,
            "annual_fuel_t is 250000, outside the usual range 10 to 100,000 t per year"),
           ("Fuels", "lcv_mj_per_kg", 5, "lcv_mj_per_kg is 5, outside the usual range 10 to "
            "125 MJ/kg"),
           ("Targets", "carbon_price_per_tco2e", 5000, "carbon_price_per_tco2e is 5000, "
            "outside the usual range 0 to 1,000")]


@pytest.mark.parametrize(("sheet", "column", "value", "expected"), UNUSUAL)
def test_an_unusual_value_is_a_warning_at_its_cell_with_the_usual_range(
        tmp_path: Path, sheet: str, column: str, value: float, expected: str) -> None:
    path = write_valid_book(tmp_path / "unusual.xlsx")
    address = cell_of(path, sheet, column)
    put_cells(path, {(sheet, address): value})
    issues = issues_of(path)
    assert [(i.location, i.severity) for i in issues] == [(f"{sheet}!{address}", Severity.WARNING)]
    assert issues[0].message.startswith(expected)


def test_money_warnings_only_in_a_currency_worth_about_a_dollar(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "yen.xlsx")
    address = cell_of(path, "Targets", "carbon_price_per_tco2e")
    put_cells(path, {("Targets", address): 15_000, ("Settings", setting_cell(path, "currency")):
                     "JPY"})
    assert issues_of(path) == []
