"""Issue 11, class "output that cannot be encoded is not lost": under a legacy console
encoding a character it lacks becomes "?" and the rest of the message still arrives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_message_with_a_character_the_console_lacks_is_written_with_replacement(
        tmp_path: Path, encoding: str) -> None:
    hostile = tmp_path / "Flotte 船队 2026.xlsx"  # the name is echoed in the message
    hostile.write_bytes(b"vessel_id,name\nIMO1,Aurora\n")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "planner", "validate", str(hostile)],
                          capture_output=True, env=env, timeout=120, check=False)
    out, err = done.stdout.decode(encoding), done.stderr.decode(encoding)
    assert done.returncode == 1, err
    assert "unexpected error" not in err and "Traceback" not in err
    assert '"Flotte ?? 2026.xlsx" is not an Excel workbook' in out
    assert "Flotte ?? 2026.xlsx: 1 error, 0 warnings" in err
