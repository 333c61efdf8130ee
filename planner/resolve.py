"""The scenario as the model reads it: defaults filled in, names matched, series on the horizon.

``resolve(scenario)`` turns a valid scenario into typed records and yearly series
(model.md "Derived data"); ``fill(scenario)`` writes those back as a scenario whose
tables hold every default and every horizon year explicitly (what a what-if case
changes, whatif.md). Both assume a scenario without validation errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from planner import schema
from planner.convert import is_blank, parse_number
from planner.regimes import rules as regime_rules
from planner.regimes.inputs import RegimeData, resolve_regimes
from planner.scenario import Scenario, Settings, make_table, year_columns
from planner.schema import normalize, split_list
from planner.series import fill_flat, fill_targets

TARGET_SERIES = ("cap_tco2e", "intensity_cap_gco2e_per_mj", "carbon_price_per_tco2e",
                 "cap_penalty_per_tco2e")


@dataclass
class Vessel:
    """A vessel with every default filled in; names normalized for matching."""

    vessel_id: str
    name: str
    type: str  # normalized; '' = blank
    build_year: int
    retire_year: int
    main_engine_kw: float
    baseline_fuel: str  # normalized fuel key
    annual_fuel_t: float
    families: frozenset[str]  # normalized, baseline family included
    ets_share: float
    next_drydock_year: int | None
    drydock_interval_years: int
    off_hire_cost_per_day: float

    def active(self, year: int) -> bool:
        return self.build_year <= year <= self.retire_year

    def dock_year(self, year: int) -> bool:
        if self.next_drydock_year is None:
            return True
        offset = year - self.next_drydock_year
        return offset >= 0 and offset % self.drydock_interval_years == 0


def counts_upstream(scope: str) -> bool:
    """The caps' scope counts well-to-tank emissions too (wtw; ttw counts the tank only)."""
    return scope.strip().lower() != "ttw"


def scope_factor(scope: str, wtt_gco2e_per_mj: float, ttw_gco2e_per_mj: float) -> float:
    """gCO2e/MJ as the caps count it: wtt + ttw for the wtw scope, ttw alone for ttw."""
    return ttw_gco2e_per_mj + (wtt_gco2e_per_mj if counts_upstream(scope) else 0.0)


@dataclass
class Fuel:
    name: str  # as written in Fuels
    key: str  # normalized
    family: str  # normalized
    lcv_mj_per_kg: float
    wtt_gco2e_per_mj: float
    ttw_gco2e_per_mj: float
    max_blend_share: float
    available_from: int

    def cap_factor(self, scope: str) -> float:
        """gCO2e/MJ as the caps of ``scope`` count it (scope_factor)."""
        return scope_factor(scope, self.wtt_gco2e_per_mj, self.ttw_gco2e_per_mj)


@dataclass
class Technology:
    name: str
    key: str
    kind: str  # conversion or efficiency
    enables: frozenset[str]  # normalized families
    capex_fixed: float
    capex_per_kw: float
    opex_per_year: float
    energy_saving: float
    off_hire_days: float
    available_from: int
    vessel_types: frozenset[str]  # normalized; empty = all types
    lifetime_years: int

    @property
    def is_conversion(self) -> bool:
        return self.kind == "conversion"

    def capex_for(self, vessel: Vessel) -> float:
        """The capex of installing it on ``vessel``: fixed plus per kW of main engine."""
        return self.capex_fixed + self.capex_per_kw * vessel.main_engine_kw

    def fits(self, vessel: Vessel) -> bool:
        if not self.vessel_types:
            return True
        return bool(vessel.type) and vessel.type in self.vessel_types


@dataclass
class ModelData:
    """Everything model.md's derived data needs, over the horizon."""

    settings: Settings
    years: list[int]
    vessels: list[Vessel]
    fuels: list[Fuel]
    technologies: list[Technology]
    price: dict[str, dict[int, float]]  # fuel key -> year -> money per tonne
    supply: dict[str, dict[int, float | None]]  # fuel key -> year -> tonnes (None = no limit)
    cap: dict[int, float | None] = field(default_factory=dict)
    intensity_cap: dict[int, float | None] = field(default_factory=dict)
    carbon_price: dict[int, float] = field(default_factory=dict)
    penalty: dict[int, float | None] = field(default_factory=dict)  # None = hard caps
    regimes: RegimeData = field(default_factory=RegimeData)  # all off: model.md exactly

    def fuel(self, key: str) -> Fuel:
        for fuel in self.fuels:
            if fuel.key == key:
                return fuel
        raise KeyError(key)


