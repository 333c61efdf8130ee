"""How written sheets look in Excel: cell values, number formats, header notes, widths, dropdowns."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import re

import numpy as np
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from planner.convert import Percent, format_value
from planner.scenario import column_letter
from planner.schema import Column, ColumnType, Sheet

AUTHOR = "Fleet Transition Planner"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
UNKNOWN_HEADER_FILL = PatternFill("solid", start_color="EDEDED", end_color="EDEDED")
HEADER_BORDER = Border(bottom=Side(style="thin", color="8EA9DB"))
HEADER_ALIGNMENT = Alignment(vertical="center")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)

GENERAL = "General"
WHOLE = "0"
MONEY_INPUT = "#,##0.00"
MONEY_OUTPUT = "#,##0"
QUANTITY = "#,##0"  # tonnes, tCO2e, GJ, kW
FACTOR = "0.00"  # emission factors, calorific values
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm:ss"
TIME = "hh:mm:ss"

QUANTITY_UNITS = frozenset({"t", "t per year", "tco2e", "tco2e per year", "gj", "kw"})
FACTOR_UNITS = frozenset({"gco2e/mj", "mj/kg"})

# Numbers beyond this are not written as whole numbers (Excel keeps 15 digits).
LARGEST_WHOLE = 1e15
# Excel refuses list validations whose explicit list is longer than this.
LIST_FORMULA_LIMIT = 255
# New rows a planner may type below a table and still get its dropdowns.
ROOM_FOR_ROWS = 1000

UNKNOWN_COLUMN_NOTE = ("A column the planner does not use: it keeps it with its rows and "
                       "writes it back on save.")
INVALID_TITLE_CHARACTERS = re.compile(r"[\\/*?:\[\]]")
# Characters XML 1.0 cannot hold (control characters, surrogates, U+FFFE, U+FFFF): a file
# with one would not open at all.
ILLEGAL_TEXT_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class CellProblem(ValueError):
    """A value that an .xlsx file cannot hold; the writer names its cell."""


def cell_value(value: object) -> tuple[object, str | None]:
    """The value to store in a cell and, when it needs one, its number format.

    Blank is ``None``; a ``Percent`` is its fraction with a percent format fine
    enough to show it exactly; whole numbers are ints; text is text.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None, None
    if isinstance(value, str):
        return _text_value(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value), None
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        return _number_value(value)
    if isinstance(value, (pd.Timestamp, np.datetime64, dt.date, dt.time, dt.timedelta)):
        return _time_value(value)
    return _text_value(str(value))


def _text_value(value: str) -> tuple[object, str | None]:
    if not value.strip():
        return None, None
    if ILLEGAL_TEXT_CHARACTERS.search(value):
        raise CellProblem(_illegal(value))
    return value, None


def _number_value(value: numbers.Real | decimal.Decimal) -> tuple[object, str | None]:
    """Percents with their format, whole numbers as ints, NaN blank, infinities named."""
    if isinstance(value, numbers.Integral):
        return int(value), None
    number = float(value)
    if math.isnan(number) and not isinstance(value, Percent):
        return None, None
    if not math.isfinite(number):
        return _non_finite(number), None
    if isinstance(value, Percent):
        return number, percent_format(number)
    if number.is_integer() and abs(number) < LARGEST_WHOLE and not _negative_zero(number):
        return int(number), None
    return number, None


def _time_value(value: object) -> tuple[object, str | None]:
    """Dates and times with their formats; Excel has no time zones (stored as UTC)."""
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        value = pd.Timestamp(value).to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value, DATETIME
    if isinstance(value, dt.date):
        return value, DATE
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None), TIME
    return value, None

def _illegal(text: str) -> str:
    found = ILLEGAL_TEXT_CHARACTERS.search(text)
    code = ord(found.group(0)) if found else 0
    return (f"holds a character that an .xlsx file cannot store (U+{code:04X}, at position "
            f"{found.start() + 1 if found else 0} of the text); remove it")


