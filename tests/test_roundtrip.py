"""Save -> load gives back what was saved: generated scenarios, the known-answer workbooks,
a plan and what-if results (writer and reader together)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import schema
from planner.convert import Percent, parse_number
from planner.plan import Diagnosis, Plan, Status, YearShortfall
from planner.scenario import ExtraSheet, Scenario, make_table
from planner.schema import Column, ColumnType, Sheet, SheetKind, normalize
from planner.workbook.reader import LoadedWorkbook, read_workbook
from planner.workbook.writer import save_scenario

# --- comparing --------------------------------------------------------------------------


def normal(value: object) -> object:
    """A value with its kind, so that 8% != 0.08, True != 1 and "5" != 5, but 5 == 5.0."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, Percent):
        return ("percent", float(value))
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, str):
        return ("text", value)
    return (type(value).__name__, value)


def normalised(table: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({i: [normal(v) for v in table[c]] for i, c in enumerate(table.columns)},
                         dtype=object)
    frame.columns = [repr(c) for c in table.columns]  # 2030 and "2030" stay apart
    return frame.reset_index(drop=True)


def assert_tables_equal(expected: pd.DataFrame, actual: pd.DataFrame, name: str) -> None:
    assert list(actual.columns) == list(expected.columns), name
    assert [type(c) for c in actual.columns] == [type(c) for c in expected.columns], name
    pd.testing.assert_frame_equal(normalised(actual), normalised(expected), check_dtype=False,
                                  obj=name)


def settings_with_schema_notes(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The Settings table as saved: unit and description of known settings from the schema."""
    table = table.copy()
    for position in range(len(table)):
        setting = schema.find_setting(table["setting"].iloc[position])
        if setting is not None:
            table.iloc[position, table.columns.get_loc("unit")] = (
                setting.unit_label(currency) or None)
            table.iloc[position, table.columns.get_loc("description")] = setting.description
    return table


def trimmed(rows: list[list[object]]) -> list[list[object]]:
    """Extra-sheet rows as a reader sees them: trailing blanks and blank rows at the end cut."""
    out = []
    for row in rows:
        row = list(row)
        while row and normal(row[-1]) is None:
            row.pop()
        out.append([normal(v) for v in row])
    while out and not out[-1]:
        out.pop()
    return out


def assert_scenarios_equal(expected: Scenario, actual: Scenario) -> None:
    currency = str(expected.setting("currency") or "USD")
    for sheet in schema.INPUT_SHEETS:
        want = expected.tables[sheet.name]
        if sheet is schema.SETTINGS_SHEET:
            want = settings_with_schema_notes(want, currency)
        assert_tables_equal(want, actual.tables[sheet.name], sheet.name)
    assert [(e.title, trimmed(e.rows)) for e in actual.extra_sheets] == [
        (e.title, trimmed(e.rows)) for e in expected.extra_sheets]
    assert actual.fingerprint() == expected.fingerprint()
    assert actual.fingerprint(include_cases=True) == expected.fingerprint(include_cases=True)


def save_and_read(scenario: Scenario, path: Path, plan: Plan | None = None,
                  cases: dict[str, pd.DataFrame] | None = None) -> LoadedWorkbook:
    save_scenario(scenario, path, plan=plan, cases=cases)
    return read_workbook(path)


# --- generated scenarios ----------------------------------------------------------------

PLAIN_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"),
                           exclude_characters="\ufffe\uffff"),
    min_size=1, max_size=10).map(str.strip).filter(bool)
ODD_TEXT = st.sampled_from([
    "=SUM(A1:A3)", "=not a formula", "+44 20 7946", "-check", "@mention", "=", "-", "@", "+",
    "0042", "1e5", "TRUE", "#N/A", "Ünïcødé", "船舶", "🚢 ship", "two\nlines", "tab\there",
    "a, b", "'quoted", '"double"', "<xml>&amp;", "_x000D_"])
FORMULA_TEXT = st.tuples(st.sampled_from("=+-@"), PLAIN_TEXT).map("".join)
TEXT = st.one_of(PLAIN_TEXT, ODD_TEXT, FORMULA_TEXT)
# Text that no numeric column would read as a number (validation reports it; saving keeps it).
BAD_NUMBER = TEXT.filter(lambda t: parse_number(t, allow_percent=True) is None)
FLOATS = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
FRACTIONS = st.floats(min_value=-1.5, max_value=1.5, allow_nan=False)
BLANK = st.none()


def cell_strategy(column: Column) -> st.SearchStrategy[object]:
    """Values of a column as the reader gives them (parsed, stripped, lower-case choices)."""
    kind = column.type
    if kind in (ColumnType.TEXT, ColumnType.NAME):
        return st.one_of(BLANK, TEXT)
    if kind is ColumnType.LIST:
        return st.one_of(BLANK, st.lists(PLAIN_TEXT.filter(lambda t: "," not in t),
                                          min_size=1, max_size=3).map(", ".join))
    if kind is ColumnType.CHOICE:
        return st.one_of(BLANK, st.sampled_from(column.choices),
                         BAD_NUMBER.filter(lambda t: normalize(t) not in column.choices))
    if kind is ColumnType.YEAR:
        return st.one_of(BLANK, st.integers(1900, 2300), BAD_NUMBER)
    if kind is ColumnType.INTEGER:
        return st.one_of(BLANK, st.integers(0, 500))
    if kind is ColumnType.NUMBER:
        return st.one_of(BLANK, FLOATS, BAD_NUMBER)
    if kind is ColumnType.FRACTION:
        return st.one_of(BLANK, FRACTIONS, FRACTIONS.map(Percent))
    return unknown_value()


def unknown_value() -> st.SearchStrategy[object]:
    """A cell of a column or sheet the program does not know."""
    return st.one_of(BLANK, TEXT, FLOATS, st.integers(-10**6, 10**6), FRACTIONS.map(Percent),
                     st.booleans())


def odd_headers(sheet: Sheet) -> st.SearchStrategy[list[str]]:
    """Headers of unknown columns: never a schema column, a year or a repeat."""
    taken = set(sheet.column_names)

    def usable(text: str) -> bool:
        return normalize(text) not in taken and parse_number(text) is None

    header = st.one_of(TEXT, TEXT.map(lambda t: f" {t} ")).filter(usable)
    return st.lists(header, max_size=2, unique_by=normalize)


@st.composite
def table_of(draw: st.DrawFn, sheet: Sheet, max_rows: int = 4) -> pd.DataFrame:
    extra = draw(odd_headers(sheet))
    years = draw(st.lists(st.integers(1990, 2100), max_size=4, unique=True)) \
        if sheet.kind is SheetKind.SERIES else []
    rows = []
    for _ in range(draw(st.integers(0, max_rows))):
        row: dict[object, object] = {}
        for position, column in enumerate(sheet.columns):
            value = draw(cell_strategy(column))
            if position == 0 and value is None:  # a row with a name is never an empty row
                value = draw(TEXT if not column.is_whole else st.integers(1900, 2300))
            row[column.name] = value
        for year in years:
            row[year] = draw(st.one_of(BLANK, FLOATS, BAD_NUMBER))
        for header in extra:
            row[header] = draw(unknown_value())
        rows.append(row)
    return make_table(sheet, rows, extra_columns=sorted(years) + extra)


@st.composite
def settings_table(draw: st.DrawFn) -> pd.DataFrame:
    start = draw(st.integers(2000, 2100))
    rows: list[dict[object, object]] = [
        {"setting": "start_year", "value": start},
        {"setting": "end_year", "value": start + draw(st.integers(0, 60))},
    ]
    for setting in schema.SETTINGS[2:]:
        if draw(st.booleans()):
            rows.append({"setting": setting.name, "value": draw(cell_strategy(setting))})
    known = {c.name for c in schema.SETTINGS}
    for name in draw(st.lists(PLAIN_TEXT.filter(lambda t: normalize(t) not in known),
                              max_size=2, unique_by=normalize)):
        rows.append({"setting": name, "value": draw(unknown_value()),
                     "unit": draw(st.one_of(BLANK, TEXT)),
                     "description": draw(st.one_of(BLANK, TEXT))})
    order = draw(st.permutations(range(len(rows))))
    extra = draw(odd_headers(schema.SETTINGS_SHEET))
    for row in rows:
        for header in extra:
            row[header] = draw(unknown_value())
    return make_table(schema.SETTINGS_SHEET, [rows[i] for i in order], extra_columns=extra)


SHEET_TITLE = st.text(alphabet=st.characters(categories=("L", "N"), include_characters=" -_"),
                      min_size=1, max_size=31).map(str.strip).filter(
    lambda t: bool(t) and schema.find_sheet(t) is None
    and normalize(t) not in {normalize(schema.ABOUT_SHEET_NAME), "history"})
WHOLE_SECONDS = st.datetimes(min_value=dt.datetime(1950, 1, 1),
                             max_value=dt.datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=0))


@st.composite
def extra_sheets(draw: st.DrawFn) -> list[ExtraSheet]:
    titles = draw(st.lists(SHEET_TITLE, max_size=2, unique_by=normalize))
    value = st.one_of(unknown_value(), WHOLE_SECONDS)
    return [ExtraSheet(title, draw(st.lists(st.lists(value, max_size=4), max_size=4)))
            for title in titles]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    scenario = Scenario()
    scenario.tables["Settings"] = draw(settings_table())
    for sheet in schema.INPUT_SHEETS[1:]:
        scenario.tables[sheet.name] = draw(table_of(sheet))
    scenario.present_sheets = {s.name for s in schema.INPUT_SHEETS if s.required}
    for sheet in (schema.FUEL_SUPPLY, schema.CASES):
        if draw(st.booleans()):
            scenario.present_sheets.add(sheet.name)
    scenario.extra_sheets = draw(extra_sheets())
    return scenario


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(generated=scenarios())
def test_generated_scenarios_survive_save_and_load(generated: Scenario, tmp_path: Path) -> None:
    first = save_and_read(generated, tmp_path / "first.xlsx")
    assert first.scenario.load_issues == []
    assert first.plan is None and first.outputs == {}
    assert_scenarios_equal(generated, first.scenario)
    second = save_and_read(first.scenario, tmp_path / "second.xlsx")
    assert second.scenario.load_issues == []
    assert_scenarios_equal(first.scenario, second.scenario)
    for sheet in schema.INPUT_SHEETS:  # load -> save -> load: the very same tables
        pd.testing.assert_frame_equal(second.scenario.tables[sheet.name],
                                      first.scenario.tables[sheet.name], check_dtype=False)
    written = {s.name for s in schema.INPUT_SHEETS if not s.required}
    written &= first.scenario.present_sheets
    expected = {s.name for s in schema.INPUT_SHEETS if not s.required
                if s.name in generated.present_sheets or len(generated.tables[s.name])
                or list(generated.tables[s.name].columns) != s.column_names}
    assert written == expected


# --- the known-answer workbooks ---------------------------------------------------------

def check_workbooks() -> list[Path]:
    from known_answers import CHECKS_DIR

    return sorted(CHECKS_DIR.glob("*.xlsx"))


@pytest.mark.parametrize("workbook", check_workbooks(), ids=lambda p: p.name)
def test_known_answer_workbooks_survive_save_and_load(workbook: Path, tmp_path: Path) -> None:
    original = read_workbook(workbook)
    assert [i for i in original.scenario.load_issues if i.is_error] == []
    saved = save_and_read(original.scenario, tmp_path / workbook.name)
    assert saved.scenario.load_issues == []
    assert_scenarios_equal(original.scenario, saved.scenario)
    again = save_and_read(saved.scenario, tmp_path / ("again-" + workbook.name))
    for sheet in schema.INPUT_SHEETS:
        pd.testing.assert_frame_equal(again.scenario.tables[sheet.name],
                                      saved.scenario.tables[sheet.name])
    assert saved.scenario.present_sheets == original.scenario.present_sheets


def test_cell_references_keep_pointing_at_the_same_values(checks_dir: Path,
                                                          tmp_path: Path) -> None:
    """After a save, an issue located by the new file's layout names the cell that holds
    the value (columns were reordered into schema order on the way)."""
    original = read_workbook(checks_dir / "fleet-10v-10y-9103.xlsx").scenario
    saved = save_and_read(original, tmp_path / "fleet.xlsx").scenario
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "fleet.xlsx")
    for position in range(len(saved.fleet)):
        for column in ("vessel_id", "build_year", "annual_fuel_t"):
            cell = saved.cell("Fleet", position, column)
            assert book["Fleet"][cell].value == saved.fleet[column].iloc[position]


# --- a plan and what-if results ---------------------------------------------------------

def plan_scenario(checks_dir: Path) -> Scenario:
    return read_workbook(checks_dir / "tiny-9005.xlsx").scenario


def hand_plan(scenario: Scenario) -> Plan:
    years = scenario.years[:3]
    annual = pd.DataFrame({name: [float(i + 1) * 1000.5 + k for i in range(len(years))]
                           for k, name in enumerate(schema.PLAN_ANNUAL.column_names)})
    annual["year"] = years
    annual.loc[1, "cap_tco2e"] = math.nan  # a year without a cap
    annual["discounted_total"] = [1.0 / 3, 2.5e7 + 0.1, 1234.5678901234567]
    retrofits = pd.DataFrame({"vessel_id": ["=V1", "V2"], "technology": ["LNG conv", "Sails"],
                              "year": [years[1], years[2]], "capex": [2.386e6, 301000.0],
                              "off_hire_days": [30.0, 10.5]})
    fuel_use = pd.DataFrame({"vessel_id": ["V1", "V1", "V2"], "year": [years[0]] * 3,
                             "fuel": ["VLSFO", "LNG", "-x"], "energy_gj": [1.0, 2.0, 3.0],
                             "tonnes": [0.1, 0.2, 0.3], "cost": [10.0, 20.0, 30.0]})
    diagnosis = Diagnosis(shortfall_total=2500.25, years=[
        YearShortfall(years[1], 1000.0, None, 2000.0, 1000.0, ["yard_capacity"]),
        YearShortfall(years[2], None, 70.5, 3000.0, 1500.25, ["fuel_supply", "blend_limits"]),
    ])
    return Plan(status=Status.INFEASIBLE, objective=1.2345678901234567e7, bau_objective=1e7,
                gap=0.00123, solver="cbc", found_by="start", proved_by="cbc", solve_seconds=12.75,
                solved_at="2026-11-24T10:11:12+00:00", input_fingerprint=scenario.fingerprint(),
                annual=annual, retrofits=retrofits, fuel_use=fuel_use, diagnosis=diagnosis,
                message="The caps cannot be met in 2 years")


def test_plan_round_trip(checks_dir: Path, tmp_path: Path) -> None:
    scenario = plan_scenario(checks_dir)
    plan = hand_plan(scenario)
    loaded = save_and_read(scenario, tmp_path / "plan.xlsx", plan=plan)
    assert loaded.scenario.load_issues == []
    got = loaded.plan
    assert got is not None and got.stale is False
    for attribute in ("status", "objective", "bau_objective", "gap", "solver", "found_by",
                      "proved_by", "solve_seconds", "solved_at", "input_fingerprint", "message"):
        assert getattr(got, attribute) == getattr(plan, attribute), attribute
    assert got.abatement_cost == plan.abatement_cost
    for attribute in ("annual", "retrofits", "fuel_use"):
        assert_tables_equal(getattr(plan, attribute), getattr(got, attribute), attribute)
    assert got.diagnosis is not None
    assert got.diagnosis.shortfall_total == plan.diagnosis.shortfall_total
    assert [(y.year, y.cap_tco2e, y.intensity_cap_gco2e_per_mj, y.emissions_tco2e,
             y.shortfall_tco2e, y.limits) for y in got.diagnosis.years] == [
        (y.year, y.cap_tco2e, y.intensity_cap_gco2e_per_mj, y.emissions_tco2e,
         y.shortfall_tco2e, y.limits) for y in plan.diagnosis.years]
    # the plan read back saves again unchanged
    again = save_and_read(loaded.scenario, tmp_path / "again.xlsx", plan=got).plan
    assert again is not None and again.stale is False
    assert_tables_equal(got.annual, again.annual, "annual")


def test_plan_goes_stale_when_an_input_changes(checks_dir: Path, tmp_path: Path) -> None:
    scenario = plan_scenario(checks_dir)
    plan = hand_plan(scenario)
    loaded = save_and_read(scenario, tmp_path / "plan.xlsx", plan=plan)
    edited = loaded.scenario.copy()
    edited.fleet.at[0, "annual_fuel_t"] = float(edited.fleet["annual_fuel_t"].iloc[0]) + 1.0
    stale = save_and_read(edited, tmp_path / "edited.xlsx", plan=loaded.plan).plan
    assert stale is not None and stale.stale is True
    assert stale.objective == plan.objective  # shown as it was saved
    # a note in a column the optimizer does not read leaves the plan current
    noted = loaded.scenario.copy()
    noted.fleet["my notes"] = ["=checked"] + [None] * (len(noted.fleet) - 1)
    current = save_and_read(noted, tmp_path / "noted.xlsx", plan=loaded.plan).plan
    assert current is not None and current.stale is False


def test_plan_without_a_diagnosis(checks_dir: Path, tmp_path: Path) -> None:
    scenario = plan_scenario(checks_dir)
    plan = hand_plan(scenario)
    plan.status, plan.diagnosis = Status.OPTIMAL, None
    got = save_and_read(scenario, tmp_path / "plan.xlsx", plan=plan).plan
    assert got is not None and got.status is Status.OPTIMAL and got.diagnosis is None


def test_cases_results_round_trip(checks_dir: Path, tmp_path: Path) -> None:
    scenario = read_workbook(checks_dir / "cases-hand.xlsx").scenario
    fingerprint = scenario.fingerprint(include_cases=True)
    results = pd.DataFrame([
        {"case": "Base", "status": "optimal", "objective": 1.5e7, "bau_objective": 1.6e7,
         "difference_to_base": 0.0, "emissions_tco2e": 123456.5, "retrofits": 2,
         "gap": 0.001, "solve_seconds": 1.5, "input_fingerprint": fingerprint},
        {"case": "=High", "status": "infeasible", "objective": 1.7e7, "shortfall_total": 10.5,
         "retrofits": 3, "base_plan_objective": 1.8e7, "regret": 1e6, "note": "-caps",
         "input_fingerprint": fingerprint},
    ])
    annual = pd.DataFrame([{"case": "Base", "year": 2026, "emissions_tco2e": 1000.0,
                            "cap_tco2e": None, "intensity_gco2e_per_mj": 70.1,
                            "total": 5e6, "discounted_total": 5e6}])
    retrofits = pd.DataFrame([{"case": "=High", "vessel_id": "V1", "technology": "LNG",
                               "year": 2030}])
    tables = {"Cases Results": results, "Cases Annual": annual, "Cases Retrofits": retrofits}
    loaded = save_and_read(scenario, tmp_path / "cases.xlsx", cases=tables)
    assert loaded.scenario.load_issues == []
    for name, table in tables.items():
        full = table.reindex(columns=schema.sheet(name).column_names)
        assert_tables_equal(full, loaded.outputs[name], name)
    assert loaded.cases_stale is False
    edited = loaded.scenario.copy()
    edited.cases.at[0, "value"] = 2.0
    again = save_and_read(edited, tmp_path / "edited.xlsx", cases=loaded.outputs)
    assert again.cases_stale is True
