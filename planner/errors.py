"""Error and issue types shared by the whole core: what went wrong, where, how bad."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad an issue is: errors stop a solve, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem found in a scenario, located by sheet and cell.

    ``cell`` is the A1 reference ("D7") or, for a missing column, setting or sheet,
    the name of that column, setting or sheet; it is empty for problems of the whole
    file.  ``row`` and ``column`` locate the problem in the scenario's table (row
    position, column key) so that the GUI can select the cell; they are ``None``
    where the problem has no table cell.
    """

    sheet: str
    cell: str
    message: str
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """``Fleet!D7``, ``Fleet``, or '' for the whole file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, str]:
        return {
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "severity": str(self.severity),
        }


class PlannerError(Exception):
    """Base class of every error the planner raises on purpose."""


class WorkbookError(PlannerError):
    """A workbook that cannot be used as it is; carries every issue found."""

    def __init__(self, issues: list[Issue], headline: str | None = None) -> None:
        self.issues = list(issues)
        errors = [i for i in self.issues if i.is_error]
        self.headline = headline or (
            f"The workbook has {len(errors)} error{'s' if len(errors) != 1 else ''}"
        )
        super().__init__(self.headline + "".join(f"\n  {i}" for i in errors))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


class SaveError(PlannerError):
    """A workbook could not be written; the previous file is untouched."""


class SolverError(PlannerError):
    """The solver could not be run (missing, crashed); not an infeasible model."""


def last_line(text: str) -> str:
    """The last non-blank line of a traceback: what went wrong, in one line."""
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no details"
