"""Comments in the window (issue 14, the comments panel), driven by real keys and mouse.

A person selects a card, opens the panel (Ctrl+Alt+M or a context menu), types a comment
and presses Enter, replies, edits their own, resolves, deletes, undoes and redoes; the
document, the undo history, the panel and the canvas's badges are checked after each.
Every edit reaches the undo stack once, through the channel (``PushSpy``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from cxmapper.model.comments import AddComment, new_comment
from cxmapper.ui.canvas.items.comment_badge import badge_of
from cxmapper.ui.edit_channel import RemoteInitiator

from tests.ui.shell_support import sample_document
# ``shown``: the window on the sample map, shown, with a PushSpy on its channel.
from tests.ui.test_edit_channel import click_card, key, shown, type_chinese, vp  # noqa: F401

NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def open_panel(window, qtbot):
    """Ctrl+Alt+M on the canvas: the comments dock shows, the cursor in its box."""
    key(window.view, Qt.Key.Key_M, CTRL | ALT)
    panel = window.comments.panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.box.hasFocus())
    return panel


def post(panel, text: str, chinese: bool = False) -> None:
    if chinese:
        type_chinese(panel.box, text)
    else:
        QTest.keyClicks(panel.box, text)
    key(panel.box, Qt.Key.Key_Return)


def click_comment(panel, comment_id: str) -> None:
    tree = panel.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    items += [top.child(j) for top in items for j in range(top.childCount())]
    item = next(item for item in items if item.data(0, Qt.ItemDataRole.UserRole) == comment_id)
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), LEFT, NO_MOD, tree.visualItemRect(item).center())
    assert panel.current_id() == comment_id


def reply_to_a_new_thread(window, qtbot, card_id: str, text: str):
    """Ann comments ``text`` on a card, clicks her comment and Reply: (panel, the comment)."""
    window.settings.comment_author = "Ann"
    click_card(window, card_id)
    panel = open_panel(window, qtbot)
    post(panel, text)
    first = window.editor.doc.comments[0]
    click_comment(panel, first.id)
    QTest.mouseClick(panel.reply_button, LEFT)
    return panel, first


def shown_texts(panel) -> list[str]:
    tree = panel.tree
    texts = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        texts.append(top.text(0))
        texts += ["  " + top.child(j).text(0) for j in range(top.childCount())]
    return texts


def history(window) -> list[str]:
    stack = window.undo_stack
    return [stack.text(i) for i in range(stack.count())]


def badge_count(window, card_id: str) -> int:
    badge = badge_of(window.scene.card_item(card_id))
    return 0 if badge is None else badge.count


def test_comment_reply_resolve_undo_redo_on_a_card_by_keys_and_mouse(shown, qtbot):
    window, spy = shown
    window.settings.comment_author = "Ann"
    click_card(window, "c-wait")
    panel = open_panel(window, qtbot)
    assert (panel.target_kind, panel.target_id) == ("card", "c-wait")
    assert panel.title.text() == "Comments on card “等待太久”"
    assert panel.empty.isVisible()

    post(panel, "Ask the bank how long KYC takes")
    [first] = window.editor.doc.comments
    assert (first.target, first.author, first.text, first.thread, first.resolved) == (
        "c-wait", "Ann", "Ask the bank how long KYC takes", None, False,
    )
    assert first.created is not None
    assert panel.box.toPlainText() == "" and panel.box.hasFocus()  # ready for the next one
    assert panel.current_id() == first.id
    assert shown_texts(panel)[0].startswith("Ann · ") and shown_texts(panel)[0].endswith("Ask the bank how long KYC takes")
    assert badge_count(window, "c-wait") == 1

    # A reply: the comment clicked, Reply, typed, Enter.
    click_comment(panel, first.id)
    QTest.mouseClick(panel.reply_button, LEFT)
    assert panel.box.hasFocus() and panel.mode_label.text().startswith("Replying to Ann")
    post(panel, "About 2 days, says the branch")
    reply = window.editor.doc.comments[1]
    assert (reply.thread, reply.target, reply.text) == (first.id, "c-wait", "About 2 days, says the branch")
    assert len(shown_texts(panel)) == 2 and shown_texts(panel)[1].startswith("  Ann · ")
    assert badge_count(window, "c-wait") == 1  # threads are counted, not replies

    # Resolve: the thread leaves the list (Show resolved is off) and the badge goes.
    QTest.mouseClick(panel.resolve_button, LEFT)
    assert window.editor.doc.comments[0].resolved
    assert shown_texts(panel) == [] and panel.empty.isVisible()
    assert badge_count(window, "c-wait") == 0
    QTest.mouseClick(panel.show_resolved, LEFT, pos=QPoint(8, panel.show_resolved.height() // 2))
    assert panel.show_resolved.isChecked()
    assert "✓ Resolved" in shown_texts(panel)[0] and len(shown_texts(panel)) == 2

    assert spy.take() == [("Add comment", None), ("Reply to comment", None), ("Resolve comment", None)]
    assert history(window) == ["Add comment", "Reply to comment", "Resolve comment"]
    assert window.history.model().rowCount() == 4  # "<opened>" and the three

    # Undo and redo from the keyboard, on the canvas.
    window.view.setFocus()
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert not window.editor.doc.comments[0].resolved and badge_count(window, "c-wait") == 1
    assert "✓ Resolved" not in shown_texts(panel)[0]
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert len(window.editor.doc.comments) == 1 and len(shown_texts(panel)) == 1
    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]
    QTest.keyClick(window.view, redo.key(), redo.keyboardModifiers())
    QTest.keyClick(window.view, redo.key(), redo.keyboardModifiers())
    assert window.editor.doc.comments[0].resolved and len(window.editor.doc.comments) == 2
    assert badge_count(window, "c-wait") == 0
    assert spy.take() == []  # undo and redo are not pushes


def test_the_name_is_asked_once_offered_as_the_system_user(shown, qtbot, monkeypatch):
    window, spy = shown
    monkeypatch.setattr("cxmapper.ui.panels.comments.system_user_name", lambda: "ann.lee")
    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        asked.append(dialog.textValue())
        line = dialog.findChild(QLineEdit)
        key(line, Qt.Key.Key_A, CTRL)
        type_chinese(line, "王芳")
        key(line, Qt.Key.Key_Return)

    click_card(window, "c-app")
    panel = open_panel(window, qtbot)
    QTimer.singleShot(0, answer)
    post(panel, "第一条", chinese=True)
    assert asked == ["ann.lee"]
    assert window.settings.comment_author == "王芳"
    post(panel, "第二条", chinese=True)  # not asked again
    assert asked == ["ann.lee"]
    assert [c.author for c in window.editor.doc.comments] == ["王芳", "王芳"]
    assert len(spy.take()) == 2


def test_declining_to_give_a_name_posts_nothing_and_keeps_the_text(shown, qtbot):
    window, spy = shown
    click_card(window, "c-app")
    panel = open_panel(window, qtbot)
    QTimer.singleShot(0, lambda: key(QApplication.activeModalWidget(), Qt.Key.Key_Escape))
    post(panel, "draft")
    assert window.editor.doc.comments == [] and panel.box.toPlainText() == "draft"
    assert spy.take() == []


def test_a_chinese_comment_edited_then_saved_and_reopened(shown, qtbot, tmp_path):
    window, spy = shown
    window.settings.comment_author = "王芳"
    click_card(window, "c-kyc")
    panel = open_panel(window, qtbot)
    post(panel, "人工审核要等两天，能否线上预审？", chinese=True)
    [comment] = window.editor.doc.comments
    assert comment.text == "人工审核要等两天，能否线上预审？"

    # Edit my own: Edit, the text is in the box; replaced, Enter.
    click_comment(panel, comment.id)
    assert panel.edit_button.isEnabled()
    QTest.mouseClick(panel.edit_button, LEFT)
    assert panel.box.toPlainText() == comment.text and panel.box.hasFocus()
    key(panel.box, Qt.Key.Key_A, CTRL)
    post(panel, "人工审核要等两天", chinese=True)
    edited = window.editor.doc.comments[0]
    assert edited.text == "人工审核要等两天" and edited.edited is not None and edited.created == comment.created
    assert "(edited)" in shown_texts(panel)[0]
    assert spy.take() == [("Add comment", None), ("Edit comment", None)]

    path = tmp_path / "评论.cxmap"
    assert window.save_to(path)
    window.set_document(sample_document(), None)
    assert window.comments.panel.target_kind == "map" and badge_count(window, "c-kyc") == 0
    assert window.open_path(path, ask=False)
    assert [(c.target, c.author, c.text) for c in window.editor.doc.comments] == [("c-kyc", "王芳", "人工审核要等两天")]
    assert badge_count(window, "c-kyc") == 1
    click_card(window, "c-kyc")
    assert shown_texts(window.comments.panel)[0].endswith("人工审核要等两天")


def test_someone_elses_comment_cannot_be_edited_and_remote_changes_keep_my_typing(shown, qtbot):
    window, spy = shown
    window.settings.comment_author = "Ann"
    click_card(window, "c-front")
    panel = open_panel(window, qtbot)
    theirs = new_comment("Counter staff need a checklist", "c-front", "Bob")
    window.channel.apply_remote(AddComment(theirs), RemoteInitiator("bob"))
    assert shown_texts(panel)[0].startswith("Bob · ")
    click_comment(panel, theirs.id)
    assert not panel.edit_button.isEnabled() and panel.reply_button.isEnabled()

    # I type; Bob comments elsewhere (no refresh) and on this card (a refresh that keeps my text).
    panel.box.setFocus()
    QTest.keyClicks(panel.box, "half-typed")
    before = panel.refreshes
    window.channel.apply_remote(AddComment(new_comment("elsewhere", "c-ad", "Bob")), RemoteInitiator("bob"))
    assert panel.refreshes == before
    assert badge_count(window, "c-ad") == 1
    window.channel.apply_remote(AddComment(new_comment("one more", "c-front", "Bob")), RemoteInitiator("bob"))
    assert panel.refreshes == before + 1 and len(shown_texts(panel)) == 2
    assert panel.box.toPlainText() == "half-typed" and panel.box.hasFocus() and panel.current_id() == theirs.id
    assert window.undo_stack.count() == 0 and spy.take() == []  # remote edits: no undo step of mine


def test_deleting_a_thread_takes_its_replies_and_undo_restores_them(shown, qtbot):
    window, spy = shown
    panel, first = reply_to_a_new_thread(window, qtbot, "c-fast", "Worth a pilot")
    post(panel, "Agreed")
    click_comment(panel, first.id)
    QTest.mouseClick(panel.delete_button, LEFT)
    assert window.editor.doc.comments == [] and shown_texts(panel) == []
    assert window.undo_stack.undoText() == "Delete comment and 1 reply(s)"
    window.view.setFocus()
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert [c.text for c in window.editor.doc.comments] == ["Worth a pilot", "Agreed"]
    assert len(shown_texts(panel)) == 2 and badge_count(window, "c-fast") == 1
    assert [label for label, _ in spy.take()] == ["Add comment", "Reply to comment", "Delete comment and 1 reply(s)"]

    # Deleting the card takes its thread; the panel falls back to the map; undo brings both.
    click_card(window, "c-fast")
    key(window.view, Qt.Key.Key_Delete)
    assert window.editor.doc.comments == [] and panel.target_kind == "map"
    key(window.view, Qt.Key.Key_Z, CTRL)
    assert len(window.editor.doc.comments) == 2 and badge_count(window, "c-fast") == 1


def test_comment_from_a_step_headers_context_menu_with_its_shortcut_shown(shown, qtbot):
    window, spy = shown
    window.settings.comment_author = "Ann"
    center = vp(window, window.scene.header_rect("step", "s2").center())
    viewport = window.view.viewport()
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, viewport.mapToGlobal(center))
    )
    menu = window.context_menu
    assert menu.isVisible()
    texts = {action.text(): action for action in menu.actions()}
    comment = texts["&Comment…"]
    assert comment.shortcut() == QKeySequence("Ctrl+Alt+M")
    panel = window.comments.panel
    assert (panel.target_kind, panel.target_id) == ("step", "s2")
    menu.hide()
    comment.trigger()
    qtbot.waitUntil(lambda: panel.box.hasFocus())
    post(panel, "这一步最慢", chinese=True)
    [c] = window.editor.doc.comments
    assert (c.target, c.text) == ("s2", "这一步最慢")
    badge = badge_of(window.scene.header_item("step", "s2"))
    assert badge is not None and badge.count == 1 and badge.isVisible()
    assert spy.take() == [("Add comment", None)]

    # The card's context menu offers it too (the card becomes the panel's target).
    card = vp(window, window.scene.card_item("c-ad").scene_rect().center())
    QTest.mousePress(viewport, Qt.MouseButton.RightButton, NO_MOD, card)
    QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, NO_MOD, card)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, card, viewport.mapToGlobal(card)))
    assert "&Comment…" in {action.text() for action in window.context_menu.actions()}
    assert (panel.target_kind, panel.target_id) == ("card", "c-ad")
    window.context_menu.hide()


def test_comment_is_in_the_edit_menu_and_its_key_is_nobody_elses(shown):
    window, _spy = shown
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.registry["comment"] in edit_menu.actions()
    assert window.registry.shortcut_clashes() == []
    assert window.comments.dock.toggleViewAction() in [
        a for m in window.menuBar().findChildren(type(edit_menu)) for a in m.actions()
    ]


def test_with_nothing_selected_the_comment_is_on_the_map_and_other_edits_leave_the_list_alone(shown, qtbot):
    window, spy = shown
    window.settings.comment_author = "Ann"
    window.scene.select_cards([])
    panel = open_panel(window, qtbot)
    assert (panel.target_kind, panel.target_id) == ("map", None)
    assert panel.title.text() == "Comments on the map"
    post(panel, "Share with the branch team on Friday")
    [c] = window.editor.doc.comments
    assert c.target is None
    assert all(badge_of(item) is None for item in window.scene.card_items())  # the map's own: no card marked

    # A card retitled elsewhere: the record names no comment, the list is not rebuilt.
    before = panel.refreshes
    click_card(window, "c-app")
    key(window.view, Qt.Key.Key_F2)
    type_chinese(window.view, "安装")
    key(window.view, Qt.Key.Key_Return)
    assert window.editor.card("c-app").title == "安装"
    assert panel.target_kind == "card" and panel.refreshes == before + 1  # one: following the selection
    assert panel.title.text() == "Comments on card “安装”"
    assert [label for label, _ in spy.take()] == ["Add comment", "Edit card title"]


def test_escape_cancels_a_reply_and_an_edit_without_posting(shown, qtbot):
    window, spy = shown
    panel, first = reply_to_a_new_thread(window, qtbot, "c-ad", "Which metro line?")
    assert panel.mode == "reply" and panel.mode_label.isVisible()
    key(panel.box, Qt.Key.Key_Escape)
    assert panel.mode == "new" and not panel.mode_label.isVisible()
    click_comment(panel, first.id)
    QTest.mouseClick(panel.edit_button, LEFT)
    key(panel.box, Qt.Key.Key_Escape)
    assert panel.box.toPlainText() == "" and panel.mode == "new"
    key(panel.box, Qt.Key.Key_Return)  # an empty box posts nothing
    assert [c.text for c in window.editor.doc.comments] == ["Which metro line?"]
    assert [label for label, _ in spy.take()] == ["Add comment"]


def test_a_click_on_a_stage_header_shows_its_threads_and_badges_survive_a_rebuilt_canvas(shown, qtbot):
    window, spy = shown
    window.settings.comment_author = "Ann"
    click_card(window, "c-kyc")
    panel = open_panel(window, qtbot)
    post(panel, "核验要两天", chinese=True)
    header = vp(window, window.scene.header_rect("stage", "st-buy").center())
    QTest.mouseClick(window.view.viewport(), LEFT, NO_MOD, header)
    assert (panel.target_kind, panel.target_id) == ("stage", "st-buy")
    assert panel.title.text() == "Comments on stage “决策”"
    panel.box.setFocus()
    post(panel, "Split this stage?")
    assert [c.target for c in window.editor.doc.comments] == ["c-kyc", "st-buy"]
    assert badge_of(window.scene.header_item("stage", "st-buy")).count == 1

    # A new stage: the canvas builds new items; the badges are put back on them.
    old_card = window.scene.card_item("c-kyc")
    window.view.setFocus()
    key(window.view, Qt.Key.Key_E, CTRL | SHIFT)
    key(window.view, Qt.Key.Key_Escape)
    assert len(window.editor.doc.stages) == 4
    # (canvas-grid: a new stage no longer rebuilds the canvas; the items and badges stay)
    assert window.scene.card_item("c-kyc") is old_card and badge_count(window, "c-kyc") == 1
    window.scene.rebuild()  # what a lane's kind changed still does
    assert window.scene.card_item("c-kyc") is not old_card
    assert badge_count(window, "c-kyc") == 1
    assert badge_of(window.scene.header_item("stage", "st-buy")).count == 1
    assert [label for label, _ in spy.take()][:3] == ["Add comment", "Add comment", "Add stage"]


def test_the_name_on_comments_is_changed_in_the_preferences(shown, qtbot):
    window, _spy = shown
    window.settings.comment_author = "Ann"

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.author.text() == "Ann"
        dialog.author.setFocus()
        key(dialog.author, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(dialog.author, "Ann Lee")
        key(dialog.author, Qt.Key.Key_Return)  # the dialog's default button: OK

    QTimer.singleShot(0, fill)
    window.registry["preferences"].trigger()
    assert window.settings.comment_author == "Ann Lee"
    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    click_card(window, "c-ad")
    panel = open_panel(window, qtbot)
    post(panel, "signed anew")
    assert window.editor.doc.comments[0].author == "Ann Lee"


def test_delete_in_the_comment_list_deletes_the_comment_not_the_selected_card(shown, qtbot):
    window, spy = shown
    panel, first = reply_to_a_new_thread(window, qtbot, "c-ad", "Which metro line?")
    key(panel.box, Qt.Key.Key_Escape)
    click_comment(panel, first.id)
    assert panel.tree.hasFocus() and window.selected_card_ids() == ["c-ad"]
    key(panel.tree, Qt.Key.Key_Delete)
    assert window.editor.doc.comments == []
    assert window.editor.has("card", "c-ad")
    assert [label for label, _ in spy.take()] == ["Add comment", "Delete comment"]
