"""What the commands print: the plan's summary and JSON, the issues, and a JSON-safe stdout."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from planner.convert import finite_number
from planner.errors import Issue
from planner.exit_codes import exit_code_of
from planner.plan import Plan, Status
from planner.scenario import Scenario


def solve_exit_code(plan: Plan) -> int:
    """The exit status of ``planner solve`` for the plan (exit_codes.py)."""
    return int(exit_code_of(plan.status))


def plan_json(plan: Plan, full: bool = False) -> dict[str, Any]:
    """The ``solve --json`` object with every key of interfaces.md and regimes.md; with
    ``full``, every Plan Annual line per year under ``annual``."""
    has_tables = not plan.annual.empty
    data: dict[str, Any] = {
        "status": str(plan.status),
        "objective": finite_number(plan.objective),
        "bau_objective": finite_number(plan.bau_objective),
        "objective_literal": finite_number(plan.objective_literal),
        "bau_objective_literal": finite_number(plan.bau_objective_literal),
        "gap": finite_number(plan.gap),
        "solver": plan.solver or None,
        "found_by": plan.found_by or None,
        "proved_by": plan.proved_by or None,
        "solve_seconds": finite_number(plan.solve_seconds),
        "emissions_by_year": ({str(y): v for y, v in plan.emissions_by_year.items()}
                              if has_tables else {}),
        "caps_by_year": ({str(y): v for y, v in plan.caps_by_year.items()}
                         if has_tables else {}),
        "retrofits": [
            {"vessel_id": str(r.vessel_id), "technology": str(r.technology), "year": int(r.year)}
            for r in plan.retrofits.itertuples(index=False)
        ],
        "errors": [
            {"sheet": i.sheet, "cell": i.cell, "message": i.message}
            for i in plan.issues if i.is_error
        ],
    }
    if plan.status is Status.ERROR and plan.message:
        data["errors"].append({"sheet": "", "cell": "", "message": plan.message})
    if plan.diagnosis is not None and plan.status is Status.INFEASIBLE:
        data["shortfall_by_year"] = {str(y): v for y, v in
                                     plan.diagnosis.shortfall_by_year.items()}
        data["shortfall_total"] = plan.diagnosis.shortfall_total
        data["limits"] = plan.diagnosis.limits
    if full and has_tables:
        data["annual"] = {
            str(int(row["year"])): {name: finite_number(value) for name, value in row.items()
                                    if name != "year"}
            for row in plan.annual.to_dict("records")}
    return data


def regime_rows(plan: Plan, currency: str) -> list[tuple[str, str]]:
    """The compliance lines of the summary: the regimes' money and units over the horizon."""
    if not plan.has_regimes:
        return []
    annual = plan.annual

    def total(name: str) -> float:
        return float(annual[name].fillna(0.0).sum()) if name in annual else 0.0

    rows = [("Literal NPV", _money(plan.objective_literal, currency)),
            ("Literal BAU", _money(plan.bau_objective_literal, currency))]
    penalty, literal = total("fueleu_penalty"), total("fueleu_penalty_literal")
    if penalty or literal or total("fueleu_balance_tco2e"):
        deficit_years = int((annual["fueleu_deficit_tco2e"].fillna(0.0) > 1e-6).sum())
        rows.append(("FuelEU penalty", f"{penalty:,.0f} {currency} (literal {literal:,.0f}; "
                                       f"{deficit_years} year{'s' * (deficit_years != 1)} "
                                       "in deficit)"))
        rows.append(("FuelEU banked/borrowed", f"{total('fueleu_banked_tco2e'):,.0f} / "
                                               f"{total('fueleu_borrowed_tco2e'):,.0f} tCO2e"))
        if total("fueleu_rfnbo_penalty"):
            rows.append(("FuelEU RFNBO penalty", _money(total("fueleu_rfnbo_penalty"),
                                                        currency)))
    if total("ets_tco2e"):
        rows.append(("EU ETS", f"{total('ets_tco2e'):,.0f} tCO2e, "
                               f"{total('carbon'):,.0f} {currency}"))
    if total("nzf_tier1_units") or total("nzf_tier2_units") or total("nzf_surplus_earned"):
        rows.append(("NZF remedial units", f"Tier 1 {total('nzf_tier1_units'):,.0f} tCO2e "
                                           f"({total('nzf_tier1'):,.0f} {currency}), Tier 2 "
                                           f"{total('nzf_tier2_units'):,.0f} tCO2e "
                                           f"({total('nzf_tier2'):,.0f} {currency})"))
        rows.append(("NZF surplus units", f"{total('nzf_surplus_earned'):,.0f} earned, "
                                          f"{total('nzf_surplus_used'):,.0f} used"))
    return rows


