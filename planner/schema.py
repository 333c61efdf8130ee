"""The one schema of the workbook: sheets, columns, types, units, defaults, ranges, meanings.

Everything that reads, checks, writes or shows a sheet (the workbook reader and writer,
validation, the what-if cases, the GUI's headers, editors and tooltips) takes column
names, types and descriptions from here. No column name is spelled anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypedDict

from planner.regimes import rules as regime_rules


class ColumnType(StrEnum):
    """How a cell's value is read and checked."""

    TEXT = "text"  # free text
    NAME = "name"  # a name matched case-insensitively (fuel, family, vessel type)
    LIST = "list"  # comma-separated list of names
    CHOICE = "choice"  # one of Column.choices, case-insensitive
    YEAR = "year"  # whole number, a calendar year
    INTEGER = "integer"  # whole number, a count
    NUMBER = "number"  # any real number
    FRACTION = "fraction"  # real number, percentages allowed ("8%")
    VALUE = "value"  # a setting's or a case's value: parsed by the row's own rule


NUMERIC_TYPES = frozenset(
    {ColumnType.YEAR, ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.FRACTION}
)
WHOLE_TYPES = frozenset({ColumnType.YEAR, ColumnType.INTEGER})


class SheetKind(StrEnum):
    """The shape of a sheet."""

    TABLE = "table"  # one row per item, one column per field
    SERIES = "series"  # a name column, then one column per year
    SETTINGS = "settings"  # setting / value rows
    OUTPUT = "output"  # written after a solve, read back for display


@dataclass(frozen=True)
class Column:
    """One column of a sheet, or one row of the Settings sheet."""

    name: str
    type: ColumnType
    description: str
    unit: str = ""
    required: bool = False
    default: object = None  # the value a blank cell stands for; None = blank means "none"
    default_text: str = ""  # how the default reads to a planner, when not a plain value
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: bool = False
    max_exclusive: bool = False
    choices: tuple[str, ...] = ()
    refers_to: str = ""  # "fuel", "family", "vessel_type", "vessel", "technology"
    unique: bool = False
    money: bool = False  # in the scenario currency (shown with the currency label)
    label: str = ""  # the planner's words on screen; the workbook keeps `name`
    usual: tuple[float | None, float | None] | None = None  # outside: a warning (validation.md)

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def is_whole(self) -> bool:
        return self.type in WHOLE_TYPES

    @property
    def default_label(self) -> str:
        """The default as a planner reads it in a tooltip or note."""
        if self.required:
            return "required"
        if self.default_text:
            return self.default_text
        if self.default is None:
            return "blank"
        if self.type is ColumnType.FRACTION and isinstance(self.default, float):
            return f"{self.default:g} ({self.default * 100:g}%)"
        if isinstance(self.default, float):
            return f"{self.default:g}"
        return str(self.default)

    @property
    def range_label(self) -> str:
        """The allowed range in words, '' when any value goes."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        low, high = self.minimum, self.maximum
        if low is None and high is None:
            return ""
        lo = "" if low is None else f"{'>' if self.min_exclusive else '>='} {low:g}"
        hi = "" if high is None else f"{'<' if self.max_exclusive else '<='} {high:g}"
        return " and ".join(part for part in (lo, hi) if part)

    def tooltip(self, currency: str = "USD") -> str:
        """Meaning, unit, default and range in one short text (header notes, tooltips)."""
        unit = self.unit_label(currency)
        lines = [self.description]
        if unit:
            lines.append(f"Unit: {unit}")
        lines.append(f"Default: {self.default_label}")
        if self.range_label:
            lines.append(f"Allowed: {self.range_label}")
        return "\n".join(lines)

    @property
    def usual_label(self) -> str:
        """The usual range in words ('' when none): a value outside it gets a warning."""
        if self.usual is None:
            return ""
        low, high = self.usual
        if low is None:
            return f"at most {high:,g}"
        if high is None:
            return f"at least {low:,g}"
        return f"{low:,g} to {high:,g}"

    def unit_label(self, currency: str = "USD") -> str:
        return self.unit.replace("{currency}", currency or "USD")

    @property
    def title(self) -> str:
        """The planner's words for the column (its name when it has no label)."""
        return self.label or self.name

    def heading(self, currency: str = "USD", unit: str | None = None) -> str:
        """The label with its unit, e.g. "Carbon price (USD/tCO2e)"; `unit` overrides."""
        shown = self.unit_label(currency) if unit is None else unit
        return f"{self.title} ({shown})" if shown and shown != "year" else self.title

    def screen_tooltip(self, currency: str = "USD", sheet: str = "") -> str:
        """A tooltip for the app: the label, the workbook's name for it, then tooltip()."""
        where = f"{self.name} in the {sheet} sheet" if sheet else self.name
        return f"{self.heading(currency)}\nWorkbook column: {where}\n{self.tooltip(currency)}"


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook and its columns (or its settings)."""

    name: str
    kind: SheetKind
    description: str
    columns: tuple[Column, ...] = ()
    required: bool = True
    key: str = ""  # the column that names a row (unique)
    year_unit: str = ""  # for SERIES sheets: the unit of the yearly values
    year_description: str = ""

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    def find(self, header: object) -> Column | None:
        """The column a header names (case- and space-insensitive), or None."""
        key = normalize(header)
        for col in self.columns:
            if col.name == key:
                return col
        return None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def normalize(name: object) -> str:
    """How names are compared everywhere: case-insensitive, surrounding spaces ignored."""
    if name is None:
        return ""
    return str(name).strip().lower()


def split_list(value: object) -> list[str]:
    """The names of a comma list cell, stripped, blanks dropped (case kept)."""
    if value is None:
        return []
    return [part.strip() for part in str(value).split(",") if part.strip()]


C = ColumnType
# A vessel whose retire_year is blank serves this many years after its build year.
SERVICE_YEARS = 25


def retire_year_of(build_year: int, retire_year: int | None) -> int:
    """The last year in service: retire_year, or build_year + SERVICE_YEARS when blank."""
    return build_year + SERVICE_YEARS if retire_year is None else retire_year

class _Range(TypedDict, total=False):
    minimum: float
    maximum: float
    min_exclusive: bool
    max_exclusive: bool


class _UsualRange(_Range, total=False):
    usual: tuple[float | None, float | None]


FRACTION_RANGE: _Range = {"minimum": 0.0, "maximum": 1.0}
# Past these a value is physically impossible (docs/validation.md says why each bound).
MONEY_LIMIT = 1e15  # any money value, in any currency
MONEY: _Range = {"minimum": -MONEY_LIMIT, "maximum": MONEY_LIMIT}
YEARS_USUAL = (2000, 2100)
MULTIPLIER: _UsualRange = {"minimum": -1000.0, "maximum": 1000.0, "usual": (0, 10)}
OPEN_UNIT_RANGE: _Range = {"minimum": -1.0, "maximum": 1.0, "min_exclusive": True,
                           "max_exclusive": True}
ON_OFF = ("on", "off")


def _labelled(columns: tuple[Column, ...], labels: dict[str, str]) -> tuple[Column, ...]:
    """The columns with their planner's labels (the regime columns keep theirs here)."""
    return tuple(replace(column, label=labels[column.name])
                 if column.name in labels and not column.label else column
                 for column in columns)


