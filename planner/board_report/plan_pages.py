"""The report's plan pages: title, key figures, emissions against caps, costs, fuel mix, diagnosis.

Every figure comes from planner.reports (the numbers the app and the command line
show) or straight from the plan's tables; the report only words and draws them.
"""

from __future__ import annotations

import pandas as pd

from planner import colors, reports, schema
from planner.board_report import charts
from planner.board_report.layout import CONTENT_WIDTH, MARGIN_X, Document, TableColumn
from planner.board_report.source import ReportSource
from planner.plan import Status
from planner.reports import format_money, format_number, format_share

STATUS_WORDS = {
    Status.OPTIMAL: "Optimal plan",
    Status.FEASIBLE: "Feasible plan (stopped before optimality was proven)",
    Status.INFEASIBLE: "The caps cannot be met: the plan shown comes closest",
    Status.INVALID: "The inputs have errors",
    Status.ERROR: "No plan",
}
ANNUAL = schema.PLAN_ANNUAL


def _money_exact(value: float | None, currency: str) -> str:
    return format_number(value, 0, currency)


def _millions(value: float) -> str:
    return format_number(value / 1e6, 1)


def _solver_name(solver: str) -> str:
    return {"highs": "HiGHS", "cbc": "CBC"}.get(solver, solver or "–")


def status_line(source: ReportSource, solver: bool = True) -> str:
    """'Optimal plan, optimality gap 0.10% (HiGHS, 6.5 s)'."""
    plan = source.plan
    words = STATUS_WORDS.get(plan.status, str(plan.status))
    if plan.gap is not None:
        words += f", optimality gap {format_share(plan.gap, 2)}"
    details = ", ".join(part for part in (
        _solver_name(plan.solver) if solver and plan.solver else "",
        f"solved in {plan.solve_seconds:,.1f} s" if plan.solve_seconds else "") if part)
    return f"{words} ({details})" if details else words


def fleet_line(source: ReportSource) -> str:
    """'20 vessels (18 Container, 2 Methanol DF container), 2026–2050'."""
    fleet = source.scenario.fleet
    types = [str(t).strip() for t in fleet["type"] if isinstance(t, str) and t.strip()]
    counts = pd.Series(types, dtype=object).value_counts() if types else pd.Series(dtype=int)
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in counts.items())
    vessels = len(reports.vessel_order(source.plan, source.scenario))
    years = source.years
    horizon = f"{years[0]}–{years[-1]}" if years else ""
    return f"{vessels:,} vessels" + (f" ({kinds})" if kinds else "") + f", {horizon}"


def title_page(doc: Document, source: ReportSource) -> None:
    plan = source.plan
    doc.new_page("Title")
    doc.y = 150
    doc.text(MARGIN_X, doc.y, "Fleet transition plan", size=28, bold=True)
    doc.y += 44
    doc.text(MARGIN_X, doc.y, fleet_line(source), size=13)
    doc.y += 26
    doc.rule(MARGIN_X, MARGIN_X + CONTENT_WIDTH, doc.y, width=1.2, color="black")
    doc.y += 22
    solved = plan.solved_at.replace("T", " ").replace("+00:00", " UTC") or "–"
    rows = [
        ("Workbook", source.workbook_name or "–"),
        ("Outcome", status_line(source)),
        ("In a sentence", plan.message or "–"),
        ("Plan solved", solved),
        ("Report made", source.created.strftime("%Y-%m-%d %H:%M UTC")),
        ("Input fingerprint", plan.input_fingerprint or "–"),
    ]
    for label, value in rows:
        lines = doc.measure.wrap(value, CONTENT_WIDTH - 130, 10.5)
        doc.text(MARGIN_X, doc.y, label, size=10.5, bold=True)
        for line in lines:
            doc.text(MARGIN_X + 130, doc.y, line, size=10.5)
            doc.y += 15
        doc.y += 5
    if plan.stale:
        doc.y += 6
        doc.paragraph("Note: the workbook's inputs changed after this plan was solved "
                      "(the input fingerprint differs). The figures are those of the saved "
                      "plan; solve again for a plan of the current inputs.", bold=True)
    doc.contents_at = doc.y + 20


