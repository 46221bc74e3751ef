"""The graphics items of the journey canvas. Items know nothing of the editor.

The scene (``scene.py``) creates and positions them from a ``MapLayout``; items only
paint what they were given and report nothing back (gestures live in
``interactions.py``). Geometry that changes often is pushed in with one call
(``CardItem.set_card``, ``LaneRowItem.set_height``) so that an edit costs one
``prepareGeometryChange`` and one ``update`` on the item concerned.

Card items are children of a ``LaneRowItem``: when a row above grows, the scene moves
whole rows with one ``setPos`` each and never touches the cards inside.

Level of detail (``CARD_DETAIL_LOD``, ``LINK_DETAIL_LOD``, ``LINK_HIDE_LOD``): zoomed
out, cards paint a filled rectangle and links a hairline, then nothing; headers keep
their names. The scale comes from the painter, so a picture exported at a small scale
is drawn the same way. Trap: a routed ``LinkItem`` builds its path when first painted
or asked for ``path()``; its bounds come from the route's points.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
)

from cxmapper.model.document import (
    KANO_KINDS,
    BlueprintLine,
    Card,
    CardKind,
    Evidence,
    Lane,
    LaneKind,
    LinkKind,
)
from cxmapper.ui import names
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.cardtext import ELLIPSIS, CardTextCache, has_decorations
from cxmapper.ui.canvas.emotion_axis import scale_is_signed, score_label
from cxmapper.ui.canvas.icons import channel_path, marker_path, placed_icon

# z values of the top-level items (children stack inside their row).
Z_LINK = -1.0  # under the rows, so under the cards (the grid is the background)
Z_ROW = 0.0
Z_LINK_STRONG = 1.5  # the selected cards' links: over the rows, under the headers
Z_HEADER = 2.0
Z_LINE = 3.0
Z_CELL_MARK = 5.0
Z_DIM = 8.0
Z_DRAG = 9.0
Z_EDITOR = 10.0

# Level of detail (scale of the item on the device, ``levelOfDetailFromTransform``).
# Below CARD_DETAIL_LOD a card is a filled rectangle with its accent border: its text
# is a few pixels high and unreadable, and 20,000 cards of laid-out text took 1.7 s a
# frame at zoom 0.1. Below LINK_DETAIL_LOD links are plain hairlines (no arrow head,
# no dashes); below LINK_HIDE_LOD they are not drawn at all (a grey haze otherwise).
CARD_DETAIL_LOD = 0.4
LINK_DETAIL_LOD = 0.4
LINK_HIDE_LOD = 0.25

_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
_SELECTION_PEN = QPen(style.SELECTION, 2.5)
_HIGHLIGHT_PEN = QPen(style.HIGHLIGHT, 5.0)
_TEXT_PEN = QPen(style.HEADER_TEXT)
_MUTED_PEN = QPen(style.MUTED_TEXT)
_WHITE_PEN = QPen(QColor("white"))
_GRID_PEN = QPen(style.GRID_LINE, 1.0)
_STEP_FILL = QBrush(QColor("#f3f4f6"))
_LABEL_PEN = QPen(style.BLUEPRINT_LINE, 1.0)
_WHITE_BRUSH = QBrush(QColor("white"))
_METRICS_PEN = QPen(style.METRICS_TEXT)
_CARD_BOUNDS_PEN = QPen(QColor(0, 0, 0, 0), 8.0)  # never drawn: 2 × CardItem.MARGIN
_PROBLEM_PEN = QPen(style.FAIL)
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
# A dragged card's opacity (0.35, ``interactions``) as the zoomed-out overview shows it:
# white at 1 − 0.35 over the card, its border included (a one-pixel cosmetic pen).
_FADE_COLOR = QColor(255, 255, 255, round(255 * (1 - 0.35)))
_FADE_BRUSH = QBrush(_FADE_COLOR)
_FADE_PEN = QPen(_FADE_COLOR, 0)
_FADE_PEN.setCosmetic(True)


def format_wait(minutes: float | None) -> str:
    """A wait duration the way people say it: 45 min, 2 h, 3 d."""
    if minutes is None:
        return ""
    if minutes < 60:
        return QCoreApplication.translate("CardItem", "%1 min").replace("%1", f"{minutes:g}")
    if minutes < 60 * 24:
        return QCoreApplication.translate("CardItem", "%1 h").replace("%1", f"{minutes / 60:.3g}")
    return QCoreApplication.translate("CardItem", "%1 d").replace("%1", f"{minutes / 1440:.3g}")


@lru_cache(maxsize=None)
def _appearance(kind: CardKind, own_color: str | None, evidence: Evidence):
    """(fill brush, accent brush, accent colour, border pen) of a card, shared by all alike."""
    accent = style.CARD_ACCENT[CardKind(kind)]
    dash = style.EVIDENCE_STYLE[Evidence(evidence)]
    if dash == Qt.PenStyle.SolidLine:
        border = style.pen(accent, 1.3, dash)
    else:
        # Dashed and dotted borders are one device pixel (cosmetic): Qt's dasher cuts a
        # scaled 1.3 px pen into hundreds of antialiased pieces, 100-270 us a card,
        # against 16-19 us (measured); on a 20,000-card map half the cards are dashed.
        border = style.pen(accent, 1.0, dash)
        border.setCosmetic(True)
    return (
        style.brush(style.card_fill(kind, own_color)),
        style.brush(accent),
        style.color(accent),
        border,
    )


_LEFT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_CENTRED = Qt.AlignmentFlag.AlignCenter
_WRAPPED_TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


class _CardPlan:
    """Where a card draws what (item coordinates), see ``CardItem._make_plan``."""

    __slots__ = ("outline", "selection", "stripe", "text_origin", "ellipsis", "metrics", "icons", "wait", "badge")


class CardItem(QGraphicsRectItem):
    """One card: fill by kind, border by evidence, wrapped title, markers and badge.

    A ``QGraphicsRectItem`` only for its bounding rect, computed in C++: Qt asks every
    child of a painted row for it (a row of a 20,000-card map holds ~1,500 cards, and
    a frame at zoom 1 asked 3,500 times, each a call into Python when overridden).
    The rect is the card; the invisible pen, ``MARGIN`` wide on each side, makes the
    bounding rect include the selection and find outlines. ``paint`` is our own.
    """

    MARGIN = 4.0  # selection and find outlines are drawn outside the card

    def __init__(self, card: Card, width: float, height: float, text: CardTextCache, parent=None):
        super().__init__(0.0, 0.0, width, height, parent)  # the rect set in C++, in one call
        self.setPen(_CARD_BOUNDS_PEN)
        self.card_id = card.id
        self._texts = text
        self._width = width
        self._text_width = text.text_width(width)
        self._height = height
        self._rect = QRectF(0.0, 0.0, width, height)
        self._shape: QPainterPath | None = None  # made when first asked (shape)
        self._highlighted = False
        self._row = parent if isinstance(parent, LaneRowItem) else None  # told of changes (_tell_row)
        self._xy: tuple[float, float] | None = None  # the position last set, for the overview
        self._overview = False  # the ItemHasNoContents flag, as set_overview last set it
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        # No pixmap cache (DeviceCoordinateCache until now): a zoom step re-rendered
        # every visible card into a new pixmap, Qt's 10 MB pixmap cache holds ~200
        # cards at zoom 1, and a card's paint is cheap once planned (_make_plan).
        # Measured on 20,000 cards, same run: a full frame at zoom 1 55 -> 43 ms, a
        # zoom step 60 -> 52 ms, scroll steps the same.
        self.refreshes = 0
        self.set_card(card, height)

    def set_overview(self, on: bool) -> None:
        """The view is zoomed out below ``CARD_DETAIL_LOD``: the card's row paints it
        with all its other cards (``LaneRowItem``) and the card paints nothing itself.
        Selection, hit tests and tooltips are unchanged."""
        if on != self._overview:
            self._overview = on
            self.setFlag(_NO_CONTENTS, on)

    def setPos(self, *args) -> None:  # noqa: N802
        super().setPos(*args)
        # Kept in Python: reading pos() back for 20,000 cards was a third of building
        # the rows' overviews.
        self._xy = args if len(args) == 2 else None
        if self._row is not None:
            self._row.cards_changed()

    def leave_row(self) -> None:
        """The card is about to leave the scene (the scene calls this before removing it)."""
        if self._row is not None:
            self._row.card_left(self)
            self._row = None

    def setParentItem(self, parent) -> None:  # noqa: N802
        """Moved to another row (the scene's way): both rows' overviews change."""
        super().setParentItem(parent)
        if self._row is not None and self._row is not parent:
            self._row.card_left(self)
        self._row = parent if isinstance(parent, LaneRowItem) else None
        self._tell_row()

    def _tell_row(self) -> None:
        """The row's overview of its cards is stale (this card changed, moved or came)."""
        if self._row is not None:
            self._row.card_changed(self)

    def row_rect(self) -> QRectF:
        """The card in its row's coordinates (plain arithmetic when the position is known)."""
        xy = self._xy
        if xy is None:
            return self._rect.translated(self.pos())
        return QRectF(xy[0], xy[1], self._width, self._height)

    # -- state ------------------------------------------------------------------------

    def set_card(self, card: Card, height: float) -> None:
        """Show ``card`` at ``height`` (both from the layout). Cheap when nothing changed."""
        self.refreshes += 1
        self.card = card
        if height != self._height:
            self._height = height
            self._rect = QRectF(0, 0, self._width, height)
            self.setRect(self._rect)  # the bounding rect, MARGIN wider (the pen)
            self._shape = None
        texts = self._texts
        self._text = texts.card_text(card, self._text_width)
        self._decorated = has_decorations(card)
        self._text_top = texts.text_top(card)
        kind = card.kind
        self._look = _appearance(kind, card.color, card.evidence)
        self._fill, self._accent, self._accent_color, self._border = self._look
        # The rows the layout measured (CardTextCache.metric_rows keeps them): not wrapped again.
        self._metric_lines, self._problem = texts.metric_rows(card, self._text_width)
        self._metric_pen = _PROBLEM_PEN if self._problem else _METRICS_PEN
        kano = getattr(card, "kano", None) if kind in KANO_KINDS else None
        self._kano = kano
        self._kano_brush = style.brush(style.KANO_COLOR[kano]) if kano is not None else None
        self._plan: _CardPlan | None = None  # made when painted (_make_plan)
        self._tell_row()
        self.update()

    def toolTip(self) -> str:  # noqa: N802
        """The card's tooltip, written when asked: the full title when it is cut, the
        description, the Kano category, why its metrics cannot be read.

        Never stored with ``setToolTip``: writing 5,000 tooltips was a tenth of making
        the cards of a map, and a tooltip is read only on hover, where
        ``JourneyScene.helpEvent`` asks this method (Qt's own help event reads the C++
        tooltip, which stays empty).
        """
        card = self.card
        tip = []
        if self._text.truncated:
            tip.append(card.title)
        if card.description:
            tip.append(card.description)
        if self._kano is not None:
            tip.append(names.kano_name(self._kano))
        if self._problem:
            tip.append(self._problem)
        return "\n\n".join(tip)

    def set_highlighted(self, on: bool) -> None:
        if on != self._highlighted:
            self._highlighted = on
            self._tell_row()
            self.update()

    @property
    def highlighted(self) -> bool:
        return self._highlighted

    @property
    def truncated(self) -> bool:
        return self._text.truncated

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def scene_rect(self) -> QRectF:
        return self.mapRectToScene(self._rect)

    # -- painting ---------------------------------------------------------------------

    def shape(self) -> QPainterPath:
        shape = self._shape
        if shape is None:  # most cards of a big map are never hit-tested
            shape = self._shape = QPainterPath()
            shape.addRect(self._rect)
        return shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < CARD_DETAIL_LOD:
            row = self._row
            if row is not None and row.overview:
                return  # the row has painted it (a card not yet switched: LaneRowItem.settle)
            self._paint_overview(painter, option)
            return
        plan = self._plan or self._make_plan()
        r = self._rect
        if self._highlighted:
            painter.setPen(_HIGHLIGHT_PEN)
            painter.setBrush(_NO_BRUSH)
            painter.drawRoundedRect(plan.outline, 5, 5)
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(r, 4, 4)
        painter.fillRect(plan.stripe, self._accent)
        if self.isSelected():
            painter.setPen(_SELECTION_PEN)
            painter.setBrush(_NO_BRUSH)
            painter.drawRoundedRect(plan.selection, 5, 5)
        if plan.icons:
            painter.setBrush(_NO_BRUSH)
            for path, pen in plan.icons:
                painter.setPen(pen)
                painter.drawPath(path)
        texts = self._texts
        if plan.wait is not None:
            painter.setFont(texts.fonts.marker)
            painter.setPen(_MUTED_PEN)
            painter.drawText(plan.wait, _LEFT_MIDDLE, self._wait_text)
        if plan.badge is not None:
            badge, radius = plan.badge
            painter.setPen(_NO_PEN)
            painter.setBrush(self._kano_brush)
            painter.drawRoundedRect(badge, radius, radius)
            painter.setPen(_WHITE_PEN)
            painter.setFont(texts.fonts.badge)
            painter.drawText(badge, _CENTRED, self._kano.code)
        text = self._text
        if text.layout is not None:
            painter.setPen(_TEXT_PEN)
            text.layout.draw(painter, plan.text_origin)
            if plan.ellipsis is not None:
                painter.setFont(texts.fonts.card)
                painter.drawText(plan.ellipsis, ELLIPSIS)
        if plan.metrics:
            painter.setFont(texts.fonts.metrics)
            painter.setPen(self._metric_pen)
            for rect, line in plan.metrics:
                painter.drawText(rect, _WRAPPED_TOP_LEFT, line)

    def prepare_paint(self) -> None:
        """Build what the first detailed paint builds (the plan, the title's layout)
        ahead of it: the scene calls this in idle time (``JourneyScene._prepare_items``)."""
        if self._plan is None:
            self._make_plan()
        self._text.layout  # noqa: B018 - made and kept on first access

    def _make_plan(self) -> _CardPlan:
        """Where everything goes, from the card and its size: made on the first detailed
        paint after ``set_card`` (most cards of a big map are never painted in detail).
        Computing the rectangles, icons and points in every ``paint`` was half of a
        card's 80-140 us at zoom 0.5."""
        texts = self._texts
        r = self._rect
        left = texts.stripe + texts.pad_x
        plan = _CardPlan()
        plan.outline = r.adjusted(-1, -1, 1, 1)
        plan.selection = r.adjusted(-2, -2, 2, 2)
        plan.stripe = QRectF(r.x() + 1, r.y() + 1, texts.stripe, r.height() - 2)
        plan.text_origin = QPointF(left, self._text_top)
        text = self._text
        plan.ellipsis = None
        if text.truncated and text.ellipsis_at is not None:
            at = text.ellipsis_at + plan.text_origin
            plan.ellipsis = QPointF(at.x(), at.y() + texts._metrics.ascent())
        plan.metrics = []
        y = self._text_top + text.height + texts.metric_gap
        for line, height in self._metric_lines:
            plan.metrics.append((QRectF(left, y, self._text_width, height), line))
            y += height
        plan.icons, plan.wait, plan.badge = [], None, None
        if self._decorated:
            self._plan_decorations(plan, left)
        self._plan = plan
        return plan

    def _plan_decorations(self, plan: _CardPlan, left: float) -> None:
        texts = self._texts
        size = texts.icon
        y = texts.pad_y
        x = left
        card = self.card
        icons = []
        if card.kind is CardKind.TOUCHPOINT:
            icons.append((channel_path(card.channel), self._accent_color, 4))
        if card.fail_point:
            icons.append((marker_path("fail"), style.FAIL, 4))
        if card.decision_point:
            icons.append((marker_path("decision"), style.DECISION, 4))
        if card.wait_point:
            icons.append((marker_path("wait"), style.WAIT, 2))
        for path, color, gap in icons:
            plan.icons.append(placed_icon(path, QRectF(x, y, size, size), color))
            x += size + gap
        self._wait_text = format_wait(card.wait_minutes) if card.wait_point else ""
        if self._wait_text:
            plan.wait = QRectF(x, y, self._rect.width() - x - 30, size)
        if self._kano is not None:
            if texts.inline_badge(card):  # centred on the title's first line
                y = self._text_top + (texts.line_height - size) / 2
            badge = QRectF(self._rect.width() - texts.pad_x - texts.badge_width, y, texts.badge_width, size)
            plan.badge = (badge, size / 2)

    def _paint_overview(self, painter: QPainter, option: QStyleOptionGraphicsItem) -> None:
        """Zoomed out: the kind's fill and accent border only (one hairline pen, no
        text, icons or badge), and the find and selection outlines, which matter most
        when the whole map is in view."""
        r = self._rect
        painter.setPen(_overview_pen(self._accent_color.rgba()))
        painter.setBrush(self._fill)
        painter.drawRect(r)
        if self._highlighted:
            painter.setPen(_HIGHLIGHT_PEN)
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(r.adjusted(-1, -1, 1, 1))
        if self.isSelected():
            painter.setPen(_SELECTION_PEN)
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(r.adjusted(-2, -2, 2, 2))

    def metric_text(self) -> str:
        """The metrics line(s) as shown, one line per row (empty without metrics)."""
        return "\n".join(line for line, _ in self._metric_lines)


class LaneRowItem(QGraphicsItem):
    """One lane's row: the parent of its header, cards and curves.

    The grid lines are the scene's background (``JourneyScene.drawBackground``), so
    that link arrows (top-level, below the rows) pass under the cards, not over them.

    Zoomed out (``set_overview``, below ``CARD_DETAIL_LOD``), the row paints all its
    cards itself, a few ``drawRects`` calls (one per look), and the cards paint
    nothing: a Python ``paint`` per card cost ~30 us, ~470 ms a frame for the 20,000
    cards of a map seen whole at zoom 0.1. The overview is rebuilt when first painted
    after a card of the row changed (``cards_changed``).

    The cards follow the switch lazily (``settle``): the scene switches the cards in
    view at once and the rest in idle time (one ``setFlag`` a card was 40–60 ms of a
    zoom step on 20,000 cards). Until then, zoomed in, the row paints in full the cards
    still without contents; zoomed out, a card not yet switched paints its own
    rectangle over the overview's.
    """

    def __init__(self, lane: Lane, width: float, height: float):
        super().__init__()
        self.lane_id = lane.id
        self.lane_kind = LaneKind(lane.kind)
        self._rect = QRectF(0, 0, width, height)
        self._overview_on = False
        self._overview: _CardOverview | None = None
        self._cards: dict[str, CardItem] = {}  # the cards told of this row (CardItem._tell_row)
        self._lagging: dict[str, CardItem] = {}  # cards not yet switched to _overview_on (settle)
        self._settled_columns: tuple[float, float] | None = None  # where none lag (settle_columns)
        self._lagging_xs: tuple[list[float], list[CardItem], float] | None = None  # see _lagging_in
        self.overviews_built = 0  # for tests
        # Qt's index yields top-level items and then walks all their children. A row that
        # clips its children lets painting and hit tests skip whole rows out of view —
        # but only if the row "has contents" (ItemHasNoContents skips the test), so it
        # keeps a paint() even when it draws nothing. Measured on 5,000 cards: see the report.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
        # For option.exposedRect: the overview paints the exposed columns only.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setZValue(Z_ROW)

    def set_height(self, height: float) -> None:
        if height != self._rect.height():
            self.prepareGeometryChange()
            self._rect.setHeight(height)
            self._shape = None

    def height(self) -> float:
        return self._rect.height()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def shape(self) -> QPainterPath:
        if getattr(self, "_shape", None) is None:
            self._shape = QPainterPath()
            self._shape.addRect(self._rect)
        return self._shape

    def set_overview(self, on: bool) -> None:
        """Paint the cards of the row as one overview; the cards follow in ``settle``."""
        if on != self._overview_on:
            self._overview_on = on  # the overview itself stays until a card changes
            # The cards still lagging behind the last switch are where they should be
            # now; the others lag. So a lagging card's flag is always ``not on``.
            before = self._lagging
            self._lagging = {k: v for k, v in self._cards.items() if k not in before} if before else dict(self._cards)
            self._settled_columns = None
            self._lagging_xs = None
            self.update()

    def build_overview(self) -> bool:
        """Build the overview if there is none (the scene does it in idle time after a
        build: the first zoom-out built all of them, ~150 ms on 20,000 cards)."""
        if self._overview is not None:
            return False
        self._overview = _CardOverview(list(self._cards.values()))
        self.overviews_built += 1
        return True

    def settle(self, limit: int | None = None) -> int:
        """Switch cards that lag behind the row (``CardItem.set_overview``), at most
        ``limit``. Returns how many were switched."""
        lagging = self._lagging
        if not lagging:
            return 0
        on = self._overview_on
        done = list(lagging.values())[:limit] if limit is not None else list(lagging.values())
        for item in done:
            del lagging[item.card_id]
            item.set_overview(on)
        return len(done)

    def settle_columns(self, card_ids, left: float, right: float) -> None:
        """Switch the cards ``card_ids`` (the row's cards in the columns ``left`` ..
        ``right``, scene x): the row then need not look for lagging cards there."""
        lagging = self._lagging
        on = self._overview_on
        for card_id in card_ids:
            item = lagging.pop(card_id, None)
            if item is not None:
                item.set_overview(on)
        self._settled_columns = (left, right)

    def _lagging_in(self, rect: QRectF) -> list[CardItem]:
        """The lagging cards that reach into ``rect`` (row coordinates): the cards
        lagging since the switch, sorted by x once, looked up by the rect's columns
        (a scan of a row's ~1,500 lagging cards on every paint cost ~20 ms a frame)."""
        if self._lagging_xs is None:
            placed = sorted((self._x_of(item), id(item), item) for item in self._lagging.values())
            widest = max((item._width for item in self._lagging.values()), default=0.0)
            self._lagging_xs = ([p[0] for p in placed], [p[2] for p in placed], widest)
        xs, items, widest = self._lagging_xs
        first, last = bisect_left(xs, rect.left() - widest), bisect_right(xs, rect.right())
        lagging, top, bottom = self._lagging, rect.top(), rect.bottom()
        found = []
        for item in items[first:last]:
            if item.card_id in lagging and lagging[item.card_id] is item:
                y = item._xy[1] if item._xy is not None else item.pos().y()
                if y <= bottom and y + item._height >= top:
                    found.append(item)
        return found

    @staticmethod
    def _x_of(item: CardItem) -> float:
        return item._xy[0] if item._xy is not None else item.pos().x()

    @property
    def settled(self) -> bool:
        return not self._lagging

    @property
    def overview(self) -> bool:
        return self._overview_on

    def cards_changed(self) -> None:
        """A card of the row changed or moved: rebuild the overview."""
        self._overview = None
        self._lagging_xs = None
        if self._overview_on:
            self.update()

    def card_changed(self, card: CardItem) -> None:
        if self._cards.get(card.card_id) is not card:
            self._cards[card.card_id] = card
            self._lagging.pop(card.card_id, None)
            card.set_overview(self._overview_on)  # it may come from a row not yet settled
        self.cards_changed()

    def card_left(self, card: CardItem) -> None:
        if self._cards.get(card.card_id) is card:
            del self._cards[card.card_id]
            self._lagging.pop(card.card_id, None)
        self.cards_changed()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if not self._overview_on:
            # The grid is the scene's background; the cards paint themselves, but for
            # those still without contents (``settle``).
            if self._lagging:
                exposed = option.exposedRect
                settled = self._settled_columns
                if settled is None or not settled[0] <= exposed.left() <= exposed.right() <= settled[1]:
                    self._paint_in_full(painter, option, self._lagging_in(exposed))
            return
        self.build_overview()
        overview = self._overview
        if option.levelOfDetailFromTransform(painter.worldTransform()) < CARD_DETAIL_LOD:
            scene = self.scene()
            selected = scene.selected_card_set() if hasattr(scene, "selected_card_set") else frozenset()
            # Cards being dragged are faded (opacity 0.35): the drag names them.
            cards = self._cards
            faded = [card_id for card_id in getattr(scene, "dragged", ()) if card_id in cards]
            overview.paint(painter, option.exposedRect, selected, faded)
            return
        # Drawn larger than the view that chose the overview (a picture of this scene):
        # every card in full, as it would paint itself.
        self._paint_in_full(painter, option, overview.items)

    @staticmethod
    def _paint_in_full(painter: QPainter, option: QStyleOptionGraphicsItem, cards: list[CardItem]) -> None:
        for item in cards:
            painter.save()
            painter.translate(item.pos())
            item.paint(painter, option)
            painter.restore()


class _CardOverview:
    """The cards of one row, zoomed out: their rectangles (row coordinates) grouped by
    look and sorted by x, for one ``drawRects`` per look of the cards in the exposed
    columns; the highlighted ones; rects by card id (for the selection)."""

    __slots__ = ("items", "groups", "rects", "highlighted", "widest")

    def __init__(self, cards: list[CardItem]):
        self.items = cards
        groups: dict[int, tuple[QPen, QBrush, list[tuple[float, QRectF]]]] = {}
        self.rects: dict[str, QRectF] = {}
        self.highlighted: list[QRectF] = []
        self.widest = max((item._width for item in cards), default=0.0)
        for item in cards:
            rect = item.row_rect()
            self.rects[item.card_id] = rect
            look = item._look  # (fill brush, accent brush, accent colour, border pen), shared
            group = groups.get(id(look))
            if group is None:
                group = groups[id(look)] = (_overview_pen(look[2].rgba()), look[0], [])
            group[2].append((rect.x(), rect))
            if item._highlighted:
                self.highlighted.append(rect.adjusted(-1, -1, 1, 1))
        self.groups = []
        for pen, brush, placed in groups.values():
            placed.sort(key=lambda p: p[0])
            self.groups.append((pen, brush, [x for x, _ in placed], [r for _, r in placed]))

    def paint(self, painter: QPainter, exposed: QRectF, selected: frozenset[str], faded=()) -> None:
        """What ``CardItem._paint_overview`` draws, for the row's cards in ``exposed``;
        the ``faded`` cards (ids) as at a dragged card's opacity: white over them (no
        grid line or link runs under a card).

        Without antialiasing: the cards are a few pixels wide, and antialiased
        rectangles cost 2.5× as much (82 vs 32 ms for 20,000 cards, measured)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left, right = exposed.left() - self.widest, exposed.right()
        for pen, brush, xs, rects in self.groups:
            first, last = bisect_left(xs, left), bisect_right(xs, right)
            if first < last:
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawRects(rects[first:last] if last - first < len(rects) else rects)
        if faded:
            painter.setPen(_FADE_PEN)
            painter.setBrush(_FADE_BRUSH)
            painter.drawRects([self.rects[card_id] for card_id in faded if card_id in self.rects])
        painter.setBrush(_NO_BRUSH)
        if self.highlighted:
            painter.setPen(_HIGHLIGHT_PEN)
            painter.drawRects(self.highlighted)
        if selected:
            mine = [self.rects[card_id].adjusted(-2, -2, 2, 2) for card_id in selected & self.rects.keys()]
            if mine:
                painter.setPen(_SELECTION_PEN)
                painter.drawRects(mine)


def paint_grid(painter: QPainter, exposed: QRectF, layout) -> None:
    """The grid under everything: white cells, row and column lines in ``exposed`` only."""
    painter.fillRect(exposed, Qt.GlobalColor.white)
    painter.setPen(_GRID_PEN)
    s = layout.style
    top, bottom = s.grid_top, layout.height
    left, right = s.lane_header_width, layout.width
    x0, x1 = max(exposed.left(), left), min(exposed.right(), right)
    if x0 < x1:
        for lane in layout.lanes:
            y = layout.row(lane.id).bottom
            if exposed.top() <= y <= exposed.bottom():
                painter.drawLine(QLineF(x0, y, x1, y))
    y0, y1 = max(exposed.top(), top), min(exposed.bottom(), bottom)
    if y0 < y1:
        first = max(0, math.floor(layout.column_at(exposed.left())))
        last = min(len(layout.steps), math.floor(layout.column_at(exposed.right())) + 1)
        for i in range(first, last + 1):
            x = left + i * s.column_width
            painter.drawLine(QLineF(x, y0, x, y1))


class _TextBoxItem(QGraphicsItem):
    """A rectangle with a title that is elided (with a tooltip) when it does not fit."""

    def __init__(self, rect: QRectF, parent=None):
        super().__init__(parent)
        self._rect = QRectF(rect)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
            self._relayout()

    def _relayout(self) -> None:  # subclasses recompute their text
        pass

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect


def fit_text(text: str, font, width: float, lines: int) -> tuple[str, bool]:
    """``text`` wrapped into at most ``lines`` lines of ``width``; elided with "…" if not.

    Returns (the text to draw with word wrap, whether it was shortened).
    """
    metrics = QFontMetricsF(font)
    needed = metrics.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
    # Lines are counted in the text's own line height: Chinese falls back to a font
    # whose lines are taller than the primary font's (17.6 vs 16.3 px at 14 px), and
    # measured against metrics.height() every Chinese header looked cut.
    line = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), 0, text).height() or metrics.height()
    if needed.height() <= line * lines + 0.5:
        return text, False
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width * lines - metrics.averageCharWidth() * 2 * (lines - 1)), True


class StageHeaderItem(_TextBoxItem):
    """A stage's name over its steps and, when its cards carry metrics, their aggregate.

    The aggregate line sits under the name; the scene makes the header band taller
    when the map has any metrics, so that both fit.
    """

    def __init__(self, stage_id: str, name: str, color: str, rect: QRectF, fonts):
        self.stage_id = stage_id
        self._name = name
        self._fonts = fonts
        self._brush = style.brush(color)
        self._text_pen = _header_text_pen(color)
        self._metrics_text = ""
        self.refreshes = 0  # set_stage / set_metrics calls, for tests
        super().__init__(rect)
        self.setZValue(Z_HEADER)
        self._relayout()

    def set_stage(self, name: str, color: str) -> None:
        self.refreshes += 1
        self._name = name
        self._brush = style.brush(color)
        self._text_pen = _header_text_pen(color)
        self._relayout()
        self.update()

    def set_metrics(self, text: str) -> None:
        """The stage's aggregate figures as one line ("" for none)."""
        if text == self._metrics_text:
            return
        self.refreshes += 1
        self._metrics_text = text
        self._relayout()
        self.update()

    @property
    def metrics_text(self) -> str:
        return self._metrics_text

    def _metrics_height(self) -> float:
        return QFontMetricsF(self._fonts.stage_metrics).height() + 2 if self._metrics_text else 0.0

    def _relayout(self) -> None:
        self._shown, cut = fit_text(self._name, self._fonts.stage, self._rect.width() - 16, 1)
        tip = [self._name] if cut else []
        self._metrics_shown = ""
        if self._metrics_text:
            self._metrics_shown, metrics_cut = fit_text(self._metrics_text, self._fonts.stage_metrics, self._rect.width() - 16, 1)
            if metrics_cut:
                tip.append(self._metrics_text)
        self.setToolTip("\n".join(tip))

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect.adjusted(1, 1, -1, 0), self._brush)
        painter.setPen(self._text_pen)
        painter.setFont(self._fonts.stage)
        metrics_h = self._metrics_height()
        name_rect = self._rect.adjusted(8, 0, -8, -metrics_h)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._shown)
        if self._metrics_shown:
            painter.setFont(self._fonts.stage_metrics)
            painter.drawText(
                QRectF(name_rect.left(), name_rect.bottom() - 2, name_rect.width(), metrics_h),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                self._metrics_shown,
            )


