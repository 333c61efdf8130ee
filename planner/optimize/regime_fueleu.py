"""FuelEU Maritime in the model (regimes.md, FuelEU rows 1-6 and FUELEU_t), one family per function.

Keys of ModelHandles.regime: ("U", unit, t) deficit paying the penalty, ("B", unit, t)
surplus banked into t+1, ("A", vessel, t) advance surplus borrowed from t+1 and
("beta", vessel, t) its binary, ("z", unit, t) the deficit-not-banked binary, ("R", unit, t)
RFNBO shortfall in TJ. All in tCO2e but R.
"""

from __future__ import annotations

import pulp
from pulp import LpConstraintGE, LpConstraintLE, LpVariable

from planner.optimize.handles import ModelHandles
from planner.optimize.params import GJ_PER_UNIT, ModelParams
from planner.optimize.regime_params import RegimeParams, demand_max_tj
from planner.regimes.rules import BORROWING_CAP_SHARE, BORROWING_REPAYMENT

Terms = list[tuple[LpVariable, float]]


def _add(handles: ModelHandles, name: str, key: tuple, upper: float | None = None,
         binary: bool = False) -> LpVariable:
    label = name + "_" + "_".join(str(part) for part in key)
    if binary:
        var = handles.problem.add_variable(label, 0, 1, pulp.LpBinary)
        var.lowBound, var.upBound = 0, 1
    else:
        var = handles.problem.add_variable(label, 0, upper, pulp.LpContinuous)
    handles.regime[(name, *key)] = var
    return var


# The last model's fuel_years, indexed by vessel (the dict itself is kept so that its id
# cannot be reused while cached): a scan per ship-year was quadratic in the fleet size.
_INDEXED: list[tuple[dict, dict[int, list[tuple[int, frozenset[int]]]]]] = []


def _by_vessel(params: ModelParams) -> dict[int, list[tuple[int, frozenset[int]]]]:
    if not _INDEXED or _INDEXED[0][0] is not params.fuel_years:
        index: dict[int, list[tuple[int, frozenset[int]]]] = {}
        for (vessel, fuel), years in params.fuel_years.items():
            index.setdefault(vessel, []).append((fuel, frozenset(years)))
        _INDEXED[:] = [(params.fuel_years, index)]
    return _INDEXED[0][1]


def _burnable(params: ModelParams, vessel: int, year: int) -> list[int]:
    return [fuel for fuel, years in _by_vessel(params).get(vessel, ()) if year in years]


def _extremes(params: ModelParams, regime: RegimeParams, unit: int,
              year: int) -> tuple[float, float]:
    """Largest deficit and largest surplus (tCO2e) the unit's balance can reach in a year."""
    deficit = surplus = 0.0
    for vessel in regime.vessels_in(unit, year, params):
        coefficients = [regime.balance_coefficient(vessel, fuel, year)
                        for fuel in _burnable(params, vessel, year)] or [0.0]
        bound = demand_max_tj(params, vessel, year)
        deficit += max(0.0, -min(coefficients)) * bound
        surplus += max(0.0, max(coefficients)) * bound
    return deficit, surplus


def _borrowing_cap(params: ModelParams, regime: RegimeParams, vessel: int, year: int) -> float:
    """Most tCO2e the vessel can borrow in a year: 2 % of L_t times its largest energy."""
    return (BORROWING_CAP_SHARE * regime.limit(year) * regime.data.eu_share[vessel]
            * demand_max_tj(params, vessel, year))


def define_fueleu_variables(handles: ModelHandles, params: ModelParams,
                            regime: RegimeParams) -> None:
    """U, B (banking on, next year in force), A and beta (borrowing), R (min share years)."""
    data = regime.data
    borrowing = _borrows(regime)
    for unit, years in regime.unit_years.items():
        for year in years:
            _add(handles, "U", (unit, year))
            following = regime.next_unit_year(unit, year)
            if data.banking and following:
                _add(handles, "B", (unit, year))
            if borrowing and following and _borrowing_cap(params, regime, unit, year) > 0:
                _add(handles, "A", (unit, year))
                _add(handles, "beta", (unit, year), binary=True)
            share = data.value("fueleu_rfnbo_min_share", year)
            if share is not None and share > 0:
                _add(handles, "R", (unit, year))


