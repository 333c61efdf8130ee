"""Rules of the regime inputs across cells (regimes.md "Inputs"): shares, targets, prices, borrowing."""

from __future__ import annotations

from planner import schema
from planner.errors import Issue
from planner.regimes import rules
from planner.regimes.inputs import setting_row_of
from planner.validation.context import Context

REGIMES = schema.REGIMES


def check_borrowing_without_pool(ctx: Context) -> list[Issue]:
    """fueleu_borrowing = on with fueleu_pooling = fleet: a ship that borrowed may not pool."""
    if ctx.setting("fueleu_borrowing") != "on" or ctx.setting("fueleu_pooling") != "fleet":
        return []
    row = ctx.scenario.setting_row("fueleu_borrowing")
    return [ctx.error(schema.SETTINGS_SHEET, row, "value",
                      "fueleu_borrowing cannot be on with fueleu_pooling = fleet: a ship "
                      "that borrowed may not be in a pool (FuelEU Art. 20); set "
                      "fueleu_pooling to ship or fueleu_borrowing to off")]


def check_eu_shares(ctx: Context) -> list[Issue]:
    """eu_intra_share + eu_extra_share above 1, at the eu_extra_share cell."""
    sheet = schema.FLEET
    issues = []
    for row, (intra, extra) in enumerate(zip(ctx.values(sheet, "eu_intra_share"),
                                             ctx.values(sheet, "eu_extra_share"), strict=True)):
        if intra is None or extra is None:
            continue
        if float(intra) + float(extra) > 1.0 + 1e-12:  # type: ignore[arg-type]
            issues.append(ctx.error(sheet, row, "eu_extra_share",
                                    f"eu_intra_share + eu_extra_share must be at most 1 "
                                    f"(100%), got {float(intra) + float(extra):g}"))  # type: ignore[arg-type]
    return issues


def _rows(ctx: Context, column: str) -> list[tuple[int, int, float]]:
    """(row, year, value) of the usable cells of a Regimes column, in year order."""
    table = ctx.table(REGIMES)
    if column not in table.columns or "year" not in table.columns:
        return []
    found = [(row, year, float(value)) for row, (year, value) in enumerate(zip(
        ctx.values(REGIMES, "year"), ctx.values(REGIMES, column), strict=True))
        if isinstance(year, int) and isinstance(value, (int, float))]
    return sorted(found, key=lambda item: item[1])


def check_nzf_targets(ctx: Context) -> list[Issue]:
    """A row whose NZF direct target lies above its base target (at the direct cell)."""
    base = {row: value for row, _year, value in _rows(ctx, "nzf_base_target_gco2e_per_mj")}
    issues = []
    for row, year, direct in _rows(ctx, "nzf_direct_target_gco2e_per_mj"):
        if row in base and direct > base[row]:
            issues.append(ctx.error(REGIMES, row, "nzf_direct_target_gco2e_per_mj",
                                    f"nzf_direct_target_gco2e_per_mj ({direct:g}) must not lie "
                                    f"above nzf_base_target_gco2e_per_mj ({base[row]:g}) in "
                                    f"{year}"))
    return issues


def _currency(ctx: Context, name: str) -> float:
    value = ctx.setting(name)
    return float(value) if isinstance(value, (int, float)) else 1.0


def check_tier_prices(ctx: Context) -> list[Issue]:
    """A year whose Tier 1 price exceeds its Tier 2 price, at the cell that sets Tier 1."""
    tier1 = _rows(ctx, "nzf_tier1_price_per_tco2e")
    tier2 = _rows(ctx, "nzf_tier2_price_per_tco2e")
    if not tier1 and not tier2:
        return []
    usd = _currency(ctx, "currency_per_usd")
    points1 = {y: v for _r, y, v in tier1} or rules.default_points(
        "nzf_tier1_price_per_tco2e", currency_per_usd=usd)
    points2 = {y: v for _r, y, v in tier2} or rules.default_points(
        "nzf_tier2_price_per_tco2e", currency_per_usd=usd)
    rows1 = {y: r for r, y, _v in tier1}
    rows2 = {y: r for r, y, _v in tier2}
    issues: list[Issue] = []
    reported: set[tuple[str, int]] = set()
    for year in sorted(set(points1) | set(points2)):
        low = rules.step_value(points1, year)
        high = rules.step_value(points2, year)
        if low is None or high is None or low <= high:
            continue
        column, row = "nzf_tier1_price_per_tco2e", setting_row_of(rows1, year)
        if row is None:  # Tier 1 is the default: name the Tier 2 cell that undercuts it
            column, row = "nzf_tier2_price_per_tco2e", setting_row_of(rows2, year)
        if row is None or (column, row) in reported:
            continue
        reported.add((column, row))
        issues.append(ctx.error(REGIMES, row, column,
                                f"the NZF Tier 1 price ({low:g}) must not exceed the Tier 2 "
                                f"price ({high:g}) in {year}"))
    return issues


def check_rfnbo_penalty_given(ctx: Context) -> list[Issue]:
    """A year with an RFNBO min share but no RFNBO penalty, at the share cell."""
    shares = _rows(ctx, "fueleu_rfnbo_min_share")
    penalties = {y: v for _r, y, v in _rows(ctx, "fueleu_rfnbo_penalty_per_gj")}
    first_penalty = min(penalties) if penalties else None
    issues = []
    for row, year, share in shares:
        if share <= 0.0:
            continue  # a zero share asks for nothing
        if first_penalty is None or year < first_penalty:
            issues.append(ctx.error(REGIMES, row, "fueleu_rfnbo_min_share",
                                    f"fueleu_rfnbo_min_share is given for {year} but no "
                                    f"fueleu_rfnbo_penalty_per_gj holds in {year}: give the "
                                    f"price per GJ of RFNBO energy short"))
    return issues


REGIME_RULES = (check_borrowing_without_pool, check_eu_shares, check_nzf_targets,
                check_tier_prices, check_rfnbo_penalty_given)