REGIME_LABELS = {
    # Settings
    "fueleu": "FuelEU Maritime", "fueleu_pooling": "FuelEU pooling",
    "fueleu_banking": "FuelEU banking", "fueleu_borrowing": "FuelEU borrowing",
    "ets": "EU ETS", "nzf": "IMO Net-Zero Framework", "nzf_surplus_units": "NZF surplus units",
    "nzf_surplus_life_years": "NZF surplus unit life", "currency_per_eur": "Value of 1 EUR",
    "currency_per_usd": "Value of 1 USD",
    # Fleet and Fuels
    "eu_intra_share": "EU internal share", "eu_extra_share": "EU external share",
    "imo_share": "IMO share", "rfnbo": "RFNBO", "fueleu_wtw_gco2e_per_mj": "FuelEU WtW factor",
    "nzf_wtw_gco2e_per_mj": "NZF WtW factor", "ets_co2_gco2e_per_mj": "ETS CO2 factor",
    "ets_ghg_gco2e_per_mj": "ETS GHG factor",
    # Regimes
    "year": "Year", "fueleu_limit_gco2e_per_mj": "FuelEU limit",
    "fueleu_penalty_per_t_vlsfo": "FuelEU penalty", "fueleu_rfnbo_reward": "RFNBO reward",
    "fueleu_rfnbo_min_share": "RFNBO minimum share",
    "fueleu_rfnbo_penalty_per_gj": "RFNBO penalty", "ets_surrender_share": "ETS surrender share",
    "ets_ch4_n2o_share": "ETS CH4 and N2O share",
    "nzf_base_target_gco2e_per_mj": "NZF base target",
    "nzf_direct_target_gco2e_per_mj": "NZF direct target",
    "nzf_tier1_price_per_tco2e": "NZF Tier 1 price", "nzf_tier2_price_per_tco2e": "NZF Tier 2 price",
}
OUTPUT_REGIME_LABELS = {
    "fueleu_penalty": "FuelEU penalty", "fueleu_penalty_literal": "FuelEU penalty (literal)",
    "fueleu_rfnbo_penalty": "RFNBO penalty", "nzf_tier1": "NZF Tier 1 cost",
    "nzf_tier2": "NZF Tier 2 cost", "fueleu_balance_tco2e": "FuelEU balance",
    "fueleu_balance_literal_tco2e": "FuelEU balance (literal)",
    "fueleu_banked_tco2e": "FuelEU banked", "fueleu_borrowed_tco2e": "FuelEU borrowed",
    "fueleu_deficit_tco2e": "FuelEU deficit", "ets_tco2e": "ETS emissions",
    "nzf_tier1_units": "NZF Tier 1 units", "nzf_tier2_units": "NZF Tier 2 units",
    "nzf_surplus_earned": "NZF surplus earned", "nzf_surplus_used": "NZF surplus used",
    "vessel_id": "Vessel", "year": "Year", "fueleu_energy_gj": "FuelEU energy",
    "fueleu_intensity_gco2e_per_mj": "FuelEU intensity", "fueleu_limit": "FuelEU limit",
    "ets_cost": "ETS cost", "nzf_gfi_gco2e_per_mj": "NZF GFI",
}

# --- Settings ------------------------------------------------------------------------

SETTINGS_COLUMNS = (
    Column("setting", C.NAME, "Name of the setting", required=True, unique=True, label="Setting"),
    Column("value", C.VALUE, "The setting's value", label="Value"),
    Column("unit", C.TEXT, "Unit of the value (written on export, ignored on reading)",
           label="Unit"),
    Column("description", C.TEXT, "What the setting means (written on export)",
           label="Description"),
)

SETTINGS: tuple[Column, ...] = (
    Column("start_year", C.YEAR, "First planning year", "year", required=True,
           minimum=1900, maximum=2200, label="Start year",
           usual=YEARS_USUAL),
    Column("end_year", C.YEAR, "Last planning year, at most 60 years after start_year",
           "year", required=True, minimum=1900, maximum=2260, label="End year",
           usual=YEARS_USUAL),
    Column("discount_rate", C.FRACTION, "Yearly discount rate for the net present cost",
           "fraction per year", default=0.08, **FRACTION_RANGE, label="Discount rate",
           usual=(0, 0.25)),
    Column("currency", C.TEXT, "Label for every money column", default="USD", label="Currency"),
    Column("emission_scope", C.CHOICE,
           "Which emission factor the caps use: wtw (well-to-wake) or ttw (tank-to-wake)",
           default="wtw", choices=("wtw", "ttw"), label="Emission scope"),
    Column("activity_growth", C.FRACTION,
           "Yearly growth of every vessel's energy demand", "fraction per year",
           default=0.0, **OPEN_UNIT_RANGE, label="Activity growth",
           usual=(-0.1, 0.1)),
    Column("yard_capacity_per_year", C.INTEGER,
           "Retrofits the whole fleet may do in one year", "retrofits per year",
           default_text="blank = unlimited", minimum=0, label="Yard capacity",
           maximum=1e6),
    Column("capex_budget_per_year", C.NUMBER,
           "Retrofit capex the fleet may spend in one year", "{currency} per year",
           default_text="blank = unlimited", minimum=0, money=True, label="Capex budget",
           maximum=MONEY_LIMIT, usual=(None, 1e11)),
    Column("solver", C.CHOICE,
           "MILP solver; auto picks the one the benchmarks show faster for the model's size",
           default="auto", choices=("auto", "highs", "cbc"), label="Solver"),
    Column("time_limit_s", C.NUMBER, "Solver time limit", "s", default=60.0,
           minimum=0, min_exclusive=True, label="Time limit",
           maximum=1e7, usual=(None, 86400)),
    Column("mip_gap", C.FRACTION, "Relative optimality gap at which the solver stops",
           "fraction", default=0.005, **FRACTION_RANGE, label="Optimality gap",
           usual=(0, 0.1)),
    # Robust planning (robust.md): read by planner robust, never changed by a case.
    Column("commit_until_year", C.YEAR, "Robust planning: the last year whose retrofits are "
           "signed now, the same in every future (the year before the first year: nothing is "
           "signed now)", "year",
           default_text="the last year (every retrofit signed now)", minimum=1899, maximum=2260, label="Commit until",
           usual=YEARS_USUAL),
    Column("risk_weight", C.FRACTION, "Robust planning: how much the cost of the worst "
           "futures (the CVaR) counts against the expected cost (0 = the expected cost only, "
           "1 = the worst futures only)", "fraction", default=0.0,
           **FRACTION_RANGE, label="Risk weight"),
    Column("cvar_alpha", C.FRACTION, "Robust planning: the CVaR level; the CVaR is the "
           "average cost of the costliest futures holding the rest of the probability (at "
           "90%: the worst 10%)", "fraction", default=0.9,
           minimum=0.0, maximum=1.0, min_exclusive=True, max_exclusive=True, label="CVaR level"),
)

