"""A host that crashes: the guests are told in words, can save a copy, and merge on return (issue 14).

A real ``cxmapper serve --store`` process on 127.0.0.1 holds the room; two windows join
it with Share ▸ Join Session… (keys). The server is killed (SIGKILL: no goodbye, no
"ending" flag, as a crashed host). After the attempts and the time (shortened here) the
guest's window says, in a bar above the canvas, that the host cannot be reached since
when and that the edits are kept, with "Save a Copy…" and "Leave the Session" (clicked
with the mouse); the status bar says it short. The guest keeps
editing; Save a copy writes the guest's map as a normal file; the server restarts on the
same port and store: both windows are live again and hold one map with the offline edit.
"""

from __future__ import annotations

import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cxmapper.model.fileformat import load_file
from cxmapper.ui import session as session_module
from tests.collab.test_server_process import Served
from tests.ui.shell_support import MessageBoxes
from tests.ui.test_session_window import LEFT, WAIT_MS, click_card, join_session, pair  # noqa: F401


@pytest.fixture
def served(tmp_path):
    servers: list[Served] = []

    def start(*args: str) -> Served:
        server = Served("--store", str(tmp_path / "store"), *args)
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server.proc.poll() is None:
            server.proc.terminate()
            server.proc.wait(10)


def test_a_crashed_host_is_named_in_words_a_copy_can_be_saved_and_the_return_merges(
    qtbot, pair, served, monkeypatch, tmp_path
):
    alice, bob = pair
    monkeypatch.setattr(session_module, "HOST_GONE_S", 1.0)
    server = served("--port", "0")
    link, port = str(server.link), server.port
    join_session(qtbot, alice, link, "Alice")  # the room is empty: Alice's map goes in
    qtbot.waitUntil(lambda: alice.session.active, timeout=WAIT_MS)
    assert alice.session.shared_into_room
    join_session(qtbot, bob, link, "Bob 鲍勃")
    # Alice's map may reach the room just after Bob synced: a blank window waits for it
    qtbot.waitUntil(lambda: bob.session.active and bob.editor.doc == alice.editor.doc, timeout=WAIT_MS)
    assert bob.editor.doc == alice.editor.doc

    server.proc.send_signal(signal.SIGKILL)  # the host crashes: nobody is told
    server.proc.wait(10)
    label = bob.session.status_label
    qtbot.waitUntil(lambda: bob.session.state == "offline", timeout=WAIT_MS)
    assert label.text() == "Offline: nothing waiting to be sent"  # a blip, so far (not "0 edit(s) waiting")
    people = bob.session.presence_list.list
    if people.count() == 2:  # Alice, last seen (until awareness times her out): greyed
        alice_row = people.item(1)
        assert alice_row.text() == "Alice" and alice_row.toolTip() == "Alice: last seen before the connection was lost"
        assert alice_row.foreground().color() == people.palette().placeholderText().color()
    assert bob.session.gone_bar is None or not bob.session.gone_bar.isVisible()
    qtbot.waitUntil(lambda: bob.session.host_gone, timeout=WAIT_MS)
    since = bob.session.offline_since_text()
    assert since and label.text() == f"Host unreachable since {since}"
    bar = bob.session.gone_bar
    assert bar.isVisible() and bar.y() < bob.view.y()  # above the canvas
    assert bob.session.gone_text.text().startswith(
        f"The host cannot be reached since {since}. Your edits are kept here and merge when it is back"
    )
    assert bob.session.active  # still in the session, still retrying

    # Bob keeps working; the sentence counts what waits.
    click_card(bob, "c-wait")
    QTest.keyClick(bob.view, Qt.Key.Key_Backspace)
    assert "c-wait" not in {c.id for c in bob.editor.doc.cards}
    assert bob.session.gone_text.text().endswith("1 edit(s) made here are waiting.")
    assert label.text().endswith("· 1 edit(s) waiting")

    # Save a Copy…: the map as Bob holds it, a normal file.
    copy = tmp_path / "鲍勃的副本.cxmap"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    QTest.mouseClick(bob.session.save_copy_button, LEFT)
    assert load_file(copy) == bob.editor.doc
    assert "c-wait" not in {c.id for c in load_file(copy).cards}
    assert bob.session.active

    # The server comes back on the same port and store: both are live, Bob's edit merged.
    served("--port", str(port))
    qtbot.waitUntil(lambda: bob.session.state == "live" and alice.session.state == "live", timeout=20_000)
    assert not bob.session.host_gone and label.text().startswith("Live session") and not bar.isVisible()
    qtbot.waitUntil(lambda: "c-wait" not in {c.id for c in alice.editor.doc.cards}, timeout=WAIT_MS)
    assert bob.editor.doc == alice.editor.doc


def test_leave_from_the_host_gone_sentence_keeps_the_map(qtbot, pair, served, monkeypatch):
    alice, bob = pair
    monkeypatch.setattr(session_module, "HOST_GONE_S", 0.5)
    server = served("--port", "0")
    join_session(qtbot, alice, str(server.link), "Alice")
    qtbot.waitUntil(lambda: alice.session.active, timeout=WAIT_MS)
    join_session(qtbot, bob, str(server.link), "Bob")
    # Alice's map may reach the room just after Bob synced: a blank window waits for it
    qtbot.waitUntil(lambda: bob.session.active and bob.editor.doc == alice.editor.doc, timeout=WAIT_MS)
    cards = [c.id for c in bob.editor.doc.cards]
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(10)
    qtbot.waitUntil(lambda: bob.session.host_gone, timeout=WAIT_MS)
    QTest.mouseClick(bob.session.gone_leave_button, LEFT)
    assert not bob.session.active and not bob.session.status_label.isVisible()
    assert not bob.session.gone_bar.isVisible()
    assert bob.statusBar().currentMessage() == "Left the session: the map stays here."
    assert [c.id for c in bob.editor.doc.cards] == cards


def test_closing_the_host_window_asks_then_ends_the_session_for_everyone_who_are_told(qtbot, pair, monkeypatch):
    host, guest = pair
    boxes = MessageBoxes(monkeypatch)
    link = host.session.start("Alice", "#d62728")
    join_session(qtbot, guest, str(link), "Bob")
    qtbot.waitUntil(lambda: guest.session.active and len(host.session.presence_list.names()) == 2, timeout=WAIT_MS)
    cards = [c.id for c in guest.editor.doc.cards]
    assert not host.close()  # asked; Cancel: nothing happens
    assert boxes.named("question")[0][2].startswith("Closing this window ends the live session for everyone: 1 other")
    assert host.session.active and guest.session.active
    boxes.answers["question"] = QMessageBox.StandardButton.Close
    assert host.close()
    qtbot.waitUntil(lambda: not guest.session.active, timeout=WAIT_MS)
    assert guest.session.message_box.text().startswith("The host ended the session for everyone.")
    assert [c.id for c in guest.editor.doc.cards] == cards
    guest.session.message_box.close()
