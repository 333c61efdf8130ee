"""The sample's Technologies sheet: fuel conversions priced per ship and per kW, and
efficiency retrofits, each with its source (reference section 5.1)."""

from __future__ import annotations

from planner.convert import Percent
from planner.sample_inputs.common import SOURCE, USD_PER_EUR, VESSEL_TYPE, Row

# Conversion prices for a ~15,000 TEU ship (MAN: methanol USD 25 m, LNG USD 35 m; ammonia
# 1.45 x methanol from MMMCZCS' newbuild premiums +16% vs +11%) are split 30% per ship
# (tanks, fuel supply, design) and 70% per kW of the class C engine (illustrative split).
FIXED_SHARE = 0.3
CONVERSIONS = (
    # technology, family enabled, reference price USD, off-hire days, available from, source
    ("Methanol dual-fuel conversion", "methanol", 25e6, 88.0, None,
     "MAN estimate USD 25 m for ~15,000 TEU; 88 days in yard (Maersk Halifax) (5.1)"),
    ("LNG dual-fuel conversion", "lng", 35e6, 100.0, None,
     "MAN estimate USD 35 m for ~15,000 TEU (5.1); 100 days illustrative"),
    ("Ammonia dual-fuel conversion", "ammonia", 25e6 * 16.0 / 11.0, 110.0, 2030,
     "1.45 x the methanol price (MMMCZCS newbuild premiums, 5.1); 110 days and "
     "availability from 2030 illustrative"),
)
# technology, capex fixed, capex per kW, opex per year, saving, off-hire days, life, source
EFFICIENCY = (
    ("Rotor sails", 2.5e6 * USD_PER_EUR, 0.0, 30_000.0, 0.04, 10.0, 20,
     "Norsepower EUR 1-3 m per ship; saving 4% = low end of the 4-1x% review range for a "
     "fast container ship (8.2% on a tanker) (5.1); opex and days illustrative"),
    ("Air lubrication", 2e6, 0.0, 25_000.0, 0.05, 14.0, 20,
     "about USD 2 m + USD 25,000/yr; about 5% net saving (Ship & Bunker) (5.1); "
     "days illustrative"),
    ("Hull and propeller package", 1.5e6, 30.0, 0.0, 0.04, 7.0, 10,
     "illustrative (not in the reference): propeller retrofit, bulbous bow and hull "
     "coating, priced for a payback of about five years"),
)


def technology_rows(reference_kw: float) -> list[Row]:
    """Conversions (30% per ship, 70% per kW of ``reference_kw``), then efficiency."""
    rows: list[Row] = []
    for name, family, price, days, available, note in CONVERSIONS:
        rows.append({
            "technology": name, "kind": "conversion", "enables": family,
            "capex_fixed": round(FIXED_SHARE * price, -4),
            "capex_per_kw": float(round((1.0 - FIXED_SHARE) * price / reference_kw)),
            "opex_per_year": 0.0, "energy_saving": 0.0, "off_hire_days": days,
            "available_from": available, "vessel_types": VESSEL_TYPE, "lifetime_years": 25,
            SOURCE: note + f"; 70% per kW of the {reference_kw:,.0f} kW class C engine",
        })
    for name, fixed, per_kw, opex, saving, days, life, note in EFFICIENCY:
        rows.append({
            "technology": name, "kind": "efficiency", "enables": None,
            "capex_fixed": round(fixed, -4), "capex_per_kw": per_kw, "opex_per_year": opex,
            "energy_saving": Percent(saving), "off_hire_days": days, "available_from": None,
            "vessel_types": None, "lifetime_years": life, SOURCE: note,
        })
    return rows
