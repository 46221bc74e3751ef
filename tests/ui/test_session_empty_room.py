"""A fresh room of ``cxmapper serve`` (no map yet): a new window's blank map never goes
in; the map arrives with the first person who brings one (issue 14).

Before: the first participants to join with a new window each put its blank template
in (stages twice when two joined at once), and the facilitator who joined after them
with the workshop's map found the room taken by a template: their map did not go in.
Two new windows and one with a map, all joining with Share ▸ Join Session… (keys).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from tests.ui.shell_support import open_window
from tests.ui.test_session_host_gone import served  # noqa: F401  (the fixture)
from tests.ui.test_session_window import WAIT_MS, join_session, sample_document


@pytest.fixture
def three(qtbot, monkeypatch, tmp_path):
    blank_a, _ = open_window(qtbot, monkeypatch, tmp_path)
    blank_b, _ = open_window(qtbot, monkeypatch, tmp_path)
    bearer, _ = open_window(qtbot, monkeypatch, tmp_path)
    bearer.set_document(sample_document(), None)
    yield blank_a, blank_b, bearer
    for window in (blank_a, blank_b, bearer):
        window.session.shutdown()
        window.undo_stack.setClean()


def test_blank_windows_wait_for_the_map_and_the_bearer_brings_it(qtbot, three, served):  # noqa: F811
    blank_a, blank_b, bearer = three
    assert blank_a.is_pristine() and not blank_a.editor.doc.cards and blank_a.editor.doc.stages
    server = served("--port", "0")  # a fresh store: its room holds no map
    link = str(server.link)

    for window, name in ((blank_a, "Anna"), (blank_b, "李雷")):
        join_session(qtbot, window, link, name)
        qtbot.waitUntil(lambda w=window: w.session.active, timeout=WAIT_MS)
        assert not window.session.shared_into_room
        assert window.editor.doc.stages == [] and window.editor.doc.cards == []
        assert "no map yet" in window.statusBar().currentMessage()

    # The facilitator's window holds the workshop's map (opened, not edited): it joins
    # in that window and the map goes into the empty room.
    join_session(qtbot, bearer, link, "Facilitator")
    qtbot.waitUntil(lambda: bearer.session.active, timeout=WAIT_MS)
    assert bearer.session.shared_into_room
    joined = bearer
    expected = sample_document()
    for window in (blank_a, blank_b):
        qtbot.waitUntil(lambda w=window: len(w.editor.doc.cards) == len(expected.cards), timeout=WAIT_MS)
        QCoreApplication.processEvents()
        # one copy of the map: its stages once, not a template's beside them
        assert [s.name for s in window.editor.doc.stages] == [s.name for s in expected.stages]
        assert window.editor.doc == joined.editor.doc
    assert len(window.scene._cards) == len(expected.cards)  # and the canvas shows it
