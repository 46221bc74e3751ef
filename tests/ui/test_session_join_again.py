"""Share ▸ Join Session… while this window is in a session already (issue 14).

Alice hosts session A on her map; Bob hosts session B on his own. Bob joins A from his
window (Share ▸ Join Session…, keys): A opens in a new window, joined, with Alice's map,
and Bob's first window is still the host of B, live, its link and map unchanged. Alice
sees Bob in A; a card Bob deletes in the new window goes to A only. Joining A once more
(from either of Bob's windows) opens no third window: the one already in A is brought
to the front and says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxmapper.ui.mainwindow import MainWindow
from cxmapper.ui.session_dialogs import JoinSessionDialog
from tests.ui.shell_support import sample_document
from tests.ui.test_session_window import (  # noqa: F401 (pair is a fixture)
    WAIT_MS,
    activate,
    click_card,
    join_session,
    open_share_item,
    pair,
    start_session,
)


def main_windows() -> set[MainWindow]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and not w.isHidden()}


def test_join_while_in_a_session_opens_the_other_session_in_a_new_window(qtbot, pair):
    alice, bob = pair
    link_a = start_session(qtbot, alice, "Alice")
    draft = sample_document()
    bob.set_document(draft.model_copy(update={"meta": draft.meta.model_copy(update={"title": "鲍勃的地图"})}), None)
    link_b = start_session(qtbot, bob, "Bob")
    assert link_a != link_b and bob.session.hosting
    # Share ▸ Join Session… is offered in a session now (it was greyed).
    assert bob.session.join_action.isEnabled()
    before = main_windows()
    dialog = join_session(qtbot, bob, link_a, "Bob")
    joined = None
    try:
        qtbot.waitUntil(lambda: bob.session.joined_window is not None, timeout=WAIT_MS)
        joined = bob.session.joined_window
        assert not dialog.isVisible()
        assert main_windows() - before == {joined}
        assert joined.session.active and not joined.session.hosting and str(joined.session.link) == link_a
        assert joined.editor.doc.meta.title == "银行开户"
        # The first window is still the host of B, its map as it was.
        assert bob.session.active and bob.session.hosting and str(bob.session.link) == link_b
        assert bob.editor.doc.meta.title == "鲍勃的地图" and bob.session.state == "live"
        qtbot.waitUntil(lambda: sorted(alice.session.presence_list.names()) == ["Alice (you)", "Bob"], timeout=WAIT_MS)
        assert bob.session.presence_list.names() == ["Bob (you)"]  # B: nobody else came
        # An edit in the new window goes to A, not to B.
        activate(qtbot, joined)
        click_card(joined, "c-wait")
        QTest.keyClick(joined.view, Qt.Key.Key_Backspace)
        qtbot.waitUntil(lambda: "c-wait" not in {c.id for c in alice.editor.doc.cards}, timeout=WAIT_MS)
        assert "c-wait" in {c.id for c in bob.editor.doc.cards}
        assert joined.session.join_action.isEnabled()

        # A again, from the first window: no third window, the one in A comes to the front.
        count = len(main_windows())
        activate(qtbot, bob)
        open_share_item(bob, "J")
        again = [w for w in QApplication.topLevelWidgets() if isinstance(w, JoinSessionDialog) and w.isVisible()]
        assert len(again) == 1
        again[0].link_edit.setText(link_a)
        QTest.keyClick(again[0].link_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not again[0].isVisible(), timeout=WAIT_MS)
        assert len(main_windows()) == count and bob.session.joined_window is joined
        qtbot.waitUntil(lambda: QApplication.activeWindow() is joined, timeout=WAIT_MS)
        assert joined.statusBar().currentMessage() == "This window is already in that session."
        assert len(alice.session.presence_list.names()) == 2
    finally:
        if joined is not None:
            joined.session.shutdown()
            joined.undo_stack.setClean()
            joined.close()
