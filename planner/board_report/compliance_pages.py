"""The report's compliance page: FuelEU, EU ETS and IMO Net-Zero Framework lines of the plan.

Drawn only when the plan carries regime figures (Plan.has_regimes: a regime was on);
every number is a regime column of the Plan Annual sheet (regimes.md), the NPVs with
the literal FuelEU penalty come from the plan.
"""

from __future__ import annotations

import pandas as pd

from planner import colors, schema
from planner.board_report import charts
from planner.board_report.layout import Document, TableColumn
from planner.board_report.source import ReportSource
from planner.optimize.regime_extract import MONEY_LINES
from planner.reports import format_money, format_number

ANNUAL = schema.PLAN_ANNUAL
# The regimes' money lines (part of each year's total), stacked in the chart and listed
# in the table (M currency).
MONEY = MONEY_LINES
# The regimes' tCO2e lines of the table.
UNITS = ("fueleu_balance_tco2e", "fueleu_deficit_tco2e", "ets_tco2e", "nzf_tier1_units",
         "nzf_tier2_units")
FILLS = {"fueleu_penalty": colors.VERMILLION, "fueleu_rfnbo_penalty": colors.ORANGE,
         "nzf_tier1": colors.SKY_BLUE, "nzf_tier2": colors.BLUE}


def _lines(plan_annual: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """The regime columns the plan has, as floats by year, those not all zero."""
    present = [n for n in names if n in plan_annual.columns]
    table = pd.DataFrame({n: pd.to_numeric(plan_annual[n], errors="coerce").fillna(0.0)
                          for n in present})
    table.index = pd.Index([int(y) for y in plan_annual["year"]], name="year")
    table = table.sort_index()
    return table[[n for n in present if table[n].abs().sum() > 1e-6]]


def regime_payments(source: ReportSource) -> pd.Series | None:
    """Each year's regime payments (the money lines the plan's total holds besides the
    cost kinds), or None when no regime is on."""
    if not source.plan.has_regimes:
        return None
    money = _lines(source.plan.annual, MONEY)
    return money.sum(axis=1) if len(money.columns) else None


def compliance_pages(doc: Document, source: ReportSource) -> None:
    plan = source.plan
    if not plan.has_regimes:
        return
    currency = source.currency
    doc.start_page("Compliance", "Compliance with the regimes", intro=(
        "The plan under FuelEU Maritime, the EU ETS and the IMO Net-Zero "
        "Framework, as far as the workbook switches them on (its Settings and "
        "Regimes sheets). The optimizer prices the FuelEU penalty on the "
        "pooled balance; the literal figures apply the regulation's own formula "
        "(actual intensity, consecutive deficits), as regimes.md sets out."))
    money = _lines(plan.annual, MONEY + ("fueleu_penalty_literal",))
    units = _lines(plan.annual, UNITS)
    rows = [
        ["Net present cost, FuelEU penalty as the model prices it",
         format_money(plan.objective, currency)],
        ["Net present cost, literal FuelEU penalty",
         format_money(plan.objective_literal, currency)],
        ["Business as usual, literal FuelEU penalty",
         format_money(plan.bau_objective_literal, currency)],
    ]
    for name in money.columns:
        rows.append([f"{ANNUAL.column(name).title} over the horizon (undiscounted)",
                     format_money(float(money[name].sum()), currency)])
    if "fueleu_deficit_tco2e" in units:
        deficit = units["fueleu_deficit_tco2e"]
        years = [str(y) for y, v in deficit.items() if v > 1e-6]
        rows.append(["Years with a FuelEU deficit", ", ".join(years) or "none"])
    doc.table([TableColumn("Figure", 3.0), TableColumn("Value", 1.6, "right")], rows,
              size=8.5)
    stacked = money[[c for c in MONEY if c in money.columns]]
    if not stacked.empty and len(stacked.columns):
        labels = {n: ANNUAL.column(n).title for n in stacked.columns}
        doc.chart(250, lambda figure, rect: charts.stacked_bars(
            figure, rect, stacked / 1e6, labels,
            f"Regime payments (M {currency} per year)", fills=FILLS))
    columns = [TableColumn("Year", 0.6)]
    shown_money = list(money.columns)
    columns += [TableColumn(ANNUAL.column(n).heading(currency, f"M {currency}"), 1.0,
                            "right") for n in shown_money]
    columns += [TableColumn(ANNUAL.column(n).heading(currency), 1.0, "right")
                for n in units.columns]
    table = []
    for year in money.index.union(units.index):
        row = [str(year)]
        row += [format_number(money.at[year, n] / 1e6, 2) for n in shown_money]
        row += [format_number(units.at[year, n]) for n in units.columns]
        table.append(row)
    doc.subheading("Year by year")
    doc.table(columns, table, size=7.0)
