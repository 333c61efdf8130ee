"""Parallel what-if runs: cancel stops every run within a second; two jobs beat one."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from planner.plan import Status
from planner.scenario import Scenario
from planner.whatif.runner import run_cases

ROOT = Path(__file__).resolve().parent.parent


def _fleetgen():  # benchmarks/ is not a package: load the generator by path
    spec = importlib.util.spec_from_file_location("fleetgen", ROOT / "benchmarks" / "fleetgen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def generated_fleet(vessels: int, years: int) -> Scenario:
    """A realistic generated fleet (benchmarks/fleetgen.py)."""
    return _fleetgen().generate_fleet(vessels, years=years, seed=1)


def with_eight_cases(scenario: Scenario) -> Scenario:
    return _fleetgen().with_eight_cases(scenario)


def test_cancel_stops_every_run_within_a_second() -> None:
    # 30 vessels over 12 years: each solve takes well over ten seconds on this machine.
    scenario = with_eight_cases(generated_fleet(30, years=12))
    started = time.monotonic()
    asked: list[float] = []

    def should_stop() -> bool:
        if time.monotonic() - started > 4.0:  # the workers are solving by now
            asked.append(time.monotonic())
            return True
        return False

    run = run_cases(scenario, jobs=2, should_stop=should_stop)
    returned = time.monotonic()
    assert asked and returned - asked[0] < 1.0
    assert run.cancelled and run.any_without_result
    assert [r.status for r in run.results] == [Status.ERROR] * 9
    assert {r.note for r in run.results} == {"Stopped before it finished."}
    assert multiprocessing.active_children() == []


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("PLANNER_BENCHMARKS"),
                    reason="timing benchmark: set PLANNER_BENCHMARKS=1 on an idle machine")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_two_jobs_run_eight_cases_of_thirty_vessels_at_least_one_and_a_half_times_faster(
        ) -> None:
    scenario = with_eight_cases(generated_fleet(30, years=12))
    timings, runs = {}, {}
    for jobs in (1, 2):
        started = time.perf_counter()
        runs[jobs] = run_cases(scenario, jobs=jobs)
        timings[jobs] = time.perf_counter() - started
    print(f"\n8 cases of 30 vessels: 1 job {timings[1]:.1f} s, 2 jobs {timings[2]:.1f} s, "
          f"speed-up {timings[1] / timings[2]:.2f}x")
    for one, two in zip(runs[1].results, runs[2].results, strict=True):
        assert one.status == two.status and one.status in (Status.OPTIMAL, Status.FEASIBLE)
        assert one.objective == pytest.approx(two.objective, rel=1e-9)
    assert timings[1] / timings[2] >= 1.5
