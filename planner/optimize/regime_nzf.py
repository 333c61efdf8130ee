"""The IMO Net-Zero Framework in the model (regimes.md, NZF rows 7-9 and NZF_t), one family per function.

Keys of ModelHandles.regime (tCO2e): ("Z1", v, t) Tier 1 deficit, ("Z2RU", v, t) Tier 2
deficit paid with remedial units, ("Z2SU", v, t) Tier 2 deficit covered by surplus units,
("S", v, t) surplus units earned, binaries ("y", v, t) direct compliance and ("w", v, t)
Tier 2, flows of surplus units ("W", t0, t) (fleet) or ("W", v, t0, t) (ship).
"""

from __future__ import annotations

from pulp import LpConstraintEQ, LpConstraintGE, LpConstraintLE, LpVariable

from planner.optimize.handles import ModelHandles
from planner.optimize.params import ModelParams
from planner.optimize.regime_fueleu import _add, _burnable
from planner.optimize.regime_nzf_hull import define_nzf_hull
from planner.optimize.regime_params import RegimeParams, demand_max_tj

Terms = list[tuple[LpVariable, float]]


def _units_in_use(regime: RegimeParams) -> bool:
    return regime.data.surplus_units in ("fleet", "ship")


def _bounds(params: ModelParams, regime: RegimeParams, vessel: int,
            year: int) -> tuple[float, float, float]:
    """Largest surplus, band and Tier 2 deficit (tCO2e) the vessel can reach in a year:
    its largest energy times the largest gap of a fuel it can burn to the direct target
    (surplus), of the base to the direct target (band) and of a fuel to the base target
    (Tier 2, g - band)."""
    coefficients = [regime.nzf_coefficient(vessel, fuel, year)
                    for fuel in _burnable(params, vessel, year)] or [0.0]
    band = regime.band_coefficient(vessel, year)
    most = demand_max_tj(params, vessel, year)
    return (max(0.0, -min(coefficients)) * most + 1.0,
            max(0.0, band) * most + 1.0,
            max(0.0, max(coefficients) - band) * most + 1.0)


def _cannot(params: ModelParams, regime: RegimeParams, vessel: int,
            year: int) -> tuple[bool, bool]:
    """Whether the vessel can never earn surplus (no fuel below the direct target) and
    never reach Tier 2 (no fuel above the base target) in a year."""
    coefficients = [regime.nzf_coefficient(vessel, fuel, year)
                    for fuel in _burnable(params, vessel, year)] or [0.0]
    band = regime.band_coefficient(vessel, year)
    return min(coefficients) >= 0.0, max(coefficients) <= band


def define_nzf_variables(handles: ModelHandles, params: ModelParams,
                         regime: RegimeParams) -> None:
    """Z1, Z2RU, S per vessel and in-force year; with surplus units Z2SU, y and w."""
    units = _units_in_use(regime)
    for vessel, years in regime.nzf_years.items():
        for year in years:
            for name in ("Z1", "Z2RU", "S"):
                _add(handles, name, (vessel, year))
            if units:
                _add(handles, "Z2SU", (vessel, year))
                _add(handles, "y", (vessel, year), binary=True)
                _add(handles, "w", (vessel, year), binary=True)


def _tier2(handles: ModelHandles, vessel: int, year: int) -> Terms:
    terms: Terms = [(handles.regime["Z2RU", vessel, year], 1.0)]
    covered = handles.regime.get(("Z2SU", vessel, year))
    if covered is not None:
        terms.append((covered, 1.0))
    return terms