def _money(value: float | None, currency: str) -> str:
    return "-" if value is None else f"{value:,.0f} {currency}"


def print_plan_summary(plan: Plan, scenario: Scenario, out: Any = None) -> None:
    """The plan in a planner's words: outcome, key figures, retrofits, emissions by year."""
    out = out or sys.stdout
    currency = scenario.settings.currency

    def say(text: str = "") -> None:
        print(text, file=out)

    say(plan.message or f"Status: {plan.status}")
    if plan.status is Status.ERROR:
        return
    if plan.status is Status.INVALID:
        for issue in plan.issues:
            say(f"  {issue}")
        return
    rows = _summary_rows(plan, currency)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        say(f"  {label.ljust(width)}  {value}")
    if plan.diagnosis is not None and plan.status is Status.INFEASIBLE:
        say()
        say(f"The caps cannot be met: {plan.diagnosis.shortfall_total:,.0f} tCO2e short in "
            "total at best.")
        for line in plan.diagnosis.sentences(currency):
            say(f"  {line}")
    say()
    _print_retrofits(plan, currency, say)
    if not plan.annual.empty:
        say()
        _print_years(plan, currency, say)


def _summary_rows(plan: Plan, currency: str) -> list[tuple[str, str]]:
    """(label, value) of the plan's key figures."""
    rows = [
        ("Status", str(plan.status) + (f" (gap {plan.gap:.3%})" if plan.gap is not None
                                       and plan.status.meets_caps
                                       else "")),
        ("Solver", f"{plan.solver}, {plan.solve_seconds:.1f} s"
                   + (f"; {plan.provenance}" if plan.provenance else "")),
        ("Net present cost", _money(plan.objective, currency)),
        ("Business as usual", _money(plan.bau_objective, currency)),
    ]
    if plan.objective is not None and plan.bau_objective is not None:
        rows.append(("Against BAU", f"{plan.objective - plan.bau_objective:+,.0f} {currency}"))
    if plan.abatement_cost is not None:
        rows.append(("Abatement cost", f"{plan.abatement_cost:,.1f} {currency}/tCO2e"))
    if plan.cumulative_emissions is not None:
        rows.append(("Cumulative emissions", f"{plan.cumulative_emissions:,.0f} tCO2e"))
    return rows + regime_rows(plan, currency)


def _print_retrofits(plan: Plan, currency: str, say: Callable[[str], None]) -> None:
    if plan.retrofits.empty:
        say("No retrofits.")
        return
    say(f"Retrofits ({len(plan.retrofits)}):")
    for r in plan.retrofits.sort_values(["year", "vessel_id"]).itertuples(index=False):
        say(f"  {int(r.year)}  {r.vessel_id:<12}  {r.technology}  ({r.capex:,.0f} {currency})")


def _print_years(plan: Plan, currency: str, say: Callable[[str], None]) -> None:
    say(f"  {'year':>4}  {'emissions tCO2e':>16}  {'cap tCO2e':>14}  {'total ' + currency:>16}")
    for r in plan.annual.itertuples(index=False):
        cap = "-" if r.cap_tco2e is None or r.cap_tco2e != r.cap_tco2e \
            else f"{r.cap_tco2e:,.0f}"
        say(f"  {int(r.year):>4}  {r.emissions_tco2e:>16,.0f}  {cap:>14}  {r.total:>16,.0f}")

def print_issues(issues: Sequence[Issue], stream: object = None) -> None:
    """Every issue on its own line, errors first, with sheet and cell."""
    out = stream or sys.stdout
    errors = [i for i in issues if i.is_error]
    warnings = [i for i in issues if not i.is_error]
    for label, group in (("error", errors), ("warning", warnings)):
        for issue in group:
            print(f"{label}: {issue}", file=out)  # type: ignore[arg-type]


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Point file descriptor 1 at standard error (solver banners must not spoil JSON)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
