"""Help > User guide and Keyboard shortcuts: the pages of docs/ shown in a window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from planner.paths import docs_dir

PAGES = {"guide": ("User guide", "user-guide.md"),
         "shortcuts": ("Keyboard shortcuts", "shortcuts.md")}


def page_text(page: str) -> str:
    """The page's Markdown; a short note when the file is missing from an install."""
    title, name = PAGES[page]
    path = docs_dir() / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"# {title}\n\nThe page {name} is missing from this installation."


class HelpPage(QDialog):
    """A non-modal window with one help page; the app keeps working beside it."""

    def __init__(self, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(PAGES[page][0])
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(page_text(page))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
