"""Files that are not .xlsx workbooks: one clear error naming the file, never a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from reader_books import valid_sheets, write_book

from planner.errors import WorkbookError
from planner.workbook import load_scenario, read_workbook
from planner.workbook.files import OLE_MAGIC


def ole_file(*stream_names: str) -> bytes:
    """The start of an OLE compound file whose directory names these streams."""
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in stream_names)
    return OLE_MAGIC + b"\0" * 504 + directory


def zip_file(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_text(path: Path) -> None:
    path.write_text("vessel_id,name,build_year\nIMO1,Alpha,2012\n")


def make_html(path: Path) -> None:
    path.write_text("<html><body><table><tr><td>IMO1</td></tr></table></body></html>")


def make_binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 4)


def make_encrypted(path: Path) -> None:
    path.write_bytes(ole_file("Root Entry", "EncryptionInfo", "EncryptedPackage"))


def make_xls(path: Path) -> None:
    path.write_bytes(ole_file("Root Entry", "Workbook", "\x05SummaryInformation"))


def make_ods(path: Path) -> None:
    zip_file(path, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": "<office:document-content/>"})


def make_docx(path: Path) -> None:
    zip_file(path, {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def make_other_zip(path: Path) -> None:
    zip_file(path, {"readme.txt": "hello"})


def make_truncated(path: Path) -> None:
    good = write_book(path.with_name("good.xlsx"), valid_sheets())
    path.write_bytes(good.read_bytes()[:300])


def make_broken_parts(path: Path) -> None:
    zip_file(path, {"[Content_Types].xml": "<Types", "xl/workbook.xml": "not xml at all"})


NOT_WORKBOOKS = {
    "empty": (make_empty, "the file is empty"),
    "csv": (make_text, "it is a text file (CSV?)"),
    "html": (make_html, "it is an XML or HTML file"),
    "binary": (make_binary, "its content is not in the .xlsx format"),
    "encrypted": (make_encrypted, "it is password-protected (encrypted)"),
    "xls": (make_xls, "it is an old Excel 97-2003 (.xls) file"),
    "ods": (make_ods, "it is an OpenDocument spreadsheet (.ods)"),
    "docx": (make_docx, "it is a Word document"),
    "zip": (make_other_zip, "it is a zip archive without a workbook inside"),
    "truncated": (make_truncated, "the file is damaged"),
    "broken parts": (make_broken_parts, "the file is damaged or not in the .xlsx format"),
}


@pytest.mark.parametrize("kind", list(NOT_WORKBOOKS))
def test_a_file_that_is_no_workbook_gives_one_error_naming_it(tmp_path: Path,
                                                              kind: str) -> None:
    make, reason = NOT_WORKBOOKS[kind]
    path = tmp_path / "fleet.xlsx"
    make(path)
    loaded = read_workbook(path)
    (issue,) = loaded.scenario.load_issues
    assert issue.is_error and issue.sheet == "" and issue.cell == ""
    assert issue.message.startswith(f'"fleet.xlsx" is not an Excel workbook (.xlsx): {reason}')
    assert str(issue) == issue.message
    assert loaded.plan is None and loaded.foreign_sheets == []
    with pytest.raises(WorkbookError) as raised:
        load_scenario(path)
    assert raised.value.issues == [issue]  # nothing else: no missing sheet, no validation


def test_a_missing_file_gives_one_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "fleet.xlsx"
    (issue,) = read_workbook(path).scenario.load_issues
    assert (issue.sheet, issue.cell, issue.is_error) == ("", "", True)
    assert issue.message.startswith('"fleet.xlsx" was not found')
    assert str(path) in issue.message
    with pytest.raises(WorkbookError) as raised:
        load_scenario(path)
    assert raised.value.issues == [issue]


def test_a_folder_gives_one_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "fleet.xlsx"
    folder.mkdir()
    (issue,) = read_workbook(folder).scenario.load_issues
    assert issue.message == '"fleet.xlsx" is not an Excel workbook (.xlsx): it is a folder, ' \
                            "not a file"
    with pytest.raises(WorkbookError):
        load_scenario(folder)


def test_a_workbook_is_read_by_its_content_not_its_file_name(tmp_path: Path) -> None:
    path = write_book(tmp_path / "fleet.csv", valid_sheets())
    scenario = load_scenario(path)
    assert scenario.fleet["vessel_id"].tolist() == ["IMO1", "IMO2"]
