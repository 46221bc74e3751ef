"""``JourneyScene``: the map as graphics items, mirroring the editor's document.

The scene owns the items and their placement (through ``MapLayout``), the selection,
the current cell, the find highlight and the presentation state. It never changes the
document itself: gestures (``interactions.py``) and keys (``scene_events.py``) build
named edits (``ui/edits.py``) and push them through the window's ``EditChannel``
(``ui/edit_channel.py``), the editor applies them and the channel fans the
``ChangeRecord`` out to ``changes_applied`` (``scene_follow.py``), which updates only
the items it names, one handler per kind, grid changes included, without a rebuild
but in rare cases (the contract is in that module's docstring). Tests
(tests/ui/test_scene.py, tests/ui/test_scene_grid.py) check that the incremental
result equals a fresh build.

Metrics: a card with metrics shows them under its title; each stage header shows the
stage's aggregate weighted by sample size (``metricstext`` over ``model.metrics``).
They are redrawn only when a card's metrics object, its step, or the map's analysis
settings change (``_track_metrics`` in ``scene_follow.py``): a retitle still touches
one item. The stage header band is taller while any card has metrics (appearing or
vanishing rebuilds).

Links run along the grid's gutters (``linkroute``), faint; the selected cards' links
are drawn strong and above the rows. ``set_link_mode`` shows all links (the default:
the map's structure stays visible and a selection brings its own links forward),
only the selected cards' links (a workshop walking through one card), or none.

Rows that only moved (a row above grew or shrank) carry their links along: each link
hangs in a ``LinkLayer`` of the upper of its cards' rows, which moves with the row, so
only the links with an end on each side of a resized row are routed again; the rest
are not touched. The view tells the scene its zoom (``set_view_scale``): zoomed out,
the rows paint their cards.

For the shell: ``selected_card_ids``/``select_cards``, ``current_cell``/
``set_current_cell``, ``set_highlight`` (find), ``set_hidden_personas``,
``set_presentation`` and ``stage_rect``, ``begin_add_card``/``choose_kind_and_add``/
``edit_title``/``remove_cards``, ``card_item`` (to scroll to a card), ``set_link_mode``,
``stage_figures``; the signals below.
Selection and the current cell are never undo steps.

Trap: the scene connects itself to the channel in ``__init__``; call ``detach()``
before dropping a scene whose channel lives on (the shell does when it opens another
map), or the channel keeps notifying a dead scene.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QUndoStack
from PySide6.QtWidgets import QGraphicsScene

from cxmapper.model.document import (
    DEFAULT_CARD_KIND,
    Card,
    CardKind,
    Curve,
    LaneKind,
    make_card,
)
from cxmapper.model.editor import Editor, MoveCard, Operation
from cxmapper.model.layout import LayoutStyle, MapLayout
from cxmapper.model.metrics import MetricSet, combine
from cxmapper.ui import activity, collector
from cxmapper.ui.canvas import style
from cxmapper.ui.canvas.cardtext import CardTextCache
from cxmapper.ui.canvas.emotion_legend import add_to_row, spread_coinciding
from cxmapper.ui.canvas.items import (
    CARD_DETAIL_LOD,
    LINK_DETAIL_LOD,
    LINK_HIDE_LOD,
    BlueprintLineItem,
    CardItem,
    CellMarkItem,
    DimItem,
    DropIndicatorItem,
    EmotionAxisItem,
    EmotionCurveItem,
    EmotionPointItem,
    LaneHeaderItem,
    LaneRowItem,
    LegendItem,
    LinkItem,
    StageHeaderItem,
    StepHeaderItem,
    paint_grid,
)
from cxmapper.ui.canvas.metricstext import SEPARATOR, has_metrics, metric_segments, step_figures
from cxmapper.ui.canvas.style import CanvasFonts
from cxmapper.ui.canvas.geometry import qrect
from cxmapper.ui.canvas.scene_events import SceneEvents
from cxmapper.ui.canvas.scene_follow import SceneFollow
from cxmapper.ui.canvas.scene_links import LinkLayer, LinkMode, SceneLinks, _overlap
from cxmapper.ui.canvas.waiting import WaitingLinks
from cxmapper.ui import edits
from cxmapper.ui.edit_channel import EditChannel
from cxmapper.ui.edits import Edit

#: How much taller the emotion lane gets in the presentation mode (on top of the font scale).
PRESENTATION_EMOTION_BOOST = 1.6






def scaled_style(base: LayoutStyle, scale: float, emotion_boost: float = 1.0) -> LayoutStyle:
    """``base`` with every length multiplied by ``scale`` (the emotion lane by more)."""
    changes = {}
    for f in dataclasses.fields(base):
        value = getattr(base, f.name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            changes[f.name] = value * scale * (emotion_boost if f.name == "emotion_lane_height" else 1.0)
    return dataclasses.replace(base, **changes)


class JourneyScene(SceneFollow, SceneLinks, SceneEvents, QGraphicsScene):
    """The canvas of one map. See the module docstring for the update contract."""

    #: The selected card ids changed (list of ids, in map order).
    card_selection_changed = Signal(list)
    #: The current cell changed: (lane_id, step_id), or None.
    cell_selected = Signal(object)
    #: Everything was rebuilt (a structural change or a new presentation).
    rebuilt = Signal()
    #: A card's title editor opened (card id, or "" for a new card) / closed.
    title_editing_started = Signal(str)
    title_editing_finished = Signal()
    #: A header's name is typed in place: ("stage" | "step" | "lane", id); ("", "") when done.
    header_editing = Signal(str, str)
    emotion_dragging = Signal(str, str, str)  # persona, step, curve of a point dragged; "" when done (presence)
    #: A stage, step or lane header was clicked: ("stage" | "step" | "lane", id).
    header_clicked = Signal(str, str)
    #: Right click: (global QPoint, card id or "", (lane_id, step_id) or None). The shell
    #: shows its context menu with the same actions as its menus.
    context_menu_requested = Signal(object, str, object)
    #: The link mode changed (``LinkMode`` value).
    link_mode_changed = Signal(str)

    #: Depth of the BSP index. Qt's own choice grows with the item count (13 for a
    #: 5,000-card map, 15 for 20,000): every moved item is re-inserted into every leaf
    #: its rect touches, and the leaves get small. A row that grows moves the rows
    #: below and re-indexes all their cards: 4.6 ms at depth 13 against 1.4 ms at 8 and
    #: 1.7 ms at 10 (5,000 cards), 24 ms at depth 15 against 3.7 ms at 10 (20,000 cards),
    #: while queries (a viewport's items, the items under the mouse) and full repaints
    #: at zoom 1, 0.5 and 0.1 took the same or less (medians of 12 repaints and 200 hit
    #: tests per depth, interleaved). 10 keeps hit tests at 20,000 cards as quick as
    #: Qt's depth (at 8 they were twice as slow, 0.09 against 0.05 ms).
    BSP_TREE_DEPTH = 10

    def __init__(
        self,
        channel: EditChannel | Editor,
        undo_stack: QUndoStack | None = None,
        parent=None,
        *,
        layout_style: LayoutStyle | None = None,
    ):
        """``channel``: the window's ``EditChannel``; given a bare ``Editor`` (a picture,
        a test), the scene makes a channel of its own over it and ``undo_stack``."""
        super().__init__(parent)
        # A channel of its own is not a Qt child: the scene's C++ side is deleted before
        # Python collects the wrapper, and a child would go with it while still referenced.
        self._own_channel = not isinstance(channel, EditChannel)
        if self._own_channel:
            channel = EditChannel(channel, undo_stack)
        self.channel = channel
        self.base_style = layout_style or LayoutStyle()
        # Measured on a 5,000-card map (1,664 links, 1400×900 window): a full repaint
        # took the same with BSP and NoIndex (~70–120 ms, dominated by stroking links)
        # once rows clip their children; our own hit tests go through the layout, not
        # the index. BSP (Qt's default) is kept for Qt's rubber band and help events;
        # the build runs unindexed and is indexed once at the end.
        self.index_method = QGraphicsScene.ItemIndexMethod.BspTreeIndex
        self.stats: Counter[str] = Counter()  # item creations and refreshes, for tests
        self._hidden_personas: frozenset[str] = frozenset()
        self._highlight: frozenset[str] = frozenset()
        self._focus_stage: str | None = None
        self._hidden_lane_kinds: frozenset[LaneKind] = frozenset()
        self._font_scale = 1.0
        self._current_cell: tuple[str, str] | None = None
        self._interaction = None
        # The last pop-up menus the gestures showed (link kind, card kind), for tests
        # and for the shell to close them when it must.
        self.link_menu = None
        self.kind_menu = None
        self._selection_quiet = 0
        self._last_selection: list[str] = []
        self._selected_set: frozenset[str] = frozenset()  # the same, for O(1) tests
        self.dragged: frozenset[str] = frozenset()  # the cards a drag is moving (MoveCards)
        self._link_mode = LinkMode.ALL
        self._strong_links: set[str] = set()
        self._cards_detailed = True  # cards paint themselves (not the rows' overview), see set_view_scale
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)
        self._settle_timer.timeout.connect(self._settle_rows)
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setSingleShot(True)
        self._prebuild_timer.timeout.connect(self._prebuild_overviews)
        self._prebuild_queue: list[LaneRowItem] = []
        # After the overviews, what a card's or link's first detailed paint would build
        # is built in idle time (``_prepare_items``).
        self._prepare_queue: Iterator | None = None
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.timeout.connect(self._prepare_items)
        # Links whose route a row's new height changed, out of every view: routed when
        # idle (``_route_stale_links``) or when a view brings them into view
        # (``route_links_in``), so an edit costs what is in view.
        self._stale_links = WaitingLinks()
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.setInterval(0)
        self._stale_timer.timeout.connect(self._route_stale_links)
        self.rebuilt.connect(self._start_prebuild)
        self._link_band = (False, False)  # (hidden, one pass): LinkLayer.set_zoom_band
        self.selectionChanged.connect(self._on_selection_changed)
        channel.connect_follower(self)
        self.rebuild()

    @property
    def editor(self) -> Editor:
        return self.channel.editor

    @property
    def undo_stack(self) -> QUndoStack:
        return self.channel.undo_stack

    def detach(self) -> None:
        """Stop following the document (before the scene is dropped)."""
        self.channel.disconnect_follower(self)
        if self._own_channel:
            self.channel.close()

    # -- building ---------------------------------------------------------------------

    @property
    def presenting(self) -> bool:
        return self._focus_stage is not None or bool(self._hidden_lane_kinds) or self._font_scale != 1.0

    def rebuild(self) -> None:
        """Build every item from the document."""
        selected = set(self.selected_card_ids()) if hasattr(self, "_cards") else set()
        self.cancel_interaction()
        self._selection_quiet += 1
        try:
            self._stale_links.clear()
            self.clear()
            # Adding thousands of items to a live BSP tree re-indexes as it goes; build
            # unindexed and let Qt index once.
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            self._build()  # no automatic collection meanwhile: ui/collector, ui/picture
            self.setItemIndexMethod(self.index_method)
            if self.index_method == QGraphicsScene.ItemIndexMethod.BspTreeIndex:
                self.setBspTreeDepth(self.BSP_TREE_DEPTH)
            # A BSP index made after setSceneRect never hears of the rect and ends up
            # visiting every item on each repaint; Qt ignores an equal rect, so clear it
            # first and set it again for the new index to learn.
            rect = self.sceneRect()
            self.setSceneRect(QRectF())
            self.setSceneRect(rect)
        finally:
            self._selection_quiet -= 1
        self._apply_selection(selected)
        self._refresh_link_emphasis()  # the links were made anew
        # The items just made live as long as the map: straight to the oldest
        # generation, not traversed by the next young collections (200 ms at 20,000 cards).
        collector.promote_all()
        self.stats["rebuilds"] += 1
        if self._current_cell is not None and not self._cell_visible(self._current_cell):
            self.set_current_cell(None)
        else:
            self._place_cell_mark()
        self.rebuilt.emit()

    def _build(self) -> None:
        doc = self.editor.doc
        self.fonts = CanvasFonts(self._font_scale)
        self.texts = CardTextCache(self.fonts)
        self.texts.settings = doc.analysis
        # Cards with metrics: (step, metrics) as last shown, to tell cheaply which
        # stage aggregates an edit changes (a retitle changes none).
        self._metric_cards: dict[str, tuple[str, object]] = {
            card.id: (card.step, card.metrics) for card in doc.cards if has_metrics(card)
        }
        self._headers_show_metrics = bool(self._metric_cards)
        self._step_figures: dict[str, MetricSet] = {}  # step id: its cards' aggregate (stage_figures)
        boost = PRESENTATION_EMOTION_BOOST if self.presenting else 1.0
        layout_style = scaled_style(self.base_style, self._font_scale, boost)
        if self._headers_show_metrics:
            # A second line in the stage headers for the stage's aggregate figures.
            extra = QFontMetricsF(self.fonts.stage_metrics).height() + 2
            layout_style = dataclasses.replace(layout_style, stage_header_height=layout_style.stage_header_height + extra)
        lane_ids = self._shown_lane_ids()
        self.layout = layout = MapLayout(doc, self.texts.measure, layout_style, lane_ids=lane_ids, index=self.editor)
        self._scale = doc.scale
        self._rows: dict[str, LaneRowItem] = {}
        self._lane_headers: dict[str, LaneHeaderItem] = {}
        self._lane_kinds: dict[str, LaneKind] = {}
        self._cards: dict[str, CardItem] = {}
        self._links: dict[str, LinkItem] = {}
        self._link_ends: dict[str, tuple[str, str]] = {}
        self._strong_links = set()
        self._links_by_card: dict[str, set[str]] = {}
        # Per link: (upper row index, lower row index, source lane, target lane).
        self._link_rows: dict[str, tuple[int, int, str, str]] = {}
        self._links_by_lane: dict[str, set[str]] = {}
        self._link_layers: dict[tuple[str, int, bool], LinkLayer] = {}  # (lane, band, strong)
        self._row_layers: dict[str, list[LinkLayer]] = {}
        self._link_place: dict[str, tuple[str, str, int]] = {}  # link id: (upper lane, lower lane, band)
        self._link_layer: dict[str, LinkLayer] = {}  # the layer holding each link
        self._link_shape: dict[str, tuple] = {}  # link id: its geometry when routed (_link_geometry)
        self._curves: dict[tuple[str, str, str], EmotionCurveItem] = {}
        self._stage_headers: dict[str, StageHeaderItem] = {}
        self._step_headers: dict[str, StepHeaderItem] = {}
        self._lines: list[BlueprintLineItem] = []
        self._dims: dict[str, DimItem] = {}

        for index, stage in enumerate(doc.stages):
            rect = layout.stage_header(stage.id)
            if rect is None:
                continue
            item = StageHeaderItem(stage.id, stage.name, self._stage_color(stage, index), qrect(rect), self.fonts)
            if self._headers_show_metrics:
                item.set_metrics(self.stage_metrics_text(stage.id))
            self.addItem(item)
            self._stage_headers[stage.id] = item
        for step in layout.steps:
            item = StepHeaderItem(step.id, step.name, qrect(layout.step_header(step.id)), self.fonts)
            self.addItem(item)
            self._step_headers[step.id] = item

        for lane in layout.lanes:
            self._add_row(lane)
        for card in doc.cards:
            if layout.has_card(card.id):
                self._add_card_item(card)
        for link in doc.links:
            self._add_link_item(link)
        self._build_curves(None)
        self._build_lines()

        self.cell_mark = CellMarkItem(style.CURRENT_CELL, style.SELECTION)
        self.drop_cell = CellMarkItem(style.DROP_TARGET, None)
        self.drop_line = DropIndicatorItem()
        for item in (self.cell_mark, self.drop_cell, self.drop_line):
            self.addItem(item)
        self.legend = LegendItem(self.fonts)
        self.addItem(self.legend)
        self._refresh_legend()
        self._build_dims()
        self._place_after_rows()
        for card_id in self._highlight:
            if card_id in self._cards:
                self._cards[card_id].set_highlighted(True)

    def _shown_lane_ids(self) -> list[str]:
        return [lane.id for lane in self.editor.doc.lanes if lane.kind not in self._hidden_lane_kinds]

    def _stage_color(self, stage, index: int) -> str:
        return stage.color or style.palette_color(style.STAGE_PALETTE, index)

    def stage_figures(self, stage_id: str) -> MetricSet:
        """The stage's metrics weighted by sample size (``model.metrics``), every lane:
        ``metricstext.stage_figures`` from the figures of each step, kept until a card
        with metrics of that step changes (``_track_metrics``). An edit of a card with
        metrics went over every card of its stage, twice a move (both stages)."""
        editor = self.editor
        lanes = editor.doc.lanes
        settings = editor.doc.analysis
        cache = self._step_figures
        sets = []
        for step in editor.stage(stage_id).steps:
            figures = cache.get(step.id)
            if figures is None:
                cards = (card for lane in lanes for card in editor.cards_in(lane.id, step.id))
                figures = cache[step.id] = step_figures(cards, settings)
            sets.append(figures)
        return combine(sets)

    def stage_metrics_text(self, stage_id: str) -> str:
        """The stage's aggregate figures as its header shows them ("" without any)."""
        return SEPARATOR.join(metric_segments(self.stage_figures(stage_id), self.editor.doc.analysis))

    def _add_row(self, lane) -> None:
        layout = self.layout
        s = layout.style
        rect = layout.row(lane.id)
        row = LaneRowItem(lane, layout.width, rect.h)
        row.set_overview(not self._cards_detailed)
        row.setPos(0, rect.y)
        self.addItem(row)
        reserve = 30.0 if lane.kind is LaneKind.EMOTIONS else 0.0
        header = LaneHeaderItem(lane, QRectF(0, 0, s.lane_header_width, rect.h), self.fonts, reserve_right=reserve, parent=row)
        header.setZValue(2.0)
        self._rows[lane.id] = row
        self._row_layers[lane.id] = []
        self._lane_headers[lane.id] = header
        self._lane_kinds[lane.id] = LaneKind(lane.kind)
        if lane.kind is LaneKind.EMOTIONS:
            self._add_axis(lane.id)

    def _add_axis(self, lane_id: str) -> None:
        layout = self.layout
        row = self._rows[lane_id]
        top = layout.row(lane_id).y
        scale = self.editor.doc.scale
        levels = [(v, layout.emotion_y(lane_id, v) - top) for v in range(scale.min, scale.max + 1)]
        row.emotion_axis = EmotionAxisItem(
            layout.style.lane_header_width,
            layout.width,
            levels,
            layout.emotion_y(lane_id, scale.neutral) - top,
            self.fonts,
            row,
        )
        # The personas' legend in the lane itself (issue 17: emotion_legend.py).
        row.emotion_legend = add_to_row(row, layout.style.lane_header_width, layout.row(lane_id).h, self.fonts, 30.0)

    def _add_card_item(self, card: Card) -> CardItem:
        layout = self.layout
        x, y, right, bottom = layout.card_box(card.id)
        item = CardItem(card, right - x, bottom - y, self.texts, parent=self._rows[card.lane])
        item.setPos(x, layout.card_offset(card.id)[1])
        if not self._cards_detailed:
            item.set_overview(True)
        self._cards[card.id] = item
        self.stats["cards_created"] += 1
        return item

    def set_view_scale(self, scale: float, visible: QRectF | None = None) -> None:
        """The view's zoom (``JourneyView`` calls this, with the part of the scene in
        view). Below ``CARD_DETAIL_LOD`` each row paints its cards as one overview and
        the cards paint nothing (``LaneRowItem``, ``CardItem.set_overview``): the cards
        in ``visible`` switch at once, the others in idle time (``_settle_rows``), all
        at once without ``visible``. Below ``LINK_DETAIL_LOD`` the layers of faint links
        paint them, below ``LINK_HIDE_LOD`` they are hidden (``LinkLayer``). A Python
        ``paint`` per item was most of a zoomed-out frame (20,000 cards at zoom 0.1:
        ~470 ms). Only a view setting: what is drawn follows the painter's scale.
        """
        links_hidden = scale < LINK_HIDE_LOD
        one_pass = not links_hidden and scale < LINK_DETAIL_LOD
        if (links_hidden, one_pass) != self._link_band:
            self._link_band = (links_hidden, one_pass)
            for layer in self._link_layers.values():
                layer.set_zoom_band(links_hidden, one_pass)
        detailed = scale >= CARD_DETAIL_LOD
        if detailed == self._cards_detailed:
            return
        self._cards_detailed = detailed
        for row in self._rows.values():
            row.set_overview(not detailed)
            if visible is None:
                row.settle()
        if visible is None:
            return
        self.settle_in_view(visible)
        self._settle_timer.start()

    def settle_in_view(self, visible: QRectF) -> None:
        """Switch at once the cards in ``visible`` still lagging behind their row's zoom
        (after a zoom, and when a scroll brings lagging cards into view before idle time
        switched them: each would cost a call of its Python ``paint``, ~3,000 of them in
        a frame at zoom 0.1 on 20,000 cards)."""
        layout = self.layout
        lagging = [lane for lane in layout.lanes if not self._rows[lane.id].settled]
        if not lagging:
            return
        # The cards in view, from the layout's cells: a scan of every card for its
        # position cost as much as switching them all.
        left, right = visible.left(), visible.right()
        steps = [s.id for s in layout.steps if _overlap(layout.column_span(s.id), left, right)]
        for lane in lagging:
            if _overlap(layout.row_span(lane.id), visible.top(), visible.bottom()):
                ids = (card_id for step_id in steps for card_id in layout.card_ids(lane.id, step_id))
                self._rows[lane.id].settle_columns(ids, left, right)

    #: How long after a build the rows' overviews start being built (``_prebuild_overviews``):
    #: later than the first paint, and than a zoom right after opening a map.
    PREBUILD_DELAY_MS = 500

    def _start_prebuild(self) -> None:
        self._prebuild_queue = list(self._rows.values())
        self._prepare_queue = None
        self._prepare_timer.stop()
        self._prebuild_timer.start(self.PREBUILD_DELAY_MS)

    def _prebuild_overviews(self) -> None:
        """Build one row's overview of its cards (idle time), then the next; each row
        once after a build: an overview an edit dropped is built when next painted
        (rebuilding them in idle time after every edit added ~3 ms to each undo).
        Then the cards and links are prepared (``_prepare_items``)."""
        queue = self._prebuild_queue
        while queue:
            if queue.pop().build_overview():
                self._prebuild_timer.start(0)
                return
        if any(view.isVisible() for view in self.views()):  # not for a picture's scene
            self._prepare_queue = iter([*self._cards.values(), *self._links.values()])
            self._prepare_timer.start(0)

    #: Idle preparation (``_prepare_items``): how long a turn lasts, how long the person
    #: must have left the canvas alone before one starts, and how long it waits otherwise.
    PREPARE_TURN_S = 0.004
    PREPARE_QUIET_S = 0.3
    PREPARE_RETRY_MS = 100

    def _prepare_items(self) -> None:
        """Build, in idle time, what the first detailed paint of each card (its plan and
        title layout) and each link (its path) would build: jumping to a part of a big
        map not seen yet then costs what a second visit costs (20,000 cards at zoom 0.5,
        worst of five far jumps: 43-65 ms cold, 25-27 ms prepared). About 0.6 s of idle
        time and 67 MB for 20,000 cards, in turns of ``PREPARE_TURN_S``, paused while
        the person scrolls, zooms, drags or edits."""
        queue = self._prepare_queue
        if queue is None:
            return
        if not activity.idle_for(self.PREPARE_QUIET_S):
            self._prepare_timer.start(self.PREPARE_RETRY_MS)
            return
        end = time.perf_counter() + self.PREPARE_TURN_S
        for item in queue:
            link_id = getattr(item, "link_id", None)
            if item.scene() is not self:
                continue  # removed by an edit since
            if link_id in self._stale_links:
                self._route_link(link_id)  # a link waiting for its route gets it now
            item.prepare_paint()
            if time.perf_counter() >= end:
                self._prepare_timer.start(0)
                return
        self._prepare_queue = None
        self.stats["prepared"] += 1
        # No promote_all() here: the turns make a few thousand objects at a time, which
        # young collections handle cheaply; promoting would also carry the garbage of
        # the moment into the oldest generation, freed only at the next full collection.

    @property
    def prepared(self) -> bool:
        """Whether the idle preparation of cards and links is done (or not started)."""
        return self._prepare_queue is None

    #: Cards switched per idle step (``_settle_rows``): ~2 ms, a delay no one feels
    #: when a scroll or a key comes in meanwhile.
    SETTLE_STEP = 500

    def _settle_rows(self) -> None:
        """Switch some of the cards still lagging behind their row's zoom (idle time)."""
        budget = self.SETTLE_STEP
        for row in self._rows.values():
            budget -= row.settle(limit=budget)
            if budget <= 0:
                self._settle_timer.start()
                return

    # -- emotion curves ---------------------------------------------------------------

    def persona_color(self, persona_id: str) -> QColor:
        for index, persona in enumerate(self.editor.doc.personas):
            if persona.id == persona_id:
                return style.color(persona.color or style.palette_color(style.PERSONA_PALETTE, index))
        return style.color(style.PERSONA_PALETTE[0])

    def _build_curves(self, persona_ids: Iterable[str] | None) -> None:
        """(Re)build the curves of ``persona_ids`` (None: all) in every emotion lane."""
        doc = self.editor.doc
        wanted = None if persona_ids is None else set(persona_ids)
        for key in [k for k in self._curves if wanted is None or k[1] in wanted]:
            item = self._curves.pop(key)
            self.removeItem(item)
        emotion_lanes = [lane.id for lane in self.layout.lanes if lane.kind is LaneKind.EMOTIONS]
        if not emotion_lanes:
            return
        built = []
        for index, persona in enumerate(doc.personas):
            # Every shown curve's points, the others' too: equal scores are spread
            # apart across all of them (issue 17); only the wanted ones get new items.
            if persona.id in self._hidden_personas:
                continue
            color = style.color(persona.color or style.palette_color(style.PERSONA_PALETTE, index))
            for curve in (Curve.AS_IS, Curve.TO_BE):
                points = persona.curve(curve)
                if points is None:
                    continue
                by_step = {p.step: p for p in points}
                for lane_id in emotion_lanes:
                    top = self.layout.row(lane_id).y
                    drawn = []
                    for step in self.layout.steps:
                        p = by_step.get(step.id)
                        if p is None:
                            drawn.append(None)
                        else:
                            y = self.layout.emotion_y(lane_id, p.score) - top
                            drawn.append((step.id, self.layout.step_center_x(step.id), y, p.score, p.reason))
                    built.append((lane_id, persona.id, curve.value, color, drawn))
        spread = spread_coinciding([b[4] for b in built])  # equal scores both visible
        for (lane_id, persona_id, curve_name, color, _), drawn in zip(built, spread):
            kept = self._curves.get((lane_id, persona_id, curve_name))
            if kept is not None:  # not rebuilt: moved only if the spread moved it
                if kept._points != drawn:
                    kept.set_points(drawn)
                continue
            item = EmotionCurveItem(persona_id, curve_name, color, self._rows[lane_id])
            item.set_points(drawn)
            self._curves[(lane_id, persona_id, curve_name)] = item
            self.stats["curves_built"] += 1

    def curve_items(self) -> list[EmotionCurveItem]:
        return list(self._curves.values())

    def set_hidden_personas(self, persona_ids: Iterable[str]) -> None:
        """Hide the curves of these personas (a view setting, never an undo step)."""
        hidden = frozenset(persona_ids)
        if hidden == self._hidden_personas:
            return
        changed = hidden ^ self._hidden_personas
        self._hidden_personas = hidden
        self._build_curves(changed)
        self._refresh_legend()

    def hidden_personas(self) -> frozenset[str]:
        return self._hidden_personas

    def _refresh_legend(self) -> None:
        personas = [
            (p.name or QCoreApplication.translate("JourneyScene", "Persona %1").replace("%1", str(i + 1)),
             self.persona_color(p.id), p.id in self._hidden_personas)
            for i, p in enumerate(self.editor.doc.personas)
        ]
        self.legend.set_entries(personas, bool(self._links) or bool(self.editor.doc.links))
        to_be = {name for (name, _, _), p in zip(personas, self.editor.doc.personas) if p.to_be}
        for row in self._rows.values():  # the legend in each emotion lane (emotion_legend.py)
            if getattr(row, "emotion_legend", None) is not None:
                row.emotion_legend.set_entries(personas, to_be)

    # -- blueprint lines, dims, scene rect --------------------------------------------

    def _build_lines(self) -> None:
        for item in self._lines:
            self.removeItem(item)
        self._lines = []
        layout = self.layout
        for line, y in layout.blueprint_lines():
            item = BlueprintLineItem(line, layout.style.lane_header_width, layout.width, y, self.fonts)
            self.addItem(item)
            self._lines.append(item)

    def blueprint_line_items(self) -> list[BlueprintLineItem]:
        return list(self._lines)

    def _build_dims(self) -> None:
        for item in self._dims.values():
            self.removeItem(item)
        self._dims = {}
        if self._focus_stage is None:
            return
        for stage_id, header in self._stage_headers.items():
            if stage_id != self._focus_stage:
                rect = header.boundingRect()
                dim = DimItem(QRectF(rect.x(), 0, rect.width(), self.layout.height))
                self.addItem(dim)
                self._dims[stage_id] = dim

    def _place_after_rows(self) -> None:
        """Things that follow the rows: lines, dims, legend, the scene rect."""
        layout = self.layout
        lines = layout.blueprint_lines()
        if len(lines) == len(self._lines) and all(i.line is l for i, (l, _) in zip(self._lines, lines)):
            for item, (_, y) in zip(self._lines, lines):
                item.setY(y)
        else:
            self._build_lines()
        for dim in self._dims.values():
            r = dim.boundingRect()
            dim.set_rect(QRectF(r.x(), 0, r.width(), layout.height))
        self.legend.setPos(layout.style.lane_header_width, layout.height + 16)
        legend = self.legend.boundingRect()
        self.setSceneRect(
            QRectF(-20, -20, max(layout.width, legend.right() + layout.style.lane_header_width) + 40,
                   layout.height + 16 + legend.height() + 40)
        )
        self._place_cell_mark()

    def drawBackground(self, painter, rect: QRectF) -> None:  # noqa: N802
        if hasattr(self, "layout"):
            paint_grid(painter, rect, self.layout)

    # -- lookups ------------------------------------------------------------------------

    def card_item(self, card_id: str) -> CardItem | None:
        return self._cards.get(card_id)

    def render(self, *args, **kwargs) -> None:
        """``QGraphicsScene.render`` (a picture, a print) with every link routed first."""
        self.route_stale_links()
        super().render(*args, **kwargs)

    def card_items(self) -> list[CardItem]:
        return list(self._cards.values())

    def link_item(self, link_id: str) -> LinkItem | None:
        if link_id in self._stale_links:
            self._route_link(link_id)
        return self._links.get(link_id)

    def link_items(self) -> list[LinkItem]:
        self.route_stale_links()
        return list(self._links.values())

    def row_item(self, lane_id: str) -> LaneRowItem | None:
        return self._rows.get(lane_id)

    def stage_rect(self, stage_id: str) -> QRectF | None:
        """The stage's columns, header to bottom (for the presentation to zoom to)."""
        header = self._stage_headers.get(stage_id)
        if header is None:
            return None
        r = header.boundingRect()
        return QRectF(r.x(), 0, r.width(), self.layout.height)

    def cell_rect(self, lane_id: str, step_id: str) -> QRectF:
        return qrect(self.layout.cell(lane_id, step_id))

    def card_at(self, pos: QPointF) -> CardItem | None:
        """The card under a scene point: found through the layout's cell, O(cards in it).

        (QGraphicsScene.items(pos) walked every link and every card of the row: ~10 ms
        per call on a 5,000-card map, measured; this is a few microseconds.)
        """
        cell = self.cell_at(pos)
        if cell is None:
            return None
        for card_id in self.layout.card_ids(*cell):
            item = self._cards.get(card_id)
            if item is not None and item.isVisible() and item.scene_rect().contains(pos):
                return item
        return None

    def emotion_point_at(self, pos: QPointF) -> EmotionPointItem | None:
        """The curve point under a scene point (topmost curve first)."""
        cell = self.cell_at(pos)
        if cell is None or self._lane_kinds.get(cell[0]) is not LaneKind.EMOTIONS:
            return None
        for (lane_id, _, _), curve in reversed(list(self._curves.items())):
            if lane_id != cell[0]:
                continue
            for handle in curve.handles:
                if handle.step_id == cell[1] and handle.sceneBoundingRect().contains(pos):
                    return handle
        return None

    def cell_at(self, pos: QPointF) -> tuple[str, str] | None:
        return self.layout.hit(pos.x(), pos.y())

    def header_at(self, pos: QPointF) -> tuple[str, str] | None:
        """("stage" | "step" | "lane", id) of the header under a scene point."""
        s = self.layout.style
        x, y = pos.x(), pos.y()
        if 0 <= y < s.stage_header_height:
            for stage_id, item in self._stage_headers.items():
                if item.boundingRect().contains(pos):
                    return ("stage", stage_id)
        elif s.stage_header_height <= y < s.grid_top:
            for step_id, item in self._step_headers.items():
                if item.boundingRect().contains(pos):
                    return ("step", step_id)
        elif 0 <= x < s.lane_header_width:
            for lane_id, row in self._rows.items():
                if row.y() <= y < row.y() + row.height():
                    return ("lane", lane_id)
        return None

    def header_item(self, kind: str, item_id: str) -> StageHeaderItem | StepHeaderItem | None:
        """The header item of a stage or step (None for another kind or an unknown id)."""
        return {"stage": self._stage_headers, "step": self._step_headers}.get(kind, {}).get(item_id)

    def header_rect(self, kind: str, item_id: str) -> QRectF:
        if kind == "stage":
            return self._stage_headers[item_id].boundingRect()
        if kind == "step":
            return self._step_headers[item_id].boundingRect()
        row = self._rows[item_id]
        return QRectF(0, row.y(), self.layout.style.lane_header_width, min(row.height(), 60.0))

    # -- selection, current cell, find ----------------------------------------------------

    def _order_key(self, card_id: str):
        layout = self.layout
        if card_id not in self._cards or not layout.has_card(card_id):
            return (float("inf"), 0, 0.0)
        card = self._cards[card_id].card
        lane_index = next((i for i, lane in enumerate(layout.lanes) if lane.id == card.lane), 0)
        return (layout.column(card.step).x, lane_index, layout.card_offset(card_id)[1])

    def selected_card_ids(self) -> list[str]:
        """The selected cards, column by column, lane by lane, top to bottom."""
        # While an edit removes several selected cards, Qt reports a selection change at
        # each removal: cards the layout already dropped are no longer selectable.
        ids = [
            item.card_id
            for item in self.selectedItems()
            if isinstance(item, CardItem) and self.layout.has_card(item.card_id)
        ]
        return sorted(ids, key=self._order_key)

    def selected_card_set(self) -> frozenset[str]:
        """The same as a set (the rows' overviews draw the selection from it)."""
        return self._selected_set

    def select_cards(self, card_ids: Iterable[str]) -> None:
        """Select exactly these cards (never an undo step); one signal at the end."""
        wanted = set(card_ids)
        self._apply_selection(wanted)
        if len(wanted) == 1:
            item = self._cards.get(next(iter(wanted)))
            if item is not None:
                self.set_current_cell((item.card.lane, item.card.step))

    def _apply_selection(self, wanted: set[str]) -> None:
        self._selection_quiet += 1
        try:
            for item in self.selectedItems():
                if not (isinstance(item, CardItem) and item.card_id in wanted):
                    item.setSelected(False)
            for card_id in wanted:
                item = self._cards.get(card_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self._selection_quiet -= 1
        self._emit_selection_if_changed()

    def _on_selection_changed(self) -> None:
        if not self._selection_quiet:
            self._emit_selection_if_changed()

    def _emit_selection_if_changed(self) -> None:
        ids = self.selected_card_ids() if hasattr(self, "_cards") else []
        if ids != self._last_selection:
            self._last_selection = ids
            self._selected_set = frozenset(ids)
            if not self._cards_detailed:  # the rows paint the cards' selection outlines
                for row in self._rows.values():
                    row.update()
            self._refresh_link_emphasis()
            self.card_selection_changed.emit(ids)

    def current_cell(self) -> tuple[str, str] | None:
        return self._current_cell

    def set_current_cell(self, cell: tuple[str, str] | None) -> None:
        if cell is not None and not self._cell_visible(cell):
            cell = None
        if cell == self._current_cell:
            return
        self._current_cell = cell
        self._place_cell_mark()
        self.cell_selected.emit(cell)

    def _cell_visible(self, cell: tuple[str, str]) -> bool:
        lane_id, step_id = cell
        return lane_id in self._rows and step_id in self._step_headers

    def _place_cell_mark(self) -> None:
        if not hasattr(self, "cell_mark"):
            return
        cell = self._current_cell
        if cell is not None and not (self.layout.has_lane(cell[0]) and self.layout.has_step(cell[1])):
            cell = None  # its lane or step went (a rebuild forgets it right after)
        self.cell_mark.set_rect(self.cell_rect(*cell) if cell is not None else None)

    def neighbour_cell(self, cell: tuple[str, str], d_step: int, d_lane: int = 0, *, wrap: bool = True):
        """The cell ``d_step`` columns and ``d_lane`` rows away; Tab wraps to the next row."""
        layout = self.layout
        steps = [s.id for s in layout.steps]
        lanes = [lane.id for lane in layout.lanes]
        i, j = steps.index(cell[1]), lanes.index(cell[0])
        i += d_step
        j += d_lane
        if wrap and d_lane == 0:
            if i >= len(steps):
                i, j = 0, j + 1
            elif i < 0:
                i, j = len(steps) - 1, j - 1
        if not (0 <= i < len(steps) and 0 <= j < len(lanes)):
            return None
        return (lanes[j], steps[i])

    def set_highlight(self, card_ids: Iterable[str]) -> None:
        """Draw these cards highlighted (find results); an empty set clears."""
        new = frozenset(card_ids)
        for card_id in self._highlight - new:
            if card_id in self._cards:
                self._cards[card_id].set_highlighted(False)
        for card_id in new - self._highlight:
            if card_id in self._cards:
                self._cards[card_id].set_highlighted(True)
        self._highlight = new

    def highlighted_card_ids(self) -> frozenset[str]:
        return self._highlight

    # -- presentation ---------------------------------------------------------------------

    def set_presentation(self, focus_stage_id: str | None, hidden_lane_kinds: Iterable[LaneKind] = (), font_scale: float = 1.0) -> None:
        """Workshop mode: dim all stages but one, hide lanes of some kinds, larger type.

        ``set_presentation(None, set(), 1.0)`` is the normal canvas. Changing only the
        focused stage moves the veils; the other settings rebuild.
        """
        kinds = frozenset(LaneKind(k) for k in hidden_lane_kinds)
        if kinds == self._hidden_lane_kinds and font_scale == self._font_scale and (
            (focus_stage_id is None) == (self._focus_stage is None)
        ):
            self._focus_stage = focus_stage_id
            self._build_dims()
            return
        self._focus_stage = focus_stage_id
        self._hidden_lane_kinds = kinds
        self._font_scale = font_scale
        self.rebuild()

    def presentation(self) -> tuple[str | None, frozenset[LaneKind], float]:
        return (self._focus_stage, self._hidden_lane_kinds, self._font_scale)

    # -- edits (all through the undo stack) -----------------------------------------------

    def edit(self, edit: Edit) -> bool:
        """Push a named edit (``ui/edits.py``) through the channel, as the canvas."""
        return self.channel.push_edit(edit, initiator=self)

    def default_kind(self, lane_id: str) -> CardKind:
        return DEFAULT_CARD_KIND[LaneKind(self.editor.lane(lane_id).kind)]

    def add_card(self, cell: tuple[str, str], title: str, kind: CardKind | None = None) -> str | None:
        """Add a card at the end of ``cell``; returns its id, or None when refused."""
        lane_id, step_id = cell
        kind = CardKind(kind or self.default_kind(lane_id))
        card = make_card(kind, lane=lane_id, step=step_id, title=title)
        return card.id if self.edit(edits.add_card(card)) else None

    def retitle_card(self, card_id: str, title: str) -> bool:
        if self.editor.card(card_id).title == title:
            return False
        return self.edit(edits.retitle_card(card_id, title))

    def move_cards(self, card_ids: list[str], cell: tuple[str, str], index: int) -> bool:
        """Move cards (in this order) into ``cell`` before the ``index``-th other card.

        One undo step ("Move 3 cards"). Nothing is pushed when nothing would change.
        """
        moves = move_operations(self.layout, card_ids, cell, index)
        if not moves:
            return False
        return self.edit(edits.move_cards(moves, len(card_ids)))

    def remove_cards(self, card_ids: Iterable[str]) -> bool:
        ids = list(card_ids)
        return bool(ids) and self.edit(edits.remove_cards(ids))


def move_operations(layout: MapLayout, card_ids: list[str], cell: tuple[str, str], index: int) -> list[Operation]:
    """MoveCard operations putting ``card_ids`` together into ``cell``.

    ``index`` counts the cell's other (not moved) cards above the drop point. Each
    MoveCard's index is the card's place *after* its own move, so the cell is simulated
    as the operations apply one by one. Returns [] when nothing would change.
    """
    lane_id, step_id = cell
    moving = list(card_ids)
    cell_now = layout.card_ids(lane_id, step_id)
    others = [c for c in cell_now if c not in set(moving)]
    anchor = others[index] if index < len(others) else None
    final = others[:index] + moving + others[index:]
    if final == cell_now:
        return []
    sim = list(cell_now)
    ops: list[Operation] = []
    previous = None
    for card_id in moving:
        if card_id in sim:
            sim.remove(card_id)
        if previous is not None:
            at = sim.index(previous) + 1
        elif anchor is not None:
            at = sim.index(anchor)
        else:
            at = len(sim)
        sim.insert(at, card_id)
        ops.append(MoveCard(card_id, lane_id, step_id, at))
        previous = card_id
    return ops
