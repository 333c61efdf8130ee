"""Is this file an .xlsx workbook? Read its bytes once, or say in one sentence why not."""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from planner.convert import shorten
from planner.errors import Issue

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted (password-protected) .xlsx is an OLE compound file with these streams.
ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"),
                      "EncryptedPackage".encode("utf-16-le"))
WORKBOOK_PART = "xl/workbook.xml"
# Bounds on what a file may be and unpack to. A 1,000-vessel scenario with its plan is a
# few MiB; these leave a hundredfold room and stop a zip bomb before it is unpacked.
MAX_FILE_BYTES = 256 * 2**20
MAX_PART_BYTES = 1024 * 2**20
MAX_UNPACKED_BYTES = 2048 * 2**20
CHUNK_BYTES = 2**20
MAX_PATH_SHOWN = 260  # characters of a path echoed in a message (Windows' MAX_PATH)
# <f>, <f t="shared" .../> or a prefixed <x:f>: a cell formula in a worksheet part.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


@dataclass
class WorkbookFile:
    """The bytes of a file that is a zip holding an Excel workbook part."""

    name: str
    data: bytes
    formula_parts: set[str] = field(default_factory=set)  # worksheet parts with formulas

    def stream(self) -> io.BytesIO:
        return io.BytesIO(self.data)


def file_issue(name: str, reason: str) -> Issue:
    """The one error of a file that cannot be read as a workbook (no sheet, no cell)."""
    return Issue(sheet="", cell="",
                 message=f'"{shorten(name)}" is not an Excel workbook (.xlsx): {reason}')


def open_workbook_file(path: str | Path) -> WorkbookFile | Issue:
    """The file's bytes when it looks like an .xlsx, else the error that says why not."""
    path = Path(path)
    name = path.name or str(path)
    try:
        found = path.stat()  # follows a symlink: what matters is what it points at
    except FileNotFoundError:
        return Issue(sheet="", cell="", message=f'"{shorten(name)}" was not found '
                                                f"(looked for {shorten(str(path), MAX_PATH_SHOWN)})")
    except OSError as error:  # a name too long for the file system, no permission, a loop
        return file_issue(name, f"the file cannot be read ({error.strerror or error})")
    if stat.S_ISDIR(found.st_mode):
        return file_issue(name, "it is a folder, not a file")
    if not stat.S_ISREG(found.st_mode):
        return file_issue(name, "it is not a regular file (a device, a pipe or a socket)")
    if found.st_size > MAX_FILE_BYTES:
        return file_issue(name, f"it is {found.st_size / 2**20:,.0f} MiB, more than the "
                                f"{MAX_FILE_BYTES // 2**20} MiB a workbook may have")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded: the file may grow meanwhile
    except OSError as error:
        return file_issue(name, f"the file cannot be read ({error.strerror or error})")
    if len(data) > MAX_FILE_BYTES:
        return file_issue(name, f"it is more than the {MAX_FILE_BYTES // 2**20} MiB a "
                                "workbook may have")
    reason = _not_a_workbook(data)
    if reason:
        return file_issue(name, reason)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            reason = _zip_content_reason(archive, names) or _too_large(archive)
            if reason:
                return file_issue(name, reason)
            parts = {part for part in names
                     if part.startswith("xl/worksheets/") and part.endswith(".xml")
                     and _has_formula(archive, part)}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, zlib.error) as error:
        return file_issue(name, f"the file is damaged ({shorten(str(error))})")
    return WorkbookFile(name, data, parts)


def _too_large(archive: zipfile.ZipFile) -> str:
    """Why the archive's members would unpack past what a workbook holds (a zip bomb):
    the sizes it declares, which zipfile then holds each member's reading to."""
    members = archive.infolist()
    largest = max(members, key=lambda info: info.file_size, default=None)
    if largest is not None and largest.file_size > MAX_PART_BYTES:
        return (f"its part {shorten(largest.filename)} would unpack to "
                f"{largest.file_size / 2**20:,.0f} MiB, more than the "
                f"{MAX_PART_BYTES // 2**20} MiB a workbook part may have")
    total = sum(info.file_size for info in members)
    if total > MAX_UNPACKED_BYTES:
        return (f"it would unpack to {total / 2**20:,.0f} MiB, more than the "
                f"{MAX_UNPACKED_BYTES // 2**20} MiB a workbook may have")
    return ""


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    """True when a worksheet part has a formula cell, read as a stream in chunks (the
    part's declared size bounds the reading; a tag split between chunks is still seen)."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def _not_a_workbook(data: bytes) -> str:
    """Why these bytes are no zip-based workbook, '' when they start like one."""
    if not data:
        return "the file is empty"
    if data.startswith(ZIP_MAGIC):
        return ""
    if data.startswith(EMPTY_ZIP_MAGIC):
        return "it is an empty zip archive"
    if data.startswith(OLE_MAGIC):
        if any(stream in data for stream in ENCRYPTION_STREAMS):
            return ("it is password-protected (encrypted); open it in Excel, remove the "
                    "password and save it again")
        return ("it is an old Excel 97-2003 (.xls) file or another Office document; open "
                "it in Excel and save it as an Excel workbook (.xlsx)")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"<":
        return ("it is an XML or HTML file; open it in Excel and save it as an Excel "
                "workbook (.xlsx)")
    if _looks_like_text(data[:4096]):
        return ("it is a text file (CSV?); open it in Excel and save it as an Excel "
                "workbook (.xlsx)")
    return "its content is not in the .xlsx format"


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("utf-16")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def _zip_content_reason(archive: zipfile.ZipFile, names: set[str]) -> str:
    """Why a zip archive holds no .xlsx workbook, '' when it does."""
    if WORKBOOK_PART in names:
        return ""
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if "opendocument.spreadsheet" in mimetype:
            return ("it is an OpenDocument spreadsheet (.ods); open it and save it as an "
                    "Excel workbook (.xlsx)")
        return f"it is an OpenDocument file ({mimetype})"
    if "xl/workbook.bin" in names:
        return ("it is a binary Excel workbook (.xlsb); open it in Excel and save it as an "
                "Excel workbook (.xlsx)")
    if any(part.startswith("word/") for part in names):
        return "it is a Word document"
    if any(part.startswith("ppt/") for part in names):
        return "it is a PowerPoint presentation"
    return "it is a zip archive without a workbook inside"
