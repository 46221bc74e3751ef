"""Card text: wrapping, measuring and the card's inner geometry, cached per title.

``CardTextCache.measure`` is the ``Measure`` callback ``MapLayout`` calls, and
``CardItem`` paints the very same ``QTextLayout`` it measured, so a card is exactly as
tall as its text. Wrapping breaks at word boundaries and, for text without spaces
(Chinese, long URLs), anywhere. A title longer than ``MAX_TITLE_LINES`` is never cut
silently: its last visible line ends in an ellipsis and the card shows the full title
as a tooltip.

Trap: a layout is keyed by (title, width); the font is the cache's own. A scene that
changes font scale makes a new cache, never mutates the fonts of this one.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

from cxmapper.model.document import KANO_KINDS, Card, CardKind

MAX_TITLE_LINES = 8
ELLIPSIS = "\u2026"


class CardText:
    """One title laid out at one width.

    A title that fits on one line is only measured (``horizontalAdvance``, ~6× cheaper
    than a layout); its ``QTextLayout`` is made when the card is first painted, so a
    5,000-card map lays out only the cards that are ever on screen.
    """

    __slots__ = ("title", "width", "font", "_layout", "height", "truncated", "ellipsis_at")

    def __init__(self, title: str, width: float, font, layout: QTextLayout | None, height: float,
                 truncated: bool = False, ellipsis_at: QPointF | None = None):
        self.title = title
        self.width = width
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
            line.setLineWidth(self.width)
            line.setPosition(QPointF(0.0, 0.0))
            layout.endLayout()
            self._layout = layout
        return self._layout


def has_decorations(card: Card) -> bool:
    """Whether the card needs its top row (channel icon, markers, Kano badge)."""
    return (
        card.kind is CardKind.TOUCHPOINT
        or card.fail_point
        or card.wait_point
        or card.decision_point
        or (card.kind in KANO_KINDS and getattr(card, "kano", None) is not None)
    )


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
        self._ellipsis_width = self._metrics.horizontalAdvance(ELLIPSIS)
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._cache: dict[tuple[str, float], CardText] = {}
        self.layouts_made = 0  # wrapped titles laid out when measured, for measurements

    def text_width(self, card_width: float) -> float:
        return max(10.0, card_width - 2 * self.pad_x - self.stripe)

    def text_top(self, card: Card) -> float:
        return self.pad_y + (self.decor_row if has_decorations(card) else 0.0)

    def measure(self, card: Card, card_width: float) -> float:
        """The height ``card`` needs at ``card_width`` (``MapLayout``'s Measure)."""
        text = self.text(card.title, self.text_width(card_width))
        return self.text_top(card) + text.height + self.pad_y

    def text(self, title: str, width: float) -> CardText:
        key = (title, width)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._lay_out(title, width)
        return cached

    def forget(self, title: str, width: float) -> None:
        """Drop a layout no card uses any more (after a retitle)."""
        self._cache.pop((title, width), None)

    def _lay_out(self, title: str, width: float) -> CardText:
        font = self.fonts.card
        if not title:
            return CardText(title, width, font, None, self._line_height)
        if "\n" not in title and self._metrics.horizontalAdvance(title) <= width:
            return CardText(title, width, font, None, self._line_height)  # one line: lazy layout
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
            line.setLineWidth(width)
            if number == MAX_TITLE_LINES and line.textStart() + line.textLength() < length:
                # More text than fits: shorten the last line to leave room for "…".
                line.setLineWidth(width - self._ellipsis_width)
                truncated = True
                ellipsis_at = QPointF(line.naturalTextWidth(), y)
            line.setPosition(QPointF(0.0, y))
            y += line.height()
        layout.endLayout()
        return CardText(title, width, font, layout, max(y, self._line_height), truncated, ellipsis_at)
