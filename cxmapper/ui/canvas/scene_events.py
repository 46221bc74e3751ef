"""The input side of the journey canvas: ``SceneEvents``, the part of ``JourneyScene``
that turns mouse and keys into gestures (``interactions.py``) and named edits
(``ui/edits.py``) pushed through the window's channel.

A mixin of ``JourneyScene`` (``scene.py``): it reads the scene's layout and items.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QTransform
from PySide6.QtWidgets import QGraphicsSceneMouseEvent, QGraphicsView, QToolTip

from cxmapper.model.document import CardKind, LaneKind
from cxmapper.ui import edits
from cxmapper.ui.canvas import interactions as gestures
from cxmapper.ui.canvas.geometry import qrect


_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class SceneEvents:
    """JourneyScene's input: gestures first (``interactions``), then keys and mouse."""

    # -- events: gestures first (Orange's user interaction handlers) -----------------------

    def set_interaction(self, interaction) -> None:
        if self._interaction is not None and self._interaction is not interaction:
            self._interaction.cancel()
        self._interaction = interaction
        if interaction is not None:
            interaction.start()

    def interaction(self):
        return self._interaction

    def _interaction_ended(self, interaction) -> None:
        if self._interaction is interaction:
            self._interaction = None

    def cancel_interaction(self) -> None:
        if self._interaction is not None:
            self._interaction.cancel()
            self._interaction = None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._interaction is not None and self._interaction.mouse_press(event):
            return
        pos = event.scenePos()
        if event.button() == Qt.MouseButton.RightButton:
            # The context menu (the view's or ours) acts on what is under the mouse.
            card = self.card_at(pos)
            if card is not None and not card.isSelected():
                self.select_cards([card.card_id])
            elif card is None and self.cell_at(pos) is not None:
                self.set_current_cell(self.cell_at(pos))
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = self.emotion_point_at(pos)
        if point is not None:
            self.set_interaction(gestures.DragEmotionPoint(self, point))
            self._interaction.mouse_press(event)
            event.accept()
            return
        card = self.card_at(pos)
        if card is not None and event.modifiers() & gestures.LINK_MODIFIER:
            self.set_interaction(gestures.NewLink(self, card))
            self._interaction.mouse_press(event)
            event.accept()
            return
        if card is not None:
            super().mousePressEvent(event)  # Qt's selection: click selects, Ctrl toggles
            self.set_current_cell((card.card.lane, card.card.step))
            self.set_interaction(gestures.MoveCards(self, card, pos))
            return
        header = self.header_at(pos)
        if header is not None:
            self.header_clicked.emit(*header)
            self.set_interaction(gestures.MoveHeader(self, header[0], header[1], pos))
            event.accept()
            return
        self.set_current_cell(self.cell_at(pos))
        super().mousePressEvent(event)  # not accepted: the view starts a rubber band

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._interaction is not None and self._interaction.mouse_move(event):
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._interaction is not None:
            self._interaction.mouse_release(event)
        # Always: Qt ungrabs the mouse and finishes click selection here.
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._interaction is not None and self._interaction.mouse_double_click(event):
            return
        if event.button() == Qt.MouseButton.LeftButton:
            card = self.card_at(event.scenePos())
            if card is not None:
                self.edit_title(card.card_id)
                event.accept()
                return
            cell = self.cell_at(event.scenePos())
            if cell is not None and self.add_emotion_point_at(event.scenePos()):
                event.accept()
                return
            if cell is not None:
                self.set_current_cell(cell)
                self.begin_add_card()
                event.accept()
                return
            header = self.header_at(event.scenePos())
            if header is not None:
                self.rename_header(*header)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def helpEvent(self, event) -> None:  # noqa: N802
        """Tooltips, as Qt shows them, but read through ``toolTip()`` in Python: a
        card writes its tooltip only when asked (``CardItem.toolTip``). The topmost
        item under the pointer with a tooltip shows it; none hides the tooltip."""
        widget = event.widget()
        view = widget.parentWidget() if widget is not None else None
        transform = view.viewportTransform() if isinstance(view, QGraphicsView) else QTransform()
        pos = event.scenePos()
        text = ""
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder, transform):
            text = item.toolTip()
            if text:
                break
        if text:
            QToolTip.showText(event.screenPos(), text, widget)
        else:
            QToolTip.hideText()
        event.setAccepted(bool(text))

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        pos = event.scenePos()
        card = self.card_at(pos)
        if card is not None and not card.isSelected():
            self.select_cards([card.card_id])
        cell = (card.card.lane, card.card.step) if card is not None else self.cell_at(pos)
        if cell is not None:
            self.set_current_cell(cell)
        self.context_menu_requested.emit(event.screenPos(), card.card_id if card else "", cell)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self._interaction is not None and self._interaction.key_press(event):
            return
        if self.focusItem() is not None:
            super().keyPressEvent(event)
            return
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        selected = self.selected_card_ids()
        if key == Qt.Key.Key_N and plain:
            self.begin_add_card()
        elif key == Qt.Key.Key_N and mods == Qt.KeyboardModifier.ShiftModifier:
            self.choose_kind_and_add()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if len(selected) == 1:
                self.edit_title(selected[0])
            else:
                self.begin_add_card()
        elif key == Qt.Key.Key_F2 and len(selected) == 1:
            self.edit_title(selected[0])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain and selected:
            self.remove_cards(selected)
        elif key in _ARROWS and plain and self._current_cell is not None:
            d_step, d_lane = _ARROWS[key]
            cell = self.neighbour_cell(self._current_cell, d_step, d_lane, wrap=False)
            if cell is not None:
                self.select_cards([])
                self.set_current_cell(cell)
        elif key == Qt.Key.Key_Escape and plain:
            self.select_cards([])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802
        # Without a focus item, Tab never reaches keyPressEvent: QGraphicsScene turns it
        # into focus traversal. (With the title editor focused, the editor gets it.)
        if self._interaction is not None and self._interaction.tab(next_):
            return True
        if self._current_cell is not None and self.focusItem() is None:
            cell = self.neighbour_cell(self._current_cell, 1 if next_ else -1)
            if cell is not None:
                self.set_current_cell(cell)
                return True
        return super().focusNextPrevChild(next_)

    # -- gestures started by keys ----------------------------------------------------------

    def begin_add_card(self, kind: CardKind | None = None) -> bool:
        """Open the title editor for a new card in the current cell (N, Enter)."""
        cell = self._current_cell
        if cell is None:
            return False
        self.select_cards([])
        self.set_interaction(gestures.EditTitle(self, cell=cell, kind=kind))
        return True

    def edit_title(self, card_id: str) -> bool:
        """Open the title editor on an existing card (double-click, F2, Enter)."""
        if card_id not in self._cards:
            return False
        self.set_interaction(gestures.EditTitle(self, card_id=card_id))
        return True

    def add_emotion_point_at(self, pos: QPointF) -> bool:
        """Double-click in an emotion lane's curve band: give the first shown persona
        without a point at that step an (as-is) point at the clicked score."""
        cell = self.cell_at(pos)
        if cell is None or self._lane_kinds.get(cell[0]) is not LaneKind.EMOTIONS:
            return False
        lane_id, step_id = cell
        if not qrect(self.layout.emotion_band(lane_id)).adjusted(0, -8, 0, 8).contains(pos):
            return False
        for persona in self.editor.doc.personas:
            if persona.id in self._hidden_personas or any(p.step == step_id for p in persona.as_is):
                continue
            score = self.layout.emotion_score_at(lane_id, pos.y())
            return self.edit(edits.add_emotion_point(persona.id, step_id, score))
        return False

    def rename_header(self, kind: str, item_id: str) -> bool:
        """Rename a stage, step or lane in place (double-click on its header)."""
        if kind not in ("stage", "step", "lane"):
            return False
        self.set_interaction(gestures.RenameHeader(self, kind, item_id))
        return True

    def choose_kind_and_add(self) -> None:
        """Shift+N: a small menu of card kinds, then the title editor."""
        if self._current_cell is None:
            return
        gestures.choose_card_kind(self, self._current_cell, lambda kind: self.begin_add_card(kind))

    def new_card_slot(self, cell: tuple[str, str]) -> QRectF:
        """Where a card added at the end of ``cell`` will appear (for the title editor)."""
        layout = self.layout
        lane_id, step_id = cell
        ids = layout.card_ids(lane_id, step_id)
        s = layout.style
        x = layout.column(step_id).x + s.cell_padding
        if ids:
            y = layout.card_rect(ids[-1]).bottom + s.card_gap
        else:
            y = layout.row(lane_id).y + s.cell_padding
            if layout.lanes[[lane.id for lane in layout.lanes].index(lane_id)].kind is LaneKind.EMOTIONS:
                y += s.emotion_lane_height
        return QRectF(x, y, s.card_width, s.card_min_height)

    def drop_marker(self, cell: tuple[str, str], index: int, ignore: Iterable[str]) -> QLineF:
        """The line where a card dropped at ``index`` (among the non-dragged cards) lands."""
        layout = self.layout
        skip = set(ignore)
        ids = [c for c in layout.card_ids(*cell) if c not in skip]
        s = layout.style
        x0 = layout.column(cell[1]).x + s.cell_padding
        if index < len(ids):
            y = layout.card_rect(ids[index]).y - s.card_gap / 2
        elif ids:
            y = layout.card_rect(ids[-1]).bottom + s.card_gap / 2
        else:
            y = self.new_card_slot(cell).y() - s.card_gap / 2
        return QLineF(x0, y, x0 + s.card_width, y)