def _energy_terms(handles: ModelHandles, params: ModelParams, regime: RegimeParams,
                  unit: int, year: int) -> Terms:
    """CB[u,t] as coefficients on e (tCO2e per TJ)."""
    terms: Terms = []
    for vessel in regime.vessels_in(unit, year, params):
        for fuel, var in handles.energy_by_vessel_year.get((vessel, year), []):
            coefficient = regime.balance_coefficient(vessel, fuel, year)
            if coefficient != 0.0:
                terms.append((var, coefficient))
    return terms


def define_fueleu_balance(handles: ModelHandles, params: ModelParams,
                          regime: RegimeParams) -> None:
    """(1) CB[u,t] + B[u,t-1] - 1.1 A[u,t-1] + A[u,t] + U[u,t] - B[u,t] >= 0."""
    found = handles.regime
    for unit, years in regime.unit_years.items():
        for year in years:
            terms = _energy_terms(handles, params, regime, unit, year)
            for name, when, coefficient in (("B", year - 1, 1.0),
                                            ("A", year - 1, -BORROWING_REPAYMENT),
                                            ("A", year, 1.0), ("U", year, 1.0),
                                            ("B", year, -1.0)):
                var = found.get((name, unit, when))
                if var is not None:
                    terms.append((var, coefficient))
            handles.add_row("fueleu_balance", (unit, year), terms, LpConstraintGE, 0.0)


def define_borrowing_cap(handles: ModelHandles, params: ModelParams,
                         regime: RegimeParams) -> None:
    """(2) A[v,t] <= 0.02 L_t E[v,t] / 1000 and A[v,t] <= M beta[v,t]."""
    share = regime.data.eu_share
    for key, borrowed in list(handles.regime.items()):
        if key[0] != "A":
            continue
        _, vessel, year = key
        limit = BORROWING_CAP_SHARE * regime.limit(year) * share[vessel]
        terms: Terms = [(borrowed, 1.0)] + [
            (var, -limit) for _fuel, var in handles.energy_by_vessel_year.get((vessel, year), [])]
        handles.add_row("borrowing_cap", (vessel, year), terms, LpConstraintLE, 0.0)
        bound = _borrowing_cap(params, regime, vessel, year)
        handles.add_row("borrowing_switch", (vessel, year),
                        [(borrowed, 1.0), (handles.regime["beta", vessel, year], -bound)],
                        LpConstraintLE, 0.0)


def define_borrowing_not_twice(handles: ModelHandles, params: ModelParams,
                               regime: RegimeParams) -> None:
    """(3) beta[v,t] + beta[v,t+1] <= 1."""
    for key, switch in list(handles.regime.items()):
        if key[0] != "beta":
            continue
        _, vessel, year = key
        following = handles.regime.get(("beta", vessel, year + 1))
        if following is not None:
            handles.add_row("borrowing_not_twice", (vessel, year),
                            [(switch, 1.0), (following, 1.0)], LpConstraintLE, 1.0)


def _borrows(regime: RegimeParams) -> bool:
    return regime.data.borrowing and regime.data.pooling == "ship"


def _deficit_bound(params: ModelParams, regime: RegimeParams, unit: int, year: int) -> float:
    """A bound on U[u,t] that cuts no plan: the worst balance plus the worst repayment."""
    deficit, _surplus = _extremes(params, regime, unit, year)
    repayment = 0.0
    if _borrows(regime) and year - 1 in regime.unit_years.get(unit, ()):
        repayment = BORROWING_REPAYMENT * _borrowing_cap(params, regime, unit, year - 1)
    return deficit + repayment + 1.0


