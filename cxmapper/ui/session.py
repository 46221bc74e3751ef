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
awareness fields (where I type, and the words for where the others type:
``session_typing.py``); Who is here ▸ a person scrolls to them (``session_follow.py``). Status: a permanent status-bar label ("Live session · 3 here",
"Offline: 2 edits waiting", …). Repairs after a merge are shown in words.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenuBar,
    QMessageBox,
    QPushButton,
)

from cxmapper.ui.edit_channel import RemoteInitiator
from cxmapper.ui.session_follow import MAX_FOLLOWED, SessionFollow  # noqa: F401 (importable here as before)
from cxmapper.ui.session_presence import STATUS_MS, PresenceList, PresenceOverlay, name_of
from cxmapper.ui.session_typing import METRIC_FIELDS, SessionTyping  # noqa: F401 (importable here as before)

if TYPE_CHECKING:  # the network, the Y.Doc and the dialogs load when a session starts
    from pycrdt import Doc

    from cxmapper.collab.auth import JoinLink
    from cxmapper.collab.session import Session
    from cxmapper.collab.undo import PersonalUndo
    from cxmapper.collab.ydoc import RemoteChange, SharedMap
    from cxmapper.ui.mainwindow import MainWindow
    from cxmapper.ui.session_dialogs import JoinSessionDialog, LinkDialog, StartSessionDialog

JOIN_TIMEOUT_S = 8.0
ENDING_GRACE_S = 5.0  # a drop this soon after "ending" is the host stopping
ENDING_NOTICE_S = 0.3  # how long a stopping host gives its notice to reach the others
DOCK_WIDTH = 160  # names and colours: narrow, the canvas keeps the room
# A guest whose connection has failed this many times and for this long is told in words
# that the host cannot be reached (a crashed host sends no "ending"); retrying goes on.
HOST_GONE_ATTEMPTS = 3
HOST_GONE_S = 30.0
JOINED_WINDOW_OFFSET = 40  # a session joined in a new window opens this far down-right
TRYING_MIN_MS = 700  # "Trying…" stays this long at least: a refusal on localhost is instant
_UNSENT = object()


class _GuiThread(QObject):
    """Runs callables posted from the network thread on the GUI thread (queued signal)."""

    posted = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, fn) -> None:
        fn()


