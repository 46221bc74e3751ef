"""Named edits: each edit a person can make, with its one label and its one merge key.

A named edit returns an ``Edit`` (operation, label, merge key) and changes nothing; it
is pushed through the window's one channel (``ui/edit_channel.py``):
``channel.push_edit(edits.remove_cards(ids), initiator=self)``. The menu, the shortcut,
the canvas gesture, the inspector, the outline and the Kano panel all build the same
edit the same way, so the same edit has the same undo label (translated once, here, in
the ``Edits`` context) and the same merge key wherever it starts: retitling a card on
the canvas and then in the inspector is one undo step, and Backspace on the canvas and
Edit ▸ Delete both say "Delete 3 cards".

Merge keys: ``(kind, id, field)`` for typing into one field of one thing (the inspector's
fields and the canvas's title editor share them); None for everything else.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication

from cxmapper.model import comments
from cxmapper.model import editor as ops
from cxmapper.model.document import Card, Comment, Lane, Link, LinkKind, MapDocument, Persona, Stage, Step
from cxmapper.model.kano import KanoChange, analysis_edit
from cxmapper.ui import names


class Edit(NamedTuple):
    op: ops.Operation
    label: str
    merge_key: Hashable | None = None


def field_key(kind: str, target: str, field: str) -> tuple[str, str, str]:
    """The merge key of typing into ``field`` of one ``kind`` thing."""
    return (kind, target, field)


# -- cards -------------------------------------------------------------------------------


def add_card(card: Card) -> Edit:
    label = QCoreApplication.translate("Edits", "Add %1").replace("%1", names.card_kind_name(card.kind).lower())
    return Edit(ops.AddCard(card), label)


def retitle_card(card_id: str, title: str) -> Edit:
    return set_field("card", card_id, "title", title)


def remove_cards(card_ids: Sequence[str]) -> Edit:
    ids = list(card_ids)
    n = len(ids)
    label = QCoreApplication.translate("Edits", "Delete %n card(s)", None, n)
    return Edit(ops.Batch([ops.RemoveCard(i) for i in ids], label), label)


def cut_cards(card_ids: Sequence[str]) -> Edit:
    ids = list(card_ids)
    n = len(ids)
    label = QCoreApplication.translate("Edits", "Cut %n card(s)", None, n)
    return Edit(ops.Batch([ops.RemoveCard(i) for i in ids], label), label)


def move_cards(moves: Sequence[ops.Operation], count: int) -> Edit:
    """``moves``: the ``MoveCard`` operations (``canvas.scene.move_operations``)."""
    n = count  # (a number, not the text: the text is always a literal lupdate reads)
    label = QCoreApplication.translate("Edits", "Move %n card(s)", None, n)
    return Edit(ops.Batch(list(moves), label), label)


def paste(cards: Sequence[Card], links: Iterable[Link]) -> Edit:
    n = len(cards)
    label = QCoreApplication.translate("Edits", "Paste %n card(s)", None, n)
    batch = [ops.AddCard(card) for card in cards] + [ops.AddLink(link) for link in links]
    return Edit(ops.Batch(batch, label), label)


def link_cards(source_id: str, target_id: str, kind: LinkKind) -> Edit:
    kind = LinkKind(kind)
    label = QCoreApplication.translate("Edits", "Add %1 link").replace("%1", names.link_kind_name(kind).lower())
    return Edit(ops.AddLink(Link(kind=kind, source=source_id, target=target_id)), label)


def change_link_kind(link_id: str, kind: LinkKind) -> Edit:
    return Edit(ops.UpdateLink(link_id, {"kind": kind}), QCoreApplication.translate("Edits", "Change link kind"))


def remove_link(link_id: str) -> Edit:
    return Edit(ops.RemoveLink(link_id), QCoreApplication.translate("Edits", "Remove link"))


# -- emotions ----------------------------------------------------------------------------


def add_emotion_point(persona_id: str, step_id: str, score: float) -> Edit:
    return Edit(ops.SetEmotion(persona_id, step_id, score), QCoreApplication.translate("Edits", "Add emotion point"))


def change_emotion(persona_id: str, step_id: str, score: float, curve: str) -> Edit:
    return Edit(
        ops.SetEmotion(persona_id, step_id, score, None, curve), QCoreApplication.translate("Edits", "Change emotion")
    )


# -- fields (the inspector, the canvas's title editor, the outline's rename) -------------


def field_label(kind: str, field: str) -> str | None:
    """The label of the edits more than one place makes; None for the others."""
    labels = {
        ("card", "title"): lambda: QCoreApplication.translate("Edits", "Edit card title"),
        ("stage", "name"): lambda: QCoreApplication.translate("Edits", "Rename stage"),
        ("step", "name"): lambda: QCoreApplication.translate("Edits", "Rename step"),
        ("lane", "name"): lambda: QCoreApplication.translate("Edits", "Rename lane"),
        ("persona", "name"): lambda: QCoreApplication.translate("Edits", "Rename persona"),
        ("map", "title"): lambda: QCoreApplication.translate("Edits", "Edit map title"),
        ("map", "description"): lambda: QCoreApplication.translate("Edits", "Edit map description"),
        ("map", "authors"): lambda: QCoreApplication.translate("Edits", "Edit authors"),
    }
    found = labels.get((kind, field))
    return found() if found is not None else None


_UPDATES = {
    "card": ops.UpdateCard,
    "stage": ops.UpdateStage,
    "step": ops.UpdateStep,
    "lane": ops.UpdateLane,
    "persona": ops.UpdatePersona,
}


def set_field(kind: str, target: str, field: str, value: Any, label: str | None = None, *, merge: bool = True) -> Edit:
    """Change one field of a card, stage, step, lane, persona or the map (``kind`` "map",
    ``target`` ignored). ``label`` only for a field no other place edits."""
    label = field_label(kind, field) or label
    if label is None:
        raise ValueError(f"no label for the {kind} field {field!r}")
    if kind == "map":
        op, target = ops.UpdateMeta({field: value}), "meta"
    else:
        op = _UPDATES[kind](target, {field: value})
    return Edit(op, label, field_key(kind, target, field) if merge else None)


def set_fields(kind: str, target: str, changes: dict[str, Any], label: str) -> Edit:
    """Several fields at once (a step's wait, a card's metrics): one step, no merging."""
    op = ops.UpdateMeta(changes) if kind == "map" else _UPDATES[kind](target, changes)
    return Edit(op, label)


def rename(kind: str, target: str, name: str) -> Edit:
    """A stage, step, lane or persona renamed: on its header, in the outline or inspector."""
    return set_field(kind, target, "name", name)


# -- structure (the outline, the canvas's headers, the Structure menu) -------------------


def add_stage(stage: Stage, index: int | None) -> Edit:
    return Edit(ops.AddStage(stage, index), QCoreApplication.translate("Edits", "Add stage"))


def add_step(stage_id: str, step: Step, index: int | None) -> Edit:
    return Edit(ops.AddStep(stage_id, step, index), QCoreApplication.translate("Edits", "Add step"))


def add_lane(lane: Lane, index: int | None) -> Edit:
    return Edit(ops.AddLane(lane, index), QCoreApplication.translate("Edits", "Add lane"))


def add_persona(persona: Persona) -> Edit:
    return Edit(ops.AddPersona(persona), QCoreApplication.translate("Edits", "Add persona"))


def cards_under(doc: MapDocument, kind: str, target: str) -> int:
    """How many cards go when a stage, step or lane goes (for the label)."""
    if kind == "lane":
        return sum(1 for card in doc.cards if card.lane == target)
    if kind == "step":
        return sum(1 for card in doc.cards if card.step == target)
    if kind == "stage":
        steps = {step.id for stage in doc.stages if stage.id == target for step in stage.steps}
        return sum(1 for card in doc.cards if card.step in steps)
    return 0


def remove(kind: str, target: str, cards: int = 0) -> Edit:
    """Remove a stage, step, lane or persona; ``cards``: how many cards go with it."""
    n = cards
    if kind == "stage":
        op, label = ops.RemoveStage(target), QCoreApplication.translate("Edits", "Remove stage and %n card(s)", None, n)
    elif kind == "step":
        op, label = ops.RemoveStep(target), QCoreApplication.translate("Edits", "Remove step and %n card(s)", None, n)
    elif kind == "lane":
        op, label = ops.RemoveLane(target), QCoreApplication.translate("Edits", "Remove lane and %n card(s)", None, n)
    elif kind == "persona":
        op, label = ops.RemovePersona(target), QCoreApplication.translate("Edits", "Remove persona")
    else:
        raise ValueError(f"cannot remove a {kind!r}")
    if kind != "persona" and cards == 0:
        label = {
            "stage": lambda: QCoreApplication.translate("Edits", "Remove stage"),
            "step": lambda: QCoreApplication.translate("Edits", "Remove step"),
            "lane": lambda: QCoreApplication.translate("Edits", "Remove lane"),
        }[kind]()
    return Edit(op, label)


def move(kind: str, target: str, index: int, stage_id: str | None = None) -> Edit:
    """Move a stage, step (into ``stage_id``), lane or persona to ``index``."""
    if kind == "stage":
        return Edit(ops.MoveStage(target, index), QCoreApplication.translate("Edits", "Move stage"))
    if kind == "step":
        return Edit(ops.MoveStep(target, stage_id, index), QCoreApplication.translate("Edits", "Move step"))
    if kind == "lane":
        return Edit(ops.MoveLane(target, index), QCoreApplication.translate("Edits", "Move lane"))
    if kind == "persona":
        return Edit(ops.MovePersona(target, index), QCoreApplication.translate("Edits", "Move persona"))
    raise ValueError(f"cannot move a {kind!r}")


# -- map settings and Kano ---------------------------------------------------------------


def set_scale(low: int, high: int) -> Edit:
    return Edit(ops.SetScale(low, high), QCoreApplication.translate("Edits", "Change emotion scale"))


def change_analysis(changes: dict[str, Any], label: str | None = None) -> Edit:
    """The map's analysis settings (inspector: any; Kano panel: the method, named)."""
    return Edit(ops.UpdateAnalysis(changes), label or QCoreApplication.translate("Edits", "Change analysis settings"))


