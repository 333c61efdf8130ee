"""apply_case gives exactly the scenario of the same edit made by hand (whatif.md), per parameter kind."""

from __future__ import annotations

import pytest
from whatif_scenarios import assert_same, two_ship_scenario, with_cases

from planner import schema
from planner.cases.parameters import PARAMETERS, ParameterKind, find_parameter
from planner.cases.sheet import apply_case, case_names
from planner.convert import Percent
from planner.regimes import rules
from planner.resolve import resolve
from planner.scenario import Scenario, make_table


def case_data(rows: list[tuple]):
    """The model data of the case 'C' made of these Cases rows."""
    return resolve(apply_case(with_cases(two_ship_scenario(), rows), "C"))


def set_cell(scenario: Scenario, sheet: str, key: object, column: object, value: object) -> None:
    table = scenario.table(sheet)
    key_column = schema.sheet(sheet).key
    matches = [i for i, v in zip(table.index, table[key_column], strict=True) if v == key]
    assert len(matches) == 1, (sheet, key)
    table.at[matches[0], column] = value


def by_hand(edit) -> object:
    scenario = two_ship_scenario()
    edit(scenario)
    return resolve(scenario)


# --- every parameter kind against the same edit made by hand -------------------------

def test_fleet_column_of_one_vessel() -> None:
    actual = case_data([("C", "Fleet.annual_fuel_t", "IMO1", "scale", 1.1)])
    assert_same(actual, by_hand(lambda s: set_cell(s, "Fleet", "IMO1", "annual_fuel_t", 9900.0)))


def test_fleet_group_by_type_fills_the_default_first() -> None:
    # off_hire_cost_per_day is blank (0) on IMO1, 5000 on IMO3; both are Container
    # (type names match case-insensitively); the Bulk ship keeps its default.
    actual = case_data([("C", "Fleet.off_hire_cost_per_day", "type:CONTAINER", "add", 1000)])

    def edit(s: Scenario) -> None:
        set_cell(s, "Fleet", "IMO1", "off_hire_cost_per_day", 1000.0)
        set_cell(s, "Fleet", "IMO3", "off_hire_cost_per_day", 6000.0)
    assert_same(actual, by_hand(edit))


def test_blank_retire_year_is_build_year_plus_25_before_the_change() -> None:
    actual = case_data([("C", "Fleet.retire_year", None, "add", -5)])

    def edit(s: Scenario) -> None:
        for vessel, build in (("IMO1", 2012), ("IMO2", 2029), ("IMO3", 2015)):
            set_cell(s, "Fleet", vessel, "retire_year", build + 20)
    assert_same(actual, by_hand(edit))


def test_late_newbuild_keeps_its_filled_retire_year() -> None:
    actual = case_data([("C", "Fleet.build_year", "IMO2", "add", 2)])

    def edit(s: Scenario) -> None:
        set_cell(s, "Fleet", "IMO2", "build_year", 2031)
        set_cell(s, "Fleet", "IMO2", "retire_year", 2054)  # 2029 + 25, filled before the change
    assert_same(actual, by_hand(edit))
    assert actual.vessels[1].build_year == 2031


def test_blank_drydock_year_stays_blank_under_scale_and_add_and_set_gives_it() -> None:
    unchanged = resolve(two_ship_scenario())
    assert_same(case_data([("C", "Fleet.next_drydock_year", "IMO2", "add", 3)]), unchanged)
    assert_same(case_data([("C", "Fleet.next_drydock_year", None, "scale", 1)]), unchanged)
    actual = case_data([("C", "Fleet.next_drydock_year", "IMO2", "set", 2030)])
    assert_same(actual, by_hand(lambda s: set_cell(s, "Fleet", "IMO2", "next_drydock_year",
                                                   2030)))
    # IMO1 had 2027 given: add moves it.
    actual = case_data([("C", "Fleet.next_drydock_year", "IMO1", "add", 1)])
    assert_same(actual, by_hand(lambda s: set_cell(s, "Fleet", "IMO1", "next_drydock_year",
                                                   2028)))


def test_fuel_family_with_a_percentage_on_a_fraction_column() -> None:
    actual = case_data([("C", "Fuels.max_blend_share", "family:OIL", "set", "50%")])

    def edit(s: Scenario) -> None:
        set_cell(s, "Fuels", "VLSFO", "max_blend_share", 0.5)
        set_cell(s, "Fuels", "HVO", "max_blend_share", 0.5)
    assert_same(actual, by_hand(edit))


