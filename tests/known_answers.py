"""Where the known-answer workbooks are: a copy of ../shared/checks in tests/data/checks.

They come from an independent implementation of the spec (see its README.md);
PLANNER_CHECKS_DIR points the tests at another copy.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = Path(os.environ.get("PLANNER_CHECKS_DIR", ROOT / "tests" / "data" / "checks"))


def checks_available() -> bool:
    return (CHECKS_DIR / "expected.json").is_file()
