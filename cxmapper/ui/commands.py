"""Undo commands: the one bridge between Qt's undo stack and the model's editor.

The window never pushes a command itself: ``ui/edit_channel.py`` (``EditChannel.push``)
is the only place that does. ``push_edit`` below is the same check-then-push for code
that has a bare stack and editor and no window (benchmarks, model-level tests).

A command holds an editor ``Operation``; ``redo`` applies it and keeps the inverse the
editor returns, ``undo`` applies that inverse and keeps *its* inverse as the next redo.
The document is only ever changed by the editor, so the scene and panels follow from
the editor's change records, never from the command (STYLE.md: commands touch only
the model).

Trap: ``QUndoStack.push`` calls ``redo`` at once, and a command that fails inside
``redo`` would leave a dead entry on the stack. ``push_edit`` checks the operation
first and pushes nothing when the check fails.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtGui import QUndoCommand, QUndoStack

from cxmapper.model.editor import Batch, EditError, Editor, Operation
from cxmapper.ui import activity, collector

# QUndoCommand.id() must be an int; merge keys are any hashable, numbered on first use.
_merge_ids: dict[Hashable, int] = {}


def _merge_id(key: Hashable | None) -> int:
    if key is None:
        return -1
    return _merge_ids.setdefault(key, len(_merge_ids) + 1)


class EditCommand(QUndoCommand):
    """One undo step: an editor operation and its inverse.

    Commands pushed one after the other with the same non-None ``merge_key`` merge into
    one step (typing in one field): use e.g. ``("retitle", card_id)``.
    """

    def __init__(
        self, editor: Editor, op: Operation, text: str, *, merge_key: Hashable | None = None
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._forward: Operation = op
        self._inverse: Operation | None = None
        self._id = _merge_id(merge_key)
        # Never cyclic garbage while a stack may own it (``collector.shelter``: a stack
        # in a reference cycle otherwise crashes the collection that frees it).
        collector.shelter(self)

    @property
    def operation(self) -> Operation:
        return self._forward

    @property
    def inverse(self) -> Operation | None:
        """What undoing this step applies (None before it was first applied)."""
        return self._inverse

    def redo(self) -> None:
        activity.touch()  # a full garbage collection waits for a pause in the editing
        self._inverse = self._editor.apply(self._forward)

    def undo(self) -> None:
        assert self._inverse is not None, "undo before redo"
        activity.touch()
        self._forward = self._editor.apply(self._inverse)

    def blocked(self, *, undo: bool) -> str | None:
        """Why undoing (or redoing) this step would be refused now, or None.

        Only a change made outside this stack can block it: another participant's edit
        in a live session (``EditChannel.apply_remote``) removed what the step touches.
        """
        op = self._inverse if undo else self._forward
        if op is None:
            return None
        try:
            op.check(self._editor)
        except EditError as exc:
            return str(exc)
        return None

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditCommand) or other._id != self._id or self._id == -1:
            return False
        if other._editor is not self._editor or other._inverse is None:
            return False
        # Both have been applied: self first, then other. Undo must reverse other, then self.
        self._forward = Batch(_ops(self._forward) + _ops(other._forward))
        self._inverse = Batch(_ops(other._inverse) + _ops(self._inverse))
        return True


def _ops(op: Operation) -> list[Operation]:
    """Flatten a Batch so that merging many keystrokes never nests deeply."""
    if isinstance(op, Batch):
        return list(op.ops)
    return [op]


def push_edit(
    stack: QUndoStack,
    editor: Editor,
    op: Operation,
    text: str,
    *,
    merge_key: Hashable | None = None,
) -> bool:
    """Check ``op`` and push it as one undo step. False (nothing pushed) when refused.

    For a bare stack and editor (benchmarks, model-level tests); the window uses
    ``EditChannel.push``, which also reports the refusal and tells who made the edit.
    """
    try:
        op.check(editor)
    except EditError:
        return False
    stack.push(EditCommand(editor, op, text, merge_key=merge_key))
    return True
