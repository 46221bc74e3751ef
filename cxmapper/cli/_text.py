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
    # Escaped before measuring, so a control character in a cell (shown as \x1b, four
    # columns) does not push its column out of line.
    rows = [[visible(cell) for cell in row] for row in rows]
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


# --- terminal safety -----------------------------------------------------------------------

#: Characters that must never reach a terminal raw: C0 and C1 controls (ESC starts the
#: escape sequences that clear a screen or set a window title; C1 CSI U+009B does the
#: same in one character), DEL, the bidi controls that reorder what a line appears to
#: say, and the Unicode line and paragraph separators. Newline is kept: it is how the
#: commands themselves end lines (map text reaching a report is already one line).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = frozenset(
    [chr(c) for c in range(0x20) if c != 0x0A] + [chr(c) for c in range(0x7F, 0xA0)]
    + list(_BIDI) + ["\u2028", "\u2029", "\ufeff"]
)
_TEXT_ESCAPES = {
    ord(ch): (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in _UNSAFE
}
_JSON_ESCAPES = {ord(ch): f"\\u{ord(ch):04x}" for ch in _UNSAFE}


def visible(text: str, *, json: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``).

    The one filter every report command's output goes through (``validate.emit``).
    With ``json=True`` the escapes are JSON's (``\\u001b``): inside a JSON string they
    read back as the same character, so a JSON document stays exact and valid while
    the terminal it is printed on stays safe. Only a character that can appear inside
    a JSON string is replaced, so a document built by ``json.dumps`` remains valid.
    """
    return text.translate(_JSON_ESCAPES if json else _TEXT_ESCAPES)
