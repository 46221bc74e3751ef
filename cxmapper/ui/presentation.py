"""Workshop mode: the map on a projector.

Full screen, without docks, toolbar, menus or status bar; larger type; one stage at a
time with the others dimmed (arrow keys, PageUp/PageDown, Space step through; Home
shows every stage again); lane filters: the customer view hides backstage and support
processes, the emotion view keeps only customer actions and the emotion curve so the
curve fills the screen. Escape leaves and puts the window back as it was.

The canvas draws the presentation (``scene.set_presentation``); this module owns the
window around it and the keys. Keys are read by an application event filter while the
mode is on, because the canvas view would otherwise take the arrow keys for scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from cxmapper.model.document import LaneKind

FONT_SCALE = 1.6
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

    # -- entering and leaving --------------------------------------------------------

    def enter(self) -> None:
        if self.active:
            return
        window = self.window
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
        self.active_changed.emit(False)

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
        self._zoom()  # and again whenever the view is resized (going full screen takes a moment)
        if self.overlay is not None:
            self.overlay.setText(self.describe())
            self.overlay.show()
            self.overlay.ensurePolished()  # the style sheet's font, before measuring
            self._place_overlay()

    def _place_overlay(self) -> None:
        """Bottom left, over the map's lowest lanes rather than its stage headers."""
        if self.overlay is not None:
            view = self.window.view
            # One line per line of text when it fits; wrapped on a small screen.
            metrics = self.overlay.fontMetrics()
            margins = self.overlay.contentsMargins()
            natural = max(metrics.horizontalAdvance(line) for line in self.overlay.text().split("\n"))
            width = min(natural + margins.left() + margins.right() + 8, max(200, view.width() - 48))
            self.overlay.setFixedWidth(width)
            self.overlay.setFixedHeight(self.overlay.heightForWidth(width))
            self.overlay.move(16, max(16, view.height() - self.overlay.height() - 32))
            self.overlay.raise_()

    def _zoom(self) -> None:
        if not self.active:
            return
        stage_id = self.focus_stage_id()
        scene, view = self.window.scene, self.window.view
        rect = scene.stage_rect(stage_id) if stage_id else None
        if rect is not None:
            view.zoom_to(rect)  # the stage fills the screen, the rest dimmed
        else:
            self.window.zoom_fit()

    def _set_scene_presentation(self, stage_id, hidden, scale) -> None:
        self.window.scene.set_presentation(stage_id, hidden, scale)

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
        keys = self.tr("←/→ stage · Home all · C customer view · E emotion curve · A all lanes · Esc leave")
        return f"{where} — {view}\n{keys}"

    # -- keys ----------------------------------------------------------------------

    def _typing(self) -> bool:
        scene = self.window.scene
        if scene is not None and scene.focusItem() is not None:
            return True
        return isinstance(QApplication.focusWidget(), (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if not self.active:
            return False
        if event.type() == QEvent.Type.Resize and watched is self.window.view.viewport():
            self._zoom()
            self._place_overlay()
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
        else:
            return False
        return True
