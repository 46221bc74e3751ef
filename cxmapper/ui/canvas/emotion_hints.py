"""Visible ways to add and change emotion points (issue 17, point 4).

- Hovering over a step of an emotion lane where the first shown persona has no point
  yet shows a "+" at the score under the pointer, with that score written beside it;
  a click on it adds the point (one undo step, as the double-click does).
- Dragging a point shows its score beside it, live, in the scale's own writing
  ("+1" on −2…+2, "4" on 1…5).
- The keyboard's way, Edit ▸ Add Emotion Point, is ``EditActions.add_emotion_point``
  (ui/edit_actions.py): a named edit through the channel like every other.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem

from cxmapper.model.document import LaneKind
from cxmapper.ui.canvas.emotion_axis import score_label

RADIUS = 9.0


class ScoreBadge(QGraphicsItem):
    """A small label with a score, drawn beside a point (or the "+" of a new one)."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.plus = False  # draw the "+" circle too (the add affordance)
        self.color = QColor("#2563eb")
        self.setZValue(50.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self._font = QFont()
        self._font.setPointSizeF(9.0)
        self._font.setBold(True)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(-RADIUS - 2, -RADIUS - 2, 2 * RADIUS + 52, 2 * RADIUS + 4)

    def show_at(self, pos: QPointF, text: str, *, plus: bool, color: QColor | None = None) -> None:
        self.prepareGeometryChange()
        self.setPos(pos)
        self.text = text
        self.plus = plus
        if color is not None:
            self.color = QColor(color)
        self.show()
        self.update()

    def plus_rect(self) -> QRectF:
        """The "+" button, in scene coordinates."""
        return QRectF(self.pos().x() - RADIUS, self.pos().y() - RADIUS, 2 * RADIUS, 2 * RADIUS)

    def paint(self, painter, option, widget=None) -> None:
        if self.plus:
            painter.setPen(QPen(self.color, 1.5))
            painter.setBrush(QBrush(QColor(255, 255, 255, 230)))
            painter.drawEllipse(QPointF(0, 0), RADIUS, RADIUS)
            painter.drawLine(QPointF(-4.5, 0), QPointF(4.5, 0))
            painter.drawLine(QPointF(0, -4.5), QPointF(0, 4.5))
        if self.text:
            painter.setFont(self._font)
            box = QRectF(RADIUS + 4, -9, 44, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(self.color))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QPen(Qt.GlobalColor.white))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text)


def _badge(scene) -> ScoreBadge:
    badge = getattr(scene, "_score_badge", None)
    try:
        alive = badge is not None and badge.scene() is scene
    except RuntimeError:  # removed with the scene's items
        alive = False
    if not alive:
        badge = ScoreBadge()
        scene.addItem(badge)
        badge.hide()
        scene._score_badge = badge
    return badge


def _signed(scene) -> bool:
    return scene.editor.doc.scale.min < 0


def point_to_add(scene, pos: QPointF):
    """(lane id, step id, persona, score) of the point a click at ``pos`` would add, or
    None: the same rule as the double-click (``JourneyScene.add_emotion_point_at``)."""
    cell = scene.cell_at(pos)
    if cell is None or scene._lane_kinds.get(cell[0]) is not LaneKind.EMOTIONS:
        return None
    lane_id, step_id = cell
    band = scene.layout.emotion_band(lane_id)
    if not (band.y - 8 <= pos.y() <= band.y + band.h + 8):
        return None
    hidden = scene.hidden_personas()
    for persona in scene.editor.doc.personas:
        if persona.id in hidden or any(p.step == step_id for p in persona.as_is):
            continue
        return lane_id, step_id, persona, scene.layout.emotion_score_at(lane_id, pos.y())
    return None


def hover(scene, pos: QPointF | None) -> None:
    """The pointer is at ``pos`` (scene; None: it left): show or hide the "+"."""
    badge = _badge(scene)
    found = point_to_add(scene, pos) if pos is not None and scene.interaction() is None else None
    if found is None:
        if badge.plus:
            badge.plus = False
            badge.hide()
        return
    lane_id, step_id, persona, score = found
    at = QPointF(scene.layout.step_center_x(step_id), scene.layout.emotion_y(lane_id, score))
    badge.show_at(at, score_label(score, _signed(scene)), plus=True, color=scene.persona_color(persona.id))
    badge.setToolTip(
        QCoreApplication.translate("EmotionHints", "Click to add {name}'s emotion point here").format(name=persona.name)
    )


def plus_under(scene, pos: QPointF) -> bool:
    badge = _badge(scene)
    return badge.isVisible() and badge.plus and badge.plus_rect().adjusted(-2, -2, 2, 2).contains(pos)


def click_plus(scene, pos: QPointF) -> bool:
    """A click on the "+" at ``pos``: add the point it shows."""
    badge = _badge(scene)
    if not plus_under(scene, pos):
        return False
    badge.plus = False
    badge.hide()
    return scene.add_emotion_point_at(badge.pos())


def show_drag_score(scene, handle, score: int) -> None:
    """A point is being dragged to ``score``: its score beside it."""
    badge = _badge(scene)
    badge.show_at(handle.scenePos(), score_label(score, _signed(scene)), plus=False, color=handle.brush().color()
                  if handle.brush().style() != Qt.BrushStyle.NoBrush else handle.pen().color())


def hide_score(scene) -> None:
    badge = _badge(scene)
    badge.plus = False
    badge.hide()

