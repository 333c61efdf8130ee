"""The regime rules in one place: default series, scope shares, unit conversions, literal penalty.

Every regime number or formula of shared/spec/regimes.md lives here; the optimizer, the
reports, the sample and the app read it from this module. Sources: regimes-reference.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# --- FuelEU Maritime (Regulation (EU) 2023/1805) --------------------------------------
FUELEU_REFERENCE_GCO2E_PER_MJ = 91.16  # Art. 4(2): 2020 fleet average
FUELEU_LIMITS = {2025: 89.3368, 2030: 85.6904, 2035: 77.9418, 2040: 62.9004,
                 2045: 34.6408, 2050: 18.2320}  # 91.16 x (1 - 2/6/14.5/31/62/80 %)
FUELEU_PENALTY_EUR_PER_T_VLSFO = 2400.0  # Annex IV Part B
FUELEU_PENALTY_FROM = 2025
MJ_PER_T_VLSFO = 41000.0  # Annex IV Part B
FUELEU_RFNBO_REWARD = {2025: 2.0, 2034: 1.0}  # Art. 5(2)
BORROWING_REPAYMENT = 1.1  # Art. 20(2): 1.1 x the advance surplus is deducted next year
BORROWING_CAP_SHARE = 0.02  # Art. 20(2): 2 % of the limit x the ship's energy
CONSECUTIVE_DEFICIT_STEP = 0.1  # Art. 23(2): x (1 + (n - 1) / 10)

# --- EU ETS for shipping (Directive (EU) 2023/959) ------------------------------------
ETS_SURRENDER_SHARE = {2024: 0.4, 2025: 0.7, 2026: 1.0}  # Art. 3ga phase-in; 0 before 2024
ETS_CH4_N2O_SHARE = {2026: 1.0}  # CH4 and N2O counted from 2026; 0 before
EXTRA_EU_SCOPE = 0.5  # voyages to or from a third country count half

# --- IMO Net-Zero Framework (draft, MEPC 83; adoption adjourned Oct 2025) --------------
NZF_REFERENCE_GCO2E_PER_MJ = 93.3  # 2008 average
NZF_BASE_REDUCTION = {2028: 0.04, 2029: 0.06, 2030: 0.08, 2031: 0.124, 2032: 0.168,
                      2033: 0.212, 2034: 0.256, 2035: 0.30, 2036: 0.37, 2037: 0.44,
                      2038: 0.51, 2039: 0.58, 2040: 0.65}
NZF_DIRECT_EXTRA_REDUCTION = 0.13  # Direct Compliance target 13 points below the base
NZF_TIER1_USD = 100.0
NZF_TIER2_USD = 380.0
NZF_PRICES_FROM = 2028
NZF_TARGETS_SET_UNTIL = 2035  # later targets are our extrapolation
NZF_PRICES_SET_UNTIL = 2030  # later prices are our extrapolation
NZF_SURPLUS_LIFE_YEARS = 2

# The Regimes sheet's yearly columns, in sheet order.
REGIME_SERIES = (
    "fueleu_limit_gco2e_per_mj", "fueleu_penalty_per_t_vlsfo", "fueleu_rfnbo_reward",
    "fueleu_rfnbo_min_share", "fueleu_rfnbo_penalty_per_gj", "ets_surrender_share",
    "ets_ch4_n2o_share", "nzf_base_target_gco2e_per_mj", "nzf_direct_target_gco2e_per_mj",
    "nzf_tier1_price_per_tco2e", "nzf_tier2_price_per_tco2e",
)
# Series a year without a value reads as this (the others: absent).
ABSENT_AS = {"fueleu_rfnbo_reward": 1.0, "ets_surrender_share": 0.0, "ets_ch4_n2o_share": 0.0}


def step_value(points: Mapping[int, float], year: int) -> float | None:
    """The value of the latest given year at or before ``year`` (None before the first)."""
    best = None
    for given in points:
        if given <= year and (best is None or given > best):
            best = given
    return None if best is None else float(points[best])


def default_points(column: str, currency_per_eur: float = 1.0,
                   currency_per_usd: float = 1.0) -> dict[int, float]:
    """The regulation's series of a Regimes column as step points (empty = none)."""
    if column == "fueleu_limit_gco2e_per_mj":
        return dict(FUELEU_LIMITS)
    if column == "fueleu_penalty_per_t_vlsfo":
        return {FUELEU_PENALTY_FROM: FUELEU_PENALTY_EUR_PER_T_VLSFO * currency_per_eur}
    if column == "fueleu_rfnbo_reward":
        return dict(FUELEU_RFNBO_REWARD)
    if column == "ets_surrender_share":
        return dict(ETS_SURRENDER_SHARE)
    if column == "ets_ch4_n2o_share":
        return dict(ETS_CH4_N2O_SHARE)
    if column == "nzf_base_target_gco2e_per_mj":
        return {y: NZF_REFERENCE_GCO2E_PER_MJ * (1.0 - r) for y, r in NZF_BASE_REDUCTION.items()}
    if column == "nzf_direct_target_gco2e_per_mj":
        return {y: NZF_REFERENCE_GCO2E_PER_MJ * (1.0 - r - NZF_DIRECT_EXTRA_REDUCTION)
                for y, r in NZF_BASE_REDUCTION.items()}
    if column == "nzf_tier1_price_per_tco2e":
        return {NZF_PRICES_FROM: NZF_TIER1_USD * currency_per_usd}
    if column == "nzf_tier2_price_per_tco2e":
        return {NZF_PRICES_FROM: NZF_TIER2_USD * currency_per_usd}
    return {}  # fueleu_rfnbo_min_share, fueleu_rfnbo_penalty_per_gj: none by default


