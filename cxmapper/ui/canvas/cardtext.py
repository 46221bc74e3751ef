"""Card text: wrapping, measuring and the card's inner geometry, cached per title.

``CardTextCache.measure`` is the ``Measure`` callback ``MapLayout`` calls, and
``CardItem`` paints the very same ``QTextLayout`` it measured, so a card is exactly as
tall as its text. Wrapping breaks at word boundaries and, for text without spaces
(Chinese, long URLs), anywhere. A title longer than ``MAX_TITLE_LINES`` is never cut
silently: its last visible line ends in an ellipsis and the card shows the full title
as a tooltip.

A card with metrics gets one or more lines of figures under its title (``metric_lines``,
wrapped at the " · " separators); ``measure`` counts them, so the layout makes room.

Trap: a layout is keyed by (title, width); the font is the cache's own. A scene that
changes font scale makes a new cache, never mutates the fonts of this one.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

from cxmapper.model.document import DEFAULT_ANALYSIS, KANO_KINDS, Card, CardKind
from cxmapper.ui.canvas.metricstext import SEPARATOR, card_metric_segments, has_metrics

MAX_TITLE_LINES = 8
ELLIPSIS = "\u2026"


class CardText:
    """One title laid out at one width.

    A title that fits on one line is only measured (``horizontalAdvance``, ~6× cheaper
    than a layout); its ``QTextLayout`` is made when the card is first painted, so a
    5,000-card map lays out only the cards that are ever on screen.
    """

    __slots__ = ("title", "width", "font", "_layout", "height", "truncated", "ellipsis_at", "reserve")

    def __init__(self, title: str, width: float, font, layout: QTextLayout | None, height: float,
                 truncated: bool = False, ellipsis_at: QPointF | None = None, reserve: float = 0.0):
        self.title = title
        self.width = width
        self.reserve = reserve  # kept free at the end of the first line (an inline badge)
        self.font = font
        self._layout = layout
        self.height = height
        self.truncated = truncated
        self.ellipsis_at = ellipsis_at  # top-left of the "…" after the last line, when truncated

    @property
    def layout(self) -> QTextLayout | None:
        """The laid-out title (None for an empty title)."""
        if self._layout is None and self.title:
            layout = QTextLayout(self.title, self.font)
            layout.setCacheEnabled(True)
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(self.width - self.reserve)
            line.setPosition(QPointF(0.0, 0.0))
            layout.endLayout()
            self._layout = layout
        return self._layout


def has_kano_badge(card: Card) -> bool:
    return card.kind in KANO_KINDS and getattr(card, "kano", None) is not None


def has_decor_row(card: Card) -> bool:
    """Whether the card needs a row above its title (channel icon, markers)."""
    return card.kind is CardKind.TOUCHPOINT or card.fail_point or card.wait_point or card.decision_point


def has_decorations(card: Card) -> bool:
    """Whether the card paints any decoration (channel icon, markers, Kano badge).

    A Kano badge alone sits at the end of the title's first line instead of taking a
    row of its own: pain points and opportunities stay one row shorter.
    """
    return has_decor_row(card) or has_kano_badge(card)


class CardTextCache:
    """Wrapped titles and the inner geometry of cards, for one set of fonts."""

    def __init__(self, fonts) -> None:
        self.fonts = fonts
        s = fonts.scale
        self.pad_x = 8.0 * s
        self.pad_y = 6.0 * s
        self.stripe = 4.0 * s  # the kind-coloured edge on the left
        self.decor_row = 18.0 * s
        self.icon = 14.0 * s
        self._metrics = QFontMetricsF(fonts.card)
        self._line_height = self._metrics.height()
        # Chinese comes from a fallback font with taller lines (16.4 vs 15.1 px at 13 px):
        # a one-line title is measured without a layout, so it needs that height too.
        self._cjk_line_height = max(
            self._line_height, self._metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), 0, "中文").height()
        )
        self._ellipsis_width = self._metrics.horizontalAdvance(ELLIPSIS)
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._cache: dict[tuple[str, float, float], CardText] = {}
        self._advances: dict[str, float] = {}  # per character, see fits_on_a_line
        # card id: (metrics, settings, width, metric_rows' answer), see metric_rows.
        self._metric_rows: dict[str, tuple] = {}
        self.badge_width = self.icon * 1.6
        self._inline_badge_reserve = self.badge_width + 6.0 * s
        # The map's conventions, for the metrics line; the scene keeps it current.
        self.settings = DEFAULT_ANALYSIS
        self._metric_metrics = QFontMetricsF(fonts.metrics)
        self.metric_line_height = self._metric_metrics.height()
        self.metric_gap = 4.0 * s
        self.layouts_made = 0  # wrapped titles laid out when measured, for measurements

    @property
    def line_height(self) -> float:
        return self._line_height

    def text_width(self, card_width: float) -> float:
        return max(10.0, card_width - 2 * self.pad_x - self.stripe)

    def text_top(self, card: Card) -> float:
        return self.pad_y + (self.decor_row if has_decor_row(card) else 0.0)

    def inline_badge(self, card: Card) -> bool:
        """Whether the Kano badge sits on the title's first line (no decoration row)."""
        return has_kano_badge(card) and not has_decor_row(card)

    def card_text(self, card: Card, width: float) -> CardText:
        """The card's title at ``width``, with room for an inline badge when it has one."""
        return self.text(card.title, width, self._inline_badge_reserve if self.inline_badge(card) else 0.0)

    def measure(self, card: Card, card_width: float) -> float:
        """The height ``card`` needs at ``card_width`` (``MapLayout``'s Measure)."""
        width = self.text_width(card_width)
        decor = has_decor_row(card)  # text_top and inline_badge, asked once
        reserve = self._inline_badge_reserve if not decor and has_kano_badge(card) else 0.0
        height = self.pad_y + (self.decor_row if decor else 0.0) + self.text(card.title, width, reserve).height
        if card.metrics is not None:
            height += self.metrics_height(card, width)
        return height + self.pad_y

    def metric_lines(self, card: Card, width: float) -> tuple[list[str], str]:
        """(lines, problem): the card's metrics wrapped at the separators into ``width``.

        A segment wider than the line (a long problem message) is wrapped by words when
        painted: ``metric_block`` measures exactly what ``CardItem`` draws.
        """
        rows, problem = self.metric_rows(card, width)
        return [line for line, _ in rows], problem

    def metric_rows(self, card: Card, width: float) -> tuple[tuple[tuple[str, float], ...], str]:
        """(rows, problem): ``metric_lines`` with each line's height (``metric_block``).

        Kept per card while its metrics object, the analysis settings and the width
        stay the same (the editor replaces a card's metrics, never mutates them): the
        layout measures a card and its ``CardItem`` then shows the very same lines, so
        a map is wrapped and measured once on opening, not twice.
        """
        if not has_metrics(card):
            return (), ""
        metrics = card.metrics
        kept = self._metric_rows.get(card.id)
        if kept is not None and kept[0] is metrics and kept[1] is self.settings and kept[2] == width:
            return kept[3]
        segments, problem = card_metric_segments(card, self.settings)
        lines = pack_segments(segments, self._metric_metrics, width)
        rows = tuple((line, self.metric_block([line], width)) for line in lines), problem
        self._metric_rows[card.id] = (metrics, self.settings, width, rows)
        return rows

    def metrics_height(self, card: Card, width: float) -> float:
        rows, _ = self.metric_rows(card, width)
        if not rows:
            return 0.0
        return self.metric_gap + sum(height for _, height in rows)

    def metric_block(self, lines: list[str], width: float) -> float:
        """Height of the wrapped metric lines (word-wrapped, as painted)."""
        total = 0.0
        for line in lines:
            if self._metric_metrics.horizontalAdvance(line) <= width:
                total += self.metric_line_height
            else:
                total += self._metric_metrics.boundingRect(
                    QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), line
                ).height()
        return total

    def text(self, title: str, width: float, reserve: float = 0.0) -> CardText:
        key = (title, width, reserve)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._lay_out(title, width, reserve)
        return cached

    def forget(self, title: str, width: float) -> None:
        """Drop the layouts of a title no card uses any more (after a retitle)."""
        for reserve in (0.0, self._inline_badge_reserve):
            self._cache.pop((title, width, reserve), None)

    def fits_on_a_line(self, title: str, width: float) -> bool:
        """Whether ``title`` is at most ``width`` wide on one line (``horizontalAdvance``).

        Mostly answered from the characters' own advances, kept per character: shaping
        a title costs ~7 us, summing its characters ~1 us. Only a sum clearly on one
        side of ``width`` decides (kerning and ligatures make a line a little narrower
        than its characters, never 3 % wider, nor 20 % narrower); characters that
        shaping may change (combining marks, other scripts, controls) have no advance
        here, and the title is measured whole, as is any title near the edge.
        """
        advances = self._advances
        try:
            total = sum(map(advances.__getitem__, title))
        except KeyError:
            for ch in set(title).difference(advances):
                advances[ch] = self._metrics.horizontalAdvance(ch) if _plain(ch) else math.inf
            total = sum(map(advances.__getitem__, title))
        if total <= width * 0.97 - 1.0:
            return True
        if width * 1.25 + 2.0 < total < math.inf:
            return False
        return self._metrics.horizontalAdvance(title) <= width

    def _lay_out(self, title: str, width: float, reserve: float = 0.0) -> CardText:
        font = self.fonts.card
        if not title:
            return CardText(title, width, font, None, self._line_height, reserve=reserve)
        if "\n" not in title and self.fits_on_a_line(title, width - reserve):
            # One line: lazy layout.
            height = self._cjk_line_height if any(ch >= "\u2e80" for ch in title) else self._line_height
            return CardText(title, width, font, None, height, reserve=reserve)
        self.layouts_made += 1
        layout = QTextLayout(title, font)
        layout.setTextOption(self._option)
        layout.setCacheEnabled(True)
        length = len(title.encode("utf-16-le")) // 2  # Qt counts UTF-16 units
        y = 0.0
        truncated = False
        ellipsis_at = None
        layout.beginLayout()
        for number in range(1, MAX_TITLE_LINES + 1):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width - reserve if number == 1 else width)
            if number == MAX_TITLE_LINES and line.textStart() + line.textLength() < length:
                # More text than fits: shorten the last line to leave room for "…".
                line.setLineWidth(width - self._ellipsis_width)
                truncated = True
                ellipsis_at = QPointF(line.naturalTextWidth(), y)
            line.setPosition(QPointF(0.0, y))
            y += line.height()
        layout.endLayout()
        return CardText(title, width, font, layout, max(y, self._line_height), truncated, ellipsis_at, reserve)


#: Code points whose advance on a line is their own (no shaping across characters but
#: kerning): Latin, general punctuation, CJK punctuation, kana, ideographs, full width.
_PLAIN_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),  # not the soft hyphen
    (0xAE, 0x24F),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x3000, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF60),
)


def _plain(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _PLAIN_RANGES)


def pack_segments(segments: list[str], metrics: QFontMetricsF, width: float) -> list[str]:
    """Join ``segments`` with the separator, starting a new line where one would overflow."""
    lines: list[str] = []
    for segment in segments:
        if lines and metrics.horizontalAdvance(lines[-1] + SEPARATOR + segment) <= width:
            lines[-1] += SEPARATOR + segment
        else:
            lines.append(segment)
    return lines
