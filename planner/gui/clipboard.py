"""Tab-separated text as Excel puts it on the clipboard, both ways (pure functions)."""

from __future__ import annotations

Grid = list[list[str]]


def parse_tsv(text: str) -> Grid:
    """Rows of cells from Excel's clipboard text.

    Excel ends every row with a newline and quotes a cell that holds a tab, a newline
    or a quote, doubling the quotes inside. A single trailing newline ends the last row,
    it does not start an empty one.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: Grid = []
    row: list[str] = []
    cell: list[str] = []
    quoted = False
    index = 0
    at_cell_start = True
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"':
                if text[index + 1:index + 2] == '"':
                    cell.append('"')
                    index += 1
                else:
                    quoted = False
            else:
                cell.append(char)
        elif char == '"' and at_cell_start:
            quoted = True
        elif char == "\t":
            row.append("".join(cell))
            cell = []
            at_cell_start = True
            index += 1
            continue
        elif char == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            at_cell_start = True
            index += 1
            continue
        else:
            cell.append(char)
        at_cell_start = False
        index += 1
    if cell or row or (text and not text.endswith("\n")):
        row.append("".join(cell))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def to_tsv(grid: Grid) -> str:
    """Clipboard text Excel pastes as the same block."""
    return "".join("\t".join(_quote(cell) for cell in row) + "\n" for row in grid)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in '\t\n"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell
