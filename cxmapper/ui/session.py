"""A window in a live session: the Share menu, the session, presence, undo per person.

``SessionController`` belongs to one ``MainWindow`` and joins three things the window
already has to what ``cxmapper/collab/`` provides:

- the document: ``collab.ydoc.SharedMap`` binds the window's ``Editor`` to a Y.Doc.
  Every update the network receives goes to ``SharedMap.apply_update`` (the
  ``receive`` hook of ``collab.session.Session``), never straight into the Y.Doc;
  ``flush`` runs on the event loop and applies the change through the edit channel's
  ``apply_remote(op, RemoteInitiator(...))``: the canvas and panels redraw what the
  record names, and nothing enters my undo history;
- the network: ``collab.session.Session`` on its own thread; its callbacks come back on
  the GUI thread through one queued signal (``dispatch``);
- undo: in a session Ctrl+Z and Ctrl+Shift+Z go to ``collab.undo.PersonalUndo``, fed
  with each of my pushes (its inverse from the undo stack's top command): my last edit
  only, and an edit someone changed since is skipped with its sentence in the status
  bar. Outside a session the window's undo stack works as before.

Presence: the "Who is here" dock (``session_presence.PresenceList``) and the canvas
marks (``PresenceOverlay``); my selection and the card whose title I type in go out as
awareness fields. Status: a permanent status-bar label ("Live session · 3 here",
"Offline: 2 edits waiting", …). Repairs after a merge are shown in words.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMenuBar, QMessageBox

from cxmapper.ui.edit_channel import RemoteInitiator
from cxmapper.ui.session_presence import PresenceList, PresenceOverlay, name_of

if TYPE_CHECKING:  # the network, the Y.Doc and the dialogs load when a session starts
    from pycrdt import Doc

    from cxmapper.collab.auth import JoinLink
    from cxmapper.collab.session import Session
    from cxmapper.collab.undo import PersonalUndo
    from cxmapper.collab.ydoc import RemoteChange, SharedMap
    from cxmapper.ui.mainwindow import MainWindow
    from cxmapper.ui.session_dialogs import JoinSessionDialog, LinkDialog, StartSessionDialog

JOIN_TIMEOUT_S = 8.0
STATUS_MS = 8000
ENDING_GRACE_S = 5.0  # a drop this soon after "ending" is the host stopping
ENDING_NOTICE_S = 0.3  # how long a stopping host gives its notice to reach the others
DOCK_WIDTH = 160  # names and colours: narrow, the canvas keeps the room


class _GuiThread(QObject):
    """Runs callables posted from the network thread on the GUI thread (queued signal)."""

    posted = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, fn) -> None:
        fn()


class SessionController(QObject):
    """The live session of one window (none, hosted here, or joined)."""

    # Presence changed (the states by client id); the dock and the overlay follow.
    presence_changed = Signal(object)
    # The session's state for a person: "live", "offline", "ended", "" (no session).
    state_changed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._gui = _GuiThread(self)
        self.session: Session | None = None
        self.shared: SharedMap | None = None
        self.undo: PersonalUndo | None = None
        self.hosting = False
        self.shared_into_room = False  # joined a room with no map: this window's map went in
        self.link: JoinLink | None = None
        self.states: dict[int, dict[str, Any]] = {}
        self.state = ""
        self.waiting = 0  # my edits made while offline
        self.last_repairs: list[str] = []
        self.refusals: list[str] = []  # what the server refused (hosting)
        self._flush_queued = False
        self._last_command = None
        self._last_count = 0
        self._joining = False
        self._stop_observing = None
        self._overlay: PresenceOverlay | None = None
        self._ending_at = -ENDING_GRACE_S  # when someone last said the session is ending
        self._authors: set[int] = set()  # Y clients whose changes wait for the next flush
        self.presence_list = PresenceList()
        self.dock = QDockWidget(self.tr("Who is here"), window)
        self.dock.setObjectName("presence_dock")
        self.dock.setWidget(self.presence_list)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.status_label = QLabel(window)
        self.status_label.setObjectName("session_status")
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        window.channel.pushed.connect(self._pushed)
        window.document_replaced.connect(self._document_replaced)
        self._connect_scene()

    # -- the Share menu ------------------------------------------------------------------

    def add_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("&Share"))
        menu.setObjectName("share_menu")
        self.start_action = QAction(self.tr("&Start Session…"), self)
        self.start_action.triggered.connect(self.start_dialog)
        self.join_action = QAction(self.tr("&Join Session…"), self)
        self.join_action.triggered.connect(self.join_dialog)
        self.link_action = QAction(self.tr("Show Join &Link…"), self)
        self.link_action.triggered.connect(self.show_link)
        self.leave_action = QAction(self.tr("&Leave Session"), self)
        self.leave_action.triggered.connect(self.leave)
        for action in (self.start_action, self.join_action, self.link_action, self.leave_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.dock.toggleViewAction())
        self.menu = menu
        self._update_actions()

    def _update_actions(self) -> None:
        if not hasattr(self, "menu"):
            return
        self.start_action.setEnabled(not self.active)
        self.join_action.setEnabled(not self.active)
        self.link_action.setEnabled(self.active and self.link is not None)
        self.leave_action.setEnabled(self.active)
        self.leave_action.setText(self.tr("S&top Session") if self.hosting else self.tr("&Leave Session"))

    @property
    def active(self) -> bool:
        return self.session is not None

    @property
    def overlay(self) -> PresenceOverlay | None:
        """The others' marks on the current canvas (``marks`` lists what is drawn)."""
        return self._overlay

    def start_dialog(self) -> StartSessionDialog:
        from cxmapper.ui.session_dialogs import StartSessionDialog

        dialog = StartSessionDialog(self._start_from_dialog, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.show_link)
        dialog.open()
        return dialog

    def join_dialog(self) -> JoinSessionDialog:
        from cxmapper.ui.session_dialogs import JoinSessionDialog

        dialog = JoinSessionDialog(self._join_from_dialog, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_link(self) -> LinkDialog | None:
        if self.link is None:
            return None
        from cxmapper.ui.session_dialogs import LinkDialog

        dialog = LinkDialog(str(self.link), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _start_from_dialog(self, interface: str, name: str, colour: str) -> str | None:
        from cxmapper.collab.session import SessionError

        try:
            self.start(name, colour, host=interface)
        except SessionError as exc:
            return str(exc)
        return None

    def _join_from_dialog(self, link: str, name: str, colour: str) -> str | None:
        if not self.window.maybe_save():
            return self.tr("The map in this window has unsaved changes: save or discard them first.")
        from cxmapper.collab.session import SessionError

        try:
            self.join(link, name, colour)
        except SessionError as exc:
            return str(exc)
        return None

    # -- starting, joining, leaving --------------------------------------------------------

    def _new_session(self, ydoc: Doc, name: str, colour: str) -> Session:
        """A session whose callbacks act only while it is this window's session: a job a
        refused or left session posted earlier must not touch the next one."""
        from cxmapper.collab.session import Session

        made: list[Session] = []

        def current(fn):
            return lambda *args: fn(*args) if made and self.session is made[0] else None

        session = Session(
            ydoc,
            name=name,
            colour=colour,
            dispatch=self._gui.posted.emit,
            on_presence=current(self._presence),
            on_status=current(self._status),
            on_refusal=current(self._refused),
            receive=current(self._receive),
        )
        made.append(session)
        return session

    def _bind(self, ydoc: Doc, *, host: bool, room=None) -> SharedMap:
        from cxmapper.collab.ydoc import SharedMap

        options = dict(apply_remote=self._apply_remote, on_pending=self._queue_flush, on_remote=self._remote_done)
        editor = self.window.editor
        if room is not None:  # joined: the room was read once, for the window's document
            return room.bind(editor, ydoc, **options)
        return SharedMap.host(editor, ydoc, **options) if host else SharedMap(editor, ydoc, **options)

    def start(self, name: str, colour: str, *, host: str = "127.0.0.1", port: int = 0, ttl: float | None = None) -> JoinLink:
        """Serve this window's map and join it; returns the link. Raises ``SessionError``."""
        from pycrdt import Doc

        from cxmapper.collab.session import SessionError

        if self.active:
            raise SessionError(self.tr("This window is already in a session: leave it first."))
        ydoc = Doc()
        self.shared = self._bind(ydoc, host=True)
        self.session = self._new_session(ydoc, name, colour)
        try:
            with self._busy(self.tr("Starting the session…")):
                self.link = self.session.host(host=host, port=port, ttl=ttl)
        except SessionError:
            self._teardown()
            raise
        self.hosting = True
        self._began()
        return self.link

    def join(self, link: str, name: str, colour: str) -> None:
        """Open the room's map in this window, joined. Raises ``SessionError`` with a sentence."""
        from pycrdt import Array, Doc

        from cxmapper.collab.session import SessionError
        from cxmapper.collab.ydoc import read_room

        if self.active:
            raise SessionError(self.tr("This window is already in a session: leave it first."))
        ydoc = Doc()
        self.session = self._new_session(ydoc, name, colour)
        try:
            with self._busy(self.tr("Joining the session…")):
                self.session.join(link, timeout=JOIN_TIMEOUT_S)
        except SessionError:
            self._teardown()
            raise
        # The room's map was posted to this thread during the first exchange.
        QCoreApplication.sendPostedEvents(self._gui, 0)
        self.link = self.session.link
        self.hosting = False
        if len(ydoc.get("stages", type=Array)) == 0:
            # A room of `cxmapper serve` that holds no map yet: the map open here goes in.
            self.shared = self._bind(ydoc, host=True)
            self.shared_into_room = True
            self._began()
            return
        room = read_room(ydoc)
        doc, repairs = room.doc, room.repairs
        self._joining = True
        try:
            self.window.set_document(doc, None, unsaved=True)
        finally:
            self._joining = False
        self.shared = self._bind(ydoc, host=False, room=room)
        self._began()
        if repairs:
            self._show_repairs([str(r) for r in repairs])

    def _began(self) -> None:
        from cxmapper.collab.undo import PersonalUndo

        window = self.window
        self._clear_history()  # my history in the session starts here
        self.undo = PersonalUndo(window.editor, lambda: self.shared.remote_changes if self.shared else 0)
        self._last_command, self._last_count = None, 0
        self._stop_observing = window.channel.observe(self._changed)
        window.history.setEnabled(False)  # its clicks would undo outside the session's rules
        self.waiting = 0
        self._set_state("live")
        if not self.dock.isVisible():
            self.dock.show()
            window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self._connect_scene()
        self._set_presence(doc=self.shared.ydoc.client_id)
        self._send_selection()
        self._update_actions()
        window.registry.update_states()

    def leave(self) -> None:
        """Leave the session (the host stops it); the map stays in the window as it is."""
        if not self.active:
            return
        hosting = self.hosting
        if hosting and len(self.states) > 1:
            # Tell the others before the server goes: they leave with a notice instead of
            # waiting offline for a server that is not coming back (a restart looks alike).
            self.session.set_presence(ending=True)
            time.sleep(ENDING_NOTICE_S)
        self._teardown()
        self.window.statusBar().showMessage(
            self.tr("Session stopped: the map stays here.") if hosting else self.tr("Left the session: the map stays here."),
            STATUS_MS,
        )

    def _teardown(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.leave()
        if self.shared is not None:
            self.shared.close()
            self.shared = None
        if self._stop_observing is not None:
            self._stop_observing()
            self._stop_observing = None
        self.undo = None
        self.link = None
        self.hosting = False
        self.shared_into_room = False
        self._ending_at = -ENDING_GRACE_S
        self.states = {}
        self.window.history.setEnabled(True)
        self._clear_history()
        if self._overlay is not None:
            self._overlay.show({})
        self.presence_list.show_people({}, None)
        self.dock.hide()
        self._set_state("")
        self._update_actions()
        self.window.registry.update_states()
        self.window._update_undo_texts()

    def _clear_history(self) -> None:
        """Clear the undo stack, keeping the unsaved mark: clearing makes a stack clean."""
        stack = self.window.undo_stack
        unsaved = not stack.isClean()
        stack.clear()
        if unsaved:
            stack.resetClean()

    def _busy(self, message: str):
        return self.window._busy(message)

    def _document_replaced(self) -> None:
        """Another map was opened in this window: it is not the session's map."""
        self._connect_scene()
        if self.active and not self._joining and self.shared is not None and self.shared.editor is not self.window.editor:
            self._teardown()

    # -- the document: remote edits ----------------------------------------------------------

    def _receive(self, update: bytes) -> None:
        if self.shared is not None:
            from cxmapper.collab.client import state_clocks

            ydoc = self.shared.ydoc
            before = state_clocks(ydoc.get_state())
            self.shared.apply_update(update)
            # Whose edit: the Y clients whose clock moved (each participant announces its
            # Doc's client id as the presence field "doc").
            after = state_clocks(ydoc.get_state())
            self._authors |= {client for client, clock in after.items() if clock > before.get(client, 0)}
        else:  # joining: the first exchange, before the map is bound (nothing observes yet)
            self.session.doc.apply_update(update)

    def _queue_flush(self) -> None:
        if not self._flush_queued:
            self._flush_queued = True
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        self._flush_queued = False
        if self.shared is not None:
            try:
                self.shared.flush()
            finally:
                self._authors = set()

    def _apply_remote(self, op) -> None:
        self.window.channel.apply_remote(op, RemoteInitiator(self._who_else()))

    def _who_else(self) -> str:
        """Who made the remote change being applied: the names of the participants whose
        Y client wrote it; when none is known (someone who has left, a client without
        the "doc" field), the names of all others here."""
        me = self.session.client_id if self.session is not None else None
        others = {c: s for c, s in self.states.items() if c != me}
        names = sorted(name_of(s, str(c)) for c, s in others.items() if s.get("doc") in self._authors)
        if not names:
            names = sorted(name_of(s, str(c)) for c, s in others.items())
        return ", ".join(names) or self.tr("another participant")

    def _remote_done(self, change: RemoteChange) -> None:
        if change.record is not None:
            # Someone else's edit is not saved here either: no undo step marks it, so the
            # stack's clean state is made unreachable (the title's mark, the close question).
            self.window.undo_stack.resetClean()
        if change.repairs:
            self._show_repairs([str(r) for r in change.repairs])
        if self._overlay is not None:
            self._overlay.refresh()

    def _show_repairs(self, sentences: list[str]) -> None:
        self.last_repairs = sentences
        self.window.statusBar().showMessage(
            self.tr("Merged with the others' edits: {repairs}").format(repairs=" ".join(sentences)), STATUS_MS * 2
        )

    # -- my edits and undo per person ---------------------------------------------------------

    def _changed(self, record, initiator) -> None:
        if isinstance(initiator, RemoteInitiator):
            return
        if self.state == "offline":
            self.waiting += 1
            self._show_state()
        if self._overlay is not None:
            self._overlay.refresh()
        self._pending_record = record

    def _pushed(self, label: str) -> None:
        """One of my edits reached the undo stack: remember it for undo per person."""
        if self.undo is None:
            return
        stack = self.window.undo_stack
        command = stack.command(stack.index() - 1)
        inverse = getattr(command, "inverse", None)
        record = getattr(self, "_pending_record", None)
        if inverse is None or record is None:
            return
        if command is self._last_command and stack.count() == self._last_count:
            self.undo.amend(inverse, record)  # typing merged into my last step
        else:
            self.undo.did(inverse, record, label)
        self._last_command, self._last_count = command, stack.count()
        self._undo_texts()

    def can_undo(self) -> bool:
        return self.undo.can_undo if self.undo is not None else False

    def can_redo(self) -> bool:
        return self.undo.can_redo if self.undo is not None else False

    def undo_mine(self) -> bool:
        return self._step(self.undo.undo if self.undo is not None else None)

    def redo_mine(self) -> bool:
        return self._step(self.undo.redo if self.undo is not None else None)

    def _step(self, run) -> bool:
        if run is None:
            return False
        self._last_command = None  # the next push is a new step, never merged into one undone
        result = run()
        if not result.done:
            self.window.statusBar().showMessage(result.message, STATUS_MS)
        else:
            self.window.undo_stack.resetClean()  # the stack did not move: mark it unsaved
            self.window.autosaver.note_edit(True)
        self._undo_texts()
        return result.done

    def _undo_texts(self) -> None:
        registry = self.window.registry
        undo = self.undo.undo_label if self.undo is not None else ""
        redo = self.undo.redo_label if self.undo is not None else ""
        registry["undo"].setText(self.tr("&Undo {action}").format(action=undo) if undo else self.tr("&Undo"))
        registry["redo"].setText(self.tr("&Redo {action}").format(action=redo) if redo else self.tr("&Redo"))
        registry.update_states()

    # -- presence -------------------------------------------------------------------------

    def _connect_scene(self) -> None:
        scene = self.window.scene
        if scene is None or getattr(self, "_scene", None) is scene:
            return
        if self._overlay is not None:
            self._overlay.clear()
        self._scene = scene
        self._overlay = PresenceOverlay(scene)
        scene.card_selection_changed.connect(lambda _ids: self._send_selection())
        scene.title_editing_started.connect(self._typing_in)
        scene.title_editing_finished.connect(lambda: self._set_presence(cell=None))
        scene.rebuilt.connect(self._overlay.refresh)
        self._overlay.show(self._others())

    def _send_selection(self) -> None:
        self._set_presence(selection=self.window.selected_card_ids())

    def _typing_in(self, card_id: str) -> None:
        """The title editor opened: on a card, or for a new card in the current cell."""
        if card_id:
            self._set_presence(cell={"card": card_id, "field": "title"})
            return
        cell = self.window.scene.current_cell()
        self._set_presence(cell={"lane": cell[0], "step": cell[1]} if cell else None)

    def _set_presence(self, **fields: Any) -> None:
        if self.session is not None:
            self.session.set_presence(**fields)

    def _others(self) -> dict[int, dict[str, Any]]:
        me = self.session.client_id if self.session is not None else None
        return {cid: state for cid, state in self.states.items() if cid != me}

    def _presence(self, states: dict[int, dict[str, Any]]) -> None:
        if self.session is None:
            return
        states = {cid: state for cid, state in states.items() if isinstance(state, dict)}  # from the network
        # A host that stops says so first; believed only when the connection drops within
        # ENDING_GRACE_S after it (anyone could send the flag: alone it changes nothing).
        if any(s.get("ending") is True for c, s in states.items() if c != self.session.client_id):
            self._ending_at = time.monotonic()
        self.states = states
        self.presence_list.show_people(states, self.session.client_id)
        if self._overlay is not None:
            self._overlay.show(self._others())
        self._show_state()
        self.presence_changed.emit(states)

    # -- status ------------------------------------------------------------------------------

    def _status(self, status: str, detail: str) -> None:
        if self.session is None:
            return
        if status == "synced":
            if self.state == "offline" and self.waiting:
                self.window.statusBar().showMessage(
                    self.tr("Back online: %n edit(s) made offline were merged.", "", self.waiting), STATUS_MS
                )
            self.waiting = 0
            self._set_state("live")
        elif status == "disconnected":
            if not self.hosting and time.monotonic() - self._ending_at < ENDING_GRACE_S:
                self._teardown()
                self._tell(self.tr("The host stopped the session. The map stays in this window as it was: save it to keep it."))
                return
            self._set_state("offline")
        elif status in ("refused", "stopped"):
            hosting = self.hosting
            self._teardown()
            if status == "refused" or not hosting:
                self._tell(detail or self.tr("The session ended."))

    def _set_state(self, state: str) -> None:
        self.state = state
        self._show_state()
        self.state_changed.emit(state)

    def _show_state(self) -> None:
        label = self.status_label
        if self.state == "live":
            label.setText(self.tr("Live session · %n here", "", max(1, len(self.states))))
            label.setStyleSheet("color: #1b7f3b;")
        elif self.state == "offline":
            label.setText(self.tr("Offline: %n edit(s) waiting", "", self.waiting))
            label.setStyleSheet("color: #b00020;")
        label.setVisible(bool(self.state))

    def _refused(self, refusal) -> None:
        sentence = self.tr("The session refused a participant: {reason}").format(reason=refusal.reason)
        self.refusals.append(sentence)
        self.window.statusBar().showMessage(sentence, STATUS_MS)

    def _tell(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Live session"), message, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("session_message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box

    def shutdown(self) -> None:
        """The window closes: leave the session, stop the network thread."""
        if self.active:
            self._teardown()