ROBUST_SETTING_NAMES = ("commit_until_year", "risk_weight", "cvar_alpha")
# Compliance regimes (shared/spec/regimes.md); every row optional, all off by default.
REGIME_SETTINGS: tuple[Column, ...] = (
    Column("fueleu", C.CHOICE, "FuelEU Maritime GHG-intensity limit and penalty",
           default="off", choices=ON_OFF),
    Column("fueleu_pooling", C.CHOICE, "ship: each vessel is its own FuelEU compliance "
           "unit; fleet: the whole fleet forms one pool every year", default="ship",
           choices=("ship", "fleet")),
    Column("fueleu_banking", C.CHOICE, "A FuelEU surplus may be carried to the unit's next "
           "year", default="on", choices=ON_OFF),
    Column("fueleu_borrowing", C.CHOICE, "A FuelEU deficit may be covered from the next year "
           "(only with fueleu_pooling = ship)", default="off", choices=ON_OFF),
    Column("ets", C.CHOICE, "EU ETS for shipping replaces the Targets carbon price line",
           default="off", choices=ON_OFF),
    Column("nzf", C.CHOICE, "IMO Net-Zero Framework (a draft, not adopted)", default="off",
           choices=ON_OFF),
    Column("nzf_surplus_units", C.CHOICE, "NZF surplus units: moved between the fleet's "
           "ships, kept by the earning ship, or not used", default="fleet",
           choices=("fleet", "ship", "off")),
    Column("nzf_surplus_life_years", C.INTEGER, "Years after the earning year in which an "
           "NZF surplus unit may still be used", "years", default=2, minimum=0,
           maximum=100, usual=(None, 10)),
    Column("currency_per_eur", C.NUMBER, "Value of 1 EUR in the scenario currency (FuelEU "
           "default penalty)", "{currency}/EUR", default=1.0, minimum=0, min_exclusive=True,
           maximum=1e7, usual=(None, 1e5)),
    Column("currency_per_usd", C.NUMBER, "Value of 1 USD in the scenario currency (NZF "
           "default prices)", "{currency}/USD", default=1.0, minimum=0, min_exclusive=True,
           maximum=1e7, usual=(None, 1e5)),
)
# the settings that switch a regime on or off (the rest tune a regime that is on)
REGIME_SWITCHES = ("fueleu", "ets", "nzf")
REGIME_SETTINGS = _labelled(REGIME_SETTINGS, REGIME_LABELS)
CORE_SETTINGS = SETTINGS
SETTINGS = CORE_SETTINGS + REGIME_SETTINGS

# --- Input tables --------------------------------------------------------------------

FLEET_COLUMNS: tuple[Column, ...] = (
    Column("vessel_id", C.TEXT, "IMO number or the company's id", required=True,
           unique=True, label="Vessel ID"),
    Column("name", C.TEXT, "Vessel name", label="Name"),
    Column("type", C.NAME, "Vessel type, e.g. Container; matched against "
           "Technologies.vessel_types", refers_to="vessel_type", label="Vessel type"),
    Column("build_year", C.YEAR, "Delivery year; later than start_year means a newbuild",
           "year", required=True, minimum=1900, maximum=2260, label="Build year",
           usual=(1960, 2100)),
    Column("retire_year", C.YEAR, "Last year in service", "year",
           default_text=f"build_year + {SERVICE_YEARS}", minimum=1900, maximum=2300, label="Retire year",
           usual=(2000, 2150)),
    Column("main_engine_kw", C.NUMBER, "Installed main engine power, for power-scaled capex",
           "kW", default=0.0, minimum=0, label="Main engine power",
           maximum=1e6, usual=(None, 1e5)),
    Column("baseline_fuel", C.NAME, "The fuel burnt today", required=True, refers_to="fuel",
           label="Baseline fuel"),
    Column("annual_fuel_t", C.NUMBER,
           "Tonnes of baseline fuel per year at start_year (a newbuild: in its first year)",
           "t per year", required=True, minimum=0, min_exclusive=True, label="Annual fuel",
           maximum=1e6, usual=(10, 1e5)),
    Column("fuel_families", C.LIST,
           "Engine families the vessel burns without a retrofit (comma list); the "
           "baseline fuel's family is always one", default_text="family of baseline_fuel",
           refers_to="family", label="Fuel families"),
    Column("ets_share", C.FRACTION, "Share of the emissions that pays the carbon price",
           "fraction", default=1.0, **FRACTION_RANGE, label="ETS share"),
    Column("next_drydock_year", C.YEAR, "First year a retrofit can be done", "year",
           default_text="blank = any year", minimum=1900, maximum=2300, label="Next dry-dock",
           usual=YEARS_USUAL),
    Column("drydock_interval_years", C.INTEGER, "Years between dockings", "years",
           default=5, minimum=0, min_exclusive=True, label="Dry-dock interval",
           maximum=100, usual=(None, 10)),
    Column("off_hire_cost_per_day", C.NUMBER, "Earnings lost per day out of service",
           "{currency} per day", default=0.0, minimum=0, money=True, label="Off-hire cost",
           maximum=MONEY_LIMIT, usual=(None, 1e6)),
    Column("eu_intra_share", C.FRACTION, "Share of the energy used on voyages between EU/EEA "
           "ports and at berth in them (FuelEU, EU ETS)", "fraction",
           default_text="blank = 0, or ets_share when eu_extra_share is blank too",
           **FRACTION_RANGE),
    Column("eu_extra_share", C.FRACTION, "Share of the energy used on voyages between an "
           "EU/EEA port and a port outside (counted half by FuelEU and the EU ETS)",
           "fraction", default_text="blank = 0, or ets_share when eu_intra_share is blank "
           "too", **FRACTION_RANGE),
    Column("imo_share", C.FRACTION, "Share of the energy under the IMO Net-Zero Framework "
           "(international voyages)", "fraction", default=1.0, **FRACTION_RANGE),
)

FUELS_COLUMNS: tuple[Column, ...] = (
    Column("fuel", C.NAME, "Fuel name, e.g. VLSFO, Bio-methanol, e-Ammonia", required=True,
           unique=True, label="Fuel"),
    Column("family", C.NAME, "Engine family: oil, lng, methanol, ammonia, ...",
           required=True, label="Engine family"),
    Column("lcv_mj_per_kg", C.NUMBER, "Lower calorific value", "MJ/kg", required=True,
           minimum=0, min_exclusive=True, label="Calorific value",
           maximum=150, usual=(10, 125)),
    Column("wtt_gco2e_per_mj", C.NUMBER, "Well-to-tank emission factor", "gCO2e/MJ",
           required=True, label="Well-to-tank factor",
           minimum=-1000, maximum=1000, usual=(-150, 200)),
    Column("ttw_gco2e_per_mj", C.NUMBER, "Tank-to-wake emission factor, CO2e incl. slip",
           "gCO2e/MJ", required=True, minimum=0, label="Tank-to-wake factor",
           maximum=1000, usual=(None, 115)),
    Column("max_blend_share", C.FRACTION,
           "The largest share of a vessel's energy this fuel may take", "fraction",
           default=1.0, **FRACTION_RANGE, label="Largest blend share"),
    Column("available_from", C.YEAR, "First year the fuel can be bunkered", "year",
           default_text="start_year", minimum=1900, maximum=2300, label="Available from",
           usual=YEARS_USUAL),
    Column("rfnbo", C.CHOICE, "A renewable fuel of non-biological origin (FuelEU reward "
           "factor and sub-target)", default="no", choices=("yes", "no")),
    Column("fueleu_wtw_gco2e_per_mj", C.NUMBER, "FuelEU well-to-wake factor (Annex I/II)",
           "gCO2e/MJ", default_text="wtt + ttw",
           minimum=-2000, maximum=2000, usual=(-150, 300)),
    Column("nzf_wtw_gco2e_per_mj", C.NUMBER, "IMO Net-Zero Framework well-to-wake factor",
           "gCO2e/MJ", default_text="wtt + ttw",
           minimum=-2000, maximum=2000, usual=(-150, 300)),
    Column("ets_co2_gco2e_per_mj", C.NUMBER, "CO2 the EU ETS counts (0 for zero-rated "
           "biofuels)", "gCO2e/MJ", default_text="ttw", minimum=0,
           maximum=1000, usual=(None, 115)),
    Column("ets_ghg_gco2e_per_mj", C.NUMBER, "CO2 + CH4 + N2O the EU ETS counts from 2026",
           "gCO2e/MJ", default_text="ttw", minimum=0,
           maximum=1000, usual=(None, 115)),
)

