"""The bundled sample: a trans-Pacific container fleet on the Shanghai/Yantian - LA/LB corridor.

``build_sample()`` builds the scenario in code, deterministically, from the EU MRV 2022
extract in ``resources/data`` and the numbers below; every number names its source in
a ``source`` column of its sheet (an unknown column, kept by the workbook) and in
docs/sample-scenario.md, which also says which numbers are illustrative.
``load_sample()`` reads the bundled workbook; ``python -m planner.sample OUT.xlsx``
writes ``build_sample()`` (this is how resources/sample-fleet.xlsx is made).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from planner import schema
from planner.convert import Percent
from planner.optimize.bau import business_as_usual
from planner.optimize.params import derive_params
from planner.paths import resource
from planner.resolve import resolve
from planner.scenario import Scenario, make_table, new_scenario
from planner.series import fill_flat

SAMPLE_WORKBOOK = "sample-fleet.xlsx"
MRV_EXTRACT = "data/eu_mrv_2022_container_sample.csv"
SOURCE = "source"  # the unknown column that says where a row's numbers come from

START_YEAR, END_YEAR = 2026, 2050
VESSEL_TYPE = "Container"
# Newbuilds burn methanol already; conversions fit only the VESSEL_TYPE ships.
NEWBUILD_TYPE = "Methanol DF container"

# --- How the MRV ships become a fleet (derivation rules, docs/sample-scenario.md) ------
HOURS_AT_SEA_PER_YEAR = 5_800.0  # full-year MRV container ships sail 5,300-6,100 h
SFOC_G_PER_KWH = 175.0  # illustrative two-stroke specific fuel oil consumption
SEA_LOAD_FACTOR = 0.5  # illustrative average main-engine load at sea (slow steaming)
EU_LINKED_SHARE = 0.10  # illustrative: share of a ship's sailing on EU-linked services
ETS_SHARE = EU_LINKED_SHARE * 0.5  # ... x 50% ETS scope of voyages to third countries
# Compliance regimes (docs/sample-scenario.md "Regimes"): the inputs for the NZF on every
# ship from 2028 and FuelEU and the ETS on the EU-linked share are in place, the switches
# off: with them on the sample takes about a minute to 0.1% (docs/performance.md).
REGIME_SWITCHES = {"fueleu": "off", "ets": "off", "nzf": "off"}
DRYDOCK_INTERVAL_YEARS = 5  # class renewal survey cycle (docking from delivery)

# Approximate delivery years (our estimate from the IMO-number sequence, checked
# against the MRV technical-efficiency field: EEDI ships are built 2013 or later,
# EIV ships earlier). Verify in a ship register before real use.
BUILD_YEARS = {
    "9251705": 2003, "9251717": 2003, "9285665": 2004, "9287924": 2004, "9290414": 2004,
    "9295373": 2005, "9295957": 2005, "9301328": 2005, "9320398": 2006, "9349813": 2008,
    "9351579": 2008, "9351581": 2008, "9409194": 2010, "9467287": 2011, "9399789": 2013,
    "9619921": 2013, "9619957": 2013, "9783461": 2018, "9783473": 2018, "9795622": 2019,
    "9795646": 2019, "9845659": 2020,
}
EEDI_FROM_YEAR = 2013


@dataclass(frozen=True)
class SizeClass:
    """Ships of one MRV fuel-per-distance band (the extract has no TEU column)."""

    name: str
    min_kg_per_nm: float
    max_kg_per_nm: float
    ships: int  # how many of the band's ships (most hours at sea first) join the fleet
    off_hire_cost_per_day: float  # illustrative earnings lost per day in the yard


SIZE_CLASSES = (
    SizeClass("Class A, 150-200 kg/nm", 150.0, 200.0, 6, 30_000.0),
    SizeClass("Class B, 200-275 kg/nm", 200.0, 275.0, 6, 40_000.0),
    SizeClass("Class C, 275-400 kg/nm", 275.0, 400.0, 6, 55_000.0),
)
NEWBUILD_CLASS = "Methanol dual-fuel newbuild"
# (vessel_id, name, build_year): ordered for the corridor, sized like class C.
NEWBUILDS = (
    ("NB-2027", "Corridor Methanol DF 1", 2027),
    ("NB-2028", "Corridor Methanol DF 2", 2028),
)


Row = dict[object, Any]  # one table row: column key -> cell value


@dataclass(frozen=True)
class MrvShip:
    """One row of the EU MRV 2022 extract."""

    imo: str
    name: str
    technical_efficiency: str
    total_fuel_t: float
    time_at_sea_h: float
    fuel_kg_per_nm: float
    co2_eu_internal_t: float = 0.0  # intra-EU voyages and at berth in the EU
    co2_eu_external_t: float = 0.0  # voyages departing from or arriving in the EU

    @property
    def eu_shares(self) -> tuple[float, float]:
        """(eu_intra_share, eu_extra_share): the EU-linked share of the year split as MRV
        reports the ship's EU-scope CO2 (CO2 stands in for energy: one fuel)."""
        total = self.co2_eu_internal_t + self.co2_eu_external_t
        if total <= 0:
            return 0.0, 0.0
        intra = round(EU_LINKED_SHARE * self.co2_eu_internal_t / total, 4)
        return intra, round(EU_LINKED_SHARE - intra, 4)

    @property
    def fuel_t_per_sea_day(self) -> float:
        return self.total_fuel_t / (self.time_at_sea_h / 24.0)

    @property
    def annual_fuel_t(self) -> float:
        """EU-scope fuel scaled to a full year at sea, whole tonnes."""
        return float(round(self.total_fuel_t * HOURS_AT_SEA_PER_YEAR / self.time_at_sea_h))

    @property
    def is_eedi(self) -> bool:
        return self.technical_efficiency.upper().startswith("EEDI")


