"""How wide text is in half-width columns: wide and full-width (CJK) characters
count two, combining marks and zero-width characters none.

The one rule shared by the terminal tables of the commands and the labels of the
charts, where a label must be cut to the room it has before it is drawn.
"""

from __future__ import annotations

import unicodedata


def char_width(char: str) -> int:
    """Columns taken by one character: 2 wide or full-width, 0 combining or format, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns taken by ``text`` (see the module)."""
    return sum(map(char_width, text))


def clip(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` columns, else cut with "…" (one column) so it
    does; at least the first character is kept."""
    if display_width(text) <= width:
        return text
    used, end = 1, 0
    for end, char in enumerate(text):
        used += char_width(char)
        if used > width:
            break
    return text[: max(end, 1)] + "…"
