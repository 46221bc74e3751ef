"""Frozen panes: the lane column and the stage/step header rows stay in view.

As a spreadsheet freezes its first column and rows, the view keeps the lane names on
the left and the stage and step headers on top while the map scrolls under them, at
any zoom, in the editor and in workshop mode. They are painted by the view over the
scene (``JourneyView.drawForeground``) from the scene itself: the same header items,
rendered again at the window's edge, so they look exactly like the headers they stand
for. Only what scrolled away is repeated: at the top left of the map nothing changes.

A click, double-click or context menu on a frozen header goes to the real header
(``scene_point``): the scene sees the event at the header's own place, so selecting,
renaming and the header menus work as on the headers themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsScene, QStyleOptionGraphicsItem

from cxmapper.ui.canvas.emotion_legend import EmotionLegendItem
from cxmapper.ui.canvas.items import EmotionAxisItem

#: What a row draws in the lane column besides its header.
COLUMN_PARTS = (EmotionAxisItem, EmotionLegendItem)

#: The line under the frozen header rows and beside the frozen lane column.
EDGE = QColor(0, 0, 0, 70)


@dataclass(frozen=True)
class Bands:
    """Where the frozen panes are, in viewport pixels (0 wide/high: not frozen now)."""

    left: float  # the lane column's width on screen
    top: float  # the header rows' height on screen
    shown: QRectF  # the part of the scene the viewport shows

    def holds(self, pos: QPointF) -> bool:
        return (0 <= pos.x() < self.left) or (0 <= pos.y() < self.top)


def bands(view) -> Bands | None:
    """The frozen bands of ``view`` now, None when there is nothing to freeze (no
    journey scene, or the headers are in their own place already)."""
    scene = view.scene()
    layout = getattr(scene, "layout", None)
    if layout is None or not hasattr(layout, "style"):
        return None
    style = layout.style
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    scale = view.transform().m11()
    # Only what scrolled (partly) away: the part still in place needs no copy.
    left = style.lane_header_width * scale if shown.left() > 0.5 else 0.0
    top = style.grid_top * scale if shown.top() > 0.5 else 0.0
    if not left and not top:
        return None
    return Bands(left, top, shown)


def paint(view, painter: QPainter) -> None:
    """Paint the frozen bands over what the view painted (call from drawForeground)."""
    found = bands(view)
    if found is None:
        return
    scene = view.scene()
    style = scene.layout.style
    shown, scale = found.shown, view.transform().m11()
    width, height = view.viewport().width(), view.viewport().height()
    painter.save()
    painter.resetTransform()  # viewport pixels from here on
    background = scene.backgroundBrush() if scene.backgroundBrush().style() != Qt.BrushStyle.NoBrush else QColor("white")
    pieces = []
    if found.top:  # the header rows over the columns shown
        pieces.append((QRectF(0, 0, width, found.top), QRectF(shown.left(), 0, width / scale, style.grid_top)))
    if found.left:  # the lane column over the rows shown
        pieces.append((QRectF(0, 0, found.left, height), QRectF(0, shown.top(), style.lane_header_width, height / scale)))
    if found.top and found.left:  # the corner: the map's own top left
        pieces.append((QRectF(0, 0, found.left, found.top), QRectF(0, 0, style.lane_header_width, style.grid_top)))
    for n, (target, source) in enumerate(pieces):
        painter.fillRect(target, background)
        if found.left and n == (1 if found.top else 0):
            _paint_lane_column(scene, painter, target, source)
        else:
            # The base class's render: the journey scene's own routes every link first.
            QGraphicsScene.render(scene, painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    if found.left:
        _paint_stage_names(scene, painter, found, scale)
    painter.setPen(QPen(EDGE, 1))
    if found.top:
        painter.drawLine(QPointF(0, found.top), QPointF(width, found.top))
    if found.left:
        painter.drawLine(QPointF(found.left, 0), QPointF(found.left, height))
    painter.restore()


def _paint_lane_column(scene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    """The lane column: each lane header and what its row draws in it (the emotion
    axis's numbers, the personas' legend), painted item by item. Not the scene's
    render: it paints every child of a row it meets, all the cards of the rows in
    view (834 card paints, 23 ms a frame at 5,000 cards, for a column with no card)."""
    headers = getattr(scene, "_lane_headers", None)
    if headers is None:  # not a journey scene as we know it: the general way
        QGraphicsScene.render(scene, painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        return
    scale = target.width() / source.width()
    to_target = QTransform(scale, 0, 0, scale, target.left() - source.left() * scale, target.top() - source.top() * scale)
    option = QStyleOptionGraphicsItem()
    painter.save()
    painter.setClipRect(target)
    shown = [h for h in headers.values() if h.isVisible() and h.sceneBoundingRect().intersects(source)]
    items = list(shown)
    for header in shown:
        row = header.parentItem()
        for child in row.childItems() if row is not None else ():
            if isinstance(child, COLUMN_PARTS) and child.isVisible():
                items.append(child)
    for item in sorted(items, key=lambda i: i.zValue()):
        painter.setTransform(item.sceneTransform() * to_target)
        item.paint(painter, option, None)
    painter.restore()


def _paint_stage_names(scene, painter: QPainter, found: Bands, scale: float) -> None:
    """The stage that starts left of the frozen lane column: its band again from the
    column's edge, with its name there (``StageHeaderItem.paint_from``)."""
    headers = getattr(scene, "_stage_headers", None)
    if not headers:
        return
    shown = found.shown
    edge = shown.left() + found.left / scale  # the scene x at the lane column's right edge
    top = 0.0 if found.top else shown.top()  # frozen rows show the scene's top; else it is in place
    to_viewport = QTransform(scale, 0, 0, scale, -shown.left() * scale, -top * scale)
    painter.save()
    painter.setClipRect(QRectF(found.left, 0, painter.device().width(), painter.device().height()))
    for header in headers.values():
        rect = header.sceneBoundingRect()
        if header.isVisible() and rect.left() < edge < rect.right():
            painter.setTransform(header.sceneTransform() * to_viewport)
            header.paint_from(painter, header.mapFromScene(QPointF(edge, 0)).x())
            veil = getattr(scene, "_dims", {}).get(header.stage_id)  # workshop mode: not the stage in focus
            if veil is not None and veil.isVisible():
                painter.setTransform(to_viewport)
                painter.fillRect(QRectF(edge, rect.top(), rect.right() - edge, rect.height()), veil._brush)
    painter.restore()


def scene_point(view, pos: QPointF) -> QPointF | None:
    """The scene point of the real header under a frozen one at viewport ``pos``; None
    when ``pos`` is not on a frozen band (the event goes where it was)."""
    found = bands(view)
    if found is None or not found.holds(pos):
        return None
    scale = view.transform().m11()
    shown = found.shown
    x = pos.x() / scale if pos.x() < found.left else shown.left() + pos.x() / scale
    y = pos.y() / scale if pos.y() < found.top else shown.top() + pos.y() / scale
    return QPointF(x, y)
