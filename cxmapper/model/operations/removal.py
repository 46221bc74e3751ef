"""Removing, and putting back exactly; and ``Batch``, several operations as one edit.

A removal takes out the object with everything that hangs on it (a step's cards, their
links, emotion points, comment threads: ``Removed``) and its inverse is a ``Restore``
that puts each back at its former index. ``Batch`` is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from cxmapper.model.changes import ChangeRecord, EditError, merge_records
from cxmapper.model.document import (
    Card,
    Comment,
    EmotionPoint,
    Lane,
    Link,
    MapDocument,
    Persona,
    Stage,
    Step,
)
from cxmapper.model.operations.base import (
    _CURVES,
    Operation,
    _card_label,
    _Frozen,
    _frozen,
    _position,
)

if TYPE_CHECKING:
    from cxmapper.model.editor import Editor


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
        def steps(do: Callable[[Operation], None]) -> None:
            for number, op in enumerate(self.ops, 1):
                try:
                    do(op)
                except EditError as exc:
                    name = f"{self.label!r}" if self.label else "batch"
                    raise EditError(f"{name}, edit {number} of {len(self.ops)}: {exc}") from None

        return apply_in_turn(editor, steps, self.label)


def apply_in_turn(
    editor: Editor, steps: Callable[[Callable[[Operation], None]], None], label: str = ""
) -> tuple[Operation, ChangeRecord]:
    """Apply the operations ``steps`` hands to ``do``, in turn (each may depend on the
    document the ones before it left): all or nothing. On any error what was applied is
    undone, last first, and the error goes on. Returns the ``Batch`` of the inverses and
    one merged change record (``Batch`` and a live session's ``RemoteEdit``)."""
    done: list[Operation] = []
    records: list[ChangeRecord] = []

    def do(op: Operation) -> None:
        inverse, record = op.apply(editor)
        done.append(inverse)
        records.append(record)

    try:
        steps(do)
    except Exception:
        for undo in reversed(done):
            undo.apply(editor)
        raise
    return Batch(tuple(reversed(done)), label), merge_records(records)
