"""Emotion curves: the points (dragged by ``interactions``), the smoothed curve and the axis."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from cxmapper.ui.canvas.emotion_axis import scale_is_signed, score_label
from cxmapper.ui.canvas.items.base import _MUTED_PEN, _NO_BRUSH


def smooth_path(points: Sequence[QPointF]) -> QPainterPath:
    """A smooth curve through ``points`` (Catmull-Rom turned into cubic Béziers)."""
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(points[0])
    n = len(points)
    for i in range(n - 1):
        p0 = points[i - 1] if i > 0 else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < n else p2
        c1 = p1 + (p2 - p0) / 6.0
        c2 = p2 - (p3 - p1) / 6.0
        # Keep the control points within the two scores, so the curve never overshoots
        # above the scale's top or below its bottom between two points.
        lo, hi = min(p1.y(), p2.y()), max(p1.y(), p2.y())
        c1.setY(min(max(c1.y(), lo), hi))
        c2.setY(min(max(c2.y(), lo), hi))
        path.cubicTo(c1, c2, p2)
    return path


class EmotionPointItem(QGraphicsEllipseItem):
    """A draggable point of an emotion curve (a child of its curve).

    A ``QGraphicsEllipseItem``: bounds and painting in C++. A Python ``paint`` and
    ``boundingRect`` for each of the ~400 points in view at zoom 0.1 on a
    20,000-card map cost ~10 ms a frame.
    """

    RADIUS = 5.0

    def __init__(self, persona_id: str, curve: str, step_id: str, score: int, reason: str, color: QColor, parent):
        r = self.RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r, parent)
        self.persona_id = persona_id
        self.curve = curve
        self.step_id = step_id
        self.score = score
        self.reason = reason
        brush, pen = _point_look(color.rgba(), curve == "to_be")
        self.setBrush(brush)
        self.setPen(pen)
        self.setCursor(Qt.CursorShape.SizeVerCursor)

    def toolTip(self) -> str:  # noqa: N802
        """The score and its reason, written when asked (``JourneyScene.helpEvent``)."""
        return f"{self.score:+d}" + (f" — {self.reason}" if self.reason else "")


@lru_cache(maxsize=None)
def _point_look(rgba: int, to_be: bool) -> tuple[QBrush, QPen]:
    """(brush, pen) of a curve's points, shared: as-is points are filled, to-be points
    are rings, like their dashed line."""
    color = QColor.fromRgba(rgba)
    if to_be:
        return QBrush(QColor("white")), QPen(color, 2.0)
    return QBrush(color), QPen(QColor("white"), 1.5)


class EmotionCurveItem(QGraphicsItem):
    """One persona's curve (as-is or to-be) in one emotion lane; a child of the row.

    ``points`` are (step id, x, y relative to the row, score, reason) in step order,
    with None for a step without a point: the curve has a gap there.
    """

    def __init__(self, persona_id: str, curve: str, color: QColor, parent):
        super().__init__(parent)
        self.persona_id = persona_id
        self.curve = curve
        self.color = color
        dash = Qt.PenStyle.DashLine if curve == "to_be" else Qt.PenStyle.SolidLine
        self._pen = QPen(color, 2.5, dash)
        # Round caps would turn the to-be dashes into beads.
        self._pen.setCapStyle(Qt.PenCapStyle.FlatCap if curve == "to_be" else Qt.PenCapStyle.RoundCap)
        self._path = QPainterPath()
        self._points: list = []
        self.handles: list[EmotionPointItem] = []
        self.setZValue(1.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_points(self, points: Sequence[tuple[str, float, float, int, str] | None]) -> None:
        """Show ``points``. A point whose step, score and reason are unchanged keeps its
        handle (moved if its column or row moved): a step added or removed moved or
        dropped a few handles instead of making ~550 anew on 5,000 cards."""
        points = list(points)
        old = {(h.step_id, h.score, h.reason): h for h in self.handles}
        handles = []
        for p in points:
            if p is None:
                continue
            step_id, x, y, score, reason = p
            handle = old.pop((step_id, score, reason), None)
            if handle is None:
                handle = EmotionPointItem(self.persona_id, self.curve, step_id, score, reason, self.color, self)
                handle.setPos(x, y)
            elif handle.x() != x or handle.y() != y:
                handle.setPos(x, y)
            handles.append(handle)
        scene = self.scene()
        for handle in old.values():
            if scene is not None:
                scene.removeItem(handle)
            handle.setParentItem(None)
        self.handles = handles
        self._points = points
        self._segments_from(points)

    def _segments_from(self, points) -> None:
        self.prepareGeometryChange()
        path = QPainterPath()
        run: list[QPointF] = []
        for p in list(points) + [None]:
            if p is None:
                if len(run) > 1:
                    path.addPath(smooth_path(run))
                run = []
            else:
                run.append(QPointF(p[1], p[2]))
        self._path = path

    def preview(self, moved: EmotionPointItem, y: float) -> None:
        """Redraw the curve with one handle at ``y`` (during a drag; nothing is saved)."""
        moved.setY(y)
        points = [
            (p[0], p[1], y, p[3], p[4]) if p is not None and p[0] == moved.step_id else p
            for p in self._points
        ]
        self._segments_from(points)
        self.update()

    def path(self) -> QPainterPath:
        return QPainterPath(self._path)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._path.boundingRect().adjusted(-3, -3, 3, 3)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self._path)


class EmotionAxisItem(QGraphicsItem):
    """The scale's grid lines and numbers in an emotion lane (a child of the row)."""

    def __init__(self, x0: float, x1: float, levels: Sequence[tuple[int, float]], neutral_y: float, fonts, parent):
        super().__init__(parent)
        self._x0, self._x1 = x0, x1
        self._levels = list(levels)
        self._neutral = neutral_y
        self._fonts = fonts
        self._pen = QPen(QColor("#e5e7eb"), 1.0, Qt.PenStyle.DotLine)
        self._neutral_pen = QPen(QColor("#9ca3af"), 1.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(3.0)  # the numbers sit over the lane header's right edge
        ys = [y for _, y in self._levels]
        self._rect = QRectF(x0 - 30, min(ys) - 8, x1 - x0 + 30, max(ys) - min(ys) + 16)

    def set_right(self, x1: float) -> None:
        """The grid's right edge moved (a step came or went)."""
        if x1 != self._x1:
            self.prepareGeometryChange()
            self._rect.setWidth(x1 - self._x0 + 30)
            self._x1 = x1

    @property
    def right(self) -> float:
        return self._x1

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.setFont(self._fonts.lane_kind)
        signed = scale_is_signed(score for score, _ in self._levels)  # 1 … 5 reads unsigned
        for score, y in self._levels:
            painter.setPen(self._pen)
            painter.drawLine(QLineF(self._x0, y, self._x1, y))
            painter.setPen(_MUTED_PEN)
            painter.drawText(
                QRectF(self._x0 - 28, y - 7, 24, 14),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                score_label(score, signed),
            )
        painter.setPen(self._neutral_pen)
        painter.drawLine(QLineF(self._x0, self._neutral, self._x1, self._neutral))
