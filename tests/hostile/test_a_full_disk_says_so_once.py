"""Issue 11, class "a full disk says so once": saving onto a full disk is one clear error
(no finaliser traceback after it), and a save killed half-way leaves no .tmp for good."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_books import write_valid_book

from planner.errors import SaveError
from planner.workbook import atomic
from planner.workbook.reader import read_workbook
from planner.workbook.writer import save_scenario


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_saving_onto_a_full_disk_is_one_error_and_the_old_file_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_valid_book(tmp_path / "book.xlsx")
    before = path.read_bytes()
    scenario = read_workbook(path).scenario
    real_fdopen = os.fdopen

    def full_disk(handle: int, mode: str = "rb", *args: Any, **kwargs: Any) -> Any:
        os.close(handle)  # the temporary file is made, but every write hits a full disk
        return real_fdopen(os.open("/dev/full", os.O_WRONLY), mode, *args, **kwargs)

    unraisable: list[object] = []
    monkeypatch.setattr(atomic.os, "fdopen", full_disk)
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(SaveError, match="the disk is full"):
        save_scenario(scenario, path)
    gc.collect()
    assert unraisable == []  # no "Exception ignored in ZipFile.__del__" on stderr
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_a_tmp_file_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "book.xlsx")
    left = tmp_path / ".~book.xlsx.deadbeef.tmp"
    fresh = tmp_path / ".~book.xlsx.cafe0000.tmp"  # another save under way right now
    other = tmp_path / ".~other.xlsx.deadbeef.tmp"
    for temp in (left, fresh, other):
        temp.write_bytes(b"PK half a workbook")
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    os.utime(left, (old, old))
    os.utime(other, (old, old))
    save_scenario(read_workbook(path).scenario, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["book.xlsx", fresh.name, other.name])
