"""The what-if studies of a session, each kept in its own place: the cases run, the
tornado and the sweep. A tornado no longer replaces the cases' results; each study knows
the inputs it was computed for, and is saved to (and read back from) its own sheets:
Cases Results/Annual/Retrofits, Sensitivity Results, Sweep Results and Sweep Retrofits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner import schema
from planner.cases.sheet import is_base
from planner.convert import finite_number
from planner.whatif.studies import SensitivityRun, SweepRun

CASES, SENSITIVITY, SWEEP = "cases", "sensitivity", "sweep"
STUDY_TITLES = {CASES: "Cases", SENSITIVITY: "Sensitivity (tornado)", SWEEP: "Sweep"}
STUDY_COLUMNS = [column.name for column in schema.STUDY_COLUMNS]
RESULTS, RETROFITS = schema.CASES_RESULTS.name, schema.CASES_RETROFITS.name
# The sheets each study is saved to, and the Cases sheet each one stands for on screen.
STUDY_SHEETS = {
    CASES: {sheet.name: sheet.name for sheet in schema.CASES_OUTPUT_SHEETS},
    SENSITIVITY: {schema.SENSITIVITY_RESULTS.name: RESULTS},
    SWEEP: {schema.SWEEP_RESULTS.name: RESULTS, schema.SWEEP_RETROFITS.name: RETROFITS},
}

STUDY_SHEET_NAMES = frozenset(name for sheets in STUDY_SHEETS.values() for name in sheets)


def study_kind(run: Any) -> str:
    """Which study a run is (a read-back study says so itself)."""
    if isinstance(run, SensitivityRun | ReadBackSensitivity):
        return SENSITIVITY
    if isinstance(run, SweepRun | ReadBackSweep):
        return SWEEP
    return CASES


@dataclass
class ReadBackSensitivity:
    """A tornado read from its sheet: what the charts need."""

    tornado: pd.DataFrame
    swing: float


@dataclass
class ReadBackSweep:
    """A sweep read from its sheets: what the chart needs."""

    parameter: str
    item: str
    change: str
    by_value: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class Study:
    """One study's run, its result tables (keyed as the Cases sheets) and the fingerprint
    of the inputs it was computed for."""

    run: Any
    tables: dict[str, pd.DataFrame]
    fingerprint: str


def _study_results(run: Any, fingerprint: str) -> pd.DataFrame:
    """The run's results with what each generated run varies."""
    table = run.results_table(fingerprint)
    for name in STUDY_COLUMNS:
        table[name] = [getattr(result, name, None) or None for result in run.results]
    return table


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
        fingerprint = run.scenario.fingerprint(include_cases=True)
        tables = run.output_tables()
        if kind != CASES:
            tables[RESULTS] = _study_results(run, fingerprint)
        study = Study(run, tables, fingerprint)
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

    def sheets(self) -> dict[str, pd.DataFrame]:
        """Every study's tables keyed by the sheet it is saved to."""
        found: dict[str, pd.DataFrame] = {}
        for kind, study in self.studies.items():
            for sheet, key in STUDY_SHEETS[kind].items():
                if key in study.tables:
                    found[sheet] = study.tables[key]
        return found

    def load(self, outputs: dict[str, pd.DataFrame]) -> None:
        """The studies a workbook's result sheets hold (their runs are not kept, only
        what the views draw), the cases shown first."""
        self.clear()
        for kind, sheets in STUDY_SHEETS.items():
            tables = {key: outputs[sheet] for sheet, key in sheets.items() if sheet in outputs}
            results = tables.get(RESULTS)
            if results is None or results.empty:
                continue
            stamps = [str(v) for v in results["input_fingerprint"] if isinstance(v, str) and v]
            run = None if kind == CASES else _read_back_run(kind, results)
            self.studies[kind] = Study(run, tables, stamps[0] if stamps else "")
        self.shown = next(iter(self.kinds), "")


def _read_back_run(kind: str, results: pd.DataFrame) -> Any:
    rows = [row for row in results.to_dict("records") if not is_base(row["case"])]
    if kind == SENSITIVITY:
        return _read_back_tornado(rows)
    first = rows[0] if rows else {}
    by_value = pd.DataFrame([{
        "value": finite_number(row["value"]), "case": row["case"], "status": row["status"],
        "objective": row["objective"], "emissions_tco2e": row["emissions_tco2e"],
        "retrofits": row["retrofits"], "plan": ""} for row in rows
        if finite_number(row["value"]) is not None],
        columns=["value", "case", "status", "objective", "emissions_tco2e", "retrofits",
                 "plan"])
    return ReadBackSweep(str(first.get("parameter") or ""), str(first.get("item") or ""),
                         str(first.get("change") or "set"), by_value)


def _read_back_tornado(rows: list[dict[str, Any]]) -> ReadBackSensitivity:
    bars: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    factors = []
    for row in rows:
        factor = finite_number(row["value"])
        if factor is None or factor == 1.0:
            continue
        factors.append(factor)
        key = (str(row["parameter"] or ""), str(row["item"] or ""))
        bars.setdefault(key, {})["low" if factor < 1 else "high"] = row
    table = []
    for (parameter, item), ends in bars.items():
        low, high = ends.get("low", {}), ends.get("high", {})
        lo, hi = finite_number(low.get("objective")), finite_number(high.get("objective"))
        table.append({"parameter": parameter, "item": item, "objective_low": lo,
                      "objective_high": hi,
                      "objective_range": None if lo is None or hi is None else abs(hi - lo),
                      "emissions_low": low.get("emissions_tco2e"),
                      "emissions_high": high.get("emissions_tco2e"),
                      "case_low": low.get("case"), "case_high": high.get("case")})
    table.sort(key=lambda r: (r["objective_range"] is None, -(r["objective_range"] or 0)))
    swing = round(1.0 - min(factors), 6) if factors else 0.2
    columns = ["parameter", "item", "objective_low", "objective_high", "objective_range",
               "emissions_low", "emissions_high", "case_low", "case_high"]
    return ReadBackSensitivity(pd.DataFrame(table, columns=columns), swing)
