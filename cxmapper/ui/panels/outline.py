"""The outline: stages with their steps, lanes and personas, as a tree.

Adds, renames (edit in place), reorders (drag, or Move up/down) and removes them, each
a named edit (``ui/edits.py``) pushed through the window's ``EditChannel``; the panel
follows the channel's fan-out (``changes_applied``) like every view. The tree is a view of the document: a drop never moves a
tree item itself; it pushes a Move command and the tree is rebuilt from the model when
the change record arrives (so undo puts the tree back too).

Trap: rebuilding the tree inside its own ``itemChanged`` handler deletes the item Qt is
still using. Changes this panel made itself are applied on the next turn of the event
loop (``QTimer.singleShot(0)``); changes from elsewhere are applied at once.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QHBoxLayout,
    QWidget,
)

from cxmapper.model.document import Lane, LaneKind, Persona, Stage, Step
from cxmapper.ui import edits, names
from cxmapper.ui.edits import Edit, cards_under

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS = ("stages", "lanes", "personas")
OUTLINE_KINDS = frozenset({"stage", "step", "lane", "persona"})

#: Colours given to new personas in turn (distinct on a projector, colour-blind aware).
PERSONA_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


class _Tree(QTreeWidget):
    """A tree whose drops become Move commands instead of item moves."""

    def __init__(self, panel: "OutlinePanel") -> None:
        super().__init__(panel)
        self.panel = panel
        self.setHeaderHidden(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        dragged = self.currentItem()
        pos = event.position().toPoint()
        target = self.itemAt(pos)
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged is None or target is None:
            return
        # Where on the target row it landed: its top quarter means "above", its bottom
        # quarter "below", the middle "onto" (a step dropped onto a stage).
        rect = self.visualItemRect(target)
        offset = (pos.y() - rect.top()) / max(1, rect.height())
        self.panel.drop(dragged, target, above=offset < 0.5, on_item=0.25 <= offset <= 0.75)

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 (Qt override)
        super().closeEditor(editor, hint)
        self.panel.editing_ended()


class OutlinePanel(QWidget):
    """The outline dock's widget, editing through ``channel`` (an ``EditChannel``)."""

    #: (kind, id) of the item the person selected; kind in OUTLINE_KINDS.
    item_selected = Signal(str, str)

    def __init__(self, channel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self._rebuild_scheduled = False
        self._rebuild_after_editing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(buttons)
        self.tree = _Tree(self)
        layout.addWidget(self.tree, 1)
        self.tree.itemChanged.connect(self._renamed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.add_stage_action = QAction(self.tr("Add stage"), self)
        self.add_stage_action.triggered.connect(self.add_stage)
        self.add_step_action = QAction(self.tr("Add step"), self)
        self.add_step_action.triggered.connect(self.add_step)
        self.add_persona_action = QAction(self.tr("Add persona"), self)
        self.add_persona_action.triggered.connect(self.add_persona)
        self.lane_menu = QMenu(self.tr("Add lane"), self)
        for kind in LaneKind:
            action = self.lane_menu.addAction(names.lane_kind_name(kind))
            action.triggered.connect(lambda _c=False, k=kind: self.add_lane(k))
        self.rename_action = QAction(self.tr("Rename"), self)
        self.rename_action.triggered.connect(self.rename_current)
        self.remove_action = QAction(self.tr("Remove"), self)
        self.remove_action.triggered.connect(self.remove_current)
        self.up_action = QAction(self.tr("Move up"), self)
        self.up_action.triggered.connect(lambda: self.move_current(-1))
        self.down_action = QAction(self.tr("Move down"), self)
        self.down_action.triggered.connect(lambda: self.move_current(+1))

        add = QToolButton(self)
        add.setText(self.tr("Add"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_menu = QMenu(add)
        add_menu.addAction(self.add_stage_action)
        add_menu.addAction(self.add_step_action)
        add_menu.addMenu(self.lane_menu)
        add_menu.addAction(self.add_persona_action)
        add.setMenu(add_menu)
        buttons.addWidget(add)
        for action in (self.remove_action, self.up_action, self.down_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.rebuild()

    @property
    def editor(self):
        return self.channel.editor

    # -- building ----------------------------------------------------------------

    def rebuild(self) -> None:
        """Rebuild the tree from the document, keeping the selection and expansion."""
        self._rebuild_scheduled = False
        current = self.current()
        collapsed = {
            self._key(item)
            for item in self._all_items()
            if item.childCount() and not item.isExpanded()
        }
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            doc = self.editor.doc
            groups = {
                "stages": self._group(self.tr("Stages")),
                "lanes": self._group(self.tr("Lanes")),
                "personas": self._group(self.tr("Personas")),
            }
            for stage in doc.stages:
                stage_item = self._item(groups["stages"], "stage", stage.id, stage.name)
                for step in stage.steps:
                    self._item(stage_item, "step", step.id, step.name)
            for lane in doc.lanes:
                item = self._item(groups["lanes"], "lane", lane.id, lane.name)
                item.setToolTip(0, names.lane_kind_name(lane.kind))
            for persona in doc.personas:
                self._item(groups["personas"], "persona", persona.id, persona.name)
            for item in self._all_items():
                item.setExpanded(self._key(item) not in collapsed)
            if current is not None:
                found = self.find_item(*current)
                if found is not None:
                    self.tree.setCurrentItem(found)
        finally:
            self.tree.blockSignals(False)
        self._update_actions()

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        item.setData(0, KIND_ROLE, "group")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _item(self, parent: QTreeWidgetItem, kind: str, item_id: str, name: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [name])
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, item_id)
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        if kind == "stage":
            flags |= Qt.ItemFlag.ItemIsDropEnabled  # a step can be dropped into a stage
        item.setFlags(flags)
        if not name:
            item.setForeground(0, self.palette().placeholderText())
            item.setText(0, self.tr("(unnamed)"))
        return item

    def _all_items(self):
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    @staticmethod
    def _key(item: QTreeWidgetItem) -> tuple[str, str]:
        return str(item.data(0, KIND_ROLE)), str(item.data(0, ID_ROLE) or item.text(0))

    def find_item(self, kind: str, item_id: str) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, KIND_ROLE) == kind and item.data(0, ID_ROLE) == item_id:
                return item
        return None

    def current(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, KIND_ROLE) not in OUTLINE_KINDS:
            return None
        return str(item.data(0, KIND_ROLE)), str(item.data(0, ID_ROLE))

    def typing_at(self, widget) -> dict[str, str] | None:
        """``{kind: id, "field": "name"}`` when ``widget`` is the in-place editor of an
        item's name (a live session's presence), else None."""
        viewport = self.tree.viewport()
        if widget is None or widget is viewport or not viewport.isAncestorOf(widget):
            return None
        current = self.current()
        return {current[0]: current[1], "field": "name"} if current is not None else None

    def select(self, kind: str, item_id: str) -> None:
        item = self.find_item(kind, item_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    # -- reacting ----------------------------------------------------------------

    def changes_applied(self, record, initiator) -> None:
        touched = record.structure or any(record.ids(kind) for kind in ("stage", "step", "lane", "persona"))
        if not touched:
            return
        if initiator is self:
            if not self._rebuild_scheduled:
                self._rebuild_scheduled = True
                QTimer.singleShot(0, self.rebuild)
        elif self.tree.editing():
            # Someone else's change (a live session) while a name is typed here: a
            # rebuild would close the editor and lose the typing; it waits for the editor.
            self._rebuild_after_editing = True
        else:
            self.rebuild()

    def editing_ended(self) -> None:
        if self._rebuild_after_editing:
            self._rebuild_after_editing = False
            if not self._rebuild_scheduled:
                self._rebuild_scheduled = True
                QTimer.singleShot(0, self.rebuild)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        self._update_actions()
        if current is not None and current.data(0, KIND_ROLE) in OUTLINE_KINDS:
            self.item_selected.emit(str(current.data(0, KIND_ROLE)), str(current.data(0, ID_ROLE)))

    def _update_actions(self) -> None:
        current = self.current()
        self.rename_action.setEnabled(current is not None)
        self.remove_action.setEnabled(current is not None)
        self.up_action.setEnabled(current is not None)
        self.down_action.setEnabled(current is not None)
        self.add_step_action.setEnabled(bool(self.editor.doc.stages))

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.add_stage_action)
        menu.addAction(self.add_step_action)
        menu.addMenu(self.lane_menu)
        menu.addAction(self.add_persona_action)
        if self.current() is not None:
            menu.addSeparator()
            for action in (self.rename_action, self.up_action, self.down_action, self.remove_action):
                menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # -- editing -----------------------------------------------------------------

    def _push(self, edit: Edit, select: tuple[str, str] | None = None) -> bool:
        ok = self.channel.push_edit(edit, initiator=None)
        if ok and select is not None:
            self.select(*select)
        return ok

    def _renamed(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, item_id = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind not in OUTLINE_KINDS:
            return
        name = item.text(0).strip()
        self.channel.push_edit(edits.rename(kind, item_id, name), initiator=self)
        # The item's text is what was typed; the rebuild shows the model's name.
        if not self._rebuild_scheduled:
            self._rebuild_scheduled = True
            QTimer.singleShot(0, self.rebuild)

    def rename_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and self.current() is not None:
            self.tree.editItem(item, 0)

    def _stage_index(self) -> int | None:
        """Index of the stage that holds the current item (stage or step)."""
        current = self.current()
        if current is None:
            return None
        kind, item_id = current
        for i, stage in enumerate(self.editor.doc.stages):
            if (kind == "stage" and stage.id == item_id) or (
                kind == "step" and any(step.id == item_id for step in stage.steps)
            ):
                return i
        return None

    def add_stage(self) -> None:
        index = self._stage_index()
        stage = Stage(name=self.tr("New stage"), steps=[Step(name=self.tr("New step"))])
        self._push(edits.add_stage(stage, None if index is None else index + 1), ("stage", stage.id))

    def add_step(self) -> None:
        doc = self.editor.doc
        if not doc.stages:
            return
        stage_index = self._stage_index()
        stage = doc.stages[-1 if stage_index is None else stage_index]
        index = None
        current = self.current()
        if current and current[0] == "step":
            index = [s.id for s in stage.steps].index(current[1]) + 1
        step = Step(name=self.tr("New step"))
        self._push(edits.add_step(stage.id, step, index), ("step", step.id))

    def add_lane(self, kind: LaneKind) -> None:
        current = self.current()
        index = None
        if current and current[0] == "lane":
            index = [lane.id for lane in self.editor.doc.lanes].index(current[1]) + 1
        lane = Lane(name=names.lane_kind_name(kind), kind=kind)
        self._push(edits.add_lane(lane, index), ("lane", lane.id))

    def add_persona(self) -> None:
        count = len(self.editor.doc.personas)
        used = {p.color for p in self.editor.doc.personas}
        color = next((c for c in PERSONA_COLORS if c not in used), PERSONA_COLORS[count % len(PERSONA_COLORS)])
        persona = Persona(name=self.tr("Persona {number}").format(number=count + 1), color=color)
        self._push(edits.add_persona(persona), ("persona", persona.id))

    def remove_current(self) -> None:
        current = self.current()
        if current is None:
            return
        kind, item_id = current
        self._push(edits.remove(kind, item_id, cards_under(self.editor.doc, kind, item_id)))

    def _siblings(self, kind: str, item_id: str) -> tuple[list[str], str | None]:
        """Ids of the item's siblings in order, and (for a step) its stage id."""
        doc = self.editor.doc
        if kind == "stage":
            return [s.id for s in doc.stages], None
        if kind == "lane":
            return [lane.id for lane in doc.lanes], None
        if kind == "persona":
            return [p.id for p in doc.personas], None
        stage, _step = self.editor.step(item_id)
        return [s.id for s in stage.steps], stage.id

    def move_current(self, delta: int) -> None:
        current = self.current()
        if current is None:
            return
        kind, item_id = current
        siblings, stage_id = self._siblings(kind, item_id)
        index = siblings.index(item_id) + delta
        if 0 <= index < len(siblings):
            self.move(kind, item_id, index, stage_id)

    def move(self, kind: str, item_id: str, index: int, stage_id: str | None = None) -> bool:
        """Move a stage/lane/persona to ``index``, or a step to ``index`` in ``stage_id``."""
        return self._push(edits.move(kind, item_id, index, stage_id), (kind, item_id))

    def drop(self, dragged: QTreeWidgetItem, target: QTreeWidgetItem, *, above: bool, on_item: bool) -> bool:
        """Turn a drop of ``dragged`` on/above/below ``target`` into a Move command."""
        kind, item_id = dragged.data(0, KIND_ROLE), dragged.data(0, ID_ROLE)
        target_kind, target_id = target.data(0, KIND_ROLE), target.data(0, ID_ROLE)
        if kind not in OUTLINE_KINDS:
            return False
        if kind == "step" and target_kind == "stage" and on_item:
            stage = self.editor.stage(target_id)
            others = [s for s in stage.steps if s.id != item_id]
            return self.move("step", item_id, len(others), target_id)
        if target_kind != kind:
            return False
        siblings, _ = self._siblings(kind, target_id)
        stage_id = self.editor.step(target_id)[0].id if kind == "step" else None
        rest = [s for s in siblings if s != item_id]
        if target_id not in rest:  # dropped on itself
            return False
        index = rest.index(target_id) + (0 if above else 1)
        return self.move(kind, item_id, index, stage_id)