def read_mrv_extract() -> list[MrvShip]:
    """The container ships of the bundled EU MRV 2022 extract, in file order."""
    with resource(MRV_EXTRACT).open(newline="", encoding="utf-8") as handle:
        return [
            MrvShip(
                imo=str(int(float(row["imo"]))), name=row["name"].strip(),
                technical_efficiency=row["technical_efficiency"].strip(),
                total_fuel_t=float(row["total_fuel_t"]),
                time_at_sea_h=float(row["time_at_sea_h"]),
                fuel_kg_per_nm=float(row["fuel_kg_per_nm"]),
                co2_eu_internal_t=float(row["co2_intra_eu_voyages_t"])
                + float(row["co2_at_berth_eu_t"]),
                co2_eu_external_t=float(row["co2_departing_eu_voyages_t"])
                + float(row["co2_arriving_eu_voyages_t"]),
            )
            for row in csv.DictReader(handle)
        ]


def select_class(ships: Sequence[MrvShip], size: SizeClass) -> list[MrvShip]:
    """The band's ships with the most hours at sea (closest to a full year in EU scope)."""
    band = [s for s in ships if size.min_kg_per_nm <= s.fuel_kg_per_nm < size.max_kg_per_nm]
    band.sort(key=lambda s: (-s.time_at_sea_h, s.imo))
    return band[:size.ships]


def class_engine_kw(ships: Sequence[MrvShip]) -> float:
    """Illustrative installed power: median sea-day fuel at the SFOC and load above."""
    mean_kw = median(s.fuel_t_per_sea_day for s in ships) * 1e6 / (24.0 * SFOC_G_PER_KWH)
    return float(round(mean_kw / SEA_LOAD_FACTOR, -3))


def first_dock_year(build_year: int) -> int:
    """The first docking from START_YEAR on, every DRYDOCK_INTERVAL_YEARS from delivery."""
    year = build_year + DRYDOCK_INTERVAL_YEARS
    while year < START_YEAR:
        year += DRYDOCK_INTERVAL_YEARS
    return year


