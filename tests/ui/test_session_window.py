"""Live co-editing in the window (issue 14): two MainWindows in one process, one in-app
server on 127.0.0.1, driven by real keys and mouse on the shown windows.

Share ▸ Start Session… on one, Share ▸ Join Session… with the copied link on the other;
then an edit in one arrives in the other through its edit channel with a
``RemoteInitiator`` and no undo entry there; presence (the "Who is here" list and the
coloured outline of the other's selection) shows; Ctrl+Z undoes my own edit only, and
an undo of a card someone has retitled since is skipped with its sentence; a link with
a wrong secret is refused in the dialog with the server's sentence.
"""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from cxmapper.collab.auth import JoinLink
from cxmapper.model.document import make_card
from cxmapper.model.fileformat import load_file, save_file
from cxmapper.ui import edits
from cxmapper.ui import session as session_module
from cxmapper.ui.edit_channel import RemoteInitiator
from cxmapper.ui.session_dialogs import JoinSessionDialog, LinkDialog, StartSessionDialog
from tests.ui.shell_support import open_window, sample_document

NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
WAIT_MS = 10_000


def activate(qtbot, window) -> None:
    """Make ``window`` the active one: its shortcuts (Ctrl+Z) answer only then."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)


def undo_key(qtbot, window) -> None:
    activate(qtbot, window)
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)


def click_card(window, card_id: str) -> None:
    QTest.qWait(30)  # the window's deferred work first (a joined map's opening zoom)
    item = window.scene.card_item(card_id)
    window.view.ensureVisible(item)
    point: QPoint = window.view.mapFromScene(item.scene_rect().center())
    QTest.mouseClick(window.view.viewport(), LEFT, NO_MOD, point)


def append_to_title(window, card_id: str, text: str) -> None:
    """Click the card, F2, End, type ``text`` (ASCII), Enter: on the canvas."""
    click_card(window, card_id)
    QTest.keyClick(window.view, Qt.Key.Key_F2)
    QTest.keyClick(window.view, Qt.Key.Key_End)
    QTest.keyClicks(window.view, text)
    QTest.keyClick(window.view, Qt.Key.Key_Return)


def dialog_of(window, kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible() and w.parent() is window]
    assert len(found) == 1, f"expected one open {kind.__name__}"
    return found[0]


def press_ok(dialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def type_into(line_edit, text: str) -> None:
    """Clear the field and type ``text``: ASCII as key clicks, other text (Chinese) as an
    input method's commit, the way a Chinese input method delivers it."""
    line_edit.setFocus()
    line_edit.selectAll()
    QTest.keyClick(line_edit, Qt.Key.Key_Backspace)
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            QTest.keyClicks(line_edit, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(line_edit, event)


def open_share_item(window, letter: str) -> None:
    """Share ▸ (item by its mnemonic), with the keyboard."""
    menu = window.session.menu
    window.activateWindow()
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    QTest.qWaitForWindowExposed(menu)
    QTest.keyClick(menu, letter)


def start_session(qtbot, window, name: str) -> str:
    open_share_item(window, "S")
    dialog = dialog_of(window, StartSessionDialog)
    type_into(dialog.name_edit, name)
    press_ok(dialog)
    qtbot.waitUntil(lambda: window.session.active, timeout=WAIT_MS)
    link_dialog = dialog_of(window, LinkDialog)
    QTest.mouseClick(link_dialog.copy_button, LEFT)
    link = QApplication.clipboard().text()
    assert link == link_dialog.link_edit.text() and link.startswith("cxmap+ws://127.0.0.1:")
    link_dialog.close()
    return link


def join_session(qtbot, window, link: str, name: str) -> JoinSessionDialog:
    open_share_item(window, "J")
    dialog = dialog_of(window, JoinSessionDialog)
    type_into(dialog.link_edit, link)
    type_into(dialog.name_edit, name)
    dialog.colour_box.setFocus()
    dialog.colour_box.setCurrentIndex(0)
    QTest.keyClick(dialog.colour_box, Qt.Key.Key_Down)  # the second colour: blue
    assert dialog.colour_box.currentData() == "#1f77b4"
    press_ok(dialog)
    return dialog


def in_session(qtbot, pair, host_name: str = "Alice", guest_name: str = "Bob"):
    """The pair's host starts a session, the guest joins it (dialogs, keys); both live."""
    host, guest = pair
    link = start_session(qtbot, host, host_name)
    join_session(qtbot, guest, link, guest_name)
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(host.session.presence_list.names()) == 2, timeout=WAIT_MS)
    return host, guest


