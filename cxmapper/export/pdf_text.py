"""User text in the PDF: escaping for Paragraph markup, measuring, wrapping, drawing.

This module owns every path by which a title or description typed by a user reaches
reportlab. Two traps it exists for:

- Paragraph text is XML-ish markup: ``<``, ``&`` and quotes in user text must be escaped
  or reportlab raises (or silently drops text). :func:`markup` is the only way user
  text enters a Paragraph.
- A font lacks glyphs (emoji, some symbols): text is split into runs per font
  (:meth:`PdfFonts.runs`), so a glyph the CJK font lacks is drawn by the symbol font and
  one that no font has becomes a visible substitute instead of an empty box.

Wrapping breaks between words, between any two CJK characters, and inside a word that
is wider than the line, so no text is ever cut off sideways.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from cxmapper.export.fonts import PdfFonts

_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# CJK punctuation that must not start a line: it sticks to the character before it.
_NO_LINE_START = "，。、；：！？）》」』】〕…,.;:!?)]}"
_TOKEN = re.compile(
    rf"\s+|[{_CJK}][{re.escape(_NO_LINE_START)}]*|[^\s{_CJK}]+"
)

ELLIPSIS = "…"


def markup(text: str, fonts: PdfFonts) -> str:
    """``text`` as safe Paragraph markup, newlines as line breaks, symbol runs tagged."""
    out = []
    for font, run in fonts.runs(text):
        safe = escape(run, {'"': "&quot;", "'": "&#39;"}).replace("\n", "<br/>")
        out.append(safe if font == fonts.regular else f'<font name="{font}">{safe}</font>')
    return "".join(out)


class TextMeasure:
    """Width of user text at one size, drawn with the runs of ``fonts``."""

    def __init__(self, fonts: PdfFonts, size: float):
        self.fonts = fonts
        self.size = size

    def width(self, text: str) -> float:
        return sum(stringWidth(run, font, self.size) for font, run in self.fonts.runs(text))

    def wrap(self, text: str, width: float) -> list[str]:
        """Lines of ``text`` no wider than ``width`` (an empty text gives no lines)."""
        lines: list[str] = []
        space = self.width(" ")
        for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line, used = "", 0.0  # widths add up: reportlab applies no kerning
            for token in _TOKEN.findall(paragraph):
                if token.isspace():
                    if line:
                        line += " "
                        used += space
                    continue
                token_width = self.width(token)
                if used + token_width <= width:
                    line += token
                    used += token_width
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                line, used = "", 0.0
                if token_width <= width:
                    line, used = token, token_width
                    continue
                pieces = self._break_word(token, width)
                lines.extend(pieces[:-1])
                line, used = pieces[-1], self.width(pieces[-1])
            if line.strip() or not lines or paragraph == "":
                lines.append(line.rstrip())
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def _break_word(self, word: str, width: float) -> list[str]:
        pieces, current, used = [], "", 0.0
        for char in word:
            char_width = self.width(char)
            if current and used + char_width > width:
                pieces.append(current)
                current, used = "", 0.0
            current += char
            used += char_width
        pieces.append(current)
        return pieces

    def shorten(self, line: str, width: float, suffix: str = "") -> str:
        """``line`` cut so that ``line + '…' + suffix`` fits ``width``."""
        tail = ELLIPSIS + suffix
        while line and self.width(line + tail) > width:
            line = line[:-1]
        return line.rstrip() + tail


def draw_text(canvas, x: float, y: float, text: str, fonts: PdfFonts, size: float) -> float:
    """Draw ``text`` (one line) at baseline ``y`` run by run; returns the end x."""
    for font, run in fonts.runs(text):
        if not run:
            continue
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)
    return x
