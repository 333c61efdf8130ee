"""The sample's Fleet sheet: ships of the EU MRV 2022 extract in three size classes,
two newbuilds, and the derivation rules that turn MRV figures into a fleet."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from planner.convert import Percent
from planner.paths import resource
from planner.sample_inputs.common import SOURCE, START_YEAR, VESSEL_TYPE, Row

MRV_EXTRACT = "data/eu_mrv_2022_container_sample.csv"
# Newbuilds burn methanol already; conversions fit only the VESSEL_TYPE ships.
NEWBUILD_TYPE = "Methanol DF container"

# --- How the MRV ships become a fleet (derivation rules, docs/sample-scenario.md) ------
HOURS_AT_SEA_PER_YEAR = 5_800.0  # full-year MRV container ships sail 5,300-6,100 h
SFOC_G_PER_KWH = 175.0  # illustrative two-stroke specific fuel oil consumption
SEA_LOAD_FACTOR = 0.5  # illustrative average main-engine load at sea (slow steaming)
EU_LINKED_SHARE = 0.10  # illustrative: share of a ship's sailing on EU-linked services
ETS_SHARE = EU_LINKED_SHARE * 0.5  # ... x 50% ETS scope of voyages to third countries
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


def fleet_rows(classes: Sequence[DerivedClass]) -> list[Row]:
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
