"""The report's closing pages: the what-if cases side by side, and the assumptions with sources."""

from __future__ import annotations

import pandas as pd

from planner import schema
from planner.board_report import charts
from planner.board_report.layout import Document, TableColumn
from planner.board_report.source import ReportSource, cell_text, source_column
from planner.convert import is_blank
from planner.reports import format_money, format_number
from planner.scenario import year_columns

RESULTS = schema.CASES_RESULTS
YEARS_PER_TABLE = 9  # series columns per table before it is split into a second one


def cases_pages(doc: Document, source: ReportSource) -> None:
    results = source.cases.get(RESULTS.name)
    if results is None or results.empty:
        return
    currency = source.currency
    doc.start_page("What-if cases", "What-if cases side by side", intro=(
        "Each case is the plan re-solved with the changes of the workbook's Cases "
        "sheet. \"Against Base\" is the case's net present cost minus Base's; "
        "\"Regret\" is what holding Base's retrofits in the case would cost above "
        "the case's own best plan."))
    if source.cases_stale:
        doc.paragraph("Note: the inputs or the cases changed after these results were "
                      "computed; run the cases again for results of the current inputs.",
                      bold=True)

    def money(value: object) -> str:
        return format_money(None if is_blank(value) else float(value), currency)  # type: ignore[arg-type]

    rows = []
    for record in results.to_dict("records"):
        rows.append([str(record["case"]), str(record["status"]), money(record["objective"]),
                     format_money(None if is_blank(record["difference_to_base"])
                                  else float(record["difference_to_base"]), currency,
                                  signed=True),
                     format_number(record["emissions_tco2e"]),
                     format_number(record["shortfall_total"]),
                     format_number(record["retrofits"]), money(record["regret"])])
    names = ("case", "status", "objective", "difference_to_base", "emissions_tco2e",
             "shortfall_total", "retrofits", "regret")
    weights = (1.8, 0.9, 1.1, 1.1, 1.2, 1.0, 0.8, 1.0)
    doc.table([TableColumn(RESULTS.column(n).heading(currency, "" if n in (
        "objective", "difference_to_base", "regret") else None), w,
        "left" if i < 2 else "right") for i, (n, w) in enumerate(zip(names, weights,
                                                                      strict=True))], rows)
    notes = [f"{r['case']}: {r['note']}" for r in results.to_dict("records")
             if not is_blank(r["note"])]
    if notes:
        doc.bullets(notes, size=8.5)
    annual = source.cases.get(schema.CASES_ANNUAL.name)
    if annual is not None and not annual.empty:
        series = {}
        for case in dict.fromkeys(annual["case"]):
            rows_of = annual[annual["case"] == case]
            series[str(case)] = pd.Series(
                pd.to_numeric(rows_of["emissions_tco2e"], errors="coerce").to_numpy(),
                index=[int(y) for y in rows_of["year"]])
        first = annual[annual["case"] == annual["case"].iloc[0]]
        caps = pd.Series(pd.to_numeric(first["cap_tco2e"], errors="coerce").to_numpy(),
                         index=[int(y) for y in first["year"]])
        doc.subheading("Emissions of each case")
        doc.chart(300, lambda figure, rect: charts.lines_chart(
            figure, rect, series, "Emissions (tCO2e per year)", caps,
            f"Emissions cap ({annual['case'].iloc[0]})"))


def assumptions_pages(doc: Document, source: ReportSource) -> None:
    scenario = source.scenario
    currency = source.currency
    doc.start_page("Assumptions", intro=(
        "The inputs this plan was solved for, as the workbook gives them, with the "
        "sources its source columns name."))
    doc.subheading("Settings")
    rows = []
    for column in schema.SETTINGS:
        value = scenario.setting(column.name)
        text = cell_text(value, column, currency)
        unit = column.unit_label(currency)
        if text == "–":
            text = column.default_label
        elif unit and unit != "year" and not text.endswith("%"):
            text = f"{text} {unit}"
        rows.append([column.title, text, column.description])
    doc.table([TableColumn("Setting", 1.3), TableColumn("Value", 1.3),
               TableColumn("Meaning", 3.0)], rows)
    _input_table(doc, schema.FUELS, scenario.fuels, currency,
                 ("fuel", "family", "lcv_mj_per_kg", "wtt_gco2e_per_mj", "ttw_gco2e_per_mj",
                  "max_blend_share", "available_from"), "Fuels")
    _series_table(doc, schema.FUEL_PRICES, scenario.fuel_prices, currency,
                  f"Fuel prices ({currency} per tonne; years between are interpolated)")
    if not scenario.fuel_supply.empty:
        _series_table(doc, schema.FUEL_SUPPLY, scenario.fuel_supply, currency,
                      "Fuel supply (most tonnes per year; blank = unlimited)")
    _input_table(doc, schema.TARGETS, scenario.targets, currency,
                 tuple(schema.TARGETS.column_names), "Targets (years between are interpolated)")
    _input_table(doc, schema.TECHNOLOGIES, scenario.technologies, currency,
                 ("technology", "kind", "capex_fixed", "capex_per_kw", "opex_per_year",
                  "energy_saving", "off_hire_days", "available_from"), "Technologies")


def _input_table(doc: Document, sheet: schema.Sheet, table: pd.DataFrame, currency: str,
                 names: tuple[str, ...], title: str) -> None:
    if table.empty:
        return
    doc.subheading(title)
    source = source_column(table)
    columns = [sheet.column(n) for n in names]
    header = [TableColumn(c.heading(currency), 1.6 if i == 0 else 1.0,
                          "right" if c.is_numeric and c.type is not schema.ColumnType.YEAR
                          else "left") for i, c in enumerate(columns)]
    if source is not None:
        header.append(TableColumn("Source", 2.4))
    rows = []
    for record in table.to_dict("records"):
        row = [cell_text(record[c.name], c, currency) for c in columns]
        if source is not None:
            row.append(cell_text(record[source]))
        rows.append(row)
    doc.table(header, rows, size=7.0)


def _series_table(doc: Document, sheet: schema.Sheet, table: pd.DataFrame, currency: str,
                  title: str) -> None:
    if table.empty:
        return
    years = year_columns(table)
    source = source_column(table)
    doc.subheading(title)
    for start in range(0, max(len(years), 1), YEARS_PER_TABLE):
        shown = years[start:start + YEARS_PER_TABLE]
        last = start + YEARS_PER_TABLE >= len(years)
        header = [TableColumn("Fuel", 1.6)] + [TableColumn(str(y), 0.8, "right")
                                               for y in shown]
        with_source = source is not None and last
        if with_source:
            header.append(TableColumn("Source", 3.2))
        rows = []
        for record in table.to_dict("records"):
            row = [cell_text(record["fuel"])] + [cell_text(record[y]) for y in shown]
            if with_source:
                row.append(cell_text(record[source]))
            rows.append(row)
        doc.table(header, rows, size=7.0)
