"""A remote participant's change as ONE editor operation (the remote half of ``SharedMap``).

``ydoc.py`` is the mapping between our document and the Y types; this module is what
``SharedMap.flush`` hands the editor once it has re-read what a remote transaction
changed:

- ``RemoteEdit(view)``: turn the editor's document into the repaired view (the full
  path, ``_converge``: the editor's own operations, so indexes, inverses and the change
  record are the usual ones);
- ``RemoteFieldEdit``: only new fields of cards or links already shown (``fields_only``
  proves it from the changed entries);
- ``RemotePartEdit(target)``: any other change that makes or undoes no repair
  (``changed_parts`` proves it from the entries, orders and parts the transaction
  touched; repairs shown before and untouched may stay): ``_converge`` to a ``Target`` holding only those parts. Links, lanes,
  steps, stages, personas and their points, comments, meta, settings, card moves,
  adds and removes, and any mix of them, in one mechanism.

The proofs take what they need (the editor, the view builder and its cache, the raw
state, the repairs of the view before) and answer None whenever the whole view could
differ from what they would apply: the full path is the fallback, never wrong.
``_converge`` is shared by all three: the full path's target is the whole view.
Trap: a proof that says yes wrongly leaves the editor unequal to ``view(Y.Doc)`` with
no error; tests/collab/test_remote.py checks that equality after every update.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cxmapper.collab.repair import (
    KINDS,
    RECOVERED_LANE,
    RECOVERED_NAME,
    RECOVERED_STEP,
    Raw,
    Repair,
    ViewBuilder,
    _comments,
    _ordered,
    _part,
    _persona,
    _with_recovered_step,
)
from cxmapper.model.comments import AddComment, PutComment, RemoveComment, SetComments
from cxmapper.model.document import AnalysisSettings, EmotionScale, Lane, LaneKind, MapDocument, MapMeta, Step
from cxmapper.model.editor import (
    AddCard,
    AddLane,
    AddLink,
    AddPersona,
    AddStage,
    AddStep,
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
)
from cxmapper.model.operations.removal import apply_in_turn


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
        return apply_in_turn(editor, lambda do: self.steps(editor, do), "remote change")

    def steps(self, editor: Editor, do: Callable[[Operation], None]) -> None:
        """The operations that make the change, each applied by ``do`` (in order)."""
        _converge(editor, Target.of(self.view), do)


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
class RemotePartEdit(RemoteEdit):
    """A remote change applied from what it changed (``changed_parts`` proves that it
    makes no repair and undoes none of those shown): ``_converge`` to a ``Target``
    that holds only the parts the transaction touched. Costs what changed
    (plus one pass over the card or link order when one of those moved), not a build
    of the whole view. It carries no view (``view`` is None)."""

    target: Target | None = None

    def steps(self, editor: Editor, do: Callable[[Operation], None]) -> None:
        _converge(editor, self.target, do)


@dataclass
class Target:
    """What the editor's document is to become, part by part; a part that is None stays
    as it is. ``cards`` and ``links`` are whole orders (given when something was added,
    removed or moved); ``fields`` are cards or links that only get new fields (their
    place unchanged). The full path's target is the whole view (``Target.of``)."""

    meta: Any = None
    analysis: Any = None
    scale: Any = None
    lanes: list | None = None
    stages: list | None = None
    cards: list | None = None
    links: list | None = None
    personas: list | None = None
    comments: list | None = None
    fields: list = field(default_factory=list)  # (kind, object) for a Replace

    @classmethod
    def of(cls, view: MapDocument) -> Target:
        return cls(view.meta, view.analysis, view.scale, view.lanes, view.stages, view.cards, view.links,
                   view.personas, view.comments)

    def differs(self, doc: MapDocument) -> bool:
        """Whether applying it would change ``doc`` (identity first, as ``differs``)."""
        return bool(self.fields) or any(
            value is not None and getattr(doc, name) != value
            for name, value in (("meta", self.meta), ("analysis", self.analysis), ("scale", self.scale),
                                ("lanes", self.lanes), ("stages", self.stages), ("cards", self.cards),
                                ("links", self.links), ("personas", self.personas), ("comments", self.comments))
        )


