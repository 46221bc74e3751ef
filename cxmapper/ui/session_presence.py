"""Presence in a live session: the "Who is here" list and the others' marks on the canvas.

``PresenceList`` (a dock's widget) lists everyone in the session with their colour,
me first. ``PresenceOverlay`` draws, on the canvas, a coloured outline around the cards
each other participant has selected and a coloured frame with their name around the
card whose title they are typing in. The overlay owns its own graphics items (it never
changes the scene's card items); ``refresh`` places them again after the cards moved.
Where someone types a new card (the title editor opened in an empty place of a cell),
the frame and name go around that cell.

Presence states are the session's awareness states (``collab/session.py``):
``{client_id: {"name", "colour", "selection": [ids], "cell": {...}}}``. Where someone
types (``cell``): ``{"card": id, "field": f}`` (the canvas title editor, the inspector),
``{"lane": id, "step": id}`` (a new card in that cell), ``{"stage"|"step"|"lane": id,
"field": f}`` (a header's name or description, in the inspector or the outline: framed
on its header), ``{"persona": id, ...}`` or ``{"map": "meta", ...}`` (nothing on the
canvas: the list says it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Participant colours offered in the dialogs (distinct on white, colour-blind aware order).
PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#8c564b")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
OVERLAY_Z = 1_000.0
MAX_SHOWN = 200  # outlines per participant: a select-all of 5,000 cards draws the first 200
LIST_WIDTH = 160  # the "Who is here" dock: names and colours, the canvas keeps the room
LABEL_CHARS = 24  # a name over a frame: long names end in "…" (the list shows them whole)
STATUS_MS = 8000  # how long the session's sentences stay in the status bar


def colour_of(state: dict[str, Any]) -> QColor:
    """A participant's colour; an unusable value (a hostile client) is grey."""
    value = state.get("colour")
    return QColor(value) if isinstance(value, str) and _HEX.match(value) else QColor("#808080")


def name_of(state: dict[str, Any], fallback: str) -> str:
    value = state.get("name")
    return value.strip()[:80] if isinstance(value, str) and value.strip() else fallback