def _header_text_pen(fill: str) -> QPen:
    """White on dark stage colours, near-black on light ones (WCAG relative luminance)."""
    c = QColor(fill)

    def channel(v: float) -> float:
        v /= 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    # The contrast with white beats the contrast with #111827 below ~0.18.
    return _WHITE_PEN if luminance < 0.18 else _TEXT_PEN


class StepHeaderItem(_TextBoxItem):
    def __init__(self, step_id: str, name: str, rect: QRectF, fonts):
        self.step_id = step_id
        self._name = name
        self._fonts = fonts
        super().__init__(rect)
        self.setZValue(Z_HEADER)
        self._relayout()

    def set_name(self, name: str) -> None:
        self._name = name
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        self._shown, cut = fit_text(self._name, self._fonts.step, self._rect.width() - 12, 1)
        self.setToolTip(self._name if cut else "")

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect, _STEP_FILL)
        painter.setPen(_GRID_PEN)
        painter.drawLine(QLineF(self._rect.bottomLeft(), self._rect.bottomRight()))
        painter.drawLine(QLineF(self._rect.topRight(), self._rect.bottomRight()))
        painter.setPen(_TEXT_PEN)
        painter.setFont(self._fonts.step)
        painter.drawText(
            self._rect.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self._shown,
        )