def key_figures_page(doc: Document, source: ReportSource) -> None:
    """The key figures of the plan against business as usual, then its years."""
    doc.start_page("Key figures")
    doc.table([TableColumn("Figure", 2.3), TableColumn("Value", 1.6, "right"),
               TableColumn("Detail", 2.6)], _key_figure_rows(source), size=9.0)
    doc.subheading("Year by year")
    _year_by_year(doc, source)


def _key_figure_rows(source: ReportSource) -> list[tuple[str, str, str]]:
    """(figure, value, detail) of the key figures table."""
    plan = source.plan
    figures = reports.key_figures(plan)
    currency = source.currency
    years = source.years
    horizon = f"{years[0]}–{years[-1]}" if years else "the horizon"
    npv_label = ("Net present cost of the plan that comes closest to the caps"
                 if figures["npv_is_elastic"] else "Net present cost of the plan")
    rows: list[tuple[str, str, str]] = [
        (npv_label, format_money(figures["npv"], currency),
         _money_exact(figures["npv"], currency) + f", discounted to {years[0] if years else ''}"),
        ("Net present cost of business as usual", format_money(figures["bau_npv"], currency),
         _money_exact(figures["bau_npv"], currency) + "; no retrofits, today's fuels"),
        ("Plan against business as usual",
         format_money(figures["npv_vs_bau"], currency, signed=True),
         format_share(figures["npv_vs_bau_share"], signed=True) + " of business as usual"),
        ("Abatement cost", format_number(figures["abatement_cost"], 2, f"{currency}/tCO2e"),
         "extra net present cost per tCO2e avoided"),
        (f"Cumulative emissions {horizon}",
         format_number(figures["cumulative_emissions_tco2e"], 0, "tCO2e"),
         "business as usual " + format_number(figures["bau_cumulative_emissions_tco2e"], 0,
                                              "tCO2e")),
        ("Emissions avoided", format_number(figures["emissions_avoided_tco2e"], 0, "tCO2e"),
         format_share(figures["emissions_avoided_share"]) + " of business as usual"),
        ("Retrofits", format_number(figures["retrofit_count"]),
         f"on {len(set(map(str, plan.retrofits['vessel_id']))):,} vessels"),
        ("Retrofit capex", format_money(figures["retrofit_capex"], currency),
         _money_exact(figures["retrofit_capex"], currency) + ", undiscounted"),
    ]
    penalty = figures["penalty_total"]
    if penalty:
        over = figures["years_over_cap"]
        rows.append(("Cap penalties paid", format_money(penalty, currency),
                     "undiscounted; above a soft cap in " + _years_words(over)))
    if figures["shortfall_total"] is not None:
        rows.append(("Short of the hard caps", format_number(figures["shortfall_total"], 0,
                                                             "tCO2e"),
                     "in " + _years_words(figures["shortfall_years"]) + "; see the diagnosis"))
    rows.append(("Solver", _solver_name(plan.solver), status_line(source, solver=False)))
    return rows