def _converge(editor: Editor, target: Target, do: Callable[[Operation], None]) -> None:
    """Make the editor's document ``target``'s, part by part, with the editor's own
    operations (so the change record names what changed). Order matters: lanes and
    steps exist before cards go into them, cards leave before their lane or step goes,
    links follow their cards, emotion points follow the steps."""
    doc = editor.doc
    # map-level parts; the scale widened first, narrowed at the end (points fit both ways)
    if target.meta is not None and doc.meta != target.meta:
        do(Replace("map", target.meta))
    if target.analysis is not None and doc.analysis != target.analysis:
        do(Replace("map", target.analysis))
    final_scale = target.scale if target.scale is not None else doc.scale
    if doc.scale != final_scale:
        wide = EmotionScale(min=min(doc.scale.min, final_scale.min), max=max(doc.scale.max, final_scale.max))
        if wide != doc.scale:
            do(Replace("map", wide))
    if target.lanes is not None:
        _converge_lanes(editor, target.lanes, do)
    if target.stages is not None:
        _converge_steps(editor, target.stages, do)
    if target.cards is not None:
        _converge_cards(editor, target.cards, do)
    if target.links is not None:
        _converge_links(editor, target.links, do)
    for kind, item in target.fields:
        do(Replace(kind, item))
    if target.stages is not None:
        _remove_stages(editor, target.stages, do)
    if target.lanes is not None:
        _remove_lanes(editor, target.lanes, do)
    if target.personas is not None:
        _converge_personas(editor, target.personas, do)
    if doc.scale != final_scale:
        do(Replace("map", final_scale))
    if target.comments is not None and doc.comments != target.comments:
        _converge_comments(editor, target.comments, do)


def _converge_comments(editor: Editor, comments: list, do: Callable[[Operation], None]) -> None:
    """Removals, new texts or states, additions at their places: the comment operations
    a person's edit uses, so the record names those comments alone. When the comments
    that stay changed order, or a field no edit changes (a repair re-homed one), the
    whole list at once (``SetComments``)."""
    old = {c.id: c for c in editor.doc.comments}
    new_ids = {c.id for c in comments}
    fixed = ("target", "thread", "author", "created")
    if [c.id for c in editor.doc.comments if c.id in new_ids] != [c.id for c in comments if c.id in old] or any(
        getattr(old[c.id], name) != getattr(c, name) for c in comments if c.id in old for name in fixed
    ):
        do(SetComments(tuple(comments)))
        return
    for comment_id in [c.id for c in editor.doc.comments if c.id not in new_ids]:
        if any(c.id == comment_id for c in editor.doc.comments):  # a thread took its replies
            do(RemoveComment(comment_id))
    for comment in comments:
        if comment.id in old and old[comment.id] != comment:
            do(PutComment(comment))
    for index, comment in enumerate(comments):
        if comment.id not in old:
            do(AddComment(comment, index))


def _converge_lanes(editor: Editor, lanes: list, do: Callable[[Operation], None]) -> None:
    """New lanes and field changes (removals after the cards moved out)."""
    for lane in lanes:
        if not editor.has("lane", lane.id):
            do(AddLane(lane))
        elif editor.lane(lane.id) != lane:
            do(Replace("lane", lane))