def _num(value: object, default: float) -> float:
    return default if is_blank(value) else float(value)  # type: ignore[arg-type]


def _int(value: object, default: int | None) -> int | None:
    return default if is_blank(value) else int(value)  # type: ignore[call-overload]


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _default(sheet: schema.Sheet, column: str) -> object:
    return sheet.column(column).default


def resolve(scenario: Scenario) -> ModelData:
    """Typed, filled model data of a valid scenario."""
    settings = scenario.settings
    years = settings.years
    fuels = _resolve_fuels(scenario, settings)
    family_of = {f.key: f.family for f in fuels}
    vessels = _resolve_vessels(scenario, family_of)
    technologies = _resolve_technologies(scenario, settings)
    price = _resolve_series(scenario, "FuelPrices", years)
    supply = _resolve_series(scenario, "FuelSupply", years)
    data = ModelData(
        settings=settings, years=years, vessels=vessels, fuels=fuels,
        technologies=technologies,
        price={f.key: {y: v or 0.0 for y, v in price.get(f.key, {}).items()} for f in fuels},
        supply={f.key: supply.get(f.key, dict.fromkeys(years)) for f in fuels},
    )
    targets = _resolve_targets(scenario, years)
    data.cap = targets["cap_tco2e"]
    data.intensity_cap = targets["intensity_cap_gco2e_per_mj"]
    data.carbon_price = {y: v or 0.0 for y, v in targets["carbon_price_per_tco2e"].items()}
    data.penalty = targets["cap_penalty_per_tco2e"]
    data.regimes = resolve_regimes(settings, years, scenario.fleet, scenario.fuels,
                                   scenario.table("Regimes"), [v.ets_share for v in vessels],
                                   scenario.filled)
    return data


def _resolve_fuels(scenario: Scenario, settings: Settings) -> list[Fuel]:
    sheet = schema.FUELS
    fuels = []
    for row in scenario.fuels.to_dict("records"):
        name = _text(row["fuel"])
        fuels.append(Fuel(
            name=name, key=normalize(name), family=normalize(row["family"]),
            lcv_mj_per_kg=float(row["lcv_mj_per_kg"]),
            wtt_gco2e_per_mj=float(row["wtt_gco2e_per_mj"]),
            ttw_gco2e_per_mj=float(row["ttw_gco2e_per_mj"]),
            max_blend_share=_num(row["max_blend_share"],
                                 _default(sheet, "max_blend_share")),  # type: ignore[arg-type]
            available_from=_int(row["available_from"], settings.start_year),  # type: ignore[arg-type]
        ))
    return fuels


def _resolve_vessels(scenario: Scenario, family_of: dict[str, str]) -> list[Vessel]:
    sheet = schema.FLEET
    vessels = []
    for row in scenario.fleet.to_dict("records"):
        build = int(row["build_year"])
        baseline = normalize(row["baseline_fuel"])
        families = {normalize(f) for f in split_list(row["fuel_families"])}
        families.add(family_of.get(baseline, ""))
        vessels.append(Vessel(
            vessel_id=_text(row["vessel_id"]), name=_text(row["name"]),
            type=normalize(row["type"]), build_year=build,
            retire_year=schema.retire_year_of(build, _int(row["retire_year"], None)),
            main_engine_kw=_num(row["main_engine_kw"], 0.0),
            baseline_fuel=baseline, annual_fuel_t=float(row["annual_fuel_t"]),
            families=frozenset(families - {""}),
            ets_share=_num(row["ets_share"], _default(sheet, "ets_share")),  # type: ignore[arg-type]
            next_drydock_year=_int(row["next_drydock_year"], None),
            drydock_interval_years=_int(row["drydock_interval_years"],
                                        _default(sheet, "drydock_interval_years")),  # type: ignore[arg-type]
            off_hire_cost_per_day=_num(row["off_hire_cost_per_day"], 0.0),
        ))
    return vessels


