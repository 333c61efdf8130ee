"""Sensitivity (tornado) and sweeps: generated cases through the same runner (whatif.md)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import planner
from planner.convert import Percent
from planner.errors import PlannerError, WorkbookError
from planner.plan import Status
from planner.whatif.results import CaseResult
from planner.whatif.studies import (
    Varied,
    default_parameters,
    parse_parameter,
    parse_values,
    retrofit_switches,
    sensitivity,
    sweep,
)

GENERATED_KEYS = {"case", "status", "objective", "bau_objective", "gap", "emissions_tco2e",
                  "objective_literal", "bau_objective_literal",  # regimes.md, as solve --json
                  "shortfall_total", "retrofits", "base_plan_objective", "regret", "note",
                  "parameter", "item", "change", "value"}


@pytest.fixture(scope="module")
def hand(checks_dir):
    return planner.load_scenario(str(checks_dir / "cases-hand.xlsx"))


@pytest.fixture(scope="module")
def tornado(hand):
    return sensitivity(hand, jobs=2, mip_gap=1e-7)


# --- parsing ---------------------------------------------------------------------------

def test_values_are_a_comma_list_percentages_or_a_range() -> None:
    assert parse_values("50, 100,150") == [50.0, 100.0, 150.0]
    values = parse_values("50%,60%")
    assert values == [pytest.approx(0.5), pytest.approx(0.6)]
    assert all(isinstance(v, Percent) for v in values)
    assert parse_values("0:400:100") == [0.0, 100.0, 200.0, 300.0, 400.0]
    assert parse_values("1:0:-0.25") == [1.0, 0.75, 0.5, 0.25, 0.0]
    with pytest.raises(PlannerError, match='not a number: "abc"'):
        parse_values("1,abc")
    with pytest.raises(PlannerError, match="START:STOP:STEP"):
        parse_values("0:10:0")


def test_parameters_take_an_item_and_join_with_plus() -> None:
    assert parse_parameter("FuelPrices:family:oil") == Varied(("FuelPrices",), "family:oil")
    joined = parse_parameter("Technologies.capex_fixed+capex_per_kw:kind:conversion")
    assert joined.parameters == ("Technologies.capex_fixed", "Technologies.capex_per_kw")
    assert joined.item == "kind:conversion"
    assert joined.label == "Technologies.capex_fixed+capex_per_kw"


def test_the_default_list_of_whatif_md(hand) -> None:
    assert [v.title for v in default_parameters(hand)] == [
        "FuelPrices family:oil", "FuelPrices family:methanol",
        "Targets.carbon_price_per_tco2e", "Technologies.capex_fixed+capex_per_kw",
        "Settings.discount_rate", "Fleet.annual_fuel_t"]


# --- sensitivity -----------------------------------------------------------------------

def test_tornado_has_two_cases_per_parameter_scaled_down_and_up(tornado) -> None:
    assert len(tornado) == 1 + 2 * 6
    assert tornado.names[:3] == ["Base", "FuelPrices family:oil -20%",
                                 "FuelPrices family:oil +20%"]
    low, high = tornado["Settings.discount_rate -20%"], tornado["Settings.discount_rate +20%"]
    assert (low.parameter, low.item, low.change) == ("Settings.discount_rate", "", "scale")
    assert low.value == pytest.approx(0.8) and high.value == pytest.approx(1.2)
    assert all(r.status is Status.OPTIMAL for r in tornado.results)


def test_tornado_is_sorted_by_the_width_of_the_npv_range(tornado) -> None:
    table = tornado.tornado
    assert len(table) == 6
    ranges = list(table["objective_range"])
    assert ranges == sorted(ranges, reverse=True)
    for row in table.to_dict("records"):
        low, high = tornado[row["case_low"]], tornado[row["case_high"]]
        assert row["objective_low"] == low.objective
        assert row["objective_range"] == pytest.approx(abs(high.objective - low.objective))
        assert row["emissions_high"] == high.emissions_tco2e


def test_a_generated_case_equals_the_same_edit_solved_by_hand(tornado, hand) -> None:
    edited = hand.copy()
    targets = edited.targets
    for index in targets.index:
        price = targets.at[index, "carbon_price_per_tco2e"]
        if isinstance(price, (int, float)):
            targets.at[index, "carbon_price_per_tco2e"] = price * 1.2
    alone = planner.solve(edited, mip_gap=1e-7)
    assert tornado["Targets.carbon_price_per_tco2e +20%"].objective == pytest.approx(
        alone.objective, rel=1e-7)
    assert tornado["Base"].objective == pytest.approx(
        planner.solve(hand, mip_gap=1e-7).objective, rel=1e-7)


def test_tornado_json_adds_what_each_case_varies(tornado) -> None:
    data = json.loads(json.dumps(tornado.to_json()))
    assert set(data) == {"cases", "errors"}
    assert set(data["cases"][0]) == GENERATED_KEYS - {"parameter", "item", "change", "value"}
    for case in data["cases"][1:]:
        assert set(case) == GENERATED_KEYS
    oil = data["cases"][1]
    assert (oil["parameter"], oil["item"], oil["change"]) == ("FuelPrices", "family:oil",
                                                             "scale")


def test_a_swing_that_breaks_a_column_rule_is_refused_before_solving(hand) -> None:
    with pytest.raises(WorkbookError) as raised:
        sensitivity(hand, swing=0.5, parameters=["Fuels.max_blend_share:HVO", "Nope.x"])
    messages = [issue.message for issue in raised.value.issues]
    assert messages[0].startswith('sensitivity of Nope.x: unknown parameter "Nope.x"')
    assert 'case "Fuels.max_blend_share HVO +50%": Fuels.max_blend_share of HVO would be ' \
           "0.45" not in " ".join(messages)  # 0.3 * 1.5 = 0.45 is fine
    with pytest.raises(PlannerError, match="swing must lie between 0 and 1"):
        sensitivity(hand, swing=1.5)


def test_a_swing_above_a_fraction_limit_names_the_case(hand) -> None:
    with pytest.raises(WorkbookError) as raised:
        sensitivity(hand, swing=0.5, parameters=["Fuels.max_blend_share:Bio-methanol"])
    assert [issue.message for issue in raised.value.issues] == [
        'case "Fuels.max_blend_share Bio-methanol +50%": Fuels.max_blend_share of '
        "Bio-methanol would be 1.2; it must be between 0 and 1"]


# --- sweep -----------------------------------------------------------------------------

def test_sweep_reports_where_a_retrofit_is_dropped(hand) -> None:
    run = sweep(hand, "technologies.CAPEX_FIXED", [2e7, 0, 1e6], item="Rotor sails",
                jobs=2, mip_gap=1e-7)
    assert run.names == ["Base", "Technologies.capex_fixed Rotor sails set 20000000",
                         "Technologies.capex_fixed Rotor sails set 0",
                         "Technologies.capex_fixed Rotor sails set 1000000"]
    # 1,000,000 is the Base's own capex: that case is the Base
    same = run["Technologies.capex_fixed Rotor sails set 1000000"]
    assert same.objective == pytest.approx(run["Base"].objective, rel=1e-7)
    table = run.by_value
    assert list(table["value"]) == [2e7, 0.0, 1e6]
    switches = run.switches.set_index(["vessel_id", "technology"])
    sails = switches.loc[("IMO2", "Rotor sails")]
    assert sails["in_plan_at_lowest"] and sails["taken_up_at"] == []
    assert sails["dropped_at"] == [2e7]
    conversion = switches.loc[("IMO1", "Methanol conversion")]
    assert conversion["dropped_at"] == [] and conversion["in_plan_at"] == [0.0, 1e6, 2e7]
    assert "  IMO2 Rotor sails: in the plan at the lowest value; dropped at 20000000" in \
        run.study_lines("USD")


def test_switches_in_both_directions_follow_ascending_values() -> None:
    def case(value: float, vessels: list[str], status: Status = Status.OPTIMAL) -> tuple:
        retrofits = pd.DataFrame([{"vessel_id": v, "technology": "Sails", "year": 2030}
                                  for v in vessels], columns=["vessel_id", "technology", "year"])
        plan = planner.Plan(status=status, retrofits=retrofits)
        return value, CaseResult(f"v{value}", status, plan=plan)

    table = retrofit_switches([case(300, ["A", "B"]), case(0, ["A"]), case(100, []),
                               case(200, ["A"], Status.INFEASIBLE), case(400, ["B"])])
    rows = {r["vessel_id"]: r for r in table.to_dict("records")}
    # value 200 has no plan meeting its caps and is left out
    assert rows["A"]["taken_up_at"] == [300] and rows["A"]["dropped_at"] == [100, 400]
    assert rows["A"]["in_plan_at_lowest"] is True
    assert rows["B"]["taken_up_at"] == [300] and rows["B"]["dropped_at"] == []
    assert rows["B"]["in_plan_at"] == [300, 400]


def test_sweep_problems_are_said_once_before_solving(hand) -> None:
    with pytest.raises(WorkbookError) as raised:
        sweep(hand, "Targets.cap_tco2e", [1, 2, 3], item="IMO1", from_year=2031, to_year=2030)
    assert [issue.message for issue in raised.value.issues] == [
        "sweep: Targets.cap_tco2e takes no item; leave item blank",
        "sweep: to_year 2030 is before from_year 2031"]
    with pytest.raises(WorkbookError) as raised:
        sweep(hand, "Fleet.ets_share", [0.5, 2], item="IMO1")
    assert [issue.message for issue in raised.value.issues] == [
        'case "Fleet.ets_share IMO1 set 2": Fleet.ets_share of IMO1 would be 2; it must be '
        "between 0 and 1"]
    with pytest.raises(PlannerError, match="change must be scale, add or set"):
        sweep(hand, "FuelPrices", [1], change="double")


def test_study_words_write_lng_as_the_industry_does() -> None:
    from planner.cases.parameters import case_words, item_words

    assert item_words("family:lng") == "LNG fuels"
    assert item_words("family:oil") == "oil fuels"
    assert case_words("FuelPrices family:lng -20%").startswith("Fuel price, LNG fuels")
