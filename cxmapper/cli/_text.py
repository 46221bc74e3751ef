"""Terminal text for the commands: columns that line up with Chinese text.

(A leading underscore keeps this module out of the subcommand registry.)
"""

from __future__ import annotations

from collections.abc import Sequence

from cxmapper.textwidth import display_width


def pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def table(
    rows: Sequence[Sequence[str]], indent: str = "  ", gap: str = "  ", align: str = ""
) -> list[str]:
    """Rows as lines, each column padded to its widest cell.

    ``align`` gives one letter per column, ``l`` or ``r`` (default ``l``); the last
    column is not padded when it is left-aligned.
    """
    if not rows:
        return []
    n = max(map(len, rows))
    widths = [max(display_width(row[i]) for row in rows if i < len(row)) for i in range(n)]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            right = i < len(align) and align[i] == "r"
            last = i == len(row) - 1
            cells.append(cell if last and not right else pad(cell, widths[i], right=right))
        lines.append((indent + gap.join(cells)).rstrip())
    return lines
