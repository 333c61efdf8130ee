"""A tighter relaxation of the three NZF states of a ship-year (regimes.md, row 8).

Each state (direct compliance y, Tier 1, Tier 2 w) gets its own copy of the ship-year's
energy E^k (TJ) and GFI gap g^k (tCO2e), g = sum_k g^k and E = sum_k e, each copy bounded
by its state's binary: E^k <= Dmax * state, c_min E^k <= g^k <= c_max E^k (c the NZF
coefficients of the fuels it can burn). Then S = -g^D, Z1 = g^1 + b E^2 and
Z2 = g^2 - b E^2 (b the band's coefficient) with g^D <= 0, 0 <= g^1 <= b E^1,
g^2 >= b E^2. On an integer plan one copy holds everything and the others are 0, so S, Z1
and Z2 take the exact values of row 8; in the relaxation this is the convex hull of the
three states over (g, E) instead of the big-M rows, which let a fraction of a state earn
surplus units or move a Tier 1 deficit to Tier 2.
Keys of ModelHandles.regime: ("gD"|"g1"|"g2"|"ED"|"E1"|"E2", v, t).
"""

from __future__ import annotations

from pulp import LpConstraintEQ, LpConstraintGE, LpConstraintLE, LpVariable

from planner.optimize.handles import ModelHandles
from planner.optimize.params import ModelParams
from planner.optimize.regime_fueleu import _burnable
from planner.optimize.regime_params import RegimeParams, demand_max_tj

Terms = list[tuple[LpVariable, float]]
STATES = ("D", "1", "2")
HULL_NAMES = tuple(kind + state for kind in "gE" for state in STATES)


def _variable(handles: ModelHandles, name: str, key: tuple[int, int],
              low: float | None) -> LpVariable:
    var = handles.problem.add_variable(name + "_" + "_".join(str(p) for p in key), low, None)
    handles.regime[(name, *key)] = var
    return var


def coefficient_range(params: ModelParams, regime: RegimeParams, vessel: int,
                      year: int) -> tuple[float, float]:
    """Smallest and largest NZF coefficient (tCO2e per TJ) of the fuels of the ship-year."""
    found = [regime.nzf_coefficient(vessel, fuel, year)
             for fuel in _burnable(params, vessel, year)] or [0.0]
    return min(found), max(found)


def define_nzf_hull(handles: ModelHandles, params: ModelParams, regime: RegimeParams,
                    vessel: int, year: int) -> None:
    """The disaggregated rows of one ship-year (module docstring)."""
    found = handles.regime
    key = (vessel, year)
    band = regime.band_coefficient(vessel, year)
    low, high = coefficient_range(params, regime, vessel, year)
    most = demand_max_tj(params, vessel, year)
    energy = handles.energy_by_vessel_year.get(key, [])
    gaps = {state: _variable(handles, "g" + state, key, None) for state in STATES}
    totals = {state: _variable(handles, "E" + state, key, 0.0) for state in STATES}
    handles.add_row("nzf_hull_gap", key,
                    [(var, regime.nzf_coefficient(vessel, fuel, year)) for fuel, var in energy]
                    + [(gaps[state], -1.0) for state in STATES], LpConstraintEQ, 0.0)
    handles.add_row("nzf_hull_energy", key, [(var, 1.0) for _fuel, var in energy]
                    + [(totals[state], -1.0) for state in STATES], LpConstraintEQ, 0.0)
    direct, tier2 = found["y", vessel, year], found["w", vessel, year]
    handles.add_row("nzf_hull_direct", key, [(totals["D"], 1.0), (direct, -most)],
                    LpConstraintLE, 0.0)
    handles.add_row("nzf_hull_tier2", key, [(totals["2"], 1.0), (tier2, -most)],
                    LpConstraintLE, 0.0)
    handles.add_row("nzf_hull_tier1", key, [(totals["1"], 1.0), (direct, most),
                                            (tier2, most)], LpConstraintLE, most)
    for state in STATES:
        handles.add_row("nzf_hull_low", (vessel, state, year),
                        [(gaps[state], 1.0), (totals[state], -low)], LpConstraintGE, 0.0)
        handles.add_row("nzf_hull_high", (vessel, state, year),
                        [(gaps[state], 1.0), (totals[state], -high)], LpConstraintLE, 0.0)
    handles.add_row("nzf_hull_surplus_side", key, [(gaps["D"], 1.0)], LpConstraintLE, 0.0)
    handles.add_row("nzf_hull_tier1_low", key, [(gaps["1"], 1.0)], LpConstraintGE, 0.0)
    handles.add_row("nzf_hull_tier1_band", key, [(gaps["1"], 1.0), (totals["1"], -band)],
                    LpConstraintLE, 0.0)
    handles.add_row("nzf_hull_tier2_band", key, [(gaps["2"], 1.0), (totals["2"], -band)],
                    LpConstraintGE, 0.0)
    handles.add_row("nzf_hull_S", key, [(found["S", vessel, year], 1.0), (gaps["D"], 1.0)],
                    LpConstraintEQ, 0.0)
    handles.add_row("nzf_hull_Z1", key, [(found["Z1", vessel, year], 1.0), (gaps["1"], -1.0),
                                         (totals["2"], -band)], LpConstraintEQ, 0.0)
    tier2_terms: Terms = [(found["Z2RU", vessel, year], 1.0), (gaps["2"], -1.0),
                          (totals["2"], band)]
    covered = found.get(("Z2SU", vessel, year))
    if covered is not None:
        tier2_terms.append((covered, 1.0))
    handles.add_row("nzf_hull_Z2", key, tier2_terms, LpConstraintEQ, 0.0)


def hull_values(direct: bool, tier2: bool, gap: float, total: float) -> dict[str, float]:
    """The copies of a ship-year in the state its binaries y and w set (regime_start)."""
    state = "D" if direct else "2" if tier2 else "1"
    return {"g" + state: gap, "E" + state: total}