def test_fuel_available_from_defaults_to_start_year_then_adds() -> None:
    actual = case_data([("C", "Fuels.available_from", "hvo", "add", 3)])
    assert_same(actual, by_hand(lambda s: set_cell(s, "Fuels", "HVO", "available_from", 2029)))


def test_technology_kind_group_and_defaulted_lifetime() -> None:
    actual = case_data([("C", "Technologies.capex_fixed", "kind:conversion", "scale", "130%"),
                        ("C", "Technologies.lifetime_years", "Rotor sails", "add", 5)])

    def edit(s: Scenario) -> None:
        set_cell(s, "Technologies", "Methanol conversion", "capex_fixed", 2_600_000.0)
        set_cell(s, "Technologies", "Rotor sails", "lifetime_years", 30)  # default 25, + 5
    assert_same(actual, by_hand(edit))


def test_every_technology_when_item_is_blank() -> None:
    actual = case_data([("C", "Technologies.energy_saving", None, "add", -0.01)])

    def edit(s: Scenario) -> None:
        set_cell(s, "Technologies", "Methanol conversion", "energy_saving", -0.01)
        set_cell(s, "Technologies", "Rotor sails", "energy_saving", 0.04)
    assert_same(actual, by_hand(edit))


def test_settings_set_scale_and_absent_values() -> None:
    actual = case_data([("C", "Settings.discount_rate", None, "set", "4%"),
                        ("C", "Settings.activity_growth", None, "add", 0.01),
                        ("C", "Settings.yard_capacity_per_year", None, "scale", 2),
                        ("C", "Settings.capex_budget_per_year", None, "set", 5_000_000)])

    def edit(s: Scenario) -> None:
        s.set_setting("discount_rate", 0.04)
        s.set_setting("activity_growth", 0.01)
        s.set_setting("capex_budget_per_year", 5_000_000.0)
    expected = by_hand(edit)
    assert_same(actual, expected)
    assert actual.settings.yard_capacity_per_year is None  # absent stays absent
    actual = case_data([("C", "Settings.yard_capacity_per_year", None, "set", 1),
                        ("C", "Settings.yard_capacity_per_year", None, "add", 1)])
    assert actual.settings.yard_capacity_per_year == 2


def test_targets_scale_on_every_year() -> None:
    actual = case_data([("C", "Targets.carbon_price_per_tco2e", None, "scale", "200%")])

    def edit(s: Scenario) -> None:
        set_cell(s, "Targets", 2026, "carbon_price_per_tco2e", 160.0)
        set_cell(s, "Targets", 2035, "carbon_price_per_tco2e", 300.0)
    assert_same(actual, by_hand(edit))


def test_targets_from_year_keeps_the_earlier_years_of_the_series() -> None:
    # The cap is 40,000 in 2030 falling to 25,000 in 2035: 37,000 in 2031, 34,000 in 2032.
    actual = case_data([("C", "Targets.cap_tco2e", None, "scale", 0.95, 2032)])

    def edit(s: Scenario) -> None:
        targets = s.targets
        s.set_table("Targets", table_with(schema.TARGETS, targets, [
            {"year": 2031, "cap_tco2e": 37_000.0},
            {"year": 2032, "cap_tco2e": 34_000.0 * 0.95}]))
        set_cell(s, "Targets", 2035, "cap_tco2e", 25_000.0 * 0.95)
    assert_same(actual, by_hand(edit))
    assert actual.cap[2029] is None  # absent before the first cap, and stays so


def test_targets_set_penalty_makes_every_year_soft_and_scale_keeps_absent_years_hard() -> None:
    actual = case_data([("C", "Targets.cap_penalty_per_tco2e", None, "set", 800)])
    assert_same(actual, by_hand(lambda s: set_cell(s, "Targets", 2026,
                                                   "cap_penalty_per_tco2e", 800.0) or
                                set_cell(s, "Targets", 2035, "cap_penalty_per_tco2e", 800.0)))
    assert all(actual.penalty[y] == 800.0 for y in actual.years)
    actual = case_data([("C", "Targets.cap_penalty_per_tco2e", None, "scale", 2)])
    assert [y for y in actual.years if actual.penalty[y] is not None] == [2035]
    assert actual.penalty[2035] == 800.0


