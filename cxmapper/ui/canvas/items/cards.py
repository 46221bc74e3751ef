"""Cards and the lane rows that hold them (they import each other's geometry): ``CardItem``,
``LaneRowItem``, the zoomed-out overview of a row and the grid painter."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from cxmapper.model.document import Card, CardKind, Evidence, KANO_KINDS, Lane, LaneKind
from cxmapper.ui import names
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.cardtext import CardTextCache, ELLIPSIS, has_decorations
from cxmapper.ui.canvas.icons import channel_path, marker_path, placed_icon
from cxmapper.ui.canvas.items.base import (
    CARD_DETAIL_LOD,
    Z_ROW,
    _CARD_BOUNDS_PEN,
    _CENTRED,
    _FADE_BRUSH,
    _FADE_PEN,
    _GRID_PEN,
    _HIGHLIGHT_PEN,
    _LEFT_MIDDLE,
    _METRICS_PEN,
    _MUTED_PEN,
    _NO_BRUSH,
    _NO_CONTENTS,
    _NO_PEN,
    _PROBLEM_PEN,
    _SELECTION_PEN,
    _TEXT_PEN,
    _WHITE_PEN,
    _WRAPPED_TOP_LEFT,
    _overview_pen,
)


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

    def set_width(self, width: float) -> None:
        """The map's width changed (a step came or went)."""
        if width != self._rect.width():
            self.prepareGeometryChange()
            self._rect.setWidth(width)
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
