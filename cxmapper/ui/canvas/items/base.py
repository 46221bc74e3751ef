"""z values, levels of detail and the pens and brushes the item families share."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from cxmapper.ui.canvas import style


Z_LINK = -1.0  # under the rows, so under the cards (the grid is the background)
Z_ROW = 0.0
Z_LINK_STRONG = 1.5  # the selected cards' links: over the rows, under the headers
Z_HEADER = 2.0
Z_LINE = 3.0
Z_CELL_MARK = 5.0
Z_DIM = 8.0
Z_DRAG = 9.0
Z_EDITOR = 10.0

# Level of detail (scale of the item on the device, ``levelOfDetailFromTransform``).
# Below CARD_DETAIL_LOD a card is a filled rectangle with its accent border: its text
# is a few pixels high and unreadable, and 20,000 cards of laid-out text took 1.7 s a
# frame at zoom 0.1. Below LINK_DETAIL_LOD links are plain hairlines (no arrow head,
# no dashes); below LINK_HIDE_LOD they are not drawn at all (a grey haze otherwise).
CARD_DETAIL_LOD = 0.4
LINK_DETAIL_LOD = 0.4
LINK_HIDE_LOD = 0.25

_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
_SELECTION_PEN = QPen(style.SELECTION, 2.5)
_HIGHLIGHT_PEN = QPen(style.HIGHLIGHT, 5.0)
_TEXT_PEN = QPen(style.HEADER_TEXT)
_MUTED_PEN = QPen(style.MUTED_TEXT)
_WHITE_PEN = QPen(QColor("white"))
_GRID_PEN = QPen(style.GRID_LINE, 1.0)
_STEP_FILL = QBrush(QColor("#f3f4f6"))
_LABEL_PEN = QPen(style.BLUEPRINT_LINE, 1.0)
_WHITE_BRUSH = QBrush(QColor("white"))
_METRICS_PEN = QPen(style.METRICS_TEXT)
_CARD_BOUNDS_PEN = QPen(QColor(0, 0, 0, 0), 8.0)  # never drawn: 2 × CardItem.MARGIN
_PROBLEM_PEN = QPen(style.FAIL)
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
# A dragged card's opacity (0.35, ``interactions``) as the zoomed-out overview shows it:
# white at 1 − 0.35 over the card, its border included (a one-pixel cosmetic pen).
_FADE_COLOR = QColor(255, 255, 255, round(255 * (1 - 0.35)))
_FADE_BRUSH = QBrush(_FADE_COLOR)
_FADE_PEN = QPen(_FADE_COLOR, 0)
_FADE_PEN.setCosmetic(True)


_LEFT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_CENTRED = Qt.AlignmentFlag.AlignCenter
_WRAPPED_TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


@lru_cache(maxsize=None)
def _overview_pen(rgba: int) -> QPen:
    """A solid one-pixel (cosmetic) pen: the cheapest stroke Qt has, for the zoomed-out map."""
    pen = QPen(QColor.fromRgba(rgba), 0)
    pen.setCosmetic(True)
    return pen