def test_targets_add_to_carbon_price_from_a_year_on() -> None:
    actual = case_data([("C", "Targets.carbon_price_per_tco2e", None, "add", 60, 2033, 2034)])
    base = resolve(two_ship_scenario())
    for year in base.years:
        extra = 60.0 if year in (2033, 2034) else 0.0
        assert actual.carbon_price[year] == pytest.approx(base.carbon_price[year] + extra)


def test_fuel_prices_family_from_a_year_matches_the_hand_edit() -> None:
    # Bio-methanol: 1200 in 2026 falling to 1000 in 2030, flat after; halved from 2030.
    actual = case_data([("C", "FuelPrices", "family:methanol", "scale", 0.5, 2030)])

    def edit(s: Scenario) -> None:
        set_cell(s, "FuelPrices", "Bio-methanol", 2030, 500.0)
        rows = s.fuel_prices.to_dict("records")
        rows[1][2029] = 1050.0  # keeps 2027..2029 as they were
        s.set_table("FuelPrices", make_table(schema.FUEL_PRICES, rows))
    assert_same(actual, by_hand(edit))


def test_fuel_supply_set_within_years_matches_the_hand_edit() -> None:
    actual = case_data([("C", "FuelSupply", "HVO", "set", 2000, 2032, 2035)])

    def edit(s: Scenario) -> None:
        s.set_table("FuelSupply", table_with(schema.FUEL_SUPPLY, s.fuel_supply, [
            {"fuel": "HVO", 2031: 3000.0, 2032: 2000.0}], replace=True))
    assert_same(actual, by_hand(edit))


def test_fuel_supply_set_on_a_fuel_without_limit_limits_only_those_years() -> None:
    # No workbook edit can say "unlimited until 2029" (supplies are flat before the first
    # given year), so this one is checked year by year.
    actual = case_data([("C", "FuelSupply", "Bio-methanol", "set", 5000, 2030)])
    assert actual.supply["bio-methanol"] == {y: (5000.0 if y >= 2030 else None)
                                             for y in range(2026, 2036)}
    assert_same(actual.supply["hvo"], resolve(two_ship_scenario()).supply["hvo"])
    # scale and add leave a missing limit missing
    unchanged = resolve(two_ship_scenario())
    assert_same(case_data([("C", "FuelSupply", "LNG", "scale", 2)]), unchanged)


def test_rows_apply_in_order() -> None:
    first = case_data([("C", "Fleet.annual_fuel_t", "IMO1", "scale", 2),
                       ("C", "Fleet.annual_fuel_t", "IMO1", "add", 100)])
    second = case_data([("C", "Fleet.annual_fuel_t", "IMO1", "add", 100),
                        ("C", "Fleet.annual_fuel_t", "IMO1", "scale", 2)])
    assert first.vessels[0].annual_fuel_t == 18100.0
    assert second.vessels[0].annual_fuel_t == 18200.0


def test_a_value_broken_by_one_row_and_repaired_by_a_later_one_is_fine() -> None:
    actual = case_data([("C", "Fuels.max_blend_share", "HVO", "scale", 4),
                        ("C", "Fuels.max_blend_share", "HVO", "set", 0.9)])
    assert actual.fuel("hvo").max_blend_share == 0.9


def test_case_names_match_case_insensitively_and_keep_the_first_spelling() -> None:
    scenario = with_cases(two_ship_scenario(), [
        ("High carbon", "Targets.carbon_price_per_tco2e", None, "scale", 2),
        ("Cheap fuel", "FuelPrices", None, "scale", 0.9),
        (" HIGH CARBON ", "Settings.discount_rate", None, "set", 0.1)])
    assert case_names(scenario) == ["High carbon", "Cheap fuel"]
    data = resolve(apply_case(scenario, "high carbon"))
    assert data.settings.discount_rate == 0.1
    assert data.carbon_price[2026] == 160.0


def test_base_is_the_filled_scenario_and_the_case_scenario_has_no_cases() -> None:
    scenario = with_cases(two_ship_scenario(), [("C", "FuelPrices", None, "scale", 0.9)])
    assert_same(resolve(apply_case(scenario, "Base")), resolve(scenario))
    case = apply_case(scenario, "C")
    assert case.filled and case.cases.empty
    assert not scenario.filled and len(scenario.cases) == 1  # the input is untouched


def test_set_percentage_is_kept_as_a_percentage_for_saving() -> None:
    scenario = with_cases(two_ship_scenario(),
                          [("C", "Fuels.max_blend_share", "HVO", "set", "45%")])
    fuels = apply_case(scenario, "C").fuels
    value = fuels.loc[fuels["fuel"] == "HVO", "max_blend_share"].iloc[0]
    assert isinstance(value, Percent) and value == pytest.approx(0.45)


