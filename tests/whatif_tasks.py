"""Tasks for the worker-pool tests; module-level so that spawned workers can import them."""

from __future__ import annotations

import os
import subprocess
import time


def task(payload: tuple[str, object]) -> object:
    """('echo', x) returns x; ('fail', text) raises; ('die', code) ends the process;
    ('sleep', path) starts a child `sleep 60`, writes its pid to path, and waits."""
    kind, argument = payload
    if kind == "echo":
        return argument
    if kind == "fail":
        raise ValueError(str(argument))
    if kind == "die":
        os._exit(int(argument))  # type: ignore[arg-type]
    if kind == "sleep":
        child = subprocess.Popen(["sleep", "60"])
        with open(str(argument), "w") as out:
            out.write(str(child.pid))
        time.sleep(60)
    raise AssertionError(kind)