# --- Fuels: FuelEU Annex II factors (reference section 2) -------------------------------
GWP_CH4, GWP_N2O = 25.0, 298.0  # GWP100 as used in FuelEU (reference 1.3, AR4)
TBM_CH4, TBM_N2O = 0.00005, 0.00018  # Annex II "to be measured" cells: fossil defaults


@dataclass(frozen=True)
class FuelSpec:
    """One fuel: its Annex II pathway and the numbers the workbook derives from it."""

    name: str
    family: str
    pathway: str  # the Annex II row used
    lcv_mj_per_g: float
    cf_co2: float  # g CO2 per g fuel
    cf_ch4: float
    cf_n2o: float
    slip_pct: float = 0.0  # methane slip, % of the fuel mass
    annex_wtt: float | None = None  # fossil: the Annex II WtT factor
    # bio- and e-fuels: the example WtT factor (RED II / JEC defaults as used by SINTEF
    # FEEMS, reference section 2); their lifecycle E = WtT + Cf_CO2 / LCV
    default_wtt: float | None = None
    max_blend_share: float | None = None
    available_from: int | None = None
    prices: dict[int, float] = field(default_factory=dict)  # USD per tonne
    supply: dict[int, float] = field(default_factory=dict)  # tonnes per year
    price_source: str = ""

    @property
    def renewable(self) -> bool:
        return self.default_wtt is not None

    @property
    def ttw_gco2e_per_mj(self) -> float:
        """Annex I TtW with slip; biogenic or captured CO2 zero-rated for renewables."""
        co2 = 0.0 if self.renewable else self.cf_co2
        burnt = co2 + self.cf_ch4 * GWP_CH4 + self.cf_n2o * GWP_N2O
        slip = self.slip_pct / 100.0
        return round(((1.0 - slip) * burnt + slip * GWP_CH4) / self.lcv_mj_per_g, 3)

    @property
    def wtt_gco2e_per_mj(self) -> float:
        """Fossil: Annex II WtT. Renewable: the lifecycle E, so wtt + ttw = FuelEU WtW."""
        if self.default_wtt is None:
            assert self.annex_wtt is not None
            return self.annex_wtt
        return round(self.default_wtt + self.cf_co2 / self.lcv_mj_per_g, 3)


USD_PER_EUR = 1.10  # illustrative 2025 exchange rate

