"""The main window: one map, its canvas, panels, actions, files and autosave.

Owns the life of a document in the window: new/open/save/save-as/close with the
unsaved-changes question, the window title and its modified mark (from the undo
stack's clean state), the watch on the file for changes by other programs, autosave
and crash recovery, copy/paste and find.

Edits: the window owns one ``EditChannel`` (``ui/edit_channel.py``: the editor, the
undo stack, the only place that pushes). Menu actions and shortcuts build named edits
(``ui/edits.py``) and push them there, as the canvas and the panels do; the channel
fans every change out to ``changes_applied(record, initiator)`` of the scene, the
inspector, the outline, the Kano panel and this window (title, counts, find, workshop,
autosave of remote edits). A refusal arrives once, from the channel, in the status
bar; a deletion of many cards says what it did there, with Undo beside it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model.document import MapDocument
from cxmapper.model.editor import Editor
from cxmapper.model.fileformat import (
    MapFileError,
    ReadOnlyMapError,
    changed_since,
    disk_signature,
    dumps,
    load_file,
    save_file,
)
from cxmapper.model.templates import new_map
from cxmapper.ui.actions import ActionRegistry
from cxmapper.ui.autosave import Autosaver, AutosaveStore
from cxmapper.ui.canvas import JourneyScene, JourneyView
from cxmapper.ui.clipboard import PasteError, copy_payload, from_mime, paste_plan, to_mime
from cxmapper.ui import edits
from cxmapper.ui.edit_actions import EditActions, UndoOffer
from cxmapper.ui.edit_channel import EditChannel, RemoteInitiator
from cxmapper.ui.export_dialog import ask_export_options, ask_export_path, export_with_progress
from cxmapper.ui.web_page_export import export_web_page
from cxmapper.ui.find import FindBar
from cxmapper.ui.i18n import current_language
from cxmapper.ui.panels.comments import CommentsUi
from cxmapper.ui.panels.inspector import InspectorPanel
from cxmapper.ui.panels.kano_panel import KanoPanel
from cxmapper.ui.panels.outline import OutlinePanel
from cxmapper.ui.presentation import WorkshopMode
from cxmapper.ui.session import SessionController
from cxmapper.ui.settings import Settings


FILE_SUFFIX = ".cxmap"
APP_NAME = "CX Mapper"
STATUS_MS = 6000
READABLE_ZOOM = 0.6  # below this, card titles are too small to read on a laptop


_disk_signature = disk_signature


class MainWindow(QMainWindow):
    """One map in one window. ``editor`` and ``undo_stack`` belong to the current map.

    ``path``: the map file to show first (the command line's); when it cannot be read,
    the window says why and shows a new map, as ``open_path`` does.
    """

    document_replaced = Signal()

    def __init__(
        self, settings: Settings | None = None, store: AutosaveStore | None = None, path: str | Path | None = None
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.store = store or AutosaveStore()
        self.undo_stack = QUndoStack(self)
        self.editor: Editor | None = None
        self.path: Path | None = None
        self.scene: JourneyScene | None = None
        self.channel: EditChannel | None = None
        self._disk_signature = None
        self._asking_about_disk = False
        self._other_windows: list[MainWindow] = []
        self._last_index = 0
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)

        self.autosaver = Autosaver(
            self.store,
            serialize=lambda: dumps(self.editor.doc),
            describe=lambda: (str(self.path) if self.path else None, self.editor.doc.meta.title),
            interval_s=self.settings.autosave_seconds,
            every_edits=self.settings.autosave_edits,
            count_edits=lambda: abs(self.undo_stack.index() - max(0, self.undo_stack.cleanIndex())),
            parent=self,
        )
        self.autosaver.failed.connect(
            lambda reason: self.statusBar().showMessage(
                self.tr("Autosave failed: {reason}").format(reason=reason), STATUS_MS
            )
        )
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed_on_disk)

        # The document must exist before the panels are built: they read it. A file to
        # open is read first, not after the template map's scene and panels were built
        # only to be replaced at once.
        doc = self._read_map(Path(path)) if path is not None else None
        if doc is None:
            path = None
            doc = new_map("journey", locale=self._locale())
        self._install_document(doc, path)
        self._build_central()
        self._build_docks()
        self.session = SessionController(self)  # Share menu, presence dock (ui/session.py)
        # Not ``self.actions``: that would hide QWidget.actions().
        self.registry = ActionRegistry(self)
        self._define_actions()
        self.edit_actions = EditActions(self)
        self.inspector.link_requested.connect(self.edit_actions.link_to)
        self.comments = CommentsUi(self)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.workshop = WorkshopMode(self)
        self.workshop.active_changed.connect(self.session.workshop_changed)  # the presence dock
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._index_changed)
        self.undo_stack.undoTextChanged.connect(self._update_undo_texts)
        self.undo_stack.redoTextChanged.connect(self._update_undo_texts)
        self._attach_scene()
        self._document_shown()
        geometry, state = self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry()
            self.resize(int(available.width() * 0.9), int(available.height() * 0.9))
        if state is None or not self.restoreState(state):
            # First start: the canvas gets the room; the side docks start narrow.
            self.resizeDocks(
                [self.outline_dock, self.inspector_dock], [220, 400], Qt.Orientation.Horizontal
            )
        if path is not None:
            self._opened(Path(path))

    # ------------------------------------------------------------------ building

    @staticmethod
    def _locale() -> str:
        return current_language()

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._central_layout = layout
        self._find_bar: FindBar | None = None  # built when first used (see find_bar)
        self.view = JourneyView()
        self.view.setObjectName("canvas_view")
        # The canvas takes no Qt drops (its drags are its own gestures): a .cxmap dragged
        # over it goes on to the window, which opens it.
        self.view.setAcceptDrops(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._canvas_context_menu)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

    @property
    def find_bar(self) -> FindBar:
        """The find bar above the canvas, built on first use: hidden at start, it was
        ~8 ms of the first window under cProfile (its clear button loads an icon)."""
        if self._find_bar is None:
            bar = self._find_bar = FindBar(self.centralWidget())
            bar.hide()
            bar.query_edited.connect(lambda _q: bar.search(self.editor.doc))
            bar.matches_changed.connect(self._show_matches)
            bar.current_changed.connect(self._show_match)
            self._central_layout.insertWidget(0, bar)
        return self._find_bar

    def _finding(self) -> bool:
        """Whether the find bar is open (without building it)."""
        return self._find_bar is not None and self._find_bar.isVisible()

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState find docks by name
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.inspector = InspectorPanel(self.channel)
        self.outline = OutlinePanel(self.channel)
        self.channel.connect_follower(self.inspector)
        self.channel.connect_follower(self.outline)
        self.outline.item_selected.connect(lambda kind, item_id: self.inspector.show_target(kind, [item_id]))
        self.history = QUndoView(self.undo_stack)
        self.history.setEmptyLabel(self.tr("<opened>"))
        self.outline_dock = self._dock("outline_dock", self.tr("Outline"), self.outline, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock(
            "inspector_dock", self.tr("Inspector"), self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.history_dock = self._dock("history_dock", self.tr("History"), self.history, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.inspector_dock, self.history_dock)
        self.kano = KanoPanel(self.channel, parent=self)
        self.kano.card_activated.connect(self._show_match)
        self.kano_dock = self._dock("kano_dock", self.tr("Kano"), self.kano, Qt.DockWidgetArea.RightDockWidgetArea)
        # Tabbed behind the inspector, the panel stays isVisible(): only this signal
        # tells that nobody sees it (it would analyse every opened map for nothing).
        self.kano_dock.visibilityChanged.connect(self.kano.set_on_screen)
        self.tabifyDockWidget(self.history_dock, self.kano_dock)
        self.inspector_dock.raise_()
        self.outline_dock.setMinimumWidth(200)
        self.inspector_dock.setMinimumWidth(280)

    def _define_actions(self) -> None:
        """Every action of the window, once. Menus, toolbar and context menus reuse them."""
        sp = QStyle.StandardPixmap
        key = QKeySequence.StandardKey
        a = self.registry
        has_cards = lambda: bool(self.selected_card_ids())  # noqa: E731
        a.define(
            "new", self.tr("&New Journey Map"), lambda: self.new_document("journey"), shortcut=key.New,
            icon=sp.SP_FileIcon, icon_text=self.tr("New"),
        )
        a.define("new_blueprint", self.tr("New Service &Blueprint"), lambda: self.new_document("blueprint"))
        a.define(
            "open", self.tr("&Open…"), self.open_dialog, shortcut=key.Open, icon=sp.SP_DialogOpenButton,
            icon_text=self.tr("Open"),
        )
        a.define(
            "save", self.tr("&Save"), self.save, shortcut=key.Save, icon=sp.SP_DialogSaveButton,
            icon_text=self.tr("Save"),
        )
        a.define("save_as", self.tr("Save &As…"), self.save_as, shortcut=key.SaveAs)
        a.define("preferences", self.tr("&Preferences…"), self.show_preferences, shortcut=key.Preferences)
        a.define("quit", self.tr("&Quit"), self.close, shortcut=[key.Quit, "Ctrl+Q"])
        a.define(
            "undo", self.tr("&Undo"), self.undo, shortcut=key.Undo, icon=sp.SP_ArrowBack,
            enabled_when=self.can_undo, icon_text=self.tr("Undo"),  # the menu says "Undo Move 3 cards"
        )
        a.define(
            "redo", self.tr("&Redo"), self.redo, shortcut=key.Redo, icon=sp.SP_ArrowForward,
            enabled_when=self.can_redo, icon_text=self.tr("Redo"),
        )
        # N and Shift+N are read by the canvas itself (a window shortcut on a plain
        # letter would steal it from every text field); the menu shows the key.
        a.define(
            "add_card", self.tr("Add &Card\tN"), self.add_card,
            tip=self.tr("Add a card to the selected cell and type its title"),
        )
        a.define("add_card_kind", self.tr("Add Card of &Kind…\tShift+N"), self.add_card_of_kind)
        a.define("cut", self.tr("Cu&t"), self.cut, shortcut=key.Cut, enabled_when=has_cards)
        a.define("copy", self.tr("&Copy"), self.copy, shortcut=key.Copy, enabled_when=has_cards)
        a.define("paste", self.tr("&Paste"), self.paste, shortcut=key.Paste)
        a.define(
            "delete", self.tr("&Delete"), self.delete, shortcut=key.Delete, icon=sp.SP_TrashIcon,
            icon_text=self.tr("Delete"),
        )
        a.define("select_all", self.tr("Select &All"), self.select_all, shortcut=key.SelectAll)
        a.define(
            "find", self.tr("&Find…"), lambda: self.find_bar.open_bar(), shortcut=key.Find,
            icon=sp.SP_FileDialogContentsView, icon_text=self.tr("Find"),
        )
        a.define("find_next", self.tr("Find &Next"), lambda: self.find_bar.next_match(), shortcut=key.FindNext)
        a.define(
            "find_previous", self.tr("Find Pre&vious"), lambda: self.find_bar.previous_match(),
            shortcut=key.FindPrevious,
        )
        a.define("zoom_in", self.tr("Zoom &In"), self.zoom_in, shortcut=key.ZoomIn)
        a.define("zoom_out", self.tr("Zoom &Out"), self.zoom_out, shortcut=key.ZoomOut)
        a.define(
            "zoom_fit", self.tr("&Fit to Window"), self.zoom_fit, shortcut="Ctrl+0", icon_text=self.tr("Fit")
        )
        a.define("zoom_reset", self.tr("Actual &Size"), self.zoom_reset, shortcut="Ctrl+1")
        a.define(
            "workshop", self.tr("&Workshop Mode"), self.workshop_toggle, shortcut="F5", icon=sp.SP_DesktopIcon,
            tip=self.tr("Full screen, one stage at a time; Esc leaves"), icon_text=self.tr("Workshop"),
        )
        a.define("about", self.tr("&About CX Mapper"), self.show_about)
        for kind, text in (
            ("pdf", self.tr("&PDF Report…")),
            ("png", self.tr("P&NG Picture…")),
            ("svg", self.tr("&SVG Picture…")),
            ("json", self.tr("Flat &JSON…")),
            ("csv", self.tr("&CSV Tables…")),
            ("mermaid", self.tr("&Mermaid Journey…")),
            ("pptx", self.tr("S&lides…")),
        ):
            a.define(f"export_{kind}", text, lambda kind=kind: self.export(kind))
        a.define("export_html", self.tr("&Web Page…"), self.export_web_page)
        for mode, text in (
            ("all", self.tr("&All Links")),
            ("selected", self.tr("Links of the &Selected Cards")),
            ("none", self.tr("&No Links")),
        ):
            a.define(f"links_{mode}", text, lambda mode=mode: self.scene.set_link_mode(mode))

    def _build_menus(self) -> None:
        a = self.registry
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for name in ("new", "new_blueprint", "open"):
            file_menu.addAction(a[name])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        for name in ("save", "save_as"):
            file_menu.addAction(a[name])
        export_menu = file_menu.addMenu(self.tr("&Export"))
        for kind in ("pdf", "png", "svg", "json", "csv", "mermaid", "html", "pptx"):
            export_menu.addAction(a[f"export_{kind}"])
        file_menu.addSeparator()
        file_menu.addAction(a["preferences"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for name in (
            "undo", "redo", None, "add_card", "add_card_kind", "edit_title", "link_to", "comment", None,
            "add_step_after", "add_stage_after", "add_emotion_point", None, "cut", "copy", "paste", "delete", None,
            "select_all", None, "find", "find_next", "find_previous",
        ):
            edit_menu.addSeparator() if name is None else edit_menu.addAction(a[name])
        view_menu = bar.addMenu(self.tr("&View"))
        for name in ("zoom_in", "zoom_out", "zoom_fit", "zoom_reset", None, "workshop"):
            view_menu.addSeparator() if name is None else view_menu.addAction(a[name])
        view_menu.addSeparator()
        self.personas_menu = view_menu.addMenu(self.tr("Emotion curves of"))
        self.personas_menu.aboutToShow.connect(self._fill_personas_menu)
        links_menu = view_menu.addMenu(self.tr("&Links"))
        link_modes = QActionGroup(self)
        for mode in ("all", "selected", "none"):
            action = a[f"links_{mode}"]
            action.setCheckable(True)
            link_modes.addAction(action)
            links_menu.addAction(action)
        links_menu.aboutToShow.connect(
            lambda: a[f"links_{self.scene.link_mode().value}"].setChecked(True)
        )
        panels = view_menu.addMenu(self.tr("&Panels"))
        for dock in (self.outline_dock, self.inspector_dock, self.history_dock, self.kano_dock, self.comments.dock):
            panels.addAction(dock.toggleViewAction())
        self.session.add_menu(bar)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a["about"])

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = toolbar
        for name in ("new", "open", "save", None, "undo", "redo", None, "delete", None, "find", "zoom_fit", "workshop"):
            toolbar.addSeparator() if name is None else toolbar.addAction(self.registry[name])

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoom_changed.connect(self._show_zoom)
        self.undo_offer = UndoOffer(self)

    def _show_zoom(self, factor: float) -> None:
        self.zoom_label.setText(self.tr("Zoom {percent} %").format(percent=round(factor * 100)))

    def _fill_personas_menu(self) -> None:
        """One checkable entry per persona: show or hide its emotion curve."""
        menu = self.personas_menu
        menu.clear()
        hidden = self.scene.hidden_personas()
        for persona in self.editor.doc.personas:
            action = menu.addAction(persona.name or self.tr("(unnamed)"))
            action.setCheckable(True)
            action.setChecked(persona.id not in hidden)
            action.toggled.connect(lambda on, pid=persona.id: self.show_persona(pid, on))
        menu.setEnabled(bool(self.editor.doc.personas))

    def show_persona(self, persona_id: str, visible: bool) -> None:
        """Show or hide one persona's curve (a view setting: not an undo step)."""
        hidden = set(self.scene.hidden_personas())
        hidden.discard(persona_id) if visible else hidden.add(persona_id)
        self.scene.set_hidden_personas(hidden)

    def export(self, kind: str) -> bool:
        """File ▸ Export: ask where and the options (PDF), then write with a progress dialog. True when written."""
        path = ask_export_path(self, kind, self.path)
        options = None if path is None else ask_export_options(self, kind, self.editor.doc)
        if options is None:
            return False
        written = export_with_progress(self, self.editor.doc, kind, path, **options)
        if written:
            self.statusBar().showMessage(self.tr("Exported {name}").format(name=path.name), STATUS_MS)
        return written

    def export_web_page(self) -> bool:
        """File ▸ Export ▸ Web Page…: the self-contained page. True when written."""
        path = export_web_page(self, self.editor.doc, self.path)
        if path is not None:
            self.statusBar().showMessage(self.tr("Exported {name}").format(name=path.name), STATUS_MS)
        return path is not None

    def presentation_hides(self) -> list[QWidget]:
        """What workshop mode hides: docks and toolbars (and the find bar)."""
        hides: list[QWidget] = [
            self.outline_dock, self.inspector_dock, self.history_dock, self.kano_dock, self.comments.dock,
            self.session.dock, self.toolbar,
        ]
        if self._find_bar is not None:  # never built: never shown
            hides.append(self._find_bar)
        return hides

    # ------------------------------------------------------------------ document

    def _install_document(self, doc, path: Path | None) -> None:
        """Make ``doc`` the window's document: new editor, empty undo history."""
        self.editor = Editor(doc)
        if self.channel is None:
            self.channel = EditChannel(self.editor, self.undo_stack, self)
            self.channel.refused.connect(self._edit_refused)
            self.channel.connect_follower(self)
        else:
            self.channel.install(self.editor)  # the undo history of the old map goes
        self.path = Path(path).resolve() if path else None

    def _attach_scene(self) -> None:
        old = self.scene
        self.scene = JourneyScene(self.channel, parent=self)
        self.scene.card_selection_changed.connect(self._cards_selected)
        self.view.setScene(self.scene)
        if old is not None:
            old.detach()  # it must not follow the editor of the map it no longer shows
            old.deleteLater()

    def _document_shown(self) -> None:
        """After a document is installed: panels, title, watch, actions, view."""
        if self.kano.editor is not self.editor:
            self.kano.set_editor(self.editor)
        self.inspector.show_target("map", ())
        self.outline.rebuild()
        if self._finding():
            self.find_bar.search(self.editor.doc)
        self._watch(self.path)
        self._update_title()
        self._update_counts()
        self._update_undo_texts()
        self.registry.update_states()
        QTimer.singleShot(0, self.zoom_to_read)
        self.document_replaced.emit()

    def set_document(self, doc, path: str | Path | None, *, unsaved: bool = False) -> None:
        """Show ``doc`` (from ``path``, or never saved). ``unsaved``: a recovered map."""
        if self.workshop.active:
            self.workshop.leave()
        self.autosaver.discard()  # the autosave of the map this one replaces
        self.autosaver.expect_slow(False)  # not known until written (open_path may say)
        self._install_document(doc, path)
        self._attach_scene()
        if unsaved:
            self.undo_stack.resetClean()  # no undo step, yet not what is on disk
        else:
            self.undo_stack.setClean()
        self._clean_changed(self.undo_stack.isClean())
        self._document_shown()

    def is_pristine(self) -> bool:
        """A new map nobody has touched: opening a file may simply replace it."""
        return self.path is None and self.undo_stack.isClean() and self.undo_stack.count() == 0

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.editor.doc.meta.title or self.tr("Untitled map")

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(not self.undo_stack.isClean())

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _index_changed(self, index: int) -> None:
        # Qt reports the same index again when a keystroke merges into the last step.
        new_step = index != self._last_index
        self._last_index = index
        self.autosaver.note_edit(not self.undo_stack.isClean(), new_step=new_step)
        self.registry.update_states()

    def _update_undo_texts(self, *_changed) -> None:
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.registry["undo"].setText(self.tr("&Undo {action}").format(action=undo) if undo else self.tr("&Undo"))
        self.registry["redo"].setText(self.tr("&Redo {action}").format(action=redo) if redo else self.tr("&Redo"))

    def _update_counts(self) -> None:
        doc = self.editor.doc
        self.counts_label.setText(
            self.tr("{stages} stages · {steps} steps · {lanes} lanes · {cards} cards").format(
                stages=len(doc.stages), steps=len(doc.steps()), lanes=len(doc.lanes), cards=len(doc.cards)
            )
        )

    # ------------------------------------------------------------------ editing

    def undo(self) -> bool:
        """Ctrl+Z: in a live session my last edit only (``ui/session.py``), else the stack's."""
        return self.session.undo_mine() if self.session.active else self.channel.undo()

    def redo(self) -> bool:
        return self.session.redo_mine() if self.session.active else self.channel.redo()

    def can_undo(self) -> bool:
        return self.session.can_undo() if self.session.active else self.undo_stack.canUndo()

    def can_redo(self) -> bool:
        return self.session.can_redo() if self.session.active else self.undo_stack.canRedo()

    def push(self, op, text: str, *, merge_key=None, initiator=None) -> bool:
        """``self.channel.push``: one undo step, or the refusal in the status bar."""
        return self.channel.push(op, text, merge_key, initiator)

    def _edit_refused(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("Not changed: {reason}").format(reason=reason), STATUS_MS)

    def changes_applied(self, record, initiator) -> None:
        """The channel's fan-out, for the window: title, counts, find, workshop, autosave."""
        if isinstance(initiator, RemoteInitiator):
            # No undo step comes with a remote edit, so the stack does not tell autosave.
            self.autosaver.note_edit(True)
        if self._finding() and self.find_bar.query:
            self.find_bar.search(self.editor.doc)
        if record.ids("map"):
            self._update_title()
        self._update_counts()
        if self.workshop.active and (record.structure or record.ids("stage")):
            self.workshop.refresh()

    def selected_card_ids(self) -> list[str]:
        return self.scene.selected_card_ids() if self.scene is not None else []

    def _cards_selected(self, *_args) -> None:
        ids = self.selected_card_ids()
        self.kano.select_card(ids[0] if len(ids) == 1 else None)
        self.comments.cards_selected(ids)
        if ids:
            self.inspector.show_target("card", ids)
        elif self.inspector.target_kind in ("card", "cards"):
            self.inspector.show_target("map", ())
        self.registry.update_states()

    def add_card(self) -> bool:
        """Open the canvas's title editor for a new card in the selected cell."""
        if self.scene.begin_add_card():
            self.view.setFocus()
            return True
        self.statusBar().showMessage(self.tr("Click a cell of the map first"), STATUS_MS)
        return False

    def add_card_of_kind(self) -> None:
        if self.scene.current_cell() is not None:
            self.view.setFocus()
            self.scene.choose_kind_and_add()
        else:
            self.statusBar().showMessage(self.tr("Click a cell of the map first"), STATUS_MS)

    def copy(self) -> bool:
        ids = self.selected_card_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select cards to copy"), STATUS_MS)
            return False
        QApplication.clipboard().setMimeData(to_mime(copy_payload(self.editor, ids)))
        self.statusBar().showMessage(self.tr("Copied %n card(s)", "", len(ids)), STATUS_MS)
        return True

    def cut(self) -> bool:
        ids = self.selected_card_ids()
        if not self.copy():
            return False
        return self._remove_cards(edits.cut_cards(ids))

    def paste(self) -> bool:
        payload = from_mime(QApplication.clipboard().mimeData())
        if payload is None:
            self.statusBar().showMessage(self.tr("The clipboard holds no cards"), STATUS_MS)
            return False
        cell = self.scene.current_cell()
        try:
            cards, links = paste_plan(self.editor, payload, cell)
        except PasteError as exc:
            self.statusBar().showMessage(self.tr("Cannot paste: {reason}").format(reason=exc), STATUS_MS)
            return False
        if not self.channel.push_edit(edits.paste(cards, links)):
            return False
        self.scene.select_cards([card.id for card in cards])
        return True

    def delete(self) -> bool:
        if self.outline.tree.hasFocus() and self.outline.current() is not None:
            self.outline.remove_current()
            return True
        if self.comments.panel.tree.hasFocus():
            return self.comments.panel.delete_current()  # the comment, not the card still selected
        ids = self.selected_card_ids()
        if not ids:
            return False
        return self._remove_cards(edits.remove_cards(ids))

    def _remove_cards(self, edit: edits.Edit) -> bool:
        return self.channel.push_edit(edit)

    def select_all(self) -> None:
        self.scene.select_cards([card.id for card in self.editor.doc.cards])

    def _show_matches(self, ids: list[str]) -> None:
        self.scene.set_highlight(ids)

    def _show_match(self, card_id: str) -> None:
        self.scene.select_cards([card_id])
        item = self.scene.card_item(card_id)
        if item is not None:
            self.view.ensureVisible(item)

    def _canvas_context_menu(self, pos) -> None:
        """The canvas's context menu: the Edit menu's actions, keys shown (``context_menu``)."""
        self.registry.update_states()
        self.comments.header_menu(self.scene.header_at(self.view.mapToScene(pos)))
        menu = self.context_menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for name in (
            "add_card", "add_card_kind", "edit_title", "link_to", "comment", None, "add_step_after", "add_stage_after",
            "add_emotion_point", None,
            "cut", "copy", "paste", "delete", None, "select_all", "find", None, "zoom_fit",
        ):
            menu.addSeparator() if name is None else menu.addAction(self.registry[name])
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ view

    def zoom_in(self) -> None:
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self.view.zoom_out()

    def zoom_fit(self) -> None:
        self.view.zoom_fit()

    def zoom_to_read(self) -> None:
        """The opening view: the whole map when it is readable so, else its top left
        at a readable size (a 100-card map fitted to a laptop screen is unreadable).
        One zoom, not a fit and then the readable one: zooming out past the cards'
        detail made every row switch to its overview and back (17–26 ms against ~1 ms
        at 5,000 cards, the zoom alone)."""
        view = self.view
        rect = view.whole_map()
        fit = None if rect is None else view.fit_zoom(rect)
        if fit is None:
            return
        if fit >= READABLE_ZOOM:
            view.zoom_to(rect)
            return
        view.set_zoom(READABLE_ZOOM)
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
        view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())

    def zoom_reset(self) -> None:
        self.view.zoom_reset()

    def workshop_toggle(self) -> None:
        self.workshop.toggle()

    # ------------------------------------------------------------------ files

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        if self.undo_stack.isClean():
            return True
        answer = QMessageBox.warning(
            self,
            self.tr("Unsaved changes"),
            self.tr("“{name}” has changes that are not saved. Save them first?").format(name=self.display_name()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self, template: str = "journey") -> bool:
        if not self.maybe_save():
            return False
        self.set_document(new_map(template, locale=self._locale()), None)
        return True

    def open_dialog(self) -> bool:
        start = str(self.path.parent) if self.path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open map"), start, self.tr("CX maps (*.cxmap);;All files (*)")
        )
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, *, ask: bool = True) -> bool:
        """Open a .cxmap; an unreadable one opens nothing and shows the loader's message."""
        path = Path(path)
        if ask and not self.maybe_save():
            return False
        with self._busy(self.tr("Opening {name}…").format(name=path.name)):
            started = time.monotonic()
            doc, problem = self._load_map(path)
            if doc is not None:
                # Writing takes about as long as reading: a map that loads slower than a
                # frame is autosaved at pauses from its first write on.
                loaded = time.monotonic() - started
                self.set_document(doc, path)
                self.autosaver.expect_slow(loaded > self.autosaver.SLOW_WRITE_S)
        if doc is None:
            self._cannot_open(problem)  # after the wait cursor is gone
            return False
        self._opened(path)
        return True

    @contextmanager
    def _busy(self, message: str) -> Iterator[None]:
        """Say what is being done and show the wait cursor until it is done: opening a
        map of thousands of cards holds the window for a second or more."""
        self.statusBar().showMessage(message)
        self.statusBar().repaint()  # shown now: the event loop waits for the work
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()

    def _read_map(self, path: Path):
        """The map in ``path``; None, after saying why, when it cannot be read."""
        doc, problem = self._load_map(path)
        if doc is None:
            self._cannot_open(problem)
        return doc

    @staticmethod
    def _load_map(path: Path) -> tuple[MapDocument | None, MapFileError | None]:
        """(the map in ``path``, None) or (None, why it cannot be read); says nothing."""
        try:
            return load_file(path), None
        except MapFileError as exc:
            return None, exc

    def _cannot_open(self, problem: MapFileError) -> None:
        QMessageBox.critical(
            self,
            self.tr("Cannot open map"),
            self.tr("The map could not be opened; nothing was changed.\n\n{reason}").format(reason=problem),
        )

    def _opened(self, path: Path) -> None:
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=path.name), STATUS_MS)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else str(Path.home() / f"{self.editor.doc.meta.title or 'map'}{FILE_SUFFIX}")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save map as"), start, self.tr("CX maps (*.cxmap)")
        )
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save atomically (the format's ``save_file``); the old file survives a failure."""
        path = Path(path).resolve()
        if path == self.path and changed_since(path, self._disk_signature) and not self._confirm_replace(
            self.tr("{name} was changed by another program since it was opened or saved here. Replace it with this map?"),
            path,
        ):
            return False
        try:
            try:
                save_file(self.editor.doc, path)
            except ReadOnlyMapError:
                if not self._confirm_replace(self.tr("{name} is read-only. Replace it anyway?"), path):
                    return False
                save_file(self.editor.doc, path, force=True)
        except MapFileError as exc:
            QMessageBox.critical(self, self.tr("Cannot save map"), str(exc))
            return False
        self.path = path
        self.undo_stack.setClean()
        self.autosaver.discard()
        self._watch(path)
        self._update_title()
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(self.tr("Saved {name}").format(name=path.name), STATUS_MS)
        return True

    def _confirm_replace(self, question: str, path: Path) -> bool:
        # The watcher's own question must not open on top of this one (its event comes
        # while this dialog runs); declined, the next save asks again.
        self._asking_about_disk = True
        try:
            answer = QMessageBox.question(
                self, self.tr("Replace file?"), question.format(name=path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
        finally:
            self._asking_about_disk = False
        return answer == QMessageBox.StandardButton.Yes

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for number, name in enumerate(files, start=1):
            action = menu.addAction(f"&{number % 10} {Path(name).name}  —  {Path(name).parent}")
            action.triggered.connect(lambda _c=False, p=name: self._open_recent(p))
        if files:
            menu.addSeparator()
        clear = menu.addAction(self.tr("Clear list"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.settings.clear_recent_files)

    def _open_recent(self, name: str) -> None:
        if not Path(name).exists():
            self.settings.remove_recent_file(name)
            QMessageBox.warning(self, self.tr("File not found"), self.tr("{name} no longer exists.").format(name=name))
            return
        self.open_path(name)

    # -- the file on disk --------------------------------------------------------

    def _watch(self, path: Path | None) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if path is not None and path.exists():
            self.watcher.addPath(str(path))
        self._disk_signature = _disk_signature(path)

    def _file_changed_on_disk(self, changed: str) -> None:
        if self.path is None or Path(changed).resolve() != self.path:
            return
        signature = _disk_signature(self.path)
        if signature is not None and str(self.path) not in self.watcher.files():
            self.watcher.addPath(str(self.path))  # a replace-by-rename ends the old watch
        if signature == self._disk_signature or self._asking_about_disk:
            return  # our own save, or already asking
        self._disk_signature = signature
        self._asking_about_disk = True
        try:
            if signature is None:
                QMessageBox.warning(
                    self,
                    self.tr("File removed"),
                    self.tr("{name} was removed or renamed by another program. Save to keep this map.").format(
                        name=self.path.name
                    ),
                )
                self.undo_stack.resetClean()
                return
            answer = QMessageBox.question(
                self,
                self.tr("File changed on disk"),
                self.tr(
                    "{name} was changed by another program. Reload it? "
                    "Changes made here since the last save would be lost."
                ).format(name=self.path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.open_path(self.path, ask=False)
            else:
                self.undo_stack.resetClean()  # what is shown is no longer what is on disk
        finally:
            self._asking_about_disk = False

    # -- drag and drop of files ----------------------------------------------------

    @staticmethod
    def _dropped_map(event) -> str | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(FILE_SUFFIX):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self._dropped_map(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        path = self._dropped_map(event)
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(path))  # not inside the drop: it may ask
        else:
            super().dropEvent(event)

    # -- recovery --------------------------------------------------------------------

    def offer_recovery(self) -> list["MainWindow"]:
        """Offer the maps a crashed session left; returns the windows showing them."""
        from cxmapper.ui.recovery import offer_recovery  # only when asked

        return offer_recovery(self)

    def _new_window(self) -> "MainWindow":
        window = MainWindow(self.settings, self.store)
        self._other_windows.append(window)
        window.show()
        return window

    # -- preferences, about, closing ----------------------------------------------------

    def show_preferences(self) -> None:
        from cxmapper.ui.dialogs import PreferencesDialog  # its module: ~3 ms the first window needs not

        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            if dialog.apply():
                QMessageBox.information(
                    self, self.tr("Language"), self.tr("The new language takes effect when CX Mapper starts again.")
                )
            self.autosaver.set_interval(self.settings.autosave_seconds)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About CX Mapper"),
            self.tr("CX Mapper: customer-journey maps and service blueprints, on your own machine."),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.workshop.active:
            self.workshop.leave()
        if not self.session.may_close() or not self.maybe_save():
            event.ignore()
            return
        self.session.shutdown()
        self.autosaver.discard()
        self.autosaver.timer.stop()
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        event.accept()

