"""Warnings: inputs that are allowed but most likely not what the planner meant."""

from __future__ import annotations

import difflib
from collections import Counter

from planner import schema
from planner.convert import is_blank
from planner.errors import Issue
from planner.schema import normalize
from planner.validation.cells import series_number
from planner.validation.context import Context

TARGET_VALUE_COLUMNS = tuple(col.name for col in schema.TARGETS.columns
                             if col.name != schema.TARGETS.key)


def _label(value: object, fallback: str) -> str:
    return fallback if value is None or not str(value).strip() else str(value).strip()


def check_inactive_vessels(ctx: Context) -> list[Issue]:
    """A vessel not in service in any year of the horizon takes no part in the plan."""
    if ctx.horizon is None:
        return []
    start, end = ctx.horizon
    sheet = schema.FLEET
    raw_retire = ctx.raw(sheet, "retire_year")
    issues = []
    for row, (vessel, build, retire) in enumerate(zip(
            ctx.values(sheet, "vessel_id"), ctx.values(sheet, "build_year"),
            ctx.values(sheet, "retire_year"), strict=True)):
        if not isinstance(build, int):
            continue
        name = _label(vessel, "this vessel")
        if build > end:
            issues.append(ctx.warning(sheet, row, "build_year",
                                      f"{name} is built in {build}, after end_year {end}, "
                                      "so it takes no part in the plan"))
            continue
        given = not is_blank(raw_retire[row])
        if given and not isinstance(retire, int):
            continue
        last = schema.retire_year_of(build, retire if given and isinstance(retire, int)
                                     else None)
        if build <= last < start:
            column = "retire_year" if given else "build_year"
            default = "" if given else f" (build_year + {schema.SERVICE_YEARS})"
            issues.append(ctx.warning(sheet, row, column,
                                      f"{name} retires in {last}{default}, before start_year "
                                      f"{start}, so it takes no part in the plan"))
    return issues


def _late(ctx: Context, sheet: schema.Sheet, what: str) -> list[Issue]:
    if ctx.horizon is None:
        return []
    end = ctx.horizon[1]
    issues = []
    for row, (name, year) in enumerate(zip(ctx.values(sheet, sheet.key),
                                           ctx.values(sheet, "available_from"), strict=True)):
        if isinstance(year, int) and year > end:
            issues.append(ctx.warning(sheet, row, "available_from",
                                      f"{_label(name, 'it')} is available from {year}, after "
                                      f"end_year {end}, so it {what}"))
    return issues


def check_late_fuels(ctx: Context) -> list[Issue]:
    """A fuel first available after end_year can never be bunkered in the plan."""
    return _late(ctx, schema.FUELS, "is never used")


def check_late_technologies(ctx: Context) -> list[Issue]:
    """A technology first available after end_year can never be installed in the plan."""
    return _late(ctx, schema.TECHNOLOGIES, "is never installed")


def check_empty_target_rows(ctx: Context) -> list[Issue]:
    """A Targets row with a year and nothing else changes nothing (a value forgotten?)."""
    sheet = schema.TARGETS
    columns = [ctx.raw(sheet, name) for name in TARGET_VALUE_COLUMNS]
    issues = []
    for row, year in enumerate(ctx.raw(sheet, "year")):
        if is_blank(year) or any(not is_blank(values[row]) for values in columns):
            continue
        issues.append(ctx.warning(sheet, row, "year",
                                  f"the row for {_label(year, '?')} gives no cap, intensity "
                                  "cap, carbon price or penalty, so it changes nothing"))
    return issues


def check_zero_supply_of_baseline_fuels(ctx: Context) -> list[Issue]:
    """A supply of 0 for a fuel vessels burn as their baseline: likely no plan at all."""
    sheet = schema.FUEL_SUPPLY
    burners = Counter(name for name in ctx.names(schema.FLEET, "baseline_fuel") if name)
    if not burners:
        return []
    table = ctx.table(sheet)
    fuels = ctx.values(sheet, "fuel")
    issues = []
    for year in ctx.year_columns(sheet):
        for row, value in enumerate(table[year].tolist()):
            fuel = fuels[row]
            count = burners.get(normalize(fuel), 0) if fuel is not None else 0
            if count and series_number(sheet, value) == 0:
                vessels = "1 vessel" if count == 1 else f"{count} vessels"
                issues.append(ctx.warning(
                    sheet, row, year,
                    f"the supply of {str(fuel).strip()} in {year} is 0, but it is the "
                    f"baseline fuel of {vessels}; unless they can burn another fuel that "
                    "year, no plan is possible"))
    return issues


def _setting_meant(name: str) -> str:
    """The setting a misspelt or shortened name most likely means ('' for none).

    "discount rte" and "time limit" are near misses; "yard capacity" and "budget"
    use only words of one setting's name. A planner's own rows ("owner", "notes")
    are neither.
    """
    key = normalize(name).replace(" ", "_").replace("-", "_")
    words = {word for word in key.split("_") if word}
    known = [col.name for col in schema.SETTINGS]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    if close:
        return close[0]
    for setting_name in known:
        if words and words <= set(setting_name.split("_")):
            return setting_name
    return ""


def check_unknown_settings(ctx: Context) -> list[Issue]:
    """A Settings row whose name looks like a setting's is kept but ignored: most likely a
    typo. Rows that look like no setting (a planner's own notes) pass without a word."""
    sheet = schema.SETTINGS_SHEET
    issues = []
    for row, name in enumerate(ctx.raw(sheet, "setting")):
        if is_blank(name) or schema.find_setting(name) is not None:
            continue
        meant = _setting_meant(str(name))
        if meant:
            issues.append(ctx.warning(sheet, row, "setting",
                                      f'"{str(name).strip()}" is not a setting, so it is '
                                      f'ignored; did you mean "{meant}"?'))
    return issues
