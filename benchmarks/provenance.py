"""Where a benchmark's numbers come from: date, commit, machine, library versions, load.

Every script in benchmarks/ writes its raw results with ``write_results``, so that each
figure in docs/performance.md can be traced to a file, a commit and a machine.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LIBRARIES = ("pulp", "highspy", "pandas", "numpy", "openpyxl", "PySide6-Essentials",
             "matplotlib", "dask")


def machine() -> str:
    """One line about the machine the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    """The checkout's commit, with "+changes" when its code differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, text=True, capture_output=True,
                              check=True).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        # the code only: results files the benchmarks write are no change of the code
        dirty = git("status", "--porcelain", "--untracked-files=no", "planner",
                    "benchmarks/*.py", "pyproject.toml")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def load_average() -> float | None:
    """The one-minute load average (None where the system has none)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def header() -> dict[str, Any]:
    """What every results file starts with."""
    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": commit(), "machine": machine(), "versions": versions(),
            "load_average_1min_at_start": load_average()}


def write_results(name: str, payload: dict[str, Any], out: str | Path | None = None) -> Path:
    """benchmarks/results/NAME.json (or ``out``): the header, then ``payload``."""
    path = Path(out) if out else RESULTS / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**header(), **payload}, indent=2) + "\n")
    print(f"raw results: {path}")
    return path