FLEET_COLUMNS = _labelled(FLEET_COLUMNS, {k: v for k, v in REGIME_LABELS.items()
                                          if k in ("eu_intra_share", "eu_extra_share",
                                                   "imo_share")})
FUELS_COLUMNS = _labelled(FUELS_COLUMNS, {k: v for k, v in REGIME_LABELS.items()
                                          if k.startswith(("rfnbo", "fueleu_wtw", "nzf_wtw",
                                                           "ets_co2", "ets_ghg"))})

SERIES_NAME_COLUMN = Column("fuel", C.NAME, "Fuel name (as in Fuels)", required=True,
                            unique=True, refers_to="fuel", label="Fuel")

TECHNOLOGY_KINDS = ("conversion", "efficiency")

TECHNOLOGIES_COLUMNS = (
    Column("technology", C.NAME, "Retrofit option, e.g. Methanol dual-fuel conversion",
           required=True, unique=True, label="Technology"),
    Column("kind", C.CHOICE, "conversion lets the engines burn new families; efficiency "
           "saves energy", required=True, choices=TECHNOLOGY_KINDS, label="Kind"),
    Column("enables", C.LIST, "Families a conversion adds (comma list); none for "
           "efficiency technologies", default_text="blank", refers_to="family",
           label="Adds families"),
    Column("capex_fixed", C.NUMBER, "Investment per vessel", "{currency}", default=0.0,
           money=True, label="Capex per vessel",
           **MONEY, usual=(0, 5e8)),
    Column("capex_per_kw", C.NUMBER, "Investment per kW of main engine", "{currency}/kW",
           default=0.0, money=True, label="Capex per kW",
           **MONEY, usual=(0, 1e4)),
    Column("opex_per_year", C.NUMBER, "Yearly cost once installed", "{currency} per year",
           default=0.0, money=True, label="Running cost",
           **MONEY, usual=(-1e7, 1e7)),
    Column("energy_saving", C.FRACTION,
           "Share of energy demand saved (negative = uses more energy)", "fraction",
           default=0.0, **OPEN_UNIT_RANGE, label="Energy saving",
           usual=(-0.3, 0.6)),
    Column("off_hire_days", C.NUMBER, "Days out of service to install", "days", default=0.0,
           minimum=0, label="Off hire to install",
           maximum=3653, usual=(None, 365)),
    Column("available_from", C.YEAR, "First year it can be installed", "year",
           default_text="start_year", minimum=1900, maximum=2300, label="Available from",
           usual=YEARS_USUAL),
    Column("vessel_types", C.LIST, "Vessel types it fits (comma list)",
           default_text="blank = all types", refers_to="vessel_type", label="Vessel types"),
    Column("lifetime_years", C.INTEGER, "Service life, for the salvage value", "years",
           default=25, minimum=0, min_exclusive=True, label="Service life",
           maximum=200, usual=(None, 50)),
)

TARGETS_COLUMNS = (
    Column("year", C.YEAR, "Year the values apply to (years between are interpolated)",
           "year", required=True, unique=True, minimum=1900, maximum=2300, label="Year",
           usual=YEARS_USUAL),
    Column("cap_tco2e", C.NUMBER, "Absolute fleet emissions cap", "tCO2e per year",
           default_text="blank = none", label="Emissions cap",
           minimum=-1e11, maximum=1e11, usual=(0, 1e9)),
    Column("intensity_cap_gco2e_per_mj", C.NUMBER, "Fleet-average emission intensity cap",
           "gCO2e/MJ", default_text="blank = none", label="Intensity cap",
           minimum=-1e4, maximum=1e4, usual=(0, 200)),
    Column("carbon_price_per_tco2e", C.NUMBER,
           "Price on tank-to-wake emissions (times ets_share)", "{currency}/tCO2e",
           default_text="0", money=True, label="Carbon price",
           **MONEY, usual=(0, 1000)),
    Column("cap_penalty_per_tco2e", C.NUMBER, "Price of each tCO2e above a cap",
           "{currency}/tCO2e", default_text="blank = hard cap", minimum=0, money=True,
           label="Penalty above a cap",
           maximum=MONEY_LIMIT, usual=(None, 1e4)),
)

def _regime(name: str, type_: ColumnType, description: str, unit: str,
            **limits: object) -> Column:
    """A yearly Regimes column whose default series comes from planner.regimes.rules."""
    return Column(name, type_, description, unit,
                  default_text=regime_rules.default_label(name), **limits)  # type: ignore[arg-type]


# The regime columns of Fleet and Fuels: a workbook that does not use them is written
# without them, as it was before the regimes existed.
REGIME_TABLE_COLUMNS: dict[str, frozenset[str]] = {
    "Fleet": frozenset({"eu_intra_share", "eu_extra_share", "imo_share"}),
    "Fuels": frozenset({"rfnbo", "fueleu_wtw_gco2e_per_mj", "nzf_wtw_gco2e_per_mj",
                        "ets_co2_gco2e_per_mj", "ets_ghg_gco2e_per_mj"}),
}

REGIMES_COLUMNS: tuple[Column, ...] = (
    Column("year", C.YEAR, "Year from which the row's values hold (until the next row "
           "that gives the column)", "year", required=True, unique=True, minimum=1900,
           maximum=2300,
           usual=YEARS_USUAL),
    _regime("fueleu_limit_gco2e_per_mj", C.NUMBER, "FuelEU GHG-intensity limit", "gCO2e/MJ",
           minimum=-1e4, maximum=1e4, usual=(0, 200)),
    _regime("fueleu_penalty_per_t_vlsfo", C.NUMBER, "FuelEU penalty per tonne of "
            "VLSFO-equivalent energy (41,000 MJ) short", "{currency}/t VLSFO", minimum=0,
            money=True,
           maximum=MONEY_LIMIT, usual=(None, 1e4)),
    _regime("fueleu_rfnbo_reward", C.NUMBER, "FuelEU reward factor of RFNBO fuels", "factor",
            minimum=1,
           maximum=100, usual=(None, 5)),
    _regime("fueleu_rfnbo_min_share", C.FRACTION, "FuelEU RFNBO sub-target: least share of "
            "energy from RFNBO fuels (the 2034 2 % only if the Commission triggers it)",
            "fraction", **FRACTION_RANGE),
    _regime("fueleu_rfnbo_penalty_per_gj", C.NUMBER, "Price per GJ of RFNBO energy below the "
            "sub-target; required in every year that has a min share", "{currency}/GJ",
            minimum=0, money=True,
           maximum=MONEY_LIMIT, usual=(None, 1000)),
    _regime("ets_surrender_share", C.FRACTION, "Share of the ETS emissions whose allowances "
            "are surrendered (phase-in)", "fraction", **FRACTION_RANGE),
    _regime("ets_ch4_n2o_share", C.FRACTION, "Share of CH4 and N2O the ETS counts",
            "fraction", **FRACTION_RANGE),
    _regime("nzf_base_target_gco2e_per_mj", C.NUMBER, "NZF base target GFI (above it: Tier 2 "
            "units)", "gCO2e/MJ",
           minimum=-1e4, maximum=1e4, usual=(0, 200)),
    _regime("nzf_direct_target_gco2e_per_mj", C.NUMBER, "NZF direct compliance target GFI "
            "(above it: Tier 1 units; below it surplus units are earned)", "gCO2e/MJ",
           minimum=-1e4, maximum=1e4, usual=(0, 200)),
    _regime("nzf_tier1_price_per_tco2e", C.NUMBER, "Price of an NZF Tier 1 remedial unit",
            "{currency}/tCO2e", minimum=0, money=True,
           maximum=MONEY_LIMIT, usual=(None, 1000)),
    _regime("nzf_tier2_price_per_tco2e", C.NUMBER, "Price of an NZF Tier 2 remedial unit",
            "{currency}/tCO2e", minimum=0, money=True,
           maximum=MONEY_LIMIT, usual=(None, 1000)),
)