def _year_by_year(doc: Document, source: ReportSource) -> None:
    """Emissions, cap, business as usual and cost of each year, with their totals."""
    currency = source.currency
    annual = reports.annual(source.plan)
    columns = [TableColumn(ANNUAL.column("year").title, 0.6),
               TableColumn(ANNUAL.column("emissions_tco2e").heading(currency), 1.2, "right"),
               TableColumn(ANNUAL.column("cap_tco2e").heading(currency), 1.2, "right"),
               TableColumn(ANNUAL.column("bau_emissions_tco2e").heading(currency), 1.3,
                           "right"),
               TableColumn(ANNUAL.column("total").heading(currency, f"M {currency}"), 1.0,
                           "right"),
               TableColumn(ANNUAL.column("discounted_total").heading(currency, f"M {currency}"),
                           1.1, "right")]
    table_rows = [[str(year), format_number(row["emissions_tco2e"]),
                   format_number(row["cap_tco2e"]), format_number(row["bau_emissions_tco2e"]),
                   _millions(row["total"]), _millions(row["discounted_total"])]
                  for year, row in annual.iterrows()]
    table_rows.append(["Total", format_number(annual["emissions_tco2e"].sum()), "",
                       format_number(annual["bau_emissions_tco2e"].sum()),
                       _millions(annual["total"].sum()),
                       _millions(annual["discounted_total"].sum())])
    doc.table(columns, table_rows, bold_rows=frozenset({len(table_rows) - 1}))


def _years_words(years: list[int]) -> str:
    if not years:
        return "no year"
    return ", ".join(str(y) for y in years[:12]) + (f" and {len(years) - 12} more years"
                                                    if len(years) > 12 else "")


def emissions_page(doc: Document, source: ReportSource) -> None:
    plan = source.plan
    annual = reports.annual(plan)
    doc.start_page("Emissions against the caps", intro=(
        "The fleet's emissions each year under the plan, against the absolute cap "
        "and against business as usual (no retrofits, today's fuels), by the caps' "
        f"scope ({_scope(source)})."))
    over = reports.years_over_cap(plan)
    doc.chart(330, lambda figure, rect: charts.emissions_chart(figure, rect, annual, over))
    if annual["intensity_cap_gco2e_per_mj"].notna().any():
        doc.subheading("Emission intensity against the intensity cap")
        doc.chart(250, lambda figure, rect: charts.intensity_chart(figure, rect, annual))
    if over:
        doc.paragraph("Years above a cap: " + _years_words(over) + ". "
                      + ("Soft caps are paid for at the cap penalty."
                         if plan.status is not Status.INFEASIBLE
                         else "The diagnosis says what holds these years back."))


def _scope(source: ReportSource) -> str:
    scope = source.scenario.settings.emission_scope
    return "well-to-wake" if scope != "ttw" else "tank-to-wake"


def costs_page(doc: Document, source: ReportSource) -> None:
    plan = source.plan
    currency = source.currency
    costs = reports.costs_by_kind(plan)
    labels = reports.cost_labels(plan)
    # The regime payments are cost kinds of their own (reports.COST_KINDS), in the total.
    kinds = [k for k in reports.COST_KINDS if costs[k].abs().sum() > 0.5]
    doc.start_page("Costs by year", intro=(
        f"What the plan spends each year, undiscounted, in millions of {currency}. "
        "Salvage (the value left in technologies at the end of the horizon) is a "
        "credit and shows below zero. The diamonds are each year's total."))
    millions = costs[kinds] / 1e6
    doc.chart(330, lambda figure, rect: charts.stacked_bars(
        figure, rect, millions, labels, f"Cost (M {currency} per year)",
        total=costs[reports.TOTAL] / 1e6,
        fills={**colors.COST_COLORS, "regimes": colors.YELLOW}))
    columns = [TableColumn("Year", 0.8)] + [
        TableColumn(labels[k] if k == "regimes" or labels[k] == reports.ETS_LABEL
                    else ANNUAL.column(k).title, 1.0, "right")
        for k in kinds] + [
        TableColumn("Total", 1.0, "right")]
    rows = [[str(year)] + [_millions(row[k]) for k in kinds] + [_millions(row[reports.TOTAL])]
            for year, row in costs.iterrows()]
    rows.append(["Total"] + [_millions(costs[k].sum()) for k in kinds]
                + [_millions(costs[reports.TOTAL].sum())])
    doc.subheading(f"Costs by year (M {currency}, undiscounted)")
    doc.table(columns, rows, bold_rows=frozenset({len(rows) - 1}))


