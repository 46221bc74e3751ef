"""User text in the PDF: measuring, wrapping, drawing, and the flowable for the report.

This module owns every path by which a title or description typed by a user reaches
reportlab. Two traps it exists for:

- Paragraph text is XML-ish markup: ``<``, ``&`` and quotes in user text would have to
  be escaped or reportlab raises (or silently drops text). User text never enters a
  Paragraph: the report sets it with :class:`TextBlock`, which parses nothing.
- A font lacks glyphs (emoji, some symbols): text is split into runs per font
  (:meth:`PdfFonts.runs`), so a glyph the CJK font lacks is drawn by the symbol font and
  one that no font has becomes a visible substitute instead of an empty box.

Wrapping breaks between words, between any two CJK characters, and inside a word that
is wider than the line, so no text is ever cut off sideways.
"""

from __future__ import annotations

import re

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from cxmapper.export.fonts import PdfFonts, starts_right_to_left

_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# CJK punctuation that must not start a line: it sticks to the character before it.
_NO_LINE_START = "，。、；：！？）》」』】〕…,.;:!?)]}"
_TOKEN = re.compile(
    rf"\s+|[{_CJK}][{re.escape(_NO_LINE_START)}]*|[^\s{_CJK}]+[{re.escape(_NO_LINE_START)}]*"
)

ELLIPSIS = "…"


class TextMeasure:
    """Width of user text at one size, drawn with the runs of ``fonts``."""

    def __init__(self, fonts: PdfFonts, size: float):
        self.fonts = fonts
        self.size = size

    def width(self, text: str) -> float:
        return self.fonts.text_width(text, self.size)

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
        room = width - self.width(ELLIPSIS + suffix)
        keep, used = 0, 0.0  # the longest prefix that fits: widths add up
        for char in line:
            used += self.width(char)
            if used > room:
                break
            keep += 1
        return line[:keep].rstrip() + ELLIPSIS + suffix


class TextLayer:
    """Lines of user text gathered into one PDF text object (``BT … ET``), run by run.

    ``canvas.drawString`` opens a text object, sets the font and measures the string
    for every call; a blueprint page draws thousands of short lines, so a card's lines
    share one object, the font is set only when it changes and widths come from the
    font table. Call :meth:`close` to put the text on the canvas (after the shapes it
    sits on).
    """

    def __init__(self, canvas, fonts: PdfFonts):
        self.canvas = canvas
        self.fonts = fonts
        self.obj = None  # opened by the first line
        self._font: tuple[str, float] | None = None
        self._color = None

    def draw(self, x: float, y: float, text: str, size: float, color=None) -> float:
        """Draw ``text`` (one line) at baseline ``y``; returns the end x.

        ``color`` (a reportlab colour) changes the fill colour for this and later
        lines; None keeps the current one.
        """
        obj = self.obj
        if obj is None:
            obj = self.obj = self.canvas.beginText()
        if color is not None and color is not self._color:
            obj.setFillColor(color)
            self._color = color
        for font, run in self.fonts.runs(text):
            if not run:
                continue
            if self._font != (font, size):
                obj.setFont(font, size)
                self._font = (font, size)
            obj.setTextOrigin(x, y)
            obj.textLine(run)  # the line move it adds is undone by the next origin
            x += self.fonts.text_width(run, size)
        return x

    def close(self) -> None:
        if self.obj is not None:
            self.canvas.drawText(self.obj)
        self.obj = None
        self._font = self._color = None


def draw_text(canvas, x: float, y: float, text: str, fonts: PdfFonts, size: float) -> float:
    """Draw ``text`` (one line) at baseline ``y`` in the canvas's fill colour; returns the end x."""
    layer = TextLayer(canvas, fonts)
    x = layer.draw(x, y, text, size)
    layer.close()
    return x


class TextBlock(Flowable):
    """Plain user text as a platypus flowable: wrapped by :meth:`TextMeasure.wrap`
    (between words and CJK characters, never inside a word that fits a line) and drawn
    run by run with :class:`TextLayer`; no markup is parsed.

    reportlab's ``Paragraph`` sees text without spaces as one long word and cuts it
    where the line is full, so "老人、Helpful" in a narrow column broke as "…、H" /
    "elpful"; it also parsed every cell's markup, a fifth of a 5,000-card report.

    ``parts`` are paragraphs stacked in order, each ``(text, size, leading, colour)``
    (colour None: the style's); ``style`` (a ``ParagraphStyle``) gives alignment,
    colour and the space before and after. A block splits between lines across frames.
    """

    def __init__(self, fonts: PdfFonts, parts, style, lines=None):
        super().__init__()
        self.fonts, self.parts, self.style = fonts, list(parts), style
        self._lines = lines  # [(text, size, leading, colour)] once wrapped
        self._wrapped_at = None  # the width the lines were wrapped at (a split keeps its lines)
        self._fixed = lines is not None

    def wrap(self, avail_width, avail_height):
        if not self._fixed and self._wrapped_at != avail_width:
            lines = []
            for text, size, leading, color in self.parts:
                lines += [(line, size, leading, color) for line in TextMeasure(self.fonts, size).wrap(text, avail_width)]
            self._lines, self._wrapped_at = lines, avail_width
        self.width = avail_width
        self.height = sum(leading for _, _, leading, _ in self._lines)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        used, keep = 0.0, 0
        for _, _, leading, _ in self._lines:
            if used + leading > avail_height + 1e-6:
                break
            used += leading
            keep += 1
        if keep == len(self._lines):
            return [self]
        if keep == 0:
            return []
        first, rest = _with_spacing(self.style, after=0), _with_spacing(self.style, before=0)
        return [TextBlock(self.fonts, (), first, self._lines[:keep]), TextBlock(self.fonts, (), rest, self._lines[keep:])]

    def draw(self):
        layer = TextLayer(self.canv, self.fonts)
        style = self.style
        y = self.height
        for text, size, leading, color in self._lines:
            baseline = y - size  # as Paragraph: the first baseline one font size down
            y -= leading
            if not text:
                continue
            x = 0.0
            if style.alignment == TA_LEFT and starts_right_to_left(text):
                x = self.width - self.fonts.text_width(text, size)  # a right-to-left line starts on the right
            elif style.alignment in (TA_RIGHT, TA_CENTER):
                room = self.width - self.fonts.text_width(text, size)
                x = room if style.alignment == TA_RIGHT else room / 2
            layer.draw(x, baseline, text, size, color or style.textColor)
        layer.close()


def _with_spacing(style, *, before: float | None = None, after: float | None = None):
    """A copy of the ParagraphStyle ``style`` with other space before or after."""
    copy = ParagraphStyle(style.name + "-split", parent=style)
    if before is not None:
        copy.spaceBefore = before
    if after is not None:
        copy.spaceAfter = after
    return copy
