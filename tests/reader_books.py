"""Small workbooks for the reader tests, built with openpyxl cell by cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

Rows = list[list[object]]


def valid_sheets() -> dict[str, Rows]:
    """A small scenario that validates without errors: two vessels, two fuels."""
    return {
        "Settings": [
            ["setting", "value", "unit", "description"],
            ["start_year", 2026, "year", None],
            ["end_year", 2030, "year", None],
            ["discount_rate", 0.08, None, None],
        ],
        "Fleet": [
            ["vessel_id", "name", "type", "build_year", "baseline_fuel", "annual_fuel_t"],
            ["IMO1", "Alpha", "Container", 2012, "VLSFO", 9000],
            ["IMO2", "Beta", "Bulk", 2015, "VLSFO", 6000],
        ],
        "Fuels": [
            ["fuel", "family", "lcv_mj_per_kg", "wtt_gco2e_per_mj", "ttw_gco2e_per_mj",
             "max_blend_share"],
            ["VLSFO", "oil", 41, 13.2, 76.4, None],
            ["Bio-methanol", "methanol", 19.9, 12, 1, 0.8],
        ],
        "FuelPrices": [
            ["fuel", 2026, 2030],
            ["VLSFO", 600, 700],
            ["Bio-methanol", 1200, 1000],
        ],
        "Technologies": [
            ["technology", "kind", "enables", "capex_fixed"],
            ["Methanol conversion", "conversion", "methanol", 2000000],
        ],
        "Targets": [
            ["year", "cap_tco2e", "carbon_price_per_tco2e"],
            [2026, None, 80],
            [2030, 40000, 100],
        ],
    }


def write_book(path: Path, sheets: dict[str, Rows],
               formats: dict[tuple[str, str], str] | None = None,
               text_cells: set[tuple[str, str]] | None = None) -> Path:
    """An .xlsx of the given sheets (row 1 first); ``formats`` sets number formats by
    (sheet, cell) and ``text_cells`` forces text (so "=..." is not a formula)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row_index, values in enumerate(rows, start=1):
            for column_index, value in enumerate(values, start=1):
                if value is not None:
                    sheet.cell(row=row_index, column=column_index, value=value)
    for (title, cell), number_format in (formats or {}).items():
        book[title][cell].number_format = number_format
    for title, cell in text_cells or set():
        book[title][cell].data_type = "s"
    book.save(path)
    return path


def save_formula_result(path: Path, sheet_title: str, formula: str, result: str) -> None:
    """Give a formula openpyxl wrote (``<f>..</f><v />``) a saved result, as Excel does."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    book = openpyxl.load_workbook(path, read_only=True)
    part = book[sheet_title]._worksheet_path.lstrip("/")
    book.close()
    old = f"<f>{formula}</f><v />".encode()
    assert old in parts[part], "formula not found in the sheet XML"
    parts[part] = parts[part].replace(old, f"<f>{formula}</f><v>{result}</v>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
