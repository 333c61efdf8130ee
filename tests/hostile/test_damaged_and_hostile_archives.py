"""Issue 11, class "damaged and hostile archives": a damaged member, a zip bomb, a device,
a named pipe and a name too long each give one line naming the file; --json still prints
its object; nothing hangs or unpacks a bomb into memory."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hostile_books import write_valid_book

from planner.cli import main
from planner.workbook.files import MAX_PART_BYTES
from planner.workbook.reader import read_workbook

ROOT = Path(__file__).resolve().parents[2]
SHEET_PART = "xl/worksheets/sheet2.xml"  # the Fleet sheet: the About sheet is sheet1


def _only_error(path: Path) -> str:
    issues = read_workbook(path).scenario.load_issues
    assert len(issues) == 1 and issues[0].is_error and not issues[0].sheet, issues
    return issues[0].message


def _member_offset(path: Path, part: str) -> tuple[int, zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    data = path.read_bytes()
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:
                                                          info.header_offset + 30])
    return info.header_offset + 30 + name_length + extra_length, info


def test_a_member_with_damaged_compressed_bytes_is_one_error_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_valid_book(tmp_path / "damaged.xlsx")
    start, info = _member_offset(path, SHEET_PART)
    data = bytearray(path.read_bytes())
    for offset in range(start + 10, start + min(info.compress_size, 200)):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    assert _only_error(path).startswith('"damaged.xlsx" is not an Excel workbook (.xlsx): the '
                                        "file is damaged")
    assert main(["solve", str(path), "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed["status"] == "invalid" and "damaged.xlsx" in printed["errors"][0]["message"]


def _declare_size(path: Path, part: str, size: int) -> None:
    """Rewrite the central directory's uncompressed size of one member (what zipfile and
    every unzip tool trust), as a zip bomb declares its huge part."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    entry = 0
    while True:
        entry = data.index(b"PK\x01\x02", entry)
        length = struct.unpack("<H", data[entry + 28:entry + 30])[0]
        if bytes(data[entry + 46:entry + 46 + length]) == name:
            break
        entry += 4
    data[entry + 24:entry + 28] = struct.pack("<I", size)
    path.write_bytes(bytes(data))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "bomb.xlsx")
    _declare_size(path, SHEET_PART, MAX_PART_BYTES + 1)
    message = _only_error(path)
    assert message.startswith('"bomb.xlsx" is not an Excel workbook (.xlsx): its part '
                              f"{SHEET_PART} would unpack to 1,024 MiB, more than the 1024 MiB")


def test_a_member_larger_than_it_declares_is_damaged_not_read_on(tmp_path: Path) -> None:
    path = write_valid_book(tmp_path / "liar.xlsx")
    _declare_size(path, SHEET_PART, 100)
    assert "the file is damaged" in _only_error(path)


def _cli(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "planner", *arguments], capture_output=True,
                          env=env, timeout=120, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_and_a_link_to_an_endless_device_are_refused_at_once(
        tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    device = tmp_path / "zero.xlsx"
    device.symlink_to("/dev/zero")
    for path in (pipe, device):
        done = _cli("solve", str(path), "--json")  # would block or fill memory if read
        assert done.returncode == 1
        message = json.loads(done.stdout)["errors"][0]["message"]
        assert message == (f'"{path.name}" is not an Excel workbook (.xlsx): it is not a '
                           "regular file (a device, a pipe or a socket)")


def test_a_name_longer_than_the_file_system_allows_is_one_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / ("x" * 300 + ".xlsx")
    message = _only_error(path)
    assert message.startswith('"xxxxxxxx') and "cannot be read" in message
    assert len(message) < 300
    assert main(["validate", str(path)]) == 1
    assert "Traceback" not in capsys.readouterr().err
