"""A robust run read back from a workbook's Robust sheets: the figures, the committed
retrofits, each future's NPVs and the frequencies, as a RobustResult the app draws
without solving (the futures' plans are not in the workbook)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.convert import finite_number, is_blank
from planner.plan import Status
from planner.robust.result import Frequency, FutureResult, Retrofit, RobustResult

SUMMARY, FUTURES = schema.ROBUST_SUMMARY.name, schema.ROBUST_FUTURES.name
RETROFITS, FREQUENCIES = schema.ROBUST_RETROFITS.name, schema.ROBUST_FREQUENCIES.name
ROBUST_SHEET_NAMES = frozenset(sheet.name for sheet in schema.ROBUST_OUTPUT_SHEETS)
STATUS_WORDS = {"optimal": "proven optimal", "feasible": "the best plan found in the time "
                "allowed", "infeasible": "some futures cannot meet their hard caps"}


@dataclass
class ReadBackRobust(RobustResult):
    """A robust run as its sheets hold it; saved again exactly as it was read."""

    sheets: dict[str, pd.DataFrame] = field(default_factory=dict)
    short: list[str] = field(default_factory=list)

    @property
    def short_futures(self) -> list[str]:
        return list(self.short)

    def output_tables(self) -> dict[str, pd.DataFrame]:
        return {name: table.copy() for name, table in self.sheets.items()}

    def futures_table(self) -> pd.DataFrame:
        table = self.sheets.get(FUTURES)
        return table.copy() if table is not None else super().futures_table()


def robust_tables(outputs: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The Robust sheets among a workbook's result sheets."""
    return {name: table for name, table in outputs.items() if name in ROBUST_SHEET_NAMES}


def summary_metrics(summary: pd.DataFrame) -> dict[str, object]:
    """Robust Summary as {metric: value}, metrics normalised."""
    return {schema.normalize(str(metric)): value
            for metric, value in zip(summary["metric"], summary["value"], strict=True)
            if not is_blank(metric)}


def read_back(outputs: Mapping[str, pd.DataFrame], currency: str) -> ReadBackRobust | None:
    """The robust run of a workbook's Robust sheets; None when it has none (no Robust
    Summary with a status, or no futures)."""
    sheets = {name: table.copy() for name, table in robust_tables(outputs).items()}
    summary, futures = sheets.get(SUMMARY), sheets.get(FUTURES)
    if summary is None or summary.empty or futures is None or futures.empty:
        return None
    metrics = summary_metrics(summary)
    try:
        status = Status(str(metrics.get("status") or "").strip().lower())
    except ValueError:
        return None
    result = ReadBackRobust(status, sheets=sheets, currency=currency)
    _figures(result, metrics)
    _futures(result, futures)
    _retrofits(result, sheets.get(RETROFITS))
    _frequencies(result, sheets.get(FREQUENCIES))
    solved = str(metrics.get("solved_at") or "").replace("T", " ").split("+")[0]
    result.message = (f"Read from the workbook: the robust run of {solved or 'an earlier '}"
                      f"{' UTC' if solved else 'session'} ({STATUS_WORDS.get(str(status), status)}"
                      "); not solved again.")
    return result


def _number(metrics: Mapping[str, object], name: str) -> float | None:
    return finite_number(metrics.get(name))


def _figures(result: ReadBackRobust, metrics: Mapping[str, object]) -> None:
    for name in ("objective", "expected_npv", "cvar", "base_plan_expected_npv",
                 "base_commit_expected_npv", "base_commit_cvar", "vss", "wait_and_see",
                 "evpi", "gap"):
        setattr(result, name, _number(metrics, name))
    result.risk_weight = _number(metrics, "risk_weight") or 0.0
    alpha = _number(metrics, "cvar_alpha")
    result.cvar_alpha = alpha if alpha is not None else 0.9
    year = _number(metrics, "commit_until_year")
    result.commit_until_year = None if year is None else int(year)
    result.shortfall_total = _number(metrics, "shortfall_total") or 0.0
    result.solve_seconds = _number(metrics, "solve_seconds") or 0.0
    result.solved_at = str(metrics.get("solved_at") or "")
    result.input_fingerprint = str(metrics.get("input_fingerprint") or "")


def _futures(result: ReadBackRobust, futures: pd.DataFrame) -> None:
    for record in futures.to_dict("records"):
        name = "" if is_blank(record.get("future")) else str(record["future"])
        status = str(record.get("status") or "").strip().lower()
        if not name:
            continue
        if status == "excluded":
            result.excluded_futures.append(name)
            continue
        if status == "short":
            result.short.append(name)
        result.futures[name] = FutureResult(
            name, finite_number(record.get("probability")) or 0.0,
            npv=finite_number(record.get("npv")),
            alone_objective=finite_number(record.get("alone_objective")),
            base_plan_objective=finite_number(record.get("base_plan_objective")),
            base_commit_objective=finite_number(record.get("base_commit_objective")),
            note="" if is_blank(record.get("note")) else str(record["note"]))


def _retrofit(record: Mapping[str, object]) -> Retrofit | None:
    year = finite_number(record.get("year"))
    if year is None or is_blank(record.get("vessel_id")) or is_blank(record.get("technology")):
        return None
    return (str(record["vessel_id"]), str(record["technology"]), int(year))


def _retrofits(result: ReadBackRobust, table: pd.DataFrame | None) -> None:
    if table is None:
        return
    for record in table.to_dict("records"):
        retrofit = _retrofit(record)
        if retrofit is not None and schema.normalize(str(record.get("future") or "")) == "all":
            result.committed_retrofits.append(retrofit)


def is_true(value: object) -> bool:
    """A committed cell as Excel or the writer leaves it (TRUE, "True", "yes", 1)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value) and not is_blank(value)


def _frequencies(result: ReadBackRobust, table: pd.DataFrame | None) -> None:
    if table is None:
        return
    for record in table.to_dict("records"):
        retrofit = _retrofit(record)
        if retrofit is None:
            continue
        result.frequencies.append(Frequency(
            *retrofit, committed=is_true(record.get("committed")),
            alone_frequency=finite_number(record.get("alone_frequency")) or 0.0,
            robust_frequency=finite_number(record.get("robust_frequency")) or 0.0))
