"""A remote participant's change as ONE editor operation (the remote half of ``SharedMap``).

``ydoc.py`` is the mapping between our document and the Y types; this module is what
``SharedMap.flush`` hands the editor once it has re-read what a remote transaction
changed:

- ``RemoteEdit(view)``: turn the editor's document into the repaired view (the full
  path, ``_converge``: the editor's own operations, so indexes, inverses and the change
  record are the usual ones);
- ``RemoteFieldEdit``: only new fields of cards or links already shown (``fields_only``
  proves it from the changed entries);
- ``RemoteCardEdit``: only card removals, adds, moves and fields (``cards_only``).

The proofs take what they need (the editor, the view builder and its cache, the raw
state, the repairs of the view before) and answer None whenever the whole view could
differ from what they would apply: the full path is the fallback, never wrong.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cxmapper.collab.repair import KINDS, Raw, Repair, ViewBuilder, _ordered
from cxmapper.model.comments import SetComments
from cxmapper.model.document import EmotionScale, MapDocument, Step
from cxmapper.model.editor import (
    AddCard,
    AddLane,
    AddLink,
    AddPersona,
    AddStage,
    AddStep,
    Batch,
    ChangeRecord,
    Editor,
    MoveCard,
    MoveLane,
    MovePersona,
    MoveStage,
    MoveStep,
    Operation,
    RemoveCard,
    RemoveLane,
    RemoveLink,
    RemovePersona,
    RemoveStage,
    RemoveStep,
    Replace,
    SetEmotion,
    _frozen,
    merge_records,
)


@_frozen
class RemoteEdit(Operation):
    """Turn the editor's document into ``view`` (a remote participant's change, repaired).

    One operation, so one change record and one notification; its inverse is a
    ``Batch`` of the exact inverses. All or nothing, like a ``Batch``.
    """

    view: MapDocument

    def check(self, editor: Editor) -> None:
        inverse, _ = self.apply(editor)
        inverse.apply(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        done: list[Operation] = []
        records: list[ChangeRecord] = []

        def do(op: Operation) -> None:
            inverse, record = op.apply(editor)
            done.append(inverse)
            records.append(record)

        try:
            self.steps(editor, do)
        except Exception:
            for undo in reversed(done):
                undo.apply(editor)
            raise
        return Batch(tuple(reversed(done)), "remote change"), merge_records(records)

    def steps(self, editor: Editor, do: Callable[[Operation], None]) -> None:
        """The operations that make the change, each applied by ``do`` (in order)."""
        _converge(editor, self.view, do)


@_frozen
class RemoteFieldEdit(RemoteEdit):
    """A remote change that only gives cards or links new fields (``flush`` proves it):
    the ``Replace`` operations that make it, applied as one operation with one record.
    Costs what changed, not the map's size. It carries no view (``view`` is None): the
    editor's document after it IS the view."""

    changes: tuple[Operation, ...] = ()

    def steps(self, editor: Editor, do: Callable[[Operation], None]) -> None:
        for op in self.changes:
            do(op)


@_frozen
class RemoteCardEdit(RemoteEdit):
    """A remote change that only removes, adds, moves or edits cards (``flush`` proves
    it: no repair before or after, every card's lane and step shown, no link or comment
    on a removed card): the removals, the moves and adds that give the view's card
    order (``_place_cards``, as the full path), then the new fields. Costs the cards
    that changed plus one pass over the card order, not a rebuild of the view."""

    removed: tuple[str, ...] = ()
    cards: tuple[Any, ...] = ()  # the view's cards, in order

    def steps(self, editor: Editor, do: Callable[[Operation], None]) -> None:
        for card_id in self.removed:
            do(RemoveCard(card_id))
        _place_cards(editor, _CardsOnly(list(self.cards)), do)
        for card in self.cards:
            current = editor.card(card.id)
            if current is not card and current != card:
                do(Replace("card", card))


@dataclass
class _CardsOnly:
    """What ``_place_cards`` reads of a view: its cards."""

    cards: list[Any]


