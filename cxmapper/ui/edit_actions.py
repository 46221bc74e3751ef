"""The window's commands for the canvas's hidden gestures, and the Undo offer after a
deletion of many cards.

Every gesture of the canvas can also be found in the Edit menu and the canvas's context
menu, with its key shown: Link to… (Ctrl+L; the canvas's Shift+drag), Edit Card Title
(F2, Enter; a double-click), Add Step After / Add Stage After (Ctrl+Shift+T /
Ctrl+Shift+E; the outline's Add), which add after the current step or stage, scroll
the canvas to the new header and open its name for typing; Add Emotion Point
(Ctrl+Shift+M; a double-click in the emotion band), mid-scale at the current step. All of them push named
edits (``ui/edits.py``) through the window's ``EditChannel``.

``UndoOffer``: when one edit removed several cards (a selection deleted, a lane with
its cards), the status bar says what happened ("Delete 9 cards") with an Undo button
beside it, for ``OFFER_MS``; any later change takes it away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QToolButton

from cxmapper.model.document import Stage, Step
from cxmapper.ui import edits
from cxmapper.ui.edit_channel import HISTORY, RemoteInitiator
from cxmapper.ui.link_dialog import LinkTargetDialog

if TYPE_CHECKING:
    from cxmapper.ui.mainwindow import MainWindow

#: How long the Undo offer stays in the status bar.
OFFER_MS = 10_000
#: A deletion of at least this many cards is announced with an Undo offer.
OFFER_FROM = 2


class EditActions(QObject):
    """Defines the actions on the window's registry and carries them out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_dialog: LinkTargetDialog | None = None
        a = window.registry
        one_card = lambda: len(window.selected_card_ids()) == 1  # noqa: E731
        a.define(
            "link_to", self.tr("&Link to…"), self.link_to, shortcut="Ctrl+L", enabled_when=one_card,
            tip=self.tr("Link the selected card to another card (or Shift+drag on the canvas)"),
        )
        # F2 and Enter are read by the canvas itself (the outline's tree uses F2 too).
        a.define("edit_title", self.tr("Edit Card &Title\tF2"), self.edit_title, enabled_when=one_card)
        a.define(
            "add_step_after", self.tr("Add S&tep After"), self.add_step_after, shortcut="Ctrl+Shift+T",
            tip=self.tr("Add a step after the current one and type its name"),
        )
        a.define(
            "add_stage_after", self.tr("Add Sta&ge After"), self.add_stage_after, shortcut="Ctrl+Shift+E",
            tip=self.tr("Add a stage after the current one and type its name"),
        )
        a.define(
            "add_emotion_point", self.tr("Add E&motion Point"), self.add_emotion_point, shortcut="Ctrl+Shift+M",
            tip=self.tr("Add a point to a persona's emotion curve at the current step (or double-click the emotion band)"),
        )

    # -- emotion points ----------------------------------------------------------------------

    def add_emotion_point(self) -> bool:
        """A point at the current step, mid-scale, for the first shown persona without one
        (what a double-click in the emotion band does at the height clicked); dragging
        the point then sets its score."""
        window = self.window
        step_id = self._current_step()
        if step_id is None:
            return False
        doc = window.editor.doc
        hidden = window.scene.hidden_personas()
        persona = next(
            (p for p in doc.personas if p.id not in hidden and all(pt.step != step_id for pt in p.as_is)), None
        )
        if persona is None:
            window.statusBar().showMessage(self.tr("Every persona shown has a point at this step"), 6000)
            return False
        score = round((doc.scale.min + doc.scale.max) / 2)
        return window.channel.push_edit(edits.add_emotion_point(persona.id, step_id, score))

    # -- linking ---------------------------------------------------------------------------

    def link_to(self, card_id: str | None = None) -> bool:
        """Open Link to… for ``card_id`` (default: the one selected card); push on OK."""
        window = self.window
        if card_id is None:
            ids = window.selected_card_ids()
            if len(ids) != 1:
                window.statusBar().showMessage(self.tr("Select one card to link from"), 6000)
                return False
            card_id = ids[0]
        dialog = self.last_dialog = LinkTargetDialog(window.editor, card_id, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen = dialog.chosen()
        if chosen is None:
            return False
        target_id, kind = chosen
        return window.channel.push_edit(edits.link_cards(card_id, target_id, kind))

    def edit_title(self) -> bool:
        ids = self.window.selected_card_ids()
        if len(ids) != 1:
            return False
        self.window.view.setFocus()
        return self.window.scene.edit_title(ids[0])

    # -- structure from the keyboard ------------------------------------------------------

    def _current_step(self) -> str | None:
        scene, doc = self.window.scene, self.window.editor.doc
        cell = scene.current_cell()
        if cell is not None:
            return cell[1]
        ids = scene.selected_card_ids()
        if ids:
            return self.window.editor.card(ids[0]).step
        steps = doc.steps()
        return steps[-1].id if steps else None

    def add_step_after(self) -> bool:
        window = self.window
        step_id = self._current_step()
        if step_id is None:
            return self.add_stage_after()
        stage, _step = window.editor.step(step_id)
        index = [s.id for s in stage.steps].index(step_id) + 1
        step = Step(name=self.tr("New step"))
        if not window.channel.push_edit(edits.add_step(stage.id, step, index)):
            return False
        return self._type_name("step", step.id)

    def add_stage_after(self) -> bool:
        window = self.window
        doc = window.editor.doc
        step_id = self._current_step()
        index = len(doc.stages)
        if step_id is not None:
            stage, _step = window.editor.step(step_id)
            index = [s.id for s in doc.stages].index(stage.id) + 1
        stage = Stage(name=self.tr("New stage"), steps=[Step(name=self.tr("New step"))])
        if not window.channel.push_edit(edits.add_stage(stage, index)):
            return False
        return self._type_name("stage", stage.id)

    def _type_name(self, kind: str, item_id: str) -> bool:
        """Make the new stage or step current, scroll to it, open its name for typing."""
        window = self.window
        scene = window.scene
        step_id = item_id if kind == "step" else window.editor.stage(item_id).steps[0].id
        lanes = window.editor.doc.lanes
        cell = scene.current_cell()
        lane_id = cell[0] if cell is not None else (lanes[0].id if lanes else None)
        if lane_id is not None:
            scene.select_cards([])
            scene.set_current_cell((lane_id, step_id))
        window.view.ensureVisible(scene.header_rect(kind, item_id), 40, 40)
        window.view.setFocus()
        return scene.rename_header(kind, item_id)


class UndoOffer(QObject):
    """The status bar's "Delete 9 cards  [Undo]" after an edit that removed many cards."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.button = QToolButton(window)
        self.button.setText(self.tr("Undo"))
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self._undo)
        self.button.hide()
        # No taller than the status bar's text: a hidden widget still counts in its height.
        self.button.setMaximumHeight(window.counts_label.sizeHint().height())
        window.statusBar().addPermanentWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(OFFER_MS)
        self._timer.timeout.connect(self.withdraw)
        self._removed = 0
        self._armed = False
        window.channel.observe(self._changed)
        window.channel.pushed.connect(self._pushed)

    def _changed(self, record, initiator) -> None:
        if self._armed:  # a change after the offer (or its undo) withdraws it
            self.withdraw()
        local = initiator is not HISTORY and not isinstance(initiator, RemoteInitiator)
        self._removed = len(record.removed["card"]) if local else 0

    def _pushed(self, label: str) -> None:
        removed, self._removed = self._removed, 0
        if removed < OFFER_FROM:
            return
        self.window.statusBar().showMessage(
            self.tr("%1 — Undo (%2) brings them back").replace("%1", label).replace(
                "%2", self.window.registry["undo"].shortcut().toString()
            ),
            OFFER_MS,
        )
        self.button.setToolTip(self.window.registry["undo"].text().replace("&", ""))
        self.button.show()
        self._armed = True
        self._timer.start()

    def withdraw(self) -> None:
        self._armed = False
        self._timer.stop()
        self.button.hide()

    def _undo(self) -> None:
        self.withdraw()
        self.window.channel.undo()
        self.window.statusBar().clearMessage()