def _converge_steps(editor: Editor, stages: list, do: Callable[[Operation], None]) -> None:
    """New stages, a placeholder step in every stage whose steps change (a stage may
    never be left empty on the way), new steps, moves, field changes."""
    doc = editor.doc
    view_stages = {stage.id: stage for stage in stages}
    view_steps = {step.id: (stage.id, i, step) for stage in stages for i, step in enumerate(stage.steps)}
    placeholders: list[str] = []
    for stage in stages:
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
    for stage in stages:
        # as ``_reorder``, within the stage: the steps in order stay, each other one
        # goes right after its predecessor (from this stage or another)
        ids = [step.id for step in stage.steps]
        wanted = set(ids)
        keep = _stable_ids([s.id for s in editor.stage(stage.id).steps if s.id in wanted], ids)
        previous: str | None = None
        for step_id in ids:
            if step_id not in keep:
                now = [s.id for s in editor.stage(stage.id).steps if s.id != step_id]
                do(MoveStep(step_id, stage.id, now.index(previous) + 1 if previous is not None else 0))
            previous = step_id
        for step in stage.steps:
            if editor.item("step", step.id) != step:
                do(Replace("step", step))


def _converge_cards(editor: Editor, cards: list, do: Callable[[Operation], None]) -> None:
    """Removals, places (as few moves as the order allows), fields."""
    view_card_ids = {card.id for card in cards}
    for card in [c for c in editor.doc.cards if c.id not in view_card_ids]:
        do(RemoveCard(card.id))
    _place_cards(editor, cards, do)
    for card in cards:
        current = editor.card(card.id)
        if current is not card and current != card:
            do(Replace("card", card))


def _converge_links(editor: Editor, links: list, do: Callable[[Operation], None]) -> None:
    doc = editor.doc
    view_link_ids = {link.id for link in links}
    for link in [link for link in doc.links if link.id not in view_link_ids]:
        do(RemoveLink(link.id))
    for index, link in enumerate(links):
        current = doc.links[index] if index < len(doc.links) else None
        if current is not None and current.id == link.id:
            if current is not link and current != link:
                do(Replace("link", link))
            continue
        if editor.has("link", link.id):
            do(RemoveLink(link.id))
        do(AddLink(link, index))


def _remove_stages(editor: Editor, stages: list, do: Callable[[Operation], None]) -> None:
    """What the target no longer has (and the placeholders); then the stage order."""
    doc = editor.doc
    view_stages = {stage.id for stage in stages}
    view_steps = {step.id for stage in stages for step in stage.steps}
    for stage in [s for s in doc.stages if s.id not in view_stages]:
        do(RemoveStage(stage.id))
    for stage in list(doc.stages):
        for step in stage.steps:
            if step.id not in view_steps:
                do(RemoveStep(step.id))
    _reorder([s.id for s in doc.stages], [s.id for s in stages], lambda i, at: do(MoveStage(i, at)))


def _remove_lanes(editor: Editor, lanes: list, do: Callable[[Operation], None]) -> None:
    doc = editor.doc
    view_lanes = {lane.id for lane in lanes}
    for lane in [lane for lane in doc.lanes if lane.id not in view_lanes]:
        do(RemoveLane(lane.id))
    _reorder([lane.id for lane in doc.lanes], [lane.id for lane in lanes], lambda i, at: do(MoveLane(i, at)))


def _reorder(current: list[str], target: list[str], move: Callable[[str, int], None]) -> None:
    """Put ``current`` (the same ids as ``target``) in ``target``'s order: the longest run
    already in order stays, each other id goes right after its predecessor in
    ``target`` (``move(id, index after the move)``), so one lane dragged is one move
    and its record names that lane alone. Why it ends in order: the ids placed so far
    form ``target``'s prefix as a subsequence, each moved one right after the one
    before it, and the ones that stay were in order already."""
    order = list(current)
    keep = _stable_ids(order, target)
    previous: str | None = None
    for item_id in target:
        if item_id not in keep:
            order.remove(item_id)
            index = order.index(previous) + 1 if previous is not None else 0
            order.insert(index, item_id)
            move(item_id, index)
        previous = item_id


