"""``JourneyView``: the widget that shows a ``JourneyScene`` — zoom, pan, rubber band.

Zoom: Ctrl+wheel (around the mouse), a pinch on a touchpad or screen, and
``zoom_in``/``zoom_out``/``zoom_fit``/``zoom_reset`` for the shell's actions. Pan: the
scroll bars, the wheel, a middle-button drag, or holding Space and dragging. A left
drag on empty canvas draws a rubber band (Ctrl adds to the selection).

Frozen panes (``frozen.py``): the lane column and the header rows stay at the window's
edges while the map scrolls and zooms; a press on them goes to the real header.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QPinchGesture

from cxmapper.ui import activity
from cxmapper.ui.canvas import emotion_hints, frozen

MIN_ZOOM = 0.1
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25


class JourneyView(QGraphicsView):
    #: The zoom factor changed (1.0 = 100 %).
    zoom_changed = Signal(float)

    def __init__(self, scene=None, parent=None):
        super().__init__(parent)
        if scene is not None:
            self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Repaint the rect around the changed parts (a retitle repaints one card, not the
        # window), not their region: under a clip of several rects Qt strokes a whole
        # hairline pixel by pixel however little of it shows (a link 3,000 px long:
        # 216 us, 8 us under one rect); an undo at 5,000 cards repaints 3–4 rects
        # (the card, its stage header) and stroked ~11 links through it.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setMouseTracking(True)  # the "+" of a new emotion point follows the pointer
        self._zoom = 1.0
        self.frozen_panes = True  # the lane column and header rows stay in view
        self._pressed_on_frozen = False
        self._space_held = False
        self._panning_from: QPointF | None = None

    # -- zoom -------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if abs(factor - self._zoom) < 1e-9:
            return
        old_anchor = self.transformationAnchor()
        if anchor is not None:
            self.setTransformationAnchor(anchor)
        self.scale(factor / self._zoom, factor / self._zoom)
        self.setTransformationAnchor(old_anchor)
        self._zoom = factor
        activity.touch()
        self._tell_scene_the_scale()
        self.zoom_changed.emit(factor)

    def setScene(self, scene) -> None:  # noqa: N802
        super().setScene(scene)
        self._tell_scene_the_scale()

    def _shown(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _tell_scene_the_scale(self) -> None:
        # The scene drops its cards' pixmap caches while zoomed out (see set_view_scale).
        scene = self.scene()
        if scene is not None and hasattr(scene, "set_view_scale"):
            # What is in view first (the scene switches the rest in idle time).
            shown = self._shown()
            scene.set_view_scale(getattr(self, "_zoom", 1.0), shown)
            self._route_links_shown(shown)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        activity.touch()
        if self.frozen_panes and (dx or dy):
            # The scroll moved the pixels, the frozen panes with them: paint them again
            # (the bands only, not the whole window).
            self._update_frozen(dx, dy)
        scene = self.scene()
        if scene is not None and hasattr(scene, "settle_in_view"):
            # Cards a zoom left for idle time and links an edit left for it, scrolled
            # into view first: switched and routed now.
            shown = self._shown()
            scene.settle_in_view(shown)
            self._route_links_shown(shown)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._route_links_shown()  # a larger view shows links left waiting

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._route_links_shown()

    def _route_links_shown(self, shown: QRectF | None = None, *, painting: bool = False) -> None:
        """Have the scene route the waiting links this view shows (``shown``, when the
        caller has it), before it paints them: not while hidden (a view is often
        resized and scrolled before it shows), unless it is ``painting`` (a hidden view
        grabbed as a picture)."""
        scene = self.scene()
        if scene is not None and (painting or self.isVisible()) and getattr(scene, "links_waiting", 0):
            scene.route_links_in(shown or self._shown(), self.transform().m11())

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def zoom_fit(self) -> None:
        rect = self.whole_map()
        if rect is not None:
            self.zoom_to(rect)

    def whole_map(self) -> QRectF | None:
        """What "fit to window" shows: the scene's rect (the journey scene sets it to the
        map, its legend and a margin). Not ``itemsBoundingRect``, which asks every item
        for its bounds: 4.5 ms at 5,000 cards, 23 ms at 20,000."""
        scene = self.scene()
        return None if scene is None else scene.sceneRect()

    def fit_zoom(self, rect: QRectF) -> float | None:
        """The zoom at which ``rect`` (scene coordinates) fills the window; None for an
        empty rect."""
        if rect.isEmpty():
            return None
        view = self.viewport().rect()
        return min(view.width() / rect.width(), view.height() / rect.height()) * 0.98

    def zoom_to(self, rect: QRectF) -> None:
        """Fit ``rect`` (scene coordinates) into the window, e.g. a stage in a presentation."""
        factor = self.fit_zoom(rect)
        if factor is None:
            return
        self.set_zoom(factor)
        self.centerOn(rect.center())

    # -- frozen panes --------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        super().drawForeground(painter, rect)
        if self.frozen_panes:
            frozen.paint(self, painter)

    def ensureVisible(self, *args) -> None:  # noqa: N802
        """``QGraphicsView.ensureVisible`` (an item, a rect, or x, y, w, h; then the
        margins), with the frozen panes' width and height added to the margins: what is
        shown is never left under the lane column or the header rows."""
        scene = self.scene()
        style = getattr(getattr(scene, "layout", None), "style", None)
        if not self.frozen_panes or style is None or not args:
            super().ensureVisible(*args)
            return
        first = args[0]
        if isinstance(first, QGraphicsItem):
            rect, rest = first.sceneBoundingRect(), args[1:]
        elif isinstance(first, (QRectF, QRect)):
            rect, rest = QRectF(first), args[1:]
        else:
            rect, rest = QRectF(*args[:4]), args[4:]
        x_margin, y_margin = (list(rest) + [50, 50])[:2]
        scale = self.transform().m11()
        super().ensureVisible(
            rect, round(x_margin + style.lane_header_width * scale), round(y_margin + style.grid_top * scale)
        )

    def _update_frozen(self, dx: int = 0, dy: int = 0) -> None:
        """After a scroll by (dx, dy): Qt moved the pixels, the bands with them. A
        vertical scroll moves the lane column rightly (it scrolls with its rows) but
        not the header rows: only their band is painted again, and a sideways scroll
        the lane column's. (Both bands at once would be painted as their bounding rect,
        the whole window: 4.5x the time of a scroll step at 5,000 cards.)"""
        found = frozen.bands(self)
        viewport = self.viewport()
        if dy:
            top = (found.top if found else 0) + abs(dy) + 2
            viewport.update(0, 0, viewport.width(), round(top))
        if dx:
            left = (found.left if found else 0) + abs(dx) + 2
            viewport.update(0, 0, round(left), viewport.height())

    def _to_frozen_header(self, event: QMouseEvent) -> QMouseEvent:
        """The event moved to the real header when it is on a frozen one."""
        if not self.frozen_panes or event.button() == Qt.MouseButton.MiddleButton or self._space_held:
            return event
        point = frozen.scene_point(self, event.position())
        if point is None:
            return event
        local = QPointF(self.mapFromScene(point))
        return QMouseEvent(
            event.type(), local, self.viewport().mapToGlobal(local), event.button(), event.buttons(), event.modifiers()
        )

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseDoubleClickEvent(self._to_frozen_header(event))

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        point = frozen.scene_point(self, QPointF(event.pos())) if self.frozen_panes else None
        if point is not None:
            from PySide6.QtGui import QContextMenuEvent

            local = self.mapFromScene(point)
            event = QContextMenuEvent(event.reason(), local, self.viewport().mapToGlobal(local), event.modifiers())
        super().contextMenuEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (ZOOM_STEP**steps))
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            # The safety net: a paint not preceded by a scroll, zoom, resize or show
            # (a hidden view grabbed as a picture). Qt indexes items added now before
            # it looks for the items to paint.
            self._route_links_shown(painting=True)
        elif event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    self.set_zoom(self._zoom * pinch.scaleFactor())
                event.accept()
                return True
        return super().viewportEvent(event)

    # -- pan ----------------------------------------------------------------------------

    def _pan_by(self, delta: QPointF) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() - round(delta.x()))
        v.setValue(v.value() - round(delta.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        scene = self.scene()
        typing = scene is not None and scene.focusItem() is not None
        if event.key() == Qt.Key.Key_Space and not typing:
            if not event.isAutoRepeat():
                self._space_held = True
                # Not interactive: a press on a card pans instead of dragging the card.
                self.setInteractive(False)
                self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and self._space_held and not event.isAutoRepeat():
            self._space_held = False
            self.setInteractive(True)
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _journey_scene(self):
        scene = self.scene()
        return scene if scene is not None and hasattr(scene, "_lane_kinds") else None

    def leaveEvent(self, event) -> None:  # noqa: N802
        scene = self._journey_scene()
        if scene is not None:
            emotion_hints.hover(scene, None)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        scene = self._journey_scene()
        if (
            scene is not None
            and event.button() == Qt.MouseButton.LeftButton
            and not self._space_held
            and frozen.scene_point(self, event.position()) is None
            and emotion_hints.click_plus(scene, self.mapToScene(event.position().toPoint()))
        ):
            event.accept()  # the "+" of a new emotion point: added
            return
        moved = self._to_frozen_header(event)
        self._pressed_on_frozen = moved is not event
        event = moved
        if event.button() == Qt.MouseButton.MiddleButton:
            self._panning_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons():
            activity.touch()  # dragging a card, a rubber band or the view
        else:
            scene = self._journey_scene()
            if scene is not None:
                on_pane = frozen.scene_point(self, event.position()) is not None
                emotion_hints.hover(scene, None if on_pane else self.mapToScene(event.position().toPoint()))
        if self._panning_from is not None:
            self._pan_by(event.position() - self._panning_from)
            self._panning_from = event.position()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pressed_on_frozen:  # only a press on a frozen header is released there
            self._pressed_on_frozen = False
            event = self._to_frozen_header(event)
        if event.button() == Qt.MouseButton.MiddleButton and self._panning_from is not None:
            self._panning_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