@pytest.fixture
def pair(qtbot, monkeypatch, tmp_path):
    host, _ = open_window(qtbot, monkeypatch, tmp_path, sample_document())
    guest, _ = open_window(qtbot, monkeypatch, tmp_path)
    for window, x in ((host, 0), (guest, 1000)):
        window.resize(1000, 800)
        window.move(x, 0)
        qtbot.waitExposed(window)
        window.view.zoom_reset()
    yield host, guest
    for window in (guest, host):
        window.session.shutdown()
        window.undo_stack.setClean()
    QApplication.clipboard().clear()


def test_start_join_remote_edit_presence_and_undo_per_person(qtbot, pair):
    host, guest = pair
    link = start_session(qtbot, host, "Alice 爱丽丝")
    assert host.session.hosting and host.session.status_label.text() == "Live session · 1 here"
    dialog = join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    assert not dialog.isVisible()
    # The map opened in the guest's window as the room holds it.
    assert [c.title for c in guest.editor.doc.cards] == [c.title for c in host.editor.doc.cards]
    assert guest.editor.doc.meta.title == "银行开户"
    # Who is here, in both windows, with the names typed in the dialogs.
    qtbot.waitUntil(lambda: len(host.session.presence_list.names()) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(guest.session.presence_list.names()) == 2, timeout=WAIT_MS)
    assert host.session.presence_list.names()[0] == "Alice 爱丽丝 (you)"
    assert sorted(guest.session.presence_list.names()) == ["Alice 爱丽丝", "Bob (you)"]
    assert guest.session.status_label.text() == "Live session · 2 here"

    seen = []
    guest.channel.observe(lambda record, initiator: seen.append((record, initiator)))

    # The host selects a card: the guest sees Alice's coloured outline on it.
    click_card(host, "c-wait")
    qtbot.waitUntil(
        lambda: ("selection", "c-wait", "Alice 爱丽丝", "#d62728") in guest.session.overlay.marks, timeout=WAIT_MS
    )
    # The host deletes it with Backspace: gone in the guest's window too.
    QTest.keyClick(host.view, Qt.Key.Key_Backspace)
    assert "c-wait" not in {c.id for c in host.editor.doc.cards}
    qtbot.waitUntil(lambda: "c-wait" not in {c.id for c in guest.editor.doc.cards}, timeout=WAIT_MS)
    assert guest.scene.card_item("c-wait") is None
    assert seen and all(isinstance(initiator, RemoteInitiator) for _record, initiator in seen)
    assert "c-wait" in seen[-1][0].ids("card")
    assert seen[-1][1].participant == "Alice 爱丽丝"
    # No undo entry for someone else's edit: Ctrl+Z in the guest does nothing to it.
    assert guest.undo_stack.count() == 0 and not guest.session.can_undo()

    # The guest deletes a card of its own; the host then retitles another.
    click_card(guest, "c-kyc")
    QTest.keyClick(guest.view, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: "c-kyc" not in {c.id for c in host.editor.doc.cards}, timeout=WAIT_MS)
    assert guest.session.can_undo() and host.undo_stack.count() == 1
    # Ctrl+Z in the guest: its own deletion comes back, in both windows; the host's stays.
    undo_key(qtbot, guest)
    assert "c-kyc" in {c.id for c in guest.editor.doc.cards}
    qtbot.waitUntil(lambda: "c-kyc" in {c.id for c in host.editor.doc.cards}, timeout=WAIT_MS)
    undo_key(qtbot, guest)  # nothing of mine left to undo
    assert "c-wait" not in {c.id for c in guest.editor.doc.cards}
    qtbot.wait(200)
    assert "c-wait" not in {c.id for c in host.editor.doc.cards}
    # The host's own Ctrl+Z undoes the host's deletion, for everyone.
    undo_key(qtbot, host)
    qtbot.waitUntil(lambda: "c-wait" in {c.id for c in guest.editor.doc.cards}, timeout=WAIT_MS)
    assert guest.scene.card_item("c-wait") is not None

    # The host ends the session for everyone (Share ▸ End Session for Everyone…, asked
    # first in words): the guest is told, and keeps the map.
    cards = [c.id for c in guest.editor.doc.cards]
    assert host.session.leave_action.text() == "&End Session for Everyone…"
    open_share_item(host, "E")
    question = host.session.end_question
    QTest.qWaitForWindowExposed(question)
    assert "1 other participant(s) are told that the session has ended" in question.text()
    assert host.session.active  # nothing happens before the answer
    QTest.keyClick(question, Qt.Key.Key_Return)  # the default button: End Session
    assert not host.session.active and not host.session.dock.isVisible()
    assert host.statusBar().currentMessage() == "Session ended for everyone: the map stays here."
    qtbot.waitUntil(lambda: not guest.session.active, timeout=WAIT_MS)
    assert guest.session.message_box.text().startswith("The host ended the session for everyone.")
    assert [c.id for c in guest.editor.doc.cards] == cards and guest.isWindowModified()
    guest.session.message_box.close()


