"""The links of the journey canvas: ``LinkLayer`` and ``SceneLinks``, the part of
``JourneyScene`` that creates link items, files them in layers, routes them along the
grid's gutters (``linkroute``) and routes those out of view when idle.

A mixin of ``JourneyScene`` (``scene.py``): it reads the scene's layout and items.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from cxmapper.model.document import Link
from cxmapper.ui import activity
from cxmapper.ui.canvas.items import (
    LINK_DETAIL_LOD,
    LINK_HIDE_LOD,
    LinkItem,
    Z_LINK,
    Z_LINK_STRONG,
)
from cxmapper.ui.canvas.linkroute import Box, route


class LinkMode(StrEnum):
    """Which links the canvas draws (a view setting, never an undo step)."""

    ALL = "all"  # every link, faint; the selected cards' links strong
    SELECTED = "selected"  # only the selected cards' links
    NONE = "none"


class LinkLayer(QGraphicsItem):
    """Links between the same two rows in one band of columns: a parent placed at the
    upper row's top.

    A link hangs in the layer of (the upper of its two cards' rows, the lower one, the
    band of its leftmost column), its route relative to the upper row. When a row above
    grows, the scene moves the row's layers (one ``setY`` each) and none of the links
    inside: only links with an end on each side of the resized row change shape and are
    routed again. Layers are under the rows (faint links) or over them (the selected
    cards' links). The layer's rect holds its links (``ItemContainsChildrenInShape``):
    painting skips a layer out of view without looking at its links, as Qt's index
    skipped top-level links out of view; keyed by both rows and a narrow band, a layer
    in view mostly holds links in view (a repaint of one card looks at ~100 links'
    bounds instead of ~50 before layers, and ~400 with one layer per row and 8 steps).
    It must not be ``ItemHasNoContents`` while links show (Qt would not test its rect).

    Zoomed out between ``LINK_HIDE_LOD`` and ``LINK_DETAIL_LOD`` (``set_zoom_band``), a
    layer of faint links paints them all itself, one ``drawPath`` per colour of a path
    built once (``links_changed`` drops it), and each link's ``paint`` returns at once:
    a Python ``paint`` per link, 30–40 us each, was most of a frame at zoom 0.25.
    """

    #: Steps per band (4: 264 layers on the 5,000-card map).
    BAND = 4

    def __init__(self, z: float):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, True)
        # For option.exposedRect: the one-pass paint clips to it.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(z)
        self._rect = QRectF()
        self._edges: tuple[float, float, float, float] | None = None  # the rect, as floats
        self.one_pass = False  # the layer paints its faint links (read by LinkItem.paint)
        self._hairlines: list[tuple[QPen, QPainterPath]] | None = None

    def include(self, left: float, top: float, right: float, bottom: float) -> None:
        """Grow the rect to hold a child's extent (item coordinates); it never shrinks."""
        edges = self._edges
        if edges is not None:
            l0, t0, r0, b0 = edges
            if left >= l0 and top >= t0 and right <= r0 and bottom <= b0:
                return
            left, top, right, bottom = min(left, l0), min(top, t0), max(right, r0), max(bottom, b0)
        self.prepareGeometryChange()
        self._edges = (left, top, right, bottom)
        self._rect = QRectF(left, top, right - left, bottom - top)

    def set_zoom_band(self, hidden: bool, one_pass: bool) -> None:
        """The view's zoom: below ``LINK_HIDE_LOD`` (``hidden``) faint links draw nothing
        and a layer of them is hidden, links and all: a zoomed-out frame makes no Python
        call for them, and the switch is one call a layer (one ``setFlag`` a link cost
        ~30 ms at each crossing on 20,000 cards); below ``LINK_DETAIL_LOD``
        (``one_pass``) the layer paints its faint links itself."""
        if self.zValue() != Z_LINK:
            return
        self.setVisible(not hidden)
        if one_pass != self.one_pass:
            self.one_pass = one_pass
            self.update()

    def links_changed(self) -> None:
        """A link of the layer came, went, was routed, restyled, shown or hidden."""
        self._hairlines = None
        if self.one_pass:
            self.update()

    def hairlines(self) -> list[tuple[QPen, QPainterPath]]:
        """The shown faint links as (pen, every path of that pen), layer coordinates."""
        if self._hairlines is None:
            by_pen: dict[int, tuple[QPen, QPainterPath]] = {}
            for link in self._faint_links():
                pen = link.hairline_pen()
                group = by_pen.get(id(pen))
                if group is None:
                    group = by_pen[id(pen)] = (pen, QPainterPath())
                link.add_hairline(group[1])
            self._hairlines = list(by_pen.values())
        return self._hairlines

    def _faint_links(self) -> list[LinkItem]:
        return [
            item
            for item in self.childItems()
            if isinstance(item, LinkItem) and not item.emphasised and item.isVisible()
        ]

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        if not self.one_pass:
            return  # the links paint themselves
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LINK_HIDE_LOD:
            return
        if lod >= LINK_DETAIL_LOD:
            # Drawn larger than the view that chose this (a picture of the scene): every
            # link in full, as it paints itself.
            for link in self._faint_links():
                pos = link.pos()
                painter.save()
                painter.translate(pos)
                link.paint_detailed(painter, option.exposedRect.translated(-pos))
                painter.restore()
            return
        painter.setClipRect(option.exposedRect)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self.hairlines():
            painter.setPen(pen)
            painter.drawPath(path)


def _overlap(span: tuple[float, float], low: float, high: float) -> bool:
    return span[0] <= high and span[1] >= low


#: Room around a route's points for the rounded corners and the arrow head (at least
#: ``LinkItem``'s own margin).
_LINK_MARGIN = 12.0


class SceneLinks:
    """JourneyScene's links: items, layers, routing in the gutters, waiting and emphasis."""

    # -- links ------------------------------------------------------------------------

    def _add_link_item(self, link: Link) -> None:
        if link.source not in self._cards or link.target not in self._cards:
            return
        strong = link.source in self._selected_set or link.target in self._selected_set
        item = LinkItem(link.id, link.kind, link.label, emphasised=strong)
        if strong:
            self._strong_links.add(link.id)
        item.setVisible(self._link_visible(link.id))
        self._links[link.id] = item
        self._link_ends[link.id] = (link.source, link.target)
        for end in (link.source, link.target):
            self._links_by_card.setdefault(end, set()).add(link.id)
        self._route_link(link.id)
        self.stats["links_created"] += 1

    def _remove_link_item(self, link_id: str) -> None:
        item = self._links.pop(link_id, None)
        if item is None:
            return
        for end in self._link_ends.pop(link_id):
            ids = self._links_by_card.get(end)
            if ids is not None:
                ids.discard(link_id)
                if not ids:
                    del self._links_by_card[end]
        self._strong_links.discard(link_id)
        self._stale_links.discard(link_id)
        _, _, source_lane, target_lane = self._link_rows.pop(link_id)
        self._link_shape.pop(link_id, None)
        del self._link_layer[link_id]
        del self._link_place[link_id]
        for lane_id in (source_lane, target_lane):
            self._links_by_lane[lane_id].discard(link_id)
        self.removeItem(item)

    def _route_link(self, link_id: str) -> None:
        """Route the link along the gutters (``linkroute``): it never crosses a card.

        The route is kept relative to the upper of its cards' rows, in that row's link
        layer (``LinkLayer``).
        """
        self._stale_links.discard(link_id)
        source_id, target_id = self._link_ends[link_id]
        source, target = self._cards[source_id].card, self._cards[target_id].card
        layout = self.layout
        item = self._links[link_id]
        s_lane, t_lane = source.lane, target.lane
        # The cards' scene rects from the layout (the items are placed from it, with the
        # same arithmetic): plain floats, where mapRectToScene cost 122 us a call.
        points = route(
            Box(*layout.card_box(source_id)),
            Box(*layout.card_box(target_id)),
            layout.column_span(source.step),
            layout.column_span(target.step),
            layout.row_span(t_lane),
            layout.style.cell_padding,
            item.kind.value,
        )
        host = self._file_link(link_id, source, target)
        top = layout.row_span(host)[0]  # where the layer is (rows move before links route)
        self._hang_link(link_id, [(x, y - top) for x, y in points])
        self.stats["links_routed"] += 1

    def _file_link(self, link_id: str, source, target) -> str:
        """File the link by its rows (``_link_rows``, ``_links_by_lane``) and place
        (``_link_place``: upper lane, lower lane, band of columns); its upper lane."""
        layout = self.layout
        s_lane, t_lane = source.lane, target.lane
        s_index, t_index = layout.lane_index(s_lane), layout.lane_index(t_lane)
        if s_index <= t_index:
            rows, host, lower = (s_index, t_index, s_lane, t_lane), s_lane, t_lane
        else:
            rows, host, lower = (t_index, s_index, s_lane, t_lane), t_lane, s_lane
        old = self._link_rows.get(link_id)
        if old != rows:
            if old is not None:
                for lane_id in old[2:]:
                    self._links_by_lane[lane_id].discard(link_id)
            for lane_id in rows[2:]:
                self._links_by_lane.setdefault(lane_id, set()).add(link_id)
            self._link_rows[link_id] = rows
        self._link_place[link_id] = (
            host, lower, min(layout.step_index(source.step), layout.step_index(target.step)) // LinkLayer.BAND
        )
        return host

    def _hang_link(self, link_id: str, local: list[tuple[float, float]]) -> None:
        """Put the link in its place's layer along ``local`` (layer coordinates)."""
        item = self._links[link_id]
        layer = self._layer(self._link_place[link_id], link_id in self._strong_links)
        if self._link_layer.get(link_id) is not layer:
            item.setParentItem(layer)
            self._link_layer[link_id] = layer
        item.set_route(local)
        xs, ys = [p[0] for p in local], [p[1] for p in local]
        m = _LINK_MARGIN
        layer.include(min(xs) - m, min(ys) - m, max(xs) + m, max(ys) + m)
        self._link_shape[link_id] = self._link_geometry(link_id)

    def _link_geometry(self, link_id: str) -> tuple:
        """What a link's route (relative to its layer) depends on besides its cards'
        own offsets and heights: the columns of its ends, the upper row, and where the
        two rows are relative to the upper one. Kept at each routing (``_link_shape``):
        after a grid change only the links whose geometry differs are routed again."""
        source_id, target_id = self._link_ends[link_id]
        source, target = self._cards[source_id].card, self._cards[target_id].card
        layout = self.layout
        s_top, _ = layout.row_span(source.lane)
        t_top, t_bottom = layout.row_span(target.lane)
        if layout.lane_index(source.lane) <= layout.lane_index(target.lane):
            host, top = source.lane, s_top
        else:
            host, top = target.lane, t_top
        return (
            layout.step_index(source.step), layout.step_index(target.step), host,
            s_top - top, t_top - top, t_bottom - top,
        )

    def _regrid_links(self, routed: set[str]) -> None:
        """After a change of the grid (columns or rows came, went or moved): route again
        ``routed`` and every link whose geometry changed (``_link_geometry``), those out
        of every view when idle; the others keep their route and layer, and only their
        rows' indices are brought up to date. Layers no link hangs in are dropped."""
        layout = self.layout
        todo = set(routed) | set(self._stale_links)  # the waiting ones were filed by old columns
        self._stale_links.clear()
        shapes = self._link_shape
        width = layout.style.column_width
        shift: dict[str, float] = {}
        for link_id in self._links:
            if link_id in todo:
                continue
            now, before = self._link_geometry(link_id), shapes.get(link_id)
            if now != before:
                if before is not None and now[2:] == before[2:] and now[0] - before[0] == now[1] - before[1]:
                    # Both ends' columns moved by as many steps, rows as they were: the
                    # route is the same, that many columns sideways (``linkroute`` works
                    # on differences of x only); no new route is worked out.
                    shift[link_id] = (now[0] - before[0]) * width
                else:
                    todo.add(link_id)
                continue
            old = self._link_rows[link_id]
            a, b = layout.lane_index(old[2]), layout.lane_index(old[3])
            rows = (a, b, old[2], old[3]) if a <= b else (b, a, old[2], old[3])
            if rows != old:
                self._link_rows[link_id] = rows
        todo &= self._links.keys()
        later = self._out_of_view(todo | shift.keys())
        for link_id, (first, last) in later.items():
            self._stale_links.add(link_id, first, last)
        if later:
            self._stale_timer.start(0)
        for link_id, dx in shift.items():
            if link_id not in later:
                source_id, target_id = self._link_ends[link_id]
                self._file_link(link_id, self._cards[source_id].card, self._cards[target_id].card)
                self._hang_link(link_id, [(x + dx, y) for x, y in self._links[link_id].local_route()])
                self.stats["links_shifted"] += 1
        for link_id in todo - later.keys():
            self._route_link(link_id)
        self.stats["links_regridded"] += 1
        used = {id(layer) for layer in self._link_layer.values()}
        for key, layer in list(self._link_layers.items()):
            if id(layer) not in used:
                self._drop_layer(key)

    def _drop_layer(self, key: tuple[str, str, int, bool]) -> None:
        layer = self._link_layers.pop(key)
        layers = self._row_layers.get(key[0])
        if layers is not None and layer in layers:
            layers.remove(layer)
        if layer.scene() is self:
            self.removeItem(layer)

    def _layer(self, place: tuple[str, str, int], strong: bool) -> LinkLayer:
        """The link layer of (upper lane, lower lane, band), under or over the rows; made
        on first use."""
        key = (*place, strong)
        layer = self._link_layers.get(key)
        if layer is None:
            layer = self._link_layers[key] = LinkLayer(Z_LINK_STRONG if strong else Z_LINK)
            layer.set_zoom_band(*self._link_band)
            layer.setPos(0, self.layout.row(place[0]).y)
            self.addItem(layer)
            self._row_layers[place[0]].append(layer)
        return layer

    #: How long one idle turn routes waiting links (``_route_stale_links``), in seconds:
    #: a route costs 30-100 us, so a turn is well inside a frame. The turns start once
    #: the person has left the canvas alone for ``STALE_QUIET_S`` (checked again every
    #: ``STALE_RETRY_MS``): a turn in the same event-loop pass as an edit's repaint made
    #: that frame 4 ms longer, for links no view shows.
    STALE_TURN_S = 0.004
    STALE_QUIET_S = 0.1
    STALE_RETRY_MS = 50

    def _columns_in_views(self) -> list[tuple[float, float]]:
        """The column spans (first, last, as step indices, a column either side) that
        the shown views show; none when no view is shown."""
        spans = []
        for view in self.views():
            if view.isVisible():
                spans.append(self._columns_in(view.mapToScene(view.viewport().rect()).boundingRect()))
        return spans

    def _columns_in(self, shown: QRectF) -> tuple[float, float]:
        column_at = self.layout.column_at
        return column_at(shown.left()) - 1, column_at(shown.right()) + 1

    def _link_columns(self, link_id: str) -> tuple[int, int]:
        source_id, target_id = self._link_ends[link_id]
        step_index = self.layout.step_index
        a = step_index(self._cards[source_id].card.step)
        b = step_index(self._cards[target_id].card.step)
        return (a, b) if a <= b else (b, a)

    def _out_of_view(self, link_ids: set[str]) -> dict[str, tuple[int, int]]:
        """Those of ``link_ids`` whose columns no shown view shows, with their columns
        (none when no view is shown: a picture, a test, a hidden window route
        everything at once)."""
        spans = self._columns_in_views()
        if not spans:
            return {}
        far = {}
        for link_id in link_ids:
            lo, hi = columns = self._link_columns(link_id)
            if all(hi < first or lo > last for first, last in spans):
                far[link_id] = columns
        return far

    def route_links_in(self, shown: QRectF, scale: float = 1.0) -> None:
        """Route at once the waiting links that ``shown`` (scene coordinates) shows at
        ``scale``: a view calls this when a scroll, a zoom or a resize brings more of the
        map into view, before it paints. Below ``LINK_HIDE_LOD`` only strong links show."""
        if not self._stale_links:
            return
        hidden = scale < LINK_HIDE_LOD
        for link_id in self._stale_links.in_columns(*self._columns_in(shown)):
            if hidden and link_id not in self._strong_links:
                continue
            self._route_link(link_id)  # a removed link left the waiting ones with it

    def _route_stale_links(self) -> None:
        """Route waiting links for ``STALE_TURN_S``; again at the next idle turn while
        some remain."""
        if not activity.idle_for(self.STALE_QUIET_S):
            self._stale_timer.start(self.STALE_RETRY_MS)
            return
        end = time.perf_counter() + self.STALE_TURN_S
        while self._stale_links and time.perf_counter() < end:
            link_id = self._stale_links.pop()
            if link_id in self._links:
                self._route_link(link_id)
        if self._stale_links:
            self._stale_timer.start(0)

    @property
    def links_waiting(self) -> int:
        """How many links wait for idle time to be routed again."""
        return len(self._stale_links)

    def waiting_link_ids(self) -> frozenset[str]:
        """The links waiting for idle time (or a view) to be routed again."""
        return frozenset(self._stale_links)

    def route_stale_links(self) -> None:
        """Route every link still waiting for idle time (before reading routes)."""
        while self._stale_links:
            link_id = self._stale_links.pop()
            if link_id in self._links:
                self._route_link(link_id)

    def _links_across(self, lane_ids: Iterable[str]) -> set[str]:
        """The links whose shape changes when these rows change height.

        A link with an end on each side of a resized row's bottom edge stretches; a
        link with both ends in a resized row may run along its bottom. Every other link
        keeps its shape relative to its upper row (``LinkLayer``): one coming down into
        the resized row runs along the row's top (``linkroute``), which did not move.
        Only the links of the rows on the smaller side of each edge are looked at.
        """
        layout = self.layout
        lanes = layout.lanes
        found: set[str] = set()
        for lane_id in lane_ids:
            r = layout.lane_index(lane_id)
            side = lanes[: r + 1] if r < len(lanes) // 2 else lanes[r + 1 :]
            for lane in side:
                for link_id in self._links_by_lane.get(lane.id, ()):
                    lo, hi, _, _ = self._link_rows[link_id]
                    if lo <= r < hi:
                        found.add(link_id)
            for link_id in self._links_by_lane.get(lane_id, ()):
                lo, hi, _, _ = self._link_rows[link_id]
                if lo == hi:
                    found.add(link_id)
        return found

    # -- link mode and emphasis ---------------------------------------------------------

    def link_mode(self) -> LinkMode:
        return self._link_mode

    def set_link_mode(self, mode: LinkMode | str) -> None:
        """Show every link (faint, the selected cards' strong), only the selected
        cards' links, or none. A view setting: never an undo step."""
        mode = LinkMode(mode)
        if mode is self._link_mode:
            return
        self._link_mode = mode
        for link_id, item in self._links.items():
            item.setVisible(self._link_visible(link_id))
        self.link_mode_changed.emit(mode.value)

    def _link_visible(self, link_id: str) -> bool:
        if self._link_mode is LinkMode.ALL:
            return True
        return self._link_mode is LinkMode.SELECTED and link_id in self._strong_links

    def emphasised_link_ids(self) -> frozenset[str]:
        """The links drawn strong: those of the selected cards."""
        return frozenset(self._strong_links)

    def _refresh_link_emphasis(self) -> None:
        wanted: set[str] = set()
        for card_id in self._last_selection:
            wanted |= self._links_by_card.get(card_id, set())
        for link_id in wanted ^ self._strong_links:
            item = self._links.get(link_id)
            if item is None:
                continue
            if link_id in self._stale_links:
                self._route_link(link_id)  # strong links show at every zoom: routed now
            on = link_id in wanted
            item.set_emphasised(on)
            # Both layers of a row sit at the row's top: the route stays where it is.
            layer = self._link_layer[link_id] = self._layer(self._link_place[link_id], on)
            item.setParentItem(layer)
            extent = item.mapRectToParent(item.boundingRect())
            layer.include(extent.left(), extent.top(), extent.right(), extent.bottom())
            if on:
                self._strong_links.add(link_id)
            else:
                self._strong_links.discard(link_id)
            item.setVisible(self._link_visible(link_id))
