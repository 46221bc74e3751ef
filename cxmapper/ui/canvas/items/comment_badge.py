"""The open-comments badge: a small count bubble on a card's or a header's top right corner.

``CommentBadgeItem`` is a child item of the card or header it marks, so it moves, hides
and dies with it (a rebuilt scene takes its badges with its items). ``CommentMarks``
puts the badges where the document's open threads are: it listens to the window's edit
channel *after* every component (``EditChannel.observe``), so the scene has already
made, moved or removed its items when the marks are placed, and it owns no reference to
an item (it finds its badge among the item's children each time).

Only open threads count (a resolved one is done); replies do not add to the count: the
badge says how many conversations on this thing still need someone.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from cxmapper.model.document import MapDocument

# The badge's height in scene units (its width grows with the digits).
HEIGHT = 16.0
_FILL = QBrush(QColor("#d9480f"))
_BORDER = QPen(QColor("#ffffff"), 1.5)
_TEXT = QPen(QColor("#ffffff"))
Z_BADGE = 5.0  # above the card's own painting and its siblings' outlines


def badge_text(count: int) -> str:
    return str(count) if count < 100 else "99+"


class CommentBadgeItem(QGraphicsItem):
    """A count of open comment threads, centred on a corner of its parent."""

    def __init__(self, count: int, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.count = 0
        self._rect = QRectF()
        self.setZValue(Z_BADGE)
        # A click on the badge is a click on the card or header under it.
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.set_count(count)

    def set_count(self, count: int) -> None:
        if count == self.count:
            return
        self.prepareGeometryChange()
        self.count = count
        width = max(HEIGHT, 7.0 * len(badge_text(count)) + 8.0)
        self._rect = QRectF(-width / 2, -HEIGHT / 2, width, HEIGHT)
        n = count  # (a number, not the text: lupdate reads the literal)
        self.setToolTip(QCoreApplication.translate("CommentBadge", "%n open comment thread(s)", None, n))
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(_BORDER)
        painter.setBrush(_FILL)
        radius = self._rect.height() / 2
        painter.drawRoundedRect(self._rect, radius, radius)
        font = QFont(painter.font())
        font.setPixelSize(11)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(_TEXT)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, badge_text(self.count))


def badge_of(item: QGraphicsItem) -> CommentBadgeItem | None:
    for child in item.childItems():
        if isinstance(child, CommentBadgeItem):
            return child
    return None


def show_count(item: QGraphicsItem, count: int) -> None:
    """Mark ``item`` with ``count`` open threads at its top right corner (0: no badge)."""
    badge = badge_of(item)
    if count <= 0:
        if badge is not None:
            badge.setParentItem(None)
            if badge.scene() is not None:
                badge.scene().removeItem(badge)
        return
    if badge is None:
        badge = CommentBadgeItem(count, item)
    else:
        badge.set_count(count)
    # A card's rect starts at its own origin: the badge sits on its corner. A header's
    # rect is in scene coordinates and touches the next header: the badge sits inside.
    if hasattr(item, "rect") and callable(item.rect):
        rect = item.rect()
        corner = QPointF(rect.right() - 4.0, rect.top() + 4.0)
    else:
        rect = item.boundingRect()
        corner = QPointF(rect.right() - badge._rect.width() / 2 - 4.0, rect.top() + HEIGHT / 2 + 3.0)
    if badge.pos() != corner:
        badge.setPos(corner)


def open_counts(doc: MapDocument) -> Counter:
    """Open threads per target id (the map's own, target None, are not on the canvas)."""
    return Counter(c.target for c in doc.comments if c.thread is None and not c.resolved and c.target is not None)


class CommentMarks:
    """Keeps the badges of one window's scene in step with the document's comments.

    Cost: a record that names no comment and none of the marked things costs a set
    intersection; one that names comments recounts them (O(comments)) and touches only
    the items whose count changed or that the record names (they may be new items). A
    rebuilt scene (``JourneyScene.rebuilt``) is marked from scratch.
    """

    def __init__(self, channel, scene) -> None:
        self.channel = channel
        self.scene = None
        self._counts: Counter = Counter()
        self._remove = channel.observe(self._changed)
        self.set_scene(scene)

    def set_scene(self, scene) -> None:
        """A new scene (another map opened): mark it from scratch, and again when it rebuilds."""
        self.scene = scene
        self._counts = Counter()
        if scene is not None:
            scene.rebuilt.connect(self.refresh)
        self.refresh()

    def close(self) -> None:
        self._remove()

    def _changed(self, record, _initiator) -> None:
        if record.empty:
            return
        named = record.ids("card") | record.ids("step") | record.ids("stage")
        if record.ids("comment"):
            self.refresh(named)
        elif named & self._counts.keys():
            self.refresh(named)

    def refresh(self, touched: frozenset[str] | set[str] | None = None) -> None:
        """Recount and mark: every target (``touched`` None), else those whose count
        changed and those in ``touched`` (their items may have been made anew)."""
        if self.scene is None:
            return
        old = self._counts
        counts = open_counts(self.channel.editor.doc)
        if touched is None:
            targets = old.keys() | counts.keys()
        else:
            targets = {t for t in old.keys() | counts.keys() if old.get(t, 0) != counts.get(t, 0)}
            targets |= touched & counts.keys()
        for target in targets:
            item = self._item(target)
            if item is not None:
                show_count(item, counts.get(target, 0))
        self._counts = counts

    def count(self, target: str) -> int:
        return self._counts.get(target, 0)

    def _item(self, target: str) -> QGraphicsItem | None:
        scene = self.scene
        item = scene.card_item(target)
        if item is None:
            item = scene.header_item("step", target) or scene.header_item("stage", target)
        return item
