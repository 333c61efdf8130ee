"""The regime payments in the cost stack: FuelEU penalty, RFNBO penalty, NZF Tier 1 and 2 and
the EU ETS as lines of their own that still add up to the NPV (regimes.md "Objective")."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import reports
from planner.optimize.solve import solve
from planner.workbook.reader import read_workbook

# Every regime on and every payment used: FuelEU (with its literal penalty differing from
# the model's), the RFNBO sub-target, the ETS (phase-in) and both NZF tiers.
BOOK = "regimes-tiny-9402.xlsx"
REGIME_KINDS = ("carbon", "fueleu_penalty", "fueleu_rfnbo_penalty", "nzf_tier1", "nzf_tier2")


@pytest.fixture(scope="module")
def solved(checks_dir: Path):  # noqa: ANN201
    scenario = read_workbook(checks_dir / BOOK).scenario
    return scenario, solve(scenario, mip_gap=1e-9, isolate=False)


def test_each_regime_payment_is_its_own_line_and_they_add_up_to_the_npv(solved,
                                                                        expected) -> None:
    scenario, plan = solved
    costs = reports.costs_by_kind(plan)
    for kind in REGIME_KINDS:
        assert kind in reports.COST_KINDS
        assert costs[kind].sum() > 1.0, f"{kind} pays nothing in {BOOK}"
    # The known answer's payments (an independent implementation), line by line.
    for year, lines in expected[BOOK]["annual"].items():
        for kind in REGIME_KINDS:
            assert costs.loc[int(year), kind] == pytest.approx(lines[kind], rel=1e-6, abs=1e-3)
    # The kinds make up each year's total, and the discounted totals the NPV.
    kinds = list(reports.COST_KINDS)
    assert list(costs[kinds].sum(axis=1)) == pytest.approx(list(costs[reports.TOTAL]))
    rate, start = scenario.settings.discount_rate, scenario.settings.start_year
    npv = sum(total / (1 + rate) ** (year - start)
              for year, total in costs[reports.TOTAL].items())
    assert npv == pytest.approx(expected[BOOK]["objective"], rel=1e-6)


def test_the_carbon_line_is_named_the_eu_ets_when_the_ets_is_on(solved, checks_dir) -> None:
    _scenario, plan = solved
    assert reports.uses_ets(plan)
    assert reports.cost_labels(plan)["carbon"] == reports.ETS_LABEL
    # ets off (FuelEU only): the carbon line keeps its own name
    plain = read_workbook(checks_dir / "regimes-tiny-9471.xlsx").scenario
    without = solve(plain, isolate=False)
    assert not reports.uses_ets(without)
    assert reports.cost_labels(without)["carbon"] == reports.COST_LABELS["carbon"]
