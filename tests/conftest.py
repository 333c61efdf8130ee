"""Shared test fixtures: the known-answer workbooks and a headless Qt platform."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new examples on a developer's machine; in CI they replay a
# fixed set, so that a run is repeatable (a failure found locally is kept in .hypothesis/).
# .ci/run asks for it with --hypothesis-profile=ci; CI=true in the environment does too.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Qt aborts the interpreter without a display unless told to draw offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from known_answers import CHECKS_DIR, checks_available  # noqa: E402 - after the Qt env var


@pytest.fixture(scope="session")
def checks_dir() -> Path:
    """The folder of workbooks with known answers (../shared/checks)."""
    assert checks_available(), f"known-answer workbooks not found at {CHECKS_DIR}"
    return CHECKS_DIR


@pytest.fixture(scope="session")
def expected(checks_dir: Path) -> dict:
    """expected.json of the known-answer workbooks."""
    return json.loads((checks_dir / "expected.json").read_text())
