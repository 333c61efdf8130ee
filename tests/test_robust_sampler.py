"""The sampler of robust.md: reproducible, each row's marginal, groups comonotone, other
dimensions independent, every written case valid; planner futures on uncertainty-9550."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from known_answers import CHECKS_DIR, checks_available
from test_robust_inputs import with_uncertainty

from planner.cases.sheet import read_cases
from planner.cli import main
from planner.errors import WorkbookError
from planner.robust.sampler import multiplier, sample_futures, sample_multipliers
from planner.robust_inputs.futures import read_futures
from planner.robust_inputs.uncertainty import read_uncertainty
from planner.validation import validate
from planner.workbook import load_scenario

needs_checks = pytest.mark.skipif(not checks_available(), reason="no known-answer workbooks")


def ranks(values: np.ndarray) -> np.ndarray:
    return np.argsort(np.argsort(values, kind="stable"), kind="stable").astype(float)


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(ranks(a), ranks(b))[0, 1])


def test_inverse_distribution_functions_by_hand() -> None:
    rows = read_uncertainty(with_uncertainty([
        {"parameter": "FuelPrices", "distribution": "triangular", "low": 0, "mode": 1,
         "high": 2},
        {"parameter": "FuelPrices", "distribution": "uniform", "low": 0.5, "high": 1.5},
        {"parameter": "FuelPrices", "distribution": "normal", "mean": 1, "sd": 0.5,
         "low": 0.8},
        {"parameter": "FuelPrices", "distribution": "lognormal", "mean": 1.2, "sd": 0.4,
         "high": 1.5},
    ])).rows
    triangular, uniform, normal, lognormal = rows
    assert multiplier(triangular, 0.5) == pytest.approx(1.0)
    assert multiplier(triangular, 0.125) == pytest.approx(0.5)  # (0.5^2)/2
    assert multiplier(uniform, 0.25) == pytest.approx(0.75)
    assert multiplier(normal, 0.5) == pytest.approx(1.0)
    assert multiplier(normal, 0.01) == 0.8  # clipped at low
    sigma2 = math.log(1 + 0.4 ** 2 / 1.2 ** 2)
    assert multiplier(lognormal, 0.5) == pytest.approx(math.exp(math.log(1.2) - sigma2 / 2))
    assert multiplier(lognormal, 0.999) == 1.5  # clipped at high


def test_normal_without_low_is_clipped_at_zero() -> None:
    rows = read_uncertainty(with_uncertainty([
        {"parameter": "FuelPrices", "distribution": "normal", "mean": 0.2, "sd": 1.0}])).rows
    values = sample_multipliers(rows, 200, 3)[:, 0]
    assert values.min() == 0.0 and (values >= 0).all()


def test_large_samples_follow_the_marginals_and_groups_move_together() -> None:
    rows = read_uncertainty(with_uncertainty([
        {"parameter": "FuelPrices", "item": "family:oil", "distribution": "triangular",
         "low": 0.8, "mode": 1.0, "high": 1.5, "group": "fuel"},
        {"parameter": "Targets.carbon_price_per_tco2e", "distribution": "uniform", "low": 0.5,
         "high": 2.0},
        {"parameter": "FuelPrices", "item": "HVO", "distribution": "normal", "mean": 1.0,
         "sd": 0.2, "low": 0.5, "group": "FUEL"},
        {"parameter": "Technologies.capex_fixed", "distribution": "lognormal", "mean": 1.1,
         "sd": 0.3, "high": 4},
    ])).rows
    values = sample_multipliers(rows, 2000, 11)
    assert values[:, 0].mean() == pytest.approx((0.8 + 1.0 + 1.5) / 3, abs=1e-3)  # LHS
    assert values[:, 1].mean() == pytest.approx(1.25, abs=1e-3)
    assert values[:, 1].std() == pytest.approx(1.5 / math.sqrt(12), rel=0.02)
    assert values[:, 2].mean() == pytest.approx(1.0, abs=0.01)
    assert values[:, 3].mean() == pytest.approx(1.1, abs=0.01)
    assert values[:, 3].std() == pytest.approx(0.3, rel=0.05)
    order = np.argsort(values[:, 0])
    assert (np.diff(values[order, 2]) >= 0).all()  # comonotone: identical ranks
    for a, b in ((0, 1), (0, 3), (1, 3)):
        assert abs(spearman(values[:, a], values[:, b])) < 0.1
    # a Latin hypercube: exactly one sample per stratum of 1/n in each dimension
    strata = np.floor((values[:, 1] - 0.5) / 1.5 * 2000).astype(int)
    assert sorted(strata) == list(range(2000))


def test_the_same_seed_gives_the_same_rows_and_another_seed_others() -> None:
    scenario = with_uncertainty([{"parameter": "FuelPrices", "distribution": "uniform",
                                  "low": 0.5, "high": 1.5}])
    first = sample_futures(scenario, 20, 5).cases
    again = sample_futures(scenario, 20, 5).cases
    other = sample_futures(scenario, 20, 6).cases
    assert first.equals(again) and not first.equals(other)


def test_sampling_needs_uncertainty_rows_and_a_valid_workbook() -> None:
    with pytest.raises(WorkbookError, match="No Uncertainty sheet"):
        sample_futures(with_uncertainty([]), 5, 1)
    with pytest.raises(WorkbookError) as raised:
        sample_futures(with_uncertainty([{"parameter": "FuelPrices", "distribution": "beta"}]),
                       5, 1)
    assert raised.value.issues[0].location == "Uncertainty!C2"


@needs_checks
def test_planner_futures_on_uncertainty_9550(tmp_path: Path) -> None:
    want = json.loads((CHECKS_DIR / "expected.json").read_text())[
        "uncertainty-9550.xlsx"]["sampler"]
    out = tmp_path / "sampled.xlsx"
    assert main(["futures", str(CHECKS_DIR / "uncertainty-9550.xlsx"), "--n", "400",
                 "--seed", "9550", "-o", str(out)]) == 0
    sampled = load_scenario(str(out))
    assert [i for i in validate(sampled) if i.is_error] == []  # every written case valid
    cases = read_cases(sampled).cases
    names = [case.name for case in cases]
    assert names[0] in want["cases_kept"] and names[1:4] == want["case_names"][:2] + ["MC 003"]
    assert names[-1] == want["case_names"][-1] and len(names) == 401
    futures = read_futures(sampled)
    assert futures.names == names[1:]
    assert all(f.probability == pytest.approx(want["futures_probability"])
               for f in futures.futures)
    table = sampled.cases[sampled.cases["case"] != want["cases_kept"][0]]
    assert len(table) == want["n"] * want["cases_rows_per_sample"]
    assert set(table["change"]) == {want["change"]}
    assert table["description"].iloc[0] == want["description_example"]
    samples = {}
    for position, row in enumerate(want["rows"]):
        rows = table.iloc[position::want["cases_rows_per_sample"]]
        assert set(rows["parameter"]) == {row["parameter"]}
        assert set(rows["item"].fillna("")) == {row["item"] or ""}
        assert set(rows["from_year"].fillna(0)) == {row["from_year"] or 0}
        assert set(rows["to_year"].fillna(0)) == {row["to_year"] or 0}
        values = rows["value"].astype(float).to_numpy()
        low, high = row["support"]
        assert values.min() >= (low if low is not None else -math.inf)
        assert values.max() <= (high if high is not None else math.inf)
        assert abs(values.mean() - row["mean"]) <= row["mean_tolerance"]
        assert abs(values.std(ddof=1) / row["sd"] - 1) <= row["sd_rel_tolerance"]
        lhs_low, lhs_high = row["lhs_mean_range"]
        assert (lhs_low is None or values.mean() >= lhs_low) and \
            (lhs_high is None or values.mean() <= lhs_high)
        samples[row["uncertainty_row"]] = values
    for first, second in want["same_ranks"]:
        order = np.argsort(samples[first], kind="stable")
        assert (np.diff(samples[second][order]) >= 0).all()
    grouped = {r for pair in want["same_ranks"] for r in pair}
    independent = [r for r in samples if r not in grouped] + [min(grouped)]
    for a in independent:
        for b in independent:
            if a < b:
                assert abs(spearman(samples[a], samples[b])) <= \
                    want["max_abs_rank_correlation_across_groups"]


@needs_checks
def test_a_second_sampling_with_the_same_prefix_replaces_the_first(tmp_path: Path) -> None:
    scenario = load_scenario(str(CHECKS_DIR / "uncertainty-9550.xlsx"))
    twice = sample_futures(sample_futures(scenario, 30, 1), 10, 2)
    names = [case.name for case in read_cases(twice).cases]
    assert names == ["Own case"] + [f"MC {j:03d}" for j in range(1, 11)]
    other = sample_futures(twice, 5, 3, prefix="Run B")
    assert len(read_cases(other).cases) == 16 and read_futures(other).names[0] == "Run B 001"


def test_planner_futures_without_uncertainty_exits_1(tmp_path: Path) -> None:
    from test_robust_inputs import two_ship_scenario

    from planner.workbook.writer import save_scenario

    path = tmp_path / "plain.xlsx"
    save_scenario(two_ship_scenario(), str(path))
    assert main(["futures", str(path), "--n", "5", "--seed", "1", "-o",
                 str(tmp_path / "out.xlsx")]) == 1
    assert not (tmp_path / "out.xlsx").exists()
