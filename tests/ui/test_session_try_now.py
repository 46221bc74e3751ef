"""Try Now in the host-gone bar: reconnect at once instead of after the backoff (issue 14).

Two windows join a ``cxmapper serve`` process on 127.0.0.1 with Share ▸ Join Session…
(keys). The client's backoff is made long here (30 s between attempts), so that only a
click can explain a reconnection within seconds. The server is stopped: the bar comes
with "Try Now"; a click while the server is still down shows "Trying…" (the button
disabled), then the bar says when it was tried without an answer. The server starts
again on the same port and store; Bob clicks Try Now: he is live at once, the bar gone,
his offline edit in the room, while Alice, who did not click, is still waiting out her
backoff; her click brings her back too, and both hold one map.
"""

from __future__ import annotations

import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cxmapper.collab.client import CollabClient
from cxmapper.ui import session as session_module
from tests.ui.test_session_host_gone import served  # noqa: F401 (a fixture)
from tests.ui.test_session_window import LEFT, WAIT_MS, click_card, join_session, pair  # noqa: F401

LONG_BACKOFF_S = 30.0


@pytest.fixture
def long_backoff(monkeypatch):
    defaults = dict(CollabClient.__init__.__kwdefaults__)
    defaults.update(backoff_initial=LONG_BACKOFF_S, backoff_max=LONG_BACKOFF_S)
    monkeypatch.setattr(CollabClient.__init__, "__kwdefaults__", defaults)
    monkeypatch.setattr(session_module, "HOST_GONE_ATTEMPTS", 1)
    monkeypatch.setattr(session_module, "HOST_GONE_S", 0.3)


def test_try_now_says_trying_then_reconnects_at_once_when_the_server_is_back(
    qtbot, pair, served, long_backoff  # noqa: F811
):
    alice, bob = pair
    server = served("--port", "0")
    link, port = str(server.link), server.port
    join_session(qtbot, alice, link, "Alice")
    qtbot.waitUntil(lambda: alice.session.active, timeout=WAIT_MS)
    join_session(qtbot, bob, link, "Bob 鲍勃")
    # Alice's map may reach the room just after Bob synced: a blank window waits for it
    qtbot.waitUntil(lambda: bob.session.active and bob.editor.doc == alice.editor.doc, timeout=WAIT_MS)

    server.proc.send_signal(signal.SIGTERM)  # stopped
    server.proc.wait(10)
    qtbot.waitUntil(lambda: bob.session.host_gone and alice.session.host_gone, timeout=WAIT_MS)
    button = bob.session.try_button
    assert bob.session.gone_bar.isVisible() and button.isVisible()
    assert button.text() == "Try &Now" and button.isEnabled()
    click_card(bob, "c-wait")
    QTest.keyClick(bob.view, Qt.Key.Key_Backspace)  # an edit made offline
    assert bob.session.waiting == 1

    # Still down: "Trying…", then the bar says it was tried, and the button is back.
    QTest.mouseClick(button, LEFT)
    assert button.text() == "Trying…" and not button.isEnabled() and bob.session.trying
    qtbot.waitUntil(lambda: not bob.session.trying, timeout=WAIT_MS)
    assert button.text() == "Try &Now" and button.isEnabled()
    text = bob.session.gone_text.text()
    assert " Tried again at " in text and text.endswith(": no answer.") and "1 edit(s) made here are waiting." in text
    assert bob.session.state == "offline" and bob.session.gone_bar.isVisible()

    # The server is back on the same port and store: nobody notices before their backoff ends.
    served("--port", str(port))
    qtbot.wait(1500)
    assert bob.session.state == "offline" and alice.session.state == "offline"
    QTest.mouseClick(button, LEFT)
    assert button.text() == "Trying…"
    qtbot.waitUntil(lambda: bob.session.state == "live", timeout=5000)  # against a 22-38 s backoff
    assert not bob.session.gone_bar.isVisible() and not bob.session.host_gone
    assert bob.session.status_label.text().startswith("Live session")
    assert alice.session.state == "offline"  # she did not click: still waiting
    assert "c-wait" in {c.id for c in alice.editor.doc.cards}

    alice_button = alice.session.try_button
    QTest.mouseClick(alice_button, LEFT)
    qtbot.waitUntil(lambda: alice.session.state == "live", timeout=5000)
    qtbot.waitUntil(lambda: "c-wait" not in {c.id for c in alice.editor.doc.cards}, timeout=WAIT_MS)
    assert alice.editor.doc == bob.editor.doc
    assert not alice.session.gone_bar.isVisible()
    # Once live again, a later loss starts with the bar's plain sentence (no old "tried at").
    assert bob.session._tried_clock is None
