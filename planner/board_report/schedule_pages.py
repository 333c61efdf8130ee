"""The report's retrofit pages: the schedule (vessels by years, or by class for big fleets), the list.

A schedule grid of a few dozen vessels reads well split across pages; for hundreds
the grid would be pages of near-empty rows, so the schedule is summarised by vessel
type and technology (how many vessels are retrofitted each year) and the retrofit
list that follows still names every vessel.
"""

from __future__ import annotations

import math

import pandas as pd

from planner import reports, schema
from planner.board_report.layout import Document, TableColumn
from planner.board_report.source import ReportSource
from planner.convert import is_blank
from planner.reports import format_money, format_number, vessel_names

GRID_MOST_VESSELS = 120  # above this the schedule is summarised by class
RETROFITS = schema.PLAN_RETROFITS
CODES = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def _retrofits(source: ReportSource) -> pd.DataFrame:
    """Plan Retrofits with clean vessel ids, whole years and numbers, sorted by year."""
    table = source.plan.retrofits
    return pd.DataFrame({
        "vessel_id": [str(v).strip() for v in table["vessel_id"]],
        "technology": [str(t).strip() for t in table["technology"]],
        "year": [int(y) for y in table["year"]],
        "capex": pd.to_numeric(table["capex"], errors="coerce").astype(float),
        "off_hire_days": pd.to_numeric(table["off_hire_days"], errors="coerce").astype(float),
    }).sort_values(["year", "vessel_id", "technology"], kind="stable")


def _types(source: ReportSource) -> dict[str, str]:
    fleet = source.scenario.fleet
    return {str(v).strip(): ("" if is_blank(t) else str(t).strip())
            for v, t in zip(fleet["vessel_id"], fleet["type"], strict=True)}


def schedule_pages(doc: Document, source: ReportSource) -> None:
    retrofits = _retrofits(source)
    doc.start_page("Retrofit schedule")
    if retrofits.empty:
        doc.paragraph("The plan retrofits no vessel.")
        return
    vessels = reports.vessel_order(source.plan, source.scenario)
    if len(vessels) <= GRID_MOST_VESSELS:
        _grid(doc, source, retrofits, vessels)
    else:
        _by_class(doc, source, retrofits, len(vessels))


def _grid(doc: Document, source: ReportSource, retrofits: pd.DataFrame,
          vessels: list[str]) -> None:
    technologies = list(dict.fromkeys(retrofits["technology"]))
    codes = {tech: CODES[i] if i < len(CODES) else str(i + 1)
             for i, tech in enumerate(technologies)}
    doc.paragraph("Which vessel is retrofitted in which year; the letters name the "
                  "technologies: " + "; ".join(f"{codes[t]} = {t}" for t in technologies)
                  + ". Vessels without a retrofit are listed too.")
    years = source.years
    names = vessel_names(source.scenario)
    cells: dict[tuple[str, int], str] = {}
    for row in retrofits.itertuples():
        key = (row.vessel_id, row.year)
        cells[key] = cells.get(key, "") + codes[row.technology]
    short = len(years) > 16
    columns = [TableColumn("Vessel", 6.5)] + [
        TableColumn(f"’{y % 100:02d}" if short else str(y), 1.0, "center") for y in years]
    rows = [[_vessel_words(v, names)] + [cells.get((v, y), "") for y in years]
            for v in vessels]
    doc.table(columns, rows, size=6.5,
              fill=lambda r, c: "0.80" if c > 0 and rows[r][c] else None)
    if short:
        doc.paragraph(f"Years are written ’{years[0] % 100:02d} for {years[0]}.", size=7.5,
                      color="0.3")


def _vessel_words(vessel: str, names: dict[str, str]) -> str:
    name = names.get(vessel, "")
    return f"{name} ({vessel})" if name else vessel


