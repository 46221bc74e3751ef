"""Share ▸ Join Session… never replaces a map silently; Start offers an expiry; workshop
mode hides "Who is here" (issue 14). Two windows, one in-app server on 127.0.0.1, the
dialogs driven by keys and mouse.

- Joining from a window that holds a map with unsaved changes opens the session in a
  new window: the map stays, unsaved, and nothing was asked. From a new untouched map
  the same window is used. A refused join leaves no new window behind.
- Start Session with "Link expires: In 1 hour": the room's link expires then (a join
  after that hour is refused with the expiry sentence), Show Join Link says until when;
  "Never" says it does not expire.
- Workshop mode (F5) hides the presence dock, keeps the others' marks on the canvas,
  and Escape brings the dock back; a session that ended meanwhile leaves no dock.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.ui.mainwindow import MainWindow
from cxmapper.ui.session_dialogs import LinkDialog, StartSessionDialog
from tests.ui.shell_support import MessageBoxes, sample_document
from tests.ui.test_session_window import (  # noqa: F401 (pair is a fixture)
    CTRL,
    LEFT,
    WAIT_MS,
    activate,
    click_card,
    dialog_of,
    in_session,
    join_session,
    open_share_item,
    pair,
    press_ok,
    start_session,
    type_into,
)


def main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and not w.isHidden()]


def close_joined(window: MainWindow) -> None:
    joined = window.session.joined_window
    if joined is not None:
        joined.session.shutdown()
        joined.undo_stack.setClean()
        joined.close()


def test_join_from_a_window_with_unsaved_changes_opens_a_new_window_and_keeps_the_map(qtbot, pair, monkeypatch):
    host, guest = pair
    boxes = MessageBoxes(monkeypatch)
    # The guest's window holds a map of its own, with an unsaved change made by key.
    draft = sample_document()
    draft = draft.model_copy(update={"meta": draft.meta.model_copy(update={"title": "我的草稿"})})
    guest.set_document(draft, None)
    click_card(guest, "c-wait")
    QTest.keyClick(guest.view, Qt.Key.Key_Backspace)
    assert guest.isWindowModified() and not guest.is_pristine()
    mine = guest.editor.doc
    link = start_session(qtbot, host, "Alice")
    before = set(main_windows())
    dialog = join_session(qtbot, guest, link, "Bob")
    try:
        qtbot.waitUntil(lambda: guest.session.joined_window is not None, timeout=WAIT_MS)
        joined = guest.session.joined_window
        assert not dialog.isVisible()
        assert set(main_windows()) - before == {joined} and joined.isVisible()
        # The session is in the new window; this one still holds its own map, unsaved.
        assert joined.session.active and not guest.session.active
        assert joined.editor.doc.meta.title == "银行开户" and "c-wait" in {c.id for c in joined.editor.doc.cards}
        assert guest.editor.doc is mine and guest.editor.doc.meta.title == "我的草稿"
        assert "c-wait" not in {c.id for c in mine.cards} and guest.isWindowModified()
        assert not guest.session.dock.isVisible()
        # Nothing was asked (no Save/Discard question about the map that stays).
        assert boxes.calls == []
        qtbot.waitUntil(lambda: len(host.session.presence_list.names()) == 2, timeout=WAIT_MS)
        assert sorted(host.session.presence_list.names()) == ["Alice (you)", "Bob"]
        # The new window edits the session's map: the host sees it.
        click_card(joined, "c-fast")
        QTest.keyClick(joined.view, Qt.Key.Key_Backspace)
        qtbot.waitUntil(lambda: "c-fast" not in {c.id for c in host.editor.doc.cards}, timeout=WAIT_MS)
        assert "c-fast" in {c.id for c in guest.editor.doc.cards}
    finally:
        close_joined(guest)


def test_join_from_a_new_untouched_map_uses_the_same_window(qtbot, pair):
    host, guest = pair
    assert guest.is_pristine()
    before = set(main_windows())
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    assert guest.session.joined_window is None and not set(main_windows()) - before
    assert guest.editor.doc.meta.title == "银行开户"


def test_a_refused_join_from_a_window_with_a_map_leaves_no_window_behind(qtbot, pair):
    host, guest = pair
    guest.set_document(sample_document(), None)
    click_card(guest, "c-ad")
    QTest.keyClick(guest.view, Qt.Key.Key_Backspace)
    assert not guest.is_pristine()
    link = start_session(qtbot, host, "Alice")
    before = set(main_windows())
    dialog = join_session(qtbot, guest, link.replace("#secret=", "#secret=x"), "Bob")
    assert dialog.isVisible() and "refused the secret" in dialog.error_label.text()
    QTest.qWait(50)  # the refused window's deleteLater
    assert not set(main_windows()) - before and guest.session.joined_window is None
    assert not guest.session.active


def test_start_with_link_expiry_and_show_join_link_says_until_when(qtbot, pair):
    host, guest = pair
    open_share_item(host, "S")
    dialog = dialog_of(host, StartSessionDialog)
    type_into(dialog.name_edit, "Alice")
    box = dialog.expiry_box
    assert box.currentText() == "In 24 hours"  # the default: a link does not live for ever
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Up)
    QTest.keyClick(box, Qt.Key.Key_Up)
    assert box.currentText() == "In 1 hour"
    started = time.time()
    press_ok(dialog)
    qtbot.waitUntil(lambda: host.session.active, timeout=WAIT_MS)
    assert abs(host.session.expires_at - (started + 3600)) < 5
    link_dialog = dialog_of(host, LinkDialog)
    note = link_dialog.expiry_label.text()
    assert note.startswith("This link admits people until ") and "refused" in note
    link = link_dialog.link_edit.text()
    link_dialog.close()
    assert "refused" in host.session.status_label.toolTip()
    # An hour and a minute later, a guest with that link is refused in words.
    registry = host.session.session.registry
    registry._clock = lambda: time.time() + 3660
    dialog = join_session(qtbot, guest, link, "Bob")
    assert dialog.error_label.text() == "This session has expired: ask the host to start a new one."
    assert not guest.session.active
    dialog.close()
    # The choice is remembered for the next session; "Never" says so.
    host.session.leave()
    open_share_item(host, "S")
    again = dialog_of(host, StartSessionDialog)
    assert again.expiry_box.currentText() == "In 1 hour"
    again.expiry_box.setFocus()
    QTest.keyClick(again.expiry_box, Qt.Key.Key_Home)
    assert again.expiry_box.currentText() == "Never"
    press_ok(again)
    qtbot.waitUntil(lambda: host.session.active, timeout=WAIT_MS)
    never = dialog_of(host, LinkDialog)
    assert never.expiry_label.text().startswith("This link does not expire")
    assert host.session.expires_at is None
    never.close()


def test_workshop_mode_hides_who_is_here_and_keeps_the_others_marks(qtbot, pair):
    host, guest = in_session(qtbot, pair)
    click_card(guest, "c-kyc")
    qtbot.waitUntil(lambda: ("selection", "c-kyc", "Bob", "#1f77b4") in host.session.overlay.marks, timeout=WAIT_MS)
    assert host.session.dock.isVisible()
    activate(qtbot, host)
    QTest.keyClick(host.view, Qt.Key.Key_F5)
    assert host.workshop.active
    assert not host.session.dock.isVisible() and not host.outline_dock.isVisible()
    # The others' marks stay on the projected canvas, and follow what they do.
    qtbot.wait(50)
    assert ("selection", "c-kyc", "Bob", "#1f77b4") in host.session.overlay.marks
    click_card(guest, "c-front")
    assert guest.selected_card_ids() == ["c-front"]
    qtbot.waitUntil(
        lambda: ("selection", "c-front", "Bob", "#1f77b4") in host.session.overlay.marks,
        timeout=WAIT_MS,
    )
    activate(qtbot, host)
    QTest.keyClick(host.view, Qt.Key.Key_Escape)
    assert not host.workshop.active
    qtbot.waitUntil(lambda: host.session.dock.isVisible(), timeout=WAIT_MS)
    assert host.outline_dock.isVisible()

    # The guest projects; the host ends the session meanwhile: no empty dock afterwards.
    activate(qtbot, guest)
    QTest.keyClick(guest.view, Qt.Key.Key_F5)
    assert guest.workshop.active and not guest.session.dock.isVisible()
    host.session.leave()
    qtbot.waitUntil(lambda: not guest.session.active, timeout=WAIT_MS)
    guest.session.message_box.close()
    activate(qtbot, guest)
    QTest.keyClick(guest.view, Qt.Key.Key_Escape)
    assert not guest.workshop.active
    qtbot.wait(450)  # leaving restores the layout a moment later too
    assert not guest.session.dock.isVisible() and guest.outline_dock.isVisible()