def _resolve_technologies(scenario: Scenario, settings: Settings) -> list[Technology]:
    sheet = schema.TECHNOLOGIES
    techs = []
    for row in scenario.technologies.to_dict("records"):
        name = _text(row["technology"])
        techs.append(Technology(
            name=name, key=normalize(name), kind=normalize(row["kind"]),
            enables=frozenset(normalize(f) for f in split_list(row["enables"])),
            capex_fixed=_num(row["capex_fixed"], 0.0),
            capex_per_kw=_num(row["capex_per_kw"], 0.0),
            opex_per_year=_num(row["opex_per_year"], 0.0),
            energy_saving=_num(row["energy_saving"], 0.0),
            off_hire_days=_num(row["off_hire_days"], 0.0),
            available_from=_int(row["available_from"], settings.start_year),  # type: ignore[arg-type]
            vessel_types=frozenset(normalize(t) for t in split_list(row["vessel_types"])),
            lifetime_years=_int(row["lifetime_years"],
                                _default(sheet, "lifetime_years")),  # type: ignore[arg-type]
        ))
    return techs


def _resolve_series(scenario: Scenario, sheet_name: str,
                    years: list[int]) -> dict[str, dict[int, float | None]]:
    table = scenario.table(sheet_name)
    cols = year_columns(table)
    result: dict[str, dict[int, float | None]] = {}
    for _, row in table.iterrows():
        key = normalize(row["fuel"])
        points = {y: float(row[y]) for y in cols if not is_blank(row[y])}
        if scenario.filled:
            result[key] = {y: points.get(y) for y in years}
        else:
            result[key] = fill_flat(points, years)
    return result


def _resolve_targets(scenario: Scenario, years: list[int]) -> dict[str, dict[int, float | None]]:
    table = scenario.targets
    result = {}
    for column in TARGET_SERIES:
        points = {int(y): float(v) for y, v in zip(table["year"], table[column], strict=True)
                  if not is_blank(y) and not is_blank(v)}
        if scenario.filled:
            result[column] = {y: points.get(y) for y in years}
        else:
            result[column] = fill_targets(points, years)
    return result


def fill(scenario: Scenario) -> Scenario:
    """The scenario with every default written in and every series on the horizon.

    The tables keep their unknown columns; FuelPrices, FuelSupply and Targets get one
    column (row) per horizon year, where a blank now means "none" for that year.
    """
    data = resolve(scenario)
    filled = scenario.copy()
    filled.filled = True
    filled.layouts = {}
    for col in schema.SETTINGS:
        value = getattr(data.settings, col.name)
        if value is not None and filled.raw_setting(col.name) is None:
            filled.set_setting(col.name, value)

    fleet = filled.fleet.copy()
    for pos, vessel in enumerate(data.vessels):
        fleet.at[fleet.index[pos], "retire_year"] = vessel.retire_year
        fleet.at[fleet.index[pos], "main_engine_kw"] = vessel.main_engine_kw
        fleet.at[fleet.index[pos], "ets_share"] = vessel.ets_share
        fleet.at[fleet.index[pos], "drydock_interval_years"] = vessel.drydock_interval_years
        fleet.at[fleet.index[pos], "off_hire_cost_per_day"] = vessel.off_hire_cost_per_day
        if is_blank(fleet.at[fleet.index[pos], "fuel_families"]):
            fleet.at[fleet.index[pos], "fuel_families"] = data.fuel(vessel.baseline_fuel).family
    filled.tables["Fleet"] = fleet

    fuels = filled.fuels.copy()
    for pos, fuel in enumerate(data.fuels):
        fuels.at[fuels.index[pos], "max_blend_share"] = fuel.max_blend_share
        fuels.at[fuels.index[pos], "available_from"] = fuel.available_from
    filled.tables["Fuels"] = fuels

    techs = filled.technologies.copy()
    for pos, tech in enumerate(data.technologies):
        for column in ("capex_fixed", "capex_per_kw", "opex_per_year", "energy_saving",
                       "off_hire_days", "available_from", "lifetime_years"):
            techs.at[techs.index[pos], column] = getattr(tech, column)
    filled.tables["Technologies"] = techs

    for sheet, values in ((schema.FUEL_PRICES, data.price), (schema.FUEL_SUPPLY, data.supply)):
        filled.tables[sheet.name] = _filled_series(filled.table(sheet.name), sheet, values,
                                                   data, sheet is schema.FUEL_PRICES)

    rows = []
    for year in data.years:
        rows.append({
            "year": year, "cap_tco2e": data.cap[year],
            "intensity_cap_gco2e_per_mj": data.intensity_cap[year],
            "carbon_price_per_tco2e": data.carbon_price[year],
            "cap_penalty_per_tco2e": data.penalty[year],
        })
    filled.tables["Targets"] = make_table(schema.TARGETS, rows)
    _fill_regimes(filled, data)
    return filled


