"""The report's robust page: the plan that holds across the futures, from the Robust sheets.

Drawn only when the workbook holds the results of ``planner robust`` (the Robust
Summary and Robust Futures sheets); every figure is a cell of those sheets.
"""

from __future__ import annotations

import pandas as pd

from planner import schema
from planner.board_report.layout import Document, TableColumn
from planner.board_report.source import ReportSource
from planner.convert import finite_number, is_blank
from planner.reports import (
    format_money,
    format_number,
    format_share,
    vessel_names,
    within_gap,
)

SUMMARY = schema.ROBUST_SUMMARY
FUTURES = schema.ROBUST_FUTURES
RETROFITS = schema.ROBUST_RETROFITS
UNITS = {name: unit for name, _words, unit in schema.ROBUST_SUMMARY_METRICS}
# The figures a board reads, in order: a planner's label and its meaning in words
# ({tail}: the share of probability the CVaR looks at).
SHOWN = (
    ("expected_npv", "Expected net present cost",
     "The plan's net present cost averaged over the futures, each weighed by its probability"),
    ("cvar", "Net present cost in the worst futures (CVaR)",
     "The average cost over the costliest futures that together hold {tail} of the "
     "probability"),
    ("objective", "Objective (expected cost and CVaR weighed)",
     "What the plan was chosen to minimise: the expected cost, with the worst futures "
     "weighed in by the weight below"),
    ("vss", "Value of planning for the futures (VSS)",
     "How much more it would cost on average to plan for Base alone: sign Base's retrofits "
     "of the committed years, then adapt in each future"),
    ("evpi", "Value of knowing the future (EVPI)",
     "How much less it would cost on average if the future were known before signing: the "
     "most any forecast could be worth, and what hedging costs on average"),
    ("base_commit_expected_npv", "Expected cost of committing to Base's plan",
     "The average cost of signing Base's retrofits of the committed years, then adapting in "
     "each future"),
    ("shortfall_total", "Expected tCO2e above the hard caps",
     "Emissions above the hard caps, averaged over the futures (0: every cap is met)"),
    ("risk_weight", "Weight on the worst futures",
     "0%: only the expected cost counts; 100%: only the cost of the worst futures"),
    ("cvar_alpha", "CVaR level",
     "The worst futures are the costliest {tail} of the probability"),
    ("commit_until_year", "Retrofits committed now up to",
     "Retrofits up to this year are signed now, the same in every future; later ones adapt"),
    ("futures", "Futures", "The futures that take part (Base and the cases of the Futures "
     "sheet)"),
)


def _metrics(table: pd.DataFrame) -> dict[str, object]:
    return {schema.normalize(m): v for m, v in zip(table["metric"], table["value"],
                                                    strict=True)}


def _value(value: object, unit: str, currency: str) -> str:
    if is_blank(value):
        return "–"
    if isinstance(value, str) and unit:
        text = value
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return text
    if unit == "{currency}":
        return format_money(float(value), currency)  # type: ignore[arg-type]
    if unit == "fraction":
        return format_share(float(value))  # type: ignore[arg-type]
    if unit == "year":
        return str(int(float(value)))  # type: ignore[arg-type]
    if unit:
        return format_number(float(value), 0, unit.replace("{currency}", currency))  # type: ignore[arg-type]
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def _gap_note(name: str, metrics: dict[str, object]) -> str:
    """For a VSS or EVPI below 0 within the solves' gap: it means nothing measurable."""
    value = finite_number(metrics.get(name)) if name in ("vss", "evpi") else None
    gap, objective = finite_number(metrics.get("gap")), finite_number(metrics.get("objective"))
    return " (within the gap: none)" if value is not None and within_gap(
        value, gap, objective) else ""


def robust_pages(doc: Document, source: ReportSource) -> None:
    summary = source.cases.get(SUMMARY.name)
    futures = source.cases.get(FUTURES.name)
    if summary is None or summary.empty or futures is None or futures.empty:
        return
    currency = source.currency
    metrics = _metrics(summary)
    doc.new_page("Robust plan")
    doc.heading("Robust plan across the futures")
    doc.paragraph("The retrofits to commit to now so that the plan holds across the "
                  "workbook's futures (its Futures sheet), the rest adapted in each future "
                  f"as it unfolds; outcome: {metrics.get('status') or '–'}.")
    fingerprint = metrics.get("input_fingerprint")
    if fingerprint and fingerprint != source.scenario.fingerprint(include_robust=True):
        doc.paragraph("Note: the inputs changed after these results were computed; run "
                      "planner robust again for results of the current inputs.", bold=True)
    alpha = finite_number(metrics.get("cvar_alpha"))
    tail = format_share(1.0 - alpha, 0) if alpha is not None else "a share"
    rows = [[label, _value(metrics.get(name), UNITS[name], currency) + _gap_note(name, metrics),
             words.format(tail=tail)] for name, label, words in SHOWN if name in metrics]
    doc.table([TableColumn("Figure", 2.2), TableColumn("Value", 1.3, "right"),
               TableColumn("Meaning", 3.0)], rows, size=8.0)
    money = {"npv", "alone_objective", "hedging_cost", "base_commit_objective"}
    names = ("future", "probability", "status", "npv", "alone_objective", "hedging_cost",
             "base_commit_objective", "emissions_tco2e", "shortfall_total", "retrofits")
    columns = [FUTURES.column(n) for n in names]
    doc.subheading("Each future")
    body = []
    for record in futures.to_dict("records"):
        row = []
        for column in columns:
            value = record[column.name]
            if column.name in money:
                row.append("–" if is_blank(value) else format_money(float(value), currency))
            elif column.name == "probability":
                row.append("–" if is_blank(value) else format_share(float(value)))
            elif column.is_numeric:
                row.append(format_number(None if is_blank(value) else float(value)))
            else:
                row.append("" if is_blank(value) else str(value))
        body.append(row)
    doc.table([TableColumn(c.heading(currency, "" if c.name in money | {"probability"} else None),
                           1.4 if i == 0 else 1.0, "left" if i in (0, 2) else "right")
               for i, c in enumerate(columns)], body, size=7.0)
    notes = [f"{r['future']}: {r['note']}" for r in futures.to_dict("records")
             if not is_blank(r.get("note"))]
    if notes:
        doc.bullets(notes, size=8.0)
    retrofits = source.cases.get(RETROFITS.name)
    if retrofits is not None and not retrofits.empty:
        committed = retrofits[[schema.normalize(f) == "all" for f in retrofits["future"]]]
        doc.subheading("Committed now")
        if committed.empty:
            doc.paragraph("No retrofit needs to be committed now: every future adapts.")
            return
        ship_names = vessel_names(source.scenario)
        rows = [[str(int(r["year"])), str(r["vessel_id"]),
                 ship_names.get(str(r["vessel_id"]).strip(), ""),
                 str(r["technology"])]
                for r in committed.sort_values("year", kind="stable").to_dict("records")]
        doc.table([TableColumn(RETROFITS.column("year").title, 0.6),
                   TableColumn(RETROFITS.column("vessel_id").title, 1.0),
                   TableColumn(schema.FLEET.column("name").title, 1.8),
                   TableColumn(RETROFITS.column("technology").title, 2.4)], rows)