FUELS = (
    FuelSpec("VLSFO", "oil", "HFO (ISO 8217 RME-RMK); VLSFO is an RM grade", 0.0405, 3.114,
             0.00005, 0.00018, annex_wtt=13.5, prices={2026: 591.0},
             price_source="G20 ports VLSFO index, early 2025 (5.2); held flat in real terms"),
    FuelSpec("MGO", "oil", "MDO/MGO (ISO 8217 DMX-DMB)", 0.0427, 3.206, 0.00005, 0.00018,
             annex_wtt=14.4, prices={2026: 785.0},
             price_source="G20 ports MGO index, early 2025 (5.2); held flat"),
    FuelSpec("FAME (B100)", "oil", "Bio-diesel (FAME)", 0.0372, 2.834, TBM_CH4, TBM_N2O,
             default_wtt=-26.1, max_blend_share=0.3, prices={2026: 1_000.0},
             supply={2026: 40_000.0, 2030: 60_000.0},
             price_source="Rotterdam B100 deals USD 897-1,000/t, Jan-Feb 2024 (5.2); "
                          "held flat; blend limit B30 illustrative"),
    FuelSpec("HVO", "oil", "HVO", 0.044, 3.115, 0.00005, 0.00018, default_wtt=-20.7,
             prices={2026: 1_300.0}, supply={2026: 10_000.0, 2035: 20_000.0},
             price_source="illustrative (no HVO bunker price in the reference): "
                          "about B100 per GJ + 10%"),
    FuelSpec("LNG", "lng", "LNG, Diesel dual-fuel slow speed (MAN ME-GI), Cslip 0.2%", 0.0491,
             2.750, 0.0, 0.00011, slip_pct=0.2, annex_wtt=18.5, prices={2026: 640.0},
             price_source="illustrative: about 13.0 USD/GJ, below VLSFO per GJ as in the "
                          "Rotterdam LNG/VLSFO snapshots (5.2)"),
    FuelSpec("Bio-LNG", "lng", "Bio-LNG, Diesel dual-fuel slow speed, Cslip 0.2%", 0.05, 2.750,
             0.0, 0.00011, slip_pct=0.2, default_wtt=-38.9,
             prices={2026: 1_800.0, 2040: 1_750.0},
             supply={2026: 10_000.0, 2030: 30_000.0, 2040: 60_000.0},
             price_source="illustrative (no bio-LNG price in the reference): 36 USD/GJ, 35 from 2040"),
    FuelSpec("Grey methanol", "methanol", "Methanol from natural gas", 0.0199, 1.375, TBM_CH4,
             TBM_N2O, annex_wtt=31.3, prices={2026: 500.0},
             price_source="about USD 500/t, 2021 commentary (5.2); held flat"),
    FuelSpec("Bio-methanol", "methanol", "Bio-methanol", 0.0199, 1.375, TBM_CH4, TBM_N2O,
             default_wtt=-58.35, prices={2026: 850.0, 2035: 750.0, 2050: 700.0},
             supply={2026: 20_000.0, 2030: 80_000.0, 2040: 150_000.0},
             price_source="sale about USD 850/t, Dec 2023 (GCMD, 5.2); falling toward the "
                          "BNEF production cost USD 610-748/t: 2035 and 2050 illustrative"),
    FuelSpec("e-Methanol", "methanol", "e-methanol (RFNBO)", 0.0199, 1.375, TBM_CH4, TBM_N2O,
             default_wtt=-67.1, prices={2026: 1_500.0, 2035: 1_000.0, 2050: 700.0},
             supply={2026: 5_000.0, 2030: 40_000.0, 2040: 200_000.0, 2050: 400_000.0},
             price_source="2026 low end of USD 1,500-3,500/t (2025); 2035 BNEF USD 1,000/t; "
                          "2050 IEA 35 USD/GJ = USD 700/t (5.2); path illustrative"),
    FuelSpec("Grey ammonia", "ammonia", "Ammonia from natural gas (grey)", 0.0186, 0.0, 0.0,
             TBM_N2O, annex_wtt=121.0, available_from=2030, prices={2030: 400.0},
             price_source="illustrative (no grey ammonia price in the reference)"),
    FuelSpec("e-Ammonia", "ammonia", "e-ammonia (RFNBO)", 0.0186, 0.0, 0.0, TBM_N2O,
             default_wtt=0.0, available_from=2030,
             prices={2030: 900.0, 2040: 700.0, 2050: 560.0},
             supply={2030: 20_000.0, 2040: 200_000.0, 2050: 600_000.0},
             price_source="2030 GCMD asking USD 700/t + 25% logistics; 2050 IEA 30 USD/GJ = "
                          "USD 558/t (5.2); 2040 illustrative"),
)


# --- Technologies (reference section 5.1) ----------------------------------------------
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

# --- Targets (reference sections 3 and 4) ------------------------------------------------
IMO_REDUCTION = {2030: 0.20, 2040: 0.70, 2050: 1.00}  # 2023 IMO GHG Strategy checkpoints
CARBON_PRICE_EUR = {2026: 78.5, 2030: 80.0, 2040: 130.0, 2050: 200.0}  # 2040+ illustrative
CAP_PENALTY = {2040: 380.0}  # IMO NZF tier-2 remedial unit, USD/tCO2e
YARD_CAPACITY_PER_YEAR = 4
MIP_GAP = 0.001


@dataclass(frozen=True)
class DerivedClass:
    """A size class with its chosen ships and the figures derived from them."""

    size: SizeClass
    ships: list[MrvShip]

    @property
    def engine_kw(self) -> float:
        return class_engine_kw(self.ships)

    @property
    def median_annual_fuel_t(self) -> float:
        return float(round(median(s.annual_fuel_t for s in self.ships)))


