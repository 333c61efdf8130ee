"""The what-if studies of a session, each kept in its own place: the cases run, the
tornado and the sweep. A tornado no longer replaces the cases' results, and each study
knows the inputs it was computed for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.whatif.studies import SensitivityRun, SweepRun

CASES, SENSITIVITY, SWEEP = "cases", "sensitivity", "sweep"
STUDY_TITLES = {CASES: "Cases", SENSITIVITY: "Sensitivity (tornado)", SWEEP: "Sweep"}


def study_kind(run: Any) -> str:
    """Which study a run is."""
    if isinstance(run, SensitivityRun):
        return SENSITIVITY
    if isinstance(run, SweepRun):
        return SWEEP
    return CASES


@dataclass
class Study:
    """One study's run, its result tables and the fingerprint of its inputs."""

    run: Any
    tables: dict[str, pd.DataFrame]
    fingerprint: str


class StudyShelf:
    """The latest run of each kind of study, and which one the Cases tab shows."""

    def __init__(self) -> None:
        self.studies: dict[str, Study] = {}
        self.shown = ""

    def clear(self) -> None:
        self.studies = {}
        self.shown = ""

    def put(self, run: Any) -> Study:
        """Keep ``run`` in its study's place (replacing only that study) and show it."""
        kind = study_kind(run)
        study = Study(run, run.output_tables(), run.scenario.fingerprint(include_cases=True))
        self.studies[kind] = study
        self.shown = kind
        return study

    def show(self, kind: str) -> bool:
        if kind not in self.studies:
            return False
        self.shown = kind
        return True

    @property
    def kinds(self) -> list[str]:
        """The studies there are, in the order of STUDY_TITLES."""
        return [kind for kind in STUDY_TITLES if kind in self.studies]

    @property
    def current(self) -> Study | None:
        return self.studies.get(self.shown)

    @property
    def saved(self) -> Study | None:
        """What the Cases sheets of the workbook keep: the cases run, else the latest study."""
        return self.studies.get(CASES) or self.current