def _converge_personas(editor: Editor, personas: list, do: Callable[[Operation], None]) -> None:
    """After the steps: their points name steps. Points alone change as ``SetEmotion``s,
    so the record names the points, as a local edit does."""
    doc = editor.doc
    view_personas = {p.id for p in personas}
    for persona in [p for p in doc.personas if p.id not in view_personas]:
        do(RemovePersona(persona.id))
    for index, persona in enumerate(personas):
        if not editor.has("persona", persona.id):
            do(AddPersona(persona, min(index, len(doc.personas))))
    _reorder([p.id for p in doc.personas], [p.id for p in personas], lambda i, at: do(MovePersona(i, at)))
    for persona in personas:
        current = editor.persona(persona.id)
        if current is persona or current == persona:
            continue
        own = ("name", "description", "color")
        if all(getattr(current, k) == getattr(persona, k) for k in own) and (current.to_be is None) == (persona.to_be is None):
            _set_points(persona, current, do)
            current = editor.persona(persona.id)
        if current != persona:
            do(Replace("persona", persona))


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


def _place_cards(editor: Editor, cards: list, do: Callable[[Operation], None]) -> None:
    """Move and add cards until the editor's card order is ``cards``' (removals done)."""
    doc = editor.doc
    order = [card.id for card in doc.cards]
    target = [card.id for card in cards]
    # What is the same at both ends (ids and cells) stays: only the part between is
    # worked out, so one card moved costs the distance it moved, not the map's size.
    # (The removals are done: every id of ``order`` is in ``target``.)
    now, then = doc.cards, cards
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


#: The kinds that are few (tens, not thousands): rebuilt whole when one of them changed.
_FEW = ("stage", "step", "lane", "persona", "comment")

#: The repairs a change may leave in place and still take the part path: they are
#: re-checked there (the few kinds rebuilt, each re-homed card's place, each dropped
#: link, each order). Not an id used by two kinds, nor a map-level repair.
_KEPT_RULES = {
    **{kind: {"order", "invalid", "text-limit", "re-homed", "dropped", "clamped"} for kind in _FEW},
    "card": {"order", "invalid", "text-limit", "re-homed"},
    "link": {"order", "invalid", "text-limit", "dropped"},
}


