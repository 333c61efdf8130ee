"""Large runs: the progressive-hedging decomposition reports a plan that keeps the committed
installs the same in every future, an objective within its gap of a proven bound, and the
same result on a Dask cluster as on the local pool."""

from __future__ import annotations

import json
import math

import pytest
from known_answers import CHECKS_DIR, checks_available

from planner.plan import Status
from planner.robust.run import solve_robust
from planner.workbook import load_scenario

pytestmark = [pytest.mark.skipif(not checks_available(), reason="no known-answer workbooks"),
              pytest.mark.slow]


def test_the_decomposition_is_within_its_gap_of_the_extensive_optimum() -> None:
    name = "robust-9501.xlsx"
    optimum = json.loads((CHECKS_DIR / "expected.json").read_text())[name]["objective"]
    result = solve_robust(load_scenario(str(CHECKS_DIR / name)), jobs=2, mip_gap=1e-9,
                          method="decomposition")
    assert result.method == "progressive hedging"
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.bound is not None and result.gap is not None
    assert result.bound <= optimum * (1 + 1e-9) <= result.objective * (1 + 1e-9)
    assert math.isclose(result.gap, (result.objective - result.bound) / result.objective)
    commit = result.commit_until_year
    shared = [sorted(r for r in future.retrofits if r[2] <= commit)
              for future in result.futures.values()]
    assert all(plan == shared[0] for plan in shared)  # non-anticipativity, exactly
    assert sorted(result.committed_retrofits) == shared[0]
    # a requested gap the bound proves makes it optimal
    loose = solve_robust(load_scenario(str(CHECKS_DIR / name)), jobs=2, mip_gap=0.005,
                         method="decomposition")
    assert loose.status is Status.OPTIMAL and loose.gap <= 0.005


def test_the_robust_run_on_a_dask_cluster_equals_the_local_one() -> None:
    distributed = pytest.importorskip("dask.distributed")
    scenario = load_scenario(str(CHECKS_DIR / "robust-tiny-9523.xlsx"))
    local = solve_robust(scenario, jobs=2, mip_gap=1e-9)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=50) as cluster:
        remote = solve_robust(scenario, scheduler=cluster.scheduler_address, mip_gap=1e-9)
    assert remote.status == local.status
    assert math.isclose(remote.objective, local.objective, rel_tol=1e-9)
    assert math.isclose(remote.wait_and_see, local.wait_and_see, rel_tol=1e-9)