def _converge(editor: Editor, view: MapDocument, do: Callable[[Operation], None]) -> None:
    doc = editor.doc
    # map-level parts; the scale widened first, narrowed at the end (points fit both ways)
    if doc.meta != view.meta:
        do(Replace("map", view.meta))
    if doc.analysis != view.analysis:
        do(Replace("map", view.analysis))
    final_scale = view.scale
    if doc.scale != final_scale:
        wide = EmotionScale(min=min(doc.scale.min, final_scale.min), max=max(doc.scale.max, final_scale.max))
        if wide != doc.scale:
            do(Replace("map", wide))

    # lanes: new ones and field changes (removals after the cards moved out)
    view_lanes = {lane.id: lane for lane in view.lanes}
    for lane in view.lanes:
        if not editor.has("lane", lane.id):
            do(AddLane(lane))
        elif editor.lane(lane.id) != lane:
            do(Replace("lane", lane))

    # stages and steps: new stages, a placeholder step in every stage whose steps change
    # (a stage may never be left empty on the way), new steps, moves, field changes
    view_stages = {stage.id: stage for stage in view.stages}
    view_steps = {step.id: (stage.id, i, step) for stage in view.stages for i, step in enumerate(stage.steps)}
    placeholders: list[str] = []
    for stage in view.stages:
        if not editor.has("stage", stage.id):
            new_steps = [step for step in stage.steps if not editor.has("step", step.id)]
            if not new_steps:
                new_steps = [_placeholder(placeholders)]
            do(AddStage(stage.model_copy(update={"steps": new_steps})))
        else:
            current = editor.stage(stage.id)
            own = {"name": stage.name, "description": stage.description, "color": stage.color}
            if any(getattr(current, k) != v for k, v in own.items()):
                do(Replace("stage", current.model_copy(update=own)))
            if [s.id for s in current.steps] != [s.id for s in stage.steps]:
                do(AddStep(stage.id, _placeholder(placeholders)))
    for stage in doc.stages:
        if stage.id not in view_stages and any(s.id in view_steps for s in stage.steps):
            do(AddStep(stage.id, _placeholder(placeholders)))
    for step_id, (stage_id, _, step) in view_steps.items():
        if not editor.has("step", step_id):
            do(AddStep(stage_id, step))
    for stage in view.stages:
        for index, step in enumerate(stage.steps):
            current_stage, current = editor.step(step.id)
            position = [s.id for s in current_stage.steps].index(step.id)
            if (current_stage.id, position) != (stage.id, index):
                do(MoveStep(step.id, stage.id, index))
            if current != step:
                do(Replace("step", step))

    # cards: removals, places (as few moves as the order allows), fields
    view_card_ids = {card.id for card in view.cards}
    for card in [c for c in doc.cards if c.id not in view_card_ids]:
        do(RemoveCard(card.id))
    _place_cards(editor, view, do)
    for card in view.cards:
        current = editor.card(card.id)
        if current is not card and current != card:
            do(Replace("card", card))

    # links
    view_link_ids = {link.id for link in view.links}
    for link in [link for link in doc.links if link.id not in view_link_ids]:
        do(RemoveLink(link.id))
    for index, link in enumerate(view.links):
        current = doc.links[index] if index < len(doc.links) else None
        if current is not None and current.id == link.id:
            if current != link:
                do(Replace("link", link))
            continue
        if editor.has("link", link.id):
            do(RemoveLink(link.id))
        do(AddLink(link, index))

    # what the view no longer has; then the order of stages and lanes
    for stage in [s for s in doc.stages if s.id not in view_stages]:
        do(RemoveStage(stage.id))
    for stage in list(doc.stages):
        for step in stage.steps:
            if step.id not in view_steps:
                do(RemoveStep(step.id))
    for lane in [lane for lane in doc.lanes if lane.id not in view_lanes]:
        do(RemoveLane(lane.id))
    for index, stage in enumerate(view.stages):
        if doc.stages[index].id != stage.id:
            do(MoveStage(stage.id, index))
    for index, lane in enumerate(view.lanes):
        if doc.lanes[index].id != lane.id:
            do(MoveLane(lane.id, index))

    # personas (after the steps: their points name steps)
    view_personas = {p.id for p in view.personas}
    for persona in [p for p in doc.personas if p.id not in view_personas]:
        do(RemovePersona(persona.id))
    for index, persona in enumerate(view.personas):
        if not editor.has("persona", persona.id):
            do(AddPersona(persona, index))
            continue
        if doc.personas[index].id != persona.id:
            do(MovePersona(persona.id, index))
        current = editor.persona(persona.id)
        if current is persona or current == persona:
            continue
        own = ("name", "description", "color")
        if all(getattr(current, k) == getattr(persona, k) for k in own) and (current.to_be is None) == (persona.to_be is None):
            _set_points(persona, current, do)  # points only: the record names the points, as a local edit does
            current = editor.persona(persona.id)
        if current != persona:
            do(Replace("persona", persona))

    if doc.scale != final_scale:
        do(Replace("map", final_scale))
    if doc.comments != view.comments:
        do(SetComments(tuple(view.comments)))


