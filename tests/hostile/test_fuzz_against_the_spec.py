"""Fuzz test of issue 11: Hypothesis writes cell values and damages files; the oracle is the
spec (workbook.md, and the physical limits of docs/validation.md), written out here on its
own, never the reader's code.

Bounded for CI (a few seconds). For a long run by hand:

    PLANNER_FUZZ_EXAMPLES=2000 pytest tests/hostile/test_fuzz_against_the_spec.py

(add ``--hypothesis-seed=N`` to repeat a run; failures found are kept in .hypothesis/).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from hostile_books import header_letters, write_valid_book
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import Issue
from planner.validation import validate
from planner.workbook.reader import read_workbook

# Examples per test: a written workbook costs ~0.5 s, a damaged one a tenth of that.
EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "6"))
_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FUZZ_CELLS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=_CHECKS)
FUZZ_DAMAGE = settings(max_examples=4 * EXAMPLES, deadline=None,
                       suppress_health_check=_CHECKS)


@dataclass(frozen=True)
class Rule:
    """A column's rule as workbook.md states it (and validation.md's physical limit)."""

    sheet: str
    column: str
    whole: bool = False  # a year or a count
    fraction: bool = False  # percentages allowed
    low: float | None = None
    low_open: bool = False  # strictly greater than low
    high: float | None = None
    high_open: bool = False


# From the tables of workbook.md ("type", "number > 0", "fraction", "strictly between
# -1 and 1", ">= 0", "any number") and the limits of docs/validation.md.
RULES = (
    Rule("Fleet", "build_year", whole=True, low=1900, high=2260),
    Rule("Fleet", "annual_fuel_t", low=0, low_open=True, high=1e6),
    Rule("Fleet", "ets_share", fraction=True, low=0, high=1),
    Rule("Fleet", "drydock_interval_years", whole=True, low=0, low_open=True, high=100),
    Rule("Fuels", "ttw_gco2e_per_mj", low=0, high=1000),
    Rule("Fuels", "wtt_gco2e_per_mj", low=-1000, high=1000),
    Rule("Technologies", "energy_saving", fraction=True, low=-1, low_open=True, high=1,
         high_open=True),
    Rule("Technologies", "capex_fixed", low=-1e15, high=1e15),
    Rule("Targets", "cap_tco2e", low=-1e11, high=1e11),
)

# workbook.md: numbers typed as numbers or numeric text ("1,200.5", " 42 "); we also take
# thousands grouped by spaces. Only ASCII digits.
_TEXT_NUMBER = re.compile(r"[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,3}( [0-9]{3})+|[0-9]+)?"
                          r"(\.[0-9]*)?([eE][+-]?[0-9]+)?")


def spec_number(value: object, rule: Rule) -> float | None:
    """The number the spec reads in a cell, None when it reads none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = str(value).replace("\u00a0", " ").strip()
    percent = rule.fraction and text.endswith("%")
    if percent:
        text = text[:-1].strip()
    if not _TEXT_NUMBER.fullmatch(text) or not any(ch.isdigit() for ch in text.split("e")[0]
                                                   .split("E")[0]):
        return None
    number = float(text.replace(",", "").replace(" ", ""))
    if not math.isfinite(number):
        return None
    return number / 100 if percent else number


def spec_accepts(value: object, rule: Rule) -> bool:
    number = spec_number(value, rule)
    if number is None:
        return False
    if rule.whole and number != round(number):
        return False
    if rule.low is not None and (number <= rule.low if rule.low_open else number < rule.low):
        return False
    return not (rule.high is not None
                and (number >= rule.high if rule.high_open else number > rule.high))


def _blank(value: object) -> bool:
    """A blank cell; NaN and infinity too, which an .xlsx cannot hold (openpyxl writes
    them as an empty value, so the file holds a blank cell)."""
    if isinstance(value, float) and not math.isfinite(value):
        return True
    return value is None or (isinstance(value, str) and not value.strip())


NUMBERS = st.one_of(
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-2, max_value=2500),
    st.sampled_from([0, 1, 1900, 2260, 2261, 1e6, 1e15, 1e20, -1e20, 1e300, 0.5, -1]),
)


@st.composite
def typed_text(draw: st.DrawFn) -> str:
    number = draw(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False))
    shape = draw(st.sampled_from(["{:g}", "{:,.2f}", " {:.0f} ", "{:.1f}%", "{:,}", "{:e}"]))
    text = shape.format(int(number) if shape == "{:,}" else number)
    damage = draw(st.sampled_from(["", "inner space", "full width", "letter"]))
    if damage == "inner space" and len(text) > 2:
        text = text[:1] + " " + text[1:]
    elif damage == "full width":
        text = text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    elif damage == "letter":
        text += "a"
    return text


