"""The local worker pool: results and failures come back, a dying worker is reported, stop kills
every worker with the solver processes it started."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from whatif_tasks import task

from planner.whatif.pool import ProcessPool


def drain(pool: ProcessPool, count: int, limit: float = 30.0) -> dict:
    found, deadline = {}, time.monotonic() + limit
    while len(found) < count and time.monotonic() < deadline:
        for key, ok, value in pool.poll(0.1):
            found[key] = (ok, value)
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"  # a zombie is gone in all but name
    except FileNotFoundError:
        return False


def test_results_and_failures_come_back_by_key() -> None:
    pool = ProcessPool(2, task)
    try:
        pool.submit("a", ("echo", {"x": 1}))
        pool.submit("b", ("fail", "bad input"))
        pool.submit("c", ("echo", 3))
        found = drain(pool, 3)
    finally:
        pool.close()
    failed = found.pop("b")
    assert found == {"a": (True, {"x": 1}), "c": (True, 3)}
    # a failure comes back with its whole traceback, the error on its last line
    assert failed[0] is False and failed[1].startswith("Traceback (most recent call last)")
    assert failed[1].rstrip().endswith("ValueError: bad input")


def test_a_worker_that_dies_is_reported_and_replaced() -> None:
    pool = ProcessPool(1, task)
    try:
        pool.submit("dies", ("die", 7))
        pool.submit("after", ("echo", "still working"))
        found = drain(pool, 2)
    finally:
        pool.close()
    assert found["dies"] == (False, "the solver process stopped unexpectedly (exit code 7)")
    assert found["after"] == (True, "still working")


def test_a_higher_priority_task_overtakes_those_not_started() -> None:
    pool = ProcessPool(1, task)
    try:
        pool.submit("first", ("echo", 1))
        order = [key for key, _ok, _value in pool.poll(0)]  # "first" is handed out
        for number in range(3):
            pool.submit(f"low{number}", ("echo", number))
        pool.submit("urgent", ("echo", "now"), priority=1)
        while len(order) < 5:
            order += [key for key, _ok, _value in pool.poll(0.1)]
    finally:
        pool.close()
    assert order == ["first", "urgent", "low0", "low1", "low2"]


@pytest.mark.skipif(not hasattr(os, "killpg") or not Path("/proc").is_dir(),
                    reason="process groups and /proc")
def test_stop_kills_every_worker_and_the_processes_they_started(tmp_path: Path) -> None:
    pool = ProcessPool(2, task)
    for number in range(2):
        pool.submit(number, ("sleep", tmp_path / f"child{number}"))
    deadline = time.monotonic() + 30
    while not all((tmp_path / f"child{n}").exists() for n in range(2)):
        assert time.monotonic() < deadline
        pool.poll(0.1)
    time.sleep(0.2)
    children = [int((tmp_path / f"child{n}").read_text()) for n in range(2)]
    workers = [worker.process.pid for worker in pool._workers]
    assert all(alive(pid) for pid in children + workers)
    started = time.monotonic()
    pool.stop()
    assert time.monotonic() - started < 1.0
    time.sleep(0.3)
    assert not [pid for pid in children + workers if alive(pid)]
