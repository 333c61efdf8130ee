"""The contract of solve(): statuses, progress, stop, time limit, clean stdout, fixed retrofits."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest
from optimize_scenarios import BIO, CONVERSION, METHANOL, SAILS, VLSFO, scenario, vessel

from planner.optimize.solve import solve
from planner.plan import Status
from planner.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]


def generated_fleet(vessels: int) -> Scenario:
    """A fleet from the benchmarks' generator (benchmarks/fleetgen.py)."""
    spec = importlib.util.spec_from_file_location("fleetgen", ROOT / "benchmarks" / "fleetgen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_fleet(vessels)


def small_plan_scenario() -> Scenario:
    return scenario(2030, 2034, fuels=[VLSFO, BIO, METHANOL],
                    fleet=[vessel("A"), vessel("B", annual_fuel_t=2000.0,
                                                next_drydock_year=2031)],
                    technologies=[CONVERSION, {**SAILS, "capex_fixed": 50_000.0}],
                    targets=[{"year": 2032, "cap_tco2e": 3000.0}], discount_rate=0.05)


def test_a_scenario_with_errors_is_invalid_and_nothing_raises() -> None:
    sc = scenario(2030, 2031, fleet=[vessel(baseline_fuel="Unobtainium")])
    plan = solve(sc)
    assert plan.status is Status.INVALID
    assert plan.issues and all(issue.is_error for issue in plan.issues)
    assert any(issue.sheet == "Fleet" and issue.cell for issue in plan.issues)
    assert plan.objective is None and plan.annual.empty


def test_plan_fields_and_progress_phases() -> None:
    phases: list[str] = []
    sc = small_plan_scenario()
    plan = solve(sc, progress=lambda phase, info: phases.append(phase))
    assert plan.status is Status.OPTIMAL
    assert plan.solver == "highs"  # auto
    assert plan.gap is not None and plan.gap <= 0.005
    assert plan.best_bound is not None and plan.best_bound <= plan.objective + 1e-6
    assert plan.input_fingerprint == sc.fingerprint()
    assert plan.solved_at.endswith("+00:00")
    assert plan.currency == "USD"
    assert plan.solve_seconds > 0
    assert list(plan.annual.columns)[:3] == ["year", "energy_gj", "emissions_tco2e"]
    order = [phases.index(p) for p in ("validating", "building", "solving", "extracting")]
    assert order == sorted(order)


def test_settings_give_the_defaults_and_arguments_override() -> None:
    sc = small_plan_scenario()
    sc.set_setting("solver", "cbc")
    assert solve(sc).solver == "cbc"
    assert solve(sc, solver="highs").solver == "highs"


def test_solving_in_a_thread_gives_the_same_plan() -> None:
    sc = small_plan_scenario()
    isolated = solve(sc, mip_gap=1e-9)
    threaded = solve(sc, mip_gap=1e-9, isolate=False)
    assert threaded.status is Status.OPTIMAL
    assert threaded.objective == pytest.approx(isolated.objective, rel=1e-9)


def test_fixed_retrofits_reproduce_the_plan_and_impossible_ones_are_named() -> None:
    sc = small_plan_scenario()
    plan = solve(sc, mip_gap=1e-9)
    held = [(r.vessel_id, r.technology, int(r.year)) for r in plan.retrofits.itertuples()]
    again = solve(sc, fixed_retrofits=held)
    assert again.status is Status.OPTIMAL
    assert again.objective == pytest.approx(plan.objective, rel=1e-9)
    assert list(again.retrofits["technology"]) == list(plan.retrofits["technology"])
    none = solve(sc, fixed_retrofits=[])
    assert none.retrofits.empty
    wrong = solve(sc, fixed_retrofits=[("B", "Rotor sails", 2030)])
    assert wrong.status is Status.INVALID
    assert "not one of the vessel's docking years" in wrong.message


def test_stop_before_any_plan() -> None:
    started = time.monotonic()
    plan = solve(generated_fleet(60), mip_gap=1e-9, should_stop=lambda: True)
    assert plan.status is Status.ERROR
    assert plan.message == "Stopped before any plan was found"
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_cancel_keeps_the_best_plan_found(solver: str) -> None:
    stop_at: list[float] = []

    # a plan found before the root LP has no bound yet (HiGHS' heuristics run first):
    # stopped there, its gap is honestly unknown, so stop at the first plan with a bound
    def progress(phase: str, info: dict) -> None:
        if info.get("incumbent") is not None and info.get("bound") is not None \
                and not stop_at:
            stop_at.append(time.monotonic())

    plan = solve(generated_fleet(60), solver=solver, mip_gap=1e-9, time_limit=60,
                 progress=progress, should_stop=lambda: bool(stop_at))
    ended = time.monotonic()
    assert stop_at, "no incumbent with a bound was reported"
    assert ended - stop_at[0] < 1.0
    assert plan.status is Status.FEASIBLE
    assert plan.gap is not None and plan.gap > 0
    assert plan.objective is not None and not plan.retrofits.empty
    assert plan.annual["discounted_total"].sum() == pytest.approx(plan.objective)
    assert "Stopped" in plan.message


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_time_limit_is_honoured_and_never_called_optimal(solver: str) -> None:
    started = time.monotonic()
    plan = solve(generated_fleet(60), solver=solver, mip_gap=1e-9, time_limit=3.0)
    elapsed = time.monotonic() - started
    assert elapsed < 3.0 + 2.0
    assert plan.status in (Status.FEASIBLE, Status.ERROR)
    if plan.status is Status.FEASIBLE:
        assert plan.gap is not None and plan.gap > 1e-9
        assert "Time limit of 3 s reached" in plan.message
    else:
        assert "time limit" in plan.message


def test_standard_output_stays_clean() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests/optimize')\n"
        "from optimize_scenarios import scenario\n"
        "from planner.optimize.solve import solve\n"
        "for name in ('highs', 'cbc'):\n"
        "    for isolate in (True, False):\n"
        "        plan = solve(scenario(2030, 2031), solver=name, isolate=isolate)\n"
        "        assert plan.status == 'optimal', plan.message\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_a_plan_stopped_before_any_bound_says_its_distance_is_not_known() -> None:
    from types import SimpleNamespace

    import pandas as pd

    from planner.optimize.solve import _plan_message
    from planner.plan import Plan

    plan = Plan(status=Status.FEASIBLE, objective=1.0, gap=None)
    context = SimpleNamespace(cancelled=True, timed_out=False, time_limit=60.0)
    tables = SimpleNamespace(retrofits=pd.DataFrame({"vessel": ["A", "B"]}))
    words = _plan_message(plan, context, tables)  # type: ignore[arg-type]
    assert words == ("Stopped: the best plan found so far (2 retrofits); how far it is "
                     "from the best possible is not known.")
    plan.gap = 0.0123
    assert "it is within 1.23% of the best possible" in _plan_message(
        plan, context, tables)  # type: ignore[arg-type]


def test_a_killed_cbc_worker_leaves_no_files_behind(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """CBC's model, start and solution files live in the worker's own directory, which
    its session removes: a worker killed mid-solve (no answer to Stop in time) cannot."""
    import tempfile

    from planner.optimize.worker_session import WorkerSession

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the session's goes
    monkeypatch.setattr(WorkerSession, "CANCEL_GRACE", 0.0)  # killed, not waited for
    seen: list[str] = []

    def cbc_runs() -> bool:  # stop once CBC has its files (the LP dive's plan came first)
        seen.extend(path.name for path in tmp_path.rglob("*-pulp.mps"))
        return bool(seen)

    plan = solve(generated_fleet(60), solver="cbc", mip_gap=1e-9, time_limit=60,
                 should_stop=cbc_runs)
    assert plan.status is Status.FEASIBLE
    assert seen, "CBC's files were not in the worker's directory"
    assert list(tmp_path.glob("planner-solver-*")) == []  # (pymp-*: multiprocessing's own)
    assert list(tmp_path.rglob("*-pulp.*")) == []


def test_a_worker_that_died_on_its_own_leaves_no_directory(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from planner.optimize.backends.settings import SolverSettings
    from planner.optimize.options import BuildOptions
    from planner.optimize.worker import SolveJob
    from planner.optimize.worker_session import WorkerSession
    from planner.resolve import resolve

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    job = SolveJob(resolve(small_plan_scenario()), BuildOptions(), SolverSettings(name="cbc"))
    with WorkerSession(isolate=True) as session:
        session.run(job)
        first = session._scratch
        assert first is not None and Path(first).is_dir()
        session._process.kill()  # dies without its session's doing
        session._process.join()
        result, _reason = session.run(job)
        assert result.outcome.objective is not None
        assert not Path(first).exists() and session._scratch != first
    assert list(tmp_path.glob("planner-solver-*")) == []
