"""Generated fleets of any size for benchmarks: realistic shapes, deterministic from a seed.

A fleet of N container ships in four size classes over a 25-year horizon, 9 fuels in
5 families, 7 technologies (3 conversions, 4 efficiency measures), yard capacity and
a cap path that falls 20% by 2030 and 70% by 2040 against the fleet's baseline, so the
model has to convert ships and switch fuels. Sister ships share every attribute but
the id, as real series do.
"""

from __future__ import annotations

import random

from planner import schema
from planner.scenario import Scenario, make_table, new_scenario

# size class: (annual VLSFO t, main engine kW, off-hire cost per day)
CLASSES = {
    "feeder": (9_000.0, 18_000.0, 18_000.0),
    "panamax": (15_000.0, 40_000.0, 30_000.0),
    "neo-panamax": (20_000.0, 55_000.0, 42_000.0),
    "ulcv": (26_000.0, 65_000.0, 55_000.0),
}

# fuel, family, LCV MJ/kg, WtT, TtW gCO2e/MJ, blend limit, available from, price 2026, 2050
FUELS = [
    ("VLSFO", "oil", 41.0, 13.2, 78.2, None, None, 600, 720),
    ("MGO", "oil", 42.7, 14.4, 76.4, None, None, 780, 900),
    ("HVO", "oil", 44.0, 15.0, 5.0, 0.5, None, 1_700, 1_500),
    ("LNG", "lng", 49.1, 18.5, 70.0, None, None, 650, 720),
    ("Bio-LNG", "lng", 50.0, 20.0, 10.0, None, 2028, 1_500, 1_200),
    ("Grey methanol", "methanol", 19.9, 31.3, 69.1, None, None, 450, 500),
    ("Bio-methanol", "methanol", 19.9, 14.0, 5.0, None, 2027, 1_000, 850),
    ("e-Methanol", "methanol", 19.9, 8.0, 1.0, None, 2030, 1_600, 900),
    ("e-Ammonia", "ammonia", 18.6, 8.0, 6.0, None, 2032, 1_300, 750),
]

# technology, kind, enables, capex fixed, per kW, opex, saving, off-hire days, from
TECHNOLOGIES = [
    ("Methanol conversion", "conversion", "methanol", 4_000_000, 250, 60_000, 0.0, 60, None),
    ("LNG conversion", "conversion", "lng", 6_000_000, 320, 80_000, 0.0, 75, None),
    ("Ammonia conversion", "conversion", "ammonia", 7_000_000, 380, 100_000, -0.02, 90, 2032),
    ("Rotor sails", "efficiency", None, 2_500_000, 0, 30_000, 0.06, 10, None),
    ("Air lubrication", "efficiency", None, 2_000_000, 0, 25_000, 0.05, 14, None),
    ("Hull and propeller package", "efficiency", None, 800_000, 10, 0, 0.03, 7, None),
    ("Waste heat recovery", "efficiency", None, 1_500_000, 20, 15_000, 0.04, 20, 2028),
]


