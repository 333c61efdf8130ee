"""The regime rules and inputs: default series, the filling rule, scope shares, the literal
penalty worked by hand, and the Settings rows, Fleet/Fuels columns and Regimes sheet read,
checked by cell, written back and read again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planner import schema
from planner.regimes import rules
from planner.regimes.inputs import RegimeData
from planner.resolve import resolve
from planner.scenario import make_table
from planner.validation import validate
from planner.workbook.reader import read_workbook
from planner.workbook.writer import save_scenario


def errors(scenario) -> list[str]:
    return [str(issue) for issue in validate(scenario) if issue.is_error]


# --- the rules ------------------------------------------------------------------------

def test_default_series_are_the_regulations_steps() -> None:
    years = range(2023, 2052)
    limit = rules.fill_series("fueleu_limit_gco2e_per_mj", {}, years)
    assert limit[2024] is None and limit[2025] == 89.3368 and limit[2029] == 89.3368
    assert limit[2030] == 85.6904 and limit[2051] == 18.2320
    penalty = rules.fill_series("fueleu_penalty_per_t_vlsfo", {}, years, currency_per_eur=1.1)
    assert penalty[2024] is None and penalty[2025] == pytest.approx(2640.0)
    ets = rules.fill_series("ets_surrender_share", {}, years)
    assert (ets[2023], ets[2024], ets[2025], ets[2026], ets[2040]) == (None, 0.4, 0.7, 1.0, 1.0)
    base = rules.fill_series("nzf_base_target_gco2e_per_mj", {}, years)
    direct = rules.fill_series("nzf_direct_target_gco2e_per_mj", {}, years)
    assert base[2027] is None and base[2028] == pytest.approx(93.3 * 0.96)
    assert base[2031] == pytest.approx(93.3 * (1 - 0.124))
    assert direct[2035] == pytest.approx(93.3 * (1 - 0.30 - 0.13))
    assert base[2045] == pytest.approx(93.3 * 0.35)
    tier2 = rules.fill_series("nzf_tier2_price_per_tco2e", {}, years, currency_per_usd=0.9)
    assert tier2[2027] is None and tier2[2033] == pytest.approx(342.0)
    assert rules.is_extrapolated("nzf_tier1_price_per_tco2e", 2031)
    assert not rules.is_extrapolated("nzf_base_target_gco2e_per_mj", 2035)
    assert rules.is_extrapolated("nzf_base_target_gco2e_per_mj", 2036)


def test_a_column_given_somewhere_holds_each_value_until_the_next() -> None:
    # rows in any order; rows before the horizon take part; absent before the first
    filled = rules.fill_series("fueleu_limit_gco2e_per_mj", {2031: 80.0, 2020: 90.0},
                               range(2025, 2034))
    assert filled[2025] == 90.0 and filled[2030] == 90.0 and filled[2031] == 80.0
    late = rules.fill_series("ets_surrender_share", {2027: 0.5}, range(2025, 2029))
    assert late == {2025: None, 2026: None, 2027: 0.5, 2028: 0.5}
    data = RegimeData(series={"ets_surrender_share": late, "fueleu_rfnbo_reward": {2025: None}})
    assert data.value("ets_surrender_share", 2025) == 0.0  # absent share: nothing surrendered
    assert data.value("fueleu_rfnbo_reward", 2025) == 1.0  # absent reward: no reward


def test_eu_scope_share_counts_extra_eu_voyages_half() -> None:
    assert rules.eu_scope_share(0.5, 0.3, 1.0) == pytest.approx(0.65)
    assert rules.eu_scope_share(None, 0.4, 1.0) == pytest.approx(0.2)
    assert rules.eu_scope_share(None, None, 0.7) == 0.7  # the vessel's ets_share


def test_literal_penalty_worked_by_hand() -> None:
    # 1,000 GJ at 91 g/MJ against a limit of 89: CB = -2 * 1000 / 1000 = -2 tCO2e.
    # Penalty: 2 * 10^6 / (91 * 41000) * 2400 = 1286.52...; next year deficit again: x 1.1.
    year = {"limit": 89.0, "n": 91.0 * 1000, "dr": 1000.0, "e": 1000.0,
            "penalty_per_t": 2400.0, "borrowed": 0.0}
    first, second = rules.literal_fueleu_penalty([year, dict(year)], banking=True)
    assert first["balance"] == pytest.approx(-2.0)
    assert first["penalty"] == pytest.approx(2e6 / (91 * 41000) * 2400)
    assert second["penalty"] == pytest.approx(1.1 * first["penalty"])
    # a surplus banked covers the next year's deficit; borrowing repays 1.1 x
    clean = dict(year, n=86.0 * 1000)  # +3 tCO2e
    out = rules.literal_fueleu_penalty([clean, year], banking=True)
    assert out[0]["banked"] == pytest.approx(3.0) and out[1]["adjusted"] == pytest.approx(1.0)
    assert out[1]["penalty"] == 0.0
    assert rules.literal_fueleu_penalty([clean, year], banking=False)[1]["penalty"] > 0
    borrow = rules.literal_fueleu_penalty([dict(year, borrowed=2.0), clean], banking=True)
    assert borrow[0]["penalty"] == 0.0
    assert borrow[1]["adjusted"] == pytest.approx(3.0 - 2.2)


# --- reading and checking -------------------------------------------------------------

def test_the_bad_workbook_gives_exactly_its_six_errors(checks_dir: Path, expected: dict) -> None:
    scenario = read_workbook(checks_dir / "regimes-bad-9402.xlsx").scenario
    found = [issue for issue in validate(scenario) if issue.is_error]
    want = expected["regimes-bad-9402.xlsx"]["errors"]
    assert len(found) == len(want) == 6
    # the sheets are named as the schema spells them (the file spells one "FUELS")
    assert sorted((i.sheet.lower(), i.cell) for i in found) == sorted(
        (w["sheet"].lower(), w["cell"]) for w in want)
    for issue, wanted in zip(sorted(found, key=lambda i: (i.sheet.lower(), i.cell)),
                             sorted(want, key=lambda w: (w["sheet"].lower(), w["cell"])),
                             strict=True):
        assert wanted["message_contains"] in issue.message, (issue, wanted)


def _tiny(checks_dir: Path):
    return read_workbook(checks_dir / "regimes-tiny-9471.xlsx").scenario


def test_cross_checks_of_the_regime_inputs(checks_dir: Path) -> None:
    scenario = _tiny(checks_dir)
    assert errors(scenario) == []
    scenario.set_setting("fueleu_pooling", "Fleet")  # borrowing is on
    fleet = scenario.fleet
    fleet.at[fleet.index[1], "eu_extra_share"] = 0.5  # intra 1 + extra 0.5
    regimes = scenario.table("Regimes")
    regimes["nzf_tier1_price_per_tco2e"] = [None, 500.0, None]  # above the default 380
    regimes.at[regimes.index[0], "fueleu_rfnbo_penalty_per_gj"] = None
    found = errors(scenario)
    borrowing = scenario.cell("Settings", scenario.setting_row("fueleu_borrowing"), "value")
    assert found[0].startswith(f"Settings!{borrowing}: fueleu_borrowing cannot be on")
    assert found[1].startswith(f"Fleet!{scenario.cell('Fleet', 1, 'eu_extra_share')}: "
                               "eu_intra_share + eu_extra_share must be at most 1")
    rest = found[2:]
    assert any(text.startswith(f"Regimes!{scenario.cell('Regimes', 2, 'fueleu_rfnbo_min_share')}")
               and "fueleu_rfnbo_penalty_per_gj" in text for text in rest)
    assert any("Tier 1 price (500) must not exceed the Tier 2 price (380)" in text
               for text in rest)
    assert len(found) == 4


def test_regime_inputs_resolve_with_their_defaults(checks_dir: Path) -> None:
    data = resolve(_tiny(checks_dir)).regimes
    assert (data.fueleu, data.ets, data.nzf, data.borrowing, data.pooling) == (
        True, False, False, True, "ship")
    assert data.eu_share == pytest.approx([0.7, 1.0])  # ets_share, then eu_intra_share
    assert data.imo_share == pytest.approx([1.0, 0.8])
    assert data.ets_co2 == pytest.approx([76.4, 1.9]) and data.ets_ghg == pytest.approx([76.4, 2])
    assert data.fueleu_wtw == pytest.approx([89.6, 20.0])
    assert data.value("ets_surrender_share", 2026) == 0.7
    assert data.value("fueleu_rfnbo_min_share", 2028) is None
    assert data.value("fueleu_rfnbo_min_share", 2029) == 0.05
    assert data.value("fueleu_rfnbo_penalty_per_gj", 2026) == 40.0
    assert data.value("fueleu_limit_gco2e_per_mj", 2026) == 89.3368  # default series
    assert data.fueleu_in_force(2026) and not data.nzf_in_force(2028)


def test_regime_inputs_survive_save_and_load(checks_dir: Path, tmp_path: Path) -> None:
    scenario = _tiny(checks_dir)
    save_scenario(scenario, tmp_path / "r.xlsx")
    again = read_workbook(tmp_path / "r.xlsx").scenario
    assert again.load_issues == []
    assert again.fingerprint() == scenario.fingerprint()
    for name in ("Regimes", "Fleet", "Fuels"):
        sheet = schema.sheet(name)
        columns = [c for c in sheet.column_names if c in scenario.tables[name].columns]
        pd.testing.assert_frame_equal(again.tables[name][columns].reset_index(drop=True),
                                      scenario.tables[name][columns].reset_index(drop=True),
                                      check_dtype=False)
    assert again.raw_setting("fueleu_borrowing") == "on"
    assert resolve(again).regimes == resolve(scenario).regimes


def test_a_workbook_without_regimes_is_written_as_before(checks_dir: Path,
                                                         tmp_path: Path) -> None:
    from openpyxl import load_workbook

    scenario = read_workbook(checks_dir / "tiny-9002.xlsx").scenario
    before = scenario.fingerprint()
    save_scenario(scenario, tmp_path / "old.xlsx")
    book = load_workbook(tmp_path / "old.xlsx")
    assert "Regimes" not in book.sheetnames
    headers = {cell.value for cell in book["Fleet"][1]} | {cell.value for cell in book["Fuels"][1]}
    assert not headers & (schema.REGIME_TABLE_COLUMNS["Fleet"]
                          | schema.REGIME_TABLE_COLUMNS["Fuels"])
    settings = {row[0].value for row in book["Settings"].iter_rows(min_row=2)}
    assert not settings & {column.name for column in schema.REGIME_SETTINGS}
    assert read_workbook(tmp_path / "old.xlsx").scenario.fingerprint() == before
    assert not resolve(scenario).regimes.any_on


def test_a_new_regimes_table_reads_in_any_year_order() -> None:
    rows = [{"year": 2030, "fueleu_limit_gco2e_per_mj": 80.0},
            {"year": 2026, "fueleu_limit_gco2e_per_mj": 88.0}]
    from planner.regimes.inputs import fill_regime_series

    series = fill_regime_series(make_table(schema.REGIMES, rows), range(2025, 2032), 1.0, 1.0)
    limit = series["fueleu_limit_gco2e_per_mj"]
    assert (limit[2025], limit[2026], limit[2029], limit[2030]) == (None, 88.0, 88.0, 80.0)


def test_regime_points_leave_out_blank_and_unreadable_cells() -> None:
    """The app's Regimes page reads the table while the planner types: a cell that is no
    number yet is left out (validation names it), never a crash."""
    import pandas as pd

    from planner.regimes.inputs import regime_points

    table = pd.DataFrame({"year": [2030, 2035, "20x", 2040, None],
                          "nzf_tier2_price_per_tco2e": [380.0, "abc", 400.0, None, 500.0]})
    assert regime_points(table, "nzf_tier2_price_per_tco2e") == {2030: 380.0}
    assert regime_points(None, "nzf_tier2_price_per_tco2e") == {}
    assert regime_points(table, "fueleu_penalty_per_t_vlsfo") == {}


def test_the_regime_switches_are_on_off_settings_of_the_regimes() -> None:
    columns = {column.name: column for column in schema.REGIME_SETTINGS}
    for name in schema.REGIME_SWITCHES:
        assert set(columns[name].choices) == {"on", "off"}
        assert columns[name].default == "off"


def test_regimes_switched_turns_every_regime_and_nothing_else() -> None:
    from planner.sample import build_sample, regimes_switched, without_regimes

    sample = build_sample()
    on, off = regimes_switched(sample, "on"), without_regimes(sample)
    for name in schema.REGIME_SWITCHES:
        assert on.setting(name) == "on" and off.setting(name) == "off"
    assert on.setting("fueleu_pooling") == sample.setting("fueleu_pooling")
