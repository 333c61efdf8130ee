"""A4 pages drawn with matplotlib: headings, wrapped paragraphs, tables that break across pages.

Every page is a matplotlib ``Figure`` in points (72 per inch) measured from the page's
top-left corner; ``write`` saves them all to one PDF with matplotlib's PDF backend, so
text stays text (searchable, copyable) and charts stay vector. Only the object API is
used (never pyplot), so no GUI backend is loaded and any thread may build a report.

Text is set in Helvetica, one of the PDF's 14 standard fonts: every PDF reader has it,
so nothing is embedded, and a 40-page report writes in seconds (embedding a TrueType
font costs about 5 ms per text on the PDF backend, hundreds of times more).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import matplotlib
from matplotlib import _afm
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

PAGE_WIDTH = 595.28  # A4 portrait, points
PAGE_HEIGHT = 841.89
MARGIN_X = 50.0
MARGIN_TOP = 58.0
MARGIN_BOTTOM = 54.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FONT = "Helvetica"
BODY_SIZE = 9.5
TABLE_SIZE = 8.0
LINE_SPACING = 1.3
ASCENT = 0.78  # Helvetica's ascender, in font sizes (a top-aligned line's baseline)
RULE_GREY = "0.55"
SHADE_GREY = "0.88"
RC: dict[RcKeyType, Any] = {
    "pdf.use14corefonts": True, "font.family": "sans-serif",
    "font.sans-serif": [FONT, "DejaVu Sans"], "axes.unicode_minus": False,
    "hatch.linewidth": 0.6}
# The standard fonts hold the Windows-1252 characters; a few others have a plain twin.
_PLAIN = str.maketrans({"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "−": "-",
                        "≤": "<=", "≥": ">=", "→": "->", "\u2009": " ", "\u202f": " "})


def plain(text: object) -> str:
    """``text`` in characters the standard PDF fonts have (others become '?')."""
    return str(text).translate(_PLAIN).encode("cp1252", "replace").decode("cp1252")


@contextlib.contextmanager
def drawing() -> Iterator[None]:
    """The report's matplotlib settings, and quiet font lookups, while pages are drawn
    or written (matplotlib logs that Helvetica's metrics say "medium", not "normal")."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with matplotlib.rc_context(RC):
            yield
    finally:
        logger.setLevel(level)


@functools.lru_cache(maxsize=8)
def _font(size: float, bold: bool) -> FontProperties:
    # Helvetica's metrics call its regular weight "medium": asking for that finds it
    # without a fallback warning.
    return FontProperties(family=FONT, size=size, weight="bold" if bold else "medium")


@functools.lru_cache(maxsize=2)
def _metrics(bold: bool) -> _afm.AFM:
    """The font's metrics, as matplotlib's PDF backend reads them to place text."""
    name = "Helvetica-Bold.afm" if bold else "Helvetica.afm"
    with open(os.path.join(matplotlib.get_data_path(), "fonts", "pdfcorefonts", name),
              "rb") as stream:
        return _afm.AFM(stream)


class _Measure:
    """Text widths in points, from the font's metrics."""

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per report
    def width(self, text: str, size: float, bold: bool = False) -> float:
        if not text:
            return 0.0
        return float(_metrics(bold).get_str_bbox_and_descent(plain(text))[2]) * size / 1000

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """The lines of ``text`` that fit ``width`` (words kept whole unless one alone is
        wider than a line); newlines in the text start new lines."""
        lines: list[str] = []
        for paragraph in str(text).split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size, bold) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while "-" in line[:-1] and self.width(line, size, bold) > width:
                    # break a long hyphenated word after a hyphen ("Tank-to-|wake")
                    cuts = [i + 1 for i, ch in enumerate(line[:-1]) if ch == "-"]
                    fits = [c for c in cuts if self.width(line[:c], size, bold) <= width]
                    if not fits:
                        break
                    lines.append(line[:fits[-1]])
                    line = line[fits[-1]:]
                while self.width(line, size, bold) > width and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and self.width(line[:cut], size, bold) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines


@dataclass(frozen=True)
class TableColumn:
    """A column of a drawn table: header (may hold a newline), relative width, alignment."""

    header: str
    weight: float = 1.0
    align: str = "left"  # left, right or center


CellFill = Callable[[int, int], str | None]  # (row, column) -> a grey to shade the cell


