"""Save a scenario (and a plan, and what-if results) to an .xlsx workbook, atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from planner import schema
from planner.errors import SaveError
from planner.plan import Plan
from planner.scenario import Scenario
from planner.schema import Sheet, normalize
from planner.version import __version__
from planner.workbook import styles
from planner.workbook.about import about_rows
from planner.workbook.atomic import resolve_target, write_atomically
from planner.workbook.styles import CellProblem
from planner.workbook.writer_cells import TableSheet, write_about, write_extra, write_table
from planner.workbook.writer_inputs import input_sheet, is_written
from planner.workbook.writer_results import cases_sheets, mark_robust_inputs, plan_sheets

WORKBOOK_SUFFIX = ".xlsx"


def save_scenario(scenario: Scenario, path: str | os.PathLike[str], plan: Plan | None = None,
                  cases: Mapping[str, pd.DataFrame] | None = None) -> None:
    """Write the scenario's input sheets, its unknown sheets, the plan and the what-if
    results (when given; ``cases`` keyed by result sheet name) and an About sheet to
    ``path``, replacing the file in one step.

    Raises SaveError with a planner-facing message; the old file is then untouched.
    """
    given = Path(path)
    name = given.name or str(given)
    if given.suffix.lower() != WORKBOOK_SUFFIX:
        raise SaveError(f"Cannot save {name}: the planner writes Excel workbooks; give the "
                        f"file the {WORKBOOK_SUFFIX} extension.")
    target = resolve_target(given)
    refuse_losing_unread(scenario, target, name)
    workbook = build_workbook(scenario, plan, cases, name)
    try:
        write_atomically(target, lambda stream: save_workbook(workbook, stream),
                         shown_name=name)
    finally:
        discard(workbook)


def refuse_losing_unread(scenario: Scenario, target: Path, name: str) -> None:
    """SaveError when ``target`` is the file holding regions the reader could not read:
    the planner would write only what it read, and those cells would be lost."""
    source = scenario.unread_path
    if not scenario.unread or source is None or not _same_file(Path(source), target):
        return
    shown = "; ".join(str(issue) for issue in scenario.unread[:3])
    more = len(scenario.unread) - 3
    if more > 0:
        shown += f"; and {more} more"
    raise SaveError(f"Cannot save over {name}: it holds cells the planner could not read, "
                    f"and saving over it would lose them ({shown}). Fix the header in "
                    "Excel and open the file again, or save under another name (the "
                    "original file keeps everything).")


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist: nothing there to lose
        return False


def save_workbook(workbook: Workbook, stream: BinaryIO) -> None:
    """openpyxl's Workbook.save, with its zip archive closed even when writing fails (a
    full disk): left open, the archive's finaliser prints a traceback at exit."""
    workbook.properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    archive = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).write_data()
    except BaseException:
        with contextlib.suppress(OSError, ValueError):
            archive.close()  # it cannot finish writing; it only has to let go of the file
        raise
    archive.close()


def build_workbook(scenario: Scenario, plan: Plan | None,
                   cases: Mapping[str, pd.DataFrame] | None, name: str = "the workbook",
                   written_at: dt.datetime | None = None) -> Workbook:
    """The workbook to save, in sheet order: the input sheets, the unknown sheets, the
    plan, the what-if results and the About sheet (streamed; written on save)."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = f"Fleet Transition Planner {__version__}"
    try:
        _fill(workbook, scenario, plan, cases, name, written_at or dt.datetime.now(dt.UTC))
    except CellProblem as problem:
        discard(workbook)
        raise SaveError(f"Cannot save {name}: {problem}") from problem
    except SaveError:
        discard(workbook)
        raise
    except Exception as error:  # a bug must not reach a planner as a traceback
        discard(workbook)
        raise SaveError(f"Cannot save {name}: the workbook could not be made "
                        f"({type(error).__name__}: {error}).") from error
    except BaseException:
        discard(workbook)
        raise
    return workbook


def _fill(workbook: Workbook, scenario: Scenario, plan: Plan | None,
          cases: Mapping[str, pd.DataFrame] | None, name: str, written_at: dt.datetime) -> None:
    currency = str(scenario.setting("currency") or "USD")
    inputs = [sheet for sheet in schema.INPUT_SHEETS if is_written(scenario, sheet)]
    results: list[tuple[Sheet, TableSheet]] = []
    if plan is not None:
        solved_for = plan.input_fingerprint or None
        results += plan_sheets(plan, currency,
                               None if solved_for is None else solved_for == scenario.fingerprint())
    results += cases_sheets(mark_robust_inputs(cases or {}, scenario), currency, name)
    # The sheets the planner writes replace a kept sheet of the same name; a planner's
    # own "About" sheet is kept, and ours steps aside to another title.
    ours = {normalize(sheet.name) for sheet in inputs}
    ours |= {normalize(sheet.name) for sheet, _ in results}
    extras = [extra for extra in scenario.extra_sheets if normalize(extra.title) not in ours]
    about_title = schema.ABOUT_SHEET_NAME
    if any(normalize(extra.title) == normalize(about_title) for extra in extras):
        about_title = schema.ABOUT_SHEET_ALTERNATIVE
        extras = [extra for extra in extras if normalize(extra.title) != normalize(about_title)]
    for extra in extras:
        problem = styles.title_problem(extra.title)
        if problem:
            raise SaveError(f"Cannot save {name}: the sheet {extra.title!r} cannot be "
                            f"written: {problem}. Rename it.")
    for sheet in inputs:
        write_table(workbook, input_sheet(scenario, sheet, currency))
    for extra in extras:
        write_extra(workbook, extra)
    for _, table in results:
        write_table(workbook, table)
    write_about(workbook, about_rows(inputs + [sheet for sheet, _ in results],
                                     [extra.title for extra in extras], currency, __version__,
                                     written_at), about_title)


def discard(workbook: Workbook) -> None:
    """Close the streamed sheets a workbook did not save and delete their temporary files
    (left open, they would be closed out of order when garbage-collected)."""
    for worksheet in workbook.worksheets:
        if not isinstance(worksheet, WriteOnlyWorksheet) or worksheet.closed:
            continue
        sheet_writer = worksheet._writer
        try:
            if worksheet._rows is not None:
                worksheet._rows.close()
            if sheet_writer is not None:
                sheet_writer.close()
                sheet_writer.cleanup()
        except (OSError, ValueError):
            pass  # only temporary files are at stake
