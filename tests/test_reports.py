"""Tests of planner.reports: key figures, costs by kind, fuel mix and per-vessel summary."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from planner import reports, schema
from planner.plan import Diagnosis, Plan, Status, YearShortfall
from planner.scenario import make_table, new_scenario

YEARS = (2026, 2027, 2028)
VLSFO_WTW = 13.0 + 78.0  # wtt + ttw, gCO2e/MJ
METHANOL_WTW = 5.0 + 10.0
METHANOL_TTW = 10.0

FUEL_USE = [  # vessel, year, fuel, energy GJ, tonnes, cost
    ("V1", 2026, "VLSFO", 1000.0, 25.0, 15000.0),
    ("V1", 2027, "VLSFO", 400.0, 10.0, 6000.0),
    ("V1", 2027, "Bio-methanol", 600.0, 30.0, 30000.0),
    ("V1", 2028, "Bio-methanol", 1000.0, 50.0, 50000.0),
    ("V2", 2026, "VLSFO", 2000.0, 50.0, 30000.0),
    ("V2", 2027, "VLSFO", 2000.0, 50.0, 30000.0),
    ("V2", 2028, "VLSFO", 2000.0, 50.0, 30000.0),
]


def scenario(scope: str = "wtw"):
    """Three vessels (V3 never sails in the plan), two fuels."""
    built = new_scenario(YEARS[0], YEARS[-1])
    built.set_setting("emission_scope", scope)
    built.set_setting("currency", "EUR")
    built.tables["Fleet"] = make_table(schema.FLEET, [
        {"vessel_id": "V1", "name": "Aurora", "build_year": 2010, "baseline_fuel": "VLSFO",
         "annual_fuel_t": 25.0},
        {"vessel_id": "V2", "name": "Borealis", "build_year": 2012, "baseline_fuel": "VLSFO",
         "annual_fuel_t": 50.0},
        {"vessel_id": "V3", "name": "Cygnus", "build_year": 2030, "baseline_fuel": "VLSFO",
         "annual_fuel_t": 10.0},
    ])
    built.tables["Fuels"] = make_table(schema.FUELS, [
        {"fuel": "VLSFO", "family": "Oil", "lcv_mj_per_kg": 40.0, "wtt_gco2e_per_mj": 13.0,
         "ttw_gco2e_per_mj": 78.0},
        {"fuel": "bio-methanol", "family": "methanol", "lcv_mj_per_kg": 20.0,
         "wtt_gco2e_per_mj": 5.0, "ttw_gco2e_per_mj": 10.0},
    ])
    return built


def fuel_use_frame() -> pd.DataFrame:
    return pd.DataFrame(FUEL_USE, columns=schema.PLAN_FUEL_USE.column_names)


def emissions_by_year() -> dict[int, float]:
    factor = {"VLSFO": VLSFO_WTW, "Bio-methanol": METHANOL_WTW}
    totals = dict.fromkeys(YEARS, 0.0)
    for _vessel, year, fuel, energy, _t, _cost in FUEL_USE:
        totals[year] += energy * factor[fuel] / 1000.0
    return totals


def plan(status: Status = Status.OPTIMAL, caps=(None, None, None),
         intensity_caps=(None, None, None), diagnosis: Diagnosis | None = None) -> Plan:
    """A plan built by hand whose annual figures agree with its fuel use."""
    emissions = emissions_by_year()
    bau = {year: 3000.0 * VLSFO_WTW / 1000.0 for year in YEARS}
    rows = []
    for pos, year in enumerate(YEARS):
        costs = {"capex": 0.0, "offhire": 0.0, "opex": 0.0, "carbon": 100.0,
                 "penalty": 0.0, "salvage": 0.0}
        costs["fuel"] = sum(u[5] for u in FUEL_USE if u[1] == year)
        if year == 2027:
            costs.update(capex=200000.0, offhire=5000.0)
        if year >= 2027:
            costs["opex"] = 1000.0
        if year == 2028:
            costs["salvage"] = 150000.0
        total = sum(v for k, v in costs.items() if k != "salvage") - costs["salvage"]
        rows.append({"year": year, "energy_gj": 3000.0, "emissions_tco2e": emissions[year],
                     "intensity_gco2e_per_mj": emissions[year] / 3.0,
                     "cap_tco2e": caps[pos], "intensity_cap_gco2e_per_mj": intensity_caps[pos],
                     **costs, "total": total, "discounted_total": total / 1.08 ** pos,
                     "bau_emissions_tco2e": bau[year]})
    annual = pd.DataFrame(rows, columns=schema.PLAN_ANNUAL.column_names)
    retrofits = pd.DataFrame(
        [("V1", "Methanol conversion", 2027, 200000.0, 20.0)],
        columns=schema.PLAN_RETROFITS.column_names)
    return Plan(status=status, objective=float(annual["discounted_total"].sum()),
                bau_objective=150000.0, annual=annual, retrofits=retrofits,
                fuel_use=fuel_use_frame(), diagnosis=diagnosis, currency="EUR")


def test_costs_by_kind_shows_salvage_as_a_credit_and_adds_up_to_the_total():
    built = plan()
    costs = reports.costs_by_kind(built)

    assert list(costs.columns) == [*reports.COST_KINDS, "total"]
    assert list(costs.index) == list(YEARS)
    assert costs.loc[2028, "salvage"] == -150000.0
    assert costs.loc[2027, "capex"] == 200000.0
    kinds_sum = costs[list(reports.COST_KINDS)].sum(axis=1)
    assert kinds_sum.tolist() == pytest.approx(built.annual["total"].tolist())
    assert costs["total"].tolist() == pytest.approx(built.annual["total"].tolist())


def test_key_figures_compare_the_plan_with_business_as_usual():
    built = plan()
    figures = reports.key_figures(built)

    npv = float(built.annual["discounted_total"].sum())
    emitted = sum(emissions_by_year().values())
    bau_emitted = 3 * 3000.0 * VLSFO_WTW / 1000.0
    assert figures["npv"] == pytest.approx(npv)
    assert figures["npv_vs_bau"] == pytest.approx(npv - 150000.0)
    assert figures["cumulative_emissions_tco2e"] == pytest.approx(emitted)
    assert figures["bau_cumulative_emissions_tco2e"] == pytest.approx(bau_emitted)
    assert figures["emissions_avoided_tco2e"] == pytest.approx(bau_emitted - emitted)
    assert figures["abatement_cost"] == pytest.approx((npv - 150000.0)
                                                      / (bau_emitted - emitted))
    assert figures["retrofit_count"] == 1
    assert figures["retrofit_capex"] == 200000.0
    assert figures["shortfall_years"] == []
    assert figures["years_over_cap"] == []
    assert figures["currency"] == "EUR"


def test_key_figures_name_the_years_over_a_soft_cap_absolute_or_intensity():
    emissions = emissions_by_year()
    # 2026 over the absolute cap; 2027 meets it exactly; 2028 over the intensity cap only.
    built = plan(caps=(emissions[2026] - 1.0, emissions[2027], None),
                 intensity_caps=(None, None, emissions[2028] / 3.0 - 0.5))
    figures = reports.key_figures(built)

    assert figures["years_over_cap"] == [2026, 2028]
    assert figures["shortfall_years"] == []  # no hard cap is missed: it is optimal


def test_key_figures_of_a_plan_whose_caps_cannot_be_met_give_the_shortfall():
    diagnosis = Diagnosis(shortfall_total=42.5, years=[
        YearShortfall(2027, 100.0, None, 130.0, 30.0, ["yard_capacity"]),
        YearShortfall(2028, 90.0, None, 102.5, 12.5)])
    figures = reports.key_figures(plan(status=Status.INFEASIBLE, diagnosis=diagnosis))

    assert figures["shortfall_years"] == [2027, 2028]
    assert figures["shortfall_total"] == 42.5


def test_key_figures_of_a_plan_without_tables_are_blank_not_zero():
    figures = reports.key_figures(Plan(status=Status.ERROR, message="No plan found"))

    assert figures["npv"] is None
    assert figures["cumulative_emissions_tco2e"] is None
    assert figures["abatement_cost"] is None
    assert figures["years_over_cap"] == []
    assert figures["message"] == "No plan found"
    assert reports.costs_by_kind(Plan(status=Status.ERROR)).empty
    assert reports.fuel_mix(Plan(status=Status.ERROR)).empty


def test_fuel_mix_puts_the_largest_fuel_first_and_fills_unused_years_with_zero():
    mix = reports.fuel_mix(plan())

    assert list(mix.columns) == ["VLSFO", "Bio-methanol"]
    assert list(mix.index) == list(YEARS)
    assert mix.loc[2026].tolist() == [3000.0, 0.0]
    assert mix.loc[2027].tolist() == [2400.0, 600.0]
    assert mix.loc[2028].tolist() == [2000.0, 1000.0]
    assert reports.fuel_mix(plan(), "cost").loc[2027, "Bio-methanol"] == 30000.0


def test_per_vessel_totals_follow_the_fleet_order_with_emissions_by_the_caps_scope():
    table = reports.per_vessel(plan(), scenario())

    assert list(table.columns) == list(reports.PER_VESSEL_NAMES)
    assert table["vessel_id"].tolist() == ["V1", "V2", "V3"]
    first = table.iloc[0]
    assert first["name"] == "Aurora"
    assert first["retrofits"] == "Methanol conversion (2027)"
    assert first["retrofit_capex"] == 200000.0
    assert first["off_hire_days"] == 20.0
    assert first["energy_gj"] == 3000.0
    assert first["fuel_tonnes"] == 115.0
    assert first["fuel_cost"] == 101000.0
    # Fuel-use names match Fuels case-insensitively ("Bio-methanol" vs "bio-methanol").
    assert first["emissions_tco2e"] == pytest.approx(
        1400.0 * VLSFO_WTW / 1000.0 + 1600.0 * METHANOL_WTW / 1000.0)
    assert first["fuels"] == "Bio-methanol, VLSFO"
    idle = table.iloc[2]
    assert idle["energy_gj"] == 0.0 and idle["retrofits"] == "" and idle["fuels"] == ""
    # Per-vessel emissions add up to the plan's.
    assert table["emissions_tco2e"].sum() == pytest.approx(sum(emissions_by_year().values()))


def test_per_vessel_emissions_use_tank_to_wake_factors_when_the_caps_do():
    table = reports.per_vessel(plan(), scenario(scope="ttw"))

    assert table.iloc[1]["emissions_tco2e"] == pytest.approx(6000.0 * 78.0 / 1000.0)
    assert table.iloc[0]["emissions_tco2e"] == pytest.approx(
        1400.0 * 78.0 / 1000.0 + 1600.0 * METHANOL_TTW / 1000.0)


def test_per_vessel_without_a_scenario_leaves_names_and_emissions_blank():
    table = reports.per_vessel(plan())

    assert table["vessel_id"].tolist() == ["V1", "V2"]
    assert table["name"].tolist() == ["", ""]
    assert all(math.isnan(value) for value in table["emissions_tco2e"])


def test_a_fuel_without_an_emission_factor_blanks_only_the_vessels_that_burn_it():
    broken = scenario()
    broken.fuels.at[1, "wtt_gco2e_per_mj"] = "five"  # kept as typed: it did not parse
    table = reports.per_vessel(plan(), broken)

    assert math.isnan(table.iloc[0]["emissions_tco2e"])  # V1 burns bio-methanol
    assert table.iloc[1]["emissions_tco2e"] == pytest.approx(6000.0 * VLSFO_WTW / 1000.0)


def test_a_plan_read_back_with_object_columns_gives_the_same_figures():
    fresh = plan(caps=(1.0, None, None))
    read_back = plan(caps=(1.0, None, None))
    read_back.annual = fresh.annual.astype(object).where(fresh.annual.notna(), None)
    read_back.fuel_use = fresh.fuel_use.astype(object)
    read_back.retrofits = fresh.retrofits.astype(object)

    assert reports.key_figures(read_back) == reports.key_figures(fresh)
    pd.testing.assert_frame_equal(reports.costs_by_kind(read_back),
                                  reports.costs_by_kind(fresh))
    pd.testing.assert_frame_equal(reports.per_vessel(read_back, scenario()),
                                  reports.per_vessel(fresh, scenario()))


def test_reports_does_not_import_qt():
    code = "import planner.reports, sys; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_money_reads_compactly_with_its_currency():
    assert reports.format_money(527_678_884.7, "EUR") == "527.7 M EUR"
    assert reports.format_money(1_234_567_890.0, "USD") == "1.23 bn USD"
    assert reports.format_money(999_499.0, "USD") == "999,499 USD"
    assert reports.format_money(999_960.0, "USD") == "1.0 M USD"
    assert reports.format_money(-36_937_521.9, "EUR", signed=True) == "-36.9 M EUR"
    assert reports.format_money(36_937_521.9, "EUR", signed=True) == "+36.9 M EUR"
    assert reports.format_money(1_234_567.0, "EUR", compact=False) == "1,234,567 EUR"
    assert reports.format_money(None, "EUR") == reports.NOT_AVAILABLE


def test_numbers_and_shares_have_separators_and_no_negative_zero():
    assert reports.format_number(1_444_998.16, 0, "tCO2e") == "1,444,998 tCO2e"
    assert reports.format_number(-0.2) == "0"
    assert reports.format_number(float("nan")) == reports.NOT_AVAILABLE
    assert reports.format_share(0.25821) == "25.8%"
    assert reports.format_share(0.028, 2, signed=True) == "+2.80%"


@pytest.mark.parametrize("workbook", ["fleet-6v-15y-9102.xlsx", "tiny-9037.xlsx"])
def test_reports_of_a_solved_plan_add_up_to_the_plans_own_figures(checks_dir, workbook):
    """Per-vessel emissions, the fuel mix and the costs by kind agree with Plan Annual
    for plans of the real optimizer (one optimal, one whose caps cannot be met)."""
    from planner.optimize.solve import solve
    from planner.workbook.reader import load_scenario

    scenario = load_scenario(str(checks_dir / workbook))
    solved = solve(scenario)
    assert solved.has_plan, solved.message
    annual = solved.annual.set_index("year")

    vessels = reports.per_vessel(solved, scenario)
    assert vessels["emissions_tco2e"].sum() == pytest.approx(
        annual["emissions_tco2e"].sum(), rel=1e-6)
    assert vessels["fuel_cost"].sum() == pytest.approx(annual["fuel"].sum(), rel=1e-6)
    assert vessels["retrofit_capex"].sum() == pytest.approx(annual["capex"].sum(), rel=1e-6)
    mix = reports.fuel_mix(solved)
    assert mix.sum(axis=1).tolist() == pytest.approx(annual["energy_gj"].tolist(), rel=1e-6)
    costs = reports.costs_by_kind(solved)
    assert costs["total"].tolist() == pytest.approx(annual["total"].tolist(), rel=1e-6)
    figures = reports.key_figures(solved)
    assert figures["npv"] == pytest.approx(annual["discounted_total"].sum(), rel=1e-6)
    if solved.status is Status.INFEASIBLE:
        assert figures["shortfall_years"] == sorted(solved.diagnosis.shortfall_by_year)
        assert set(figures["shortfall_years"]) <= set(figures["years_over_cap"])


def test_the_npv_of_a_plan_whose_caps_cannot_be_met_is_the_elastic_plans():
    diagnosis = Diagnosis(shortfall_total=10.0, elastic_objective=123456.0,
                          years=[YearShortfall(2027, 100.0, None, 110.0, 10.0)])
    built = plan(status=Status.INFEASIBLE, diagnosis=diagnosis)
    built.objective = None
    figures = reports.key_figures(built)
    assert figures["npv"] == 123456.0 and figures["npv_is_elastic"]
    assert figures["npv_vs_bau"] == 123456.0 - 150000.0
    assert not reports.key_figures(plan())["npv_is_elastic"]


def test_a_plan_without_retrofits_lists_every_vessel_with_none(recwarn):
    built = plan()
    built.retrofits = built.retrofits.iloc[0:0]
    table = reports.per_vessel(built, scenario())
    assert table["retrofits"].tolist() == ["", "", ""]
    assert table["retrofit_capex"].tolist() == [0.0, 0.0, 0.0]
    assert not [w for w in recwarn if "fill value" in str(w.message)]
