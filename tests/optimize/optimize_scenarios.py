"""Small scenarios built in code for the optimizer tests (no workbook needed)."""

from __future__ import annotations

from planner import schema
from planner.scenario import Scenario, make_table, new_scenario

VLSFO = {"fuel": "VLSFO", "family": "oil", "lcv_mj_per_kg": 40.0, "wtt_gco2e_per_mj": 10.0,
         "ttw_gco2e_per_mj": 80.0}
BIO = {"fuel": "Bio-diesel", "family": "oil", "lcv_mj_per_kg": 40.0, "wtt_gco2e_per_mj": 10.0,
       "ttw_gco2e_per_mj": 0.0}
METHANOL = {"fuel": "e-Methanol", "family": "methanol", "lcv_mj_per_kg": 20.0,
            "wtt_gco2e_per_mj": 5.0, "ttw_gco2e_per_mj": 0.0}
# money per tonne: VLSFO 12.5 per GJ, bio-diesel 37.5, e-methanol 35
PRICES = {"VLSFO": 500.0, "Bio-diesel": 1500.0, "e-Methanol": 700.0}
CONVERSION = {"technology": "Methanol conversion", "kind": "conversion", "enables": "methanol",
              "capex_fixed": 1_000_000.0, "lifetime_years": 10}
SAILS = {"technology": "Rotor sails", "kind": "efficiency", "capex_fixed": 500_000.0,
         "energy_saving": 0.1, "lifetime_years": 10}


def vessel(vessel_id: str = "V1", **values: object) -> dict[str, object]:
    row: dict[str, object] = {"vessel_id": vessel_id, "build_year": 2015,
                              "baseline_fuel": "VLSFO", "annual_fuel_t": 1000.0}
    row.update(values)
    return row


def scenario(start: int = 2030, end: int = 2032, *, fleet: list[dict] | None = None,
             fuels: list[dict] | None = None, prices: dict[str, dict[int, float]] | None = None,
             supply: dict[str, dict[int, float]] | None = None,
             technologies: list[dict] | None = None, targets: list[dict] | None = None,
             **settings: object) -> Scenario:
    """A scenario of the given tables; prices default to PRICES (flat), 500 for others."""
    result = new_scenario(start, end)
    settings.setdefault("discount_rate", 0.0)
    for name, value in settings.items():
        result.set_setting(name, value)
    fuels = fuels if fuels is not None else [VLSFO]
    prices = prices if prices is not None else {
        f["fuel"]: {start: PRICES.get(f["fuel"], 500.0)} for f in fuels}
    result.set_table("Fleet", make_table(schema.FLEET, fleet if fleet is not None
                                         else [vessel()]))
    result.set_table("Fuels", make_table(schema.FUELS, fuels))
    result.set_table("FuelPrices", make_table(
        schema.FUEL_PRICES, [{"fuel": name, **series} for name, series in prices.items()]))
    result.set_table("FuelSupply", make_table(
        schema.FUEL_SUPPLY, [{"fuel": name, **series} for name, series in
                             (supply or {}).items()]))
    result.set_table("Technologies", make_table(schema.TECHNOLOGIES, technologies or []))
    result.set_table("Targets", make_table(schema.TARGETS, targets or []))
    return result
