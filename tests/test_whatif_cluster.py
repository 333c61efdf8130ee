"""The same runs on a real Dask cluster (scheduler and workers on 127.0.0.1) give the same results."""

from __future__ import annotations

import math

import pytest

import planner
from planner.whatif.cluster import ClusterError, DaskPool
from planner.whatif.jobs import run_job
from planner.whatif.runner import run_cases
from planner.whatif.studies import sweep

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=50) as local:
        yield local


def same(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return left is None and right is None
    return math.isclose(left, right, rel_tol=1e-7, abs_tol=1e-6)


def test_cases_on_the_cluster_equal_the_local_runs(cluster, checks_dir) -> None:
    scenario = planner.load_scenario(str(checks_dir / "cases-hand.xlsx"))
    local = run_cases(scenario, jobs=2, mip_gap=1e-7)
    seen: list[str] = []
    remote = run_cases(scenario, scheduler=cluster.scheduler_address, mip_gap=1e-7,
                       progress=lambda name, *_rest: seen.append(name))
    assert remote.backend == cluster.scheduler_address
    assert remote.names == local.names and sorted(seen) == sorted(local.names)
    for mine, theirs in zip(local.results, remote.results, strict=True):
        assert mine.status == theirs.status, mine.name
        for figure in ("objective", "bau_objective", "shortfall_total", "emissions_tco2e",
                       "base_plan_objective", "regret"):
            assert same(getattr(mine, figure), getattr(theirs, figure)), (mine.name, figure)
        assert mine.note == theirs.note


def test_a_sweep_runs_on_the_cluster(cluster, checks_dir) -> None:
    scenario = planner.load_scenario(str(checks_dir / "cases-hand.xlsx"))
    run = sweep(scenario, "Settings.yard_capacity_per_year", [0, 1],
                scheduler=cluster.scheduler_address, mip_gap=1e-7)
    assert run.names == ["Base", "Settings.yard_capacity_per_year set 0",
                         "Settings.yard_capacity_per_year set 1"]
    assert run["Settings.yard_capacity_per_year set 0"].retrofits == []


def test_an_unreachable_scheduler_is_a_plain_error() -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at "
                                           "tcp://127.0.0.1:9"):
        DaskPool("tcp://127.0.0.1:9", run_job, connect_timeout=1)
