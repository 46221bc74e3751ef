"""The editor: the only code that mutates a ``MapDocument``.

This module owns the edit operations, their inverses, the change records they announce
and the lookups (card by id, cards of a cell, links of a card, ...) kept current as the
document changes. The contract, in three layers, all in this file:

- ``Editor``'s **lookups** (``card``, ``step``, ``cards_in``, ``links_of``, ``has``,
  ``item``, ``cell_ids``, ``card_ids``, ``link_index``, ...): read only, for everyone.
- ``Editor``'s **primitive changes** (``require``/``require_free`` to refuse,
  ``insert_card``/``pop_card``/``replace_card``, the same for links, stages
  (``edit_steps`` for a stage's steps), lanes and personas (``insert_item``,
  ``pop_item``, ``replace_item``), ``flat_for_cell``/``cell_for_flat``,
  ``curve_position``, ``check_curves``): each changes the document and every index
  together. Only operations call them; they never touch ``Editor``'s private indexes
  (a test checks it), so operations can live in several modules.
- **Operations** (below): ``check``, ``apply`` returning (inverse, record).

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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from cxmapper.model.document import (
    CARD_CLASSES,
    AnalysisSettings,
    Card,
    CardKind,
    Comment,
    Curve,
    EmotionPoint,
    EmotionScale,
    Lane,
    Link,
    MapDocument,
    MapMeta,
    Persona,
    Stage,
    Step,
)
from cxmapper.model.validation import UNSAVABLE_REASON, unsavable

#: The entity kinds a ChangeRecord names. "map" ids are "meta", "scale" and "analysis".
KINDS = ("map", "stage", "step", "lane", "card", "link", "persona", "comment")
_STRUCTURE_KINDS = ("stage", "step", "lane")
_CURVES = (Curve.AS_IS.value, Curve.TO_BE.value)
# Built on its first validation (a card given as a dict), not at import.
_CARD_ADAPTER: TypeAdapter[Card] = TypeAdapter(Card, config=ConfigDict(defer_build=True))
_NO_IDS: frozenset[str] = frozenset()


class EditError(ValueError):
    """An edit refused before anything changed; the message names the thing and why."""


# --- change records ---------------------------------------------------------------------


def _kind_map(entries: Mapping[str, Iterable[str]] | None) -> Mapping[str, frozenset[str]]:
    result = dict.fromkeys(KINDS, _NO_IDS)
    for kind, ids in (entries or {}).items():
        if kind not in result:
            raise ValueError(f"unknown entity kind {kind!r}; expected one of {KINDS}")
        result[kind] = frozenset(ids)
    return MappingProxyType(result)


@dataclass(frozen=True)
class ChangeRecord:
    """What one ``Editor.apply`` changed, so that a view redraws only that.

    Every mapping has all ``KINDS`` as keys (an empty frozenset when untouched), so
    ``record.updated["card"]`` never raises. ``updated`` means fields changed in place;
    ``moved`` means the place or order changed (a card to another cell or position, a
    reordered stage). ``emotions`` lists ``(persona_id, curve, step_id)`` for every
    emotion point set, changed, cleared or reordered.

    Trap: a merged record (a ``Batch``) can name an id whose object no longer exists
    (changed, then removed in the same batch is reported as removed only), so a view
    looks the current object up in the editor.
    """

    added: Mapping[str, frozenset[str]] = field(default_factory=dict)
    removed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    updated: Mapping[str, frozenset[str]] = field(default_factory=dict)
    moved: Mapping[str, frozenset[str]] = field(default_factory=dict)
    emotions: frozenset[tuple[str, str, str]] = frozenset()

    def __post_init__(self) -> None:
        for name in ("added", "removed", "updated", "moved"):
            object.__setattr__(self, name, _kind_map(getattr(self, name)))
        object.__setattr__(self, "emotions", frozenset(self.emotions))

    __hash__ = None  # type: ignore[assignment]  # mappings inside: equal, never hashed

    def ids(self, kind: str) -> frozenset[str]:
        """Every id of that kind touched in any way."""
        return self.added[kind] | self.removed[kind] | self.updated[kind] | self.moved[kind]

    @property
    def structure(self) -> bool:
        """True when a stage, step or lane was added, removed or moved: the grid changed."""
        return any(
            self.added[kind] or self.removed[kind] or self.moved[kind] for kind in _STRUCTURE_KINDS
        )

    @property
    def empty(self) -> bool:
        return not self.emotions and not any(
            ids for part in (self.added, self.removed, self.updated, self.moved) for ids in part.values()
        )

    def merged(self, other: ChangeRecord) -> ChangeRecord:
        """This record followed by ``other``, as one.

        Added then removed cancels out; removed then added again (an undo inside a
        batch) is reported as updated and moved, since the object may differ.
        """
        return merge_records((self, other))


def merge_records(records: Iterable[ChangeRecord]) -> ChangeRecord:
    """Records in the order their edits happened, as one (see ``ChangeRecord.merged``).

    Linear in the total size: a Batch of a thousand card edits merges once, not a
    thousand times over a growing record.
    """
    added = {kind: set() for kind in KINDS}
    removed = {kind: set() for kind in KINDS}
    updated = {kind: set() for kind in KINDS}
    moved = {kind: set() for kind in KINDS}
    emotions: set[tuple[str, str, str]] = set()
    for record in records:
        for kind in KINDS:
            a, r, u, m = added[kind], removed[kind], updated[kind], moved[kind]
            for item in record.removed[kind]:
                u.discard(item)
                m.discard(item)
                if item in a:
                    a.discard(item)
                else:
                    r.add(item)
            for item in record.added[kind]:
                if item in r:
                    r.discard(item)
                    u.add(item)
                    m.add(item)
                else:
                    a.add(item)
            u |= record.updated[kind] - a
            m |= record.moved[kind] - a
        emotions |= record.emotions
    return ChangeRecord(added, removed, updated, moved, emotions)


EMPTY_RECORD = ChangeRecord()


# --- validation helpers -----------------------------------------------------------------


def _explain(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "value"
        parts.append(f"field {where!r}: {error['msg']}")
    return "; ".join(parts)


def _validated(model: type[BaseModel], data: Any, what: str) -> Any:
    try:
        return _savable(model.model_validate(data), what)
    except ValidationError as exc:
        raise EditError(f"{what}: {_explain(exc)}") from None


def _savable(value: Any, what: str) -> Any:
    """``value``, unless it holds text no file can hold (validation.unsavable)."""
    where = unsavable(value)
    if where is not None:
        raise EditError(f"{what}: {where.removeprefix('$.') or 'the text'} {UNSAVABLE_REASON}")
    return value


def _coerce(model: type[BaseModel] | TypeAdapter, value: Any, what: str) -> Any:
    """A model instance as given, or one validated from a dict."""
    if isinstance(model, TypeAdapter):
        if isinstance(value, tuple(CARD_CLASSES.values())):
            return _savable(value, what)
        try:
            return _savable(model.validate_python(value), what)
        except ValidationError as exc:
            raise EditError(f"{what}: {_explain(exc)}") from None
    if isinstance(value, model):
        return _savable(value, what)
    if isinstance(value, Mapping):
        return _validated(model, value, what)
    raise EditError(f"{what}: expected a {model.__name__}, got {type(value).__name__}")


def _merge(
    old: BaseModel,
    changes: Mapping[str, Any],
    what: str,
    fixed: Mapping[str, str],
    model: type[BaseModel] | None = None,
) -> Any:
    """``old`` with ``changes`` applied, validated by ``model`` (default: old's own).

    ``fixed`` maps fields that may not change here to the hint saying what to use.
    Fields of ``old`` that ``model`` lacks are dropped (a card converted to another kind).
    """
    for name, hint in fixed.items():
        if name in changes and changes[name] != getattr(old, name, None):
            raise EditError(f"{what}: field {name!r} cannot be changed here; {hint}")
    model = model or type(old)
    data = {name: getattr(old, name) for name in type(old).model_fields if name in model.model_fields}
    data.update(changes)
    return _validated(model, data, what)


def _card_label(card: Any) -> str:
    return f"card {card.id!r} ({card.title!r})" if card.title else f"card {card.id!r}"


def _check_index(index: int | None, size: int, what: str) -> None:
    if index is None:
        return
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= size:
        raise EditError(f"{what}: index {index!r} is outside 0…{size}")


def _position(items: list[Any], item_id: str) -> int:
    """Index of the object with that id in a short list (stages, lanes, personas)."""
    for i, item in enumerate(items):
        if item.id == item_id:
            return i
    raise KeyError(item_id)


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


# --- operations -----------------------------------------------------------------------------


class _Frozen:
    """``__eq__``, ``__hash__`` and ``__repr__`` of a frozen dataclass, written once.

    ``@dataclass`` writes these three (with ``exec``) for every class it decorates: for
    the 34 operation classes, about 7 of the ~24 ms the module took to import at each
    start. ``@_frozen`` (a frozen dataclass without them) plus this base give the same
    results: equal when of the same class with equal fields, hashed by the fields.
    """

    __slots__ = ()

    def _field_values(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._field_values() == other._field_values()

    def __hash__(self) -> int:
        return hash(self._field_values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"


_frozen = dataclass(frozen=True, eq=False, repr=False)


class Operation(_Frozen):
    """One checked, invertible edit. Subclasses are frozen dataclasses (``@_frozen``).

    ``check`` raises ``EditError`` and changes nothing; ``apply`` checks, changes the
    document through the editor's primitives and returns ``(inverse, record)``.
    """

    def check(self, editor: Editor) -> None:
        raise NotImplementedError

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        self.check(editor)
        return self._apply(editor)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        raise NotImplementedError


# --- replacing an object in place (the inverse of every Update*) --------------------------


#: The map-level objects, by type, with the MapDocument field (and record id) of each.
_MAP_PARTS: dict[type, str] = {MapMeta: "meta", EmotionScale: "scale", AnalysisSettings: "analysis"}


@_frozen
class Replace(Operation):
    """Put ``item`` in place of the object of that kind with the same id, fields only.

    ``kind`` is one of "stage", "step", "lane", "card", "link", "persona", or "map" with
    a ``MapMeta``, an ``EmotionScale`` or ``AnalysisSettings``. It never moves anything: a card keeps its cell
    and a stage its steps. Every ``Update*`` operation's inverse is a ``Replace`` with
    the old object, so an undo restores it exactly.
    """

    kind: str
    item: Any

    def check(self, editor: Editor) -> None:
        kind, item = self.kind, self.item
        if kind == "map":
            if type(item) not in _MAP_PARTS:
                raise EditError("map: expected a MapMeta, an EmotionScale or AnalysisSettings")
            if isinstance(item, EmotionScale):
                _check_scale_fits(editor, item)
            return
        expected = {
            "stage": Stage, "step": Step, "lane": Lane, "link": Link, "persona": Persona,
            "card": tuple(CARD_CLASSES.values()),
        }.get(kind)
        if expected is None:
            raise EditError(f"cannot replace a {kind!r}")
        if not isinstance(item, expected):
            raise EditError(f"{kind} {getattr(item, 'id', '?')!r}: not a {kind} object")
        old = editor.require(kind, item.id)
        if kind == "card" and (old.lane, old.step) != (item.lane, item.step):
            raise EditError(f"{_card_label(item)}: replacing cannot move a card; use MoveCard")
        if kind == "stage" and [s.id for s in old.steps] != [s.id for s in item.steps]:
            raise EditError(f"stage {item.id!r}: replacing cannot change its steps")
        if kind == "link":
            _check_link_ends(editor, item)
        if kind == "persona":
            editor.check_curves(item, f"persona {item.id!r} ({item.name!r})")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        kind, item = self.kind, self.item
        emotions: frozenset = frozenset()
        if kind == "map":
            name = _MAP_PARTS[type(item)]
            old = getattr(editor.doc, name)
            setattr(editor.doc, name, item)
            return Replace(kind, old), ChangeRecord(updated={"map": {name}})
        if kind == "card":
            old = editor.card(item.id)
            editor.replace_card(item)
        elif kind == "link":
            old = editor.link(item.id)
            editor.replace_link(item)
        elif kind == "stage":
            old = editor.stage(item.id)
            editor.replace_stage(item)
        elif kind == "step":
            stage_id = editor.stage_id_of_step(item.id)
            old = editor.item("step", item.id)

            def put(steps: list[Step]) -> None:
                steps[_position(steps, item.id)] = item

            editor.edit_steps(stage_id, put)
        else:
            old = editor.item(kind, item.id)
            editor.replace_item(kind, item)
            if kind == "persona":
                emotions = _emotion_diff(old, item)
        if old == item and not emotions:
            return Replace(kind, old), EMPTY_RECORD
        return Replace(kind, old), ChangeRecord(updated={kind: {item.id}}, emotions=emotions)


def _emotion_diff(old: Persona, new: Persona) -> frozenset[tuple[str, str, str]]:
    changed = set()
    for curve in _CURVES:
        before = old.curve(curve) or []
        after = new.curve(curve) or []
        if before == after:
            continue
        old_points = {p.step: (i, p) for i, p in enumerate(before)}
        new_points = {p.step: (i, p) for i, p in enumerate(after)}
        for step_id in old_points.keys() | new_points.keys():
            if old_points.get(step_id) != new_points.get(step_id):
                changed.add((new.id, curve, step_id))
    return frozenset(changed)


def _check_scale_fits(editor: Editor, scale: EmotionScale) -> None:
    for persona in editor.doc.personas:
        for curve in _CURVES:
            for point in persona.curve(curve) or ():
                if not scale.contains(point.score):
                    raise EditError(
                        f"scale {scale.min}…{scale.max}: persona {persona.name!r} has the score "
                        f"{point.score} ({curve}) at step {point.step!r}, outside the new scale"
                    )


def _check_link_ends(editor: Editor, link: Link) -> None:
    what = f"link {link.id!r}"
    for end in ("source", "target"):
        card_id = getattr(link, end)
        if not editor.has("card", card_id):
            raise EditError(f"{what}: {end} card {card_id!r} does not exist")
    if link.source == link.target:
        raise EditError(f"{what}: a link cannot join card {link.source!r} to itself")


@_frozen
class _Update(Operation):
    """Change fields of one object: validated by its model, undone by ``Replace``."""

    kind = ""
    _fixed: ClassVar[Mapping[str, str]] = {"id": "ids never change"}  # field -> what to use instead

    def __post_init__(self) -> None:
        # Copy the caller's dict so that changing it afterwards cannot change the operation.
        object.__setattr__(self, "changes", dict(self.changes))  # type: ignore[attr-defined]

    def _target(self, editor: Editor) -> Any:
        # Each subclass names its id field after its kind: UpdateCard.card_id, ...
        return editor.require(self.kind, getattr(self, f"{self.kind}_id"))

    def _what(self, old: Any) -> str:
        return f"{self.kind} {old.id!r}"

    def _new(self, editor: Editor) -> Any:
        old = self._target(editor)
        return _merge(old, self.changes, self._what(old), self._fixed)  # type: ignore[attr-defined]

    def check(self, editor: Editor) -> None:
        Replace(self.kind, self._new(editor)).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        replace = Replace(self.kind, self._new(editor))
        return replace.apply(editor)


# --- map ------------------------------------------------------------------------------------


@_frozen
class _UpdateMapPart(_Update):
    """Change fields of one of the map-level objects (``part`` names the field)."""

    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "map"
    part: ClassVar[str] = ""
    _fixed = {}  # map-level objects have no id

    def _target(self, editor: Editor) -> Any:
        return getattr(editor.doc, self.part)

    def _what(self, old: Any) -> str:
        return f"map {self.part}"


class UpdateMeta(_UpdateMapPart):
    """``UpdateMeta(changes)``: the map's title, description, authors, locale, dates."""

    part = "meta"


class UpdateAnalysis(_UpdateMapPart):
    """``UpdateAnalysis(changes)``: how Kano answers and metrics are evaluated."""

    part = "analysis"


@_frozen
class SetScale(Operation):
    """Change the emotion scale; refused if an existing point would fall outside it."""

    min: int
    max: int

    def _scale(self) -> EmotionScale:
        return _validated(EmotionScale, {"min": self.min, "max": self.max}, "emotion scale")

    def check(self, editor: Editor) -> None:
        Replace("map", self._scale()).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        return Replace("map", self._scale()).apply(editor)


# --- stages and steps --------------------------------------------------------------------------


def _check_new_stage(editor: Editor, stage: Stage) -> None:
    what = f"stage {stage.id!r} ({stage.name!r})"
    editor.require_free(stage.id, what)
    seen = {stage.id}
    for step in stage.steps:
        if step.id in seen:
            raise EditError(f"{what}: the id {step.id!r} is used twice")
        seen.add(step.id)
        editor.require_free(step.id, f"{what}, step {step.name!r}")


@_frozen
class AddStage(Operation):
    """Insert a stage (with its steps) at ``index``; None = last."""

    stage: Stage
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "stage", _coerce(Stage, self.stage, "new stage"))

    def check(self, editor: Editor) -> None:
        _check_new_stage(editor, self.stage)
        _check_index(self.index, len(editor.doc.stages), f"stage {self.stage.name!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index = len(editor.doc.stages) if self.index is None else self.index
        editor.insert_stage(index, self.stage)
        record = ChangeRecord(
            added={"stage": {self.stage.id}, "step": {s.id for s in self.stage.steps}}
        )
        return RemoveStage(self.stage.id), record


@_frozen
class UpdateStage(_Update):
    """Change a stage's name, description or colour (its steps have their own operations)."""

    stage_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "stage"
    _fixed = {"id": "ids never change", "steps": "use AddStep, RemoveStep or MoveStep"}


@_frozen
class AddStep(Operation):
    """Insert a step into a stage at ``index``; None = last."""

    stage_id: str
    step: Step
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "step", _coerce(Step, self.step, "new step"))

    def check(self, editor: Editor) -> None:
        stage = editor.require("stage", self.stage_id, f"step {self.step.name!r}")
        editor.require_free(self.step.id, f"step {self.step.name!r}")
        _check_index(self.index, len(stage.steps), f"step {self.step.name!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        stage = editor.stage(self.stage_id)
        index = len(stage.steps) if self.index is None else self.index
        editor.edit_steps(self.stage_id, lambda steps: steps.insert(index, self.step))
        return RemoveStep(self.step.id), ChangeRecord(added={"step": {self.step.id}})


@_frozen
class UpdateStep(_Update):
    """Change a step's name or description."""

    step_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "step"


def _reorder_points(editor: Editor, step_ids: set[str]) -> tuple[tuple[Persona, ...], frozenset]:
    """After steps moved: move their emotion points so that each curve follows step order.

    Only the points of the moved steps move; the others keep their relative order.
    Returns the replaced persona objects (for the inverse) and the touched points.
    """
    old_personas = []
    touched = set()
    for persona in list(editor.doc.personas):
        update = {}
        for curve in _CURVES:
            points = persona.curve(curve)
            if not points or not any(p.step in step_ids for p in points):
                continue
            kept = [p for p in points if p.step not in step_ids]
            moving = sorted((p for p in points if p.step in step_ids), key=lambda p: editor.column_or_last(p.step))
            for point in moving:
                kept.insert(editor.curve_position(kept, point.step), point)
            touched |= {(persona.id, curve, p.step) for p in moving}
            if kept != points:
                update[curve] = kept
        if update:
            old_personas.append(persona)
            editor.replace_item("persona", persona.model_copy(update=update))
    return tuple(old_personas), frozenset(touched)


def _put_back_personas(editor: Editor, personas: tuple[Persona, ...], step_ids: set[str]):
    """Undo of ``_reorder_points``: the given persona objects replace the current ones."""
    replaced = []
    touched = set()
    for persona in personas:
        replaced.append(editor.persona(persona.id))
        editor.replace_item("persona", persona)
        for curve in _CURVES:
            touched |= {(persona.id, curve, p.step) for p in persona.curve(curve) or () if p.step in step_ids}
    return tuple(replaced), frozenset(touched)


def _check_personas_exist(editor: Editor, personas: tuple[Persona, ...], what: str) -> None:
    for persona in personas:
        editor.require("persona", persona.id, what)


@_frozen
class MoveStage(Operation):
    """Move a stage to ``index`` (its position after the move).

    Emotion points of its steps move with it, so that curves stay in step order.
    ``personas`` is undo data: persona objects to put back as they were.
    """

    stage_id: str
    index: int
    personas: tuple[Persona, ...] = ()

    def check(self, editor: Editor) -> None:
        stage = editor.require("stage", self.stage_id)
        _check_index(self.index, len(editor.doc.stages) - 1, f"stage {stage.name!r}")
        _check_personas_exist(editor, self.personas, f"stage {stage.name!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        old_index, stage = editor.pop_stage(self.stage_id)
        editor.insert_stage(self.index, stage)
        step_ids = {s.id for s in stage.steps}
        if self.personas:
            old_personas, touched = _put_back_personas(editor, self.personas, step_ids)
        else:
            old_personas, touched = _reorder_points(editor, step_ids)
        if old_index == self.index:
            return MoveStage(self.stage_id, old_index, old_personas), EMPTY_RECORD
        record = ChangeRecord(moved={"stage": {stage.id}, "step": step_ids}, emotions=touched)
        return MoveStage(self.stage_id, old_index, old_personas), record


@_frozen
class MoveStep(Operation):
    """Move a step to ``index`` in the stage ``stage_id`` (its position after the move).

    Moving the last step out of a stage is refused (remove the stage instead).
    ``personas`` is undo data, as for ``MoveStage``.
    """

    step_id: str
    stage_id: str
    index: int
    personas: tuple[Persona, ...] = ()

    def check(self, editor: Editor) -> None:
        source, step = editor.step(self.step_id) if editor.has("step", self.step_id) else (None, None)
        if step is None:
            raise EditError(f"step {self.step_id!r} does not exist")
        what = f"step {step.name!r}"
        target = editor.require("stage", self.stage_id, what)
        if target.id == source.id:
            _check_index(self.index, len(target.steps) - 1, what)
        else:
            if len(source.steps) == 1:
                raise EditError(f"{what}: it is the only step of stage {source.name!r}; remove the stage instead")
            _check_index(self.index, len(target.steps), what)
        _check_personas_exist(editor, self.personas, what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        source, step = editor.step(self.step_id)
        old_index = _position(source.steps, step.id)
        editor.edit_steps(source.id, lambda steps: steps.pop(old_index))
        editor.edit_steps(self.stage_id, lambda steps: steps.insert(self.index, step))
        if self.personas:
            old_personas, touched = _put_back_personas(editor, self.personas, {step.id})
        else:
            old_personas, touched = _reorder_points(editor, {step.id})
        inverse = MoveStep(step.id, source.id, old_index, old_personas)
        if source.id == self.stage_id and old_index == self.index:
            return inverse, EMPTY_RECORD
        return inverse, ChangeRecord(moved={"step": {step.id}}, emotions=touched)


# --- lanes and personas ------------------------------------------------------------------------


@_frozen
class _AddItem(Operation):
    """Insert a lane or persona at ``index``; None = last. The field is named after the kind."""

    kind = ""
    model: ClassVar[type[BaseModel]] = BaseModel

    def __post_init__(self) -> None:
        object.__setattr__(self, self.kind, _coerce(self.model, self.item, f"new {self.kind}"))

    @property
    def item(self) -> Any:
        return getattr(self, self.kind)  # AddLane.lane, AddPersona.persona

    def check(self, editor: Editor) -> None:
        what = f"{self.kind} {self.item.name!r}"
        editor.require_free(self.item.id, what)
        _check_index(self.index, len(getattr(editor.doc, self.kind + "s")), what)  # type: ignore[attr-defined]
        if self.kind == "persona":
            editor.check_curves(self.item, what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index: int | None = self.index  # type: ignore[attr-defined]
        if index is None:
            index = len(getattr(editor.doc, self.kind + "s"))
        editor.insert_item(self.kind, index, self.item)
        inverse = {"lane": RemoveLane, "persona": RemovePersona}[self.kind](self.item.id)
        return inverse, ChangeRecord(added={self.kind: {self.item.id}})


@_frozen
class AddLane(_AddItem):
    """Insert a lane at ``index``; None = last."""

    lane: Lane
    index: int | None = None
    kind = "lane"
    model = Lane


@_frozen
class UpdateLane(_Update):
    """Change a lane's name, kind or description."""

    lane_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "lane"


@_frozen
class _MoveItem(Operation):
    """Move a lane or persona to ``index`` (its position after the move)."""

    kind = ""

    @property
    def item_id(self) -> str:
        return getattr(self, f"{self.kind}_id")  # MoveLane.lane_id, MovePersona.persona_id

    def check(self, editor: Editor) -> None:
        item = editor.require(self.kind, self.item_id)
        size = len(getattr(editor.doc, self.kind + "s")) - 1
        _check_index(self.index, size, f"{self.kind} {item.name!r}")  # type: ignore[attr-defined]

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index: int = self.index  # type: ignore[attr-defined]
        old_index, item = editor.pop_item(self.kind, self.item_id)
        editor.insert_item(self.kind, index, item)
        inverse = type(self)(self.item_id, old_index)  # type: ignore[call-arg]
        if old_index == index:
            return inverse, EMPTY_RECORD
        return inverse, ChangeRecord(moved={self.kind: {self.item_id}})


@_frozen
class MoveLane(_MoveItem):
    """Move a lane to ``index`` (its position after the move)."""

    lane_id: str
    index: int
    kind = "lane"


@_frozen
class MovePersona(_MoveItem):
    """Reorder the personas: move one to ``index`` (its position after the move)."""

    persona_id: str
    index: int
    kind = "persona"


@_frozen
class AddPersona(_AddItem):
    """Insert a persona (with its curves) at ``index``; None = last."""

    persona: Persona
    index: int | None = None
    kind = "persona"
    model = Persona


@_frozen
class UpdatePersona(_Update):
    """Change a persona's name, description, colour, or whole curves (validated)."""

    persona_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "persona"


@_frozen
class SetEmotion(Operation):
    """Set, change or (score None) clear one emotion point of a persona's curve.

    A new point goes where the step order puts it; a changed point keeps its place;
    ``reason`` None keeps the old reason ("" for a new point). Setting a to-be point when
    the persona has no to-be curve creates the curve. ``position`` and ``drop_curve``
    are undo data: the exact place to put a point back, and whether clearing the last
    to-be point removes the curve again (``to_be=None``).
    """

    persona_id: str
    step_id: str
    score: int | None
    reason: str | None = None
    curve: str = "as_is"
    position: int | None = None
    drop_curve: bool = False

    def check(self, editor: Editor) -> None:
        persona = editor.require("persona", self.persona_id, "emotion point")
        what = f"persona {persona.name!r}"
        if self.curve not in _CURVES:
            raise EditError(f"{what}: unknown curve {self.curve!r}; expected one of {_CURVES}")
        editor.require("step", self.step_id, what)
        what = f"{what}, {self.curve} point at step {editor.item('step', self.step_id).name!r}"
        if self.score is not None:
            if isinstance(self.score, bool) or not isinstance(self.score, int):
                raise EditError(f"{what}: the score must be a whole number, not {self.score!r}")
            scale = editor.doc.scale
            if not scale.contains(self.score):
                raise EditError(f"{what}: score {self.score} is outside the map's scale {scale.min}…{scale.max}")
            _validated(EmotionPoint, {"step": self.step_id, "score": self.score, "reason": self.reason or ""}, what)
            points = persona.curve(self.curve) or []
            exists = any(p.step == self.step_id for p in points)
            _check_index(self.position, len(points) - (1 if exists else 0), what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        persona = editor.persona(self.persona_id)
        curve_existed = persona.curve(self.curve) is not None
        points = list(persona.curve(self.curve) or [])
        old_position = next((i for i, p in enumerate(points) if p.step == self.step_id), None)
        old = points.pop(old_position) if old_position is not None else None
        if self.score is None:
            if old is None:
                return SetEmotion(self.persona_id, self.step_id, None, curve=self.curve), EMPTY_RECORD
            new_curve: list[EmotionPoint] | None = points
            if self.drop_curve and self.curve == Curve.TO_BE.value and not points:
                new_curve = None
        else:
            reason = self.reason if self.reason is not None else (old.reason if old else "")
            point = EmotionPoint(step=self.step_id, score=self.score, reason=reason)
            if self.position is not None:
                position = self.position
            elif old_position is not None:
                position = old_position
            else:
                position = editor.curve_position(points, self.step_id)
            points.insert(position, point)
            new_curve = points
        editor.replace_item("persona", persona.model_copy(update={self.curve: new_curve}))
        if old is None:
            inverse = SetEmotion(
                self.persona_id, self.step_id, None, curve=self.curve, drop_curve=not curve_existed
            )
        else:
            inverse = SetEmotion(
                self.persona_id, self.step_id, old.score, old.reason, self.curve, position=old_position
            )
        return inverse, ChangeRecord(emotions={(self.persona_id, self.curve, self.step_id)})


# --- cards and links ------------------------------------------------------------------------------


def _check_cell(editor: Editor, lane_id: str, step_id: str, what: str) -> None:
    if not editor.has("lane", lane_id):
        raise EditError(f"{what}: lane {lane_id!r} does not exist")
    if not editor.has("step", step_id):
        raise EditError(f"{what}: step {step_id!r} does not exist")


@_frozen
class AddCard(Operation):
    """Insert a card at ``index`` within its cell (lane, step); None = last in the cell.

    ``flat_index`` is undo data: the card's exact place in ``doc.cards``.
    """

    card: Card
    index: int | None = None
    flat_index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "card", _coerce(_CARD_ADAPTER, self.card, "new card"))

    def check(self, editor: Editor) -> None:
        card = self.card
        what = _card_label(card)
        editor.require_free(card.id, what)
        _check_cell(editor, card.lane, card.step, what)
        _check_index(self.index, len(editor.cell_ids((card.lane, card.step))), what)
        _check_index(self.flat_index, editor.card_count(), what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        card = self.card
        key = (card.lane, card.step)
        cell_index = self.index
        if cell_index is None:
            cell_index = (
                len(editor.cell_ids(key))
                if self.flat_index is None
                else editor.cell_for_flat(key, self.flat_index)
            )
        flat_index = editor.flat_for_cell(key, cell_index) if self.flat_index is None else self.flat_index
        editor.insert_card(flat_index, cell_index, card)
        return RemoveCard(card.id), ChangeRecord(added={"card": {card.id}})


@_frozen
class UpdateCard(_Update):
    """Change a card's fields; ``{"kind": ...}`` converts it to another kind.

    Converting keeps the fields both kinds have and drops those the new kind lacks (a
    pain point's Kano category when it becomes a note). The cell is changed by
    ``MoveCard``, never here.
    """

    card_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "card"
    _fixed = {"id": "ids never change", "lane": "use MoveCard", "step": "use MoveCard"}

    def _what(self, old: Any) -> str:
        return _card_label(old)

    def _new(self, editor: Editor) -> Any:
        old = self._target(editor)
        what = _card_label(old)
        if "kind" not in self.changes or self.changes["kind"] == old.kind:
            return _merge(old, self.changes, what, self._fixed)
        try:
            new_class = CARD_CLASSES[CardKind(self.changes["kind"])]
        except ValueError:
            raise EditError(
                f"{what}: field 'kind': unknown card kind {self.changes['kind']!r}; "
                f"expected one of {[k.value for k in CardKind]}"
            ) from None
        return _merge(old, self.changes, what, self._fixed, new_class)


@_frozen
class MoveCard(Operation):
    """Move a card to ``index`` in the cell (lane_id, step_id); None = last.

    ``index`` is the card's position in the target cell after the move. ``flat_index``
    is undo data: the card's exact place in ``doc.cards`` after the move.
    """

    card_id: str
    lane_id: str
    step_id: str
    index: int | None = None
    flat_index: int | None = None

    def check(self, editor: Editor) -> None:
        card = editor.require("card", self.card_id)
        what = _card_label(card)
        _check_cell(editor, self.lane_id, self.step_id, what)
        cell = editor.cell_ids((self.lane_id, self.step_id))
        size = len(cell) - (1 if (card.lane, card.step) == (self.lane_id, self.step_id) else 0)
        _check_index(self.index, size, what)
        _check_index(self.flat_index, editor.card_count() - 1, what)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        old_flat, old_cell_index, card = editor.pop_card(self.card_id)
        inverse = MoveCard(card.id, card.lane, card.step, old_cell_index, old_flat)
        moved = card.model_copy(update={"lane": self.lane_id, "step": self.step_id})
        key = (self.lane_id, self.step_id)
        cell_index = self.index
        if cell_index is None:
            cell_index = (
                len(editor.cell_ids(key))
                if self.flat_index is None
                else editor.cell_for_flat(key, self.flat_index)
            )
        flat = editor.flat_for_cell(key, cell_index) if self.flat_index is None else self.flat_index
        editor.insert_card(flat, cell_index, moved)
        if (flat, card.lane, card.step) == (old_flat, self.lane_id, self.step_id):
            return inverse, EMPTY_RECORD
        return inverse, ChangeRecord(moved={"card": {card.id}})


@_frozen
class AddLink(Operation):
    """Add a link between two existing, different cards at ``index`` in ``doc.links``; None = last."""

    link: Link
    index: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "link", _coerce(Link, self.link, "new link"))

    def check(self, editor: Editor) -> None:
        editor.require_free(self.link.id, f"link {self.link.id!r}")
        _check_link_ends(editor, self.link)
        _check_index(self.index, editor.link_count(), f"link {self.link.id!r}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index = editor.link_count() if self.index is None else self.index
        editor.insert_link(index, self.link)
        return RemoveLink(self.link.id), ChangeRecord(added={"link": {self.link.id}})


@_frozen
class UpdateLink(_Update):
    """Change a link's kind, label, source or target (both ends must exist and differ)."""

    link_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    kind = "link"


# --- removing, and putting back --------------------------------------------------------------


@_frozen
class Removed(_Frozen):
    """Everything one removal took out, each with its exact former place.

    Indices are positions in the lists *before* the removal; putting things back in
    ascending order of index rebuilds every list exactly.
    """

    stages: tuple[tuple[int, Stage], ...] = ()
    steps: tuple[tuple[str, int, Step], ...] = ()  # (stage id, index in the stage, step)
    lanes: tuple[tuple[int, Lane], ...] = ()
    personas: tuple[tuple[int, Persona], ...] = ()
    points: tuple[tuple[str, str, int, EmotionPoint], ...] = ()  # (persona id, curve, position, point)
    cards: tuple[tuple[int, int, Card], ...] = ()  # (flat index, cell index, card)
    links: tuple[tuple[int, Link], ...] = ()
    comments: tuple[tuple[int, Comment], ...] = ()  # the threads on what goes, see comments.py

    def ids(self) -> dict[str, set[str]]:
        return {
            "stage": {stage.id for _, stage in self.stages},
            "step": {step.id for _, _, step in self.steps}
            | {step.id for _, stage in self.stages for step in stage.steps},
            "lane": {lane.id for _, lane in self.lanes},
            "persona": {persona.id for _, persona in self.personas},
            "card": {card.id for _, _, card in self.cards},
            "link": {link.id for _, link in self.links},
            "comment": {comment.id for _, comment in self.comments},
        }

    def emotions(self) -> set[tuple[str, str, str]]:
        return {(persona_id, curve, point.step) for persona_id, curve, _, point in self.points}


def _collect_cards(editor: Editor, cells: Iterable[tuple[str, str]]) -> tuple[tuple, tuple]:
    """The cards of whole cells and all their links, with their indices (for a removal)."""
    cell_index_of = {}
    for key in cells:
        for i, card_id in enumerate(editor.cell_ids(key)):
            cell_index_of[card_id] = i
    if not cell_index_of:
        return (), ()
    cards = tuple(
        (flat, cell_index_of[card_id], editor.card(card_id))
        for flat, card_id in enumerate(editor.card_ids())
        if card_id in cell_index_of
    )
    link_ids = {link_id for card_id in cell_index_of for link_id in editor.link_ids_of(card_id)}
    links = tuple(
        (i, editor.link(link_id)) for i, link_id in enumerate(editor.link_ids()) if link_id in link_ids
    )
    return cards, links


def _collect_points(editor: Editor, step_ids: set[str]) -> tuple:
    return tuple(
        (persona.id, curve, i, point)
        for persona in editor.doc.personas
        for curve in _CURVES
        for i, point in enumerate(persona.curve(curve) or ())
        if point.step in step_ids
    )


def _take_out(editor: Editor, removed: Removed) -> None:
    for index, _ in reversed(removed.comments):
        editor.doc.comments.pop(index)
    for _, link in reversed(removed.links):
        editor.pop_link(link.id)
    for _, _, card in reversed(removed.cards):
        editor.pop_card(card.id)
    by_curve: dict[tuple[str, str], set[int]] = {}
    for persona_id, curve, position, _ in removed.points:
        by_curve.setdefault((persona_id, curve), set()).add(position)
    for (persona_id, curve), positions in by_curve.items():
        persona = editor.persona(persona_id)
        points = [p for i, p in enumerate(persona.curve(curve)) if i not in positions]
        editor.replace_item("persona", persona.model_copy(update={curve: points}))
    for stage_id, index, _ in reversed(removed.steps):
        editor.edit_steps(stage_id, lambda steps, index=index: steps.pop(index))
    for _, stage in reversed(removed.stages):
        editor.pop_stage(stage.id)
    for _, lane in reversed(removed.lanes):
        editor.pop_item("lane", lane.id)
    for _, persona in reversed(removed.personas):
        editor.pop_item("persona", persona.id)


def _put_back(editor: Editor, removed: Removed) -> None:
    for index, persona in removed.personas:
        editor.insert_item("persona", index, persona)
    for index, lane in removed.lanes:
        editor.insert_item("lane", index, lane)
    for index, stage in removed.stages:
        editor.insert_stage(index, stage)
    for stage_id, index, step in removed.steps:
        editor.edit_steps(stage_id, lambda steps, index=index, step=step: steps.insert(index, step))
    by_curve: dict[tuple[str, str], list[tuple[int, EmotionPoint]]] = {}
    for persona_id, curve, position, point in removed.points:
        by_curve.setdefault((persona_id, curve), []).append((position, point))
    for (persona_id, curve), entries in by_curve.items():
        persona = editor.persona(persona_id)
        points = list(persona.curve(curve) or [])
        for position, point in sorted(entries, key=lambda entry: entry[0]):
            points.insert(position, point)
        editor.replace_item("persona", persona.model_copy(update={curve: points}))
    for flat, cell_index, card in removed.cards:
        editor.insert_card(flat, cell_index, card)
    for index, link in removed.links:
        editor.insert_link(index, link)
    for index, comment in removed.comments:
        editor.doc.comments.insert(index, comment)


@_frozen
class _Remove(Operation):
    """A removal: collects what goes (with its places), takes it out, returns a ``Restore``."""

    def _collect(self, editor: Editor) -> Removed:
        raise NotImplementedError

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        removed = threads_on(editor.doc, self._collect(editor))
        _take_out(editor, removed)
        record = ChangeRecord(removed=removed.ids(), emotions=removed.emotions())
        return Restore(removed, self), record


@_frozen
class Restore(Operation):
    """The inverse of a removal: puts everything back at its exact former place.

    ``redo`` is the removal that produced it, which is this operation's inverse.
    """

    removed: Removed
    redo: Operation

    def check(self, editor: Editor) -> None:
        removed = self.removed
        ids = removed.ids()
        for kind, kind_ids in ids.items():
            for item_id in kind_ids:
                editor.require_free(item_id, f"putting back {kind} {item_id!r}")
        for _, _, card in removed.cards:
            lane_ok = editor.has("lane", card.lane) or card.lane in ids["lane"]
            step_ok = editor.has("step", card.step) or card.step in ids["step"]
            if not (lane_ok and step_ok):
                raise EditError(f"putting back {_card_label(card)}: its lane or step does not exist")
        for _, link in removed.links:
            for end in (link.source, link.target):
                if not editor.has("card", end) and end not in ids["card"]:
                    raise EditError(f"putting back link {link.id!r}: card {end!r} does not exist")
        for persona_id, _, _, _ in removed.points:
            if not editor.has("persona", persona_id) and persona_id not in ids["persona"]:
                raise EditError(f"putting back emotion points: persona {persona_id!r} does not exist")
        for stage_id, _, _ in removed.steps:
            editor.require("stage", stage_id, "putting back a step")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        _put_back(editor, self.removed)
        return self.redo, ChangeRecord(added=self.removed.ids(), emotions=self.removed.emotions())


@_frozen
class RemoveCard(_Remove):
    """Remove a card and its links."""

    card_id: str

    def check(self, editor: Editor) -> None:
        editor.require("card", self.card_id)

    def _collect(self, editor: Editor) -> Removed:
        card = editor.card(self.card_id)
        flat = editor.card_index(card.id)
        cell_index = editor.cell_ids((card.lane, card.step)).index(card.id)
        links = sorted(
            (editor.link_index(link_id), editor.link(link_id))
            for link_id in editor.link_ids_of(card.id)
        )
        return Removed(cards=((flat, cell_index, card),), links=tuple(links))


@_frozen
class RemoveLink(_Remove):
    """Remove one link."""

    link_id: str

    def check(self, editor: Editor) -> None:
        editor.require("link", self.link_id)

    def _collect(self, editor: Editor) -> Removed:
        return Removed(links=((editor.link_index(self.link_id), editor.link(self.link_id)),))


@_frozen
class RemoveLane(_Remove):
    """Remove a lane with its cards and their links."""

    lane_id: str

    def check(self, editor: Editor) -> None:
        editor.require("lane", self.lane_id)

    def _collect(self, editor: Editor) -> Removed:
        index = _position(editor.doc.lanes, self.lane_id)
        cards, links = _collect_cards(editor, ((self.lane_id, step_id) for step_id in editor.step_ids()))
        return Removed(lanes=((index, editor.lane(self.lane_id)),), cards=cards, links=links)


@_frozen
class RemovePersona(_Remove):
    """Remove a persona with its curves."""

    persona_id: str

    def check(self, editor: Editor) -> None:
        editor.require("persona", self.persona_id)

    def _collect(self, editor: Editor) -> Removed:
        index = _position(editor.doc.personas, self.persona_id)
        return Removed(personas=((index, editor.persona(self.persona_id)),))


@_frozen
class RemoveStep(_Remove):
    """Remove a step with its cards, their links and its emotion points.

    Removing the last step of a stage is refused (remove the stage).
    """

    step_id: str

    def check(self, editor: Editor) -> None:
        editor.require("step", self.step_id)
        stage, step = editor.step(self.step_id)
        if len(stage.steps) == 1:
            raise EditError(
                f"step {step.name!r}: it is the only step of stage {stage.name!r}; remove the stage instead"
            )

    def _collect(self, editor: Editor) -> Removed:
        stage, step = editor.step(self.step_id)
        cards, links = _collect_cards(editor, ((lane_id, step.id) for lane_id in editor.lane_ids()))
        return Removed(
            steps=((stage.id, _position(stage.steps, step.id), step),),
            points=_collect_points(editor, {step.id}),
            cards=cards,
            links=links,
        )


@_frozen
class RemoveStage(_Remove):
    """Remove a stage with its steps, their cards, those cards' links and emotion points."""

    stage_id: str

    def check(self, editor: Editor) -> None:
        editor.require("stage", self.stage_id)

    def _collect(self, editor: Editor) -> Removed:
        stage = editor.stage(self.stage_id)
        step_ids = {step.id for step in stage.steps}
        cells = ((lane_id, step_id) for lane_id in editor.lane_ids() for step_id in step_ids)
        cards, links = _collect_cards(editor, cells)
        return Removed(
            stages=((_position(editor.doc.stages, stage.id), stage),),
            points=_collect_points(editor, step_ids),
            cards=cards,
            links=links,
        )


def threads_on(doc: MapDocument, removed: Removed) -> Removed:
    """``removed`` plus the comment threads on the cards, steps and stages it takes out."""
    if not doc.comments:
        return removed
    ids = removed.ids()
    gone = ids["card"] | ids["step"] | ids["stage"]
    comments = tuple((i, c) for i, c in enumerate(doc.comments) if c.target in gone)
    return replace(removed, comments=comments) if comments else removed


# --- batches ----------------------------------------------------------------------------------


@_frozen
class Batch(Operation):
    """Several operations as one edit: all or nothing, one notification.

    Each child is checked against the document as the children before it left it, so
    ``check`` tries the whole batch and takes it back. If a child is refused while
    applying, the children already applied are undone and the error names the child.
    The inverse is the batch of the inverses, in reverse order.
    """

    ops: tuple[Operation, ...]
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ops", tuple(self.ops))

    def check(self, editor: Editor) -> None:
        inverse, _ = self.apply(editor)
        inverse.apply(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        done: list[Operation] = []
        records: list[ChangeRecord] = []
        for number, op in enumerate(self.ops, 1):
            try:
                inverse, child_record = op.apply(editor)
            except Exception as exc:
                for undo in reversed(done):
                    undo.apply(editor)
                if not isinstance(exc, EditError):
                    raise
                name = f"{self.label!r}" if self.label else "batch"
                raise EditError(f"{name}, edit {number} of {len(self.ops)}: {exc}") from None
            done.append(inverse)
            records.append(child_record)
        return Batch(tuple(reversed(done)), self.label), merge_records(records)


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
