"""Grid geometry of a map, shared by the canvas and the PDF export. No Qt.

The grid: a lane-header column on the left, then one column per step; a stage-header
band and a step-header band on top, then one row per lane. Cards stack in their cell
in document order. Text is measured by the caller (Qt font metrics on the canvas,
reportlab ``stringWidth`` in the PDF) through a ``Measure`` callback, so both draw
the same layout with their own fonts.

Positions of cards are kept *relative to their row*: when a row above grows, cards in
the rows below keep their offsets and only the row's y changes. A canvas that parents
card items to one item per row moves a whole row with one ``setPos``, so an edit costs
O(cards in the touched cells + rows), never O(all cards).

Trap: ``update`` needs a card by id and the cards of a cell in document order.
Scanning the document for them is O(all cards); the canvas passes the editor, whose
lookups are O(1) (``MapLayout(doc, measure, index=editor)``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from cxmapper.model.document import (
    BLUEPRINT_LINES,
    BlueprintLine,
    Card,
    Lane,
    LaneKind,
    MapDocument,
    Step,
)

if TYPE_CHECKING:  # the editor imports nothing from here; avoid a cycle at run time
    from cxmapper.model.editor import ChangeRecord

Measure = Callable[[Card, float], float]


class CardIndex(Protocol):
    """Fast card lookups; ``cxmapper.model.editor.Editor`` provides them."""

    def card(self, card_id: str) -> Card: ...  # raises KeyError

    def cards_in(self, lane_id: str, step_id: str) -> Sequence[Card]: ...


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class LayoutStyle:
    lane_header_width: float = 150.0
    stage_header_height: float = 34.0
    step_header_height: float = 30.0
    column_width: float = 210.0
    cell_padding: float = 8.0
    card_gap: float = 6.0
    card_min_height: float = 40.0
    min_row_height: float = 56.0
    emotion_lane_height: float = 170.0
    emotion_padding: float = 18.0

    @property
    def card_width(self) -> float:
        return self.column_width - 2 * self.cell_padding

    @property
    def grid_top(self) -> float:
        return self.stage_header_height + self.step_header_height


@dataclass
class LayoutDelta:
    """What an incremental update changed, for the view to mirror."""

    full: bool = False  # rebuild everything (no longer used by ``update``; kept for callers)
    grid: bool = False  # stages, steps or lanes changed: the fields below name what moved
    lanes_added: set[str] = field(default_factory=set)  # rows that appeared (visible lanes)
    lanes_removed: set[str] = field(default_factory=set)  # rows that vanished
    steps_added: set[str] = field(default_factory=set)  # columns that appeared
    steps_removed: set[str] = field(default_factory=set)  # columns that vanished
    columns_moved: set[str] = field(default_factory=set)  # step ids whose column x changed
    width_changed: bool = False
    rows_moved: set[str] = field(default_factory=set)  # lane ids whose row y changed
    rows_resized: set[str] = field(default_factory=set)  # lane ids whose row height changed
    cards_moved: set[str] = field(default_factory=set)  # offset in row or cell changed
    cards_resized: set[str] = field(default_factory=set)
    cards_added: set[str] = field(default_factory=set)
    cards_removed: set[str] = field(default_factory=set)
    size_changed: bool = False


class MapLayout:
    """Geometry of the visible part of a map (optionally filtered lanes and steps)."""

    def __init__(
        self,
        doc: MapDocument,
        measure: Measure,
        style: LayoutStyle = LayoutStyle(),
        *,
        lane_ids: Iterable[str] | None = None,
        step_ids: Iterable[str] | None = None,
        index: CardIndex | None = None,
    ) -> None:
        self.doc = doc
        self.measure = measure
        self.style = style
        self._lane_filter = None if lane_ids is None else frozenset(lane_ids)
        self._step_filter = None if step_ids is None else frozenset(step_ids)
        self._index = index
        self.rebuild()

    # -- building -------------------------------------------------------------------

    def rebuild(self) -> None:
        """Measure every visible card and place everything."""
        doc, style = self.doc, self.style
        self.lanes: list[Lane] = [
            lane for lane in doc.lanes if self._lane_filter is None or lane.id in self._lane_filter
        ]
        self.steps: list[Step] = [
            step for step in doc.steps() if self._step_filter is None or step.id in self._step_filter
        ]
        self._lane_index = {lane.id: i for i, lane in enumerate(self.lanes)}
        self._step_index = {step.id: i for i, step in enumerate(self.steps)}
        self._lane_by_id = {lane.id: lane for lane in self.lanes}
        self._stage_steps: dict[str, list[str]] = {}
        for stage in doc.stages:
            visible = [s.id for s in stage.steps if s.id in self._step_index]
            if visible:
                self._stage_steps[stage.id] = visible

        self._cells: dict[tuple[str, str], list[str]] = {}
        self._card_cell: dict[str, tuple[str, str]] = {}
        self._heights: dict[str, float] = {}
        for card in doc.cards:
            if card.lane in self._lane_index and card.step in self._step_index:
                key = (card.lane, card.step)
                self._cells.setdefault(key, []).append(card.id)
                self._card_cell[card.id] = key
                self._heights[card.id] = self._card_height(card)

        self._offsets: dict[str, float] = {}
        self._cell_heights: dict[tuple[str, str], float] = {}
        for key in self._cells:
            self._stack(key)
        self._row_h: dict[str, float] = {lane.id: self._row_height(lane.id) for lane in self.lanes}
        self._place_rows()

    def _card_height(self, card: Card) -> float:
        return max(self.style.card_min_height, float(self.measure(card, self.style.card_width)))

    def _content_top(self, lane_id: str) -> float:
        lane = self._lane_by_id[lane_id]
        top = self.style.cell_padding
        if lane.kind is LaneKind.EMOTIONS:
            top += self.style.emotion_lane_height  # the curve's band, cards below it
        return top

    def _stack(self, key: tuple[str, str]) -> set[str]:
        """Place the cards of one cell; return the ids whose offset changed."""
        style = self.style
        y = self._content_top(key[0])
        moved = set()
        ids = self._cells.get(key, [])
        for card_id in ids:
            if self._offsets.get(card_id) != y:
                moved.add(card_id)
                self._offsets[card_id] = y
            y += self._heights[card_id] + style.card_gap
        if ids:
            self._cell_heights[key] = y - style.card_gap + style.cell_padding
        else:
            self._cell_heights.pop(key, None)
        return moved

    def _row_height(self, lane_id: str) -> float:
        lane = self._lane_by_id[lane_id]
        base = self.style.min_row_height
        if lane.kind is LaneKind.EMOTIONS:
            base = max(base, self.style.emotion_lane_height + 2 * self.style.cell_padding)
        heights = (self._cell_heights.get((lane_id, step.id), 0.0) for step in self.steps)
        return max(base, max(heights, default=0.0))

    def _place_rows(self) -> set[str]:
        """Compute each row's y from the heights; return the lanes whose y changed."""
        old = getattr(self, "_row_y", {})
        self._row_y: dict[str, float] = {}
        self._row_tops: list[float] = []
        y = self.style.grid_top
        for lane in self.lanes:
            self._row_y[lane.id] = y
            self._row_tops.append(y)
            y += self._row_h[lane.id]
        self.height = y
        self.width = self.style.lane_header_width + len(self.steps) * self.style.column_width
        return {lane_id for lane_id, y in self._row_y.items() if old.get(lane_id) != y}

    # -- incremental update -------------------------------------------------------

    def set_lane_filter(self, lane_ids: Iterable[str] | None) -> None:
        """The lanes shown from the next ``update`` on (None: all). A grid change takes
        it into account; call ``rebuild`` to apply it otherwise."""
        self._lane_filter = None if lane_ids is None else frozenset(lane_ids)

    def update(self, change: ChangeRecord) -> LayoutDelta:
        """Follow one editor change; re-measure and re-stack only what it touched.

        A change of the grid (a stage, step or lane added, removed or moved) re-indexes
        the columns and rows (``_regrid``): only the cells of new columns and rows are
        measured, and the delta names the rows and columns that moved, came or went.
        """
        if change.structure:
            return self._regrid(change)
        card_ids = change.ids("card")
        if not card_ids:
            return LayoutDelta()
        delta = LayoutDelta()
        old_size = (self.width, self.height)
        dirty_cells = self._follow_cards(card_ids, delta)
        for lane_id in {key[0] for key in dirty_cells}:
            height = self._row_height(lane_id)
            if height != self._row_h[lane_id]:
                self._row_h[lane_id] = height
                delta.rows_resized.add(lane_id)
        if delta.rows_resized:
            delta.rows_moved = self._place_rows()
        delta.size_changed = old_size != (self.width, self.height)
        return delta

    def _regrid(self, change: ChangeRecord) -> LayoutDelta:
        """Follow a change of the grid: O(lanes x steps + cards in new or touched cells)."""
        doc = self.doc
        old_step_index = self._step_index
        old_size = (self.width, self.height)
        old_lanes = set(self._lane_index)
        delta = LayoutDelta(grid=True)
        self.lanes = [
            lane for lane in doc.lanes if self._lane_filter is None or lane.id in self._lane_filter
        ]
        self.steps = [
            step for step in doc.steps() if self._step_filter is None or step.id in self._step_filter
        ]
        self._lane_index = {lane.id: i for i, lane in enumerate(self.lanes)}
        self._step_index = {step.id: i for i, step in enumerate(self.steps)}
        self._lane_by_id = {lane.id: lane for lane in self.lanes}
        self._stage_steps = {}
        for stage in doc.stages:
            visible = [s.id for s in stage.steps if s.id in self._step_index]
            if visible:
                self._stage_steps[stage.id] = visible
        delta.lanes_added = set(self._lane_index) - old_lanes
        delta.lanes_removed = old_lanes - set(self._lane_index)
        delta.steps_added = set(self._step_index) - set(old_step_index)
        delta.steps_removed = set(old_step_index) - set(self._step_index)
        delta.columns_moved = {
            step_id for step_id, i in self._step_index.items()
            if step_id in old_step_index and old_step_index[step_id] != i
        }
        # Cells whose row or column vanished take their cards out of the layout.
        for key in [k for k in self._cells if k[0] not in self._lane_index or k[1] not in self._step_index]:
            for card_id in self._cells.pop(key):
                delta.cards_removed.add(card_id)
                del self._card_cell[card_id]
                self._heights.pop(card_id, None)
                self._offsets.pop(card_id, None)
            self._cell_heights.pop(key, None)
        for key in [k for k in self._cell_heights if k not in self._cells]:
            del self._cell_heights[key]
        # Cells of new rows and columns (an undo of a removal brings their cards back).
        new_cells = [(lane_id, step.id) for lane_id in delta.lanes_added for step in self.steps]
        new_cells += [
            (lane.id, step_id) for step_id in delta.steps_added for lane in self.lanes
            if lane.id not in delta.lanes_added
        ]
        for key in new_cells:
            ids = []
            for card in self._cell_cards(*key):
                ids.append(card.id)
                if card.id in self._card_cell:
                    # A card shown elsewhere moved into the new cell in the same change
                    # (a step added and a card dragged into it, merged into one flush):
                    # a move, which _follow_cards below makes; as an "add" it was drawn
                    # twice, its old place left standing.
                    continue
                self._card_cell[card.id] = key
                self._heights[card.id] = self._card_height(card)
                delta.cards_added.add(card.id)
            if ids:
                self._cells[key] = ids
                self._stack(key)
        # Cards the change names besides (a batch moving cards as well).
        self._follow_cards(change.ids("card") - delta.cards_added, delta)
        old_row_h = self._row_h
        self._row_h = {lane.id: self._row_height(lane.id) for lane in self.lanes}
        delta.rows_resized = {
            lane_id for lane_id, h in self._row_h.items() if lane_id in old_row_h and old_row_h[lane_id] != h
        }
        moved = self._place_rows()
        delta.rows_moved = moved - delta.lanes_added
        delta.size_changed = old_size != (self.width, self.height)
        delta.width_changed = old_size[0] != self.width
        return delta

    def _follow_cards(self, card_ids: Iterable[str], delta: LayoutDelta) -> set[tuple[str, str]]:
        """Re-measure and re-stack the cells of ``card_ids`` (before and after the
        change), noting in ``delta`` what came, went, moved or changed height."""
        dirty_cells: set[tuple[str, str]] = set()
        for card_id in card_ids:
            old_key = self._card_cell.get(card_id)
            card = self._find_card(card_id)
            new_key = None
            if card is not None and card.lane in self._lane_index and card.step in self._step_index:
                new_key = (card.lane, card.step)
            if old_key is not None:
                dirty_cells.add(old_key)
            if new_key is not None:
                dirty_cells.add(new_key)
                height = self._card_height(card)
                if old_key is None:
                    delta.cards_added.add(card_id)
                elif self._heights.get(card_id) != height:
                    delta.cards_resized.add(card_id)
                if old_key is not None and old_key != new_key:
                    delta.cards_moved.add(card_id)
                self._heights[card_id] = height
                self._card_cell[card_id] = new_key
            elif old_key is not None:
                delta.cards_removed.add(card_id)
                del self._card_cell[card_id]
                self._heights.pop(card_id, None)
                self._offsets.pop(card_id, None)

        for key in dirty_cells:
            self._cells[key] = [c.id for c in self._cell_cards(*key)]
            if not self._cells[key]:
                del self._cells[key]
            delta.cards_moved |= self._stack(key) - delta.cards_added
        return dirty_cells

    def _find_card(self, card_id: str) -> Card | None:
        try:
            return (self._index or self.doc).card(card_id)
        except KeyError:
            return None

    def _cell_cards(self, lane_id: str, step_id: str) -> Sequence[Card]:
        return (self._index or self.doc).cards_in(lane_id, step_id)

    # -- queries ----------------------------------------------------------------------

    @property
    def grid_top(self) -> float:
        return self.style.grid_top

    def column(self, step_id: str) -> Rect:
        i = self._step_index[step_id]
        x = self.style.lane_header_width + i * self.style.column_width
        return Rect(x, 0.0, self.style.column_width, self.height)

    def step_header(self, step_id: str) -> Rect:
        col = self.column(step_id)
        return Rect(col.x, self.style.stage_header_height, col.w, self.style.step_header_height)

    def stage_header(self, stage_id: str) -> Rect | None:
        """The header band over the stage's visible steps; None when none is visible."""
        steps = self._stage_steps.get(stage_id)
        if not steps:
            return None
        first, last = self.column(steps[0]), self.column(steps[-1])
        return Rect(first.x, 0.0, last.right - first.x, self.style.stage_header_height)

    def row(self, lane_id: str) -> Rect:
        return Rect(0.0, self._row_y[lane_id], self.width, self._row_h[lane_id])

    def lane_header(self, lane_id: str) -> Rect:
        row = self.row(lane_id)
        return Rect(0.0, row.y, self.style.lane_header_width, row.h)

    def cell(self, lane_id: str, step_id: str) -> Rect:
        row, col = self.row(lane_id), self.column(step_id)
        return Rect(col.x, row.y, col.w, row.h)

    def card_ids(self, lane_id: str, step_id: str) -> list[str]:
        """The visible cards of a cell, in order."""
        return list(self._cells.get((lane_id, step_id), ()))

    def card_offset(self, card_id: str) -> tuple[float, float]:
        """(absolute x, y relative to the top of the card's row)."""
        lane_id, step_id = self._card_cell[card_id]
        return (self.column(step_id).x + self.style.cell_padding, self._offsets[card_id])

    def card_rect(self, card_id: str) -> Rect:
        lane_id, _ = self._card_cell[card_id]
        x, dy = self.card_offset(card_id)
        return Rect(x, self._row_y[lane_id] + dy, self.style.card_width, self._heights[card_id])

    def card_box(self, card_id: str) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the card: ``card_rect`` as plain floats, for
        the hot loops of link routing (no ``Rect`` made)."""
        lane_id, step_id = self._card_cell[card_id]
        style = self.style
        left = style.lane_header_width + self._step_index[step_id] * style.column_width + style.cell_padding
        top = self._row_y[lane_id] + self._offsets[card_id]
        return (left, top, left + style.card_width, top + self._heights[card_id])

    def column_span(self, step_id: str) -> tuple[float, float]:
        """(left, right) of the step's column."""
        x = self.style.lane_header_width + self._step_index[step_id] * self.style.column_width
        return (x, x + self.style.column_width)

    def row_span(self, lane_id: str) -> tuple[float, float]:
        """(top, bottom) of the lane's row."""
        y = self._row_y[lane_id]
        return (y, y + self._row_h[lane_id])

    def column_at(self, x: float) -> float:
        """Where ``x`` falls among the columns, as a fraction: column ``i`` spans
        ``i`` to ``i + 1`` (negative over the lane headers, past the last step beyond)."""
        style = self.style
        return (x - style.lane_header_width) / style.column_width

    def step_index(self, step_id: str) -> int:
        """The column's place from the left (0) among the visible steps."""
        return self._step_index[step_id]

    def lane_index(self, lane_id: str) -> int:
        """The row's place from the top (0) among the visible lanes."""
        return self._lane_index[lane_id]

    def has_lane(self, lane_id: str) -> bool:
        """Whether the lane has a row (it exists and is not filtered out)."""
        return lane_id in self._lane_index

    def has_step(self, step_id: str) -> bool:
        return step_id in self._step_index

    def has_card(self, card_id: str) -> bool:
        return card_id in self._card_cell

    def blueprint_lines(self) -> list[tuple[BlueprintLine, float]]:
        """Each blueprint line whose two lanes sit one directly above the other."""
        lines = []
        for line, (upper, lower) in BLUEPRINT_LINES.items():
            for above, below in zip(self.lanes, self.lanes[1:]):
                if above.kind is upper and below.kind is lower:
                    lines.append((line, self._row_y[below.id]))
        lines.sort(key=lambda item: item[1])
        return lines

    def emotion_band(self, lane_id: str) -> Rect:
        """The part of an emotion lane where the curves are drawn."""
        row = self.row(lane_id)
        pad = self.style.emotion_padding
        return Rect(
            self.style.lane_header_width,
            row.y + pad,
            self.width - self.style.lane_header_width,
            self.style.emotion_lane_height - 2 * pad + self.style.cell_padding,
        )

    def emotion_y(self, lane_id: str, score: float) -> float:
        scale = self.doc.scale
        band = self.emotion_band(lane_id)
        frac = (score - scale.min) / (scale.max - scale.min)
        return band.bottom - frac * band.h

    def emotion_score_at(self, lane_id: str, y: float) -> int:
        """The nearest score on the scale for a y in the lane (clamped): drag snapping."""
        scale = self.doc.scale
        band = self.emotion_band(lane_id)
        frac = (band.bottom - y) / band.h if band.h else 0.0
        score = round(scale.min + frac * (scale.max - scale.min))
        return max(scale.min, min(scale.max, score))

    def step_center_x(self, step_id: str) -> float:
        col = self.column(step_id)
        return col.x + col.w / 2

    def hit(self, x: float, y: float) -> tuple[str, str] | None:
        """The (lane id, step id) of the cell at a point, or None outside the grid."""
        style = self.style
        if x < style.lane_header_width or y < style.grid_top or y >= self.height:
            return None
        i = int((x - style.lane_header_width) // style.column_width)
        if not 0 <= i < len(self.steps):
            return None
        j = bisect.bisect_right(self._row_tops, y) - 1
        if not 0 <= j < len(self.lanes):
            return None
        return (self.lanes[j].id, self.steps[i].id)

    def drop_index(self, lane_id: str, step_id: str, y: float, *, ignore: Iterable[str] = ()) -> int:
        """Where a card dropped at ``y`` goes in the cell: the count of cards above it.

        ``ignore`` names cards being dragged, which do not count.
        """
        skip = set(ignore)
        top = self._row_y[lane_id]
        index = 0
        for card_id in self._cells.get((lane_id, step_id), ()):
            if card_id in skip:
                continue
            mid = top + self._offsets[card_id] + self._heights[card_id] / 2
            if y > mid:
                index += 1
        return index