def test_an_undo_of_a_card_someone_changed_since_is_skipped_with_the_reason(qtbot, pair):
    host, guest = pair
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    # The guest retitles a card on the canvas (F2, End, type, Enter).
    click_card(guest, "c-app")
    QTest.keyClick(guest.view, Qt.Key.Key_F2)
    # While Bob types, Alice sees his coloured frame with his name on that card.
    qtbot.waitUntil(lambda: ("cell", "c-app", "Bob", "#1f77b4") in host.session.overlay.marks, timeout=WAIT_MS)
    QTest.keyClick(guest.view, Qt.Key.Key_End)
    QTest.keyClicks(guest.view, " v2")
    QTest.keyClick(guest.view, Qt.Key.Key_Return)
    assert guest.editor.card("c-app").title == "下载 APP v2"
    qtbot.waitUntil(lambda: host.editor.card("c-app").title == "下载 APP v2", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not any(m[0] == "cell" for m in host.session.overlay.marks), timeout=WAIT_MS)
    # The host then retitles the same card.
    append_to_title(host, "c-app", "!")
    qtbot.waitUntil(lambda: guest.editor.card("c-app").title == "下载 APP v2!", timeout=WAIT_MS)
    # The guest's Ctrl+Z would overwrite the host's words: skipped, with the reason.
    undo_key(qtbot, guest)
    assert guest.editor.card("c-app").title == "下载 APP v2!"
    message = guest.statusBar().currentMessage()
    assert "was not undone" in message and "changed by someone else" in message, message
    assert not guest.session.can_undo()
    # Bob starts a new card in an empty cell (click it, N): Alice sees that cell framed.
    rect = guest.scene.cell_rect("l-front", "s0")
    guest.view.ensureVisible(rect)
    QTest.mouseClick(guest.view.viewport(), LEFT, NO_MOD, guest.view.mapFromScene(QPointF(rect.center().x(), rect.bottom() - 6)))
    QTest.keyClick(guest.view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: ("cell", "l-front/s0", "Bob", "#1f77b4") in host.session.overlay.marks, timeout=WAIT_MS)
    QTest.keyClick(guest.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not any(m[0] == "cell" for m in host.session.overlay.marks), timeout=WAIT_MS)


def test_a_wrong_secret_is_refused_in_the_dialog_with_the_reason(qtbot, pair):
    host, guest = pair
    link = JoinLink.parse(start_session(qtbot, host, "Alice"))
    wrong = JoinLink(link.host, link.port, link.room, "x" * 43)
    dialog = join_session(qtbot, guest, str(wrong), "Mallory")
    assert dialog.isVisible() and not guest.session.active
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == (
        "The session refused the secret in this join link: ask the host for a new link."
    )
    # Fixed link, same dialog: joins.
    type_into(dialog.link_edit, str(link))
    press_ok(dialog)
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    assert not dialog.isVisible()


def test_a_link_without_secret_or_to_no_server_is_refused_with_a_sentence(qtbot, pair):
    _host, guest = pair
    dialog = join_session(qtbot, guest, "cxmap+ws://127.0.0.1:9/room", "Bob")
    assert dialog.isVisible() and "secret" in dialog.error_label.text().lower()
    assert not guest.session.active


def test_the_host_saves_the_merged_map_with_ctrl_s_and_autosave_covers_the_replica(qtbot, pair, tmp_path):
    host, guest = pair
    path = tmp_path / "workshop.cxmap"
    save_file(sample_document(), path)
    assert host.open_path(path, ask=False)
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    # The guest deletes a card; the host's replica follows; the host presses Ctrl+S.
    click_card(guest, "c-front")
    QTest.keyClick(guest.view, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: "c-front" not in {c.id for c in host.editor.doc.cards}, timeout=WAIT_MS)
    assert host.isWindowModified()  # someone else's edit is unsaved here too
    activate(qtbot, host)
    QTest.keyClick(host.view, Qt.Key.Key_S, CTRL)
    assert load_file(path) == host.editor.doc == guest.editor.doc
    assert "c-front" not in {c.id for c in load_file(path).cards}
    # Autosave covers the guest's replica, which has no file: the remote edit is written.
    click_card(host, "c-ad")
    QTest.keyClick(host.view, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: "c-ad" not in {c.id for c in guest.editor.doc.cards}, timeout=WAIT_MS)
    assert guest.autosaver.flush()
    document, _ = guest.store.paths(guest.autosaver.key)
    assert {c.id for c in load_file(document).cards} == {c.id for c in guest.editor.doc.cards}


