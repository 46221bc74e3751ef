"""Gestures on the canvas, one object each (the idea of Orange's ``interactions.py``).

The scene hands mouse and key events to its current ``Interaction`` first; a gesture
keeps only view state while it runs (a ghost, a preview curve, a text editor) and ends
by pushing ONE undo command through the scene (``JourneyScene.push``), never by
writing the model. Escape cancels any gesture and pushes nothing.

The gestures: ``MoveCards`` (drag cards to a cell or position), ``NewLink``
(Shift-drag from card to card, then a menu of link kinds), ``DragEmotionPoint``,
``EditTitle`` (N / Enter / double-click; Tab goes on to the next cell),
``RenameHeader`` (double-click a stage, step or lane header) and ``MoveHeader`` (drag
a header to reorder).

Modifier for linking: **Shift-drag** from one card to another (Alt-drag is taken by
many Linux window managers to move windows). Ctrl-click toggles selection, as in Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QLineF, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent, QPen, QTextCursor
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsTextItem, QMenu

from cxmapper.model.document import DEFAULT_CARD_KIND, CardKind, LaneKind, LinkKind
from cxmapper.ui import edits, names
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas import emotion_hints
from cxmapper.ui.canvas.items import Z_DRAG, Z_EDITOR, CardItem, EmotionPointItem, LinkItem

#: The modifier that turns a card drag into a new link.
LINK_MODIFIER = Qt.KeyboardModifier.ShiftModifier


class Interaction(QObject):
    """One gesture. Event methods return True when they consumed the event."""

    def __init__(self, scene) -> None:
        super().__init__(scene)
        self.scene = scene
        self._ended = False

    def start(self) -> None:
        pass

    def end(self) -> None:
        """Finish (after pushing any command); restore what the gesture changed."""
        if self._ended:
            return
        self._ended = True
        self.cleanup()
        self.scene._interaction_ended(self)
        self.deleteLater()  # a QObject child of the scene: do not pile up one per gesture

    def cancel(self) -> None:
        self.end()

    def cleanup(self) -> None:
        pass

    def mouse_press(self, event) -> bool:
        return False

    def mouse_move(self, event) -> bool:
        return False

    def mouse_release(self, event) -> bool:
        return False

    def mouse_double_click(self, event) -> bool:
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def tab(self, forward: bool) -> bool:
        return False

    def model_changed(self, change) -> None:
        """The document changed under the gesture (an undo, another panel)."""


# -- moving cards -------------------------------------------------------------------------


class _DragGhost(QGraphicsItem):
    """Outlines of the dragged cards, following the mouse."""

    def __init__(self, rects: list[QRectF]):
        super().__init__()
        self._rects = rects
        self._bounds = QRectF()
        for r in rects:
            self._bounds = self._bounds.united(r)
        self._bounds.adjust(-2, -2, 2, 2)
        self._pen = QPen(style.SELECTION, 1.5, Qt.PenStyle.DashLine)
        self._brush = QBrush(QColor(37, 99, 235, 40))
        self.setZValue(Z_DRAG)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        for r in self._rects:
            painter.drawRoundedRect(r, 4, 4)


class MoveCards(Interaction):
    """Drag the selected cards to another cell or position: one "Move N cards" on release."""

    def __init__(self, scene, pressed: CardItem, press_pos: QPointF):
        super().__init__(scene)
        self.pressed = pressed
        self.press_pos = QPointF(press_pos)
        self.dragging = False
        self.card_ids: list[str] = []
        self.target: tuple[tuple[str, str], int] | None = None
        self._ghost: _DragGhost | None = None

    def mouse_move(self, event) -> bool:
        pos = event.scenePos()
        if not self.dragging:
            if (pos - self.press_pos).manhattanLength() < QApplication.startDragDistance():
                return True
            self._begin()
        self._ghost.setPos(pos - self.press_pos)
        cell = self.scene.cell_at(pos)
        if cell is None:
            self.target = None
            self.scene.drop_cell.set_rect(None)
            self.scene.drop_line.set_line(None)
            return True
        index = self.scene.layout.drop_index(cell[0], cell[1], pos.y(), ignore=self.card_ids)
        self.target = (cell, index)
        self.scene.drop_cell.set_rect(self.scene.cell_rect(*cell))
        self.scene.drop_line.set_line(self.scene.drop_marker(cell, index, self.card_ids))
        return True

    def _begin(self) -> None:
        self.dragging = True
        if not self.pressed.isSelected():
            self.scene.select_cards([self.pressed.card_id])
        self.card_ids = self.scene.selected_card_ids()
        items = [self.scene.card_item(c) for c in self.card_ids]
        self.scene.dragged = frozenset(self.card_ids)  # faded in the zoomed-out overview too
        for item in items:
            item.setOpacity(0.35)
        self._ghost = _DragGhost([item.scene_rect() for item in items])
        self.scene.addItem(self._ghost)

    def mouse_release(self, event) -> bool:
        target = self.target if self.dragging else None
        ids = list(self.card_ids)
        self.end()
        if target is not None:
            cell, index = target
            self.scene.move_cards(ids, cell, index)
            self.scene.set_current_cell(cell)
        return False

    def cleanup(self) -> None:
        self.scene.dragged = frozenset()
        for card_id in self.card_ids:
            item = self.scene.card_item(card_id)
            if item is not None:
                item.setOpacity(1.0)
        if self._ghost is not None:
            self.scene.removeItem(self._ghost)
            self._ghost = None
        self.scene.drop_cell.set_rect(None)
        self.scene.drop_line.set_line(None)

    def model_changed(self, change) -> None:
        if self.dragging and set(self.card_ids) & change.removed["card"]:
            self.cancel()


# -- linking two cards -----------------------------------------------------------------------


def suggested_link_kinds(source_kind: CardKind, target_kind: CardKind) -> list[LinkKind]:
    """Link kinds in the order to offer them: the likely one first."""
    first = LinkKind.FLOW
    if source_kind is CardKind.OPPORTUNITY and target_kind is CardKind.PAIN_POINT:
        first = LinkKind.ADDRESSES
    elif target_kind is CardKind.PAIN_POINT:
        first = LinkKind.CAUSES
    elif source_kind is CardKind.PROCESS:
        first = LinkKind.SUPPORTS
    return [first] + [k for k in LinkKind if k is not first]


class NewLink(Interaction):
    """Shift-drag from a card to another; on release a small menu asks the link kind."""

    def __init__(self, scene, source: CardItem):
        super().__init__(scene)
        self.source = source
        self.target: CardItem | None = None
        self._line = LinkItem("", LinkKind.FLOW)
        self._line.setZValue(Z_DRAG)
        scene.addItem(self._line)

    def mouse_move(self, event) -> bool:
        pos = event.scenePos()
        target = self.scene.card_at(pos)
        if target is self.source:
            target = None
        self.target = target
        if target is not None:
            self._line.set_ends(self.source.scene_rect(), target.scene_rect())
            self.scene.drop_cell.set_rect(target.scene_rect().adjusted(-3, -3, 3, 3))
        else:
            self._line.set_ends(self.source.scene_rect(), QRectF(pos, pos))
            self.scene.drop_cell.set_rect(None)
        return True

    def mouse_release(self, event) -> bool:
        self.mouse_move(event)
        source, target = self.source.card_id, self.target.card_id if self.target else None
        self.end()
        if target is not None:
            choose_link_kind(self.scene, source, target, event.screenPos())
        return True

    def cleanup(self) -> None:
        self.scene.removeItem(self._line)
        self.scene.drop_cell.set_rect(None)


def _popup(scene, menu: QMenu, screen_pos: QPoint) -> None:
    views = scene.views()
    if views and screen_pos is None:
        screen_pos = views[0].mapToGlobal(views[0].viewport().rect().center())
    menu.popup(screen_pos or QPoint(0, 0))


def _view_widget(scene):
    views = scene.views()
    return views[0] if views else None


def choose_link_kind(scene, source_id: str, target_id: str, screen_pos: QPoint | None = None) -> QMenu:
    """Pop up the link-kind menu; choosing an entry pushes "Add link". Kept as ``scene.link_menu``."""
    editor = scene.editor
    kinds = suggested_link_kinds(CardKind(editor.card(source_id).kind), CardKind(editor.card(target_id).kind))
    menu = QMenu(_view_widget(scene))
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.setTitle(QCoreApplication.translate("NewLink", "Link kind"))
    for kind in kinds:
        action = menu.addAction(names.link_kind_name(kind))
        action.setData(kind.value)
    menu.setActiveAction(menu.actions()[0])

    def chosen(action) -> None:
        scene.edit(edits.link_cards(source_id, target_id, LinkKind(action.data())))

    menu.triggered.connect(chosen)
    scene.link_menu = menu
    _popup(scene, menu, screen_pos)
    return menu


def choose_card_kind(scene, cell: tuple[str, str], then: Callable[[CardKind], object]) -> QMenu:
    """Shift+N: the card kinds, the lane's default first. Kept as ``scene.kind_menu``."""
    lane_kind = LaneKind(scene.editor.lane(cell[0]).kind)
    default = DEFAULT_CARD_KIND[lane_kind]
    kinds = [default] + [k for k in CardKind if k is not default]
    menu = QMenu(_view_widget(scene))
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    for kind in kinds:
        action = menu.addAction(names.card_kind_name(kind))
        action.setData(kind.value)
    menu.setActiveAction(menu.actions()[0])
    menu.triggered.connect(lambda action: then(CardKind(action.data())))
    scene.kind_menu = menu
    view = _view_widget(scene)
    pos = None
    if view is not None:
        slot = scene.new_card_slot(cell)
        pos = view.viewport().mapToGlobal(view.mapFromScene(slot.topLeft()))
    _popup(scene, menu, pos)
    return menu


