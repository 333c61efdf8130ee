"""The Futures and Uncertainty sheets and the robust settings of robust.md: read, checked by
cell all at once, written and read back."""

from __future__ import annotations

import math

import pytest
from whatif_scenarios import two_ship_scenario, with_cases

from planner import schema
from planner.convert import Percent
from planner.robust_inputs.futures import read_futures
from planner.robust_inputs.settings import robust_settings
from planner.robust_inputs.uncertainty import read_uncertainty
from planner.scenario import Scenario, make_table
from planner.validation import validate

CASES = [("High carbon", "Targets.carbon_price_per_tco2e", None, "scale", 2),
         ("Dear fuel", "FuelPrices", "family:oil", "scale", "130%")]


def with_futures(rows: list[tuple], scenario: Scenario | None = None) -> Scenario:
    result = with_cases(scenario or two_ship_scenario(), CASES)
    result.set_table("Futures", make_table(schema.FUTURES, [
        dict(zip(schema.FUTURES.column_names, row, strict=False)) for row in rows]))
    result.present_sheets.add("Futures")
    return result


def with_uncertainty(rows: list[dict]) -> Scenario:
    result = two_ship_scenario()
    result.set_table("Uncertainty", make_table(schema.UNCERTAINTY, rows))
    result.present_sheets.add("Uncertainty")
    return result


def errors(scenario: Scenario, sheet: str) -> list[str]:
    return [str(i) for i in validate(scenario) if i.is_error and i.sheet == sheet]


def test_without_a_futures_sheet_base_and_every_case_are_equally_likely() -> None:
    found = read_futures(with_cases(two_ship_scenario(), CASES))
    assert found.names == ["Base", "High carbon", "Dear fuel"]
    assert all(math.isclose(f.probability, 1 / 3) for f in found.futures)
    assert read_futures(with_futures([(None, None)])).names == found.names  # no data rows


def test_blank_probabilities_share_what_is_left_and_given_ones_stay_as_given() -> None:
    found = read_futures(with_futures([(" high CARBON ", Percent(0.25)), ("Base", None),
                                       ("Dear fuel", None)]))
    assert found.issues == []
    assert found.names == ["High carbon", "Base", "Dear fuel"]
    assert [f.probability for f in found.futures] == [0.25, 0.375, 0.375]
    exact = read_futures(with_futures([("Base", 0.4999995), ("Dear fuel", 0.5)]))
    assert exact.issues == [] and exact.futures[0].probability == 0.4999995  # not rescaled


def test_a_zero_probability_excludes_the_future() -> None:
    found = read_futures(with_futures([("Base", 0.0), ("Dear fuel", 1.0)]))
    assert found.names == ["Dear fuel"] and [f.name for f in found.excluded] == ["Base"]


def test_every_futures_problem_by_cell_at_once() -> None:
    scenario = with_futures([
        (None, 0.1),               # A2 blank case
        ("Nowhere", 0.1),          # A3 unknown
        ("Base", 0.1),
        ("base", 0.1),             # A5 listed twice
        ("Dear fuel", 25),         # B6 percent hint
    ])
    found = errors(scenario, "Futures")
    assert [m.split(":")[0] for m in found] == ["Futures!A2", "Futures!A3", "Futures!A5",
                                                "Futures!B6"]
    assert "did you mean 25%?" in found[3]
    assert '"Nowhere" is neither Base nor a case' in found[1]


def test_probabilities_above_one_are_named_at_the_first_cell_that_passes_it() -> None:
    found = errors(with_futures([("Base", 0.5), ("High carbon", 0.4), ("Dear fuel", 0.2)]),
                   "Futures")
    assert len(found) == 1 and found[0].startswith("Futures!B4:")


def test_given_probabilities_short_of_one_with_no_blank_name_the_last_given_cell() -> None:
    found = errors(with_futures([("Base", 0.5), ("High carbon", 0.3), ("Dear fuel", None),
                                 ("Dear fuel", 0.1)]), "Futures")
    assert [m.split(":")[0] for m in found] == ["Futures!A5"]  # the blank one is a duplicate
    short = errors(with_futures([("Base", 0.5), ("High carbon", 0.3)]), "Futures")
    assert len(short) == 1 and short[0].startswith("Futures!B3:") and "0.8" in short[0]