def _by_class(doc: Document, source: ReportSource, retrofits: pd.DataFrame,
              vessels: int) -> None:
    types = _types(source)
    retrofits = retrofits.assign(kind=[types.get(v, "") or "Other" for v in
                                       retrofits["vessel_id"]])
    several_types = retrofits["kind"].nunique() > 1
    doc.paragraph(f"The fleet has {vessels:,} vessels: the schedule is summarised as the "
                  "number of vessels that get each technology in each year"
                  + (", by vessel type" if several_types else "")
                  + ". The retrofit list that follows names every vessel.")
    years = [y for y in source.years if y in set(retrofits["year"])]
    counts = retrofits.groupby(["kind", "technology", "year"]).size()
    groups = list(dict.fromkeys(zip(retrofits["kind"], retrofits["technology"], strict=True)))
    chunk = 14  # year columns per table: the counts stay legible at 7 pt
    for start in range(0, len(years), chunk):
        shown = years[start:start + chunk]
        columns = [TableColumn("Vessel type · technology" if several_types else "Technology",
                               4.0)] + [TableColumn(str(y), 1.0, "right") for y in shown] + [
            TableColumn("All years", 1.2, "right")]
        rows = []
        for kind, tech in groups:
            label = f"{kind} · {tech}" if several_types else tech
            values = [int(counts.get((kind, tech, y), 0)) for y in shown]
            total = int(sum(counts.get((kind, tech, y), 0) for y in years))
            rows.append([label] + [f"{v:,}" if v else "" for v in values] + [f"{total:,}"])
        totals = [int(sum(counts.get((k, t, y), 0) for k, t in groups)) for y in shown]
        rows.append(["All retrofits"] + [f"{v:,}" for v in totals] + [f"{len(retrofits):,}"])
        doc.table(columns, rows, size=7.0, bold_rows=frozenset({len(rows) - 1}))


def retrofit_list_pages(doc: Document, source: ReportSource) -> None:
    retrofits = _retrofits(source)
    if retrofits.empty:
        return
    currency = source.currency
    names = vessel_names(source.scenario)
    doc.start_page("Retrofit list")
    if len(reports.vessel_order(source.plan, source.scenario)) > GRID_MOST_VESSELS:
        _grouped_list(doc, retrofits, currency)
        return
    doc.paragraph(f"Every retrofit of the plan by year, with its investment ({currency}, "
                  "undiscounted) and the days the vessel is out of service.")
    rows = [[str(r.year), r.vessel_id, names.get(r.vessel_id, ""), r.technology,
             format_number(r.capex), format_number(_zero(r.off_hire_days))]
            for r in retrofits.itertuples()]
    rows.append(["Total", f"{retrofits['vessel_id'].nunique():,} vessels", "",
                 f"{len(retrofits):,} retrofits", format_number(retrofits["capex"].sum()),
                 format_number(retrofits["off_hire_days"].fillna(0.0).sum())])
    doc.table([TableColumn(RETROFITS.column("year").title, 0.55),
               TableColumn(RETROFITS.column("vessel_id").title, 0.9),
               TableColumn(schema.FLEET.column("name").title, 1.6),
               TableColumn(RETROFITS.column("technology").title, 2.2),
               TableColumn(RETROFITS.column("capex").heading(currency), 1.2, "right"),
               TableColumn(RETROFITS.column("off_hire_days").heading(currency), 0.8, "right")],
              rows, bold_rows=frozenset({len(rows) - 1}))
    doc.paragraph("Total investment: " + format_money(float(retrofits["capex"].sum()),
                                                      currency) + ".")


def _zero(value: float) -> float:
    return 0.0 if math.isnan(value) else value


def _grouped_list(doc: Document, retrofits: pd.DataFrame, currency: str) -> None:
    """The retrofits of a big fleet by year and technology, naming every vessel."""
    doc.paragraph(f"Every retrofit of the plan, by year and technology: how many vessels, "
                  f"their investment ({currency}, undiscounted) and days out of service, "
                  "and which vessels (by id).")
    groups = retrofits.groupby(["year", "technology"], sort=True)
    rows = [[str(year), str(tech), f"{len(group):,}", format_number(group["capex"].sum()),
             format_number(group["off_hire_days"].fillna(0.0).sum()),
             ", ".join(group["vessel_id"])] for (year, tech), group in groups]
    rows.append(["Total", "", f"{len(retrofits):,}", format_number(retrofits["capex"].sum()),
                 format_number(retrofits["off_hire_days"].fillna(0.0).sum()),
                 f"{retrofits['vessel_id'].nunique():,} vessels"])
    doc.table([TableColumn(RETROFITS.column("year").title, 0.5),
               TableColumn(RETROFITS.column("technology").title, 1.5),
               TableColumn("Vessels", 0.55, "right"),
               TableColumn(RETROFITS.column("capex").heading(currency), 1.1, "right"),
               TableColumn(RETROFITS.column("off_hire_days").heading(currency), 0.75, "right"),
               TableColumn("Vessel ids", 3.6)], rows, size=7.0,
              bold_rows=frozenset({len(rows) - 1}))
    doc.paragraph("Total investment: " + format_money(float(retrofits["capex"].sum()),
                                                      currency) + ".")