def generate_fleet(vessels: int, years: int = 25, seed: int = 1, start_year: int = 2026,
                   sisters: int = 1, yard_capacity: int | None = None) -> Scenario:
    """A scenario with ``vessels`` ships; ``sisters`` ships share each design."""
    rng = random.Random(seed)
    end_year = start_year + years - 1
    scenario = new_scenario(start_year, end_year)
    scenario.set_setting("yard_capacity_per_year",
                         yard_capacity if yard_capacity is not None else max(2, vessels // 8))
    scenario.set_setting("time_limit_s", 120.0)

    fleet_rows = []
    names = list(CLASSES)
    design: dict[str, object] = {}
    for number in range(vessels):
        if number % sisters == 0:
            size = names[rng.randrange(len(names))]
            fuel_t, kw, offhire = CLASSES[size]
            build = rng.randint(start_year - 20, start_year + 3)
            design = {
                "type": "Container",
                "build_year": build,
                "retire_year": build + 25,
                "main_engine_kw": kw,
                "baseline_fuel": "LNG" if rng.random() < 0.1 else "VLSFO",
                "annual_fuel_t": round(fuel_t * rng.uniform(0.85, 1.15), 1),
                "ets_share": rng.choice([0.5, 1.0]),
                "next_drydock_year": start_year + rng.randrange(5),
                "drydock_interval_years": 5 if rng.random() < 0.8 else 3,
                "off_hire_cost_per_day": offhire,
            }
            if design["baseline_fuel"] == "LNG":
                design["fuel_families"] = "lng, oil"
        fleet_rows.append({"vessel_id": f"IMO{9_100_000 + number}",
                           "name": f"Generated {size.title()} {number + 1}", **design})
    scenario.set_table("Fleet", make_table(schema.FLEET, fleet_rows))

    scenario.set_table("Fuels", make_table(schema.FUELS, [
        {"fuel": f, "family": fam, "lcv_mj_per_kg": lcv, "wtt_gco2e_per_mj": wtt,
         "ttw_gco2e_per_mj": ttw, "max_blend_share": blend, "available_from": avail}
        for f, fam, lcv, wtt, ttw, blend, avail, _p0, _p1 in FUELS
    ]))
    scenario.set_table("FuelPrices", make_table(schema.FUEL_PRICES, [
        {"fuel": f, start_year: p0, start_year + 9: round((p0 + p1) / 2), end_year: p1}
        for f, *_rest, p0, p1 in FUELS
    ]))
    scarce = {"Bio-methanol": 0.10, "e-Methanol": 0.15, "Bio-LNG": 0.08, "HVO": 0.05}
    total_energy = sum(float(r["annual_fuel_t"]) * 41.0 for r in fleet_rows)
    scenario.set_table("FuelSupply", make_table(schema.FUEL_SUPPLY, [
        {"fuel": f, start_year + 4: round(share * total_energy / lcv),
         end_year: round(3 * share * total_energy / lcv)}
        for f, _fam, lcv, *_rest in FUELS if (share := scarce.get(f))
    ]))
    scenario.set_table("Technologies", make_table(schema.TECHNOLOGIES, [
        {"technology": t, "kind": kind, "enables": enables, "capex_fixed": fixed,
         "capex_per_kw": per_kw, "opex_per_year": opex, "energy_saving": saving,
         "off_hire_days": days, "available_from": avail, "lifetime_years": 25}
        for t, kind, enables, fixed, per_kw, opex, saving, days, avail in TECHNOLOGIES
    ]))
    baseline = total_energy * (13.2 + 78.2) / 1000.0
    scenario.set_table("Targets", make_table(schema.TARGETS, [
        {"year": start_year, "carbon_price_per_tco2e": 85.0},
        {"year": 2030, "cap_tco2e": round(0.8 * baseline)},
        {"year": 2040, "cap_tco2e": round(0.3 * baseline), "carbon_price_per_tco2e": 150.0},
        {"year": 2045, "cap_penalty_per_tco2e": 380.0},
        {"year": 2050, "cap_tco2e": round(0.05 * baseline), "carbon_price_per_tco2e": 200.0},
    ]))
    scenario.present_sheets = {s.name for s in schema.INPUT_SHEETS if s is not schema.CASES}
    return scenario


# Eight what-if cases a corridor planner asks (whatif.md): the parallel-runs benchmark.
EIGHT_CASES = [
    ("Carbon -30%", "Targets.carbon_price_per_tco2e", None, "scale", 0.7),
    ("Carbon +50%", "Targets.carbon_price_per_tco2e", None, "scale", 1.5),
    ("Cheap methanol", "FuelPrices", "family:methanol", "scale", 0.7),
    ("Dear conversions", "Technologies.capex_fixed", "kind:conversion", "scale", 1.3),
    ("Two a year", "Settings.yard_capacity_per_year", None, "set", 2),
    ("Low discount", "Settings.discount_rate", None, "set", "5%"),
    ("More trade", "Fleet.annual_fuel_t", None, "scale", 1.1),
    ("Tighter caps", "Targets.cap_tco2e", None, "scale", 0.9, 2030),
]


def with_eight_cases(scenario: Scenario) -> Scenario:
    """The scenario with EIGHT_CASES as its Cases sheet."""
    scenario.set_table("Cases", make_table(schema.CASES, [
        dict(zip(schema.CASES.column_names, row, strict=False)) for row in EIGHT_CASES]))
    return scenario


if __name__ == "__main__":  # pragma: no cover - a quick look at a generated fleet
    import sys

    fleet = generate_fleet(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    print(fleet.fleet.head(10).to_string())
