"""Charts and grids to PNG files and the clipboard."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from planner.errors import SaveError


def ask_png_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save a chart; None when the planner cancels (patched in tests)."""
    path, _selected = QFileDialog.getSaveFileName(parent, "Save chart as PNG", suggested,
                                                  "PNG image (*.png)")
    if not path:
        return None
    return path if path.lower().endswith(".png") else path + ".png"


def save_widget_png(widget: QWidget, path: str) -> None:
    """Write what the widget shows to a PNG file; SaveError when it cannot be written."""
    if widget.width() < 50 or widget.height() < 50:
        widget.resize(widget.sizeHint().expandedTo(widget.minimumSizeHint()))
    content_rect = getattr(widget, "content_rect", None)
    pixmap = widget.grab(content_rect()) if content_rect is not None else widget.grab()
    if not pixmap.save(path, "PNG"):
        raise SaveError(f"Could not write the image {path}: check the folder exists and "
                        "is writable.")


def export_png(widget: QWidget, stem: str) -> str | None:
    """Ask where, then save; a failure is shown to the planner. Returns the path written."""
    path = ask_png_path(widget, f"{stem}.png")
    if path is None:
        return None
    try:
        save_widget_png(widget, path)
    except SaveError as error:
        from planner.gui.dialogs import show_error

        show_error(widget, str(error), "")
        return None
    return path


def add_export_actions(menu: QMenu, widget: QWidget, stem: str) -> None:
    """'Save as PNG…' and 'Copy image' in a context menu."""
    menu.addAction("Save as PNG…", lambda: export_png(widget, stem))
    menu.addAction("Copy image", lambda: QGuiApplication.clipboard().setPixmap(widget.grab()))
