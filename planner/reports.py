"""Figures a planner reads from a plan: key figures, costs by kind, fuel mix, per-vessel summary.

Qt-free: the desktop app's results view and charts and the command line's summary all
take their numbers from here, so the same plan reads the same everywhere. Every
function accepts a plan read back from a workbook (object columns) as well as a fresh
one, and returns empty frames for a plan without tables.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from planner import schema
from planner.convert import is_blank, parse_number
from planner.plan import Plan, Status, abatement_cost
from planner.resolve import counts_upstream, scope_factor
from planner.scenario import Scenario
from planner.schema import Column, ColumnType, normalize

_ANNUAL = schema.PLAN_ANNUAL
_FUEL_USE = schema.PLAN_FUEL_USE
_RETROFITS = schema.PLAN_RETROFITS

# The cost lines of a year, in stacking order; salvage is a credit (shown negative).
COST_KINDS: tuple[str, ...] = tuple(
    _ANNUAL.column(name).name
    for name in ("capex", "offhire", "opex", "fuel", "carbon", "penalty",
                 # the regime lines (regimes.md); zero without regimes
                 "fueleu_penalty", "fueleu_rfnbo_penalty", "nzf_tier1", "nzf_tier2",
                 "salvage"))
COST_LABELS: dict[str, str] = {
    "capex": "Capex", "offhire": "Off-hire", "opex": "Opex", "fuel": "Fuel",
    "carbon": "Carbon price", "penalty": "Cap penalty",
    "fueleu_penalty": "FuelEU penalty", "fueleu_rfnbo_penalty": "FuelEU RFNBO penalty",
    "nzf_tier1": "NZF Tier 1 units", "nzf_tier2": "NZF Tier 2 units",
    "salvage": "Salvage (credit)",
}
TOTAL = _ANNUAL.column("total").name
# With the EU ETS on, the carbon line holds the ETS cost (regimes.md), and says so.
ETS_LABEL = "EU ETS"

# Emissions a plan may exceed a cap by before it counts as over (solver tolerance).
_CAP_TOLERANCE_RELATIVE = 1e-6
_CAP_TOLERANCE_ABSOLUTE = 1e-3


def _out(name: str, description: str, unit: str = "", type_: ColumnType = ColumnType.NUMBER,
         money: bool = False, label: str = "") -> Column:
    return Column(name, type_, description, unit, money=money, label=label)


# The per-vessel summary's columns (headers, units and tooltips in the GUI come from here).
PER_VESSEL_COLUMNS: tuple[Column, ...] = (
    _RETROFITS.column("vessel_id"),
    schema.FLEET.column("name"),
    _out("retrofits", "Technologies installed, with their years", type_=ColumnType.TEXT,
         label="Retrofits"),
    _out("retrofit_capex", "Investment in retrofits over the horizon", "{currency}",
         money=True, label="Retrofit capex"),
    _out("off_hire_days", "Days out of service for retrofits", "days", label="Off hire"),
    _out("energy_gj", "Energy used over the horizon", "GJ", label="Energy"),
    _out("fuel_tonnes", "Fuel bunkered over the horizon, all fuels", "t", label="Fuel burnt"),
    _out("fuel_cost", "Fuel cost over the horizon (undiscounted)", "{currency}", money=True,
         label="Fuel cost"),
    _out("emissions_tco2e", "Emissions over the horizon by the caps' scope", "tCO2e",
         label="Emissions"),
    _out("fuels", "Fuels burnt, the largest share of energy first", type_=ColumnType.TEXT,
         label="Fuels"),
)
PER_VESSEL_NAMES: tuple[str, ...] = tuple(c.name for c in PER_VESSEL_COLUMNS)


def _numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns as floats (a plan read back from a workbook holds objects)."""
    return pd.DataFrame({c: pd.to_numeric(frame[c], errors="coerce").astype(float)
                         for c in columns}, index=frame.index)


def annual(plan: Plan) -> pd.DataFrame:
    """Plan Annual as floats, indexed by year (int); empty without a plan."""
    if plan.annual.empty:
        return pd.DataFrame(columns=_ANNUAL.column_names[1:], dtype=float,
                            index=pd.Index([], dtype=int, name="year"))
    numbers = _numbers(plan.annual, _ANNUAL.column_names[1:])
    numbers.index = pd.Index([int(y) for y in plan.annual["year"]], name="year")
    return numbers.sort_index()


