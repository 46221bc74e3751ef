"""Small vector icons drawn with QPainter: channels and the blueprint markers.

Each icon is a ``QPainterPath`` in a 16×16 box, built once; ``placed_icon`` scales it
into any square with its pen. No icon files, so the icons scale with the presentation mode and look
the same on screen, in a PNG and in print.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QTransform

from cxmapper.model.document import Channel

ICON_BOX = 16.0


def _globe() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QRectF(1.5, 1.5, 13, 13))
    p.addEllipse(QRectF(5, 1.5, 6, 13))
    p.moveTo(1.5, 8)
    p.lineTo(14.5, 8)
    return p


def _app() -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(3.5, 1, 9, 14), 2, 2)
    for x in (5.5, 8.5):
        for y in (4, 7):
            p.addRect(QRectF(x, y, 2, 2))
    p.moveTo(7, 12.5)
    p.lineTo(9, 12.5)
    return p


def _store() -> QPainterPath:
    p = QPainterPath()
    p.moveTo(1.5, 6)
    p.lineTo(3, 2)
    p.lineTo(13, 2)
    p.lineTo(14.5, 6)
    p.closeSubpath()
    p.addRect(QRectF(2.5, 6, 11, 8.5))
    p.addRect(QRectF(6.5, 9.5, 3, 5))
    return p


def _phone() -> QPainterPath:
    # A handset: two ear/mouth pieces joined by a curved grip.
    p = QPainterPath()
    p.moveTo(3, 2)
    p.lineTo(6, 2)
    p.lineTo(7, 5.5)
    p.lineTo(5, 6.5)
    p.cubicTo(5.8, 8.5, 7.5, 10.2, 9.5, 11)
    p.lineTo(10.5, 9)
    p.lineTo(14, 10)
    p.lineTo(14, 13)
    p.cubicTo(7, 14.5, 1.5, 9, 3, 2)
    p.closeSubpath()
    return p


def _email() -> QPainterPath:
    p = QPainterPath()
    p.addRect(QRectF(1.5, 3.5, 13, 9))
    p.moveTo(1.5, 3.5)
    p.lineTo(8, 9)
    p.lineTo(14.5, 3.5)
    return p


def _chat() -> QPainterPath:
    p = QPainterPath()
    p.moveTo(3, 2)
    p.lineTo(13, 2)
    p.quadTo(14.5, 2, 14.5, 3.5)
    p.lineTo(14.5, 9.5)
    p.quadTo(14.5, 11, 13, 11)
    p.lineTo(7, 11)
    p.lineTo(3.5, 14)
    p.lineTo(4, 11)
    p.lineTo(3, 11)
    p.quadTo(1.5, 11, 1.5, 9.5)
    p.lineTo(1.5, 3.5)
    p.quadTo(1.5, 2, 3, 2)
    return p


def _social() -> QPainterPath:
    p = QPainterPath()
    for cx, cy in ((4, 8), (12, 3.5), (12, 12.5)):
        p.addEllipse(QPointF(cx, cy), 2.2, 2.2)
    p.moveTo(6, 7)
    p.lineTo(10, 4.5)
    p.moveTo(6, 9)
    p.lineTo(10, 11.5)
    return p


def _other() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QRectF(1.5, 1.5, 13, 13))
    for cx in (5, 8, 11):
        p.addEllipse(QPointF(cx, 8), 0.8, 0.8)
    return p


def _fail() -> QPainterPath:
    # A warning triangle with an exclamation mark.
    p = QPainterPath()
    p.moveTo(8, 1.5)
    p.lineTo(15, 14.5)
    p.lineTo(1, 14.5)
    p.closeSubpath()
    p.moveTo(8, 6)
    p.lineTo(8, 10)
    p.addEllipse(QPointF(8, 12.3), 0.6, 0.6)
    return p


def _wait() -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QRectF(1.5, 1.5, 13, 13))
    p.moveTo(8, 4)
    p.lineTo(8, 8)
    p.lineTo(11, 10)
    return p


def _decision() -> QPainterPath:
    p = QPainterPath()
    p.moveTo(8, 1)
    p.lineTo(15, 8)
    p.lineTo(8, 15)
    p.lineTo(1, 8)
    p.closeSubpath()
    p.moveTo(6.3, 6.3)
    p.quadTo(8, 4, 9.7, 6.3)
    p.quadTo(10.3, 7.5, 8, 8.8)
    p.lineTo(8, 10)
    p.addEllipse(QPointF(8, 12), 0.5, 0.5)
    return p


_CHANNEL_BUILDERS = {
    Channel.WEB: _globe,
    Channel.APP: _app,
    Channel.STORE: _store,
    Channel.PHONE: _phone,
    Channel.EMAIL: _email,
    Channel.CHAT: _chat,
    Channel.SOCIAL: _social,
    Channel.OTHER: _other,
}
_MARKER_BUILDERS = {"fail": _fail, "wait": _wait, "decision": _decision}


@lru_cache(maxsize=None)
def channel_path(channel: Channel) -> QPainterPath:
    return _CHANNEL_BUILDERS[Channel(channel)]()


@lru_cache(maxsize=None)
def marker_path(marker: str) -> QPainterPath:
    """``marker`` is "fail", "wait" or "decision"."""
    return _MARKER_BUILDERS[marker]()


@lru_cache(maxsize=None)
def _icon_pen(rgb: int, width: float) -> QPen:
    pen = QPen(QColor.fromRgb(rgb), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def placed_icon(path: QPainterPath, rect: QRectF, color: QColor) -> tuple[QPainterPath, QPen]:
    """``path`` (a 16×16 icon) mapped into the square ``rect``, and the pen to stroke it
    with: one ``drawPath``, where scaling the painter cost a save, translate, scale and
    restore each time (a card keeps its placed icons, see ``CardItem``)."""
    s = rect.width() / ICON_BOX
    return QTransform(s, 0, 0, s, rect.x(), rect.y()).map(path), _icon_pen(color.rgb(), 1.4 * s)