def define_nzf_balance(handles: ModelHandles, params: ModelParams,
                       regime: RegimeParams) -> None:
    """(7) g[v,t] = Z1 + Z2 - S and Z1 <= band[v,t]."""
    found = handles.regime
    for vessel, years in regime.nzf_years.items():
        for year in years:
            energy = handles.energy_by_vessel_year.get((vessel, year), [])
            terms: Terms = [(var, regime.nzf_coefficient(vessel, fuel, year))
                            for fuel, var in energy]
            terms += [(found["Z1", vessel, year], -1.0), (found["S", vessel, year], 1.0)]
            terms += [(var, -1.0) for var, _ in _tier2(handles, vessel, year)]
            handles.add_row("nzf_balance", (vessel, year), terms, LpConstraintEQ, 0.0)
            band = regime.band_coefficient(vessel, year)
            handles.add_row("nzf_band", (vessel, year),
                            [(found["Z1", vessel, year], 1.0)]
                            + [(var, -band) for _fuel, var in energy], LpConstraintLE, 0.0)


def define_nzf_tiers(handles: ModelHandles, params: ModelParams,
                     regime: RegimeParams) -> None:
    """(8) With surplus units: S <= M y, Z1 <= M (1 - y), Z2 <= M w, y + w <= 1,
    Z1 >= band - M (1 - w), so that S, Z1 and Z2 take their exact values."""
    if not _units_in_use(regime):
        return
    found = handles.regime
    for vessel, years in regime.nzf_years.items():
        for year in years:
            most_surplus, most_band, most_deficit = _bounds(params, regime, vessel, year)
            direct, tier2 = found["y", vessel, year], found["w", vessel, year]
            tier1 = found["Z1", vessel, year]
            key = (vessel, year)
            handles.add_row("nzf_surplus_switch", key,
                            [(found["S", vessel, year], 1.0), (direct, -most_surplus)],
                            LpConstraintLE, 0.0)
            handles.add_row("nzf_tier1_switch", key, [(tier1, 1.0), (direct, most_band)],
                            LpConstraintLE, most_band)
            handles.add_row("nzf_tier2_switch", key,
                            _tier2(handles, vessel, year) + [(tier2, -most_deficit)],
                            LpConstraintLE, 0.0)
            handles.add_row("nzf_one_state", key, [(direct, 1.0), (tier2, 1.0)],
                            LpConstraintLE, 1.0)
            band = regime.band_coefficient(vessel, year)
            energy = handles.energy_by_vessel_year.get((vessel, year), [])
            handles.add_row("nzf_full_band", key,
                            [(tier1, 1.0), (tier2, -most_band)]
                            + [(var, -band) for _fuel, var in energy],
                            LpConstraintGE, -most_band)
            _tighten(handles, regime, vessel, year)
            define_nzf_hull(handles, params, regime, vessel, year)
            no_surplus, no_tier2 = _cannot(params, regime, vessel, year)
            if no_surplus:
                direct.upBound = 0
            if no_tier2:
                tier2.upBound = 0


def _tighten(handles: ModelHandles, regime: RegimeParams, vessel: int, year: int) -> None:
    """Valid inequalities on the fuel mix: S <= sum_f max(0, -c_f) e_f, Z1 + Z2 <=
    sum_f max(0, c_f) e_f and Z2 <= sum_f max(0, c_f - b) e_f (c_f the NZF coefficient,
    b the band's). Exact values satisfy them (S = max(0, -g) and g = sum_f c_f e_f); in
    the relaxation they stop a fractional y or w from earning surplus units or moving a
    Tier 1 deficit to Tier 2 beyond what the fuels burnt allow."""
    found = handles.regime
    band = regime.band_coefficient(vessel, year)
    energy = handles.energy_by_vessel_year.get((vessel, year), [])
    coefficient = {fuel: regime.nzf_coefficient(vessel, fuel, year) for fuel, _var in energy}
    key = (vessel, year)
    handles.add_row("nzf_surplus_mix", key,
                    [(found["S", vessel, year], 1.0)]
                    + _positive(energy, {f: -c for f, c in coefficient.items()}),
                    LpConstraintLE, 0.0)
    handles.add_row("nzf_deficit_mix", key,
                    [(found["Z1", vessel, year], 1.0)] + _tier2(handles, vessel, year)
                    + _positive(energy, coefficient),
                    LpConstraintLE, 0.0)
    handles.add_row("nzf_tier2_mix", key,
                    _tier2(handles, vessel, year)
                    + _positive(energy, {f: c - band for f, c in coefficient.items()}),
                    LpConstraintLE, 0.0)


