"""The one schema of the workbook: sheets, columns, types, units, defaults, ranges, meanings.

Everything that reads, checks, writes or shows a sheet (the workbook reader and writer,
validation, the what-if cases, the GUI's headers, editors and tooltips) takes column
names, types and descriptions from here. No column name is spelled anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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

    def unit_label(self, currency: str = "USD") -> str:
        return self.unit.replace("{currency}", currency or "USD")


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
FRACTION_RANGE = {"minimum": 0.0, "maximum": 1.0}
OPEN_UNIT_RANGE = {"minimum": -1.0, "maximum": 1.0, "min_exclusive": True, "max_exclusive": True}

# --- Settings ------------------------------------------------------------------------

SETTINGS_COLUMNS = (
    Column("setting", C.NAME, "Name of the setting", required=True, unique=True),
    Column("value", C.VALUE, "The setting's value"),
    Column("unit", C.TEXT, "Unit of the value (written on export, ignored on reading)"),
    Column("description", C.TEXT, "What the setting means (written on export)"),
)

SETTINGS = (
    Column("start_year", C.YEAR, "First planning year", "year", required=True,
           minimum=1900, maximum=2200),
    Column("end_year", C.YEAR, "Last planning year, at most 60 years after start_year",
           "year", required=True, minimum=1900, maximum=2260),
    Column("discount_rate", C.FRACTION, "Yearly discount rate for the net present cost",
           "fraction per year", default=0.08, **FRACTION_RANGE),
    Column("currency", C.TEXT, "Label for every money column", default="USD"),
    Column("emission_scope", C.CHOICE,
           "Which emission factor the caps use: wtw (well-to-wake) or ttw (tank-to-wake)",
           default="wtw", choices=("wtw", "ttw")),
    Column("activity_growth", C.FRACTION,
           "Yearly growth of every vessel's energy demand", "fraction per year",
           default=0.0, **OPEN_UNIT_RANGE),
    Column("yard_capacity_per_year", C.INTEGER,
           "Retrofits the whole fleet may do in one year", "retrofits per year",
           default_text="blank = unlimited", minimum=0),
    Column("capex_budget_per_year", C.NUMBER,
           "Retrofit capex the fleet may spend in one year", "{currency} per year",
           default_text="blank = unlimited", minimum=0, money=True),
    Column("solver", C.CHOICE,
           "MILP solver; auto picks the one the benchmarks show faster for the model's size",
           default="auto", choices=("auto", "highs", "cbc")),
    Column("time_limit_s", C.NUMBER, "Solver time limit", "s", default=60.0,
           minimum=0, min_exclusive=True),
    Column("mip_gap", C.FRACTION, "Relative optimality gap at which the solver stops",
           "fraction", default=0.005, **FRACTION_RANGE),
)

# --- Input tables --------------------------------------------------------------------

FLEET_COLUMNS = (
    Column("vessel_id", C.TEXT, "IMO number or the company's id", required=True,
           unique=True),
    Column("name", C.TEXT, "Vessel name"),
    Column("type", C.NAME, "Vessel type, e.g. Container; matched against "
           "Technologies.vessel_types", refers_to="vessel_type"),
    Column("build_year", C.YEAR, "Delivery year; later than start_year means a newbuild",
           "year", required=True, minimum=1900, maximum=2260),
    Column("retire_year", C.YEAR, "Last year in service", "year",
           default_text="build_year + 25", minimum=1900, maximum=2300),
    Column("main_engine_kw", C.NUMBER, "Installed main engine power, for power-scaled capex",
           "kW", default=0.0, minimum=0),
    Column("baseline_fuel", C.NAME, "The fuel burnt today", required=True, refers_to="fuel"),
    Column("annual_fuel_t", C.NUMBER,
           "Tonnes of baseline fuel per year at start_year (a newbuild: in its first year)",
           "t per year", required=True, minimum=0, min_exclusive=True),
    Column("fuel_families", C.LIST,
           "Engine families the vessel burns without a retrofit (comma list); the "
           "baseline fuel's family is always one", default_text="family of baseline_fuel",
           refers_to="family"),
    Column("ets_share", C.FRACTION, "Share of the emissions that pays the carbon price",
           "fraction", default=1.0, **FRACTION_RANGE),
    Column("next_drydock_year", C.YEAR, "First year a retrofit can be done", "year",
           default_text="blank = any year", minimum=1900, maximum=2300),
    Column("drydock_interval_years", C.INTEGER, "Years between dockings", "years",
           default=5, minimum=0, min_exclusive=True),
    Column("off_hire_cost_per_day", C.NUMBER, "Earnings lost per day out of service",
           "{currency} per day", default=0.0, minimum=0, money=True),
)

FUELS_COLUMNS = (
    Column("fuel", C.NAME, "Fuel name, e.g. VLSFO, Bio-methanol, e-Ammonia", required=True,
           unique=True),
    Column("family", C.NAME, "Engine family: oil, lng, methanol, ammonia, ...",
           required=True),
    Column("lcv_mj_per_kg", C.NUMBER, "Lower calorific value", "MJ/kg", required=True,
           minimum=0, min_exclusive=True),
    Column("wtt_gco2e_per_mj", C.NUMBER, "Well-to-tank emission factor", "gCO2e/MJ",
           required=True),
    Column("ttw_gco2e_per_mj", C.NUMBER, "Tank-to-wake emission factor, CO2e incl. slip",
           "gCO2e/MJ", required=True, minimum=0),
    Column("max_blend_share", C.FRACTION,
           "The largest share of a vessel's energy this fuel may take", "fraction",
           default=1.0, **FRACTION_RANGE),
    Column("available_from", C.YEAR, "First year the fuel can be bunkered", "year",
           default_text="start_year", minimum=1900, maximum=2300),
)

SERIES_NAME_COLUMN = Column("fuel", C.NAME, "Fuel name (as in Fuels)", required=True,
                            unique=True, refers_to="fuel")

TECHNOLOGY_KINDS = ("conversion", "efficiency")

TECHNOLOGIES_COLUMNS = (
    Column("technology", C.NAME, "Retrofit option, e.g. Methanol dual-fuel conversion",
           required=True, unique=True),
    Column("kind", C.CHOICE, "conversion lets the engines burn new families; efficiency "
           "saves energy", required=True, choices=TECHNOLOGY_KINDS),
    Column("enables", C.LIST, "Families a conversion adds (comma list); none for "
           "efficiency technologies", default_text="blank", refers_to="family"),
    Column("capex_fixed", C.NUMBER, "Investment per vessel", "{currency}", default=0.0,
           money=True),
    Column("capex_per_kw", C.NUMBER, "Investment per kW of main engine", "{currency}/kW",
           default=0.0, money=True),
    Column("opex_per_year", C.NUMBER, "Yearly cost once installed", "{currency} per year",
           default=0.0, money=True),
    Column("energy_saving", C.FRACTION,
           "Share of energy demand saved (negative = uses more energy)", "fraction",
           default=0.0, **OPEN_UNIT_RANGE),
    Column("off_hire_days", C.NUMBER, "Days out of service to install", "days", default=0.0,
           minimum=0),
    Column("available_from", C.YEAR, "First year it can be installed", "year",
           default_text="start_year", minimum=1900, maximum=2300),
    Column("vessel_types", C.LIST, "Vessel types it fits (comma list)",
           default_text="blank = all types", refers_to="vessel_type"),
    Column("lifetime_years", C.INTEGER, "Service life, for the salvage value", "years",
           default=25, minimum=0, min_exclusive=True),
)

TARGETS_COLUMNS = (
    Column("year", C.YEAR, "Year the values apply to (years between are interpolated)",
           "year", required=True, unique=True, minimum=1900, maximum=2300),
    Column("cap_tco2e", C.NUMBER, "Absolute fleet emissions cap", "tCO2e per year",
           default_text="blank = none"),
    Column("intensity_cap_gco2e_per_mj", C.NUMBER, "Fleet-average emission intensity cap",
           "gCO2e/MJ", default_text="blank = none"),
    Column("carbon_price_per_tco2e", C.NUMBER,
           "Price on tank-to-wake emissions (times ets_share)", "{currency}/tCO2e",
           default_text="0", money=True),
    Column("cap_penalty_per_tco2e", C.NUMBER, "Price of each tCO2e above a cap",
           "{currency}/tCO2e", default_text="blank = hard cap", minimum=0, money=True),
)

CASE_CHANGES = ("scale", "add", "set")

CASES_COLUMNS = (
    Column("case", C.TEXT, "The case's name; rows with the same name form one case",
           required=True),
    Column("parameter", C.TEXT, "What changes: Sheet.column (e.g. Fuels.max_blend_share), "
           "FuelPrices or FuelSupply", required=True),
    Column("item", C.TEXT, "Which rows: a vessel_id, fuel or technology, or a group "
           "(type:NAME, family:NAME, kind:conversion)", default_text="blank = every row"),
    Column("change", C.CHOICE, "scale multiplies, add adds, set replaces", required=True,
           choices=CASE_CHANGES),
    Column("value", C.VALUE, "The number; a percentage is allowed with scale and on "
           "fraction columns", required=True),
    Column("from_year", C.YEAR, "First year changed (yearly series only)", "year",
           default_text="start_year", minimum=1900, maximum=2300),
    Column("to_year", C.YEAR, "Last year changed (yearly series only)", "year",
           default_text="end_year", minimum=1900, maximum=2300),
    Column("description", C.TEXT, "A note for the reader"),
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
CASES = Sheet("Cases", SheetKind.TABLE, "What-if cases: one row per change; rows with the "
              "same case name form one case", CASES_COLUMNS, required=False)

INPUT_SHEETS: tuple[Sheet, ...] = (
    SETTINGS_SHEET, FLEET, FUELS, FUEL_PRICES, FUEL_SUPPLY, TECHNOLOGIES, TARGETS, CASES,
)

# --- Output sheets (written after a solve or a what-if run) --------------------------

def _out(name: str, description: str, unit: str = "", type_: ColumnType = C.NUMBER,
         money: bool = False) -> Column:
    return Column(name, type_, description, unit, money=money)


PLAN_SUMMARY = Sheet("Plan Summary", SheetKind.OUTPUT, "The solved plan's key figures", (
    _out("metric", "Figure", type_=C.TEXT),
    _out("value", "Value", type_=C.VALUE),
))
PLAN_SUMMARY_METRICS = (
    ("status", "optimal, feasible (time limit), infeasible, invalid or error", ""),
    ("solver", "Solver that found the plan", ""),
    ("objective", "Net present cost of the plan", "{currency}"),
    ("bau_objective", "Net present cost of business as usual", "{currency}"),
    ("abatement_cost", "Extra cost per tCO2e avoided against business as usual",
     "{currency}/tCO2e"),
    ("gap", "Relative optimality gap proven", "fraction"),
    ("solve_seconds", "Wall time of the solve", "s"),
    ("solved_at", "When the plan was solved (UTC)", ""),
    ("input_fingerprint", "Fingerprint of the input sheets the plan was solved for", ""),
    ("shortfall_total", "Smallest total tCO2e above the hard caps (caps cannot be met)",
     "tCO2e"),
    ("message", "The outcome in a planner's words", ""),
)

PLAN_ANNUAL = Sheet("Plan Annual", SheetKind.OUTPUT, "The plan year by year", (
    _out("year", "Year", "year", C.YEAR),
    _out("energy_gj", "Energy used by the fleet", "GJ"),
    _out("emissions_tco2e", "Fleet emissions by the caps' scope", "tCO2e"),
    _out("intensity_gco2e_per_mj", "Fleet emission intensity", "gCO2e/MJ"),
    _out("cap_tco2e", "Absolute cap", "tCO2e"),
    _out("intensity_cap_gco2e_per_mj", "Intensity cap", "gCO2e/MJ"),
    _out("capex", "Retrofit investment", "{currency}", money=True),
    _out("offhire", "Earnings lost while retrofitting", "{currency}", money=True),
    _out("opex", "Running cost of installed technologies", "{currency}", money=True),
    _out("fuel", "Fuel cost", "{currency}", money=True),
    _out("carbon", "Carbon price paid", "{currency}", money=True),
    _out("penalty", "Penalty for emissions above soft caps", "{currency}", money=True),
    _out("salvage", "Value left in technologies after the horizon (end year only)",
         "{currency}", money=True),
    _out("total", "Costs minus salvage", "{currency}", money=True),
    _out("discounted_total", "Total discounted to start_year; these add up to the NPV",
         "{currency}", money=True),
    _out("bau_emissions_tco2e", "Emissions of business as usual", "tCO2e"),
))
PLAN_RETROFITS = Sheet("Plan Retrofits", SheetKind.OUTPUT, "Which vessel gets which "
                       "technology in which year", (
    _out("vessel_id", "Vessel", type_=C.TEXT),
    _out("technology", "Technology installed", type_=C.TEXT),
    _out("year", "Year installed", "year", C.YEAR),
    _out("capex", "Investment", "{currency}", money=True),
    _out("off_hire_days", "Days out of service", "days"),
))
PLAN_FUEL_USE = Sheet("Plan Fuel Use", SheetKind.OUTPUT, "Fuel each vessel burns each year", (
    _out("vessel_id", "Vessel", type_=C.TEXT),
    _out("year", "Year", "year", C.YEAR),
    _out("fuel", "Fuel", type_=C.TEXT),
    _out("energy_gj", "Energy from this fuel", "GJ"),
    _out("tonnes", "Tonnes of this fuel", "t"),
    _out("cost", "Fuel cost", "{currency}", money=True),
))
PLAN_DIAGNOSIS = Sheet("Plan Diagnosis", SheetKind.OUTPUT, "Why the caps cannot be met: "
                       "one row per year the best plan misses a hard cap", (
    _out("year", "Year", "year", C.YEAR),
    _out("cap_tco2e", "Absolute cap (hard)", "tCO2e"),
    _out("intensity_cap_gco2e_per_mj", "Intensity cap (hard)", "gCO2e/MJ"),
    _out("emissions_tco2e", "Emissions of the best plan that comes closest", "tCO2e"),
    _out("shortfall_tco2e", "tCO2e above the hard caps, both caps added", "tCO2e"),
    _out("limits", "Limits whose lifting alone lets this year meet its caps "
         "(yard_capacity, capex_budget, fuel_supply, fuel_availability, "
         "technology_availability, dock_windows, blend_limits)", type_=C.LIST),
    _out("explanation", "The year's diagnosis in words", type_=C.TEXT),
))
CASES_RESULTS = Sheet("Cases Results", SheetKind.OUTPUT, "Each what-if case against Base", (
    _out("case", "Case", type_=C.TEXT),
    _out("status", "optimal, feasible, infeasible, invalid or error", type_=C.TEXT),
    _out("objective", "Net present cost of the case's own best plan", "{currency}",
         money=True),
    _out("bau_objective", "Net present cost of business as usual in the case", "{currency}",
         money=True),
    _out("difference_to_base", "objective minus Base's objective", "{currency}", money=True),
    _out("abatement_cost", "Extra cost per tCO2e avoided against business as usual",
         "{currency}/tCO2e", money=True),
    _out("emissions_tco2e", "Cumulative emissions over the horizon", "tCO2e"),
    _out("shortfall_total", "tCO2e above the hard caps (caps cannot be met)", "tCO2e"),
    _out("retrofits", "Number of retrofits in the plan", type_=C.INTEGER),
    _out("base_plan_objective", "Cost of Base's retrofits held fixed in this case",
         "{currency}", money=True),
    _out("regret", "base_plan_objective minus objective", "{currency}", money=True),
    _out("gap", "Relative optimality gap", "fraction"),
    _out("solve_seconds", "Wall time of the case's solves", "s"),
    _out("note", "What a planner should know about this case", type_=C.TEXT),
    _out("input_fingerprint", "Fingerprint of the input sheets (Cases included) the "
         "results were computed for", type_=C.TEXT),
))
CASES_ANNUAL = Sheet("Cases Annual", SheetKind.OUTPUT, "Each case year by year", (
    _out("case", "Case", type_=C.TEXT),
    _out("year", "Year", "year", C.YEAR),
    _out("emissions_tco2e", "Fleet emissions by the caps' scope", "tCO2e"),
    _out("cap_tco2e", "Absolute cap", "tCO2e"),
    _out("intensity_gco2e_per_mj", "Fleet emission intensity", "gCO2e/MJ"),
    _out("total", "Costs minus salvage", "{currency}", money=True),
    _out("discounted_total", "Total discounted to start_year", "{currency}", money=True),
))
CASES_RETROFITS = Sheet("Cases Retrofits", SheetKind.OUTPUT, "Each case's retrofits", (
    _out("case", "Case", type_=C.TEXT),
    _out("vessel_id", "Vessel", type_=C.TEXT),
    _out("technology", "Technology installed", type_=C.TEXT),
    _out("year", "Year installed", "year", C.YEAR),
))

PLAN_SHEETS: tuple[Sheet, ...] = (PLAN_SUMMARY, PLAN_ANNUAL, PLAN_RETROFITS, PLAN_FUEL_USE,
                                  PLAN_DIAGNOSIS)
CASES_OUTPUT_SHEETS: tuple[Sheet, ...] = (CASES_RESULTS, CASES_ANNUAL, CASES_RETROFITS)
OUTPUT_SHEETS: tuple[Sheet, ...] = PLAN_SHEETS + CASES_OUTPUT_SHEETS
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
