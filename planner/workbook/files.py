"""Is this file an .xlsx workbook? Read its bytes once, or say in one sentence why not."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import Issue

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted (password-protected) .xlsx is an OLE compound file with these streams.
ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"),
                      "EncryptedPackage".encode("utf-16-le"))
WORKBOOK_PART = "xl/workbook.xml"
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
    return Issue(sheet="", cell="", message=f'"{name}" is not an Excel workbook (.xlsx): {reason}')


def open_workbook_file(path: str | Path) -> WorkbookFile | Issue:
    """The file's bytes when it looks like an .xlsx, else the error that says why not."""
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        return file_issue(name, "it is a folder, not a file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Issue(sheet="", cell="", message=f'"{name}" was not found (looked for {path})')
    except OSError as error:
        return file_issue(name, f"the file cannot be read ({error.strerror or error})")
    reason = _not_a_workbook(data)
    if reason:
        return file_issue(name, reason)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            reason = _zip_content_reason(archive, names)
            if reason:
                return file_issue(name, reason)
            parts = {part for part in names
                     if part.startswith("xl/worksheets/") and part.endswith(".xml")
                     and _FORMULA_TAG.search(archive.read(part))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError) as error:
        return file_issue(name, f"the file is damaged ({error})")
    return WorkbookFile(name, data, parts)


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