NZF_TARGET_COLUMNS = ("nzf_base_target_gco2e_per_mj", "nzf_direct_target_gco2e_per_mj")
NZF_PRICE_COLUMNS = ("nzf_tier1_price_per_tco2e", "nzf_tier2_price_per_tco2e")


def is_extrapolated(column: str, year: int) -> bool:
    """True for a default NZF value that is our extrapolation, not an IMO decision."""
    if column in NZF_TARGET_COLUMNS:
        return year > NZF_TARGETS_SET_UNTIL
    if column in NZF_PRICE_COLUMNS:
        return year > NZF_PRICES_SET_UNTIL
    return False


def extrapolated_defaults(year: int) -> list[str]:
    """What of a year's NZF defaults is our extrapolation: "tier prices", "targets"."""
    return [what for what, columns in (("tier prices", NZF_PRICE_COLUMNS),
                                       ("targets", NZF_TARGET_COLUMNS))
            if is_extrapolated(columns[0], year)]


def fill_series(column: str, given: Mapping[int, float], years: Iterable[int],
                currency_per_eur: float = 1.0,
                currency_per_usd: float = 1.0) -> dict[int, float | None]:
    """The filling rule: a column given nowhere takes its default series; a column given
    somewhere holds each given value until the next one and is absent before the first."""
    points = dict(given) if given else default_points(column, currency_per_eur,
                                                      currency_per_usd)
    return {year: step_value(points, year) for year in years}


def eu_scope_share(eu_intra_share: float | None, eu_extra_share: float | None,
                   ets_share: float) -> float:
    """q_v: 100 % of EU-EU voyages and berths, 50 % of voyages to or from third countries;
    the vessel's ets_share when neither EU share is given."""
    if eu_intra_share is None and eu_extra_share is None:
        return ets_share
    return (eu_intra_share or 0.0) + (eu_extra_share or 0.0) * EXTRA_EU_SCOPE


def fueleu_price_per_tco2e(penalty_per_t_vlsfo: float, reference_intensity: float) -> float:
    """Money per tCO2e of deficit at a given intensity (gCO2e/MJ): pen * 10^6 / (41000 * G)."""
    return penalty_per_t_vlsfo * 1e6 / (MJ_PER_T_VLSFO * reference_intensity)