def _fill_regimes(filled: Scenario, data: ModelData) -> None:
    """The regime defaults written in: Fleet imo_share, the Fuels factors and a Regimes row
    per horizon year (a blank there means "none" that year)."""
    regimes = data.regimes
    fleet = filled.fleet.copy()
    for pos, share in enumerate(regimes.imo_share):
        fleet.at[fleet.index[pos], "imo_share"] = share
    filled.tables["Fleet"] = fleet
    fuels = filled.fuels.copy()
    for pos in range(len(data.fuels)):
        index = fuels.index[pos]
        fuels.at[index, "rfnbo"] = "yes" if regimes.rfnbo[pos] else "no"
        fuels.at[index, "fueleu_wtw_gco2e_per_mj"] = regimes.fueleu_wtw[pos]
        fuels.at[index, "nzf_wtw_gco2e_per_mj"] = regimes.nzf_wtw[pos]
        fuels.at[index, "ets_co2_gco2e_per_mj"] = regimes.ets_co2[pos]
        fuels.at[index, "ets_ghg_gco2e_per_mj"] = regimes.ets_ghg[pos]
    filled.tables["Fuels"] = fuels
    rows = [{"year": year, **{column: regimes.series[column][year]
                              for column in regime_rules.REGIME_SERIES}}
            for year in data.years]
    filled.tables["Regimes"] = make_table(schema.REGIMES, rows)


def _filled_series(table: pd.DataFrame, sheet: schema.Sheet,
                   values: Mapping[str, Mapping[int, float | None]], data: ModelData,
                   every_fuel: bool) -> pd.DataFrame:
    """A series table with exactly the horizon years; unknown columns kept per fuel."""
    extra_cols = [c for c in table.columns if c != "fuel" and c not in year_columns(table)]
    by_fuel = {normalize(r["fuel"]): r for r in table.to_dict("records")}
    rows = []
    for fuel in data.fuels:
        source = by_fuel.get(fuel.key)
        if source is None and not every_fuel:
            continue
        row: dict[object, object] = {"fuel": source["fuel"] if source else fuel.name}
        row.update({y: values[fuel.key].get(y) for y in data.years})
        if source:
            row.update({c: source[c] for c in extra_cols})
        rows.append(row)
    return make_table(sheet, rows, extra_columns=list(data.years) + extra_cols)


def service_years(scenario: Scenario) -> dict[str, tuple[int | None, int | None]]:
    """First and last year in service by vessel id, as far as the Fleet rows can be read
    (a scenario being edited may have errors): None where a year is not a number."""
    years: dict[str, tuple[int | None, int | None]] = {}
    for row in scenario.fleet.to_dict("records"):
        if is_blank(row["vessel_id"]):
            continue
        build = parse_number(row["build_year"])
        retire = parse_number(row["retire_year"])
        first = int(build) if build is not None else None
        given = None if retire is None else int(retire)
        last = given if first is None else schema.retire_year_of(first, given)
        years[str(row["vessel_id"]).strip()] = (first, last)
    return years
