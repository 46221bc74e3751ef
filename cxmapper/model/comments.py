"""Comment threads: the edit operations that add, edit, resolve and delete comments.

A thread is a first comment (``Comment.thread`` None) on a card, a step, a stage or
(``target`` None) the map, followed by its replies (``thread`` = the first comment's
id, same target). Only a thread's first comment is resolved. ``doc.comments`` is one
flat list; a thread's replies follow it in list order.

These are ordinary ``Operation`` s (checked, with an exact inverse and a change record
naming ``"comment"`` ids), so they go through the same undo and the same fan-out as
every other edit. Removing a card, step or stage takes its threads with it
(``editor.threads_on``) and its undo puts them back.

``open_threads`` and ``threads`` are the read side, for the comments panel and the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import datetime, timezone
from typing import Any

from cxmapper.model.document import Comment, MapDocument
from cxmapper.model.editor import (
    EMPTY_RECORD,
    ChangeRecord,
    EditError,
    Editor,
    Operation,
    _frozen,
)

#: The kinds of things a comment can be on (besides the map itself: target None).
TARGET_KINDS = ("card", "step", "stage")
_OTHER_KINDS = ("card", "link", "step", "stage", "lane", "persona")


def now() -> datetime:
    """The time a comment is stamped with: UTC, to the second (files stay short)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def target_kind(editor: Editor, target: str | None) -> str | None:
    """"card", "step", "stage", "map" (None), or raise ``EditError`` when it is none of those."""
    if target is None:
        return "map"
    for kind in TARGET_KINDS:
        if editor.has(kind, target):
            return kind
    raise EditError(f"comment: there is no card, step or stage with id {target!r}")


def _position(doc: MapDocument, comment_id: str) -> int:
    for i, comment in enumerate(doc.comments):
        if comment.id == comment_id:
            return i
    raise EditError(f"comment {comment_id!r} does not exist")


def _what(comment: Comment) -> str:
    text = comment.text if len(comment.text) <= 40 else comment.text[:39] + "…"
    return f"comment {comment.id!r} ({text!r})" if text else f"comment {comment.id!r}"


def _thread_end(doc: MapDocument, start: int) -> int:
    """The index after the last reply of the thread whose first comment is at ``start``."""
    thread_id = doc.comments[start].id
    end = start + 1
    for i in range(start + 1, len(doc.comments)):
        if doc.comments[i].thread == thread_id:
            end = i + 1
    return end


@_frozen
class AddComment(Operation):
    """Add a comment: a new thread, or (``comment.thread`` set) a reply at its thread's end.

    ``index`` is undo data (the exact place in ``doc.comments``); None puts a thread
    last and a reply after its thread's last reply.
    """

    comment: Comment
    index: int | None = None

    def __post_init__(self) -> None:
        value = self.comment
        if isinstance(value, Mapping):
            try:
                value = Comment.model_validate(value)
            except ValueError as exc:
                raise EditError(f"new comment: {exc}") from None
        if not isinstance(value, Comment):
            raise EditError(f"new comment: expected a Comment, got {type(value).__name__}")
        object.__setattr__(self, "comment", value)

    def check(self, editor: Editor) -> None:
        comment, doc = self.comment, editor.doc
        what = _what(comment)
        if any(editor.has(kind, comment.id) for kind in _OTHER_KINDS) or any(
            c.id == comment.id for c in doc.comments
        ):
            raise EditError(f"{what}: the id {comment.id!r} is already used")
        target_kind(editor, comment.target)
        if comment.thread is not None:
            start = doc.comments[_position(doc, comment.thread)]
            if start.thread is not None:
                raise EditError(f"{what}: reply to the thread's first comment {start.thread!r}, not to a reply")
            if start.target != comment.target:
                raise EditError(f"{what}: a reply must have its thread's target {start.target!r}")
            if comment.resolved:
                raise EditError(f"{what}: only a thread's first comment can be resolved")
        if self.index is not None and not (
            isinstance(self.index, int) and not isinstance(self.index, bool) and 0 <= self.index <= len(doc.comments)
        ):
            raise EditError(f"{what}: index {self.index!r} is outside 0…{len(doc.comments)}")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        doc = editor.doc
        index = self.index
        if index is None:
            thread = self.comment.thread
            index = len(doc.comments) if thread is None else _thread_end(doc, _position(doc, thread))
        doc.comments.insert(index, self.comment)
        return RemoveComment(self.comment.id), ChangeRecord(added={"comment": {self.comment.id}})


@_frozen
class PutComment(Operation):
    """Put ``comment`` in place of the comment with its id (the inverse of ``UpdateComment``)."""

    comment: Comment

    def check(self, editor: Editor) -> None:
        old = editor.doc.comments[_position(editor.doc, self.comment.id)]
        for name in ("target", "thread", "author", "created"):
            if getattr(old, name) != getattr(self.comment, name):
                raise EditError(f"{_what(old)}: field {name!r} cannot be changed")
        if self.comment.resolved and self.comment.thread is not None:
            raise EditError(f"{_what(old)}: only a thread's first comment can be resolved")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        index = _position(editor.doc, self.comment.id)
        old = editor.doc.comments[index]
        editor.doc.comments[index] = self.comment
        record = EMPTY_RECORD if old == self.comment else ChangeRecord(updated={"comment": {old.id}})
        return PutComment(old), record