# -- emotion points ----------------------------------------------------------------------------


class DragEmotionPoint(Interaction):
    """Drag a curve's point up or down; it snaps to the scale; one "Change emotion" on release."""

    def __init__(self, scene, handle: EmotionPointItem):
        super().__init__(scene)
        self.handle = handle
        self.curve_item = handle.parentItem()
        self.lane_id = self.curve_item.parentItem().lane_id
        self.start_score = handle.score
        self.score = handle.score
        self._start_y = handle.y()

    def start(self) -> None:
        h = self.handle
        self.scene.emotion_dragging.emit(h.persona_id, h.step_id, h.curve)  # a live session's presence

    def cleanup(self) -> None:
        self.scene.emotion_dragging.emit("", "", "")

    def mouse_move(self, event) -> bool:
        layout = self.scene.layout
        self.score = layout.emotion_score_at(self.lane_id, event.scenePos().y())
        y = layout.emotion_y(self.lane_id, self.score) - layout.row(self.lane_id).y
        self.curve_item.preview(self.handle, y)
        emotion_hints.show_drag_score(self.scene, self.handle, self.score)  # the score, live
        return True

    def mouse_release(self, event) -> bool:
        h = self.handle
        persona_id, step_id, curve, score = h.persona_id, h.step_id, h.curve, self.score
        changed = score != self.start_score
        emotion_hints.hide_score(self.scene)
        if not changed:
            self.curve_item.preview(h, self._start_y)
        self.end()
        if changed:
            if not self.scene.edit(edits.change_emotion(persona_id, step_id, score, curve)):
                self.curve_item.preview(h, self._start_y)
        return True

    def cancel(self) -> None:
        if not self._ended:
            self.curve_item.preview(self.handle, self._start_y)
            emotion_hints.hide_score(self.scene)
        super().cancel()

    def model_changed(self, change) -> None:
        self.cancel()