def changed_parts(
    editor: Editor, builder: ViewBuilder, raw: Raw, repairs: set[Repair],
    changed: dict[str, set[str]], orders: set[str], parts: set[str],
) -> Target | None:
    """The ``Target`` for a remote change, worked out from what it touched: ``changed``
    (the ids of the entries re-read, by kind), ``orders`` (the order arrays re-read),
    ``parts`` ("meta", "settings"). None when the view after would have a repair the
    view before did not have, or lose one (or could: the full path decides then).

    The one repair check: the entries that changed are validated alone (rule 2) and
    their ids are not used by another kind (3); when a stage, step, lane, persona,
    comment, the meta or the settings changed, a card was removed, or something is
    shown repaired, those few kinds are read whole from the builder's cache with the
    repair's own functions (orders, stages without steps, orphan steps, emotion
    points, comment targets: rules 1, 4, 5, 7, 8) and must report exactly the repairs
    of those kinds shown before; no card is left in a lane or step that is gone (4),
    no link on a card that is gone or on one card twice (6); the card and link orders
    are read whole only when one of them changed (1).

    Repairs shown before (``repairs``) are kept when the change touches none of the
    repaired things and each still holds afterwards: a re-homed card's place, a
    dropped link's missing card, an invalid entry left out, an order's repair."""
    entries = raw.entries
    if any(r.rule not in _KEPT_RULES.get(r.kind, ()) or r.id in changed[r.kind] for r in repairs):
        return None
    for kind in KINDS:
        for item_id in changed[kind]:
            if item_id in entries[kind] and any(item_id in entries[other] for other in KINDS if other != kind):
                return None  # rule 3: "id-taken"
    kept = {kind: {r for r in repairs if r.kind == kind} for kind in KINDS}
    left_out = {kind: {r.id for r in kept[kind] if r.rule == "invalid"} for kind in ("card", "link")}
    notes: list[Repair] = []
    removed: dict[str, set[str]] = {"card": set(), "link": set()}
    new: dict[str, dict[str, Any]] = {"card": {}, "link": {}}
    for kind in ("card", "link"):
        for item_id in changed[kind]:
            if item_id not in entries[kind]:
                if editor.has(kind, item_id):
                    removed[kind].add(item_id)
                continue
            fields = entries[kind][item_id]  # present: even a null is an entry to validate
            obj = builder._object(kind, item_id, fields, notes)
            if obj is None or notes:
                return None
            new[kind][item_id] = obj
    target = Target()
    doc = editor.doc
    card_ids = _CardIds(editor, removed["card"], new["card"])
    lane_ids: Any = _Has(editor, "lane")
    step_ids: Any = _Has(editor, "step")
    if repairs or parts or removed["card"] or any(changed[kind] or kind in orders for kind in _FEW):
        scale = doc.scale
        if "meta" in parts:
            target.meta = _part(MapMeta, raw.meta, "meta", notes, builder)
        if "settings" in parts:
            target.scale = scale = _part(EmotionScale, raw.settings.get("scale"), "scale", notes, builder)
            target.analysis = _part(AnalysisSettings, raw.settings.get("analysis"), "analysis", notes, builder)
        objects: dict[str, list[tuple[str, Any]]] = {}
        for kind in _FEW:
            objects[kind] = []
            for item_id in _ordered(kind, raw.order[kind], entries[kind], notes):
                obj = builder._object(kind, item_id, entries[kind][item_id], notes)
                if obj is not None:
                    objects[kind].append((item_id, obj))
        stages, step_ids, _ = builder._structure(objects, notes)
        lanes = [obj for _, obj in objects["lane"]]
        lane_ids = {lane.id for lane in lanes}
        # rule 4 for the cards shown re-homed (none changed, above): still re-homed,
        # to the same place; the Recovered lane and step exist while one needs them
        need_lane = need_step = False
        for repair in kept["card"]:
            if repair.rule == "re-homed":
                card = builder._object("card", repair.id, entries["card"].get(repair.id), [])
                shown = editor.card(repair.id) if editor.has("card", repair.id) else None
                if card is None or shown is None:
                    return None
                lost_lane, lost_step = card.lane not in lane_ids, card.step not in step_ids
                place = (RECOVERED_LANE if lost_lane else card.lane, RECOVERED_STEP if lost_step else card.step)
                if place != (shown.lane, shown.step) or not (lost_lane or lost_step):
                    return None
                need_lane, need_step = need_lane or lost_lane, need_step or lost_step
        if need_lane and RECOVERED_LANE not in lane_ids:
            lanes.append(Lane(id=RECOVERED_LANE, name=RECOVERED_NAME, kind=LaneKind.NOTES))
        if need_step and RECOVERED_STEP not in step_ids:
            stages = _with_recovered_step(stages)
        all_steps = [step.id for stage in stages for step in stage.steps]
        columns = {step_id: i for i, step_id in enumerate(all_steps)}
        target.stages, target.lanes = stages, lanes
        target.personas = [_persona(persona, scale, columns, notes) for _, persona in objects["persona"]]
        targets = _Targets(card_ids, set(all_steps) | {stage.id for stage in stages})
        target.comments = _comments([obj for _, obj in objects["comment"]], targets, notes)
        if set(notes) != set().union(*(kept[kind] for kind in _FEW)):
            return None  # a repair made or undone by this change: the full path says which
        notes = []
        # rule 4: a card left in a lane or step that is gone would be re-homed
        shown_lanes, shown_steps = {lane.id for lane in lanes}, set(all_steps)
        gone_lanes = [lane_id for lane_id in editor.lane_ids() if lane_id not in shown_lanes]
        gone_steps = [step_id for step_id in editor.step_ids() if step_id not in shown_steps]
        cells = [(lane, step) for lane in gone_lanes for step in editor.step_ids()]
        cells += [(lane, step) for lane in editor.lane_ids() for step in gone_steps]
        for cell in cells:
            if any(card_id not in changed["card"] for card_id in editor.cell_ids(cell)):
                return None
    for card in new["card"].values():
        if card.lane not in lane_ids or card.step not in step_ids:
            return None
    # rule 6, and the links shown dropped stay dropped
    for link in new["link"].values():
        if link.source not in card_ids or link.target not in card_ids or link.source == link.target:
            return None
    for card_id in removed["card"]:
        if any(link_id not in changed["link"] for link_id in editor.link_ids_of(card_id)):
            return None
    dropped = {r.id for r in kept["link"] if r.rule == "dropped"}
    for link_id in dropped:
        link = builder._object("link", link_id, entries["link"].get(link_id), [])
        if link is None or (link.source in card_ids and link.target in card_ids and link.source != link.target):
            return None
    for kind, reordered in (("card", _target_cards), ("link", _target_links)):
        placed = kind in orders or removed[kind] or any(
            not editor.has(kind, item_id) or _cell(kind, obj) != _cell(kind, editor.item(kind, item_id))
            for item_id, obj in new[kind].items()
        )
        if placed:
            skip = left_out[kind] | (dropped if kind == "link" else set())
            order = reordered(editor, raw, new[kind], skip, notes)
            if order is None or set(notes) != {r for r in kept[kind] if r.rule == "order"}:
                return None
            notes = []
            setattr(target, kind + "s", order)
        else:
            for item_id, obj in new[kind].items():
                if obj != editor.item(kind, item_id):
                    target.fields.append((kind, obj))
    return target


