"""The sample's Fuels, FuelPrices and FuelSupply sheets: FuelEU Annex II factors, the
price paths and the supply limits of each fuel, each with its source."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.convert import Percent
from planner.sample_inputs.common import SOURCE, Row

# --- Fuels: FuelEU Annex II factors (reference section 2) -------------------------------
GWP_CH4, GWP_N2O = 25.0, 298.0  # GWP100 as used in FuelEU (reference 1.3, AR4)
TBM_CH4, TBM_N2O = 0.00005, 0.00018  # Annex II "to be measured" cells: fossil defaults


@dataclass(frozen=True)
class FuelSpec:
    """One fuel: its Annex II pathway and the numbers the workbook derives from it."""

    name: str
    family: str
    pathway: str  # the Annex II row used
    lcv_mj_per_g: float
    cf_co2: float  # g CO2 per g fuel
    cf_ch4: float
    cf_n2o: float
    slip_pct: float = 0.0  # methane slip, % of the fuel mass
    annex_wtt: float | None = None  # fossil: the Annex II WtT factor
    # bio- and e-fuels: the example WtT factor (RED II / JEC defaults as used by SINTEF
    # FEEMS, reference section 2); their lifecycle E = WtT + Cf_CO2 / LCV
    default_wtt: float | None = None
    max_blend_share: float | None = None
    available_from: int | None = None
    prices: dict[int, float] = field(default_factory=dict)  # USD per tonne
    supply: dict[int, float] = field(default_factory=dict)  # tonnes per year
    price_source: str = ""

    @property
    def renewable(self) -> bool:
        return self.default_wtt is not None

    @property
    def ttw_gco2e_per_mj(self) -> float:
        """Annex I TtW with slip; biogenic or captured CO2 zero-rated for renewables."""
        co2 = 0.0 if self.renewable else self.cf_co2
        burnt = co2 + self.cf_ch4 * GWP_CH4 + self.cf_n2o * GWP_N2O
        slip = self.slip_pct / 100.0
        return round(((1.0 - slip) * burnt + slip * GWP_CH4) / self.lcv_mj_per_g, 3)

    @property
    def wtt_gco2e_per_mj(self) -> float:
        """Fossil: Annex II WtT. Renewable: the lifecycle E, so wtt + ttw = FuelEU WtW."""
        if self.default_wtt is None:
            assert self.annex_wtt is not None
            return self.annex_wtt
        return round(self.default_wtt + self.cf_co2 / self.lcv_mj_per_g, 3)

FUELS = (
    FuelSpec("VLSFO", "oil", "HFO (ISO 8217 RME-RMK); VLSFO is an RM grade", 0.0405, 3.114,
             0.00005, 0.00018, annex_wtt=13.5, prices={2026: 591.0},
             price_source="G20 ports VLSFO index, early 2025 (5.2); held flat in real terms"),
    FuelSpec("MGO", "oil", "MDO/MGO (ISO 8217 DMX-DMB)", 0.0427, 3.206, 0.00005, 0.00018,
             annex_wtt=14.4, prices={2026: 785.0},
             price_source="G20 ports MGO index, early 2025 (5.2); held flat"),
    FuelSpec("FAME (B100)", "oil", "Bio-diesel (FAME)", 0.0372, 2.834, TBM_CH4, TBM_N2O,
             default_wtt=-26.1, max_blend_share=0.3, prices={2026: 1_000.0},
             supply={2026: 40_000.0, 2030: 60_000.0},
             price_source="Rotterdam B100 deals USD 897-1,000/t, Jan-Feb 2024 (5.2); "
                          "held flat; blend limit B30 illustrative"),
    FuelSpec("HVO", "oil", "HVO", 0.044, 3.115, 0.00005, 0.00018, default_wtt=-20.7,
             prices={2026: 1_300.0}, supply={2026: 10_000.0, 2035: 20_000.0},
             price_source="illustrative (no HVO bunker price in the reference): "
                          "about B100 per GJ + 10%"),
    FuelSpec("LNG", "lng", "LNG, Diesel dual-fuel slow speed (MAN ME-GI), Cslip 0.2%", 0.0491,
             2.750, 0.0, 0.00011, slip_pct=0.2, annex_wtt=18.5, prices={2026: 640.0},
             price_source="illustrative: about 13.0 USD/GJ, below VLSFO per GJ as in the "
                          "Rotterdam LNG/VLSFO snapshots (5.2)"),
    FuelSpec("Bio-LNG", "lng", "Bio-LNG, Diesel dual-fuel slow speed, Cslip 0.2%", 0.05, 2.750,
             0.0, 0.00011, slip_pct=0.2, default_wtt=-38.9,
             prices={2026: 1_800.0, 2040: 1_750.0},
             supply={2026: 10_000.0, 2030: 30_000.0, 2040: 60_000.0},
             price_source="illustrative (no bio-LNG price in the reference): 36 USD/GJ, 35 from 2040"),
    FuelSpec("Grey methanol", "methanol", "Methanol from natural gas", 0.0199, 1.375, TBM_CH4,
             TBM_N2O, annex_wtt=31.3, prices={2026: 500.0},
             price_source="about USD 500/t, 2021 commentary (5.2); held flat"),
    FuelSpec("Bio-methanol", "methanol", "Bio-methanol", 0.0199, 1.375, TBM_CH4, TBM_N2O,
             default_wtt=-58.35, prices={2026: 850.0, 2035: 750.0, 2050: 700.0},
             supply={2026: 20_000.0, 2030: 80_000.0, 2040: 150_000.0},
             price_source="sale about USD 850/t, Dec 2023 (GCMD, 5.2); falling toward the "
                          "BNEF production cost USD 610-748/t: 2035 and 2050 illustrative"),
    FuelSpec("e-Methanol", "methanol", "e-methanol (RFNBO)", 0.0199, 1.375, TBM_CH4, TBM_N2O,
             default_wtt=-67.1, prices={2026: 1_500.0, 2035: 1_000.0, 2050: 700.0},
             supply={2026: 5_000.0, 2030: 40_000.0, 2040: 200_000.0, 2050: 400_000.0},
             price_source="2026 low end of USD 1,500-3,500/t (2025); 2035 BNEF USD 1,000/t; "
                          "2050 IEA 35 USD/GJ = USD 700/t (5.2); path illustrative"),
    FuelSpec("Grey ammonia", "ammonia", "Ammonia from natural gas (grey)", 0.0186, 0.0, 0.0,
             TBM_N2O, annex_wtt=121.0, available_from=2030, prices={2030: 400.0},
             price_source="illustrative (no grey ammonia price in the reference)"),
    FuelSpec("e-Ammonia", "ammonia", "e-ammonia (RFNBO)", 0.0186, 0.0, 0.0, TBM_N2O,
             default_wtt=0.0, available_from=2030,
             prices={2030: 900.0, 2040: 700.0, 2050: 560.0},
             supply={2030: 20_000.0, 2040: 200_000.0, 2050: 600_000.0},
             price_source="2030 GCMD asking USD 700/t + 25% logistics; 2050 IEA 30 USD/GJ = "
                          "USD 558/t (5.2); 2040 illustrative"),
)


def fuel_rows() -> list[Row]:
    """The Fuels sheet: factors and limits of each fuel, with the Annex II row used."""
    rows: list[Row] = []
    for spec in FUELS:
        note = f"FuelEU Annex II: {spec.pathway}"
        if spec.renewable:
            note += (f"; E = WtT {spec.default_wtt:g} + Cf_CO2/LCV (RED II/JEC default as in "
                     "FEEMS); combustion CO2 zero-rated in ttw")
        rows.append({
            "fuel": spec.name, "family": spec.family,
            "lcv_mj_per_kg": round(spec.lcv_mj_per_g * 1000.0, 3),
            "wtt_gco2e_per_mj": spec.wtt_gco2e_per_mj,
            "ttw_gco2e_per_mj": spec.ttw_gco2e_per_mj,
            "max_blend_share": (None if spec.max_blend_share is None
                                else Percent(spec.max_blend_share)),
            "available_from": spec.available_from, SOURCE: note,
        })
    return rows


def series_rows(prices: bool) -> list[Row]:
    """The FuelPrices (``prices``) or FuelSupply sheet: each fuel's points by year."""
    rows: list[Row] = []
    for spec in FUELS:
        points = spec.prices if prices else spec.supply
        if points:
            note = spec.price_source if prices else "illustrative supply limit (t per year)"
            row: Row = {"fuel": spec.name}
            for year, value in points.items():
                row[year] = value
            row[SOURCE] = note
            rows.append(row)
    return rows