def test_a_repair_after_concurrent_edits_is_shown_in_words(qtbot, pair):
    """The host removes a step while the guest adds a card to it, before either hears of
    the other (both pushed before the event loop delivers anything: concurrent). The
    merge re-homes the card to "Recovered" on both replicas, and each window says so."""
    host, guest = pair
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    card = make_card("action", id="c-new", lane="l-act", step="s1", title="新想法")
    assert host.channel.push_edit(edits.remove("step", "s1", edits.cards_under(host.editor.doc, "step", "s1")))
    assert guest.channel.push_edit(edits.add_card(card))
    for window in (host, guest):
        qtbot.waitUntil(lambda w=window: "Recovered" in w.statusBar().currentMessage(), timeout=WAIT_MS)
        message = window.statusBar().currentMessage()
        assert "its step was removed by someone else" in message and "新想法" in message, message
    assert host.editor.doc == guest.editor.doc
    assert host.editor.card("c-new").step == guest.editor.card("c-new").step == "cx-recovered-step"


def test_with_three_people_a_remote_edit_names_the_one_who_made_it(qtbot, pair, monkeypatch, tmp_path):
    host, guest = pair
    third, _ = open_window(qtbot, monkeypatch, tmp_path)
    third.resize(1000, 800)
    qtbot.waitExposed(third)
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    join_session(qtbot, third, link, "Carol")
    qtbot.waitUntil(lambda: third.session.active, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(guest.session.presence_list.names()) == 3, timeout=WAIT_MS)
    seen = []
    guest.channel.observe(lambda record, initiator: seen.append(initiator))
    rebuilt = []
    guest.scene.rebuilt.connect(lambda: rebuilt.append(1))
    try:
        # Carol retitles a card (F2, type, Enter): Bob's window names her alone.
        append_to_title(third, "c-fast", " now")
        qtbot.waitUntil(lambda: guest.editor.card("c-fast").title == "线上预审 now", timeout=WAIT_MS)
        assert seen == [RemoteInitiator("Carol")]
        assert rebuilt == []  # one card's title: that card is redrawn, not the canvas
        # A deletion creates nothing in the Y.Doc and Yjs does not record who deleted:
        # it is named after everyone else here.
        click_card(host, "c-kyc")
        QTest.keyClick(host.view, Qt.Key.Key_Backspace)
        assert "c-kyc" not in {c.id for c in host.editor.doc.cards}
        qtbot.waitUntil(lambda: "c-kyc" not in {c.id for c in guest.editor.doc.cards}, timeout=WAIT_MS)
        assert seen[-1] == RemoteInitiator("Alice, Carol")
        # Alice adds a card by pasting: named as Alice.
        click_card(host, "c-ad")
        activate(qtbot, host)
        QTest.keyClick(host.view, Qt.Key.Key_C, CTRL)
        QTest.keyClick(host.view, Qt.Key.Key_V, CTRL)
        qtbot.waitUntil(lambda: len(guest.editor.doc.cards) == len(third.editor.doc.cards) == 6, timeout=WAIT_MS)
        assert seen[-1] == RemoteInitiator("Alice")
    finally:
        third.session.shutdown()
        third.undo_stack.setClean()


def test_an_expired_session_and_an_unreachable_host_are_refused_with_a_sentence(qtbot, pair, monkeypatch):
    host, guest = pair
    link = host.session.start("Alice", "#d62728", ttl=0.3)  # a link that expires at once
    time.sleep(0.5)
    dialog = join_session(qtbot, guest, str(link), "Bob")
    assert dialog.error_label.text() == "This session has expired: ask the host to start a new one."
    assert not guest.session.active
    host.session.leave()
    # Nobody answers on that port any more (the host stopped): refused after the wait.
    monkeypatch.setattr(session_module, "JOIN_TIMEOUT_S", 1.0)
    type_into(dialog.link_edit, str(link))
    press_ok(dialog)
    assert dialog.error_label.text() == f"Could not reach the session at 127.0.0.1:{link.port} within 1 s."
    assert dialog.isVisible() and not guest.session.active


def test_typing_in_the_inspector_is_one_personal_undo_step(qtbot, pair):
    """Each key typed in the inspector merges into one undo step; in a session that step
    is one entry of my own history (amended per key), undone by one Ctrl+Z for everyone."""
    host, guest = pair
    link = start_session(qtbot, host, "Alice")
    join_session(qtbot, guest, link, "Bob")
    qtbot.waitUntil(lambda: guest.session.active, timeout=WAIT_MS)
    click_card(guest, "c-app")
    title = guest.inspector.card_title
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " OK")
    assert guest.editor.card("c-app").title == "下载 APP OK"
    qtbot.waitUntil(lambda: host.editor.card("c-app").title == "下载 APP OK", timeout=WAIT_MS)
    assert guest.registry["undo"].text() == "&Undo Edit card title"
    undo_key(qtbot, guest)
    assert guest.editor.card("c-app").title == "下载 APP"
    qtbot.waitUntil(lambda: host.editor.card("c-app").title == "下载 APP", timeout=WAIT_MS)
    assert not guest.session.can_undo() and guest.session.can_redo()
