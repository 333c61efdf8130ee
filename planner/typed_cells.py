"""A cell's value as its column reads it (``typed_value``): the usable value or the
parser's message; shared by validation and the robust sheets' own checks."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from planner.convert import Percent, describe, is_blank, parse_cell
from planner.schema import Column, ColumnType


@dataclass(frozen=True)
class Typed:
    """A cell read by its column: the usable value (None when blank or bad) and why not."""

    value: object = None
    error: str = ""


BLANK = Typed()


def _number(value: object) -> int | float | None:
    """A plain int or float (Percent kept) from a real number, None otherwise."""
    kind = type(value)
    if kind is int:
        return value  # type: ignore[return-value]
    if kind is float:
        return value if math.isfinite(value) else None  # type: ignore[arg-type,return-value]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, Percent):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def typed_value(value: object, column: Column) -> Typed:
    """A cell's value as its column reads it; the parser's message when it does not read.

    The reader and the table editors parse every cell with ``convert.parse_cell`` and
    keep text that does not parse; so text in a numeric column is reported with the
    parser's own message. Text that would parse (only possible from code) is reported
    too: the model reads numbers, not text.
    """
    if is_blank(value):
        return BLANK
    kind = column.type
    if kind is ColumnType.CHOICE:
        parsed = parse_cell(value, column)
        return Typed(error=parsed.error) if parsed.error else Typed(parsed.value)
    if not column.is_numeric:
        return Typed(value)
    number = _number(value)
    if number is not None:
        if isinstance(number, Percent) and kind is not ColumnType.FRACTION:
            number = None
        elif column.is_whole:
            if isinstance(number, float) and not number.is_integer():
                number = None
            else:
                number = int(number)
    if number is not None:
        return Typed(number)
    parsed = parse_cell(value, column)
    if parsed.error:
        return Typed(error=parsed.error)
    return Typed(error=f"{column.name} must be stored as a number, got the text "
                       f"{describe(value)}")
