"""What the what-if commands print: the comparison table, the tornado, the sweep, and the JSON."""

from __future__ import annotations

from typing import Any

from planner.reports import format_money, format_number
from planner.scenario import Scenario
from planner.whatif.results import CasesRun, has_literal_npv


def cases_json(run: CasesRun) -> dict[str, Any]:
    """The ``--json`` object of ``cases``, ``sensitivity`` and ``sweep`` (whatif.md)."""
    return run.to_json()


def _table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(line[pos]) for line in [header, *rows]) for pos in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [cell.rjust(widths[pos]) if pos in right else cell.ljust(widths[pos])
                 for pos, cell in enumerate(cells)]
        return "  ".join(parts).rstrip()

    return [line(header), line(["-" * w for w in widths]), *map(line, rows)]


def _money(value: float | None, currency: str, signed: bool = False) -> str:
    if value is not None and abs(value) < 0.5:
        value = 0.0  # rounding noise of the solvers, not a difference
    return format_money(value, currency, signed=signed)


def format_cases_table(run: CasesRun, scenario: Scenario | None = None) -> str:
    """Base and every case side by side, then each case's note; the study's table after."""
    currency = (scenario or run.scenario).settings.currency
    summary = run.summary
    literal = has_literal_npv(summary)
    header = ["case", "status", "NPV", *(["literal NPV"] if literal else []), "vs Base",
              "BAU NPV", "emissions tCO2e", "short tCO2e", "retrofits", "Base plan here",
              "regret"]
    rows = []
    for record in summary.to_dict("records"):
        rows.append([
            str(record["case"]), str(record["status"]),
            _money(record["objective"], currency),
            *([_money(record["objective_literal"], currency)] if literal else []),
            _money(record["difference_to_base"], currency, signed=True),
            _money(record["bau_objective"], currency),
            format_number(record["emissions_tco2e"]),
            format_number(record["shortfall_total"]),
            format_number(record["retrofits"]),
            _money(record["base_plan_objective"], currency),
            _money(record["regret"], currency),
        ])
    lines = _table(header, rows, right=set(range(2, len(header))))
    notes = [(r.name, r.note) for r in run.results if r.note]
    if notes:
        lines.append("")
        lines += [f"{name}: {note}" for name, note in notes]
    study = getattr(run, "study_lines", None)
    if callable(study):
        extra = study(currency)
        if extra:
            lines += ["", *extra]
    if run.cancelled:
        lines += ["", "Stopped before every case had finished."]
    where = f"this machine, {run.jobs} jobs" if run.backend == "local" else run.backend
    lines += ["", f"{len(run.results)} runs in {run.seconds:.1f} s on {where}."]
    return "\n".join(lines)
