"""Shared test fixtures: the known-answer workbooks and a headless Qt platform."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new examples on a developer's machine; in CI they replay a
# fixed set, so that a run is repeatable (a failure found locally is kept in .hypothesis/).
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Qt aborts the interpreter without a display unless told to draw offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# A copy of ../shared/checks (workbooks with known answers from an independent
# implementation of the spec); PLANNER_CHECKS_DIR points at another copy.
CHECKS_DIR = Path(os.environ.get("PLANNER_CHECKS_DIR", ROOT / "tests" / "data" / "checks"))


def checks_available() -> bool:
    return (CHECKS_DIR / "expected.json").is_file()


@pytest.fixture(scope="session")
def checks_dir() -> Path:
    """The folder of workbooks with known answers (../shared/checks)."""
    assert checks_available(), f"known-answer workbooks not found at {CHECKS_DIR}"
    return CHECKS_DIR


@pytest.fixture(scope="session")
def expected(checks_dir: Path) -> dict:
    """expected.json of the known-answer workbooks."""
    return json.loads((checks_dir / "expected.json").read_text())
