"""What a report is made from: the workbook's scenario, its saved plan and its what-if results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planner import schema
from planner.convert import Percent, is_blank
from planner.plan import Plan
from planner.reports import format_number
from planner.scenario import Scenario

SOURCE_COLUMN = "source"  # an unknown column of an input sheet naming where its numbers come from


@dataclass
class ReportSource:
    """The inputs of one report; nothing in it is computed for the report."""

    scenario: Scenario
    plan: Plan
    workbook_name: str
    cases: dict[str, pd.DataFrame] = field(default_factory=dict)  # Cases result sheets
    cases_stale: bool | None = None
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def currency(self) -> str:
        return self.plan.currency or str(self.scenario.setting("currency") or "USD")

    @property
    def years(self) -> list[int]:
        return self.scenario.years


def from_loaded(loaded: object, plan: Plan | None = None,
                workbook: str | Path = "") -> ReportSource:
    """A ReportSource of a LoadedWorkbook (reader.read_workbook); ``plan`` overrides its plan."""
    scenario = loaded.scenario  # type: ignore[attr-defined]
    chosen = plan if plan is not None else loaded.plan  # type: ignore[attr-defined]
    if chosen is None:
        raise ValueError("a report needs a plan")
    name = Path(workbook or scenario.source_path or "").name
    return ReportSource(scenario=scenario, plan=chosen, workbook_name=name,
                        cases=dict(loaded.outputs),  # type: ignore[attr-defined]
                        cases_stale=loaded.cases_stale)  # type: ignore[attr-defined]


def source_column(table: pd.DataFrame) -> object | None:
    """The header of a table's ``source`` column (any case), or None."""
    sheet_columns = [c for c in table.columns if isinstance(c, str)]
    for column in sheet_columns:
        if schema.normalize(column) == SOURCE_COLUMN:
            return column
    return None


def cell_text(value: object, column: schema.Column | None = None, currency: str = "USD",
              decimals: int | None = None) -> str:
    """An input cell as a planner reads it: thousands separators, percentages, blanks as '–'."""
    if is_blank(value):
        return "–"
    if isinstance(value, Percent) or (column is not None
                                      and column.type is schema.ColumnType.FRACTION
                                      and isinstance(value, int | float)):
        return f"{float(value) * 100:,.4g}%"  # type: ignore[arg-type]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (column is not None and column.is_whole
                                  and isinstance(value, float) and value.is_integer()):
        whole = int(value)  # type: ignore[arg-type]
        year = column is not None and column.type is schema.ColumnType.YEAR
        return str(whole) if year else f"{whole:,}"
    if isinstance(value, float):
        if decimals is None:  # as typed, to two decimals at most: 40.5, 13.21, 1,300
            decimals = 0 if abs(value) >= 100 else 2
            text = format_number(value, decimals)
            return text.rstrip("0").rstrip(".") if "." in text else text
        return format_number(value, decimals)
    return str(value).strip()
