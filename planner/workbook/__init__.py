"""The scenario workbook (.xlsx): reading it (reader) and writing it (writer)."""

from __future__ import annotations

from planner.workbook.reader import LoadedWorkbook, load_scenario, read_workbook

__all__ = ["LoadedWorkbook", "load_scenario", "read_workbook"]