class LaneHeaderItem(_TextBoxItem):
    """The lane's name and kind, left of its row (a child of the row)."""

    def __init__(self, lane: Lane, rect: QRectF, fonts, *, reserve_right: float = 0.0, parent=None):
        self._fonts = fonts
        self._reserve = reserve_right
        self.set_lane_fields(lane)
        super().__init__(rect, parent)
        self._relayout()

    def set_lane_fields(self, lane: Lane) -> None:
        self.lane_id = lane.id
        self._name = lane.name or names.lane_kind_name(lane.kind)
        self._kind = names.lane_kind_name(lane.kind)
        self._tint = style.brush(style.LANE_TINT[LaneKind(lane.kind)])

    def set_lane(self, lane: Lane) -> None:
        self.set_lane_fields(lane)
        self._relayout()
        self.update()

    def _text_rect(self) -> QRectF:
        return self._rect.adjusted(10, 8, -8 - self._reserve, -8)

    def _relayout(self) -> None:
        r = self._text_rect()
        kind_h = QFontMetricsF(self._fonts.lane_kind).height()
        lines = max(1, int((r.height() - kind_h) // QFontMetricsF(self._fonts.lane).height()))
        self._shown, cut = fit_text(self._name, self._fonts.lane, r.width(), min(lines, 4))
        self.setToolTip(self._name if cut else "")

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect, self._tint)
        painter.setPen(_GRID_PEN)
        painter.drawLine(QLineF(self._rect.topRight(), self._rect.bottomRight()))
        r = self._text_rect()
        painter.setPen(_TEXT_PEN)
        painter.setFont(self._fonts.lane)
        used = painter.boundingRect(r, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), self._shown)
        painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self._shown)
        if self._kind != self._name:
            painter.setPen(_MUTED_PEN)
            painter.setFont(self._fonts.lane_kind)
            painter.drawText(
                QRectF(r.left(), used.bottom() + 2, r.width(), r.bottom() - used.bottom()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self._kind,
            )


class BlueprintLineItem(QGraphicsItem):
    """One blueprint line across the grid, labelled in a gap at the start of the grid."""

    def __init__(self, line: BlueprintLine, x0: float, x1: float, y: float, fonts):
        super().__init__()
        self.line = BlueprintLine(line)
        self.label = names.blueprint_line_name(line)
        self._fonts = fonts
        metrics = QFontMetricsF(fonts.line_label)
        w = metrics.horizontalAdvance(self.label) + 14
        h = metrics.height() + 2
        self._x0, self._x1 = x0, x1
        self._label_rect = QRectF(x0 + 10, -h / 2, w, h)
        self._pen = QPen(style.BLUEPRINT_LINE, 2.0, Qt.PenStyle.DashLine)
        self.setZValue(Z_LINE)
        self.setPos(0, y)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_span(self, x0: float, x1: float) -> None:
        self.prepareGeometryChange()
        self._label_rect.moveLeft(x0 + 10)
        self._x0, self._x1 = x0, x1

    def label_rect(self) -> QRectF:
        return self.mapRectToScene(self._label_rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(self._x0, self._label_rect.top(), self._x1 - self._x0, self._label_rect.height())

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        label = self._label_rect
        # The line stops at the label instead of crossing it.
        painter.drawLine(QLineF(self._x0, 0, label.left() - 3, 0))
        painter.drawLine(QLineF(label.right() + 3, 0, self._x1, 0))
        painter.setPen(_LABEL_PEN)
        painter.setBrush(_WHITE_BRUSH)
        painter.drawRoundedRect(label, label.height() / 2, label.height() / 2)
        painter.setFont(self._fonts.line_label)
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.label)


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
        scene = self.scene()
        for handle in self.handles:
            if scene is not None:
                scene.removeItem(handle)
            handle.setParentItem(None)
        self.handles = []
        self._points = list(points)
        self._segments_from(points)
        for p in points:
            if p is None:
                continue
            step_id, x, y, score, reason = p
            handle = EmotionPointItem(self.persona_id, self.curve, step_id, score, reason, self.color, self)
            handle.setPos(x, y)
            self.handles.append(handle)

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

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.setFont(self._fonts.lane_kind)
        for score, y in self._levels:
            painter.setPen(self._pen)
            painter.drawLine(QLineF(self._x0, y, self._x1, y))
            painter.setPen(_MUTED_PEN)
            painter.drawText(
                QRectF(self._x0 - 28, y - 7, 24, 14),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                score_label(score, scale_is_signed(s for s, _ in self._levels)),  # 1 … 5 unsigned
            )
        painter.setPen(self._neutral_pen)
        painter.drawLine(QLineF(self._x0, self._neutral, self._x1, self._neutral))


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
            dy = points[0][1] - old[0][1]
            if all(p[0] == q[0] and abs(p[1] - q[1] - dy) < 1e-6 for p, q in zip(points, old)):
                if dy:
                    self.moveBy(0, dy)
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
def _overview_pen(rgba: int) -> QPen:
    """A solid one-pixel (cosmetic) pen: the cheapest stroke Qt has, for the zoomed-out map."""
    pen = QPen(QColor.fromRgba(rgba), 0)
    pen.setCosmetic(True)
    return pen


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


class CellMarkItem(QGraphicsItem):
    """The current cell (outlined) or a drop target (filled); one item moved around."""

    def __init__(self, fill: QColor, outline: QColor | None):
        super().__init__()
        self._rect = QRectF()
        self._brush = QBrush(fill)
        self._pen = QPen(outline, 2.0) if outline is not None else _NO_PEN
        self.setZValue(Z_CELL_MARK)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_rect(self, rect: QRectF | None) -> None:
        if rect is None:
            self.hide()
            return
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
        self.show()

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        painter.drawRect(self._rect.adjusted(1, 1, -1, -1))


class DropIndicatorItem(QGraphicsItem):
    """A thick line where dragged cards will land."""

    def __init__(self):
        super().__init__()
        self._line = QLineF()
        self._pen = QPen(style.SELECTION, 3.0)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setZValue(Z_DRAG)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_line(self, line: QLineF | None) -> None:
        if line is None:
            self.hide()
            return
        self.prepareGeometryChange()
        self._line = QLineF(line)
        self.show()

    def line(self) -> QLineF:
        return QLineF(self._line)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(self._line.p1(), self._line.p2()).normalized().adjusted(-3, -3, 3, 3)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self._pen)
        painter.drawLine(self._line)


