"""The editor: the only code that mutates a ``MapDocument``.

This module owns the ``Editor``: the lookups (card by id, cards of a cell, links of a
card, ...) kept current as the document changes, and the primitive changes the
operations make. The operations and their inverses live in ``model/operations/``, one
family per module; the change records they announce and ``EditError`` in
``model/changes.py``. Everyone imports all of these names from here
(``from cxmapper.model.editor import Editor, MoveCard, ChangeRecord``). The contract, in
three layers:

- ``Editor``'s **lookups** (``card``, ``step``, ``cards_in``, ``links_of``, ``has``,
  ``item``, ``cell_ids``, ``card_ids``, ``link_index``, ...): read only, for everyone.
- ``Editor``'s **primitive changes** (``require``/``require_free`` to refuse,
  ``insert_card``/``pop_card``/``replace_card``, the same for links, stages
  (``edit_steps`` for a stage's steps), lanes and personas (``insert_item``,
  ``pop_item``, ``replace_item``), ``flat_for_cell``/``cell_for_flat``,
  ``curve_position``, ``check_curves``): each changes the document and every index
  together. Only operations call them; they never touch ``Editor``'s private indexes
  (a test checks it), so operations can live in several modules.
- **Operations** (``model/operations/``, re-exported below): ``check``, ``apply``
  returning (inverse, record).

The window reaches the editor only through ``cxmapper/ui/edit_channel.py``.

How an edit goes (Orange's canvas is the model: small model operations, each with an
exact inverse):

1. ``op.check(editor)`` refuses a bad edit with an ``EditError`` naming the thing and
   the reason. Nothing has changed yet, and nobody is notified.
2. ``op.apply(editor)`` checks, then changes the document and the indexes together and
   returns ``(inverse, record)``. The inverse is itself an ``Operation``; applying it
   puts the document back exactly (``model_dump()`` equal, list order included) and
   returns the forward operation again, so undo/redo can alternate forever.
3. ``Editor.apply(op)`` calls subscribers once with the ``ChangeRecord``.

An operation given a dict instead of a model object (``AddCard({"kind": ...})``)
validates it when it is constructed, so a bad dict raises ``EditError`` right there.

Objects in the document are frozen: an edit builds a new object and puts it in the old
one's place, so an inverse can hold the old object itself.

Traps:

- Cell order *is* flat-list order (``doc.cards``). Restoring a card at its old cell
  position is not enough for an exact undo; every inverse that puts a card back also
  records its flat-list index (``flat_index``). The same holds for links, emotion points
  and every ordered list.
- An operation on one card must stay O(cell): finding a card's flat index must not
  scan ``doc.cards``. ``_OrderedIds`` keeps the ids parallel to ``doc.cards`` (and
  ``doc.links``) with remembered positions; see its docstring.
- ``Batch`` is all or nothing: if a child fails, the children already applied are
  undone before the error propagates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from cxmapper.model.changes import EMPTY_RECORD, KINDS, ChangeRecord, EditError, merge_records
from cxmapper.model.document import (
    Card,
    EmotionPoint,
    EmotionScale,
    Lane,
    Link,
    MapDocument,
    Persona,
    Stage,
    Step,
)
from cxmapper.model.operations.base import (  # _CARD_ADAPTER, _Frozen, _frozen: used elsewhere
    _CARD_ADAPTER,
    _CURVES,
    Operation,
    Replace,
    SetScale,
    UpdateAnalysis,
    UpdateMeta,
    _Frozen,
    _frozen,
    _position,
)
from cxmapper.model.operations.stages import (
    AddStage,
    AddStep,
    MoveStage,
    MoveStep,
    UpdateStage,
    UpdateStep,
)
from cxmapper.model.operations.lanes import (
    AddLane,
    AddPersona,
    MoveLane,
    MovePersona,
    SetEmotion,
    UpdateLane,
    UpdatePersona,
)
from cxmapper.model.operations.cards import AddCard, AddLink, MoveCard, UpdateCard, UpdateLink
from cxmapper.model.operations.removal import (
    Batch,
    RemoveCard,
    Removed,
    RemoveLane,
    RemoveLink,
    RemovePersona,
    RemoveStage,
    RemoveStep,
    Restore,
    threads_on,
)


# --- the editor ---------------------------------------------------------------------------


class _OrderedIds:
    """The ids of a long list (cards, links) in order, with a near-O(1) ``index``.

    ``list.index`` over 5,000 ids costs more than the rest of an edit. Instead each id
    remembers the position it had when last seen, and ``shifts`` counts the inserts and
    removals since the positions were last rebuilt: no id can have drifted further than
    that, so the search looks at the remembered place first, then in windows around it
    that grow fourfold. A rebuild (O(n), in C) comes after n/4 shifts, so its cost
    spread over the edits is constant.
    """

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self.ids: list[str] = list(ids)
        self._rebuild()

    def _rebuild(self) -> None:
        self._pos = dict(zip(self.ids, range(len(self.ids))))
        self._shifts = 0

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids)

    def index(self, item_id: str) -> int:
        ids = self.ids
        guess = self._pos[item_id]
        if guess < len(ids) and ids[guess] == item_id:
            return guess
        width = 8
        while True:
            lo, hi = max(0, guess - width), guess + width + 1
            try:
                found = ids.index(item_id, lo, hi)
                break
            except ValueError:
                if width > self._shifts:  # cannot happen while the bookkeeping is right
                    found = ids.index(item_id)
                    break
                width *= 4
        self._pos[item_id] = found
        return found

    def insert(self, index: int, item_id: str) -> None:
        self.ids.insert(index, item_id)
        self._pos[item_id] = index
        self._shifted()

    def pop(self, index: int) -> str:
        item_id = self.ids.pop(index)
        del self._pos[item_id]
        self._shifted()
        return item_id

    def _shifted(self) -> None:
        self._shifts += 1
        if self._shifts > len(self.ids) // 4 + 64:
            self._rebuild()


class Editor:
    """Owns a document while it is edited: applies operations, keeps lookups, notifies.

    Lookups raise ``KeyError`` for an unknown id, except ``cards_in`` and ``links_of``
    which return an empty list. ``links_of`` lists a card's links in no fixed order.
    """

    def __init__(self, doc: MapDocument) -> None:
        self.doc = doc
        self._subscribers: list[Callable[[ChangeRecord], None]] = []
        self._build_indexes()

    # -- subscribing and applying --------------------------------------------------------

    def subscribe(self, callback: Callable[[ChangeRecord], None]) -> Callable[[], None]:
        """Call ``callback(record)`` after every applied edit; returns the unsubscriber."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def apply(self, op: Operation) -> Operation:
        """Check and apply ``op``, notify subscribers once, return the inverse.

        A refused operation raises ``EditError`` and changes nothing. Subscribers are
        not called for an edit that changed nothing (an empty record).

        Trap: the edit is done before anyone is told. If a subscriber raises, the others
        are still called (so that no view is left behind), then the first error is
        raised again; the document stays edited.
        """
        inverse, record = op.apply(self)
        if not record.empty:
            failure: BaseException | None = None
            for callback in list(self._subscribers):
                try:
                    callback(record)
                except Exception as exc:  # noqa: BLE001 - re-raised below
                    failure = failure or exc
            if failure is not None:
                raise failure
        return inverse

    # -- lookups (O(1), O(cell) for cards_in) ---------------------------------------------

    def card(self, card_id: str) -> Card:
        return self._cards[card_id]

    def link(self, link_id: str) -> Link:
        return self._links[link_id]

    def stage(self, stage_id: str) -> Stage:
        return self._stages[stage_id]

    def step(self, step_id: str) -> tuple[Stage, Step]:
        return self._stages[self._stage_of_step[step_id]], self._steps[step_id]

    def lane(self, lane_id: str) -> Lane:
        return self._lanes[lane_id]

    def persona(self, persona_id: str) -> Persona:
        return self._personas[persona_id]

    def cards_in(self, lane_id: str, step_id: str) -> list[Card]:
        """The cards of a cell, in document order."""
        return [self._cards[card_id] for card_id in self._cells.get((lane_id, step_id), ())]

    def links_of(self, card_id: str) -> list[Link]:
        """The links whose source or target is the card."""
        return [self._links[link_id] for link_id in self._links_of.get(card_id, ())]

    def column(self, step_id: str) -> int:
        """The step's column number, left to right from 0."""
        if self._columns is None:
            self._columns = {step.id: i for i, step in enumerate(self.doc.steps())}
        return self._columns[step_id]

    def has(self, kind: str, item_id: str) -> bool:
        """Whether an object of that kind ("card", "step", ...) has that id."""
        return item_id in self._table(kind)

    def item(self, kind: str, item_id: str) -> Any:
        """The object of that kind with that id (``KeyError`` when there is none)."""
        return self._table(kind)[item_id]

    def stage_id_of_step(self, step_id: str) -> str:
        return self._stage_of_step[step_id]

    def cell_ids(self, key: tuple[str, str]) -> Sequence[str]:
        """The ids of the cards in the cell ``(lane_id, step_id)``, in order (read only)."""
        return self._cells.get(key, ())

    def card_ids(self) -> Sequence[str]:
        """Every card id in flat-list order (read only)."""
        return self._card_ids.ids

    def link_ids(self) -> Sequence[str]:
        """Every link id in flat-list order (read only)."""
        return self._link_ids.ids

    def card_count(self) -> int:
        return len(self._card_ids)

    def link_count(self) -> int:
        return len(self._link_ids)

    def link_index(self, link_id: str) -> int:
        """The link's position in ``doc.links`` (near O(1), see ``_OrderedIds``)."""
        return self._link_ids.index(link_id)

    def link_ids_of(self, card_id: str) -> Iterable[str]:
        """The ids of the links that start or end at the card, in no fixed order."""
        return self._links_of.get(card_id, ())

    def step_ids(self) -> Iterable[str]:
        return self._steps.keys()

    def lane_ids(self) -> Iterable[str]:
        return self._lanes.keys()

    def index_snapshot(self) -> dict[str, Any]:
        """Every lookup as plain, comparable data (tests compare it with a fresh editor)."""
        return {
            "stages": dict(self._stages),
            "steps": {step_id: self.step(step_id) for step_id in self._steps},
            "lanes": dict(self._lanes),
            "cards": dict(self._cards),
            "card_ids": list(self._card_ids.ids),
            "cells": {key: list(ids) for key, ids in self._cells.items()},
            "links": dict(self._links),
            "link_ids": list(self._link_ids.ids),
            "links_of": {card_id: set(ids) for card_id, ids in self._links_of.items() if ids},
            "personas": dict(self._personas),
            "columns": {step.id: self.column(step.id) for step in self.doc.steps()},
        }

    # -- indexes --------------------------------------------------------------------------

    def _build_indexes(self) -> None:
        doc = self.doc
        self._stages: dict[str, Stage] = {}
        self._steps: dict[str, Step] = {}
        self._stage_of_step: dict[str, str] = {}
        self._lanes: dict[str, Lane] = {}
        self._cards: dict[str, Card] = {}
        self._card_ids = _OrderedIds(card.id for card in doc.cards)
        self._cells: dict[tuple[str, str], list[str]] = {}
        self._links: dict[str, Link] = {}
        self._link_ids = _OrderedIds(link.id for link in doc.links)
        self._links_of: dict[str, dict[str, None]] = {}
        self._personas: dict[str, Persona] = {}
        self._columns: dict[str, int] | None = None

        def put(table: dict[str, Any], item: Any, kind: str) -> None:
            if item.id in table:
                raise EditError(f"the document uses the {kind} id {item.id!r} twice")
            table[item.id] = item

        for stage in doc.stages:
            put(self._stages, stage, "stage")
            for step in stage.steps:
                put(self._steps, step, "step")
                self._stage_of_step[step.id] = stage.id
        for lane in doc.lanes:
            put(self._lanes, lane, "lane")
        for persona in doc.personas:
            put(self._personas, persona, "persona")
        for card in doc.cards:
            put(self._cards, card, "card")
            self._cells.setdefault((card.lane, card.step), []).append(card.id)
        for link in doc.links:
            put(self._links, link, "link")
            self._links_of.setdefault(link.source, {})[link.id] = None
            self._links_of.setdefault(link.target, {})[link.id] = None

    def _table(self, kind: str) -> dict[str, Any]:
        tables = {
            "stage": self._stages,
            "step": self._steps,
            "lane": self._lanes,
            "card": self._cards,
            "link": self._links,
            "persona": self._personas,
        }
        if kind not in tables:
            raise ValueError(f"unknown entity kind {kind!r}")
        return tables[kind]

    def require(self, kind: str, item_id: str, what: str = "") -> Any:
        try:
            return self._table(kind)[item_id]
        except (KeyError, TypeError):
            prefix = f"{what}: " if what else ""
            raise EditError(f"{prefix}{kind} {item_id!r} does not exist") from None

    def _id_taken(self, item_id: str) -> str | None:
        """The kind already using this id, if any (ids are unique across all kinds)."""
        for kind in ("card", "link", "step", "stage", "lane", "persona"):
            if item_id in self._table(kind):
                return kind
        return None

    def require_free(self, item_id: str, what: str) -> None:
        taken = self._id_taken(item_id)
        if taken is not None:
            raise EditError(f"{what}: the id {item_id!r} is already used by a {taken}")

    # -- primitive changes: the document and the indexes together ------------------------
    # The layer operations are written against (see the module docstring): each call
    # keeps ``doc`` and every index consistent; none notifies (``apply`` does, once).

    def card_index(self, card_id: str) -> int:
        return self._card_ids.index(card_id)

    def flat_for_cell(self, key: tuple[str, str], cell_index: int) -> int:
        """The flat index at which a card lands at ``cell_index`` in the cell ``key``."""
        cell = self._cells.get(key)
        if not cell:
            return len(self._card_ids)
        if cell_index < len(cell):
            return self.card_index(cell[cell_index])
        return self.card_index(cell[-1]) + 1

    def cell_for_flat(self, key: tuple[str, str], flat_index: int) -> int:
        """The cell position a card gets when inserted at ``flat_index``."""
        return sum(1 for card_id in self._cells.get(key, ()) if self.card_index(card_id) < flat_index)

    def insert_card(self, flat_index: int, cell_index: int, card: Card) -> None:
        self.doc.cards.insert(flat_index, card)
        self._card_ids.insert(flat_index, card.id)
        self._cards[card.id] = card
        self._cells.setdefault((card.lane, card.step), []).insert(cell_index, card.id)

    def pop_card(self, card_id: str) -> tuple[int, int, Card]:
        flat_index = self.card_index(card_id)
        card = self.doc.cards.pop(flat_index)
        self._card_ids.pop(flat_index)
        del self._cards[card_id]
        key = (card.lane, card.step)
        cell = self._cells[key]
        cell_index = cell.index(card_id)
        del cell[cell_index]
        if not cell:
            del self._cells[key]
        return flat_index, cell_index, card

    def replace_card(self, card: Card) -> None:
        """Put ``card`` in place of the card with its id, in the same cell."""
        self.doc.cards[self.card_index(card.id)] = card
        self._cards[card.id] = card

    def insert_link(self, index: int, link: Link) -> None:
        self.doc.links.insert(index, link)
        self._link_ids.insert(index, link.id)
        self._links[link.id] = link
        self._links_of.setdefault(link.source, {})[link.id] = None
        self._links_of.setdefault(link.target, {})[link.id] = None

    def _unindex_link(self, link: Link) -> None:
        for end in (link.source, link.target):
            ids = self._links_of.get(end)
            if ids is not None:
                ids.pop(link.id, None)
                if not ids:
                    del self._links_of[end]

    def pop_link(self, link_id: str) -> tuple[int, Link]:
        index = self._link_ids.index(link_id)
        link = self.doc.links.pop(index)
        self._link_ids.pop(index)
        del self._links[link_id]
        self._unindex_link(link)
        return index, link

    def replace_link(self, link: Link) -> None:
        old = self._links[link.id]
        self.doc.links[self._link_ids.index(link.id)] = link
        self._links[link.id] = link
        if (old.source, old.target) != (link.source, link.target):
            self._unindex_link(old)
            self._links_of.setdefault(link.source, {})[link.id] = None
            self._links_of.setdefault(link.target, {})[link.id] = None

    def insert_stage(self, index: int, stage: Stage) -> None:
        self.doc.stages.insert(index, stage)
        self._stages[stage.id] = stage
        for step in stage.steps:
            self._steps[step.id] = step
            self._stage_of_step[step.id] = stage.id
        self._columns = None

    def pop_stage(self, stage_id: str) -> tuple[int, Stage]:
        index = _position(self.doc.stages, stage_id)
        stage = self.doc.stages.pop(index)
        del self._stages[stage_id]
        for step in stage.steps:
            del self._steps[step.id]
            del self._stage_of_step[step.id]
        self._columns = None
        return index, stage

    def replace_stage(self, stage: Stage) -> None:
        """Put ``stage`` in place of the stage with its id; its steps may differ."""
        old = self._stages[stage.id]
        self.doc.stages[_position(self.doc.stages, stage.id)] = stage
        self._stages[stage.id] = stage
        for step in old.steps:
            if self._stage_of_step.get(step.id) == stage.id:
                del self._steps[step.id]
                del self._stage_of_step[step.id]
        for step in stage.steps:
            self._steps[step.id] = step
            self._stage_of_step[step.id] = stage.id
        if [s.id for s in old.steps] != [s.id for s in stage.steps]:
            self._columns = None

    def edit_steps(self, stage_id: str, edit: Callable[[list[Step]], None]) -> None:
        """Replace the stage by a copy whose steps list ``edit`` changed in place."""
        stage = self._stages[stage_id]
        steps = list(stage.steps)
        edit(steps)
        self.replace_stage(stage.model_copy(update={"steps": steps}))

    def insert_item(self, kind: str, index: int, item: Any) -> None:
        """Insert a lane or persona."""
        getattr(self.doc, kind + "s").insert(index, item)
        self._table(kind)[item.id] = item

    def pop_item(self, kind: str, item_id: str) -> tuple[int, Any]:
        items = getattr(self.doc, kind + "s")
        index = _position(items, item_id)
        item = items.pop(index)
        del self._table(kind)[item_id]
        return index, item

    def replace_item(self, kind: str, item: Any) -> None:
        items = getattr(self.doc, kind + "s")
        items[_position(items, item.id)] = item
        self._table(kind)[item.id] = item

    def column_or_last(self, step_id: str) -> int:
        # A point on a step that does not exist (a file edited by hand) sorts last.
        return self.column(step_id) if step_id in self._steps else len(self._steps)

    def curve_position(self, points: list[EmotionPoint], step_id: str) -> int:
        """Where a new point for ``step_id`` goes so that the curve stays in step order."""
        column = self.column_or_last(step_id)
        for i, point in enumerate(points):
            if self.column_or_last(point.step) > column:
                return i
        return len(points)

    def check_curves(self, persona: Persona, what: str, scale: EmotionScale | None = None) -> None:
        scale = scale or self.doc.scale
        for curve in _CURVES:
            seen: set[str] = set()
            for i, point in enumerate(persona.curve(curve) or ()):
                where = f"{what}: {curve}[{i}]"
                if point.step not in self._steps:
                    raise EditError(f"{where}: step {point.step!r} does not exist")
                if point.step in seen:
                    raise EditError(f"{where}: a second point for step {point.step!r}")
                seen.add(point.step)
                if not scale.contains(point.score):
                    raise EditError(
                        f"{where}: score {point.score} is outside the map's scale {scale.min}…{scale.max}"
                    )


__all__ = [
    "KINDS",
    "EMPTY_RECORD",
    "merge_records",
    "AddCard",
    "AddLane",
    "AddLink",
    "AddPersona",
    "AddStage",
    "AddStep",
    "Batch",
    "ChangeRecord",
    "EditError",
    "Editor",
    "MoveCard",
    "MoveLane",
    "MovePersona",
    "MoveStage",
    "MoveStep",
    "Operation",
    "RemoveCard",
    "RemoveLane",
    "RemoveLink",
    "RemovePersona",
    "RemoveStage",
    "RemoveStep",
    "Removed",
    "Replace",
    "Restore",
    "SetEmotion",
    "SetScale",
    "UpdateAnalysis",
    "UpdateCard",
    "UpdateLane",
    "UpdateLink",
    "UpdateMeta",
    "UpdatePersona",
    "UpdateStage",
    "UpdateStep",
]