def compute_kano(changes: Sequence[KanoChange]) -> Edit:
    """Set the cards' Kano categories from their answers (``model.kano.apply_analysis``)."""
    n = len(changes)
    label = QCoreApplication.translate("Edits", "Compute Kano categories (%n card(s))", None, n)
    return Edit(analysis_edit(list(changes), label=label), label)


def import_kano(batch: ops.Operation, file_name: str) -> Edit:
    return Edit(batch, QCoreApplication.translate("Edits", "Import Kano answers from %1").replace("%1", file_name))



# -- comments (the comments panel; ``model/comments.py``) --------------------------------


def add_comment(comment: Comment) -> Edit:
    """A new thread, or (``comment.thread`` set) a reply at its thread's end."""
    if comment.thread is None:
        return Edit(comments.AddComment(comment), QCoreApplication.translate("Edits", "Add comment"))
    return Edit(comments.AddComment(comment), QCoreApplication.translate("Edits", "Reply to comment"))


def edit_comment(comment_id: str, text: str) -> Edit:
    return Edit(comments.UpdateComment(comment_id, {"text": text}), QCoreApplication.translate("Edits", "Edit comment"))


def resolve_comment(comment_id: str, resolved: bool) -> Edit:
    """Resolve (``resolved`` True) or reopen a thread (its first comment's id)."""
    if resolved:
        label = QCoreApplication.translate("Edits", "Resolve comment")
    else:
        label = QCoreApplication.translate("Edits", "Reopen comment")
    return Edit(comments.UpdateComment(comment_id, {"resolved": resolved}), label)


def delete_comment(comment_id: str, replies: int = 0) -> Edit:
    """Delete a comment; a thread's first comment takes its ``replies`` with it."""
    n = replies
    if n:
        label = QCoreApplication.translate("Edits", "Delete comment and %n reply(s)", None, n)
    else:
        label = QCoreApplication.translate("Edits", "Delete comment")
    return Edit(comments.RemoveComment(comment_id), label)