def _set_points(persona: Any, current: Any, do: Callable[[Operation], None]) -> None:
    for curve in ("as_is", "to_be"):
        old = {point.step: point for point in current.curve(curve) or ()}
        new = {point.step: point for point in persona.curve(curve) or ()}
        for step_id in old.keys() - new.keys():
            do(SetEmotion(persona.id, step_id, None, curve=curve))
        for step_id, point in new.items():
            if old.get(step_id) != point:
                do(SetEmotion(persona.id, step_id, point.score, point.reason, curve))


def _placeholder(placeholders: list[str]) -> Step:
    step = Step(id="cx-placeholder-" + uuid.uuid4().hex[:16], name="")
    placeholders.append(step.id)
    return step


def _stable_ids(current: list[str], target: list[str]) -> set[str]:
    """The ids (in both lists) that can stay: a longest run in the same relative order."""
    where = {item_id: i for i, item_id in enumerate(current)}
    sequence = [where[item_id] for item_id in target if item_id in where]
    # patience sorting: the longest increasing subsequence, O(n log n)
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        previous[i] = tail_at[k - 1] if k else -1
    keep = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(current[sequence[i]])
        i = previous[i]
    return keep


def _place_cards(editor: Editor, view: MapDocument, do: Callable[[Operation], None]) -> None:
    doc = editor.doc
    order = [card.id for card in doc.cards]
    target = [card.id for card in view.cards]
    # What is the same at both ends (ids and cells) stays: only the part between is
    # worked out, so one card moved costs the distance it moved, not the map's size.
    # (The removals are done: every id of ``order`` is in ``target``.)
    now, then = doc.cards, view.cards
    n, m = len(order), len(target)
    start = 0
    while start < n and start < m and order[start] == target[start] and (
        now[start].lane, now[start].step) == (then[start].lane, then[start].step):
        start += 1
    end = 0
    while end < n - start and end < m - start and order[n - 1 - end] == target[m - 1 - end] and (
        now[n - 1 - end].lane, now[n - 1 - end].step) == (then[m - 1 - end].lane, then[m - 1 - end].step):
        end += 1
    if start == n == m:
        return
    middle = then[start:m - end]
    # cards that change cell move anyway: the ones that stay are chosen among the others
    view_cells = {card.id: (card.lane, card.step) for card in middle}
    staying = [i for i in order[start:n - end] if i in view_cells and (editor.card(i).lane, editor.card(i).step) == view_cells[i]]
    kept = set(staying)
    stay = _stable_ids(staying, [card.id for card in middle if card.id in kept])
    previous: str | None = target[start - 1] if start else None
    for card in middle:
        if card.id in stay and (editor.card(card.id).lane, editor.card(card.id).step) == (card.lane, card.step):
            previous = card.id
            continue
        after = order.index(previous) + 1 if previous is not None else 0
        if card.id in order:
            here = order.index(card.id)
            flat = after - 1 if here < after else after
            do(MoveCard(card.id, card.lane, card.step, None, flat))
            order.pop(here)
        else:
            flat = after
            do(AddCard(card, None, flat))
        order.insert(flat, card.id)
        previous = card.id


