"""Workshop mode: the map on a projector.

Full screen, without docks, toolbar, menus or status bar; larger type; one stage at a
time with the others dimmed (arrow keys, PageUp/PageDown, Space step through; Home
shows every stage again); lane filters: the customer view hides backstage and support
processes, the emotion view keeps only customer actions and the emotion curve so the
curve fills the screen. Escape leaves and puts the window back as it was, the view
included: the same zoom and the same part of the map as before (issue 17).

Readable on any map: a stage is fitted to the screen only while its cards stay above
the canvas's detail level (``READABLE_ZOOM``); a tall stage (a 10-lane blueprint) is
shown at the readable zoom instead, its width filling the screen, from its top, and
the person scrolls down through its lanes while the frozen panes keep the lane names
and the stage and step headers in view. The hint box sits in a band kept free at the
bottom, so it covers no card; H hides and shows it.

The canvas draws the presentation (``scene.set_presentation``); this module owns the
window around it and the keys. Keys are read by an application event filter while the
mode is on, because the canvas view would otherwise take the arrow keys for scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from cxmapper.model.document import LaneKind

FONT_SCALE = 1.6
#: The least zoom a stage is shown at: above the level where cards lose their text
#: (``CARD_DETAIL_LOD``, 0.4), with room to spare.
READABLE_ZOOM = 0.5
#: Pixels kept free between the map and the hint box, and around the hint.
HINT_GAP = 12
CUSTOMER_VIEW_HIDES = frozenset({LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES})
EMOTION_VIEW_KEEPS = frozenset({LaneKind.CUSTOMER_ACTIONS, LaneKind.EMOTIONS})

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}


class WorkshopMode(QObject):
    """Enters and leaves the presentation for one main window."""

    active_changed = Signal(bool)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.stage_index: int | None = None  # None: every stage at once
        self.lane_filter = "all"  # "all", "customer" or "emotion"
        self._saved_state = None
        self._was_maximized = False
        self.overlay: QLabel | None = None
        self.hint_shown = True  # H hides and shows the hint box
        self._saved_view: tuple[float, QPointF] | None = None  # zoom, scene point at the top left
        self._restoring = False
        self._after_resize = QTimer(self)  # the zoom (or the restore) once a resize is handled
        self._after_resize.setSingleShot(True)
        self._after_resize.setInterval(0)
        self._after_resize.timeout.connect(self._resized)

    # -- entering and leaving --------------------------------------------------------

    def enter(self) -> None:
        if self.active:
            return
        window = self.window
        view = window.view
        self._saved_view = (view.zoom(), view.mapToScene(0, 0))
        self._restoring = False
        self._saved_state = window.saveState()
        self._was_maximized = window.isMaximized()
        self._bars = [w for w in (window.menuBar(), window.statusBar()) if w.isVisible()]
        for dock_or_bar in window.presentation_hides():
            dock_or_bar.hide()
        for bar in self._bars:
            bar.hide()
        self.active = True
        self.stage_index = 0 if window.editor.doc.stages else None
        self.lane_filter = "all"
        # A child of the view, not of its viewport: scrolling the viewport moves its children.
        self.overlay = QLabel(window.view)
        self.overlay.setObjectName("workshop_overlay")
        self.overlay.setWordWrap(True)
        self.overlay.setStyleSheet(
            "QLabel { background: rgba(30, 30, 30, 190); color: white; padding: 8px 14px;"
            " border-radius: 6px; font-size: 15pt; }"
        )
        QApplication.instance().installEventFilter(self)
        window.showFullScreen()
        window.view.setFocus()  # the panel that had focus is hidden now
        self._apply()
        self.active_changed.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        QApplication.instance().removeEventFilter(self)
        self.active = False
        window = self.window
        self._set_scene_presentation(None, frozenset(), 1.0)
        window.view.setViewportMargins(0, 0, 0, 0)
        if self.overlay is not None:
            self.overlay.deleteLater()
            self.overlay = None
        if self._was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
        for bar in self._bars:
            bar.show()
        if self._saved_state is not None:
            window.restoreState(self._saved_state)
        # The view as the person had it: now, and again once the window has its old
        # size back (leaving full screen resizes the view a moment later).
        self._restore_view()
        self._restoring = True
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(400, self._stop_restoring)
        self.active_changed.emit(False)

    def _restore_view(self) -> None:
        if self._saved_view is None:
            return
        zoom, top_left = self._saved_view
        view = self.window.view
        view.set_zoom(zoom)
        self._scroll_to(top_left)

    def _scroll_to(self, top_left: QPointF) -> None:
        """Scroll so that the scene point ``top_left`` is at the viewport's top left."""
        view = self.window.view
        now = view.mapToScene(0, 0)
        scale = view.transform().m11()
        h, v = view.horizontalScrollBar(), view.verticalScrollBar()
        h.setValue(h.value() + round((top_left.x() - now.x()) * scale))
        v.setValue(v.value() + round((top_left.y() - now.y()) * scale))

    def _resized(self) -> None:
        if self.active:
            self._zoom()
            self._place_overlay()
        elif self._restoring:
            self._restore_view()

    def _stop_restoring(self) -> None:
        if self._restoring:
            self._restoring = False
            self._restore_view()
            if not self.active:
                QApplication.instance().removeEventFilter(self)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    # -- stepping and filtering -----------------------------------------------------

    def next_stage(self) -> None:
        self._go(+1)

    def previous_stage(self) -> None:
        self._go(-1)

    def show_all_stages(self) -> None:
        self.stage_index = None
        self._apply()

    def _go(self, delta: int) -> None:
        count = len(self.window.editor.doc.stages)
        if not count:
            return
        if self.stage_index is None:
            self.stage_index = 0 if delta > 0 else count - 1
        else:
            self.stage_index = min(max(self.stage_index + delta, 0), count - 1)
        self._apply()

    def set_lane_filter(self, name: str) -> None:
        if name not in ("all", "customer", "emotion"):
            raise ValueError(f"unknown lane filter {name!r}")
        self.lane_filter = name
        self._apply()

    def hidden_lane_kinds(self) -> frozenset[LaneKind]:
        if self.lane_filter == "customer":
            return CUSTOMER_VIEW_HIDES
        if self.lane_filter == "emotion":
            return frozenset(LaneKind) - EMOTION_VIEW_KEEPS
        return frozenset()

    def focus_stage_id(self) -> str | None:
        stages = self.window.editor.doc.stages
        if self.stage_index is None or not stages:
            return None
        self.stage_index = min(self.stage_index, len(stages) - 1)
        return stages[self.stage_index].id

    def refresh(self) -> None:
        """Re-apply after the document changed (a stage removed, renamed)."""
        if self.active:
            self._apply()

    def _apply(self) -> None:
        self._set_scene_presentation(self.focus_stage_id(), self.hidden_lane_kinds(), FONT_SCALE)
        if self.overlay is not None:
            self.overlay.setText(self.describe())
        # The hint's band is taken from the viewport: no part of the map is under it.
        self.window.view.setViewportMargins(0, 0, 0, self.hint_band())
        self._zoom()  # and again whenever the view is resized (going full screen takes a moment)
        if self.overlay is not None:
            self.overlay.setText(self.describe())
            self.overlay.setVisible(self.hint_shown)
            self.overlay.ensurePolished()  # the style sheet's font, before measuring
            self._place_overlay()

    def toggle_hint(self) -> None:
        """H: hide the hint box (the map takes its band) or show it again."""
        self.hint_shown = not self.hint_shown
        self._apply()

    def hint_band(self) -> int:
        """Pixels kept free at the bottom of the view for the hint box (0: hidden)."""
        if self.overlay is None or not self.hint_shown:
            return 0
        self._size_overlay()
        return self.overlay.height() + 2 * HINT_GAP

    def _place_overlay(self) -> None:
        """Bottom left, in the band the zoom keeps free under the map."""
        if self.overlay is not None:
            self._size_overlay()
            view = self.window.view
            # The band under the viewport ends at the horizontal scroll bar, if any.
            bar = view.horizontalScrollBar()
            edge = bar.mapTo(view, bar.rect().topLeft()).y() if bar.isVisible() else view.contentsRect().bottom() + 1
            self.overlay.move(HINT_GAP, max(HINT_GAP, edge - self.overlay.height() - HINT_GAP))
            self.overlay.raise_()

    def _size_overlay(self) -> None:
        if self.overlay is not None:
            view = self.window.view
            # One line per line of text when it fits; wrapped on a small screen.
            metrics = self.overlay.fontMetrics()
            margins = self.overlay.contentsMargins()
            natural = max(metrics.horizontalAdvance(line) for line in (self.overlay.text() or " ").split("\n"))
            width = min(natural + margins.left() + margins.right() + 8, max(200, view.width() - 48))
            self.overlay.setFixedWidth(width)
            height = self.overlay.heightForWidth(width)
            self.overlay.setFixedHeight(height if height > 0 else self.overlay.sizeHint().height())

    def _zoom(self) -> None:
        if not self.active:
            return
        stage_id = self.focus_stage_id()
        scene, view = self.window.scene, self.window.view
        rect = scene.stage_rect(stage_id) if stage_id else None
        if rect is None:  # every stage: the overview of the whole map
            self.window.zoom_fit()
            return
        else:
            # The lane column too: the frozen panes show it at the left edge.
            lane_width = scene.layout.style.lane_header_width
            rect = QRectF(rect.left() - lane_width, rect.top(), rect.width() + lane_width, rect.height())
        self.show_readable(rect)

    def show_readable(self, rect: QRectF) -> None:
        """Fit ``rect`` (scene) above the hint band, but never below ``READABLE_ZOOM``
        while its width fits: a tall stage shows from its top, to be scrolled down."""
        view = self.window.view
        viewport = view.viewport()
        width, height = viewport.width(), viewport.height()
        if width <= 0 or height <= 0 or rect.isEmpty():
            return
        across = width / rect.width()
        down = height / rect.height()
        factor = min(across, max(down, READABLE_ZOOM)) * 0.98
        view.set_zoom(factor)
        factor = view.transform().m11()
        spare_x = max(0.0, width / factor - rect.width()) / 2
        spare_y = max(0.0, height / factor - rect.height()) / 2
        self._scroll_to(QPointF(rect.left() - spare_x, rect.top() - spare_y))

    def _set_scene_presentation(self, stage_id, hidden, scale) -> None:
        scene = self.window.scene
        cell = scene.current_cell()
        if cell is not None and hidden:
            lane = next((lane for lane in self.window.editor.doc.lanes if lane.id == cell[0]), None)
            if lane is not None and LaneKind(lane.kind) in hidden:
                # A current cell in a lane the filter hides has no place to be marked
                # (the scene's rebuild would look for its row): none while hidden.
                scene.set_current_cell(None)
        scene.set_presentation(stage_id, hidden, scale)

    def describe(self) -> str:
        """The overlay's text: where we are and which keys do what."""
        stages = self.window.editor.doc.stages
        if self.stage_index is None or not stages:
            where = self.tr("All stages")
        else:
            where = self.tr("Stage {number} of {count}: {name}").format(
                number=self.stage_index + 1, count=len(stages), name=stages[self.stage_index].name
            )
        view = {
            "all": self.tr("all lanes"),
            "customer": self.tr("customer view"),
            "emotion": self.tr("emotion curve"),
        }[self.lane_filter]
        keys = self.tr("←/→ stage · Home all · C customer view · E emotion curve · A all lanes · H hide this · Esc leave")
        return f"{where} — {view}\n{keys}"

    # -- keys ----------------------------------------------------------------------

    def _typing(self) -> bool:
        scene = self.window.scene
        if scene is not None and scene.focusItem() is not None:
            return True
        return isinstance(QApplication.focusWidget(), (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if not self.active and not self._restoring:
            return False
        if self._restoring and not self.active:
            if event.type() == QEvent.Type.Resize and watched is self.window.view.viewport():
                self._after_resize.start()
            return False
        if event.type() == QEvent.Type.Resize and watched in (self.window.view, self.window.view.viewport()):
            # A new width may wrap the hint to more lines: its band follows.
            band = self.hint_band()
            if self.window.view.viewportMargins().bottom() != band:
                self.window.view.setViewportMargins(0, 0, 0, band)
            # After the view has handled the resize: its resize anchor would move the
            # map back to the old centre after anything done here.
            self._after_resize.start()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if self._typing():
            return False  # a card title is being typed: its keys are text, not commands
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in NEXT_KEYS:
            self.next_stage()
        elif key in PREVIOUS_KEYS:
            self.previous_stage()
        elif key == Qt.Key.Key_Home:
            self.show_all_stages()
        elif key == Qt.Key.Key_C:
            self.set_lane_filter("customer")
        elif key == Qt.Key.Key_E:
            self.set_lane_filter("emotion")
        elif key == Qt.Key.Key_A:
            self.set_lane_filter("all")
        elif key == Qt.Key.Key_H:
            self.toggle_hint()
        else:
            return False
        return True
