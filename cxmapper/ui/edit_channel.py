"""The edit channel: where every change of the document starts and where it is announced.

Where does an edit start? Always here. A menu action, a shortcut, a canvas gesture, the
inspector, the outline and the Kano panel each build a *named edit* (``ui/edits.py``:
operation, label, merge key) and hand it to ``EditChannel.push(operation, label,
merge_key, initiator)``. The channel checks it, pushes one ``EditCommand``
(``ui/commands.py``) on its ``QUndoStack``, and reports a refusal one way: the
``refused(reason)`` signal (the window shows it in the status bar) and ``False``.
Nothing else in the window pushes on the undo stack.

Where does an edit end? In one fan-out. The channel subscribes once to the ``Editor``
(``model/editor.py``), which calls it with the ``ChangeRecord`` of every applied
operation -- a push, an undo or redo, or a remote edit. The channel then calls
``changes_applied(record, initiator)`` on every connected component in the order they
were connected (the scene first, then the inspector, outline, Kano panel and the window,
which keeps the status bar, window title, counts and autosave). A component decides
from the record what to refresh, and from the initiator whether it made the change
itself (the inspector then keeps its text cursor).

The initiator says who made the change:

- the component object itself (``initiator=self``) for a panel or the scene, or
  ``None`` for a menu action or shortcut of the window;
- ``HISTORY`` for an undo or redo (the stack applies the inverse; nobody typed it);
- ``RemoteInitiator(participant)`` for an edit another participant of a live session
  made (``cxmapper/collab/``). It is one more kind of initiator, nothing else to add.

Live co-editing plugs in with two calls and no new path:

- ``apply_remote(operation, RemoteInitiator(participant))`` applies a remote edit and
  fans it out like any other change, **without** an undo entry: Ctrl+Z undoes my own
  edits, never someone else's. Trap: an undo entry of mine whose inverse a remote edit
  made impossible (the card was deleted remotely) is refused on undo with the reason
  in the status bar (``undo``/``redo`` here check first) instead of raising.
- ``observe(callback)`` adds a listener called as ``callback(record, initiator)`` after
  the components, for every change (local, undo/redo and remote); a session turns the
  local ones (``not isinstance(initiator, RemoteInitiator)``) into Y transactions. It
  returns the function that removes the listener.

``install(editor)`` points the channel at a new document's editor (open, new, revert);
the undo history is cleared, connected components stay connected.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cxmapper.model.editor import ChangeRecord, EditError, Editor, Operation
from cxmapper.ui.commands import EditCommand


class ChangeFollower(Protocol):
    """What every component connected to the channel implements."""

    def changes_applied(self, record: ChangeRecord, initiator: Any) -> None: ...


@dataclass(frozen=True)
class RemoteInitiator:
    """An edit made by another participant of a live session (``participant``: their id)."""

    participant: str


class _History:
    """The initiator of an undo or redo."""

    def __repr__(self) -> str:
        return "HISTORY"


HISTORY = _History()

Listener = Callable[[ChangeRecord, Any], None]


class EditChannel(QObject):
    """The one edit channel of a window: owns the ``Editor`` and the ``QUndoStack``."""

    #: An edit was refused before anything changed: the reason, naming the thing and why.
    refused = Signal(str)
    #: An edit was pushed: its label (the status bar offers Undo after big deletions).
    pushed = Signal(str)

    def __init__(self, editor: Editor, undo_stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.editor: Editor = editor
        self._unsubscribe: Callable[[], None] | None = None
        self._followers: list[ChangeFollower] = []
        self._listeners: list[Listener] = []
        self._initiator: Any = HISTORY
        self.push_count = 0  # pushes that reached the stack (tests count them)
        self.last_refusal: str | None = None  # the reason of the last refused edit
        self.install(editor, clear=False)

    # -- the document --------------------------------------------------------------------

    def install(self, editor: Editor, *, clear: bool = True) -> None:
        """Follow ``editor`` (a newly opened map) instead of the previous one."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        if clear:
            self.undo_stack.clear()
        self.editor = editor
        self._unsubscribe = editor.subscribe(self._fan_out)

    def close(self) -> None:
        """Stop following the editor (a scene made for a picture, a closed window)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # -- where edits start ---------------------------------------------------------------

    def push(
        self, op: Operation, label: str, merge_key: Hashable | None = None, initiator: Any = None
    ) -> bool:
        """Check ``op`` and push it as one undo step labelled ``label``.

        Steps pushed one after the other with the same non-None ``merge_key`` merge into
        one (typing in a field). A refused edit changes nothing, pushes nothing, emits
        ``refused(reason)`` and returns False.
        """
        try:
            op.check(self.editor)
        except EditError as exc:
            self._refuse(str(exc))
            return False
        self._initiator = initiator
        try:
            self.undo_stack.push(EditCommand(self.editor, op, label, merge_key=merge_key))
        finally:
            self._initiator = HISTORY
        self.push_count += 1
        self.pushed.emit(label)
        return True

    def push_edit(self, edit, initiator: Any = None) -> bool:
        """Push a named edit (``ui/edits.py``'s ``Edit``: operation, label, merge key)."""
        return self.push(edit.op, edit.label, edit.merge_key, initiator)

    def apply_remote(self, op: Operation, initiator: RemoteInitiator) -> bool:
        """Apply another participant's edit: fanned out like any change, no undo entry."""
        self._initiator = initiator
        try:
            self.editor.apply(op)
        except EditError as exc:
            self._refuse(str(exc))
            return False
        finally:
            self._initiator = HISTORY
        return True

    def undo(self) -> bool:
        return self._step(self.undo_stack.undo, self.undo_stack.canUndo(), -1)

    def redo(self) -> bool:
        return self._step(self.undo_stack.redo, self.undo_stack.canRedo(), 0)

    def _step(self, run: Callable[[], None], possible: bool, offset: int) -> bool:
        if not possible:
            return False
        command = self.undo_stack.command(self.undo_stack.index() + offset)
        if isinstance(command, EditCommand):
            reason = command.blocked(undo=offset == -1)
            if reason is not None:
                self._refuse(reason)
                return False
        run()
        return True

    def _refuse(self, reason: str) -> None:
        self.last_refusal = reason
        self.refused.emit(reason)

    # -- where edits end -----------------------------------------------------------------

    def connect_follower(self, component: ChangeFollower) -> None:
        """Call ``component.changes_applied(record, initiator)`` after every change."""
        if component not in self._followers:
            self._followers.append(component)

    def disconnect_follower(self, component: ChangeFollower) -> None:
        if component in self._followers:
            self._followers.remove(component)

    def observe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(record, initiator)`` after the components; returns the remover."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def _fan_out(self, record: ChangeRecord) -> None:
        initiator = self._initiator
        failure: BaseException | None = None
        for target in [f.changes_applied for f in self._followers] + list(self._listeners):
            try:
                target(record, initiator)
            except Exception as exc:  # noqa: BLE001 - every view follows, then re-raised
                failure = failure or exc
        if failure is not None:
            raise failure
