"""The board's PDF: its text carries the plan's figures, long tables break, bad input is one line."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from planner import cli, reports, schema
from planner.board_report import (
    ReportCancelled,
    report_workbook,
    schedule_pages,
    source_from_workbook,
    write_report,
)
from planner.board_report.layout import Document, TableColumn
from planner.errors import PlannerError

OPTIMAL = "fleet-6v-15y-9102.xlsx"
INFEASIBLE = "tiny-9037.xlsx"


def _solved(checks_dir: Path, name: str, folder: Path) -> Path:
    """The workbook saved with its plan, as `planner solve WORKBOOK -o OUT` leaves it."""
    out = folder / name
    assert cli.main(["solve", str(checks_dir / name), "-o", str(out)]) in (0, 2)
    return out


@pytest.fixture(scope="module")
def solved(checks_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _solved(checks_dir, OPTIMAL, tmp_path_factory.mktemp("solved"))


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_the_report_carries_the_plans_npv_and_years_and_counts_its_pages(solved, tmp_path):
    source = source_from_workbook(solved)
    out = tmp_path / "plan.pdf"
    result = write_report(source, out)
    pages = _pages(out)
    assert result.pages == len(pages) >= 8
    text = "\n".join(pages)
    plan = source.plan
    assert reports.format_number(plan.objective, 0, "USD") in text  # the exact NPV
    assert reports.format_money(plan.objective, "USD") in text
    assert reports.format_number(plan.bau_objective, 0, "USD") in text
    years = sorted(int(y) for y in plan.annual["year"])
    year_rows = re.findall(r"^(\d{4}) [\d,]+", pages[result.sections[0][1] - 1], re.M)
    assert [int(y) for y in year_rows] == years  # Key figures: one row per plan year
    for year, emissions in zip(plan.annual["year"], plan.annual["emissions_tco2e"],
                               strict=True):
        assert f"{int(year)} {reports.format_number(emissions)}" in text
    titles = [title for title, _ in result.sections]
    assert titles[:6] == ["Key figures", "Emissions against the caps", "Costs by year",
                          "Fuel mix", "Retrofit schedule", "Retrofit list"]
    assert titles[-1] == "Assumptions"
    assert "Why the caps cannot be met" not in titles  # the caps are met
    assert "Compliance" not in titles  # no regime is on
    for title, first in result.sections:  # the contents point at each section's page
        assert pages[first - 1].splitlines()[0].endswith(title) or title in pages[first - 1]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert plan.input_fingerprint in pages[0]


def test_the_command_line_writes_the_report_and_says_so(solved, tmp_path, capsys):
    out = tmp_path / "board.pdf"
    assert cli.main(["report", str(solved), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"to {out}" in said and len(PdfReader(str(out)).pages) == int(
        re.search(r"\((\d+) pages\)", said).group(1))


def test_a_plan_whose_caps_cannot_be_met_gets_the_diagnosis(checks_dir, tmp_path):
    out = tmp_path / "short.pdf"
    source = source_from_workbook(checks_dir / INFEASIBLE, solve=True)
    result = write_report(source, out)
    titles = [title for title, _ in result.sections]
    assert "Why the caps cannot be met" in titles
    text = "\n".join(_pages(out))
    shortfall = source.plan.diagnosis.shortfall_total
    assert reports.format_number(shortfall) in text
    assert "comes closest" in text


def test_without_a_plan_and_without_solve_it_is_one_line_and_exit_1(checks_dir, tmp_path,
                                                                     capsys):
    out = tmp_path / "plan.pdf"
    assert cli.main(["report", str(checks_dir / OPTIMAL), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "holds no plan" in err and "--solve" in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("where", ["missing/plan.pdf", "."])
def test_an_unwritable_path_is_one_line_and_exit_1_before_any_solve(solved, tmp_path, capsys,
                                                                     where):
    out = tmp_path / where
    assert cli.main(["report", str(solved), "-o", str(out), "--solve"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("planner: Cannot")
    assert list(tmp_path.iterdir()) == []


def test_a_stopped_report_leaves_no_file(solved, tmp_path):
    out = tmp_path / "plan.pdf"
    with pytest.raises(ReportCancelled):
        write_report(source_from_workbook(solved), out, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_a_long_table_breaks_across_pages_with_its_header_on_each(tmp_path):
    doc = Document("head", "foot")
    doc.new_page("Long table")
    rows = [[str(i), f"{i * 1000:,}", "words " * (i % 5)] for i in range(150)]
    doc.table([TableColumn("Row number"), TableColumn("Amount (t)", align="right"),
               TableColumn("Remark", 3)], rows)
    doc.finish()
    out = tmp_path / "table.pdf"
    doc.write(out, {})
    pages = _pages(out)
    assert len(pages) >= 3
    for page in pages:
        assert "Row number" in page and "Amount (t)" in page
    found = [int(m) for page in pages for m in re.findall(r"^(\d+) [\d,]+", page, re.M)]
    assert found == list(range(150))  # every row once, in order, none cut


def test_a_big_fleet_gets_its_schedule_by_class_not_a_grid(solved, tmp_path, monkeypatch):
    monkeypatch.setattr(schedule_pages, "GRID_MOST_VESSELS", 3)
    out = tmp_path / "big.pdf"
    source = source_from_workbook(solved)
    write_report(source, out)
    text = "\n".join(_pages(out))
    assert "summarised as the number of vessels" in text and "All retrofits" in text
    count = len(source.plan.retrofits)
    assert f"{count:,} retrofits" in text


def test_what_if_results_in_the_workbook_are_shown_side_by_side(solved, tmp_path):
    source = source_from_workbook(solved)
    results = pd.DataFrame([{c: None for c in schema.CASES_RESULTS.column_names}
                            for _ in range(2)])
    results["case"] = ["Base", "Dear fuel"]
    results["status"] = ["optimal", "optimal"]
    results["objective"] = [source.plan.objective, source.plan.objective + 2.5e6]
    results["difference_to_base"] = [0.0, 2.5e6]
    results["emissions_tco2e"] = [1000.0, 1234567.0]
    results["note"] = [None, "fuel prices +50%"]
    annual = pd.DataFrame({"case": ["Base"] * 2 + ["Dear fuel"] * 2,
                           "year": [2026, 2027] * 2, "emissions_tco2e": [5.0, 4.0, 6.0, 3.0],
                           "cap_tco2e": [None, 4.5] * 2})
    source.cases = {schema.CASES_RESULTS.name: results, schema.CASES_ANNUAL.name: annual}
    out = tmp_path / "cases.pdf"
    result = write_report(source, out)
    assert "What-if cases" in [title for title, _ in result.sections]
    text = "\n".join(_pages(out))
    assert "Dear fuel" in text and "1,234,567" in text and "+2.5 M USD" in text
    assert "Dear fuel: fuel prices +50%" in text


def test_report_workbook_solves_first_when_asked(checks_dir, tmp_path):
    out = tmp_path / "solved-now.pdf"
    result = report_workbook(checks_dir / "tiny-9002.xlsx", out, solve=True)
    text = "\n".join(_pages(out))
    assert result.pages >= 8 and "Optimal plan" in text


def test_a_workbook_that_cannot_be_read_is_a_planner_error(tmp_path):
    with pytest.raises(PlannerError, match="not found"):
        source_from_workbook(tmp_path / "nothing.xlsx")


@pytest.mark.slow
def test_robust_results_in_the_workbook_get_their_page(checks_dir, tmp_path):
    """`planner robust -o` then `planner report --solve`: the Robust sheets' figures."""
    robust = tmp_path / "robust.xlsx"
    assert cli.main(["robust", str(checks_dir / "robust-tiny-9514.xlsx"), "-o",
                     str(robust)]) == 0
    source = source_from_workbook(robust, solve=True)
    summary = source.cases[schema.ROBUST_SUMMARY.name]
    expected = dict(zip(summary["metric"], summary["value"], strict=True))["expected_npv"]
    out = tmp_path / "robust.pdf"
    result = write_report(source, out)
    assert "Robust plan" in [title for title, _ in result.sections]
    text = "\n".join(_pages(out))
    assert "Robust plan across the futures" in text
    assert reports.format_money(float(expected), "USD") in text
    futures = source.cases[schema.ROBUST_FUTURES.name]
    for name in futures["future"]:
        assert str(name) in text