REGIMES_COLUMNS = _labelled(REGIMES_COLUMNS, REGIME_LABELS)

CASE_CHANGES = ("scale", "add", "set")

CASES_COLUMNS = (
    Column("case", C.TEXT, "The case's name; rows with the same name form one case",
           required=True, label="Case"),
    Column("parameter", C.TEXT, "What changes: Sheet.column (e.g. Fuels.max_blend_share), "
           "FuelPrices or FuelSupply", required=True, label="What changes"),
    Column("item", C.TEXT, "Which rows: a vessel_id, fuel or technology, or a group "
           "(type:NAME, family:NAME, kind:conversion)", default_text="blank = every row",
           label="Which rows"),
    Column("change", C.CHOICE, "scale multiplies, add adds, set replaces", required=True,
           choices=CASE_CHANGES, label="Change"),
    Column("value", C.VALUE, "The number; a percentage is allowed with scale and on "
           "fraction columns", required=True, label="Value"),
    Column("from_year", C.YEAR, "First year changed (yearly series only)", "year",
           default_text="start_year", minimum=1900, maximum=2300, label="From year",
           usual=YEARS_USUAL),
    Column("to_year", C.YEAR, "Last year changed (yearly series only)", "year",
           default_text="end_year", minimum=1900, maximum=2300, label="To year",
           usual=YEARS_USUAL),
    Column("description", C.TEXT, "A note for the reader", label="Note"),
)

FUTURES_COLUMNS = (
    Column("case", C.TEXT, "A case of the Cases sheet, or Base: one future of the robust plan",
           required=True, label="Future"),
    Column("probability", C.FRACTION, "The future's probability; a percentage is allowed",
           "fraction", default_text="blank = an equal share of what is left",
           **FRACTION_RANGE, label="Probability"),
)

UNCERTAINTY_DISTRIBUTIONS = ("triangular", "uniform", "normal", "lognormal")

UNCERTAINTY_COLUMNS = (
    Column("parameter", C.TEXT, "What is uncertain, as in the Cases sheet: a number column "
           "(Sheet.column) or FuelPrices / FuelSupply", required=True, label="Parameter"),
    Column("item", C.TEXT, "Which rows, as in the Cases sheet", default_text="blank = every row", label="Item"),
    Column("distribution", C.CHOICE, "Distribution of the multiplier of the Base value",
           required=True, choices=UNCERTAINTY_DISTRIBUTIONS, label="Distribution"),
    Column("low", C.FRACTION, "Lowest multiplier (triangular, uniform; a clip for normal and "
           "lognormal)", "multiplier", label="Low",
           **MULTIPLIER),
    Column("mode", C.FRACTION, "Most likely multiplier (triangular)", "multiplier", label="Most likely",
           **MULTIPLIER),
    Column("high", C.FRACTION, "Highest multiplier (triangular, uniform; a clip for normal "
           "and lognormal)", "multiplier", label="High",
           **MULTIPLIER),
    Column("mean", C.FRACTION, "Mean of the multiplier (normal, lognormal)", "multiplier", label="Mean",
           **MULTIPLIER),
    Column("sd", C.FRACTION, "Standard deviation of the multiplier (normal, lognormal)",
           "multiplier", label="Standard deviation",
           **MULTIPLIER),
    Column("from_year", C.YEAR, "First year changed (yearly series only)", "year",
           default_text="start_year", minimum=1900, maximum=2300, label="From year",
           usual=YEARS_USUAL),
    Column("to_year", C.YEAR, "Last year changed (yearly series only)", "year",
           default_text="end_year", minimum=1900, maximum=2300, label="To year",
           usual=YEARS_USUAL),
    Column("group", C.TEXT, "Rows of one group move together (the same quantile)",
           default_text="blank = its own", label="Group"),
    Column("description", C.TEXT, "A note for the reader", label="Description"),
)

SETTINGS_SHEET = Sheet("Settings", SheetKind.SETTINGS, "Planning horizon, money and solver "
                       "settings: one row per setting", SETTINGS_COLUMNS, key="setting")
FLEET = Sheet("Fleet", SheetKind.TABLE, "The vessels: one row per vessel", FLEET_COLUMNS,
              key="vessel_id")
FUELS = Sheet("Fuels", SheetKind.TABLE, "The fuels and their emission factors: one row per "
              "fuel", FUELS_COLUMNS, key="fuel")
FUEL_PRICES = Sheet("FuelPrices", SheetKind.SERIES, "Fuel prices per tonne: a fuel column, "
                    "then one column per year; years between are interpolated",
                    (SERIES_NAME_COLUMN,), key="fuel", year_unit="{currency}/t",
                    year_description="Price per tonne in that year")
FUEL_SUPPLY = Sheet("FuelSupply", SheetKind.SERIES, "Most tonnes per year the fleet can buy: "
                    "a fuel column, then one column per year; blank = unlimited",
                    (SERIES_NAME_COLUMN,), required=False, key="fuel", year_unit="t per year",
                    year_description="Most tonnes the fleet can buy in that year")
TECHNOLOGIES = Sheet("Technologies", SheetKind.TABLE, "Retrofit options: one row per "
                     "technology", TECHNOLOGIES_COLUMNS, key="technology")
TARGETS = Sheet("Targets", SheetKind.TABLE, "Caps, carbon price and penalty by year; each "
                "column is interpolated on its own", TARGETS_COLUMNS, key="year")
REGIMES = Sheet("Regimes", SheetKind.TABLE, "FuelEU, EU ETS and IMO NZF values by year; "
                "each value holds until the next row that gives it; a column given nowhere "
                "takes the regulations' values", REGIMES_COLUMNS, required=False, key="year")
CASES = Sheet("Cases", SheetKind.TABLE, "What-if cases: one row per change; rows with the "
              "same case name form one case", CASES_COLUMNS, required=False)
FUTURES = Sheet("Futures", SheetKind.TABLE, "Robust planning: the futures (Base and cases) "
                "and their probabilities, one row per future", FUTURES_COLUMNS, required=False)
UNCERTAINTY = Sheet("Uncertainty", SheetKind.TABLE, "Robust planning: uncertain inputs as "
                    "distributions of a multiplier, sampled into futures by planner futures",
                    UNCERTAINTY_COLUMNS, required=False)

INPUT_SHEETS: tuple[Sheet, ...] = (
    SETTINGS_SHEET, FLEET, FUELS, FUEL_PRICES, FUEL_SUPPLY, TECHNOLOGIES, TARGETS, REGIMES,
    CASES, FUTURES, UNCERTAINTY,
)
# Input sheets that describe studies of the scenario, not the scenario itself: a plan's
# fingerprint leaves them out (whatif.md, robust.md).
STUDY_SHEETS: tuple[Sheet, ...] = (CASES, FUTURES, UNCERTAINTY)

# --- Output sheets (written after a solve or a what-if run) --------------------------

def _out(name: str, description: str, unit: str = "", type_: ColumnType = C.NUMBER,
         money: bool = False, label: str = "") -> Column:
    return Column(name, type_, description, unit, money=money, label=label)


