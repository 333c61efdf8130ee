"""The sample's Targets sheet: IMO checkpoints against the fleet's own baseline, the EU
carbon price path and the cap penalty (reference sections 3 and 4)."""

from __future__ import annotations

from planner.sample_inputs.common import END_YEAR, START_YEAR, USD_PER_EUR, Row
from planner.series import fill_flat

IMO_REDUCTION = {2030: 0.20, 2040: 0.70, 2050: 1.00}  # 2023 IMO GHG Strategy checkpoints
CARBON_PRICE_EUR = {2026: 78.5, 2030: 80.0, 2040: 130.0, 2050: 200.0}  # 2040+ illustrative
CAP_PENALTY = {2040: 380.0}  # IMO NZF tier-2 remedial unit, USD/tCO2e


def target_rows(baseline: dict[int, float]) -> list[Row]:
    """IMO checkpoints against the fleet's own baseline of each year; carbon price; penalty."""
    first_cap = min(IMO_REDUCTION)
    years = sorted({START_YEAR, *CARBON_PRICE_EUR, *CAP_PENALTY,
                    *range(first_cap, END_YEAR + 1)})
    rows: list[Row] = []
    for year in years:
        row: Row = {"year": year}
        if year >= first_cap:
            reduction = fill_flat(IMO_REDUCTION, [year])[year] or 0.0
            row["cap_tco2e"] = float(round((1.0 - reduction) * baseline[year]))
        if year in CARBON_PRICE_EUR:
            row["carbon_price_per_tco2e"] = float(round(CARBON_PRICE_EUR[year] * USD_PER_EUR))
        if year in CAP_PENALTY:
            row["cap_penalty_per_tco2e"] = CAP_PENALTY[year]
        rows.append(row)
    return rows