def test_no_chart_sticks_out_of_the_page_margins(solved):
    """Tick labels, axis titles and legends stay inside the text block: nothing clipped."""
    from planner.board_report.build import build_document
    from planner.board_report.layout import MARGIN_X, PAGE_WIDTH, drawing

    doc, _contents = build_document(source_from_workbook(solved))
    charts = 0
    with drawing():
        for page in doc.pages:
            renderer = page.canvas.get_renderer()
            for axes in page.axes:
                charts += 1
                box = axes.get_tightbbox(renderer)  # in points: the page is drawn at 72 dpi
                assert box.x0 >= MARGIN_X - 1 and box.x1 <= PAGE_WIDTH - MARGIN_X + 1
                assert box.y0 >= 40 and box.y1 <= page.bbox.height - 40
    assert charts >= 3


def test_text_outside_the_standard_fonts_is_written_plainly():
    from planner.board_report.layout import plain

    assert plain("gCO₂e – ’26 • €") == "gCO2e – ’26 • €"
    assert plain("北") == "?"


def test_a_plan_of_other_inputs_is_reported_with_a_note(solved, tmp_path, capsys):
    import openpyxl

    changed = tmp_path / "changed.xlsx"
    book = openpyxl.load_workbook(solved)
    sheet = book["Settings"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "discount_rate":
            row[1].value = 0.05  # the inputs change after the solve
    book.save(changed)
    out = tmp_path / "stale.pdf"
    assert cli.main(["report", str(changed), "-o", str(out)]) == 0
    assert "the inputs changed after this plan was solved" in capsys.readouterr().err
    title = _pages(out)[0]
    assert "inputs changed after this plan was solved" in " ".join(title.split())


def test_a_plan_under_the_regimes_gets_its_compliance_lines(checks_dir, tmp_path):
    source = source_from_workbook(checks_dir / "regimes-8v-12y-9444.xlsx", solve=True)
    plan = source.plan
    assert plan.has_regimes
    out = tmp_path / "regimes.pdf"
    result = write_report(source, out)
    titles = [title for title, _ in result.sections]
    assert "Compliance" in titles
    page = _pages(out)[dict(result.sections)["Compliance"] - 1]
    assert reports.format_money(plan.objective_literal, "USD") in page
    assert reports.format_money(plan.bau_objective_literal, "USD") in page
    for year in plan.annual["year"]:
        assert re.search(rf"^{int(year)} ", page, re.M)
    # The cost stack adds up to the plan's own total, regime payments included.
    costs = _pages(out)[dict(result.sections)["Costs by year"] - 1]
    total = reports.format_number(float(plan.annual["total"].sum()) / 1e6, 1)
    assert re.search(rf"^Total .* {re.escape(total)}$", costs, re.M)


def test_the_robust_page_says_what_each_figure_means_in_words():
    """The Meaning column reads as a planner's words, never as formula names."""
    from types import SimpleNamespace

    from planner.board_report.robust_pages import robust_pages
    from planner.plan import Status
    from planner.robust.result import FutureResult, RobustResult
    from planner.scenario import make_table, new_scenario

    result = RobustResult(Status.OPTIMAL, commit_until_year=2030, cvar_alpha=0.9)
    result.futures = {"Base": FutureResult("Base", 0.6, npv=100e6, alone_objective=99e6),
                      "Dear": FutureResult("Dear", 0.4, npv=130e6, alone_objective=127e6)}
    result.expected_npv = result.objective = 112e6
    result.cvar, result.vss, result.evpi, result.base_commit_expected_npv = 130e6, 2e6, 2e6, 114e6
    result.committed_retrofits = [("IMO1", "Rotor sails", 2027)]
    scenario = new_scenario(2026, 2035)
    scenario.set_table("Fleet", make_table(schema.FLEET, [{"vessel_id": "IMO1",
                                                           "name": "Alpha"}]))
    source = SimpleNamespace(cases=result.output_tables(), currency="USD", scenario=scenario)
    doc = Document("head", "foot")
    tables = []
    doc.table = lambda columns, rows, **_kw: tables.append(([c.header for c in columns], rows))
    robust_pages(doc, source)
    titles, rows = tables[0]
    assert titles[-1] == "Meaning" and len(rows) >= 8
    for label, _value, meaning in rows:
        assert not re.search(r"[a-z]+_[a-z_]+|\w - \w|\{", meaning), (label, meaning)
    meanings = {label: meaning for label, _value, meaning in rows}
    assert "10%" in meanings["Net present cost in the worst futures (CVaR)"]
    assert "plan for Base alone" in meanings["Value of planning for the futures (VSS)"]
    titles, rows = tables[-1]  # committed now: the ship's name beside its id
    assert rows == [["2027", "IMO1", "Alpha", "Rotor sails"]] and "Name" in titles
