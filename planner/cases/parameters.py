"""The catalogue of what a what-if case can change (whatif.md): parameters, their items and rules.

A parameter is a numeric input column of Fleet, Fuels or Technologies (changed per
row), a setting, a Targets column (a yearly series without item) or a whole series
sheet (FuelPrices, FuelSupply: per fuel and year). Every name comes from planner.schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from planner import schema
from planner.schema import Column, ColumnType, Sheet, normalize

# Settings a case may not change: the horizon (every series is filled onto it) and how
# the solver runs (not an input of the plan).
_FIXED_SETTINGS = ("start_year", "end_year", "time_limit_s", "mip_gap",
                   *schema.ROBUST_SETTING_NAMES)


class ParameterKind(StrEnum):
    """How a parameter's values are laid out in a (filled) scenario."""

    TABLE = "table"  # one value per row of Fleet, Fuels or Technologies
    SETTING = "setting"  # one value in Settings
    TARGET = "target"  # one value per horizon year in a Targets column
    SERIES = "series"  # one value per fuel and horizon year (FuelPrices, FuelSupply)


@dataclass(frozen=True)
class ItemKind:
    """Which rows an item picks: the sheet whose rows it names, and its group column."""

    sheet: Sheet  # the sheet whose key names an item (Fleet, Fuels, Technologies)
    group: str  # the column a `group:NAME` item matches, e.g. "type" -> type:Container

    @property
    def words(self) -> str:
        """What an item may be, in a planner's words."""
        key = self.sheet.key
        example = {"kind": "kind:conversion or kind:efficiency"}.get(self.group,
                                                                   f"{self.group}:NAME")
        return f"a {key} of {self.sheet.name} or {example}"


VESSEL_ITEMS = ItemKind(schema.FLEET, "type")
FUEL_ITEMS = ItemKind(schema.FUELS, "family")
TECHNOLOGY_ITEMS = ItemKind(schema.TECHNOLOGIES, "kind")


@dataclass(frozen=True)
class Parameter:
    """One thing a case can change."""

    sheet: Sheet
    column: Column | None  # None for a series sheet (FuelPrices, FuelSupply)
    kind: ParameterKind
    items: ItemKind | None  # None: the parameter takes no item
    rule: Column  # the rule every changed value must meet (type and range)

    @property
    def name(self) -> str:
        """How the parameter is written: ``Fuels.max_blend_share`` or ``FuelPrices``."""
        if self.column is None:
            return self.sheet.name
        return f"{self.sheet.name}.{self.column.name}"

    @property
    def is_yearly(self) -> bool:
        """A yearly series: from_year and to_year apply."""
        return self.kind in (ParameterKind.TARGET, ParameterKind.SERIES)

    @property
    def is_fraction(self) -> bool:
        return self.rule.type is ColumnType.FRACTION

    @property
    def is_whole(self) -> bool:
        return self.rule.is_whole

    def __str__(self) -> str:
        return self.name


def _series_rule(sheet: Sheet) -> Column:
    # Prices and supplies are both >= 0 (workbook.md "Sheets, ranges and references").
    return Column(sheet.name, ColumnType.NUMBER, sheet.year_description,
                  sheet.year_unit, minimum=0)


def _build_catalogue() -> tuple[Parameter, ...]:
    found: list[Parameter] = []
    for sheet, items in ((schema.FLEET, VESSEL_ITEMS), (schema.FUELS, FUEL_ITEMS),
                         (schema.TECHNOLOGIES, TECHNOLOGY_ITEMS)):
        for column in sheet.columns:
            if column.is_numeric:
                found.append(Parameter(sheet, column, ParameterKind.TABLE, items, column))
    for column in schema.SETTINGS:
        if column.is_numeric and column.name not in _FIXED_SETTINGS:
            found.append(Parameter(schema.SETTINGS_SHEET, column, ParameterKind.SETTING,
                                   None, column))
    for sheet in (schema.TARGETS, schema.REGIMES):  # yearly series, one row per year
        for column in sheet.columns:
            if column.is_numeric and column.name != sheet.key:
                found.append(Parameter(sheet, column, ParameterKind.TARGET, None, column))
    for sheet in (schema.FUEL_PRICES, schema.FUEL_SUPPLY):
        found.append(Parameter(sheet, None, ParameterKind.SERIES, FUEL_ITEMS,
                               _series_rule(sheet)))
    return tuple(found)


PARAMETERS: tuple[Parameter, ...] = _build_catalogue()


def find_parameter(text: object) -> Parameter | None:
    """The parameter a Cases cell names (sheet and column case- and space-insensitive)."""
    raw = "" if text is None else str(text)
    sheet_part, _, column_part = raw.partition(".")
    sheet = schema.find_sheet(sheet_part)
    if sheet is None:
        return None
    column_key = normalize(column_part)
    for parameter in PARAMETERS:
        if parameter.sheet is not sheet:
            continue
        if parameter.column is None and not column_key and "." not in raw:
            return parameter
        if parameter.column is not None and parameter.column.name == column_key:
            return parameter
    return None