# -- the in-place title editor ---------------------------------------------------------------


class _TitleEditor(QGraphicsTextItem):
    """A text item that reports Enter, Escape and losing focus to its gesture."""

    def __init__(self, gesture: EditTitle, text: str, font, width: float):
        super().__init__()
        self._gesture = gesture
        self.setFont(font)
        self.setTextWidth(width)
        self.setPlainText(text)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(Z_EDITOR)
        self._pen = QPen(style.SELECTION, 2.0)
        self._brush = QBrush(QColor("white"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._gesture.finish()
        elif key == Qt.Key.Key_Escape:
            self._gesture.cancel()
        else:
            super().keyPressEvent(event)

    def sceneEvent(self, event: QEvent) -> bool:  # noqa: N802
        # QGraphicsTextItem takes Tab in sceneEvent (to type a tab), before keyPressEvent.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            event.accept()
            self._gesture.tab(not back)
            return True
        return super().sceneEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        # Clicking elsewhere keeps what was typed (as a spreadsheet does); a popup
        # (an input method's candidate window) does not end the edit.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._gesture.finish()

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        painter.drawRoundedRect(self.boundingRect().adjusted(-2, -2, 2, 2), 4, 4)
        super().paint(painter, option, widget)


def _show_editor(scene, item: _TitleEditor) -> None:
    """Put an in-place editor on the canvas with the focus and its text selected."""
    scene.addItem(item)
    for view in scene.views():
        view.ensureVisible(item.sceneBoundingRect(), 20, 20)
    scene.setFocusItem(item, Qt.FocusReason.OtherFocusReason)
    item.setFocus(Qt.FocusReason.OtherFocusReason)
    cursor = item.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    item.setTextCursor(cursor)


def _hide_editor(scene, item: _TitleEditor) -> None:
    if item.scene() is not None:
        item.clearFocus()
        scene.removeItem(item)


class EditTitle(Interaction):
    """Type a card's title in place.

    For an existing card (``card_id``) Enter pushes "Edit card title" (typing merges by
    card); for a new card (``cell``) Enter pushes "Add <kind>" — an empty title adds
    nothing. Tab finishes and opens a new card's editor in the next cell (Shift+Tab:
    the previous one), so a row of cards is captured without touching the mouse.
    Escape cancels: nothing is pushed.
    """

    def __init__(self, scene, *, card_id: str | None = None, cell: tuple[str, str] | None = None, kind: CardKind | None = None):
        super().__init__(scene)
        self.card_id = card_id
        self.cell = cell
        self.kind = kind
        if card_id is not None:
            item = scene.card_item(card_id)
            rect = item.scene_rect()
            text = item.card.title
            self.cell = (item.card.lane, item.card.step)
        else:
            rect = scene.new_card_slot(cell)
            text = ""
        texts = scene.texts
        self.editor_item = _TitleEditor(self, text, scene.fonts.card, rect.width() - texts.pad_x)
        self.editor_item.setPos(rect.topLeft() + QPointF(texts.pad_x / 2, texts.pad_y / 2))

    def start(self) -> None:
        _show_editor(self.scene, self.editor_item)
        self.scene.title_editing_started.emit(self.card_id or "")

    def text(self) -> str:
        return self.editor_item.toPlainText().strip()

    def finish(self) -> str | None:
        """Push what was typed; returns the card's id (None when nothing was pushed)."""
        if self._ended:
            return None
        text = self.text()
        self.end()
        scene = self.scene
        if self.card_id is not None:
            scene.retitle_card(self.card_id, text)
            return self.card_id
        if not text:
            return None
        card_id = scene.add_card(self.cell, text, self.kind)
        if card_id is not None:
            scene.select_cards([card_id])
        return card_id

    def tab(self, forward: bool) -> bool:
        cell = self.cell
        self.finish()
        scene = self.scene
        following = scene.neighbour_cell(cell, 1 if forward else -1)
        if following is not None:
            scene.select_cards([])
            scene.set_current_cell(following)
            scene.begin_add_card()
        return True

    def key_press(self, event: QKeyEvent) -> bool:
        return False  # the text item has the focus and handles its keys

    def cleanup(self) -> None:
        _hide_editor(self.scene, self.editor_item)
        self.scene.title_editing_finished.emit()

    def model_changed(self, change) -> None:
        gone = self.card_id is not None and self.card_id in change.removed["card"]
        if gone or change.structure:
            self.cancel()


class RenameHeader(Interaction):
    """Rename a stage, step or lane in its header: Enter (or Tab, or a click elsewhere)
    pushes "Rename stage/step/lane"; Escape cancels."""

    def __init__(self, scene, kind: str, item_id: str):
        super().__init__(scene)
        self.kind = kind
        self.item_id = item_id
        editor = scene.editor
        if kind == "stage":
            self.old = editor.stage(item_id).name
        elif kind == "step":
            self.old = editor.step(item_id)[1].name
        else:
            self.old = editor.lane(item_id).name
        rect = scene.header_rect(kind, item_id)
        self.editor_item = _TitleEditor(self, self.old, scene.fonts.lane, max(60.0, rect.width() - 8))
        self.editor_item.setPos(rect.topLeft() + QPointF(4, 2))

    def start(self) -> None:
        _show_editor(self.scene, self.editor_item)
        self.scene.header_editing.emit(self.kind, self.item_id)

    def cleanup(self) -> None:
        _hide_editor(self.scene, self.editor_item)
        self.scene.header_editing.emit("", "")

    def key_press(self, event: QKeyEvent) -> bool:
        return False  # the text item has the focus

    def text(self) -> str:
        return self.editor_item.toPlainText().strip()

    def finish(self) -> None:
        if self._ended:
            return
        name = self.text()
        self.end()
        if name == self.old:
            return
        self.scene.edit(edits.rename(self.kind, self.item_id, name))

    def tab(self, forward: bool) -> bool:
        self.finish()
        return True

    def model_changed(self, change) -> None:
        if change.structure:
            self.cancel()


# -- reordering stages, steps and lanes by their headers ----------------------------------------


def index_after_move(all_ids: list[str], visible_ids: list[str], moving: str, gap: int) -> int | None:
    """The index (after the move, in ``all_ids``) for dropping ``moving`` into ``gap``.

    ``gap`` counts the visible items before the drop point. Hidden items (a filtered
    presentation) keep their place. None when the item would not move; an item coming
    from another list (a step into another stage) is not in ``all_ids``.
    """
    others = [i for i in all_ids if i != moving]
    before = [i for i in visible_ids[:gap] if i != moving]
    after = [i for i in visible_ids[gap:] if i != moving]
    if after:
        index = others.index(after[0])
    elif before:
        index = others.index(before[-1]) + 1
    elif moving not in all_ids:
        index = 0
    else:
        return None
    return None if moving in all_ids and index == all_ids.index(moving) else index


class MoveHeader(Interaction):
    """Drag a stage or step header sideways, or a lane header up or down: one "Move" step."""

    def __init__(self, scene, kind: str, item_id: str, press_pos: QPointF):
        super().__init__(scene)
        self.kind = kind
        self.item_id = item_id
        self.press_pos = QPointF(press_pos)
        self.dragging = False
        self.target: tuple | None = None

    def mouse_move(self, event) -> bool:
        pos = event.scenePos()
        if not self.dragging:
            if (pos - self.press_pos).manhattanLength() < QApplication.startDragDistance():
                return True
            self.dragging = True
        self.target, line = self._target(pos)
        self.scene.drop_line.set_line(line)
        return True

    def _gap(self, centers: list[float], at: float) -> int:
        return sum(1 for c in centers if c < at)

    def _target(self, pos: QPointF):
        scene, layout, doc = self.scene, self.scene.layout, self.scene.editor.doc
        top, bottom = 0.0, layout.height
        if self.kind == "lane":
            visible = [lane.id for lane in layout.lanes]
            rows = [layout.row(i) for i in visible]
            gap = self._gap([r.y + r.h / 2 for r in rows], pos.y())
            y = rows[gap].y if gap < len(rows) else rows[-1].bottom
            index = index_after_move([lane.id for lane in doc.lanes], visible, self.item_id, gap)
            line = QLineF(0, y, layout.width, y)
            return ((index,) if index is not None else None), line
        if self.kind == "stage":
            visible = [sid for sid in (st.id for st in doc.stages) if layout.stage_header(sid) is not None]
            rects = [layout.stage_header(sid) for sid in visible]
            gap = self._gap([r.x + r.w / 2 for r in rects], pos.x())
            x = rects[gap].x if gap < len(rects) else rects[-1].right
            index = index_after_move([st.id for st in doc.stages], visible, self.item_id, gap)
            return ((index,) if index is not None else None), QLineF(x, top, x, bottom)
        # a step: into the stage under the mouse
        steps = layout.steps
        column = scene.cell_at(QPointF(pos.x(), layout.grid_top + 1))
        if column is None:
            return None, None
        stage = next(st for st in doc.stages if any(s.id == column[1] for s in st.steps))
        visible = [s.id for s in stage.steps if any(v.id == s.id for v in steps)]
        rects = [layout.column(i) for i in visible]
        gap = self._gap([r.x + r.w / 2 for r in rects], pos.x())
        x = rects[gap].x if gap < len(rects) else rects[-1].right
        index = index_after_move([s.id for s in stage.steps], visible, self.item_id, gap)
        return ((stage.id, index) if index is not None else None), QLineF(x, top, x, bottom)

    def mouse_release(self, event) -> bool:
        target = self.target if self.dragging else None
        self.end()
        if target is None:
            return True
        if self.kind == "step":
            self.scene.edit(edits.move("step", self.item_id, target[1], stage_id=target[0]))
        else:
            self.scene.edit(edits.move(self.kind, self.item_id, target[0]))
        return True

    def cleanup(self) -> None:
        self.scene.drop_line.set_line(None)
