"""Find (Ctrl+F): which cards match a query, and the bar that steps through them.

Matching folds case and compatibility forms (NFKC, then casefold), so a full-width
"ＡＰＰ" finds "app" and Chinese text matches itself whatever the input method
produced. A card matches when every word of the query occurs in its title,
description or tags. Matches come in reading order: column by column (step), top to
bottom (lane), then the order in the cell.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def matching_cards(doc, query: str) -> list[str]:
    """Ids of the cards matching ``query``, in reading order; [] for a blank query."""
    words = fold(query).split()
    if not words:
        return []
    step_index = {step.id: i for i, step in enumerate(doc.steps())}
    lane_index = {lane.id: i for i, lane in enumerate(doc.lanes)}
    found = []
    for order, card in enumerate(doc.cards):
        haystack = fold("\n".join([card.title, card.description, *card.tags]))
        if all(word in haystack for word in words):
            found.append((step_index.get(card.step, -1), lane_index.get(card.lane, -1), order, card.id))
    return [entry[3] for entry in sorted(found)]


class FindBar(QWidget):
    """A one-line find bar. Emits the matches and the current match; owns no document.

    The window gives it the document to search (``search(doc)``) whenever the query or
    the document changes; typing shows the first match at once (the current one stays
while it still matches), Enter goes to the next match, Shift+Enter to the previous,
    Escape closes the bar. F3/Shift+F3 are the window's actions (a second shortcut on
    the same key here would make both ambiguous, and Qt then fires neither).
    """

    matches_changed = Signal(list)  # all matching card ids
    current_changed = Signal(str)  # the card to show
    closed = Signal()
    query_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches: list[str] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Find:")))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Words in a card's title, description or tags"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.query_edited.emit)
        # After the window searched (connected first): go to the first match at once,
        # as a browser's find does while typing.
        self.edit.textChanged.connect(self._typed)
        self.edit.returnPressed.connect(self.next_match)
        layout.addWidget(self.edit, 1)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        layout.addWidget(self.count_label)
        previous = QToolButton(self)
        previous.setText(self.tr("Previous"))
        previous.clicked.connect(self.previous_match)
        layout.addWidget(previous)
        following = QToolButton(self)
        following.setText(self.tr("Next"))
        following.clicked.connect(self.next_match)
        layout.addWidget(following)
        close = QToolButton(self)
        close.setText(self.tr("Close"))
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        for key, slot in (
            (QKeySequence(Qt.Key.Key_Escape), self.close_bar),
            (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Return), self.previous_match),
            (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Enter), self.previous_match),
        ):
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    @property
    def query(self) -> str:
        return self.edit.text()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.matches = []
        self.current = -1
        self.matches_changed.emit([])
        self.closed.emit()

    def search(self, doc) -> None:
        """Recompute the matches in ``doc``; keeps the current match when it still matches."""
        keep = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches = matching_cards(doc, self.query)
        self.current = self.matches.index(keep) if keep in self.matches else -1
        self._show_count()
        self.matches_changed.emit(list(self.matches))

    def _typed(self, _text: str) -> None:
        """The query was typed: show the first match unless the current one still matches."""
        if self.matches and self.current < 0:
            self._step(+1)

    def next_match(self) -> None:
        self._step(+1)

    def previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            self._show_count()
            return
        self.current = (self.current + delta) % len(self.matches) if self.current >= 0 else (0 if delta > 0 else len(self.matches) - 1)
        self._show_count()
        self.current_changed.emit(self.matches[self.current])

    def _show_count(self) -> None:
        if not self.query.strip():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText(self.tr("No match"))
        elif self.current < 0:
            self.count_label.setText(self.tr("%n match(es)", "", len(self.matches)))
        else:
            self.count_label.setText(self.tr("{current} of {total}").format(current=self.current + 1, total=len(self.matches)))
