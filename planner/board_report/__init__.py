"""The plan report for the board: one PDF of a workbook's plan, made without Qt or a display.

``report_workbook(path, out)`` reads a workbook (solving it first with ``solve=True``)
and writes the PDF; ``write_report(source, out)`` writes one from a ReportSource the
caller already has (the app's open scenario and plan). Charts and pages are drawn with
matplotlib's PDF backend (docs/decisions.md says why).
"""

from planner.board_report.build import (
    ReportCancelled,
    ReportResult,
    add_section,
    write_report,
)
from planner.board_report.from_workbook import report_workbook, source_from_workbook
from planner.board_report.source import ReportSource

__all__ = ["ReportCancelled", "ReportResult", "ReportSource", "add_section",
           "report_workbook", "source_from_workbook", "write_report"]