def consecutive_multiplier(deficit_years_in_a_row: int) -> float:
    """Art. 23(2): 1 + (n - 1) / 10 for the n-th consecutive year with a deficit."""
    return 1.0 + (deficit_years_in_a_row - 1) * CONSECUTIVE_DEFICIT_STEP


def ets_factor(co2: float, ghg: float, ch4_n2o_share: float) -> float:
    """F_{f,t} = c_f + h_t (g_f - c_f): gCO2e/MJ the ETS counts in a year."""
    return co2 + ch4_n2o_share * (ghg - co2)


def literal_fueleu_penalty(years: list[dict[str, float]], banking: bool) -> list[dict[str, float]]:
    """The literal FuelEU penalty of one compliance unit over its in-force years, in order.

    Each year gives ``limit`` (L), ``n`` (sum e EF, GJ x gCO2e/MJ), ``dr`` (sum e RWD, GJ),
    ``e`` (GJ), ``penalty_per_t`` and ``borrowed`` (the plan's A that year). Returns per
    year ``balance`` (CB_lit, tCO2e), ``adjusted``, ``banked`` and ``penalty`` (money).
    """
    result = []
    banked = 0.0
    borrowed_before = 0.0
    run = 0
    for year in years:
        intensity = year["n"] / year["dr"] if year["dr"] > 0 else 0.0
        balance = (year["limit"] - intensity) * year["e"] / 1000.0
        adjusted = balance + banked - BORROWING_REPAYMENT * borrowed_before + year["borrowed"]
        penalty = 0.0
        if adjusted >= 0:
            banked = adjusted if banking else 0.0
            run = 0
        else:
            run += 1
            banked = 0.0
            penalty = (-adjusted * 1e6 / (intensity * MJ_PER_T_VLSFO) * year["penalty_per_t"]
                       * consecutive_multiplier(run)) if intensity > 0 else 0.0
        borrowed_before = year["borrowed"]
        result.append({"balance": balance, "adjusted": adjusted, "banked": banked,
                       "penalty": penalty})
    return result


def default_label(column: str) -> str:
    """How a Regimes column's default series reads in a tooltip or a header note."""
    if column == "fueleu_penalty_per_t_vlsfo":
        return (f"{FUELEU_PENALTY_EUR_PER_T_VLSFO:g} EUR x currency_per_eur from "
                f"{FUELEU_PENALTY_FROM}")
    if column in ("nzf_tier1_price_per_tco2e", "nzf_tier2_price_per_tco2e"):
        usd = NZF_TIER1_USD if "tier1" in column else NZF_TIER2_USD
        return (f"{usd:g} USD x currency_per_usd from {NZF_PRICES_FROM} (held flat after "
                f"{NZF_PRICES_SET_UNTIL}: our extrapolation)")
    points = default_points(column)
    if not points:
        return "none"
    if column.startswith("nzf_"):
        extra = NZF_DIRECT_EXTRA_REDUCTION if "direct" in column else 0.0
        first, last = min(NZF_BASE_REDUCTION), max(NZF_BASE_REDUCTION)
        return (f"{NZF_REFERENCE_GCO2E_PER_MJ:g} x (1 - r{' - ' if extra else ''}"
                f"{f'{extra:g}' if extra else ''}), r = "
                f"{NZF_BASE_REDUCTION[first]:.0%} in {first} ... "
                f"{NZF_BASE_REDUCTION[NZF_TARGETS_SET_UNTIL]:.0%} in {NZF_TARGETS_SET_UNTIL}, "
                f"{NZF_BASE_REDUCTION[last]:.0%} from {last} (after {NZF_TARGETS_SET_UNTIL}: "
                f"our extrapolation); none before {first}")
    text = ", ".join(f"{year}: {value:.6g}" for year, value in sorted(points.items()))
    absent = ABSENT_AS.get(column)
    before = "none" if absent is None else f"{absent:g}"
    return f"{text}; {before} before {min(points)}"