def elided(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def swatch(colour: QColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(colour.darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class PresenceList(QWidget):
    """Who is here: one row per participant, colour and name, me first. A click on a row,
    or Enter on it, says ``person_chosen(client id)`` (the window goes to where they are)."""

    person_chosen = Signal(object)  # a Yjs client id: over 32 bits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presence_list")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("presence_rows")
        self.list.setWordWrap(True)  # "typing in card “…”" in a narrow dock, Chinese too
        self.list.setToolTip(self.tr("Click a person, or press Enter, to go to where they are on the map"))
        # Enter (and a double click) activate; a single click is a choice too, as in Miro.
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout.addWidget(self.list)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Narrow whatever the rows say: a long "typing in …" line wraps instead of
        # widening the dock (the canvas keeps the room).
        return QSize(LIST_WIDTH, super().sizeHint().height())

    def show_people(
        self,
        states: dict[int, dict[str, Any]],
        me: int | None,
        describe: Callable[[Any], str] | None = None,
        *,
        offline: bool = False,
    ) -> None:
        """One row each; under another's name, what they do where they type
        (``describe(cell)``: "typing in card “…”").
        ``offline``: this window cannot reach the others; they are greyed, last seen."""
        self.list.clear()
        states = {cid: state for cid, state in states.items() if isinstance(state, dict)}
        ordered = sorted(states.items(), key=lambda item: (item[0] != me, name_of(item[1], "").lower(), item[0]))
        for client_id, state in ordered:
            name = name_of(state, self.tr("Participant {id}").format(id=client_id))
            text = self.tr("{name} (you)").format(name=name) if client_id == me else name
            stale = offline and client_id != me
            where = describe(state.get("cell")) if describe is not None and client_id != me and not stale else ""
            if where:
                text += "\n" + where
            row = QListWidgetItem(swatch(colour_of(state)), text)
            row.setData(Qt.ItemDataRole.UserRole, client_id)
            tip = self.tr("{text}\n(click or Enter: go to where they are)").format(text=text)
            row.setToolTip(text if client_id == me else tip)
            if stale:
                row.setForeground(self.palette().placeholderText())
                row.setToolTip(self.tr("{name}: last seen before the connection was lost").format(name=name))
            self.list.addItem(row)

    def _chosen(self, row: QListWidgetItem) -> None:
        client_id = row.data(Qt.ItemDataRole.UserRole)
        if isinstance(client_id, int):
            self.person_chosen.emit(client_id)

    def names(self) -> list[str]:
        """The names listed (without the "typing in" line)."""
        return [self.list.item(i).text().split("\n", 1)[0] for i in range(self.list.count())]

    def rows(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class PresenceOverlay:
    """The other participants' selections and typing cells, drawn over the scene's cards."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self._items: list[QGraphicsRectItem | QGraphicsSimpleTextItem] = []
        self._states: dict[int, dict[str, Any]] = {}
        #: What is drawn, for tests and the screenshot: (kind, card id, name, colour).
        self.marks: list[tuple[str, str, str, str]] = []

    def show(self, others: dict[int, dict[str, Any]]) -> None:
        self._states = {cid: dict(state) for cid, state in others.items() if isinstance(state, dict)}
        self.refresh()

    def clear(self) -> None:
        for item in self._items:
            # A scene rebuild (workshop mode, a structural change) deleted every item,
            # these too: only those still alive are removed.
            if shiboken6.isValid(item) and item.scene() is not None:
                item.scene().removeItem(item)
        self._items = []
        self.marks = []

    def refresh(self) -> None:
        """Place the marks again (after the cards moved, or presence changed)."""
        self.clear()
        card_item = getattr(self.scene, "card_item", None)
        if card_item is None:
            return
        for client_id, state in sorted(self._states.items()):
            colour = colour_of(state)
            name = name_of(state, str(client_id))
            selection = state.get("selection")
            if isinstance(selection, list):
                for card_id in [c for c in selection if isinstance(c, str)][:MAX_SHOWN]:
                    item = card_item(card_id)
                    if item is not None and item.isVisible():
                        self._outline(item.sceneBoundingRect().adjusted(-4, -4, 4, 4), colour, 2.5, Qt.PenStyle.DashLine)
                        self.marks.append(("selection", card_id, name, colour.name()))
            cell = state.get("cell")
            where = self.cell_rect(cell) if isinstance(cell, dict) else None
            if where is not None:
                rect, what = where
                self._outline(rect, colour, 3.5, Qt.PenStyle.SolidLine)
                self._label(rect, elided(name, LABEL_CHARS), colour)
                self.marks.append(("cell", what, name, colour.name()))

    def cell_rect(self, cell: dict[str, Any]) -> tuple[QRectF, str] | None:
        """Where someone types: a card's title (``{"card"}``) or a new card in a cell
        (``{"lane", "step"}``); None for what this canvas does not show."""
        persona, step = cell.get("persona"), cell.get("step")
        if isinstance(persona, str) and isinstance(step, str):
            return self._emotion_rect(persona, step, cell.get("curve"))
        card_id = cell.get("card")
        if isinstance(card_id, str):
            item = self.scene.card_item(card_id)
            if item is None or not item.isVisible():
                return None
            return item.sceneBoundingRect().adjusted(-7, -7, 7, 7), card_id
        lane, step = cell.get("lane"), cell.get("step")
        if isinstance(lane, str) and isinstance(step, str) and "field" not in cell and hasattr(self.scene, "cell_rect"):
            try:
                rect = self.scene.cell_rect(lane, step)
            except LookupError:  # a lane or step this replica does not have (yet)
                return None
            return rect.adjusted(2, 2, -2, -2), f"{lane}/{step}"
        for kind in ("step", "stage", "lane"):  # a header's name or description
            item_id = cell.get(kind)
            if isinstance(item_id, str) and hasattr(self.scene, "header_rect"):
                try:
                    rect = self.scene.header_rect(kind, item_id)
                except LookupError:
                    return None
                return rect.adjusted(1, 1, -1, -1), f"{kind}:{item_id}"
        return None

    def _emotion_rect(self, persona: str, step: str, curve: Any) -> tuple[QRectF, str] | None:
        """A persona's score at a step: around their point on the curve; without a point
        (a score typed where there is none yet), the step's cell of the first emotion lane."""
        what = f"emotion:{persona}/{step}"
        for item in getattr(self.scene, "curve_items", lambda: [])():
            if item.persona_id != persona or (isinstance(curve, str) and item.curve != curve) or not item.isVisible():
                continue
            for handle in item.handles:
                if handle.step_id == step:
                    return handle.sceneBoundingRect().adjusted(-6, -6, 6, 6), what
        editor = getattr(self.scene, "editor", None)
        lanes = [lane.id for lane in editor.doc.lanes if lane.kind.value == "emotions"] if editor is not None else []
        if lanes and hasattr(self.scene, "cell_rect"):
            try:
                return self.scene.cell_rect(lanes[0], step).adjusted(2, 2, -2, -2), what
            except LookupError:
                return None
        return None

    def _outline(self, rect: QRectF, colour: QColor, width: float, style: Qt.PenStyle) -> None:
        item = QGraphicsRectItem(rect)
        pen = QPen(colour, width, style)
        pen.setCosmetic(False)
        item.setPen(pen)
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setZValue(OVERLAY_Z)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene.addItem(item)
        self._items.append(item)

    def _label(self, rect: QRectF, name: str, colour: QColor) -> None:
        text = QGraphicsSimpleTextItem(name)
        font = QFont()
        font.setPointSizeF(8.5)
        font.setBold(True)
        text.setFont(font)
        text.setBrush(QBrush(QColor("white")))
        bounds = text.boundingRect()
        back = QGraphicsRectItem(QRectF(0, 0, bounds.width() + 8, bounds.height() + 2))
        back.setBrush(colour)
        back.setPen(QPen(Qt.PenStyle.NoPen))
        top = rect.top() - bounds.height() - 2
        back.setPos(rect.left(), top if top >= 0 else rect.top() + 2)  # a stage header's: inside
        back.setZValue(OVERLAY_Z + 1)
        back.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        text.setParentItem(back)
        text.setPos(4, 1)
        self.scene.addItem(back)
        self._items.append(back)
