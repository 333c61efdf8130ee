"""One parser for cell values (numeric text, percentages, years, lists) and one formatter back.

The workbook reader and the GUI's table editors both go through here, so "1,200.5",
" 42 " and "8%" mean the same thing whether they come from Excel or from a keyboard.
A value that cannot be parsed is kept as the text it was, so nothing the planner
typed is lost; validation then names the cell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planner.schema import Column, ColumnType, normalize

# ASCII digits only (full-width or Arabic-Indic digits are no number a planner typed in
# Excel); thousands grouped by commas or by spaces ("1 200"), never a lone inner space.
_NUMBER = re.compile(r"^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,3}( [0-9]{3})+|[0-9]+)?"
                     r"(\.[0-9]*)?([eE][+-]?[0-9]+)?$")


class Percent(float):
    """A number that was typed as a percentage ("8%" or a percent-formatted cell).

    It is the fraction (0.08) for every calculation; it only remembers how it was
    written, so that saving shows it as a percentage again.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Percent({float(self)!r})"

    def __reduce__(self) -> tuple[type, tuple[float]]:
        return (Percent, (float(self),))


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: the value to keep and, when it did not parse, why."""

    value: object
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN or text of only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def finite_number(value: object) -> float | None:
    """A float from a number or numeric text; None for blanks, booleans, NaN and infinity."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def parse_number(value: object, allow_percent: bool = False) -> float | None:
    """A float from a number, numeric text ("1,200.5", " 42 ") or, if allowed, "8%".

    Returns None when the value is not a number. A "%" text gives a ``Percent``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Percent):
        return value if allow_percent else None
    if isinstance(value, (int, float)):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    if not isinstance(value, str):
        return None
    text = value.replace("\u00a0", " ").replace("\u202f", " ").strip()
    percent = text.endswith("%")
    if percent:
        if not allow_percent:
            return None
        text = text[:-1].strip()
    if not text or not _NUMBER.match(text) or text in {".", "+", "-", "+.", "-."}:
        return None
    try:
        number = float(text.replace(",", "").replace(" ", ""))
    except ValueError:
        return None
    if math.isinf(number):
        return None
    return Percent(number / 100.0) if percent else number


def _whole(number: float) -> int | None:
    return int(round(number)) if abs(number - round(number)) < 1e-9 else None


MESSAGE_VALUE_CHARS = 80  # a value echoed in a message is cut to this many characters


def shorten(text: str, limit: int = MESSAGE_VALUE_CHARS) -> str:
    """Text cut to ``limit`` characters, with an ellipsis that says so."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe(value: object) -> str:
    """A value as it appears in a message: text quoted and cut, numbers plain and short."""
    if isinstance(value, str):
        return f'"{shorten(value)}"'
    if isinstance(value, Percent):
        return f"{float(value) * 100:g}%"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"{float(value):g}"
    return shorten(str(value))


def parse_cell(value: object, column: Column, percent_format: bool = False) -> Parsed:
    """Read one cell by its column's type.

    ``percent_format`` says that the spreadsheet cell is formatted as a percentage,
    so its number is already the fraction. Blank cells give ``Parsed(None)``.
    """
    if is_blank(value):
        return Parsed(None)
    kind = column.type
    if kind in (ColumnType.TEXT, ColumnType.VALUE):
        if kind is ColumnType.VALUE and isinstance(value, (int, float)) and percent_format:
            return Parsed(Percent(float(value)))
        if isinstance(value, float) and _whole(value) is not None and kind is ColumnType.TEXT:
            return Parsed(str(_whole(value)))
        if kind is ColumnType.TEXT and not isinstance(value, str):
            return Parsed(str(value))
        return Parsed(value.strip() if isinstance(value, str) else value)
    if kind in (ColumnType.NAME, ColumnType.LIST):
        if isinstance(value, float) and _whole(value) is not None:
            value = _whole(value)
        return Parsed(str(value).strip())
    if kind is ColumnType.CHOICE:
        text = normalize(value)
        if text in column.choices:
            return Parsed(text)
        return Parsed(value, f"{column.name} must be one of {', '.join(column.choices)}, "
                             f"got {describe(value)}")
    fraction = kind is ColumnType.FRACTION
    number = parse_number(value, allow_percent=fraction)
    if number is None:
        what = "a whole number" if column.is_whole else "a number"
        if fraction:
            what = "a number or a percentage"
        return Parsed(value, f"{column.name} must be {what}, got {describe(value)}")
    if fraction and percent_format and not isinstance(number, Percent):
        number = Percent(number)
    if column.is_whole:
        whole = _whole(number)
        if whole is None:
            return Parsed(value, f"{column.name} must be a whole number, got {describe(value)}")
        return Parsed(whole)
    return Parsed(number)


def bound(limit: float | None) -> str:
    """A range's limit in a message: 2300, 10,000, 1e+15."""
    if limit is None:
        return ""
    if float(limit).is_integer() and 1e4 <= abs(limit) < 1e9:
        return f"{int(limit):,}"
    return f"{limit:g}"


def range_words(value: object, column: Column) -> str:
    """What a number outside its column's range must be ('greater than 0'); '' when inside.

    Fractions and years name their whole range; other columns the side the value
    breaks (a price of -5 must be at least 0, one of 1e300 at most the physical limit).
    """
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return ""
    low, high = column.minimum, column.maximum
    too_low = low is not None and (value <= low if column.min_exclusive else value < low)
    too_high = high is not None and (value >= high if column.max_exclusive else value > high)
    if not (too_low or too_high):
        return ""
    if (low is not None and high is not None and column.min_exclusive == column.max_exclusive
            and column.type in (ColumnType.FRACTION, ColumnType.YEAR)):
        between = "strictly between" if column.min_exclusive else "between"
        return f"{between} {bound(low)} and {bound(high)}"
    if too_low:
        return f"{'greater than' if column.min_exclusive else 'at least'} {bound(low)}"
    return f"{'less than' if column.max_exclusive else 'at most'} {bound(high)}"


def range_error(value: object, column: Column, what: str = "") -> str:
    """The message for a number outside its column's range, '' when it is inside.

    ``what`` replaces the column name in the message (e.g. a setting's name).
    """
    words = range_words(value, column)
    if not words:
        return ""
    message = f"{what or column.name} must be {words}, got {describe(value)}"
    number = float(value)  # type: ignore[arg-type]  # range_words saw a real number
    high = column.maximum
    if (column.type is ColumnType.FRACTION and high is not None and number > high
            and not isinstance(value, Percent) and 1 < abs(number) <= 100):
        message += f"; did you mean {number:g}%?"
    return message


def format_value(value: object, column: Column | None = None) -> str:
    """A value as a planner types it: the inverse of ``parse_cell`` for display and edits."""
    if is_blank(value):
        return ""
    if isinstance(value, Percent):
        return f"{float(value) * 100:.10g}%"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if column is not None and column.is_whole and _whole(value) is not None:
            return str(_whole(value))
        return f"{value:.12g}"
    return str(value)