def exact_number_text(value: object) -> str | None:
    """The digits of a number that openpyxl's 16 significant digits would change, None
    for any other value (the common case)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, int):
        return str(value) if abs(value) >= 10 ** 15 else None
    if _negative_zero(value):
        return "-0.0"  # "-0" would read back as the whole number 0
    if not math.isfinite(value) or float(f"{value:.16g}") == value:
        return None
    return repr(float(value))


def _negative_zero(number: float) -> bool:
    return number == 0 and math.copysign(1.0, number) < 0


def _non_finite(number: float) -> str:
    # Excel has no infinity; the text keeps what was there and validation names it.
    return "inf" if number > 0 else "-inf"


def percent_format(fraction: float) -> str:
    """A percent format with as many decimals as the value needs (at least one)."""
    shown = f"{abs(fraction) * 100:.10f}".rstrip("0")
    decimals = len(shown.partition(".")[2])
    return "0." + "0" * max(1, min(decimals, 10)) + "%"


def number_format(column: Column | None, output: bool, unit: str = "") -> str:
    """The number format of a column's numbers (percent values get their own)."""
    if column is None:
        return GENERAL
    if column.is_whole:
        return WHOLE
    if not column.is_numeric and column.type is not ColumnType.VALUE:
        return GENERAL
    unit_key = (unit or column.unit).strip().lower()
    if column.money or "{currency}" in unit_key:
        return MONEY_OUTPUT if output and "/" not in unit_key else MONEY_INPUT
    if unit_key in QUANTITY_UNITS:
        return QUANTITY
    if unit_key in FACTOR_UNITS:
        return FACTOR
    return GENERAL


def value_format(value: object, column_format: str, own_format: str | None) -> str:
    """The format of one cell: the value's own (percent, date), the column's for numbers."""
    if own_format is not None:
        return own_format
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return GENERAL
    if column_format == WHOLE and not isinstance(value, int):
        return GENERAL  # a fractional number in a whole-number column must show as it is
    return column_format


def header_note(text: str) -> Comment:
    """A cell note sized to its text."""
    lines = text.split("\n")
    longest = max((len(line) for line in lines), default=0)
    width = min(max(longest, 24), 60)
    wrapped = sum(max(1, math.ceil(len(line) / width)) for line in lines)
    return Comment(text, AUTHOR, height=int(22 + 16 * wrapped), width=int(20 + 6.5 * width))


def year_note(sheet: Sheet, currency: str) -> str:
    unit = sheet.year_unit.replace("{currency}", currency or "USD")
    lines = [sheet.year_description or "Value in that year"]
    if unit:
        lines.append(f"Unit: {unit}")
    lines.append("Blank: not given (years between given ones are interpolated)")
    return "\n".join(lines)


def display_length(value: object) -> int:
    """About how many characters a value takes on screen."""
    if value is None:
        return 0
    if isinstance(value, float) and not isinstance(value, Percent):
        text = f"{value:,.2f}"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10000:
        text = f"{value:,}"
    else:
        text = format_value(value) if not isinstance(value, (dt.date, dt.time)) else str(value)
    return max(len(part) for part in text.split("\n"))


def column_width(header_length: int, longest_value: int) -> float:
    """A width that shows the header (and its filter button) and typical values."""
    return float(min(max(header_length + 4, longest_value + 2, 8), 60))


def list_validation(choices: list[str], sqref: str, strict: bool,
                    title: str = "", message: str = "") -> DataValidation | None:
    """A dropdown of explicit choices; None when Excel cannot hold the list."""
    usable = [c for c in dict.fromkeys(choices) if c and "," not in c and '"' not in c]
    if not usable:
        return None
    formula = '"' + ",".join(usable) + '"'
    if len(formula) - 2 > LIST_FORMULA_LIMIT:
        return None
    return _validation(formula, sqref, strict, title, message)


def range_validation(sheet_title: str, column_index: int, last_row: int, sqref: str,
                     strict: bool, title: str = "", message: str = "") -> DataValidation:
    """A dropdown of the values of another sheet's column."""
    letter = column_letter(column_index)
    quoted = sheet_title if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet_title) \
        else "'" + sheet_title.replace("'", "''") + "'"
    formula = f"{quoted}!${letter}$2:${letter}${last_row}"
    return _validation(formula, sqref, strict, title, message)


def _validation(formula: str, sqref: str, strict: bool, title: str,
                message: str) -> DataValidation:
    # strict: typing another value asks "Continue?" (names match case-insensitively, so
    # a hard stop would refuse values the planner reads fine); otherwise a suggestion.
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showErrorMessage=strict, errorStyle="warning",
                                errorTitle=title or None, error=message or None)
    validation.add(sqref)
    return validation


def title_problem(title: str) -> str:
    """Why Excel would refuse a sheet title, '' when it is fine."""
    if not title or not title.strip():
        return "a sheet needs a name"
    if len(title) > 31:
        return "Excel sheet names have at most 31 characters"
    found = INVALID_TITLE_CHARACTERS.search(title)
    if found:
        return f"Excel sheet names cannot contain {found.group(0)}"
    if ILLEGAL_TEXT_CHARACTERS.search(title):
        return "the name holds a character that an .xlsx file cannot store"
    if title.startswith("'") or title.endswith("'"):
        return "Excel sheet names cannot begin or end with an apostrophe"
    if title.strip().lower() == "history":
        return "Excel reserves the sheet name History"
    return ""