def parameter(name: str) -> Parameter:
    """The parameter of a name; KeyError when a case cannot change it."""
    found = find_parameter(name)
    if found is None:
        raise KeyError(f"a case cannot change {name!r}")
    return found


def parameters_of(sheet_name: object) -> list[Parameter]:
    """The parameters of one sheet (for hints in messages)."""
    sheet = schema.find_sheet(sheet_name)
    return [p for p in PARAMETERS if sheet is not None and p.sheet is sheet]


def unknown_parameter_hint(text: object) -> str:
    """Why a parameter is unknown, and what would be known, in a planner's words."""
    raw = "" if text is None else str(text).strip()
    sheet_part, _, column_part = raw.partition(".")
    choice = _choice_column(sheet_part, column_part)
    if choice is not None:  # a switch (fueleu on/off, fueleu_pooling, rfnbo yes/no, ...)
        return (f"{choice.name} is a choice ({'/'.join(choice.choices)}), not a number a "
                "case can change; compare its choices in two workbooks")
    known = parameters_of(sheet_part)
    if known and any(p.column is not None for p in known):
        names = ", ".join(p.column.name for p in known if p.column is not None)
        what = "settings" if known[0].kind is ParameterKind.SETTING else \
            f"columns of {known[0].sheet.name}"
        return f"a case can change these {what}: {names}"
    return ("a parameter is Sheet.column (e.g. Fuels.max_blend_share, "
            "Targets.carbon_price_per_tco2e, Settings.discount_rate), FuelPrices or FuelSupply")


def _choice_column(sheet_name: str, column_name: str) -> Column | None:
    """The choice column or setting a parameter names (regimes.md: not case parameters)."""
    sheet = schema.find_sheet(sheet_name)
    if sheet is None or not column_name:
        return None
    if sheet is schema.SETTINGS_SHEET:
        column = schema.find_setting(column_name)
    else:
        column = sheet.find(column_name) if sheet.kind is schema.SheetKind.TABLE else None
    return column if column is not None and column.type is ColumnType.CHOICE else None


SERIES_WORDS = {schema.FUEL_PRICES.name: "Fuel price", schema.FUEL_SUPPLY.name: "Fuel supply"}
GROUP_WORDS = {"family": "{} fuels", "type": "{} ships", "kind": "{} retrofits"}
# Engine families the industry writes as acronyms, however the Fuels sheet spells them.
ACRONYMS = {"lng": "LNG", "lpg": "LPG", "cng": "CNG"}


def item_words(item: object) -> str:
    """An item in a planner's words: ``family:oil`` -> ``oil fuels``, ``family:lng`` ->
    ``LNG fuels``; a name as it is."""
    text = "" if item is None else str(item).strip()
    group, colon, name = text.partition(":")
    pattern = GROUP_WORDS.get(normalize(group)) if colon else None
    if not pattern:
        return text
    name = name.strip()
    return pattern.format(ACRONYMS.get(name.lower(), name))


def parameter_words(text: object, item: object = "") -> str:
    """A parameter (``Technologies.capex_fixed+capex_per_kw``, ``FuelPrices``) and its item
    in the schema's labels, e.g. ``Fuel price, oil fuels``; unknown names stay as written."""
    raw = "" if text is None else str(text).strip()
    words: list[str] = []
    sheet = ""
    for part in raw.split("+"):
        head, dot, column = part.partition(".")
        if dot or schema.find_sheet(part) is not None:
            sheet = head
        found = find_parameter(part if dot or not sheet else f"{sheet}.{part}")
        if found is None:
            found = find_parameter(part)
        if found is None:
            return " ".join(filter(None, (raw, str(item or "").strip())))
        label = found.column.label if found.column is not None else \
            SERIES_WORDS.get(found.sheet.name, found.sheet.name)
        words.append(label if not words or label[1:2].isupper() else label[0].lower() + label[1:])
    shown = " and ".join(words)
    extra = item_words(item)
    return f"{shown}, {extra}" if extra else shown


_VALUE_WORD = re.compile(r"^([−+-]?\d|(scale|add|set)$)")


def case_words(name: object) -> str:
    """A study's case name (``FuelPrices family:oil -20%``, ``Targets.carbon_price_per_tco2e
    set 150``) in the schema's words; any other case name as it is."""
    text = "" if name is None else str(name)
    head, _, rest = text.partition(" ")
    if find_parameter(head.split("+")[0]) is None:
        return text
    tokens = rest.split()
    item = tokens.pop(0) if tokens and not _VALUE_WORD.match(tokens[0]) else ""
    return " ".join([parameter_words(head, item), *tokens])