PLAN_SUMMARY = Sheet("Plan Summary", SheetKind.OUTPUT, "The solved plan's key figures", (
    _out("metric", "Figure", type_=C.TEXT, label="Figure"),
    _out("value", "Value", type_=C.VALUE, label="Value"),
))
PLAN_SUMMARY_METRICS = (
    ("status", "optimal, feasible (time limit), infeasible, invalid or error", ""),
    ("solver", "MILP solver run (the Settings' solver, or the one auto picked)", ""),
    ("found_by", "What found the plan: lp_dive (the LP relaxation rounded), start, highs "
                 "or cbc", ""),
    ("proved_by", "What proves the gap: lp_relaxation (the LP bound), highs or cbc; "
                  "blank when not proven", ""),
    ("objective", "Net present cost of the plan", "{currency}"),
    ("bau_objective", "Net present cost of business as usual", "{currency}"),
    ("objective_literal", "Net present cost with the literal FuelEU penalty (regimes)",
     "{currency}"),
    ("bau_objective_literal", "Business as usual with the literal FuelEU penalty (regimes)",
     "{currency}"),
    ("abatement_cost", "Extra cost per tCO2e avoided against business as usual",
     "{currency}/tCO2e"),
    ("gap", "Relative optimality gap proven", "fraction"),
    ("solve_seconds", "Wall time of the solve", "s"),
    ("solved_at", "When the plan was solved (UTC)", ""),
    ("input_fingerprint", "Fingerprint of the input sheets the plan was solved for", ""),
    ("shortfall_total", "Smallest total tCO2e above the hard caps (caps cannot be met)",
     "tCO2e"),
    ("message", "The outcome in a planner's words", ""),
    ("elastic_objective", "Net present cost of the plan that comes closest when the caps "
     "cannot be met (it does not meet them)", "{currency}"),
    ("inputs_match", "Whether the plan was solved for the inputs in this workbook", ""),
)

REGIME_SUMMARY_METRICS = frozenset({"objective_literal", "bau_objective_literal"})

PLAN_ANNUAL = Sheet("Plan Annual", SheetKind.OUTPUT, "The plan year by year", (
    _out("year", "Year", "year", C.YEAR, label="Year"),
    _out("energy_gj", "Energy used by the fleet", "GJ", label="Energy"),
    _out("emissions_tco2e", "Fleet emissions by the caps' scope", "tCO2e", label="Emissions"),
    _out("intensity_gco2e_per_mj", "Fleet emission intensity", "gCO2e/MJ", label="Intensity"),
    _out("cap_tco2e", "Absolute cap", "tCO2e", label="Emissions cap"),
    _out("intensity_cap_gco2e_per_mj", "Intensity cap", "gCO2e/MJ", label="Intensity cap"),
    _out("capex", "Retrofit investment", "{currency}", money=True, label="Retrofit capex"),
    _out("offhire", "Earnings lost while retrofitting", "{currency}", money=True,
         label="Off-hire cost"),
    _out("opex", "Running cost of installed technologies", "{currency}", money=True,
         label="Running cost"),
    _out("fuel", "Fuel cost", "{currency}", money=True, label="Fuel cost"),
    _out("carbon", "Carbon price paid", "{currency}", money=True, label="Carbon cost"),
    _out("penalty", "Penalty for emissions above soft caps", "{currency}", money=True,
         label="Cap penalty"),
    _out("salvage", "Value left in technologies after the horizon (end year only)",
         "{currency}", money=True, label="Salvage value"),
    _out("total", "Costs minus salvage", "{currency}", money=True, label="Total cost"),
    _out("discounted_total", "Total discounted to start_year; these add up to the NPV",
         "{currency}", money=True, label="Discounted total"),
    _out("bau_emissions_tco2e", "Emissions of business as usual", "tCO2e",
         label="Business-as-usual emissions"),
) + (  # the regime lines of regimes.md (written when a regime is on)
    _out("fueleu_penalty", "FuelEU penalty as the model prices it (in total)", "{currency}",
         money=True),
    _out("fueleu_penalty_literal", "FuelEU penalty by the regulation's literal formula "
         "(actual intensity, consecutive deficits)", "{currency}", money=True),
    _out("fueleu_rfnbo_penalty", "Penalty for RFNBO energy below the sub-target (in total)",
         "{currency}", money=True),
    _out("nzf_tier1", "NZF Tier 1 remedial units bought (in total)", "{currency}",
         money=True),
    _out("nzf_tier2", "NZF Tier 2 remedial units bought (in total)", "{currency}",
         money=True),
    _out("fueleu_balance_tco2e", "FuelEU compliance balance, surplus + / deficit -",
         "tCO2e"),
    _out("fueleu_balance_literal_tco2e", "FuelEU compliance balance by the literal formula",
         "tCO2e"),
    _out("fueleu_banked_tco2e", "FuelEU surplus banked into the next year", "tCO2e"),
    _out("fueleu_borrowed_tco2e", "FuelEU advance surplus borrowed from the next year",
         "tCO2e"),
    _out("fueleu_deficit_tco2e", "FuelEU deficit that pays the penalty", "tCO2e"),
    _out("ets_tco2e", "Emissions the EU ETS charges (phase-in applied)", "tCO2e"),
    _out("nzf_tier1_units", "NZF Tier 1 remedial units", "tCO2e"),
    _out("nzf_tier2_units", "NZF Tier 2 remedial units bought", "tCO2e"),
    _out("nzf_surplus_earned", "NZF surplus units earned", "tCO2e"),
    _out("nzf_surplus_used", "NZF surplus units used against Tier 2 deficits", "tCO2e"),
))
PLAN_ANNUAL = replace(PLAN_ANNUAL, columns=_labelled(PLAN_ANNUAL.columns,
                                                     OUTPUT_REGIME_LABELS))
# The what-if results' regime column: written only when some run had a regime on.
REGIME_RESULTS_COLUMNS = frozenset({"objective_literal"})
REGIME_ANNUAL_COLUMNS = frozenset(PLAN_ANNUAL.column_names[
    PLAN_ANNUAL.column_names.index("fueleu_penalty"):])