def fuel_mix_page(doc: Document, source: ReportSource) -> None:
    plan = source.plan
    currency = source.currency
    energy = reports.fuel_mix(plan, "energy_gj")
    doc.start_page("Fuel mix")
    if energy.empty or not len(energy.columns):
        doc.paragraph("The plan burns no fuel.")
        return
    doc.paragraph("Each fuel's share of the energy the fleet uses each year. The table "
                  "gives each fuel's totals over the horizon.")
    totals = energy.sum(axis=1).replace(0.0, float("nan"))
    shares = charts.largest(energy, other="Other fuels").div(totals, axis=0).fillna(0.0) * 100
    fills = _family_fills(list(shares.columns), reports.fuel_families(source.scenario))
    doc.chart(330, lambda figure, rect: charts.stacked_bars(
        figure, rect, shares, {}, "Share of the fleet's energy (%)", percent=True,
        fills=fills))
    tonnes = reports.fuel_mix(plan, "tonnes")
    cost = reports.fuel_mix(plan, "cost")
    whole = float(energy.to_numpy().sum())
    rows = []
    for fuel in energy.columns:
        used = float(energy[fuel].sum())
        years = [int(y) for y, v in energy[fuel].items() if v > 0]
        rows.append([str(fuel), format_number(used), format_share(used / whole if whole else None),
                     format_number(float(tonnes[fuel].sum()) if fuel in tonnes else None),
                     _millions(float(cost[fuel].sum())) if fuel in cost else "–",
                     f"{years[0]}–{years[-1]}" if years else "–"])
    doc.table([TableColumn("Fuel", 1.5), TableColumn("Energy (GJ)", 1.3, "right"),
               TableColumn("Share of energy", 0.9, "right"),
               TableColumn("Fuel bought (t)", 1.2, "right"),
               TableColumn(f"Fuel cost (M {currency})", 1.1, "right"),
               TableColumn("Years used", 0.9, "center")], rows)


def _family_fills(fuels: list[str], families: dict[str, str]) -> dict[str, str]:
    """Each fuel in its family's colour, as in the app (fuels of one family differ by
    hatch); families without a colour of their own take the spare colours in turn."""
    spare: dict[str, str] = {}
    fills = {}
    for fuel in fuels:
        family = families.get(str(fuel).strip(), "")
        if family in colors.FAMILY_COLORS:
            fills[fuel] = colors.FAMILY_COLORS[family]
        else:
            if family not in spare:
                spare[family] = colors.OTHER_COLORS[len(spare) % len(colors.OTHER_COLORS)]
            fills[fuel] = spare[family]
    return fills


def diagnosis_page(doc: Document, source: ReportSource) -> None:
    plan = source.plan
    if plan.status is not Status.INFEASIBLE or plan.diagnosis is None:
        return
    diagnosis = plan.diagnosis
    doc.start_page("Why the caps cannot be met", intro=(
        f"No plan meets every hard cap. The plan in this report comes closest: it "
        f"emits {format_number(diagnosis.shortfall_total)} tCO2e more than the hard "
        f"caps allow, in {_years_words(plan.shortfall_years)}. Year by year, with what "
        "holds each year back:"))
    doc.bullets(diagnosis.sentences(source.currency))
    sheet = schema.PLAN_DIAGNOSIS
    rows = [[str(y.year), format_number(y.cap_tco2e), format_number(y.emissions_tco2e),
             format_number(y.shortfall_tco2e),
             ", ".join(y.limit_details or y.limits) or "–"] for y in diagnosis.years]
    doc.table([TableColumn(sheet.column("year").title, 0.6),
               TableColumn(sheet.column("cap_tco2e").heading(source.currency), 1.1, "right"),
               TableColumn(sheet.column("emissions_tco2e").heading(source.currency), 1.2,
                           "right"),
               TableColumn(sheet.column("shortfall_tco2e").heading(source.currency), 1.1,
                           "right"),
               TableColumn(sheet.column("limits").title, 2.4)], rows)