class LegendItem(QGraphicsObject):
    """Personas (colour, hidden or not), curve styles, evidence borders and link kinds."""

    def __init__(self, fonts):
        super().__init__()
        self._fonts = fonts
        self._entries: list[tuple[str, object]] = []
        self._rect = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_entries(self, personas: Sequence[tuple[str, QColor, bool]], show_links: bool) -> None:
        """``personas``: (name, colour, hidden). Rebuilds the legend's rows."""
        rows: list[list[tuple[str, object]]] = []
        if personas:
            rows.append([("title", QCoreApplication.translate("Legend", "Personas:"))] + [("persona", p) for p in personas])
            rows.append(
                [
                    ("title", QCoreApplication.translate("Legend", "Emotion curve:")),
                    ("curve", (names.curve_name("as_is"), Qt.PenStyle.SolidLine)),
                    ("curve", (names.curve_name("to_be"), Qt.PenStyle.DashLine)),
                ]
            )
        rows.append(
            [("title", QCoreApplication.translate("Legend", "Evidence:"))]
            + [("evidence", (names.evidence_name(e), style.EVIDENCE_STYLE[e])) for e in Evidence]
        )
        if show_links:
            rows.append(
                [("title", QCoreApplication.translate("Legend", "Links:"))] + [("link", k) for k in LinkKind]
            )
        self.prepareGeometryChange()
        self._rows = rows
        metrics = QFontMetricsF(self._fonts.legend)
        self._row_h = metrics.height() + 8
        width = 0.0
        for row in rows:
            width = max(width, sum(self._entry_width(metrics, e) for e in row))
        self._rect = QRectF(0, 0, width + 16, len(rows) * self._row_h + 8)
        self.update()

    def _entry_width(self, metrics, entry) -> float:
        kind, value = entry
        if kind == "title":
            return metrics.horizontalAdvance(value) + 10
        if kind == "persona":
            label = value[0]
        elif kind == "link":
            label = names.link_kind_name(value)
        else:
            label = value[0]
        return 30 + metrics.horizontalAdvance(label) + 16

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.setFont(self._fonts.legend)
        metrics = QFontMetricsF(self._fonts.legend)
        y = 4.0
        for row in self._rows:
            x = 8.0
            mid = y + self._row_h / 2
            for entry in row:
                kind, value = entry
                w = self._entry_width(metrics, entry)
                text_rect = QRectF(x + 30, y, w - 30, self._row_h)
                if kind == "title":
                    painter.setPen(_TEXT_PEN)
                    painter.drawText(QRectF(x, y, w, self._row_h), Qt.AlignmentFlag.AlignVCenter, value)
                    x += w
                    continue
                if kind == "persona":
                    label, color, hidden = value
                    painter.setPen(QPen(color, 3.0))
                    painter.drawLine(QLineF(x, mid, x + 24, mid))
                    painter.setPen(_MUTED_PEN if hidden else _TEXT_PEN)
                elif kind == "curve":
                    label, dash = value
                    painter.setPen(QPen(style.MUTED_TEXT, 2.0, dash))
                    painter.drawLine(QLineF(x, mid, x + 24, mid))
                    painter.setPen(_TEXT_PEN)
                elif kind == "evidence":
                    label, dash = value
                    painter.setPen(QPen(style.MUTED_TEXT, 1.3, dash))
                    painter.setBrush(_NO_BRUSH)
                    painter.drawRoundedRect(QRectF(x, mid - 7, 24, 14), 3, 3)
                    painter.setPen(_TEXT_PEN)
                else:
                    label = names.link_kind_name(value)
                    painter.setPen(QPen(style.color(style.LINK_COLOR[value]), 2.0, style.LINK_STYLE[value]))
                    painter.drawLine(QLineF(x, mid, x + 24, mid))
                    painter.setPen(_TEXT_PEN)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, label)
                x += w
            y += self._row_h


class DimItem(QGraphicsItem):
    """A translucent veil over the stages the presentation is not focused on."""

    def __init__(self, rect: QRectF):
        super().__init__()
        self._rect = QRectF(rect)
        self._brush = QBrush(style.DIM)
        self.setZValue(Z_DIM)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self._rect, self._brush)