PLAN_RETROFITS = Sheet("Plan Retrofits", SheetKind.OUTPUT, "Which vessel gets which "
                       "technology in which year", (
    _out("vessel_id", "Vessel", type_=C.TEXT, label="Vessel"),
    _out("technology", "Technology installed", type_=C.TEXT, label="Technology"),
    _out("year", "Year installed", "year", C.YEAR, label="Year"),
    _out("capex", "Investment", "{currency}", money=True, label="Capex"),
    _out("off_hire_days", "Days out of service", "days", label="Off hire"),
))
PLAN_FUEL_USE = Sheet("Plan Fuel Use", SheetKind.OUTPUT, "Fuel each vessel burns each year", (
    _out("vessel_id", "Vessel", type_=C.TEXT, label="Vessel"),
    _out("year", "Year", "year", C.YEAR, label="Year"),
    _out("fuel", "Fuel", type_=C.TEXT, label="Fuel"),
    _out("energy_gj", "Energy from this fuel", "GJ", label="Energy"),
    _out("tonnes", "Tonnes of this fuel", "t", label="Fuel burnt"),
    _out("cost", "Fuel cost", "{currency}", money=True, label="Fuel cost"),
))
PLAN_DIAGNOSIS = Sheet("Plan Diagnosis", SheetKind.OUTPUT, "Why the caps cannot be met: "
                       "one row per year the best plan misses a hard cap", (
    _out("year", "Year", "year", C.YEAR, label="Year"),
    _out("cap_tco2e", "Absolute cap (hard)", "tCO2e", label="Hard cap"),
    _out("intensity_cap_gco2e_per_mj", "Intensity cap (hard)", "gCO2e/MJ",
         label="Hard intensity cap"),
    _out("emissions_tco2e", "Emissions of the best plan that comes closest", "tCO2e",
         label="Closest emissions"),
    _out("shortfall_tco2e", "tCO2e above the hard caps, both caps added", "tCO2e",
         label="Short of the caps"),
    _out("limits", "Limits whose lifting alone lets this year meet its caps "
         "(yard_capacity, capex_budget, fuel_supply, fuel_availability, "
         "technology_availability, dock_windows, blend_limits)", type_=C.LIST,
         label="Limits in the way"),
    _out("explanation", "The year's diagnosis in words", type_=C.TEXT, label="Why"),
))
PLAN_COMPLIANCE = Sheet("Plan Compliance", SheetKind.OUTPUT, "Each vessel's compliance "
                        "with the regimes in force, year by year", (
    _out("vessel_id", "Vessel", type_=C.TEXT),
    _out("year", "Year", "year", C.YEAR),
    _out("fueleu_energy_gj", "Energy in FuelEU scope", "GJ"),
    _out("fueleu_intensity_gco2e_per_mj", "FuelEU GHG intensity (RFNBO reward applied)",
         "gCO2e/MJ"),
    _out("fueleu_limit", "FuelEU limit", "gCO2e/MJ"),
    _out("fueleu_balance_tco2e", "FuelEU compliance balance as the model counts it", "tCO2e"),
    _out("fueleu_balance_literal_tco2e", "FuelEU compliance balance by the literal formula",
         "tCO2e"),
    _out("fueleu_banked_tco2e", "Surplus banked into the next year (pooling ship)", "tCO2e"),
    _out("fueleu_borrowed_tco2e", "Advance surplus borrowed (pooling ship)", "tCO2e"),
    _out("fueleu_deficit_tco2e", "Deficit that pays the penalty (pooling ship)", "tCO2e"),
    _out("fueleu_penalty", "FuelEU penalty as the model prices it (pooling ship)",
         "{currency}", money=True),
    _out("fueleu_penalty_literal", "FuelEU penalty by the literal formula (pooling ship)",
         "{currency}", money=True),
    _out("ets_tco2e", "Emissions the EU ETS charges", "tCO2e"),
    _out("ets_cost", "EU ETS allowances", "{currency}", money=True),
    _out("nzf_gfi_gco2e_per_mj", "NZF GHG fuel intensity", "gCO2e/MJ"),
    _out("nzf_tier1_units", "NZF Tier 1 remedial units", "tCO2e"),
    _out("nzf_tier2_units", "NZF Tier 2 remedial units bought", "tCO2e"),
    _out("nzf_surplus_earned", "NZF surplus units earned", "tCO2e"),
    _out("nzf_surplus_used", "NZF surplus units used (with fleet: from any vessel)", "tCO2e"),
))
PLAN_COMPLIANCE = replace(PLAN_COMPLIANCE, columns=_labelled(PLAN_COMPLIANCE.columns,
                                                             OUTPUT_REGIME_LABELS))
CASES_RESULTS = Sheet("Cases Results", SheetKind.OUTPUT, "Each what-if case against Base", (
    _out("case", "Case", type_=C.TEXT, label="Case"),
    _out("status", "optimal, feasible, infeasible, invalid or error", type_=C.TEXT, label="Status"),
    _out("objective", "Net present cost of the case's own best plan", "{currency}",
         money=True, label="Net present cost"),
    _out("objective_literal", "The same plan's net present cost with each year's FuelEU "
         "penalty by the literal formula (regimes.md); written only with a regime on",
         "{currency}", money=True, label="Net present cost, literal FuelEU penalty"),
    _out("bau_objective", "Net present cost of business as usual in the case", "{currency}",
         money=True, label="Business-as-usual cost"),
    _out("difference_to_base", "objective minus Base's objective", "{currency}", money=True,
         label="Against Base"),
    _out("abatement_cost", "Extra cost per tCO2e avoided against business as usual",
         "{currency}/tCO2e", money=True, label="Abatement cost"),
    _out("emissions_tco2e", "Cumulative emissions over the horizon", "tCO2e", label="Emissions"),
    _out("shortfall_total", "tCO2e above the hard caps (caps cannot be met)", "tCO2e",
         label="Short of hard caps"),
    _out("retrofits", "Number of retrofits in the plan", type_=C.INTEGER, label="Retrofits"),
    _out("base_plan_objective", "Cost of Base's retrofits held fixed in this case",
         "{currency}", money=True, label="Base plan's cost here"),
    _out("regret", "base_plan_objective minus objective", "{currency}", money=True, label="Regret"),
    _out("gap", "Relative optimality gap", "fraction", label="Optimality gap"),
    _out("solve_seconds", "Wall time of the case's solves", "s", label="Solve time"),
    _out("note", "What a planner should know about this case", type_=C.TEXT, label="Note"),
    _out("input_fingerprint", "Fingerprint of the input sheets (Cases included) the "
         "results were computed for", type_=C.TEXT, label="Input fingerprint"),
))
CASES_ANNUAL = Sheet("Cases Annual", SheetKind.OUTPUT, "Each case year by year", (
    _out("case", "Case", type_=C.TEXT, label="Case"),
    _out("year", "Year", "year", C.YEAR, label="Year"),
    _out("emissions_tco2e", "Fleet emissions by the caps' scope", "tCO2e", label="Emissions"),
    _out("cap_tco2e", "Absolute cap", "tCO2e", label="Emissions cap"),
    _out("intensity_gco2e_per_mj", "Fleet emission intensity", "gCO2e/MJ", label="Intensity"),
    _out("total", "Costs minus salvage", "{currency}", money=True, label="Total cost"),
    _out("discounted_total", "Total discounted to start_year", "{currency}", money=True,
         label="Discounted total"),
))
CASES_RETROFITS = Sheet("Cases Retrofits", SheetKind.OUTPUT, "Each case's retrofits", (
    _out("case", "Case", type_=C.TEXT, label="Case"),
    _out("vessel_id", "Vessel", type_=C.TEXT, label="Vessel"),
    _out("technology", "Technology installed", type_=C.TEXT, label="Technology"),
    _out("year", "Year installed", "year", C.YEAR, label="Year"),
))