# Text a cell can hold: control characters are refused by every spreadsheet (and openpyxl).
CELL_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
VALUES = st.one_of(NUMBERS, typed_text(), CELL_TEXT)


@pytest.fixture(scope="module")
def valid_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = write_valid_book(tmp_path_factory.mktemp("fuzz") / "valid.xlsx")
    return path, header_letters(path)


def _issues_at(issues: list[Issue], location: str) -> list[Issue]:
    return [issue for issue in issues if issue.location == location]


@FUZZ_CELLS
@given(cells=st.dictionaries(st.sampled_from(range(len(RULES))), VALUES, min_size=1,
                             max_size=len(RULES)))
def test_every_cell_value_is_read_as_the_spec_says(valid_book: tuple[Path, dict],
                                                   tmp_path_factory: pytest.TempPathFactory,
                                                   cells: dict[int, object]) -> None:
    source, letters = valid_book
    path = tmp_path_factory.mktemp("cell") / "fuzzed.xlsx"
    book = openpyxl.load_workbook(source)
    written = {}
    for index, value in cells.items():
        rule = RULES[index]
        address = f"{letters[(rule.sheet, rule.column)]}2"
        cell = book[rule.sheet][address]
        cell.value = value
        cell.number_format = "General"
        written[f"{rule.sheet}!{address}"] = (rule, cell.value)
    book.save(path)
    loaded = read_workbook(path)  # never raises
    issues = validate(loaded.scenario)
    for location, (rule, value) in written.items():
        at_cell = [i for i in _issues_at(issues, location) if i.is_error]
        if _blank(value):
            continue  # blank: a default or "required", not a number to judge
        if spec_accepts(value, rule):
            assert not at_cell, f"{location} = {value!r} is valid by the spec: {at_cell}"
            read = loaded.scenario.table(rule.sheet)[rule.column].iloc[0]
            assert float(read) == pytest.approx(spec_number(value, rule), rel=1e-12)
        else:
            assert at_cell, f"{location} = {value!r} breaks the spec but passed"
            assert rule.column in at_cell[0].message


DAMAGE = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)),
                                        min_size=1, max_size=8)),
    st.tuples(st.just("insert"), st.tuples(st.floats(0, 1), st.binary(min_size=1,
                                                                       max_size=64))),
)


@FUZZ_DAMAGE
@given(damage=DAMAGE)
def test_a_damaged_file_is_one_error_naming_it_or_reads_the_same(
        valid_book: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory,
        damage: tuple) -> None:
    source, _letters = valid_book
    data = bytearray(source.read_bytes())
    kind, how = damage
    if kind == "truncate":
        data = data[:int(how * len(data))]
    elif kind == "flip":
        for where, mask in how:
            data[min(int(where * len(data)), len(data) - 1)] ^= mask
    else:
        where, extra = how
        at = int(where * len(data))
        data[at:at] = extra
    path = tmp_path_factory.mktemp("damage") / "damaged.xlsx"
    path.write_bytes(bytes(data))
    loaded = read_workbook(path)  # never raises
    file_errors = [i for i in loaded.scenario.load_issues if i.is_error and not i.sheet]
    if file_errors:  # workbook.md: a file that is no workbook is one error naming the file
        assert len(loaded.scenario.load_issues) == 1
        assert file_errors[0].message.startswith('"damaged.xlsx" ')
        return
    original = read_workbook(source).scenario
    # Not refused: then nothing the planner reads may differ silently (a zip CRC guards
    # every part), unless the damage hit a cell the reader reports.
    if not [i for i in loaded.scenario.load_issues if i.is_error]:
        for name in ("Fleet", "Fuels", "Technologies", "Targets", "FuelPrices"):
            assert loaded.scenario.table(name).equals(original.table(name)), name


def test_the_oracle_reads_the_spec_examples() -> None:
    fleet_fuel, ets = RULES[1], RULES[2]
    assert spec_number("1,200.5", fleet_fuel) == 1200.5
    assert spec_number(" 42 ", fleet_fuel) == 42
    assert spec_number("8%", ets) == pytest.approx(0.08)
    assert spec_number("8%", fleet_fuel) is None
    assert spec_number("4 2", fleet_fuel) is None
    assert not spec_accepts(0, fleet_fuel) and spec_accepts(1e6, fleet_fuel)