# --- the catalogue ---------------------------------------------------------------------

REGIME_SERIES = {f"Regimes.{name}" for name in rules.REGIME_SERIES}


def test_catalogue_is_the_list_of_whatif_md() -> None:
    names = {p.name for p in PARAMETERS}
    assert names == {
        "Fleet.build_year", "Fleet.retire_year", "Fleet.main_engine_kw", "Fleet.annual_fuel_t",
        "Fleet.ets_share", "Fleet.next_drydock_year", "Fleet.drydock_interval_years",
        "Fleet.off_hire_cost_per_day",
        "Fuels.lcv_mj_per_kg", "Fuels.wtt_gco2e_per_mj", "Fuels.ttw_gco2e_per_mj",
        "Fuels.max_blend_share", "Fuels.available_from",
        "Technologies.capex_fixed", "Technologies.capex_per_kw", "Technologies.opex_per_year",
        "Technologies.energy_saving", "Technologies.off_hire_days",
        "Technologies.available_from", "Technologies.lifetime_years",
        "Settings.discount_rate", "Settings.activity_growth",
        "Settings.yard_capacity_per_year", "Settings.capex_budget_per_year",
        "FuelPrices", "FuelSupply",
        "Targets.cap_tco2e", "Targets.intensity_cap_gco2e_per_mj",
        "Targets.carbon_price_per_tco2e", "Targets.cap_penalty_per_tco2e",
        # regimes.md "The other contracts"
        "Fleet.eu_intra_share", "Fleet.eu_extra_share", "Fleet.imo_share",
        "Fuels.fueleu_wtw_gco2e_per_mj", "Fuels.nzf_wtw_gco2e_per_mj",
        "Fuels.ets_co2_gco2e_per_mj", "Fuels.ets_ghg_gco2e_per_mj",
        "Settings.currency_per_eur", "Settings.currency_per_usd",
        "Settings.nzf_surplus_life_years",
        *REGIME_SERIES,
    }
    assert {p.name for p in PARAMETERS if p.is_yearly} == {
        "FuelPrices", "FuelSupply", "Targets.cap_tco2e", "Targets.intensity_cap_gco2e_per_mj",
        "Targets.carbon_price_per_tco2e", "Targets.cap_penalty_per_tco2e", *REGIME_SERIES}
    assert {p.name for p in PARAMETERS if p.items is None} == {
        p.name for p in PARAMETERS if p.kind in (ParameterKind.SETTING, ParameterKind.TARGET)}


@pytest.mark.parametrize("text,name", [
    ("TARGETS.CARBON_PRICE_PER_TCO2E", "Targets.carbon_price_per_tco2e"),
    (" fuelprices ", "FuelPrices"), ("technologies . capex_fixed", "Technologies.capex_fixed"),
    ("Settings.discount_rate", "Settings.discount_rate")])
def test_parameters_match_case_and_space_insensitively(text: str, name: str) -> None:
    found = find_parameter(text)
    assert found is not None and found.name == name


@pytest.mark.parametrize("text", ["Settings.start_year", "Fleet.vessel_id", "FuelPrices.2030",
                                  "Targets.year", "Fleet", "Prices", ""])
def test_what_a_case_cannot_change(text: str) -> None:
    assert find_parameter(text) is None


def table_with(sheet: schema.Sheet, table, rows: list[dict], replace: bool = False):
    """The sheet's table with these rows added (or, with replace, only these rows)."""
    return make_table(sheet, ([] if replace else table.to_dict("records")) + rows)


def test_a_regimes_column_is_a_yearly_series_of_the_filled_values() -> None:
    # No Regimes row: the case changes the filled default series (380 USD from 2028).
    base = case_data([("C", "Fleet.annual_fuel_t", None, "scale", 1.0)]).regimes
    actual = case_data([("C", "Regimes.nzf_tier2_price_per_tco2e", None, "set", 500.0,
                         2031, None)]).regimes
    for year, price in base.series["nzf_tier2_price_per_tco2e"].items():
        expected = 500.0 if year >= 2031 else price
        assert actual.value("nzf_tier2_price_per_tco2e", year) == expected, year
    scaled = case_data([("C", "Regimes.fueleu_penalty_per_t_vlsfo", None, "scale", 1.5)])
    assert scaled.regimes.value("fueleu_penalty_per_t_vlsfo", 2030) == pytest.approx(3600.0)
