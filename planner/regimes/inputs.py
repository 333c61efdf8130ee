"""The regime inputs as the model reads them: switches, yearly series on the horizon, shares, factors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from planner.convert import is_blank
from planner.regimes import rules


@dataclass
class RegimeData:
    """Every regime input of a valid scenario with its defaults filled in."""

    fueleu: bool = False
    pooling: str = "ship"  # ship or fleet
    banking: bool = True
    borrowing: bool = False
    ets: bool = False
    nzf: bool = False
    surplus_units: str = "fleet"  # fleet, ship or off
    surplus_life_years: int = rules.NZF_SURPLUS_LIFE_YEARS
    series: dict[str, dict[int, float | None]] = field(default_factory=dict)
    eu_share: list[float] = field(default_factory=list)  # q_v per vessel
    imo_share: list[float] = field(default_factory=list)  # p_v per vessel
    rfnbo: list[bool] = field(default_factory=list)  # per fuel
    fueleu_wtw: list[float] = field(default_factory=list)  # EF^FE_f per fuel
    nzf_wtw: list[float] = field(default_factory=list)  # EF^N_f per fuel
    ets_co2: list[float] = field(default_factory=list)  # c_f per fuel
    ets_ghg: list[float] = field(default_factory=list)  # g_f per fuel

    @property
    def any_on(self) -> bool:
        return self.fueleu or self.ets or self.nzf

    def value(self, column: str, year: int) -> float | None:
        """A Regimes series in a year; None where absent (0 or 1 where the rule says so)."""
        found = self.series.get(column, {}).get(year)
        return rules.ABSENT_AS.get(column) if found is None else found

    def fueleu_in_force(self, year: int) -> bool:
        return self.fueleu and self.value("fueleu_limit_gco2e_per_mj", year) is not None

    def ets_in_force(self, year: int) -> bool:
        return self.ets and (self.value("ets_surrender_share", year) or 0.0) > 0.0

    def nzf_in_force(self, year: int) -> bool:
        return (self.nzf and self.value("nzf_base_target_gco2e_per_mj", year) is not None
                and self.value("nzf_direct_target_gco2e_per_mj", year) is not None)

    def reward(self, fuel: int, year: int) -> float:
        """RWD_{f,t}: the RFNBO reward factor for an RFNBO fuel, 1 otherwise."""
        return (self.value("fueleu_rfnbo_reward", year) or 1.0) if self.rfnbo[fuel] else 1.0

    def ets_tco2e_per_gj(self, vessel: int, fuel: int, year: int) -> float:
        """tCO2e the ETS charges per GJ burnt: s_t q_v F_{f,t} / 1000 (phase-in applied)."""
        share = self.value("ets_surrender_share", year) or 0.0
        return share * self.eu_share[vessel] * self.ets_factor(fuel, year) / 1000.0

    def ets_factor(self, fuel: int, year: int) -> float:
        """F_{f,t} in gCO2e/MJ."""
        return rules.ets_factor(self.ets_co2[fuel], self.ets_ghg[fuel],
                                self.value("ets_ch4_n2o_share", year) or 0.0)


def _on(value: object) -> bool:
    return str(value).strip().lower() == "on"


def _number(value: object, default: float) -> float:
    return default if is_blank(value) else float(value)  # type: ignore[arg-type]


def regime_points(table: pd.DataFrame | None, column: str) -> dict[int, float]:
    """The years and values a Regimes column gives. Blank cells are left out, and so are
    cells that are no number, which only a table not yet checked has (the app's Regimes
    page while the planner types; validation reports them at their cells)."""
    if table is None or column not in table.columns or "year" not in table.columns:
        return {}
    points = {}
    for year, value in zip(table["year"], table[column], strict=True):
        if is_blank(year) or is_blank(value):
            continue
        try:
            points[int(year)] = float(value)
        except (TypeError, ValueError):
            continue
    return points


def fill_regime_series(table: pd.DataFrame | None, years: Iterable[int],
                       currency_per_eur: float,
                       currency_per_usd: float,
                       filled: bool = False) -> dict[str, dict[int, float | None]]:
    """Every Regimes column on ``years`` by the filling rule (a filled scenario: as given)."""
    years = list(years)
    series = {}
    for column in rules.REGIME_SERIES:
        points = regime_points(table, column)
        if filled:
            series[column] = {year: points.get(year) for year in years}
        else:
            series[column] = rules.fill_series(column, points, years, currency_per_eur,
                                               currency_per_usd)
    return series


def resolve_regimes(settings: object, years: list[int], fleet: pd.DataFrame,
                    fuels: pd.DataFrame, regimes_table: pd.DataFrame, ets_shares: list[float],
                    filled: bool = False) -> RegimeData:
    """RegimeData of a valid scenario's settings and tables."""
    get = settings.__getattribute__
    data = RegimeData(
        fueleu=_on(get("fueleu")), pooling=str(get("fueleu_pooling")),
        banking=_on(get("fueleu_banking")), borrowing=_on(get("fueleu_borrowing")),
        ets=_on(get("ets")), nzf=_on(get("nzf")),
        surplus_units=str(get("nzf_surplus_units")),
        surplus_life_years=int(get("nzf_surplus_life_years")),
        series=fill_regime_series(regimes_table, years, float(get("currency_per_eur")),
                                  float(get("currency_per_usd")), filled),
    )
    for row, ets_share in zip(fleet.to_dict("records"), ets_shares, strict=True):
        intra = None if is_blank(row.get("eu_intra_share")) else float(row["eu_intra_share"])
        extra = None if is_blank(row.get("eu_extra_share")) else float(row["eu_extra_share"])
        data.eu_share.append(rules.eu_scope_share(intra, extra, ets_share))
        data.imo_share.append(_number(row.get("imo_share"), 1.0))
    for row in fuels.to_dict("records"):
        wtw = float(row["wtt_gco2e_per_mj"]) + float(row["ttw_gco2e_per_mj"])
        ttw = float(row["ttw_gco2e_per_mj"])
        data.rfnbo.append(str(row.get("rfnbo") or "").strip().lower() == "yes")
        data.fueleu_wtw.append(_number(row.get("fueleu_wtw_gco2e_per_mj"), wtw))
        data.nzf_wtw.append(_number(row.get("nzf_wtw_gco2e_per_mj"), wtw))
        data.ets_co2.append(_number(row.get("ets_co2_gco2e_per_mj"), ttw))
        data.ets_ghg.append(_number(row.get("ets_ghg_gco2e_per_mj"), ttw))
    return data


def setting_row_of(rows: Mapping[int, object], year: int) -> int | None:
    """The row whose year is the latest at or before ``year`` among ``rows`` (year -> row)."""
    best = None
    for given in rows:
        if given <= year and (best is None or given > best):
            best = given
    return None if best is None else rows[best]  # type: ignore[return-value]