def derive_classes() -> list[DerivedClass]:
    """The size classes filled with their MRV ships."""
    ships = read_mrv_extract()
    return [DerivedClass(size, select_class(ships, size)) for size in SIZE_CLASSES]


def _fleet_rows(classes: Sequence[DerivedClass]) -> list[Row]:
    """The Fleet sheet: the chosen MRV ships class by class, then the newbuilds."""
    rows: list[Row] = []
    for derived in classes:
        for ship in derived.ships:
            build = BUILD_YEARS[ship.imo]
            if ship.is_eedi != (build >= EEDI_FROM_YEAR):
                raise ValueError(f"{ship.name}: build year {build} contradicts "
                                 f"{ship.technical_efficiency}")
            row = _vessel(ship.imo, ship.name, VESSEL_TYPE, build, derived.engine_kw,
                          ship.annual_fuel_t, derived.size.name,
                          derived.size.off_hire_cost_per_day, "oil", _mrv_note(ship))
            intra, extra = ship.eu_shares
            row["eu_intra_share"], row["eu_extra_share"] = Percent(intra), Percent(extra)
            rows.append(row)
    largest = classes[-1]
    for vessel_id, name, build in NEWBUILDS:
        rows.append(_vessel(vessel_id, name, NEWBUILD_TYPE, build, largest.engine_kw,
                            largest.median_annual_fuel_t, NEWBUILD_CLASS,
                            largest.size.off_hire_cost_per_day, "oil, methanol",
                            f"hypothetical newbuild; engine, fuel and off-hire as "
                            f"{largest.size.name} (median)"))
    return rows


def _vessel(vessel_id: str, name: str, vessel_type: str, build: int, kw: float,
            fuel_t: float, size_class: str, off_hire: float, families: str,
            note: str) -> Row:
    return {
        "vessel_id": vessel_id, "name": name, "type": vessel_type, "build_year": build,
        "main_engine_kw": kw, "baseline_fuel": "VLSFO", "annual_fuel_t": fuel_t,
        "fuel_families": families, "ets_share": Percent(ETS_SHARE),
        "next_drydock_year": first_dock_year(build),
        "drydock_interval_years": DRYDOCK_INTERVAL_YEARS, "off_hire_cost_per_day": off_hire,
        "size_class": size_class, SOURCE: note,
    }


def _mrv_note(ship: MrvShip) -> str:
    return (f"EU MRV 2022: {ship.total_fuel_t:,.0f} t in {ship.time_at_sea_h:,.0f} h at sea, "
            f"x {HOURS_AT_SEA_PER_YEAR:,.0f}/{ship.time_at_sea_h:,.0f} h; "
            f"{ship.technical_efficiency}")


def _fuel_rows() -> list[Row]:
    rows: list[Row] = []
    for spec in FUELS:
        note = f"FuelEU Annex II: {spec.pathway}"
        if spec.renewable:
            note += (f"; E = WtT {spec.default_wtt:g} + Cf_CO2/LCV (RED II/JEC default as in "
                     "FEEMS); combustion CO2 zero-rated in ttw")
        rows.append({
            "fuel": spec.name, "family": spec.family,
            "lcv_mj_per_kg": round(spec.lcv_mj_per_g * 1000.0, 3),
            "wtt_gco2e_per_mj": spec.wtt_gco2e_per_mj,
            "ttw_gco2e_per_mj": spec.ttw_gco2e_per_mj,
            "max_blend_share": (None if spec.max_blend_share is None
                                else Percent(spec.max_blend_share)),
            "available_from": spec.available_from, SOURCE: note,
        })
    return rows


