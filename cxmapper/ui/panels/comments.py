"""The comments panel: the threads on the selected card, step or stage, or on the map.

Owns what a person does with comments in the window: read the threads (author, time,
text, resolved or open), add a comment, reply, edit one's own, resolve or reopen a
thread, delete. Each is a named edit (``ui/edits.py``: ``add_comment``,
``edit_comment``, ``resolve_comment``, ``delete_comment``) pushed through the window's
``EditChannel`` with ``initiator=self``, so it is one undo step in the history like any
other edit. The panel refreshes in ``changes_applied`` only when the record names a
comment it shows or one on its target (or the target itself); when the panel made the
change, the typing box keeps its focus and the new comment becomes the current one.

``CommentsUi`` wires the panel into a ``MainWindow``: the dock, the Edit ▸ Comment…
action (Ctrl+Alt+M: opens the panel on what is selected and puts the cursor in the box),
the panel following the canvas's and the outline's selection, a click or right click on
a step or stage header pointing the panel at it, and the canvas's badges
(``canvas/items/comment_badge.py``).

Comments are signed with the person's name: a setting, asked once (the first time one
comments), offered as the system's user name.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model.comments import new_comment, threads
from cxmapper.model.document import Comment
from cxmapper.model.editor import EditError
from cxmapper.ui import edits
from cxmapper.ui.canvas.items.comment_badge import CommentMarks

if TYPE_CHECKING:
    from cxmapper.ui.edit_channel import EditChannel
    from cxmapper.ui.mainwindow import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole
# What a comment can be on, besides the map.
TARGETS = ("card", "step", "stage")


def system_user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment: ask with none
        return ""


class CommentBox(QPlainTextEdit):
    """The typing box: Enter posts, Shift+Enter starts a new line, Esc cancels a reply or edit."""

    submitted = Signal()
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class CommentDelegate(QStyledItemDelegate):
    """Draws a comment as its head line (author · time, small, muted) over its text,
    wrapped to the list's width: Qt's own word wrap in a tree elides instead, once the
    row height has been guessed for another width."""

    PAD = 4

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def _parts(self, index) -> tuple[str, str]:
        head, _, body = str(index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
        return head, body

    def _fonts(self) -> tuple[QFont, QFont]:
        body = QFont(self.tree.font())
        head = QFont(body)
        head.setPointSizeF(max(6.0, body.pointSizeF() * 0.9))
        return head, body

    def _text_width(self, index) -> int:
        depth = 2 if index.parent().isValid() else 1
        return max(60, self.tree.viewport().width() - self.tree.indentation() * depth - 2 * self.PAD)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        head, body = self._parts(index)
        head_font, body_font = self._fonts()
        width = self._text_width(index)
        flags = int(Qt.TextFlag.TextWordWrap)
        height = QFontMetrics(head_font).boundingRect(QRect(0, 0, width, 10_000), flags, head).height()
        height += QFontMetrics(body_font).boundingRect(QRect(0, 0, width, 100_000), flags, body or " ").height()
        return QSize(width, height + 2 * self.PAD + 2)

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        head, body = self._parts(index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(group)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if foreground is not None and not selected:
            color = foreground.color()
        head_font, body_font = self._fonts()
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        painter.save()
        painter.setFont(head_font)
        muted = QColor(color)
        muted.setAlphaF(0.7)
        painter.setPen(muted)
        used = painter.boundingRect(rect, flags, head)
        painter.drawText(rect, flags, head)
        painter.setFont(body_font)
        painter.setPen(color)
        painter.drawText(rect.adjusted(0, used.height() + 2, 0, 0), flags, body)
        painter.restore()


class CommentsPanel(QWidget):
    """The threads on one target ("map", or a card, step or stage and its id)."""

    # The panel shows another target (a live session's presence follows the typing box).
    target_changed = Signal()

    def __init__(self, channel: EditChannel, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.settings = settings
        self.target_kind = "map"
        self.target_id: str | None = None
        self.mode = "new"
        self.mode_comment: str | None = None  # the thread replied to, or the comment edited
        self._shown: set[str] = set()  # the ids of every comment on the target (shown or not)
        self.session_name = ""  # my name in a live session (ui/session.py): comments signed with it
        self.refreshes = 0  # for tests: refreshes that rebuilt the list

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        layout.addWidget(self.title)
        self.show_resolved = QCheckBox(self.tr("Show resolved"), self)
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.show_resolved)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("comments_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(18)
        self.tree.setItemDelegate(CommentDelegate(self.tree))
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.tree, 1)
        self.empty = QLabel(self.tr("No comments yet. Type below and press Enter."), self)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        layout.addWidget(self.empty)

        buttons = QHBoxLayout()
        self.reply_button = QPushButton(self.tr("&Reply"), self)
        self.edit_button = QPushButton(self.tr("&Edit"), self)
        self.resolve_button = QPushButton(self.tr("Re&solve"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        for button, slot in (
            (self.reply_button, self.begin_reply),
            (self.edit_button, self.begin_edit),
            (self.resolve_button, self.toggle_resolved),
            (self.delete_button, self.delete_current),
        ):
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.mode_label = QLabel(self)
        self.mode_label.setWordWrap(True)
        layout.addWidget(self.mode_label)
        self.box = CommentBox(self)
        self.box.setObjectName("comment_box")
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(self.box.fontMetrics().lineSpacing() * 4 + 12)
        self.box.submitted.connect(self.submit)
        self.box.cancelled.connect(self.cancel_mode)
        layout.addWidget(self.box)
        post = QHBoxLayout()
        self.hint = QLabel(self.tr("Enter posts · Shift+Enter new line · Esc cancels"), self)
        self.hint.setEnabled(False)
        post.addWidget(self.hint, 1)
        self.post_button = QPushButton(self.tr("&Post"), self)
        self.post_button.clicked.connect(lambda _c=False: self.submit())
        post.addWidget(self.post_button)
        layout.addLayout(post)
        self.show_target("map", None)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.tree.doItemsLayout()  # the rows' wrapped heights follow the width

    # -- what is shown -------------------------------------------------------------------

    @property
    def doc(self):
        return self.channel.editor.doc

    def show_target(self, kind: str, target_id: str | None) -> None:
        """Show the threads on a card, step or stage (``kind``, its id) or on the map."""
        if kind not in TARGETS or not target_id or not self.channel.editor.has(kind, target_id):
            kind, target_id = "map", None
        if (kind, target_id) == (self.target_kind, self.target_id) and self.refreshes:
            return
        self.target_kind, self.target_id = kind, target_id
        if self.mode != "new":
            self._set_mode("new", None)
        self.refresh()
        self.target_changed.emit()

    def target_name(self) -> str:
        kind, target = self.target_kind, self.target_id
        editor = self.channel.editor
        if kind == "card":
            return self.tr("Comments on card “{name}”").format(name=editor.card(target).title or "…")
        if kind == "step":
            return self.tr("Comments on step “{name}”").format(name=editor.step(target)[1].name or "…")
        if kind == "stage":
            return self.tr("Comments on stage “{name}”").format(name=editor.stage(target).name or "…")
        return self.tr("Comments on the map")

    def typing_at(self, widget: QWidget | None) -> dict[str, str] | None:
        """Where a person types when ``widget`` has the focus: ``{kind: id, "field":
        "comment"}`` for the typing box on a card's, step's or stage's threads
        (``{"map": "meta", ...}`` on the map's), else None. A live session's presence."""
        if widget is None or not (widget is self.box or self.box.isAncestorOf(widget)):
            return None
        if self.target_kind in TARGETS and self.target_id:
            return {self.target_kind: self.target_id, "field": "comment"}
        return {"map": "meta", "field": "comment"}

    def threads(self) -> list[list[Comment]]:
        return threads(self.doc, self.target_id)

    def refresh(self, current: str | None = None) -> None:
        """Rebuild the list; ``current``: the comment to make current (else the one that was)."""
        self.refreshes += 1
        if current is None:
            current = self.current_id()
        self.title.setText(self.target_name())
        tree = self.tree
        tree.blockSignals(True)
        tree.clear()
        all_threads = self.threads()
        self._shown = {c.id for thread in all_threads for c in thread}
        show_resolved = self.show_resolved.isChecked()
        found = None
        for thread in all_threads:
            first = thread[0]
            if first.resolved and not show_resolved:
                continue
            top = self._item(first, first.resolved)
            tree.addTopLevelItem(top)
            for reply in thread[1:]:
                top.addChild(self._item(reply, first.resolved))
            top.setExpanded(True)
            for item in [top] + [top.child(i) for i in range(top.childCount())]:
                if item.data(0, ID_ROLE) == current:
                    found = item
        tree.blockSignals(False)
        if found is not None:
            tree.setCurrentItem(found)
        resolved = sum(1 for thread in all_threads if thread[0].resolved)
        self.show_resolved.setText(
            self.tr("Show resolved ({count})").format(count=resolved) if resolved else self.tr("Show resolved")
        )
        self.empty.setVisible(tree.topLevelItemCount() == 0)
        if self.mode != "new" and self.mode_comment not in self._shown:
            self._set_mode("new", None)  # the comment replied to or edited is gone
        self._update_buttons()

    def _item(self, comment: Comment, resolved: bool) -> QTreeWidgetItem:
        when = comment.created.astimezone().strftime("%Y-%m-%d %H:%M") if comment.created else ""
        head = " · ".join(part for part in (comment.author or self.tr("(no name)"), when) if part)
        if comment.edited is not None:
            head += " " + self.tr("(edited)")
        if comment.thread is None and resolved:
            head += " · " + self.tr("✓ Resolved")
        item = QTreeWidgetItem([f"{head}\n{comment.text}"])
        item.setData(0, ID_ROLE, comment.id)
        item.setToolTip(0, comment.text)
        if resolved:
            item.setForeground(0, self.palette().placeholderText())
        return item

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def comment(self, comment_id: str | None) -> Comment | None:
        return next((c for c in self.doc.comments if c.id == comment_id), None)

    def _thread_start(self, comment: Comment) -> Comment:
        return comment if comment.thread is None else (self.comment(comment.thread) or comment)

    def _update_buttons(self) -> None:
        comment = self.comment(self.current_id())
        me = self.settings.comment_author
        self.reply_button.setEnabled(comment is not None)
        self.edit_button.setEnabled(comment is not None and bool(me) and comment.author == me)
        self.delete_button.setEnabled(comment is not None)
        self.resolve_button.setEnabled(comment is not None)
        start = None if comment is None else self._thread_start(comment)
        self.resolve_button.setText(self.tr("Re&open") if start is not None and start.resolved else self.tr("Re&solve"))

    # -- the typing box ----------------------------------------------------------------

    def _set_mode(self, mode: str, comment_id: str | None) -> None:
        self.mode, self.mode_comment = mode, comment_id
        comment = self.comment(comment_id)
        if mode == "reply" and comment is not None:
            self.mode_label.setText(self.tr("Replying to {author} (Esc cancels)").format(author=comment.author or "…"))
            self.box.setPlaceholderText(self.tr("Write a reply…"))
        elif mode == "edit":
            self.mode_label.setText(self.tr("Editing your comment (Esc cancels)"))
            self.box.setPlaceholderText("")
        else:
            self.mode_label.setText("")
            self.box.setPlaceholderText(self.tr("Write a comment…"))
        self.mode_label.setVisible(mode != "new")

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def begin_reply(self) -> bool:
        comment = self.comment(self.current_id())
        if comment is None:
            return False
        self._set_mode("reply", self._thread_start(comment).id)
        self.focus_box()
        return True

    def begin_edit(self) -> bool:
        comment = self.comment(self.current_id())
        if comment is None or not self.settings.comment_author or comment.author != self.settings.comment_author:
            return False
        self._set_mode("edit", comment.id)
        self.box.setPlainText(comment.text)
        self.box.moveCursor(self.box.textCursor().MoveOperation.End)
        self.focus_box()
        return True

    def cancel_mode(self) -> None:
        if self.mode == "edit":
            self.box.clear()
        self._set_mode("new", None)

    def author(self) -> str | None:
        """The person's name, asked the first time (None: they declined, nothing is posted).
        In a live session, the name the others see in Who is here (never asked again)."""
        name = self.session_name or self.settings.comment_author
        if name:
            return name
        name, ok = QInputDialog.getText(
            self,
            self.tr("Your name"),
            self.tr("Comments are signed with your name. What is it?"),
            QLineEdit.EchoMode.Normal,
            system_user_name(),
        )
        name = name.strip()
        if not ok or not name:
            return None
        self.settings.comment_author = name
        return name

    def submit(self) -> bool:
        """Post what is typed: a new thread, a reply or the edited text (Enter)."""
        text = self.box.toPlainText().strip()
        if not text:
            return False
        if self.mode == "edit":
            edit = edits.edit_comment(self.mode_comment, text)
            new_id = self.mode_comment
        else:
            author = self.author()
            if author is None:
                return False
            thread = self.mode_comment if self.mode == "reply" else None
            try:
                comment = new_comment(text, self.target_id, author, thread=thread)
            except EditError as exc:
                self.channel.refused.emit(str(exc))
                return False
            edit, new_id = edits.add_comment(comment), comment.id
        if not self._push(edit, current=new_id):
            return False  # what was typed stays in the box
        self.box.clear()
        self._set_mode("new", None)
        return True

    def toggle_resolved(self) -> bool:
        comment = self.comment(self.current_id())
        if comment is None:
            return False
        start = self._thread_start(comment)
        return self._push(edits.resolve_comment(start.id, not start.resolved), current=start.id)

    def delete_current(self) -> bool:
        comment = self.comment(self.current_id())
        if comment is None:
            return False
        replies = 0 if comment.thread is not None else sum(1 for c in self.doc.comments if c.thread == comment.id)
        return self._push(edits.delete_comment(comment.id, replies), current=comment.thread)

    def _push(self, edit: edits.Edit, current: str | None) -> bool:
        self._after_push = current
        try:
            return self.channel.push_edit(edit, initiator=self)
        finally:
            self._after_push = None

    # -- the fan-out ---------------------------------------------------------------------

    def changes_applied(self, record, initiator: Any) -> None:
        """Refresh only when the record names a comment on the target, or the target."""
        if self.target_kind != "map" and not self.channel.editor.has(self.target_kind, self.target_id):
            self.show_target("map", None)
            return
        if self.target_id is not None and self.target_id in record.ids(self.target_kind):
            self.title.setText(self.target_name())  # renamed
        named = record.ids("comment")
        if not named:
            return
        if not (named & self._shown) and not any(
            c.id in named and c.target == self.target_id for c in self.doc.comments
        ):
            return
        if initiator is self:
            self.refresh(current=getattr(self, "_after_push", None))
        else:
            self.refresh()  # the current comment stays current, and the box keeps what is typed


class CommentsUi:
    """The comments panel in a main window: dock, action, selection, context menus, badges."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel = CommentsPanel(window.channel, window.settings, parent=window)
        self.panel.setObjectName("comments_panel")
        window.channel.connect_follower(self.panel)
        self.dock = window._dock(
            "comments_dock", QCoreApplication.translate("CommentsUi", "Comments"), self.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        window.tabifyDockWidget(window.kano_dock, self.dock)
        window.inspector_dock.raise_()
        self.marks = CommentMarks(window.channel, window.scene)
        window.registry.define(
            "comment", QCoreApplication.translate("CommentsUi", "&Comment…"), self.comment, shortcut="Ctrl+Alt+M",
            tip=QCoreApplication.translate(
                "CommentsUi", "Comment on the selected card, or the step, stage or map the comments panel shows"
            ),
        )
        window.outline.item_selected.connect(self._outline_selected)
        window.document_replaced.connect(self._document_replaced)

    def comment(self) -> None:
        """Edit ▸ Comment…: show the panel on the selection, the cursor in the box."""
        ids = self.window.selected_card_ids()
        if len(ids) == 1:
            self.panel.show_target("card", ids[0])
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_box()

    def cards_selected(self, ids: list[str]) -> None:
        if len(ids) == 1:
            self.panel.show_target("card", ids[0])
        elif self.panel.target_kind == "card":
            self.panel.show_target("map", None)

    def header_menu(self, hit: tuple[str, str] | None) -> None:
        """A click or right click on a step or stage header: the panel shows its threads."""
        if hit is not None and hit[0] in ("step", "stage"):
            self.panel.show_target(hit[0], hit[1])

    def _outline_selected(self, kind: str, item_id: str) -> None:
        if kind in ("step", "stage", "map"):
            self.panel.show_target(kind, item_id or None)

    def _document_replaced(self) -> None:
        self.panel.show_target("map", None)
        self.panel.refresh()
        scene = self.window.scene
        self.marks.set_scene(scene)
        scene.header_clicked.connect(lambda kind, item_id: self.header_menu((kind, item_id)))