ROBUST_SUMMARY = Sheet("Robust Summary", SheetKind.OUTPUT, "The robust plan's key figures", (
    _out("metric", "Figure", type_=C.TEXT, label="Figure"),
    _out("value", "Value", type_=C.VALUE, label="Value"),
))
ROBUST_SUMMARY_METRICS = (
    ("status", "optimal, feasible (time limit), infeasible, invalid or error", ""),
    ("objective", "What the plan minimises: the expected NPV and the CVaR, weighed by the "
     "risk weight",
     "{currency}"),
    ("expected_npv", "Probability-weighted NPV of the futures", "{currency}"),
    ("cvar", "Average NPV of the costliest futures beyond the CVaR level of probability",
     "{currency}"),
    ("risk_weight", "Weight of the CVaR in the objective", "fraction"),
    ("cvar_alpha", "The CVaR level", "fraction"),
    ("commit_until_year", "Last year whose retrofits are committed now", "year"),
    ("futures", "Futures that take part", ""),
    ("shortfall_total", "Probability-weighted tCO2e above the hard caps", "tCO2e"),
    ("base_plan_expected_npv", "Expected NPV of Base's whole plan held in every future",
     "{currency}"),
    ("base_commit_expected_npv", "Expected NPV of Base's committed retrofits, then adapting",
     "{currency}"),
    ("base_commit_cvar", "CVaR of Base's committed retrofits, then adapting", "{currency}"),
    ("vss", "Value of the stochastic solution: how much more signing Base's committed "
     "retrofits, then adapting, costs on average than the robust plan",
     "{currency}"),
    ("wait_and_see", "Expected NPV with each future known in advance", "{currency}"),
    ("evpi", "Expected value of perfect information: how much less the futures would cost "
     "on average if each were known in advance",
     "{currency}"),
    ("gap", "Relative optimality gap proven", "fraction"),
    ("solve_seconds", "Wall time of the run", "s"),
    ("solved_at", "When the run was made (UTC)", ""),
    ("input_fingerprint", "Fingerprint of the input sheets (Cases, Futures and Uncertainty "
     "included) the run was made for", ""),
    ("inputs_match", "Whether the run was made for the inputs saved beside it, in words", ""),
)
ROBUST_FUTURES = Sheet("Robust Futures", SheetKind.OUTPUT, "Each future in the robust plan", (
    _out("future", "Future (Base or a case)", type_=C.TEXT, label="Future"),
    _out("probability", "Probability of the future", "fraction", label="Probability"),
    _out("status", "solved, short (its caps not met) or excluded (probability 0)",
         type_=C.TEXT, label="Status"),
    _out("npv", "NPV of the robust plan in this future", "{currency}", money=True,
         label="NPV"),
    _out("emissions_tco2e", "Cumulative emissions of the robust plan here", "tCO2e",
         label="Emissions"),
    _out("shortfall_total", "tCO2e above the hard caps", "tCO2e", label="Shortfall"),
    _out("alone_objective", "NPV of the future's own best plan (the future known in advance)",
         "{currency}", money=True, label="NPV alone"),
    _out("hedging_cost", "What hedging costs here: the robust plan's NPV in this future "
         "minus the future's own best plan (NPV alone)", "{currency}",
         money=True, label="Hedging cost"),
    _out("base_plan_objective", "NPV of Base's whole plan held here", "{currency}",
         money=True, label="Base plan held"),
    _out("base_commit_objective", "NPV of Base's committed retrofits held here, the rest "
         "adapted", "{currency}", money=True, label="Base plan committed"),
    _out("retrofits", "Retrofits of the robust plan here", type_=C.INTEGER, label="Retrofits"),
    _out("note", "What a planner should know about this future", type_=C.TEXT, label="Note"),
))
ROBUST_RETROFITS = Sheet("Robust Retrofits", SheetKind.OUTPUT, "The committed retrofits "
                         "(future all) and each future's adapted ones", (
    _out("future", "all for a committed retrofit, else the future that adapts", type_=C.TEXT,
         label="Future"),
    _out("vessel_id", "Vessel", type_=C.TEXT, label="Vessel"),
    _out("technology", "Technology installed", type_=C.TEXT, label="Technology"),
    _out("year", "Year installed", "year", C.YEAR, label="Year"),
    _out("committed", "Decided now, the same in every future", type_=C.TEXT,
         label="Committed"),
))
ROBUST_FREQUENCIES = Sheet("Robust Frequencies", SheetKind.OUTPUT, "How often each retrofit "
                           "is chosen: each future solved alone, and in the robust plan", (
    _out("vessel_id", "Vessel", type_=C.TEXT, label="Vessel"),
    _out("technology", "Technology installed", type_=C.TEXT, label="Technology"),
    _out("year", "Year installed", "year", C.YEAR, label="Year"),
    _out("committed", "A committed year", type_=C.TEXT, label="Committed"),
    _out("alone_frequency", "Probability of the futures whose own plan takes it", "fraction",
         label="Chosen alone"),
    _out("robust_frequency", "Probability of the futures whose robust plan takes it",
         "fraction", label="Chosen robust"),
))

STUDY_COLUMNS = (
    _out("parameter", "What the study varies: Sheet.column, FuelPrices or FuelSupply",
         type_=C.TEXT, label="Parameter"),
    _out("item", "Which rows it varies (blank = every row)", type_=C.TEXT, label="Which rows"),
    _out("change", "scale, add or set", type_=C.TEXT, label="Change"),
    _out("value", "The run's value (a factor for scale)", label="Value"),
)
SENSITIVITY_RESULTS = Sheet("Sensitivity Results", SheetKind.OUTPUT, "The tornado: Base and "
                            "each parameter scaled down and up",
                            CASES_RESULTS.columns + STUDY_COLUMNS)
SWEEP_RESULTS = Sheet("Sweep Results", SheetKind.OUTPUT, "The sweep: Base and one run per "
                      "value", CASES_RESULTS.columns + STUDY_COLUMNS)
SWEEP_RETROFITS = Sheet("Sweep Retrofits", SheetKind.OUTPUT, "Each sweep run's retrofits",
                        CASES_RETROFITS.columns)
STUDY_OUTPUT_SHEETS: tuple[Sheet, ...] = (SENSITIVITY_RESULTS, SWEEP_RESULTS, SWEEP_RETROFITS)

PLAN_SHEETS: tuple[Sheet, ...] = (PLAN_SUMMARY, PLAN_ANNUAL, PLAN_RETROFITS, PLAN_FUEL_USE,
                                  PLAN_DIAGNOSIS, PLAN_COMPLIANCE)
CASES_OUTPUT_SHEETS: tuple[Sheet, ...] = (CASES_RESULTS, CASES_ANNUAL, CASES_RETROFITS)
ROBUST_OUTPUT_SHEETS: tuple[Sheet, ...] = (ROBUST_SUMMARY, ROBUST_FUTURES, ROBUST_RETROFITS,
                                           ROBUST_FREQUENCIES)
OUTPUT_SHEETS: tuple[Sheet, ...] = (PLAN_SHEETS + CASES_OUTPUT_SHEETS + ROBUST_OUTPUT_SHEETS
                                    + STUDY_OUTPUT_SHEETS)
ALL_SHEETS: tuple[Sheet, ...] = INPUT_SHEETS + OUTPUT_SHEETS

ABOUT_SHEET_NAME = "About"
ABOUT_SHEET_ALTERNATIVE = "About this workbook"  # when the planner has an "About" of their own
ABOUT_TITLE = "Fleet Transition Planner scenario workbook"  # cell A1: marks our About sheet

MAX_HORIZON_YEARS = 60


def sheet(name: str) -> Sheet:
    """The schema sheet a name matches (case- and space-insensitive)."""
    found = find_sheet(name)
    if found is None:
        raise KeyError(f"no sheet named {name!r}")
    return found


def find_sheet(name: object) -> Sheet | None:
    key = normalize(name)
    for candidate in ALL_SHEETS:
        if normalize(candidate.name) == key:
            return candidate
    return None


def setting(name: str) -> Column:
    key = normalize(name)
    for col in SETTINGS:
        if col.name == key:
            return col
    raise KeyError(f"no setting named {name!r}")


def find_setting(name: object) -> Column | None:
    key = normalize(name)
    for col in SETTINGS:
        if col.name == key:
            return col
    return None


def _words_by_name() -> dict[str, str]:
    words: dict[str, str] = {}
    for column in (*SETTINGS, *(c for s in ALL_SHEETS for c in s.columns)):
        if "_" in column.name and column.label:
            words.setdefault(column.name, column.label)
    return words


_WORDS = _words_by_name()
_IDENTIFIER = re.compile(r"\b(?:[A-Z][A-Za-z]+\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\b")


def in_words(text: str) -> str:
    """A description as the app shows it: workbook names (``start_year``,
    ``Technologies.vessel_types``) replaced by their labels in quotes."""
    def label(match: re.Match[str]) -> str:
        found = _WORDS.get(match.group(1))
        return f"“{found}”" if found else match.group(0)
    return _IDENTIFIER.sub(label, text)
