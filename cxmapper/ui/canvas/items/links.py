"""Links between cards: the routed ``LinkItem`` and its pens and arrow heads.

Routing itself lives in ``cxmapper/ui/canvas/linkroute.py``; an item only draws the
points it was given."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem

from cxmapper.model.document import LinkKind
from cxmapper.ui import names
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.items.base import (
    LINK_DETAIL_LOD,
    LINK_HIDE_LOD,
    Z_LINK,
    Z_LINK_STRONG,
    _NO_BRUSH,
    _NO_PEN,
    _overview_pen,
)


class LinkItem(QGraphicsItem):
    """An arrow from one card to another, styled by link kind.

    Faint by default, strong when ``set_emphasised`` (the links of the selected cards);
    the scene routes it along the grid's gutters with ``set_route``. ``set_ends`` draws a
    direct curve (the preview while a link is being drawn).
    """

    ARROW = 9.0
    ROUTE_ARROW = 7.0  # a routed arrow enters its card from a gutter one padding wide
    FAINT_ALPHA = 150
    CORNER = 5.0

    def __init__(self, link_id: str, kind: LinkKind, label: str = "", *, emphasised: bool = True):
        super().__init__()
        self.link_id = link_id
        self._emphasised = emphasised
        self._layer = None  # the parent when it paints its faint links in one pass (``LinkLayer``)
        self.kind = LinkKind(kind)
        self._label = label
        self._pen, self._head_brush, self._hairline = _link_look(self.kind, emphasised)
        self._route: list[tuple[float, float]] | None = None
        self._path = QPainterPath()
        self._path_stale = False
        self._head = QPolygonF()
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self._segments: list[tuple[float, float, float, float]] | None = None
        self.setZValue(Z_LINK)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # For option.exposedRect, the clip of paint() (see there).
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.updates = 0
        self._ends: tuple[QRectF, QRectF] | None = None

    def setParentItem(self, parent) -> None:  # noqa: N802
        """Into a link layer (the scene's way): both layers' one-pass pictures change."""
        if self._layer is not None:
            self._layer.links_changed()
        super().setParentItem(parent)
        self._layer = parent if hasattr(parent, "links_changed") else None
        self._changed()

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        super().setVisible(visible)
        self._changed()

    def _changed(self) -> None:
        if self._layer is not None:
            self._layer.links_changed()

    def set_kind(self, kind: LinkKind, label: str = "") -> None:
        self.kind = LinkKind(kind)
        self._label = label
        self._restyle()

    def toolTip(self) -> str:  # noqa: N802
        """The link's label, or its kind's name: written when asked (``JourneyScene.helpEvent``),
        not stored with ``setToolTip`` for every link of a map as it is built."""
        return self._label or names.link_kind_name(self.kind)

    def _restyle(self) -> None:
        self._pen, self._head_brush, self._hairline = _link_look(self.kind, self._emphasised)
        self.setZValue(Z_LINK_STRONG if self._emphasised else Z_LINK)
        self.update()
        self._changed()

    def set_emphasised(self, on: bool) -> None:
        if on != self._emphasised:
            self._emphasised = on
            self._restyle()

    @property
    def emphasised(self) -> bool:
        return self._emphasised

    def pen(self) -> QPen:
        return QPen(self._pen)

    def set_route(self, points: Sequence[tuple[float, float]]) -> None:
        """Draw the link along ``points`` (scene coordinates; the last is the arrow's tip).

        When every point moved by the same vertical offset (both cards' rows moved
        together below a row that grew), the item is only translated: one ``moveBy``
        instead of a new path (a 5,000-card map re-routes its links in ~25 ms, not ~70).
        """
        self.updates += 1
        points = list(points)
        old = self._route
        if old is not None and len(old) == len(points):
            dx, dy = points[0][0] - old[0][0], points[0][1] - old[0][1]
            if all(abs(p[0] - q[0] - dx) < 1e-6 and abs(p[1] - q[1] - dy) < 1e-6 for p, q in zip(points, old)):
                # (also sideways: its columns moved, a step added or removed before it)
                if dx or dy:
                    self.moveBy(dx, dy)
                    self._changed()
                self._route = points
                return
        self._route = points
        self._changed()
        self._ends = None
        self.setPos(0, 0)
        self.prepareGeometryChange()
        # The path and arrow head are built when first painted (``_ensure_path``): most
        # links of a big map are out of view when built or re-routed. The bounds come
        # from the points: the rounded corners stay inside their hull, the head within
        # its size of the tip.
        self._path_stale = True
        self._path_points = points  # item coordinates: the route as it was at pos (0, 0)
        self._shape = None
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        m = self.ROUTE_ARROW + 3
        self._bounds = QRectF(min(xs) - m, min(ys) - m, max(xs) - min(xs) + 2 * m, max(ys) - min(ys) + 2 * m)
        # Each segment's extent with the margin (item coordinates), for paint's test.
        self._segments = [
            (min(ax, bx) - m, min(ay, by) - m, max(ax, bx) + m, max(ay, by) + m)
            for (ax, ay), (bx, by) in zip(points, points[1:])
        ] or [(xs[0] - m, ys[0] - m, xs[0] + m, ys[0] + m)]

    def prepare_paint(self) -> None:
        """Build the path ahead of the first paint (the scene's idle preparation)."""
        self._ensure_path()

    def _ensure_path(self) -> None:
        if not self._path_stale:
            return
        self._path_stale = False
        points = self._path_points
        self._path = rounded_polyline(points, self.CORNER)
        tip = QPointF(*points[-1])
        before = QPointF(*points[-2]) if len(points) > 1 else tip
        angle = math.atan2(tip.y() - before.y(), tip.x() - before.x()) if before != tip else 0.0
        self._head = _arrow_head(tip, angle, self.ROUTE_ARROW)

    def local_route(self) -> list[tuple[float, float]]:
        """The points of the route in its layer's coordinates, as last set."""
        return list(self._route or ())

    def route(self) -> list[tuple[float, float]] | None:
        """The points of the route in scene coordinates (None before the first route)."""
        if self._route is None:
            return None
        parent = self.parentItem()  # the scene's per-row link layer, if any
        if parent is None:
            return list(self._route)
        origin = parent.scenePos()
        return [(x + origin.x(), y + origin.y()) for x, y in self._route]

    def set_ends(self, source: QRectF, target: QRectF) -> None:
        """Route the arrow between two card rectangles (scene coordinates).

        When both ends moved by the same vertical offset (their rows moved together
        below a row that grew), the arrow is only translated: one ``moveBy`` instead of
        a new path (a 5,000-card map re-routes its links in ~25 ms instead of ~70).
        """
        self.updates += 1
        if self._ends is not None:
            old_source, old_target = self._ends
            dy = source.top() - old_source.top()
            if (
                abs(target.top() - old_target.top() - dy) < 1e-6
                and source.size() == old_source.size()
                and target.size() == old_target.size()
                and source.left() == old_source.left()
                and target.left() == old_target.left()
            ):
                if dy:
                    self.moveBy(0, dy)
                self._ends = (QRectF(source), QRectF(target))
                return
        self._ends = (QRectF(source), QRectF(target))
        self._route = None
        self._segments = None
        self.setPos(0, 0)
        self.prepareGeometryChange()
        if source.right() < target.left():
            a = QPointF(source.right(), source.center().y())
            b = QPointF(target.left(), target.center().y())
            dx = (b.x() - a.x()) / 2
            c1, c2 = a + QPointF(dx, 0), b - QPointF(dx, 0)
        elif target.right() < source.left():
            a = QPointF(source.left(), source.center().y())
            b = QPointF(target.right(), target.center().y())
            dx = (a.x() - b.x()) / 2
            c1, c2 = a - QPointF(dx, 0), b + QPointF(dx, 0)
        else:  # same column: leave from the bottom or top
            down = target.center().y() >= source.center().y()
            a = QPointF(source.center().x(), source.bottom() if down else source.top())
            b = QPointF(target.center().x(), target.top() if down else target.bottom())
            dy = (b.y() - a.y()) / 2
            c1, c2 = a + QPointF(0, dy), b - QPointF(0, dy)
        path = QPainterPath(a)
        path.cubicTo(c1, c2, b)
        self._path_stale = False
        self._path = path
        self._shape = None
        angle = math.atan2(b.y() - c2.y(), b.x() - c2.x()) if c2 != b else 0.0
        self._head = _arrow_head(b, angle, self.ARROW)
        self._bounds = path.boundingRect().united(self._head.boundingRect()).adjusted(-3, -3, 3, 3)

    def path(self) -> QPainterPath:
        """The arrow's curve in scene coordinates."""
        self._ensure_path()
        return self.mapToScene(self._path)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(6)
            self._ensure_path()
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, painter, option, widget=None) -> None:
        # Without a clip, Qt's raster engine strokes the whole path, even the parts far
        # out of view; a link along a gutter may run the height of the map. Clipped to
        # the exposed part: 120 links at zoom 1 on 20,000 cards 18.3 ms -> 1.4 ms.
        if not self._emphasised and self._layer is not None and self._layer.one_pass:
            return  # the layer paints its faint links (LinkLayer.paint)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LINK_HIDE_LOD and not self._emphasised:
            return  # before building the path: most links of a big map are never drawn
        if lod < LINK_DETAIL_LOD and not self._emphasised:
            exposed = option.exposedRect
            if self._touches(exposed):
                painter.setClipRect(exposed)
                self._ensure_path()
                painter.setPen(self._hairline)
                painter.setBrush(_NO_BRUSH)
                painter.drawPath(self._path)
            return
        self.paint_detailed(painter, option.exposedRect)

    def paint_detailed(self, painter: QPainter, exposed: QRectF) -> None:
        """The link with its pen and arrow head, clipped to ``exposed`` (item coordinates)."""
        if not self._touches(exposed):
            return
        painter.setClipRect(exposed)
        self._ensure_path()
        painter.setPen(self._pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self._path)
        painter.setPen(_NO_PEN)
        painter.setBrush(self._head_brush)
        painter.drawPolygon(self._head)

    def _touches(self, rect: QRectF) -> bool:
        """Whether a segment of the route (with the arrow's margin) reaches into
        ``rect`` (item coordinates). Qt paints every link whose bounds meet the exposed
        rect, and a routed link's bounds are the box of an L or a U: after an edit of one
        card, most links painted under it ran elsewhere, and stroking them (clipped)
        was most of the repaint (undo at 5,000 cards: ~60 links a repaint, ~5 of them
        in the card's rect)."""
        segments = self._segments
        if segments is None:
            return True
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        for l, t, r, b in segments:
            if l <= right and r >= left and t <= bottom and b >= top:
                return True
        return False

    def hairline_pen(self) -> QPen:
        return self._hairline

    def add_hairline(self, path: QPainterPath) -> None:
        """Add the route to ``path`` (the parent's coordinates) as a plain polyline, as a
        layer draws it zoomed out (``LinkLayer``): its corners' radius is under two pixels
        there, and a rounded path cost three times as much to build in Python."""
        points = self._path_points if self._segments is not None else None
        pos = self.pos()
        if points is None:  # a direct curve (set_ends): its own path
            self._ensure_path()
            path.addPath(self._path.translated(pos))
            return
        dx, dy = pos.x(), pos.y()
        x, y = points[0]
        path.moveTo(x + dx, y + dy)
        for x, y in points[1:]:
            path.lineTo(x + dx, y + dy)


@lru_cache(maxsize=None)
def _link_look(kind: LinkKind, emphasised: bool) -> tuple[QPen, QBrush, QPen]:
    """(pen, arrow-head brush, zoomed-out hairline pen) of a link, shared by all links alike."""
    color = QColor(style.LINK_COLOR[kind])
    if emphasised:
        # Wider than 1.0 only for the few emphasised links: Qt strokes a wider
        # antialiased pen through a slow path (measured: 0.9 ms vs 0.05 ms per
        # map-long curve; 20× on a 5,000-card map if every link were wide).
        width = 2.0
    else:
        color.setAlpha(LinkItem.FAINT_ALPHA)
        width = 1.0
    pen = QPen(color, width, style.LINK_STYLE[kind])
    # A faint link is one device pixel at every zoom (cosmetic): scaled to 2 px at
    # zoom 2, 131 links took 30 ms of a 60 ms frame (the same slow path as above).
    pen.setCosmetic(not emphasised)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen, QBrush(color), _overview_pen(color.rgba())


def _arrow_head(tip: QPointF, angle: float, size: float) -> QPolygonF:
    return QPolygonF(
        [
            tip,
            tip - QPointF(size * math.cos(angle - 0.4), size * math.sin(angle - 0.4)),
            tip - QPointF(size * math.cos(angle + 0.4), size * math.sin(angle + 0.4)),
        ]
    )


def rounded_polyline(points: Sequence[tuple[float, float]], radius: float) -> QPainterPath:
    """A path through ``points`` with its corners rounded (radius capped by the segments).

    Plain float arithmetic: QPointF operators cost a Python call each (1,666 links).
    """
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by), (cx, cy) = points[i - 1], points[i], points[i + 1]
        d1 = math.hypot(bx - ax, by - ay)
        d2 = math.hypot(cx - bx, cy - by)
        r = min(radius, d1 / 2, d2 / 2)
        if r <= 0:
            path.lineTo(bx, by)
            continue
        f1, f2 = r / d1, r / d2
        path.lineTo(bx + (ax - bx) * f1, by + (ay - by) * f1)
        path.quadTo(bx, by, bx + (cx - bx) * f2, by + (cy - by) * f2)
    if len(points) > 1:
        path.lineTo(*points[-1])
    return path
