"""Compliance at a glance: per regime in force, its yearly lines from Plan Annual (Qt-free).

The app's Compliance charts draw these; every number is a Plan Annual column of
regimes.md, so a plan read back from a workbook shows the same as a fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner import schema
from planner.plan import Plan

_ANNUAL = schema.PLAN_ANNUAL
_COMPLIANCE = schema.PLAN_COMPLIANCE


@dataclass(frozen=True)
class RegimeLines:
    """One regime's chart: the quantity lines (tCO2e, signed as drawn) and its payments."""

    key: str  # fueleu, ets, nzf
    title: str
    lines: pd.DataFrame  # by year, the quantity columns in drawing order
    payments: pd.DataFrame  # by year, the money columns the tooltips name


# Quantities per regime in drawing order; a line drawn below zero has the sign -1.
FUELEU_LINES = (("fueleu_balance_tco2e", 1), ("fueleu_banked_tco2e", 1),
                ("fueleu_borrowed_tco2e", 1), ("fueleu_deficit_tco2e", -1))
ETS_LINES = (("ets_tco2e", 1),)
NZF_LINES = (("nzf_tier1_units", 1), ("nzf_tier2_units", 1), ("nzf_surplus_earned", 1),
             ("nzf_surplus_used", 1))
# Lines shown in the tooltips only (the literal balance beside the model's).
FUELEU_EXTRA = ("fueleu_balance_literal_tco2e",)
PAYMENTS = {"fueleu": ("fueleu_penalty", "fueleu_penalty_literal", "fueleu_rfnbo_penalty"),
            "ets": ("carbon",), "nzf": ("nzf_tier1", "nzf_tier2")}
TITLES = {"fueleu": "FuelEU Maritime balance", "ets": "EU ETS emissions",
          "nzf": "IMO NZF units (draft)"}
# Plan Compliance columns that are filled for a vessel-year where the regime is in force.
IN_FORCE_MARKS = {"fueleu": "fueleu_energy_gj", "ets": "ets_tco2e", "nzf": "nzf_gfi_gco2e_per_mj"}
_DRAWN = {"fueleu": FUELEU_LINES, "ets": ETS_LINES, "nzf": NZF_LINES}


def _numbers(plan: Plan, names: tuple[str, ...]) -> pd.DataFrame:
    annual = plan.annual
    frame = pd.DataFrame({name: pd.to_numeric(annual[name], errors="coerce").fillna(0.0)
                          if name in annual else 0.0 for name in names}, index=annual.index)
    frame.index = pd.Index([int(y) for y in annual["year"]], name="year")
    return frame.sort_index().astype(float)


def regimes_in_force(plan: Plan) -> list[str]:
    """The regimes (fueleu, ets, nzf) in force for some vessel and year of the plan."""
    found = []
    compliance = plan.compliance
    for key, mark in IN_FORCE_MARKS.items():
        marked = (mark in compliance and bool(pd.to_numeric(compliance[mark], errors="coerce")
                                             .notna().any()))
        drawn = _numbers(plan, tuple(name for name, _sign in _DRAWN[key])) \
            if not plan.annual.empty else pd.DataFrame()
        if marked or bool(drawn.abs().to_numpy().sum() > 0):
            found.append(key)
    return found


def regime_lines(plan: Plan) -> list[RegimeLines]:
    """Per regime in force: its lines year by year (signed as drawn) and its payments."""
    if plan.annual.empty:
        return []
    shown = []
    for key in regimes_in_force(plan):
        drawn = _DRAWN[key]
        lines = _numbers(plan, tuple(name for name, _sign in drawn))
        for name, sign in drawn:
            lines[name] = lines[name] * sign
        if key == "fueleu":
            lines = lines.join(_numbers(plan, FUELEU_EXTRA))
        shown.append(RegimeLines(key, TITLES[key], lines, _numbers(plan, PAYMENTS[key])))
    return shown


def drawn_columns(key: str) -> tuple[str, ...]:
    """The columns of a regime's chart, in drawing order (the others are tooltip lines)."""
    return tuple(name for name, _sign in _DRAWN[key])


# A chart's legend: what each bar is, in a compliance manager's words.
LEGEND = {
    "fueleu_balance_tco2e": "Balance", "fueleu_banked_tco2e": "Banked",
    "fueleu_borrowed_tco2e": "Borrowed", "fueleu_deficit_tco2e": "Deficit paid",
    "ets_tco2e": "Charged", "nzf_tier1_units": "Tier 1", "nzf_tier2_units": "Tier 2",
    "nzf_surplus_earned": "Surplus earned", "nzf_surplus_used": "Used",
}
# The same in full, for the tooltips.
WORDS = {
    "fueleu_balance_tco2e": "Balance (surplus above 0, deficit below)",
    "fueleu_banked_tco2e": "Banked into the next year",
    "fueleu_borrowed_tco2e": "Borrowed from the next year",
    "fueleu_deficit_tco2e": "Deficit that pays the penalty",
    "ets_tco2e": "Emissions charged (phase-in applied)",
    "nzf_tier1_units": "Tier 1 units bought",
    "nzf_tier2_units": "Tier 2 units bought",
    "nzf_surplus_earned": "Surplus units earned",
    "nzf_surplus_used": "Surplus units used",
}


def line_title(name: str, short: bool = False) -> str:
    """A chart line in the planner's words: short for a legend, else in full (a Plan
    Annual column that is no chart line: its label)."""
    return (LEGEND if short else WORDS).get(name) or _ANNUAL.column(name).title