def _positive(energy: list[tuple[int, LpVariable]], coefficient: dict[int, float]) -> Terms:
    """-max(0, c_f) on each e_f with a positive c_f."""
    return [(var, -coefficient[fuel]) for fuel, var in energy if coefficient[fuel] > 0.0]


def _life(regime: RegimeParams) -> int:
    return regime.data.surplus_life_years


def define_surplus_use(handles: ModelHandles, params: ModelParams,
                       regime: RegimeParams) -> None:
    """(9) Surplus units of vintage t0 cover Tier 2 deficits in t0 .. t0 + life (by other
    ships in t0): flows W from vintages to years; unused units lapse."""
    if not _units_in_use(regime):
        return
    if regime.data.surplus_units == "ship":
        for vessel, years in regime.nzf_years.items():
            _ship_surplus_use(handles, regime, vessel, years)
    else:
        _fleet_surplus_use(handles, regime)


def _ship_surplus_use(handles: ModelHandles, regime: RegimeParams, vessel: int,
                      years: list[int]) -> None:
    """A ship's own units: flows from each vintage to its later years within the life."""
    found = handles.regime
    life = _life(regime)
    used: dict[int, Terms] = {}
    for vintage in years:
        flows: Terms = []
        for year in years:
            if vintage < year <= vintage + life:
                flow = _add(handles, "W", (vessel, vintage, year))
                flows.append((flow, 1.0))
                used.setdefault(year, []).append((flow, 1.0))
        if flows:
            handles.add_row("surplus_supply", (vessel, vintage),
                            flows + [(found["S", vessel, vintage], -1.0)],
                            LpConstraintLE, 0.0)
    for year in years:
        handles.add_row("surplus_use", (vessel, year),
                        used.get(year, []) + [(found["Z2SU", vessel, year], -1.0)],
                        LpConstraintEQ, 0.0)


def _fleet_surplus_use(handles: ModelHandles, regime: RegimeParams) -> None:
    """Units moved between the carrier's ships: one pool of each vintage for the fleet."""
    found = handles.regime
    life = _life(regime)
    by_year: dict[int, list[int]] = {}
    for vessel, years in regime.nzf_years.items():
        for year in years:
            by_year.setdefault(year, []).append(vessel)
    all_years = sorted(by_year)
    used: dict[int, Terms] = {}
    for vintage in all_years:
        flows: Terms = []
        for year in all_years:
            if vintage <= year <= vintage + life:
                flow = _add(handles, "W", (vintage, year))
                flows.append((flow, 1.0))
                used.setdefault(year, []).append((flow, 1.0))
        handles.add_row("surplus_supply", (vintage,),
                        flows + [(found["S", v, vintage], -1.0) for v in by_year[vintage]],
                        LpConstraintLE, 0.0)
    for year in all_years:
        handles.add_row("surplus_use", (year,),
                        used.get(year, []) + [(found["Z2SU", v, year], -1.0)
                                              for v in by_year[year]],
                        LpConstraintEQ, 0.0)

def define_nzf_costs(handles: ModelHandles, params: ModelParams,
                     regime: RegimeParams) -> None:
    """NZF_t = tier1_price_t sum Z1 + tier2_price_t sum Z2RU, discounted."""
    data = regime.data
    for key, var in handles.regime.items():
        if key[0] not in ("Z1", "Z2RU"):
            continue
        _, _vessel, year = key
        column = "nzf_tier1_price_per_tco2e" if key[0] == "Z1" else "nzf_tier2_price_per_tco2e"
        price = data.value(column, year) or 0.0
        if price:
            handles.regime_costs.append((var, params.discount[year] * price))