def _none_if_nan(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def years_over_cap(plan: Plan) -> list[int]:
    """Years whose emissions exceed the absolute or the intensity cap (soft caps paid)."""
    table = annual(plan)
    over = []
    for year, row in table.iterrows():
        emissions = row["emissions_tco2e"]
        cap = row["cap_tco2e"]
        if not math.isnan(cap) and emissions > cap + _tolerance(cap):
            over.append(int(year))
            continue
        cap_i = row["intensity_cap_gco2e_per_mj"]
        if not math.isnan(cap_i) and row["energy_gj"] > 0:
            allowed = cap_i * row["energy_gj"] / 1000.0
            if emissions > allowed + _tolerance(allowed):
                over.append(int(year))
    return over


def _tolerance(value: float) -> float:
    return _CAP_TOLERANCE_ABSOLUTE + _CAP_TOLERANCE_RELATIVE * abs(value)


def key_figures(plan: Plan) -> dict[str, Any]:
    """The figures a planner reads first, as plain numbers (None where not defined).

    Keys: status, message, npv (of the elastic plan, with npv_is_elastic, when the caps
    cannot be met and the plan has no objective of its own), bau_npv, npv_vs_bau, npv_vs_bau_share, abatement_cost,
    cumulative_emissions_tco2e, bau_cumulative_emissions_tco2e, emissions_avoided_tco2e,
    emissions_avoided_share, retrofit_count, retrofit_capex, penalty_total,
    shortfall_total, shortfall_years (hard caps the plan cannot meet), years_over_cap
    (years above a cap, soft caps included), gap, solver, solve_seconds, currency.
    """
    table = annual(plan)
    npv = _none_if_nan(plan.objective)
    # Caps that cannot be met: the plan shown is the elastic one that comes closest.
    npv_is_elastic = (npv is None and plan.status is Status.INFEASIBLE
                      and plan.diagnosis is not None
                      and plan.diagnosis.elastic_objective is not None)
    if npv_is_elastic:
        npv = _none_if_nan(plan.diagnosis.elastic_objective)  # type: ignore[union-attr]
    bau = _none_if_nan(plan.bau_objective)
    figures: dict[str, Any] = {
        "status": str(plan.status),
        "message": plan.message,
        "currency": plan.currency,
        "npv": npv,
        "npv_is_elastic": npv_is_elastic,
        "bau_npv": bau,
        "npv_vs_bau": None if npv is None or bau is None else npv - bau,
        "npv_vs_bau_share": (None if npv is None or bau is None or bau == 0
                             else (npv - bau) / abs(bau)),
        "abatement_cost": plan.abatement_cost if not npv_is_elastic else abatement_cost(
            npv, bau, plan.emissions_avoided),
        "gap": _none_if_nan(plan.gap),
        "solver": plan.solver,
        "found_by": plan.found_by,
        "proved_by": plan.proved_by,
        "solve_seconds": plan.solve_seconds,
        "retrofit_count": len(plan.retrofits),
        "retrofit_capex": float(pd.to_numeric(plan.retrofits["capex"], errors="coerce")
                                .fillna(0.0).sum()) if not plan.retrofits.empty else 0.0,
        "shortfall_total": (plan.diagnosis.shortfall_total
                            if plan.diagnosis is not None and plan.status is Status.INFEASIBLE
                            else None),
        "shortfall_years": plan.shortfall_years if plan.status is Status.INFEASIBLE else [],
    }
    if table.empty:
        figures.update(cumulative_emissions_tco2e=None, bau_cumulative_emissions_tco2e=None,
                       emissions_avoided_tco2e=None, emissions_avoided_share=None,
                       penalty_total=None, years_over_cap=[])
        return figures
    emitted = float(table["emissions_tco2e"].sum())
    bau_emitted = float(table["bau_emissions_tco2e"].sum())
    figures.update(
        cumulative_emissions_tco2e=emitted,
        bau_cumulative_emissions_tco2e=bau_emitted,
        emissions_avoided_tco2e=bau_emitted - emitted,
        emissions_avoided_share=(bau_emitted - emitted) / bau_emitted if bau_emitted else None,
        penalty_total=float(table["penalty"].fillna(0.0).sum()),
        years_over_cap=years_over_cap(plan),
    )
    return figures


def costs_by_kind(plan: Plan) -> pd.DataFrame:
    """Undiscounted costs per year by kind (COST_KINDS), salvage negative, and the total.

    Indexed by year; the kinds of a row add up to its ``total``.
    """
    table = annual(plan)
    costs = table.reindex(columns=list(COST_KINDS)).fillna(0.0)
    costs["salvage"] = -costs["salvage"]
    costs[TOTAL] = costs[list(COST_KINDS)].sum(axis=1)
    return costs


def uses_ets(plan: Plan) -> bool:
    """True when the plan's carbon line is the EU ETS (ets on: it charged some tCO2e)."""
    table = annual(plan)
    return "ets_tco2e" in table and bool(table["ets_tco2e"].fillna(0.0).gt(0.0).any())


def cost_labels(plan: Plan) -> dict[str, str]:
    """COST_LABELS for this plan: the carbon line named "EU ETS" when the ETS is on."""
    labels = dict(COST_LABELS)
    if uses_ets(plan):
        labels["carbon"] = ETS_LABEL
    return labels


def fuel_mix(plan: Plan, column: str = "energy_gj") -> pd.DataFrame:
    """Per year (rows) and fuel (columns) the fleet's ``energy_gj`` (or ``tonnes``, ``cost``).

    Fuels are ordered by their total over the horizon, the largest first; years of
    the plan without any fuel use are rows of zeros.
    """
    years = annual(plan).index
    if plan.fuel_use.empty:
        return pd.DataFrame(index=years, dtype=float)
    use = plan.fuel_use.assign(
        year=[int(y) for y in plan.fuel_use["year"]],
        fuel=[str(f) for f in plan.fuel_use["fuel"]],
        amount=pd.to_numeric(plan.fuel_use[_FUEL_USE.column(column).name],
                             errors="coerce").fillna(0.0))
    table = use.pivot_table(index="year", columns="fuel", values="amount", aggfunc="sum",
                            fill_value=0.0)
    order = table.sum().sort_values(ascending=False, kind="stable").index
    table = table[order].reindex(years.union(table.index), fill_value=0.0).astype(float)
    table.index.name = "year"
    table.columns.name = None
    return table


def emission_factors(scenario: Scenario) -> dict[str, float]:
    """gCO2e/MJ by the caps' scope for each fuel (normalized name); fuels that do not
    parse are left out."""
    scope = scenario.settings.emission_scope
    wtw = counts_upstream(scope)
    factors = {}
    for row in scenario.fuels.to_dict("records"):
        ttw = parse_number(row["ttw_gco2e_per_mj"])
        wtt = parse_number(row["wtt_gco2e_per_mj"])
        if is_blank(row["fuel"]) or ttw is None or (wtw and wtt is None):
            continue
        factors[normalize(row["fuel"])] = scope_factor(scope, wtt or 0.0, ttw)
    return factors


def fuel_families(scenario: Scenario) -> dict[str, str]:
    """The family of each fuel, by the fuel's name as written (families normalized)."""
    return {str(row["fuel"]).strip(): normalize(row["family"])
            for row in scenario.fuels.to_dict("records") if not is_blank(row["fuel"])}


def vessel_names(scenario: Scenario | None) -> dict[str, str]:
    """Each vessel id (stripped) and its name on the Fleet sheet ("" where blank)."""
    if scenario is None:
        return {}
    fleet = scenario.fleet
    return {str(v).strip(): ("" if is_blank(n) else str(n))
            for v, n in zip(fleet["vessel_id"], fleet["name"], strict=True)}


def vessel_order(plan: Plan, scenario: Scenario | None = None) -> list[str]:
    """Vessel ids in the Fleet sheet's order, then any other vessel the plan names."""
    order: list[str] = []
    if scenario is not None:
        order = [str(v).strip() for v in scenario.fleet["vessel_id"] if not is_blank(v)]
    seen = set(order)
    for frame in (plan.fuel_use, plan.retrofits):
        for vessel in frame["vessel_id"]:
            key = str(vessel).strip()
            if key not in seen:
                seen.add(key)
                order.append(key)
    return order


def per_vessel(plan: Plan, scenario: Scenario | None = None) -> pd.DataFrame:
    """One row per vessel: PER_VESSEL_NAMES (totals over the horizon).

    Names and emissions need the scenario (the Fleet names, the fuels' emission
    factors by the caps' scope); without it they are blank.
    """
    vessels = vessel_order(plan, scenario)
    if not vessels:
        return pd.DataFrame({name: pd.Series([], dtype=object) for name in PER_VESSEL_NAMES})
    names = vessel_names(scenario)
    use = plan.fuel_use.assign(
        vessel_id=[str(v).strip() for v in plan.fuel_use["vessel_id"]],
        fuel=[str(f).strip() for f in plan.fuel_use["fuel"]],
        **{c: pd.to_numeric(plan.fuel_use[c], errors="coerce").fillna(0.0)
           for c in ("energy_gj", "tonnes", "cost")})
    factors = emission_factors(scenario) if scenario is not None else {}
    use["emissions_tco2e"] = [
        energy * factors[normalize(fuel)] / 1000.0 if normalize(fuel) in factors else math.nan
        for energy, fuel in zip(use["energy_gj"], use["fuel"], strict=True)]
    retrofits = plan.retrofits.assign(
        vessel_id=[str(v).strip() for v in plan.retrofits["vessel_id"]],
        capex=pd.to_numeric(plan.retrofits["capex"], errors="coerce").fillna(0.0),
        off_hire_days=pd.to_numeric(plan.retrofits["off_hire_days"],
                                    errors="coerce").fillna(0.0))
    # Totals per vessel, computed for the whole fleet at once (hundreds of vessels).
    totals = use.groupby("vessel_id", sort=False).agg(
        energy_gj=("energy_gj", "sum"), fuel_tonnes=("tonnes", "sum"),
        fuel_cost=("cost", "sum"), emissions_tco2e=("emissions_tco2e", "sum"),
        # a fuel without an emission factor (one that did not parse) blanks the total
        unknown_factor=("emissions_tco2e", lambda values: bool(values.isna().any())))
    by_fuel = use.groupby(["vessel_id", "fuel"], sort=False)["energy_gj"].sum().reset_index()
    by_fuel = by_fuel[by_fuel["energy_gj"] > 0].sort_values(
        ["vessel_id", "energy_gj"], ascending=[True, False], kind="stable")
    fuels = by_fuel.groupby("vessel_id", sort=False)["fuel"].agg(", ".join)
    fitted = retrofits.sort_values("year", kind="stable").assign(
        words=lambda frame: [f"{tech} ({int(year)})" for tech, year in
                             zip(frame["technology"], frame["year"], strict=True)])
    fits = fitted.groupby("vessel_id", sort=False).agg(
        retrofits=("words", "; ".join), retrofit_capex=("capex", "sum"),
        off_hire_days=("off_hire_days", "sum"))
    table = pd.DataFrame({"vessel_id": vessels})
    table["name"] = [names.get(vessel, "") for vessel in vessels]
    table = table.join(fits, on="vessel_id").join(totals, on="vessel_id")
    table["fuels"] = table["vessel_id"].map(fuels)
    for column in ("retrofits", "fuels"):  # a vessel without any: '' (not NaN)
        text = table[column].astype(object)
        table[column] = text.where(text.notna(), "")
    for column in ("retrofit_capex", "off_hire_days", "energy_gj", "fuel_tonnes",
                   "fuel_cost", "emissions_tco2e"):
        table[column] = table[column].astype(float).fillna(0.0)
    if factors:
        table.loc[table["unknown_factor"].astype(object).eq(True), "emissions_tco2e"] = math.nan
    else:
        table["emissions_tco2e"] = math.nan
    return table[list(PER_VESSEL_NAMES)].reset_index(drop=True)


# --- Numbers as a planner reads them -------------------------------------------------

NOT_AVAILABLE = "–"


def has_values(table: pd.DataFrame, column: str) -> bool:
    """Whether a results table has ``column`` with some cell filled (the regime columns
    of what-if results stay blank when no run had a regime on)."""
    return column in table and bool(table[column].notna().any())


def within_gap(value: float, gap: float | None, objective: float | None) -> bool:
    """A difference of two solved figures (a VSS, an EVPI) below 0 by no more than the
    solves' gap allows: robust.md's "0" under a gap g is "at least -g * |objective|",
    which a planner reads as nothing measurable."""
    if value >= 0 or gap is None or objective is None:
        return False
    return -value <= gap * abs(objective) * (1 + 1e-9)


def _blank(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, decimals: int = 0, unit: str = "") -> str:
    """``1234567.8`` -> ``'1,234,568'`` (with `` unit`` when given); '–' when blank."""
    if _blank(value):
        return NOT_AVAILABLE
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0"
    return f"{text} {unit}" if unit else text


def format_money(value: float | None, currency: str, compact: bool = True,
                 signed: bool = False) -> str:
    """Money with its currency: ``'123.4 M USD'`` (compact), ``'1,234 USD'`` below a million."""
    if _blank(value):
        return NOT_AVAILABLE
    sign = "+" if signed and value > 0 else ""  # type: ignore[operator]
    magnitude = abs(value)  # type: ignore[arg-type]
    if compact and magnitude >= 999.95e6:
        return f"{sign}{value / 1e9:,.2f} bn {currency}"  # type: ignore[operator]
    if compact and magnitude >= 999.95e3:
        return f"{sign}{value / 1e6:,.1f} M {currency}"  # type: ignore[operator]
    return sign + format_number(value, 0, currency)


def format_share(value: float | None, decimals: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: ``0.123`` -> ``'12.3%'``."""
    if _blank(value):
        return NOT_AVAILABLE
    return f"{value * 100:{'+' if signed else ''}.{decimals}f}%"  # type: ignore[operator]