class Document:
    """The pages of one report, drawn top to bottom with a cursor."""

    def __init__(self, running_head: str, footer: str) -> None:
        self.running_head = running_head
        self.footer = footer
        self.pages: list[Figure] = []
        self.page_sections: list[str] = []
        self.measure = _Measure()
        self.y = MARGIN_TOP
        self.section = ""
        self.contents_at = 480.0  # where the title page lists the sections

    # --- pages -----------------------------------------------------------------
    @property
    def figure(self) -> Figure:
        return self.pages[-1]

    @property
    def space_left(self) -> float:
        return PAGE_HEIGHT - MARGIN_BOTTOM - self.y

    def new_page(self, section: str = "") -> None:
        """Start a page; its running head names the section."""
        figure = Figure(figsize=(PAGE_WIDTH / 72, PAGE_HEIGHT / 72), dpi=72)
        FigureCanvasAgg(figure)  # charts measure their labels on it
        self.pages.append(figure)
        self.section = section or self.section
        self.page_sections.append(self.section)
        self.y = MARGIN_TOP

    def start_page(self, section: str, heading: str = "", intro: str = "") -> None:
        """A page of ``section`` opened by its heading (the section's name when not given)
        and, when given, the paragraph that says what the page shows."""
        self.new_page(section)
        self.heading(heading or section)
        if intro:
            self.paragraph(intro)

    def ensure(self, height: float) -> bool:
        """Make room for ``height`` points: a new page (same section) when short; True if so."""
        if not self.pages or height > self.space_left:
            self.new_page(self.section)
            return True
        return False

    def skip(self, points: float) -> None:
        self.y += points

    # --- drawing primitives ------------------------------------------------------
    def text(self, x: float, y: float, text: str, size: float = BODY_SIZE,
             bold: bool = False, align: str = "left", color: str = "black",
             valign: str = "top", rotation: float = 0.0, page: Figure | None = None) -> None:
        """Text at (x, y) points from the page's top-left corner."""
        if valign == "top":  # on the baseline below: lines of any letters sit level
            y, valign = y + ASCENT * size, "baseline"
        (page or self.figure).text(
            x / PAGE_WIDTH, 1 - y / PAGE_HEIGHT, plain(text), fontproperties=_font(size, bold),
            ha=align, va=valign, color=color, rotation=rotation, parse_math=False)

    def rule(self, x0: float, x1: float, y: float, width: float = 0.5,
             color: str = RULE_GREY, page: Figure | None = None) -> None:
        figure = page or self.figure
        figure.add_artist(Line2D([x0 / PAGE_WIDTH, x1 / PAGE_WIDTH],
                                 [1 - y / PAGE_HEIGHT] * 2, linewidth=width, color=color,
                                 transform=figure.transFigure))

    def box(self, x: float, y: float, width: float, height: float, fill: str,
            edge: str | None = None) -> None:
        self.figure.add_artist(Rectangle(
            (x / PAGE_WIDTH, 1 - (y + height) / PAGE_HEIGHT), width / PAGE_WIDTH,
            height / PAGE_HEIGHT, facecolor=fill, edgecolor=edge or "none", linewidth=0.5,
            transform=self.figure.transFigure, zorder=0))

    # --- flowing content ---------------------------------------------------------
    def heading(self, text: str, size: float = 15.0) -> None:
        self.ensure(size * 3)
        self.text(MARGIN_X, self.y, text, size=size, bold=True)
        self.y += size * 1.35
        self.rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, self.y, width=0.8, color="black")
        self.y += size * 0.8

    def subheading(self, text: str, size: float = 11.0) -> None:
        self.ensure(size * 4)
        self.y += size * 0.4
        self.text(MARGIN_X, self.y, text, size=size, bold=True)
        self.y += size * 1.6

    def paragraph(self, text: str, size: float = BODY_SIZE, bold: bool = False,
                  indent: float = 0.0, color: str = "black", after: float = 4.0) -> None:
        """Text wrapped to the content width; continues on the next page when long."""
        width = CONTENT_WIDTH - indent
        for line in self.measure.wrap(text, width, size, bold):
            self.ensure(size * LINE_SPACING)
            self.text(MARGIN_X + indent, self.y, line, size=size, bold=bold, color=color)
            self.y += size * LINE_SPACING
        self.y += after

    def bullets(self, lines: Sequence[str], size: float = BODY_SIZE) -> None:
        for line in lines:
            self.ensure(size * LINE_SPACING)
            self.text(MARGIN_X + 4, self.y, "•", size=size)
            self.paragraph(line, size=size, indent=16, after=2.0)

    def chart(self, height: float, draw: Callable[[Figure, tuple[float, float, float, float]],
                                                    None]) -> None:
        """Give ``draw`` the page and a rectangle (figure fractions) ``height`` points high."""
        self.ensure(height)
        rect = (MARGIN_X / PAGE_WIDTH, 1 - (self.y + height) / PAGE_HEIGHT,
                CONTENT_WIDTH / PAGE_WIDTH, height / PAGE_HEIGHT)
        draw(self.figure, rect)
        self.y += height + 6

    def table(self, columns: Sequence[TableColumn], rows: Sequence[Sequence[str]],
              size: float = TABLE_SIZE, fill: CellFill | None = None,
              width: float = CONTENT_WIDTH, bold_rows: frozenset[int] = frozenset(),
              min_rows: int = 3) -> None:
        """A table whose rows break across pages, the header repeated on every page.

        Cells wrap to their column's width (nothing is cut off); a row is never split.
        """
        total = sum(c.weight for c in columns)
        widths = [width * c.weight / total for c in columns]
        xs = [MARGIN_X + sum(widths[:i]) for i in range(len(columns))]
        pad = 2.6
        line = size * 1.2

        def lines_of(text: str, index: int, bold: bool = False) -> list[str]:
            return self.measure.wrap(text, widths[index] - 2 * pad, size, bold)

        header_lines = [lines_of(c.header, i, True) for i, c in enumerate(columns)]
        header_height = max(len(h) for h in header_lines) * line + 2 * pad

        def draw_header() -> None:
            self.box(MARGIN_X, self.y, width, header_height, SHADE_GREY)
            for i, column in enumerate(columns):
                self._cell(header_lines[i], xs[i], widths[i], column.align, size, line,
                           pad, bold=True, bottom=self.y + header_height)
            self.y += header_height
            self.rule(MARGIN_X, MARGIN_X + width, self.y, width=0.8, color="black")

        wrapped = [[lines_of(str(cell), i, r in bold_rows) for i, cell in enumerate(row)]
                   for r, row in enumerate(rows)]
        heights = [max(len(cell) for cell in cells) * line + 2 * pad for cells in wrapped]
        first_rows = sum(heights[:min_rows])
        self.ensure(header_height + first_rows)
        draw_header()
        for r, cells in enumerate(wrapped):
            if heights[r] > self.space_left:
                self.new_page(self.section)
                self.text(MARGIN_X, self.y, f"{self.section} (continued)", size=8,
                          color="0.35")
                self.y += 14
                draw_header()
            for i, cell_lines in enumerate(cells):
                shade = fill(r, i) if fill is not None else None
                if shade:
                    self.box(xs[i], self.y, widths[i], heights[r], shade)
                self._cell(cell_lines, xs[i], widths[i], columns[i].align, size, line, pad,
                           bold=r in bold_rows, top=self.y)
            self.y += heights[r]
            self.rule(MARGIN_X, MARGIN_X + width, self.y, width=0.3)
        self.y += 8

    def _cell(self, lines: list[str], x: float, width: float, align: str, size: float,
              line: float, pad: float, bold: bool = False, top: float | None = None,
              bottom: float | None = None) -> None:
        """A cell's lines, from ``top`` down (or ending at ``bottom``: headers sit low)."""
        y = top + pad if top is not None else bottom - pad - len(lines) * line  # type: ignore[operator]
        anchor = {"left": x + pad, "right": x + width - pad, "center": x + width / 2}[align]
        for text in lines:
            self.text(anchor, y, text, size=size, bold=bold, align=align)
            y += line

    # --- output --------------------------------------------------------------------
    def finish(self) -> None:
        """Running heads and "page N of M" footers on every page but the title page."""
        count = len(self.pages)
        for number, (page, section) in enumerate(zip(self.pages, self.page_sections,
                                                     strict=True), start=1):
            if number == 1:
                continue
            self.text(MARGIN_X, 30, self.running_head, size=7.5, color="0.3", page=page)
            self.text(PAGE_WIDTH - MARGIN_X, 30, section, size=7.5, color="0.3",
                      align="right", page=page)
            self.rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, 42, width=0.4, page=page)
            self.rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 40, width=0.4,
                      page=page)
            self.text(MARGIN_X, PAGE_HEIGHT - 34, self.footer, size=7, color="0.3",
                      page=page)
            self.text(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 34, f"Page {number} of {count}",
                      size=7, color="0.3", align="right", page=page)

    def write(self, path: str | Path | IO[bytes], metadata: dict[str, str],
              on_page: Callable[[int, int], None] | None = None) -> None:
        """Save every page to one PDF (``on_page(done, total)`` after each page)."""
        with drawing(), PdfPages(path, metadata=metadata) as pdf:
            for number, page in enumerate(self.pages, start=1):
                pdf.savefig(page)
                if on_page is not None:
                    on_page(number, len(self.pages))


def fit_axes(axes: Axes, rect: tuple[float, float, float, float]) -> None:
    """Place ``axes`` so that it, its tick labels, titles and legend fit inside ``rect``.

    matplotlib lays labels outside the plot area; the plot area shrinks by what
    sticks out, so nothing is clipped at the page's edges or into the next block.
    """
    figure = axes.figure
    x, y, w, h = rect
    axes.set_position(rect)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for _ in range(3):
        tight = axes.get_tightbbox(renderer)
        if tight is None:  # nothing drawn
            return
        box = tight.transformed(figure.transFigure.inverted())
        position = axes.get_position()
        left = max(0.0, x - box.x0)
        right = max(0.0, box.x1 - (x + w))
        bottom = max(0.0, y - box.y0)
        top = max(0.0, box.y1 - (y + h))
        if max(left, right, bottom, top) < 1e-4:
            return
        axes.set_position((position.x0 + left, position.y0 + bottom,
                           position.width - left - right, position.height - bottom - top))