class SessionController(SessionTyping, SessionFollow, QObject):
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
        # Where I type: the canvas title editor's cell, or the inspector's/outline's field
        # that has the focus; the presence "cell" is the first of the two (sent on change).
        self._canvas_cell: dict[str, str] | None = None
        self._focus_cell: dict[str, str] | None = None
        self._sent_cell: object = _UNSENT
        self._watching_focus = False
        self._comments_followed = False
        # The connection lost: since when (monotonic, local time shown), failed attempts.
        self._offline_since: float | None = None
        self._offline_clock: QDateTime | None = None
        self._failures = 0
        self.host_gone = False
        # Try Now (the host-gone bar): an attempt asked for and not answered yet, and when
        # the last one asked for failed (said in the bar).
        self.trying = False
        self._trying_since = 0.0
        self._tried_clock: QDateTime | None = None
        self._gone_check = QTimer(self)
        self._gone_check.setSingleShot(True)
        self._gone_check.timeout.connect(self._check_host_gone)
        self._show_after_workshop = False  # a session began while workshop mode hid the docks
        self.expires_at: float | None = None  # when the hosted link stops admitting people
        self.joined_window: MainWindow | None = None  # the window a Join opened (not this one)
        self.my_name = ""  # as the others see it (comments are signed with it)
        self._joined_windows: list[MainWindow] = []  # every one, the latest last
        self.end_question: QMessageBox | None = None
        self.presence_list = PresenceList()
        self.presence_list.person_chosen.connect(self.go_to)
        self.dock = QDockWidget(self.tr("Who is here"), window)
        self.dock.setObjectName("presence_dock")
        self.dock.setWidget(self.presence_list)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.status_label = QLabel(window)
        self.status_label.setObjectName("session_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.gone_bar: QFrame | None = None  # "the host cannot be reached", above the canvas
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
        self.leave_action.triggered.connect(self.leave_from_menu)
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
        self.join_action.setEnabled(True)  # in a session: the other one opens in a new window
        self.link_action.setEnabled(self.active and self.link is not None)
        self.leave_action.setEnabled(self.active)
        self.leave_action.setText(self.tr("&End Session for Everyone…") if self.hosting else self.tr("&Leave Session"))

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

        dialog = LinkDialog(str(self.link), self.window, expires_at=self.expires_at)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _start_from_dialog(self, interface: str, name: str, colour: str, ttl: float | None = None) -> str | None:
        from cxmapper.collab.session import SessionError

        try:
            self.start(name, colour, host=interface, ttl=ttl)
        except SessionError as exc:
            return in_words(str(exc))
        return None

    def _join_from_dialog(self, link: str, name: str, colour: str) -> str | None:
        """Join from the dialog: in this window when it holds a new map nobody touched,
        else in a new window (the map here stays as it is, saved or not, as in every
        document app). A refusal leaves no new window behind."""
        from cxmapper.collab.session import SessionError

        window = self.window
        already = self._window_in_room(link)
        if already is not None:  # a second copy of me in one room helps nobody: show the first
            already.show()
            already.activateWindow()
            already.raise_()
            already.statusBar().showMessage(self.tr("This window is already in that session."), STATUS_MS)
            return None
        if window.is_pristine() and not self.active:
            try:
                self.join(link, name, colour)
            except SessionError as exc:
                return in_words(str(exc))
            return None
        target = type(window)(window.settings, window.store)
        try:
            target.session.join(link, name, colour, share=window.editor.doc)
        except SessionError as exc:
            target.session.shutdown()
            target.undo_stack.setClean()
            target.deleteLater()
            return in_words(str(exc))
        window._other_windows.append(target)
        target.resize(window.size())
        target.move(window.pos() + QPoint(JOINED_WINDOW_OFFSET, JOINED_WINDOW_OFFSET))
        target.show()
        target.activateWindow()
        target.raise_()
        self.joined_window = target
        self._joined_windows.append(target)
        return None

    def _window_in_room(self, link: str) -> MainWindow | None:
        """This window, or one its Joins opened, when already in the session of ``link``
        (same room and port; the host's name may be written another way); else None.
        (Other windows of the process are not asked: tests and demos run several people
        in one process.)"""
        from cxmapper.collab.auth import JoinLink

        try:
            wanted = JoinLink.parse(link)
        except ValueError:
            return None  # the join says what is wrong with it
        for window in [self.window, *self._joined_windows]:
            if not shiboken6.isValid(window):  # closed and deleted since
                continue
            controller = window.session
            if controller.active and controller.link is not None:
                if (controller.link.room, controller.link.port) == (wanted.room, wanted.port):
                    return window
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
        self.my_name = name_of({"name": name}, "")
        try:
            with self._busy(self.tr("Starting the session…")):
                self.link = self.session.host(host=host, port=port, ttl=ttl)
        except SessionError:
            self._teardown()
            raise
        self.hosting = True
        self.expires_at = self.session.expires_at
        self._began()
        return self.link

    def join(self, link: str, name: str, colour: str, *, share=None) -> None:
        """Open the room's map in this window, joined. Raises ``SessionError`` with a sentence.

        A room that holds no map yet (a fresh room of ``cxmapper serve``) receives
        ``share`` (a copy of it, shown here unsaved), or else the map open here, unless
        that is a new window's blank map (untouched, no card): then the window shows the
        empty room until someone brings a map."""
        from pycrdt import Array, Doc

        from cxmapper.collab.session import SessionError
        from cxmapper.collab.ydoc import read_room

        if self.active:
            raise SessionError(self.tr("This window is already in a session: leave it first."))
        ydoc = Doc()
        self.session = self._new_session(ydoc, name, colour)
        self.my_name = name_of({"name": name}, "")
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
        blank = share is None and self.window.is_pristine() and not self.window.editor.doc.cards
        if len(ydoc.get("stages", type=Array)) == 0 and not blank:
            # A room of `cxmapper serve` that holds no map yet: the map open here goes in.
            if share is not None and share is not self.window.editor.doc:
                self._joining = True
                try:
                    self.window.set_document(share.model_copy(deep=True), None, unsaved=True)
                finally:
                    self._joining = False
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
        if blank and not room.doc.stages:
            # A new window's blank map does not go in: several people joining a fresh room
            # at once each put theirs in (stages twice), and the map of whoever brings one
            # found the room taken by an empty template. The map arrives with its bearer.
            self.window.statusBar().showMessage(
                self.tr("The room holds no map yet: it appears here when someone who has one joins."), STATUS_MS * 2
            )
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
        self._online()
        self._set_state("live")
        workshop = getattr(window, "workshop", None)
        if workshop is not None and workshop.active:
            self._show_after_workshop = True  # the projector shows the map only
        elif not self.dock.isVisible():
            self._show_dock()
        self._connect_scene()
        self._set_presence(doc=self.shared.ydoc.client_id)
        self._send_selection()
        self._watch_focus(True)
        comments = getattr(window, "comments", None)
        if comments is not None:
            comments.panel.session_name = self.my_name
            if not self._comments_followed:  # the box typed in may show another thread
                comments.panel.target_changed.connect(lambda: self._update_typing())
                self._comments_followed = True
        self._sent_cell = _UNSENT
        self._update_typing()
        self._update_actions()
        window.registry.update_states()

    def _show_dock(self) -> None:
        self.dock.show()
        self._narrow_dock()
        # A window not laid out yet (a Join's new window, shown right after) ignores the
        # width: again once the event loop has shown it.
        QTimer.singleShot(0, self, self._narrow_dock)

    def _narrow_dock(self) -> None:
        if self.dock.isVisible():
            self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def workshop_changed(self, active: bool) -> None:
        """Workshop mode hid the docks (this one too) and put them back as they were on
        leaving: a session that ended meanwhile has no dock; one that began shows it."""
        if active:
            return
        if not self.active:
            self.dock.hide()
        elif self._show_after_workshop:
            self._show_dock()
        self._show_after_workshop = False

    def others_here(self) -> int:
        return len(self._others())

    def leave_from_menu(self) -> QMessageBox | None:
        """Share ▸ Leave Session, or as host ▸ End Session for Everyone…: with others here,
        the host is asked first, in words that say what happens to them."""
        if not self.active:
            return None
        others = self.others_here()
        if not self.hosting or others == 0:
            self.leave()
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("End the session for everyone"),
            self.tr(
                "End the live session for everyone? %n other participant(s) are told that the session "
                "has ended; each keeps their copy of the map as it is now. The map stays in this window.",
                "",
                others,
            ),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("session_end_question")
        end = box.addButton(self.tr("&End Session"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(end)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self.leave() if box.clickedButton() is end else None)
        self.end_question = box
        box.open()
        return box

    def leave(self) -> None:
        """Leave the session (the host ends it for everyone); the map stays in the window as it is."""
        if not self.active:
            return
        hosting = self.hosting
        self._tell_the_end()
        self._teardown()
        self.window.statusBar().showMessage(
            self.tr("Session ended for everyone: the map stays here.") if hosting else self.tr("Left the session: the map stays here."),
            STATUS_MS,
        )

    def _tell_the_end(self) -> None:
        """A host that ends the session tells the others before the server goes: they
        leave with a notice instead of waiting offline for a server that is not coming
        back (a restart looks alike)."""
        if self.hosting and self.session is not None and self.others_here():
            self.session.set_presence(ending=True)
            time.sleep(ENDING_NOTICE_S)

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
        self.expires_at = None
        self.hosting = False
        self.shared_into_room = False
        self._watch_focus(False)
        comments = getattr(self.window, "comments", None)
        if comments is not None:
            comments.panel.session_name = ""
        self._canvas_cell = self._focus_cell = None
        self._sent_cell = _UNSENT
        self._online()
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
        self._update_typing()  # the inspector may show another target now (a removal)
        if any(isinstance(state.get("cell"), dict) for state in self._others().values()):
            self._show_people()  # the name in "typing in …" may have changed
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
        scene.title_editing_finished.connect(self._typing_done)
        scene.header_editing.connect(self._header_typing)
        scene.emotion_dragging.connect(self._emotion_dragging)
        scene.rebuilt.connect(self._overlay.refresh)
        self._overlay.show(self._others())

    def _send_selection(self) -> None:
        self._set_presence(selection=self.window.selected_card_ids())

    def _show_people(self) -> None:
        if self.session is not None:
            self.presence_list.show_people(
                self.states, self.session.client_id, self.activity, offline=self.state == "offline"
            )

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
        self._show_people()
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
            elif self.host_gone:
                self.window.statusBar().showMessage(self.tr("Back online: the session can be reached again."), STATUS_MS)
            self.waiting = 0
            self._online()
            self._set_state("live")
        elif status == "disconnected":
            if self.trying:
                self._tried_without_answer()
            if not self.hosting and time.monotonic() - self._ending_at < ENDING_GRACE_S:
                self._teardown()
                self._tell(
                    self.tr(
                        "The host ended the session for everyone. Your copy of the map stays in this window "
                        "as it was: save it to keep it."
                    )
                )
                return
            self._connection_failed()
            self._set_state("offline")
        elif status in ("refused", "stopped"):
            hosting = self.hosting
            self._teardown()
            if status == "refused" or not hosting:
                self._tell(in_words(detail) or self.tr("The session ended."))

    def _online(self) -> None:
        self._offline_since = None
        self._offline_clock = None
        self._failures = 0
        self.host_gone = False
        self.trying = False
        self._tried_clock = None
        self._gone_check.stop()

    def try_now(self) -> None:
        """The host-gone bar's Try Now: the next attempt at once instead of after the
        client's backoff (up to 5 s); "Trying…" until it answers. Success: the bar goes
        (``_status("synced")``); failure: the bar says when it was tried."""
        if self.session is None or self.trying or self.state != "offline":
            return
        self.trying = True
        self._trying_since = time.monotonic()
        self._show_state()
        client = getattr(self.session, "_client", None)  # collab.session keeps its client to itself
        if client is not None:
            client.retry_now()  # False: an attempt is under way already; its answer is awaited

    def _tried_without_answer(self) -> None:
        """The attempt Try Now asked for failed; "Trying…" stays TRYING_MIN_MS at least."""
        left = TRYING_MIN_MS - int((time.monotonic() - self._trying_since) * 1000)
        if left > 0:
            QTimer.singleShot(left, self, self._tried_without_answer)
            return
        if not self.trying or self.session is None:
            return
        self.trying = False
        self._tried_clock = QDateTime.currentDateTime()
        self._show_state()

    def _connection_failed(self) -> None:
        """One more failed attempt to reach the session (the client keeps retrying)."""
        if self._offline_since is None:
            self._offline_since = time.monotonic()
            self._offline_clock = QDateTime.currentDateTime()
            self._gone_check.start(int(HOST_GONE_S * 1000) + 50)
        self._failures += 1
        self._check_host_gone()

    def _check_host_gone(self) -> None:
        """After HOST_GONE_ATTEMPTS failures over HOST_GONE_S, say so in words: a host that
        crashed (or a server that is down) told nobody, and "Offline" alone reads as a blip."""
        if self.session is None or self.hosting or self._offline_since is None or self.host_gone:
            return
        if self._failures >= HOST_GONE_ATTEMPTS and time.monotonic() - self._offline_since >= HOST_GONE_S:
            self.host_gone = True
            self._show_state()
        elif not self._gone_check.isActive():
            self._gone_check.start(1000)

    def offline_since_text(self) -> str:
        if self._offline_clock is None:
            return ""
        return QLocale().toString(self._offline_clock.time(), QLocale.FormatType.ShortFormat)

    def _host_gone_bar(self) -> QFrame:
        """A bar above the canvas (the status bar has no room for the sentence and its two
        ways out, and workshop mode hides it): built the first time a host is gone."""
        if self.gone_bar is None:
            bar = QFrame(self.window.centralWidget())
            bar.setObjectName("session_host_gone")
            bar.setStyleSheet("#session_host_gone { background: #fdecea; border-bottom: 1px solid #e6a19c; }")
            row = QHBoxLayout(bar)
            row.setContentsMargins(10, 6, 10, 6)
            self.gone_text = QLabel(bar)
            self.gone_text.setObjectName("session_host_gone_text")
            self.gone_text.setWordWrap(True)
            self.gone_text.setStyleSheet("color: #8a1c14;")
            self.save_copy_button = QPushButton(self.tr("Save a &Copy…"), bar)
            self.save_copy_button.setObjectName("session_save_copy")
            self.save_copy_button.clicked.connect(self.window.save_as)
            self.gone_leave_button = QPushButton(self.tr("Leave the Session"), bar)
            self.gone_leave_button.setObjectName("session_gone_leave")
            self.gone_leave_button.clicked.connect(self.leave)
            self.try_button = QPushButton(self.tr("Try &Now"), bar)
            self.try_button.setObjectName("session_try_now")
            self.try_button.setToolTip(self.tr("Try to reach the session now instead of waiting for the next attempt"))
            self.try_button.clicked.connect(self.try_now)
            row.addWidget(self.gone_text, 1)
            row.addWidget(self.try_button)
            row.addWidget(self.save_copy_button)
            row.addWidget(self.gone_leave_button)
            self.window.centralWidget().layout().insertWidget(0, bar)
            self.gone_bar = bar
        return self.gone_bar

    def _set_state(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        self._show_state()
        if changed:
            self._show_people()  # the others are greyed while this window is offline
        self.state_changed.emit(state)

    def _show_state(self) -> None:
        label = self.status_label
        gone = self.state == "offline" and self.host_gone
        if self.state == "live":
            label.setText(self.tr("Live session · %n here", "", max(1, len(self.states))))
            label.setToolTip(self._live_tip())
            label.setStyleSheet("color: #1b7f3b;")
        elif gone:
            since = self.offline_since_text()
            if self.waiting:
                label.setText(self.tr("Host unreachable since {time} · %n edit(s) waiting", "", self.waiting).format(time=since))
            else:
                label.setText(self.tr("Host unreachable since {time}").format(time=since))
            label.setToolTip("")
            label.setStyleSheet("color: #b00020;")
            self._host_gone_bar()
            sentence = self.tr(
                "The host cannot be reached since {time}. Your edits are kept here and merge when it is back "
                "(CX Mapper keeps trying): keep working, save a copy, or leave the session."
            ).format(time=since)
            if self.waiting:  # one string: the translation decides the space between sentences
                sentence = self.tr("{sentence} %n edit(s) made here are waiting.", "", self.waiting).format(sentence=sentence)
            if self._tried_clock is not None and not self.trying:
                tried = QLocale().toString(self._tried_clock.time(), QLocale.FormatType.ShortFormat)
                sentence = self.tr("{sentence} Tried again at {time}: no answer.").format(sentence=sentence, time=tried)
            self.gone_text.setText(sentence)
            self.try_button.setText(self.tr("Trying…") if self.trying else self.tr("Try &Now"))
            self.try_button.setEnabled(not self.trying)
        elif self.state == "offline":
            if self.waiting:
                label.setText(self.tr("Offline: %n edit(s) waiting", "", self.waiting))
            else:
                label.setText(self.tr("Offline: nothing waiting to be sent"))
            label.setToolTip("")
            label.setStyleSheet("color: #b00020;")
        label.setVisible(bool(self.state))
        if self.gone_bar is not None:
            self.gone_bar.setVisible(gone)

    def _live_tip(self) -> str:
        if not self.hosting:
            return ""
        from cxmapper.ui.session_dialogs import expiry_sentence

        return expiry_sentence(self.expires_at)

    def _refused(self, refusal) -> None:
        sentence = self.tr("The session refused a participant: {reason}").format(reason=in_words(refusal.reason))
        self.refusals.append(sentence)
        self.window.statusBar().showMessage(sentence, STATUS_MS)

    def _tell(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Live session"), message, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("session_message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box

    def may_close(self) -> bool:
        """The window is about to close: a host with others here is asked first (closing
        ends the session for everyone). True to go on closing."""
        others = self.others_here() if self.active and self.hosting else 0
        if not others:
            return True
        answer = QMessageBox.question(
            self.window,
            self.tr("End the session for everyone"),
            self.tr(
                "Closing this window ends the live session for everyone: %n other participant(s) are told, "
                "and each keeps their copy of the map. Close it?",
                "",
                others,
            ),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def shutdown(self) -> None:
        """The window closes: leave the session (a host ends it for everyone, who are
        told), stop the network thread."""
        if self.active:
            self._tell_the_end()
            self._teardown()


def in_words(sentence: str) -> str:
    """A sentence of ``collab`` in the window's language (``session_words``, loaded with a
    session: nothing of ``collab`` is imported before one starts)."""
    from cxmapper.ui.session_words import in_words as translated

    return translated(sentence)
