"""Small scenarios built in code for the what-if tests (no workbook reader needed)."""

from __future__ import annotations

import dataclasses
import math

from planner import schema
from planner.scenario import Scenario, make_table, new_scenario

CASE_COLUMNS = schema.CASES.column_names


def two_ship_scenario() -> Scenario:
    """Two ships, four fuels, two technologies, caps with a late penalty; 2026..2035."""
    scenario = new_scenario(2026, 2035)
    scenario.set_setting("discount_rate", 0.08)
    scenario.set_table("Fleet", make_table(schema.FLEET, [
        {"vessel_id": "IMO1", "type": "Container", "build_year": 2012,
         "main_engine_kw": 20000.0, "baseline_fuel": "VLSFO", "annual_fuel_t": 9000.0,
         "next_drydock_year": 2027, "drydock_interval_years": 3},
        {"vessel_id": "IMO2", "type": "Bulk", "build_year": 2029, "main_engine_kw": 12000.0,
         "baseline_fuel": "VLSFO", "annual_fuel_t": 6000.0, "fuel_families": "oil, methanol"},
        {"vessel_id": "IMO3", "type": "container", "build_year": 2015,
         "main_engine_kw": 15000.0, "baseline_fuel": "LNG", "annual_fuel_t": 7000.0,
         "off_hire_cost_per_day": 5000.0},
    ]))
    scenario.set_table("Fuels", make_table(schema.FUELS, [
        {"fuel": "VLSFO", "family": "oil", "lcv_mj_per_kg": 41.0, "wtt_gco2e_per_mj": 13.2,
         "ttw_gco2e_per_mj": 76.4},
        {"fuel": "Bio-methanol", "family": "methanol", "lcv_mj_per_kg": 19.9,
         "wtt_gco2e_per_mj": 12.0, "ttw_gco2e_per_mj": 1.0, "max_blend_share": 0.8,
         "available_from": 2028},
        {"fuel": "HVO", "family": "oil", "lcv_mj_per_kg": 44.0, "wtt_gco2e_per_mj": 18.0,
         "ttw_gco2e_per_mj": 2.0, "max_blend_share": 0.3},
        {"fuel": "LNG", "family": "lng", "lcv_mj_per_kg": 48.0, "wtt_gco2e_per_mj": 18.5,
         "ttw_gco2e_per_mj": 70.0},
    ]))
    scenario.set_table("FuelPrices", make_table(schema.FUEL_PRICES, [
        {"fuel": "VLSFO", 2026: 600.0, 2035: 700.0},
        {"fuel": "Bio-methanol", 2026: 1200.0, 2030: 1000.0},
        {"fuel": "HVO", 2028: 1700.0},
        {"fuel": "LNG", 2027: 650.0},
    ]))
    scenario.set_table("FuelSupply", make_table(schema.FUEL_SUPPLY, [
        {"fuel": "HVO", 2030: 3000.0},
    ]))
    scenario.set_table("Technologies", make_table(schema.TECHNOLOGIES, [
        {"technology": "Methanol conversion", "kind": "conversion", "enables": "methanol",
         "capex_fixed": 2_000_000.0, "capex_per_kw": 200.0, "opex_per_year": 30_000.0,
         "off_hire_days": 20.0, "lifetime_years": 20},
        {"technology": "Rotor sails", "kind": "efficiency", "capex_fixed": 1_000_000.0,
         "energy_saving": 0.05, "vessel_types": "Bulk"},
    ]))
    scenario.set_table("Targets", make_table(schema.TARGETS, [
        {"year": 2026, "carbon_price_per_tco2e": 80.0},
        {"year": 2030, "cap_tco2e": 40_000.0},
        {"year": 2035, "carbon_price_per_tco2e": 150.0, "cap_tco2e": 25_000.0,
         "cap_penalty_per_tco2e": 400.0},
    ]))
    return scenario


def with_cases(scenario: Scenario, rows: list[tuple]) -> Scenario:
    """The scenario with a Cases sheet of these rows (tuples in Cases column order)."""
    result = scenario.copy()
    result.set_table("Cases", make_table(schema.CASES, [
        dict(zip(CASE_COLUMNS, row, strict=False)) for row in rows]))
    return result


def assert_same(actual: object, expected: object, path: str = "data") -> None:
    """Two resolved model data equal, floats to 1e-9 relative."""
    if dataclasses.is_dataclass(actual) and not isinstance(actual, type):
        assert type(actual) is type(expected), path
        for item in dataclasses.fields(actual):
            assert_same(getattr(actual, item.name), getattr(expected, item.name),
                        f"{path}.{item.name}")
        return
    if isinstance(actual, dict):
        assert isinstance(expected, dict) and set(actual) == set(expected), \
            f"{path}: keys {sorted(actual)} != {sorted(expected)}"
        for key in actual:
            assert_same(actual[key], expected[key], f"{path}[{key!r}]")
        return
    if isinstance(actual, (list, tuple)):
        assert len(actual) == len(expected), f"{path}: lengths differ"
        for pos, (left, right) in enumerate(zip(actual, expected, strict=True)):
            assert_same(left, right, f"{path}[{pos}]")
        return
    if isinstance(actual, float) or isinstance(expected, float):
        assert actual is not None and expected is not None, f"{path}: {actual} != {expected}"
        assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9), \
            f"{path}: {actual} != {expected}"
        return
    assert actual == expected, f"{path}: {actual!r} != {expected!r}"