# --- what a remote transaction changed: the proofs that it needs no whole view ---------------


def fields_only(editor: Editor, builder: ViewBuilder, raw: Raw, changed: dict[str, set[str]]) -> list[Replace] | None:
    """The ``Replace`` operations that make a remote change whose only effect is new
    fields on cards or links already shown, with no repair before or after (so the
    whole view would differ from the editor's document by exactly these); None when
    the change is anything more."""
    if any(changed[kind] for kind in KINDS if kind not in ("card", "link")):
        return None
    entries = raw.entries
    replaced: list[Replace] = []
    for kind in ("card", "link"):
        for item_id in changed[kind]:
            fields = entries[kind].get(item_id)
            if fields is None or not editor.has(kind, item_id):
                return None
            current = editor.card(item_id) if kind == "card" else editor.link(item_id)
            cached = builder._cache.get((kind, item_id))
            if cached is not None and cached[1][1]:  # repaired before: the whole view says what now
                return None
            # The editor shows it unrepaired: a re-homed card is in a Recovered place
            # (its entry's lane or step then differs: below), a dropped link is not shown.
            notes: list[Repair] = []
            new = builder._object(kind, item_id, fields, notes)
            if new is None or notes:
                return None
            ends = ("lane", "step") if kind == "card" else ("source", "target")
            if any(getattr(new, name) != getattr(current, name) for name in ends):
                return None
            if new != current:
                replaced.append(Replace(kind, new))
    return replaced

def cards_only(
    editor: Editor, builder: ViewBuilder, raw: Raw, repairs: set[Repair], changed: dict[str, set[str]]
) -> RemoteCardEdit | None:
    """The operation for a remote change that only removes, adds, moves or edits
    cards (the card order may have changed), when the view before had no repair and
    the view after has none either; None when it could be anything more."""
    if repairs or any(changed[kind] for kind in KINDS if kind != "card"):
        return None
    entries = raw.entries["card"]
    notes: list[Repair] = []
    order = _ordered("card", raw.order["card"], entries, notes)
    if notes:  # an id twice, or without a place: the full path repairs it
        return None
    doc = editor.doc
    lanes = {lane.id for lane in doc.lanes}
    steps = {step.id for stage in doc.stages for step in stage.steps}
    removed: list[str] = []
    new: dict[str, Any] = {}
    for card_id in changed["card"]:
        fields = entries.get(card_id)
        if fields is None:
            if editor.has("card", card_id):
                removed.append(card_id)
            continue
        if any(card_id in raw.entries[kind] for kind in KINDS if kind != "card"):
            return None  # an id used by another kind: "id-taken"
        card = builder._object("card", card_id, fields, notes)
        if card is None or notes or card.lane not in lanes or card.step not in steps:
            return None
        new[card_id] = card
    if removed:
        gone = set(removed)
        if any(link.source in gone or link.target in gone for link in doc.links):
            return None  # the link is dropped: a repair
        if any(comment.target in gone for comment in doc.comments):
            return None
    cards = []
    for card_id in order:
        card = new.get(card_id)
        if card is None:
            if not editor.has("card", card_id):
                return None
            card = editor.card(card_id)
        cards.append(card)
    return RemoteCardEdit(None, tuple(sorted(removed)), tuple(cards))


def differs(doc: MapDocument, view: MapDocument) -> bool:
    """Whether the editor's document and a view differ anywhere (identity first: the
    view hands back the editor's own objects for what did not change)."""
    return any(
        getattr(doc, name) != getattr(view, name)
        for name in ("meta", "scale", "analysis", "stages", "lanes", "personas", "cards", "links", "comments")
    )


__all__ = ["RemoteCardEdit", "RemoteEdit", "RemoteFieldEdit", "cards_only", "differs", "fields_only"]