def test_a_missing_case_column_names_the_sheet_and_the_column(tmp_path) -> None:
    from openpyxl import load_workbook

    from planner.workbook import read_workbook
    from planner.workbook.writer import save_scenario

    path = tmp_path / "futures.xlsx"
    save_scenario(with_futures([("Base", 0.5), ("High carbon", 0.5)]), str(path))
    book = load_workbook(path)
    book["Futures"]["A1"] = "not a column"
    book.save(path)
    loaded = read_workbook(str(path)).scenario
    found = [str(i) for i in validate(loaded) if i.is_error and i.sheet == "Futures"]
    assert found and found[0].startswith("Futures!case:")


def test_robust_settings_defaults_and_the_commit_year_range() -> None:
    scenario = two_ship_scenario()
    default = robust_settings(scenario)
    assert (default.commit_until_year, default.risk_weight, default.cvar_alpha) == (2035, 0, 0.9)
    scenario.set_setting("commit_until_year", 2025)
    scenario.set_setting("risk_weight", Percent(0.3))
    scenario.set_setting("cvar_alpha", Percent(0.75))
    read = robust_settings(scenario)
    assert (read.commit_until_year, read.risk_weight, read.cvar_alpha) == (2025, 0.3, 0.75)
    scenario.set_setting("commit_until_year", 2024)
    scenario.set_setting("cvar_alpha", 1.0)
    scenario.set_setting("risk_weight", 30)
    found = errors(scenario, "Settings")
    assert len(found) == 3
    assert any("commit_until_year must be between start_year - 1 (2025" in m for m in found)
    assert any("did you mean 30%?" in m for m in found)


def test_a_case_cannot_change_the_robust_settings() -> None:
    scenario = with_cases(two_ship_scenario(), [("X", "Settings.risk_weight", None, "set", 1)])
    assert any("unknown parameter" in str(i) for i in validate(scenario) if i.is_error)


def _row(**fields: object) -> dict:
    return fields


def test_a_valid_uncertainty_sheet_is_read() -> None:
    sheet = read_uncertainty(with_uncertainty([
        _row(parameter="fuelprices", item="family:oil", distribution="Triangular", low=0.8,
             mode=1.0, high=Percent(1.5), from_year=2031, group="Fuel"),
        _row(parameter="Targets.carbon_price_per_tco2e", distribution="lognormal", mean=1.2,
             sd=0.4, high=4),
        _row(parameter="Technologies.capex_fixed", item="Rotor sails", distribution="uniform",
             low=0.9, high=1.3),
        _row(parameter="FuelPrices", item="HVO", distribution="normal", mean=1, sd=0.2,
             low=0.5, group="FUEL"),
    ]))
    assert sheet.issues == []
    assert [r.parameter_name for r in sheet.rows] == [
        "FuelPrices", "Targets.carbon_price_per_tco2e", "Technologies.capex_fixed",
        "FuelPrices"]
    assert [r.group for r in sheet.rows] == ["fuel", "", "", "fuel"]
    assert sheet.rows[0].high == 1.5 and sheet.rows[0].change.from_year == 2031
    assert sheet.rows[3].support() == (0.5, math.inf)


def test_every_uncertainty_problem_by_cell_at_once() -> None:
    scenario = with_uncertainty([
        _row(parameter="Fleet.build_year", distribution="uniform", low=0.9, high=1.1),  # A2
        _row(parameter="Fuels.nothing", distribution="uniform", low=0.9, high=1.1),  # A3
        _row(parameter="FuelPrices", item="Diesel", distribution="uniform", low=1,
             high=2),  # B4
        _row(parameter="Fuels.lcv_mj_per_kg", distribution="gamma"),  # C5
        _row(parameter="FuelPrices", distribution="triangular", low=0.9, high=1.2),  # E6
        _row(parameter="FuelPrices", distribution="uniform", low=0.9, mode=1, high=1.2),  # E7
        _row(parameter="FuelPrices", distribution="triangular", low=-0.1, mode=1,
             high=1.2),  # D8
        _row(parameter="FuelPrices", distribution="triangular", low=1, mode=0.9,
             high=1.2),  # E9
        _row(parameter="FuelPrices", distribution="triangular", low=0.8, mode=1,
             high=0.9),  # F10
        _row(parameter="FuelPrices", distribution="normal", mean=1, sd=-0.1),  # H11
        _row(parameter="FuelPrices", distribution="lognormal", mean=0, sd=0.1),  # G12
        _row(parameter="Settings.discount_rate", distribution="normal", mean=1, sd=0.1,
             from_year=2030),  # I13
        _row(parameter="FuelPrices", distribution="uniform", low=1, high=1.1, from_year=2033,
             to_year=2030),  # J14
    ])
    found = errors(scenario, "Uncertainty")
    assert [m.split(":")[0] for m in found] == [
        "Uncertainty!A2", "Uncertainty!A3", "Uncertainty!B4", "Uncertainty!C5",
        "Uncertainty!E6", "Uncertainty!E7", "Uncertainty!D8", "Uncertainty!E9",
        "Uncertainty!F10", "Uncertainty!H11", "Uncertainty!G12", "Uncertainty!I13",
        "Uncertainty!J14"]


