"""Link to…: link a card to another by the keyboard, the menu, the card's context menu or
the inspector (the canvas's Shift+drag does the same with the mouse).

``LinkTargetDialog(editor, source_id)`` lists every other card ("title · stage › step ·
lane"), filtered as the person types (any word of title, step, stage or lane; Chinese
included); Up/Down move in the list without leaving the filter, the link kind is
suggested from the two cards' kinds as on the canvas (``suggested_link_kinds``), and
Enter links. The dialog changes nothing itself: ``chosen()`` gives (target id, kind)
and the window pushes ``edits.link_cards`` through its channel, so the undo label is
the canvas's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model.document import CardKind, LinkKind
from cxmapper.model.editor import Editor
from cxmapper.ui import names
from cxmapper.ui.canvas.interactions import suggested_link_kinds

_ID = Qt.ItemDataRole.UserRole


class LinkTargetDialog(QDialog):
    def __init__(self, editor: Editor, source_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._source = editor.card(source_id)
        self.setWindowTitle(self.tr("Link to…"))
        self.setMinimumSize(640, 420)  # workshop titles are long; the list shows them whole
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Link “%1” to:").replace("%1", self._source.title or self.tr("(untitled)")))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Type to find a card"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.cards = QListWidget(self)
        layout.addWidget(self.cards, 1)
        form = QFormLayout()
        self.kind = QComboBox(self)
        form.addRow(self.tr("Link kind"), self.kind)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Link"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        self.filter.textChanged.connect(self._apply_filter)
        self.cards.currentItemChanged.connect(lambda *_: self._target_changed())
        self.cards.itemDoubleClicked.connect(lambda *_: self.accept())
        self.kind.activated.connect(lambda _index: setattr(self, "_kind_chosen_by_hand", True))
        self.filter.installEventFilter(self)
        self._apply_filter("")
        self.filter.setFocus()

    def _fill(self) -> None:
        doc = self._editor.doc
        lane_names = {lane.id: lane.name for lane in doc.lanes}
        for stage in doc.stages:
            for step in stage.steps:
                for lane in doc.lanes:
                    for card in self._editor.cards_in(lane.id, step.id):
                        if card.id == self._source.id:
                            continue
                        text = f"{card.title or self.tr('(untitled)')}  ·  {stage.name} › {step.name}  ·  {lane_names[lane.id]}"
                        item = QListWidgetItem(text, self.cards)
                        item.setData(_ID, card.id)
                        item.setToolTip(f"{names.card_kind_name(CardKind(card.kind))}: {card.title}")

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.cards.count()):
            item = self.cards.item(row)
            hidden = not all(word in item.text().casefold() for word in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.cards.currentItem()
        if current is None or current.isHidden():
            self.cards.setCurrentItem(first)
        self._target_changed()

    def _target_changed(self) -> None:
        item = self.cards.currentItem()
        target = None if item is None or item.isHidden() else self._editor.card(item.data(_ID))
        self.ok_button.setEnabled(target is not None)
        keep = self.kind.currentData()
        self.kind.clear()
        target_kind = CardKind(target.kind) if target is not None else CardKind.TOUCHPOINT
        for kind in suggested_link_kinds(CardKind(self._source.kind), target_kind):
            self.kind.addItem(names.link_kind_name(kind), kind.value)
        if keep is not None and self._kind_chosen_by_hand:
            self.kind.setCurrentIndex(max(0, self.kind.findData(keep)))

    _kind_chosen_by_hand = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # Up/Down in the filter move in the list: type, arrow, Enter, never the mouse.
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown
        ):
            QApplication.sendEvent(self.cards, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> tuple[str, LinkKind] | None:
        """(target card id, link kind) once accepted with a card chosen."""
        item = self.cards.currentItem()
        if item is None or item.isHidden() or self.kind.currentData() is None:
            return None
        return item.data(_ID), LinkKind(self.kind.currentData())
