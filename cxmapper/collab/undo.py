"""Undo per person in a live session: Ctrl+Z undoes MY last edit, never someone else's.

Built on the editor's exact inverses (not on pycrdt's ``UndoManager``): each of my
edits is remembered with its inverse and with what the things it touched looked like
right after it. Undo then:

1. compares those things with how they look now. If someone else has changed one of
   them since (a field, its cell, or removed it), the edit is NOT undone: it is
   dropped from my history and ``UndoResult.message`` says what changed and who
   ("changed by someone else"). Deterministic, and nothing of theirs is overwritten.
2. otherwise applies the inverse. When other people's edits arrived since mine (the
   session's ``remote_changes`` moved on), an inverse that puts things back at exact
   list positions is first *rebased*: positions become "the same cell, at most at its
   old index" (cards), "at most the old index" (stages, steps, lanes, personas), the
   end of a thread (comments), so an index never points past a list others shortened
   or into the middle of what they inserted. The result is one ordinary editor
   operation: it goes to the Y.Doc as one transaction like any local edit.

Why not ``pycrdt.UndoManager`` (tracked origins, Y-level undo): it would undo Y items,
not our operations, so an undo could produce a state the editor's checks refuse (a
card back in a step someone removed) and the repair would silently move it; it knows
nothing of labels, of cascades (a card with its links and comments) or of "changed
since". The editor's inverses already exist for every edit and are tested both ways.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from cxmapper.model.comments import AddComment, RestoreComments
from cxmapper.model.editor import (
    AddCard,
    AddLane,
    AddLink,
    AddPersona,
    AddStage,
    AddStep,
    Batch,
    ChangeRecord,
    EditError,
    Editor,
    MoveCard,
    MoveLane,
    MovePersona,
    MoveStage,
    MoveStep,
    Operation,
    Restore,
    SetEmotion,
    _frozen,
)

_LOOKUPS = ("stage", "step", "lane", "card", "link", "persona")


@dataclass
class UndoResult:
    """What one undo or redo did: ``done`` False with a ``message`` when it was skipped."""

    done: bool
    label: str
    message: str = ""
    record: ChangeRecord | None = None


@dataclass
class _Entry:
    op: Operation  # what undoing (or redoing) applies
    label: str
    after: dict[tuple[str, str], Any]  # what the touched things looked like after the edit
    remote_changes: int  # the session's count of remote changes when it was made


def snapshot(editor: Editor, record: ChangeRecord) -> dict[tuple[str, str], Any]:
    """How every thing the record names looks now (None: it does not exist)."""
    result: dict[tuple[str, str], Any] = {}
    for kind in _LOOKUPS:
        for item_id in record.ids(kind):
            result[(kind, item_id)] = _lookup(editor, kind, item_id)
    for persona_id, _, _ in record.emotions:
        result[("persona", persona_id)] = _lookup(editor, "persona", persona_id)
    for item_id in record.ids("comment"):
        result[("comment", item_id)] = next((c for c in editor.doc.comments if c.id == item_id), None)
    for name in record.updated["map"]:
        result[("map", name)] = getattr(editor.doc, name)
    return result


def _lookup(editor: Editor, kind: str, item_id: str) -> Any:
    if not editor.has(kind, item_id):
        return None
    return {"stage": editor.stage, "step": lambda i: editor.step(i)[1], "lane": editor.lane,
            "card": editor.card, "link": editor.link, "persona": editor.persona}[kind](item_id)


def _describe(key: tuple[str, str], now: Any) -> str:
    kind, item_id = key
    name = getattr(now, "title", "") or getattr(now, "name", "") or getattr(now, "text", "")
    what = f"the {kind} {name!r}" if name else f"{kind} {item_id!r}"
    if now is None:
        return f"{what} was removed by someone else"
    return f"{what} was changed by someone else"


class PersonalUndo:
    """My edits in a session, undoable and redoable.

    ``did(inverse, record, label)`` after each of my edits (the edit channel calls it
    with what ``editor.apply`` returned and announced); ``undo()`` / ``redo()``
    apply through ``apply`` (default ``editor.apply``; the window passes its edit
    channel's push with the initiator "me", so the undo is announced like any edit)
    and return an ``UndoResult``. ``remote_changes`` is read from the session
    (``SharedMap.remote_changes``) to know whether others edited since.
    """

    def __init__(
        self,
        editor: Editor,
        remote_changes: Callable[[], int] = lambda: 0,
        apply: Callable[[Operation], Operation] | None = None,
    ) -> None:
        self.editor = editor
        self._remote_changes = remote_changes
        self._apply = apply or editor.apply
        self._undo: list[_Entry] = []
        self._redo: list[_Entry] = []
        self._record: ChangeRecord | None = None
        editor.subscribe(self._remember)

    def _remember(self, record: ChangeRecord) -> None:
        self._record = record

    def did(self, inverse: Operation, record: ChangeRecord, label: str = "") -> None:
        """Remember one of my edits (its inverse and the record it announced)."""
        self._undo.append(_Entry(inverse, label, snapshot(self.editor, record), self._remote_changes()))
        self._redo.clear()

    def amend(self, inverse: Operation, record: ChangeRecord) -> None:
        """My last edit grew (typing merged into it): its whole inverse and latest record."""
        if not self._undo:
            return self.did(inverse, record)
        last = self._undo[-1]
        last.op = inverse
        last.after.update(snapshot(self.editor, record))
        self._redo.clear()

    def apply(self, op: Operation, label: str = "") -> Operation:
        """Apply one of my edits and remember it (a convenience for tests and scripts)."""
        self._record = None
        inverse = self._apply(op)
        if self._record is not None:
            self.did(inverse, self._record, label)
        return inverse

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> UndoResult:
        return self._step(self._undo, self._redo, "undo")

    def redo(self) -> UndoResult:
        return self._step(self._redo, self._undo, "redo")

    def _step(self, source: list[_Entry], target: list[_Entry], verb: str) -> UndoResult:
        if not source:
            return UndoResult(False, "", f"nothing to {verb}")
        entry = source.pop()
        for key, then in entry.after.items():
            now = _current(self.editor, key)
            if now != then:
                done = "undone" if verb == "undo" else "redone"
                if verb == "undo":
                    target.clear()  # what was redoable came after this edit
                return UndoResult(False, entry.label, f"{entry.label or 'Your edit'} was not {done}: {_describe(key, now)} since")
        op = entry.op
        if self._remote_changes() != entry.remote_changes:
            op = rebase(self.editor, op)
        self._record = None
        try:
            inverse = self._apply(op)
        except EditError as exc:
            done = "undone" if verb == "undo" else "redone"
            return UndoResult(False, entry.label, f"{entry.label or 'Your edit'} could not be {done}: {exc}")
        record = self._record
        after = snapshot(self.editor, record) if record is not None else {}
        target.append(_Entry(inverse, entry.label, after, self._remote_changes()))
        return UndoResult(True, entry.label, "", record)


def _current(editor: Editor, key: tuple[str, str]) -> Any:
    kind, item_id = key
    if kind == "map":
        return getattr(editor.doc, item_id)
    if kind == "comment":
        return next((c for c in editor.doc.comments if c.id == item_id), None)
    return _lookup(editor, kind, item_id)


def _clamp(index: int | None, size: int) -> int | None:
    return None if index is None else max(0, min(index, size))


def rebase(editor: Editor, op: Operation) -> Operation:
    """``op`` with its exact list positions made safe after other people's edits."""
    doc = editor.doc
    if isinstance(op, Batch):
        return Batch(tuple(rebase(editor, child) for child in op.ops), op.label)
    if isinstance(op, MoveCard):
        size = len(editor.cards_in(op.lane_id, op.step_id))
        return MoveCard(op.card_id, op.lane_id, op.step_id, _clamp(op.index, size), None)
    if isinstance(op, AddCard):
        size = len(editor.cards_in(op.card.lane, op.card.step))
        return AddCard(op.card, _clamp(op.index, size), None)
    if isinstance(op, MoveStage):
        return MoveStage(op.stage_id, _clamp(op.index, len(doc.stages) - 1))
    if isinstance(op, MoveStep):
        if editor.has("stage", op.stage_id):
            steps = len(editor.stage(op.stage_id).steps)
            same = editor.has("step", op.step_id) and editor.step(op.step_id)[0].id == op.stage_id
            return MoveStep(op.step_id, op.stage_id, _clamp(op.index, steps - 1 if same else steps))
        return op
    if isinstance(op, (MoveLane, MovePersona)):
        items = doc.lanes if isinstance(op, MoveLane) else doc.personas
        return replace(op, index=_clamp(op.index, len(items) - 1))
    if isinstance(op, SetEmotion):
        return replace(op, position=None)
    if isinstance(op, AddComment):
        return AddComment(op.comment)
    if isinstance(op, RestoreComments):
        return Batch(tuple(AddComment(comment) for _, comment in op.comments), "")
    if isinstance(op, Restore):
        return _rebased_restore(editor, op)
    return op


def _rebased_restore(editor: Editor, op: Restore) -> Operation:
    """A removal's undo as separate adds at safe places instead of exact indexes."""
    removed = op.removed
    doc = editor.doc
    ops: list[Operation] = []
    for index, persona in removed.personas:
        ops.append(AddPersona(persona, _clamp(index, len(doc.personas))))
    for index, lane in removed.lanes:
        ops.append(AddLane(lane, _clamp(index, len(doc.lanes))))
    for index, stage in removed.stages:
        ops.append(AddStage(stage, _clamp(index, len(doc.stages))))
    for stage_id, index, step in removed.steps:
        size = len(editor.stage(stage_id).steps) if editor.has("stage", stage_id) else 0
        ops.append(AddStep(stage_id, step, _clamp(index, size)))
    for persona_id, curve, _, point in removed.points:
        ops.append(SetEmotion(persona_id, point.step, point.score, point.reason, curve))
    for _, cell_index, card in removed.cards:
        ops.append(_AddCardAt(card, cell_index))
    for _, link in removed.links:
        ops.append(AddLink(link))
    for _, comment in removed.comments:
        ops.append(AddComment(comment))
    return _RebasedRestore(tuple(ops), op.redo)


@_frozen
class _AddCardAt(Operation):
    """``AddCard`` at a cell index clamped when applied (earlier adds change the cell)."""

    card: Any
    index: int

    def _op(self, editor: Editor) -> AddCard:
        return AddCard(self.card, min(self.index, len(editor.cards_in(self.card.lane, self.card.step))))

    def check(self, editor: Editor) -> None:
        self._op(editor).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        return self._op(editor).apply(editor)


@_frozen
class _RebasedRestore(Operation):
    """A removal's undo made of separate adds (a ``Batch``); its inverse is the removal."""

    ops: tuple[Operation, ...]
    redo: Operation

    def check(self, editor: Editor) -> None:
        Batch(self.ops).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        _, record = Batch(self.ops).apply(editor)
        return self.redo, record


__all__ = ["PersonalUndo", "UndoResult", "rebase", "snapshot"]