def define_borrowing_covers_deficit(handles: ModelHandles, params: ModelParams,
                                    regime: RegimeParams) -> None:
    """(4) U[v,t] <= M (1 - beta[v,t]): a borrowing year pays no penalty."""
    for key, switch in list(handles.regime.items()):
        if key[0] != "beta":
            continue
        _, vessel, year = key
        bound = _deficit_bound(params, regime, vessel, year)
        handles.add_row("borrowing_whole", (vessel, year),
                        [(handles.regime["U", vessel, year], 1.0), (switch, bound)],
                        LpConstraintLE, bound)


def _needs_no_bank_binary(params: ModelParams, regime: RegimeParams, unit: int) -> bool:
    """With borrowing the binary is needed; without it, only where the discounted price of a
    deficit does not fall from one in-force year to the next: where it rises paying to bank
    could pay, and where it stays (no discounting) paying early would tie with paying late,
    a plan no compliance manager would show."""
    if _borrows(regime):
        return True
    years = regime.unit_years[unit]
    prices = [params.discount[year] * regime.price[unit, year] for year in years]
    return any(later > earlier * (1 - 1e-9)
               for earlier, later in zip(prices, prices[1:], strict=False))


def define_deficit_not_banked(handles: ModelHandles, params: ModelParams,
                              regime: RegimeParams) -> None:
    """(5) U[u,t] > 0 implies B[u,t] = 0, with a binary z where it can change the optimum."""
    for unit, years in regime.unit_years.items():
        if not _needs_no_bank_binary(params, regime, unit):
            continue
        bank_bound = 0.0
        for year in years:
            _deficit, surplus = _extremes(params, regime, unit, year)
            bank_bound += surplus + (_borrowing_cap(params, regime, unit, year)
                                     if _borrows(regime) else 0.0)
            banked = handles.regime.get(("B", unit, year))
            if banked is None:
                continue
            switch = _add(handles, "z", (unit, year), binary=True)
            deficit_bound = _deficit_bound(params, regime, unit, year)
            handles.add_row("deficit_switch", (unit, year),
                            [(handles.regime["U", unit, year], 1.0), (switch, -deficit_bound)],
                            LpConstraintLE, 0.0)
            handles.add_row("no_bank_in_deficit", (unit, year),
                            [(banked, 1.0), (switch, bank_bound + 1.0)], LpConstraintLE,
                            bank_bound + 1.0)


def define_rfnbo_subtarget(handles: ModelHandles, params: ModelParams,
                           regime: RegimeParams) -> None:
    """(6) sum q_v e(rfnbo) + R[u,t] >= m_t E[u,t] (in TJ)."""
    data = regime.data
    for key, shortfall in list(handles.regime.items()):
        if key[0] != "R":
            continue
        _, unit, year = key
        share = data.value("fueleu_rfnbo_min_share", year) or 0.0
        terms: Terms = [(shortfall, 1.0)]
        for vessel in regime.vessels_in(unit, year, params):
            q = data.eu_share[vessel]
            for fuel, var in handles.energy_by_vessel_year.get((vessel, year), []):
                coefficient = q * ((1.0 if data.rfnbo[fuel] else 0.0) - share)
                if coefficient != 0.0:
                    terms.append((var, coefficient))
        handles.add_row("rfnbo_share", (unit, year), terms, LpConstraintGE, 0.0)


def define_fueleu_costs(handles: ModelHandles, params: ModelParams,
                        regime: RegimeParams) -> None:
    """FUELEU_t = sum_u (pi_{u,t} U[u,t] + rfnbo_penalty_t R[u,t]), discounted."""
    data = regime.data
    for key, var in handles.regime.items():
        if key[0] == "U":
            _, unit, year = key
            handles.regime_costs.append(
                (var, params.discount[year] * regime.price[unit, year]))
        elif key[0] == "R":
            _, unit, year = key
            price = data.value("fueleu_rfnbo_penalty_per_gj", year) or 0.0
            handles.regime_costs.append((var, params.discount[year] * price * GJ_PER_UNIT))