def test_the_example_of_robust_md_word_for_word() -> None:
    scenario = with_uncertainty([
        _row(parameter="Fuels.max_blend_share", item="HVO", distribution="uniform", low=0.5,
             high=1.5)])
    scenario.tables["Fuels"].at[2, "max_blend_share"] = 0.8
    assert errors(scenario, "Uncertainty") == [
        "Uncertainty!F2: with high 1.5, Fuels.max_blend_share of HVO (0.8 in Base) could be "
        "1.2; it must be between 0 and 1"]


@pytest.mark.parametrize("row,cell", [
    (_row(parameter="Fuels.max_blend_share", item="HVO", distribution="normal", mean=1,
          sd=0.1), "C2"),  # unbounded high
    (_row(parameter="Fuels.lcv_mj_per_kg", distribution="normal", mean=1, sd=0.1), "C2"),
    (_row(parameter="Fuels.lcv_mj_per_kg", distribution="uniform", low=0, high=1.2), "D2"),
])
def test_an_unbounded_or_reachable_bad_end_is_named(row: dict, cell: str) -> None:
    found = errors(with_uncertainty([row]), "Uncertainty")
    assert len(found) == 1 and found[0].startswith(f"Uncertainty!{cell}:")


def test_a_lognormal_lcv_is_fine_without_low_and_a_clip_at_low_makes_a_normal_fine() -> None:
    assert errors(with_uncertainty([
        _row(parameter="Fuels.lcv_mj_per_kg", distribution="lognormal", mean=1, sd=0.1,
             high=2),
        _row(parameter="Fuels.lcv_mj_per_kg", distribution="normal", mean=1, sd=0.1, low=0.5,
             high=2),
    ]), "Uncertainty") == []


def test_futures_uncertainty_and_settings_survive_a_round_trip(tmp_path) -> None:
    from planner.workbook import load_scenario
    from planner.workbook.writer import save_scenario

    scenario = with_futures([("Base", Percent(0.4)), ("High carbon", None)])
    scenario.set_table("Uncertainty", make_table(schema.UNCERTAINTY, [
        _row(parameter="FuelPrices", item="family:oil", distribution="triangular", low=0.8,
             mode=1, high=Percent(1.5), group="fuel", description="oil price")]))
    scenario.present_sheets.add("Uncertainty")
    scenario.set_setting("commit_until_year", 2030)
    scenario.set_setting("risk_weight", 0.25)
    path = tmp_path / "robust.xlsx"
    save_scenario(scenario, str(path))
    loaded = load_scenario(str(path))
    assert read_futures(loaded).names == ["Base", "High carbon"]
    assert [f.probability for f in read_futures(loaded).futures] == pytest.approx([0.4, 0.6])
    rows = read_uncertainty(loaded).rows
    assert len(rows) == 1 and rows[0].high == 1.5 and rows[0].description == "oil price"
    assert robust_settings(loaded).commit_until_year == 2030
    assert robust_settings(loaded).risk_weight == 0.25
    assert loaded.fingerprint(include_robust=True) == scenario.fingerprint(include_robust=True)


def test_the_plan_fingerprint_ignores_the_robust_inputs() -> None:
    scenario = two_ship_scenario()
    before = scenario.fingerprint()
    changed = with_futures([("Base", 1.0)])
    changed.set_setting("risk_weight", 0.5)
    assert changed.fingerprint() == before
    assert changed.fingerprint(include_robust=True) != before


def test_planner_robust_on_a_workbook_with_errors_exits_1_with_every_error(
        tmp_path, capsys) -> None:
    import json

    from planner.cli import main
    from planner.workbook.writer import save_scenario

    scenario = with_futures([("Nowhere", 0.5), ("Base", 25)])
    path = tmp_path / "bad.xlsx"
    save_scenario(scenario, str(path))
    assert main(["robust", str(path), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "invalid" and out["objective"] is None
    assert [(e["sheet"], e["cell"]) for e in out["errors"]] == [("Futures", "A2"),
                                                                ("Futures", "B3")]
