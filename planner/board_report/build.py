"""Assemble the report's sections into one PDF, atomically, with progress and cancel."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.board_report import (
    compliance_pages,
    more_pages,
    plan_pages,
    robust_pages,
    schedule_pages,
)
from planner.board_report.layout import MARGIN_X, Document, drawing
from planner.board_report.source import ReportSource
from planner.errors import PlannerError, SaveError
from planner.version import __version__
from planner.workbook.atomic import resolve_target, write_atomically

Section = Callable[[Document, ReportSource], None]
Progress = Callable[[float, str], None]  # (fraction done 0..1, what is being done)

# The sections in the order a board reads them. A section draws nothing when it has
# nothing to say (no diagnosis for a plan that meets its caps, no cases without results).
SECTIONS: list[tuple[str, Section]] = [
    ("Key figures", plan_pages.key_figures_page),
    ("Emissions against the caps", plan_pages.emissions_page),
    ("Costs by year", plan_pages.costs_page),
    ("Fuel mix", plan_pages.fuel_mix_page),
    ("Retrofit schedule", schedule_pages.schedule_pages),
    ("Retrofit list", schedule_pages.retrofit_list_pages),
    ("Compliance", compliance_pages.compliance_pages),
    ("Why the caps cannot be met", plan_pages.diagnosis_page),
    ("What-if cases", more_pages.cases_pages),
    ("Robust plan", robust_pages.robust_pages),
    ("Assumptions", more_pages.assumptions_pages),
]


def add_section(title: str, draw: Section, before: str = "Assumptions") -> None:
    """Add a section (e.g. compliance lines, robust results) before another one.

    ``draw(doc, source)`` starts its own page with ``doc.new_page(title)`` and returns
    without drawing anything when the workbook holds nothing for it.
    """
    if any(name == title for name, _ in SECTIONS):
        return
    names = [name for name, _ in SECTIONS]
    SECTIONS.insert(names.index(before) if before in names else len(SECTIONS), (title, draw))


class ReportCancelled(PlannerError):
    """The planner stopped the report; no file was written."""


@dataclass
class ReportResult:
    path: Path
    pages: int
    seconds: float
    sections: list[tuple[str, int]]  # section title, first page (1-based)


def build_document(source: ReportSource, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> tuple[Document,
                                                                         list[tuple[str, int]]]:
    """Draw every page (not yet written); the sections with their first page."""
    with drawing():
        return _draw(source, progress, cancelled)


def _draw(source: ReportSource, progress: Progress | None,
          cancelled: Callable[[], bool] | None) -> tuple[Document, list[tuple[str, int]]]:
    workbook = source.workbook_name or "workbook"
    doc = Document(running_head=f"Fleet transition plan · {workbook}",
                   footer=f"Fleet Transition Planner {__version__} · input fingerprint "
                          f"{source.plan.input_fingerprint or '–'}")
    plan_pages.title_page(doc, source)
    contents: list[tuple[str, int]] = []
    for number, (title, draw) in enumerate(SECTIONS):
        if cancelled is not None and cancelled():
            raise ReportCancelled("The report was stopped; no file was written.")
        if progress is not None:
            progress(0.7 * number / len(SECTIONS), f"Drawing {title.lower()}")
        before = len(doc.pages)
        draw(doc, source)
        if len(doc.pages) > before:
            contents.append((title, before + 1))
    _contents(doc, contents)
    doc.finish()
    return doc, contents


def _contents(doc: Document, contents: list[tuple[str, int]]) -> None:
    """The list of sections on the title page."""
    page = doc.pages[0]
    y = doc.contents_at
    doc.text(MARGIN_X, y, "Contents", size=12, bold=True, page=page)
    y += 20
    for title, first in contents:
        doc.text(MARGIN_X, y, title, size=10, page=page)
        doc.text(MARGIN_X + 300, y, f"page {first}", size=10, align="right", page=page)
        y += 15


def write_report(source: ReportSource, path: str | Path, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ReportResult:
    """Write the report of ``source`` to ``path`` (PDF) in one step: an old file stays whole
    until the new one is complete. Raises SaveError (unwritable path) or ReportCancelled."""
    started = time.perf_counter()
    target = check_target(path)
    with drawing():
        doc, contents = build_document(source, progress, cancelled)

        def on_page(done: int, total: int) -> None:
            if cancelled is not None and cancelled():
                raise ReportCancelled("The report was stopped; no file was written.")
            if progress is not None:
                progress(0.7 + 0.3 * done / total, f"Writing page {done} of {total}")

        metadata = {"Title": f"Fleet transition plan: {source.workbook_name}",
                    "Subject": f"input fingerprint {source.plan.input_fingerprint}",
                    "Creator": f"Fleet Transition Planner {__version__}"}
        try:
            write_atomically(target, lambda stream: doc.write(stream, metadata, on_page),
                             shown_name=Path(path).name)
        except SaveError as error:
            if isinstance(error.__cause__, ReportCancelled):
                raise error.__cause__ from None
            raise
    if progress is not None:
        progress(1.0, f"Wrote {len(doc.pages)} pages")
    return ReportResult(path=target, pages=len(doc.pages),
                        seconds=time.perf_counter() - started, sections=contents)


def check_target(path: str | Path) -> Path:
    """The file to write, checked before any drawing (a bad path fails at once)."""
    given = Path(path)
    if given.is_dir():
        raise SaveError(f"Cannot write the report to {given}: it is a folder. Give a file "
                        "name ending in .pdf.")
    return resolve_target(given)