def _cell(kind: str, obj: Any) -> tuple[str, str] | None:
    """Where a card is (a Replace cannot move it); links have no place of their own."""
    return (obj.lane, obj.step) if kind == "card" else None


def _whole_order(kind: str) -> Callable:
    def reordered(editor: Editor, raw: Raw, new: dict[str, Any], skip: set[str], notes: list[Repair]) -> list | None:
        """The target's whole order of ``kind``: the new objects, the editor's for the
        rest, without those shown left out (``skip``: invalid, or a dropped link)."""
        result = []
        get = editor.card if kind == "card" else editor.link  # (one dict look-up each: 5,000 cards)
        for item_id in _ordered(kind, raw.order[kind], raw.entries[kind], notes):
            obj = new.get(item_id)
            if obj is None:
                if item_id in skip:
                    continue
                try:
                    obj = get(item_id)
                except KeyError:
                    return None
            result.append(obj)
        return result

    return reordered


_target_cards = _whole_order("card")
_target_links = _whole_order("link")


class _Has:
    """``id in`` the editor's things of one kind (the part did not change)."""

    def __init__(self, editor: Editor, kind: str) -> None:
        self.editor, self.kind = editor, kind

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self.editor.has(self.kind, item_id)


class _CardIds:
    """The card ids after the change: the editor's, less the removed, plus the new."""

    def __init__(self, editor: Editor, removed: set[str], new: dict[str, Any]) -> None:
        self.editor, self.removed, self.new = editor, removed, new

    def __contains__(self, card_id: object) -> bool:
        return card_id in self.new or (
            isinstance(card_id, str) and card_id not in self.removed and self.editor.has("card", card_id)
        )


class _Targets:
    """What a comment can be on: a card after the change, a step or a stage."""

    def __init__(self, cards: _CardIds, others: set[str]) -> None:
        self.cards, self.others = cards, others

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.others or item_id in self.cards


def differs(doc: MapDocument, view: MapDocument) -> bool:
    """Whether the editor's document and a view differ anywhere (identity first: the
    view hands back the editor's own objects for what did not change)."""
    return any(
        getattr(doc, name) != getattr(view, name)
        for name in ("meta", "scale", "analysis", "stages", "lanes", "personas", "cards", "links", "comments")
    )


__all__ = ["RemoteEdit", "RemoteFieldEdit", "RemotePartEdit", "Target", "changed_parts", "differs", "fields_only"]
