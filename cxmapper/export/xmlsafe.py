"""XML 1.0 well-formedness for text we did not write: the SVG Qt generates.

XML 1.0 allows tab, newline and carriage return and nothing else below U+0020, and
never U+FFFE, U+FFFF or a surrogate, not even as a character reference (``&#1;``).
``QSvgGenerator`` writes a title's or a card's characters raw, so a C0 control
character or U+FFFF typed (or pasted) into a title made an SVG that every XML parser
refuses. ``xml_safe`` replaces each such character with U+FFFD (the replacement
character, what a viewer shows for a character it cannot show) and says how many.
"""

from __future__ import annotations

import re

_REPLACEMENT = "\ufffd".encode()
# UTF-8 bytes of what XML 1.0 refuses; no byte of a multi-byte sequence is below 0x80,
# so a C0 byte is always the character itself.
_RAW = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf][\x80-\xbf]")
_REFERENCE = re.compile(rb"&#(?:x0*([0-9a-fA-F]{1,8})|0*([0-9]{1,10}));")


def _allowed(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def xml_safe(data: bytes) -> tuple[bytes, int]:
    """UTF-8 XML with every character XML 1.0 refuses replaced; and how many were."""
    data, replaced = _RAW.subn(_REPLACEMENT, data)
    if b"&#" not in data:
        return data, replaced
    refused = 0

    def reference(match: re.Match[bytes]) -> bytes:
        nonlocal refused
        hexa, decimal = match.groups()
        code = int(hexa, 16) if hexa is not None else int(decimal)
        if _allowed(code):
            return match.group(0)
        refused += 1
        return b"&#xFFFD;"

    data = _REFERENCE.sub(reference, data)
    return data, replaced + refused
