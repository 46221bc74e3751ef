"""Following the editor: ``SceneFollow``, the part of ``JourneyScene`` that updates
the items a ``ChangeRecord`` names, never the document.

The channel fans every record out to ``changes_applied``, which updates only the items
it names, one handler per kind (``_follow_cards``, ``_follow_rows``, ``_follow_links``
with the routing in ``scene_links.py`` and ``linkroute.py``, ``_follow_headers``,
``_follow_personas``): re-measured cards, re-stacked cells, rows moved with one
``setPos`` each, the links of the cards concerned. A change of the grid itself (a
stage, step or lane added, removed or moved, remote or local, an undo of one) is
followed too (``_follow_grid``): the layout re-indexes its columns and rows and
names what came, went or moved (``MapLayout._regrid``); new rows, headers and cards
are made, removed ones dropped, the rest moved (rows with ``setY``, the cards of
moved columns with ``setPos``, headers given their new rects); links are routed
again only where their geometry changed (``_regrid_links``); curves, blueprint
lines, veils, the scene rect and the current cell follow; card items stay the same
objects. What still rebuilds (rare, ``_needs_rebuild``): a lane's kind changed, the
emotion scale changed, the stage headers' metrics band appearing or vanishing, and a
new presentation. Metrics are redrawn only where ``_track_metrics`` says they changed.

A mixin of ``JourneyScene`` (``scene.py``): it reads and changes the scene's layout
and items, and calls its building helpers (``_add_row``, ``_add_card_item``,
``_build_curves``, ``_place_after_rows``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

from cxmapper.model.document import LaneKind
from cxmapper.model.editor import ChangeRecord
from cxmapper.ui.canvas.geometry import qrect
from cxmapper.ui.canvas.items import StageHeaderItem, StepHeaderItem
from cxmapper.ui.canvas.items.comment_badge import badge_of, show_count
from cxmapper.ui.canvas.metricstext import has_metrics


class SceneFollow:
    """What ``JourneyScene`` does with each change record (see the module docstring)."""

    def _track_metrics(self, change) -> tuple[set[str], set[str]]:
        """(stage ids whose aggregate changed, card ids whose metrics line must be redrawn).

        Cheap: only the cards the record names, and of those only the ones that have
        or had metrics; a card's metrics count as changed when the object differs (the
        editor replaces objects, it never mutates them). A change of the analysis
        settings redraws every card with metrics and every stage header.
        """
        editor = self.editor
        stages: set[str] = set()
        cards: set[str] = set()

        def stage_of(step_id: str) -> str | None:
            try:
                return editor.step(step_id)[0].id
            except KeyError:
                return None

        if "analysis" in change.updated["map"]:
            self.texts.settings = editor.doc.analysis
            cards |= set(self._metric_cards)
            stages |= set(self._stage_headers)
            self._step_figures.clear()
        for card_id in change.ids("card"):
            before = self._metric_cards.get(card_id)
            try:
                card = editor.card(card_id)
            except KeyError:
                card = None
            now = (card.step, card.metrics) if card is not None and has_metrics(card) else None
            if before is None and now is None:
                continue
            if before is not None and now is not None and before[0] == now[0] and before[1] is now[1]:
                continue
            if now is None:
                del self._metric_cards[card_id]
            else:
                self._metric_cards[card_id] = now
            if before is None or now is None or before[1] != now[1]:
                cards.add(card_id)
            for step_id in {before[0] if before else None, now[0] if now else None} - {None}:
                self._step_figures.pop(step_id, None)
                stage_id = stage_of(step_id)
                if stage_id is not None:
                    stages.add(stage_id)
        return stages, cards

    # -- following the editor ---------------------------------------------------------

    def changes_applied(self, change: ChangeRecord, initiator=None) -> None:
        """The channel's fan-out: update the items ``change`` names (any initiator)."""
        if change.empty:
            return
        if self._interaction is not None:
            self._interaction.model_changed(change)
        stages, metric_cards = self._track_metrics(change)
        if metric_cards - change.ids("card"):
            # The analysis settings changed: the layout re-measures those cards too.
            change = change.merged(ChangeRecord(updated={"card": frozenset(metric_cards)}))
        if change.structure:
            self.layout.set_lane_filter(self._shown_lane_ids())
        delta = self.layout.update(change)
        if delta.full or self._needs_rebuild(change) or bool(self._metric_cards) != self._headers_show_metrics:
            self.rebuild()
            return
        # Removing selected items one by one would announce a selection that still
        # names cards the layout no longer has: announce once, at the end.
        self._selection_quiet += 1
        try:
            self._follow(change, delta, stages, metric_cards)
        finally:
            self._selection_quiet -= 1
        self._emit_selection_if_changed()

    def _follow(self, change, delta, metric_stages=frozenset(), metric_cards=frozenset()) -> None:
        """Update the items ``change`` touched (``delta``: what the layout changed;
        ``metric_stages``/``metric_cards``: whose figures changed): one handler per
        kind, in this order (cards before the links that hang on them)."""
        self.stats["updates"] += 1
        if delta.grid:
            self._follow_grid(change, delta, metric_stages, metric_cards)
            return
        routed = self._follow_cards(change, delta, metric_cards)
        routed |= self._follow_rows(delta)
        self._follow_links(change, delta, routed)
        self._follow_headers(change, metric_stages)
        self._follow_personas(change, delta)

    def _follow_cards(self, change, delta, metric_cards) -> set[str]:
        """Cards removed, added, changed, moved or resized; returns the links to route."""
        editor = self.editor
        layout = self.layout
        touched_cards = change.ids("card")
        routed: set[str] = set()
        for card_id in change.removed["card"] | delta.cards_removed:
            item = self._cards.pop(card_id, None)
            if item is not None:
                for link_id in list(self._links_by_card.get(card_id, ())):
                    self._remove_link_item(link_id)
                item.leave_row()
                self.removeItem(item)
        for card_id in delta.cards_added:
            stale = self._cards.pop(card_id, None)
            if stale is not None:  # never two items for one card (the layout says "added" once)
                stale.leave_row()
                self.removeItem(stale)
            item = self._add_card_item(editor.card(card_id))
            if card_id in self._highlight:
                item.set_highlighted(True)
        for card_id in touched_cards:
            item = self._cards.get(card_id)
            if item is None or card_id in delta.cards_added or not layout.has_card(card_id):
                continue
            card = editor.card(card_id)
            if item.card is not card or card_id in metric_cards:
                old_title = item.card.title
                row = self._rows[card.lane]
                if item.parentItem() is not row:
                    item.setParentItem(row)
                item.set_card(card, layout.card_rect(card_id).h)
                self.stats["cards_refreshed"] += 1
                if old_title != card.title:
                    self.texts.forget(old_title, self.texts.text_width(layout.style.card_width))
        for card_id in delta.cards_moved | delta.cards_resized | (touched_cards & change.moved["card"]):
            item = self._cards.get(card_id)
            if item is not None and layout.has_card(card_id):
                item.setPos(*layout.card_offset(card_id))
                self.stats["cards_placed"] += 1
                routed |= self._links_by_card.get(card_id, set())
        for card_id in delta.cards_resized:
            routed |= self._links_by_card.get(card_id, set())
        return routed

    def _follow_rows(self, delta, across: bool = True) -> set[str]:
        """Rows resized or moved (their cards and link layers go along); returns the
        links across a resized row, to route (``across``)."""
        layout = self.layout
        routed: set[str] = set()
        for lane_id in delta.rows_resized:
            height = layout.row(lane_id).h
            self._rows[lane_id].set_height(height)
            self._lane_headers[lane_id].set_rect(QRectF(0, 0, layout.style.lane_header_width, height))
            self.stats["rows_resized"] += 1
        # A row that moved carries its cards and its link layers along; the links
        # that change shape are those across a resized row (``_links_across``).
        for lane_id in delta.rows_moved:
            y = layout.row(lane_id).y
            self._rows[lane_id].setY(y)
            for layer in self._row_layers[lane_id]:
                layer.setY(y)
            self.stats["rows_moved"] += 1
        if delta.rows_resized and across:
            routed |= self._links_across(delta.rows_resized)
        return routed

    def _follow_grid(self, change, delta, metric_stages, metric_cards) -> None:
        """A change of the grid (``delta.grid``): stages, steps or lanes came, went or
        moved. New rows and headers are made, removed ones dropped, the rest moved:
        rows with one ``setY``, the cards of moved columns with one ``setPos`` each,
        headers given their new rects; links routed again only where their geometry
        changed (``_regrid_links``); curves, lines, veils and the scene rect follow.
        The existing items stay the same objects (selection, find highlight and comment
        badges with them)."""
        self.stats["grid_updates"] += 1
        self.cancel_interaction()  # a drag or a typed name over a moving grid: as a rebuild did
        layout = self.layout
        cell = self._current_cell
        lost_cell = cell is not None and not (layout.has_lane(cell[0]) and layout.has_step(cell[1]))
        if lost_cell:
            self._current_cell = None  # announced at the end, once the items are right
        for lane in layout.lanes:
            if lane.id in delta.lanes_added:
                self._add_row(lane)
        routed = self._follow_cards(change, delta, metric_cards)
        for lane_id in delta.lanes_removed:
            self._remove_row(lane_id)
        self._follow_rows(delta, across=False)
        if delta.width_changed:
            for row in self._rows.values():
                row.set_width(layout.width)
                axis = getattr(row, "emotion_axis", None)
                if axis is not None:
                    axis.set_right(layout.width)
        for step_id in delta.columns_moved:
            for lane in layout.lanes:
                for card_id in layout.card_ids(lane.id, step_id):
                    item = self._cards.get(card_id)
                    if item is not None:
                        item.setPos(*layout.card_offset(card_id))
                        self.stats["cards_placed"] += 1
        self._follow_links(change, delta, set())  # links removed, added, restyled
        self._regrid_links(routed)
        for step_id in delta.steps_added | delta.steps_removed | change.moved["step"]:
            self._step_figures.pop(step_id, None)
        self._regrid_headers()
        self._follow_headers(change, set(self._stage_headers) if self._headers_show_metrics else metric_stages)
        for key in [k for k in self._curves if k[0] in delta.lanes_removed]:
            del self._curves[key]
        if change.ids("persona") - change.added["persona"]:
            self._build_curves(None)  # colours follow the persona order
        else:
            # Every kept curve gets its points again (columns moved, points of a removed
            # step gone); new emotion lanes and personas get theirs.
            self._build_curves(())
        self._refresh_legend()
        self._build_lines()
        self._build_dims()
        self._place_after_rows()
        if lost_cell:
            self.cell_selected.emit(None)

    def _remove_row(self, lane_id: str) -> None:
        """Drop a lane's row (its cards and links are gone already) and its link layers."""
        for key in [k for k in self._link_layers if lane_id in (k[0], k[1])]:
            self._drop_layer(key)
        self._row_layers.pop(lane_id, None)
        self._lane_headers.pop(lane_id, None)
        self._lane_kinds.pop(lane_id, None)
        self._links_by_lane.pop(lane_id, None)
        row = self._rows.pop(lane_id)
        self.removeItem(row)
        self.stats["rows_removed"] += 1

    def _regrid_headers(self) -> None:
        """Stage and step headers after a grid change: new ones made, gone ones
        dropped, the others given their new rects (and colour: a stage's default colour
        follows its place)."""
        layout = self.layout
        doc = self.editor.doc
        kept = set()
        for index, stage in enumerate(doc.stages):
            rect = layout.stage_header(stage.id)
            if rect is None:
                continue
            kept.add(stage.id)
            color = self._stage_color(stage, index)
            item = self._stage_headers.get(stage.id)
            if item is None:
                item = StageHeaderItem(stage.id, stage.name, color, qrect(rect), self.fonts)
                if self._headers_show_metrics:
                    item.set_metrics(self.stage_metrics_text(stage.id))
                self.addItem(item)
                self._stage_headers[stage.id] = item
                self.stats["headers_created"] += 1
                continue
            self._move_header(item, qrect(rect))
            if item.name != stage.name or item.color != color:
                item.set_stage(stage.name, color)
        for stage_id in set(self._stage_headers) - kept:
            self.removeItem(self._stage_headers.pop(stage_id))
        steps = {step.id for step in layout.steps}
        for step_id in set(self._step_headers) - steps:
            self.removeItem(self._step_headers.pop(step_id))
        for step in layout.steps:
            item = self._step_headers.get(step.id)
            rect = qrect(layout.step_header(step.id))
            if item is None:
                self._step_headers[step.id] = item = StepHeaderItem(step.id, step.name, rect, self.fonts)
                self.addItem(item)
                self.stats["headers_created"] += 1
            else:
                self._move_header(item, rect)
        # The dicts in column order, as a build makes them (frozen panes paint in it).
        self._stage_headers = {k: self._stage_headers[k] for k in (s.id for s in doc.stages) if k in kept}
        self._step_headers = {step.id: self._step_headers[step.id] for step in layout.steps}

    @staticmethod
    def _move_header(item, rect: QRectF) -> None:
        if item.boundingRect() == rect:
            return
        item.set_rect(rect)
        badge = badge_of(item)
        if badge is not None:
            show_count(item, badge.count)  # the comment badge sits in the header's corner

    def _follow_links(self, change, delta, routed: set[str]) -> None:
        """Links removed, added or changed, then routed (those out of view: later)."""
        editor = self.editor
        for link_id in change.removed["link"]:
            self._remove_link_item(link_id)
        for link_id in change.added["link"]:
            self._add_link_item(editor.link(link_id))
        for link_id in change.updated["link"] | change.moved["link"]:
            link = editor.link(link_id)
            if (link.source, link.target) != self._link_ends.get(link_id):
                self._remove_link_item(link_id)
                self._add_link_item(link)
            elif link_id in self._links:
                self._links[link_id].set_kind(link.kind, link.label)
                self._route_link(link_id)  # a kind has its own place in a shared gutter
        for card_id in delta.cards_added:
            # A card coming back (undo of a removal) brings its links back too.
            for link in editor.links_of(card_id):
                if link.id not in self._links:
                    self._add_link_item(link)
        if delta.rows_resized:
            # Across a resized row, links stretch the whole width of the map: those out
            # of every view wait for idle time, or for a view to scroll to them.
            later = self._out_of_view(routed - change.ids("link"))
            if later:
                routed -= later.keys()
                for link_id, (first, last) in later.items():
                    self._stale_links.add(link_id, first, last)
                self._stale_timer.start(0)
        for link_id in routed:
            if link_id in self._links:
                self._route_link(link_id)

    def _follow_headers(self, change, metric_stages) -> None:
        """Lane, stage and step headers renamed or recoloured; stage figures."""
        editor = self.editor
        for lane_id in change.updated["lane"]:
            if lane_id in self._lane_headers:
                self._lane_headers[lane_id].set_lane(editor.lane(lane_id))
        for stage_id in change.updated["stage"]:
            if stage_id in self._stage_headers:
                index = next(i for i, s in enumerate(editor.doc.stages) if s.id == stage_id)
                stage = editor.stage(stage_id)
                self._stage_headers[stage_id].set_stage(stage.name, self._stage_color(stage, index))
        for stage_id in metric_stages:
            if stage_id in self._stage_headers:
                self._stage_headers[stage_id].set_metrics(self.stage_metrics_text(stage_id))
                self.stats["stage_metrics_refreshed"] += 1
        for step_id in change.updated["step"]:
            if step_id in self._step_headers:
                self._step_headers[step_id].set_name(editor.step(step_id)[1].name)

    def _follow_personas(self, change, delta) -> None:
        """Emotion curves, the legend, and what sits below the rows."""
        persona_ids = change.ids("persona") | {p for p, _, _ in change.emotions}
        if change.removed["persona"] or change.moved["persona"]:
            self._build_curves(None)  # palette colours follow the persona order
        elif persona_ids:
            self._build_curves(persona_ids)
        legend_changed = bool(persona_ids or change.ids("link"))
        if legend_changed:
            self._refresh_legend()
        if delta.rows_moved or delta.rows_resized or delta.size_changed or legend_changed:
            self._place_after_rows()
        if self._current_cell is not None:
            self._place_cell_mark()

    def _needs_rebuild(self, change) -> bool:
        if self.editor.doc.scale != self._scale:
            return True
        for lane_id in change.updated["lane"]:
            known = self._lane_kinds.get(lane_id)
            try:
                kind = self.editor.lane(lane_id).kind
            except KeyError:
                return True
            if known is not None and known is not LaneKind(kind):
                return True
            if known is None and kind not in self._hidden_lane_kinds:
                return True
        return False
