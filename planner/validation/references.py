"""Rules on names that refer to other sheets: fuels, families and vessel types exist; every fuel has a price."""

from __future__ import annotations

from planner import schema
from planner.convert import is_blank
from planner.errors import Issue
from planner.schema import normalize, split_list
from planner.validation.context import Context, suggest


def _written(ctx: Context, sheet: schema.Sheet, column: str) -> dict[str, str]:
    """Normalized name -> the name as first written, for a name column."""
    written: dict[str, str] = {}
    for value in ctx.values(sheet, column):
        if value is not None and normalize(value):
            written.setdefault(normalize(value), str(value).strip())
    return written


def _quoted(names: list[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def check_baseline_fuels(ctx: Context) -> list[Issue]:
    """Fleet.baseline_fuel names a fuel of Fuels."""
    sheet = schema.FLEET
    if not ctx.present(schema.FUELS) or not any(
            col.name == "baseline_fuel" for col in ctx.columns(sheet)):
        return []
    fuels = _written(ctx, schema.FUELS, "fuel")
    issues = []
    for row, value in enumerate(ctx.values(sheet, "baseline_fuel")):
        if value is None or normalize(value) in fuels:
            continue
        name = str(value).strip()
        issues.append(ctx.error(sheet, row, "baseline_fuel",
                                f'baseline_fuel "{name}" is not in Fuels{suggest(name, fuels)}'))
    return issues


def _family_issues(ctx: Context, sheet: schema.Sheet, column: str,
                   families: dict[str, str]) -> list[Issue]:
    issues = []
    for row, value in enumerate(ctx.values(sheet, column)):
        unknown = [name for name in split_list(value) if normalize(name) not in families]
        if not unknown:
            continue
        which = ("is not the family of any fuel in Fuels" if len(unknown) == 1
                 else "are not families of any fuel in Fuels")
        hint = suggest(unknown[0], families) if len(unknown) == 1 else ""
        issues.append(ctx.error(sheet, row, column,
                                f"{column} names {_quoted(unknown)}, which {which}{hint}"))
    return issues


def check_families(ctx: Context) -> list[Issue]:
    """Every family in Fleet.fuel_families and Technologies.enables is the family of a fuel."""
    if not ctx.present(schema.FUELS):
        return []
    families = _written(ctx, schema.FUELS, "family")
    issues = []
    for sheet, column in ((schema.FLEET, "fuel_families"), (schema.TECHNOLOGIES, "enables")):
        if any(col.name == column for col in ctx.columns(sheet)):
            issues += _family_issues(ctx, sheet, column, families)
    return issues


def check_series_fuels(ctx: Context) -> list[Issue]:
    """Every FuelPrices and FuelSupply row names a fuel of Fuels."""
    if not ctx.present(schema.FUELS):
        return []
    fuels = _written(ctx, schema.FUELS, "fuel")
    issues = []
    for sheet in (schema.FUEL_PRICES, schema.FUEL_SUPPLY):
        for row, value in enumerate(ctx.values(sheet, "fuel")):
            if value is None or normalize(value) in fuels:
                continue
            name = str(value).strip()
            issues.append(ctx.error(sheet, row, "fuel",
                                    f'fuel "{name}" is not in Fuels{suggest(name, fuels)}'))
    return issues


def check_prices_given(ctx: Context) -> list[Issue]:
    """Every fuel has a price: at its Fuels name cell without a FuelPrices row, else at
    its FuelPrices name cell when that row gives no value."""
    sheet = schema.FUEL_PRICES
    if (sheet.name, "fuel") in ctx.missing or not ctx.present(sheet):
        return []
    table = ctx.table(sheet)
    years = [table[year].tolist() for year in ctx.year_columns(sheet)]
    priced: dict[str, bool] = {}
    first_row: dict[str, int] = {}
    for row, name in enumerate(ctx.names(sheet, "fuel")):
        if not name:
            continue
        first_row.setdefault(name, row)
        given = any(not is_blank(values[row]) for values in years)
        priced[name] = priced.get(name, False) or given
    issues = []
    seen: set[str] = set()
    for row, name in enumerate(ctx.names(schema.FUELS, "fuel")):
        if not name or name in seen:
            continue
        seen.add(name)
        written = str(ctx.values(schema.FUELS, "fuel")[row]).strip()
        if name not in first_row:
            issues.append(ctx.error(schema.FUELS, row, "fuel",
                                    f"{written} has no price: add a FuelPrices row for it"))
        elif not priced[name]:
            issues.append(ctx.error(sheet, first_row[name], "fuel",
                                    f"{written} has no price: give it a price in at least "
                                    "one year"))
    return issues


def check_enables_by_kind(ctx: Context) -> list[Issue]:
    """Only conversions enable families: an efficiency technology with enables is an error,
    a conversion that enables nothing a warning (it would change no engine)."""
    sheet = schema.TECHNOLOGIES
    if not {"kind", "enables"} <= {col.name for col in ctx.columns(sheet)}:
        return []
    issues = []
    for row, (kind, enables) in enumerate(zip(ctx.values(sheet, "kind"),
                                              ctx.values(sheet, "enables"), strict=True)):
        families = split_list(enables)
        if kind == "efficiency" and families:
            issues.append(ctx.error(sheet, row, "enables",
                                    "enables must be blank for an efficiency technology "
                                    f"(only a conversion adds fuel families), got "
                                    f"{_quoted(families)}"))
        elif kind == "conversion" and not families:
            issues.append(ctx.warning(sheet, row, "enables",
                                      "this conversion enables no fuel family, so it changes "
                                      "nothing; name the families it adds in enables"))
    return issues


def check_vessel_types(ctx: Context) -> list[Issue]:
    """Technologies.vessel_types naming a type no vessel has (warning): a typo would make
    the technology fit nothing."""
    sheet = schema.TECHNOLOGIES
    if ctx.table(schema.FLEET).empty or not ctx.present(schema.FLEET) or not any(
            col.name == "vessel_types" for col in ctx.columns(sheet)):
        return []
    types = _written(ctx, schema.FLEET, "type")
    issues = []
    for row, value in enumerate(ctx.values(sheet, "vessel_types")):
        named = split_list(value)
        unknown = [name for name in named if normalize(name) not in types]
        if not unknown:
            continue
        which = "a type no vessel has" if len(unknown) == 1 else "types no vessel has"
        message = f"vessel_types names {_quoted(unknown)}, {which}"
        if len(unknown) == len(named):
            message += ", so the technology fits no vessel"
        if len(unknown) == 1:
            message += suggest(unknown[0], types)
        issues.append(ctx.warning(sheet, row, "vessel_types", message))
    return issues