@_frozen
class UpdateComment(Operation):
    """Edit a comment's ``text`` or resolve/reopen its thread (``resolved``).

    Editing the text stamps ``edited`` (unless the changes give it); the author, the
    target, the thread and the creation time never change.
    """

    comment_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", dict(self.changes))

    def _new(self, editor: Editor) -> Comment:
        old = editor.doc.comments[_position(editor.doc, self.comment_id)]
        allowed = {"text", "resolved", "edited"}
        unknown = set(self.changes) - allowed
        if unknown:
            raise EditError(f"{_what(old)}: only {sorted(allowed)} can be changed, not {sorted(unknown)}")
        data = old.model_dump()
        data.update(self.changes)
        if "text" in self.changes and self.changes["text"] != old.text and "edited" not in self.changes:
            data["edited"] = now()
        try:
            return Comment.model_validate(data)
        except ValueError as exc:
            raise EditError(f"{_what(old)}: {exc}") from None

    def check(self, editor: Editor) -> None:
        PutComment(self._new(editor)).check(editor)

    def apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        return PutComment(self._new(editor)).apply(editor)


@_frozen
class RestoreComments(Operation):
    """Put comments back at their exact former places (the inverse of ``RemoveComment``)."""

    comments: tuple[tuple[int, Comment], ...]

    def check(self, editor: Editor) -> None:
        present = {c.id for c in editor.doc.comments}
        for _, comment in self.comments:
            if comment.id in present:
                raise EditError(f"putting back {_what(comment)}: its id is in use")
            target_kind(editor, comment.target)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        for index, comment in self.comments:
            editor.doc.comments.insert(index, comment)
        ids = {comment.id for _, comment in self.comments}
        first = self.comments[0][1].id
        return RemoveComment(first), ChangeRecord(added={"comment": ids})


@_frozen
class RemoveComment(Operation):
    """Delete a comment; deleting a thread's first comment deletes the whole thread."""

    comment_id: str

    def check(self, editor: Editor) -> None:
        _position(editor.doc, self.comment_id)

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        doc = editor.doc
        taken = tuple(
            (i, c) for i, c in enumerate(doc.comments) if c.id == self.comment_id or c.thread == self.comment_id
        )
        for index, _ in reversed(taken):
            doc.comments.pop(index)
        return RestoreComments(taken), ChangeRecord(removed={"comment": {c.id for _, c in taken}})


@_frozen
class SetComments(Operation):
    """Make ``doc.comments`` exactly ``comments`` (a remote participant's change, merged).

    Comments are few; the record names the ids added, removed and changed.
    """

    comments: tuple[Comment, ...]

    def check(self, editor: Editor) -> None:
        starts: dict[str, Comment] = {}
        for comment in self.comments:
            target_kind(editor, comment.target)
            if comment.thread is None:
                starts[comment.id] = comment
            elif comment.thread not in starts or starts[comment.thread].target != comment.target:
                raise EditError(f"{_what(comment)}: not after the first comment of its thread, or another target")

    def _apply(self, editor: Editor) -> tuple[Operation, ChangeRecord]:
        old = tuple(editor.doc.comments)
        editor.doc.comments[:] = self.comments
        before = {c.id: (i, c) for i, c in enumerate(old)}
        after = {c.id: (i, c) for i, c in enumerate(self.comments)}
        record = ChangeRecord(
            added={"comment": after.keys() - before.keys()},
            removed={"comment": before.keys() - after.keys()},
            updated={"comment": {i for i in after.keys() & before.keys() if after[i][1] != before[i][1]}},
            moved={"comment": {i for i in after.keys() & before.keys() if after[i][0] != before[i][0]}},
        )
        return SetComments(old), record


def new_comment(text: str, target: str | None, author: str, *, thread: str | None = None) -> Comment:
    """A comment stamped now, for ``AddComment`` (validated: a bad text raises ``EditError``)."""
    try:
        return Comment.model_validate(
            {"text": text, "target": target, "author": author, "thread": thread, "created": now()}
        )
    except ValueError as exc:
        raise EditError(f"new comment: {exc}") from None


def threads(doc: MapDocument, target: str | None = ...) -> list[list[Comment]]:
    """The threads (first comment, then replies in order); only those on ``target`` when given."""
    result: dict[str, list[Comment]] = {}
    for comment in doc.comments:
        if comment.thread is None:
            if target is ... or comment.target == target:
                result[comment.id] = [comment]
        elif comment.thread in result:
            result[comment.thread].append(comment)
    return list(result.values())


def open_threads(doc: MapDocument) -> list[list[Comment]]:
    """The threads not resolved, in document order (what the PDF lists)."""
    return [thread for thread in threads(doc) if not thread[0].resolved]


__all__ = [
    "AddComment",
    "PutComment",
    "RemoveComment",
    "RestoreComments",
    "SetComments",
    "UpdateComment",
    "new_comment",
    "now",
    "open_threads",
    "target_kind",
    "threads",
]