def _series_rows(prices: bool) -> list[Row]:
    rows: list[Row] = []
    for spec in FUELS:
        points = spec.prices if prices else spec.supply
        if points:
            note = spec.price_source if prices else "illustrative supply limit (t per year)"
            row: Row = {"fuel": spec.name}
            for year, value in points.items():
                row[year] = value
            row[SOURCE] = note
            rows.append(row)
    return rows


def _technology_rows(reference_kw: float) -> list[Row]:
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


def baseline_emissions(scenario: Scenario) -> dict[int, float]:
    """Business as usual's tCO2e of each year by the caps' scope (optimize.bau): every
    vessel in service on its baseline fuel. The sample's caps are set against it."""
    return business_as_usual(derive_params(resolve(scenario))).emissions_by_year


def _target_rows(baseline: dict[int, float]) -> list[Row]:
    """IMO checkpoints against the fleet's own baseline of each year; carbon price; penalty."""
    first_cap = min(IMO_REDUCTION)
    years = sorted({START_YEAR, *CARBON_PRICE_EUR, *CAP_PENALTY,
                    *range(first_cap, END_YEAR + 1)})
    rows: list[Row] = []
    for year in years:
        row: Row = {"year": year}
        if year >= first_cap:
            reduction = fill_flat(IMO_REDUCTION, [year])[year] or 0.0
            row["cap_tco2e"] = float(round((1.0 - reduction) * baseline[year]))
        if year in CARBON_PRICE_EUR:
            row["carbon_price_per_tco2e"] = float(round(CARBON_PRICE_EUR[year] * USD_PER_EUR))
        if year in CAP_PENALTY:
            row["cap_penalty_per_tco2e"] = CAP_PENALTY[year]
        rows.append(row)
    return rows


# case, parameter, item, change, value, from_year, to_year, description (whatif.md)
CASES = (
    ("EU ETS price doubled", "Targets.carbon_price_per_tco2e", None, "scale", Percent(2.0),
     None, None, "What if the EU carbon price is twice the path? The corridor ships have "
     "little EU exposure (ets_share 5%), so the caps, not the ETS, should drive the plan."),
    ("Cheap e-methanol from 2035", "FuelPrices", "e-Methanol", "scale", Percent(0.7), 2035,
     None, "What if e-methanol costs 30% less from 2035 (cheap renewable power)? "
     "Does the plan convert ships to methanol instead of ammonia?"),
    ("Yard takes two retrofits a year", "Settings.yard_capacity_per_year", None, "set", 2,
     None, None, "What if the yards on the corridor take only two retrofits a year "
     "instead of four? Which retrofits move or drop out, and what does it cost?"),
    ("Second newbuild two years late", "Fleet.build_year", "NB-2028", "add", 2, None, None,
     "What if the second methanol dual-fuel newbuild is delivered in 2030, not 2028?"),
    ("FuelEU penalty 50% higher", "Regimes.fueleu_penalty_per_t_vlsfo", None, "scale",
     Percent(1.5), None, None, "With fueleu set to on: what if the FuelEU penalty were "
     "EUR 3,600 per t VLSFO-equivalent instead of 2,400? With 5-7.5% of the energy in "
     "FuelEU scope, does any ship change fuel for it?"),
    ("IMO caps 10% tighter", "Targets.cap_tco2e", None, "scale", Percent(0.9), None, None,
     "What if the corridor's caps are 10% below the IMO checkpoints (towards the "
     "'striving' levels of -30% in 2030 and -80% in 2040)?"),
)
CASE_COLUMNS = ("case", "parameter", "item", "change", "value", "from_year", "to_year",
                "description")

