"""New rows for a table: copies of rows whose key (vessel id, fuel, year...) stays unique."""

from __future__ import annotations

import pandas as pd

from planner.convert import is_blank
from planner.schema import Sheet, normalize


def duplicate_rows(sheet: Sheet, table: pd.DataFrame, rows: list[int]) -> pd.DataFrame:
    """Copies of ``rows``; a text key gets " copy" (" copy 2", ...), a year key the next
    free year, so that the copy is not a duplicate."""
    copies = table.iloc[rows].reset_index(drop=True).copy()
    key = sheet.key
    if not key or key not in copies.columns:
        return copies
    taken = {normalize(value) for value in table[key] if not is_blank(value)}
    for position in range(len(copies)):
        value = copies.at[position, key]
        if is_blank(value):
            continue
        fresh = _fresh_key(value, taken)
        taken.add(normalize(fresh))
        copies.at[position, key] = fresh
    return copies


def _fresh_key(value: object, taken: set[str]) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        year = value + 1
        while normalize(year) in taken:
            year += 1
        return year
    base = f"{value} copy"
    candidate, number = base, 2
    while normalize(candidate) in taken:
        candidate = f"{base} {number}"
        number += 1
    return candidate
