"""The sample's Cases and Uncertainty sheets: the what-if cases a planner asks first and
the illustrative ranges of a robust run (whatif.md, robust.md)."""

from __future__ import annotations

from planner.convert import Percent

# case, parameter, item, change, value, from_year, to_year, description (whatif.md)
CASES = (
    ("EU ETS price doubled", "Targets.carbon_price_per_tco2e", None, "scale", Percent(2.0),
     None, None, "What if the EU carbon price is twice the path? The corridor ships have "
     "little EU exposure (5-7.5% of their energy in ETS scope), so the caps and the NZF, "
     "not the ETS, should drive the plan."),
    ("Cheap e-methanol from 2035", "FuelPrices", "e-Methanol", "scale", Percent(0.7), 2035,
     None, "What if e-methanol costs 30% less from 2035 (cheap renewable power)? "
     "Does the plan convert ships to methanol instead of ammonia?"),
    ("Yard takes two retrofits a year", "Settings.yard_capacity_per_year", None, "set", 2,
     None, None, "What if the yards on the corridor take only two retrofits a year "
     "instead of four? Which retrofits move or drop out, and what does it cost?"),
    ("Second newbuild two years late", "Fleet.build_year", "NB-2028", "add", 2, None, None,
     "What if the second methanol dual-fuel newbuild is delivered in 2030, not 2028?"),
    ("FuelEU penalty 50% higher", "Regimes.fueleu_penalty_per_t_vlsfo", None, "scale",
     Percent(1.5), None, None, "What if the FuelEU penalty were "
     "EUR 3,600 per t VLSFO-equivalent instead of 2,400? With 5-7.5% of the energy in "
     "FuelEU scope, does any ship change fuel for it?"),
    ("IMO caps 10% tighter", "Targets.cap_tco2e", None, "scale", Percent(0.9), None, None,
     "What if the corridor's caps are 10% below the IMO checkpoints (towards the "
     "'striving' levels of -30% in 2030 and -80% in 2040)?"),
)
CASE_COLUMNS = ("case", "parameter", "item", "change", "value", "from_year", "to_year",
                "description")

# parameter, item, distribution, low, mode, high, mean, sd, group, description: each a
# multiplier of the sample's path; every range is illustrative (docs/sample-scenario.md).
UNCERTAINTY = (
    ("FuelPrices", "family:oil", "triangular", 0.75, 1.0, 1.5, None, None, "fossil",
     "Oil-family prices (VLSFO, MGO and the drop-ins priced off them), illustrative"),
    ("FuelPrices", "family:lng", "triangular", 0.7, 1.0, 1.6, None, None, "fossil",
     "LNG and bio-LNG prices, moving with oil, illustrative"),
    ("FuelPrices", "family:methanol", "triangular", 0.7, 1.0, 1.4, None, None, "e-fuels",
     "Methanol prices (grey, bio, e-), illustrative"),
    ("FuelPrices", "family:ammonia", "triangular", 0.7, 1.0, 1.4, None, None, "e-fuels",
     "Ammonia prices (grey, e-), moving with methanol, illustrative"),
    ("Targets.carbon_price_per_tco2e", None, "lognormal", None, None, 3.0, 1.0, 0.35, None,
     "EU carbon price path, illustrative spread"),
    ("Technologies.capex_fixed", None, "uniform", 0.85, None, 1.3, None, None, "capex",
     "Retrofit capex overrun or saving, illustrative"),
    ("Technologies.capex_per_kw", None, "uniform", 0.85, None, 1.3, None, None, "capex",
     "Power-scaled capex, with the fixed part"),
)
UNCERTAINTY_COLUMNS = ("parameter", "item", "distribution", "low", "mode", "high", "mean", "sd",
                       "group", "description")