# Robust planning (robust.md): the retrofits of the next docking rounds are signed now.
COMMIT_UNTIL_YEAR = 2030
# parameter, item, distribution, low, mode, high, mean, sd, group, description: each a
# multiplier of the sample's path; every range is illustrative (docs/sample-scenario.md).
UNCERTAINTY = (
    ("FuelPrices", "family:oil", "triangular", 0.75, 1.0, 1.5, None, None, "fossil",
     "Oil-family prices (VLSFO, MGO and the drop-ins priced off them), illustrative"),
    ("FuelPrices", "family:lng", "triangular", 0.7, 1.0, 1.6, None, None, "fossil",
     "LNG and bio-LNG prices, moving with oil, illustrative"),
    ("FuelPrices", "family:methanol", "triangular", 0.7, 1.0, 1.4, None, None, "e-fuels",
     "Methanol prices (grey, bio, e-), illustrative"),
    ("FuelPrices", "family:ammonia", "triangular", 0.7, 1.0, 1.4, None, None, "e-fuels",
     "Ammonia prices (grey, e-), moving with methanol, illustrative"),
    ("Targets.carbon_price_per_tco2e", None, "lognormal", None, None, 3.0, 1.0, 0.35, None,
     "EU carbon price path, illustrative spread"),
    ("Technologies.capex_fixed", None, "uniform", 0.85, None, 1.3, None, None, "capex",
     "Retrofit capex overrun or saving, illustrative"),
    ("Technologies.capex_per_kw", None, "uniform", 0.85, None, 1.3, None, None, "capex",
     "Power-scaled capex, with the fixed part"),
)
UNCERTAINTY_COLUMNS = ("parameter", "item", "distribution", "low", "mode", "high", "mean", "sd",
                       "group", "description")


def build_sample() -> Scenario:
    """The corridor sample scenario, built in code from the MRV extract and the numbers above."""
    scenario = new_scenario(START_YEAR, END_YEAR)
    scenario.set_setting("discount_rate", Percent(0.08))
    scenario.set_setting("currency", "USD")
    scenario.set_setting("emission_scope", "wtw")
    scenario.set_setting("yard_capacity_per_year", YARD_CAPACITY_PER_YEAR)
    scenario.set_setting("mip_gap", Percent(MIP_GAP))
    for name, value in REGIME_SWITCHES.items():
        scenario.set_setting(name, value)
    scenario.set_setting("currency_per_eur", USD_PER_EUR)
    scenario.set_setting("commit_until_year", COMMIT_UNTIL_YEAR)
    classes = derive_classes()
    fleet_rows, fuel_rows = _fleet_rows(classes), _fuel_rows()
    tables: dict[schema.Sheet, list[Row]] = {
        schema.FLEET: fleet_rows,
        schema.FUELS: fuel_rows,
        schema.FUEL_PRICES: _series_rows(prices=True),
        schema.FUEL_SUPPLY: _series_rows(prices=False),
        schema.TECHNOLOGIES: _technology_rows(classes[-1].engine_kw),
        schema.CASES: [dict(zip(CASE_COLUMNS, case, strict=True)) for case in CASES],
        schema.UNCERTAINTY: [dict(zip(UNCERTAINTY_COLUMNS, row, strict=True))
                             for row in UNCERTAINTY],
    }
    for sheet, rows in tables.items():
        scenario.set_table(sheet.name, make_table(sheet, rows))
    scenario.set_table(schema.TARGETS.name,
                       make_table(schema.TARGETS, _target_rows(baseline_emissions(scenario))))
    scenario.present_sheets = {sheet.name for sheet in schema.INPUT_SHEETS
                               if sheet is not schema.FUTURES}
    return scenario


def load_sample() -> Scenario:
    """The bundled sample workbook (resources/sample-fleet.xlsx), read like any workbook."""
    from planner.workbook.reader import load_scenario

    return load_scenario(str(resource(SAMPLE_WORKBOOK)))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m planner.sample OUT.xlsx``: write build_sample() to OUT.xlsx."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m planner.sample OUT.xlsx", file=sys.stderr)
        return 2
    from planner.errors import PlannerError
    from planner.exit_codes import ExitCode
    from planner.workbook.writer import save_scenario

    try:
        save_scenario(build_sample(), args[0])
    except PlannerError as error:
        print(f"planner.sample: {error}", file=sys.stderr)
        return ExitCode.INPUT
    print(f"Wrote the sample corridor fleet to {args[0]}")
    return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
